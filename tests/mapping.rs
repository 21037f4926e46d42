//! Column mappings (DATA-FORMAT.md §7): a file whose headers the importer does not know is read
//! with a mapping — one column to a field, several summed, a factor for 万元 — and evaluates
//! exactly as the same data in the template's form.

use std::process::{Command, Output};

fn junheng(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_junheng"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// A bureau's own form: its own names, PE and music and art teachers apart, equipment in 万元.
const ODD: &str = include_str!("data/odd-form.csv");

const MAPPING: &str = include_str!("data/odd-form-mapping.json");

const CANONICAL: &str = "school_id,name,kind,students_primary,qualified_primary,backbone_primary,pe_art_primary,teaching_area_m2,sports_area_m2,equipment_value_yuan,multimedia_rooms\n\
P1,一小,primary,500,30,6,6,3000,4000,1200000,12\n\
P2,二小,primary,400,10,2,2,1500,2000,505000,5\n\
P3,三小,primary,260,12,3,3,1300,2300,600000,7\n";

#[test]
fn a_file_read_with_a_mapping_equals_the_same_data_in_the_templates_form() {
    let dir = tempfile::tempdir().expect("tempdir");
    let odd = dir.path().join("本局表.csv");
    let map = dir.path().join("map.json");
    let canonical = dir.path().join("模板.csv");
    std::fs::write(&odd, ODD).unwrap();
    std::fs::write(&map, MAPPING).unwrap();
    std::fs::write(&canonical, CANONICAL).unwrap();
    // Without the mapping: no header the importer knows.
    let out = junheng(&["evaluate", odd.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("找不到表头"));
    let mapped = json(&junheng(&[
        "evaluate",
        odd.to_str().unwrap(),
        "--mapping",
        map.to_str().unwrap(),
        "--json",
    ]));
    let plain = json(&junheng(&[
        "evaluate",
        canonical.to_str().unwrap(),
        "--json",
    ]));
    for key in ["units", "cv", "summary"] {
        assert_eq!(mapped[key], plain[key], "{key}");
    }
    // The sum and the factor, in the evaluated values: P2's PE/art teachers 1+1+0 per 400.
    let p2 = &mapped["units"][1]["indicators"];
    assert!((p2["pe_art_teachers_per_100"]["value"].as_f64().unwrap() - 0.5).abs() < 1e-9);
    assert!((p2["equipment_value_per_student"]["value"].as_f64().unwrap() - 1262.5).abs() < 1e-9);
}

#[test]
fn a_mapping_naming_a_column_the_file_lacks_or_a_field_that_does_not_exist_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let odd = dir.path().join("本局表.csv");
    std::fs::write(&odd, ODD.replace("多媒体室", "多媒体教室间数")).unwrap();
    let map = dir.path().join("map.json");
    std::fs::write(&map, MAPPING).unwrap();
    let out = junheng(&[
        "evaluate",
        odd.to_str().unwrap(),
        "--mapping",
        map.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("列对应关系中的列“多媒体室”在文件中找不到"),
        "{err}"
    );
    std::fs::write(
        &map,
        MAPPING.replace("\"backbone_primary\"", "\"backbone_primay\""),
    )
    .unwrap();
    let out = junheng(&[
        "evaluate",
        odd.to_str().unwrap(),
        "--mapping",
        map.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("“backbone_primay”不是数据字段"), "{err}");
}
