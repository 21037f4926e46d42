//! The problems panel: under a failed import, every located problem (the old data stays); under
//! one that succeeded with notes, what to check.

use crate::app::format;
use crate::app::state::Ctx;
use crate::app::Command;
use eframe::egui;

pub fn show(app: &Ctx, ui: &mut egui::Ui) {
    let tr = app.tr();
    let Some(problems) = &app.problems else {
        return;
    };
    let failed = !problems.issues.is_empty();
    let title = if failed {
        format!(
            "{}{}{}{}",
            tr.s("导入失败：", "Import failed: "),
            problems.file,
            tr.s("，问题数 ", ", problems: "),
            problems.issues.len()
        )
    } else {
        format!(
            "{}{}{}{}",
            tr.s("已导入 ", "Imported "),
            problems.file,
            tr.s("，请核对 ", "; to check: "),
            problems.notes.len()
        )
    };
    ui.horizontal(|ui| {
        ui.label(
            egui::RichText::new(title)
                .color(if failed {
                    format::colors::BELOW
                } else {
                    format::colors::NEAR
                })
                .strong(),
        );
        ui.label(if failed {
            tr.s(
                "（原有数据未改变；请在表格中改正后重新导入）",
                "(the data on screen is unchanged; fix the file and import it again)",
            )
        } else {
            tr.s(
                "（数据已载入并参与评估；这些数值少见，可能是录入错误）",
                "(the data is loaded and evaluated; these values are rare and may be typing slips)",
            )
        });
        // Columns the importer could not place can be mapped by hand.
        if let Some(path) = &problems.path {
            if ui
                .button(tr.s("设置列对应…", "Map the columns…"))
                .on_hover_text(tr.s(
                    "为文件中未识别的列选择对应的数据项，保存后按此重新导入",
                    "Choose the field of each column the importer did not recognise, then import again",
                ))
                .clicked()
            {
                app.command(Command::ShowMapping(Some(path.clone())));
            }
        }
        if ui.button(tr.s("关闭", "Close")).clicked() {
            app.command(Command::DismissProblems);
        }
    });
    ui.separator();
    egui::ScrollArea::vertical().show(ui, |ui| {
        for issue in &problems.issues {
            ui.label(issue.message(tr.zh()));
        }
        for note in &problems.notes {
            ui.label(note);
        }
    });
}
