//! The real App driven through egui_kittest, asserted on what the UI shows (AccessKit labels).

use eframe::egui::{accesskit::Role, Key, Modifiers};
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use junheng::app::{Command, JunhengApp, Lang, Panel, Settings};
use std::collections::HashMap;
use std::time::Duration;

mod common;
use common::ui::*;

#[test]
fn the_sample_loads_and_the_overview_matches_the_command_line() {
    let h = harness();
    assert!(has_label(&h, "示例数据"), "the sample is labelled as such");
    assert!(has_label(&h, "示例县（合成数据）.csv"));
    let json = cli_json(&["evaluate", "--sample", "--json"]);
    for (level, zh) in [("primary", "小学"), ("junior", "初中")] {
        let s = &json["summary"][level];
        let line = format!(
            "{zh}：{} 个评估单元，{} 个达标",
            s["units"].as_u64().expect("units"),
            s["passing"].as_u64().expect("passing")
        );
        assert!(has_label(&h, &line), "overview shows «{line}»");
        let cv_line = format!(
            "差异系数：{}/7 项不超过 {:.2}",
            s["cv_met"].as_u64().expect("cv_met"),
            json["cv"][level]["qualified_teachers_per_100"]["limit"]
                .as_f64()
                .expect("limit")
        );
        assert!(has_label(&h, &cv_line), "overview shows «{cv_line}»");
        // Every CV the command line computes appears in the overview to 3 decimals.
        for (key, cv) in json["cv"][level].as_object().expect("cvs") {
            let shown = format!("{:.3}", cv["cv"].as_f64().expect("cv"));
            assert!(
                !h.query_all_by_label(&shown).collect::<Vec<_>>().is_empty(),
                "{level} {key}: CV {shown} is shown"
            );
        }
    }
    assert!(
        h.query_all_by_label("未达标").count() >= 3,
        "the resource-allocation verdict and both levels' verdicts"
    );
}

#[test]
fn panels_switch_and_show_their_content() {
    let mut h = harness();
    click(&mut h, "指标");
    assert_eq!(h.state().settings.panel, Panel::Indicator);
    assert!(has_label(&h, "每百名学生拥有高于规定学历教师数（人）"));
    click(&mut h, "骨干教师");
    assert!(has_label(&h, "每百名学生拥有县级以上骨干教师数（人）"));
    assert!(
        h.query_by_label_contains("差异系数 0.374（限值 0.50）")
            .is_some(),
        "the level's CV beside the chart"
    );

    click(&mut h, "达标矩阵");
    assert!(has_label(&h, "按未达标项排序"));
    assert!(has_label(&h, "南沟小学"));
    // Sorted by failures, the school failing all seven comes first.
    click(&mut h, "按未达标项排序");
    assert!(h.state().view.matrix_sort_failures);

    click(&mut h, "数据表");
    // 16 sections, T04 left out, and the 3 teaching points merged into their central schools.
    assert!(has_label(&h, "20 行 / 20"));
    let search = h
        .get_all_by_role(Role::TextInput)
        .next()
        .expect("the search box");
    search.click();
    h.run_steps(1);
    h.get_all_by_role(Role::TextInput)
        .next()
        .expect("search")
        .type_text("马家岭");
    h.run_steps(2);
    assert!(has_label(&h, "1 行 / 20"));
    assert!(
        has_label(&h, "并入 S05"),
        "a merged teaching point says where it went"
    );
    assert_eq!(h.state().view.table.search, "马家岭");
}

#[test]
fn the_school_view_says_what_a_school_lacks_and_why_it_fails() {
    let mut h = harness();
    click(&mut h, "南沟小学");
    assert_eq!(h.state().settings.panel, Panel::School);
    assert!(has_label(&h, "南沟小学 · 小学"));
    assert!(has_label(&h, "仅 0 项达标，至少需要 6 项"));
    // 120 students need 1.0 backbone teacher per 100 → 2 (1.2 rounded up); the school has none.
    assert!(has_label(&h, "差 2 名骨干教师"));
    // 4 qualified teachers for 120 students; 4.2 per 100 needs 5.04 → 2 more.
    assert!(has_label(&h, "差 2 名高学历教师"));
}

#[test]
fn the_language_switch_changes_every_label() {
    let mut h = harness();
    assert!(has_label(&h, "总览"));
    click(&mut h, "语言 / Language");
    click(&mut h, "English");
    assert_eq!(h.state().settings.lang, Lang::En);
    assert!(has_label(&h, "Overview"));
    assert!(has_label(&h, "Sample data"));
    assert!(has_label(&h, "Primary: 11 sections, 7 pass"));
    assert!(!has_label(&h, "总览"));
    click(&mut h, "School");
    assert!(
        h.query_by_label_contains("all indicators reach their thresholds")
            .is_some()
            || h.query_by_label_contains("met, the rest at least 85%")
                .is_some()
    );
}

/// eframe's storage, in memory.
#[derive(Default)]
struct MemoryStorage(HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_string(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn language_theme_panel_and_last_file_persist() {
    let mut h = harness();
    h.state_mut().command(Command::SetLang(Lang::En));
    h.state_mut().command(Command::SetPanel(Panel::Matrix));
    h.state_mut()
        .command(Command::SetTheme(junheng::app::Theme::Dark));
    h.run_steps(2);
    let mut storage = MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);
    let restored = Settings::load(Some(&storage));
    assert_eq!(restored.lang, Lang::En);
    assert_eq!(restored.panel, Panel::Matrix);
    assert_eq!(restored.theme, junheng::app::Theme::Dark);
    // A new app with the restored settings opens on the same panel, in English.
    let h2 = harness_with(restored, None);
    assert!(has_label(&h2, "Pass/fail matrix"));
    assert!(has_label(&h2, "Sort by failures"));
}

#[test]
fn every_panel_passes_the_accessibility_check_in_both_languages() {
    // `run` ends with kittest's check that every widget has an accessible name.
    for lang in [Lang::Zh, Lang::En] {
        let mut h = harness_with(
            Settings {
                lang,
                ..Settings::default()
            },
            None,
        );
        for with_scenario in [false, true] {
            if with_scenario {
                // A scenario shows the change form, ghosts and before → after values.
                h.state_mut()
                    .command(Command::AddChange(junheng::scenario::Change::Add {
                        school_id: "S07".into(),
                        field: "backbone_primary".into(),
                        amount: 1.0,
                    }));
            }
            for panel in Panel::ALL {
                h.state_mut().command(Command::SetPanel(panel));
                h.run();
                assert_eq!(h.state().settings.panel, panel);
            }
        }
    }
}

#[test]
fn hovering_a_bar_names_the_school_its_students_value_and_gap() {
    use junheng::app::views::charts::section_hover;
    use junheng::app::Tr;
    let h = harness();
    let app = h.state();
    let ev = &app.derived.baseline;
    let k = 1; // backbone teachers per 100 students
    let s10 = ev.units.iter().find(|u| u.school_id == "S10").expect("S10");
    assert_eq!(
        section_hover(Tr(Lang::Zh), app.standard(), s10, k),
        "南沟小学（小学）\n学生 120 人\n0.00 人\n差 2 名骨干教师"
    );
    let s01 = ev.units.iter().find(|u| u.school_id == "S01").expect("S01");
    assert_eq!(
        section_hover(Tr(Lang::En), app.standard(), s01, k),
        "城关第一小学 (Primary)\n1,450 students\n1.86 teachers\nmeets the threshold"
    );
}

#[test]
fn a_stepper_in_the_school_view_turns_a_school_green_and_undo_reverts_it() {
    let mut h = harness();
    click(&mut h, "石门乡中心小学");
    assert_eq!(h.state().settings.panel, Panel::School);
    assert!(has_label(&h, "石门乡中心小学 · 小学"));
    assert!(has_label(&h, "骨干教师 79% 低于标准值的 85%"));
    // 380 students, 3 backbone teachers: one more makes 1.05 per 100.
    click(&mut h, "+1 骨干教师");
    let ws = &h.state().workspace;
    assert_eq!(
        ws.scenarios.len(),
        1,
        "a scenario is created for the change"
    );
    assert_eq!(ws.active, Some(0));
    assert_eq!(ws.scenarios[0].changes.len(), 1);
    assert!(has_label(&h, "0.79 → 1.05"), "baseline → scenario value");
    assert!(has_label(&h, "7 项指标全部达到标准值"));
    click(&mut h, "总览");
    assert!(
        has_label(&h, "石门乡中心小学 · 小学 → 达标"),
        "newly passing, listed"
    );
    assert!(has_label(&h, "小学：11 个评估单元，8 个达标"));

    // Undo (Ctrl+Z) removes it; redo (Ctrl+Shift+Z) brings it back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(h.state().workspace.scenarios.is_empty());
    assert!(has_label(&h, "小学：11 个评估单元，7 个达标"));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().workspace.scenarios[0].changes.len(), 1);
    assert!(has_label(&h, "小学：11 个评估单元，8 个达标"));
}

#[test]
fn an_invalid_change_is_refused_with_its_reason_and_nothing_changes() {
    let mut h = harness();
    h.state_mut().command(Command::NewScenario);
    h.run_steps(1);
    h.state_mut()
        .command(Command::AddChange(junheng::scenario::Change::Add {
            school_id: "S10".into(),
            field: "backbone_primary".into(),
            amount: -1.0,
        }));
    click(&mut h, "方案");
    assert!(h.state().workspace.scenarios[0].changes.is_empty());
    assert!(has_label(
        &h,
        "第 1 项变更无法应用：S10 的“小学县级及以上骨干教师数”将变为 -1，不能为负数"
    ));
}

#[test]
fn compare_sets_the_baseline_and_two_scenarios_side_by_side() {
    use junheng::scenario::Change;
    let mut h = harness();
    let app = h.state_mut();
    app.command(Command::AddChange(Change::Add {
        school_id: "S07".into(),
        field: "backbone_primary".into(),
        amount: 1.0,
    }));
    app.command(Command::NewScenario);
    app.command(Command::AddChange(Change::Add {
        school_id: "S08".into(),
        field: "backbone_primary".into(),
        amount: 1.0,
    }));
    app.command(Command::AddChange(Change::Add {
        school_id: "S07".into(),
        field: "backbone_primary".into(),
        amount: 1.0,
    }));
    app.command(Command::SetPanel(Panel::Compare));
    h.run_steps(3);
    let names: Vec<String> = h
        .state()
        .workspace
        .scenarios
        .iter()
        .map(|s| s.name.clone())
        .collect();
    assert_eq!(names, ["方案 1", "方案 2"]);
    for n in ["现状（基线）", "方案 1", "方案 2"] {
        assert!(has_label(&h, n), "column {n}");
    }
    // Sections passing: baseline 7, one school fixed 8, two fixed 9.
    for passing in ["7 / 11", "8 / 11", "9 / 11"] {
        assert!(has_label(&h, passing), "{passing}");
    }
    // Costs in 万元 at the default 20,000 a backbone teacher.
    for cost in ["0.00", "2.00", "4.00"] {
        assert!(has_label(&h, cost), "cost {cost}");
    }
}

#[test]
fn a_saved_project_reopens_with_its_scenarios_and_costs() {
    use junheng::scenario::Change;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("我的项目.junheng");
    let mut h = harness();
    let app = h.state_mut();
    app.command(Command::AddChange(Change::Add {
        school_id: "S07".into(),
        field: "backbone_primary".into(),
        amount: 1.0,
    }));
    app.command(Command::SetCost(
        junheng::Field::BackbonePrimary,
        junheng::scenario::UnitCost::per_year(25_000.0),
    ));
    app.command(Command::SetPanel(Panel::Compare));
    app.command(Command::SaveProjectAs(path.clone()));
    run_until(&mut h, "the save", |a| !a.saving && !a.dirty);
    assert!(!h.state().dirty, "saved");
    assert!(path.exists());
    assert_eq!(
        h.state().settings.last_project.as_deref(),
        Some(path.as_path())
    );

    let mut h2 = harness_with(Settings::default(), Some(path.clone()));
    wait_for_import(&mut h2);
    let ws = &h2.state().workspace;
    assert_eq!(ws.scenarios.len(), 1);
    assert_eq!(ws.scenarios[0].changes.len(), 1);
    assert_eq!(ws.costs.cost(junheng::Field::BackbonePrimary), 25_000.0);
    assert_eq!(ws.project_path.as_deref(), Some(path.as_path()));
    assert_eq!(
        ws.active,
        Some(0),
        "the scenario that was shown is shown again"
    );
    assert_eq!(h2.state().settings.panel, Panel::Compare);
    assert!(!h2.state().dirty);
    assert!(has_label(&h2, "我的项目.junheng"));
}

#[test]
fn unsaved_work_is_autosaved_to_the_project_file() {
    use junheng::scenario::Change;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("自动保存.junheng");
    let mut h = harness();
    h.state_mut().command(Command::SaveProjectAs(path.clone()));
    run_until(&mut h, "the save", |a| !a.saving && !a.dirty);
    h.state_mut().command(Command::AddChange(Change::Add {
        school_id: "S07".into(),
        field: "backbone_primary".into(),
        amount: 1.0,
    }));
    h.run_steps(1);
    assert!(h.state().dirty, "a change not yet saved");
    assert!(junheng::store::open(&path)
        .expect("opens")
        .scenarios
        .is_empty());
    // The interval is 30 s in the app; shortened here to see it fire.
    h.state_mut().state.autosave_every = Duration::ZERO;
    // Saving runs off the UI thread and reports back.
    run_until(&mut h, "the autosave", |a| !a.saving && !a.dirty);
    assert!(!h.state().dirty);
    let saved = junheng::store::open(&path).expect("opens");
    assert_eq!(saved.scenarios.len(), 1);
    assert_eq!(saved.scenarios[0].changes.len(), 1);
}

#[test]
fn entering_a_veto_item_turns_the_readiness_verdict_red() {
    let mut h = harness();
    click(&mut h, "达标总览");
    assert!(
        has_label(&h, "尚未达到"),
        "the sample does not pass resource allocation"
    );
    // Nothing entered: the veto items are 未填写 (grey), not 未达标 (red).
    assert!(has_label(&h, "一票否决 0/6 · 未填写 6 项"));
    let veto = h
        .state()
        .derived
        .readiness
        .areas
        .iter()
        .find(|a| a.area == junheng::readiness::Area::Veto)
        .expect("the veto area")
        .clone();
    assert_eq!(veto.status(), junheng::readiness::AreaStatus::NotEntered);
    assert!(h
        .query_by_label_contains("一票否决：设置重点学校或重点班（未填写）")
        .is_some());
    // Enter "did not occur" for all six, then "occurred" for one.
    let national = junheng::Standard::national_2017();
    for it in national
        .county_items()
        .iter()
        .filter(|i| i.area == junheng::readiness::Area::Veto)
    {
        h.state_mut().command(Command::SetCountyEntry {
            key: it.key.clone(),
            value: Some(0.0),
            evidence: String::new(),
        });
    }
    h.run_steps(2);
    assert!(has_label(&h, "一票否决 6/6"));
    h.state_mut().command(Command::SetCountyEntry {
        key: "v03_key_classes".into(),
        value: Some(1.0),
        evidence: "某校设重点班".into(),
    });
    h.run_steps(2);
    // One entered as occurred: now a failure, red.
    assert!(has_label(&h, "一票否决 5/6"));
    let veto = h
        .state()
        .derived
        .readiness
        .areas
        .iter()
        .find(|a| a.area == junheng::readiness::Area::Veto)
        .expect("the veto area")
        .clone();
    assert_eq!(veto.status(), junheng::readiness::AreaStatus::NotMet);
    assert!(
        h.query_by_label_contains("一票否决：设置重点学校或重点班")
            .is_some(),
        "listed among what fails"
    );
    // Undo brings it back; the entries are saved in the project.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(has_label(&h, "一票否决 6/6"));
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.junheng");
    h.state_mut().command(Command::SaveProjectAs(path.clone()));
    run_until(&mut h, "the save", |a| !a.saving && !a.dirty);
    let saved = junheng::store::open(&path).expect("opens");
    assert_eq!(saved.county.len(), 6);
    assert!(saved.county.iter().all(|e| e.value == Some(0.0)));
}

#[test]
fn editing_a_threshold_in_a_copied_standard_changes_a_schools_verdict() {
    let mut h = harness();
    let s07_passes = |h: &Harness<'static, JunhengApp>| {
        h.state()
            .derived
            .baseline
            .units
            .iter()
            .find(|u| u.school_id == "S07")
            .expect("S07")
            .passes
    };
    assert!(
        !s07_passes(&h),
        "石门乡中心小学 fails on backbone teachers (0.79 < 0.85)"
    );
    click(&mut h, "标准");
    assert!(has_label(&h, "内置标准（与发布文本一致）"));
    click(&mut h, "复制为自定义标准（可修改门槛和限值）");
    assert!(has_label(&h, "自定义标准：保存在项目文件中"));
    assert_eq!(h.state().standard().id(), "national-2017-custom");
    // The text inputs: per indicator primary then junior; backbone teachers is the second.
    let field = h
        .get_all_by_role(Role::TextInput)
        .nth(2)
        .expect("backbone primary threshold");
    assert_eq!(field.value().as_deref(), Some("1"));
    field.click();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_all_by_role(Role::TextInput)
        .nth(2)
        .expect("field")
        .type_text("0.9");
    h.run_steps(1);
    click(&mut h, "应用并重新计算");
    h.run_steps(2);
    assert_eq!(
        h.state().standard().indicators[1].threshold(junheng::model::Level::Primary),
        0.9
    );
    // 0.79 is now above 85% of 0.9 (0.765): the school passes with 6 of 7.
    assert!(s07_passes(&h));
    click(&mut h, "总览");
    assert!(has_label(&h, "小学：11 个评估单元，9 个达标"));
    // Undo goes back to the built-in standard's verdict.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(!s07_passes(&h));
    assert!(has_label(&h, "小学：11 个评估单元，7 个达标"));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(2);
    assert!(s07_passes(&h));

    // Saved into the project: the file carries the edited standard, and the command line uses it.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("省标准.junheng");
    h.state_mut().command(Command::SaveProjectAs(path.clone()));
    run_until(&mut h, "the save", |a| !a.saving && !a.dirty);
    let saved = junheng::store::open(&path).expect("opens");
    assert_eq!(saved.standard_id, "national-2017-custom");
    let standard = saved.standard().expect("the project's standard");
    assert_eq!(
        standard.indicators[1].threshold(junheng::model::Level::Primary),
        0.9
    );
    let v = cli_json(&["evaluate", path.to_str().expect("path"), "--json"]);
    assert_eq!(v["standard"], "national-2017-custom");
    assert_eq!(v["summary"]["primary"]["passing"], 9);

    // Reopened in a fresh app, the views use it.
    let mut h2 = harness_with(Settings::default(), Some(path));
    wait_for_import(&mut h2);
    assert_eq!(h2.state().standard().id(), "national-2017-custom");
    assert!(s07_passes(&h2));
}

#[test]
fn switching_to_the_2012_standard_shows_the_composite_cv() {
    let mut h = harness();
    click(&mut h, "标准");
    click(
        &mut h,
        "县域义务教育均衡发展督导评估暂行办法（2012）基本均衡",
    );
    assert_eq!(h.state().standard().id(), "basic-2012");
    assert_eq!(
        h.state()
            .derived
            .baseline
            .cv_of(junheng::model::Level::Primary)
            .len(),
        8
    );
    click(&mut h, "总览");
    let c = h.state().derived.baseline.composite[0]
        .clone()
        .expect("composite");
    assert!(has_label(&h, &format!("综合差异系数 {:.3} ≤ 0.65", c.cv)));
    assert!(has_label(&h, "小学：11 个评估单元（不设校级门槛）"));
    // Every panel draws under the 2012 standard (8 indicators, no thresholds).
    for p in Panel::ALL {
        h.state_mut().command(Command::SetPanel(p));
        h.run_steps(2);
    }
    // The 2012 standard's own county items: the government's assessment score and public
    // satisfaction, and no veto list (the 2017 items no longer show).
    click(&mut h, "达标总览");
    let any = |h: &Harness<'static, JunhengApp>, label: &str| {
        h.query_all_by_label(label).next().is_some()
    };
    assert!(any(&h, "公众满意度"));
    assert!(any(&h, "县级人民政府推进义务教育均衡发展工作评估得分"));
    assert!(!any(&h, "以考试方式招生"));
    assert!(h.query_all_by_label_contains("一票否决 ").next().is_none());
}

#[test]
fn the_planner_runs_in_the_app_and_opens_its_plan_as_a_scenario() {
    let mut h = harness();
    click(&mut h, "生成方案");
    assert_eq!(h.state().settings.panel, Panel::Plan);
    h.get_all_by_label("生成方案")
        .last()
        .expect("the button")
        .click();
    let mut done = false;
    for _ in 0..2000 {
        h.step();
        if h.state().planning.is_none() && h.state().plan_outcome.is_some() {
            done = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(done, "the planner finished");
    h.run_steps(3);
    let (status, total, scenario) = match h.state().plan_outcome.as_ref() {
        Some(Ok(o)) => (o.plan.status, o.plan.total_cost, o.scenario.clone()),
        _ => panic!("a plan"),
    };
    assert_eq!(scenario, "生成方案 1");
    // The same plan as the library makes with the app's default costs and fields.
    let standard = junheng::Standard::national_2017();
    let data = junheng::sample::load(&standard).expect("sample").dataset;
    let expected = junheng::plan::plan(
        &data,
        &standard,
        &junheng::plan::PlanOptions {
            costs: junheng::scenario::CostTable::default(),
            allowed: junheng::plan::default_allowed(),
            budget: None,
            rule: junheng::plan::Rule::National,
            time_limit: 60.0,
            round: true,
            years: 1.0,
        },
        &std::sync::atomic::AtomicBool::new(false),
        &mut |_| {},
    )
    .expect("plans");
    assert!(
        (total - expected.total_cost).abs() < 1.0,
        "{total} vs {}",
        expected.total_cost
    );
    assert_eq!(status, expected.status);
    // The proven optimum, its areas rounded up to whole m² and its money to 100 元.
    assert!(expected.rounded_optimum);
    assert!(has_label(
        &h,
        "最优（取整）：费用最低的方案，面积取整平方米、金额取整百元"
    ));
    for c in &expected.changes {
        if let junheng::scenario::Change::Add { field, amount, .. } = c {
            let unit = junheng::model::Field::from_key(field)
                .and_then(junheng::plan::round_unit)
                .unwrap_or(1.0);
            assert_eq!((amount / unit).fract(), 0.0, "{field} +{amount}");
        }
    }
    assert!(has_label(
        &h,
        &format!("总费用 {} 万元", junheng::app::format::wan(total))
    ));
    // Opened as the active scenario: every view shows it, and it passes everything.
    let ws = &h.state().workspace;
    assert_eq!(
        ws.scenarios.last().map(|s| s.name.as_str()),
        Some("生成方案 1")
    );
    assert_eq!(ws.active, Some(ws.scenarios.len() - 1));
    assert!(h.state().shown().resource_allocation_met);
    // One undo step removes it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(h.state().workspace.scenarios.is_empty());
    assert!(!h.state().shown().resource_allocation_met);
}

/// The county items belong to the standard: a copied standard's 标准 page edits their
/// thresholds, and the readiness page judges by the edited one.
#[test]
fn a_county_items_threshold_is_edited_on_the_standard_page() {
    let mut h = harness();
    h.state_mut().command(Command::SetCountyEntry {
        key: "g10_rotation".into(),
        value: Some(11.0),
        evidence: String::new(),
    });
    h.run_steps(2);
    let rotation_fails = |h: &Harness<'static, JunhengApp>| {
        h.state()
            .derived
            .readiness
            .failing
            .iter()
            .any(|f| f.contains("每年交流轮岗教师比例"))
    };
    assert!(!rotation_fails(&h), "11% meets the national 10%");
    click(&mut h, "标准");
    click(&mut h, "复制为自定义标准（可修改门槛和限值）");
    let field = h
        .get_all_by_role_and_label(Role::TextInput, "（10）每年交流轮岗教师比例")
        .next()
        .expect("the item's threshold field");
    assert_eq!(field.value().as_deref(), Some("10"));
    // The county items are at the foot of a long editor: scroll to the field, then click it.
    field.scroll_to_me();
    h.run_steps(2);
    h.get_all_by_role_and_label(Role::TextInput, "（10）每年交流轮岗教师比例")
        .next()
        .expect("field")
        .focus();
    h.run_steps(1);
    assert!(h
        .get_all_by_role_and_label(Role::TextInput, "（10）每年交流轮岗教师比例")
        .next()
        .is_some_and(|f| f.is_focused()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_all_by_role_and_label(Role::TextInput, "（10）每年交流轮岗教师比例")
        .next()
        .expect("field")
        .type_text("12");
    h.run_steps(1);
    assert_eq!(
        h.get_all_by_role_and_label(Role::TextInput, "（10）每年交流轮岗教师比例")
            .next()
            .and_then(|f| f.value()),
        Some("12".to_string())
    );
    h.get_by_label("应用并重新计算").click_accesskit();
    h.run_steps(3);
    let item = h
        .state()
        .standard()
        .county_items()
        .iter()
        .find(|i| i.key == "g10_rotation")
        .cloned()
        .expect("item (10)");
    assert_eq!(item.rule, junheng::standard::Rule::AtLeast(12.0));
    assert!(rotation_fails(&h), "11% is below the edited 12%");
    click(&mut h, "达标总览");
    assert!(has_label(&h, "≥ 12 %"));
    // One undo step restores the national threshold.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(!rotation_fails(&h));
}

/// Two opens in a row: the second one's data is what stays, whichever import finishes first.
#[test]
fn the_latest_open_wins_over_an_earlier_one_still_running() {
    let dir = tempfile::tempdir().expect("tempdir");
    let header = "学校标识码,学校名称,学校类型,小学在校生数,小学高于规定学历教师数,小学县级及以上骨干教师数,小学体育艺术专任教师数,教学及辅助用房面积,体育运动场馆面积,教学仪器设备值（万元）,网络多媒体教室数\n";
    // The first file is large, so it is usually still importing when the second one is done.
    let mut big = String::from(header);
    for i in 0..20_000 {
        big.push_str(&format!(
            "B{i},大{i}小学,小学,500,30,6,6,3000,4000,120,12\n"
        ));
    }
    let first = dir.path().join("先.csv");
    std::fs::write(&first, big).expect("write");
    let second = dir.path().join("后.csv");
    std::fs::write(
        &second,
        format!("{header}A1,甲小学,小学,500,30,6,6,3000,4000,120,12\n"),
    )
    .expect("write");
    let mut h = harness();
    h.state_mut().command(Command::Open(first));
    h.state_mut().command(Command::Open(second.clone()));
    h.run_steps(1);
    wait_for_import(&mut h);
    // Give the earlier import time to finish and be ignored.
    for _ in 0..300 {
        h.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(h.state().workspace.loaded.source, "后.csv");
    assert_eq!(h.state().workspace.loaded.dataset.schools.len(), 1);
    assert_eq!(h.state().settings.recent, vec![second]);
}
