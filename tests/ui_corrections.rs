//! 数据更正 in the window (egui_kittest): a wrong number fixed in the data table, undone and
//! redone, kept through save and reopen, re-applied to a newer import of the file, and listed
//! in the report.

use eframe::egui::{accesskit::Role, Key, Modifiers};
use egui_kittest::kittest::Queryable;
use junheng::app::Command;
use junheng::{Field, Level};

mod common;
use common::ui::*;

fn backbone_c2(h: &egui_kittest::Harness<'static, junheng::app::JunhengApp>) -> f64 {
    h.state()
        .workspace
        .loaded
        .dataset
        .school("C2")
        .expect("C2")
        .value(Field::BackbonePrimary)
}

fn students_c2(h: &egui_kittest::Harness<'static, junheng::app::JunhengApp>) -> f64 {
    h.state()
        .workspace
        .loaded
        .dataset
        .school("C2")
        .expect("C2")
        .students(Level::Primary)
}

#[test]
fn a_correction_is_made_in_the_table_undone_saved_and_reapplied() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("三校.csv");
    std::fs::copy("tests/data/corrections.csv", &file).expect("copy");
    let mut h = harness();
    h.state_mut().command(Command::Open(file.clone()));
    h.run_steps(1);
    wait_for_import(&mut h);
    click(&mut h, "数据表");
    h.run_steps(3);
    // C2's 520 students were typed as 400: click the cell, type, Enter.
    h.get_by_label("400").click();
    h.run_steps(2);
    h.get_all_by_role(Role::TextInput)
        .find(|n| n.is_focused())
        .expect("the cell's editor, focused")
        .type_text("520");
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(students_c2(&h), 520.0);
    let list = &h.state().workspace.corrections;
    assert_eq!(list.len(), 1);
    assert_eq!((list[0].old, list[0].new), (Some(400.0), 520.0));
    assert!(has_label(&h, "数据更正（1）"));
    // The evaluation follows: C2's backbone teachers per 100 students, 13 ÷ 520 × 100.
    let c2 = h
        .state()
        .derived
        .baseline
        .units
        .iter()
        .find(|u| u.school_id == "C2")
        .expect("C2's section")
        .clone();
    assert_eq!(c2.students, 520.0);
    assert!((c2.indicators[1].value - 2.5).abs() < 1e-12);
    assert!(h
        .state()
        .status
        .as_deref()
        .is_some_and(|s| s.contains("更正：西小 小学在校生数 400 → 520")));

    // Undone and redone.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(students_c2(&h), 400.0);
    assert!(h.state().workspace.corrections.is_empty());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(2);
    assert_eq!(students_c2(&h), 520.0);

    // Kept through save and reopen.
    let project = dir.path().join("三校.junheng");
    h.state_mut()
        .command(Command::SaveProjectAs(project.clone()));
    run_until(&mut h, "the save", |s| !s.saving && !s.dirty);
    let mut again = harness();
    again.state_mut().command(Command::Open(project));
    again.run_steps(1);
    wait_for_import(&mut again);
    assert_eq!(students_c2(&again), 520.0);
    assert_eq!(again.state().workspace.corrections.len(), 1);

    // A newer file (C3 has grown): the correction is applied to it again.
    std::fs::write(
        &file,
        std::fs::read_to_string("tests/data/corrections.csv")
            .expect("read")
            .replace("C3,南小,primary,260", "C3,南小,primary,280"),
    )
    .expect("write");
    again.state_mut().command(Command::Open(file.clone()));
    again.run_steps(1);
    wait_for_import(&mut again);
    let data = &again.state().workspace.loaded.dataset;
    assert_eq!(
        data.school("C3").expect("C3").students(Level::Primary),
        280.0
    );
    assert_eq!(students_c2(&again), 520.0);
    assert_eq!(
        again.state().history.undo_label(),
        Some("打开 三校.csv（重新应用 1 项数据更正；0 项新文件已改正；0 项找不到学校）")
    );

    // Taken back from the list: the file's value again.
    click(&mut again, "数据表");
    again.get_by_label("数据更正（1）").click();
    again.run_steps(2);
    again.get_by_label("还原").click();
    again.run_steps(2);
    assert_eq!(students_c2(&again), 400.0);
    assert!(again.state().workspace.corrections.is_empty());
}

#[test]
fn a_value_the_importer_would_refuse_is_not_a_correction() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("三校.csv");
    std::fs::copy("tests/data/corrections.csv", &file).expect("copy");
    let mut h = harness();
    h.state_mut().command(Command::Open(file));
    h.run_steps(1);
    wait_for_import(&mut h);
    for (value, message) in [(2.5, "人数、间数等须为整数"), (-3.0, "不能为负数")] {
        h.state_mut().command(Command::Correct {
            school_id: "C2".into(),
            field: Field::BackbonePrimary,
            value,
        });
        h.run_steps(2);
        assert_eq!(backbone_c2(&h), 13.0);
        assert_eq!(h.state().change_error.as_deref(), Some(message));
    }
    h.state_mut().command(Command::Correct {
        school_id: "C2".into(),
        field: Field::StudentsJunior,
        value: 10.0,
    });
    h.run_steps(2);
    assert_eq!(h.state().change_error.as_deref(), Some("小学没有这个学段"));
    assert!(h.state().workspace.corrections.is_empty());
}
