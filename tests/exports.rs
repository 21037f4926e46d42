//! The statistics system's exports as they come (DATA-FORMAT.md §7): a title row, a header of
//! three rows merged over the columns below, a units row, a 合计 row, teachers by education and
//! by subject, equipment in 万元 — read with no mapping, and evaluated exactly as the same data in
//! the template's form.

use junheng::evaluate::evaluate;
use junheng::io::{load_bytes, ImportOptions};
use junheng::model::Level;
use junheng::Standard;
use rust_xlsxwriter::{Format, Workbook};

/// (id, name, students, grade 1, classes, teachers, graduate, bachelor, college, PE, music,
/// fine art, backbone, teaching m², sports m², equipment 万元, multimedia rooms)
type School = (&'static str, &'static str, [f64; 15]);

const SCHOOLS: &[School] = &[
    (
        "3001",
        "城关小学",
        [
            1450., 240., 30., 80., 2., 60., 14., 6., 4., 4., 27., 7300., 9400., 360.0, 38.,
        ],
    ),
    (
        "3002",
        "东关小学",
        [
            620., 100., 14., 30., 0., 18., 10., 2., 1., 1., 5., 2900., 3100., 95.5, 13.,
        ],
    ),
    (
        "3003",
        "河口小学",
        [
            210., 35., 6., 14., 0., 5., 7., 1., 1., 0., 2., 1100., 2600., 40.25, 5.,
        ],
    ),
];

/// The export: title, a three-row merged header, a units row, the schools, a 合计 row.
fn export_xlsx() -> Vec<u8> {
    let schools: Vec<(&str, &str, &str, [f64; 15])> = SCHOOLS
        .iter()
        .map(|(i, n, v)| (*i, *n, "小学", *v))
        .collect();
    export_of("小学", &schools)
}

/// A level's export (`level`: 小学 or 初中, in the sheet's name and the title) of these schools
/// (id, name, the statistics system's kind, values).
fn export_of(level: &str, schools: &[(&str, &str, &str, [f64; 15])]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(format!("{level}基本情况")).expect("name");
    write_export(ws, level, schools);
    wb.save_to_buffer().expect("xlsx")
}

/// Writes a level's export into a sheet.
fn write_export(
    ws: &mut rust_xlsxwriter::Worksheet,
    level: &str,
    schools: &[(&str, &str, &str, [f64; 15])],
) {
    let f = Format::new();
    ws.merge_range(0, 0, 0, 17, &format!("2024年某县{level}基本情况统计表"), &f)
        .expect("title");
    // Row 2..4 (0-based 1..3): the header.
    for (c, h) in [
        (0u16, "学校标识码"),
        (1, "学校名称"),
        (2, "办学类型"),
        (5, "班数"),
    ] {
        ws.merge_range(1, c, 3, c, h, &f).expect("merge");
    }
    ws.merge_range(1, 3, 1, 4, "在校生数", &f).expect("merge");
    ws.merge_range(2, 3, 3, 3, "合计", &f).expect("merge");
    ws.merge_range(2, 4, 3, 4, "一年级", &f).expect("merge");
    ws.merge_range(1, 6, 1, 12, "专任教师", &f).expect("merge");
    ws.merge_range(2, 6, 3, 6, "合计", &f).expect("merge");
    ws.merge_range(2, 7, 2, 9, "按学历分", &f).expect("merge");
    ws.merge_range(2, 10, 2, 12, "按授课课程分", &f)
        .expect("merge");
    for (c, h) in [
        (7u16, "研究生"),
        (8, "本科"),
        (9, "专科"),
        (10, "体育与健康"),
        (11, "音乐"),
        (12, "美术"),
    ] {
        ws.write_string(3, c, h).expect("cell");
    }
    ws.merge_range(1, 13, 3, 13, "县级及以上骨干教师", &f)
        .expect("merge");
    ws.merge_range(1, 14, 2, 14, "校舍建筑面积", &f)
        .expect("merge");
    ws.write_string(3, 14, "教学及辅助用房").expect("cell");
    ws.merge_range(1, 15, 3, 15, "体育运动场（馆）面积", &f)
        .expect("merge");
    ws.merge_range(1, 16, 3, 16, "教学仪器设备资产值（万元）", &f)
        .expect("merge");
    ws.merge_range(1, 17, 3, 17, "网络多媒体教室", &f)
        .expect("merge");
    // The units row.
    for (c, u) in [
        (3u16, "人"),
        (4, "人"),
        (5, "个"),
        (6, "人"),
        (14, "平方米"),
        (15, "平方米"),
        (16, "万元"),
        (17, "间"),
    ] {
        ws.write_string(4, c, u).expect("unit");
    }
    let mut r = 5;
    let mut totals = [0.0; 15];
    for (id, name, kind, v) in schools {
        ws.write_string(r, 0, *id).expect("id");
        ws.write_string(r, 1, *name).expect("name");
        ws.write_string(r, 2, *kind).expect("kind");
        for (k, x) in v.iter().enumerate() {
            ws.write_number(r, 3 + k as u16, *x).expect("number");
            totals[k] += x;
        }
        r += 1;
    }
    ws.write_string(r, 1, "合计").expect("total");
    for (k, x) in totals.iter().enumerate() {
        ws.write_number(r, 3 + k as u16, *x).expect("number");
    }
}

/// The same schools in the template's form: qualified = 研究生 + 本科 + 专科, PE/art = 体育与健康
/// + 音乐 + 美术, equipment in 元.
fn canonical_csv() -> String {
    let mut s = String::from("school_id,name,kind,students_primary,classes_primary,teachers_primary,qualified_primary,pe_art_primary,backbone_primary,teaching_area_m2,sports_area_m2,equipment_value_yuan,multimedia_rooms\n");
    for (id, name, v) in SCHOOLS {
        s.push_str(&format!(
            "{id},{name},primary,{},{},{},{},{},{},{},{},{},{}\n",
            v[0],
            v[2],
            v[3],
            v[4] + v[5] + v[6],
            v[7] + v[8] + v[9],
            v[10],
            v[11],
            v[12],
            v[13] * 10_000.0,
            v[14]
        ));
    }
    s
}

#[test]
fn a_statistics_export_reads_as_the_same_data_in_the_templates_form() {
    let standard = Standard::national_2017();
    let options = ImportOptions::default();
    let export = load_bytes(&export_xlsx(), "2024年统计.xlsx", &standard, &options)
        .unwrap_or_else(|e| panic!("{e}"));
    let canonical = load_bytes(canonical_csv().as_bytes(), "模板.csv", &standard, &options)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        export.dataset.schools.len(),
        3,
        "the 合计 row is not a school"
    );
    // What was computed, and the totals row, are said.
    for said in ["按学历计算", "按授课课程计算", "合计行"] {
        assert!(
            export.notes.iter().any(|n| n.contains(said)),
            "{said}: {:?}",
            export.notes
        );
    }
    let a = evaluate(&export.dataset, &standard);
    let b = evaluate(&canonical.dataset, &standard);
    assert_eq!(a.units.len(), b.units.len());
    for (x, y) in a.units.iter().zip(&b.units) {
        assert_eq!((&x.school_id, x.level), (&y.school_id, y.level));
        for (p, q) in x.indicators.iter().zip(&y.indicators) {
            assert!(
                (p.value - q.value).abs() < 1e-6,
                "{}: {} vs {}",
                x.school_id,
                p.value,
                q.value
            );
            assert_eq!(p.met, q.met);
        }
        assert_eq!(x.passes, y.passes);
    }
    for (p, q) in a.cv_of(Level::Primary).iter().zip(b.cv_of(Level::Primary)) {
        assert!((p.cv - q.cv).abs() < 1e-6, "{} vs {}", p.cv, q.cv);
    }
    // The values read, one by one: 1,450 students; 14 + 6 + 4 + ... qualified; 360 万元.
    let s = &export.dataset.schools[0];
    assert_eq!(s.value(junheng::model::Field::StudentsPrimary), 1450.0);
    assert_eq!(s.value(junheng::model::Field::QualifiedPrimary), 76.0);
    assert_eq!(s.value(junheng::model::Field::PeArtPrimary), 14.0);
    assert_eq!(
        s.value(junheng::model::Field::EquipmentValueYuan),
        3_600_000.0
    );
    assert_eq!(s.value(junheng::model::Field::ClassesPrimary), 30.0);
    // The grade-1 column is read as grade 1's enrolment (DATA-FORMAT §1, for projections);
    // alone, it is not a whole breakdown, so it is not checked against the total.
    assert!(s.values.get(junheng::model::Field::Grade1).is_some());
    assert!(!export
        .dataset
        .extra_columns
        .iter()
        .any(|c| c == "在校生数/一年级"));
}

/// The same export as CSV (merged cells become empty cells), named by its file: the same data.
#[test]
fn the_export_as_csv_reads_the_same() {
    let standard = Standard::national_2017();
    let options = ImportOptions::default();
    let mut csv = String::from("2024年某县小学基本情况统计表\n");
    csv.push_str("学校标识码,学校名称,办学类型,在校生数,,班数,专任教师,,,,,,,县级及以上骨干教师,校舍建筑面积,体育运动场（馆）面积,教学仪器设备资产值（万元）,网络多媒体教室\n");
    csv.push_str(",,,合计,一年级,,合计,按学历分,,,按授课课程分,,,,,,,\n");
    csv.push_str(",,,,,,,研究生,本科,专科,体育与健康,音乐,美术,,教学及辅助用房,,,\n");
    for (id, name, v) in SCHOOLS {
        let nums: Vec<String> = v.iter().map(|x| x.to_string()).collect();
        csv.push_str(&format!("{id},{name},小学,{}\n", nums.join(",")));
    }
    let export = load_bytes(csv.as_bytes(), "统计.csv", &standard, &options)
        .unwrap_or_else(|e| panic!("{e}"));
    let canonical = load_bytes(canonical_csv().as_bytes(), "模板.csv", &standard, &options)
        .unwrap_or_else(|e| panic!("{e}"));
    let a = evaluate(&export.dataset, &standard);
    let b = evaluate(&canonical.dataset, &standard);
    for (x, y) in a.units.iter().zip(&b.units) {
        for (p, q) in x.indicators.iter().zip(&y.indicators) {
            assert!((p.value - q.value).abs() < 1e-6);
        }
    }
    assert_eq!(a.units.len(), 3);
}

/// A 小学 table and an 初中 table read together, a nine-year school in both (its shared rooms,
/// ground and equipment given twice, the same): one county, equal to the same data in the
/// template's form; a value given twice differently is refused naming both places; a nine-year
/// school in one table only lacks its other section, named.
#[test]
fn a_primary_and_a_junior_table_read_together_as_one_county() {
    let standard = Standard::national_2017();
    let dir = tempfile::tempdir().expect("tempdir");
    // The nine-year school: primary part, junior part; shared fields (11..15) the same.
    let nine_p = [
        300., 50., 8., 20., 0., 15., 4., 1., 1., 1., 3., 2600., 4300., 80., 8.,
    ];
    let nine_j = [
        150., 0., 4., 12., 1., 9., 2., 1., 0., 0., 2., 2600., 4300., 80., 8.,
    ];
    let junior = [
        600., 0., 12., 45., 3., 38., 4., 2., 1., 1., 6., 4200., 7800., 210., 14.,
    ];
    let mut primary: Vec<(&str, &str, &str, [f64; 15])> = SCHOOLS
        .iter()
        .map(|(i, n, v)| (*i, *n, "小学", *v))
        .collect();
    primary.push(("3009", "石门九年一贯制学校", "九年一贯制学校", nine_p));
    let juniors = vec![
        ("4001", "城关初级中学", "初级中学", junior),
        ("3009", "石门九年一贯制学校", "九年一贯制学校", nine_j),
    ];
    let p = dir.path().join("小学.xlsx");
    let j = dir.path().join("初中.xlsx");
    std::fs::write(&p, export_of("小学", &primary)).expect("write");
    std::fs::write(&j, export_of("初中", &juniors)).expect("write");
    let merged = junheng::io::load_many(
        &[p.clone(), j.clone()],
        &standard,
        &ImportOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // The folder reads the same.
    let folder = junheng::io::load_many(
        &[dir.path().to_path_buf()],
        &standard,
        &ImportOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // (in the folder's order: 初中.xlsx sorts first.)
    let by_id = |d: &junheng::model::Dataset| {
        let mut v: Vec<_> = d
            .schools
            .iter()
            .map(|s| (s.id.clone(), s.kind, s.values.clone()))
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    };
    assert_eq!(by_id(&folder.dataset), by_id(&merged.dataset));
    // One workbook holding both tables (sheets named Sheet2 and Sheet3: the level from each
    // title) after a sheet of notes reads the same: every sheet that is a school table.
    let mut wb = Workbook::new();
    wb.add_worksheet()
        .set_name("填表说明")
        .expect("name")
        .write_string(0, 0, "本表由教育事业统计系统导出")
        .expect("note");
    write_export(wb.add_worksheet(), "小学", &primary);
    write_export(wb.add_worksheet(), "初中", &juniors);
    let both = load_bytes(
        &wb.save_to_buffer().expect("xlsx"),
        "2024年统计.xlsx",
        &standard,
        &ImportOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(by_id(&both.dataset), by_id(&merged.dataset));
    assert_eq!(both.dataset.source, "2024年统计.xlsx");
    assert_eq!(
        both.format,
        "Excel/WPS，工作表“Sheet2”“Sheet3” / sheets \"Sheet2\", \"Sheet3\""
    );
    // --sheet still reads one sheet alone: here the 小学 sheet, where the nine-year school's
    // junior section is missing.
    let one = load_bytes(
        &wb.save_to_buffer().expect("xlsx"),
        "2024年统计.xlsx",
        &standard,
        &ImportOptions {
            sheet: Some("Sheet2".into()),
            ..ImportOptions::default()
        },
    )
    .expect_err("the junior section is in the other sheet");
    assert!(
        one.to_string()
            .contains("工作表“Sheet2”：缺少列“初中在校生数”（students_junior）：有 1 所学校需要它"),
        "{one}"
    );
    assert_eq!(merged.dataset.schools.len(), 5);
    let mut csv = String::from("school_id,name,kind,students_primary,students_junior,qualified_primary,qualified_junior,pe_art_primary,pe_art_junior,backbone_primary,backbone_junior,teaching_area_m2,sports_area_m2,equipment_value_yuan,multimedia_rooms\n");
    let line = |id: &str, name: &str, kind: &str, p: Option<[f64; 15]>, j: Option<[f64; 15]>| {
        let shared = p.or(j).expect("a part");
        let o = |x: Option<f64>| x.map_or(String::new(), |v| v.to_string());
        format!(
            "{id},{name},{kind},{},{},{},{},{},{},{},{},{},{},{},{}\n",
            o(p.map(|v| v[0])),
            o(j.map(|v| v[0])),
            o(p.map(|v| v[4] + v[5] + v[6])),
            o(j.map(|v| v[4] + v[5])),
            o(p.map(|v| v[7] + v[8] + v[9])),
            o(j.map(|v| v[7] + v[8] + v[9])),
            o(p.map(|v| v[10])),
            o(j.map(|v| v[10])),
            shared[11],
            shared[12],
            shared[13] * 10_000.0,
            shared[14]
        )
    };
    for (id, name, v) in SCHOOLS {
        csv.push_str(&line(id, name, "primary", Some(*v), None));
    }
    csv.push_str(&line(
        "3009",
        "石门九年一贯制学校",
        "nine_year",
        Some(nine_p),
        Some(nine_j),
    ));
    csv.push_str(&line("4001", "城关初级中学", "junior", None, Some(junior)));
    let canonical = load_bytes(
        csv.as_bytes(),
        "模板.csv",
        &standard,
        &ImportOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let a = evaluate(&merged.dataset, &standard);
    let b = evaluate(&canonical.dataset, &standard);
    assert_eq!(a.units.len(), 6, "4 primary sections and 2 junior");
    for level in [Level::Primary, Level::Junior] {
        let ua: Vec<_> = a.units.iter().filter(|u| u.level == level).collect();
        let ub: Vec<_> = b.units.iter().filter(|u| u.level == level).collect();
        assert_eq!(ua.len(), ub.len());
        for (x, y) in ua.iter().zip(&ub) {
            assert_eq!(x.school_id, y.school_id);
            for (p, q) in x.indicators.iter().zip(&y.indicators) {
                assert!(
                    (p.value - q.value).abs() < 1e-6,
                    "{} {:?}: {} vs {}",
                    x.school_id,
                    level,
                    p.value,
                    q.value
                );
            }
        }
        for (p, q) in a.cv_of(level).iter().zip(b.cv_of(level)) {
            assert!((p.cv - q.cv).abs() < 1e-6);
        }
    }
    // Two different sports grounds for the nine-year school: refused, naming both places.
    let mut other = nine_j;
    other[12] = 4000.0;
    let juniors = vec![("3009", "石门九年一贯制学校", "九年一贯制学校", other)];
    std::fs::write(&j, export_of("初中", &juniors)).expect("write");
    let err = junheng::io::load_many(
        &[p.clone(), j.clone()],
        &standard,
        &ImportOptions::default(),
    )
    .expect_err("a conflict");
    let text = err.to_string();
    assert!(
        text.contains("初中.xlsx：第 6 行，列“体育运动场馆面积”"),
        "{text}"
    );
    assert!(
        text.contains("此处是“4000”，小学.xlsx 第 9 行是“4300”"),
        "{text}"
    );
    // The nine-year school in the 小学 table alone: its junior section lacks its students.
    let juniors = vec![("4001", "城关初级中学", "初级中学", junior)];
    std::fs::write(&j, export_of("初中", &juniors)).expect("write");
    let err = junheng::io::load_many(
        &[p.clone(), j.clone()],
        &standard,
        &ImportOptions::default(),
    )
    .expect_err("incomplete");
    assert!(
        err.to_string().contains("学校“3009”缺少“初中在校生数”"),
        "{err}"
    );
    // The command line reads them the same way: both files, or the folder.
    let juniors = vec![
        ("4001", "城关初级中学", "初级中学", junior),
        ("3009", "石门九年一贯制学校", "九年一贯制学校", nine_j),
    ];
    std::fs::write(&j, export_of("初中", &juniors)).expect("write");
    for args in [
        vec![p.to_str().expect("utf-8"), j.to_str().expect("utf-8")],
        vec![dir.path().to_str().expect("utf-8")],
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_junheng"))
            .arg("evaluate")
            .args(&args)
            .arg("--json")
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        assert_eq!(v["summary"]["primary"]["units"], 4);
        assert_eq!(v["summary"]["junior"]["units"], 2);
    }
    let err = junheng::io::load_many(
        &[p, dir.path().join("无.csv")],
        &standard,
        &ImportOptions::default(),
    )
    .expect_err("the second file is missing");
    assert!(err.to_string().contains("无.csv"), "{err}");
}
