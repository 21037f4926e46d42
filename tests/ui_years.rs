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
    // The comparison says it is of the base year.
    h.state().command(Command::SetPanel(Panel::Compare));
    h.run_steps(3);
    assert!(has_label(
        &h,
        "此页比较的是基年 2024 年的数据，不是工具栏所选的 2027 年。"
    ));
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
