//! The rectification ledger (整改台账): every change of a chosen scenario (or plan) as an item —
//! the school, what, its cost once and every year, its year, the responsible unit (责任单位) and
//! person (责任人), the status with its note and the date it changed, the evidence — and its
//! progress by unit and by year. No I/O here; the store keeps it, the reports write it.

use crate::model::{Dataset, Field};
use crate::scenario::{cost_of, Change, CostTable, Scenario};
use serde::{Deserialize, Serialize};

/// The units the seed plan names as responsible for measures (suggestions; any may be typed).
pub const UNITS: [&str; 7] = [
    "教体局",
    "发改委",
    "财政局",
    "人社局",
    "编办",
    "自然资源和规划局",
    "住建局",
];

/// Where an item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 未开始.
    #[default]
    NotStarted,
    /// 进行中.
    InProgress,
    /// 已完成.
    Done,
    /// 受阻.
    Blocked,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::NotStarted,
        Status::InProgress,
        Status::Done,
        Status::Blocked,
    ];

    pub fn zh(self) -> &'static str {
        match self {
            Status::NotStarted => "未开始",
            Status::InProgress => "进行中",
            Status::Done => "已完成",
            Status::Blocked => "受阻",
        }
    }
}

/// One measure of the ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub change: Change,
    /// The school year from which it takes effect, where the scenario dates it.
    #[serde(default)]
    pub year: Option<i32>,
    /// Its deadline as typed (2026-08-31), where one is set.
    #[serde(default)]
    pub deadline: String,
    /// What it costs once and every year at the project's unit costs when the ledger was made.
    pub once: f64,
    pub per_year: f64,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub person: String,
    #[serde(default)]
    pub status: Status,
    #[serde(default)]
    pub note: String,
    /// When the status last changed (RFC 3339 or a date as typed).
    #[serde(default)]
    pub status_date: String,
    /// Paths of the evidence (文件, 照片).
    #[serde(default)]
    pub evidence: Vec<String>,
}

/// The ledger of one scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Ledger {
    /// The scenario it was made from.
    pub scenario: String,
    pub items: Vec<Item>,
}

/// Progress of a group of items (a unit, a year).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Progress {
    pub key: String,
    pub items: usize,
    pub done: usize,
    pub blocked: usize,
    pub overdue: usize,
}

impl Ledger {
    /// One item per change of the scenario, each with its cost at these unit costs (what the
    /// change costs alone, applied after the changes before it).
    pub fn from_scenario(data: &Dataset, scenario: &Scenario, costs: &CostTable) -> Ledger {
        let mut items = Vec::with_capacity(scenario.changes.len());
        let mut before = Scenario::new(scenario.name.clone(), Vec::new());
        let mut spent = cost_of(data, &before, costs);
        for (i, change) in scenario.changes.iter().enumerate() {
            before.push(change.clone(), scenario.year_of(i));
            let now = cost_of(data, &before, costs);
            items.push(Item {
                change: change.clone(),
                year: scenario.year_of(i),
                deadline: String::new(),
                once: (now.once - spent.once).max(0.0),
                per_year: (now.per_year - spent.per_year).max(0.0),
                unit: default_unit(change).to_string(),
                person: String::new(),
                status: Status::NotStarted,
                note: String::new(),
                status_date: String::new(),
                evidence: Vec::new(),
            });
            spent = now;
        }
        Ledger {
            scenario: scenario.name.clone(),
            items,
        }
    }

    /// The changes of the items marked 已完成, in order: the county as it stands now is the
    /// baseline with these applied.
    pub fn completed(&self) -> Scenario {
        let mut s = Scenario::new(format!("{}（已完成）", self.scenario), Vec::new());
        for item in self.items.iter().filter(|i| i.status == Status::Done) {
            s.push(item.change.clone(), item.year);
        }
        s
    }

    /// Whether an item is overdue on `today` (an ISO date, 2026-11-30): not done, and its
    /// deadline (or, without one, the end of its year) is before today.
    pub fn overdue(item: &Item, today: &str) -> bool {
        if item.status == Status::Done {
            return false;
        }
        let due = if item.deadline.trim().is_empty() {
            match item.year {
                Some(y) => format!("{y}-12-31"),
                None => return false,
            }
        } else {
            item.deadline.trim().to_string()
        };
        // ISO dates compare as text.
        due.as_str() < today
    }

    /// Progress by responsible unit, then by year ("未指定" / "未定年份" for the rest), in the
    /// order first met.
    pub fn progress(&self, today: &str) -> (Vec<Progress>, Vec<Progress>) {
        let group = |key: &dyn Fn(&Item) -> String| {
            let mut out: Vec<Progress> = Vec::new();
            for item in &self.items {
                let k = key(item);
                let p = match out.iter_mut().position(|p| p.key == k) {
                    Some(i) => &mut out[i],
                    None => {
                        out.push(Progress {
                            key: k,
                            ..Progress::default()
                        });
                        let last = out.len() - 1;
                        &mut out[last]
                    }
                };
                p.items += 1;
                p.done += usize::from(item.status == Status::Done);
                p.blocked += usize::from(item.status == Status::Blocked);
                p.overdue += usize::from(Ledger::overdue(item, today));
            }
            out
        };
        let by_unit = group(&|i: &Item| {
            if i.unit.trim().is_empty() {
                "未指定".to_string()
            } else {
                i.unit.trim().to_string()
            }
        });
        let by_year = group(&|i: &Item| {
            i.year
                .map_or_else(|| "未定年份".to_string(), |y| format!("{y}"))
        });
        (by_unit, by_year)
    }
}

/// The unit a change's measure usually falls to: teachers to 人社局 (with 编办 for posts), building
/// to 住建局, money and equipment to 财政局, the rest to 教体局. A suggestion the user changes.
fn default_unit(change: &Change) -> &'static str {
    let field = match change {
        Change::Add { field, .. } | Change::Set { field, .. } => Field::from_key(field),
        _ => None,
    };
    match field.map(|f| f.measure()) {
        Some(crate::model::Measure::Persons) => "人社局",
        Some(crate::model::Measure::Area | crate::model::Measure::Rooms) => "住建局",
        Some(crate::model::Measure::Money) => "财政局",
        _ => "教体局",
    }
}
