//! The per-school data form (`junheng template --per-school`): one workbook per school, the
//! items down the first column and the school's values beside them. Read as a one-row table —
//! the same checks as any table — with each problem located at the form's own cell.

use super::workbook::{data_text, SheetCell, SheetCells};
use super::{ImportError, ImportOptions};
use crate::model::headers::{classify, column_letters, ColumnKind, TextColumn};

/// The most rows a form is looked at in (the template's form has about 40 items).
const FORM_ROWS: u32 = 200;

/// Where a form's items are: for each item (a column of the one-row table), its row in the
/// sheet (0-based), and the column of the values.
pub(super) struct FormPlace {
    rows: Vec<u32>,
    value_column: u32,
}

/// A sheet that is a per-school form, as a one-row table (header, values); any other sheet as
/// it is.
pub(super) fn as_table(
    cells: SheetCells,
    options: &ImportOptions,
) -> (SheetCells, Option<FormPlace>) {
    let Some(left) = cells.cells.iter().map(|c| c.at.1).min() else {
        return (cells, None);
    };
    let labels: Vec<(u32, String)> = cells
        .cells
        .iter()
        .filter(|c| c.at.1 == left && c.at.0 < FORM_ROWS)
        .map(|c| (c.at.0, data_text(&c.value)))
        .collect();
    let is = |t: TextColumn| {
        labels
            .iter()
            .any(|(_, l)| matches!(classify(l), ColumnKind::Text(x) if x == t))
    };
    // A form names the school id and name down its first column, and has no table header
    // (a table's header row holds both side by side).
    let row_header = labels.iter().any(|(r, _)| {
        let texts: Vec<String> = cells
            .cells
            .iter()
            .filter(|c| c.at.0 == *r)
            .map(|c| data_text(&c.value))
            .collect();
        super::mapped::is_header_row(&texts, options)
    });
    if !(is(TextColumn::SchoolId) && is(TextColumn::Name)) || row_header {
        return (cells, None);
    }
    let value_column = left + 1;
    let value_at = |r: u32| {
        cells
            .cells
            .iter()
            .find(|c| c.at == (r, value_column))
            .map(|c| c.value.clone())
    };
    let mut table = Vec::new();
    let mut rows = Vec::new();
    for (r, label) in &labels {
        let value = value_at(*r);
        // A title or a heading (项目 / 填写) with nothing beside it that the app knows is not
        // an item; an unknown label with a value is kept, as an extra column.
        let known = !matches!(classify(label), ColumnKind::Unknown);
        let filled = value
            .as_ref()
            .is_some_and(|v| !data_text(v).trim().is_empty());
        if !known && (!filled || matches!(label.trim(), "项目" | "填写" | "单位" | "说明"))
        {
            continue;
        }
        let i = rows.len() as u32;
        table.push(SheetCell {
            at: (0, i),
            value: calamine::Data::String(label.clone()),
        });
        if let Some(v) = value {
            table.push(SheetCell {
                at: (1, i),
                value: v,
            });
        }
        rows.push(*r);
    }
    table.sort_by_key(|c| c.at);
    (
        SheetCells {
            cells: table,
            formulas: Default::default(),
        },
        Some(FormPlace { rows, value_column }),
    )
}

/// A problem of the one-row table, put back at the form's own cell: the item's row, the values'
/// column.
pub(super) fn locate(mut e: ImportError, form: Option<&FormPlace>) -> ImportError {
    let Some(form) = form else {
        return e;
    };
    for issue in &mut e.issues {
        let Some(letters) = &issue.column_letters else {
            continue;
        };
        // The table's column letters (A, B, …) are the item's index.
        let Some(i) = (0..form.rows.len()).find(|&i| column_letters(i) == *letters) else {
            continue;
        };
        if issue.row.is_some() {
            issue.row = Some(form.rows[i] as usize + 1);
            issue.column_letters = Some(column_letters(form.value_column as usize));
        }
    }
    e
}
