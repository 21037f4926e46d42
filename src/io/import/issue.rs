//! Located problems: what is wrong, in which file, sheet, row, column and value, in words a
//! planner can act on.

use super::*;
use crate::model::{Field, Level, SchoolKind};

/// How a row is counted in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A spreadsheet or CSV row, 1-based as the user sees it (the header is row 1 when it is first).
    Row,
    /// The n-th object of a JSON array, 1-based.
    Record,
}

/// What is too long, with [`IssueKind::TooLong`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Long {
    /// One cell (Excel's own limit is 32,767 characters; the limit is in bytes).
    Cell,
    /// One CSV record (a row, with any line breaks inside quotes).
    Record,
}

/// What is wrong.
#[derive(Debug, Clone, PartialEq)]
pub enum IssueKind {
    /// The file could not be read at all.
    Unreadable(String),
    /// The file holds nothing.
    Empty,
    /// The file is not text and not a spreadsheet.
    Binary,
    /// A spreadsheet that calamine could not open, or a sheet that is not there.
    BadSpreadsheet(String),
    /// JSON that is not an array of objects.
    BadJson(String),
    /// No row near the top names the school id and name columns.
    NoHeader,
    /// A column the mapping names is not in the file.
    MappedColumnMissing(String),
    /// A required column is not in the file.
    MissingColumn {
        key: &'static str,
        header: &'static str,
    },
    /// A column needed by some schools is not in the file.
    MissingFieldColumn { field: Field, schools: usize },
    /// Two columns map to the same field.
    DuplicateColumn { first: String },
    /// A number column holds something else.
    NotANumber,
    /// A number with a comma that may be a thousands separator or a decimal comma ("7018,8").
    AmbiguousComma,
    /// A value beyond what any school has (more than 100,000 students, 10 km² of ground…).
    Absurd { max: f64 },
    /// More problems than are listed.
    MoreProblems { shown: usize, total: usize },
    /// More columns than any school table has.
    TooManyColumns { count: usize, limit: usize },
    /// The file is larger than any school data file (the limit in bytes).
    TooLarge { limit: u64 },
    /// A school in several tables with two values for one field: the other place and value.
    Conflict { other: String },
    /// A school whose tables together lack a value its sections need.
    Incomplete { field: Field },
    /// More school rows than the limit (`--max-rows` raises it).
    TooManyRows { limit: usize },
    /// A cell, or a CSV record, longer than any school table has (an unclosed quote, say); the
    /// limit in bytes.
    TooLong { what: Long, limit: usize },
    /// A count or area is negative.
    Negative,
    /// A count (students, teachers, rooms) is not a whole number.
    NotWhole,
    /// The kind is not one of the six.
    UnknownKind,
    /// 城乡分类 is not one of the three.
    UnknownLocation,
    /// The school id is used twice.
    DuplicateId { first_row: usize },
    /// A required cell is empty.
    EmptyRequired,
    /// A count is given for a section the school's kind does not have.
    WrongSection { kind: SchoolKind },
    /// A row has more filled cells than the header has columns: its values may have shifted
    /// (an unquoted "1,104" in a CSV), so none of them can be trusted.
    ExtraCells { count: usize, header_columns: usize },
    /// Enrolment by grade that does not add up to the section's students (DATA-FORMAT §1).
    GradeSum { level: Level, sum: f64 },
}

/// One located problem.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    /// The file name as the user named it.
    pub file: String,
    pub sheet: Option<String>,
    pub row: Option<usize>,
    pub row_kind: RowKind,
    /// The column header as written in the file (or the expected header for a missing column).
    pub column: Option<String>,
    /// The spreadsheet column letters, where there are any.
    pub column_letters: Option<String>,
    pub value: Option<String>,
    pub kind: IssueKind,
}

impl Issue {
    pub(crate) fn file_level(file: &str, kind: IssueKind) -> Issue {
        Issue {
            file: file.to_string(),
            sheet: None,
            row: None,
            row_kind: RowKind::Row,
            column: None,
            column_letters: None,
            value: None,
            kind,
        }
    }

    fn what(&self, zh: bool) -> String {
        let v = self.value.as_deref().unwrap_or("");
        match (&self.kind, zh) {
            (IssueKind::Unreadable(e), true) => format!("无法读取文件：{e}"),
            (IssueKind::Unreadable(e), false) => format!("cannot read the file: {e}"),
            (IssueKind::Empty, true) => "文件是空的，没有任何数据".into(),
            (IssueKind::Empty, false) => "the file is empty".into(),
            (IssueKind::Binary, true) => {
                "这不是文本表格文件（CSV），也不是 Excel/WPS 表格；请另存为 .xlsx 或 .csv 再导入".into()
            }
            (IssueKind::Binary, false) => {
                "this is neither a text (CSV) file nor a spreadsheet; save it as .xlsx or .csv".into()
            }
            (IssueKind::BadSpreadsheet(e), true) => format!("无法打开表格：{e}"),
            (IssueKind::BadSpreadsheet(e), false) => format!("cannot open the spreadsheet: {e}"),
            (IssueKind::BadJson(e), true) => format!("JSON 应为学校对象的数组：{e}"),
            (IssueKind::BadJson(e), false) => {
                format!("the JSON should be an array of school objects: {e}")
            }
            (IssueKind::NoHeader, true) => format!(
                "前 {HEADER_SEARCH_ROWS} 行中找不到表头：需要一行同时含有“学校标识码”和“学校名称”（或 school_id 和 name）"
            ),
            (IssueKind::NoHeader, false) => format!(
                "no header row in the first {HEADER_SEARCH_ROWS} rows: one row must name both school_id and name (学校标识码, 学校名称)"
            ),
            (IssueKind::MappedColumnMissing(h), true) => {
                format!("列对应关系中的列“{h}”在文件中找不到")
            }
            (IssueKind::MappedColumnMissing(h), false) => {
                format!("the mapping's column \"{h}\" is not in the file")
            }
            (IssueKind::MissingColumn { key, header }, true) => {
                format!("缺少必需的列“{header}”（{key}）")
            }
            (IssueKind::MissingColumn { key, header }, false) => {
                format!("the required column \"{key}\" ({header}) is missing")
            }
            (IssueKind::MissingFieldColumn { field, schools }, true) => format!(
                "缺少列“{}”（{}）：有 {schools} 所学校需要它",
                field.zh_headers()[0],
                field.key()
            ),
            (IssueKind::MissingFieldColumn { field, schools }, false) => format!(
                "the column \"{}\" ({}) is missing: {schools} school(s) need it",
                field.key(),
                field.zh_headers()[0]
            ),
            (IssueKind::DuplicateColumn { first }, true) => {
                format!("与列“{first}”是同一项数据，重复了；请删除其中一列")
            }
            (IssueKind::DuplicateColumn { first }, false) => {
                format!("holds the same data as the column \"{first}\"; remove one of them")
            }
            (IssueKind::NotANumber, true) => format!("“{v}”不是数字"),
            (IssueKind::NotANumber, false) => format!("\"{v}\" is not a number"),
            (IssueKind::Negative, true) => format!("“{v}”是负数，应为 0 或正数"),
            (IssueKind::Negative, false) => format!("\"{v}\" is negative; expected 0 or more"),
            (IssueKind::NotWhole, true) => format!("“{v}”应为整数（人数、间数、班数）"),
            (IssueKind::NotWhole, false) => {
                format!("\"{v}\" should be a whole number (a count of people, rooms or classes)")
            }
            (IssueKind::UnknownKind, true) => format!(
                "“{v}”不是已知的学校类型；应为：小学、初中、九年一贯制、完全中学、十二年一贯制、教学点"
            ),
            (IssueKind::UnknownKind, false) => format!(
                "\"{v}\" is not a school kind; expected primary, junior, nine_year, complete_secondary, twelve_year or teaching_point"
            ),
            (IssueKind::UnknownLocation, true) => {
                format!("“{v}”不是已知的城乡分类；应为：城区、镇区、乡村")
            }
            (IssueKind::UnknownLocation, false) => {
                format!("\"{v}\" is not a location; expected urban, town or rural")
            }
            (IssueKind::DuplicateId { first_row }, true) => {
                format!("学校标识码“{v}”重复，第 {first_row} 行已用过")
            }
            (IssueKind::DuplicateId { first_row }, false) => {
                format!("the school id \"{v}\" is used twice; row {first_row} has it already")
            }
            (IssueKind::TooManyColumns { count, limit }, true) => format!(
                "表格至少有 {count} 列，超过 {limit} 列：不是学校数据表（模板约 40 列）"
            ),
            (IssueKind::TooManyColumns { count, limit }, false) => format!(
                "the table has at least {count} columns, more than {limit}: not a school table (the template has about 40)"
            ),
            (IssueKind::MoreProblems { shown, total }, true) => {
                format!("共 {total} 处问题，以上列出前 {shown} 处")
            }
            (IssueKind::MoreProblems { shown, total }, false) => {
                format!("{total} problems in all; the first {shown} are listed")
            }
            (IssueKind::Conflict { other }, true) => format!(
                "同一所学校在两个表中的值不同：此处是“{v}”，{other}：请改正其中一处"
            ),
            (IssueKind::Conflict { other }, false) => format!(
                "the same school has two values: \"{v}\" here, {other}: correct one of them"
            ),
            (IssueKind::Incomplete { field }, true) => format!(
                "学校“{v}”缺少“{}”：所有表中都没有这一项",
                field.zh_headers()[0]
            ),
            (IssueKind::Incomplete { field }, false) => format!(
                "school \"{v}\" lacks {}: none of the tables gives it",
                field.key()
            ),
            (IssueKind::TooManyRows { limit }, true) => format!(
                "超过 {limit} 行学校数据，已停止读取：一个县或一个省的学校表不会这么多；如确需读取更多，请在命令行加 --max-rows N"
            ),
            (IssueKind::TooManyRows { limit }, false) => format!(
                "more than {limit} rows of schools; reading stopped: no county's or province's table is that long; to read more, give --max-rows N on the command line"
            ),
            (IssueKind::TooLong { what, limit }, true) => format!(
                "{}超过 {} KB，不是学校数据（可能是没有闭合的引号）",
                match what { Long::Cell => "这个单元格", Long::Record => "这一行" },
                limit / 1024
            ),
            (IssueKind::TooLong { what, limit }, false) => format!(
                "{} is over {} KB: not school data (an unclosed quote, perhaps)",
                match what { Long::Cell => "this cell", Long::Record => "this row" },
                limit / 1024
            ),
            (IssueKind::TooLarge { limit }, true) => format!(
                "文件超过 {} MB，不是学校数据文件（20 万所学校的 CSV 约 15 MB）",
                limit / 1_000_000
            ),
            (IssueKind::TooLarge { limit }, false) => format!(
                "the file is over {} MB: not a school data file (200,000 schools are about 15 MB as CSV)",
                limit / 1_000_000
            ),
            (IssueKind::Absurd { max }, true) => format!(
                "“{v}”超出任何一所学校可能的数值（上限 {}）：请检查单位和位数",
                crate::format::as_typed(*max)
            ),
            (IssueKind::Absurd { max }, false) => format!(
                "\"{v}\" is beyond what any school has (at most {}): check the unit and the digits",
                crate::format::as_typed(*max)
            ),
            (IssueKind::AmbiguousComma, true) => format!(
                "“{v}”中的逗号含义不明（千位分隔符还是小数点？）：小数请用小数点（如 7018.8），千位分隔符只能分隔三位数字（如 1,234）"
            ),
            (IssueKind::AmbiguousComma, false) => format!(
                "the comma in \"{v}\" is ambiguous (thousands or decimal?): write decimals with a point (7018.8); a thousands comma must separate groups of three digits (1,234)"
            ),
            (IssueKind::GradeSum { level, sum }, true) => format!(
                "{}各年级在校生数之和为 {}，与{}在校生数不一致",
                level.zh(),
                crate::format::thousands(*sum),
                level.zh()
            ),
            (IssueKind::GradeSum { level, sum }, false) => format!(
                "the {} grades add up to {}, not to the section's students",
                level.en(),
                crate::format::thousands(*sum)
            ),
            (IssueKind::EmptyRequired, true) => "此项不能为空".into(),
            (IssueKind::EmptyRequired, false) => "this cell must not be empty".into(),
            (IssueKind::WrongSection { kind }, true) => {
                format!("学校类型为“{}”，没有这个学段，但填了“{v}”", kind.zh())
            }
            (IssueKind::WrongSection { kind }, false) => {
                format!("a {} has no such section, but the cell holds \"{v}\"", kind.en())
            }
            (IssueKind::ExtraCells { count, header_columns }, true) => format!(
                "此行比表头（{header_columns} 列）多出 {count} 个单元格（第一个是“{v}”）：后面的数可能已错位，例如数字里没加引号的千位逗号“1,104”；请改正后重新导入"
            ),
            (IssueKind::ExtraCells { count, header_columns }, false) => format!(
                "this row has {count} more cell(s) than the header's {header_columns} columns (the first holds \"{v}\"): its values may have shifted, e.g. an unquoted thousands comma in \"1,104\"; fix the file and import it again"
            ),
        }
    }

    /// The whole message in Chinese or English: where, then what.
    pub fn message(&self, zh: bool) -> String {
        let mut at = Vec::new();
        if let Some(sheet) = &self.sheet {
            at.push(if zh {
                format!("工作表“{sheet}”")
            } else {
                format!("sheet \"{sheet}\"")
            });
        }
        if let Some(row) = self.row {
            at.push(match (self.row_kind, zh) {
                (RowKind::Row, true) => format!("第 {row} 行"),
                (RowKind::Row, false) => format!("row {row}"),
                (RowKind::Record, true) => format!("第 {row} 条记录"),
                (RowKind::Record, false) => format!("record {row}"),
            });
        }
        if let Some(col) = &self.column {
            let letters = self
                .column_letters
                .as_ref()
                .map(|l| {
                    if zh {
                        format!("（{l} 列）")
                    } else {
                        format!(" ({l})")
                    }
                })
                .unwrap_or_default();
            at.push(if zh {
                format!("列“{col}”{letters}")
            } else {
                format!("column \"{col}\"{letters}")
            });
        } else if let Some(l) = &self.column_letters {
            at.push(if zh {
                format!("{l} 列")
            } else {
                format!("column {l}")
            });
        }
        let (colon, sep) = if zh { ("：", "，") } else { (": ", ", ") };
        if at.is_empty() {
            format!("{}{colon}{}", self.file, self.what(zh))
        } else {
            format!(
                "{}{colon}{}{colon}{}",
                self.file,
                at.join(sep),
                self.what(zh)
            )
        }
    }
}

impl std::fmt::Display for Issue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(true))
    }
}

/// An import that failed, with every problem found.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportError {
    pub issues: Vec<Issue>,
}

impl ImportError {
    /// A failed import with one problem about the whole file.
    pub(crate) fn of_file(file: &str, kind: IssueKind) -> ImportError {
        ImportError {
            issues: vec![Issue::file_level(file, kind)],
        }
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "导入失败，共 {} 处问题：", self.issues.len())?;
        for i in &self.issues {
            writeln!(f, "  {i}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ImportError {}
