//! One table of schools, row by row: headers classified, each row turned into a school with
//! every problem located, the totals and units rows skipped.

use super::number::{parse_number, Commas};
use super::*;
use crate::model::builder::{RecordProblem, SchoolBuilder};
use crate::model::headers::{
    classify, column_letters, is_unit_cell, is_wan_yuan, ColumnKind, TextColumn,
};
use crate::model::{Dataset, Field, Level, School, SchoolKind};
use crate::standard::Standard;
use std::collections::HashMap;

/// The most problems one import lists (the rest are counted): a file with millions of bad cells
/// gives a readable list, not 400 MB of messages.
pub const MAX_PROBLEMS: usize = 200;

/// The column of each text column, where the table has it (looked up several times a row).
#[derive(Default)]
struct TextCols([Option<usize>; TextColumn::ALL.len()]);

impl TextCols {
    fn get(&self, tc: &TextColumn) -> Option<&usize> {
        self.0[*tc as usize].as_ref()
    }
    fn insert(&mut self, tc: TextColumn, col: usize) {
        self.0[tc as usize] = Some(col);
    }
    fn contains_key(&self, tc: &TextColumn) -> bool {
        self.0[*tc as usize].is_some()
    }
}

/// Turns header + rows into schools, collecting every problem.
pub(super) struct TableReader<'a> {
    file: &'a str,
    sheet: Option<String>,
    row_kind: RowKind,
    standard: &'a Standard,
    headers: Vec<String>,
    text_col: TextCols,
    field_col: Vec<Option<(usize, f64)>>,
    extra_cols: Vec<usize>,
    /// Spreadsheet column of the first cell, so messages can name letters.
    pub(super) column_offset: Option<usize>,
    /// What a comma inside a number may mean (a semicolon-separated file makes it ambiguous).
    pub(super) commas: Commas,
    schools: Vec<School>,
    /// The row (or record) each school was read from.
    school_rows: Vec<usize>,
    ids: HashMap<String, usize>,
    pub(super) issues: Vec<Issue>,
    /// How many problems were found (only the first [`MAX_PROBLEMS`] are kept).
    problems: usize,
    notes: Vec<String>,
    /// Whether the row right under the header is still to come (it may be a units row).
    first_row: bool,
    /// The most rows read (the loaders stop when [`TableReader::full`]).
    pub(super) max_rows: usize,
    rows_read: usize,
    /// Whether the loader has checked every cell's length already.
    pub(super) cells_bounded: bool,
    /// One of several tables: what a school lacks is checked after they are merged.
    pub(super) partial: bool,
    /// Schools that need each absent field column.
    missing_need: Vec<usize>,
}

impl<'a> TableReader<'a> {
    pub(super) fn new(
        file: &'a str,
        sheet: Option<String>,
        row_kind: RowKind,
        headers: &[String],
        letters: bool,
        standard: &'a Standard,
    ) -> TableReader<'a> {
        let columns: Vec<ColumnKind> = headers.iter().map(|h| classify(h)).collect();
        TableReader::with_kinds(file, sheet, row_kind, headers, columns, letters, standard)
    }

    /// A reader whose columns are already known (a header of several rows read as paths).
    pub(super) fn with_kinds(
        file: &'a str,
        sheet: Option<String>,
        row_kind: RowKind,
        headers: &[String],
        columns: Vec<ColumnKind>,
        letters: bool,
        standard: &'a Standard,
    ) -> TableReader<'a> {
        let mut t = TableReader {
            file,
            sheet,
            row_kind,
            standard,
            headers: headers.iter().map(|h| h.trim().to_string()).collect(),
            text_col: TextCols::default(),
            field_col: vec![None; Field::ALL.len()],
            extra_cols: Vec::new(),
            column_offset: letters.then_some(0),
            commas: Commas::Thousands,
            schools: Vec::new(),
            school_rows: Vec::new(),
            ids: HashMap::default(),
            issues: Vec::new(),
            problems: 0,
            notes: Vec::new(),
            first_row: true,
            max_rows: DEFAULT_MAX_ROWS,
            rows_read: 0,
            cells_bounded: false,
            partial: false,
            missing_need: vec![0; Field::ALL.len()],
        };
        for (i, kind) in columns.iter().enumerate() {
            let first = match *kind {
                ColumnKind::Text(tc) => match t.text_col.get(&tc) {
                    Some(&j) => Some(j),
                    None => {
                        t.text_col.insert(tc, i);
                        None
                    }
                },
                ColumnKind::Number(f, factor) => match t.field_col[f.index()] {
                    Some((j, _)) => Some(j),
                    None => {
                        t.field_col[f.index()] = Some((i, factor));
                        None
                    }
                },
                ColumnKind::Unknown => {
                    if !t.headers[i].is_empty() {
                        t.extra_cols.push(i);
                    }
                    None
                }
            };
            if let Some(j) = first {
                let issue = t.issue_at(
                    None,
                    i,
                    None,
                    IssueKind::DuplicateColumn {
                        first: t.headers[j].clone(),
                    },
                );
                t.report(issue);
            }
        }
        for (tc, header) in [
            (TextColumn::SchoolId, "学校标识码"),
            (TextColumn::Name, "学校名称"),
            (TextColumn::Kind, "学校类型"),
        ] {
            if !t.text_col.contains_key(&tc) {
                t.report(Issue::file_level(
                    file,
                    IssueKind::MissingColumn {
                        key: tc.key(),
                        header,
                    },
                ));
                if let Some(last) = t.issues.last_mut() {
                    last.sheet = t.sheet.clone();
                }
            }
        }
        t
    }

    pub(super) fn issue_at(
        &self,
        row: Option<usize>,
        col: usize,
        value: Option<String>,
        kind: IssueKind,
    ) -> Issue {
        Issue {
            file: self.file.to_string(),
            sheet: self.sheet.clone(),
            row,
            row_kind: self.row_kind,
            column: Some(self.headers.get(col).cloned().unwrap_or_default()),
            column_letters: self.column_offset.map(|o| column_letters(o + col)),
            value,
            kind,
        }
    }

    pub(super) fn text<'c>(
        &self,
        get: &impl Fn(usize) -> Cell<'c>,
        tc: TextColumn,
    ) -> Option<std::borrow::Cow<'c, str>> {
        let col = *self.text_col.get(&tc)?;
        match get(col) {
            Cell::Empty => None,
            Cell::Text(s) => Some(std::borrow::Cow::Borrowed(s.trim())),
            Cell::Number(n) => Some(std::borrow::Cow::Owned(format_number(n))),
        }
    }

    /// The units row under the template's header: every filled cell names a unit.
    pub(super) fn is_units_row<'c>(&self, get: &impl Fn(usize) -> Cell<'c>) -> bool {
        let mut units = 0;
        for c in 0..self.headers.len() {
            match get(c) {
                Cell::Empty => {}
                Cell::Text(s) if is_unit_cell(s) => units += 1,
                _ => return false,
            }
        }
        units >= 2
    }

    /// Reads one row of `width` cells.
    pub(super) fn row<'c>(&mut self, row: usize, width: usize, get: impl Fn(usize) -> Cell<'c>) {
        if self.full()
            || (0..width.max(self.headers.len()).max(1)).all(|c| matches!(get(c), Cell::Empty))
        {
            return;
        }
        self.rows_read += 1;
        if self.full() {
            let issue = Issue {
                row: Some(row),
                row_kind: self.row_kind,
                sheet: self.sheet.clone(),
                ..Issue::file_level(
                    self.file,
                    IssueKind::TooManyRows {
                        limit: self.max_rows,
                    },
                )
            };
            self.report(issue);
            return;
        }
        // (A CSV's cells were bounded by its loader, before they were read.)
        let long = (!self.cells_bounded)
            .then(|| {
                (0..width).find(|&c| matches!(get(c), Cell::Text(s) if s.len() > MAX_CELL_BYTES))
            })
            .flatten();
        if let Some(c) = long {
            let issue = self.issue_at(
                Some(row),
                c,
                None,
                IssueKind::TooLong {
                    what: Long::Cell,
                    limit: MAX_CELL_BYTES,
                },
            );
            self.report(issue);
            return;
        }
        // Cells with no header above them (to the right of the header, or under an empty header
        // cell) cannot be placed: the row's values may have shifted.
        let extra: Vec<usize> = (0..width.max(self.headers.len()))
            .filter(|&c| self.headers.get(c).is_none_or(|h| h.is_empty()))
            .filter(|&c| !matches!(get(c), Cell::Empty))
            .collect();
        if let Some(&first) = extra.first() {
            let value = match get(first) {
                Cell::Text(s) => s.trim().to_string(),
                Cell::Number(n) => format_number(n),
                Cell::Empty => String::new(),
            };
            let issue = Issue {
                file: self.file.to_string(),
                sheet: self.sheet.clone(),
                row: Some(row),
                row_kind: self.row_kind,
                column: None,
                column_letters: self.column_offset.map(|o| column_letters(o + first)),
                value: Some(value),
                kind: IssueKind::ExtraCells {
                    count: extra.len(),
                    header_columns: self.headers.len(),
                },
            };
            self.report(issue);
        }
        if std::mem::take(&mut self.first_row) && self.is_units_row(&get) {
            if let Some((col, _)) = self.field_col[Field::EquipmentValueYuan.index()] {
                if let Cell::Text(u) = get(col) {
                    if is_wan_yuan(u) {
                        self.field_col[Field::EquipmentValueYuan.index()] = Some((col, 10_000.0));
                    }
                }
            }
            return;
        }
        let id = self.text(&get, TextColumn::SchoolId);
        let name = self.text(&get, TextColumn::Name);
        let kind_text = self.text(&get, TextColumn::Kind);
        // A totals row (合计) at the end of a statistics export is not a school.
        if id.is_none()
            && name.as_deref().is_some_and(|n| {
                matches!(
                    n.replace(' ', "").as_str(),
                    "合计" | "总计" | "小计" | "全县合计"
                )
            })
        {
            self.notes.push(match self.row_kind {
                RowKind::Row => {
                    format!("第 {row} 行是合计行，已跳过 / row {row} is a totals row, skipped")
                }
                RowKind::Record => {
                    format!("第 {row} 条是合计，已跳过 / record {row} is a total, skipped")
                }
            });
            return;
        }
        for (tc, value) in [
            (TextColumn::SchoolId, &id),
            (TextColumn::Name, &name),
            (TextColumn::Kind, &kind_text),
        ] {
            if let (Some(&col), None) = (self.text_col.get(&tc), value) {
                let issue = self.issue_at(Some(row), col, None, IssueKind::EmptyRequired);
                self.report(issue);
            }
        }
        // The values go through the model's school builder: the same checks as a new school in
        // a scenario; each problem is located here.
        let mut builder = SchoolBuilder::new();
        for tc in TextColumn::ALL {
            let text = match tc {
                TextColumn::SchoolId => id.clone(),
                TextColumn::Name => name.clone(),
                TextColumn::Kind => kind_text.clone(),
                _ => self.text(&get, tc),
            };
            if let Err(problem) = builder.text(tc, text.as_deref()) {
                if let Some(&col) = self.text_col.get(&tc) {
                    let text = text.map(|t| t.into_owned());
                    let issue = self.issue_at(Some(row), col, text, problem_kind(problem));
                    self.report(issue);
                }
            }
        }
        let kind = builder.kind;
        if let Some(id) = &id {
            if let Some(&first_row) = self.ids.get(id.as_ref()) {
                if let Some(&col) = self.text_col.get(&TextColumn::SchoolId) {
                    let issue = self.issue_at(
                        Some(row),
                        col,
                        Some(id.to_string()),
                        IssueKind::DuplicateId { first_row },
                    );
                    self.report(issue);
                }
            } else {
                self.ids.insert(id.to_string(), row);
            }
        }
        let mut bad_fields = Vec::new();
        for &f in Field::ALL {
            let Some((col, factor)) = self.field_col[f.index()] else {
                continue;
            };
            let cell = get(col);
            let value = match cell {
                Cell::Empty => continue,
                Cell::Number(n) => Ok(Some(n)),
                Cell::Text(s) => parse_number(s, self.commas),
            };
            // The value as the user typed it, for a message: made only when there is one.
            let shown = || match cell {
                Cell::Number(n) => format_number(n),
                Cell::Text(s) => s.trim().to_string(),
                Cell::Empty => String::new(),
            };
            let problems = match value {
                Ok(None) => continue,
                // A comma that may be a decimal comma is named as such.
                Err(()) if shown().contains([',', '，']) => vec![IssueKind::AmbiguousComma],
                Err(()) => vec![IssueKind::NotANumber],
                Ok(Some(v)) => builder
                    .number(f, v, factor)
                    .into_iter()
                    .map(problem_kind)
                    .collect(),
            };
            for problem in problems {
                if matches!(
                    problem,
                    IssueKind::NotANumber
                        | IssueKind::AmbiguousComma
                        | IssueKind::Negative
                        | IssueKind::Absurd { .. }
                ) {
                    bad_fields.push(f);
                }
                let issue = self.issue_at(Some(row), col, Some(shown()), problem);
                self.report(issue);
            }
        }
        let mut school = builder.build();
        if let Some(k) = kind.filter(|_| !self.partial) {
            self.check_required(row, k, &school, &bad_fields);
        }
        self.check_grades(row, &school);
        for &c in &self.extra_cols {
            school.extra.push(match get(c) {
                Cell::Empty => String::new(),
                Cell::Text(s) => s.to_string(),
                Cell::Number(n) => format_number(n),
            });
        }
        // A row with problems is still kept so that later rows are checked against it (duplicate
        // ids); a failed import returns no data at all.
        self.schools.push(school);
        self.school_rows.push(row);
    }

    /// An existing section needs its students, and a section with students needs every field the
    /// standard's indicators use.
    pub(super) fn check_required(
        &mut self,
        row: usize,
        kind: SchoolKind,
        school: &School,
        reported: &[Field],
    ) {
        if kind == SchoolKind::TeachingPoint {
            return;
        }
        let mut needed: Vec<Field> = Vec::new();
        for &level in kind.levels() {
            for f in self.standard.missing_fields(school, level) {
                if !needed.contains(&f) && !reported.contains(&f) {
                    needed.push(f);
                }
            }
        }
        for f in needed {
            match self.field_col[f.index()] {
                Some((col, _)) => {
                    let issue = self.issue_at(Some(row), col, None, IssueKind::EmptyRequired);
                    self.report(issue);
                }
                None => self.missing_need[f.index()] += 1,
            }
        }
    }

    /// Enrolment by grade, where every grade of a section is given with its students, adds up
    /// to them.
    fn check_grades(&mut self, row: usize, school: &School) {
        for level in Level::BOTH {
            let given: Vec<f64> = level
                .grades()
                .iter()
                .filter_map(|g| school.values.get(*g))
                .collect();
            // Only a whole breakdown must add up: an export with 一年级 alone (a "其中" column)
            // gives one grade, not the section's grades.
            let students = school.values.get(level.students_field());
            let (Some(students), true) = (students, given.len() == level.grades().len()) else {
                continue;
            };
            let sum: f64 = given.iter().sum();
            if (sum - students).abs() > 0.5 {
                if let Some((col, _)) = self.field_col[level.students_field().index()] {
                    let issue = self.issue_at(
                        Some(row),
                        col,
                        Some(format_number(students)),
                        IssueKind::GradeSum { level, sum },
                    );
                    self.report(issue);
                }
            }
        }
    }

    /// Whether a column holds a number field.
    pub(super) fn is_number_column(&self, col: usize) -> bool {
        self.field_col.iter().flatten().any(|&(c, _)| c == col)
    }

    /// Makes room for about `rows` schools at once (a large file's list and index of ids would
    /// otherwise be copied each time they grow).
    pub(super) fn reserve(&mut self, rows: usize) {
        let rows = rows.min(self.max_rows);
        self.schools.reserve(rows);
        self.ids.reserve(rows);
    }

    /// Whether more rows than the limit were given: the loader stops reading.
    pub(super) fn full(&self) -> bool {
        self.rows_read > self.max_rows
    }

    /// Something the user should know that does not stop the import.
    pub(super) fn note(&mut self, note: String) {
        if self.notes.len() < MAX_PROBLEMS {
            self.notes.push(note);
        }
    }

    /// Records a problem: the first [`MAX_PROBLEMS`] are kept, the rest only counted.
    pub(super) fn report(&mut self, issue: Issue) {
        self.problems += 1;
        if self.issues.len() < MAX_PROBLEMS {
            self.issues.push(issue);
        }
    }

    pub(super) fn finish(mut self, format: String) -> Result<Imported, ImportError> {
        for &f in Field::ALL {
            let n = self.missing_need[f.index()];
            if n > 0 {
                let mut issue = Issue::file_level(
                    self.file,
                    IssueKind::MissingFieldColumn {
                        field: f,
                        schools: n,
                    },
                );
                issue.sheet = self.sheet.clone();
                self.report(issue);
            }
        }
        // A file that names counties judges each school within its county: one without is
        // an error at its cell, not a school quietly left out of every county.
        if let Some(&col) = self.text_col.get(&TextColumn::County) {
            if self.schools.iter().any(|s| s.county.is_some()) {
                let rows: Vec<usize> = (self.schools.iter().zip(&self.school_rows))
                    .filter(|(s, _)| s.county.is_none())
                    .map(|(_, &r)| r)
                    .collect();
                for row in rows {
                    let issue = self.issue_at(Some(row), col, None, IssueKind::EmptyRequired);
                    self.report(issue);
                }
            }
        }
        if self.schools.is_empty() && self.issues.is_empty() {
            let mut issue = Issue::file_level(self.file, IssueKind::Empty);
            issue.sheet = self.sheet.clone();
            self.report(issue);
        }
        if self.problems > self.issues.len() {
            let mut issue = Issue::file_level(
                self.file,
                IssueKind::MoreProblems {
                    shown: self.issues.len(),
                    total: self.problems,
                },
            );
            issue.sheet = self.sheet.clone();
            self.issues.push(issue);
        }
        if !self.issues.is_empty() {
            return Err(ImportError {
                issues: self.issues,
            });
        }
        // Values a school can have but rarely does: said, with the row, for the user to check.
        for w in crate::model::plausible::warnings(&self.schools) {
            let row = self.school_rows.get(w.school).copied().unwrap_or(0);
            let id = self.schools.get(w.school).map_or("", |s| s.id.as_str());
            let at = match self.row_kind {
                RowKind::Row => format!("第 {row} 行（{id}）"),
                RowKind::Record => format!("第 {row} 条记录（{id}）"),
            };
            let at_en = match self.row_kind {
                RowKind::Row => format!("row {row} ({id})"),
                RowKind::Record => format!("record {row} ({id})"),
            };
            let zh = w.message(&self.schools, true);
            let en = w.message(&self.schools, false);
            self.note(format!("请核对 {at}：{zh} / check {at_en}: {en}"));
        }
        let extra_columns = self
            .extra_cols
            .iter()
            .map(|&c| self.headers[c].clone())
            .collect();
        Ok(Imported {
            dataset: Dataset {
                schools: self.schools,
                extra_columns,
                source: self.file.to_string(),
            },
            notes: self.notes,
            format,
            rows: self.school_rows,
        })
    }
}

/// The import's name for a problem the school builder found.
fn problem_kind(p: RecordProblem) -> IssueKind {
    match p {
        RecordProblem::UnknownKind(_) => IssueKind::UnknownKind,
        RecordProblem::UnknownLocation(_) => IssueKind::UnknownLocation,
        RecordProblem::Negative => IssueKind::Negative,
        RecordProblem::NotWhole => IssueKind::NotWhole,
        RecordProblem::WrongSection(kind) => IssueKind::WrongSection { kind },
        RecordProblem::Absurd(max) => IssueKind::Absurd { max },
    }
}
