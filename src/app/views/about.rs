//! 关于均衡: the icon, the version, the licences (the program's and the embedded font's).

use super::super::{Command, Ctx, WindowsState};
use eframe::egui::{self, RichText};

/// The licence of the Chinese font embedded in the program and its reports.
const FONT_LICENSE: &str = include_str!("../../../assets/fonts/OFL.txt");

pub fn show(app: &Ctx, w: &mut WindowsState, ctx: &egui::Context) {
    if !w.about {
        return;
    }
    let tr = app.tr();
    let icon = w
        .about_icon
        .get_or_insert_with(|| {
            let image = eframe::icon_data::from_png_bytes(super::super::ICON_PNG)
                .map(|i| {
                    egui::ColorImage::from_rgba_unmultiplied(
                        [i.width as usize, i.height as usize],
                        &i.rgba,
                    )
                })
                .unwrap_or_else(|_| {
                    egui::ColorImage::new([1, 1], vec![egui::Color32::TRANSPARENT])
                });
            ctx.load_texture("junheng-icon", image, egui::TextureOptions::LINEAR)
        })
        .clone();
    let mut open = true;
    egui::Window::new(tr.s("关于均衡", "About junheng"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .default_width(460.0)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.add(egui::Image::new(&icon).fit_to_exact_size(egui::vec2(96.0, 96.0)));
                ui.vertical(|ui| {
                    ui.label(RichText::new("均衡 junheng").size(24.0).strong());
                    ui.label(format!(
                        "{} {}",
                        tr.s("版本", "Version"),
                        env!("CARGO_PKG_VERSION")
                    ));
                    ui.label(tr.s(
                        "义务教育优质均衡发展：资源配置评估、模拟与规划",
                        "Compulsory-education high-quality balance: resource allocation, evaluated, simulated and planned",
                    ));
                });
            });
            ui.separator();
            ui.label(format!(
                "{}{}",
                tr.s("许可：", "Licence: "),
                env!("CARGO_PKG_LICENSE")
            ));
            ui.label(tr.s(
                "界面和报告中的中文字体：Noto Sans SC（思源黑体子集），SIL Open Font License 1.1。",
                "The Chinese font of the window and the reports: Noto Sans SC (a subset), SIL Open Font License 1.1.",
            ));
            ui.collapsing(tr.s("字体许可全文", "The font's licence"), |ui| {
                egui::ScrollArea::vertical()
                    .max_height(220.0)
                    .show(ui, |ui| ui.label(RichText::new(FONT_LICENSE).small()));
            });
            if ui.button(tr.s("关闭", "Close")).clicked() {
                app.command(Command::ShowAbout(false));
            }
        });
    if !open {
        app.command(Command::ShowAbout(false));
    }
}
