//! The self-assessment report draft (自评报告, .docx): real Word tables holding every section's
//! seven values with √/× and its verdict, all 14 CVs as `evaluate --json` has them at the shown
//! precision, headings in Word's heading styles following the standard's areas, and the places
//! the county writes itself marked.

use junheng::evaluate::evaluate;
use junheng::model::Level;
use junheng::report::ReportInput;
use junheng::{sample, Standard};
use std::io::Read;

/// The document's XML.
fn document_xml(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut s = String::new();
    zip.by_name("word/document.xml")
        .expect("the document part")
        .read_to_string(&mut s)
        .expect("text");
    s
}

/// Each table of the document: its rows, each a list of its cells' texts.
fn tables(xml: &str) -> Vec<Vec<Vec<String>>> {
    let text_of = |frag: &str| -> String {
        let mut out = String::new();
        let mut rest = frag;
        // A text run: "<w:t>" or "<w:t xml:space=…>", not "<w:tc…" or "<w:tbl…".
        while let Some(i) = [rest.find("<w:t>"), rest.find("<w:t ")]
            .into_iter()
            .flatten()
            .min()
        {
            let after = &rest[i..];
            let Some(open_end) = after.find('>') else {
                break;
            };
            let body = &after[open_end + 1..];
            let Some(close) = body.find("</w:t>") else {
                break;
            };
            out.push_str(&body[..close]);
            rest = &body[close..];
        }
        out.replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
    };
    xml.split("<w:tbl>")
        .skip(1)
        .map(|t| {
            let t = &t[..t.find("</w:tbl>").unwrap_or(t.len())];
            t.split("<w:tr>")
                .skip(1)
                .map(|r| r.split("<w:tc>").skip(1).map(text_of).collect())
                .collect()
        })
        .collect()
}

/// The paragraphs with a heading style, in order.
fn headings(xml: &str) -> Vec<(usize, String)> {
    // Each chunk ends with one paragraph (and holds nothing after it).
    xml.split("</w:p>")
        .filter_map(|p| {
            let p = &p[p.rfind("<w:p ").or_else(|| p.rfind("<w:p>"))?..];
            let i = p.find("<w:pStyle w:val=\"Heading")?;
            let level: usize = p[i + 24..i + 25].parse().ok()?;
            let t = p.find("<w:t ").or_else(|| p.find("<w:t>"))?;
            let body = &p[t..];
            let start = body.find('>')? + 1;
            let end = body.find("</w:t>")?;
            Some((level, body[start..end].to_string()))
        })
        .collect()
}

#[test]
fn the_self_assessment_draft_holds_every_section_and_every_cv() {
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
    let bytes = junheng::report::docx::render(&input).expect("a document");
    let xml = document_xml(&bytes);
    // The headings follow the standard's areas.
    let h1: Vec<String> = headings(&xml)
        .into_iter()
        .filter(|(l, _)| *l == 1)
        .map(|(_, t)| t)
        .collect();
    assert_eq!(
        h1,
        [
            "一、基本情况",
            "二、资源配置",
            "三、政府保障程度",
            "四、教育质量",
            "五、社会认可度",
            "六、存在问题",
            "七、整改措施"
        ]
    );
    assert!(xml.contains("<w:sdt>"), "a table of contents field");
    assert!(xml.contains(junheng::report::docx::PLACEHOLDER));
    let tables = tables(&xml);
    // Each level's table: a threshold row, then every section with its seven values, √/×, the
    // count met and the verdict.
    for level in [Level::Primary, Level::Junior] {
        let t = tables
            .iter()
            .find(|t| {
                t.get(1).is_some_and(|r| {
                    r[0] == "标准值"
                        && r[1]
                            == junheng::format::indicator_threshold(
                                &standard.indicators[0],
                                standard.indicators[0].threshold(level),
                            )
                })
            })
            .expect("the level's table");
        let units: Vec<_> = ev.units.iter().filter(|u| u.level == level).collect();
        assert_eq!(t.len(), 2 + units.len(), "{level:?}");
        for (row, u) in t[2..].iter().zip(&units) {
            assert_eq!(row[0], u.name);
            for (k, (ind, r)) in standard.indicators.iter().zip(&u.indicators).enumerate() {
                let want = format!(
                    "{}{}",
                    junheng::format::indicator_against(ind, r.value, r.threshold),
                    if r.met { "√" } else { "×" }
                );
                assert_eq!(row[1 + k], want, "{} {}", u.name, ind.short(true));
            }
            assert_eq!(row[9], if u.passes { "达标" } else { "未达标" });
        }
    }
    // The 14 CVs, at the shown precision, equal the evaluation's JSON.
    let json = ev.to_json(&standard);
    let cvs = tables
        .iter()
        .find(|t| t[0].first().map(String::as_str) == Some("学段") && t[0].len() == 7)
        .expect("the CV table");
    assert_eq!(cvs.len(), 1 + 14);
    for (i, level) in ["primary", "junior"].iter().enumerate() {
        for (k, ind) in standard.indicators.iter().enumerate() {
            let row = &cvs[1 + i * 7 + k];
            let c = &json["cv"][level][ind.def.key.as_str()];
            let cv = c["cv"].as_f64().expect("cv");
            let limit = c["limit"].as_f64().expect("limit");
            assert_eq!(row[1], ind.name(true));
            assert_eq!(row[2], junheng::format::cv_against(cv, limit));
            assert_eq!(
                row[6],
                if c["met"].as_bool() == Some(true) {
                    "达标"
                } else {
                    "未达标"
                }
            );
        }
    }
}

#[test]
fn the_report_command_writes_the_draft_as_docx() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("自评报告.docx");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_junheng"))
        .args(["report", "--sample", "--out"])
        .arg(&out)
        .status()
        .expect("runs");
    assert!(status.success());
    let xml = document_xml(&std::fs::read(&out).expect("written"));
    assert!(xml.contains("示例县（合成数据）县域义务教育优质均衡发展自评报告（草稿）"));
}
