//! The statistics system's exports as they come (DATA-FORMAT.md §7): a header of several rows,
//! each merged over the columns below it, read as paths (`专任教师/按学历分/本科`); a table's level
//! from its sheet name, file name or title; the recognised paths mapped to fields; qualified and
//! PE/art teachers computed from the breakdowns where no count is given.

use crate::model::headers::{classify, fold, is_unit_cell, ColumnKind, TextColumn};
use crate::model::{Field, Level};

/// The most header rows read as one header.
const MAX_HEADER_ROWS: usize = 4;

/// A header laid out: for each column of the file its header (the path, as the file has it) and
/// what it is; then computed columns, each the sum of columns of the file.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Layout {
    pub headers: Vec<String>,
    pub kinds: Vec<ColumnKind>,
    /// For each computed column (after the file's own), the file's columns it adds up.
    pub sums: Vec<Vec<usize>>,
    /// How many rows the header takes (1: an ordinary one-row header).
    pub rows: usize,
    /// What was read in a way the user should know.
    pub notes: Vec<String>,
}

/// The level a table is of, from its sheet name, file name or title rows: the one of 小学 / 初中
/// named, if only one is.
pub(super) fn level_of<'a>(names: impl IntoIterator<Item = &'a str>) -> Option<Level> {
    for name in names {
        let primary = name.contains("小学");
        let junior = name.contains("初中") || name.contains("初级中学");
        match (primary, junior) {
            (true, false) => return Some(Level::Primary),
            (false, true) => return Some(Level::Junior),
            _ => {}
        }
    }
    None
}

/// Lays out a header: `rows` are the header row and those after it (as text), `level` the
/// table's level if known.
pub(super) fn layout(rows: &[Vec<String>], level: Option<Level>) -> Layout {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    // The school id's column, in the header row.
    let id_col = rows.first().and_then(|r| {
        r.iter()
            .position(|h| matches!(classify(h), ColumnKind::Text(TextColumn::SchoolId)))
    });
    let cell = |r: usize, c: usize| -> &str {
        rows.get(r)
            .and_then(|row| row.get(c))
            .map_or("", |s| s.trim())
    };
    // The header goes on while the next row has no school id, no number and is not a units row.
    let mut depth = 1;
    while depth < rows.len().min(MAX_HEADER_ROWS) {
        let row = &rows[depth];
        let filled: Vec<&str> = row
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        let id_empty = id_col.is_none_or(|c| cell(depth, c).is_empty());
        let numbers = filled.iter().any(|s| s.parse::<f64>().is_ok());
        let units = !filled.is_empty() && filled.iter().all(|s| is_unit_cell(s));
        if filled.is_empty() || !id_empty || numbers || units {
            break;
        }
        depth += 1;
    }
    // A merged cell spreads over its span: an empty cell of an upper row takes its left
    // neighbour's text when its column has a sub-heading below and the rows above it are the
    // same as its neighbour's.
    let mut filled: Vec<Vec<String>> = (0..depth)
        .map(|r| (0..width).map(|c| cell(r, c).to_string()).collect())
        .collect();
    for r in 0..depth.saturating_sub(1) {
        for c in 1..width {
            let below = (r + 1..depth).any(|r2| !cell(r2, c).is_empty());
            let same_parents = (0..r).all(|r0| filled[r0][c] == filled[r0][c - 1]);
            if filled[r][c].is_empty() && below && same_parents {
                filled[r][c] = filled[r][c - 1].clone();
            }
        }
    }
    let mut headers = Vec::with_capacity(width);
    let mut kinds = Vec::with_capacity(width);
    let mut breakdown: Vec<(Breakdown, usize)> = Vec::new();
    for c in 0..width {
        let mut parts: Vec<String> = Vec::new();
        for row in filled.iter() {
            let p = row[c].trim().trim_start_matches('#').trim().to_string();
            if !p.is_empty() && parts.last() != Some(&p) {
                parts.push(p);
            }
        }
        let path = parts.join("/");
        let kind = match recognise(&parts, level) {
            Recognised::Column(kind) => kind,
            Recognised::Part(b) => {
                breakdown.push((b, c));
                ColumnKind::Unknown
            }
        };
        headers.push(path);
        kinds.push(kind);
    }
    let mut layout = Layout {
        headers,
        kinds,
        sums: Vec::new(),
        rows: depth,
        notes: Vec::new(),
    };
    if let Some(level) = level {
        layout.compute(level, &breakdown);
    }
    layout
}

/// A column of a breakdown, added up into a field where the field has no column of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Breakdown {
    Education(Education),
    Subject(Subject),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Education {
    Graduate,
    Bachelor,
    College,
    HighSchool,
    BelowHighSchool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Subject {
    Pe,
    Arts,
    Music,
    FineArt,
}

enum Recognised {
    Column(ColumnKind),
    Part(Breakdown),
}

/// 在校生数/一年级 …: a grade's enrolment. The statistics system numbers a junior table's grades
/// 一年级 to 三年级 (grades 7–9 of DATA-FORMAT §1); 七年级 to 九年级 are read as they say.
fn grade_column(folded: &[String], level: Option<Level>) -> Option<Field> {
    let first = folded.first()?;
    if folded.len() < 2 || !matches!(first.as_str(), "在校生数" | "在校学生数" | "学生数")
    {
        return None;
    }
    const NAMES: [&str; 9] = [
        "一年级",
        "二年级",
        "三年级",
        "四年级",
        "五年级",
        "六年级",
        "七年级",
        "八年级",
        "九年级",
    ];
    let k = NAMES
        .iter()
        .position(|n| folded.last().is_some_and(|l| l == n))?;
    let grade = match (level, k) {
        (_, 6..=8) => k + 1,
        (Some(Level::Junior), 0..=2) => k + 7,
        (Some(Level::Junior), _) => return None,
        (_, _) => k + 1,
    };
    Level::BOTH
        .iter()
        .flat_map(|l| l.grades())
        .copied()
        .nth(grade - 1)
}

/// What a header path is: a column the app knows (by its whole path, its last part, or the
/// statistics system's paths for the table's level), a part of a breakdown, or unknown.
fn recognise(parts: &[String], level: Option<Level>) -> Recognised {
    let folded: Vec<String> = parts.iter().map(|p| fold(&strip_units(p))).collect();
    if let Some(g) = grade_column(&folded, level) {
        return Recognised::Column(ColumnKind::Number(g, 1.0));
    }
    let joined = parts.join("");
    let kind = classify(&joined);
    if !matches!(kind, ColumnKind::Unknown) {
        return Recognised::Column(kind);
    }
    let first = folded.first().map(String::as_str).unwrap_or("");
    let last = folded.last().map(String::as_str).unwrap_or("");
    let total = parts.len() == 1 || matches!(last, "合计" | "小计" | "总计");
    let wan = parts.iter().any(|p| p.contains("万元"));
    let for_level = |primary: Field, junior: Field| {
        level.map(|l| match l {
            Level::Primary => primary,
            Level::Junior => junior,
        })
    };
    let field = match first {
        "在校生数" | "在校学生数" | "学生数" if total => {
            for_level(Field::StudentsPrimary, Field::StudentsJunior)
        }
        "班数" | "班级数" if total => for_level(Field::ClassesPrimary, Field::ClassesJunior),
        "专任教师" | "专任教师数" if total => {
            for_level(Field::TeachersPrimary, Field::TeachersJunior)
        }
        "县级及以上骨干教师" | "县级及以上骨干教师数" | "骨干教师" if total => {
            for_level(Field::BackbonePrimary, Field::BackboneJunior)
        }
        "高于规定学历教师" | "高于规定学历教师数" if total => {
            for_level(Field::QualifiedPrimary, Field::QualifiedJunior)
        }
        "体育艺术专任教师" | "体育艺术专任教师数" | "体育艺术教师数" if total => {
            for_level(Field::PeArtPrimary, Field::PeArtJunior)
        }
        "校舍建筑面积" if last == "教学及辅助用房" => Some(Field::TeachingAreaM2),
        "体育运动场(馆)面积" | "体育运动场馆面积" if total => {
            Some(Field::SportsAreaM2)
        }
        "教学仪器设备资产值" | "教学仪器设备值" if total => {
            Some(Field::EquipmentValueYuan)
        }
        "网络多媒体教室" | "网络多媒体教室数" if total => {
            Some(Field::MultimediaRooms)
        }
        _ => None,
    };
    if let Some(f) = field {
        let factor = if f == Field::EquipmentValueYuan && wan {
            10_000.0
        } else {
            1.0
        };
        return Recognised::Column(ColumnKind::Number(f, factor));
    }
    if first == "专任教师" || first == "专任教师数" {
        let part = match last {
            "研究生" | "研究生毕业" => Some(Breakdown::Education(Education::Graduate)),
            "本科" | "本科毕业" => Some(Breakdown::Education(Education::Bachelor)),
            "专科" | "专科毕业" => Some(Breakdown::Education(Education::College)),
            "高中阶段" | "高中阶段毕业" => {
                Some(Breakdown::Education(Education::HighSchool))
            }
            "高中阶段以下" | "高中阶段以下毕业" => {
                Some(Breakdown::Education(Education::BelowHighSchool))
            }
            "体育与健康" | "体育" => Some(Breakdown::Subject(Subject::Pe)),
            "艺术" => Some(Breakdown::Subject(Subject::Arts)),
            "音乐" => Some(Breakdown::Subject(Subject::Music)),
            "美术" => Some(Breakdown::Subject(Subject::FineArt)),
            _ => None,
        };
        if let Some(p) = part {
            return Recognised::Part(p);
        }
    }
    // The last part alone may be a header the app knows (学校标识码 over a merged block).
    Recognised::Column(classify(parts.last().map_or("", String::as_str)))
}

/// "教学仪器设备资产值（万元）" → "教学仪器设备资产值".
fn strip_units(part: &str) -> String {
    let folded = fold(part);
    match folded.find('(') {
        Some(at) if folded.ends_with(')') => folded[..at].to_string(),
        _ => folded,
    }
}

impl Layout {
    /// How many of the columns are the file's own (the computed ones follow).
    pub fn own(&self) -> usize {
        self.headers.len() - self.sums.len()
    }

    /// A reader for a table with this header; its computed columns' notes given to it.
    pub(super) fn reader<'a>(
        &self,
        file: &'a str,
        sheet: Option<String>,
        letters: bool,
        standard: &'a crate::standard::Standard,
    ) -> super::TableReader<'a> {
        let mut t = super::TableReader::with_kinds(
            file,
            sheet,
            super::RowKind::Row,
            &self.headers,
            self.kinds.clone(),
            letters,
            standard,
        );
        for note in &self.notes {
            t.note(note.clone());
        }
        t
    }

    /// Cell `c` of a row as the reader sees it: the file's own columns, then the computed ones,
    /// then any cells beyond the header; `own` is the row's cell `c` of the file.
    pub(super) fn cell<'c>(
        &self,
        c: usize,
        commas: super::number::Commas,
        own: impl Fn(usize) -> super::Cell<'c>,
    ) -> super::Cell<'c> {
        use super::Cell;
        let n = self.own();
        if c < n {
            return own(c);
        }
        let Some(sum) = self.sums.get(c - n) else {
            return own(c - self.sums.len());
        };
        let mut total = 0.0;
        let mut any = false;
        for &k in sum {
            match own(k) {
                Cell::Empty => {}
                Cell::Number(v) => {
                    total += v;
                    any = true;
                }
                Cell::Text(s) => match super::number::parse_number(s, commas) {
                    Ok(None) => {}
                    Ok(Some(v)) => {
                        total += v;
                        any = true;
                    }
                    // A part that is not a number: the sum is that text, refused as such.
                    Err(()) => return Cell::Text(s),
                },
            }
        }
        if any {
            Cell::Number(total)
        } else {
            Cell::Empty
        }
    }

    /// Adds the computed columns: qualified teachers from the education breakdown (primary:
    /// 研究生 + 本科 + 专科; junior: 研究生 + 本科), PE/art teachers from the subjects (体育与健康 +
    /// 艺术, or + 音乐 + 美术) — only where the table has no column of its own for them.
    fn compute(&mut self, level: Level, breakdown: &[(Breakdown, usize)]) {
        let has = |kinds: &[ColumnKind], f: Field| {
            kinds
                .iter()
                .any(|k| matches!(k, ColumnKind::Number(g, _) if *g == f))
        };
        let cols = |pred: &dyn Fn(Breakdown) -> bool| -> Vec<usize> {
            breakdown
                .iter()
                .filter(|(b, _)| pred(*b))
                .map(|&(_, c)| c)
                .collect()
        };
        let (qualified, pe_art) = match level {
            Level::Primary => (Field::QualifiedPrimary, Field::PeArtPrimary),
            Level::Junior => (Field::QualifiedJunior, Field::PeArtJunior),
        };
        let edu = cols(&|b| match b {
            Breakdown::Education(e) => match level {
                Level::Primary => {
                    matches!(
                        e,
                        Education::Graduate | Education::Bachelor | Education::College
                    )
                }
                Level::Junior => matches!(e, Education::Graduate | Education::Bachelor),
            },
            Breakdown::Subject(_) => false,
        });
        if !has(&self.kinds, qualified) && !edu.is_empty() {
            self.add(qualified, edu, |names| {
                format!(
                    "{}高于规定学历教师数按学历计算：{names} / qualified {} teachers computed from the education breakdown",
                    level.zh(),
                    level.key()
                )
            });
        }
        let subjects = cols(&|b| matches!(b, Breakdown::Subject(_)));
        if !has(&self.kinds, pe_art) && !subjects.is_empty() {
            // 音乐 and 美术 are parts of 艺术: added only where there is no 艺术 column.
            let arts = breakdown
                .iter()
                .any(|(b, _)| *b == Breakdown::Subject(Subject::Arts));
            let used = cols(&|b| match b {
                Breakdown::Subject(Subject::Pe | Subject::Arts) => true,
                Breakdown::Subject(Subject::Music | Subject::FineArt) => !arts,
                _ => false,
            });
            self.add(pe_art, used, |names| {
                format!(
                    "{}体育艺术专任教师数按授课课程计算：{names} / PE and art {} teachers computed from the subjects",
                    level.zh(),
                    level.key()
                )
            });
        }
    }

    /// Columns read as this field no longer are: a mapping gives it elsewhere. A computed
    /// column of it is dropped.
    pub(super) fn unassign(&mut self, target: crate::io::mapping::Target) {
        use crate::io::mapping::Target;
        let is = |k: &ColumnKind| match (k, target) {
            (ColumnKind::Text(t), Target::Text(u)) => *t == u,
            (ColumnKind::Number(f, _), Target::Number(g)) => *f == g,
            _ => false,
        };
        let own = self.own();
        for i in (0..self.sums.len()).rev() {
            if is(&self.kinds[own + i]) {
                self.headers.remove(own + i);
                self.kinds.remove(own + i);
                self.sums.remove(i);
            }
        }
        for k in self.kinds.iter_mut() {
            if is(k) {
                *k = ColumnKind::Unknown;
            }
        }
    }

    /// Adds a computed column: `kind`, the sum of the file's columns `cols`.
    pub(super) fn push_sum(&mut self, header: String, kind: ColumnKind, cols: Vec<usize>) {
        self.headers.push(header);
        self.kinds.push(kind);
        self.sums.push(cols);
    }

    fn names(&self, cols: &[usize]) -> String {
        cols.iter()
            .map(|&c| {
                self.headers[c]
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join("+")
    }

    /// Adds a computed column, `field` as the sum of `cols`, headed by the field and the parts
    /// it adds, and the note `note` makes of those parts' names.
    fn add(&mut self, field: Field, cols: Vec<usize>, note: impl FnOnce(&str) -> String) {
        let names = self.names(&cols);
        self.headers
            .push(format!("{}（{names}）", field.zh_headers()[0]));
        self.kinds.push(ColumnKind::Number(field, 1.0));
        self.sums.push(cols);
        self.notes.push(note(&names));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &[&[&str]]) -> Vec<Vec<String>> {
        text.iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn a_three_row_merged_header_is_read_as_paths() {
        let r = rows(&[
            &[
                "学校标识码",
                "学校名称",
                "办学类型",
                "在校生数",
                "",
                "专任教师",
                "",
                "",
                "",
                "",
                "",
                "",
            ],
            &[
                "",
                "",
                "",
                "合计",
                "一年级",
                "合计",
                "按学历分",
                "",
                "",
                "按授课课程分",
                "",
                "",
            ],
            &[
                "",
                "",
                "",
                "",
                "",
                "",
                "研究生",
                "本科",
                "专科",
                "体育与健康",
                "音乐",
                "美术",
            ],
            &[
                "S1", "一小", "小学", "500", "80", "30", "1", "20", "8", "2", "1", "1",
            ],
        ]);
        let l = layout(&r, Some(Level::Primary));
        assert_eq!(l.rows, 3);
        assert_eq!(l.headers[3], "在校生数/合计");
        assert_eq!(l.headers[4], "在校生数/一年级");
        assert_eq!(l.headers[7], "专任教师/按学历分/本科");
        assert_eq!(l.headers[10], "专任教师/按授课课程分/音乐");
        assert_eq!(l.kinds[3], ColumnKind::Number(Field::StudentsPrimary, 1.0));
        assert_eq!(l.kinds[4], ColumnKind::Number(Field::Grade1, 1.0));
        assert_eq!(l.kinds[5], ColumnKind::Number(Field::TeachersPrimary, 1.0));
        // Computed: qualified = 研究生 + 本科 + 专科; PE/art = 体育与健康 + 音乐 + 美术.
        assert_eq!(l.sums, vec![vec![6, 7, 8], vec![9, 10, 11]]);
        assert_eq!(
            l.kinds[12],
            ColumnKind::Number(Field::QualifiedPrimary, 1.0)
        );
        assert_eq!(l.kinds[13], ColumnKind::Number(Field::PeArtPrimary, 1.0));
        assert_eq!(l.notes.len(), 2);
        // A junior table counts 研究生 + 本科 only.
        let l = layout(&r, Some(Level::Junior));
        assert_eq!(l.sums[0], vec![6, 7]);
        assert_eq!(l.kinds[3], ColumnKind::Number(Field::StudentsJunior, 1.0));
    }

    #[test]
    fn a_one_row_header_is_as_before() {
        let r = rows(&[
            &["学校标识码", "学校名称", "小学在校生数"],
            &["S1", "一小", "500"],
        ]);
        let l = layout(&r, None);
        assert_eq!(l.rows, 1);
        assert_eq!(l.kinds[2], ColumnKind::Number(Field::StudentsPrimary, 1.0));
        assert!(l.sums.is_empty());
    }

    #[test]
    fn the_level_comes_from_a_name_that_says_one() {
        assert_eq!(
            level_of(["Sheet1", "2024年小学基本情况.xlsx"]),
            Some(Level::Primary)
        );
        assert_eq!(level_of(["初级中学"]), Some(Level::Junior));
        assert_eq!(level_of(["小学和初中"]), None);
    }
}
