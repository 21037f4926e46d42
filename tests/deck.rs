//! The editable PowerPoint deck (`report … --out deck.pptx`), read back part by part: every part
//! well-formed XML, the title slide carrying the meeting, each failing indicator's native charts
//! naming every section of their level, the per-school plan naming every school the plan changes,
//! the charts' embedded workbooks holding what the charts show, no app controls and no number
//! with four decimals.

use calamine::{open_workbook_auto_from_rs, Data, Reader};
use junheng::evaluate::evaluate;
use junheng::model::Level;
use junheng::scenario::{apply, Change, Scenario};
use junheng::{sample, Standard};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};
use std::path::Path;
use std::process::Command;

fn junheng(args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_junheng"))
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every part of the package, by name.
fn parts(path: &Path) -> BTreeMap<String, Vec<u8>> {
    let bytes = std::fs::read(path).expect("deck written");
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("entry");
        let mut b = Vec::new();
        f.read_to_end(&mut b).expect("read");
        out.insert(f.name().expect("a name").to_string(), b);
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The texts between `open` and `close` tags, in order.
fn between(xml: &str, open: &str, close: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(open) {
        let after = &rest[i + open.len()..];
        let Some(j) = after.find(close) else { break };
        out.push(unescape(&after[..j]));
        rest = &after[j + close.len()..];
    }
    out
}

/// A slide's texts.
fn texts(xml: &str) -> Vec<String> {
    between(xml, "<a:t>", "</a:t>")
}

/// A chart's categories (those of its first series).
fn categories(chart: &str) -> Vec<String> {
    let cat = &between(chart, "<c:cat>", "</c:cat>")[0];
    between(cat, "<c:v>", "</c:v>")
}

fn well_formed(name: &str, xml: &[u8]) {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut depth = 0i32;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{name}: {e}"),
        }
        buf.clear();
    }
    assert_eq!(depth, 0, "{name}: unbalanced");
}

/// "12.3456" in a text: a number shown with four or more decimals.
fn four_decimals(text: &str) -> bool {
    let b = text.as_bytes();
    (1..b.len()).any(|i| {
        b[i - 1].is_ascii_digit()
            && b[i] == b'.'
            && b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count() >= 4
    })
}

/// The slides in order, each with its charts' XML (through the slide's relationships).
fn slides(parts: &BTreeMap<String, Vec<u8>>) -> Vec<(String, Vec<String>)> {
    let text = |name: &str| String::from_utf8(parts[name].clone()).expect("utf-8");
    let n = parts
        .keys()
        .filter(|k| k.starts_with("ppt/slides/slide"))
        .count();
    (1..=n)
        .map(|i| {
            let rels = text(&format!("ppt/slides/_rels/slide{i}.xml.rels"));
            let charts = between(&rels, "Target=\"../charts/", "\"")
                .iter()
                .map(|c| text(&format!("ppt/charts/{c}")))
                .collect();
            (text(&format!("ppt/slides/slide{i}.xml")), charts)
        })
        .collect()
}

#[test]
fn the_deck_of_a_plan_names_every_section_and_every_school_it_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let costs = dir.path().join("costs.json");
    std::fs::write(
        &costs,
        r#"{"costs": {"qualified_primary": 90000, "backbone_primary": 20000, "pe_art_primary": 120000,
           "qualified_junior": 100000, "backbone_junior": 20000, "pe_art_junior": 120000,
           "teaching_area_m2": 3000, "sports_area_m2": 600, "equipment_value_yuan": 1,
           "multimedia_rooms": 50000}}"#,
    )
    .expect("costs");
    let plan = dir.path().join("plan.json");
    let deck = dir.path().join("deck.pptx");
    let s = |p: &Path| p.to_str().expect("utf-8").to_string();
    junheng(&[
        "plan",
        "--sample",
        "--costs",
        &s(&costs),
        "--out",
        &s(&plan),
    ]);
    junheng(&[
        "report",
        "--sample",
        "--scenario",
        &s(&plan),
        "--title",
        "县政府常务会议（2026年第12次）",
        "--county",
        "示例县",
        "--out",
        &s(&deck),
    ]);
    let parts = parts(&deck);
    for (name, bytes) in &parts {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            well_formed(name, bytes);
        }
    }
    let slides = slides(&parts);
    assert!(slides.len() >= 8, "{} slides", slides.len());

    // The title slide carries the meeting and the county.
    let first = texts(&slides[0].0);
    assert!(first.contains(&"县政府常务会议（2026年第12次）".to_string()));
    assert!(first.contains(&"示例县".to_string()));

    // What the plan does, evaluated here.
    let standard = Standard::national_2017();
    let base = sample::load(&standard).expect("sample").dataset;
    let scenario =
        Scenario::from_json(&std::fs::read_to_string(&plan).expect("plan")).expect("scenario");
    let data = apply(&base, &scenario).expect("applies");
    let ev = evaluate(&data, &standard);
    let names =
        |level: Level| -> BTreeSet<String> { ev.units_of(level).map(|u| u.name.clone()).collect() };

    // Each indicator slide: native bar charts, one per level, naming every section of it.
    let mut indicator_slides = 0;
    for (xml, charts) in &slides {
        let title = texts(xml)[0].clone();
        let Some(k) = standard
            .indicators
            .iter()
            .position(|i| title.starts_with(i.name(true)))
        else {
            continue;
        };
        indicator_slides += 1;
        assert_eq!(charts.len(), 2, "{title}: a chart per level");
        for (chart, level) in charts.iter().zip(Level::BOTH) {
            assert!(chart.contains(r#"<c:barDir val="bar"/>"#), "{title}");
            let cats: BTreeSet<String> = categories(chart).into_iter().collect();
            assert_eq!(cats, names(level), "{title} {level:?}");
        }
        // The summary counts the sections below the threshold, and those still passing.
        let below = ev
            .units_of(Level::Primary)
            .filter(|u| !u.indicators[k].met)
            .count();
        let line = texts(xml)
            .into_iter()
            .find(|t| t.starts_with("小学："))
            .expect("the primary line");
        if below > 0 {
            assert!(
                line.starts_with(&format!("小学：{below} 所低于标准值")),
                "{line}"
            );
        }
    }
    assert!(
        indicator_slides > 0,
        "a plan leaves some sections below some threshold"
    );

    // The per-school plan names every school the plan changes.
    let plan_text: Vec<String> = slides
        .iter()
        .filter(|(xml, _)| texts(xml)[0].starts_with("各校投入"))
        .flat_map(|(xml, _)| texts(xml))
        .collect();
    let changed: BTreeSet<&str> = scenario
        .changes
        .iter()
        .filter_map(|c| match c {
            Change::Add { school_id, .. } => Some(school_id.as_str()),
            _ => None,
        })
        .collect();
    assert!(!changed.is_empty());
    for id in changed {
        let name = &base.school(id).expect("school").name;
        assert!(
            plan_text.contains(name),
            "{name} is not in the plan's table"
        );
    }

    // No controls of the app, no number with four decimals, nothing in English.
    for (xml, charts) in &slides {
        for t in texts(xml) {
            assert!(!t.contains("退出演示") && !t.contains("PageDown"), "{t}");
            assert!(!four_decimals(&t), "{t}");
        }
        for c in charts {
            for code in between(c, "formatCode=\"", "\"") {
                let decimals = code.split('.').nth(1).map_or(0, str::len);
                assert!(decimals <= 3, "{code}: more than 3 decimals");
            }
        }
    }
}

#[test]
fn a_chart_s_embedded_workbook_holds_what_it_shows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let deck = dir.path().join("deck.pptx");
    junheng(&["report", "--sample", "--out", deck.to_str().expect("utf-8")]);
    let parts = parts(&deck);
    let chart = String::from_utf8(parts["ppt/charts/chart1.xml"].clone()).expect("utf-8");
    let rels = String::from_utf8(parts["ppt/charts/_rels/chart1.xml.rels"].clone()).expect("utf-8");
    let target = between(&rels, "Target=\"../", "\"")[0].clone();
    let xlsx = parts[&format!("ppt/{target}")].clone();
    let mut wb = open_workbook_auto_from_rs(Cursor::new(xlsx)).expect("a workbook");
    let sheet = wb.worksheet_range("Sheet1").expect("Sheet1");
    let cats = categories(&chart);
    let vals: Vec<f64> = between(
        &between(&chart, "<c:val>", "</c:val>")[0],
        "<c:v>",
        "</c:v>",
    )
    .iter()
    .map(|v| v.parse().expect("a number"))
    .collect();
    assert_eq!(cats.len(), 11, "the sample's 11 primary sections");
    for (i, (c, v)) in cats.iter().zip(&vals).enumerate() {
        assert_eq!(
            sheet.get_value((i as u32 + 1, 0)),
            Some(&Data::String(c.clone()))
        );
        match sheet.get_value((i as u32 + 1, 1)) {
            Some(Data::Float(f)) => assert!((f - v).abs() < 1e-9, "{c}: {f} ≠ {v}"),
            other => panic!("{c}: {other:?}"),
        }
    }
    // The chart points at those cells.
    assert!(chart.contains("<c:f>Sheet1!$A$2:$A$12</c:f>"));
    assert!(chart.contains("<c:f>Sheet1!$B$2:$B$12</c:f>"));
}

#[test]
fn a_large_county_s_charts_continue_over_slides_and_still_name_every_section() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("c120.csv");
    let deck = dir.path().join("deck.pptx");
    let s = |p: &Path| p.to_str().expect("utf-8").to_string();
    junheng(&["generate", "--schools", "120", "--out", &s(&data)]);
    junheng(&["report", &s(&data), "--out", &s(&deck)]);
    let standard = Standard::national_2017();
    let read = junheng::io::load_path(&data, &standard, &Default::default()).expect("reads");
    let ev = evaluate(&read.dataset, &standard);
    let slides = slides(&parts(&deck));
    let name = standard.indicators[1].name(true);
    for level in Level::BOTH {
        let all: BTreeSet<String> = ev.units_of(level).map(|u| u.name.clone()).collect();
        assert!(all.len() > 30, "{level:?}: {}", all.len());
        let mut seen = Vec::new();
        for (xml, charts) in &slides {
            let title = &texts(xml)[0];
            if title.starts_with(&format!("{name}（{}", level.zh())) {
                assert_eq!(charts.len(), 1, "{title}");
                let cats = categories(&charts[0]);
                assert!(cats.len() <= 30, "{title}: {} bars", cats.len());
                seen.extend(cats);
            }
        }
        let named: BTreeSet<String> = seen.iter().cloned().collect();
        assert_eq!(seen.len(), named.len(), "{level:?}: each section once");
        assert_eq!(named, all, "{level:?}");
    }
    // The overview lists the 12 worst and counts the rest, in one or two slides.
    let overview: Vec<_> = slides
        .iter()
        .filter(|(xml, _)| texts(xml)[0].starts_with("总体情况"))
        .collect();
    assert!(overview.len() <= 2, "{} overview slides", overview.len());
    let failing = ev.units.iter().filter(|u| !u.passes).count();
    assert!(failing > 12);
    assert!(texts(&overview[0].0).contains(&format!(
        "未达标最多的 12 个评估单元如下；另有 {} 个未达标，见 Excel 报告",
        failing - 12
    )));
}

/// With a timeline, the deck has its slides: each year's sections passing and CVs met, and the
/// sections that first fail later, with year and reason.
#[test]
fn a_timeline_adds_its_years_and_first_failures_to_the_deck() {
    use junheng::report::ReportInput;
    let standard = Standard::national_2017();
    let mut data = sample::load(&standard).expect("sample").dataset;
    {
        let s01 = data
            .schools
            .iter_mut()
            .find(|s| s.id == "S01")
            .expect("S01");
        for (f, v) in Level::Primary
            .grades()
            .iter()
            .zip([300., 250., 240., 230., 220., 210.])
        {
            s01.values.set(*f, v);
        }
    }
    let t = junheng::timeline::timeline(
        &data,
        None,
        &standard,
        &junheng::timeline::Options::new(2024, 2029),
    )
    .expect("timeline");
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
        timeline: Some(&t),
        past: &[],
        ledger: None,
        costs: None,
    };
    let bytes = junheng::report::pptx::render(&input).expect("a deck");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("years.pptx");
    std::fs::write(&path, bytes).expect("write");
    let slides = slides(&parts(&path));
    let years = slides
        .iter()
        .find(|(xml, _)| texts(xml)[0] == "年度推演：2024–2029 年")
        .expect("the years slide");
    let text = texts(&years.0);
    for y in &t.years {
        let s = y.evaluation.summary_of(Level::Primary);
        assert!(text.contains(&format!("{}", y.year)));
        assert!(
            text.contains(&format!("{} / {}", s.passing, s.units)),
            "{}",
            y.year
        );
    }
    let failures = slides
        .iter()
        .find(|(xml, _)| texts(xml)[0] == "何时何校首次未达标")
        .expect("the first-failures slide");
    let f = t
        .first_failures
        .iter()
        .find(|f| f.school_id == "S01")
        .expect("S01");
    assert!(texts(&failures.0).contains(&f.reason), "{}", f.reason);
    // The CVs by year as native line charts, one per level: the years along, each indicator's
    // CV of each year, the projected years' segments dashed, the limit a series of its own.
    let cvs = slides
        .iter()
        .find(|(xml, _)| texts(xml)[0] == "差异系数逐年变化")
        .expect("the CV-by-year slide");
    assert!(texts(&cvs.0).contains(&"2024 年为实际数据，2025–2029 年为推演（虚线段；按年级推演在校生数，方案的变更从其年份起计入）".to_string()));
    let levels = t.years[0].evaluation.levels();
    assert_eq!(cvs.1.len(), levels.len());
    for (chart, level) in cvs.1.iter().zip(&levels) {
        assert!(chart.contains("<c:lineChart>"));
        let years: Vec<String> = t.years.iter().map(|y| y.year.to_string()).collect();
        assert_eq!(categories(chart), years);
        let values = between(chart, "<c:v>", "</c:v>");
        for y in &t.years {
            let cv = y.evaluation.cv_of(*level)[0].cv;
            assert!(
                values.contains(&format!("{cv}")),
                "{} {level:?} CV {cv}",
                y.year
            );
        }
        // 7 indicators × 5 projected points, each a dashed data point.
        assert_eq!(chart.matches("<c:dPt>").count(), 7 * 5);
        assert!(chart.contains(r#"<a:prstDash val="dash"/>"#));
        let limit = standard.cv_limit(*level);
        assert!(values.contains(&format!("限值 {limit:.2}")));
    }
    // Sections passing by year, a native line chart per level with the sections judged.
    let passing = slides
        .iter()
        .find(|(xml, _)| texts(xml)[0] == "达标学校逐年变化")
        .expect("the passing-by-year slide");
    assert_eq!(passing.1.len(), levels.len());
    let values = between(&passing.1[0], "<c:v>", "</c:v>");
    for y in &t.years {
        let s = y.evaluation.summary_of(levels[0]);
        assert!(values.contains(&format!("{}", s.passing)), "{}", y.year);
    }
}
