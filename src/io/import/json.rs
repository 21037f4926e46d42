//! JSON: an array of records (or `{"schools": [...]}`), keys as column headers.

use super::*;
use crate::standard::Standard;

pub(super) fn load_json(
    bytes: &[u8],
    file: &str,
    standard: &Standard,
) -> Result<Imported, ImportError> {
    use serde_json::Value;
    let fail = |msg: String| ImportError::of_file(file, IssueKind::BadJson(msg));
    let value: Value = serde_json::from_slice(bytes).map_err(|e| fail(e.to_string()))?;
    let records = match value {
        Value::Array(a) => a,
        Value::Object(mut o) => match o.remove("schools") {
            Some(Value::Array(a)) => a,
            _ => return Err(fail("顶层不是数组 / the top level is not an array".into())),
        },
        _ => return Err(fail("顶层不是数组 / the top level is not an array".into())),
    };
    if records.is_empty() {
        return Err(ImportError::of_file(file, IssueKind::Empty));
    }
    // The keys of all records, in first-seen order; bounded, so records that each bring keys
    // of their own cannot grow the table without end.
    let mut headers: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for r in &records {
        if let Value::Object(o) = r {
            for k in o.keys() {
                if seen.insert(k.as_str()) {
                    headers.push(k.clone());
                    if headers.len() > MAX_COLUMNS {
                        return Err(too_many_columns(file, None, headers.len()));
                    }
                }
            }
        }
    }
    let mut table = TableReader::new(file, None, RowKind::Record, &headers, false, standard);
    let mut not_objects = Vec::new();
    for (i, r) in records.iter().enumerate() {
        let Value::Object(o) = r else {
            not_objects.push(i + 1);
            continue;
        };
        let texts: Vec<Option<String>> = headers
            .iter()
            .map(|h| match o.get(h) {
                Some(Value::Array(_)) | Some(Value::Object(_)) | Some(Value::Bool(_)) => {
                    o.get(h).map(|v| v.to_string())
                }
                _ => None,
            })
            .collect();
        table.row(i + 1, headers.len(), |c| {
            match headers.get(c).and_then(|h| o.get(h)) {
                None | Some(Value::Null) => Cell::Empty,
                Some(Value::Number(n)) => n.as_f64().map_or(Cell::Empty, Cell::Number),
                Some(Value::String(s)) if s.trim().is_empty() => Cell::Empty,
                Some(Value::String(s)) => Cell::Text(s),
                Some(_) => texts[c].as_deref().map_or(Cell::Empty, Cell::Text),
            }
        });
    }
    for n in not_objects {
        table.report(Issue {
            row: Some(n),
            row_kind: RowKind::Record,
            ..Issue::file_level(
                file,
                IssueKind::BadJson("这一条不是对象 / this record is not an object".into()),
            )
        });
    }
    table.finish("JSON".to_string())
}
