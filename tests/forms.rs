//! The per-school data form (`junheng template --per-school`): filled in by each school, a
//! folder of them read as one county — equal to the same data in one table — and a wrong value
//! refused at the form's own cell.

use calamine::{open_workbook_auto, Data, Reader};
use junheng::evaluate::evaluate;
use junheng::io::{load_bytes, load_many, ImportOptions};
use junheng::Standard;
use std::path::Path;

/// The form's items (column A) from the template the command line writes.
fn items(template: &Path) -> Vec<String> {
    let mut wb = open_workbook_auto(template).expect("the form opens");
    let sheet = wb.worksheet_range("学校填报").expect("the form's sheet");
    sheet
        .rows()
        .skip(2)
        .map(|r| match &r[0] {
            Data::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect()
}

/// A school's form: the template's items, this school's values beside them (by item).
fn fill(items: &[String], values: &[(&str, &str)], out: &Path) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("学校填报").expect("name");
    ws.write_string(0, 0, "义务教育优质均衡发展 学校数据填报表")
        .expect("title");
    for (c, h) in ["项目", "填写", "单位", "说明"].iter().enumerate() {
        ws.write_string(1, c as u16, *h).expect("head");
    }
    for (i, item) in items.iter().enumerate() {
        let r = 2 + i as u32;
        ws.write_string(r, 0, item).expect("item");
        if let Some((_, v)) = values.iter().find(|(k, _)| k == item) {
            match v.parse::<f64>() {
                Ok(n) => ws.write_number(r, 1, n).expect("number"),
                Err(_) => ws.write_string(r, 1, *v).expect("text"),
            };
        }
    }
    wb.save(out).expect("save");
}

const SCHOOLS: [[&str; 11]; 3] = [
    [
        "F1",
        "东街小学",
        "小学",
        "600",
        "",
        "36",
        "",
        "8",
        "",
        "7",
        "",
    ],
    [
        "F2",
        "西街小学",
        "小学",
        "300",
        "",
        "12",
        "",
        "2",
        "",
        "3",
        "",
    ],
    [
        "F3",
        "北山九年制学校",
        "九年一贯制",
        "420",
        "280",
        "25",
        "22",
        "5",
        "4",
        "4",
        "3",
    ],
];
const SHARED: [[&str; 4]; 3] = [
    ["3300", "6200", "1500000", "15"],
    ["1200", "1900", "520000", "6"],
    ["4100", "7700", "1900000", "17"],
];
const KEYS: [&str; 11] = [
    "学校标识码",
    "学校名称",
    "学校类型",
    "小学在校生数",
    "初中在校生数",
    "小学高于规定学历教师数",
    "初中高于规定学历教师数",
    "小学县级及以上骨干教师数",
    "初中县级及以上骨干教师数",
    "小学体育艺术专任教师数",
    "初中体育艺术专任教师数",
];
const SHARED_KEYS: [&str; 4] = [
    "教学及辅助用房面积",
    "体育运动场馆面积",
    "教学仪器设备值",
    "网络多媒体教室数",
];

fn values(i: usize) -> Vec<(&'static str, &'static str)> {
    KEYS.iter()
        .copied()
        .zip(SCHOOLS[i])
        .chain(SHARED_KEYS.iter().copied().zip(SHARED[i]))
        .filter(|(_, v)| !v.is_empty())
        .collect()
}

#[test]
fn a_folder_of_filled_forms_reads_as_the_same_county_as_one_table() {
    let dir = tempfile::tempdir().expect("tempdir");
    let template = dir.path().join("学校填报表.xlsx");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_junheng"))
        .args(["template", "--per-school", "--out"])
        .arg(&template)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let items = items(&template);
    assert_eq!(items[0], "学校标识码");
    assert!(items.contains(&"教学仪器设备值".to_string()));
    let forms = dir.path().join("各校");
    std::fs::create_dir(&forms).expect("dir");
    for (i, school) in SCHOOLS.iter().enumerate() {
        fill(
            &items,
            &values(i),
            &forms.join(format!("{}.xlsx", school[0])),
        );
    }
    let standard = Standard::national_2017();
    let county = load_many(
        std::slice::from_ref(&forms),
        &standard,
        &ImportOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(county.dataset.schools.len(), 3);
    let mut csv = KEYS.join(",") + "," + &SHARED_KEYS.join(",") + "\n";
    for (school, shared) in SCHOOLS.iter().zip(&SHARED) {
        csv += &(school.join(",") + "," + &shared.join(",") + "\n");
    }
    let table = load_bytes(
        csv.as_bytes(),
        "一表.csv",
        &standard,
        &ImportOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (a, b) = (
        evaluate(&county.dataset, &standard),
        evaluate(&table.dataset, &standard),
    );
    assert_eq!(
        a.units.len(),
        4,
        "three schools, the nine-year one in two sections"
    );
    assert_eq!(a.units, b.units);
    assert_eq!(a.cv, b.cv);
}

#[test]
fn a_wrong_value_in_a_form_is_refused_at_its_own_cell() {
    let dir = tempfile::tempdir().expect("tempdir");
    let template = dir.path().join("学校填报表.xlsx");
    junheng::io::template::write_per_school(&template).expect("the form");
    let items = items(&template);
    let mut v = values(0);
    for x in v.iter_mut() {
        if x.0 == "小学县级及以上骨干教师数" {
            x.1 = "-8";
        }
    }
    let form = dir.path().join("F1.xlsx");
    fill(&items, &v, &form);
    let err = junheng::io::load_path(&form, &Standard::national_2017(), &ImportOptions::default())
        .expect_err("a negative count");
    let row = 3 + items
        .iter()
        .position(|i| i == "小学县级及以上骨干教师数")
        .expect("the item") as usize;
    let issue = &err.issues[0];
    assert_eq!(
        (issue.row, issue.column_letters.as_deref()),
        (Some(row), Some("B"))
    );
    assert!(err.to_string().contains(&format!("第 {row} 行")), "{err}");
}
