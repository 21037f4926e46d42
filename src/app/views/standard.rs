//! 标准: which standard the county is judged by, and an editor for a copy of it (a province's
//! variant): thresholds, CV limits, the composite limit, the school rule and the thresholds of
//! the county-level items. Edits are drafts
//! until 应用; applying is one undoable step, saved in the project, and every view recomputes.

use crate::app::format::{self, colors};
use crate::app::{Command, Ctx, Tr};
use crate::model::Level;
use crate::standard::{CountyItem, PerLevel, Rule, Standard, StandardDef};
use eframe::egui::{self, RichText};

/// The editor's text fields, as typed, for the standard they were made from.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The definition the fields were filled from; a draft for another one is stale.
    pub base: StandardDef,
    pub name_zh: String,
    /// Per indicator: primary and junior thresholds.
    pub thresholds: Vec<[String; 2]>,
    pub cv: [String; 2],
    pub composite: Option<[String; 2]>,
    pub min_met: String,
    pub floor_ratio: String,
    /// The guarantee items computed per school, in [`CONDITIONS`] order.
    pub conditions: Vec<String>,
    /// The thresholds of the county items judged "at least", in the standard's order.
    pub county: Vec<String>,
    /// Why the fields could not be applied (a field that is not a number).
    pub error: Option<String>,
}

/// A standard's county items (the national 2017 ones for a file written before standards
/// carried them).
fn county_items_of(def: &StandardDef) -> Vec<CountyItem> {
    def.county_items.clone().unwrap_or_else(|| {
        Standard::national_2017()
            .def
            .county_items
            .unwrap_or_default()
    })
}

/// The guarantee thresholds the editor offers: (label zh, label en, unit).
const CONDITIONS: [(&str, &str, &str); 8] = [
    (
        "每多少个班配 1 间音乐、美术教室",
        "Classes per music/art room",
        "个班",
    ),
    ("音乐教室最小面积", "Smallest music room", "m²"),
    ("美术教室最小面积", "Smallest art room", "m²"),
    ("学校规模上限", "Most students in a school", "人"),
    (
        "一贯制学校义务教育段规模上限",
        "Most students, combined school",
        "人",
    ),
    ("小学最大班额", "Largest primary class", "人"),
    ("初中最大班额", "Largest junior class", "人"),
    ("持证、培训教师比例", "Certified and trained share", "0–1"),
];

fn conditions_of(def: &StandardDef) -> [f64; 8] {
    let c = &def.school_conditions;
    [
        c.classes_per_room,
        c.music_room_min_m2,
        c.art_room_min_m2,
        c.max_students,
        c.max_students_combined,
        c.max_class.primary,
        c.max_class.junior,
        c.certified_ratio,
    ]
}

fn num(x: f64) -> String {
    let s = format!("{x}");
    if s.contains('e') {
        format!("{x:.6}")
    } else {
        s
    }
}

impl Draft {
    /// The fields filled from a definition.
    pub fn of(def: &StandardDef) -> Draft {
        Draft {
            base: def.clone(),
            name_zh: def.name_zh.clone(),
            thresholds: def
                .indicators
                .iter()
                .map(|i| [num(i.threshold.primary), num(i.threshold.junior)])
                .collect(),
            cv: [num(def.cv.limit.primary), num(def.cv.limit.junior)],
            composite: def
                .cv
                .composite_limit
                .as_ref()
                .map(|c| [num(c.primary), num(c.junior)]),
            min_met: def.school_rule.min_met.to_string(),
            floor_ratio: num(def.school_rule.floor_ratio),
            conditions: conditions_of(def).iter().map(|x| num(*x)).collect(),
            county: county_items_of(def)
                .iter()
                .filter_map(|i| match i.rule {
                    Rule::AtLeast(t) => Some(num(t)),
                    _ => None,
                })
                .collect(),
            error: None,
        }
    }

    /// The definition the fields describe, or every field that is not a number.
    pub fn to_def(&self, tr: Tr) -> Result<StandardDef, Vec<String>> {
        let zh = tr.zh();
        let mut def = self.base.clone();
        let mut bad = Vec::new();
        let mut parse_or_note = |text: &str, what: String| -> f64 {
            match parse(text) {
                Some(x) => x,
                None => {
                    bad.push(if zh {
                        format!("{what}：“{}”不是数字", text.trim())
                    } else {
                        format!("{what}: \"{}\" is not a number", text.trim())
                    });
                    f64::NAN
                }
            }
        };
        for (ind, t) in def.indicators.iter_mut().zip(&self.thresholds) {
            let name = if zh { &ind.short_zh } else { &ind.short_en };
            let name = if name.is_empty() { &ind.key } else { name };
            ind.threshold.primary = parse_or_note(&t[0], format!("{name} {}", level_name(zh, 0)));
            ind.threshold.junior = parse_or_note(&t[1], format!("{name} {}", level_name(zh, 1)));
        }
        let cv_name = tr.s("差异系数限值", "CV limit");
        def.cv.limit = PerLevel {
            primary: parse_or_note(&self.cv[0], format!("{cv_name} {}", level_name(zh, 0))),
            junior: parse_or_note(&self.cv[1], format!("{cv_name} {}", level_name(zh, 1))),
        };
        if let Some(c) = &self.composite {
            let what = tr.s("综合差异系数限值", "Composite CV limit");
            def.cv.composite_limit = Some(PerLevel {
                primary: parse_or_note(&c[0], format!("{what} {}", level_name(zh, 0))),
                junior: parse_or_note(&c[1], format!("{what} {}", level_name(zh, 1))),
            });
        }
        let floor = parse_or_note(
            &self.floor_ratio,
            tr.s("其余指标不低于门槛的比例", "Floor ratio").to_string(),
        );
        def.school_rule.floor_ratio = floor;
        let cond: Vec<f64> = CONDITIONS
            .iter()
            .zip(&self.conditions)
            .map(|((zh_name, en_name, _), text)| {
                parse_or_note(text, if zh { zh_name } else { en_name }.to_string())
            })
            .collect();
        if let [per_room, music, art, size, combined, primary, junior, ratio] = cond[..] {
            let c = &mut def.school_conditions;
            c.classes_per_room = per_room;
            c.music_room_min_m2 = music;
            c.art_room_min_m2 = art;
            c.max_students = size;
            c.max_students_combined = combined;
            c.max_class.primary = primary;
            c.max_class.junior = junior;
            c.certified_ratio = ratio;
            c.trained_ratio = ratio;
        }
        let mut items = county_items_of(&self.base);
        let mut texts = self.county.iter();
        for it in items.iter_mut() {
            if let Rule::AtLeast(_) = it.rule {
                if let Some(text) = texts.next() {
                    it.rule = Rule::AtLeast(parse_or_note(text, it.name(zh).to_string()));
                }
            }
        }
        if self.base.county_items.is_some() || items != county_items_of(&self.base) {
            def.county_items = Some(items);
        }
        match self.min_met.trim().parse::<usize>() {
            Ok(n) => def.school_rule.min_met = n,
            Err(_) => bad.push(if zh {
                format!("至少达标的指标数：“{}”不是整数", self.min_met.trim())
            } else {
                format!(
                    "Indicators that must be met: \"{}\" is not a whole number",
                    self.min_met.trim()
                )
            }),
        }
        if !self.name_zh.trim().is_empty() {
            def.name_zh = self.name_zh.trim().to_string();
        }
        if bad.is_empty() {
            Ok(def)
        } else {
            Err(bad)
        }
    }
}

/// A number as typed: half- or full-width digits, spaces ignored.
fn parse(text: &str) -> Option<f64> {
    let folded: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF10}'..='\u{FF19}' | '\u{FF0E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '。' => '.',
            _ => c,
        })
        .collect();
    folded.parse::<f64>().ok().filter(|x| x.is_finite())
}

fn level_name(zh: bool, i: usize) -> &'static str {
    match (zh, i) {
        (true, 0) => "小学",
        (true, _) => "初中",
        (false, 0) => "primary",
        (false, _) => "junior",
    }
}

/// A copy of a standard that the user may edit: a new id and name, so it is never mistaken for
/// the built-in one.
pub fn editable_copy(def: &StandardDef) -> StandardDef {
    let mut copy = def.clone();
    if !copy.id.ends_with("-custom") {
        copy.id = format!("{}-custom", copy.id);
        copy.name_zh = format!("{}（自定义）", copy.name_zh);
        copy.name_en = format!("{} (custom)", copy.name_en);
    }
    copy
}

pub fn show(app: &Ctx, standard_draft: &mut Option<Draft>, ui: &mut egui::Ui) {
    let tr = app.tr();
    let zh = tr.zh();
    let mut commands = Vec::new();
    let current = app.standard().clone();
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.heading(tr.s("评估标准", "Standard"));
        ui.label(
            RichText::new(if zh {
                &current.def.name_zh
            } else {
                &current.def.name_en
            })
            .strong()
            .size(18.0),
        );
        let builtin = current.is_builtin();
        ui.label(if builtin {
            tr.s(
                "内置标准（与发布文本一致）",
                "Built-in standard, as published",
            )
        } else {
            tr.s(
                "自定义标准：保存在项目文件中",
                "Custom standard: saved in the project file",
            )
        });
        if !current.def.source.is_empty() {
            ui.label(RichText::new(&current.def.source).small().weak());
        }
        let missing = current.missing_in(app.base_data());
        if !missing.is_empty() {
            let list: Vec<String> = missing
                .iter()
                .map(|(f, n)| {
                    if zh {
                        format!("{}（{n} 个学段）", f.zh_headers()[0])
                    } else {
                        format!("{} ({n} sections)", f.key())
                    }
                })
                .collect();
            ui.label(
                RichText::new(format!(
                    "{}{}",
                    tr.s(
                        "当前数据缺少本标准需要的列，按 0 计算：",
                        "The data lacks columns this standard needs; counted as 0: "
                    ),
                    list.join(tr.s("、", ", "))
                ))
                .color(colors::BELOW),
            );
        }
        ui.separator();
        ui.horizontal_wrapped(|ui| {
            ui.label(tr.s("内置标准：", "Built-in standards:"));
            for id in Standard::builtin_ids() {
                if let Ok(s) = Standard::builtin(id) {
                    let selected = current.def == s.def;
                    let name = if zh { &s.def.name_zh } else { &s.def.name_en };
                    if ui.selectable_label(selected, name.as_str()).clicked() && !selected {
                        commands.push(Command::SetStandard(Box::new(s.def)));
                    }
                }
            }
        });
        if ui
            .button(tr.s(
                "复制为自定义标准（可修改门槛和限值）",
                "Copy as a custom standard (thresholds and limits editable)",
            ))
            .clicked()
        {
            commands.push(Command::SetStandard(Box::new(editable_copy(&current.def))));
        }
        if let Some(e) = &app.standard_error {
            ui.label(RichText::new(e).color(colors::BELOW));
        }
        ui.separator();
        if builtin {
            ui.label(tr.s(
                "内置标准不能直接修改：先“复制为自定义标准”，再修改门槛和限值。",
                "A built-in standard cannot be edited: copy it as a custom standard first.",
            ));
            overview_table(ui, &current, tr);
            return;
        }
        if standard_draft
            .as_ref()
            .is_none_or(|d| d.base != current.def)
        {
            *standard_draft = Some(Draft::of(&current.def));
        }
        let Some(draft) = standard_draft.as_mut() else {
            return;
        };
        if let Some(e) = &draft.error {
            ui.label(RichText::new(e).color(colors::BELOW));
        }
        // The buttons above the fields, so that they stay in view however long the list.
        let parsed = draft.to_def(tr);
        let changed = parsed.as_ref().map_or(true, |d| *d != current.def);
        let mut discard = false;
        ui.horizontal(|ui| {
            if ui
                .add_enabled(
                    changed,
                    egui::Button::new(tr.s("应用并重新计算", "Apply and recompute")),
                )
                .clicked()
            {
                match &parsed {
                    Ok(def) => {
                        draft.error = None;
                        commands.push(Command::SetStandard(Box::new(def.clone())));
                    }
                    Err(bad) => draft.error = Some(bad.join("\n")),
                }
            }
            if ui
                .add_enabled(
                    changed,
                    egui::Button::new(tr.s("放弃修改", "Discard edits")),
                )
                .clicked()
            {
                discard = true;
            }
        });
        ui.add_space(4.0);
        editor(ui, &current, draft, tr);
        if discard {
            *standard_draft = None;
        }
    });
    for c in commands {
        app.command(c);
    }
}

/// The thresholds and limits of a standard, read-only.
fn overview_table(ui: &mut egui::Ui, s: &Standard, tr: Tr) {
    let zh = tr.zh();
    egui::Grid::new("standard-table")
        .striped(true)
        .show(ui, |ui| {
            ui.strong(tr.s("指标", "Indicator"));
            ui.strong(tr.s("小学门槛", "Primary"));
            ui.strong(tr.s("初中门槛", "Junior"));
            ui.end_row();
            for ind in &s.indicators {
                ui.label(ind.name(zh));
                for level in Level::BOTH {
                    ui.label(if ind.has_threshold(level) {
                        format!(
                            "{} {}",
                            format::indicator_threshold(ind, ind.threshold(level)),
                            ind.unit(zh)
                        )
                    } else if zh {
                        "不设（仅差异系数）".to_string()
                    } else {
                        "none (CV only)".to_string()
                    });
                }
                ui.end_row();
            }
            ui.label(tr.s("差异系数限值", "CV limit"));
            for level in Level::BOTH {
                ui.label(format!("{:.2}", s.cv_limit(level)));
            }
            ui.end_row();
            if s.def.cv.composite_limit.is_some() {
                ui.label(tr.s(
                    "综合差异系数限值（决定结论）",
                    "Composite CV limit (decides)",
                ));
                for level in Level::BOTH {
                    ui.label(format!("{:.2}", s.composite_limit(level).unwrap_or(0.0)));
                }
                ui.end_row();
            }
            for ((zh_name, en_name, unit), x) in CONDITIONS.iter().zip(conditions_of(&s.def)) {
                ui.label(if zh { *zh_name } else { *en_name });
                ui.label(format!("{} {unit}", format::value(x)));
                ui.end_row();
            }
            for it in s.county_items() {
                if let Rule::AtLeast(t) = it.rule {
                    ui.label(it.name(zh));
                    ui.label(format!("≥ {} {}", num(t), it.unit));
                    ui.end_row();
                }
            }
            ui.label(tr.s("学校达标规则", "School rule"));
            ui.label(if zh {
                format!(
                    "至少 {} 项达标，其余不低于门槛的 {:.0}%",
                    s.def.school_rule.min_met,
                    s.def.school_rule.floor_ratio * 100.0
                )
            } else {
                format!(
                    "at least {} met, the rest at {:.0}% of the threshold",
                    s.def.school_rule.min_met,
                    s.def.school_rule.floor_ratio * 100.0
                )
            });
            ui.end_row();
        });
}

/// The editable fields. Text inputs come in a fixed order (thresholds by indicator, primary
/// then junior; CV limits; composite limits; the school rule; the name), which tests rely on.
fn editor(ui: &mut egui::Ui, s: &Standard, draft: &mut Draft, tr: Tr) {
    let zh = tr.zh();
    let field = |ui: &mut egui::Ui, text: &mut String, label: egui::Id| {
        ui.add(egui::TextEdit::singleline(text).desired_width(80.0))
            .labelled_by(label);
    };
    // A row with one value: its name, the field, an empty junior column, a unit or range.
    let single = |ui: &mut egui::Ui, name: &str, text: &mut String, unit: &str| {
        let name = ui.label(name);
        field(ui, text, name.id);
        ui.label("");
        ui.label(unit);
        ui.end_row();
    };
    ui.label(tr.s(
        "门槛填 0 表示该指标不设校级门槛，只计入差异系数。",
        "A threshold of 0 means no per-school threshold: the indicator only enters the CV.",
    ));
    egui::Grid::new("standard-editor")
        .striped(true)
        .show(ui, |ui| {
            ui.strong(tr.s("指标", "Indicator"));
            ui.strong(tr.s("小学门槛", "Primary threshold"));
            ui.strong(tr.s("初中门槛", "Junior threshold"));
            ui.strong(tr.s("单位", "Unit"));
            ui.end_row();
            for (ind, t) in s.indicators.iter().zip(draft.thresholds.iter_mut()) {
                let name = ui.label(ind.name(zh));
                field(ui, &mut t[0], name.id);
                field(ui, &mut t[1], name.id);
                ui.label(ind.unit(zh));
                ui.end_row();
            }
            let name = ui.label(tr.s("差异系数限值", "CV limit"));
            field(ui, &mut draft.cv[0], name.id);
            field(ui, &mut draft.cv[1], name.id);
            ui.label(if s.def.cv.composite_limit.is_some() {
                tr.s("仅供参考", "shown only")
            } else {
                ""
            });
            ui.end_row();
            if let Some(c) = draft.composite.as_mut() {
                let name = ui.label(tr.s("综合差异系数限值", "Composite CV limit"));
                field(ui, &mut c[0], name.id);
                field(ui, &mut c[1], name.id);
                ui.label(tr.s("决定结论", "decides"));
                ui.end_row();
            }
            single(
                ui,
                tr.s("至少达标的指标数", "Indicators that must be met"),
                &mut draft.min_met,
                &format!("/ {}", s.indicators.len()),
            );
            single(
                ui,
                tr.s(
                    "其余指标不低于门槛的比例",
                    "The rest at least this share of the threshold",
                ),
                &mut draft.floor_ratio,
                "0–1",
            );
            ui.strong(tr.s(
                "政府保障程度（按学校数据计算）",
                "Government guarantee (computed per school)",
            ));
            ui.end_row();
            for ((zh_name, en_name, unit), text) in
                CONDITIONS.iter().zip(draft.conditions.iter_mut())
            {
                single(ui, if zh { zh_name } else { en_name }, text, unit);
            }
            let name = ui.label(tr.s("标准名称", "Name (Chinese)"));
            ui.add(egui::TextEdit::singleline(&mut draft.name_zh).desired_width(360.0))
                .labelled_by(name.id);
            ui.end_row();
            // After the name, so that the fields above keep their order.
            ui.strong(tr.s("县级项目（至少达到）", "County items (at least)"));
            ui.end_row();
            let at_least = s
                .county_items()
                .iter()
                .filter(|i| matches!(i.rule, Rule::AtLeast(_)));
            for (it, text) in at_least.zip(draft.county.iter_mut()) {
                single(ui, it.name(zh), text, &it.unit);
            }
        });
}
