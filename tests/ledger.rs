//! The rectification ledger (整改台账): one item per change of a scenario, each with its cost once
//! and every year (adding up to the scenario's), a suggested responsible unit, a status; the
//! county as it stands now is the baseline with the items done applied; progress by unit and
//! year; and `junheng ledger` writes it as a workbook with one row per change.

use calamine::{open_workbook_auto, Data, Reader};
use junheng::evaluate::evaluate;
use junheng::ledger::{Ledger, Status};
use junheng::scenario::{apply, cost_of, CostTable, Scenario};
use junheng::{sample, Standard};

fn demo() -> (junheng::model::Dataset, Scenario) {
    let standard = Standard::national_2017();
    let data = sample::load(&standard).expect("sample").dataset;
    let sc = Scenario::from_json(
        &std::fs::read_to_string("tests/data/demo-scenario.json").expect("the demo scenario"),
    )
    .expect("parses");
    (data, sc)
}

#[test]
fn a_ledger_has_an_item_per_change_whose_costs_add_up_to_the_scenario_s() {
    let (data, sc) = demo();
    let costs = CostTable::default();
    let ledger = Ledger::from_scenario(&data, &sc, &costs);
    assert_eq!(ledger.items.len(), sc.changes.len());
    assert_eq!(ledger.scenario, "2024 方案A");
    let total = cost_of(&data, &sc, &costs);
    let once: f64 = ledger.items.iter().map(|i| i.once).sum();
    let yearly: f64 = ledger.items.iter().map(|i| i.per_year).sum();
    assert!((once - total.once).abs() < 1e-6, "{once} vs {}", total.once);
    assert!((yearly - total.per_year).abs() < 1e-6);
    // +2 骨干教师 at S02: 2 × 20,000 a year, 人社局; the sports ground at S02: once, 住建局.
    assert_eq!(ledger.items[0].per_year, 40_000.0);
    assert_eq!(ledger.items[0].unit, "人社局");
    assert!(ledger.items[1].once > 0.0 && ledger.items[1].per_year == 0.0);
    assert_eq!(ledger.items[1].unit, "住建局");
    assert_eq!(ledger.items[4].unit, "教体局", "a merge");
    assert!(ledger.items.iter().all(|i| i.status == Status::NotStarted));
}

#[test]
fn the_county_now_is_the_baseline_with_the_items_done() {
    let (data, sc) = demo();
    let standard = Standard::national_2017();
    let mut ledger = Ledger::from_scenario(&data, &sc, &CostTable::default());
    assert!(ledger.completed().changes.is_empty());
    ledger.items[0].status = Status::Done;
    ledger.items[2].status = Status::Done;
    ledger.items[3].status = Status::InProgress;
    let done = ledger.completed();
    assert_eq!(
        done.changes,
        vec![sc.changes[0].clone(), sc.changes[2].clone()]
    );
    let now = evaluate(&apply(&data, &done).expect("applies"), &standard);
    let before = evaluate(&data, &standard);
    let s02 = |ev: &junheng::evaluate::Evaluation| {
        ev.units
            .iter()
            .find(|u| u.school_id == "S02")
            .map(|u| u.indicators[1].value)
            .expect("S02")
    };
    assert!(
        s02(&now) > s02(&before),
        "the backbone teachers added count now"
    );
    // Progress: by unit (人社局 holds items 0, 2, 3) and overdue by deadline.
    ledger.items[3].deadline = "2026-09-01".into();
    let (by_unit, _) = ledger.progress("2026-11-30");
    let hr = by_unit.iter().find(|p| p.key == "人社局").expect("人社局");
    assert_eq!((hr.items, hr.done, hr.overdue), (3, 2, 1));
    assert!(Ledger::overdue(&ledger.items[3], "2026-11-30"));
    assert!(!Ledger::overdue(&ledger.items[3], "2026-08-30"));
    assert!(
        !Ledger::overdue(&ledger.items[0], "2030-01-01"),
        "done is never overdue"
    );
}

#[test]
fn the_ledger_command_writes_a_row_per_change() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("台账.xlsx");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_junheng"))
        .args([
            "ledger",
            "--sample",
            "--scenario",
            "tests/data/demo-scenario.json",
            "--out",
        ])
        .arg(&out)
        .status()
        .expect("runs");
    assert!(status.success());
    let (data, sc) = demo();
    let mut wb = open_workbook_auto(&out).expect("opens");
    let sheet = wb
        .worksheet_range(junheng::report::ledger_xlsx::ITEMS_SHEET)
        .expect("the items sheet");
    assert_eq!(sheet.height(), 1 + sc.changes.len());
    let text = |r: usize, c: usize| match sheet.get((r, c)) {
        Some(Data::String(s)) => s.clone(),
        Some(d) => d.to_string(),
        None => String::new(),
    };
    for (c, h) in junheng::report::ledger_xlsx::COLUMNS.iter().enumerate() {
        assert_eq!(text(0, c), *h);
    }
    assert_eq!(text(1, 1), "S02");
    assert_eq!(text(1, 2), "城关第二小学");
    assert_eq!(text(1, 3), sc.changes[0].describe_in(Some(&data), true));
    assert_eq!(text(1, 5), "40000");
    assert_eq!(text(1, 10), "未开始");
    assert_eq!(text(1, 8), "人社局");
    let progress = wb
        .worksheet_range(junheng::report::ledger_xlsx::PROGRESS_SHEET)
        .expect("the progress sheet");
    assert_eq!(
        progress.get((0, 0)).map(|d| d.to_string()).as_deref(),
        Some("责任单位")
    );
}

/// With a ledger, the self-assessment draft's 整改措施 lists its items with unit and status, and
/// the deck has the progress by unit and by year.
#[test]
fn the_draft_and_the_deck_carry_the_ledger() {
    use std::io::Read;
    let (data, sc) = demo();
    let standard = Standard::national_2017();
    let mut ledger = Ledger::from_scenario(&data, &sc, &CostTable::default());
    ledger.items[0].status = Status::Done;
    let ev = evaluate(&data, &standard);
    let input = junheng::report::ReportInput {
        data: &data,
        evaluation: &ev,
        standard: &standard,
        scenario: None,
        made_at: "2026-11-30T12:00:00Z".into(),
        county: &[],
        counties: &[],
        shown_county: None,
        corrections: &[],
        meeting: &Default::default(),
        timeline: None,
        past: &[],
        ledger: Some(&ledger),
        costs: None,
    };
    let read = |bytes: Vec<u8>, part: &str| {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
        let mut s = String::new();
        zip.by_name(part)
            .expect("part")
            .read_to_string(&mut s)
            .expect("text");
        s
    };
    let doc = read(
        junheng::report::docx::render(&input).expect("docx"),
        "word/document.xml",
    );
    assert!(doc.contains("整改台账（方案“2024 方案A”）共 6 项，已完成 1 项。"));
    assert!(doc.contains("人社局"));
    assert!(doc.contains("已完成") && doc.contains("未开始"));
    let deck = junheng::report::pptx::render(&input).expect("pptx");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(deck)).expect("zip");
    let mut found = false;
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("part");
        if !f.name().is_ok_and(|n| n.starts_with("ppt/slides/slide")) {
            continue;
        }
        let mut s = String::new();
        f.read_to_string(&mut s).expect("text");
        if s.contains("整改进度（按责任单位）") {
            assert!(s.contains("人社局"));
            assert!(s.contains("整改台账（方案“2024 方案A”）共 6 项，已完成 1 项"));
            found = true;
        }
    }
    assert!(found, "the progress slide");
}
