//! Several counties in one file (DATA-FORMAT.md §6): each county judged exactly as its schools
//! alone would be, and the counties ranked.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn junheng(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_junheng"))
        .args(args)
        .output()
        .expect("the junheng binary runs")
}

fn json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

const FILE: &str = "tests/data/three-counties.csv";

/// The file's lines of one county, as a file of that county alone.
fn county_alone(county: &str, dir: &Path) -> std::path::PathBuf {
    let text = std::fs::read_to_string(FILE).unwrap();
    let mut lines = text.lines();
    let mut out = vec![lines.next().unwrap().to_string()];
    out.extend(
        lines
            .filter(|l| l.split(',').nth(4) == Some(county))
            .map(str::to_string),
    );
    let path = dir.join(format!("{county}.csv"));
    std::fs::write(&path, out.join("\n")).unwrap();
    path
}

#[test]
fn each_county_equals_its_evaluation_alone_and_the_ranking_is_by_share_passing() {
    let dir = tempfile::tempdir().unwrap();
    let all = json(&junheng(&["evaluate", FILE, "--by", "county", "--json"]));
    let counties = all["counties"].as_array().unwrap();
    let names: Vec<&str> = counties
        .iter()
        .map(|c| c["county"].as_str().unwrap())
        .collect();
    // In the order they first appear in the (interleaved) file.
    assert_eq!(names, ["甲县", "乙县", "丙县"]);
    for c in counties {
        let name = c["county"].as_str().unwrap();
        let alone = json(&junheng(&[
            "evaluate",
            county_alone(name, dir.path()).to_str().unwrap(),
            "--json",
        ]));
        for key in ["units", "excluded", "cv", "summary"] {
            assert_eq!(c[key], alone[key], "{name}: {key}");
        }
    }
    // 乙县 has no junior school: no junior section, no junior CVs.
    let yi = &counties[1];
    assert_eq!(yi["summary"]["junior"]["units"], 0);
    assert_eq!(yi["cv"]["junior"].as_object().map_or(0, |m| m.len()), 0);
    // 丙县's teaching points are merged into their central schools, not sections of their own.
    let bing = &counties[2];
    let ids: Vec<&str> = bing["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["school_id"].as_str().unwrap())
        .collect();
    assert!(!ids.contains(&"BC04") && !ids.contains(&"BC05"));
    assert!(ids.contains(&"BC01"));
    // The CV of 甲县's primary teaching area, from its own schools only.
    let jia_cv = counties[0]["cv"]["primary"]["teaching_area_per_student"]["cv"]
        .as_f64()
        .unwrap();
    let whole = json(&junheng(&["evaluate", FILE, "--json"]));
    let whole_cv = whole["cv"]["primary"]["teaching_area_per_student"]["cv"]
        .as_f64()
        .unwrap();
    assert!((jia_cv - whole_cv).abs() > 1e-4, "{jia_cv} vs {whole_cv}");
    // Ranked by share of sections passing, then CVs met: 甲县 1/7, then 丙县 and 乙县 both 0,
    // 丙县 ahead with 14 CVs met to 乙县's 7.
    let ranking: Vec<(&str, f64, u64)> = all["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["county"].as_str().unwrap(),
                r["passing_share"].as_f64().unwrap(),
                r["cv_met"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(ranking[0].0, "甲县");
    assert!((ranking[0].1 - 1.0 / 7.0).abs() < 1e-12);
    assert_eq!(ranking[1], ("丙县", 0.0, 14));
    assert_eq!(ranking[2], ("乙县", 0.0, 7));
    assert_eq!(all["ranking"][2]["resource_allocation_met"], false);
}

#[test]
fn the_table_ranks_counties_and_a_file_without_counties_is_refused() {
    let out = junheng(&["evaluate", FILE, "--by", "county"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains("3 个县区"), "{text}");
    assert!(
        lines[2].contains("甲县") && lines[2].contains("1/7"),
        "{text}"
    );
    assert!(
        lines[4].contains("乙县") && lines[4].contains("7/7"),
        "{text}"
    );
    let out = junheng(&[
        "evaluate",
        "tests/data/worked-example-cv.csv",
        "--by",
        "county",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("没有县区列"));
}

#[test]
fn a_school_without_its_county_in_a_file_of_counties_is_refused_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(FILE).unwrap();
    let broken = text.replacen(",乙县,", ",,", 1);
    let path = dir.path().join("missing.csv");
    std::fs::write(&path, broken).unwrap();
    let out = junheng(&["evaluate", path.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    // 乙县's first school is the file's second school: row 3, its 统计三级 cell.
    assert!(err.contains("第 3 行，列“统计三级”：此项不能为空"), "{err}");
}
