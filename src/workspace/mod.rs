//! The planner's work as data, without a window: the loaded data, the standard, the scenarios,
//! the unit costs and the county items — and every change to them as an [`Edit`], applied in one
//! place by [`Workspace::apply`], which returns the label undo shows. [`History`] undoes and redoes
//! edits; [`Derived`] holds what is computed from the work (evaluations, readiness, the
//! comparison), once per change.

mod derived;
mod history;

pub use derived::{Column, Derived, ScenarioResult, Years, YearsJob, EXCHANGE_KEYS};
pub use history::History;

use crate::i18n::Tr;
use crate::model::{Dataset, Field};
use crate::readiness::CountyEntry;
use crate::scenario::{apply, Change, CostTable, Scenario};
use crate::standard::{Standard, StandardDef};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

/// What undo shows for an edit: "撤销：+2 骨干教师".
pub type UndoLabel = String;

/// The data on screen and where it came from.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub dataset: Dataset,
    /// The file name shown to the user.
    pub source: String,
    /// The file on disk; `None` for the embedded sample.
    pub path: Option<PathBuf>,
    /// "CSV, GBK/GB18030", "Excel/WPS", …
    pub format: String,
    /// Notes from the import (skipped totals rows).
    pub notes: Vec<String>,
}

impl Loaded {
    /// Wraps imported data.
    pub fn new(imported: crate::io::Imported, path: Option<PathBuf>) -> Loaded {
        Loaded {
            source: imported.dataset.source.clone(),
            dataset: imported.dataset,
            path,
            format: imported.format,
            notes: imported.notes,
        }
    }

    /// Whether this is the embedded sample county.
    pub fn is_sample(&self) -> bool {
        self.path.is_none()
    }
}

/// The first county of data that names several (each is judged on its own), else `None`.
fn first_of_several(counties: &[String]) -> Option<String> {
    (counties.len() > 1).then(|| counties[0].clone())
}

/// A fresh identity for data and standard, so that what is derived from them is recomputed only
/// when they change (undo restores the identity with the state).
fn next_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Everything a project holds, and everything undo restores.
#[derive(Debug, Clone, PartialEq)]
pub struct Workspace {
    pub loaded: Loaded,
    pub standard: Standard,
    pub scenarios: Vec<Scenario>,
    /// The scenario every view shows; `None` shows the baseline (现状).
    pub active: Option<usize>,
    pub costs: CostTable,
    /// The county-level items of the whole standard, as entered.
    pub county: Vec<CountyEntry>,
    /// 数据更正: values fixed by hand, already in `loaded.dataset`; re-applied to a newer import.
    pub corrections: Vec<crate::model::correction::Correction>,
    /// The meeting the work is shown at (title slide, PDF cover, Excel summary).
    pub meeting: crate::project::Meeting,
    /// When the data was imported (RFC 3339).
    pub imported_at: String,
    /// The `.junheng` file this work is saved in, once it has one.
    pub project_path: Option<PathBuf>,
    /// The 年度推演 settings (saved with the project), once set.
    pub timeline: Option<crate::timeline::Spec>,
    /// The timeline's intake table (empty: none), saved with the project.
    pub intake: crate::timeline::Intake,
    /// Years of actual data before the base year, in order (往年实际数据), saved with the project.
    pub history: Vec<crate::project::PastYear>,
    /// The rectification ledger (整改台账), once made from a scenario; saved with the project.
    pub ledger: Option<crate::ledger::Ledger>,
    /// The year every view shows, when a timeline is set; `None`: the base year. Not an edit,
    /// like [`Workspace::active`].
    pub shown_year: Option<i32>,
    /// In data of several counties, the county every view shows (the standard judges counties);
    /// `None` when the data names fewer than two. Not an edit, like [`Workspace::active`].
    pub shown_county: Option<String>,
    /// Changes whenever the data or the standard does.
    baseline_id: u64,
    /// Changes whenever the years of past data do.
    history_id: u64,
}

impl Workspace {
    /// New work on some data, under a standard.
    pub fn new(loaded: Loaded, standard: Standard, imported_at: String) -> Workspace {
        let shown_county = first_of_several(&loaded.dataset.counties());
        Workspace {
            shown_county,
            loaded,
            standard,
            scenarios: Vec::new(),
            active: None,
            costs: CostTable::default(),
            county: Vec::new(),
            corrections: Vec::new(),
            meeting: Default::default(),
            timeline: None,
            intake: Default::default(),
            history: Vec::new(),
            ledger: None,
            shown_year: None,
            imported_at,
            project_path: None,
            baseline_id: next_id(),
            history_id: next_id(),
        }
    }

    /// The identity of the baseline (data and standard): equal ids, equal baseline evaluations.
    pub fn baseline_id(&self) -> u64 {
        self.baseline_id
    }

    /// The identity of the past years' data: equal ids, equal data.
    pub fn history_id(&self) -> u64 {
        self.history_id
    }

    /// The active scenario, if one is shown.
    pub fn active_scenario(&self) -> Option<&Scenario> {
        self.scenarios.get(self.active?)
    }

    /// Whether a year other than the base year can be shown: a projected year of the timeline,
    /// or a year of actual data before its base year.
    pub fn has_year(&self, year: i32) -> bool {
        self.timeline.is_some_and(|t| {
            year != t.base_year
                && (t.years().contains(&year)
                    || (year < t.base_year && self.history.iter().any(|p| p.year == year)))
        })
    }

    /// "方案 1", "方案 2", …: the first name not yet taken.
    pub fn unique_name(&self, base: &str) -> String {
        (1..)
            .map(|n| format!("{base} {n}"))
            .find(|n| !self.scenarios.iter().any(|s| &s.name == n))
            .unwrap_or_else(|| base.to_string())
    }

    /// Shows a scenario in every view, or the baseline with `None`. Not an edit: nothing to undo
    /// or save. False when there is no such scenario.
    pub fn select(&mut self, active: Option<usize>) -> bool {
        if active.is_none_or(|i| i < self.scenarios.len()) {
            self.active = active;
            true
        } else {
            false
        }
    }

    /// Shows one county of data holding several in every view. Not an edit. False when the
    /// data has no such county.
    pub fn select_county(&mut self, county: &str) -> bool {
        if self.shown_county.is_some() && self.loaded.dataset.counties().iter().any(|c| c == county)
        {
            self.shown_county = Some(county.to_string());
            true
        } else {
            false
        }
    }

    /// Carries out one edit; the workspace is unchanged when it fails.
    pub fn apply(&mut self, edit: Edit, tr: Tr) -> Result<UndoLabel, EditError> {
        match edit {
            Edit::ReplaceData {
                loaded,
                imported_at,
                new_project,
            } => {
                let label = if loaded.is_sample() {
                    tr.s("打开示例数据", "Open the sample").to_string()
                } else {
                    format!("{}{}", tr.s("打开 ", "Open "), loaded.source)
                };
                if new_project {
                    let standard = self.standard.clone();
                    *self = Workspace::new(loaded, standard, imported_at);
                } else {
                    // New data for the same work: scenarios and costs stay, re-applied to it;
                    // the county shown stays when the new data still has it.
                    let counties = loaded.dataset.counties();
                    self.shown_county = match self.shown_county.take() {
                        Some(c) if counties.len() > 1 && counties.contains(&c) => Some(c),
                        _ => first_of_several(&counties),
                    };
                    self.loaded = loaded;
                    self.active = None;
                    self.imported_at = imported_at;
                    self.baseline_id = next_id();
                    // The corrections, by school id and field, on the new data.
                    if !self.corrections.is_empty() {
                        let r = crate::model::correction::reapply(
                            &mut self.loaded.dataset,
                            &mut self.corrections,
                        );
                        return Ok(format!(
                            "{label}{}",
                            if tr.zh() {
                                format!(
                                    "（重新应用 {} 项数据更正；{} 项新文件已改正；{} 项找不到学校）",
                                    r.applied, r.fixed_in_file, r.missing
                                )
                            } else {
                                format!(
                                    " ({} corrections re-applied; {} already in the new file; {} schools not found)",
                                    r.applied, r.fixed_in_file, r.missing
                                )
                            }
                        ));
                    }
                }
                Ok(label)
            }
            Edit::NewProject => {
                let fresh = Workspace::new(
                    self.loaded.clone(),
                    self.standard.clone(),
                    self.imported_at.clone(),
                );
                *self = Workspace {
                    baseline_id: self.baseline_id,
                    shown_county: self.shown_county.clone(),
                    // The data on screen stays as corrected; the meeting is the same.
                    corrections: self.corrections.clone(),
                    meeting: self.meeting.clone(),
                    ..fresh
                };
                Ok(tr.s("新建项目", "New project").to_string())
            }
            Edit::Correct {
                school_id,
                field,
                value,
                at,
            } => {
                let name = self
                    .loaded
                    .dataset
                    .school(&school_id)
                    .map(|s| s.name.clone())
                    .unwrap_or_default();
                let c = crate::model::correction::correct(
                    &mut self.loaded.dataset,
                    &mut self.corrections,
                    &school_id,
                    field,
                    value,
                    &at,
                )
                .map_err(|p| match p {
                    crate::model::correction::CorrectionProblem::Unchanged => EditError::Unchanged,
                    p => EditError::Refused(p.message(tr.zh())),
                })?;
                self.baseline_id = next_id();
                let before = self
                    .corrections
                    .iter()
                    .find(|x| x.school_id == school_id && x.field == field)
                    .map_or(c.old, |x| x.old);
                Ok(format!(
                    "{}{name} {} {} → {}",
                    tr.s("更正：", "Correct: "),
                    field.zh_headers()[0],
                    before.map_or("—".to_string(), crate::format::as_typed),
                    crate::format::as_typed(value)
                ))
            }
            Edit::SetTimeline(spec) => {
                if let Some(s) = &spec {
                    s.options()
                        .check()
                        .map_err(|e| EditError::Refused(e.to_string()))?;
                }
                if spec == self.timeline {
                    return Err(EditError::Unchanged);
                }
                self.timeline = spec;
                // A year outside the new span shows the base year.
                if !self.shown_year.is_some_and(|y| self.has_year(y)) {
                    self.shown_year = None;
                }
                Ok(tr.s("年度推演设置", "Timeline settings").to_string())
            }
            Edit::SetIntake(intake) => {
                if intake == self.intake {
                    return Err(EditError::Unchanged);
                }
                let label = format!(
                    "{}（{} {}）",
                    tr.s("招生表", "Intake table"),
                    intake.entries.len(),
                    tr.s("行", "rows")
                );
                self.intake = intake;
                Ok(label)
            }
            Edit::AddPastYear(past) => {
                if self.timeline.is_some_and(|t| past.year >= t.base_year) {
                    return Err(EditError::Refused(format!(
                        "{}{}",
                        past.year,
                        tr.s(
                            " 年不早于推演的基年：往年实际数据应早于基年",
                            " is not before the base year: past data must be earlier"
                        )
                    )));
                }
                if !(1900..=2200).contains(&past.year) {
                    return Err(EditError::Refused(
                        tr.s("年份应为 1900–2200", "The year must be 1900–2200")
                            .into(),
                    ));
                }
                let label = format!(
                    "{}{} {}",
                    tr.s("加入往年数据：", "Add past data: "),
                    past.year,
                    past.source
                );
                self.history.retain(|p| p.year != past.year);
                self.history.push(past);
                self.history.sort_by_key(|p| p.year);
                self.history_id = next_id();
                Ok(label)
            }
            Edit::RemovePastYear(year) => {
                let before = self.history.len();
                self.history.retain(|p| p.year != year);
                if self.history.len() == before {
                    return Err(EditError::Unchanged);
                }
                if self.shown_year == Some(year) {
                    self.shown_year = None;
                }
                self.history_id = next_id();
                Ok(format!(
                    "{}{year}",
                    tr.s("移除往年数据：", "Remove past data: ")
                ))
            }
            Edit::MakeLedger(i) => {
                let sc = self.scenarios.get(i).ok_or(EditError::NoSuchScenario(i))?;
                let ledger =
                    crate::ledger::Ledger::from_scenario(&self.loaded.dataset, sc, &self.costs);
                let label = format!(
                    "{}{}（{} {}）",
                    tr.s("生成整改台账：", "Make the ledger: "),
                    sc.name,
                    ledger.items.len(),
                    tr.s("项", "items")
                );
                self.ledger = Some(ledger);
                Ok(label)
            }
            Edit::SetLedgerItem(i, item) => {
                let ledger = self.ledger.as_mut().ok_or(EditError::Unchanged)?;
                let slot = ledger.items.get_mut(i).ok_or(EditError::NoSuchChange(i))?;
                if *slot == *item {
                    return Err(EditError::Unchanged);
                }
                let label = format!(
                    "{}{}{}{}",
                    tr.s("台账第 ", "Ledger item "),
                    i + 1,
                    tr.s(" 项：", ": "),
                    item.status.zh()
                );
                *slot = *item;
                Ok(label)
            }
            Edit::ClearLedger => {
                if self.ledger.take().is_none() {
                    return Err(EditError::Unchanged);
                }
                Ok(tr.s("删除整改台账", "Remove the ledger").to_string())
            }
            Edit::SetMeeting(m) => {
                let m = crate::project::Meeting {
                    county: m.county.trim().to_string(),
                    title: m.title.trim().to_string(),
                    date: m.date.trim().to_string(),
                };
                if m == self.meeting {
                    return Err(EditError::Unchanged);
                }
                self.meeting = m;
                Ok(tr.s("会议信息", "Meeting details").to_string())
            }
            Edit::RevertCorrection(i) => {
                let c = crate::model::correction::revert(
                    &mut self.loaded.dataset,
                    &mut self.corrections,
                    i,
                )
                .ok_or(EditError::Unchanged)?;
                self.baseline_id = next_id();
                Ok(format!(
                    "{}{} {}",
                    tr.s("还原更正：", "Revert correction: "),
                    c.school_id,
                    c.field.zh_headers()[0]
                ))
            }
            Edit::AddChange(change) => self.add_change(change, None, tr),
            Edit::AddChangeFrom(change, year) => self.add_change(change, Some(year), tr),
            Edit::RemoveChange(i) => {
                let a = self.active.ok_or(EditError::NoScenario)?;
                if i >= self.scenarios[a].changes.len() {
                    return Err(EditError::NoSuchChange(i));
                }
                let (removed, _) = self.scenarios[a].remove(i);
                Ok(format!(
                    "{}{}",
                    tr.s("删除变更：", "Remove change: "),
                    removed.describe_in(Some(&self.loaded.dataset), tr.zh())
                ))
            }
            Edit::NewScenario => {
                let name = self.unique_name(tr.s("方案", "Scenario"));
                self.push_active(Scenario {
                    name: name.clone(),
                    changes: Vec::new(),
                    years: Vec::new(),
                });
                Ok(format!("{}{name}", tr.s("新建方案：", "New scenario: ")))
            }
            Edit::DuplicateScenario(i) => {
                let sc = self
                    .scenarios
                    .get(i)
                    .cloned()
                    .ok_or(EditError::NoSuchScenario(i))?;
                let name = self.unique_name(&format!("{} {}", sc.name, tr.s("副本", "copy")));
                self.push_active(Scenario {
                    name: name.clone(),
                    ..sc
                });
                Ok(format!(
                    "{}{name}",
                    tr.s("复制方案：", "Duplicate scenario: ")
                ))
            }
            Edit::AddScenario(sc) => {
                let name = sc.name.clone();
                if self.scenarios.iter().any(|s| s.name == name) {
                    return Err(EditError::DuplicateName(name));
                }
                self.push_active(sc);
                Ok(format!("{}{name}", tr.s("生成方案：", "Plan: ")))
            }
            Edit::RenameScenario(i, name) => {
                let name = name.trim().to_string();
                if i >= self.scenarios.len() {
                    return Err(EditError::NoSuchScenario(i));
                }
                if name.is_empty() {
                    return Err(EditError::Unchanged);
                }
                if self.scenarios.iter().any(|s| s.name == name) {
                    return Err(EditError::DuplicateName(name));
                }
                self.scenarios[i].name = name.clone();
                Ok(format!(
                    "{}{name}",
                    tr.s("重命名方案：", "Rename scenario: ")
                ))
            }
            Edit::DeleteScenario(i) => {
                if i >= self.scenarios.len() {
                    return Err(EditError::NoSuchScenario(i));
                }
                let sc = self.scenarios.remove(i);
                self.active = match self.active {
                    Some(a) if a == i => None,
                    Some(a) if a > i => Some(a - 1),
                    other => other,
                };
                Ok(format!(
                    "{}{}",
                    tr.s("删除方案：", "Delete scenario: "),
                    sc.name
                ))
            }
            Edit::SetTransfer(transfer) => {
                if self.costs.transfer == transfer {
                    return Err(EditError::Unchanged);
                }
                let mut costs = self.costs.clone();
                costs.transfer = transfer;
                costs.check().map_err(EditError::Refused)?;
                self.costs = costs;
                Ok(tr
                    .s("交流轮岗设置", "Teacher exchange settings")
                    .to_string())
            }
            Edit::SetCost(field, cost) => {
                if !cost.is_valid() {
                    let bad = if cost.once.is_finite() && cost.once >= 0.0 {
                        cost.per_year
                    } else {
                        cost.once
                    };
                    return Err(EditError::BadCost(bad));
                }
                if self.costs.unit(field) == cost {
                    return Err(EditError::Unchanged);
                }
                self.costs.set(field, cost);
                let amount = match (cost.once > 0.0, cost.per_year > 0.0) {
                    (_, false) => format!("{}", cost.once),
                    (false, true) => format!("{}{}", cost.per_year, tr.s("/年", "/year")),
                    (true, true) => {
                        format!("{} + {}{}", cost.once, cost.per_year, tr.s("/年", "/year"))
                    }
                };
                Ok(format!(
                    "{}{} = {amount}",
                    tr.s("单价：", "Unit cost: "),
                    tr.s(field.zh_headers()[0], field.key()),
                ))
            }
            Edit::SetStandard(def) => {
                if *def == self.standard.def {
                    return Err(EditError::Unchanged);
                }
                let standard =
                    Standard::from_def(*def).map_err(|e| EditError::BadStandard(e.to_string()))?;
                let label = format!(
                    "{}{}",
                    tr.s("标准：", "Standard: "),
                    tr.s(&standard.def.name_zh, &standard.def.name_en)
                );
                self.standard = standard;
                self.baseline_id = next_id();
                Ok(label)
            }
            Edit::SetCountyEntry {
                key,
                value,
                evidence,
            } => {
                let item = self
                    .standard
                    .county_items()
                    .iter()
                    .find(|i| i.key == key)
                    .ok_or_else(|| EditError::UnknownItem(key.clone()))?;
                let label = format!("{}{}", tr.s("填写：", "Entered: "), item.name(tr.zh()));
                let current = self.county.iter().find(|e| e.key == key);
                if current.map(|e| (e.value, e.evidence.as_str()))
                    == Some((value, evidence.as_str()))
                    || (current.is_none() && value.is_none() && evidence.is_empty())
                {
                    return Err(EditError::Unchanged);
                }
                if value.is_some_and(|v| !v.is_finite()) {
                    return Err(EditError::BadValue(key));
                }
                self.county.retain(|e| e.key != key);
                self.county.push(CountyEntry {
                    key,
                    value,
                    evidence,
                });
                Ok(label)
            }
        }
    }

    /// Adds a change (from `year` on, or undated) to the active scenario — or to a new one —
    /// after checking that the scenario still applies.
    fn add_change(
        &mut self,
        change: Change,
        year: Option<i32>,
        tr: Tr,
    ) -> Result<String, EditError> {
        let (mut trial, index) = match self.active {
            Some(a) => (self.scenarios[a].clone(), Some(a)),
            None => (
                Scenario::new(self.unique_name(tr.s("方案", "Scenario")), Vec::new()),
                None,
            ),
        };
        trial.push(change.clone(), year);
        apply(&self.loaded.dataset, &trial).map_err(|e| EditError::Refused(e.message(tr.zh())))?;
        match index {
            Some(a) => self.scenarios[a] = trial,
            None => self.push_active(trial),
        }
        let words = change.describe_in(Some(&self.loaded.dataset), tr.zh());
        Ok(match year {
            Some(y) => format!("{words}（{y} 年起）"),
            None => words,
        })
    }

    fn push_active(&mut self, sc: Scenario) {
        self.scenarios.push(sc);
        self.active = Some(self.scenarios.len() - 1);
    }
}

/// Every change a user can make to the work.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// New data: for the same work (scenarios and costs stay, re-applied to it), or, with
    /// `new_project`, a fresh start on it (the sample).
    ReplaceData {
        loaded: Loaded,
        imported_at: String,
        new_project: bool,
    },
    /// A new project on the data on screen: no scenarios, default costs, no county items.
    NewProject,
    /// Corrects one value of the data (数据更正), checked as the importer checks a cell; `at` is
    /// when (RFC 3339).
    Correct {
        school_id: String,
        field: Field,
        value: f64,
        at: String,
    },
    /// Takes back the correction at this position of the list: the old value is restored.
    RevertCorrection(usize),
    /// The county's name, the meeting and its date, for the title slide and the reports.
    SetMeeting(crate::project::Meeting),
    /// Adds a change to the active scenario (a new scenario when the baseline is shown), after
    /// checking that it applies.
    AddChange(Change),
    /// As `AddChange`, the change taking effect from a school year on (DATA-FORMAT §2).
    AddChangeFrom(Change, i32),
    /// Sets (or clears) the 年度推演 settings.
    SetTimeline(Option<crate::timeline::Spec>),
    /// Replaces the timeline's intake table.
    SetIntake(crate::timeline::Intake),
    /// Adds a year of actual data before the base year (replacing that year's, if there is one).
    AddPastYear(crate::project::PastYear),
    /// Removes the year of actual data of this year.
    RemovePastYear(i32),
    /// Makes the ledger from the scenario at this position (replacing one made before).
    MakeLedger(usize),
    /// Replaces an item of the ledger (its unit, person, status, note, deadline, evidence).
    SetLedgerItem(usize, Box<crate::ledger::Item>),
    /// Removes the ledger.
    ClearLedger,
    /// Removes the change at this position of the active scenario.
    RemoveChange(usize),
    NewScenario,
    DuplicateScenario(usize),
    /// Adds a whole scenario (a plan) and shows it.
    AddScenario(Scenario),
    RenameScenario(usize, String),
    DeleteScenario(usize),
    SetCost(Field, crate::scenario::UnitCost),
    /// Lets the planner move teachers (交流轮岗) at this yearly cost and share, or not (`None`).
    SetTransfer(Option<crate::scenario::TransferCost>),
    /// Uses this standard (a built-in one, or a copy with edited thresholds, limits and county
    /// items).
    SetStandard(Box<StandardDef>),
    /// Enters a county-level item: its value (yes = 1, no = 0, or a figure; `None` clears it)
    /// and where the evidence is.
    SetCountyEntry {
        key: String,
        value: Option<f64>,
        evidence: String,
    },
}

impl PartialEq for Loaded {
    fn eq(&self, other: &Loaded) -> bool {
        self.dataset == other.dataset
            && self.source == other.source
            && self.path == other.path
            && self.format == other.format
            && self.notes == other.notes
    }
}

/// Why an edit was not carried out (nothing changed).
#[derive(Debug, Clone, PartialEq)]
pub enum EditError {
    /// The edit would change nothing.
    Unchanged,
    /// The change needs a scenario, and the baseline is shown.
    NoScenario,
    NoSuchChange(usize),
    NoSuchScenario(usize),
    /// Another scenario already has this name.
    DuplicateName(String),
    /// The change does not apply to the data (the scenario's message).
    Refused(String),
    /// A unit cost must be a number of 0 or more.
    BadCost(f64),
    /// The standard is not valid.
    BadStandard(String),
    /// The standard has no county item with this key.
    UnknownItem(String),
    /// A county item's value is not a number.
    BadValue(String),
}

impl EditError {
    /// The reason in the user's language; `None` for an edit that simply changed nothing.
    pub fn message(&self, tr: Tr) -> Option<String> {
        Some(match self {
            EditError::Unchanged => return None,
            EditError::NoScenario => tr
                .s(
                    "当前显示现状，没有可修改的方案",
                    "the baseline is shown: no scenario to change",
                )
                .to_string(),
            EditError::NoSuchChange(i) => tr
                .s(
                    &format!("没有第 {} 项变更", i + 1),
                    &format!("no change number {}", i + 1),
                )
                .to_string(),
            EditError::NoSuchScenario(i) => tr
                .s(
                    &format!("没有第 {} 个方案", i + 1),
                    &format!("no scenario number {}", i + 1),
                )
                .to_string(),
            EditError::DuplicateName(name) => format!(
                "{}“{name}”",
                tr.s("已有同名方案：", "A scenario already has the name ")
            ),
            EditError::Refused(m) | EditError::BadStandard(m) => m.clone(),
            EditError::BadCost(c) => format!(
                "{}{c}",
                tr.s("单价应为非负数：", "a unit cost must be 0 or more: ")
            ),
            EditError::UnknownItem(k) => format!(
                "{}{k}",
                tr.s(
                    "当前标准没有此县级指标：",
                    "the standard has no county item "
                )
            ),
            EditError::BadValue(k) => format!("{}{k}", tr.s("数值无效：", "not a number: ")),
        })
    }
}
