//! The intake table of a timeline (`--intake`, DATA-FORMAT §5): columns `school_id`, `year`,
//! `grade_1` and/or `grade_7` (or 学校标识码, 年份, 一年级, 七年级), as .csv (UTF-8 or GBK) or a
//! workbook's first sheet. Every problem is refused with its row, column and value.

use crate::timeline::Intake;
use std::path::Path;

/// The largest intake table read (a county's schools × years is a few thousand rows).
const MAX_BYTES: u64 = 20 * 1024 * 1024;

#[derive(Clone, Copy, PartialEq)]
enum Col {
    Id,
    Year,
    Grade1,
    Grade7,
}

fn column_of(header: &str) -> Option<Col> {
    let h: String = header
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    match h.as_str() {
        "school_id" | "学校标识码" | "学校代码" | "学校编号" => Some(Col::Id),
        "year" | "年份" | "年度" | "学年" => Some(Col::Year),
        "grade_1" | "一年级" | "一年级招生数" | "一年级在校生数" | "一年级人数" => {
            Some(Col::Grade1)
        }
        "grade_7" | "七年级" | "初一" | "七年级招生数" | "七年级在校生数" | "七年级人数" => {
            Some(Col::Grade7)
        }
        _ => None,
    }
}

/// The table's rows as text, header first.
fn rows(path: &Path, file: &str) -> Result<Vec<Vec<String>>, String> {
    let bytes = crate::io::import::read_at_most(path, MAX_BYTES)
        .map_err(|e| format!("{file}：{}", crate::io::import::io_reason(&e)))?
        .ok_or_else(|| {
            format!(
                "{file}：文件超过 {} MB，不是招生表 / larger than any intake table",
                MAX_BYTES / 1024 / 1024
            )
        })?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if matches!(ext.as_str(), "xlsx" | "xls" | "ods") {
        use calamine::Reader;
        let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
            .map_err(|e| format!("{file}：无法读取工作簿 / cannot read the workbook: {e}"))?;
        let first = wb
            .sheet_names()
            .first()
            .cloned()
            .ok_or_else(|| format!("{file}：没有工作表 / no sheet"))?;
        let range = wb
            .worksheet_range(&first)
            .map_err(|e| format!("{file}：{e}"))?;
        return Ok(range
            .rows()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect());
    }
    let (text, _) = crate::io::decode_text(&bytes)
        .map_err(|_| format!("{file}：不是文本文件 / not a text file"))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for (i, r) in reader.records().enumerate() {
        let r = r.map_err(|e| format!("{file}：第 {} 行：{e}", i + 1))?;
        out.push(r.iter().map(str::to_string).collect());
    }
    Ok(out)
}

/// Reads an intake table.
pub fn load_intake(path: &Path) -> Result<Intake, String> {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let rows = rows(path, &file)?;
    let Some(header) = rows.first() else {
        return Err(format!("{file}：文件是空的 / the file is empty"));
    };
    let cols: Vec<Option<Col>> = header.iter().map(|h| column_of(h)).collect();
    let find = |c: Col| cols.iter().position(|x| *x == Some(c));
    let (Some(id), Some(year)) = (find(Col::Id), find(Col::Year)) else {
        return Err(format!(
            "{file}：第 1 行应有 school_id（学校标识码）和 year（年份）列 / the header needs school_id and year"
        ));
    };
    let (g1, g7) = (find(Col::Grade1), find(Col::Grade7));
    if g1.is_none() && g7.is_none() {
        return Err(format!(
            "{file}：第 1 行应有 grade_1（一年级）或 grade_7（七年级）列 / the header needs grade_1 or grade_7"
        ));
    }
    let mut intake = Intake::default();
    for (r, row) in rows.iter().enumerate().skip(1) {
        let cell = |c: usize| row.get(c).map(|s| s.trim()).unwrap_or("");
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let at = |c: usize, what: &str| {
            format!(
                "{file}：第 {} 行，列“{}”：“{}”{what}",
                r + 1,
                header.get(c).map(String::as_str).unwrap_or(""),
                cell(c)
            )
        };
        let school = cell(id);
        if school.is_empty() {
            return Err(at(id, "不能为空 / must not be empty"));
        }
        let y = cell(year)
            .parse::<f64>()
            .ok()
            .filter(|y| y.fract() == 0.0 && (1900.0..=2200.0).contains(y))
            .ok_or_else(|| at(year, "不是 1900–2200 的年份 / is not a year"))?;
        let number = |c: Option<usize>| -> Result<Option<f64>, String> {
            let Some(c) = c else { return Ok(None) };
            let t = cell(c);
            if t.is_empty() {
                return Ok(None);
            }
            t.replace(',', "")
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite() && (0.0..=1e5).contains(v))
                .map(Some)
                .ok_or_else(|| at(c, "不是 0–100,000 的人数 / is not a number of students"))
        };
        let entry = (number(g1)?, number(g7)?);
        if intake
            .entries
            .insert((school.to_string(), y as i32), entry)
            .is_some()
        {
            return Err(at(
                id,
                &format!("在 {} 年出现两次 / appears twice for that year", y as i32),
            ));
        }
    }
    Ok(intake)
}
