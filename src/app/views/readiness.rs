//! 达标总览: the whole standard on one page — the four areas and the veto list, green or red
//! with counts, what still fails, one verdict; and the county-level items to enter.

use super::super::format::colors;
use super::super::{Command, Ctx};
use crate::readiness::{judge, Area, AreaStatus, ItemStatus, Rule};

/// 达标 green, 未填写 grey, 未达标 red.
pub fn area_color(status: AreaStatus) -> egui::Color32 {
    match status {
        AreaStatus::Met => colors::MET,
        AreaStatus::NotEntered => colors::FLOOR,
        AreaStatus::NotMet => colors::BELOW,
    }
}
use eframe::egui::{self, RichText};

pub fn show(
    app: &Ctx,
    evidence_drafts: &mut std::collections::HashMap<String, String>,
    ui: &mut egui::Ui,
) {
    let tr = app.tr();
    let zh = tr.zh();
    // Computed once per change (command_handling), never per frame.
    let r = &app.derived.readiness;
    let conditions = &app.derived.conditions;
    let mut commands = Vec::new();
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading(tr.s("优质均衡发展：", "High-quality balance: "));
            ui.heading(
                RichText::new(if r.verdict {
                    tr.s("可以通过认定", "ready for recognition")
                } else {
                    tr.s("尚未达到", "not yet")
                })
                .color(if r.verdict {
                    colors::MET
                } else {
                    colors::BELOW
                })
                .strong(),
            );
        });
        ui.label(tr.s(
            "四个方面全部达标且没有一票否决事项，才能通过认定。",
            "All four areas must pass and no veto item may occur.",
        ));
        ui.horizontal_wrapped(|ui| {
            for a in &r.areas {
                let mut text = format!("{} {}/{}", a.area.name(zh), a.met, a.total);
                if a.status() == AreaStatus::NotEntered {
                    text = format!("{text} · {}", a.word(zh));
                }
                ui.label(
                    RichText::new(text)
                        .size(20.0)
                        .color(egui::Color32::WHITE)
                        .background_color(area_color(a.status())),
                );
            }
        });
        if !r.failing.is_empty() {
            egui::CollapsingHeader::new(format!(
                "{} ({})",
                tr.s("尚未达到的项目", "What still fails"),
                r.failing.len()
            ))
            .default_open(true)
            .show(ui, |ui| {
                for (f, &not_entered) in r.failing.iter().zip(&r.not_entered).take(200) {
                    // An item not entered yet is not a failure: grey, not red.
                    ui.label(RichText::new(f).color(if not_entered {
                        colors::FLOOR
                    } else {
                        colors::BELOW
                    }));
                }
            });
        }
        ui.separator();
        for area in [
            Area::Guarantee,
            Area::Quality,
            Area::Recognition,
            Area::Veto,
        ] {
            if !app.standard().county_items().iter().any(|i| i.area == area) {
                // This standard has no county items here (2012 has no veto list).
                continue;
            }
            ui.label(RichText::new(area.name(zh)).strong().size(18.0));
            let entries = &app.derived.county_entries;
            egui::Grid::new(("county-items", area as u8))
                .striped(true)
                .show(ui, |ui| {
                    for it in app
                        .standard()
                        .county_items()
                        .iter()
                        .filter(|i| i.area == area)
                    {
                        let entry = entries.iter().find(|e| e.key == it.key);
                        // (10) and (11) of a scenario that moves teachers: computed, not typed.
                        let computed = app.derived.exchange.filter(|_| {
                            crate::workspace::EXCHANGE_KEYS.contains(&it.key.as_str())
                        });
                        let value = entry.and_then(|e| e.value);
                        let evidence = entry.map(|e| e.evidence.clone()).unwrap_or_default();
                        let name = ui.label(it.name(zh));
                        match it.rule {
                            Rule::Yes | Rule::MustNotOccur => {
                                let (yes, no) = if it.rule == Rule::MustNotOccur {
                                    (tr.s("发生", "occurred"), tr.s("未发生", "did not occur"))
                                } else {
                                    (tr.s("是", "yes"), tr.s("否", "no"))
                                };
                                ui.horizontal(|ui| {
                                    if ui
                                        .selectable_label(value == Some(1.0), yes)
                                        .labelled_by(name.id)
                                        .clicked()
                                    {
                                        commands.push(Command::SetCountyEntry {
                                            key: it.key.clone(),
                                            value: Some(1.0),
                                            evidence: evidence.clone(),
                                        });
                                    }
                                    if ui
                                        .selectable_label(value == Some(0.0), no)
                                        .labelled_by(name.id)
                                        .clicked()
                                    {
                                        commands.push(Command::SetCountyEntry {
                                            key: it.key.clone(),
                                            value: Some(0.0),
                                            evidence: evidence.clone(),
                                        });
                                    }
                                });
                            }
                            Rule::AtLeast(t) if computed.is_some() => {
                                let ex = computed.unwrap_or(crate::scenario::Exchange {
                                    moved: 0.0,
                                    backbone: 0.0,
                                    teachers: 0.0,
                                });
                                ui.label(format!(
                                    "{} {}（{}）  ≥ {} {}",
                                    crate::format::value_against(value.unwrap_or(0.0), t),
                                    it.unit,
                                    if zh {
                                        format!(
                                            "方案计算：交流 {} 名，其中骨干 {} 名；全县教师 {} 名",
                                            crate::format::thousands(ex.moved),
                                            crate::format::thousands(ex.backbone),
                                            crate::format::thousands(ex.teachers)
                                        )
                                    } else {
                                        format!(
                                            "from the scenario: {} moved, {} backbone; {} teachers in the county",
                                            crate::format::thousands(ex.moved),
                                            crate::format::thousands(ex.backbone),
                                            crate::format::thousands(ex.teachers)
                                        )
                                    },
                                    crate::format::as_typed(t),
                                    it.unit
                                ));
                            }
                            Rule::AtLeast(t) => {
                                let mut v = value.unwrap_or(0.0);
                                ui.horizontal(|ui| {
                                    let resp = ui
                                        .add(
                                            egui::DragValue::new(&mut v)
                                                .speed(0.0)
                                                // "96.5 %" as typed, never "96.500000000000000 %".
                                                .custom_formatter(|n, _| crate::format::as_typed(n))
                                                .update_while_editing(false)
                                                .suffix(format!(" {}", it.unit)),
                                        )
                                        .labelled_by(name.id);
                                    if resp.changed() {
                                        commands.push(Command::SetCountyEntry {
                                            key: it.key.clone(),
                                            value: Some(v),
                                            evidence: evidence.clone(),
                                        });
                                    }
                                    ui.label(format!(
                                        "≥ {} {}",
                                        crate::format::as_typed(t),
                                        it.unit
                                    ));
                                });
                            }
                        }
                        let status = judge(it, value);
                        ui.label(match status {
                            ItemStatus::Met => {
                                RichText::new(tr.s("达标", "met")).color(colors::MET)
                            }
                            ItemStatus::NotMet => {
                                RichText::new(tr.s("未达标", "not met")).color(colors::BELOW)
                            }
                            ItemStatus::Missing => {
                                RichText::new(tr.s("未填写", "not entered")).color(colors::FLOOR)
                            }
                        });
                        let draft = evidence_drafts
                            .entry(it.key.clone())
                            .or_insert_with(|| evidence.clone());
                        let resp = ui
                            .add(
                                egui::TextEdit::singleline(draft)
                                    .hint_text(tr.s("佐证材料", "Evidence"))
                                    .desired_width(180.0),
                            )
                            .labelled_by(name.id);
                        if resp.lost_focus() {
                            if *draft != evidence {
                                commands.push(Command::SetCountyEntry {
                                    key: it.key.clone(),
                                    value,
                                    evidence: draft.clone(),
                                });
                            }
                            evidence_drafts.remove(&it.key);
                        } else if !resp.has_focus() {
                            // Not being edited: show what is stored (undo may have changed it).
                            evidence_drafts.remove(&it.key);
                        }
                        ui.end_row();
                    }
                });
        }
        ui.separator();
        ui.label(
            RichText::new(tr.s("学校层面的保障项目", "School-level guarantee items"))
                .strong()
                .size(18.0),
        );
        egui::Grid::new("school-conditions")
            .striped(true)
            .show(ui, |ui| {
                for s in conditions {
                    for res in s.results.iter().filter(|x| !x.met()) {
                        ui.label(&s.name);
                        ui.label(res.condition.name(zh));
                        let lacks: Vec<String> = res.lacks.iter().map(|l| l.message(zh)).collect();
                        ui.label(RichText::new(lacks.join(tr.s("；", "; "))).color(colors::BELOW));
                        ui.end_row();
                    }
                }
            });
    });
    for c in commands {
        app.command(c);
    }
}
