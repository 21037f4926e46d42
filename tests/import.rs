//! The importer: the same county as canonical CSV, GBK CSV with Chinese headers and 万元, xlsx and
//! JSON gives the same evaluation; every kind of bad input gets a located message.

use junheng::evaluate::evaluate;
use junheng::io::{load_bytes, load_path, ImportError, ImportOptions, IssueKind, RowKind};
use junheng::model::{Field, Level, SchoolKind};
use junheng::{Evaluation, Standard};
use rust_xlsxwriter::Workbook;

/// (school_id, name, kind, parent_id, students p/j/s, qualified p/j, backbone p/j, pe_art p/j,
/// teaching m², sports m², equipment 元, multimedia)
type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    [u32; 3],
    [u32; 2],
    [u32; 2],
    [u32; 2],
    f64,
    f64,
    f64,
    u32,
);

const COUNTY: &[Row] = &[
    (
        "S01",
        "城关第一小学",
        "primary",
        "",
        [1450, 0, 0],
        [74, 0],
        [19, 0],
        [15, 0],
        7300.0,
        9400.5,
        3_612_300.0,
        38,
    ),
    (
        "S02",
        "河口镇中心小学",
        "primary",
        "",
        [610, 0, 0],
        [30, 0],
        [6, 0],
        [6, 0],
        3300.0,
        8200.0,
        1_305_000.0,
        16,
    ),
    (
        "S03",
        "南沟小学",
        "primary",
        "",
        [120, 0, 0],
        [4, 0],
        [0, 0],
        [1, 0],
        420.0,
        650.0,
        130_000.0,
        2,
    ),
    (
        "N01",
        "城南九年一贯制学校",
        "nine_year",
        "",
        [801, 410, 0],
        [40, 24],
        [8, 3],
        [8, 4],
        9050.0,
        9800.0,
        4_312_345.0,
        30,
    ),
    (
        "C01",
        "第一中学",
        "complete_secondary",
        "",
        [0, 900, 600],
        [0, 60],
        [0, 12],
        [0, 9],
        11_000.0,
        16_000.0,
        5_100_000.0,
        40,
    ),
    (
        "J01",
        "石门乡初级中学",
        "junior",
        "",
        [0, 260, 0],
        [0, 13],
        [0, 3],
        [0, 3],
        1900.0,
        7000.0,
        720_000.0,
        7,
    ),
    (
        "T01",
        "马家岭教学点",
        "teaching_point",
        "S02",
        [18, 0, 0],
        [1, 0],
        [0, 0],
        [0, 0],
        160.0,
        300.0,
        30_000.0,
        1,
    ),
    (
        "T02",
        "杨树坪教学点",
        "teaching_point",
        "",
        [8, 0, 0],
        [0, 0],
        [0, 0],
        [0, 0],
        90.0,
        150.0,
        12_000.0,
        0,
    ),
];

const EN_HEADER: &str = "school_id,name,kind,parent_id,students_primary,students_junior,students_senior,qualified_primary,qualified_junior,backbone_primary,backbone_junior,pe_art_primary,pe_art_junior,teaching_area_m2,sports_area_m2,equipment_value_yuan,multimedia_rooms";

const ZH_HEADER: [&str; 17] = [
    "学校标识码",
    "学校名称",
    "学校类型",
    "所属学校标识码",
    "小学在校生数",
    "初中在校生数（人）",
    "高中在校生数",
    "小学高于规定学历教师数",
    "初中高于规定学历教师数",
    "小学县级及以上骨干教师数",
    "初中县级及以上骨干教师数",
    "小学体育艺术专任教师数",
    "初中体育艺术专任教师数",
    "教学及辅助用房面积（平方米）",
    "体育运动场（馆）面积 (平方米)",
    "教学仪器设备值（万元）",
    "网络多媒体教室数",
];

fn zh_kind(k: &str) -> &'static str {
    match k {
        "primary" => "小学",
        "junior" => "初中",
        "nine_year" => "九年一贯制",
        "complete_secondary" => "完全中学",
        _ => "教学点",
    }
}

/// Cells of one row: a section the school does not have is left empty, as exports do.
fn cells(r: &Row, chinese: bool) -> Vec<String> {
    let kind = SchoolKind::parse(r.2).expect("kind");
    let has = |scope_level: usize| match scope_level {
        0 => kind.allows(junheng::model::Scope::Primary),
        1 => kind.allows(junheng::model::Scope::Junior),
        _ => kind.allows(junheng::model::Scope::Senior),
    };
    let opt = |present: bool, v: u32| {
        if present {
            v.to_string()
        } else {
            String::new()
        }
    };
    let mut out = vec![
        r.0.to_string(),
        r.1.to_string(),
        if chinese {
            zh_kind(r.2).to_string()
        } else {
            r.2.to_string()
        },
        r.3.to_string(),
    ];
    for i in 0..3 {
        out.push(opt(has(i), r.4[i]));
    }
    for pair in [r.5, r.6, r.7] {
        out.push(opt(has(0), pair[0]));
        out.push(opt(has(1), pair[1]));
    }
    out.push(r.8.to_string());
    out.push(r.9.to_string());
    out.push(if chinese {
        format!("{}", r.10 / 10_000.0)
    } else {
        r.10.to_string()
    });
    out.push(r.11.to_string());
    out
}

fn canonical_csv() -> String {
    let mut s = String::from(EN_HEADER);
    s.push('\n');
    for r in COUNTY {
        s.push_str(&cells(r, false).join(","));
        s.push('\n');
    }
    s
}

fn chinese_csv() -> String {
    let mut s = ZH_HEADER.join(",");
    s.push('\n');
    for r in COUNTY {
        s.push_str(&cells(r, true).join(","));
        s.push('\n');
    }
    s
}

fn xlsx_bytes() -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("学校").expect("name");
    // A title row above the header, as statistics exports have.
    ws.write_string(0, 0, "示例县 2024 年学校办学条件统计表")
        .expect("write");
    write_county(ws, 1);
    wb.save_to_buffer().expect("xlsx")
}

/// The Chinese header in row `header_row` and the county's rows under it (numbers as numbers).
fn write_county(ws: &mut rust_xlsxwriter::Worksheet, header_row: u32) {
    for (c, h) in ZH_HEADER.iter().enumerate() {
        ws.write_string(header_row, c as u16, *h).expect("write");
    }
    for (i, r) in COUNTY.iter().enumerate() {
        for (c, v) in cells(r, true).iter().enumerate() {
            let (row, col) = (header_row + 1 + i as u32, c as u16);
            match v.parse::<f64>() {
                Ok(n) if c >= 4 => ws.write_number(row, col, n).map(|_| ()),
                _ if v.is_empty() => Ok(()),
                _ => ws.write_string(row, col, v).map(|_| ()),
            }
            .expect("write");
        }
    }
}

fn json_bytes() -> Vec<u8> {
    let keys: Vec<&str> = EN_HEADER.split(',').collect();
    let rows: Vec<serde_json::Value> = COUNTY
        .iter()
        .map(|r| {
            let mut o = serde_json::Map::new();
            for (k, v) in keys.iter().zip(cells(r, false)) {
                if v.is_empty() {
                    continue;
                }
                let value = match (v.parse::<f64>(), *k) {
                    (Ok(n), k) if !matches!(k, "school_id" | "name") => serde_json::json!(n),
                    _ => serde_json::json!(v),
                };
                o.insert(k.to_string(), value);
            }
            serde_json::Value::Object(o)
        })
        .collect();
    serde_json::to_vec(&rows).expect("json")
}

/// Imports bytes under a file name with the national standard.
fn read(bytes: &[u8], name: &str) -> Result<junheng::io::Imported, ImportError> {
    load_bytes(
        bytes,
        name,
        &Standard::national_2017(),
        &ImportOptions::default(),
    )
}

fn load(bytes: &[u8], name: &str) -> Result<Evaluation, ImportError> {
    let imported = read(bytes, name)?;
    Ok(evaluate(&imported.dataset, &Standard::national_2017()))
}

fn assert_same(a: &Evaluation, b: &Evaluation, what: &str) {
    assert_eq!(a.units.len(), b.units.len(), "{what}: unit count");
    for (x, y) in a.units.iter().zip(&b.units) {
        assert_eq!(
            (&x.school_id, x.level, x.passes, x.met_count),
            (&y.school_id, y.level, y.passes, y.met_count),
            "{what}"
        );
        assert_eq!(
            x.students, y.students,
            "{what}: students of {}",
            x.school_id
        );
        for (p, q) in x.indicators.iter().zip(&y.indicators) {
            assert!(
                (p.value - q.value).abs() <= 1e-9 * p.value.abs().max(1.0),
                "{what}: {} {} vs {}",
                x.school_id,
                p.value,
                q.value
            );
            assert_eq!(p.met, q.met, "{what}");
        }
    }
    for level in Level::BOTH {
        for (p, q) in a.cv_of(level).iter().zip(b.cv_of(level)) {
            assert!(
                (p.cv - q.cv).abs() < 1e-12,
                "{what}: cv {} vs {}",
                p.cv,
                q.cv
            );
            assert_eq!(p.met, q.met);
        }
    }
    assert_eq!(a.excluded, b.excluded, "{what}: exclusions");
    assert_eq!(a.summary, b.summary, "{what}: summary");
}

#[test]
fn canonical_gbk_xlsx_and_json_give_the_same_evaluation() {
    let canonical = load(canonical_csv().as_bytes(), "county.csv").expect("canonical CSV loads");
    assert_eq!(
        canonical.units.len(),
        7,
        "3 primary + nine-year (2) + complete secondary + junior"
    );
    assert_eq!(canonical.excluded.len(), 1, "T02 has no parent");

    let zh_text = chinese_csv();
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&zh_text);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&gbk).is_err(),
        "the GBK file is not UTF-8"
    );
    let from_gbk = load(&gbk, "县数据.csv").expect("GBK CSV loads");
    assert_same(
        &canonical,
        &from_gbk,
        "GBK CSV with Chinese headers and 万元",
    );

    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(chinese_csv().as_bytes());
    let from_bom = load(&bom, "county-bom.csv").expect("UTF-8 BOM CSV loads");
    assert_same(&canonical, &from_bom, "UTF-8 with BOM");

    let from_xlsx = load(&xlsx_bytes(), "county.xlsx").expect("xlsx loads");
    assert_same(&canonical, &from_xlsx, "xlsx");

    let from_json = load(&json_bytes(), "county.json").expect("json loads");
    assert_same(&canonical, &from_json, "json");

    // The 万元 column was converted: N01 has 4,312,345 元 in all.
    let data = read(&gbk, "县数据.csv").expect("loads").dataset;
    let n01 = data.school("N01").expect("N01");
    assert!((n01.value(Field::EquipmentValueYuan) - 4_312_345.0).abs() < 1e-6);
    assert_eq!(n01.kind, SchoolKind::NineYear);
}

#[test]
fn the_file_on_disk_loads_by_path_with_its_extension() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("学校.xlsx");
    std::fs::write(&path, xlsx_bytes()).expect("write");
    let standard = Standard::national_2017();
    let imported = load_path(&path, &standard, &ImportOptions::default()).expect("loads");
    assert_eq!(imported.dataset.schools.len(), COUNTY.len());
    assert_eq!(imported.dataset.source, "学校.xlsx");
    // A sheet that is not there is a clear error.
    let err = load_path(
        &path,
        &standard,
        &ImportOptions {
            sheet: Some("Sheet9".into()),
            ..Default::default()
        },
    )
    .expect_err("no such sheet");
    assert!(err.issues[0].message(true).contains("Sheet9"));
}

fn errors(text: &str, name: &str) -> ImportError {
    load(text.as_bytes(), name).expect_err("the file is invalid")
}

/// The columns a primary school needs under the 2017 standard, with Chinese headers.
const PRIMARY_HEADER: &str = "学校标识码,学校名称,学校类型,小学在校生数,小学高于规定学历教师数,小学县级及以上骨干教师数,小学体育艺术专任教师数,教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,网络多媒体教室数";

const GOOD_ROW: &str = "S9,好学校,primary,,500,,,30,,6,,6,,3000,4000,1000000,12";

#[test]
fn every_problem_is_reported_at_once_with_its_location() {
    let text = format!(
        "{EN_HEADER}\n\
         S1,一小,primary,,约300,,,20,,5,,5,,2000,3000,900000,8\n\
         S2,二小,primary,,400,,,-3,,5,,5,,2000,3000,900000,8\n\
         S3,三小,学院,,400,,,20,,5,,5,,2000,3000,900000,8\n\
         S1,四小,primary,,400,,,20,,5,,5,,2000,3000,900000,8\n\
         S5,五小,primary,,400,,,,,5,,5,,2000,3000,900000,8\n\
         S6,六小,primary,,400.5,,,20,,5,,5,,2000,3000,900000,8\n\
         S7,七小,primary,,400,120,,20,,5,,5,,2000,3000,900000,8\n\
         {GOOD_ROW}\n"
    );
    let err = errors(&text, "bad.csv");
    type Located<'a> = (
        Option<usize>,
        Option<&'a str>,
        Option<&'a str>,
        &'a IssueKind,
    );
    let found: Vec<Located> = err
        .issues
        .iter()
        .map(|i| (i.row, i.column.as_deref(), i.value.as_deref(), &i.kind))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                Some(2),
                Some("students_primary"),
                Some("约300"),
                &IssueKind::NotANumber
            ),
            (
                Some(3),
                Some("qualified_primary"),
                Some("-3"),
                &IssueKind::Negative
            ),
            (Some(4), Some("kind"), Some("学院"), &IssueKind::UnknownKind),
            (
                Some(5),
                Some("school_id"),
                Some("S1"),
                &IssueKind::DuplicateId { first_row: 2 }
            ),
            (
                Some(6),
                Some("qualified_primary"),
                None,
                &IssueKind::EmptyRequired
            ),
            (
                Some(7),
                Some("students_primary"),
                Some("400.5"),
                &IssueKind::NotWhole
            ),
            (
                Some(8),
                Some("students_junior"),
                Some("120"),
                &IssueKind::WrongSection {
                    kind: SchoolKind::Primary
                }
            ),
        ]
    );
    let messages: Vec<String> = err.issues.iter().map(|i| i.message(true)).collect();
    assert_eq!(
        messages[0],
        "bad.csv：第 2 行，列“students_primary”：“约300”不是数字"
    );
    assert_eq!(
        messages[3],
        "bad.csv：第 5 行，列“school_id”：学校标识码“S1”重复，第 2 行已用过"
    );
    assert!(err.issues[2]
        .message(false)
        .contains("\"学院\" is not a school kind"));
    assert!(err
        .issues
        .iter()
        .all(|i| i.file == "bad.csv" && i.row_kind == RowKind::Row));
}

#[test]
fn chinese_headers_are_named_as_written_in_messages() {
    let mut text = ZH_HEADER.join(",");
    text.push('\n');
    let mut row = cells(&COUNTY[0], true);
    row[4] = "一千".into();
    text.push_str(&row.join(","));
    text.push('\n');
    let err = errors(&text, "县.csv");
    assert_eq!(err.issues.len(), 1);
    assert_eq!(err.issues[0].column.as_deref(), Some("小学在校生数"));
    assert_eq!(
        err.issues[0].message(true),
        "县.csv：第 2 行，列“小学在校生数”：“一千”不是数字"
    );
}

#[test]
fn xlsx_messages_name_the_sheet_row_and_column_letter() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("数据").expect("name");
    ws.write_string(0, 0, "标题行").expect("w");
    for (c, h) in ZH_HEADER.iter().enumerate() {
        ws.write_string(1, c as u16, *h).expect("w");
    }
    for (c, v) in cells(&COUNTY[0], true).iter().enumerate() {
        if c == 7 {
            ws.write_string(2, c as u16, "二十").expect("w");
        } else if !v.is_empty() {
            ws.write_string(2, c as u16, v).expect("w");
        }
    }
    let bytes = wb.save_to_buffer().expect("xlsx");
    let err = load(&bytes, "学校.xlsx").expect_err("bad cell");
    assert_eq!(err.issues.len(), 1);
    let i = &err.issues[0];
    assert_eq!(i.sheet.as_deref(), Some("数据"));
    assert_eq!(i.row, Some(3), "title row 1, header row 2, data row 3");
    assert_eq!(i.column_letters.as_deref(), Some("H"));
    assert_eq!(
        i.message(true),
        "学校.xlsx：工作表“数据”，第 3 行，列“小学高于规定学历教师数”（H 列）：“二十”不是数字"
    );
}

#[test]
fn missing_columns_are_reported_once_each() {
    let text = "school_id,name,students_primary\nS1,一小,300\n";
    let err = errors(text, "m.csv");
    assert_eq!(
        err.issues[0].kind,
        IssueKind::MissingColumn {
            key: "kind",
            header: "学校类型"
        }
    );
    let text = "school_id,name,kind,students_primary,qualified_primary\nS1,一小,小学,300,20\nS2,二小,小学,200,10\n";
    let err = errors(text, "m.csv");
    let missing: Vec<&str> = err
        .issues
        .iter()
        .filter_map(|i| match &i.kind {
            IssueKind::MissingFieldColumn { field, schools: 2 } => Some(field.key()),
            _ => None,
        })
        .collect();
    assert_eq!(
        missing,
        vec![
            "backbone_primary",
            "pe_art_primary",
            "teaching_area_m2",
            "sports_area_m2",
            "equipment_value_yuan",
            "multimedia_rooms"
        ]
    );
    assert_eq!(err.issues.len(), 6);
    assert!(err.issues[0]
        .message(true)
        .contains("缺少列“小学县级及以上骨干教师数”"));
}

#[test]
fn empty_binary_and_malformed_files_are_errors_not_panics() {
    let standard = Standard::national_2017();
    let opts = ImportOptions::default();
    let kind = |bytes: &[u8], name: &str| {
        load_bytes(bytes, name, &standard, &opts)
            .expect_err("invalid")
            .issues[0]
            .kind
            .clone()
    };
    assert_eq!(kind(b"", "e.csv"), IssueKind::Empty);
    assert_eq!(kind(b"  \n\r\n", "e.csv"), IssueKind::Empty);
    assert_eq!(
        kind(&[0x7F, b'E', b'L', b'F', 0, 0, 1, 2], "a.csv"),
        IssueKind::Binary
    );
    assert_eq!(kind(b"hello,world\n1,2\n", "h.csv"), IssueKind::NoHeader);
    assert_eq!(
        kind(format!("{EN_HEADER}\n").as_bytes(), "h.csv"),
        IssueKind::Empty
    );
    assert!(matches!(
        kind(b"PK\x03\x04garbage", "x.xlsx"),
        IssueKind::BadSpreadsheet(_)
    ));
    assert!(matches!(
        kind(b"not a workbook", "x.xlsx"),
        IssueKind::BadSpreadsheet(_)
    ));
    assert!(matches!(
        kind(b"{\"a\": 1}", "x.json"),
        IssueKind::BadJson(_)
    ));
    assert!(matches!(kind(b"[1, 2", "x.json"), IssueKind::BadJson(_)));
    assert_eq!(kind(b"[]", "x.json"), IssueKind::Empty);
    let missing = load_path(std::path::Path::new("/no/such/file.csv"), &standard, &opts)
        .expect_err("missing file");
    assert!(matches!(missing.issues[0].kind, IssueKind::Unreadable(_)));
}

#[test]
fn tolerant_of_what_real_exports_contain() {
    // Tab-separated UTF-16 ("Unicode text" from Excel), a units row, a totals row, full-width
    // digits, thousands separators and an unknown column that is kept.
    let text = "学校标识码\t学校名称\t学校类型\t小学在校生数\t小学高于规定学历教师数\t小学县级及以上骨干教师数\t小学体育艺术专任教师数\t教学及辅助用房面积\t体育运动场馆面积\t教学仪器设备值\t网络多媒体教室数\t备注\n\
文本\t文本\t文本\t人\t人\t人\t人\t平方米\t平方米\t万元\t间\t\n\
S1\t一小\t小学\t５００\t30\t6\t6\t\"3,000\"\t4000\t100\t12\t新建校区\n\
\t合计\t\t500\t30\t6\t6\t3000\t4000\t100\t12\t\n";
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let standard = Standard::national_2017();
    let imported =
        load_bytes(&utf16, "导出.txt", &standard, &ImportOptions::default()).expect("loads");
    let data = &imported.dataset;
    assert_eq!(data.schools.len(), 1);
    let s = &data.schools[0];
    assert_eq!(s.value(Field::StudentsPrimary), 500.0);
    assert_eq!(s.value(Field::TeachingAreaM2), 3000.0);
    assert_eq!(
        s.value(Field::EquipmentValueYuan),
        1_000_000.0,
        "the units row said 万元"
    );
    assert_eq!(data.extra_columns, vec!["备注".to_string()]);
    assert_eq!(s.extra, vec!["新建校区".to_string()]);
    assert_eq!(
        imported.notes.len(),
        1,
        "the totals row is skipped with a note"
    );
    assert!(imported.notes[0].contains("第 4 行"));
}

/// A row with more cells than the header (an unquoted "1,104" in a CSV) would shift every later
/// value: it is refused, located, instead of read wrong; so is a cell under no header.
#[test]
fn a_row_with_more_cells_than_the_header_is_refused() {
    let header = format!("{PRIMARY_HEADER}\n");
    let csv = format!(
        "{header}A1,甲小学,小学,500,30,6,6,3000,4000,1200000,12\nA2,乙小学,小学,1,104,30,6,6,3000,4000,1200000,12\n"
    );
    let err = errors(&csv, "错位.csv");
    let extra: Vec<&junheng::io::Issue> = err
        .issues
        .iter()
        .filter(|i| matches!(i.kind, IssueKind::ExtraCells { .. }))
        .collect();
    assert_eq!(extra.len(), 1, "{err}");
    assert_eq!(extra[0].row, Some(3));
    assert_eq!(extra[0].value.as_deref(), Some("12"));
    assert!(
        extra[0].message(true).contains("多出 1 个单元格"),
        "{}",
        extra[0].message(true)
    );
    // A value under an empty header cell is refused the same way.
    let csv = "学校标识码,学校名称,学校类型,,小学在校生数\nA1,甲小学,小学,备注,500\n".to_string();
    let err = errors(&csv, "无表头.csv");
    assert!(err
        .issues
        .iter()
        .any(|i| matches!(i.kind, IssueKind::ExtraCells { .. })
            && i.value.as_deref() == Some("备注")));
}

/// "7018,8" in a semicolon-separated file was read as 70188: a comma that may be a decimal comma
/// is refused, named as such, never guessed at.
#[test]
fn a_decimal_comma_is_refused_not_guessed() {
    let csv = "学校标识码;学校名称;学校类型;小学在校生数;小学高于规定学历教师数;小学县级及以上骨干教师数;小学体育艺术专任教师数;教学及辅助用房面积;体育运动场馆面积;教学仪器设备值;网络多媒体教室数\n\
               A1;甲小学;小学;1512;104;17;20;7018,8;20454,3;3490126;40\n";
    let err = errors(csv, "分号.csv");
    let commas: Vec<_> = err
        .issues
        .iter()
        .filter(|i| i.kind == IssueKind::AmbiguousComma)
        .collect();
    assert_eq!(commas.len(), 2, "{err}");
    assert_eq!(commas[0].value.as_deref(), Some("7018,8"));
    assert!(commas[0].message(true).contains("逗号含义不明"));
    // In a comma-separated file, quoted thousands read as thousands; a broken group does not.
    let csv = format!(
        "{PRIMARY_HEADER}\n\
               A1,甲小学,小学,\"1,512\",104,17,20,7018.8,20454.3,\"3,490,126\",40\n"
    );
    let data = read(csv.as_bytes(), "千位.csv").expect("reads").dataset;
    assert_eq!(data.schools[0].value(Field::StudentsPrimary), 1512.0);
    assert_eq!(
        data.schools[0].value(Field::EquipmentValueYuan),
        3_490_126.0
    );
    let bad = csv.replace("\"1,512\"", "\"15,12\"");
    let err = errors(&bad, "千位.csv");
    assert!(err
        .issues
        .iter()
        .any(|i| i.kind == IssueKind::AmbiguousComma));
}

/// A hidden first sheet used to be evaluated instead of the visible one, without its name being
/// shown: the first visible sheet is read, and named in the format the status bar and the
/// command line show.
#[test]
fn the_first_visible_sheet_is_read_and_named() {
    let mut wb = Workbook::new();
    let hidden = wb.add_worksheet();
    hidden.set_name("旧数据").expect("name");
    hidden.write_string(0, 0, "学校标识码").expect("w");
    hidden.write_string(0, 1, "学校名称").expect("w");
    hidden.write_string(1, 0, "X1").expect("w");
    hidden.write_string(1, 1, "不该读到的学校").expect("w");
    hidden.set_hidden(true);
    let visible = wb.add_worksheet();
    visible.set_name("学校").expect("name");
    write_county(visible, 0);
    visible.set_active(true);
    let bytes = wb.save_to_buffer().expect("xlsx");
    let imported = read(&bytes, "隐藏.xlsx").expect("the visible sheet reads");
    assert_eq!(imported.dataset.schools.len(), COUNTY.len());
    assert!(imported
        .dataset
        .schools
        .iter()
        .all(|s| s.name != "不该读到的学校"));
    assert!(
        imported.format.contains("工作表“学校”"),
        "{}",
        imported.format
    );
}

/// A formula cell whose saved result is 0 (a file never recalculated) is read as 0, and said so,
/// naming the cell: a school must not vanish as "no students" without a word.
#[test]
fn a_formula_saved_as_zero_is_named_in_a_note() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    write_county(ws, 0);
    // The first school's primary enrolment as a formula with no saved result (0).
    let col = ZH_HEADER
        .iter()
        .position(|h| *h == "小学在校生数")
        .expect("the enrolment column") as u16;
    ws.write_formula(1, col, "=600+600").expect("formula");
    let bytes = wb.save_to_buffer().expect("xlsx");
    let imported = read(&bytes, "公式.xlsx").expect("reads");
    let note = imported
        .notes
        .iter()
        .find(|n| n.contains("公式"))
        .unwrap_or_else(|| panic!("a note about the formula: {:?}", imported.notes));
    assert!(note.contains("第 2 行"), "{note}");
    assert!(note.contains("=600+600"), "{note}");
}
