//! JSON: an array of records (or `{"schools": [...]}`), keys as column headers.
//!
//! Read in two passes over the bytes, one record at a time: the first gathers the keys (the
//! table's columns, in first-seen order), the second reads each record. Memory is one record,
//! whatever the file holds (a file of millions of small records, or records each bringing keys
//! of their own).

use super::*;
use crate::standard::Standard;
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

const NOT_AN_ARRAY: &str = "顶层不是数组 / the top level is not an array";

/// Calls `each` with every record of the top-level array (or of the array under "schools"), in
/// order; `each` returns false to skip the rest (which is still checked as JSON).
struct Records<'f>(&'f mut dyn FnMut(Value) -> bool);

impl<'de> DeserializeSeed<'de> for Records<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Records<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of school records")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut going = true;
        while going {
            match seq.next_element::<Value>()? {
                Some(v) => going = (self.0)(v),
                None => return Ok(()),
            }
        }
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut each = Some(self.0);
        while let Some(key) = map.next_key::<String>()? {
            match (key.as_str(), each.take()) {
                ("schools", Some(f)) => map.next_value_seed(Records(f))?,
                (_, f) => {
                    each = f;
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if each.is_some() {
            return Err(serde::de::Error::custom(NOT_AN_ARRAY));
        }
        Ok(())
    }
}

fn for_each_record(bytes: &[u8], each: &mut dyn FnMut(Value) -> bool) -> Result<(), String> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    Records(each)
        .deserialize(&mut de)
        .and_then(|()| de.end())
        .map_err(|e| e.to_string())
}

pub(super) fn load_json(
    bytes: &[u8],
    file: &str,
    standard: &Standard,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let fail = |msg: String| ImportError::of_file(file, IssueKind::BadJson(msg));
    if !matches!(
        bytes.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'[' | b'{')
    ) {
        return Err(fail(NOT_AN_ARRAY.into()));
    }
    // First pass: the keys of all records, in first-seen order, bounded; and how many records.
    let mut headers: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut records = 0usize;
    let mut too_wide = false;
    let max_rows = options.max_rows();
    for_each_record(bytes, &mut |r| {
        records += 1;
        if let Value::Object(o) = r {
            for (k, _) in o {
                if !seen.contains(&k) {
                    seen.insert(k.clone());
                    headers.push(k);
                }
            }
        }
        too_wide = headers.len() > MAX_COLUMNS;
        // Past the row limit the second pass stops; the keys of later records are not needed.
        !too_wide && records <= max_rows
    })
    .map_err(fail)?;
    if too_wide {
        return Err(too_many_columns(file, None, headers.len()));
    }
    if records == 0 {
        return Err(ImportError::of_file(file, IssueKind::Empty));
    }
    let mut table = TableReader::new(file, None, RowKind::Record, &headers, false, standard);
    table.max_rows = max_rows;
    table.reserve(records);
    let mut n = 0usize;
    for_each_record(bytes, &mut |r| {
        n += 1;
        let Value::Object(o) = r else {
            table.report(Issue {
                row: Some(n),
                row_kind: RowKind::Record,
                ..Issue::file_level(
                    file,
                    IssueKind::BadJson("这一条不是对象 / this record is not an object".into()),
                )
            });
            return n <= max_rows;
        };
        let texts: Vec<Option<String>> = headers
            .iter()
            .map(|h| match o.get(h) {
                Some(v @ (Value::Array(_) | Value::Object(_) | Value::Bool(_))) => {
                    Some(v.to_string())
                }
                _ => None,
            })
            .collect();
        table.row(n, headers.len(), |c| {
            match headers.get(c).and_then(|h| o.get(h)) {
                None | Some(Value::Null) => Cell::Empty,
                Some(Value::Number(x)) => x.as_f64().map_or(Cell::Empty, Cell::Number),
                Some(Value::String(s)) if s.trim().is_empty() => Cell::Empty,
                Some(Value::String(s)) => Cell::Text(s),
                Some(_) => texts[c].as_deref().map_or(Cell::Empty, Cell::Text),
            }
        });
        !table.full()
    })
    .map_err(fail)?;
    table.finish("JSON".to_string())
}
