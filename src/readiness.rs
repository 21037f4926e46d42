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
}

/// The whole standard at once.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Readiness {
    pub areas: Vec<AreaResult>,
    /// What still fails, in words, across the whole standard.
    pub failing: Vec<String>,
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
    let mut failing = Vec::new();
    let mut areas = Vec::new();
    for area in Area::ALL {
        let (mut met, mut total) = (0, 0);
        if area == Area::ResourceAllocation {
            for level in crate::model::Level::BOTH {
                let s = ev.summary_of(level);
                total += s.units + ev.cv_of(level).len();
                met += s.passing + s.cv_met;
            }
            if !ev.resource_allocation_met {
                failing.push(if zh {
                    "资源配置：有学校或差异系数未达标".to_string()
                } else {
                    "Resource allocation: sections or CVs fail".to_string()
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
                        let lacks: Vec<String> = r.lacks.iter().map(|l| l.message(zh)).collect();
                        failing.push(format!(
                            "{}：{}：{}",
                            s.name,
                            r.condition.name(zh),
                            lacks.join("；")
                        ));
                    }
                }
            }
        }
        for it in standard.county_items().iter().filter(|i| i.area == area) {
            total += 1;
            match judge(it, value(&it.key)) {
                ItemStatus::Met => met += 1,
                status => failing.push(format!(
                    "{}：{}{}",
                    area.name(zh),
                    it.name(zh),
                    match (status, zh) {
                        (ItemStatus::Missing, true) => "（未填写）",
                        (ItemStatus::Missing, false) => " (not entered)",
                        _ => "",
                    }
                )),
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
        });
    }
    let verdict = areas.iter().all(|a| a.passes);
    Readiness {
        areas,
        failing,
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
/// `recognition`, `veto` and `verdict` (messages in Chinese, keys in English).
pub fn to_json(
    ev: &Evaluation,
    schools: &[SchoolConditions],
    entries: &[CountyEntry],
    standard: &Standard,
) -> Vec<(String, serde_json::Value)> {
    use serde_json::{json, Map, Value};
    let r = readiness(ev, schools, entries, standard, true);
    let area_passes = |a: Area| {
        r.areas
            .iter()
            .find(|x| x.area == a)
            .is_none_or(|x| x.passes)
    };
    let items = |area: Area| -> Map<String, Value> {
        standard
            .county_items()
            .iter()
            .filter(|i| i.area == area)
            .map(|i| {
                let e = entries.iter().find(|e| e.key == i.key);
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
    };
    let school_items: Vec<Value> = schools
        .iter()
        .map(|s| {
            let items: Map<String, Value> = s
                .results
                .iter()
                .map(|res| {
                    let lacks: Vec<String> = res.lacks.iter().map(|l| l.message(true)).collect();
                    (
                        res.condition.key().to_string(),
                        json!({"met": res.met(), "lacks": lacks}),
                    )
                })
                .collect();
            json!({"school_id": s.school_id, "name": s.name, "items": items})
        })
        .collect();
    let occurred: Vec<&str> = standard
        .county_items()
        .iter()
        .filter(|i| i.area == Area::Veto)
        .filter(|i| {
            judge(
                i,
                entries
                    .iter()
                    .find(|e| e.key == i.key)
                    .and_then(|e| e.value),
            ) == ItemStatus::NotMet
        })
        .map(|i| i.key.as_str())
        .collect();
    let areas: Map<String, Value> = r
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
    vec![
        (
            "guarantee".into(),
            json!({"met": area_passes(Area::Guarantee), "schools": school_items, "county": items(Area::Guarantee)}),
        ),
        (
            "quality".into(),
            json!({"met": area_passes(Area::Quality), "items": items(Area::Quality)}),
        ),
        (
            "recognition".into(),
            json!({"met": area_passes(Area::Recognition), "items": items(Area::Recognition)}),
        ),
        (
            "veto".into(),
            json!({"met": area_passes(Area::Veto), "occurred": occurred, "items": items(Area::Veto)}),
        ),
        (
            "verdict".into(),
            json!({"recognised": r.verdict, "areas": areas, "failing": r.failing}),
        ),
    ]
}
