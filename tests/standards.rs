//! Other standards: the 2012 basic-balance standard (8 indicators, composite CV) and edited copies.

use junheng::evaluate::evaluate;
use junheng::model::{Field, Level, SchoolKind};
use junheng::{sample, Standard};

fn basic_2012() -> Standard {
    Standard::builtin("basic-2012").expect("the 2012 standard is built in")
}

#[test]
fn the_2012_standard_has_its_eight_indicators_and_composite_limits() {
    let s = basic_2012();
    let keys: Vec<&str> = s.indicators.iter().map(|i| i.key()).collect();
    assert_eq!(
        keys,
        [
            "teaching_area_per_student",
            "sports_area_per_student",
            "equipment_value_per_student",
            "computers_per_100",
            "books_per_student",
            "teachers_per_100",
            "qualified_teachers_per_100",
            "mid_title_teachers_per_100"
        ]
    );
    assert_eq!(s.composite_limit(Level::Primary), Some(0.65));
    assert_eq!(s.composite_limit(Level::Junior), Some(0.55));
    // No per-school thresholds: only the CVs decide.
    assert!(!s.judges_sections(Level::Primary) && !s.judges_sections(Level::Junior));
    assert!(s.is_builtin());
    // The new columns are data fields with Chinese headers.
    for (key, header) in [
        ("computers", "计算机台数"),
        ("books", "图书册数"),
        ("mid_title_primary", "小学中级及以上专业技术职务教师数"),
        ("mid_title_junior", "初中中级及以上专业技术职务教师数"),
    ] {
        assert_eq!(
            Field::from_key(key).expect("a field").zh_headers()[0],
            header
        );
    }
}

/// The enrolment-weighted CV computed here from the raw rows, independently of the library.
fn weighted_cv(pairs: &[(f64, f64)]) -> f64 {
    let p: f64 = pairs.iter().map(|(w, _)| w).sum();
    let mean: f64 = pairs.iter().map(|(w, x)| w * x).sum::<f64>() / p;
    let var: f64 = pairs.iter().map(|(w, x)| w / p * (x - mean).powi(2)).sum();
    var.sqrt() / mean
}

#[test]
fn a_county_under_2012_gets_the_mean_of_its_eight_cvs_against_065_and_055() {
    let s = basic_2012();
    let data = sample::load(&s)
        .expect("the sample has the 2012 columns")
        .dataset;
    let ev = evaluate(&data, &s);

    // 2012 practice leaves teaching points out.
    let points = data
        .schools
        .iter()
        .filter(|x| x.kind == SchoolKind::TeachingPoint)
        .count();
    assert_eq!(points, 4);
    assert!(ev.excluded.len() >= points);

    for level in [Level::Primary, Level::Junior] {
        let cvs = ev.cv_of(level);
        assert_eq!(cvs.len(), 8);
        let c = ev.composite[level as usize]
            .as_ref()
            .expect("a composite CV");
        let mean = cvs.iter().map(|r| r.cv).sum::<f64>() / 8.0;
        assert!(
            (c.cv - mean).abs() < 1e-12,
            "composite {} mean {mean}",
            c.cv
        );
        let limit = if level == Level::Primary { 0.65 } else { 0.55 };
        assert_eq!(c.limit, limit);
        assert_eq!(c.met, c.cv <= limit);
        // No thresholds: every section passes, so only the composite decides the level.
        assert_eq!(ev.summary_of(level).passing, ev.summary_of(level).units);
        assert_eq!(ev.summary_of(level).cv_rule_met, c.met);
    }
    assert_eq!(
        ev.resource_allocation_met,
        ev.composite.iter().flatten().all(|c| c.met)
    );

    // Books per student, primary, computed from the rows: S11 (nine-year) shares its books
    // by weighted enrolment 1 : 1.1.
    let pairs: Vec<(f64, f64)> = data
        .schools
        .iter()
        .filter(|x| matches!(x.kind, SchoolKind::Primary | SchoolKind::NineYear))
        .map(|x| {
            let p = x.value(Field::StudentsPrimary);
            let j = if x.kind == SchoolKind::NineYear {
                x.value(Field::StudentsJunior)
            } else {
                0.0
            };
            let share = p / (p + 1.1 * j);
            (p, x.value(Field::Books) * share / p)
        })
        .collect();
    assert_eq!(pairs.len(), 11);
    let k = s
        .indicators
        .iter()
        .position(|i| i.key() == "books_per_student")
        .expect("books");
    let expected = weighted_cv(&pairs);
    let got = ev.cv_of(Level::Primary)[k].cv;
    assert!((got - expected).abs() < 1e-12, "{got} vs {expected}");
    assert_eq!(format!("{got:.4}"), format!("{expected:.4}"));
}

#[test]
fn the_composite_limit_decides_even_when_one_indicator_cv_is_high() {
    // Three primary schools: very unequal books, everything else equal. One CV far above 0.65,
    // the mean of eight still under it.
    let csv = "学校标识码,学校名称,学校类型,小学在校生数,小学专任教师数,小学高于规定学历教师数,\
小学中级及以上专业技术职务教师数,教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,计算机台数,图书册数\n\
A,甲小学,小学,100,6,5,3,500,800,200000,10,100\n\
B,乙小学,小学,100,6,5,3,500,800,200000,10,100\n\
C,丙小学,小学,100,6,5,3,500,800,200000,10,8000\n";
    let s = basic_2012();
    let data = junheng::io::load_bytes(
        csv.as_bytes(),
        "three.csv",
        &s,
        &junheng::io::ImportOptions::default(),
    )
    .expect("loads")
    .dataset;
    let ev = evaluate(&data, &s);
    let k = 4;
    let books = ev.cv_of(Level::Primary)[k].cv;
    // Books per student 1, 1, 80: mean 27.333, SD 37.242, CV 1.3625.
    assert_eq!(format!("{books:.4}"), "1.3625");
    assert!(!ev.cv_of(Level::Primary)[k].met);
    let c = ev.composite[0].as_ref().expect("composite");
    assert_eq!(format!("{:.4}", c.cv), format!("{:.4}", books / 8.0));
    assert!(c.met);
    assert!(ev.resource_allocation_met);

    // Under a copy with a stricter composite limit the same county fails.
    let mut def = s.def.clone();
    def.id = "basic-2012-strict".into();
    def.cv.composite_limit = Some(junheng::standard::PerLevel {
        primary: 0.15,
        junior: 0.55,
    });
    let strict = Standard::from_def(def).expect("valid");
    assert!(!strict.is_builtin());
    let ev = evaluate(&data, &strict);
    assert!(!ev.composite[0].as_ref().expect("composite").met);
    assert!(!ev.resource_allocation_met);
}

#[test]
fn a_threshold_of_zero_is_allowed_but_a_negative_one_is_not() {
    let mut def = Standard::national_2017().def;
    def.indicators[0].threshold.primary = 0.0;
    assert!(Standard::from_def(def.clone()).is_ok());
    def.indicators[0].threshold.primary = -1.0;
    let err = Standard::from_def(def).expect_err("refused").to_string();
    assert!(err.contains("threshold.primary"), "{err}");
}

#[test]
fn missing_columns_for_a_standard_are_counted() {
    // The national data of the sample minus the 2012 columns: the 2012 standard names them.
    let s17 = Standard::national_2017();
    let mut data = sample::load(&s17).expect("loads").dataset;
    for school in &mut data.schools {
        school.values.set(Field::Books, f64::NAN);
    }
    let missing = basic_2012().missing_in(&data);
    // 11 primary sections and 5 junior sections (S11 has both) lack books.
    assert_eq!(missing, vec![(Field::Books, 16)]);
    assert!(s17.missing_in(&data).is_empty());
}

#[test]
fn the_2012_report_carries_the_composite_cv() {
    use calamine::{open_workbook_auto, Data, Reader};
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("2012.xlsx");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_junheng"))
        .args(["report", "--sample", "--standard", "basic-2012", "--out"])
        .arg(&out)
        .status()
        .expect("runs");
    assert!(status.success());
    let mut wb = open_workbook_auto(&out).expect("opens");
    let summary = wb.worksheet_range("汇总").expect("summary sheet");
    let s = basic_2012();
    let ev = evaluate(&sample::load(&s).expect("sample").dataset, &s);
    for (row, level) in [(7u32, Level::Primary), (8, Level::Junior)] {
        assert_eq!(
            summary.get_value((row, 5)),
            Some(&Data::String("综合差异系数".into()))
        );
        let Some(Data::Float(v)) = summary.get_value((row, 6)) else {
            panic!("a number at row {row}");
        };
        let c = ev.composite[level as usize].as_ref().expect("composite");
        assert!((v - c.cv).abs() < 1e-9);
    }
}

#[test]
fn the_editor_changes_a_guarantee_threshold_and_the_class_size_verdict_follows() {
    use junheng::app::views::standard::Draft;
    use junheng::evaluate::conditions::{evaluate_conditions, Condition};
    let s = Standard::national_2017();
    let data = sample::load(&s).expect("sample").dataset;
    let s01_class_ok = |st: &Standard| {
        evaluate_conditions(&data, st)
            .iter()
            .find(|c| c.school_id == "S01")
            .expect("S01")
            .results
            .iter()
            .find(|r| r.condition == Condition::ClassSize)
            .expect("class size")
            .lacks
            .is_empty()
    };
    assert!(!s01_class_ok(&s), "52 > 45");
    let mut draft = Draft::of(&s.def);
    assert_eq!(draft.conditions[5], "45");
    draft.conditions[5] = "55".into();
    let def = draft
        .to_def(junheng::i18n::Tr(junheng::i18n::Lang::Zh))
        .expect("valid");
    assert_eq!(def.school_conditions.max_class.primary, 55.0);
    let province = Standard::from_def(def).expect("valid standard");
    assert!(s01_class_ok(&province), "52 ≤ 55 under the province's copy");
    // A typo is refused with the field named, and nothing is applied.
    draft.conditions[5] = "五十".into();
    let bad = draft
        .to_def(junheng::i18n::Tr(junheng::i18n::Lang::Zh))
        .expect_err("refused");
    assert!(bad[0].contains("小学最大班额"), "{bad:?}");
}
