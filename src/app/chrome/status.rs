//! The status bar: work in the background, the data and standard, the project and whether it is
//! saved, and the last message.

use crate::app::state::Ctx;
use eframe::egui;

pub fn show(app: &Ctx, ui: &mut egui::Ui) {
    let tr = app.tr();
    ui.horizontal(|ui| {
        if let Some(loading) = &app.loading {
            ui.spinner();
            ui.label(format!(
                "{}{} ({:.1} s)",
                tr.s("正在导入 ", "Importing "),
                loading.path.display(),
                loading.started.elapsed().as_secs_f32()
            ));
            ui.separator();
        }
        if app.saving {
            ui.spinner();
            ui.label(tr.s("正在保存…", "Saving…"));
            ui.separator();
        }
        let ev = &app.derived.baseline;
        ui.label(format!(
            "{} {} · {} {} · {}",
            app.base_data().schools.len(),
            tr.s("所学校", "schools"),
            ev.units.len(),
            tr.s("个评估单元", "sections"),
            tr.s(&app.standard().def.name_zh, &app.standard().def.name_en)
        ));
        if !app.workspace.loaded.format.is_empty() {
            ui.separator();
            ui.label(&app.workspace.loaded.format);
        }
        ui.separator();
        let project = match &app.workspace.project_path {
            Some(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            None => tr.s("未保存的项目", "Unsaved project").to_string(),
        };
        ui.label(if app.dirty {
            format!(
                "{project} {}",
                tr.s("（有未保存的修改）", "(unsaved changes)")
            )
        } else {
            project
        });
        if let Some(s) = &app.status {
            ui.separator();
            ui.label(s);
        }
    });
}
