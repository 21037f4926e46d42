//! The JSON of `junheng evaluate --json` (DATA-FORMAT.md §3). Names are a contract: extend, never rename.
//!
//! [`EvaluationJson`] serialises straight from the evaluation, without an intermediate `Value`
//! tree, and `junheng evaluate --json` adds the whole standard's sections the same way, so a
//! national file of 200,000 schools streams to standard output.

use super::{CvResult, Evaluation, Exclusion, IndicatorResult, Unit};
use crate::model::Level;
use crate::standard::{CvWeighting, Standard};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// A finite number, or `null` (JSON has no NaN; the evaluator never produces one).
struct Num(f64);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.is_finite() {
            s.serialize_f64(self.0)
        } else {
            s.serialize_none()
        }
    }
}

/// The evaluation with its standard, ready to serialise.
pub struct EvaluationJson<'a> {
    ev: &'a Evaluation,
    standard: &'a Standard,
}

struct Units<'a>(&'a EvaluationJson<'a>);
struct UnitJson<'a>(&'a Unit, &'a Standard);
struct Indicators<'a>(&'a [IndicatorResult], &'a Standard);
struct IndicatorJson<'a>(&'a IndicatorResult);
struct Excluded<'a>(&'a [Exclusion]);
struct ExclusionJson<'a>(&'a Exclusion);
struct Cvs<'a>(&'a EvaluationJson<'a>);
struct LevelCvs<'a>(&'a EvaluationJson<'a>, Level);
struct CvJson<'a>(&'a CvResult);
struct Summary<'a>(&'a Evaluation);
struct LevelSummaryJson<'a>(&'a Evaluation, Level);

impl EvaluationJson<'_> {
    /// Writes the contract's keys into a map that is being serialised (a caller may add its own
    /// keys after them).
    pub fn write_entries<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        m.serialize_entry("standard", &self.ev.standard_id)?;
        if self.ev.cv_weighting == CvWeighting::Unweighted {
            m.serialize_entry("cv_weighting", "unweighted")?;
        }
        m.serialize_entry("units", &Units(self))?;
        m.serialize_entry("excluded", &Excluded(&self.ev.excluded))?;
        m.serialize_entry("cv", &Cvs(self))?;
        m.serialize_entry("summary", &Summary(self.ev))
    }
}

impl Serialize for EvaluationJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        self.write_entries(&mut m)?;
        m.end()
    }
}

impl Serialize for Units<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.ev.units.len()))?;
        for u in &self.0.ev.units {
            seq.serialize_element(&UnitJson(u, self.0.standard))?;
        }
        seq.end()
    }
}

impl Serialize for UnitJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let u = self.0;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("school_id", &u.school_id)?;
        m.serialize_entry("name", &u.name)?;
        m.serialize_entry("section", u.level.key())?;
        m.serialize_entry("students", &Num(u.students))?;
        m.serialize_entry("indicators", &Indicators(&u.indicators, self.1))?;
        m.serialize_entry("met_count", &u.met_count)?;
        m.serialize_entry("passes", &u.passes)?;
        if !u.merged_points.is_empty() {
            m.serialize_entry("merged_teaching_points", &u.merged_points)?;
        }
        m.end()
    }
}

impl Serialize for Indicators<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (ind, r) in self.1.indicators.iter().zip(self.0) {
            m.serialize_entry(ind.key(), &IndicatorJson(r))?;
        }
        m.end()
    }
}

impl Serialize for IndicatorJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("value", &Num(self.0.value))?;
        m.serialize_entry("threshold", &Num(self.0.threshold))?;
        m.serialize_entry("met", &self.0.met)?;
        m.end()
    }
}

impl Serialize for Excluded<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for e in self.0 {
            seq.serialize_element(&ExclusionJson(e))?;
        }
        seq.end()
    }
}

impl Serialize for ExclusionJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.0;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("school_id", &e.school_id)?;
        m.serialize_entry("reason", &e.reason.en())?;
        if let Some(level) = e.level {
            m.serialize_entry("section", level.key())?;
        }
        m.serialize_entry("reason_zh", &e.reason.zh())?;
        m.end()
    }
}

impl Serialize for Cvs<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        for level in Level::BOTH {
            m.serialize_entry(level.key(), &LevelCvs(self.0, level))?;
        }
        m.end()
    }
}

impl Serialize for LevelCvs<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (j, level) = (self.0, self.1);
        let mut m = s.serialize_map(None)?;
        for (ind, r) in j.standard.indicators.iter().zip(j.ev.cv_of(level)) {
            m.serialize_entry(ind.key(), &CvJson(r))?;
        }
        if let Some(c) = &j.ev.composite[level as usize] {
            m.serialize_entry(
                "composite",
                &serde_json::json!({"cv": c.cv, "limit": c.limit, "met": c.met}),
            )?;
        }
        m.end()
    }
}

impl Serialize for CvJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let mut m = s.serialize_map(Some(5))?;
        m.serialize_entry("cv", &Num(r.cv))?;
        m.serialize_entry("mean", &Num(r.mean))?;
        m.serialize_entry("sd", &Num(r.sd))?;
        m.serialize_entry("limit", &Num(r.limit))?;
        m.serialize_entry("met", &r.met)?;
        m.end()
    }
}

impl Serialize for Summary<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(3))?;
        for level in Level::BOTH {
            m.serialize_entry(level.key(), &LevelSummaryJson(self.0, level))?;
        }
        m.serialize_entry("resource_allocation_met", &self.0.resource_allocation_met)?;
        m.end()
    }
}

impl Serialize for LevelSummaryJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let sum = self.0.summary_of(self.1);
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("units", &sum.units)?;
        m.serialize_entry("passing", &sum.passing)?;
        m.serialize_entry("cv_met", &sum.cv_met)?;
        m.end()
    }
}

impl Evaluation {
    /// The evaluation as DATA-FORMAT.md §3's JSON, to serialise (numbers unrounded).
    pub fn json<'a>(&'a self, standard: &'a Standard) -> EvaluationJson<'a> {
        EvaluationJson { ev: self, standard }
    }

    /// The same JSON as a `serde_json::Value`, for tests and small outputs.
    pub fn to_json(&self, standard: &Standard) -> serde_json::Value {
        serde_json::to_value(self.json(standard)).unwrap_or(serde_json::Value::Null)
    }
}
