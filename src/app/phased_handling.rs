//! Starting a phased plan from the 生成方案 form: the 年度推演's years and intake, the target
//! year, the margin and each year's budget, on the baseline data and the scenario shown.

use super::state::{PlanForm, Planning};
use super::{tasks, JunhengApp};
use std::time::Instant;

impl JunhengApp {
    pub(super) fn start_phased_plan(&mut self, form: PlanForm) {
        let tr = self.state.tr();
        let s = &mut self.state;
        let Some(spec) = s.workspace.timeline else {
            s.phased_outcome = Some(Err(tr
                .s(
                    "分年度规划需要年度推演：请先在“年度推演”页设置基年与推演到的年份。",
                    "A phased plan needs the years: set the base year and the last year on the Years page first.",
                )
                .to_string()));
            return;
        };
        let mut timeline = spec.options();
        timeline.intake = s.workspace.intake.clone();
        let mut costs = s.workspace.costs.clone();
        costs.costs.retain(|k, _| {
            crate::model::Field::from_key(k).is_some_and(|f| form.allowed.contains(&f))
        });
        let options = crate::plan::phased::PhasedOptions {
            plan: crate::plan::PlanOptions {
                costs,
                allowed: form.allowed.clone(),
                budget: None,
                rule: form.rule,
                time_limit: form.time_limit.max(1.0),
                // A plan to adopt: whole m² and 100 元, verified again.
                round: true,
                years: 1.0,
            },
            timeline,
            target_year: form
                .target_year
                .unwrap_or(spec.base_year + 1)
                .clamp(spec.base_year, spec.to),
            budgets: form
                .budgets
                .iter()
                .filter(|(y, _)| spec.years().contains(*y))
                .map(|(y, b)| (*y, b * 10_000.0))
                .collect(),
            cv_margin: form.cv_margin,
            // The scenario shown, when it applies, is where the plan starts: its dated changes
            // come first and what they spend counts against each year's budget.
            base: s
                .applied_scenario()
                .map(|(sc, _)| sc.clone())
                .unwrap_or_default(),
        };
        let cancel = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        tasks::plan_phased(
            &self.tx,
            s.base_data().clone(),
            s.workspace.standard.clone(),
            options,
            cancel.clone(),
        );
        s.plan_outcome = None;
        s.phased_outcome = None;
        s.planning = Some(Planning {
            cancel,
            started: Instant::now(),
            last: None,
            base: s.derived.baseline.clone(),
            base_changes: Vec::new(),
        });
    }
}
