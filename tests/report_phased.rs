//! A phased plan in the reports (issue 16, part 4): the Excel workbook's 逐年投入 sheet, the
//! deck's 分年度投入 slide and the PDF's pages give each year's spending as an independent
//! accounting of the dated changes at the unit costs computes it, and each year's changes.

use calamine::{open_workbook_auto_from_rs, Data, Reader};
use junheng::evaluate::evaluate;
use junheng::plan::phased::{plan_phased, spending, PhasedOptions};
use junheng::report::deck::{build, Block};
use junheng::report::{xlsx as report_xlsx, ReportInput};
use junheng::scenario::{apply, cost_of, CostTable};
use junheng::Standard;
use std::collections::BTreeMap;
use std::io::Cursor;

mod common;

#[test]
fn a_dated_scenario_is_reported_year_by_year() {
    let standard = Standard::national_2017();
    let csv = junheng::cli::with_grades(&junheng::cli::generate_county(30, 2));
    let data = junheng::io::load_bytes(csv.as_bytes(), "g.csv", &standard, &Default::default())
        .expect("loads")
        .dataset;
    let costs = CostTable::default();
    let opts = PhasedOptions {
        plan: junheng::plan::PlanOptions::from_costs(costs.clone()).expect("costs"),
        timeline: junheng::timeline::Options::new(2024, 2027),
        target_year: 2025,
        budgets: BTreeMap::new(),
        cv_margin: 0.02,
        base: Default::default(),
    };
    let plan = plan_phased(
        &data,
        &standard,
        &opts,
        &std::sync::atomic::AtomicBool::new(false),
        &mut |_| {},
    )
    .expect("plans");
    let sc = plan.scenario.clone();
    assert!(sc.is_dated() && !sc.changes.is_empty());
    let after = apply(&data, &sc).expect("applies");
    let ev = evaluate(&after, &standard);
    let base = evaluate(&data, &standard);
    let cost = cost_of(&data, &sc, &costs);
    let tl =
        junheng::timeline::timeline(&data, Some(&sc), &standard, &opts.timeline).expect("timeline");
    let input = ReportInput {
        data: &data,
        evaluation: &ev,
        standard: &standard,
        scenario: Some((&sc, &cost, &base)),
        made_at: "2026-11-30T12:00:00Z".into(),
        county: &[],
        counties: &[],
        shown_county: None,
        corrections: &[],
        meeting: &Default::default(),
        timeline: Some(&tl),
        past: &[],
        ledger: None,
        costs: Some(&costs),
    };
    // The independent accounting.
    let years = spending(&sc, &costs, 2024, 2027, &BTreeMap::new());
    let rows = input.year_rows().expect("dated");
    assert_eq!(rows.len(), 4);
    for (r, y) in rows.iter().zip(&years) {
        assert_eq!(r.year, y.year);
        assert!((r.spent - y.spent).abs() < 1e-6);
    }
    let total: f64 = years.iter().map(|y| y.spent).sum();
    assert!((total - plan.total_cost).abs() < 1e-3);

    // Excel: one row a year, in 万元 to the cent, and the total.
    let bytes = report_xlsx::workbook(&input)
        .expect("workbook")
        .save_to_buffer()
        .expect("xlsx");
    let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes)).expect("reads back");
    assert!(wb.sheet_names().contains(&"逐年投入".to_string()));
    let ws = wb.worksheet_range("逐年投入").expect("the sheet");
    for (i, y) in years.iter().enumerate() {
        let row = i as u32 + 1;
        assert_eq!(
            ws.get_value((row, 0)),
            Some(&Data::Float(f64::from(y.year)))
        );
        match ws.get_value((row, 1)) {
            Some(Data::Float(v)) => assert!((v - y.spent / 10_000.0).abs() < 1e-9),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(
        ws.get_value((5, 0)),
        Some(&Data::String("合计".to_string()))
    );
    match ws.get_value((5, 1)) {
        Some(Data::Float(v)) => assert!((v - total / 10_000.0).abs() < 1e-6),
        other => panic!("{other:?}"),
    }
    // The year the plan buys most in lists its changes.
    let busiest = rows.iter().max_by_key(|r| r.changes.len()).expect("a year");
    let cell = match ws.get_value((busiest.year as u32 - 2024 + 1, 4)) {
        Some(Data::String(s)) => s.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(cell.lines().count(), busiest.changes.len());

    // The deck: 分年度投入 slides (continued where a year's list is long) whose tables have a
    // row a year with its spending.
    let rows_on_slides: Vec<Vec<String>> = build(&input)
        .iter()
        .filter(|s| s.title.starts_with("分年度投入"))
        .flat_map(|s| s.blocks.clone())
        .filter_map(|b| match b {
            Block::Table(t) => Some(t.rows),
            _ => None,
        })
        .flatten()
        .map(|r| r.into_iter().map(|(t, _)| t).collect())
        .collect();
    assert_eq!(rows_on_slides.len(), 4);
    for (r, y) in rows_on_slides.iter().zip(&years) {
        assert_eq!(r[0], y.year.to_string());
        assert_eq!(r[1], junheng::format::wan(y.spent));
    }

    // The PDF: the pages say each year's spending (read back with pdftotext, which CI has).
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, junheng::report::pdf::render(&input).expect("pdf")).expect("write");
    let Some(text) = common::pdf_text(&path) else {
        return;
    };
    assert!(text.contains("分年度投入"), "the pages' title");
    for y in &years {
        let line = format!("{} 年：支出 {} 万元", y.year, junheng::format::wan(y.spent));
        assert!(text.contains(&line), "{line}");
    }
}
