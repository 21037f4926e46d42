//! Edits as data, without a window: every kind of [`Edit`] applied through
//! [`History`], what it changes (down to the evaluation), undo back to the state before, redo to
//! the state after, and refused edits that change nothing.

use junheng::evaluate::evaluate;
use junheng::i18n::{Lang, Tr};
use junheng::model::{Field, Level};
use junheng::scenario::{Change, Scenario, UnitCost};
use junheng::standard::Rule;
use junheng::workspace::{Derived, Edit, EditError, History, Loaded, Workspace};
use junheng::Standard;

const ZH: Tr = Tr(Lang::Zh);

fn sample() -> Workspace {
    let standard = Standard::national_2017();
    let imported = junheng::sample::load(&standard).expect("the sample loads");
    Workspace::new(
        Loaded::new(imported, None),
        standard,
        "2026-11-30T08:00:00Z".into(),
    )
}

fn add(school: &str, field: &str, amount: f64) -> Change {
    Change::Add {
        school_id: school.into(),
        field: field.into(),
        amount,
    }
}

/// Applies an edit, checks its label, and checks that undo restores the state before and redo
/// the state after, exactly. Returns the state after.
fn round_trip(ws: &mut Workspace, history: &mut History, edit: Edit, label: &str) -> Workspace {
    let before = ws.clone();
    let got = history.apply(ws, edit, ZH).expect("the edit applies");
    assert_eq!(got, label);
    assert_eq!(history.undo_label(), Some(label));
    let after = ws.clone();
    assert_ne!(after, before, "{label}: the edit changed something");
    assert_eq!(history.undo(ws).as_deref(), Some(label));
    assert_eq!(*ws, before, "{label}: undo restores the state before");
    assert_eq!(history.redo_label(), Some(label));
    assert_eq!(history.redo(ws).as_deref(), Some(label));
    assert_eq!(*ws, after, "{label}: redo restores the state after");
    after
}

/// Primary sections passing in what the workspace shows.
fn primary_passing(ws: &Workspace) -> usize {
    Derived::compute(ws, ZH, false)
        .shown()
        .summary_of(Level::Primary)
        .passing
}

#[test]
fn scenario_edits_apply_undo_and_redo() {
    let mut ws = sample();
    let initial = ws.clone();
    let mut h = History::default();
    assert_eq!(primary_passing(&ws), 7);

    // A change on the baseline opens a new scenario; +1 backbone teacher makes 石门乡中心小学 pass.
    round_trip(
        &mut ws,
        &mut h,
        Edit::AddChange(add("S07", "backbone_primary", 1.0)),
        "石门乡中心小学：小学县级及以上骨干教师数 +1",
    );
    assert_eq!(ws.scenarios.len(), 1);
    assert_eq!(ws.scenarios[0].name, "方案 1");
    assert_eq!(ws.active, Some(0));
    assert_eq!(primary_passing(&ws), 8);

    // A second change goes into the active scenario.
    round_trip(
        &mut ws,
        &mut h,
        Edit::AddChange(add("S02", "sports_area_m2", 500.0)),
        "城关第二小学：体育运动场馆面积 +500",
    );
    assert_eq!(ws.scenarios[0].changes.len(), 2);

    round_trip(
        &mut ws,
        &mut h,
        Edit::RemoveChange(1),
        "删除变更：城关第二小学：体育运动场馆面积 +500",
    );
    assert_eq!(ws.scenarios[0].changes.len(), 1);

    round_trip(&mut ws, &mut h, Edit::NewScenario, "新建方案：方案 2");
    assert_eq!(ws.active, Some(1));
    assert!(ws.scenarios[1].changes.is_empty());
    assert_eq!(primary_passing(&ws), 7, "an empty scenario changes nothing");

    round_trip(
        &mut ws,
        &mut h,
        Edit::DuplicateScenario(0),
        "复制方案：方案 1 副本 1",
    );
    assert_eq!(ws.scenarios[2].changes, ws.scenarios[0].changes);
    assert_eq!(ws.active, Some(2));

    round_trip(
        &mut ws,
        &mut h,
        Edit::RenameScenario(2, " 2025 补短板 ".into()),
        "重命名方案：2025 补短板",
    );
    assert_eq!(ws.scenarios[2].name, "2025 补短板");

    round_trip(&mut ws, &mut h, Edit::DeleteScenario(1), "删除方案：方案 2");
    assert_eq!(ws.scenarios.len(), 2);
    assert_eq!(ws.active, Some(1), "the active scenario moved down one");

    let plan = Scenario {
        name: "生成方案 1".into(),
        changes: vec![add("S10", "qualified_primary", 3.0)],
        years: Vec::new(),
    };
    round_trip(
        &mut ws,
        &mut h,
        Edit::AddScenario(plan.clone()),
        "生成方案：生成方案 1",
    );
    assert_eq!(ws.scenarios.last(), Some(&plan));
    assert_eq!(ws.active, Some(2));

    // Undo walks every step back to the sample as loaded.
    let mut steps = 0;
    while h.undo(&mut ws).is_some() {
        steps += 1;
    }
    assert_eq!(steps, 8);
    assert_eq!(ws, initial);
}

#[test]
fn refused_edits_change_nothing_and_are_not_recorded() {
    let mut ws = sample();
    let mut h = History::default();
    let before = ws.clone();
    // A change that does not apply: no such school.
    let e = h
        .apply(
            &mut ws,
            Edit::AddChange(add("NOPE", "backbone_primary", 1.0)),
            ZH,
        )
        .expect_err("refused");
    assert!(
        matches!(&e, EditError::Refused(m) if m.contains("NOPE")),
        "{e:?}"
    );
    // A cost that is not a number, an unchanged cost, no such scenario, a duplicate name.
    assert_eq!(
        h.apply(
            &mut ws,
            Edit::SetCost(Field::BackbonePrimary, UnitCost::once(f64::NAN)),
            ZH
        )
        .map_err(|e| matches!(e, EditError::BadCost(_))),
        Err(true)
    );
    let same = ws.costs.unit(Field::BackbonePrimary);
    assert_eq!(
        h.apply(&mut ws, Edit::SetCost(Field::BackbonePrimary, same), ZH),
        Err(EditError::Unchanged)
    );
    assert_eq!(
        h.apply(&mut ws, Edit::DeleteScenario(0), ZH),
        Err(EditError::NoSuchScenario(0))
    );
    assert_eq!(
        h.apply(&mut ws, Edit::RemoveChange(0), ZH),
        Err(EditError::NoScenario)
    );
    h.apply(&mut ws, Edit::NewScenario, ZH).expect("new");
    h.apply(&mut ws, Edit::NewScenario, ZH).expect("new");
    let named = ws.clone();
    assert_eq!(
        h.apply(&mut ws, Edit::RenameScenario(1, "方案 1".into()), ZH),
        Err(EditError::DuplicateName("方案 1".into()))
    );
    assert_eq!(ws, named);
    // A standard that is not valid.
    let mut bad = ws.standard.def.clone();
    bad.cv.limit.primary = -1.0;
    assert!(matches!(
        h.apply(&mut ws, Edit::SetStandard(Box::new(bad)), ZH),
        Err(EditError::BadStandard(m)) if m.contains("cv.limit.primary")
    ));
    assert_eq!(ws, named);
    // An item the standard does not have.
    assert_eq!(
        h.apply(
            &mut ws,
            Edit::SetCountyEntry {
                key: "no_such_item".into(),
                value: Some(1.0),
                evidence: String::new(),
            },
            ZH
        ),
        Err(EditError::UnknownItem("no_such_item".into()))
    );
    assert_eq!(ws, named);
    // Only the two new scenarios were recorded.
    assert_eq!(h.undo(&mut ws).as_deref(), Some("新建方案：方案 2"));
    assert_eq!(h.undo(&mut ws).as_deref(), Some("新建方案：方案 1"));
    assert_eq!(h.undo(&mut ws), None);
    assert_eq!(ws, before);
}

#[test]
fn costs_standard_and_county_items_apply_undo_and_redo() {
    let mut ws = sample();
    let mut h = History::default();
    round_trip(
        &mut ws,
        &mut h,
        Edit::SetCost(Field::BackbonePrimary, UnitCost::per_year(25_000.0)),
        "单价：小学县级及以上骨干教师数 = 25000/年",
    );
    assert_eq!(ws.costs.cost(Field::BackbonePrimary), 25_000.0);

    // A copy of the standard with the backbone threshold raised: the baseline is re-evaluated.
    let baseline_before = evaluate(&ws.loaded.dataset, &ws.standard);
    let mut def = ws.standard.def.clone();
    def.id = "national-2017-custom".into();
    def.name_zh = "省标准".into();
    def.indicators[1].threshold.primary = 9.0;
    round_trip(
        &mut ws,
        &mut h,
        Edit::SetStandard(Box::new(def)),
        "标准：省标准",
    );
    assert_eq!(ws.standard.id(), "national-2017-custom");
    let d = Derived::compute(&ws, ZH, false);
    assert!(
        d.baseline.summary_of(Level::Primary).passing
            < baseline_before.summary_of(Level::Primary).passing,
        "a higher threshold fails more sections"
    );

    // A county item's threshold edited in the standard changes its verdict.
    let mut def = ws.standard.def.clone();
    let items = def
        .county_items
        .as_mut()
        .expect("2017 carries its county items");
    let rotation = items
        .iter_mut()
        .find(|i| i.key == "g10_rotation")
        .expect("item (10)");
    assert_eq!(rotation.rule, Rule::AtLeast(10.0));
    rotation.rule = Rule::AtLeast(12.0);
    round_trip(
        &mut ws,
        &mut h,
        Edit::SetStandard(Box::new(def)),
        "标准：省标准",
    );
    round_trip(
        &mut ws,
        &mut h,
        Edit::SetCountyEntry {
            key: "g10_rotation".into(),
            value: Some(11.0),
            evidence: "县教体局文件".into(),
        },
        "填写：（10）每年交流轮岗教师比例",
    );
    assert_eq!(ws.county.len(), 1);
    let failing = Derived::compute(&ws, ZH, false).readiness.failing;
    assert!(
        failing.iter().any(|f| f.contains("每年交流轮岗教师比例")),
        "11% < 12%: item (10) fails under the edited threshold"
    );
}

#[test]
fn new_data_new_projects_and_the_sample() {
    let mut ws = sample();
    let mut h = History::default();
    h.apply(
        &mut ws,
        Edit::AddChange(add("S07", "backbone_primary", 1.0)),
        ZH,
    )
    .expect("change");
    h.apply(
        &mut ws,
        Edit::SetCost(Field::BackbonePrimary, UnitCost::per_year(30_000.0)),
        ZH,
    )
    .expect("cost");

    // New data for the same work: scenarios and costs stay, the baseline is shown.
    let csv = "学校标识码,学校名称,学校类型,小学在校生数\nS07,石门乡中心小学,小学,300\n";
    let imported = junheng::io::load_bytes(
        csv.as_bytes(),
        "两校.csv",
        &Standard::national_2017(),
        &Default::default(),
    );
    // A file missing the standard's columns is refused by the import, not by the workspace.
    assert!(imported.is_err());
    let imported = junheng::sample::load(&ws.standard).expect("sample");
    let mut loaded = Loaded::new(imported, Some("数据.csv".into()));
    loaded.source = "数据.csv".into();
    let after = round_trip(
        &mut ws,
        &mut h,
        Edit::ReplaceData {
            loaded,
            imported_at: "2026-12-01T08:00:00Z".into(),
            new_project: false,
        },
        "打开 数据.csv",
    );
    assert_eq!(after.scenarios.len(), 1);
    assert_eq!(after.active, None);
    assert_eq!(after.costs.cost(Field::BackbonePrimary), 30_000.0);
    assert_eq!(after.imported_at, "2026-12-01T08:00:00Z");

    // A new project on the same data: no scenarios, default costs.
    let after = round_trip(&mut ws, &mut h, Edit::NewProject, "新建项目");
    assert!(after.scenarios.is_empty());
    assert_eq!(after.costs, junheng::scenario::CostTable::default());
    assert_eq!(after.loaded.source, "数据.csv");

    // The sample starts fresh work.
    h.apply(&mut ws, Edit::NewScenario, ZH).expect("new");
    let imported = junheng::sample::load(&ws.standard).expect("sample");
    let after = round_trip(
        &mut ws,
        &mut h,
        Edit::ReplaceData {
            loaded: Loaded::new(imported, None),
            imported_at: "2026-12-02T08:00:00Z".into(),
            new_project: true,
        },
        "打开示例数据",
    );
    assert!(after.loaded.is_sample());
    assert!(after.scenarios.is_empty());
}

/// With a projected year shown, the comparison is of that year: each scenario's column is the
/// scenario's timeline in that year (its changes of that year and before, on the projected
/// data); with a past year of actual data shown, only the baseline is listed.
#[test]
fn the_comparison_follows_the_year_shown() {
    let standard = Standard::national_2017();
    let csv = junheng::cli::with_grades(&junheng::cli::generate_county(150, 2));
    let imported =
        junheng::io::import::load_bytes(csv.as_bytes(), "g.csv", &standard, &Default::default())
            .expect("reads");
    let data = imported.dataset.clone();
    let mut ws = Workspace::new(Loaded::new(imported, None), standard.clone(), "t".into());
    let spec = junheng::timeline::Spec {
        base_year: 2024,
        to: 2029,
        survival: 1.0,
        trend: Some(-0.03),
    };
    let mut history = History::default();
    history
        .apply(&mut ws, Edit::SetTimeline(Some(spec)), ZH)
        .expect("timeline");
    let school = data.schools[0].id.clone();
    history.apply(&mut ws, Edit::NewScenario, ZH).expect("new");
    history
        .apply(
            &mut ws,
            Edit::AddChange(add(&school, "sports_area_m2", 4000.0)),
            ZH,
        )
        .expect("undated");
    history
        .apply(
            &mut ws,
            Edit::AddChangeFrom(add(&data.schools[1].id, "teaching_area_m2", 900.0), 2027),
            ZH,
        )
        .expect("dated");
    let sc = ws.active_scenario().cloned().expect("scenario");
    history
        .apply(
            &mut ws,
            Edit::AddPastYear(junheng::project::PastYear {
                year: 2022,
                source: "2022.csv".into(),
                dataset: data.clone(),
            }),
            ZH,
        )
        .expect("past");
    let t = junheng::timeline::timeline(&data, Some(&sc), &standard, &{
        let mut o = spec.options();
        o.intake = Default::default();
        o
    })
    .expect("timeline");
    for year in [2026, 2028] {
        ws.shown_year = Some(year);
        let d = Derived::compute(&ws, ZH, true);
        let cols = d.columns.expect("columns");
        assert_eq!(cols.len(), 2);
        let got = cols[1].result.as_ref().expect("applies");
        let want = &t.years[(year - 2024) as usize].evaluation;
        for level in [Level::Primary, Level::Junior] {
            assert_eq!(
                got.summary_of(level).passing,
                want.summary_of(level).passing
            );
            for (a, b) in got.cv_of(level).iter().zip(want.cv_of(level)) {
                assert_eq!(format!("{:.4}", a.cv), format!("{:.4}", b.cv), "{year}");
            }
        }
    }
    // 2026 has the undated change only; 2028 the dated one too: the two years differ there.
    let mut section = |year: i32| {
        ws.shown_year = Some(year);
        let d = Derived::compute(&ws, ZH, true);
        let cols = d.columns.expect("columns");
        let ev = cols[1].result.clone().expect("applies");
        ev.units
            .iter()
            .find(|u| u.school_id == data.schools[1].id)
            .map(|u| u.indicators[3].value)
    };
    assert_ne!(section(2026), section(2028));
    // A past year: the baseline only, its actual data.
    ws.shown_year = Some(2022);
    let d = Derived::compute(&ws, ZH, true);
    assert_eq!(d.columns.expect("columns").len(), 1);
    assert!(d.scenario.is_none(), "no scenario on actual data");
}
