//! Dated changes (DATA-FORMAT §2): any change may carry `"year": 2026` — it holds from that
//! school year on and is absent from earlier years of a timeline (§5). A scenario keeps the year
//! of each change beside it (`Scenario::years`), written back into the change's JSON object.

use super::{Change, Scenario};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The years a change may carry.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

impl Scenario {
    /// A scenario of undated changes.
    pub fn new(name: impl Into<String>, changes: Vec<Change>) -> Scenario {
        Scenario {
            name: name.into(),
            changes,
            years: Vec::new(),
        }
    }

    /// The year change `i` takes effect from; `None`: from the base year.
    pub fn year_of(&self, i: usize) -> Option<i32> {
        self.years.get(i).copied().flatten()
    }

    /// Appends a change, dated or not.
    pub fn push(&mut self, change: Change, year: Option<i32>) {
        self.years.resize(self.changes.len(), None);
        self.changes.push(change);
        self.years.push(year);
    }

    /// Inserts a change, dated or not, at position `i` (at most the number of changes).
    pub fn insert(&mut self, i: usize, change: Change, year: Option<i32>) {
        self.years.resize(self.changes.len(), None);
        let i = i.min(self.changes.len());
        self.changes.insert(i, change);
        self.years.insert(i, year);
    }

    /// Inserts a change dated `year` after every change dated that year or earlier (and every
    /// undated one) and before the first dated later, so the list stays in order of years;
    /// returns its position.
    pub fn insert_by_year(&mut self, change: Change, year: i32) -> usize {
        let at = (0..self.changes.len())
            .find(|&i| self.year_of(i).is_some_and(|y| y > year))
            .unwrap_or(self.changes.len());
        self.insert(at, change, Some(year));
        at
    }

    /// Removes change `i` (and its year).
    pub fn remove(&mut self, i: usize) -> (Change, Option<i32>) {
        let year = self.year_of(i);
        if i < self.years.len() {
            self.years.remove(i);
        }
        (self.changes.remove(i), year)
    }

    /// Whether any change carries a year.
    pub fn is_dated(&self) -> bool {
        self.years.iter().any(Option::is_some)
    }

    /// The changes that hold in `year`: undated ones and those dated that year or earlier, in
    /// their order.
    pub fn as_of(&self, year: i32) -> Scenario {
        let mut out = Scenario::new(self.name.clone(), Vec::new());
        for (i, c) in self.changes.iter().enumerate() {
            let y = self.year_of(i);
            if y.is_none_or(|y| y <= year) {
                out.push(c.clone(), y);
            }
        }
        out
    }

    /// The changes as their JSON objects, each with its `"year"` where it has one.
    pub fn changes_json(&self) -> serde_json::Value {
        serde_json::Value::Array(
            self.changes
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let mut v = serde_json::to_value(c).unwrap_or(serde_json::Value::Null);
                    if let (Some(y), Some(map)) = (self.year_of(i), v.as_object_mut()) {
                        map.insert("year".into(), y.into());
                    }
                    v
                })
                .collect(),
        )
    }

    /// Changes read from their JSON objects, each with its `"year"` taken out (a whole number in
    /// [`YEARS`], or a refusal naming the change).
    pub fn changes_from_json(
        values: Vec<serde_json::Value>,
    ) -> Result<(Vec<Change>, Vec<Option<i32>>), String> {
        let mut changes = Vec::with_capacity(values.len());
        let mut years = Vec::with_capacity(values.len());
        for (i, mut v) in values.into_iter().enumerate() {
            let year = match v.as_object_mut().and_then(|m| m.remove("year")) {
                None | Some(serde_json::Value::Null) => None,
                Some(y) => match y.as_i64().and_then(|y| i32::try_from(y).ok()) {
                    Some(y) if YEARS.contains(&y) => Some(y),
                    _ => {
                        return Err(format!(
                            "第 {} 项变更的 year 应为 {}–{} 的整数年份，而不是 {y} / change {}: year must be a whole year",
                            i + 1,
                            YEARS.start(),
                            YEARS.end(),
                            i + 1
                        ))
                    }
                },
            };
            let change: Change = serde_json::from_value(v)
                .map_err(|e| format!("第 {} 项变更 / change {}: {e}", i + 1, i + 1))?;
            changes.push(change);
            years.push(year);
        }
        Ok((changes, years))
    }
}

impl PartialEq for Scenario {
    fn eq(&self, other: &Scenario) -> bool {
        self.name == other.name
            && self.changes == other.changes
            && (0..self.changes.len()).all(|i| self.year_of(i) == other.year_of(i))
    }
}

#[derive(Serialize)]
struct Out<'a> {
    name: &'a str,
    changes: serde_json::Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct In {
    #[serde(default)]
    name: String,
    #[serde(default)]
    changes: Vec<serde_json::Value>,
}

impl Serialize for Scenario {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Out {
            name: &self.name,
            changes: self.changes_json(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Scenario {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Scenario, D::Error> {
        let raw = In::deserialize(d)?;
        let (changes, years) =
            Scenario::changes_from_json(raw.changes).map_err(D::Error::custom)?;
        Ok(Scenario {
            name: raw.name,
            changes,
            years,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_s_year_is_read_kept_and_written_back() {
        let sc = Scenario::from_json(
            r#"{"name": "分年", "changes": [
                {"op": "add", "school_id": "S1", "field": "backbone_primary", "amount": 2},
                {"op": "add", "school_id": "S1", "field": "sports_area_m2", "amount": 900, "year": 2026},
                {"op": "transfer", "from": "S1", "to": "S2", "count": 2,
                 "fields": ["backbone_primary", "qualified_primary"], "year": 2025}
            ]}"#,
        )
        .expect("reads");
        assert_eq!(sc.years, vec![None, Some(2026), Some(2025)]);
        assert_eq!(sc.as_of(2024).changes.len(), 1);
        assert_eq!(sc.as_of(2025).changes.len(), 2);
        assert_eq!(sc.as_of(2025).years, vec![None, Some(2025)]);
        assert_eq!(sc.as_of(2030).changes.len(), 3);
        let json = serde_json::to_value(&sc).expect("writes");
        assert_eq!(json["changes"][1]["year"], 2026);
        assert!(json["changes"][0].get("year").is_none());
        let back: Scenario = serde_json::from_value(json).expect("reads back");
        assert_eq!(back, sc);
        for bad in [r#""2026""#, "2026.5", "99999", "-1"] {
            let text = format!(
                r#"{{"changes": [{{"op": "add", "school_id": "S1", "field": "books", "amount": 1, "year": {bad}}}]}}"#
            );
            let err = Scenario::from_json(&text).expect_err(bad).to_string();
            assert!(err.contains("第 1 项变更的 year"), "{err}");
        }
        // A misspelt key is still refused.
        let err = Scenario::from_json(
            r#"{"changes": [{"op": "add", "school_id": "S1", "field": "books", "ammount": 1}]}"#,
        )
        .expect_err("misspelt")
        .to_string();
        assert!(err.contains("ammount"), "{err}");
    }
}
