//! Several tables read together (DATA-FORMAT.md §7): files named one by one, or a folder's data
//! files; rows with the same school id are one school (a nine-year school in the 小学 and the 初中
//! table); a field given twice with different values is refused, naming both places; what a
//! school lacks is checked once all its tables are merged.

use super::*;
use crate::model::{Dataset, Field, School, SchoolKind};
use std::collections::HashMap;
use std::path::PathBuf;

/// The data files of a folder (not its sub-folders), by name; a file stands for itself.
pub fn data_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, ImportError> {
    let mut files = Vec::new();
    for p in paths {
        if !p.is_dir() {
            files.push(p.clone());
            continue;
        }
        let name = p.display().to_string();
        let entries = std::fs::read_dir(p).map_err(|e| {
            ImportError::of_file(&name, IssueKind::Unreadable(super::io_reason(&e)))
        })?;
        let mut found: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|f| {
                f.is_file()
                    && f.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                        matches!(
                            e.to_ascii_lowercase().as_str(),
                            "xlsx" | "xlsm" | "xls" | "ods" | "csv" | "json"
                        )
                    })
                    // Excel's lock files (~$名单.xlsx) are not tables.
                    && !f
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with("~$"))
            })
            .collect();
        found.sort();
        if found.is_empty() {
            return Err(ImportError::of_file(&name, IssueKind::Empty));
        }
        files.extend(found);
    }
    Ok(files)
}

/// Reads several files (or folders) as one county: each table read, then merged by school id.
pub fn load_many(
    paths: &[PathBuf],
    standard: &Standard,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let files = data_files(paths)?;
    if let [one] = files.as_slice() {
        return load_path(one, standard, options);
    }
    let partial = ImportOptions {
        partial: true,
        ..options.clone()
    };
    let mut parts = Vec::new();
    let mut issues = Vec::new();
    for f in &files {
        match load_path(f, standard, &partial) {
            Ok(i) => parts.push(i),
            Err(e) => issues.extend(e.issues),
        }
    }
    if !issues.is_empty() {
        return Err(ImportError { issues });
    }
    merge(parts, standard)
}

/// Where a school's value was read: file (and sheet) and row.
fn place(imported: &Imported, k: usize) -> (String, Option<usize>) {
    (
        imported.dataset.source.clone(),
        imported.rows.get(k).copied(),
    )
}

pub(super) fn merge(parts: Vec<Imported>, standard: &Standard) -> Result<Imported, ImportError> {
    let mut schools: Vec<School> = Vec::new();
    let mut first: Vec<(String, Option<usize>)> = Vec::new();
    let mut rows = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut extra_columns: Vec<String> = Vec::new();
    let mut notes = Vec::new();
    let mut issues = Vec::new();
    let mut formats = Vec::new();
    for part in &parts {
        formats.push(format!("{}（{}）", part.dataset.source, part.format));
        for n in &part.notes {
            notes.push(format!("{}：{n}", part.dataset.source));
        }
        for c in &part.dataset.extra_columns {
            if !extra_columns.contains(c) {
                extra_columns.push(c.clone());
            }
        }
    }
    for part in &parts {
        for (k, s) in part.dataset.schools.iter().enumerate() {
            let (file, row) = place(part, k);
            // Extra cells by their column's header in the merged list.
            let mut extra = vec![String::new(); extra_columns.len()];
            for (c, v) in part.dataset.extra_columns.iter().zip(&s.extra) {
                if let Some(at) = extra_columns.iter().position(|x| x == c) {
                    extra[at] = v.clone();
                }
            }
            let Some(&i) = index.get(&s.id) else {
                index.insert(s.id.clone(), schools.len());
                let mut s = s.clone();
                s.extra = extra;
                schools.push(s);
                first.push((file, row));
                rows.push(row.unwrap_or(0));
                continue;
            };
            let conflict = |what: String, here: String, there: String| {
                let (f0, r0) = &first[i];
                let at = match r0 {
                    Some(r) => format!("{f0} 第 {r} 行是“{there}”"),
                    None => format!("{f0} 中是“{there}”"),
                };
                Issue {
                    file: file.clone(),
                    sheet: None,
                    row,
                    row_kind: RowKind::Row,
                    column: Some(what),
                    column_letters: None,
                    value: Some(here),
                    kind: IssueKind::Conflict { other: at },
                }
            };
            let target = &mut schools[i];
            if target.kind != s.kind {
                issues.push(conflict(
                    "学校类型".into(),
                    s.kind.zh().to_string(),
                    target.kind.zh().to_string(),
                ));
            }
            if let (Some(a), Some(b)) = (&target.county, &s.county) {
                if a != b {
                    issues.push(conflict("县区".into(), b.clone(), a.clone()));
                }
            }
            if target.name != s.name {
                notes.push(format!(
                    "学校“{}”在 {} 中名为“{}”，在 {file} 中名为“{}”：用前者 / school {} has two names; the first is used",
                    s.id, first[i].0, target.name, s.name, s.id
                ));
            }
            for &f in Field::ALL {
                match (target.values.get(f), s.values.get(f)) {
                    (Some(a), Some(b)) if a != b => issues.push(conflict(
                        f.zh_headers()[0].to_string(),
                        crate::format::as_typed(b),
                        crate::format::as_typed(a),
                    )),
                    (None, Some(b)) => target.values.set(f, b),
                    _ => {}
                }
            }
            for (t, v) in [
                (&mut target.parent_id, &s.parent_id),
                (&mut target.township, &s.township),
                (&mut target.county, &s.county),
                (&mut target.feeds_into, &s.feeds_into),
            ] {
                if t.is_none() {
                    t.clone_from(v);
                }
            }
            if target.location.is_none() {
                target.location = s.location;
            }
            for (slot, v) in target.extra.iter_mut().zip(extra) {
                if slot.is_empty() {
                    *slot = v;
                }
            }
        }
    }
    // What each school's sections need, now that all its tables are in.
    for s in &schools {
        if s.kind == SchoolKind::TeachingPoint {
            continue;
        }
        for &level in s.kind.levels() {
            if let Some(&f) = standard.missing_fields(s, level).first() {
                issues.push(Issue {
                    value: Some(s.id.clone()),
                    ..Issue::file_level(
                        &parts
                            .iter()
                            .map(|p| p.dataset.source.as_str())
                            .collect::<Vec<_>>()
                            .join("、"),
                        IssueKind::Incomplete { field: f },
                    )
                });
            }
        }
    }
    if !issues.is_empty() {
        issues.truncate(table::MAX_PROBLEMS);
        return Err(ImportError { issues });
    }
    Ok(Imported {
        dataset: Dataset {
            schools,
            extra_columns,
            source: parts
                .iter()
                .map(|p| p.dataset.source.as_str())
                .collect::<Vec<_>>()
                .join(" + "),
        },
        notes,
        format: formats.join("；"),
        rows,
    })
}
