//! Limits: every read is bounded before it allocates (file size, cells, columns, rows, a cell's
//! and a record's length, the problem list), with a message that names the limit; and records
//! are read one at a time.

use junheng::io::{load_bytes, load_path, ImportError, ImportOptions, IssueKind, Long, RowKind};
use junheng::Standard;

fn read_with(
    bytes: &[u8],
    name: &str,
    options: &ImportOptions,
) -> Result<junheng::io::Imported, ImportError> {
    load_bytes(bytes, name, &Standard::national_2017(), options)
}

fn read(bytes: &[u8], name: &str) -> Result<junheng::io::Imported, ImportError> {
    read_with(bytes, name, &ImportOptions::default())
}

fn errors(text: &str, name: &str) -> ImportError {
    read(text.as_bytes(), name).expect_err("the file is invalid")
}

/// The columns a primary school needs under the 2017 standard, and one school.
const HEADER: &str = "学校标识码,学校名称,学校类型,小学在校生数,小学高于规定学历教师数,小学县级及以上骨干教师数,小学体育艺术专任教师数,教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,网络多媒体教室数";

fn school(i: usize) -> String {
    format!("S{i},第{i}小学,小学,500,30,6,6,3000,4000,1000000,12")
}

/// A CSV of `n` schools.
fn county(n: usize) -> String {
    let mut s = format!("{HEADER}\n");
    for i in 1..=n {
        s.push_str(&school(i));
        s.push('\n');
    }
    s
}

/// A file with thousands of bad cells lists the first 200 problems and the total, and a file
/// without end (/dev/zero) is refused at the size limit instead of read forever.
#[test]
fn problem_lists_and_reads_are_bounded() {
    let standard = Standard::national_2017();
    let mut csv = String::from("学校标识码,学校名称,学校类型,小学在校生数\n");
    for i in 0..1_000 {
        csv.push_str(&format!("A{i},甲{i}小学,小学,很多\n"));
    }
    let err = errors(&csv, "坏.csv");
    assert_eq!(err.issues.len(), 201, "200 listed and the count");
    match &err.issues[200].kind {
        IssueKind::MoreProblems { shown, total } => {
            assert_eq!(*shown, 200);
            assert!(*total >= 1_000, "{total}");
        }
        other => panic!("expected the count of problems, got {other:?}"),
    }
    #[cfg(unix)]
    {
        let err = load_path(
            std::path::Path::new("/dev/zero"),
            &standard,
            &ImportOptions::default(),
        )
        .expect_err("refused");
        assert!(
            matches!(err.issues[0].kind, IssueKind::TooLarge { .. }),
            "{err}"
        );
    }
}

/// A minimal xlsx with one sheet (`sheet_xml`) and, if given, a shared-string table.
fn tiny_xlsx(sheet_xml: &str, shared: Option<&str>) -> Vec<u8> {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let o = zip::write::SimpleFileOptions::default();
        let mut put = |name: &str, text: &str| {
            z.start_file(name, o).expect("entry");
            z.write_all(text.as_bytes()).expect("write");
        };
        put(
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        );
        put(
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        );
        put(
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        );
        let mut rels = String::from(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#,
        );
        if let Some(sst) = shared {
            rels.push_str(r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#);
            put("xl/sharedStrings.xml", sst);
        }
        rels.push_str("</Relationships>");
        put("xl/_rels/workbook.xml.rels", &rels);
        put("xl/worksheets/sheet1.xml", sheet_xml);
        z.finish().expect("zip");
    }
    buf.into_inner()
}

/// Workbooks made to exhaust memory are refused before anything is allocated for them: a forged
/// shared-string count (aborted the process), a cell beyond the sheet's end; and two cells 327
/// million cells apart (took 10 GB) are read as the two cells they are: the far one, with no
/// header above it, is named.
#[test]
fn workbooks_that_would_exhaust_memory_are_refused() {
    let head = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#;
    let forged = tiny_xlsx(
        &format!(
            r#"{head}<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>"#
        ),
        Some(
            r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="10000000000"><si><t>a</t></si></sst>"#,
        ),
    );
    let err = read(&forged, "伪造.xlsx").expect_err("refused");
    assert!(err.to_string().contains("10000000000"), "{err}");
    let far = tiny_xlsx(
        &format!(
            r#"{head}<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>学校标识码</t></is></c><c r="B1" t="inlineStr"><is><t>学校名称</t></is></c></row><row r="20000"><c r="XFD20000"><v>7</v></c></row></sheetData></worksheet>"#
        ),
        None,
    );
    let started = std::time::Instant::now();
    let err = read(&far, "远.xlsx").expect_err("refused");
    let extra = err
        .issues
        .iter()
        .find(|i| matches!(i.kind, IssueKind::ExtraCells { .. }))
        .expect("the far cell is named");
    assert_eq!(extra.row, Some(20_000));
    assert_eq!(extra.column_letters.as_deref(), Some("XFD"));
    assert_eq!(extra.value.as_deref(), Some("7"));
    let beyond = tiny_xlsx(
        &format!(
            r#"{head}<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="4000000000"><c r="A4000000000"><v>1</v></c></row></sheetData></worksheet>"#
        ),
        None,
    );
    let err = read(&beyond, "超出.xlsx").expect_err("refused");
    assert!(err.to_string().contains("XFD1048576"), "{err}");
    // Row 4294967297 is row 1 once computed in 32 bits: it must not land on the header's row.
    let wrapped = tiny_xlsx(
        &format!(
            r#"{head}<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>学校标识码</t></is></c><c r="B1" t="inlineStr"><is><t>学校名称</t></is></c></row><row r="4294967298"><c r="A4294967298" t="inlineStr"><is><t>S1</t></is></c></row></sheetData></worksheet>"#
        ),
        None,
    );
    let err = read(&wrapped, "绕回.xlsx").expect_err("refused");
    assert!(err.to_string().contains("“4294967298”"), "{err}");
    // Not a timing assertion: a sanity bound so a regression to building the grid shows here.
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
}

/// Millions of columns (took 104 s to refuse), or JSON records that each bring a key of their own
/// (grew quadratically, over 6 GB): refused at the column limit.
#[test]
fn tables_with_more_columns_than_any_school_table_are_refused() {
    let wide = format!("学校标识码,学校名称,{}\n", vec!["x"; 100_000].join(","));
    let err = errors(&wide, "宽.csv");
    assert!(
        matches!(
            err.issues[0].kind,
            IssueKind::TooManyColumns { limit: 1_000, .. }
        ),
        "{err}"
    );
    let records: Vec<String> = (0..20_000)
        .map(|i| format!(r#"{{"school_id": "A{i}", "name": "甲", "kind": "小学", "own_{i}": 1}}"#))
        .collect();
    let json = format!("[{}]", records.join(","));
    let err = errors(&json, "键.json");
    assert!(
        matches!(err.issues[0].kind, IssueKind::TooManyColumns { .. }),
        "{err}"
    );
}

/// More rows than the limit: reading stops at the first row past it, which is named, with the
/// way to raise it; the limit raised, the same file reads. CSV, JSON and xlsx alike.
#[test]
fn rows_past_the_limit_stop_the_read_and_name_how_to_raise_it() {
    let five = county(5);
    let three = ImportOptions {
        max_rows: Some(3),
        ..Default::default()
    };
    let err = read_with(five.as_bytes(), "五.csv", &three).expect_err("over the limit");
    let issue = &err.issues[0];
    assert_eq!(issue.kind, IssueKind::TooManyRows { limit: 3 });
    // The header is row 1; the fourth school is row 5.
    assert_eq!(issue.row, Some(5));
    assert!(issue.message(true).contains("--max-rows"), "{err}");
    assert!(issue.message(false).contains("--max-rows"), "{err}");
    let five_ok = ImportOptions {
        max_rows: Some(5),
        ..Default::default()
    };
    let read5 = read_with(five.as_bytes(), "五.csv", &five_ok).expect("five rows read");
    assert_eq!(read5.dataset.schools.len(), 5);
    // JSON: records counted the same way.
    let records: Vec<String> = (1..=5)
        .map(|i| {
            format!(r#"{{"school_id":"S{i}","name":"校{i}","kind":"小学","students_primary":500}}"#)
        })
        .collect();
    let json = format!("[{}]", records.join(","));
    let err = read_with(json.as_bytes(), "五.json", &three).expect_err("over the limit");
    assert_eq!(err.issues[0].kind, IssueKind::TooManyRows { limit: 3 });
    assert_eq!(
        (err.issues[0].row, err.issues[0].row_kind),
        (Some(4), RowKind::Record)
    );
    // xlsx.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, line) in five.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            match cell.parse::<f64>() {
                Ok(n) => ws.write_number(r as u32, c as u16, n),
                Err(_) => ws.write_string(r as u32, c as u16, cell),
            }
            .expect("cell");
        }
    }
    let bytes = wb.save_to_buffer().expect("xlsx");
    let err = read_with(&bytes, "五.xlsx", &three).expect_err("over the limit");
    assert_eq!(err.issues[0].kind, IssueKind::TooManyRows { limit: 3 });
    assert_eq!(err.issues[0].row, Some(5));
    assert_eq!(
        read_with(&bytes, "五.xlsx", &five_ok)
            .expect("read")
            .dataset
            .schools
            .len(),
        5
    );
}

/// A cell longer than Excel's limit, or an unclosed quote that swallows the rest of a file, is
/// refused before the reader holds it, naming the row.
#[test]
fn a_cell_or_record_longer_than_any_school_table_is_refused() {
    let long_cell = format!("{}{},小学,500\n", county(2), "长".repeat(50_000));
    let err = errors(&long_cell, "长.csv");
    assert_eq!(
        err.issues[0].kind,
        IssueKind::TooLong {
            what: Long::Cell,
            limit: 131_068
        }
    );
    assert_eq!(err.issues[0].row, Some(4));
    // An unclosed quote on row 3: every later line is inside it.
    let mut unclosed = county(2);
    unclosed.push_str("S3,\"没有闭合,小学,500\n");
    for i in 0..30_000 {
        unclosed.push_str(&format!("{},,\n", school(i + 10)));
    }
    let err = errors(&unclosed, "引号.csv");
    assert!(
        matches!(err.issues[0].kind, IssueKind::TooLong { .. }),
        "{err}"
    );
    assert_eq!(err.issues[0].row, Some(4));
    // A quote inside an unquoted cell is a character, and "" inside quotes is one quote: such a
    // file is read, not refused.
    let quotes = format!(
        "{}S7,12\"屏小学,小学,500,30,6,6,3000,4000,1000000,12\nS8,\"名\"\"字\",小学,500,30,6,6,3000,4000,1000000,12\n",
        county(1)
    );
    let names: Vec<String> = read(quotes.as_bytes(), "引号对.csv")
        .expect("read")
        .dataset
        .schools
        .iter()
        .map(|s| s.name.clone())
        .collect();
    assert_eq!(names, ["第1小学", "12\"屏小学", "名\"字"]);
}

/// JSON is read one record at a time: records that are not objects are each named, the rest
/// read; an object without "schools" and a top level that is not an array are refused.
#[test]
fn json_records_are_read_one_at_a_time_and_each_bad_one_named() {
    let json = r#"{"title":"县","schools":[{"school_id":"S1","name":"甲","kind":"小学","students_primary":500,"qualified_primary":30,"backbone_primary":6,"pe_art_primary":6,"teaching_area_m2":3000,"sports_area_m2":4000,"equipment_value_yuan":1000000,"multimedia_rooms":12}, 5, "x"]}"#;
    let err = errors(json, "县.json");
    let rows: Vec<Option<usize>> = err.issues.iter().map(|i| i.row).collect();
    assert_eq!(rows, [Some(2), Some(3)], "{err}");
    assert!(err.to_string().contains("不是对象"), "{err}");
    let ok = json.replace(", 5, \"x\"", "");
    let read = read(ok.as_bytes(), "县.json").expect("read");
    assert_eq!(read.dataset.schools.len(), 1);
    assert_eq!(read.dataset.schools[0].name, "甲");
    for bad in [r#"{"title":"县"}"#, "5", r#""schools""#] {
        let err = errors(bad, "坏.json");
        assert!(err.to_string().contains("顶层不是数组"), "{bad}: {err}");
    }
}

/// An enrolment of 1e308 gave a CV of NaN: values beyond any school are refused, located.
#[test]
fn values_beyond_any_school_are_refused() {
    let standard = Standard::national_2017();
    let csv = format!(
        "{HEADER}\n\
               A1,甲小学,小学,1e308,104,17,20,7018.8,20454.3,3490126,40\n\
               A2,乙小学,小学,500,30,6,6,3000,40000000,1200000,12\n"
    );
    let err = errors(&csv, "大数.csv");
    let absurd: Vec<_> = err
        .issues
        .iter()
        .filter(|i| matches!(i.kind, IssueKind::Absurd { .. }))
        .collect();
    assert_eq!(absurd.len(), 2, "{err}");
    assert_eq!((absurd[0].row, absurd[1].row), (Some(2), Some(3)));
    assert!(
        absurd[0].message(true).contains("上限 100000"),
        "{}",
        absurd[0].message(true)
    );
    assert!(
        absurd[1].message(false).contains("at most 10000000"),
        "{}",
        absurd[1].message(false)
    );
    // A scenario cannot make a value absurd either.
    let data = junheng::sample::load(&standard).expect("sample").dataset;
    let sc = junheng::scenario::Scenario {
        name: "x".into(),
        changes: vec![junheng::scenario::Change::Set {
            school_id: "S01".into(),
            field: "students_primary".into(),
            value: 1e9,
        }],
        years: Vec::new(),
    };
    assert!(junheng::scenario::apply(&data, &sc).is_err());
}

/// Values a school can have but rarely does are read, and each is named with its row to check:
/// sports ground, qualified teachers, a largest class, equipment per student, a copied row. The
/// sample county has none.
#[test]
fn rare_values_are_read_and_named_to_check() {
    let csv = "学校标识码,学校名称,学校类型,小学在校生数,小学高于规定学历教师数,小学县级及以上骨干教师数,小学体育艺术专任教师数,教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,网络多媒体教室数,小学最大班额\n\
        A1,甲,小学,500,30,6,6,3000,4000,1200000,12,45\n\
        A2,乙,小学,100,10,2,2,600,12000,300000,3,40\n\
        A3,丙,小学,400,120,6,6,3000,4000,1000000,12,76\n\
        A4,丁,小学,500,30,6,6,3000,4000,30000,12,45\n\
        A5,戊,小学,500,30,6,6,3000,4000,1200000,12,45\n";
    let read = read(csv.as_bytes(), "核对.csv").expect("read, not refused");
    assert_eq!(read.dataset.schools.len(), 5);
    let checks: Vec<&String> = read
        .notes
        .iter()
        .filter(|n| n.starts_with("请核对"))
        .collect();
    let expected = [
        "请核对 第 3 行（A2）：生均体育运动场馆面积 120 平方米，超过 100",
        "请核对 第 4 行（A3）：每百名小学学生有 30 名高于规定学历教师，超过 20",
        "请核对 第 4 行（A3）：小学最大班额 76 人，超过 70",
        "请核对 第 5 行（A4）：生均教学仪器设备值 60 元，不到 100 元",
        "请核对 第 6 行（A5）：每个数都与学校“A1”相同",
    ];
    assert_eq!(checks.len(), expected.len(), "{checks:#?}");
    for (got, want) in checks.iter().zip(expected) {
        assert!(got.starts_with(want), "{got}\nshould start with\n{want}");
    }
    let sample = junheng::sample::load(&Standard::national_2017()).expect("sample");
    assert!(
        sample.notes.iter().all(|n| !n.starts_with("请核对")),
        "{:?}",
        sample.notes
    );
}
