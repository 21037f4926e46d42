//! The real binary: `evaluate --json` prints DATA-FORMAT.md §3, bad input exits 2 with located
//! messages, `template` writes a workbook that reads back, the sample county evaluates.

use calamine::{open_workbook_auto, Data, Reader};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn junheng(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_junheng"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Runs a command that must be refused with exit 2; returns what it printed to standard error.
fn refused(args: &[&str]) -> String {
    let out = junheng(args);
    assert_eq!(out.status.code(), Some(2), "{args:?} exits 2");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json_of(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

#[test]
fn evaluate_sample_json_has_the_contract_shape_and_figures() {
    let v = json_of(&junheng(&["evaluate", "--sample", "--json"]));
    let top: Vec<&str> = v
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        top,
        [
            "standard",
            "units",
            "excluded",
            "cv",
            "summary",
            "guarantee",
            "quality",
            "recognition",
            "veto",
            "verdict"
        ],
        "DATA-FORMAT §3's sections, then the whole standard's"
    );
    assert_eq!(v["verdict"]["recognised"], false);
    assert_eq!(
        v["verdict"]["areas"]["resource_allocation"]["passes"],
        false
    );
    assert_eq!(v["verdict"]["areas"]["veto"]["total"], 6);
    let s01 = v["guarantee"]["schools"]
        .as_array()
        .expect("schools")
        .iter()
        .find(|s| s["school_id"] == "S01")
        .expect("S01");
    assert_eq!(s01["items"]["class_size"]["met"], false);
    assert_eq!(
        s01["items"]["class_size"]["lacks"][0],
        "小学最大班额 52 > 45，需增设 3 个班"
    );
    assert_eq!(v["veto"]["items"]["v06_falsified"]["status"], "missing");
    assert_eq!(
        v["recognition"]["items"]["r01_recognition"]["threshold"],
        85.0
    );
    assert_eq!(v["standard"], "national-2017");
    let units = v["units"].as_array().expect("units");
    assert_eq!(
        units.len(),
        16,
        "10 primary + 4 junior + a nine-year school's two sections"
    );
    let u = &units[0];
    let keys: Vec<&str> = u
        .as_object()
        .expect("unit")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "school_id",
            "name",
            "section",
            "students",
            "indicators",
            "met_count",
            "passes"
        ]
    );
    assert_eq!(u["school_id"], "S01");
    assert_eq!(u["section"], "primary");
    assert_eq!(u["students"], 1450.0);
    let inds: Vec<&str> = u["indicators"]
        .as_object()
        .expect("indicators")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        inds,
        [
            "qualified_teachers_per_100",
            "backbone_teachers_per_100",
            "pe_art_teachers_per_100",
            "teaching_area_per_student",
            "sports_area_per_student",
            "equipment_value_per_student",
            "multimedia_rooms_per_100"
        ]
    );
    let q = &u["indicators"]["qualified_teachers_per_100"];
    assert_eq!(q["threshold"], 4.2);
    assert!((q["value"].as_f64().expect("value") - 74.0 / 1450.0 * 100.0).abs() < 1e-12);
    assert_eq!(q["met"], true);

    assert_eq!(
        v["summary"]["primary"],
        serde_json::json!({"units": 11, "passing": 7, "cv_met": 6})
    );
    assert_eq!(
        v["summary"]["junior"],
        serde_json::json!({"units": 5, "passing": 4, "cv_met": 7})
    );
    assert_eq!(v["summary"]["resource_allocation_met"], false);
    let sports = &v["cv"]["primary"]["sports_area_per_student"];
    assert_eq!(sports["limit"], 0.5);
    assert_eq!(sports["met"], false);
    // Recompute the CV from the printed units with the formula written out here.
    let pairs: Vec<(f64, f64)> = units
        .iter()
        .filter(|u| u["section"] == "primary")
        .map(|u| {
            let p = u["students"].as_f64().expect("students");
            (
                p,
                u["indicators"]["sports_area_per_student"]["value"]
                    .as_f64()
                    .expect("value"),
            )
        })
        .collect();
    let total: f64 = pairs.iter().map(|(p, _)| p).sum();
    let mean = pairs.iter().map(|(p, x)| p * x).sum::<f64>() / total;
    let sd = (pairs
        .iter()
        .map(|(p, x)| p / total * (x - mean).powi(2))
        .sum::<f64>())
    .sqrt();
    assert!((sports["mean"].as_f64().expect("mean") - mean).abs() < 1e-12);
    assert!((sports["sd"].as_f64().expect("sd") - sd).abs() < 1e-12);
    assert!((sports["cv"].as_f64().expect("cv") - sd / mean).abs() < 1e-12);
    assert_eq!(
        format!("{:.4}", sports["cv"].as_f64().expect("cv")),
        "0.5360"
    );
    assert_eq!(v["cv"]["junior"]["backbone_teachers_per_100"]["met"], true);
    assert_eq!(v["excluded"][0]["school_id"], "T04");
    assert_eq!(
        v["excluded"][0]["reason"],
        "teaching point without parent_id"
    );
}

#[test]
fn evaluate_prints_a_readable_chinese_table() {
    let out = junheng(&["evaluate", "--sample"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        text.contains("小学：11 个评估单元，7 个达标；差异系数 6/7 项达标"),
        "{text}"
    );
    assert!(text.contains("资源配置：未达标"));
    let sports_line = text
        .lines()
        .find(|l| l.starts_with("小学") && l.contains("生均体育运动场馆面积"))
        .expect("the primary sports CV line");
    assert!(
        sports_line.contains("0.536") && sports_line.contains("超限"),
        "{sports_line}"
    );
    let s10 = text
        .lines()
        .find(|l| l.starts_with("S10"))
        .expect("S10 row");
    assert!(s10.contains("0/7") && s10.contains("未达标"), "{s10}");
    let en = String::from_utf8(junheng(&["evaluate", "--sample", "--lang", "en"]).stdout)
        .expect("utf-8");
    assert!(en.contains("Resource allocation: NOT MET"));
}

#[test]
fn bad_input_exits_2_with_every_located_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("坏数据.csv");
    std::fs::write(
        &path,
        "学校标识码,学校名称,学校类型,小学在校生数\nS1,一小,小学,三百\nS1,二小,大学,200\n",
    )
    .expect("write");
    let out = junheng(&["evaluate", path.to_str().expect("utf-8 path"), "--json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "no JSON on failure");
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert!(
        err.contains("坏数据.csv：第 2 行，列“小学在校生数”：“三百”不是数字"),
        "{err}"
    );
    assert!(
        err.contains("第 3 行，列“学校标识码”：学校标识码“S1”重复，第 2 行已用过"),
        "{err}"
    );
    assert!(
        err.contains("第 3 行，列“学校类型”：“大学”不是已知的学校类型"),
        "{err}"
    );

    let empty = dir.path().join("empty.xlsx");
    std::fs::write(&empty, b"").expect("write");
    let out = junheng(&["evaluate", empty.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("文件是空的"));

    let out = junheng(&["evaluate", "/no/such/file.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("无法读取文件"));
}

#[test]
fn a_users_standard_file_is_checked_and_used() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = include_str!("../assets/standards/national-2017.json");
    let mut def: Value = serde_json::from_str(text).expect("json");
    // A province that tightens the primary sports CV limit: nothing else changes.
    def["id"] = "province-variant".into();
    def["cv"]["limit"]["primary"] = 0.30.into();
    let path = dir.path().join("province.json");
    std::fs::write(&path, def.to_string()).expect("write");
    let v = json_of(&junheng(&[
        "evaluate",
        "--sample",
        "--json",
        "--standard",
        path.to_str().expect("path"),
    ]));
    assert_eq!(v["standard"], "province-variant");
    assert_eq!(
        v["cv"]["primary"]["backbone_teachers_per_100"]["limit"],
        0.3
    );
    assert_eq!(
        v["cv"]["primary"]["backbone_teachers_per_100"]["met"],
        false
    );

    def["indicators"][1]["numerator"]["primary"] = serde_json::json!(["backbone_junior"]);
    def["school_rule"]["floor_ratio"] = 1.5.into();
    std::fs::write(&path, def.to_string()).expect("write");
    let out = junheng(&[
        "evaluate",
        "--sample",
        "--standard",
        path.to_str().expect("path"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("numerator.primary names \"backbone_junior\", a field of another section"),
        "{err}"
    );
    assert!(
        err.contains("school_rule.floor_ratio must be between 0 and 1, not 1.5"),
        "{err}"
    );

    let out = junheng(&["evaluate", "--sample", "--standard", "national-2099"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("national-2017"));
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

#[test]
fn template_writes_headers_units_and_an_explanation_sheet() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("模板.xlsx");
    let out = junheng(&["template", "--out", path.to_str().expect("path")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // 学校类型 (column C) is chosen from a list.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).expect("file")).expect("a zip");
    let mut sheet = String::new();
    std::io::Read::read_to_string(
        &mut zip
            .by_name("xl/worksheets/sheet1.xml")
            .expect("the data sheet"),
        &mut sheet,
    )
    .expect("xml");
    assert!(
        sheet.contains(r#"type="list""#) && sheet.contains(r#"sqref="C3:C5002""#),
        "a drop-down for the kind"
    );
    assert!(sheet.contains("小学,初中,九年一贯制,完全中学,十二年一贯制,教学点"));
    let mut wb = open_workbook_auto(&path).expect("opens");
    assert_eq!(wb.sheet_names(), ["学校数据", "填表说明"]);
    let data = wb.worksheet_range("学校数据").expect("data sheet");
    let header: Vec<String> = data
        .rows()
        .next()
        .expect("header")
        .iter()
        .map(cell_text)
        .collect();
    assert_eq!(header[0], "学校标识码");
    assert_eq!(header[1], "学校名称");
    assert!(header.contains(&"教学仪器设备值".to_string()));
    assert!(header.contains(&"小学县级及以上骨干教师数".to_string()));
    assert_eq!(header.len(), 8 + junheng::Field::ALL.len());
    assert_eq!(header[6], "县区");
    assert_eq!(header[7], "对口初中");
    assert!(header.contains(&"一年级在校生数".to_string()));
    assert!(header.contains(&"九年级在校生数".to_string()));
    let units: Vec<String> = data
        .rows()
        .nth(1)
        .expect("units")
        .iter()
        .map(cell_text)
        .collect();
    let eq = header
        .iter()
        .position(|h| h == "教学仪器设备值")
        .expect("column");
    assert_eq!(units[eq], "元");
    assert_eq!(units[0], "文本");
    let help = wb.worksheet_range("填表说明").expect("help sheet");
    let rows: Vec<Vec<String>> = help
        .rows()
        .map(|r| r.iter().map(cell_text).collect())
        .collect();
    assert_eq!(rows[0][0], "列名");
    let eq_row = rows
        .iter()
        .find(|r| r[1] == "equipment_value_yuan")
        .expect("explained");
    assert!(eq_row[3].contains("万元"));

    // The empty template imports as "no schools", and a filled one loads.
    let out = junheng(&["evaluate", path.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("文件是空的"));
    let filled = fill_template(&path, dir.path());
    let v = json_of(&junheng(&[
        "evaluate",
        filled.to_str().expect("path"),
        "--json",
    ]));
    assert_eq!(v["units"][0]["school_id"], "X1");
    assert_eq!(v["units"][0]["passes"], true);
    assert!(
        (v["units"][0]["indicators"]["equipment_value_per_student"]["value"]
            .as_f64()
            .expect("v")
            - 2500.0)
            .abs()
            < 1e-9
    );
}

/// Writes the template's header and units rows plus one school, as a user would fill it.
fn fill_template(template: &Path, dir: &Path) -> std::path::PathBuf {
    let mut wb = open_workbook_auto(template).expect("opens");
    let data = wb.worksheet_range("学校数据").expect("sheet");
    let header: Vec<String> = data
        .rows()
        .next()
        .expect("h")
        .iter()
        .map(cell_text)
        .collect();
    let units: Vec<String> = data
        .rows()
        .nth(1)
        .expect("u")
        .iter()
        .map(cell_text)
        .collect();
    let mut out = rust_xlsxwriter::Workbook::new();
    let ws = out.add_worksheet();
    let value = |h: &str| -> Option<&str> {
        Some(match h {
            "学校标识码" => "X1",
            "学校名称" => "新学校",
            "学校类型" => "小学",
            "小学在校生数" => "400",
            "小学高于规定学历教师数" => "20",
            "小学县级及以上骨干教师数" => "5",
            "小学体育艺术专任教师数" => "4",
            "教学及辅助用房面积" => "2000",
            "体育运动场馆面积" => "3200",
            "教学仪器设备值" => "1000000",
            "网络多媒体教室数" => "10",
            _ => return None,
        })
    };
    for (c, h) in header.iter().enumerate() {
        let c = c as u16;
        ws.write_string(0, c, h).expect("w");
        ws.write_string(1, c, &units[c as usize]).expect("w");
        if let Some(v) = value(h) {
            match v.parse::<f64>() {
                Ok(n) => ws.write_number(2, c, n).map(|_| ()),
                Err(_) => ws.write_string(2, c, v).map(|_| ()),
            }
            .expect("w");
        }
    }
    let path = dir.join("filled.xlsx");
    out.save(&path).expect("save");
    path
}

#[test]
fn help_lists_the_subcommands() {
    let out = junheng(&["--help"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("evaluate") && text.contains("template"),
        "{text}"
    );
}

#[test]
fn evaluate_applies_a_scenario_file_or_a_projects_scenario() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = dir.path().join("方案A.json");
    std::fs::write(
        &s,
        r#"{"name": "2024 方案A", "changes": [
            {"op": "add", "school_id": "S02", "field": "backbone_primary", "amount": 2},
            {"op": "set", "school_id": "S02", "field": "sports_area_m2", "value": 9000}]}"#,
    )
    .expect("write");
    let v = json_of(&junheng(&[
        "evaluate",
        "--sample",
        "--scenario",
        s.to_str().expect("path"),
        "--json",
    ]));
    let s02 = v["units"]
        .as_array()
        .expect("units")
        .iter()
        .find(|u| u["school_id"] == "S02")
        .expect("S02");
    assert_eq!(s02["passes"], true);
    assert_eq!(v["summary"]["primary"]["passing"], 8);
    assert_eq!(v["scenario"]["name"], "2024 方案A");
    assert_eq!(v["scenario"]["cost"], 2.0 * 20_000.0 + 2_100.0 * 600.0);

    // The same scenario saved in a project, named.
    let data = junheng::sample::load(&junheng::Standard::national_2017())
        .expect("sample")
        .dataset;
    let mut project = junheng::project::Project::new(data, "2026-11-29T08:00:00Z".into());
    project.scenarios.push(
        junheng::scenario::Scenario::from_json(&std::fs::read_to_string(&s).expect("read"))
            .expect("parses"),
    );
    project.county.push(junheng::readiness::CountyEntry {
        key: "v01_exam_admission".into(),
        value: Some(1.0),
        evidence: "2024 年招生简章".into(),
    });
    let p = dir.path().join("县.junheng");
    junheng::store::save(&p, &project).expect("saves");
    let from_project = json_of(&junheng(&[
        "evaluate",
        p.to_str().expect("path"),
        "--scenario",
        "2024 方案A",
        "--json",
    ]));
    assert_eq!(from_project["units"], v["units"]);
    assert_eq!(from_project["cv"], v["cv"]);
    // The project's county items reach the JSON: a veto item that occurred.
    assert_eq!(
        from_project["veto"]["occurred"],
        serde_json::json!(["v01_exam_admission"])
    );
    assert_eq!(
        from_project["veto"]["items"]["v01_exam_admission"]["evidence"],
        "2024 年招生简章"
    );
    assert!(from_project["verdict"]["failing"]
        .as_array()
        .expect("failing")
        .iter()
        .any(|f| f == "一票否决：以考试方式招生"));
    // Every failing item is counted; in a county this small all are listed.
    assert_eq!(
        from_project["verdict"]["failing_total"].as_u64(),
        from_project["verdict"]["failing"]
            .as_array()
            .map(|a| a.len() as u64)
    );

    // A change that cannot apply: exit 2, named by position, nothing printed on stdout.
    std::fs::write(
        &s,
        r#"{"name": "坏方案", "changes": [
            {"op": "add", "school_id": "S02", "field": "backbone_primary", "amount": 2},
            {"op": "add", "school_id": "S99", "field": "backbone_primary", "amount": 1}]}"#,
    )
    .expect("write");
    let out = junheng(&[
        "evaluate",
        "--sample",
        "--scenario",
        s.to_str().expect("path"),
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "第 2 项变更无法应用：没有学校标识码为“S99”的学校"
    );
    let out = junheng(&[
        "evaluate",
        p.to_str().expect("path"),
        "--scenario",
        "没有这个方案",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("项目中没有名为“没有这个方案”的方案"));
}

/// Options the planner cannot use are refused with exit 2 and a reason, never a panic: a time
/// limit that is not a number, a unit cost beyond any real price.
#[test]
fn plan_refuses_a_time_limit_or_cost_it_cannot_use() {
    let dir = tempfile::tempdir().expect("tempdir");
    let costs = dir.path().join("costs.json");
    std::fs::write(&costs, r#"{"costs": {"backbone_primary": 20000}}"#).expect("write");
    let costs = costs.to_str().expect("utf-8 path");
    for limit in ["NaN", "inf", "-5", "0"] {
        let arg = format!("--time-limit={limit}");
        let err = refused(&["plan", "--sample", "--costs", costs, &arg]);
        assert!(err.contains("the time limit must be"), "{limit}: {err}");
    }
    let huge = dir.path().join("huge.json");
    std::fs::write(&huge, r#"{"costs": {"backbone_primary": 1e300}}"#).expect("write");
    let err = refused(&["plan", "--sample", "--costs", huge.to_str().expect("utf-8")]);
    assert!(err.contains("backbone_primary = 1e300"), "{err}");
}

/// A misspelt field in a cost file or a scenario is refused with the field it probably meant.
#[test]
fn misspelt_fields_are_refused_with_a_suggestion() {
    let dir = tempfile::tempdir().expect("tempdir");
    let costs = dir.path().join("costs.json");
    let costs_arg = costs.to_str().expect("utf-8");
    std::fs::write(&costs, r#"{"costs": {"backbone_primay": 20000}}"#).expect("write");
    let err = refused(&["plan", "--sample", "--costs", costs_arg]);
    assert!(err.contains("did you mean \"backbone_primary\""), "{err}");
    let sc = dir.path().join("s.json");
    std::fs::write(
        &sc,
        r#"{"name": "x", "changes": [{"op": "add", "school_id": "S01", "field": "sports_area", "amount": 100}]}"#,
    )
    .expect("write");
    let err = refused(&[
        "evaluate",
        "--sample",
        "--scenario",
        sc.to_str().expect("utf-8"),
    ]);
    assert!(err.contains("是否指“sports_area_m2”"), "{err}");
    // A key the cost file does not have is refused, not ignored.
    std::fs::write(
        &costs,
        r#"{"costs": {"backbone_primary": 20000}, "budget": 5}"#,
    )
    .expect("write");
    assert!(refused(&["plan", "--sample", "--costs", costs_arg]).contains("budget"));
}
