//! 年度推演 in the window (egui_kittest): the settings saved as an edit, the year selector
//! driving the overview's numbers to the timeline's, and the page's first failures.

use junheng::app::{Command, Panel, Settings};
use junheng::timeline::{timeline, Spec};

mod common;
use common::ui::*;

#[test]
fn the_year_selector_changes_the_overview_to_the_timeline_s_numbers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("分年级.csv");
    let csv = junheng::cli::with_grades(&junheng::cli::generate_county(300, 1));
    std::fs::write(&path, &csv).expect("write");
    let mut h = harness_with(Settings::default(), Some(path.clone()));
    wait_for_import(&mut h);
    let spec = Spec {
        base_year: 2024,
        to: 2028,
        survival: 0.99,
        trend: Some(-0.03),
    };
    h.state().command(Command::SetTimeline(Some(spec)));
    h.run_steps(3);
    assert_eq!(h.state().workspace.timeline, Some(spec));
    assert_eq!(h.state().history.undo_label(), Some("年度推演设置"));
    // The same timeline, made here from the file.
    let standard = junheng::Standard::national_2017();
    let data = junheng::io::load_path(&path, &standard, &Default::default())
        .expect("reads")
        .dataset;
    let t = timeline(&data, None, &standard, &spec.options()).expect("timeline");
    let line = |year: usize| {
        let s = t.years[year].evaluation.summary_of(junheng::Level::Primary);
        format!("小学：{} 个评估单元，{} 个达标", s.units, s.passing)
    };
    assert_ne!(line(0), line(3), "the years differ");
    assert!(has_label(&h, &line(0)), "the base year: {}", line(0));
    // The toolbar's year: every view shows 2027.
    assert!(has_label(&h, "年份"));
    h.state().command(Command::SelectYear(Some(2027)));
    h.run_steps(3);
    assert_eq!(h.state().workspace.shown_year, Some(2027));
    assert!(has_label(&h, &line(3)), "2027: {}", line(3));
    assert!(!has_label(&h, &line(0)));
    assert_eq!(
        h.state().shown().summary_of(junheng::Level::Junior).passing,
        t.years[3]
            .evaluation
            .summary_of(junheng::Level::Junior)
            .passing
    );
    // The comparison is of 2027 too, and says so.
    h.state().command(Command::SetPanel(Panel::Compare));
    h.run_steps(3);
    assert!(has_label(
        &h,
        "2027年（推演）：各方案在该年及以前生效的变更，作用于该年推演的数据；费用为方案全部变更的费用。"
    ));
    let cols = h.state().derived.columns.clone().expect("the comparison");
    assert_eq!(
        cols[0]
            .result
            .as_ref()
            .expect("baseline")
            .summary_of(junheng::Level::Primary)
            .passing,
        t.years[3]
            .evaluation
            .summary_of(junheng::Level::Primary)
            .passing
    );
    h.state().command(Command::SetPanel(Panel::Overview));
    h.run_steps(3);
    // Back to the base year.
    h.state().command(Command::SelectYear(None));
    h.run_steps(3);
    assert!(has_label(&h, &line(0)));
    // The page: the first failures, each with its year and reason.
    h.state().command(Command::SetPanel(Panel::Years));
    h.run_steps(3);
    assert!(has_label(&h, "基年达标、之后首次未达标的学校"));
    assert!(!t.first_failures.is_empty());
    let f = &t.first_failures[0];
    assert!(has_label(&h, &f.reason), "{}", f.reason);
    // Presentation mode has the year-by-year slide.
    let slides = junheng::app::views::present::slides(h.state());
    assert!(slides.contains(&junheng::app::views::present::Slide::Years));
    // The school view: the section's indicators by year, its enrolment each year.
    h.state().command(Command::SetPanel(Panel::School));
    h.run_steps(3);
    assert!(has_label(&h, "逐年（年度推演）"));
    let first = &t.years[0].evaluation.units[0];
    let later = t.years[4]
        .evaluation
        .units
        .iter()
        .find(|u| u.school_id == first.school_id && u.level == first.level)
        .expect("the section in 2028");
    assert!(has_label(&h, &junheng::format::thousands(later.students)));
    // Saved with the project.
    let project = dir.path().join("分年级.junheng");
    h.state().command(Command::SaveProjectAs(project.clone()));
    run_until(&mut h, "the save", |a| !a.dirty);
    let opened = junheng::store::open(&project).expect("opens");
    assert_eq!(opened.timeline, Some(spec));
}

#[test]
fn past_years_and_the_intake_table_are_set_on_the_years_page_and_saved() {
    use eframe::egui::{accesskit::Role, Key};
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("2024.csv");
    std::fs::write(
        &path,
        junheng::cli::with_grades(&junheng::cli::generate_county(120, 1)),
    )
    .expect("write");
    let past_path = dir.path().join("2022.csv");
    std::fs::write(
        &past_path,
        junheng::cli::with_grades(&junheng::cli::generate_county(120, 7)),
    )
    .expect("write");
    let intake_path = dir.path().join("招生.csv");
    let standard = junheng::Standard::national_2017();
    let data = junheng::io::load_path(&path, &standard, &Default::default())
        .expect("reads")
        .dataset;
    let first = data
        .schools
        .iter()
        .find(|s| s.values.get(junheng::Field::Grade1).is_some())
        .expect("a primary school with grades");
    std::fs::write(
        &intake_path,
        format!(
            "school_id,year,grade_1\n{},2026,412\n{},2027,405\nNOPE,2026,10\n",
            first.id, first.id
        ),
    )
    .expect("write");
    let mut h = harness_with(Settings::default(), Some(path.clone()));
    wait_for_import(&mut h);
    let spec = Spec {
        base_year: 2024,
        to: 2028,
        survival: 1.0,
        trend: None,
    };
    h.state().command(Command::SetTimeline(Some(spec)));
    h.state().command(Command::SetPanel(Panel::Years));
    h.run_steps(3);
    click(&mut h, "招生表与往年实际数据");
    // The past year: its year typed, its file typed into the path field, 加入.
    h.state_mut().view.years_form.past_year = 2022;
    h.get_all_by_role_and_label(Role::TextInput, "数据文件")
        .next()
        .expect("the path field")
        .focus();
    h.run_steps(1);
    h.get_all_by_role_and_label(Role::TextInput, "数据文件")
        .next()
        .expect("the past data's path field")
        .type_text(&past_path.display().to_string());
    h.run_steps(1);
    assert_eq!(
        h.state().view.years_form.past_path,
        past_path.display().to_string()
    );
    click(&mut h, "加入");
    h.run_steps(2);
    assert_eq!(h.state().change_error, None);
    run_until(&mut h, "the past year", |a| {
        a.years_loading.is_none() && !a.workspace.history.is_empty()
    });
    assert_eq!(h.state().workspace.history[0].year, 2022);
    assert_eq!(h.state().workspace.history[0].dataset.schools.len(), 120);
    assert!(has_label(&h, "实线：实际数据；虚线：推演。"));
    // The school view's years begin with the past year's actual data.
    h.state().command(Command::SetPanel(Panel::School));
    h.run_steps(3);
    assert!(has_label(&h, "2022（实际）"));
    h.state().command(Command::SetPanel(Panel::Years));
    h.run_steps(3);
    // The toolbar offers 2022 as actual data; choosing it shows that year's own evaluation.
    let past = junheng::evaluate::evaluate(
        &junheng::io::load_path(&past_path, &standard, &Default::default())
            .expect("reads")
            .dataset,
        &standard,
    );
    h.state().command(Command::SelectYear(Some(2022)));
    h.state().command(Command::SetPanel(Panel::Overview));
    h.run_steps(3);
    let s = past.summary_of(junheng::Level::Primary);
    assert!(
        has_label(
            &h,
            &format!("小学：{} 个评估单元，{} 个达标", s.units, s.passing)
        ),
        "2022's own numbers"
    );
    assert_eq!(
        h.state().shown().cv_of(junheng::Level::Primary)[0].cv,
        past.cv_of(junheng::Level::Primary)[0].cv
    );
    h.state().command(Command::SelectYear(None));
    h.state().command(Command::SetPanel(Panel::Years));
    h.run_steps(3);
    // The intake table read from its file: one undo step; the timeline uses it.
    h.get_all_by_role_and_label(Role::TextInput, "从文件读入")
        .next()
        .expect("the path field")
        .focus();
    h.run_steps(1);
    h.get_all_by_role_and_label(Role::TextInput, "从文件读入")
        .next()
        .expect("the intake's path field")
        .type_text(&intake_path.display().to_string());
    h.run_steps(1);
    click(&mut h, "读入");
    run_until(&mut h, "the intake table", |a| {
        a.years_loading.is_none() && !a.workspace.intake.is_empty()
    });
    assert_eq!(h.state().history.undo_label(), Some("招生表（3 行）"));
    let grade_1 = |h: &egui_kittest::Harness<'static, junheng::app::JunhengApp>, year: i32| {
        let years = h.state().derived.years.as_ref().expect("timelines");
        let t = years.shown().expect("made");
        t.years
            .iter()
            .find(|y| y.year == year)
            .and_then(|y| y.data.school(&first.id))
            .and_then(|s| s.values.get(junheng::Field::Grade1))
    };
    assert_eq!(grade_1(&h, 2026), Some(412.0));
    assert_eq!(grade_1(&h, 2027), Some(405.0));
    assert_eq!(grade_1(&h, 2025), first.values.get(junheng::Field::Grade1));
    // The school not in the data is said in the notes.
    let notes = &h
        .state()
        .derived
        .years
        .as_ref()
        .expect("t")
        .shown()
        .expect("t")
        .notes;
    assert!(notes
        .iter()
        .any(|n| n.contains("招生表中的学校“NOPE”不在数据中")));
    // An edit in the table, applied: 2026 becomes 390.
    h.state_mut().view.years_form.intake = Some({
        let mut rows = h.state().workspace.intake.rows();
        let r = rows
            .iter_mut()
            .find(|r| r.school_id == first.id && r.year == 2026)
            .expect("row");
        r.grade_1 = Some(390.0);
        rows
    });
    h.run_steps(2);
    click(&mut h, "应用招生表");
    h.run_steps(2);
    assert_eq!(grade_1(&h, 2026), Some(390.0));
    // Undo takes the edit back.
    h.key_press_modifiers(eframe::egui::Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(grade_1(&h, 2026), Some(412.0));
    // Saved and opened again: the past year and the table come back.
    let project = dir.path().join("推演.junheng");
    h.state().command(Command::SaveProjectAs(project.clone()));
    run_until(&mut h, "the save", |a| !a.dirty);
    let opened = junheng::store::open(&project).expect("opens");
    assert_eq!(opened.history.len(), 1);
    assert_eq!(opened.history[0].year, 2022);
    assert_eq!(
        opened.history[0].dataset,
        h.state().workspace.history[0].dataset
    );
    assert_eq!(opened.intake, h.state().workspace.intake);
    assert_eq!(opened.intake.entries.len(), 3);
}

/// A county too large to project on the window's thread: the timelines are made on a worker,
/// the toolbar says so while the base year is shown, and the chosen year's numbers arrive.
#[test]
fn a_large_county_s_timelines_are_made_off_the_window_s_thread() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("大县.csv");
    let csv = junheng::cli::with_grades(&junheng::cli::generate_county(2500, 4));
    std::fs::write(&path, &csv).expect("write");
    let mut h = harness_with(Settings::default(), Some(path.clone()));
    wait_for_import(&mut h);
    let spec = Spec {
        base_year: 2024,
        to: 2032,
        survival: 0.98,
        trend: Some(-0.05),
    };
    h.state().command(Command::SetTimeline(Some(spec)));
    h.state().command(Command::SelectYear(Some(2030)));
    h.run_steps(1);
    // The worker's answer is taken at the start of a frame: this frame is still projecting,
    // and says so beside the year.
    assert!(h.state().derived.years_pending());
    assert!(has_label(&h, "正在推演 2030 年…（此刻显示的是基年）"));
    // A report now would lack the years: the export says so instead of writing one.
    let report = dir.path().join("报告.xlsx");
    h.state().command(Command::ExportReport(report.clone()));
    h.step();
    if h.state().derived.years_pending() {
        assert!(status_has(h.state(), "年度推演仍在计算"));
        assert!(!report.exists());
    }
    run_until(&mut h, "the timelines", |a| {
        !a.derived.years_pending() && a.derived.years.is_some()
    });
    let standard = junheng::Standard::national_2017();
    let data = junheng::io::load_path(&path, &standard, &Default::default())
        .expect("reads")
        .dataset;
    let t = timeline(&data, None, &standard, &spec.options()).expect("timeline");
    let y2030 = &t.years[6].evaluation;
    assert_eq!(t.years[6].year, 2030);
    let shown = h.state().shown();
    for level in [junheng::Level::Primary, junheng::Level::Junior] {
        assert_eq!(
            shown.summary_of(level).passing,
            y2030.summary_of(level).passing
        );
        assert_eq!(
            format!("{:.6}", shown.cv_of(level)[3].cv),
            format!("{:.6}", y2030.cv_of(level)[3].cv)
        );
    }
    assert_ne!(
        format!("{:.6}", shown.cv_of(junheng::Level::Junior)[3].cv),
        format!(
            "{:.6}",
            t.years[0].evaluation.cv_of(junheng::Level::Junior)[3].cv
        ),
        "2030 differs from the base year"
    );
}
