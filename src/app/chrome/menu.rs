//! The menu bar, drawn from the action table.

use crate::app::actions::{self, Menu};
use crate::app::settings::Theme;
use crate::app::state::Ctx;
use crate::app::Command;
use crate::i18n::Lang;
use eframe::egui;

fn action_button(app: &Ctx, ui: &mut egui::Ui, a: &actions::Action) {
    let tr = app.tr();
    let label = match a.shortcut_text(ui.ctx()) {
        Some(s) => format!("{}  ({s})", a.label(tr)),
        None => a.label(tr).to_string(),
    };
    if ui.button(label).clicked() {
        app.command((a.command)());
    }
}

fn history_button(app: &Ctx, ui: &mut egui::Ui, undo: bool) {
    let tr = app.tr();
    let (a, last) = if undo {
        (
            actions::ACTIONS
                .iter()
                .find(|a| (a.command)() == Command::Undo),
            app.history.undo_label(),
        )
    } else {
        (
            actions::ACTIONS
                .iter()
                .find(|a| (a.command)() == Command::Redo),
            app.history.redo_label(),
        )
    };
    let Some(a) = a else {
        return;
    };
    let keys = a
        .shortcut_text(ui.ctx())
        .map(|s| format!("  ({s})"))
        .unwrap_or_default();
    let text = match last {
        Some(l) => format!("{}{}{l}{keys}", a.label(tr), tr.s("：", ": ")),
        None => format!("{}{keys}", a.label(tr)),
    };
    if ui
        .add_enabled(last.is_some(), egui::Button::new(text))
        .clicked()
    {
        app.command((a.command)());
    }
}

pub fn show(app: &Ctx, ui: &mut egui::Ui) {
    let tr = app.tr();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(tr.s("文件", "File"), |ui| {
            for a in actions::in_menu(Menu::File) {
                if a.separator {
                    ui.separator();
                }
                action_button(app, ui, a);
                if (a.command)() == Command::OpenSample {
                    ui.menu_button(tr.s("最近打开", "Recent files"), |ui| {
                        if app.settings.recent.is_empty() {
                            ui.label(tr.s("（无）", "(none)"));
                        }
                        for path in &app.settings.recent {
                            if ui.button(path.display().to_string()).clicked() {
                                app.command(Command::Open(path.clone()));
                            }
                        }
                    });
                    // The data file on screen: its columns mapped by hand (not a project).
                    let data_file = app
                        .workspace
                        .loaded
                        .path
                        .clone()
                        .filter(|p| !p.is_dir() && !crate::io::open::is_project(p));
                    if ui
                        .add_enabled(
                            data_file.is_some(),
                            egui::Button::new(tr.s("列对应…", "Column mapping…")),
                        )
                        .clicked()
                    {
                        app.command(Command::ShowMapping(data_file));
                    }
                }
            }
        });
        ui.menu_button(tr.s("编辑", "Edit"), |ui| {
            history_button(app, ui, true);
            history_button(app, ui, false);
        });
        ui.menu_button(tr.s("视图", "View"), |ui| {
            super::tabs::panel_choices(app, ui);
            ui.separator();
            for (t, name) in [
                (Theme::System, tr.s("跟随系统", "Follow the system")),
                (Theme::Light, tr.s("浅色", "Light")),
                (Theme::Dark, tr.s("深色", "Dark")),
            ] {
                if ui.selectable_label(app.settings.theme == t, name).clicked() {
                    app.command(Command::SetTheme(t));
                }
            }
            ui.separator();
            let mut dark = app.settings.dark_slides;
            if ui
                .checkbox(&mut dark, tr.s("演示用深色背景", "Dark slides"))
                .on_hover_text(tr.s(
                    "默认为适合投影的浅色（白底深字）；导出的幻灯片图片同样",
                    "The default is light (dark text on white) for projectors; exported slides too",
                ))
                .changed()
            {
                app.command(Command::SetDarkSlides(dark));
            }
        });
        ui.menu_button("语言 / Language", |ui| {
            for (lang, name) in [(Lang::Zh, "中文"), (Lang::En, "English")] {
                if ui
                    .selectable_label(app.settings.lang == lang, name)
                    .clicked()
                {
                    app.command(Command::SetLang(lang));
                }
            }
        });
        ui.menu_button(tr.s("帮助", "Help"), |ui| {
            for a in actions::in_menu(Menu::Help) {
                action_button(app, ui, a);
            }
            ui.menu_button(tr.s("键盘快捷键", "Keyboard shortcuts"), |ui| {
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for a in actions::ACTIONS.iter().filter(|a| !a.shortcuts.is_empty()) {
                        ui.label(a.label(tr));
                        let keys: Vec<String> = a
                            .shortcuts
                            .iter()
                            .map(|s| ui.ctx().format_shortcut(s))
                            .collect();
                        ui.label(keys.join(" / "));
                        ui.end_row();
                    }
                });
            });
        });
    });
}
