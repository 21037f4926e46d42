//! Files into the window (egui_kittest): opened, dropped, refused with every problem, or opened
//! with the values to check listed.

use eframe::egui::{accesskit::Role, Key, Modifiers};
use egui_kittest::kittest::Queryable;
use junheng::app::Command;
use std::path::PathBuf;

mod common;
use common::ui::*;

#[test]
fn opening_a_file_through_the_open_window_replaces_the_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("两校.csv");
    std::fs::write(
        &path,
        "学校标识码,学校名称,学校类型,小学在校生数,小学高于规定学历教师数,小学县级及以上骨干教师数,小学体育艺术专任教师数,教学及辅助用房面积,体育运动场馆面积,教学仪器设备值（万元）,网络多媒体教室数\n\
         A1,甲小学,小学,500,30,6,6,3000,4000,120,12\n\
         A2,乙小学,小学,400,10,2,2,1500,2000,50,5\n",
    )
    .expect("write");
    let mut h = harness();
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(2);
    assert!(h.state().view.windows.open, "Ctrl+O opens the Open window");
    let field = h.get_by_role(Role::TextInput);
    field.click();
    h.run_steps(1);
    h.get_by_role(Role::TextInput)
        .type_text(path.to_str().expect("utf-8 path"));
    h.run_steps(1);
    h.get_by_label("打开").click();
    h.run_steps(1);
    wait_for_import(&mut h);
    assert!(has_label(&h, "两校.csv"));
    assert!(!has_label(&h, "示例数据"), "no longer the sample");
    assert!(has_label(&h, "小学：2 个评估单元，1 个达标"));
    assert_eq!(
        h.state().settings.last_file.as_deref(),
        Some(path.as_path())
    );
    assert_eq!(h.state().settings.recent, vec![path.clone()]);
}

#[test]
fn a_failed_import_lists_every_problem_and_keeps_the_old_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("坏数据.csv");
    std::fs::write(
        &path,
        "学校标识码,学校名称,学校类型,小学在校生数\nS1,一小,小学,三百\nS1,二小,大学,200\n",
    )
    .expect("write");
    let mut h = harness();
    h.state_mut().command(Command::Open(path.clone()));
    h.run_steps(1);
    wait_for_import(&mut h);
    assert!(has_label(&h, "导入失败：坏数据.csv，问题数 3"));
    assert!(has_label(
        &h,
        "坏数据.csv：第 2 行，列“小学在校生数”：“三百”不是数字"
    ));
    assert!(has_label(
        &h,
        "坏数据.csv：第 3 行，列“学校标识码”：学校标识码“S1”重复，第 2 行已用过"
    ));
    // The sample is still on screen.
    assert!(has_label(&h, "示例数据"));
    assert!(has_label(&h, "小学：11 个评估单元，7 个达标"));
    assert_eq!(
        h.state().settings.last_file,
        None,
        "a failed file is not remembered"
    );
    h.get_by_label("关闭").click();
    h.run_steps(2);
    assert!(h.state().problems.is_none());
}

/// A file dropped on the window, as the platform layer hands it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl eframe::egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_file_dropped_on_the_window_is_imported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("拖入.json");
    std::fs::write(
        &path,
        r#"[{"school_id": "D1", "name": "拖入小学", "kind": "小学", "students_primary": 300,
             "qualified_primary": 15, "backbone_primary": 3, "pe_art_primary": 3,
             "teaching_area_m2": 1500, "sports_area_m2": 2400, "equipment_value_yuan": 700000,
             "multimedia_rooms": 7}]"#,
    )
    .expect("write");
    let mut h = harness();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.clone())));
    h.step();
    wait_for_import(&mut h);
    assert!(has_label(&h, "拖入.json"));
    assert!(has_label(&h, "小学：1 个评估单元，1 个达标"));
    assert_eq!(h.state().settings.recent, vec![path]);
}

/// A file that reads, with values a school rarely has: the data is opened and evaluated, and the
/// problems panel lists what to check, row by row; the sample county has nothing to check.
#[test]
fn rare_values_are_listed_to_check_after_the_data_opens() {
    let mut h = harness();
    assert!(
        h.state().problems.is_none(),
        "nothing to check in the sample"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("待核对.csv");
    std::fs::write(
        &path,
        "学校标识码,学校名称,学校类型,小学在校生数,小学高于规定学历教师数,小学县级及以上骨干教师数,小学体育艺术专任教师数,教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,网络多媒体教室数\n\
         A1,甲小学,小学,500,30,6,6,3000,60000,1200000,12\n\
         A2,乙小学,小学,400,10,2,2,1500,2000,20000,5\n",
    )
    .expect("write");
    h.state_mut().command(Command::Open(path));
    h.run_steps(1);
    wait_for_import(&mut h);
    assert!(
        has_label(&h, "小学：2 个评估单元，1 个达标"),
        "the data is open"
    );
    assert!(has_label(&h, "已导入 待核对.csv，请核对 2"));
    // The first in the status line and in the panel; the second in the panel.
    let shown = |text: &str| h.query_all_by_label_contains(text).count();
    assert_eq!(
        shown("请核对 第 2 行（A1）：生均体育运动场馆面积 120 平方米，超过 100"),
        2
    );
    assert_eq!(
        shown("请核对 第 3 行（A2）：生均教学仪器设备值 50 元，不到 100 元"),
        1
    );
}

/// A 小学 table and an 初中 table dropped together are one county (the nine-year school in both is
/// one school with two sections); a folder dropped alone is read the same way. Neither is a file
/// to reopen at start.
#[test]
fn two_tables_dropped_together_are_one_county() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("小学.csv");
    let j = dir.path().join("初中.csv");
    std::fs::write(
        &p,
        "学校标识码,学校名称,办学类型,在校生数,高于规定学历教师数,县级及以上骨干教师数,体育艺术专任教师数,教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,网络多媒体教室数\n\
         P1,城关小学,小学,500,30,6,6,3000,4000,1200000,12\n\
         N1,石门九年一贯制学校,九年一贯制学校,300,20,4,4,2600,4300,800000,8\n",
    )
    .expect("write");
    std::fs::write(
        &j,
        "学校标识码,学校名称,办学类型,在校生数,高于规定学历教师数,县级及以上骨干教师数,体育艺术专任教师数,教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,网络多媒体教室数\n\
         N1,石门九年一贯制学校,九年一贯制学校,150,12,2,2,2600,4300,800000,8\n",
    )
    .expect("write");
    for drop in [vec![p.clone(), j.clone()], vec![dir.path().to_path_buf()]] {
        let mut h = harness();
        for path in &drop {
            h.input_mut()
                .dropped_files
                .push(std::sync::Arc::new(Dropped(path.clone())));
        }
        h.step();
        wait_for_import(&mut h);
        assert!(
            h.state().problems.is_none(),
            "{:?}",
            h.state().problems.as_ref().map(|p| &p.issues)
        );
        assert!(has_label(&h, "小学：2 个评估单元，1 个达标"), "{drop:?}");
        assert!(h.query_by_label_contains("初中：1 个评估单元").is_some());
        assert_eq!(h.state().workspace.loaded.dataset.schools.len(), 2);
        let several = drop.len() > 1;
        assert_eq!(h.state().settings.recent.is_empty(), several);
    }
}

#[test]
fn the_template_window_writes_the_per_school_form() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("学校填报表.xlsx");
    let mut h = harness();
    h.state_mut().command(Command::ShowTemplateWindow(true));
    h.run_steps(2);
    h.get_by_label("每校一份的填报表（各校分别填写；交回后放入同一文件夹，一起导入）")
        .click();
    h.run_steps(1);
    // The field starts with a path in the home folder: replaced by this one.
    h.state_mut().view.windows.template_input = path.display().to_string();
    h.run_steps(1);
    h.get_by_label("生成").click();
    h.run_steps(2);
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto(&path).expect("the form is written");
    assert_eq!(wb.sheet_names(), ["学校填报"]);
    let sheet = wb.worksheet_range("学校填报").expect("the form's sheet");
    assert_eq!(
        sheet.get((2, 0)).map(|d| d.to_string()).as_deref(),
        Some("学校标识码")
    );
}
