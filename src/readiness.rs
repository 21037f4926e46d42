//! The whole standard: the four areas (resource allocation, government guarantee, education
//! quality, social recognition) and the veto items (STANDARD.md §2–§5), combined into one verdict.
//! County-level items are defined by each standard (its JSON) and entered by the user;
//! school-level items come from the data.

use crate::evaluate::conditions::SchoolConditions;
use crate::evaluate::Evaluation;
use serde::{Deserialize, Serialize};

use crate::standard::Standard;
pub use crate::standard::{Area, CountyItem, Rule};

/// What the user entered for one county-level item (saved in the project).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct CountyEntry {
    pub key: String,
    /// Yes = 1, no = 0, or the figure for an `AtLeast` item; `None` until entered.
    pub value: Option<f64>,
    /// Where the evidence is (a document, a page).
    #[serde(default)]
    pub evidence: String,
}

/// The verdict of one county-level item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemStatus {
    Met,
    NotMet,
    /// Not entered yet: counted as not met.
    Missing,
}

/// Judges one item.
pub fn judge(item: &CountyItem, value: Option<f64>) -> ItemStatus {
    let Some(v) = value.filter(|v| v.is_finite()) else {
        return ItemStatus::Missing;
    };
    let met = match item.rule {
        Rule::Yes => v >= 0.5,
        Rule::AtLeast(t) => v >= t - 1e-9 * t.abs(),
        Rule::MustNotOccur => v < 0.5,
    };
    if met {
        ItemStatus::Met
    } else {
        ItemStatus::NotMet
    }
}

/// One area's result.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaResult {
    pub area: Area,
    pub met: usize,
    pub total: usize,
    pub passes: bool,
    /// County items of the area not entered yet (neither met nor failed: 未填写).
    pub missing: usize,
}

/// How an area stands, in the words every view, slide and report uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AreaStatus {
    /// 达标.
    Met,
    /// 未填写: nothing in it fails; some items are not entered yet.
    NotEntered,
    /// 未达标: something in it fails.
    NotMet,
}

impl AreaResult {
    pub fn status(&self) -> AreaStatus {
        if self.passes {
            AreaStatus::Met
        } else if self.missing > 0 && self.met + self.missing == self.total {
            AreaStatus::NotEntered
        } else {
            AreaStatus::NotMet
        }
    }

    /// "达标", "未填写 6 项", "未达标".
    pub fn word(&self, zh: bool) -> String {
        match (self.status(), zh) {
            (AreaStatus::Met, true) => "达标".into(),
            (AreaStatus::Met, false) => "met".into(),
            (AreaStatus::NotEntered, true) => format!("未填写 {} 项", self.missing),
            (AreaStatus::NotEntered, false) => format!("{} not entered", self.missing),
            (AreaStatus::NotMet, true) => "未达标".into(),
            (AreaStatus::NotMet, false) => "not met".into(),
        }
    }
}

/// How many failing items are listed in words; the rest are counted.
pub const FAILING_LISTED: usize = 200;

/// The list of what fails: the first [`FAILING_LISTED`] in words (formatted only then), all
/// counted.
#[derive(Default)]
struct Failing {
    listed: Vec<String>,
    not_entered: Vec<bool>,
    total: usize,
}

impl Failing {
    fn push(&mut self, words: impl FnOnce() -> String) {
        self.push_item(false, words);
    }

    /// An item that fails, or (`not_entered`) one that is only not entered yet.
    fn push_item(&mut self, not_entered: bool, words: impl FnOnce() -> String) {
        self.total += 1;
        if self.listed.len() < FAILING_LISTED {
            self.listed.push(words());
            self.not_entered.push(not_entered);
        }
    }
}

/// The whole standard at once.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Readiness {
    pub areas: Vec<AreaResult>,
    /// What still fails, in words, across the whole standard: the first [`FAILING_LISTED`].
    pub failing: Vec<String>,
    /// For each line of `failing`: an item not entered yet (shown grey), not one that fails.
    pub not_entered: Vec<bool>,
    /// How many items fail in all (a county of 200,000 schools can have a million).
    pub failing_total: usize,
    /// Recognised only when all four areas pass and no veto item occurred.
    pub verdict: bool,
}

/// Combines the resource-allocation evaluation, the school-level guarantee items and the
/// county-level entries into the areas, the list of what fails and the single verdict.
pub fn readiness(
    ev: &Evaluation,
    schools: &[SchoolConditions],
    entries: &[CountyEntry],
    standard: &Standard,
    zh: bool,
) -> Readiness {
    let value = |key: &str| entries.iter().find(|e| e.key == key).and_then(|e| e.value);
    let mut failing = Failing::default();
    let mut areas = Vec::new();
    for area in Area::ALL {
        let (mut met, mut total, mut missing) = (0, 0, 0);
        if area == Area::ResourceAllocation {
            for level in crate::model::Level::BOTH {
                let s = ev.summary_of(level);
                total += s.units + ev.cv_of(level).len();
                met += s.passing + s.cv_met;
            }
            if !ev.resource_allocation_met {
                failing.push(|| {
                    if zh {
                        "资源配置：有学校或差异系数未达标".to_string()
                    } else {
                        "Resource allocation: sections or CVs fail".to_string()
                    }
                });
            }
        }
        if area == Area::Guarantee {
            for s in schools {
                for r in &s.results {
                    total += 1;
                    if r.met() {
                        met += 1;
                    } else {
                        failing.push(|| {
                            let lacks: Vec<String> =
                                r.lacks.iter().map(|l| l.message(zh)).collect();
                            format!("{}：{}：{}", s.name, r.condition.name(zh), lacks.join("；"))
                        });
                    }
                }
            }
        }
        for it in standard.county_items().iter().filter(|i| i.area == area) {
            total += 1;
            let status = judge(it, value(&it.key));
            if status == ItemStatus::Missing {
                missing += 1;
            }
            match status {
                ItemStatus::Met => met += 1,
                status => failing.push_item(status == ItemStatus::Missing, || {
                    format!(
                        "{}：{}{}",
                        area.name(zh),
                        it.name(zh),
                        match (status, zh) {
                            (ItemStatus::Missing, true) => "（未填写）",
                            (ItemStatus::Missing, false) => " (not entered)",
                            _ => "",
                        }
                    )
                }),
            }
        }
        if area != Area::ResourceAllocation && total == 0 {
            // The standard has nothing in this area (the 2012 method has no veto list).
            continue;
        }
        let passes = match area {
            Area::ResourceAllocation => ev.resource_allocation_met,
            _ => met == total,
        };
        areas.push(AreaResult {
            area,
            met,
            total,
            passes,
            missing,
        });
    }
    let verdict = areas.iter().all(|a| a.passes);
    Readiness {
        areas,
        failing: failing.listed,
        not_entered: failing.not_entered,
        failing_total: failing.total,
        verdict,
    }
}

fn status_key(s: ItemStatus) -> &'static str {
    match s {
        ItemStatus::Met => "met",
        ItemStatus::NotMet => "not_met",
        ItemStatus::Missing => "missing",
    }
}

/// The sections `junheng evaluate --json` gains for the whole standard: `guarantee`, `quality`,
/// `recognition`, `veto` and `verdict` (messages in Chinese, keys in English). Written straight
/// to the serializer: the per-school items of a national file are never held as a JSON tree.
pub struct ReadinessJson<'a> {
    schools: &'a [SchoolConditions],
    entries: &'a [CountyEntry],
    standard: &'a Standard,
    readiness: Readiness,
}

impl<'a> ReadinessJson<'a> {
    pub fn new(
        ev: &Evaluation,
        schools: &'a [SchoolConditions],
        entries: &'a [CountyEntry],
        standard: &'a Standard,
    ) -> ReadinessJson<'a> {
        ReadinessJson {
            readiness: readiness(ev, schools, entries, standard, true),
            schools,
            entries,
            standard,
        }
    }

    fn area_passes(&self, a: Area) -> bool {
        self.readiness
            .areas
            .iter()
            .find(|x| x.area == a)
            .is_none_or(|x| x.passes)
    }

    fn value_of(&self, key: &str) -> Option<&CountyEntry> {
        self.entries.iter().find(|e| e.key == key)
    }

    /// The county items of one area, keyed by item.
    fn items(&self, area: Area) -> serde_json::Map<String, serde_json::Value> {
        use serde_json::{json, Value};
        self.standard
            .county_items()
            .iter()
            .filter(|i| i.area == area)
            .map(|i| {
                let e = self.value_of(&i.key);
                let value = e.and_then(|e| e.value);
                let threshold = match i.rule {
                    Rule::AtLeast(t) => json!(t),
                    _ => Value::Null,
                };
                (
                    i.key.clone(),
                    json!({"name": i.name_zh, "value": value, "threshold": threshold, "unit": i.unit,
                           "status": status_key(judge(i, value)),
                           "evidence": e.map(|e| e.evidence.clone()).unwrap_or_default()}),
                )
            })
            .collect()
    }

    /// Writes the five sections into a map that is being serialised.
    pub fn write_entries<M: serde::ser::SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        use serde_json::{json, Map, Value};
        m.serialize_entry(
            "guarantee",
            &Guarantee {
                met: self.area_passes(Area::Guarantee),
                schools: Schools(self.schools),
                county: self.items(Area::Guarantee),
            },
        )?;
        m.serialize_entry(
            "quality",
            &json!({"met": self.area_passes(Area::Quality), "items": self.items(Area::Quality)}),
        )?;
        m.serialize_entry(
            "recognition",
            &json!({"met": self.area_passes(Area::Recognition), "items": self.items(Area::Recognition)}),
        )?;
        let occurred: Vec<&str> = self
            .standard
            .county_items()
            .iter()
            .filter(|i| i.area == Area::Veto)
            .filter(|i| judge(i, self.value_of(&i.key).and_then(|e| e.value)) == ItemStatus::NotMet)
            .map(|i| i.key.as_str())
            .collect();
        m.serialize_entry(
            "veto",
            &json!({"met": self.area_passes(Area::Veto), "occurred": occurred, "items": self.items(Area::Veto)}),
        )?;
        let areas: Map<String, Value> = self
            .readiness
            .areas
            .iter()
            .map(|a| {
                let key = serde_json::to_value(a.area)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default();
                (
                    key,
                    json!({"met": a.met, "total": a.total, "passes": a.passes}),
                )
            })
            .collect();
        m.serialize_entry(
            "verdict",
            &Verdict {
                recognised: self.readiness.verdict,
                areas,
                failing: &self.readiness.failing,
                failing_total: self.readiness.failing_total,
            },
        )
    }
}

/// `guarantee`: its verdict, every school's computed items, the county items.
#[derive(serde::Serialize)]
struct Guarantee<'a> {
    met: bool,
    schools: Schools<'a>,
    county: serde_json::Map<String, serde_json::Value>,
}

/// `verdict`: recognised or not, the areas, what still fails (the first 200 in words) and how
/// many items fail in all.
#[derive(serde::Serialize)]
struct Verdict<'a> {
    recognised: bool,
    areas: serde_json::Map<String, serde_json::Value>,
    failing: &'a [String],
    failing_total: usize,
}

/// Every school's computed guarantee items, one at a time.
struct Schools<'a>(&'a [SchoolConditions]);

impl serde::Serialize for Schools<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for school in self.0 {
            seq.serialize_element(&SchoolItems(school))?;
        }
        seq.end()
    }
}

struct SchoolItems<'a>(&'a SchoolConditions);

impl serde::Serialize for SchoolItems<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("school_id", &self.0.school_id)?;
        m.serialize_entry("name", &self.0.name)?;
        m.serialize_entry("items", &Items(self.0))?;
        m.end()
    }
}

struct Items<'a>(&'a SchoolConditions);

impl serde::Serialize for Items<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.results.len()))?;
        for res in &self.0.results {
            let lacks: Vec<String> = res.lacks.iter().map(|l| l.message(true)).collect();
            m.serialize_entry(
                res.condition.key(),
                &ItemJson {
                    met: res.met(),
                    lacks,
                },
            )?;
        }
        m.end()
    }
}

/// One computed item of one school.
#[derive(serde::Serialize)]
struct ItemJson {
    met: bool,
    lacks: Vec<String>,
}
