//! Property tests: the CV's invariants, and loaders that never panic on arbitrary bytes.

use junheng::evaluate::{evaluate, weighted_cv};
use junheng::io::{load_bytes, ImportOptions};
use junheng::model::{Dataset, Field, Level, School, SchoolKind};
use junheng::Standard;
use proptest::prelude::*;

fn schools() -> impl Strategy<Value = Vec<(u32, f64)>> {
    // (students, resource) for 1..40 schools.
    prop::collection::vec((1u32..3000, 0.0f64..1e6), 1..40)
}

fn stats(pairs: &[(u32, f64)]) -> junheng::evaluate::CvStats {
    weighted_cv(pairs.iter().map(|&(p, r)| (p as f64, r / p as f64)))
}

/// The weighted CV of STANDARD.md written out here, independently of the library: each school's
/// value x = resource ÷ students, weights P_i ÷ P, X̄ = Σ R ÷ Σ P, S = √(Σ (P_i÷P)(x_i − X̄)²),
/// CV = S ÷ X̄ (0 when X̄ is 0).
fn independent_cv(pairs: &[(u32, f64)]) -> f64 {
    let total_p: f64 = pairs.iter().map(|&(p, _)| f64::from(p)).sum();
    let total_r: f64 = pairs.iter().map(|&(_, r)| r).sum();
    let mean = total_r / total_p;
    let var: f64 = pairs
        .iter()
        .map(|&(p, r)| {
            let x = r / f64::from(p);
            f64::from(p) / total_p * (x - mean) * (x - mean)
        })
        .sum();
    if mean > 0.0 {
        var.sqrt() / mean
    } else {
        0.0
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-12) + 1e-12
}

proptest! {
    #[test]
    fn cv_is_unchanged_when_every_resource_is_scaled(pairs in schools(), factor in 0.001f64..1000.0) {
        let a = stats(&pairs);
        let scaled: Vec<(u32, f64)> = pairs.iter().map(|&(p, r)| (p, r * factor)).collect();
        let b = stats(&scaled);
        prop_assume!(a.mean > 0.0);
        prop_assert!(close(a.cv, b.cv), "{} vs {}", a.cv, b.cv);
        prop_assert!(close(a.mean * factor, b.mean));
    }

    #[test]
    fn cv_is_unchanged_when_schools_are_reordered(pairs in schools(), seed in any::<u64>()) {
        let mut shuffled = pairs.clone();
        // A deterministic shuffle from the seed.
        let mut s = seed | 1;
        for i in (1..shuffled.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            shuffled.swap(i, (s % (i as u64 + 1)) as usize);
        }
        let (a, b) = (stats(&pairs), stats(&shuffled));
        prop_assert!(close(a.cv, b.cv), "{} vs {}", a.cv, b.cv);
        prop_assert!(close(a.sd, b.sd));
    }

    #[test]
    fn cv_is_zero_when_all_values_are_equal(students in prop::collection::vec(1u32..3000, 1..40), value in 0.0f64..1e5) {
        let s = weighted_cv(students.iter().map(|&p| (p as f64, value)));
        prop_assert!(s.cv.abs() < 1e-9, "cv {}", s.cv);
        prop_assert!(close(s.mean, value));
    }

    #[test]
    fn weighted_mean_is_total_resource_over_total_students(pairs in schools()) {
        let s = stats(&pairs);
        let total_r: f64 = pairs.iter().map(|&(_, r)| r).sum();
        let total_p: f64 = pairs.iter().map(|&(p, _)| p as f64).sum();
        prop_assert!(close(s.mean, total_r / total_p), "{} vs {}", s.mean, total_r / total_p);
        prop_assert!(s.sd >= 0.0 && s.cv >= 0.0);
    }

    /// The whole evaluator against the formula written out independently in this file:
    /// equipment value per student.
    #[test]
    fn evaluator_cv_matches_the_formula(pairs in schools()) {
        let standard = Standard::national_2017();
        let data = Dataset {
            schools: pairs.iter().enumerate().map(|(i, &(p, r))| {
                School::new(format!("S{i}"), format!("S{i}"), SchoolKind::Primary)
                    .with(Field::StudentsPrimary, p as f64)
                    .with(Field::EquipmentValueYuan, r)
            }).collect(),
            ..Dataset::default()
        };
        let ev = evaluate(&data, &standard);
        let k = standard.indicators.iter().position(|i| i.key() == "equipment_value_per_student").unwrap_or(0);
        let cv = &ev.cv_of(Level::Primary)[k];
        let expected = independent_cv(&pairs);
        prop_assert!(
            (cv.cv - expected).abs() <= 1e-9 * expected.max(1e-6),
            "evaluator {} vs formula {}", cv.cv, expected
        );
        prop_assert_eq!(ev.units.len(), pairs.len());
    }
}

fn sample_xlsx() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["学校标识码", "学校名称", "学校类型", "小学在校生数"]
        .iter()
        .enumerate()
    {
        let _ = ws.write_string(0, c as u16, *h);
    }
    let _ = ws.write_string(1, 0, "S1");
    let _ = ws.write_string(1, 1, "一小");
    let _ = ws.write_string(1, 2, "小学");
    let _ = ws.write_number(1, 3, 300.0);
    wb.save_to_buffer().unwrap_or_default()
}

fn load_any(bytes: &[u8], name: &str) -> bool {
    let standard = Standard::national_2017();
    load_bytes(bytes, name, &standard, &ImportOptions::default()).is_ok()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    /// Arbitrary bytes under every extension: an error or a dataset, never a panic.
    #[test]
    fn loaders_never_panic_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        for name in ["a.csv", "a.xlsx", "a.xls", "a.ods", "a.json", "a.txt"] {
            let _ = load_any(&bytes, name);
        }
    }

    /// Text that looks like CSV, with random cells, never panics.
    #[test]
    fn csv_loader_never_panics_on_random_cells(cells in prop::collection::vec("[0-9a-z小学初中,\"\\n\\-\\.]{0,12}", 0..200)) {
        let mut text = String::from("学校标识码,学校名称,学校类型,小学在校生数,教学仪器设备值（万元）\n");
        text.push_str(&cells.join(","));
        let _ = load_any(text.as_bytes(), "a.csv");
        let _ = load_any(text.as_bytes(), "a.json");
    }

    /// A real xlsx with bytes flipped: calamine's errors are caught and reported.
    #[test]
    fn xlsx_loader_never_panics_on_damaged_workbooks(flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..16)) {
        let mut bytes = sample_xlsx();
        prop_assume!(!bytes.is_empty());
        for (at, b) in flips {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        let _ = load_any(&bytes, "a.xlsx");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    /// The scenario parser and apply on random changes (random ops, schools, fields, numbers):
    /// an error naming the change, or a dataset — never a panic, never a value beyond any school.
    #[test]
    fn scenarios_never_panic_and_never_leave_impossible_values(
        changes in prop::collection::vec(
            (0usize..7, "S0[0-9]|J0[0-9]|N1|X", 0usize..6, prop_oneof![Just(f64::NAN), Just(1e308), -1e6f64..1e6]),
            0..12,
        )
    ) {
        let fields = ["backbone_primary", "students_primary", "sports_area_m2", "equipment_value_yuan", "classes_junior", "nonsense"];
        let items: Vec<String> = changes.iter().map(|(op, id, f, x)| {
            let x = if x.is_finite() { format!("{x}") } else { "1e999".into() };
            let field = fields[*f];
            match op {
                0 => format!(r#"{{"op": "add", "school_id": "{id}", "field": "{field}", "amount": {x}}}"#),
                1 => format!(r#"{{"op": "set", "school_id": "{id}", "field": "{field}", "value": {x}}}"#),
                2 => format!(r#"{{"op": "move_students", "from": "{id}", "to": "S01", "section": "primary", "count": {x}}}"#),
                3 => format!(r#"{{"op": "new_school", "school": {{"school_id": "{id}", "name": "新", "kind": "primary", "{field}": {x}}}}}"#),
                4 => format!(r#"{{"op": "merge", "school_ids": ["{id}", "S02"], "into": {{"school_id": "{id}", "name": "合", "kind": "nine_year"}}}}"#),
                5 => format!(r#"{{"op": "close", "school_id": "{id}", "students_to": "S03"}}"#),
                _ => format!(r#"{{"op": "add", "school_id": "{id}", "field": "{field}", "ammount": {x}}}"#),
            }
        }).collect();
        let text = format!(r#"{{"name": "p", "changes": [{}]}}"#, items.join(","));
        let standard = Standard::national_2017();
        let data = junheng::sample::load(&standard).map(|i| i.dataset).unwrap_or_default();
        if let Ok(sc) = junheng::scenario::Scenario::from_json(&text) {
            if let Ok(d) = junheng::scenario::apply(&data, &sc) {
                for s in &d.schools {
                    for &f in Field::ALL {
                        let v = s.value(f);
                        prop_assert!(v.is_finite() && v >= 0.0 && v <= f.measure().max(), "{} {} = {v}", s.id, f.key());
                    }
                }
                let ev = evaluate(&d, &standard);
                for level in Level::BOTH {
                    for cv in ev.cv_of(level) {
                        prop_assert!(cv.cv.is_finite());
                    }
                }
            }
        }
    }
}
