//! Data of several counties in the window (egui_kittest): every view shows one county, picked in
//! the tab bar or on the 县区对比 page, which ranks them.

use egui_kittest::kittest::Queryable;
use junheng::app::Command;
use junheng::evaluate::evaluate;
use junheng::Standard;
use std::path::PathBuf;

mod common;
use common::ui::*;

const FILE: &str = "tests/data/three-counties.csv";

fn county_alone(county: &str) -> junheng::evaluate::Evaluation {
    let data = common::three_counties();
    evaluate(&data.county_subset(county), &Standard::national_2017())
}

#[test]
fn every_view_shows_one_county_and_the_comparison_page_ranks_them() {
    let mut h = harness();
    // The sample county names no county: no picker, no comparison tab.
    assert!(!has_label(&h, "县区对比"));
    h.state_mut().command(Command::Open(PathBuf::from(FILE)));
    h.run_steps(1);
    wait_for_import(&mut h);
    // The first county of the file is shown, judged on its own.
    assert_eq!(h.state().workspace.shown_county.as_deref(), Some("甲县"));
    assert_eq!(h.state().derived.baseline, county_alone("甲县"));
    assert!(has_label(&h, "小学：4 个评估单元，0 个达标"));
    assert!(has_label(&h, "初中：3 个评估单元，1 个达标"));
    assert!(has_label(
        &h,
        "6 所学校 · 7 个评估单元 · 县域义务教育优质均衡发展督导评估办法（2017）资源配置"
    ));

    click(&mut h, "县区对比");
    assert!(has_label(&h, "1/7 (14.3%)"), "甲县's sections passing");
    assert!(has_label(&h, "0/4 (0.0%)"), "乙县's");
    assert_eq!(
        h.get_all_by_label("14/14").count(),
        2,
        "甲县 and 丙县 meet all 14 CVs"
    );
    assert!(has_label(&h, "7/7"), "乙县 has no junior school: 7 CVs");
    // The ranking: 甲县, then 丙县 (14 CVs met) before 乙县 (7).
    let ranked: Vec<&str> = h
        .state()
        .derived
        .county_ranking
        .iter()
        .map(|r| r.county.as_str())
        .collect();
    assert_eq!(ranked, ["甲县", "丙县", "乙县"]);

    // A county's name shows it everywhere.
    h.run_steps(3);
    h.get_by_label("丙县").click();
    h.run_steps(2);
    assert_eq!(h.state().workspace.shown_county.as_deref(), Some("丙县"));
    assert_eq!(h.state().derived.baseline, county_alone("丙县"));
    assert!(has_label(&h, "▶ 丙县"));
    click(&mut h, "总览");
    let primary = h
        .state()
        .derived
        .baseline
        .summary_of(junheng::Level::Primary)
        .clone();
    assert!(has_label(
        &h,
        &format!(
            "小学：{} 个评估单元，{} 个达标",
            primary.units, primary.passing
        )
    ));
    // 丙县's two teaching points are merged into their central schools.
    assert!(!h
        .state()
        .derived
        .baseline
        .units
        .iter()
        .any(|u| u.school_id == "BC04" || u.school_id == "BC05"));
}

#[test]
fn the_county_shown_is_saved_with_the_project() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = dir.path().join("三县.junheng");
    let mut h = harness();
    h.state_mut().command(Command::Open(PathBuf::from(FILE)));
    h.run_steps(1);
    wait_for_import(&mut h);
    h.state_mut().command(Command::SelectCounty("乙县".into()));
    h.run_steps(2);
    assert_eq!(h.state().derived.baseline, county_alone("乙县"));
    h.state_mut()
        .command(Command::SaveProjectAs(project.clone()));
    run_until(&mut h, "the save", |s| !s.saving && !s.dirty);
    let mut again = harness();
    again.state_mut().command(Command::Open(project));
    again.run_steps(1);
    wait_for_import(&mut again);
    assert_eq!(
        again.state().workspace.shown_county.as_deref(),
        Some("乙县")
    );
    assert_eq!(again.state().derived.baseline, county_alone("乙县"));
    assert!(has_label(&again, "县区对比"));
}

#[test]
fn a_school_opened_while_a_county_is_shown_is_in_that_county() {
    let mut h = harness();
    h.state_mut().command(Command::Open(PathBuf::from(FILE)));
    h.run_steps(1);
    wait_for_import(&mut h);
    h.state_mut().command(Command::SelectCounty("乙县".into()));
    h.run_steps(2);
    let record = serde_json::json!({
        "school_id": "YB09", "name": "乙县新区小学", "kind": "primary",
        "students_primary": 300, "qualified_primary": 15, "backbone_primary": 4,
        "pe_art_primary": 3, "teaching_area_m2": 1600, "sports_area_m2": 2600,
        "equipment_value_yuan": 700000, "multimedia_rooms": 8
    });
    let serde_json::Value::Object(school) = record else {
        unreachable!("an object")
    };
    h.state_mut()
        .command(Command::AddChange(junheng::scenario::Change::NewSchool {
            school,
        }));
    h.run_steps(2);
    assert_eq!(h.state().change_error, None);
    let shown = h.state().shown();
    assert!(shown.units.iter().any(|u| u.school_id == "YB09"));
    assert_eq!(shown.summary_of(junheng::Level::Primary).units, 5);
}
