//! Matching column headers to fields: English keys or Chinese headers, tolerant of spaces,
//! full-width brackets and unit suffixes such as （平方米） or (万元).

use crate::model::Field;

/// A text column of the data file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextColumn {
    SchoolId,
    Name,
    Kind,
    ParentId,
    Township,
    Location,
    /// 县区: the county of a school in a file holding several (DATA-FORMAT §6).
    County,
    /// 对口初中: the junior school that takes a primary school's graduates (DATA-FORMAT §5).
    FeedsInto,
}

impl TextColumn {
    pub const ALL: [TextColumn; 8] = [
        TextColumn::SchoolId,
        TextColumn::Name,
        TextColumn::Kind,
        TextColumn::ParentId,
        TextColumn::Township,
        TextColumn::Location,
        TextColumn::County,
        TextColumn::FeedsInto,
    ];

    /// The English key.
    pub fn key(self) -> &'static str {
        match self {
            TextColumn::SchoolId => "school_id",
            TextColumn::Name => "name",
            TextColumn::Kind => "kind",
            TextColumn::ParentId => "parent_id",
            TextColumn::Township => "township",
            TextColumn::Location => "location",
            TextColumn::County => "county",
            TextColumn::FeedsInto => "feeds_into",
        }
    }

    /// Chinese headers; the first is written by the template.
    pub fn zh_headers(self) -> &'static [&'static str] {
        match self {
            TextColumn::SchoolId => &["学校标识码", "学校代码", "学校编号", "学校识别码", "标识码"],
            TextColumn::Name => &["学校名称", "学校名", "校名"],
            TextColumn::Kind => &["学校类型", "办学类型", "学校类别"],
            TextColumn::ParentId => &["所属学校标识码", "中心校", "所属中心校", "所属学校"],
            TextColumn::Township => &[
                "所属街道(乡镇)",
                "街道",
                "乡镇",
                "所属乡镇",
                "乡镇(街道)",
                "街道(乡镇)",
            ],
            TextColumn::Location => &["城乡分类", "城乡类型", "城乡属性"],
            TextColumn::County => &[
                "县区",
                "区县",
                "统计三级",
                "县(市、区)",
                "县(市,区)",
                "县市区",
                "所属县区",
                "所属区县",
            ],
            TextColumn::FeedsInto => &[
                "对口初中",
                "升入学校标识码",
                "对口初中学校标识码",
                "对口初中标识码",
                "对口学校",
            ],
        }
    }

    /// What the column means, in Chinese and English.
    pub fn doc(self) -> (&'static str, &'static str) {
        match self {
            TextColumn::SchoolId => ("学校标识码，全县唯一，必填", "Unique school id, required"),
            TextColumn::Name => ("学校名称，必填", "School name, required"),
            TextColumn::Kind => (
                "小学、初中、九年一贯制、完全中学、十二年一贯制、教学点（或 primary、junior、nine_year、complete_secondary、twelve_year、teaching_point），必填",
                "primary, junior, nine_year, complete_secondary, twelve_year or teaching_point (or the Chinese names), required",
            ),
            TextColumn::ParentId => (
                "教学点所属中心校的学校标识码；填写后教学点并入中心校评估",
                "A teaching point's central school id; the point is then evaluated as part of it",
            ),
            TextColumn::Township => ("所属街道或乡镇，可选", "Township, optional"),
            TextColumn::Location => ("城区、镇区或乡村，可选", "urban, town or rural, optional"),
            TextColumn::County => (
                "所属县区，可选；一个文件含多个县区时按县区分别评估",
                "County, optional; a file holding several counties is judged county by county",
            ),
            TextColumn::FeedsInto => (
                "小学毕业生升入的初中的学校标识码，可选；用于逐年推演七年级人数",
                "The school id of the junior school this school's graduates go to, optional; for projections",
            ),
        }
    }
}

/// What a column of the file is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ColumnKind {
    Text(TextColumn),
    /// A numeric field, with the factor that converts the file's unit (10,000 for 万元).
    Number(Field, f64),
    Unknown,
}

const UNIT_TOKENS: &[&str] = &[
    "万元",
    "元",
    "平方米",
    "㎡",
    "m²",
    "m2",
    "人",
    "名",
    "间",
    "个",
    "班",
    "所",
    "台",
    "册",
];

/// Folds full-width ASCII to half-width, other bracket styles to round brackets, drops white space
/// and lower-cases Latin letters.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '【' | '〔' | '〈' | '《' => '(',
            '】' | '〕' | '〉' | '》' => ')',
            _ => c,
        };
        let c = match c {
            '[' => '(',
            ']' => ')',
            _ => c,
        };
        if c.is_whitespace() || c == '\u{FEFF}' {
            continue;
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// Splits trailing unit groups off a folded header: `教学仪器设备值(万元)` → (`教学仪器设备值`, [`万元`]).
fn split_units(folded: &str) -> (String, Vec<String>) {
    let mut base = folded.to_string();
    let mut units = Vec::new();
    loop {
        if base.ends_with(')') {
            if let Some(open) = base.rfind('(') {
                let inner = base[open + 1..base.len() - 1].to_string();
                base.truncate(open);
                units.push(inner);
                continue;
            }
        }
        let trimmed = base.trim_end_matches(['/', '_', '-', ':', '：']);
        if trimmed.len() != base.len() {
            base = trimmed.to_string();
            continue;
        }
        break;
    }
    (base, units)
}

fn strip_unit_suffix(base: &str) -> Option<(String, String)> {
    UNIT_TOKENS.iter().find_map(|u| {
        base.strip_suffix(u).and_then(|rest| {
            let rest = rest.trim_end_matches(['/', '_', '-', ':', '：']);
            (!rest.is_empty()).then(|| (rest.to_string(), u.to_string()))
        })
    })
}

fn without_brackets(s: &str) -> String {
    s.chars().filter(|c| *c != '(' && *c != ')').collect()
}

fn lookup(base: &str) -> Option<ColumnKind> {
    let plain = base.replace(['_', '-'], "");
    for t in TextColumn::ALL {
        if t.key().replace('_', "") == plain
            || t.zh_headers()
                .iter()
                .any(|h| fold(h) == base || without_brackets(&fold(h)) == base)
        {
            return Some(ColumnKind::Text(t));
        }
    }
    for &f in Field::ALL {
        if f.key().replace('_', "") == plain
            || f.zh_headers()
                .iter()
                .any(|h| fold(h) == base || without_brackets(&fold(h)) == base)
        {
            return Some(ColumnKind::Number(f, 1.0));
        }
    }
    None
}

/// Whether a unit text means 万元 (ten thousand yuan).
pub fn is_wan_yuan(unit: &str) -> bool {
    let u = fold(unit);
    u == "万元" || u == "万" || u == "万元人民币"
}

/// Classifies one header cell.
pub fn classify(header: &str) -> ColumnKind {
    let folded = fold(header);
    if folded.is_empty() {
        return ColumnKind::Unknown;
    }
    if let Some(kind) = lookup(&folded) {
        return kind;
    }
    let (base, mut units) = split_units(&folded);
    let mut found = lookup(&base).or_else(|| lookup(&without_brackets(&base)));
    if found.is_none() {
        if let Some((rest, unit)) = strip_unit_suffix(&base) {
            found = lookup(&rest);
            units.push(unit);
        }
    }
    match found {
        Some(ColumnKind::Number(f, _)) => {
            let factor = if f == Field::EquipmentValueYuan && units.iter().any(|u| is_wan_yuan(u)) {
                10_000.0
            } else {
                1.0
            };
            ColumnKind::Number(f, factor)
        }
        Some(other) => other,
        None => ColumnKind::Unknown,
    }
}

/// Whether a cell of a units row (the row under the header in the template) names a unit.
pub fn is_unit_cell(text: &str) -> bool {
    let t = fold(text);
    let t = t.trim_start_matches('(').trim_end_matches(')');
    UNIT_TOKENS.contains(&t)
        || matches!(
            t,
            "单位" | "unit" | "units" | "文本" | "text" | "-" | "—" | "万元人民币"
        )
}

/// The spreadsheet column letters for a 0-based column index (0 → A, 26 → AA).
pub fn column_letters(mut index: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_headers_with_units_and_full_width_brackets() {
        assert_eq!(
            classify("教学仪器设备值（万元）"),
            ColumnKind::Number(Field::EquipmentValueYuan, 10_000.0)
        );
        assert_eq!(
            classify("教学仪器设备值(元)"),
            ColumnKind::Number(Field::EquipmentValueYuan, 1.0)
        );
        assert_eq!(
            classify(" 体育运动场（馆）面积 （平方米）"),
            ColumnKind::Number(Field::SportsAreaM2, 1.0)
        );
        assert_eq!(
            classify("教学及辅助用房面积㎡"),
            ColumnKind::Number(Field::TeachingAreaM2, 1.0)
        );
        assert_eq!(
            classify("教学仪器设备值/万元"),
            ColumnKind::Number(Field::EquipmentValueYuan, 10_000.0)
        );
        assert_eq!(
            classify("所属街道（乡镇）"),
            ColumnKind::Text(TextColumn::Township)
        );
        assert_eq!(
            classify("School_ID"),
            ColumnKind::Text(TextColumn::SchoolId)
        );
        assert_eq!(
            classify("students_primary"),
            ColumnKind::Number(Field::StudentsPrimary, 1.0)
        );
        assert_eq!(
            classify("小学 在校生数（人）"),
            ColumnKind::Number(Field::StudentsPrimary, 1.0)
        );
        assert_eq!(classify("备注"), ColumnKind::Unknown);
        assert_eq!(classify(""), ColumnKind::Unknown);
    }

    #[test]
    fn column_letters_match_spreadsheets() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }
}
