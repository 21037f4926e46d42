//! The problems panel under a failed import: every located problem; the old data stays.

use crate::app::format;
use crate::app::state::Ctx;
use crate::app::Command;
use eframe::egui;

pub fn show(app: &Ctx, ui: &mut egui::Ui) {
    let tr = app.tr();
    let Some(problems) = &app.problems else {
        return;
    };
    let title = format!(
        "{}{}{}{}",
        tr.s("导入失败：", "Import failed: "),
        problems.file,
        tr.s("，问题数 ", ", problems: "),
        problems.issues.len()
    );
    ui.horizontal(|ui| {
        ui.label(
            egui::RichText::new(title)
                .color(format::colors::BELOW)
                .strong(),
        );
        ui.label(tr.s(
            "（原有数据未改变；请在表格中改正后重新导入）",
            "(the data on screen is unchanged; fix the file and import it again)",
        ));
        if ui.button(tr.s("关闭", "Close")).clicked() {
            app.command(Command::DismissProblems);
        }
    });
    ui.separator();
    egui::ScrollArea::vertical().show(ui, |ui| {
        for issue in &problems.issues {
            ui.label(issue.message(tr.zh()));
        }
    });
}
