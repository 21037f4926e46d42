//! What-if changes on real numbers, refusal with nothing applied, and costs.

use junheng::evaluate::evaluate;
use junheng::model::{Field, Level, SchoolKind};
use junheng::scenario::{apply, cost_of, Change, ChangeProblem, CostTable, MergeInto, Scenario};
use junheng::{sample, Dataset, Standard};

fn sample_data() -> Dataset {
    sample::load(&Standard::national_2017())
        .expect("sample loads")
        .dataset
}

fn add(id: &str, field: &str, amount: f64) -> Change {
    Change::Add {
        school_id: id.into(),
        field: field.into(),
        amount,
    }
}

fn scenario(changes: Vec<Change>) -> Scenario {
    Scenario {
        name: "测试".into(),
        changes,
        years: Vec::new(),
    }
}

#[test]
fn adding_backbone_teachers_turns_a_school_green() {
    let standard = Standard::national_2017();
    let data = sample_data();
    let before = evaluate(&data, &standard);
    let s02 = |ev: &junheng::Evaluation| {
        ev.units
            .iter()
            .find(|u| u.school_id == "S02")
            .expect("S02")
            .clone()
    };
    assert!(
        !s02(&before).passes,
        "S02 misses backbone teachers and sports area"
    );
    // 1,280 students: 12.8 backbone teachers needed, 11 held → +2; sports 5.39 < 6.375 → set.
    let sc = scenario(vec![
        add("S02", "backbone_primary", 2.0),
        Change::Set {
            school_id: "S02".into(),
            field: "sports_area_m2".into(),
            value: 9_000.0,
        },
    ]);
    let changed = apply(&data, &sc).expect("applies");
    let after = evaluate(&changed, &standard);
    let u = s02(&after);
    assert_eq!(u.indicators[1].value, 13.0 / 1280.0 * 100.0);
    assert!(u.indicators[1].met);
    assert!(u.passes);
    assert_eq!(
        after.summary_of(Level::Primary).passing,
        before.summary_of(Level::Primary).passing + 1
    );
    // The baseline is untouched.
    assert_eq!(
        data.school("S02")
            .expect("S02")
            .value(Field::BackbonePrimary),
        11.0
    );
    // Cost at the default unit costs: 2 × 20,000 + (9,000 − 6,900) × 600.
    let report = cost_of(&data, &sc, &CostTable::default());
    assert_eq!(report.total, 2.0 * 20_000.0 + 2_100.0 * 600.0);
    assert_eq!(report.per_school, vec![("S02".to_string(), report.total)]);
    assert_eq!(report.per_field.len(), 2);
}

#[test]
fn moving_students_changes_both_schools() {
    let data = sample_data();
    let sc = scenario(vec![Change::MoveStudents {
        from: "S01".into(),
        to: "S03".into(),
        section: Level::Primary,
        count: 200.0,
    }]);
    let changed = apply(&data, &sc).expect("applies");
    assert_eq!(
        changed.school("S01").expect("S01").students(Level::Primary),
        1250.0
    );
    assert_eq!(
        changed.school("S03").expect("S03").students(Level::Primary),
        1320.0
    );
    let total = |d: &Dataset| {
        d.schools
            .iter()
            .map(|s| s.students(Level::Primary))
            .sum::<f64>()
    };
    assert_eq!(total(&changed), total(&data));
    let ev = evaluate(&changed, &Standard::national_2017());
    let s01 = ev.units.iter().find(|u| u.school_id == "S01").expect("S01");
    assert!((s01.indicators[4].value - 9400.0 / 1250.0).abs() < 1e-12);
    // Moving more than a school has is refused.
    let err = apply(
        &data,
        &scenario(vec![Change::MoveStudents {
            from: "S10".into(),
            to: "S03".into(),
            section: Level::Primary,
            count: 121.0,
        }]),
    )
    .expect_err("S10 has 120");
    assert!(matches!(err.problem, ChangeProblem::Negative { .. }));
}

#[test]
fn a_new_school_with_only_students_fails_every_indicator() {
    let standard = Standard::national_2017();
    let data = sample_data();
    let record = serde_json::json!({"school_id": "N1", "name": "银杏小学", "kind": "primary", "students_primary": 1080});
    let sc = scenario(vec![Change::NewSchool {
        school: record.as_object().expect("object").clone(),
    }]);
    let changed = apply(&data, &sc).expect("applies");
    assert_eq!(changed.schools.len(), data.schools.len() + 1);
    let ev = evaluate(&changed, &standard);
    let n1 = ev.units.iter().find(|u| u.school_id == "N1").expect("N1");
    assert_eq!(n1.students, 1080.0);
    assert_eq!(n1.met_count, 0);
    assert!(n1.indicators.iter().all(|r| r.value == 0.0 && !r.met));
    assert!(!n1.passes);
    assert_eq!(cost_of(&data, &sc, &CostTable::default()).total, 0.0);
}

#[test]
fn a_merge_sums_counts_and_recomputes_the_split() {
    let standard = Standard::national_2017();
    let data = sample_data();
    // Merge 西坪小学 (primary, 190) into 石门乡初级中学 (junior, 260) as a nine-year school.
    let sc = scenario(vec![Change::Merge {
        school_ids: vec!["J04".into(), "S09".into()],
        into: MergeInto {
            school_id: "J04".into(),
            name: "石门乡九年一贯制学校".into(),
            kind: SchoolKind::NineYear,
        },
    }]);
    let changed = apply(&data, &sc).expect("applies");
    assert_eq!(changed.schools.len(), data.schools.len() - 1);
    assert!(changed.school("S09").is_none());
    let m = changed.school("J04").expect("merged");
    assert_eq!(m.kind, SchoolKind::NineYear);
    assert_eq!(m.name, "石门乡九年一贯制学校");
    let j04 = data.school("J04").expect("J04");
    let s09 = data.school("S09").expect("S09");
    for f in [
        Field::SportsAreaM2,
        Field::TeachingAreaM2,
        Field::EquipmentValueYuan,
    ] {
        assert_eq!(m.value(f), j04.value(f) + s09.value(f), "{f:?} adds up");
    }
    assert_eq!(m.students(Level::Primary), 190.0);
    assert_eq!(m.students(Level::Junior), 260.0);
    assert_eq!(m.value(Field::BackbonePrimary), 2.0);
    let ev = evaluate(&changed, &standard);
    let sections: Vec<_> = ev.units.iter().filter(|u| u.school_id == "J04").collect();
    assert_eq!(sections.len(), 2, "a nine-year school has two sections");
    let p = sections
        .iter()
        .find(|u| u.level == Level::Primary)
        .expect("primary");
    let share = 190.0 / (190.0 + 1.1 * 260.0);
    assert!((p.share - share).abs() < 1e-12);
    let sports = j04.value(Field::SportsAreaM2) + s09.value(Field::SportsAreaM2);
    assert!((p.indicators[4].value - sports * share / 190.0).abs() < 1e-9);
    // Merging into a kind without a junior section is refused.
    let bad = scenario(vec![Change::Merge {
        school_ids: vec!["J04".into(), "S09".into()],
        into: MergeInto {
            school_id: "J04".into(),
            name: "x".into(),
            kind: SchoolKind::Primary,
        },
    }]);
    assert!(matches!(
        apply(&data, &bad)
            .expect_err("primary cannot hold junior students")
            .problem,
        ChangeProblem::NoSuchSection { .. }
    ));
}

#[test]
fn closing_a_school_moves_its_students_and_repoints_teaching_points() {
    let data = sample_data();
    let sc = scenario(vec![Change::Close {
        school_id: "S05".into(),
        students_to: "S04".into(),
    }]);
    let changed = apply(&data, &sc).expect("applies");
    assert!(changed.school("S05").is_none());
    assert_eq!(
        changed.school("S04").expect("S04").students(Level::Primary),
        820.0 + 610.0
    );
    assert_eq!(
        changed.school("T01").expect("T01").parent_id.as_deref(),
        Some("S04"),
        "its teaching points now belong to the school that took its students"
    );
}

#[test]
fn an_invalid_change_is_refused_by_position_and_nothing_is_applied() {
    let data = sample_data();
    type Check = fn(&ChangeProblem) -> bool;
    let cases: Vec<(Change, Check)> = vec![
        (
            add("NOPE", "backbone_primary", 1.0),
            |p| matches!(p, ChangeProblem::UnknownSchool(id) if id == "NOPE"),
        ),
        (add("S01", "no_such_field", 1.0), |p| {
            matches!(p, ChangeProblem::UnknownField(_))
        }),
        (
            add("S10", "backbone_primary", -1.0),
            |p| matches!(p, ChangeProblem::Negative { result, .. } if *result == -1.0),
        ),
        (add("S01", "backbone_primary", 1.5), |p| {
            matches!(p, ChangeProblem::NotWhole { .. })
        }),
        (add("S01", "backbone_junior", 1.0), |p| {
            matches!(p, ChangeProblem::NoSuchSection { .. })
        }),
    ];
    for (bad, check) in cases {
        let sc = scenario(vec![add("S02", "backbone_primary", 2.0), bad.clone()]);
        let err = apply(&data, &sc).expect_err("refused");
        assert_eq!(err.position, 2, "{bad:?}");
        assert!(check(&err.problem), "{bad:?}: {:?}", err.problem);
        assert!(err.message(true).starts_with("第 2 项变更无法应用："));
    }
    let dup = serde_json::json!({"school_id": "S01", "name": "重复", "kind": "小学"});
    let err = apply(
        &data,
        &scenario(vec![Change::NewSchool {
            school: dup.as_object().expect("object").clone(),
        }]),
    )
    .expect_err("duplicate id");
    assert_eq!(err.problem, ChangeProblem::DuplicateId("S01".into()));
    assert_eq!(
        err.message(true),
        "第 1 项变更无法应用：学校标识码“S01”已被其他学校使用"
    );
}

#[test]
fn the_scenario_file_of_the_data_format_parses() {
    let text = r#"{
      "name": "2024 方案A",
      "changes": [
        {"op": "add", "school_id": "S01", "field": "backbone_primary", "amount": 2},
        {"op": "set", "school_id": "S02", "field": "sports_area_m2", "value": 12000},
        {"op": "move_students", "from": "S03", "to": "S04", "section": "primary", "count": 200},
        {"op": "new_school", "school": {"school_id": "N1", "name": "银杏小学", "kind": "primary", "students_primary": 1080}},
        {"op": "merge", "school_ids": ["S05", "S06"], "into": {"school_id": "S05", "name": "实验学校", "kind": "nine_year"}},
        {"op": "close", "school_id": "S07", "students_to": "S08"}
      ]
    }"#;
    let sc = Scenario::from_json(text).expect("parses");
    assert_eq!(sc.name, "2024 方案A");
    assert_eq!(sc.changes.len(), 6);
    let changed = apply(&sample_data(), &sc).expect("applies to the sample");
    assert!(changed.school("S06").is_none());
    assert!(changed.school("S07").is_none());
    assert_eq!(
        changed.school("S05").expect("S05").kind,
        SchoolKind::NineYear
    );
    assert_eq!(
        changed.school("S08").expect("S08").students(Level::Primary),
        260.0 + 380.0
    );
    // It round-trips through serde with the same names.
    let back = serde_json::to_value(&sc).expect("json");
    assert_eq!(back["changes"][2]["op"], "move_students");
    assert_eq!(back["changes"][4]["into"]["kind"], "nine_year");
}

/// Changes that would be ignored are refused: a `set` on a section the school does not have (as
/// `add` already was), and a key the change does not have (a misspelt "ammount").
#[test]
fn changes_that_would_be_ignored_are_refused() {
    let standard = junheng::Standard::national_2017();
    let data = junheng::sample::load(&standard).expect("sample").dataset;
    let junior = data
        .schools
        .iter()
        .find(|s| s.kind == junheng::SchoolKind::Junior)
        .expect("a junior school")
        .id
        .clone();
    let sc = junheng::scenario::Scenario {
        name: "x".into(),
        changes: vec![junheng::scenario::Change::Set {
            school_id: junior.clone(),
            field: "students_primary".into(),
            value: 300.0,
        }],
        years: Vec::new(),
    };
    let err = junheng::scenario::apply(&data, &sc).expect_err("refused");
    assert!(
        err.message(false).contains(&junior),
        "{}",
        err.message(false)
    );
    let misspelt = r#"{"name": "x", "changes": [{"op": "add", "school_id": "S01", "field": "backbone_primary", "ammount": 2}]}"#;
    let e = junheng::scenario::Scenario::from_json(misspelt).expect_err("refused");
    assert!(e.to_string().contains("ammount"), "{e}");
    // Without a name the file is still a scenario (the CLI names it after the file).
    let unnamed = r#"{"changes": [{"op": "add", "school_id": "S01", "field": "backbone_primary", "amount": 2}]}"#;
    assert_eq!(
        junheng::scenario::Scenario::from_json(unnamed)
            .expect("reads")
            .changes
            .len(),
        1
    );
}

/// 交流轮岗: every listed field moves by the count, from the donor to the receiver; a donor that
/// would go below zero is refused naming it; fields of two levels, or not teacher counts, are
/// refused.
#[test]
fn a_transfer_moves_the_same_teachers_in_every_field_listed() {
    let data = sample_data();
    let transfer = |from: &str, to: &str, count: f64, fields: &[&str]| Change::Transfer {
        from: from.into(),
        to: to.into(),
        count,
        fields: fields.iter().map(|f| f.to_string()).collect(),
    };
    let s01 = data.school("S01").expect("S01").clone();
    let s07 = data.school("S07").expect("S07").clone();
    let moved = apply(
        &data,
        &scenario(vec![transfer(
            "S01",
            "S07",
            2.0,
            &["backbone_primary", "qualified_primary", "teachers_primary"],
        )]),
    )
    .expect("applies");
    for f in [
        Field::BackbonePrimary,
        Field::QualifiedPrimary,
        Field::TeachersPrimary,
    ] {
        assert_eq!(
            moved.school("S01").expect("S01").value(f),
            s01.value(f) - 2.0
        );
        assert_eq!(
            moved.school("S07").expect("S07").value(f),
            s07.value(f) + 2.0
        );
    }
    // Nothing else moves.
    assert_eq!(
        moved.school("S01").expect("S01").value(Field::PeArtPrimary),
        s01.value(Field::PeArtPrimary)
    );
    // A donor that would go below zero.
    let have = s07.value(Field::BackbonePrimary);
    let err = apply(
        &data,
        &scenario(vec![transfer(
            "S07",
            "S01",
            have + 1.0,
            &["backbone_primary"],
        )]),
    )
    .expect_err("a donor below zero");
    assert_eq!(err.position, 1);
    assert!(matches!(
        err.problem,
        ChangeProblem::Negative { ref school_id, field: Field::BackbonePrimary, .. } if school_id == "S07"
    ));
    assert!(err.message(true).contains("S07"), "{}", err.message(true));
    // Two levels, or not a teacher count.
    for fields in [
        &["backbone_primary", "backbone_junior"][..],
        &["students_primary"][..],
        &[][..],
    ] {
        let err = apply(&data, &scenario(vec![transfer("S01", "S07", 1.0, fields)]))
            .expect_err("not teacher counts of one level");
        assert!(
            matches!(err.problem, ChangeProblem::BadTransfer(_)),
            "{fields:?}: {:?}",
            err.problem
        );
    }
    // Junior teachers to a primary school.
    let err = apply(
        &data,
        &scenario(vec![transfer("J01", "S07", 1.0, &["backbone_junior"])]),
    )
    .expect_err("no junior section");
    assert!(matches!(err.problem, ChangeProblem::NoSuchSection { .. }));
}
