//! Fuzzing the readers with structure (proptest, a bounded number of cases in every test run):
//! workbooks whose cells sit anywhere (beyond the sheet's end too) with any value, ODS sheets with
//! any repeat counts, JSON records with any keys and values, the sample CSV with bytes inserted,
//! deleted and changed. Each read ends in an error or a dataset whose every value is finite,
//! non-negative and within bounds, in no more schools than the rows given — never a panic.
//! (Arbitrary bytes, random CSV cells, flipped xlsx bytes and scenarios: tests/properties.rs.)

use junheng::io::{load_bytes, ImportOptions};
use junheng::model::Field;
use junheng::Standard;
use proptest::prelude::*;

/// Reads, and checks what a successful read gave; the number of schools read, if any.
fn read_checked(bytes: &[u8], name: &str) -> Result<Option<usize>, TestCaseError> {
    let standard = Standard::national_2017();
    let Ok(imported) = load_bytes(bytes, name, &standard, &ImportOptions::default()) else {
        return Ok(None);
    };
    for s in &imported.dataset.schools {
        for &f in Field::ALL {
            let v = s.value(f);
            prop_assert!(
                v.is_finite() && v >= 0.0 && v <= f.measure().max(),
                "{name}: {} {} = {v}",
                s.id,
                f.key()
            );
        }
    }
    let ev = junheng::evaluate::evaluate(&imported.dataset, &standard);
    for level in junheng::model::Level::BOTH {
        for cv in ev.cv_of(level) {
            prop_assert!(cv.cv.is_finite(), "{name}: CV {}", cv.cv);
        }
    }
    Ok(Some(imported.dataset.schools.len()))
}

fn zip_of(entries: &[(&str, String)]) -> Vec<u8> {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let o = zip::write::SimpleFileOptions::default();
        for (name, text) in entries {
            z.start_file(*name, o).expect("entry");
            z.write_all(text.as_bytes()).expect("write");
        }
        z.finish().expect("zip");
    }
    buf.into_inner()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="学校" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;

/// The header the sheets carry in their first row (when they do).
const HEADER: [&str; 11] = [
    "学校标识码",
    "学校名称",
    "学校类型",
    "小学在校生数",
    "小学高于规定学历教师数",
    "小学县级及以上骨干教师数",
    "小学体育艺术专任教师数",
    "教学及辅助用房面积",
    "体育运动场馆面积",
    "教学仪器设备值",
    "网络多媒体教室数",
];

fn letters(mut c: u64) -> String {
    let mut s = Vec::new();
    c += 1;
    while c > 0 {
        let m = (c - 1) % 26;
        s.push(b'A' + m as u8);
        c = (c - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// A cell's value: a number (any, huge and negative too), text, or a formula with a saved 0.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<f64>().prop_map(|v| format!("<v>{v}</v>")),
        (0u32..5000).prop_map(|v| format!("<v>{v}</v>")),
        "[0-9a-z小学初中,.\\-]{0,10}".prop_map(|t| format!(r#"<is><t>{t}</t></is>"#)),
        Just("<f>SUM(A1:A2)</f><v>0</v>".to_string()),
    ]
}

/// Cells anywhere: near the table mostly, sometimes at the sheet's far end or beyond it.
fn cells() -> impl Strategy<Value = Vec<(u64, u64, String)>> {
    let row = prop_oneof![4 => 1u64..40, 1 => 1u64..5_000_000_000];
    let col = prop_oneof![4 => 0u64..14, 1 => 0u64..400_000];
    prop::collection::vec((row, col, value()), 0..60)
}

fn sheet_xml(header: bool, cells: &[(u64, u64, String)]) -> String {
    let mut rows: Vec<(u64, String)> = Vec::new();
    if header {
        let mut r = String::new();
        for (c, h) in HEADER.iter().enumerate() {
            r.push_str(&format!(
                r#"<c r="{}1" t="inlineStr"><is><t>{h}</t></is></c>"#,
                letters(c as u64)
            ));
        }
        rows.push((1, r));
    }
    for (row, col, v) in cells {
        let t = if v.starts_with("<is>") {
            r#" t="inlineStr""#
        } else {
            ""
        };
        let row = row + u64::from(header);
        rows.push((row, format!(r#"<c r="{}{row}"{t}>{v}</c>"#, letters(*col))));
    }
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, c) in rows {
        xml.push_str(&format!(r#"<row r="{r}">{c}</row>"#));
    }
    xml.push_str("</sheetData></worksheet>");
    xml
}

fn ods(rows: &[(u64, Vec<(u64, String)>)]) -> Vec<u8> {
    let mut table = String::new();
    table.push_str("<table:table-row>");
    for h in HEADER {
        table.push_str(&format!(
            r#"<table:table-cell office:value-type="string"><text:p>{h}</text:p></table:table-cell>"#
        ));
    }
    table.push_str("</table:table-row>");
    for (repeat, cells) in rows {
        table.push_str(&format!(
            r#"<table:table-row table:number-rows-repeated="{repeat}">"#
        ));
        for (cols, v) in cells {
            table.push_str(&format!(
                r#"<table:table-cell table:number-columns-repeated="{cols}" office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>"#
            ));
        }
        table.push_str("</table:table-row>");
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="学校">{table}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    zip_of(&[
        (
            "mimetype",
            "application/vnd.oasis.opendocument.spreadsheet".into(),
        ),
        ("content.xml", content),
        (
            "META-INF/manifest.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#.into(),
        ),
    ])
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::json;
    prop_oneof![
        (0u32..5000).prop_map(|v| json!(v)),
        any::<f64>().prop_map(|v| json!(v)),
        "[0-9a-z小学初中,.\\-]{0,10}".prop_map(|t| json!(t)),
        Just(json!(null)),
        Just(json!([1, 2])),
        Just(json!({"a": 1})),
        Just(json!(true)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    /// xlsx cells anywhere with any value: refused or read within bounds; never more schools
    /// than rows.
    #[test]
    fn workbooks_with_cells_anywhere(header in any::<bool>(), cells in cells()) {
        let bytes = zip_of(&[
            ("[Content_Types].xml", CONTENT_TYPES.into()),
            ("_rels/.rels", RELS.into()),
            ("xl/workbook.xml", WORKBOOK.into()),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.into()),
            ("xl/worksheets/sheet1.xml", sheet_xml(header, &cells)),
        ]);
        if let Some(n) = read_checked(&bytes, "随机.xlsx")? {
            prop_assert!(n <= cells.len());
        }
    }

    /// ODS rows and cells repeated any number of times: refused or read within bounds.
    #[test]
    fn ods_sheets_with_any_repeats(rows in prop::collection::vec(
        (prop_oneof![3 => 1u64..4, 1 => 1u64..10_000_000_000],
         prop::collection::vec((prop_oneof![3 => 1u64..4, 1 => 1u64..1_000_000_000], (0u32..5000).prop_map(|v| v.to_string())), 0..12)),
        0..8)) {
        let _ = read_checked(&ods(&rows), "随机.ods")?;
    }

    /// JSON records with known and unknown keys and any values: refused or read within bounds.
    #[test]
    fn json_records_with_any_keys_and_values(records in prop::collection::vec(
        prop::collection::vec((prop_oneof![3 => prop::sample::select(HEADER.to_vec()).prop_map(String::from), 1 => "[a-z]{1,6}"], json_value()), 0..14),
        0..30)) {
        let records: Vec<serde_json::Value> = records
            .into_iter()
            .map(|r| serde_json::Value::Object(r.into_iter().collect()))
            .collect();
        let bytes = serde_json::to_vec(&records).unwrap_or_default();
        if let Some(n) = read_checked(&bytes, "随机.json")? {
            prop_assert!(n <= records.len());
        }
    }

}

proptest! {
    // Fewer cases: each reads and evaluates the whole sample county (a debug build's slowest).
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    /// The sample county's CSV with bytes inserted, deleted and changed: refused or read within
    /// bounds (a change that still reads is read exactly; the readers never guess).
    #[test]
    fn the_sample_csv_with_bytes_changed(edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, any::<u8>()), 1..12)) {
        let mut bytes = include_bytes!("../assets/sample/sample-county.csv").to_vec();
        for (at, what, b) in edits {
            let i = at.index(bytes.len().max(1));
            match what {
                0 if i < bytes.len() => bytes[i] = b,
                1 => bytes.insert(i.min(bytes.len()), b),
                _ if i < bytes.len() => {
                    bytes.remove(i);
                }
                _ => {}
            }
        }
        let _ = read_checked(&bytes, "样例.csv")?;
    }
}
