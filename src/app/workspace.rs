//! The planner's work beside the loaded data: scenarios, the active one, unit costs, and the
//! project file it belongs to; plus undo/redo over all of it.

use super::Loaded;
use crate::evaluate::{evaluate, Evaluation};
use crate::model::Dataset;
use crate::scenario::{apply, cost_of, CostReport, CostTable, Scenario, ScenarioError};
use crate::standard::Standard;
use std::path::PathBuf;

/// Scenarios, costs and the project file.
#[derive(Clone, Default)]
pub struct Workspace {
    pub scenarios: Vec<Scenario>,
    /// The scenario every view shows; `None` shows the baseline (现状).
    pub active: Option<usize>,
    pub costs: CostTable,
    /// The `.junheng` file this work is saved in, once it has one.
    pub project_path: Option<PathBuf>,
    /// When the data was imported (RFC 3339).
    pub imported_at: String,
    /// The county-level items of the whole standard, as entered.
    pub county: Vec<crate::readiness::CountyEntry>,
}

/// A scenario applied to the baseline: its data, evaluation and cost, or why it cannot apply.
pub struct ScenarioResult {
    pub dataset: Dataset,
    pub evaluation: Evaluation,
    pub cost: CostReport,
}

/// Applies and evaluates the active scenario.
pub fn compute(
    loaded: &Loaded,
    ws: &Workspace,
    standard: &Standard,
) -> Option<Result<ScenarioResult, ScenarioError>> {
    let scenario = ws.scenarios.get(ws.active?)?;
    Some(compute_one(loaded, scenario, &ws.costs, standard))
}

/// Applies and evaluates one scenario.
pub fn compute_one(
    loaded: &Loaded,
    scenario: &Scenario,
    costs: &CostTable,
    standard: &Standard,
) -> Result<ScenarioResult, ScenarioError> {
    let dataset = apply(&loaded.dataset, scenario)?;
    let evaluation = evaluate(&dataset, standard);
    let cost = cost_of(&loaded.dataset, scenario, costs);
    Ok(ScenarioResult {
        dataset,
        evaluation,
        cost,
    })
}

pub use crate::evaluate::compare::{baseline_value, verdict_changes, VerdictChange};

/// Everything undo restores.
#[derive(Clone)]
pub struct Snapshot {
    pub loaded: Loaded,
    pub workspace: Workspace,
    /// The standard the loaded data was evaluated with.
    pub standard: Standard,
    /// What the user did, for the Edit menu ("撤销：+2 骨干教师").
    pub label: String,
}

/// Undo and redo stacks, capped.
#[derive(Default)]
pub struct History {
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
}

/// How many steps undo keeps.
const HISTORY_MAX: usize = 200;

impl History {
    /// Records the state before a change.
    pub fn record(&mut self, before: Snapshot) {
        self.undo.push(before);
        if self.undo.len() > HISTORY_MAX {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// Steps back: returns the state to restore, given the current one.
    pub fn undo(&mut self, current: Snapshot) -> Option<Snapshot> {
        let prev = self.undo.pop()?;
        self.redo.push(Snapshot {
            label: prev.label.clone(),
            ..current
        });
        Some(prev)
    }

    /// Steps forward again.
    pub fn redo(&mut self, current: Snapshot) -> Option<Snapshot> {
        let next = self.redo.pop()?;
        self.undo.push(Snapshot {
            label: next.label.clone(),
            ..current
        });
        Some(next)
    }

    /// The label of the step undo would revert.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// The label of the step redo would repeat.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }
}
