//! The scenario panel: the scenarios of the project, the active one's changes, a form for every
//! kind of change, the sections whose verdict it changes, its cost, and the unit-cost table.

use super::super::format::{self, colors};
use super::super::{Command, Ctx, Tr};
use crate::model::{Field, Level, SchoolKind};
use crate::scenario::{Change, MergeInto};
use eframe::egui::{self, RichText};

/// Which change the form builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FormOp {
    #[default]
    Add,
    Set,
    Move,
    NewSchool,
    Merge,
    Close,
    /// 交流轮岗: teachers moved between schools.
    Transfer,
}

/// The change form's fields (kept between frames).
#[derive(Debug, Clone)]
pub struct ChangeForm {
    pub op: FormOp,
    pub school: String,
    pub other: String,
    pub field: Field,
    pub amount: f64,
    pub section: Level,
    pub new_id: String,
    pub new_name: String,
    pub kind: SchoolKind,
    pub merge_ids: String,
    /// The school year the change holds from (`None`: from the base year, undated).
    pub year: Option<i32>,
    /// The teacher counts a transfer moves together.
    pub transfer_fields: Vec<Field>,
    /// What closing the chosen school would do, for (school, receiving school, data shown): the
    /// lines and whether each is bad news. Computed when those change, not every frame.
    pub close_preview: Option<(String, Vec<(String, bool)>)>,
}

impl Default for ChangeForm {
    fn default() -> Self {
        ChangeForm {
            op: FormOp::Add,
            school: String::new(),
            other: String::new(),
            field: Field::BackbonePrimary,
            amount: 1.0,
            section: Level::Primary,
            new_id: String::new(),
            new_name: String::new(),
            kind: SchoolKind::Primary,
            merge_ids: String::new(),
            year: None,
            transfer_fields: vec![Field::TeachersPrimary, Field::BackbonePrimary],
            close_preview: None,
        }
    }
}

fn op_name(tr: Tr, op: FormOp) -> &'static str {
    match op {
        FormOp::Add => tr.s("增加资源", "Add resources"),
        FormOp::Set => tr.s("设为某值", "Set a value"),
        FormOp::Move => tr.s("调整学生", "Move students"),
        FormOp::NewSchool => tr.s("新建学校", "New school"),
        FormOp::Merge => tr.s("合并学校", "Merge schools"),
        FormOp::Close => tr.s("撤并学校", "Close a school"),
        FormOp::Transfer => tr.s("交流轮岗", "Transfer teachers"),
    }
}

fn school_combo(
    ui: &mut egui::Ui,
    id: &str,
    label: &str,
    value: &mut String,
    schools: &[(String, String)],
) {
    let shown = schools
        .iter()
        .find(|(sid, _)| sid == value)
        .map(|(sid, name)| format!("{name} ({sid})"))
        .unwrap_or_else(|| value.clone());
    let label_id = ui.label(label).id;
    egui::ComboBox::from_id_salt(id)
        .selected_text(shown)
        .width(220.0)
        .show_ui(ui, |ui| {
            for (sid, name) in schools {
                ui.selectable_value(value, sid.clone(), format!("{name} ({sid})"));
            }
        })
        .response
        .labelled_by(label_id);
}

/// A field's unit cost, once and every year, each typed and committed on Enter or leaving the
/// field (one undo step per edit); shared by the scenario cost table and the planner's form.
pub(crate) fn cost_editor(
    app: &Ctx,
    ui: &mut egui::Ui,
    f: Field,
    label: egui::Id,
) -> Option<Command> {
    let tr = app.tr();
    let unit = app.workspace.costs.unit(f);
    let mut out = None;
    ui.horizontal(|ui| {
        for (k, (prefix, value)) in [
            (tr.s("一次性 ", "once "), unit.once),
            (tr.s("每年 ", "a year "), unit.per_year),
        ]
        .into_iter()
        .enumerate()
        {
            let mut v = value;
            // A fixed width, so the 每年 column lines up under itself.
            let r = ui
                .add_sized(
                    [130.0, ui.spacing().interact_size.y],
                    egui::DragValue::new(&mut v)
                        .speed(0.0)
                        .max_decimals(2)
                        .update_while_editing(false)
                        .range(0.0..=f64::MAX)
                        .prefix(prefix)
                        // 元 as people read them: "90,000", "0.50" only where there is a fraction.
                        .custom_formatter(|v, _| {
                            if v.fract() == 0.0 {
                                format::thousands(v)
                            } else {
                                format!("{v:.2}")
                            }
                        })
                        .custom_parser(|t| t.replace([',', '，', ' '], "").parse().ok()),
                )
                .labelled_by(label);
            if r.changed() {
                let mut next = unit;
                if k == 0 {
                    next.once = v;
                } else {
                    next.per_year = v;
                }
                out = Some(Command::SetCost(f, next));
            }
        }
    });
    out
}

pub(crate) fn field_label(tr: Tr, f: Field) -> String {
    if tr.zh() {
        format!("{}（{}）", f.zh_headers()[0], f.unit_zh())
    } else {
        format!("{} ({})", f.key(), f.unit_en())
    }
}

pub fn show(app: &Ctx, form: &mut ChangeForm, rename_input: &mut String, ui: &mut egui::Ui) {
    let tr = app.tr();
    let mut commands = Vec::new();
    egui::Panel::left("scenario-list")
        .resizable(true)
        .default_size(240.0)
        .show(ui, |ui| {
            ui.heading(tr.s("方案", "Scenarios"));
            if ui
                .selectable_label(
                    app.workspace.active.is_none(),
                    tr.s("现状（基线）", "Baseline"),
                )
                .clicked()
            {
                commands.push(Command::SelectScenario(None));
            }
            for (i, sc) in app.workspace.scenarios.iter().enumerate() {
                let text = format!("{} ({})", sc.name, sc.changes.len());
                if ui
                    .selectable_label(app.workspace.active == Some(i), text)
                    .clicked()
                {
                    commands.push(Command::SelectScenario(Some(i)));
                }
            }
            ui.separator();
            if ui.button(tr.s("新建方案", "New scenario")).clicked() {
                commands.push(Command::NewScenario);
            }
            if let Some(a) = app.workspace.active {
                if ui.button(tr.s("复制此方案", "Duplicate")).clicked() {
                    commands.push(Command::DuplicateScenario(a));
                }
                ui.horizontal(|ui| {
                    ui.add(
                        egui::TextEdit::singleline(rename_input)
                            .hint_text(tr.s("新名称", "New name"))
                            .desired_width(120.0),
                    );
                    if ui.button(tr.s("重命名", "Rename")).clicked() {
                        commands.push(Command::RenameScenario(a, rename_input.clone()));
                    }
                });
                if ui.button(tr.s("删除此方案", "Delete")).clicked() {
                    commands.push(Command::DeleteScenario(a));
                }
            }
        });

    egui::ScrollArea::vertical().show(ui, |ui| {
        let Some(a) = app.workspace.active else {
            ui.heading(tr.s("现状（基线）", "Baseline"));
            ui.label(tr.s(
                "选择或新建一个方案，再添加变更：增加教师、面积、设备，调整学生，新建、合并或撤并学校。所有图表会同时显示方案与现状的对比。",
                "Pick or create a scenario, then add changes: teachers, area, equipment, moved students, new, merged or closed schools. Every chart then shows the scenario against the baseline.",
            ));
            cost_table(app, ui, tr, &mut commands);
            return;
        };
        let sc = app.workspace.scenarios[a].clone();
        ui.heading(&sc.name);
        if let Some(Err(e)) = &app.derived.scenario {
            ui.label(RichText::new(e.message(tr.zh())).color(colors::BELOW));
        }
        if let Some(msg) = &app.change_error {
            ui.label(RichText::new(msg).color(colors::BELOW).strong());
        }
        // The changes.
        ui.label(RichText::new(tr.s("变更", "Changes")).strong());
        if sc.changes.is_empty() {
            ui.label(tr.s("（还没有变更）", "(no changes yet)"));
        }
        for (i, c) in sc.changes.iter().enumerate() {
            ui.horizontal(|ui| {
                let from = match (sc.year_of(i), tr.zh()) {
                    (Some(y), true) => format!("（{y} 年起）"),
                    (Some(y), false) => format!(" (from {y})"),
                    (None, _) => String::new(),
                };
                ui.label(format!(
                    "{}. {}{from}",
                    i + 1,
                    c.describe_in(Some(app.base_data()), tr.zh())
                ));
                if ui.small_button(tr.s("删除", "Remove")).clicked() {
                    commands.push(Command::RemoveChange(i));
                }
            });
        }
        ui.separator();
        change_form(app, form, ui, tr, &mut commands);
        ui.separator();
        // What it does and what it costs.
        if let Some(Ok(result)) = &app.derived.scenario {
            let changes = &app.derived.changes;
            ui.label(RichText::new(tr.s("结论发生变化的学校", "Sections whose verdict changes")).strong());
            if changes.is_empty() {
                ui.label(tr.s("（没有）", "(none)"));
            }
            for c in changes {
                let text = if c.now_passes {
                    format!("{} · {} {}", c.name, format::level(tr, c.level), tr.s("→ 达标", "→ passes"))
                } else {
                    format!("{} · {} {}", c.name, format::level(tr, c.level), tr.s("→ 未达标", "→ fails"))
                };
                ui.label(RichText::new(text).color(if c.now_passes { colors::MET } else { colors::BELOW }));
            }
            ui.add_space(6.0);
            ui.label(
                RichText::new(format!(
                    "{}{}",
                    tr.s("方案费用：", "Cost: "),
                    format::cost_total(&result.cost, tr.zh())
                ))
                .strong()
                .size(18.0),
            );
            egui::Grid::new("cost-per-school").striped(true).show(ui, |ui| {
                for (id, c) in &result.cost.per_school {
                    ui.label(app.school_name(id));
                    ui.label(format!("{} {}", format::wan(*c), tr.s("万元", "×10k yuan")));
                    ui.end_row();
                }
            });
        }
        cost_table(app, ui, tr, &mut commands);
    });
    for c in commands {
        app.command(c);
    }
}

fn change_form(
    app: &Ctx,
    form: &mut ChangeForm,
    ui: &mut egui::Ui,
    tr: Tr,
    commands: &mut Vec<Command>,
) {
    let schools: Vec<(String, String)> = app
        .shown_data()
        .schools
        .iter()
        .map(|s| (s.id.clone(), s.name.clone()))
        .collect();
    ui.label(RichText::new(tr.s("添加变更", "Add a change")).strong());
    ui.horizontal_wrapped(|ui| {
        for op in [
            FormOp::Add,
            FormOp::Set,
            FormOp::Move,
            FormOp::NewSchool,
            FormOp::Merge,
            FormOp::Close,
            FormOp::Transfer,
        ] {
            ui.selectable_value(&mut form.op, op, op_name(tr, op));
        }
    });
    let mut submit = None;
    match form.op {
        FormOp::Add | FormOp::Set => {
            ui.horizontal_wrapped(|ui| {
                school_combo(
                    ui,
                    "form-school",
                    tr.s("学校", "School"),
                    &mut form.school,
                    &schools,
                );
                let label_id = ui.label(tr.s("项目", "Field")).id;
                egui::ComboBox::from_id_salt("form-field")
                    .selected_text(field_label(tr, form.field))
                    .show_ui(ui, |ui| {
                        for &f in Field::ALL {
                            ui.selectable_value(&mut form.field, f, field_label(tr, f));
                        }
                    })
                    .response
                    .labelled_by(label_id);
                ui.add(egui::DragValue::new(&mut form.amount).speed(1.0).prefix(
                    if form.op == FormOp::Add {
                        tr.s("增加 ", "add ")
                    } else {
                        tr.s("设为 ", "set to ")
                    },
                ));
                if ui.button(tr.s("添加", "Add")).clicked() {
                    submit = Some(if form.op == FormOp::Add {
                        Change::Add {
                            school_id: form.school.clone(),
                            field: form.field.key().into(),
                            amount: form.amount,
                        }
                    } else {
                        Change::Set {
                            school_id: form.school.clone(),
                            field: form.field.key().into(),
                            value: form.amount,
                        }
                    });
                }
            });
        }
        FormOp::Move => {
            ui.horizontal_wrapped(|ui| {
                school_combo(
                    ui,
                    "form-from",
                    tr.s("从", "From"),
                    &mut form.school,
                    &schools,
                );
                school_combo(ui, "form-to", tr.s("到", "To"), &mut form.other, &schools);
                let label_id = ui.label(tr.s("学段", "Section")).id;
                egui::ComboBox::from_id_salt("form-section")
                    .selected_text(format::level(tr, form.section))
                    .show_ui(ui, |ui| {
                        for l in Level::BOTH {
                            ui.selectable_value(&mut form.section, l, format::level(tr, l));
                        }
                    })
                    .response
                    .labelled_by(label_id);
                ui.add(
                    egui::DragValue::new(&mut form.amount)
                        .speed(10.0)
                        .suffix(tr.s(" 人", " students")),
                );
                if ui.button(tr.s("添加", "Add")).clicked() {
                    submit = Some(Change::MoveStudents {
                        from: form.school.clone(),
                        to: form.other.clone(),
                        section: form.section,
                        count: form.amount,
                    });
                }
            });
        }
        FormOp::NewSchool => {
            ui.horizontal_wrapped(|ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut form.new_id)
                        .hint_text(tr.s("学校标识码", "School id"))
                        .desired_width(90.0),
                );
                ui.add(
                    egui::TextEdit::singleline(&mut form.new_name)
                        .hint_text(tr.s("学校名称", "Name"))
                        .desired_width(140.0),
                );
                kind_combo(ui, tr, "form-kind", &mut form.kind);
                ui.add(
                    egui::DragValue::new(&mut form.amount)
                        .speed(10.0)
                        .prefix(tr.s("学生 ", "students ")),
                );
                if ui.button(tr.s("添加", "Add")).clicked() {
                    let mut record = serde_json::Map::new();
                    record.insert("school_id".into(), form.new_id.trim().into());
                    record.insert("name".into(), form.new_name.trim().into());
                    record.insert("kind".into(), form.kind.key().into());
                    let field = if form.kind.levels().first() == Some(&Level::Junior) {
                        Field::StudentsJunior
                    } else {
                        Field::StudentsPrimary
                    };
                    record.insert(field.key().into(), serde_json::json!(form.amount));
                    submit = Some(Change::NewSchool { school: record });
                }
            });
        }
        FormOp::Merge => {
            ui.horizontal_wrapped(|ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut form.merge_ids)
                        .hint_text(tr.s(
                            "要合并的学校标识码，用逗号分隔",
                            "Ids to merge, comma-separated",
                        ))
                        .desired_width(200.0),
                );
                ui.add(
                    egui::TextEdit::singleline(&mut form.new_id)
                        .hint_text(tr.s("合并后标识码", "Merged id"))
                        .desired_width(90.0),
                );
                ui.add(
                    egui::TextEdit::singleline(&mut form.new_name)
                        .hint_text(tr.s("合并后名称", "Merged name"))
                        .desired_width(140.0),
                );
                kind_combo(ui, tr, "form-merge-kind", &mut form.kind);
                if ui.button(tr.s("添加", "Add")).clicked() {
                    submit = Some(Change::Merge {
                        school_ids: form
                            .merge_ids
                            .split([',', '，', '、', ' '])
                            .map(str::trim)
                            .filter(|s| !s.is_empty())
                            .map(String::from)
                            .collect(),
                        into: MergeInto {
                            school_id: form.new_id.trim().into(),
                            name: form.new_name.trim().into(),
                            kind: form.kind,
                        },
                    });
                }
            });
        }
        FormOp::Transfer => submit = transfer_form(form, ui, tr, &schools),
        FormOp::Close => {
            ui.horizontal_wrapped(|ui| {
                school_combo(
                    ui,
                    "form-close",
                    tr.s("撤并", "Close"),
                    &mut form.school,
                    &schools,
                );
                school_combo(
                    ui,
                    "form-close-to",
                    tr.s("学生并入", "Students to"),
                    &mut form.other,
                    &schools,
                );
                if ui.button(tr.s("添加", "Add")).clicked() {
                    submit = Some(Change::Close {
                        school_id: form.school.clone(),
                        students_to: form.other.clone(),
                    });
                }
            });
            if !form.school.is_empty() && !form.other.is_empty() {
                let key = format!(
                    "{}|{}|{}|{:?}|{:?}|{}",
                    form.school,
                    form.other,
                    app.generation,
                    app.workspace.active,
                    app.workspace.shown_county,
                    tr.zh()
                );
                if form.close_preview.as_ref().map(|p| &p.0) != Some(&key) {
                    let lines = close_preview(app, tr, &form.school, &form.other);
                    form.close_preview = Some((key, lines));
                }
                if let Some((_, lines)) = &form.close_preview {
                    ui.label(tr.s("撤并后：", "After closing:"));
                    for (line, bad) in lines {
                        ui.label(RichText::new(line).color(if *bad {
                            colors::BELOW
                        } else {
                            colors::MET
                        }));
                    }
                }
            }
        }
    }
    // From which school year the change holds (a timeline applies it from then on).
    ui.horizontal(|ui| {
        let mut dated = form.year.is_some();
        if ui
            .checkbox(&mut dated, tr.s("从某年起生效", "Holds from a year"))
            .changed()
        {
            form.year = dated.then(|| {
                app.workspace
                    .timeline
                    .map_or(2025, |t| (t.base_year + 1).min(t.to))
            });
        }
        if let Some(y) = &mut form.year {
            let id = ui.label(tr.s("年份", "Year")).id;
            ui.add(egui::DragValue::new(y).range(1900..=2200))
                .labelled_by(id);
        }
    });
    if let Some(c) = submit {
        commands.push(match form.year {
            Some(y) => Command::AddChangeFrom(c, y),
            None => Command::AddChange(c),
        });
    }
}

/// 交流轮岗: from, to, the level, how many teachers, and which counts they are in.
fn transfer_form(
    form: &mut ChangeForm,
    ui: &mut egui::Ui,
    tr: Tr,
    schools: &[(String, String)],
) -> Option<Change> {
    let mut submit = None;
    ui.horizontal_wrapped(|ui| {
        school_combo(
            ui,
            "form-transfer-from",
            tr.s("从", "From"),
            &mut form.school,
            schools,
        );
        school_combo(
            ui,
            "form-transfer-to",
            tr.s("到", "To"),
            &mut form.other,
            schools,
        );
        let label_id = ui.label(tr.s("学段", "Level")).id;
        let before = form.section;
        egui::ComboBox::from_id_salt("form-transfer-level")
            .selected_text(format::level(tr, form.section))
            .show_ui(ui, |ui| {
                for l in Level::BOTH {
                    ui.selectable_value(&mut form.section, l, format::level(tr, l));
                }
            })
            .response
            .labelled_by(label_id);
        if form.section != before {
            let fields = crate::scenario::teacher_fields(form.section);
            form.transfer_fields = vec![fields[0], fields[2]];
        }
        ui.add(
            egui::DragValue::new(&mut form.amount)
                .range(1.0..=1000.0)
                .speed(1.0)
                .fixed_decimals(0)
                .suffix(tr.s(" 名教师", " teachers")),
        );
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(tr.s("这些教师计入：", "They count as:"));
        for f in crate::scenario::teacher_fields(form.section) {
            let mut on = form.transfer_fields.contains(&f);
            if ui.checkbox(&mut on, format::noun(f).0).changed() {
                form.transfer_fields.retain(|x| *x != f);
                if on {
                    form.transfer_fields.push(f);
                }
            }
        }
        if ui.button(tr.s("添加", "Add")).clicked() {
            submit = Some(Change::Transfer {
                from: form.school.clone(),
                to: form.other.clone(),
                count: form.amount.round(),
                fields: form
                    .transfer_fields
                    .iter()
                    .map(|f| f.key().to_string())
                    .collect(),
            });
        }
    });
    submit
}

/// What closing `school` and sending its students to `to` would do to the data shown: the
/// sections whose count of indicators met moves ("城关第一小学 · 小学：达标 6/7 → 1/7，变为未达标"),
/// the CVs met, the verdict; or why the change would be refused.
fn close_preview(app: &Ctx, tr: Tr, school: &str, to: &str) -> Vec<(String, bool)> {
    let scenario = crate::scenario::Scenario {
        name: String::new(),
        changes: vec![Change::Close {
            school_id: school.into(),
            students_to: to.into(),
        }],
        years: Vec::new(),
    };
    let after = match crate::scenario::apply(app.shown_data(), &scenario) {
        Ok(d) => crate::evaluate::evaluate(&d, app.standard()),
        Err(e) => return vec![(e.message(tr.zh()), true)],
    };
    let before = app.shown();
    let n = app.standard().indicators.len();
    let mut out: Vec<(String, bool)> = crate::evaluate::compare::met_changes(before, &after)
        .iter()
        .take(6)
        .map(|c| {
            let verdict = match (c.passes_before, c.passes_after) {
                (true, false) => tr.s("，变为未达标", ", now fails"),
                (false, true) => tr.s("，变为达标", ", now passes"),
                _ => "",
            };
            (
                format!(
                    "{} · {}{}{}/{n} → {}/{n}{verdict}",
                    c.name,
                    format::level(tr, c.level),
                    tr.s("：达标 ", ": met "),
                    c.before,
                    c.after
                ),
                c.after < c.before,
            )
        })
        .collect();
    for level in Level::BOTH {
        let (b, a) = (before.summary_of(level), after.summary_of(level));
        if b.cv_met != a.cv_met {
            out.push((
                format!(
                    "{}{}{} → {}",
                    format::level(tr, level),
                    tr.s("差异系数达标 ", " CVs within limit "),
                    b.cv_met,
                    a.cv_met
                ),
                a.cv_met < b.cv_met,
            ));
        }
    }
    if before.resource_allocation_met != after.resource_allocation_met {
        out.push((
            if after.resource_allocation_met {
                tr.s("资源配置：变为达标", "Resource allocation: now met")
            } else {
                tr.s("资源配置：变为未达标", "Resource allocation: no longer met")
            }
            .to_string(),
            !after.resource_allocation_met,
        ));
    }
    if out.is_empty() {
        out.push((
            tr.s(
                "其他学校的达标情况和差异系数不变",
                "No other section's result and no CV changes",
            )
            .to_string(),
            false,
        ));
    }
    out
}

fn kind_combo(ui: &mut egui::Ui, tr: Tr, id: &str, kind: &mut SchoolKind) {
    let label_id = ui.label(tr.s("类型", "Kind")).id;
    egui::ComboBox::from_id_salt(id)
        .selected_text(if tr.zh() { kind.zh() } else { kind.en() })
        .show_ui(ui, |ui| {
            for k in SchoolKind::ALL {
                ui.selectable_value(kind, k, if tr.zh() { k.zh() } else { k.en() });
            }
        })
        .response
        .labelled_by(label_id);
}

/// The unit costs, editable; every edit is undoable and saved in the project.
fn cost_table(app: &Ctx, ui: &mut egui::Ui, tr: Tr, commands: &mut Vec<Command>) {
    ui.separator();
    ui.label(
        RichText::new(tr.s(
            "单价（元/单位）：一次性、每年",
            "Unit costs (yuan per unit): once, a year",
        ))
        .strong(),
    );
    ui.label(tr.s(
        "默认值：高学历教师每年 9 万（初中 10 万）、骨干教师每年 2 万、体艺教师每年 12 万；教学用房一次性 3000 元/㎡，运动场馆 600 元/㎡，设备按原值，多媒体教室 5 万/间。",
        "Defaults: qualified teacher 90k a year (junior 100k), backbone 20k a year, PE/art 120k a year; once: teaching rooms 3,000/m², sports 600/m², equipment at face value, multimedia room 50k.",
    ));
    egui::Grid::new("cost-table").striped(true).show(ui, |ui| {
        for &f in Field::ALL {
            if !matches!(
                f.scope(),
                crate::model::Scope::School
                    | crate::model::Scope::Primary
                    | crate::model::Scope::Junior
            ) || matches!(
                f,
                Field::StudentsPrimary
                    | Field::StudentsJunior
                    | Field::ClassesPrimary
                    | Field::ClassesJunior
                    | Field::LargestClassPrimary
                    | Field::LargestClassJunior
                    | Field::TeachersPrimary
                    | Field::TeachersJunior
                    | Field::SmallestMusicRoomM2
                    | Field::SmallestArtRoomM2
                    | Field::CertifiedTeachers
                    | Field::TrainedTeachers
            ) || f.is_grade()
            {
                continue;
            }
            let name = ui.label(field_label(tr, f));
            commands.extend(cost_editor(app, ui, f, name.id));
            ui.end_row();
        }
    });
}
