//! A hand-made column mapping ([`crate::io::mapping`]) applied to a table's header: the header
//! row found by it too, the mapped columns read as their fields.

use super::stats::Layout;
use super::{ImportError, ImportOptions, Issue, IssueKind};
use crate::io::mapping::{Mapping, Target};
use crate::model::headers::{fold, ColumnKind, TextColumn};

/// Whether a row is a header, by the importer's own names or by a mapping the import may use.
pub(super) fn is_header_row(cells: &[String], options: &ImportOptions) -> bool {
    if super::csv::is_header(cells.iter().map(String::as_str)) {
        return true;
    }
    options
        .mapping
        .iter()
        .chain(&options.saved_mappings)
        .any(|m| {
            let has = |t: TextColumn| {
                cells
                    .iter()
                    .any(|c| m.target_of(c) == Some(Target::Text(t)))
            };
            has(TextColumn::SchoolId)
                && (has(TextColumn::Name)
                    || cells.iter().any(|c| {
                        matches!(
                            crate::model::headers::classify(c),
                            ColumnKind::Text(TextColumn::Name)
                        )
                    }))
        })
}

/// The mapping this table is read with: the one given, or a saved one made for this header.
fn chosen<'a>(layout: &Layout, options: &'a ImportOptions) -> Option<&'a Mapping> {
    options.mapping.as_ref().or_else(|| {
        let own = &layout.headers[..layout.own()];
        options.saved_mappings.iter().find(|m| m.made_for(own))
    })
}

/// Applies the mapping to the layout, if there is one for it: each rule's column becomes its
/// field, several columns a computed sum; whatever else was read as that field no longer is.
/// A header the mapping names that the table lacks is an error.
pub(super) fn apply(
    layout: &mut Layout,
    file: &str,
    sheet: Option<&str>,
    options: &ImportOptions,
) -> Result<(), ImportError> {
    let Some(m) = chosen(layout, options) else {
        return Ok(());
    };
    let own = layout.own();
    let find = |headers: &[String], h: &str| (0..own).find(|&c| fold(&headers[c]) == fold(h));
    let mut missing = Vec::new();
    let mut described = Vec::new();
    for rule in &m.columns {
        let Some(target) = Target::of_key(&rule.field) else {
            continue;
        };
        let cols: Vec<usize> = rule
            .from
            .iter()
            .filter_map(|h| {
                let c = find(&layout.headers, h);
                if c.is_none() {
                    missing.push(h.clone());
                }
                c
            })
            .collect();
        if cols.len() != rule.from.len() {
            continue;
        }
        layout.unassign(target);
        let kind = target.kind(rule.factor);
        if let [c] = cols.as_slice() {
            layout.kinds[*c] = kind;
        } else {
            for &c in &cols {
                layout.kinds[c] = ColumnKind::Unknown;
            }
            let names = rule.from.join("+");
            layout.push_sum(format!("{}（{names}）", target.zh()), kind, cols);
        }
        described.push(format!(
            "{}{} ← {}",
            target.zh(),
            if rule.factor == 1.0 {
                String::new()
            } else {
                format!("（×{}）", rule.factor)
            },
            rule.from.join(" + ")
        ));
    }
    if !missing.is_empty() {
        return Err(ImportError {
            issues: missing
                .into_iter()
                .map(|h| Issue {
                    sheet: sheet.map(str::to_string),
                    ..Issue::file_level(file, IssueKind::MappedColumnMissing(h))
                })
                .collect(),
        });
    }
    layout.notes.push(format!(
        "按列对应关系读取：{} / read with the column mapping",
        described.join("；")
    ));
    Ok(())
}
