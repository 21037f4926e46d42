//! The tab bar: the panels, the presentation button, the scenario shown, and the data's name.

use crate::app::format;
use crate::app::settings::Panel;
use crate::app::state::Ctx;
use crate::app::Command;
use eframe::egui;

/// One selectable label per panel (the tab bar, and the View menu).
pub fn panel_choices(app: &Ctx, ui: &mut egui::Ui) {
    for p in Panel::ALL {
        if p == Panel::Counties && app.derived.by_county.is_empty() {
            continue;
        }
        if ui
            .selectable_label(app.settings.panel == p, p.title(app.tr()))
            .clicked()
        {
            app.command(Command::SetPanel(p));
        }
    }
}

/// In a wrapped row: starts a new line unless `width` points are left, so that a label and the
/// list it names are never split over two lines.
fn keep_together(ui: &mut egui::Ui, width: f32) {
    // (In a wrapping row the available width is the whole row's; what is left is measured
    // from the cursor.)
    if ui.max_rect().right() - ui.cursor().min.x < width {
        ui.end_row();
    }
}

pub fn show(app: &Ctx, ui: &mut egui::Ui) {
    let tr = app.tr();
    // Wrapped: at 1280 px the tabs, the scenario, the year and the county take two lines rather
    // than running off the window's edge; a label and its list start a line together.
    ui.horizontal_wrapped(|ui| {
        panel_choices(app, ui);
        ui.separator();
        if ui
            .button(tr.s("▶ 演示 (F5)", "▶ Present (F5)"))
            .clicked()
        {
            app.command(Command::StartPresentation);
        }
        if ui
            .button(tr.s("会议信息…", "Meeting…"))
            .on_hover_text(tr.s(
                "县名、会议名称和日期：用于演示首页、PDF 封面和 Excel 汇总",
                "County name, meeting and date: on the title slide, the PDF cover and the Excel summary",
            ))
            .clicked()
        {
            app.command(Command::ShowMeetingWindow(true));
        }
        ui.separator();
        let current = match app.workspace.active_scenario() {
            Some(sc) => sc.name.clone(),
            None => tr.s("现状（基线）", "Baseline").to_string(),
        };
        keep_together(ui, 240.0);
        let label_id = ui.label(tr.s("显示", "Showing")).id;
        egui::ComboBox::from_id_salt("scenario-select")
            .selected_text(current)
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(
                        app.workspace.active.is_none(),
                        tr.s("现状（基线）", "Baseline"),
                    )
                    .clicked()
                {
                    app.command(Command::SelectScenario(None));
                }
                for (i, sc) in app.workspace.scenarios.iter().enumerate() {
                    if ui
                        .selectable_label(app.workspace.active == Some(i), &sc.name)
                        .clicked()
                    {
                        app.command(Command::SelectScenario(Some(i)));
                    }
                }
            })
            .response
            .labelled_by(label_id);
        // A timeline: every view shows the year chosen here.
        if let Some(spec) = app.workspace.timeline {
            keep_together(ui, 200.0);
            let label_id = ui.label(tr.s("年份", "Year")).id;
            let shown = app.workspace.shown_year;
            let name = |y: i32| {
                if y == spec.base_year {
                    format!("{y}{}", tr.s("（基年）", " (base)"))
                } else if y < spec.base_year {
                    format!("{y}{}", tr.s("（实际）", " (actual)"))
                } else {
                    format!("{y}{}", tr.s("（推演）", " (projected)"))
                }
            };
            // The past years of actual data before the base year, then the timeline's.
            let past = app
                .workspace
                .history
                .iter()
                .map(|p| p.year)
                .filter(|&y| y < spec.base_year);
            egui::ComboBox::from_id_salt("year-select")
                .selected_text(name(shown.unwrap_or(spec.base_year)))
                .show_ui(ui, |ui| {
                    for y in past.chain(spec.years()) {
                        let now = shown.unwrap_or(spec.base_year) == y;
                        if ui.selectable_label(now, name(y)).clicked() {
                            app.command(Command::SelectYear(
                                (y != spec.base_year).then_some(y),
                            ));
                        }
                    }
                })
                .response
                .labelled_by(label_id);
            if app.derived.years_pending() {
                ui.spinner();
                let text = match shown {
                    Some(y) => format!(
                        "{}{y}{}",
                        tr.s("正在推演 ", "Projecting "),
                        tr.s(" 年…（此刻显示的是基年）", "… (the base year is shown meanwhile)")
                    ),
                    None => tr.s("正在推演…", "Projecting…").to_string(),
                };
                ui.label(egui::RichText::new(text).color(format::colors::NEAR));
            }
        }
        ui.separator();
        if app.workspace.loaded.is_sample() {
            keep_together(ui, 90.0 + 14.0 * app.workspace.loaded.source.chars().count() as f32);
            ui.label(
                egui::RichText::new(tr.s("示例数据", "Sample data"))
                    .color(egui::Color32::WHITE)
                    .background_color(format::colors::NEAR)
                    .strong(),
            )
            .on_hover_text(tr.s(
                "这是内置的合成示例县，不是真实学校。用“文件 → 打开…”导入本县数据。",
                "This is the built-in synthetic sample county, not real schools. Use File → Open… to import your county.",
            ));
        }
        // The file's name whole on one line (with the sample's badge before it).
        let name = egui::WidgetText::from(egui::RichText::new(&app.workspace.loaded.source).strong())
            .into_galley(ui, Some(egui::TextWrapMode::Extend), f32::INFINITY, egui::TextStyle::Body);
        keep_together(ui, name.size().x + 8.0);
        ui.label(egui::RichText::new(&app.workspace.loaded.source).strong());
        // Data of several counties: every view shows one, picked here.
        if let Some(shown) = &app.workspace.shown_county {
            ui.separator();
            keep_together(ui, 200.0);
            let label_id = ui.label(tr.s("县区", "County")).id;
            egui::ComboBox::from_id_salt("county-select")
                .selected_text(egui::RichText::new(shown).strong())
                .height(400.0)
                .show_ui(ui, |ui| {
                    for c in &app.derived.by_county {
                        if ui.selectable_label(&c.county == shown, &c.county).clicked() {
                            app.command(Command::SelectCounty(c.county.clone()));
                        }
                    }
                })
                .response
                .labelled_by(label_id);
        }
    });
}
