//! The embedded CJK font, so Chinese renders on any machine. The system's fonts stay as a further
//! fallback (eframe's `system_fonts` provider) for characters outside GBK.

use eframe::egui::{self, FontData, FontDefinitions, FontFamily};
use std::sync::Arc;

pub use crate::io::CJK_FONT;

const CJK_NAME: &str = "noto_sans_sc";

/// The app's font definitions: the CJK font first for proportional text (it has Latin glyphs
/// too, so mixed text has one look), and as a fallback for monospace.
pub fn definitions() -> FontDefinitions {
    let mut defs = FontDefinitions::default();
    defs.font_data.insert(
        CJK_NAME.to_owned(),
        Arc::new(FontData::from_static(CJK_FONT)),
    );
    defs.families
        .entry(FontFamily::Proportional)
        .or_default()
        .insert(0, CJK_NAME.to_owned());
    defs.families
        .entry(FontFamily::Monospace)
        .or_default()
        .push(CJK_NAME.to_owned());
    defs
}

/// Installs the app's fonts and text sizes in a context (the app at start-up, tests in setup).
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
    ctx.all_styles_mut(|style| {
        use egui::{FontId, TextStyle};
        style.text_styles = [
            (TextStyle::Small, FontId::proportional(12.0)),
            (TextStyle::Body, FontId::proportional(15.0)),
            (TextStyle::Button, FontId::proportional(15.0)),
            (TextStyle::Heading, FontId::proportional(22.0)),
            (TextStyle::Monospace, FontId::monospace(14.0)),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
    });
}
