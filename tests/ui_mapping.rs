//! The mapping window (egui_kittest): a bureau's own form, refused at first, mapped column by
//! column in the window, imported; the mapping kept for a second file with the same header and
//! saved as a file the command line reads.

use eframe::egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use junheng::app::Command;
use std::path::PathBuf;

mod common;
use common::ui::*;

/// Picks a field for a column in the window: opens the column's list, types a search, clicks
/// the field.
fn choose(
    h: &mut egui_kittest::Harness<'static, junheng::app::JunhengApp>,
    column: &str,
    search: &str,
    field: &str,
) {
    for scroll in [true, false] {
        let list = h
            .get_all_by_label(column)
            .find(|n| n.accesskit_node().role() == Role::ComboBox)
            .unwrap_or_else(|| panic!("a list for the column {column}"));
        if scroll {
            list.scroll_to_me();
            // The list scrolls smoothly: let it come to rest before clicking.
            h.run_steps(20);
        } else {
            list.click();
            h.run_steps(2);
        }
    }
    h.run_steps(2);
    h.get_all_by_role(Role::TextInput)
        .find(|n| n.is_focused())
        .expect("the list's search, focused")
        .type_text(search);
    h.run_steps(2);
    h.get_all_by_label(field)
        .last()
        .unwrap_or_else(|| panic!("the field {field} in the list"))
        .click();
    h.run_steps(2);
}

#[test]
fn a_mapping_made_in_the_window_imports_the_file_and_is_reused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let odd = dir.path().join("本局表.csv");
    std::fs::copy("tests/data/odd-form.csv", &odd).expect("copy");
    let mut h = harness();
    h.state_mut().command(Command::Open(odd.clone()));
    h.run_steps(1);
    wait_for_import(&mut h);
    // Refused: no header the importer knows; the old data stays; the columns can be mapped.
    assert!(has_label(&h, "示例数据"));
    h.get_by_label("设置列对应…").click();
    h.run_steps(1);
    run_until(&mut h, "the preview", |s| {
        s.mapping.as_ref().is_some_and(|m| m.preview.is_some())
    });
    h.run_steps(2);
    assert!(has_label(&h, "还需对应：学校标识码、学校名称、学校类型"));
    for (column, search, field) in [
        ("单位代码", "标识码", "学校标识码 (school_id)"),
        ("单位名称", "学校名称", "学校名称 (name)"),
        ("类别", "学校类型", "学校类型 (kind)"),
        ("学生人数", "小学在校", "小学在校生数 (students_primary)"),
        (
            "高学历教师",
            "学历",
            "小学高于规定学历教师数 (qualified_primary)",
        ),
        (
            "骨干",
            "小学县级",
            "小学县级及以上骨干教师数 (backbone_primary)",
        ),
        (
            "体育教师",
            "小学体育",
            "小学体育艺术专任教师数 (pe_art_primary)",
        ),
        (
            "音乐教师",
            "pe_art_p",
            "小学体育艺术专任教师数 (pe_art_primary)",
        ),
        (
            "美术教师",
            "小学体育",
            "小学体育艺术专任教师数 (pe_art_primary)",
        ),
        ("用房", "用房", "教学及辅助用房面积 (teaching_area_m2)"),
        ("运动场", "运动场", "体育运动场馆面积 (sports_area_m2)"),
        ("设备", "设备", "教学仪器设备值 (equipment_value_yuan)"),
        ("多媒体室", "多媒体", "网络多媒体教室数 (multimedia_rooms)"),
    ] {
        choose(&mut h, column, search, field);
    }
    h.get_by_label("单位为万元（×10000）").click();
    h.run_steps(2);
    assert!(!has_label(&h, "还需对应：学校标识码、学校名称、学校类型"));
    // The values that will be read: P1's PE/art teachers 3 + 2 + 1, its equipment 120 万元.
    let mapping = h.state().view.mapping.mapping();
    let pe = mapping
        .columns
        .iter()
        .find(|r| r.field == "pe_art_primary")
        .expect("PE/art");
    assert_eq!(pe.from, ["体育教师", "音乐教师", "美术教师"]);
    assert!(has_label(&h, "1200000"), "120 万元 read as 1,200,000 元");
    assert!(has_label(&h, "505000"));
    // Saved as a file for the command line.
    let map_file = dir.path().join("本局表-对应");
    h.get_all_by_role(Role::TextInput)
        .last()
        .expect("the save field")
        .click();
    h.run_steps(1);
    h.get_all_by_role(Role::TextInput)
        .last()
        .expect("the save field")
        .type_text(map_file.to_str().expect("utf-8"));
    h.run_steps(1);
    h.get_by_label("保存文件").click();
    h.run_steps(2);
    let written = map_file.with_extension("json");
    assert!(written.exists(), "the mapping file is written");
    // Kept and imported.
    h.get_by_label("保存并导入").click();
    h.run_steps(1);
    wait_for_import(&mut h);
    assert!(!has_label(&h, "示例数据"));
    assert_eq!(h.state().workspace.loaded.dataset.schools.len(), 3);
    let p1 = &h.state().workspace.loaded.dataset.schools[0];
    assert_eq!(p1.value(junheng::Field::PeArtPrimary), 6.0);
    assert_eq!(p1.value(junheng::Field::EquipmentValueYuan), 1_200_000.0);
    assert!(has_label(&h, "小学：3 个评估单元，2 个达标"));
    assert_eq!(h.state().settings.mappings.len(), 1);

    // A second file with the same header (another year's values) opens with the mapping.
    let next = dir.path().join("本局表2025.csv");
    std::fs::write(
        &next,
        std::fs::read_to_string("tests/data/odd-form.csv")
            .expect("read")
            .replace("P3,三小,小学,260", "P3,三小,小学,300"),
    )
    .expect("write");
    h.state_mut().command(Command::Open(next));
    h.run_steps(1);
    wait_for_import(&mut h);
    let data = &h.state().workspace.loaded.dataset;
    assert_eq!(data.source, "本局表2025.csv");
    assert_eq!(data.schools[2].students(junheng::Level::Primary), 300.0);
    assert_eq!(
        data.schools[1].value(junheng::Field::EquipmentValueYuan),
        505_000.0
    );

    // The command line reads the saved file the same way.
    let cli = cli_json(&[
        "evaluate",
        odd.to_str().expect("utf-8"),
        "--mapping",
        written.to_str().expect("utf-8"),
        "--json",
    ]);
    assert_eq!(cli["summary"]["primary"]["units"], 3);
    assert_eq!(cli["summary"]["primary"]["passing"], 2);
    let saved: PathBuf = written;
    assert!(std::fs::read_to_string(saved)
        .expect("json")
        .contains("\"factor\": 10000.0"));
}
