//! Floating windows: Open (path field, browse, recent files), Template, and the method.

use super::super::{Command, Ctx, Tr, WindowsState};
use eframe::egui;
use std::path::PathBuf;

pub fn show(app: &Ctx, w: &mut WindowsState, ctx: &egui::Context) {
    let tr = app.tr();
    let mut commands = Vec::new();
    if w.open {
        let mut open = true;
        egui::Window::new(tr.s("打开学校数据", "Open school data"))
            .open(&mut open)
            .collapsible(false)
            .default_width(520.0)
            .show(ctx, |ui| {
                ui.label(tr.s(
                    "支持 .xlsx / .xls / .ods / .csv（UTF-8 或 GBK）/ .json；也可以把文件拖进窗口。",
                    "Accepts .xlsx / .xls / .ods / .csv (UTF-8 or GBK) / .json; you can also drop a file on the window.",
                ));
                ui.horizontal(|ui| {
                    ui.label(tr.s("文件路径", "File path"));
                    let edit = ui.add(
                        egui::TextEdit::singleline(&mut w.path_input)
                            .desired_width(320.0)
                            .hint_text("D:\\数据\\2024学校统计.xlsx"),
                    );
                    let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if ui.button(tr.s("浏览…", "Browse…")).clicked() {
                        commands.push(Command::BrowseOpen);
                    }
                    let path = w.path_input.trim().to_string();
                    if (ui.button(tr.s("打开", "Open")).clicked() || enter) && !path.is_empty() {
                        commands.push(Command::Open(PathBuf::from(path)));
                    }
                });
                if app.dialog_hint {
                    ui.label(tr.s(
                        "没有选择文件（或本机没有系统文件对话框）：请在上面直接输入文件路径。",
                        "No file chosen (or no system file dialog here): type the file's path above.",
                    ));
                }
                if !app.settings.recent.is_empty() {
                    ui.separator();
                    ui.label(tr.s("最近打开", "Recent files"));
                    for p in &app.settings.recent {
                        if ui.link(p.display().to_string()).clicked() {
                            commands.push(Command::Open(p.clone()));
                        }
                    }
                }
            });
        if !open {
            commands.push(Command::ShowOpenWindow(false));
        }
    }
    if w.template {
        let spec = SaveWindow {
            title: tr.s("生成数据模板", "Write a data template"),
            explanation: tr.s(
                "模板含中文表头、单位行，以及逐列说明的“填表说明”工作表。",
                "The template has Chinese headers, a units row, and a sheet explaining every column.",
            ),
            action: tr.s("生成", "Write"),
            browse: Command::BrowseTemplate,
            close: Command::ShowTemplateWindow(false),
            run: if w.per_school {
                |p| Command::WriteTemplate(p, true)
            } else {
                |p| Command::WriteTemplate(p, false)
            },
            option: Some(tr.s(
                "每校一份的填报表（各校分别填写；交回后放入同一文件夹，一起导入）",
                "A form for each school to fill in (collected into one folder and imported together)",
            )),
        };
        let (hint, status) = (app.dialog_hint, None);
        save_window(
            ctx,
            tr,
            &spec,
            (&mut w.template_input, Some(&mut w.per_school)),
            hint,
            status,
            &mut commands,
        );
    }
    if w.save_as {
        let spec = SaveWindow {
            title: tr.s("项目另存为", "Save the project as"),
            explanation: tr.s(
                "项目文件（.junheng）保存导入的数据、全部方案、单价和视图设置。",
                "The project file (.junheng) keeps the imported data, every scenario, the unit costs and the view.",
            ),
            action: tr.s("保存", "Save"),
            browse: Command::BrowseSaveAs,
            close: Command::ShowSaveAsWindow(false),
            run: Command::SaveProjectAs,
            option: None,
        };
        let (hint, status) = (app.dialog_hint, app.status.as_deref());
        save_window(
            ctx,
            tr,
            &spec,
            (&mut w.save_as_input, None),
            hint,
            status,
            &mut commands,
        );
    }
    if w.report {
        let spec = SaveWindow {
            title: tr.s("导出报告", "Export a report"),
            explanation: tr.s(
                "文件名以 .xlsx 结尾得到 Excel 报告（汇总、各评估单元指标按达标着色、原始数据、可编辑图表），以 .pdf 结尾得到 A4 PDF 报告，以 .pptx 结尾得到可编辑的 PowerPoint 演示文稿（与演示模式相同的幻灯片，原生图表和表格），以 .docx 结尾得到自评报告草稿（Word，按标准的结构，表格和标题可编辑）；正在显示方案时含方案费用和现状对比。",
                "Name the file .xlsx for the Excel report (summary, coloured per-section sheet, raw data, editable charts), .pdf for the A4 PDF report, .pptx for an editable PowerPoint deck (the presentation's slides, with native charts and tables), or .docx for the self-assessment report draft (Word, in the standard's structure); with a scenario shown, its cost and the baseline beside it.",
            ),
            action: tr.s("导出", "Export"),
            browse: Command::BrowseReport,
            close: Command::ShowReportWindow(false),
            run: Command::ExportReport,
            option: None,
        };
        let (hint, status) = (app.dialog_hint, app.status.as_deref());
        save_window(
            ctx,
            tr,
            &spec,
            (&mut w.report_input, None),
            hint,
            status,
            &mut commands,
        );
    }
    if w.method {
        let mut open = true;
        egui::Window::new(tr.s("计算方法", "How it is computed"))
            .open(&mut open)
            .default_width(560.0)
            .show(ctx, |ui| {
                ui.label(format!(
                    "{}{}",
                    tr.s("依据：", "Standard: "),
                    if tr.zh() {
                        &app.standard().def.name_zh
                    } else {
                        &app.standard().def.name_en
                    }
                ));
                ui.label(super::overview::rule_text(tr, app.standard()));
                ui.label(tr.s(
                    "差异系数按在校生数加权：X̄ = Σ Pi·Xi ÷ P，S = √(Σ (Pi÷P)·(Xi − X̄)²)，CV = S ÷ X̄。",
                    "CVs are enrolment-weighted: X̄ = Σ Pi·Xi ÷ P, S = √(Σ (Pi÷P)·(Xi − X̄)²), CV = S ÷ X̄.",
                ));
                ui.label(tr.s(
                    "一贯制学校的校舍、场地、设备、多媒体教室按 小学1 : 初中1.1 : 高中1.32 的加权学生数分摊；教师按学段填报，不分摊。",
                    "A combined school's rooms, grounds, equipment and multimedia rooms are split by weighted enrolment (1 : 1.1 : 1.32); teachers are reported per section.",
                ));
                ui.label(tr.s(
                    "教学点填写所属中心校时并入中心校评估，否则不参与资源配置评估。",
                    "Teaching points are merged into their central school when the data names one; otherwise they are left out.",
                ));
            });
        if !open {
            commands.push(Command::ShowMethod(false));
        }
    }
    if let Some(m) = &mut w.meeting {
        let mut open = true;
        egui::Window::new(tr.s("会议信息", "Meeting"))
            .open(&mut open)
            .collapsible(false)
            .default_width(460.0)
            .show(ctx, |ui| {
                ui.label(tr.s(
                    "显示在演示首页、PDF 报告封面和 Excel 汇总页；保存在项目中。",
                    "Shown on the title slide, the PDF cover and the Excel summary; saved in the project.",
                ));
                egui::Grid::new("meeting-grid").num_columns(2).show(ui, |ui| {
                    for (label, hint, text) in [
                        (tr.s("县名", "County"), tr.s("如：某某县", "e.g. the county's name"), &mut m.county),
                        (
                            tr.s("会议名称", "Meeting"),
                            tr.s("如：县政府常务会议", "e.g. county government meeting"),
                            &mut m.title,
                        ),
                        (tr.s("日期", "Date"), tr.s("如：2026-12-03", "e.g. 2026-12-03"), &mut m.date),
                    ] {
                        ui.label(label);
                        ui.add(egui::TextEdit::singleline(text).hint_text(hint).desired_width(300.0));
                        ui.end_row();
                    }
                });
                ui.horizontal(|ui| {
                    if ui.button(tr.s("应用", "Apply")).clicked() {
                        commands.push(Command::SetMeeting(m.clone()));
                    }
                    if ui.button(tr.s("取消", "Cancel")).clicked() {
                        commands.push(Command::ShowMeetingWindow(false));
                    }
                });
            });
        if !open {
            commands.push(Command::ShowMeetingWindow(false));
        }
    }
    for c in commands {
        app.command(c);
    }
}

/// A window that asks where to save something: a path field (the way in where no system dialog
/// exists), a browse button for the system dialog, and the action.
struct SaveWindow<'a> {
    title: &'a str,
    explanation: &'a str,
    action: &'a str,
    browse: Command,
    close: Command,
    run: fn(PathBuf) -> Command,
    /// A choice shown above the path (its flag is passed to `save_window`).
    option: Option<&'a str>,
}

fn save_window(
    ctx: &egui::Context,
    tr: Tr,
    spec: &SaveWindow<'_>,
    (input, flag): (&mut String, Option<&mut bool>),
    dialog_hint: bool,
    status: Option<&str>,
    commands: &mut Vec<Command>,
) {
    let mut open = true;
    egui::Window::new(spec.title)
        .open(&mut open)
        .collapsible(false)
        .default_width(520.0)
        .show(ctx, |ui| {
            ui.label(spec.explanation);
            if let (Some(text), Some(flag)) = (spec.option, flag) {
                ui.checkbox(flag, text);
            }
            ui.horizontal(|ui| {
                ui.label(tr.s("保存到", "Save to"));
                ui.add(egui::TextEdit::singleline(input).desired_width(320.0));
                if ui.button(tr.s("浏览…", "Browse…")).clicked() {
                    commands.push(spec.browse.clone());
                }
                let path = input.trim().to_string();
                if ui.button(spec.action).clicked() && !path.is_empty() {
                    commands.push((spec.run)(PathBuf::from(path)));
                }
            });
            if dialog_hint {
                ui.label(tr.s(
                    "没有选择位置（或本机没有系统文件对话框）：请在上面直接输入保存路径。",
                    "No location chosen (or no system file dialog here): type the path above.",
                ));
            }
            if let Some(s) = status {
                ui.label(s);
            }
        });
    if !open {
        commands.push(spec.close.clone());
    }
}
