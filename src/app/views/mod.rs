//! One file per panel. A view gets a read-only [`super::Ctx`] (the state, what is derived from
//! it, the translator) and, where it has one, its own widget state (text being typed, a sort
//! order); it sends commands and computes nothing but layout and formatting.

pub mod about;
pub mod charts;
pub mod compare;
pub mod counties;
pub mod indicator;
pub mod ledger;
pub mod mapping;
pub mod matrix;
pub mod overview;
pub mod plan;
pub mod plan_phased;
pub mod present;
pub mod readiness;
pub mod scenario;
pub mod school;
pub mod standard;
pub mod table;
pub mod windows;
pub mod years;
pub mod years_inputs;

use super::format;
use super::Tr;
use crate::evaluate::{Unit, Verdict};
use crate::standard::Standard;
use eframe::egui::{self, Color32, RichText};

/// A big coloured verdict word: 达标 / 未达标.
pub fn verdict_label(tr: Tr, passes: bool) -> RichText {
    let (text, color) = if passes {
        (tr.s("达标", "Pass"), format::colors::MET)
    } else {
        (tr.s("未达标", "Fail"), format::colors::BELOW)
    };
    RichText::new(text).color(color).strong()
}

/// Why a section passes or fails, in a sentence.
pub fn verdict_reason(tr: Tr, unit: &Unit, standard: &Standard) -> String {
    let zh = tr.zh();
    let name = |k: usize| standard.indicators[k].short(zh).to_string();
    match unit.verdict(standard) {
        Verdict::AllMet => tr
            .s(
                "7 项指标全部达到标准值",
                "all indicators reach their thresholds",
            )
            .replace('7', &standard.indicators.len().to_string()),
        Verdict::PassesWithMissed(missed) => {
            let parts: Vec<String> = missed
                .iter()
                .map(|&(k, r)| format!("{} {:.0}%", name(k), r * 100.0))
                .collect();
            if zh {
                format!(
                    "{} 项达标，其余不低于标准值的 85%（{}）",
                    unit.met_count,
                    parts.join("、")
                )
            } else {
                format!(
                    "{} met, the rest at least 85% of threshold ({})",
                    unit.met_count,
                    parts.join(", ")
                )
            }
        }
        Verdict::TooFewMet { met, needed } => {
            if zh {
                format!("仅 {met} 项达标，至少需要 {needed} 项")
            } else {
                format!("only {met} met; at least {needed} needed")
            }
        }
        Verdict::BelowFloor(below) => {
            let parts: Vec<String> = below
                .iter()
                .map(|&(k, r)| format!("{} {:.0}%", name(k), r * 100.0))
                .collect();
            if zh {
                format!("{} 低于标准值的 85%", parts.join("、"))
            } else {
                format!("{} below 85% of threshold", parts.join(", "))
            }
        }
    }
}

/// Paints a cell's background and writes its text.
pub fn colored_cell(ui: &mut egui::Ui, text: &str, fill: Color32) {
    let rect = ui.max_rect();
    ui.painter()
        .rect_filled(rect, 2.0, fill.gamma_multiply(0.35));
    ui.label(text);
}

/// Shown where a view has nothing to draw.
pub fn empty_note(ui: &mut egui::Ui, tr: Tr) {
    ui.label(tr.s(
        "没有可评估的学校。用“文件 → 打开…”导入数据。",
        "No school to evaluate. Use File → Open… to import data.",
    ));
}
