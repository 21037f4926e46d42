//! The hostile corpus (tests/data/hostile, written by `tools/hostile.py --small`) through the
//! real binary: every file ends with exit 0 or 2 and a bounded message; each kind of silent
//! wrong answer is refused with its location, or read right and said so. (The zip bombs, 1–8 MB
//! each, are written and checked in CI by `tools/hostile.py` and `tools/hostile-check.sh`.)

use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hostile")
}

/// Runs `evaluate` on a corpus file (a scenario file against the sample); exit code, stdout,
/// stderr.
fn evaluate(name: &str, extra: &[&str]) -> (i32, String, String) {
    let path = corpus().join(name);
    let path = path.to_str().expect("a UTF-8 path");
    let mut args = vec!["evaluate"];
    if name.starts_with("scenario-") {
        args.extend(["--sample", "--scenario", path]);
    } else {
        args.push(path);
    }
    args.extend(extra);
    let out = Command::new(env!("CARGO_BIN_EXE_junheng"))
        .args(&args)
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every file: exit 0 or 2 (never a panic's 101 or an abort), at most a few hundred lines of
/// messages; and the corpus is all there.
#[test]
fn every_hostile_file_ends_in_exit_0_or_2_with_a_bounded_message() {
    let mut names: Vec<String> = std::fs::read_dir(corpus())
        .expect("the corpus")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 30, "the corpus has {} files", names.len());
    for name in &names {
        let (code, _, err) = evaluate(name, &["--json"]);
        assert!(code == 0 || code == 2, "{name}: exit {code}\n{err}");
        assert!(
            err.lines().count() <= 210,
            "{name}: {} lines",
            err.lines().count()
        );
    }
}

/// Each refusal names where the problem is (file, sheet, row, column, value) and what it is.
#[test]
fn each_refusal_is_located() {
    let cases: &[(&str, &[&str])] = &[
        // One field more than the header (an unquoted 1,104): the row is named, not shifted.
        ("csv-extra-field.csv", &["第 3 行", "多出 1 个单元格"]),
        (
            "csv-semicolon-decimal-comma.csv",
            &["第 2 行", "教学及辅助用房面积", "“7018,8”"],
        ),
        (
            "csv-enrolment-1e308.csv",
            &["第 2 行", "小学在校生数", "“1e308”", "上限 100000"],
        ),
        ("csv-enrolment-negative.csv", &["第 2 行", "“-1450”是负数"]),
        (
            "xlsx-enrolment-1e308.xlsx",
            &["工作表“Sheet1”", "G 列", "“1e308”"],
        ),
        (
            "xlsx-A1-and-XFD20000.xlsx",
            &["第 20000 行", "XFD 列", "多出 1 个单元格"],
        ),
        ("xlsx-cell-at-XFD1048576.xlsx", &["第 1048576 行", "XFD 列"]),
        ("xlsx-row-4000000000.xlsx", &["超出工作表的范围"]),
        ("xlsx-column-ZZZZZZ.xlsx", &["超出工作表的范围"]),
        (
            "xlsx-sharedstrings-count-1e10.xlsx",
            &["声明了 10000000000 个字符串"],
        ),
        (
            "xlsx-sharedstrings-count-u64max.xlsx",
            &["声明了 18446744073709551615 个字符串"],
        ),
        ("xlsx-veryhidden-only.xlsx", &["没有可见的工作表"]),
        ("ods-repeated-10000x1000.ods", &["ODS", "4000000"]),
        ("ods-repeated-1e9x1e6.ods", &["ODS", "4000000"]),
        ("json-own-key-per-record.json", &["1001 列", "超过 1000 列"]),
        ("json-number-1e400.json", &["number out of range"]),
        ("json-deep-nesting.json", &["recursion limit"]),
        ("csv-nul-bytes.csv", &["不是文本表格文件"]),
        // A change that would be ignored, a misspelt key, a value that is not a number.
        (
            "scenario-set-primary-on-junior.json",
            &["第 1 项变更", "J01 是初中"],
        ),
        ("scenario-misspelt-key.json", &["ammount", "amount"]),
        ("scenario-nan.json", &["line 1 column 82"]),
    ];
    for (name, needles) in cases {
        let (code, _, err) = evaluate(name, &[]);
        assert_eq!(code, 2, "{name} is refused:\n{err}");
        for n in *needles {
            assert!(err.contains(n), "{name}: «{n}» not in:\n{err}");
        }
    }
}

/// Files that are messy but can be read exactly are read, and what was done is said.
#[test]
fn messy_but_exact_files_are_read_and_said_so() {
    // A short GBK file whose only Chinese is 学校: GBK, not Cyrillic; the worked example's first
    // two schools evaluated as such.
    let (code, out, err) = evaluate("csv-gbk-short.csv", &["--json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let names: Vec<&str> = v["units"]
        .as_array()
        .expect("units")
        .iter()
        .filter_map(|u| u["name"].as_str())
        .collect();
    assert!(names.contains(&"学校"), "{names:?}");
    let (_, table, _) = evaluate("csv-gbk-short.csv", &[]);
    assert!(table.contains("GBK/GB18030"), "{table}");
    // A hidden first sheet (its school has 9,999 students) is passed over for the visible one,
    // which is named.
    let (code, out, err) = evaluate("xlsx-hidden-first-sheet.xlsx", &["--json"]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("隐藏表里的学校"), "the hidden sheet was read");
    assert!(out.contains("城关第一小学"));
    let (_, table, _) = evaluate("xlsx-hidden-first-sheet.xlsx", &[]);
    assert!(table.contains("工作表“可见”"), "{table}");
    // A formula whose saved result is 0: read as 0, with the cell named.
    let (code, _, err) = evaluate("xlsx-stale-formula.xlsx", &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("第 2 行 G 列") && err.contains("=SUM(ZZ1:ZZ9)"),
        "{err}"
    );
    // A declared dimension of the whole sheet, with one school in it: the school.
    let (code, out, err) = evaluate("xlsx-dimension-lies.xlsx", &["--json"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("城关第一小学"));
}
