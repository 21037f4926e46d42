//! The one place the app's state changes: every [`Command`] from the views, menus and shortcuts,
//! and every [`Done`] from a background task. Edits to the work go through
//! [`crate::workspace::History::apply`], so each can be undone; what is derived is brought up to
//! date right after.

use super::command::{Command, Done, Message, Written};
use super::settings::{Panel, SavedView, Theme, RECENT_MAX};
use super::state::{Loading, PlanOutcome, Planning, Problems};
use super::tasks::{self, DialogPurpose, Page};
use super::{views, JunhengApp};
use crate::io::open::OpenError;
use crate::project::now_rfc3339;
use crate::workspace::{Edit, EditError, Loaded, Workspace};
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
    fn edit(&mut self, edit: Edit) -> bool {
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
            Command::ShowDeckWindow => {
                self.view.windows.report = true;
                s.dialog_hint = false;
                let now = std::path::PathBuf::from(&self.view.windows.report_input);
                let path = if self.view.windows.report_input.trim().is_empty() {
                    tasks::home_file("资源配置汇报.pptx")
                } else {
                    now.with_extension("pptx")
                };
                self.view.windows.report_input = path.display().to_string();
            }
            Command::ShowMethod(show) => self.view.windows.method = show,
            Command::BrowseOpen => self.dialog(DialogPurpose::Open),
            Command::BrowseTemplate => self.dialog(DialogPurpose::Template),
            Command::BrowseSaveAs => self.dialog(DialogPurpose::SaveAs),
            Command::BrowseReport => self.dialog(DialogPurpose::Report),
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
                let year = year.filter(|y| {
                    s.workspace
                        .timeline
                        .is_some_and(|t| t.years().contains(y) && *y != t.base_year)
                });
                if s.workspace.shown_year != year {
                    s.workspace.shown_year = year;
                    s.section = None;
                    self.refresh();
                }
            }
            Command::SetTimeline(spec) => {
                self.edit(Edit::SetTimeline(spec));
            }
            Command::SelectCounty(county) => {
                if s.workspace.select_county(&county) {
                    s.section = None;
                    self.refresh();
                }
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
    fn save(&mut self, path: PathBuf, autosave: bool) {
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
        let (data, base, base_changes) = match (&s.derived.scenario, s.workspace.active_scenario())
        {
            (Some(Ok(r)), Some(sc)) => {
                (r.dataset.clone(), r.evaluation.clone(), sc.changes.clone())
            }
            _ => (
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
        s.planning = Some(Planning {
            cancel,
            started: Instant::now(),
            last: None,
            base,
            base_changes,
        });
    }

    fn handle_done(&mut self, done: Done) {
        let tr = self.state.tr();
        match done {
            Done::Opened { id, paths, result } => {
                // Only the latest open counts: an earlier one still running is stale.
                if self.state.loading.as_ref().is_some_and(|l| l.id == id) {
                    self.opened(paths, *result);
                }
            }
            Done::Previewed { path, result } => self.previewed(path, *result),
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

/// Sets egui's theme from the setting.
pub(super) fn apply_theme(ctx: &egui::Context, theme: Theme) {
    ctx.set_theme(match theme {
        Theme::System => egui::ThemePreference::System,
        Theme::Light => egui::ThemePreference::Light,
        Theme::Dark => egui::ThemePreference::Dark,
    });
}
