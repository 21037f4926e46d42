//! The one place the app's state changes: every [`Command`] from the views, menus and shortcuts,
//! and every [`Done`] from a background task. Edits to the work go through
//! [`crate::workspace::History::apply`], so each can be undone; what is derived is brought up to
//! date right after.

use super::command::{Command, Message};
use super::settings::{Panel, Theme};
use super::state::{Loading, Planning};
use super::tasks::{self, DialogPurpose, Page};
use super::{views, JunhengApp};
use crate::project::now_rfc3339;
use crate::workspace::{Edit, EditError, Loaded};
use eframe::egui;
use std::path::PathBuf;
use std::time::Instant;

impl JunhengApp {
    /// Applies every message that has arrived: the only place that changes the app's state.
    pub(super) fn handle_messages(&mut self, ctx: &egui::Context) {
        while let Ok(message) = self.rx.try_recv() {
            match message {
                Message::Command(c) => self.handle(ctx, c),
                Message::Done(d) => self.handle_done(d),
            }
        }
    }

    /// Carries out an edit of the work: recorded for undo, marked unsaved, the derived results
    /// brought up to date; refused with its reason otherwise.
    pub(super) fn edit(&mut self, edit: Edit) -> bool {
        let tr = self.state.tr();
        let s = &mut self.state;
        match s.history.apply(&mut s.workspace, edit, tr) {
            Ok(_) => {
                s.dirty = true;
                s.generation += 1;
                s.change_error = None;
                self.refresh();
                true
            }
            // A standard that cannot be used is said on the standard page; other refusals where
            // the change was made.
            Err(EditError::BadStandard(m)) => {
                s.standard_error = Some(m);
                false
            }
            Err(e) => {
                if let Some(m) = e.message(tr) {
                    s.change_error = Some(m);
                }
                false
            }
        }
    }

    /// Recomputes what is derived from the work (the comparison only when it is on screen).
    pub(super) fn refresh(&mut self) {
        let s = &mut self.state;
        let tr = s.tr();
        let columns = s.on(Panel::Compare);
        s.derived.update(&s.workspace, tr, columns);
        // Timelines too large for the window's thread are made on a worker.
        if let Some(job) = s.derived.years_job.take() {
            tasks::years(&self.tx, job);
        }
        if s.settings.indicator >= s.workspace.standard.indicators.len() {
            s.settings.indicator = 0;
        }
    }

    fn handle(&mut self, ctx: &egui::Context, command: Command) {
        let tr = self.state.tr();
        let s = &mut self.state;
        match command {
            Command::Open(path) => self.handle(ctx, Command::OpenMany(vec![path])),
            Command::OpenMany(paths) => {
                let Some(path) = paths.first().cloned() else {
                    return;
                };
                s.opens += 1;
                let id = s.opens;
                tasks::open(
                    &self.tx,
                    id,
                    paths,
                    s.workspace.standard.clone(),
                    s.settings.mappings.clone(),
                    tr,
                );
                s.loading = Some(Loading {
                    id,
                    path,
                    started: Instant::now(),
                });
            }
            Command::OpenSample => {
                if let Ok(i) = crate::sample::load(&s.workspace.standard) {
                    self.edit(Edit::ReplaceData {
                        loaded: Loaded::new(i, None),
                        imported_at: now_rfc3339(),
                        new_project: true,
                    });
                    let s = &mut self.state;
                    s.document += 1;
                    s.settings.last_file = None;
                    s.settings.last_project = None;
                    s.section = None;
                    s.problems = None;
                }
            }
            Command::ShowOpenWindow(show) => {
                self.view.windows.open = show;
                s.dialog_hint = false;
            }
            Command::ShowTemplateWindow(show) => {
                self.view.windows.template = show;
                s.dialog_hint = false;
                if show && self.view.windows.template_input.is_empty() {
                    self.view.windows.template_input =
                        tasks::home_file("学校数据模板.xlsx").display().to_string();
                }
            }
            Command::ShowSaveAsWindow(show) => {
                self.view.windows.save_as = show;
                s.dialog_hint = false;
                if show && self.view.windows.save_as_input.is_empty() {
                    let stem = std::path::Path::new(&s.workspace.loaded.source)
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_else(|| "均衡项目".into());
                    self.view.windows.save_as_input = tasks::home_file(&format!("{stem}.junheng"))
                        .display()
                        .to_string();
                }
            }
            Command::ShowReportWindow(show) => {
                self.view.windows.report = show;
                s.dialog_hint = false;
                if show && self.view.windows.report_input.is_empty() {
                    self.view.windows.report_input = tasks::home_file("资源配置评估报告.xlsx")
                        .display()
                        .to_string();
                }
            }
            Command::ShowDeckWindow | Command::ShowDocxWindow => {
                let (ext, name) = if matches!(command, Command::ShowDeckWindow) {
                    ("pptx", "资源配置汇报.pptx")
                } else {
                    ("docx", "自评报告（草稿）.docx")
                };
                self.view.windows.report = true;
                s.dialog_hint = false;
                let now = std::path::PathBuf::from(&self.view.windows.report_input);
                let path = if self.view.windows.report_input.trim().is_empty() {
                    tasks::home_file(name)
                } else {
                    now.with_extension(ext)
                };
                self.view.windows.report_input = path.display().to_string();
            }
            Command::ShowMethod(show) => self.view.windows.method = show,
            Command::ShowAbout(show) => self.view.windows.about = show,
            Command::MakeLedger(i) => {
                self.edit(Edit::MakeLedger(i));
            }
            Command::SetLedgerItem(i, item) => {
                self.edit(Edit::SetLedgerItem(i, item));
            }
            Command::ClearLedger => {
                self.edit(Edit::ClearLedger);
            }
            Command::ExportLedger(path) => {
                if let Some(ledger) = s.workspace.ledger.clone() {
                    tasks::ledger(
                        &self.tx,
                        path,
                        ledger,
                        s.workspace.loaded.dataset.clone(),
                        tr,
                    );
                }
            }
            Command::BrowseOpen => self.dialog(DialogPurpose::Open),
            Command::BrowseTemplate => self.dialog(DialogPurpose::Template),
            Command::BrowseSaveAs => self.dialog(DialogPurpose::SaveAs),
            Command::BrowseReport => self.dialog(DialogPurpose::Report),
            Command::BrowseIntake => self.dialog(DialogPurpose::Intake),
            Command::BrowsePastYear => self.dialog(DialogPurpose::PastYear),
            Command::WriteTemplate(path, per_school) => {
                let written = if per_school {
                    crate::io::template::write_per_school(&path)
                } else {
                    crate::io::template::write(&path)
                };
                s.status = Some(match written {
                    Ok(()) => {
                        self.view.windows.template = false;
                        format!(
                            "{}{}",
                            tr.s("已生成数据模板：", "Template written: "),
                            path.display()
                        )
                    }
                    Err(e) => format!(
                        "{}{}: {e}",
                        tr.s("无法写入模板：", "Cannot write the template: "),
                        path.display()
                    ),
                });
            }
            Command::SetPanel(p) => {
                s.settings.panel = p;
                if p == Panel::Compare {
                    s.derived.ensure_columns(&s.workspace, tr);
                }
            }
            Command::SetLang(l) => {
                s.settings.lang = l;
                let tr = s.tr();
                if let Some(Ok(o)) = &mut s.plan_outcome {
                    o.explanation =
                        crate::plan::explain::explain(&o.plan, &o.base, &s.workspace.standard, tr);
                }
                self.refresh();
            }
            Command::SetTheme(t) => {
                s.settings.theme = t;
                apply_theme(ctx, t);
            }
            Command::SetLevel(l) => s.settings.level = l,
            Command::SelectIndicator(k) => {
                if k < s.workspace.standard.indicators.len() {
                    s.settings.indicator = k;
                }
            }
            Command::ShowSection(i) => {
                if i < s.shown().units.len() {
                    s.section = Some(i);
                    s.settings.panel = Panel::School;
                }
            }
            Command::DismissProblems => s.problems = None,
            Command::AddChange(mut change) => {
                // A school opened while one county of several is shown is in that county.
                if let (crate::scenario::Change::NewSchool { school }, Some(county)) =
                    (&mut change, &s.workspace.shown_county)
                {
                    school
                        .entry("county")
                        .or_insert_with(|| serde_json::Value::String(county.clone()));
                }
                self.edit(Edit::AddChange(change));
            }
            Command::AddChangeFrom(change, year) => {
                self.edit(Edit::AddChangeFrom(change, year));
            }
            Command::SetStandard(def) => {
                if self.edit(Edit::SetStandard(def)) {
                    self.state.standard_error = None;
                }
            }
            Command::StartPlan => self.start_plan(),
            Command::CancelPlan => {
                if let Some(p) = &s.planning {
                    p.cancel.store(true, std::sync::atomic::Ordering::Relaxed);
                }
            }
            Command::RemoveChange(i) => {
                self.edit(Edit::RemoveChange(i));
            }
            Command::NewScenario => {
                self.edit(Edit::NewScenario);
            }
            Command::DuplicateScenario(i) => {
                self.edit(Edit::DuplicateScenario(i));
            }
            Command::RenameScenario(i, name) => {
                self.edit(Edit::RenameScenario(i, name));
            }
            Command::DeleteScenario(i) => {
                self.edit(Edit::DeleteScenario(i));
            }
            Command::SelectScenario(sel) => {
                if s.workspace.select(sel) {
                    s.section = None;
                    self.refresh();
                }
            }
            Command::ShowMapping(_) | Command::ApplyMapping(_) | Command::WriteMapping(..) => {
                self.handle_mapping(command);
            }
            Command::Correct {
                school_id,
                field,
                value,
            } => {
                if self.edit(Edit::Correct {
                    school_id,
                    field,
                    value,
                    at: now_rfc3339(),
                }) {
                    let s = &mut self.state;
                    s.status = s.history.undo_label().map(str::to_string);
                }
            }
            Command::ShowMeetingWindow(show) => {
                self.view.windows.meeting = show.then(|| s.workspace.meeting.clone());
            }
            Command::SetMeeting(m) => {
                self.edit(Edit::SetMeeting(m));
                self.view.windows.meeting = None;
            }
            Command::RevertCorrection(i) => {
                self.edit(Edit::RevertCorrection(i));
            }
            Command::SelectYear(year) => {
                let year = year.filter(|y| s.workspace.has_year(*y));
                if s.workspace.shown_year != year {
                    s.workspace.shown_year = year;
                    s.section = None;
                    self.refresh();
                }
            }
            Command::SetTimeline(spec) => {
                self.edit(Edit::SetTimeline(spec));
            }
            Command::LoadIntake(path) => {
                s.years_loading = Some(path.display().to_string());
                super::tasks::read_intake(&self.tx, path);
            }
            Command::SetIntake(intake) => {
                self.edit(Edit::SetIntake(intake));
            }
            Command::AddPastYear(path, year) => {
                s.years_loading = Some(path.display().to_string());
                super::tasks::read_past(
                    &self.tx,
                    path,
                    year,
                    s.workspace.standard.clone(),
                    s.settings.mappings.clone(),
                    tr,
                );
            }
            Command::RemovePastYear(year) => {
                self.edit(Edit::RemovePastYear(year));
            }
            Command::SelectCounty(county) => {
                if s.workspace.select_county(&county) {
                    s.section = None;
                    self.refresh();
                }
            }
            Command::SetTransfer(t) => {
                self.edit(Edit::SetTransfer(t));
            }
            Command::SetCost(field, cost) => {
                self.edit(Edit::SetCost(field, cost));
            }
            Command::SetCountyEntry {
                key,
                value,
                evidence,
            } => {
                self.edit(Edit::SetCountyEntry {
                    key,
                    value,
                    evidence,
                });
            }
            Command::NewProject => {
                if self.edit(Edit::NewProject) {
                    self.state.document += 1;
                    self.state.settings.last_project = None;
                }
            }
            Command::Undo | Command::Redo => {
                let step = if command == Command::Undo {
                    s.history.undo(&mut s.workspace)
                } else {
                    s.history.redo(&mut s.workspace)
                };
                if let Some(label) = step {
                    let done = if command == Command::Undo {
                        tr.s("已撤销：", "Undone: ")
                    } else {
                        tr.s("已重做：", "Redone: ")
                    };
                    s.status = Some(format!("{done}{label}"));
                    s.dirty = true;
                    s.generation += 1;
                    s.section = None;
                    self.refresh();
                }
            }
            Command::SaveProject => match s.workspace.project_path.clone() {
                Some(path) => self.save(path, false),
                None => self.handle(ctx, Command::ShowSaveAsWindow(true)),
            },
            Command::SaveProjectAs(path) => self.save(tasks::project_file(&path), false),
            Command::ExportReport(path) => {
                let path = if path.extension().is_none() {
                    path.with_extension("xlsx")
                } else {
                    path
                };
                match crate::report::Format::of(&path) {
                    // A report made now would lack the years being projected: said, not done.
                    Some(_) if s.derived.years_pending() => {
                        s.status = Some(
                            tr.s(
                                "年度推演仍在计算：完成后再导出，报告才含逐年部分。",
                                "The years are still being projected: export once they are, so the report has them.",
                            )
                            .to_string(),
                        )
                    }
                    Some(_) => tasks::report(&self.tx, path, s),
                    None => {
                        s.status = Some(format!(
                            "{}{}",
                            tr.s("无法导出报告：", "Cannot write the report: "),
                            crate::report::ReportError::Extension(path.display().to_string())
                        ))
                    }
                }
            }
            Command::ExportChart(spec) => {
                let name = format!("{}.png", spec.file_stem(s));
                let dir = s.export_dir();
                let message = format!(
                    "{}{}",
                    tr.s("图片已保存：", "Image saved: "),
                    dir.join(&name).display()
                );
                let pages = vec![(name, egui::vec2(900.0, 520.0), 2.0, Page::Chart(spec))];
                tasks::images(&self.tx, s, dir, pages, message);
            }
            Command::ExportSlides => {
                let stamp: String = now_rfc3339()
                    .chars()
                    .filter(|c| c.is_ascii_digit())
                    .collect();
                let dir = s.export_dir().join(format!("slides-{stamp}"));
                let n = views::present::slides(s).len();
                let pages = (0..n)
                    .map(|i| {
                        (
                            format!("slide-{:02}.png", i + 1),
                            egui::vec2(1920.0, 1080.0),
                            1.0,
                            Page::Slide(i),
                        )
                    })
                    .collect();
                let message = format!(
                    "{}{n}{}{}",
                    tr.s("已保存 ", "Saved "),
                    tr.s(" 张幻灯片到 ", " slides to "),
                    dir.display()
                );
                tasks::images(&self.tx, s, dir, pages, message);
            }
            Command::StartPresentation => {
                s.presenting = Some(0);
                // A projector wants dark text on white (投影); dark slides are a choice.
                apply_theme(
                    ctx,
                    if s.settings.dark_slides {
                        Theme::Dark
                    } else {
                        Theme::Light
                    },
                );
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
            }
            Command::StopPresentation => {
                s.presenting = None;
                apply_theme(ctx, s.settings.theme);
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
            }
            Command::SetDarkSlides(dark) => {
                s.settings.dark_slides = dark;
                if s.presenting.is_some() {
                    apply_theme(ctx, if dark { Theme::Dark } else { Theme::Light });
                }
            }
            Command::Slide(step) => {
                if let Some(i) = s.presenting {
                    let n = views::present::slides(s).len() as i64;
                    s.presenting = Some((i as i64 + step).clamp(0, (n - 1).max(0)) as usize);
                }
            }
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    fn dialog(&mut self, purpose: DialogPurpose) {
        if !self.state.dialog_open {
            self.state.dialog_open = true;
            tasks::dialog(&self.tx, purpose, self.state.tr());
        }
    }

    /// Starts a save in the background (the work stays on screen and editable); while another
    /// save runs, this one waits for it.
    pub(super) fn save(&mut self, path: PathBuf, autosave: bool) {
        let s = &mut self.state;
        if s.saving {
            s.pending_save = Some((path, autosave));
            return;
        }
        s.saving = true;
        s.last_save = Instant::now();
        let of = tasks::SaveOf {
            document: s.document,
            generation: s.generation,
            autosave,
        };
        tasks::save(&self.tx, path, tasks::project(s), of);
    }

    /// At most 30 s of work at risk: unsaved work goes to the project file, or, before the
    /// project has one, to an autosave file in the app's data folder that reopens at start.
    pub(super) fn autosave(&mut self) {
        let s = &self.state;
        if !s.dirty || s.saving || s.last_save.elapsed() < s.autosave_every {
            return;
        }
        match s.workspace.project_path.clone() {
            Some(p) => self.save(p, false),
            None => match tasks::autosave_path() {
                Some(p) => self.save(p, true),
                None => self.state.last_save = Instant::now(),
            },
        }
    }

    /// Starts the planner on a worker thread: on the active scenario's data when one is shown
    /// (the plan adds to it), else on the baseline.
    fn start_plan(&mut self) {
        let s = &mut self.state;
        if s.planning.is_some() {
            return;
        }
        let form = self.view.plan_form.clone();
        if form.phased {
            self.start_phased_plan(form);
            return;
        }
        let s = &mut self.state;
        let (data, base, base_changes) = match s.applied_scenario() {
            Some((sc, r)) => (r.dataset.clone(), r.evaluation.clone(), sc.changes.clone()),
            None => (
                s.base_data().clone(),
                s.derived.baseline.clone(),
                Vec::new(),
            ),
        };
        let mut costs = s.workspace.costs.clone();
        costs.costs.retain(|k, _| {
            crate::model::Field::from_key(k).is_some_and(|f| form.allowed.contains(&f))
        });
        let options = crate::plan::PlanOptions {
            costs,
            allowed: form.allowed.clone(),
            budget: form.use_budget.then_some(form.budget_wan * 10_000.0),
            rule: form.rule,
            time_limit: form.time_limit.max(1.0),
            // A plan to adopt: whole m² and 100 元, verified again.
            round: true,
            years: form.years.clamp(1.0, crate::plan::MAX_YEARS_COSTED),
        };
        let cancel = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        tasks::plan(
            &self.tx,
            data,
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
            base,
            base_changes,
        });
    }
}

/// Sets egui's theme from the setting.
pub(super) fn apply_theme(ctx: &egui::Context, theme: Theme) {
    ctx.set_theme(match theme {
        Theme::System => egui::ThemePreference::System,
        Theme::Light => egui::ThemePreference::Light,
        Theme::Dark => egui::ThemePreference::Dark,
    });
}
