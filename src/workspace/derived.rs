//! What is computed from the work, once per change and never per frame: the baseline's
//! evaluation, the active scenario applied and evaluated with its cost, the school-level
//! conditions and the whole standard's readiness of what is shown, and — when the comparison is
//! wanted — every scenario's result side by side.

use super::Workspace;
use crate::evaluate::compare::{verdict_changes, VerdictChange};
use crate::evaluate::conditions::{evaluate_conditions, SchoolConditions};
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
    /// Applies and evaluates one scenario.
    pub fn compute(
        data: &Dataset,
        scenario: &Scenario,
        costs: &CostTable,
        standard: &Standard,
    ) -> Result<ScenarioResult, ScenarioError> {
        let dataset = apply(data, scenario)?;
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
    lang_zh: bool,
    pub baseline: Evaluation,
    /// The active scenario applied, or why it cannot apply; `None` when the baseline is shown.
    pub scenario: Option<Result<ScenarioResult, ScenarioError>>,
    /// The school-level guarantee items of the data shown.
    pub conditions: Vec<SchoolConditions>,
    /// The whole standard for what is shown.
    pub readiness: Readiness,
    /// The sections whose verdict the shown scenario changes (empty for the baseline).
    pub changes: Vec<VerdictChange>,
    /// The baseline and every scenario, when the comparison was asked for.
    pub columns: Option<Vec<Column>>,
}

impl Derived {
    /// Computes everything from scratch.
    pub fn compute(ws: &Workspace, tr: Tr, with_columns: bool) -> Derived {
        let baseline = evaluate(&ws.loaded.dataset, &ws.standard);
        let mut d = Derived {
            baseline_id: ws.baseline_id(),
            lang_zh: tr.zh(),
            baseline,
            scenario: None,
            conditions: Vec::new(),
            readiness: Readiness::default(),
            changes: Vec::new(),
            columns: None,
        };
        d.refresh(ws, tr, with_columns);
        d
    }

    /// Brings the derived results up to date after a change: the baseline is re-evaluated only
    /// when the data or the standard changed.
    pub fn update(&mut self, ws: &Workspace, tr: Tr, with_columns: bool) {
        if self.baseline_id != ws.baseline_id() {
            self.baseline = evaluate(&ws.loaded.dataset, &ws.standard);
            self.baseline_id = ws.baseline_id();
        }
        self.refresh(ws, tr, with_columns);
    }

    /// Computes the comparison if it is not there yet.
    pub fn ensure_columns(&mut self, ws: &Workspace, tr: Tr) {
        if self.columns.is_none() {
            self.columns = Some(columns(ws, &self.baseline, tr));
        }
    }

    /// Whether these results were computed in this language (readiness has words in it).
    pub fn is_in(&self, tr: Tr) -> bool {
        self.lang_zh == tr.zh()
    }

    fn refresh(&mut self, ws: &Workspace, tr: Tr, with_columns: bool) {
        self.lang_zh = tr.zh();
        self.scenario = ws
            .active_scenario()
            .map(|sc| ScenarioResult::compute(&ws.loaded.dataset, sc, &ws.costs, &ws.standard));
        let (shown_data, shown) = match &self.scenario {
            Some(Ok(r)) => (&r.dataset, &r.evaluation),
            _ => (&ws.loaded.dataset, &self.baseline),
        };
        self.conditions = evaluate_conditions(shown_data, &ws.standard);
        self.changes = match &self.scenario {
            Some(Ok(r)) => verdict_changes(&self.baseline, &r.evaluation),
            _ => Vec::new(),
        };
        self.readiness = readiness(shown, &self.conditions, &ws.county, &ws.standard, tr.zh());
        self.columns = with_columns.then(|| columns(ws, &self.baseline, tr));
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
            _ => &ws.loaded.dataset,
        }
    }

    /// Whether a scenario is being shown (so views draw the baseline as ghosts).
    pub fn comparing(&self) -> bool {
        matches!(self.scenario, Some(Ok(_)))
    }
}

fn columns(ws: &Workspace, baseline: &Evaluation, tr: Tr) -> Vec<Column> {
    let mut out = vec![Column {
        name: tr.s("现状（基线）", "Baseline").to_string(),
        result: Ok(baseline.clone()),
        cost: 0.0,
    }];
    for sc in &ws.scenarios {
        out.push(
            match ScenarioResult::compute(&ws.loaded.dataset, sc, &ws.costs, &ws.standard) {
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
            },
        );
    }
    out
}
