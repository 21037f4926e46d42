//! The app's colours with meaning; the number formatting itself is [`crate::format`], shared
//! with the command line and the reports.

pub use crate::format::*;
use eframe::egui::Color32;

/// Colours with meaning, readable on light and dark backgrounds.
pub mod colors {
    use super::Color32;
    pub const MET: Color32 = Color32::from_rgb(46, 160, 67);
    pub const NEAR: Color32 = Color32::from_rgb(230, 160, 20);
    pub const BELOW: Color32 = Color32::from_rgb(215, 58, 73);
    pub const THRESHOLD: Color32 = Color32::from_rgb(40, 110, 220);
    pub const FLOOR: Color32 = Color32::from_rgb(150, 150, 150);
}

/// The colour of an indicator result: met, within 85%, below 85%.
pub fn status_color(met: bool, above_floor: bool) -> Color32 {
    if met {
        colors::MET
    } else if above_floor {
        colors::NEAR
    } else {
        colors::BELOW
    }
}
