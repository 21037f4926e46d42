//! The JSON of `junheng evaluate --json` (DATA-FORMAT.md §3). Names are a contract: extend, never rename.

use super::Evaluation;
use crate::model::Level;
use crate::standard::{CvWeighting, Standard};
use serde_json::{json, Map, Value};

fn num(x: f64) -> Value {
    // JSON has no NaN or infinity; the evaluator never produces them, but never print invalid JSON.
    serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
}

impl Evaluation {
    /// The evaluation as the JSON object of DATA-FORMAT.md §3 (numbers unrounded).
    pub fn to_json(&self, standard: &Standard) -> Value {
        let units: Vec<Value> = self
            .units
            .iter()
            .map(|u| {
                let mut indicators = Map::new();
                for (ind, r) in standard.indicators.iter().zip(&u.indicators) {
                    indicators.insert(
                        ind.key().to_string(),
                        json!({"value": num(r.value), "threshold": num(r.threshold), "met": r.met}),
                    );
                }
                let mut o = Map::new();
                o.insert("school_id".into(), json!(u.school_id));
                o.insert("name".into(), json!(u.name));
                o.insert("section".into(), json!(u.level.key()));
                o.insert("students".into(), num(u.students));
                o.insert("indicators".into(), Value::Object(indicators));
                o.insert("met_count".into(), json!(u.met_count));
                o.insert("passes".into(), json!(u.passes));
                if !u.merged_points.is_empty() {
                    o.insert("merged_teaching_points".into(), json!(u.merged_points));
                }
                Value::Object(o)
            })
            .collect();
        let excluded: Vec<Value> = self
            .excluded
            .iter()
            .map(|e| {
                let mut o = Map::new();
                o.insert("school_id".into(), json!(e.school_id));
                o.insert("reason".into(), json!(e.reason.en()));
                if let Some(level) = e.level {
                    o.insert("section".into(), json!(level.key()));
                }
                o.insert("reason_zh".into(), json!(e.reason.zh()));
                Value::Object(o)
            })
            .collect();
        let mut cv = Map::new();
        let mut summary = Map::new();
        for level in Level::BOTH {
            let mut m = Map::new();
            for (ind, r) in standard.indicators.iter().zip(self.cv_of(level)) {
                m.insert(
                    ind.key().to_string(),
                    json!({"cv": num(r.cv), "mean": num(r.mean), "sd": num(r.sd),
                           "limit": num(r.limit), "met": r.met}),
                );
            }
            if let Some(c) = &self.composite[level as usize] {
                m.insert(
                    "composite".into(),
                    json!({"cv": num(c.cv), "limit": num(c.limit), "met": c.met}),
                );
            }
            cv.insert(level.key().into(), Value::Object(m));
            let s = self.summary_of(level);
            summary.insert(
                level.key().into(),
                json!({"units": s.units, "passing": s.passing, "cv_met": s.cv_met}),
            );
        }
        summary.insert(
            "resource_allocation_met".into(),
            json!(self.resource_allocation_met),
        );
        let mut root = Map::new();
        root.insert("standard".into(), json!(self.standard_id));
        if self.cv_weighting == CvWeighting::Unweighted {
            root.insert("cv_weighting".into(), json!("unweighted"));
        }
        root.insert("units".into(), Value::Array(units));
        root.insert("excluded".into(), Value::Array(excluded));
        root.insert("cv".into(), Value::Object(cv));
        root.insert("summary".into(), Value::Object(summary));
        Value::Object(root)
    }
}
