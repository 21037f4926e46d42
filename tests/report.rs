//! The Excel report read back: every section's values and every CV equal the evaluation to 6
//! decimals, the sheets are there, and so are the native charts.

use calamine::{open_workbook_auto_from_rs, Data, Reader};
use junheng::evaluate::evaluate;
use junheng::model::Level;
use junheng::report::{xlsx as report_xlsx, ReportInput};
use junheng::scenario::{apply, cost_of, CostTable, Scenario};
use junheng::{sample, Standard};
use std::io::Cursor;

mod common;

fn num(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[test]
fn the_xlsx_report_holds_the_evaluation_and_its_charts() {
    let standard = Standard::national_2017();
    let base_data = sample::load(&standard).expect("sample").dataset;
    let scenario = Scenario::from_json(include_str!("data/demo-scenario.json")).expect("scenario");
    let data = apply(&base_data, &scenario).expect("applies");
    let ev = evaluate(&data, &standard);
    let base = evaluate(&base_data, &standard);
    let cost = cost_of(&base_data, &scenario, &CostTable::default());
    let input = ReportInput {
        data: &data,
        evaluation: &ev,
        standard: &standard,
        scenario: Some((&scenario, &cost, &base)),
        made_at: "2026-11-29T12:00:00Z".into(),
        county: &[],
        counties: &[],
        shown_county: None,
        corrections: &[],
        meeting: &Default::default(),
        timeline: None,
        past: &[],
        ledger: None,
        costs: None,
    };
    let bytes = report_xlsx::workbook(&input)
        .expect("workbook")
        .save_to_buffer()
        .expect("xlsx");
    let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes.clone())).expect("reads back");
    assert_eq!(
        wb.sheet_names(),
        ["汇总", "评估单元", "原始数据", "达标总览", "图表"]
    );
    let ready = wb.worksheet_range("达标总览").expect("readiness");
    let texts: Vec<String> = ready.rows().flat_map(|r| r.iter().map(text)).collect();
    assert!(texts.iter().any(|t| t == "尚未达到认定条件"));
    assert!(texts
        .iter()
        .any(|t| t == "城关第一小学：班额：小学最大班额 52 > 45，需增设 3 个班"));
    assert_eq!(
        texts.iter().filter(|t| *t == "未填写").count(),
        junheng::Standard::national_2017().county_items().len()
    );

    // Every section, every indicator value, to 6 decimals.
    let sections = wb.worksheet_range("评估单元").expect("sections");
    let rows: Vec<&[Data]> = sections.rows().collect();
    assert_eq!(rows.len(), ev.units.len() + 1);
    let n = standard.indicators.len();
    for level in Level::BOTH {
        for u in ev.units_of(level) {
            let row = rows
                .iter()
                .find(|r| text(&r[0]) == u.school_id && text(&r[2]) == level.zh())
                .unwrap_or_else(|| panic!("{} {:?} is in the sheet", u.school_id, level));
            assert_eq!(num(&row[3]), u.students);
            for (k, r) in u.indicators.iter().enumerate() {
                let c = 4 + 3 * k;
                assert!(
                    (num(&row[c]) - r.value).abs() < 1e-6,
                    "{} value {k}",
                    u.school_id
                );
                assert_eq!(num(&row[c + 1]), r.threshold);
                assert_eq!(text(&row[c + 2]), if r.met { "√" } else { "×" });
            }
            assert_eq!(num(&row[4 + 3 * n]), u.met_count as f64);
            assert_eq!(
                text(&row[5 + 3 * n]),
                if u.passes { "达标" } else { "未达标" }
            );
        }
    }

    // Every CV, against the scenario's evaluation, with the baseline beside it.
    let summary = wb.worksheet_range("汇总").expect("summary");
    let cv_rows: Vec<&[Data]> = summary
        .rows()
        .filter(|r| {
            r.len() > 6
                && matches!(text(&r[0]).as_str(), "小学" | "初中")
                && matches!(r[1], Data::String(_))
                && matches!(r[2], Data::Float(_))
        })
        .collect();
    assert_eq!(cv_rows.len(), 14);
    for (i, row) in cv_rows.iter().enumerate() {
        let level = if i < n { Level::Primary } else { Level::Junior };
        let k = i % n;
        let r = &ev.cv_of(level)[k];
        assert_eq!(text(&row[1]), standard.indicators[k].short(true));
        assert!((num(&row[2]) - r.cv).abs() < 1e-6);
        assert!((num(&row[3]) - r.limit).abs() < 1e-12);
        assert!((num(&row[4]) - r.mean).abs() < 1e-6);
        assert!((num(&row[5]) - r.sd).abs() < 1e-6);
        assert_eq!(text(&row[6]), if r.met { "达标" } else { "超限" });
        assert!((num(&row[7]) - base.cv_of(level)[k].cv).abs() < 1e-6);
    }
    let all_text: Vec<String> = summary.rows().flat_map(|r| r.iter().map(text)).collect();
    assert!(all_text
        .iter()
        .any(|t| t.starts_with("方案：2024 方案A（6 项变更")));
    let total_row = summary
        .rows()
        .find(|r| text(&r[0]) == "合计")
        .expect("the cost total");
    assert_eq!(num(&total_row[1]), cost.total);

    // The raw data: one row per school.
    let raw = wb.worksheet_range("原始数据").expect("raw");
    assert_eq!(raw.rows().count(), data.schools.len() + 1);

    // Native charts: 2 CV charts and one per level and indicator (14).
    let haystack = String::from_utf8_lossy(&bytes);
    let charts = (1..=40)
        .filter(|i| haystack.contains(&format!("xl/charts/chart{i}.xml")))
        .count();
    assert_eq!(charts, 16);
    assert!(haystack.contains("xl/drawings/drawing1.xml"));
}

#[test]
fn report_command_writes_the_workbook() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("报告.xlsx");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_junheng"))
        .args(["report", "--sample", "--out", out.to_str().expect("path")])
        .status()
        .expect("runs");
    assert!(status.success());
    let mut wb = calamine::open_workbook_auto(&out).expect("opens");
    let summary = wb.worksheet_range("汇总").expect("summary");
    let texts: Vec<String> = summary.rows().flat_map(|r| r.iter().map(text)).collect();
    assert!(texts.iter().any(|t| t == "方案：现状（基线）"));
    let odt = dir.path().join("报告.odt");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_junheng"))
        .args(["report", "--sample", "--out", odt.to_str().expect("path")])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(2),
        "another format is refused with a message"
    );
    assert!(!odt.exists());
    let pdf = dir.path().join("报告.pdf");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_junheng"))
        .args(["report", "--sample", "--out", pdf.to_str().expect("path")])
        .status()
        .expect("runs");
    assert!(status.success());
    assert!(std::fs::read(&pdf).expect("pdf").starts_with(b"%PDF-"));
}

fn sample_pdf(with_scenario: bool) -> Vec<u8> {
    let standard = Standard::national_2017();
    let base_data = sample::load(&standard).expect("sample").dataset;
    let scenario = Scenario::from_json(include_str!("data/demo-scenario.json")).expect("scenario");
    let data = if with_scenario {
        apply(&base_data, &scenario).expect("applies")
    } else {
        base_data.clone()
    };
    let ev = evaluate(&data, &standard);
    let base = evaluate(&base_data, &standard);
    let cost = cost_of(&base_data, &scenario, &CostTable::default());
    let input = ReportInput {
        data: &data,
        evaluation: &ev,
        standard: &standard,
        scenario: with_scenario.then_some((&scenario, &cost, &base)),
        made_at: "2026-11-29T12:00:00Z".into(),
        county: &[],
        counties: &[],
        shown_county: None,
        corrections: &[],
        meeting: &Default::default(),
        timeline: None,
        past: &[],
        ledger: None,
        costs: None,
    };
    junheng::report::pdf::render(&input).expect("renders")
}

#[test]
fn the_pdf_report_is_a4_with_a_page_per_indicator_and_a_subset_font() {
    let pdf = sample_pdf(true);
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(pdf.len() < 2 * 1024 * 1024, "{} bytes", pdf.len());
    let text = String::from_utf8_lossy(&pdf);
    // cover, summary, CVs, 7 indicators, scenario.
    assert_eq!(text.matches("/Type/Page/").count(), 12, "12 pages");
    assert_eq!(text.matches("/MediaBox[0 0 595 842]").count(), 12, "all A4");
    let without = sample_pdf(false);
    assert_eq!(
        String::from_utf8_lossy(&without)
            .matches("/Type/Page/")
            .count(),
        11,
        "no scenario page without a scenario"
    );
    // The font is embedded as a subset (a six-letter tag before its name), not whole (5 MB).
    assert!(
        text.contains("+NotoSansCJKsc") || text.contains("+NotoSansCJK"),
        "a subset-tagged embedded font"
    );
    assert!(text.contains("/FontFile3") || text.contains("/FontFile2"));
}

/// Text extraction with poppler's pdftotext, which CI installs (`.ci/run` sets `CI`, and a
/// missing pdftotext fails there); on a developer's machine without it the test says so and
/// the structural test above still runs.
#[test]
fn the_pdf_text_has_chinese_school_names_and_the_cv_figures() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, sample_pdf(true)).expect("write");
    let Some(text) = common::pdf_text(&path) else {
        return;
    };
    for name in [
        "南沟小学",
        "城关第二小学",
        "石门乡九年一贯制学校",
        "银杏小学",
        "资源配置评估报告",
    ] {
        assert!(text.contains(name), "{name} in the PDF text");
    }
    // The primary sports CV, baseline → scenario, as the summary table prints it.
    assert!(text.contains("0.536→0.645"), "CV figures in the PDF text");
    // Once or every year, as a leader asks: the teachers recur, the building does not.
    assert!(text.contains("方案费用：134.00 万元：一次性 126.00 万元，另每年 8.00 万元"));
}

#[test]
fn a_report_of_several_counties_has_their_comparison_in_excel_and_pdf() {
    use junheng::evaluate::counties::{evaluate_by_county, ranking};
    let standard = Standard::national_2017();
    let all = common::three_counties();
    let counties = evaluate_by_county(&all, &standard);
    let shown = &counties[1];
    let input = ReportInput {
        data: &shown.data,
        evaluation: &shown.evaluation,
        standard: &standard,
        scenario: None,
        made_at: "2026-11-30T12:00:00Z".into(),
        county: &[],
        counties: &counties,
        shown_county: Some("乙县"),
        corrections: &[],
        meeting: &Default::default(),
        timeline: None,
        past: &[],
        ledger: None,
        costs: None,
    };
    let xlsx = report_xlsx::workbook(&input)
        .expect("workbook")
        .save_to_buffer()
        .expect("xlsx");
    let mut wb = open_workbook_auto_from_rs(Cursor::new(xlsx)).expect("reads back");
    assert!(wb.sheet_names().contains(&"县区对比".to_string()));
    let summary = wb.worksheet_range("汇总").expect("summary");
    assert_eq!(
        text(summary.get((1, 0)).expect("source")),
        "数据：three-counties.csv（乙县）"
    );
    let sheet = wb.worksheet_range("县区对比").expect("counties");
    let rows: Vec<&[Data]> = sheet.rows().skip(3).collect();
    let ranks = ranking(&counties);
    assert_eq!(rows.len(), 3);
    for (row, r) in rows.iter().zip(&ranks) {
        assert_eq!(text(&row[1]), r.county);
        assert_eq!(num(&row[3]), r.units as f64);
        assert_eq!(num(&row[4]), r.passing as f64);
        assert!((num(&row[5]) - r.passing_share).abs() < 1e-12);
        assert_eq!(num(&row[6]), r.cv_met as f64);
        let c = counties
            .iter()
            .find(|c| c.county == r.county)
            .expect("county");
        // The first primary CV, to 6 decimals.
        let cv = c.evaluation.cv_of(Level::Primary)[0].cv;
        assert!((num(&row[9]) - cv).abs() < 1e-6, "{}", r.county);
    }
    // 乙县 (ranked third) has no junior school: its junior CV cells are empty.
    assert_eq!(text(&rows[2][1]), "乙县");
    assert!(matches!(rows[2][16], Data::Empty));

    let path = std::env::temp_dir().join(format!("counties-{}.pdf", std::process::id()));
    junheng::report::pdf::write(&path, &input).expect("pdf");
    if let Some(t) = common::pdf_text(&path) {
        assert!(t.contains("县区对比"), "{t}");
        assert!(t.contains("1/7（14.3%）"), "{t}");
        assert!(t.contains("three-counties.csv（乙县）"), "{t}");
    }
    let _ = std::fs::remove_file(&path);
}

#[test]
fn the_report_lists_the_corrections() {
    use junheng::model::correction::correct;
    let standard = Standard::national_2017();
    let mut data = sample::load(&standard).expect("sample").dataset;
    let mut corrections = Vec::new();
    let id = data.schools[0].id.clone();
    let name = data.schools[0].name.clone();
    let before = data.schools[0].value(junheng::Field::BackbonePrimary);
    correct(
        &mut data,
        &mut corrections,
        &id,
        junheng::Field::BackbonePrimary,
        before + 3.0,
        "2026-11-30T10:00:00Z",
    )
    .expect("a correction");
    let ev = evaluate(&data, &standard);
    let input = ReportInput {
        data: &data,
        evaluation: &ev,
        standard: &standard,
        scenario: None,
        made_at: "2026-11-30T12:00:00Z".into(),
        county: &[],
        counties: &[],
        shown_county: None,
        corrections: &corrections,
        meeting: &Default::default(),
        timeline: None,
        past: &[],
        ledger: None,
        costs: None,
    };
    let xlsx = report_xlsx::workbook(&input)
        .expect("workbook")
        .save_to_buffer()
        .expect("xlsx");
    let mut wb = open_workbook_auto_from_rs(Cursor::new(xlsx)).expect("reads back");
    let sheet = wb.worksheet_range("数据更正").expect("the corrections");
    let row: Vec<&Data> = sheet
        .rows()
        .nth(1)
        .expect("one correction")
        .iter()
        .collect();
    assert_eq!(text(row[0]), id);
    assert_eq!(text(row[1]), name);
    assert_eq!(text(row[2]), "小学县级及以上骨干教师数");
    assert_eq!(num(row[3]), before);
    assert_eq!(num(row[4]), before + 3.0);
    assert_eq!(text(row[5]), "2026-11-30T10:00:00Z");
    let path = std::env::temp_dir().join(format!("corrections-{}.pdf", std::process::id()));
    junheng::report::pdf::write(&path, &input).expect("pdf");
    if let Some(t) = common::pdf_text(&path) {
        assert!(t.contains("数据更正"), "{t}");
        assert!(
            t.contains(&format!(
                "{name}（{id}）小学县级及以上骨干教师数：{} → {}",
                before,
                before + 3.0
            )),
            "{t}"
        );
    }
    let _ = std::fs::remove_file(&path);
}

#[test]
fn the_excel_report_prints_on_a4_landscape_with_the_header_on_every_page() {
    let standard = Standard::national_2017();
    let data = sample::load(&standard).expect("sample").dataset;
    let ev = evaluate(&data, &standard);
    let input = ReportInput {
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
        ledger: None,
        costs: None,
    };
    let bytes = report_xlsx::workbook(&input)
        .expect("workbook")
        .save_to_buffer()
        .expect("xlsx");
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut sheet = String::new();
    std::io::Read::read_to_string(
        &mut zip
            .by_name("xl/worksheets/sheet2.xml")
            .expect("the sections sheet"),
        &mut sheet,
    )
    .expect("xml");
    assert!(sheet.contains(r#"paperSize="9""#), "A4");
    assert!(sheet.contains(r#"orientation="landscape""#));
    assert!(sheet.contains(r#"fitToHeight="0""#), "as wide as the page");
    let mut book = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/workbook.xml").expect("workbook"),
        &mut book,
    )
    .expect("xml");
    assert!(
        book.contains("_xlnm.Print_Titles"),
        "the header row repeated"
    );
}

/// With a timeline and a past year, the Excel report has the 年度推演 sheet (each year's
/// sections, passing and CVs as the timeline has them), a native line chart per level whose
/// projected segments are dashed, and the 首次未达标 sheet; the PDF has the years' pages.
#[test]
fn a_timeline_with_a_past_year_is_in_the_excel_and_pdf_reports() {
    use junheng::timeline::{timeline, Options, Year};
    let standard = Standard::national_2017();
    let csv = junheng::cli::with_grades(&junheng::cli::generate_county(60, 3));
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("g.csv");
    std::fs::write(&path, &csv).expect("write");
    let data = junheng::io::load_path(&path, &standard, &Default::default())
        .expect("reads")
        .dataset;
    let mut options = Options::new(2024, 2030);
    options.trend = Some(-0.04);
    let t = timeline(&data, None, &standard, &options).expect("timeline");
    let mut older = data.clone();
    for s in &mut older.schools {
        let v = s.values.get(junheng::Field::StudentsPrimary);
        if let Some(v) = v {
            s.values
                .set(junheng::Field::StudentsPrimary, (v * 0.9).round());
        }
    }
    let past = vec![Year::actual(2022, older, &standard)];
    let ev = &t.years[0].evaluation;
    let input = ReportInput {
        data: &data,
        evaluation: ev,
        standard: &standard,
        scenario: None,
        made_at: "2026-11-30T12:00:00Z".into(),
        county: &[],
        counties: &[],
        shown_county: None,
        corrections: &[],
        meeting: &Default::default(),
        timeline: Some(&t),
        past: &past,
        ledger: None,
        costs: None,
    };
    let mut wb = report_xlsx::workbook(&input).expect("workbook");
    let bytes = wb.save_to_buffer().expect("bytes");
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes.clone())).expect("reads back");
    let sheet = book
        .worksheet_range(junheng::report::xlsx_years::YEARS_SHEET)
        .expect("the 年度推演 sheet");
    let first = junheng::report::xlsx_years::HEADER_ROW as usize + 1;
    let years: Vec<&Year> = past.iter().chain(&t.years).collect();
    assert_eq!(
        sheet.get((first - 1, 2)).map(text).as_deref(),
        Some("小学评估单元")
    );
    for (i, y) in years.iter().enumerate() {
        let r = first + i;
        assert_eq!(num(sheet.get((r, 0)).expect("year")), f64::from(y.year));
        let kind = match i {
            0 => "实际",
            1 => "基年",
            _ => "推演",
        };
        assert_eq!(sheet.get((r, 1)).map(text).as_deref(), Some(kind));
        let s = y.evaluation.summary_of(Level::Primary);
        assert_eq!(num(sheet.get((r, 2)).expect("units")), s.units as f64);
        assert_eq!(num(sheet.get((r, 3)).expect("passing")), s.passing as f64);
        for (k, c) in y.evaluation.cv_of(Level::Primary).iter().enumerate() {
            let cell = num(sheet.get((r, 5 + k)).expect("cv"));
            assert!((cell - c.cv).abs() < 1e-9, "{} CV {k}", y.year);
        }
    }
    // The past year's CVs differ from the base year's: the sheet is not one year repeated.
    assert_ne!(
        num(sheet.get((first, 5)).expect("cv")),
        num(sheet.get((first + 1, 5)).expect("cv"))
    );
    let failures = book
        .worksheet_range(junheng::report::xlsx_years::FAILURES_SHEET)
        .expect("the 首次未达标 sheet");
    assert_eq!(failures.height(), 1 + t.first_failures.len().max(1));
    if let Some(f) = t.first_failures.first() {
        assert_eq!(
            failures.get((1, 4)).map(text).as_deref(),
            Some(f.reason.as_str())
        );
    }
    // The native line charts: one per level, the projected points' lines dashed.
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let line_charts: Vec<String> = (0..zip.len())
        .filter_map(|i| {
            let mut f = zip.by_index(i).ok()?;
            if !f.name().ok()?.starts_with("xl/charts/chart") {
                return None;
            }
            let mut s = String::new();
            std::io::Read::read_to_string(&mut f, &mut s).ok()?;
            (s.contains("<c:lineChart>") && s.contains("（逐年）")).then_some(s)
        })
        .collect();
    let levels = t.years[0].evaluation.levels().len();
    assert_eq!(
        line_charts
            .iter()
            .filter(|c| c.contains("达标学校（逐年）"))
            .count(),
        levels
    );
    let line_charts: Vec<String> = line_charts
        .into_iter()
        .filter(|c| c.contains("差异系数（逐年）"))
        .collect();
    assert_eq!(line_charts.len(), t.years[0].evaluation.levels().len());
    assert!(line_charts[0].contains("<c:dPt>"));
    assert!(line_charts[0].contains(r#"<a:prstDash val="dash"/>"#));
    // The PDF: the years' page with every year and its passing count.
    let pdf = dir.path().join("years.pdf");
    junheng::report::pdf::write(&pdf, &input).expect("pdf");
    if let Some(text) = common::pdf_text(&pdf) {
        assert!(text.contains("年度推演：2024–2030 年"));
        assert!(text.contains("2022（实际）"));
        for y in &t.years {
            let s = y.evaluation.summary_of(Level::Primary);
            assert!(
                text.contains(&format!("{} / {}", s.passing, s.units)),
                "{}",
                y.year
            );
        }
    }
}
