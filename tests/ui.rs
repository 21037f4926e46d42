//! The real App driven through egui_kittest, asserted on what the UI shows (AccessKit labels).

use eframe::egui::{accesskit::Role, Key, Modifiers};
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use junheng::app::{fonts, Command, JunhengApp, Lang, Panel, Settings};
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

mod common;

fn harness_with(settings: Settings, file: Option<PathBuf>) -> Harness<'static, JunhengApp> {
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_context_setup(fonts::install)
        .build_eframe(move |cc| JunhengApp::with_settings(&cc.egui_ctx, settings, file));
    h.run_steps(2);
    h
}

fn harness() -> Harness<'static, JunhengApp> {
    harness_with(Settings::default(), None)
}

/// Steps the app until a background import has finished.
fn wait_for_import(h: &mut Harness<'static, JunhengApp>) {
    for _ in 0..500 {
        h.step();
        if !h.state().is_loading() {
            h.run_steps(3);
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the import did not finish");
}

/// Steps the app until background work (a save, an export) has reported back and `done` holds.
fn run_until(h: &mut Harness<'static, JunhengApp>, what: &str, done: impl Fn(&JunhengApp) -> bool) {
    for _ in 0..6000 {
        h.step();
        if done(h.state()) {
            h.run_steps(2);
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("{what} did not finish; status {:?}", h.state().status);
}

/// Whether the status bar's message contains this text.
fn status_has(app: &JunhengApp, text: &str) -> bool {
    app.status.as_deref().is_some_and(|s| s.contains(text))
}

/// Clicks the first node with this label (tabs come before the panels' own labels).
fn click(h: &mut Harness<'static, JunhengApp>, label: &str) {
    h.get_all_by_label(label)
        .next()
        .expect("a node with the label")
        .click();
    h.run_steps(2);
}

fn has_label(h: &Harness<'static, JunhengApp>, label: &str) -> bool {
    h.query_by_label(label).is_some()
}

fn cli_json(args: &[&str]) -> serde_json::Value {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_junheng"))
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).expect("JSON")
}

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
fn opening_a_file_through_the_open_window_replaces_the_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("两校.csv");
    std::fs::write(
        &path,
        "学校标识码,学校名称,学校类型,小学在校生数,小学高于规定学历教师数,小学县级及以上骨干教师数,小学体育艺术专任教师数,教学及辅助用房面积,体育运动场馆面积,教学仪器设备值（万元）,网络多媒体教室数\n\
         A1,甲小学,小学,500,30,6,6,3000,4000,120,12\n\
         A2,乙小学,小学,400,10,2,2,1500,2000,50,5\n",
    )
    .expect("write");
    let mut h = harness();
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(2);
    assert!(h.state().view.windows.open, "Ctrl+O opens the Open window");
    let field = h.get_by_role(Role::TextInput);
    field.click();
    h.run_steps(1);
    h.get_by_role(Role::TextInput)
        .type_text(path.to_str().expect("utf-8 path"));
    h.run_steps(1);
    h.get_by_label("打开").click();
    h.run_steps(1);
    wait_for_import(&mut h);
    assert!(has_label(&h, "两校.csv"));
    assert!(!has_label(&h, "示例数据"), "no longer the sample");
    assert!(has_label(&h, "小学：2 个评估单元，1 个达标"));
    assert_eq!(
        h.state().settings.last_file.as_deref(),
        Some(path.as_path())
    );
    assert_eq!(h.state().settings.recent, vec![path.clone()]);
}

#[test]
fn a_failed_import_lists_every_problem_and_keeps_the_old_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("坏数据.csv");
    std::fs::write(
        &path,
        "学校标识码,学校名称,学校类型,小学在校生数\nS1,一小,小学,三百\nS1,二小,大学,200\n",
    )
    .expect("write");
    let mut h = harness();
    h.state_mut().command(Command::Open(path.clone()));
    h.run_steps(1);
    wait_for_import(&mut h);
    assert!(has_label(&h, "导入失败：坏数据.csv，问题数 3"));
    assert!(has_label(
        &h,
        "坏数据.csv：第 2 行，列“小学在校生数”：“三百”不是数字"
    ));
    assert!(has_label(
        &h,
        "坏数据.csv：第 3 行，列“学校标识码”：学校标识码“S1”重复，第 2 行已用过"
    ));
    // The sample is still on screen.
    assert!(has_label(&h, "示例数据"));
    assert!(has_label(&h, "小学：11 个评估单元，7 个达标"));
    assert_eq!(
        h.state().settings.last_file,
        None,
        "a failed file is not remembered"
    );
    h.get_by_label("关闭").click();
    h.run_steps(2);
    assert!(h.state().problems.is_none());
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

/// A file dropped on the window, as the platform layer hands it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl eframe::egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_file_dropped_on_the_window_is_imported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("拖入.json");
    std::fs::write(
        &path,
        r#"[{"school_id": "D1", "name": "拖入小学", "kind": "小学", "students_primary": 300,
             "qualified_primary": 15, "backbone_primary": 3, "pe_art_primary": 3,
             "teaching_area_m2": 1500, "sports_area_m2": 2400, "equipment_value_yuan": 700000,
             "multimedia_rooms": 7}]"#,
    )
    .expect("write");
    let mut h = harness();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.clone())));
    h.step();
    wait_for_import(&mut h);
    assert!(has_label(&h, "拖入.json"));
    assert!(has_label(&h, "小学：1 个评估单元，1 个达标"));
    assert_eq!(h.state().settings.recent, vec![path]);
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
    app.command(Command::SetCost(junheng::Field::BackbonePrimary, 25_000.0));
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
fn the_excel_report_is_exported_from_the_app_with_the_scenario_shown() {
    use calamine::Reader;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("报告.xlsx");
    let mut h = harness();
    click(&mut h, "石门乡中心小学");
    click(&mut h, "+1 骨干教师");
    click(&mut h, "文件");
    click(&mut h, "导出报告（Excel / PDF）…");
    assert!(h.state().view.windows.report);
    h.state_mut().view.windows.report_input = path.display().to_string();
    h.run_steps(3);
    click(&mut h, "导出");
    run_until(&mut h, "the report", |a| status_has(a, "已导出报告"));
    assert!(path.exists(), "status: {:?}", h.state().status);
    let mut wb = calamine::open_workbook_auto(&path).expect("opens");
    let summary = wb.worksheet_range("汇总").expect("summary");
    let texts: Vec<String> = summary
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("方案：方案 1（1 项变更，费用 2.00 万元")),
        "{texts:?}"
    );
    let sections = wb.worksheet_range("评估单元").expect("sections");
    let s07 = sections.rows().find(|r| r[0] == "S07").expect("S07 row");
    assert_eq!(
        s07[s07.len() - 1].to_string(),
        "达标",
        "the scenario's verdict"
    );
}

#[test]
fn presentation_mode_steps_through_titled_slides() {
    let mut h = harness();
    h.key_press(Key::F5);
    h.run_steps(2);
    assert_eq!(h.state().presenting, Some(0));
    let app = h.state();
    let slides = junheng::app::views::present::slides(app);
    let titles: Vec<String> = slides
        .iter()
        .map(|s| junheng::app::views::present::title(app, *s))
        .collect();
    // The sample fails on 5 indicators somewhere (S10 misses all 7; others miss backbone, sports…).
    assert_eq!(titles[0], "义务教育优质均衡发展 · 资源配置");
    assert_eq!(titles[1], "优质均衡发展达标总览");
    assert_eq!(titles[2], "总体情况");
    assert_eq!(titles.last().map(String::as_str), Some("校际差异系数"));
    assert!(titles.contains(&"每百名学生拥有县级以上骨干教师数".to_string()));
    for (i, t) in titles.iter().enumerate() {
        assert!(has_label(&h, t), "slide {} shows its title «{t}»", i + 1);
        if i == 1 {
            assert!(has_label(&h, "尚未达到认定条件"));
            assert!(
                has_label(&h, "一票否决：0/6 未达标"),
                "veto items not entered yet"
            );
        }
        assert!(has_label(&h, &format!("{} / {}", i + 1, titles.len())));
        h.key_press(Key::ArrowRight);
        h.run_steps(2);
    }
    assert_eq!(
        h.state().presenting,
        Some(titles.len() - 1),
        "stops at the last slide"
    );
    h.key_press(Key::PageUp);
    h.run_steps(2);
    assert_eq!(h.state().presenting, Some(titles.len() - 2));
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert_eq!(h.state().presenting, None);
    assert!(has_label(&h, "总览"), "back to the window");
}

#[test]
fn a_scenario_adds_before_after_and_cost_slides() {
    let mut h = harness();
    click(&mut h, "石门乡中心小学");
    click(&mut h, "+1 骨干教师");
    click(&mut h, "▶ 演示 (F5)");
    let app = h.state();
    let slides = junheng::app::views::present::slides(app);
    let n = slides.len();
    let titles: Vec<String> = slides
        .iter()
        .map(|s| junheng::app::views::present::title(app, *s))
        .collect();
    assert_eq!(titles[n - 3], "方案前后对比：方案 1");
    assert_eq!(titles[n - 2], "方案费用：方案 1");
    assert_eq!(titles[n - 1], "各校投入：方案 1");
    for _ in 0..n - 1 {
        h.key_press(Key::Space);
        h.run_steps(1);
    }
    h.run_steps(2);
    // The last slide: per school, what the scenario adds and what it costs.
    assert!(has_label(&h, "各校投入：方案 1"));
    assert!(has_label(&h, "+1 骨干教师"));
    assert!(has_label(&h, "2.00 万元"));
    h.key_press(Key::ArrowLeft);
    h.run_steps(2);
    assert!(has_label(&h, "方案费用：方案 1"));
    assert!(has_label(&h, "合计 2.00 万元"));
    h.key_press(Key::ArrowLeft);
    h.run_steps(2);
    assert!(has_label(&h, "方案前后对比：方案 1"));
    assert!(has_label(&h, "石门乡中心小学 · 小学 → 达标"));
}

fn png_size_and_pixels(path: &std::path::Path) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(path).expect("png"),
    ));
    let mut reader = decoder.read_info().expect("png header");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("png frame");
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

#[test]
fn a_chart_saves_as_a_2x_png_and_slides_as_1080p_pngs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness();
    h.state_mut().state.settings.export_dir = Some(dir.path().to_path_buf());
    h.state_mut().command(Command::ExportChart(
        junheng::app::views::charts::ChartSpec::Cv(junheng::Level::Primary),
    ));
    run_until(&mut h, "the chart", |a| status_has(a, "图片已保存"));
    let chart = dir.path().join("差异系数-小学.png");
    assert!(chart.exists(), "status: {:?}", h.state().status);
    let (w, hgt, px) = png_size_and_pixels(&chart);
    assert_eq!((w, hgt), (1800, 1040), "900×520 points at 2×");
    // The over-limit sports-area bar is drawn in the app's red, the others in its green.
    let has = |rgb: (u8, u8, u8)| {
        px.chunks_exact(4)
            .filter(|p| (p[0], p[1], p[2]) == rgb)
            .count()
    };
    assert!(has((215, 58, 73)) > 1000, "red bar pixels");
    assert!(has((46, 160, 67)) > 1000, "green bar pixels");

    h.state_mut().command(Command::ExportSlides);
    run_until(&mut h, "the slides", |a| status_has(a, "张幻灯片"));
    let folder = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .find(|e| e.file_name().to_string_lossy().starts_with("slides-"))
        .expect("a slides folder")
        .path();
    let mut slides: Vec<_> = std::fs::read_dir(&folder)
        .expect("slides")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    slides.sort();
    let expected = junheng::app::views::present::slides(h.state()).len();
    assert_eq!(slides.len(), expected);
    for s in &slides {
        let (w, hgt, _) = png_size_and_pixels(s);
        assert_eq!((w, hgt), (1920, 1080));
    }
    // For a person to look at: JUNHENG_EXPORT_COPY=DIR keeps copies of the images.
    if let Some(keep) = std::env::var_os("JUNHENG_EXPORT_COPY") {
        let keep = std::path::PathBuf::from(keep);
        let _ = std::fs::create_dir_all(&keep);
        let _ = std::fs::copy(&chart, keep.join("chart-cv-primary.png"));
        for s in slides.iter().take(4) {
            if let Some(name) = s.file_name() {
                let _ = std::fs::copy(s, keep.join(name));
            }
        }
    }
}

#[test]
fn entering_a_veto_item_turns_the_readiness_verdict_red() {
    let mut h = harness();
    click(&mut h, "达标总览");
    assert!(
        has_label(&h, "尚未达到"),
        "the sample does not pass resource allocation"
    );
    assert!(has_label(&h, "一票否决 6/6") || has_label(&h, "一票否决 0/6"));
    // Nothing entered: the veto items count as not entered (not met).
    assert!(has_label(&h, "一票否决 0/6"));
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
    assert!(has_label(&h, "一票否决 5/6"));
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
    assert_eq!(status, junheng::plan::PlanStatus::Optimal);
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
    assert!(has_label(&h, "最优：已证明费用最低"));
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

/// 导出报告 with a name ending in .pdf writes the PDF (the window used to refuse anything but
/// .xlsx); its text holds the schools' names and the scenario shown.
#[test]
fn the_pdf_report_is_exported_from_the_app() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("报告.pdf");
    let mut h = harness();
    click(&mut h, "石门乡中心小学");
    click(&mut h, "+1 骨干教师");
    click(&mut h, "文件");
    click(&mut h, "导出报告（Excel / PDF）…");
    h.state_mut().view.windows.report_input = path.display().to_string();
    h.run_steps(3);
    click(&mut h, "导出");
    run_until(&mut h, "the PDF report", |a| status_has(a, "已导出报告"));
    let bytes = std::fs::read(&path).expect("the PDF was written");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF file");
    let Some(text) = common::pdf_text(&path) else {
        return;
    };
    for name in [
        "石门乡中心小学",
        "南沟小学",
        "城关第一小学",
        "资源配置评估报告",
    ] {
        assert!(text.contains(name), "{name} in the PDF text");
    }
    assert!(
        text.contains("方案 1"),
        "the scenario shown is in the report"
    );
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
