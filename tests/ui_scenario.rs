//! The change form's side effects (egui_kittest): closing a school shows, before it is added,
//! what it does to the school that takes its students.

use egui_kittest::kittest::Queryable;

mod common;
use common::ui::*;

#[test]
fn closing_a_school_shows_what_it_does_to_the_school_that_takes_its_students() {
    let mut h = harness();
    click(&mut h, "方案");
    click(&mut h, "新建方案");
    click(&mut h, "撤并学校");
    {
        let form = &mut h.state_mut().view.change_form;
        // 西坪小学 (190 students) into 河口镇中心小学 (642, 6 of 7): its teachers per 100
        // students fall under the 85 % floor.
        form.school = "S09".into();
        form.other = "S05".into();
    }
    h.run_steps(3);
    assert!(has_label(&h, "撤并后："));
    // Computed from the data: the same as applying the change and evaluating.
    let standard = junheng::Standard::national_2017();
    let data = junheng::sample::load(&standard).expect("sample").dataset;
    let after = junheng::scenario::apply(
        &data,
        &junheng::scenario::Scenario {
            name: String::new(),
            changes: vec![junheng::scenario::Change::Close {
                school_id: "S09".into(),
                students_to: "S05".into(),
            }],
            years: Vec::new(),
        },
    )
    .expect("applies");
    let ev = junheng::evaluate::evaluate(&after, &standard);
    let s05 = ev.units.iter().find(|u| u.school_id == "S05").expect("S05");
    assert!(!s05.passes);
    assert_eq!(s05.met_count, 1, "6 of 7 drop to 1 of 7");
    let line = format!(
        "河口镇中心小学 · 小学：达标 6/7 → {}/7，变为未达标",
        s05.met_count
    );
    assert!(has_label(&h, &line), "{line}");
    // Nothing is applied until 添加.
    assert!(h.state().workspace.scenarios[0].changes.is_empty());
    // A change the data refuses says why instead: a school into itself.
    h.state_mut().view.change_form.other = "S09".into();
    h.run_steps(3);
    let refused = junheng::scenario::apply(
        &data,
        &junheng::scenario::Scenario {
            name: String::new(),
            changes: vec![junheng::scenario::Change::Close {
                school_id: "S09".into(),
                students_to: "S09".into(),
            }],
            years: Vec::new(),
        },
    )
    .expect_err("a school cannot take its own students")
    .message(true);
    assert!(has_label(&h, &refused), "{refused}");
}

#[test]
fn unit_costs_read_as_whole_yuan_with_thousands() {
    let mut h = harness();
    click(&mut h, "方案");
    // Each value after its prefix (一次性 / 每年).
    let shown: Vec<String> = h
        .query_all_by_role(eframe::egui::accesskit::Role::SpinButton)
        .filter_map(|n| n.value())
        .filter_map(|v| v.rsplit(' ').next().map(str::to_string))
        .collect();
    for cost in ["90,000", "100,000", "20,000", "3,000", "600", "1", "50,000"] {
        assert!(shown.contains(&cost.to_string()), "{cost} in {shown:?}");
    }
    assert!(!shown.iter().any(|v| v.ends_with(".00")), "{shown:?}");
    // Each field has its cost once and every year: a teacher's salary recurs, a m² is built once.
    let field = |f: junheng::Field| format!("{}（{}）", f.zh_headers()[0], f.unit_zh());
    let values = |h: &egui_kittest::Harness<'static, junheng::app::JunhengApp>, f| -> Vec<String> {
        h.query_all_by_role_and_label(eframe::egui::accesskit::Role::SpinButton, &field(f))
            .filter_map(|n| n.value())
            .collect()
    };
    assert_eq!(
        values(&h, junheng::Field::QualifiedPrimary),
        ["一次性 0", "每年 90,000"]
    );
    assert_eq!(
        values(&h, junheng::Field::SportsAreaM2),
        ["一次性 600", "每年 0"]
    );
    h.state().command(junheng::app::Command::SetCost(
        junheng::Field::QualifiedPrimary,
        junheng::scenario::UnitCost {
            once: 5_000.0,
            per_year: 90_000.0,
        },
    ));
    h.run_steps(3);
    assert_eq!(
        values(&h, junheng::Field::QualifiedPrimary),
        ["一次性 5,000", "每年 90,000"]
    );
    assert_eq!(
        h.state().history.undo_label(),
        Some("单价：小学高于规定学历教师数 = 5000 + 90000/年")
    );
}

/// 交流轮岗 from the form, dated: the change and its year land in the scenario and its list.
#[test]
fn a_dated_transfer_is_added_from_the_form() {
    use junheng::model::{Field, Level};
    let mut h = harness();
    click(&mut h, "方案");
    click(&mut h, "新建方案");
    click(&mut h, "交流轮岗");
    {
        let form = &mut h.state_mut().view.change_form;
        form.school = "S01".into();
        form.other = "S07".into();
        form.section = Level::Primary;
        form.amount = 2.0;
        form.transfer_fields = vec![Field::TeachersPrimary, Field::BackbonePrimary];
        form.year = Some(2026);
    }
    h.run_steps(3);
    h.get_all_by_label("添加")
        .next()
        .expect("the add button")
        .click();
    h.run_steps(3);
    let sc = &h.state().workspace.scenarios[0];
    assert_eq!(
        sc.changes,
        vec![junheng::scenario::Change::Transfer {
            from: "S01".into(),
            to: "S07".into(),
            count: 2.0,
            fields: vec!["teachers_primary".into(), "backbone_primary".into()],
        }]
    );
    assert_eq!(sc.year_of(0), Some(2026));
    assert!(has_label(
        &h,
        "1. 交流轮岗：城关第一小学 → 石门乡中心小学，2 名教师（小学专任教师数、小学县级及以上骨干教师数）（2026 年起）"
    ));
}
