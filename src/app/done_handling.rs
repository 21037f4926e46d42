//! What background tasks report (a [`Done`]): files opened, the planner's progress and plan,
//! the system dialog's answer, saves, written reports, and the 年度推演 page's files, applied
//! to the state as [`super::command_handling`] applies commands.

use super::command::{Command, Done, Written};
use super::settings::{SavedView, RECENT_MAX};
use super::state::{PhasedOutcome, PlanOutcome, Problems};
use super::tasks::DialogPurpose;
use super::JunhengApp;
use crate::io::open::OpenError;
use crate::project::now_rfc3339;
use crate::workspace::{Edit, Loaded, Workspace};
use std::path::PathBuf;
use std::time::Instant;

impl JunhengApp {
    pub(super) fn handle_done(&mut self, done: Done) {
        let tr = self.state.tr();
        match done {
            Done::Opened { id, paths, result } => {
                // Only the latest open counts: an earlier one still running is stale.
                if self.state.loading.as_ref().is_some_and(|l| l.id == id) {
                    self.opened(paths, *result);
                }
            }
            Done::Previewed { path, result } => self.previewed(path, *result),
            Done::Years(years) => {
                let s = &mut self.state;
                let (tr, columns) = (s.tr(), s.on(super::settings::Panel::Compare));
                s.derived.install_years(*years, &s.workspace, tr, columns);
            }
            Done::IntakeRead(result) => {
                self.state.years_loading = None;
                match *result {
                    Ok(intake) => {
                        self.edit(Edit::SetIntake(intake));
                    }
                    Err(e) => self.state.change_error = Some(e),
                }
            }
            Done::PastRead(result) => {
                self.state.years_loading = None;
                match *result {
                    Ok(past) => {
                        self.edit(Edit::AddPastYear(past));
                    }
                    Err(e) => self.state.change_error = Some(e),
                }
            }
            Done::PlanProgress(p) => {
                if let Some(planning) = &mut self.state.planning {
                    planning.last = Some(p);
                }
            }
            Done::Planned(result) => {
                let Some(planning) = self.state.planning.take() else {
                    return;
                };
                match *result {
                    Ok(plan) => {
                        let name = self
                            .state
                            .workspace
                            .unique_name(tr.s("生成方案", "Generated plan"));
                        let mut changes = planning.base_changes;
                        changes.extend(plan.changes.iter().cloned());
                        self.edit(Edit::AddScenario(crate::scenario::Scenario {
                            name: name.clone(),
                            changes,
                            years: Vec::new(),
                        }));
                        let s = &mut self.state;
                        s.status = Some(format!(
                            "{}{name}",
                            tr.s("方案已生成并打开：", "Plan made and opened: ")
                        ));
                        let explanation = crate::plan::explain::explain(
                            &plan,
                            &planning.base,
                            &s.workspace.standard,
                            tr,
                        );
                        s.plan_outcome = Some(Ok(PlanOutcome {
                            plan,
                            base: planning.base,
                            scenario: name,
                            explanation,
                        }));
                    }
                    Err(e) => self.state.plan_outcome = Some(Err(e)),
                }
            }
            Done::PlannedPhased(result) => {
                if self.state.planning.take().is_none() {
                    return;
                }
                match *result {
                    Ok(plan) => {
                        // An infeasible answer opens nothing: its explanation says why.
                        let name = if plan.scenario.changes.is_empty() {
                            String::new()
                        } else {
                            let name = self
                                .state
                                .workspace
                                .unique_name(tr.s("分年度方案", "Phased plan"));
                            let mut sc = plan.scenario.clone();
                            sc.name = name.clone();
                            self.edit(Edit::AddScenario(sc));
                            self.state.status = Some(format!(
                                "{}{name}",
                                tr.s("分年度方案已生成并打开：", "Phased plan made and opened: ")
                            ));
                            name
                        };
                        self.state.phased_outcome = Some(Ok(PhasedOutcome {
                            plan,
                            scenario: name,
                        }));
                    }
                    Err(e) => self.state.phased_outcome = Some(Err(e)),
                }
            }
            Done::Picked(purpose, picked) => {
                self.state.dialog_open = false;
                let w = &mut self.view.windows;
                match (purpose, picked) {
                    (DialogPurpose::Open, Some(p)) => {
                        w.path_input = p.display().to_string();
                        self.tx.send(Command::Open(p));
                    }
                    (DialogPurpose::Template, Some(p)) => {
                        let per_school = w.per_school;
                        self.tx.send(Command::WriteTemplate(p, per_school))
                    }
                    (DialogPurpose::Report, Some(p)) => {
                        w.report_input = p.display().to_string();
                        self.tx.send(Command::ExportReport(p));
                    }
                    (DialogPurpose::SaveAs, Some(p)) => {
                        w.save_as_input = p.display().to_string();
                        self.tx.send(Command::SaveProjectAs(p));
                    }
                    (DialogPurpose::Intake, Some(p)) => {
                        self.view.years_form.intake_path = p.display().to_string();
                        self.tx.send(Command::LoadIntake(p));
                    }
                    (DialogPurpose::PastYear, Some(p)) => {
                        let f = &mut self.view.years_form;
                        f.past_path = p.display().to_string();
                        self.tx.send(Command::AddPastYear(p, f.past_year));
                    }
                    (_, None) => self.state.dialog_hint = true,
                }
            }
            Done::Saved { path, of, result } => {
                let s = &mut self.state;
                s.saving = false;
                s.last_save = Instant::now();
                let same_work = of.document == s.document;
                match result {
                    // Work opened since the save began keeps its own file and unsaved state.
                    Ok(()) if !same_work => {}
                    Ok(()) => {
                        if !of.autosave {
                            // The autosave file is not the user's project: Save still asks
                            // where to save.
                            s.workspace.project_path = Some(path.clone());
                            s.settings.last_project = Some(path.clone());
                            self.view.windows.save_as = false;
                        } else {
                            s.settings.last_project = Some(path.clone());
                        }
                        if s.generation == of.generation {
                            s.dirty = false;
                        }
                        s.status = Some(format!("{}{}", tr.s("已保存 ", "Saved "), path.display()));
                    }
                    Err(e) => {
                        s.status = Some(format!("{}{e}", tr.s("保存失败：", "Save failed: ")));
                    }
                }
                if let Some((path, autosave)) = self.state.pending_save.take() {
                    self.save(path, autosave);
                }
            }
            Done::Written { what, result } => {
                if what == Written::Report && result.is_ok() {
                    self.view.windows.report = false;
                }
                self.state.status = Some(match result {
                    Ok(m) | Err(m) => m,
                });
            }
        }
    }

    /// A finished open: new data (or a whole project), or the problems with the old data kept.
    fn opened(&mut self, paths: Vec<PathBuf>, result: Result<crate::io::open::Opened, OpenError>) {
        self.state.loading = None;
        let tr = self.state.tr();
        let Some(path) = paths.first().cloned() else {
            return;
        };
        // Several files read together are not one file to reopen at start or from the list.
        let one = paths.len() == 1;
        let file = paths
            .iter()
            .map(|p| {
                p.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| p.display().to_string())
            })
            .collect::<Vec<_>>()
            .join(" + ");
        match result {
            Ok(opened) => {
                let notes = match opened.imported.notes.as_slice() {
                    [] => String::new(),
                    [one] => format!(" · {one}"),
                    [first, rest @ ..] => format!(
                        " · {first}{}{}{}",
                        tr.s("（另有 ", " (and "),
                        rest.len(),
                        tr.s(" 条提示）", " more notes)")
                    ),
                };
                self.state.status = Some(format!(
                    "{}{} ({} {}){notes}",
                    tr.s("已打开 ", "Opened "),
                    file,
                    opened.imported.dataset.schools.len(),
                    tr.s("所学校", "schools")
                ));
                // What to check (a value a school rarely has, a formula saved as 0) is listed in
                // the problems panel, under the data just opened.
                let notes = opened.imported.notes.clone();
                let loaded = Loaded::new(opened.imported, opened.path);
                match opened.project {
                    Some(project) => {
                        // Freshly opened: nothing unsaved, and undo does not cross into the
                        // file.
                        let mut ws = Workspace::new(loaded, project.standard, project.imported_at);
                        ws.scenarios = project.scenarios;
                        ws.costs = project.costs;
                        ws.county = project.county;
                        ws.corrections = project.corrections;
                        ws.meeting = project.meeting;
                        ws.timeline = project.timeline;
                        ws.intake = project.intake;
                        ws.history = project.history;
                        ws.ledger = project.ledger;
                        ws.project_path = Some(path.clone());
                        let s = &mut self.state;
                        s.workspace = ws;
                        s.document += 1;
                        s.history.clear();
                        s.dirty = false;
                        s.generation += 1;
                        // The view as it was saved: panel, level, indicator and the scenario.
                        if let Ok(v) = serde_json::from_str::<SavedView>(&project.view) {
                            s.settings.panel = v.settings.panel;
                            s.settings.level = v.settings.level;
                            s.settings.indicator = v.settings.indicator;
                            s.workspace.select(v.active);
                            if let Some(c) = &v.county {
                                s.workspace.select_county(c);
                            }
                        }
                        s.settings.last_project = Some(path.clone());
                        self.refresh();
                    }
                    None => {
                        self.edit(Edit::ReplaceData {
                            loaded,
                            imported_at: now_rfc3339(),
                            new_project: false,
                        });
                        self.state.settings.last_file = one.then(|| path.clone());
                    }
                }
                let s = &mut self.state;
                s.problems = (!notes.is_empty()).then(|| Problems {
                    file: file.clone(),
                    path: None,
                    issues: Vec::new(),
                    notes,
                });
                s.section = None;
                self.view.windows.open = false;
                if one {
                    s.settings.recent.retain(|p| p != &path);
                    s.settings.recent.insert(0, path);
                    s.settings.recent.truncate(RECENT_MAX);
                }
            }
            Err(e) => {
                let s = &mut self.state;
                if s.settings.last_file.as_deref() == Some(path.as_path()) {
                    s.settings.last_file = s.workspace.loaded.path.clone();
                }
                if s.settings.last_project.as_deref() == Some(path.as_path()) {
                    s.settings.last_project = None;
                }
                let mappable = one && matches!(e, OpenError::Import(_));
                let issues = match e {
                    OpenError::Import(e) => e.issues,
                    OpenError::Project(msg) => vec![crate::io::Issue {
                        file: file.clone(),
                        sheet: None,
                        row: None,
                        row_kind: crate::io::RowKind::Row,
                        column: None,
                        column_letters: None,
                        value: None,
                        kind: crate::io::IssueKind::Unreadable(msg),
                    }],
                };
                s.problems = Some(Problems {
                    file,
                    path: mappable.then(|| path.clone()),
                    issues,
                    notes: Vec::new(),
                });
            }
        }
    }
}
