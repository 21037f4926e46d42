//! What is computed from the work, once per change and never per frame: the baseline's
//! evaluation, the active scenario applied and evaluated with its cost, the school-level
//! conditions and the whole standard's readiness of what is shown, and — when the comparison is
//! wanted — every scenario's result side by side.

use super::Workspace;
use crate::evaluate::compare::{verdict_changes, VerdictChange};
use crate::evaluate::conditions::{evaluate_conditions, SchoolConditions};
use crate::evaluate::counties::{evaluate_by_county, ranking, CountyEvaluation, CountyRank};
use crate::evaluate::{evaluate, Evaluation};
use crate::i18n::Tr;
use crate::model::Dataset;
use crate::readiness::{readiness, Readiness};
use crate::scenario::{apply, cost_of, CostReport, CostTable, Scenario, ScenarioError};
use crate::standard::Standard;

/// A scenario applied to the baseline: its data, evaluation and cost.
#[derive(Debug, Clone)]
pub struct ScenarioResult {
    pub dataset: Dataset,
    pub evaluation: Evaluation,
    pub cost: CostReport,
}

impl ScenarioResult {
    /// Applies and evaluates one scenario; with a county, to the whole data and then judged
    /// within that county.
    pub fn compute(
        data: &Dataset,
        county: Option<&str>,
        scenario: &Scenario,
        costs: &CostTable,
        standard: &Standard,
    ) -> Result<ScenarioResult, ScenarioError> {
        let mut dataset = apply(data, scenario)?;
        if let Some(c) = county {
            dataset = dataset.county_subset(c);
        }
        let evaluation = evaluate(&dataset, standard);
        let cost = cost_of(data, scenario, costs);
        Ok(ScenarioResult {
            dataset,
            evaluation,
            cost,
        })
    }
}

/// One column of the comparison: the baseline or a scenario.
#[derive(Debug, Clone)]
pub struct Column {
    pub name: String,
    /// The evaluation, or why the scenario cannot apply.
    pub result: Result<Evaluation, String>,
    pub cost: f64,
}

/// Everything derived from a [`Workspace`].
#[derive(Debug, Clone)]
pub struct Derived {
    baseline_id: u64,
    /// The county the baseline was computed for.
    county: Option<String>,
    lang_zh: bool,
    /// In a file of several counties: each county's schools and evaluation, in file order (the
    /// 县区对比 page); empty otherwise.
    pub by_county: Vec<CountyEvaluation>,
    /// The counties ranked by share of sections passing, then CVs met.
    pub county_ranking: Vec<CountyRank>,
    pub baseline: Evaluation,
    /// The baseline's evaluation in the base year (`baseline` is the shown year's).
    base_evaluation: Evaluation,
    /// The active scenario applied, or why it cannot apply; `None` when the baseline is shown.
    pub scenario: Option<Result<ScenarioResult, ScenarioError>>,
    /// The school-level guarantee items of the data shown.
    pub conditions: Vec<SchoolConditions>,
    /// The whole standard for what is shown.
    pub readiness: Readiness,
    /// The teachers the shown scenario moves in the shown year (交流轮岗), when it moves any:
    /// the figures of the county items (10) and (11).
    pub exchange: Option<crate::scenario::Exchange>,
    /// The county items the readiness is judged on: as entered, with (10) and (11) from
    /// `exchange` where there is one.
    pub county_entries: Vec<crate::readiness::CountyEntry>,
    /// The sections whose verdict the shown scenario changes (empty for the baseline).
    pub changes: Vec<VerdictChange>,
    /// The baseline and every scenario, when the comparison was asked for.
    pub columns: Option<Vec<Column>>,
    /// The timelines of the 年度推演 settings (the baseline's, and the active scenario's), kept
    /// until the data, the settings or the scenario change: choosing a year picks from them.
    pub years: Option<Years>,
    /// The year every view shows (`None`: the base year, as the data describe it).
    pub year: Option<i32>,
    /// The ledger's items done, as applied to the data (part of the baseline's identity).
    ledger_done: Option<Scenario>,
    /// The baseline before the items done (the data as imported), when some are done.
    pub ledger_before: Option<Evaluation>,
    /// Why the items done could not be applied, if they could not (the baseline stays as
    /// imported).
    ledger_error: Option<String>,
    /// The data with the items done applied (the shown county's), when some are done.
    now_data: Option<Dataset>,
    /// Timelines too large to make on the window's thread, waiting to be taken and made on a
    /// worker ([`YearsJob::run`]) and brought back with [`Derived::install_years`].
    pub years_job: Option<YearsJob>,
    /// What the timelines being made on a worker are made from, while they are.
    years_pending: Option<YearsKey>,
    /// The baseline's data in the shown year, when it is not the base year.
    year_data: Option<Dataset>,
}

/// The timelines of the baseline and of the active scenario, with what they were made from.
#[derive(Debug, Clone)]
pub struct Years {
    key: YearsKey,
    pub base: Result<crate::timeline::Timeline, String>,
    pub scenario: Option<Result<crate::timeline::Timeline, crate::timeline::TimelineError>>,
    /// The years of actual data before the base year, each evaluated as it is (the shown
    /// county's schools), in order.
    pub past: Vec<crate::timeline::Year>,
}

/// What the timelines were made from: the data, the county, the settings, the scenario, the
/// intake table and the past years.
type YearsKey = (
    u64,
    Option<String>,
    crate::timeline::Spec,
    Option<Scenario>,
    crate::timeline::Intake,
    u64,
);

impl Years {
    /// The timeline every view shows: the active scenario's, or the baseline's; `Err` with why
    /// it could not be made.
    pub fn shown(&self) -> Result<&crate::timeline::Timeline, String> {
        match (&self.scenario, &self.base) {
            (Some(Ok(t)), _) | (None, Ok(t)) => Ok(t),
            (Some(Err(e)), _) => Err(e.to_string()),
            (None, Err(e)) => Err(e.clone()),
        }
    }
}

/// Timelines of more sections × years than this are made on a worker (about 20 ms of work on
/// the window's thread at most; a 7,000-school county's 11 years take 90 ms).
const SYNC_SECTION_YEARS: usize = 20_000;

/// Whether two keys differ at most in the scenario.
fn same_but_scenario(a: &YearsKey, b: &YearsKey) -> bool {
    a.0 == b.0 && a.1 == b.1 && a.2 == b.2 && a.4 == b.4 && a.5 == b.5
}

/// What the timelines are made from, to make them off the window's thread.
#[derive(Debug, Clone)]
pub struct YearsJob {
    key: YearsKey,
    data: Dataset,
    scenario: Option<Scenario>,
    standard: Standard,
    options: crate::timeline::Options,
    past: Vec<(i32, Dataset)>,
    /// The baseline's timeline and the past years, when they still stand.
    reuse: Option<(
        Result<crate::timeline::Timeline, String>,
        Vec<crate::timeline::Year>,
    )>,
}

impl YearsJob {
    /// Sections × years to make.
    fn size(&self) -> usize {
        let years = (self.options.to - self.options.base_year + 1).max(1) as usize;
        let timelines = usize::from(self.reuse.is_none()) + usize::from(self.scenario.is_some());
        self.data.schools.len() * years * timelines
            + self.past.iter().map(|p| p.1.schools.len()).sum::<usize>()
    }

    /// Makes the timelines.
    pub fn run(self) -> Years {
        let (base, past) = match self.reuse {
            Some(r) => r,
            None => (
                crate::timeline::timeline(&self.data, None, &self.standard, &self.options)
                    .map_err(|e| e.to_string()),
                self.past
                    .into_iter()
                    .map(|(year, data)| crate::timeline::Year::actual(year, data, &self.standard))
                    .collect(),
            ),
        };
        let scenario = self.scenario.as_ref().map(|sc| {
            crate::timeline::timeline(&self.data, Some(sc), &self.standard, &self.options)
        });
        Years {
            key: self.key,
            base,
            scenario,
            past,
        }
    }
}

/// The county items as entered, with (10) and (11) computed from the shown scenario's
/// teachers moved where it moves any (the scenario is what the county would do).
fn entries_with(
    county: &[crate::readiness::CountyEntry],
    exchange: Option<crate::scenario::Exchange>,
) -> Vec<crate::readiness::CountyEntry> {
    let mut entries = county.to_vec();
    let Some(ex) = exchange else {
        return entries;
    };
    for (key, value) in [
        (EXCHANGE_KEYS[0], ex.share_pct()),
        (EXCHANGE_KEYS[1], ex.backbone_pct()),
    ] {
        let evidence = "由方案的交流轮岗计算 / computed from the scenario's teacher exchange";
        match entries.iter_mut().find(|e| e.key == key) {
            Some(e) => {
                e.value = Some(value);
                e.evidence = evidence.to_string();
            }
            None => entries.push(crate::readiness::CountyEntry {
                key: key.to_string(),
                value: Some(value),
                evidence: evidence.to_string(),
            }),
        }
    }
    entries
}

/// The county items a scenario's teacher exchange decides: (10) the share of teachers moved,
/// (11) the share of backbone teachers among them (national-2017's keys).
pub const EXCHANGE_KEYS: [&str; 2] = ["g10_rotation", "g11_backbone_rotation"];

impl Derived {
    /// The year the comparison is of, when a year other than the base year is shown and its
    /// data is there.
    fn columns_year(&self) -> ColumnsYear<'_> {
        let (Some(year), Some(data)) = (self.year, &self.year_data) else {
            return None;
        };
        let past = self
            .years
            .as_ref()
            .is_some_and(|y| y.past.iter().any(|p| p.year == year));
        Some((year, data, past))
    }

    /// The county as it stands now: the base year's baseline, which holds the ledger's items
    /// done (`None` without a ledger or with nothing done), or why they cannot apply.
    pub fn ledger_now(&self) -> Option<Result<&Evaluation, &str>> {
        match (&self.ledger_error, &self.ledger_done) {
            (Some(e), _) => Some(Err(e)),
            (None, Some(_)) => Some(Ok(&self.base_evaluation)),
            (None, None) => None,
        }
    }

    /// Whether timelines are being made on a worker (the views show the base year meanwhile).
    pub fn years_pending(&self) -> bool {
        self.years_pending.is_some()
    }

    /// Puts timelines made on a worker in place, if they are still the ones wanted, and shows
    /// the chosen year from them.
    pub fn install_years(&mut self, years: Years, ws: &Workspace, tr: Tr, with_columns: bool) {
        if self.years_pending.as_ref() != Some(&years.key) {
            return;
        }
        self.years_pending = None;
        self.years = Some(years);
        self.refresh(ws, tr, with_columns);
    }

    /// Computes everything from scratch.
    pub fn compute(ws: &Workspace, tr: Tr, with_columns: bool) -> Derived {
        Derived::compute_with(ws, tr, with_columns, None, None)
    }

    /// As [`Derived::compute`], reusing timelines already made where they still hold.
    fn compute_with(
        ws: &Workspace,
        tr: Tr,
        with_columns: bool,
        years: Option<Years>,
        years_pending: Option<YearsKey>,
    ) -> Derived {
        let by_county = if ws.loaded.dataset.counties().len() > 1 {
            evaluate_by_county(&ws.loaded.dataset, &ws.standard)
        } else {
            Vec::new()
        };
        let mut baseline = match by_county
            .iter()
            .find(|c| Some(&c.county) == ws.shown_county.as_ref())
        {
            Some(c) => c.evaluation.clone(),
            None => evaluate(&ws.loaded.dataset, &ws.standard),
        };
        // The ledger's items done have moved the data: the baseline is the county as it stands
        // now (the data with them applied), and what it was before is kept for the ledger page.
        let ledger_done = ws
            .ledger
            .as_ref()
            .map(|l| l.completed())
            .filter(|s| !s.changes.is_empty());
        let mut now_data = None;
        let mut ledger_before = None;
        let mut ledger_error = None;
        if let Some(done) = &ledger_done {
            match apply(&ws.loaded.dataset, done) {
                Ok(mut data) => {
                    if let Some(c) = &ws.shown_county {
                        if by_county.iter().any(|x| &x.county == c) {
                            data = data.county_subset(c);
                        }
                    }
                    let now = evaluate(&data, &ws.standard);
                    ledger_before = Some(std::mem::replace(&mut baseline, now));
                    now_data = Some(data);
                }
                Err(e) => ledger_error = Some(e.message(tr.zh())),
            }
        }
        let mut d = Derived {
            baseline_id: ws.baseline_id(),
            county: ws.shown_county.clone(),
            lang_zh: tr.zh(),
            county_ranking: ranking(&by_county),
            by_county,
            base_evaluation: baseline.clone(),
            baseline,
            scenario: None,
            conditions: Vec::new(),
            readiness: Readiness::default(),
            exchange: None,
            county_entries: Vec::new(),
            changes: Vec::new(),
            columns: None,
            years,
            year: ws.shown_year,
            year_data: None,
            years_job: None,
            years_pending,
            ledger_done,
            ledger_before,
            ledger_error,
            now_data,
        };
        d.refresh(ws, tr, with_columns);
        d
    }

    /// Brings the derived results up to date after a change: the baseline is re-evaluated only
    /// when the data or the standard changed.
    pub fn update(&mut self, ws: &Workspace, tr: Tr, with_columns: bool) {
        let done = ws
            .ledger
            .as_ref()
            .map(|l| l.completed())
            .filter(|s| !s.changes.is_empty());
        if self.baseline_id != ws.baseline_id()
            || self.county != ws.shown_county
            || self.ledger_done != done
        {
            let (years, pending) = (self.years.take(), self.years_pending.take());
            *self = Derived::compute_with(ws, tr, with_columns, years, pending);
            return;
        }
        // Another year: picked from the timelines already made.
        self.year = ws.shown_year;
        self.refresh(ws, tr, with_columns);
    }

    /// The baseline's data as every view shows it: the shown county's schools in a file of
    /// several, else all of them.
    pub fn base_data<'a>(&'a self, ws: &'a Workspace) -> &'a Dataset {
        if let Some(d) = &self.year_data {
            return d;
        }
        if let Some(d) = &self.now_data {
            return d;
        }
        match self
            .by_county
            .iter()
            .find(|c| Some(&c.county) == self.county.as_ref())
        {
            Some(c) => &c.data,
            None => &ws.loaded.dataset,
        }
    }

    /// Computes the comparison if it is not there yet.
    pub fn ensure_columns(&mut self, ws: &Workspace, tr: Tr) {
        if self.columns.is_none() {
            self.columns = Some(columns(
                ws,
                self.county.as_deref(),
                &self.baseline,
                self.columns_year(),
                tr,
            ));
        }
    }

    /// Whether these results were computed in this language (readiness has words in it).
    pub fn is_in(&self, tr: Tr) -> bool {
        self.lang_zh == tr.zh()
    }

    fn refresh(&mut self, ws: &Workspace, tr: Tr, with_columns: bool) {
        self.lang_zh = tr.zh();
        // The base year first; a shown year is picked again from the timelines.
        if self.year_data.take().is_some() {
            self.baseline = self.base_evaluation.clone();
        }
        // The scenario in the base year, unless the shown year's is picked from its timeline.
        if !self.refresh_years(ws) {
            let county = self.county.as_deref();
            self.scenario = ws.active_scenario().map(|sc| {
                ScenarioResult::compute(&ws.loaded.dataset, county, sc, &ws.costs, &ws.standard)
            });
        }
        let conditions = match &self.scenario {
            Some(Ok(r)) => evaluate_conditions(&r.dataset, &ws.standard),
            _ => evaluate_conditions(self.base_data(ws), &ws.standard),
        };
        self.conditions = conditions;
        let shown = match &self.scenario {
            Some(Ok(r)) => &r.evaluation,
            _ => &self.baseline,
        };
        self.changes = match &self.scenario {
            Some(Ok(r)) => verdict_changes(&self.baseline, &r.evaluation),
            _ => Vec::new(),
        };
        self.exchange = ws.active_scenario().and_then(|sc| {
            // The year shown: its own moves (the base year's are the undated ones too).
            let base = ws.timeline.map(|t| t.base_year);
            let year = ws.shown_year.or(base);
            crate::scenario::exchange(self.base_data(ws), sc, |y| {
                y == year || (y.is_none() && year == base)
            })
        });
        self.county_entries = entries_with(&ws.county, self.exchange);
        self.readiness = readiness(
            shown,
            &self.conditions,
            &self.county_entries,
            &ws.standard,
            tr.zh(),
        );
        self.columns = with_columns.then(|| {
            columns(
                ws,
                self.county.as_deref(),
                &self.baseline,
                self.columns_year(),
                tr,
            )
        });
    }

    /// Makes the timelines if the settings, the data or the active scenario changed, and puts
    /// the shown year's baseline and scenario in place of the base year's.
    /// Returns whether the shown year (baseline and scenario) was picked from the timelines.
    fn refresh_years(&mut self, ws: &Workspace) -> bool {
        let Some(spec) = ws.timeline else {
            self.years = None;
            self.years_pending = None;
            self.years_job = None;
            return false;
        };
        let key = (
            self.baseline_id,
            self.county.clone(),
            spec,
            ws.active_scenario().cloned(),
            ws.intake.clone(),
            ws.history_id(),
        );
        if self.years.as_ref().is_none_or(|y| y.key != key) {
            if self.years_pending.as_ref() == Some(&key) {
                // Being made on a worker already.
                return false;
            }
            let old = self.years.take();
            let job = YearsJob {
                data: self.base_data(ws).clone(),
                scenario: ws.active_scenario().cloned(),
                standard: ws.standard.clone(),
                options: {
                    let mut o = spec.options();
                    o.intake = ws.intake.clone();
                    o
                },
                past: ws
                    .history
                    .iter()
                    .filter(|p| p.year < spec.base_year)
                    .map(|p| {
                        let data = match &self.county {
                            Some(c) => p.dataset.county_subset(c),
                            None => p.dataset.clone(),
                        };
                        (p.year, data)
                    })
                    .collect(),
                // The baseline's timeline and the past years stand when only the scenario
                // changed.
                reuse: old
                    .filter(|y| same_but_scenario(&y.key, &key))
                    .map(|y| (y.base, y.past)),
                key: key.clone(),
            };
            if job.size() <= SYNC_SECTION_YEARS {
                self.years_pending = None;
                self.years = Some(job.run());
            } else {
                self.years_pending = Some(key);
                self.years_job = Some(job);
                return false;
            }
        }
        let (Some(year), Some(years)) = (self.year, &self.years) else {
            return false;
        };
        // A past year shows its actual data: no projection, and no scenario (its changes are
        // plans for the years ahead).
        if let Some(p) = years.past.iter().find(|p| p.year == year) {
            self.baseline = p.evaluation.clone();
            self.year_data = Some(p.data.clone());
            self.scenario = None;
            return true;
        }
        let pick = |t: &crate::timeline::Timeline| t.years.iter().find(|y| y.year == year).cloned();
        let Ok(Some(y)) = years.base.as_ref().map(pick) else {
            return false;
        };
        self.baseline = y.evaluation;
        self.year_data = Some(y.data);
        self.scenario = None;
        match (&years.scenario, ws.active_scenario()) {
            (Some(Ok(t)), Some(sc)) => {
                if let Some(y) = pick(t) {
                    let cost = cost_of(&ws.loaded.dataset, sc, &ws.costs);
                    self.scenario = Some(Ok(ScenarioResult {
                        dataset: y.data,
                        evaluation: y.evaluation,
                        cost,
                    }));
                }
            }
            (Some(Err(crate::timeline::TimelineError::Scenario { error, .. })), Some(_)) => {
                self.scenario = Some(Err(error.clone()));
            }
            _ => {}
        }
        true
    }

    /// The evaluation every view shows: the active scenario's, or the baseline's.
    pub fn shown(&self) -> &Evaluation {
        match &self.scenario {
            Some(Ok(r)) => &r.evaluation,
            _ => &self.baseline,
        }
    }

    /// The data every view shows: the active scenario's, or the baseline's.
    pub fn shown_data<'a>(&'a self, ws: &'a Workspace) -> &'a Dataset {
        match &self.scenario {
            Some(Ok(r)) => &r.dataset,
            _ => self.base_data(ws),
        }
    }

    /// Whether a scenario is being shown (so views draw the baseline as ghosts).
    pub fn comparing(&self) -> bool {
        matches!(self.scenario, Some(Ok(_)))
    }
}

/// The year a comparison is of, when it is not the base year: the year, the baseline's data in
/// it (projected, or actual for a past year), and whether it is a past year.
type ColumnsYear<'a> = Option<(i32, &'a Dataset, bool)>;

fn columns(
    ws: &Workspace,
    county: Option<&str>,
    baseline: &Evaluation,
    year: ColumnsYear<'_>,
    tr: Tr,
) -> Vec<Column> {
    let mut out = vec![Column {
        name: tr.s("现状（基线）", "Baseline").to_string(),
        result: Ok(baseline.clone()),
        cost: 0.0,
    }];
    // A past year is actual data: no scenario applies to it.
    if year.is_some_and(|(_, _, past)| past) {
        return out;
    }
    for sc in &ws.scenarios {
        // A projected year: the scenario's changes of that year and before, on the baseline's
        // projected data of that year — as the timeline makes it.
        let result = match year {
            Some((y, data, _)) => apply(data, &sc.as_of(y)).map(|dataset| {
                let evaluation = evaluate(&dataset, &ws.standard);
                ScenarioResult {
                    dataset,
                    evaluation,
                    cost: cost_of(&ws.loaded.dataset, sc, &ws.costs),
                }
            }),
            None => {
                ScenarioResult::compute(&ws.loaded.dataset, county, sc, &ws.costs, &ws.standard)
            }
        };
        out.push(match result {
            Ok(r) => Column {
                name: sc.name.clone(),
                cost: r.cost.total,
                result: Ok(r.evaluation),
            },
            Err(e) => Column {
                name: sc.name.clone(),
                cost: 0.0,
                result: Err(e.message(tr.zh())),
            },
        });
    }
    out
}
