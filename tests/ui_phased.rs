//! 生成方案 by year in the window (issue 16, egui_kittest): the phased settings under the
//! planner's form, the plan made on a worker thread, opened as a dated scenario and explained year
//! by year; the same plan as the library makes; one undo step removes it.

use eframe::egui;
use egui_kittest::kittest::Queryable;
use junheng::app::{Command, Panel, Settings};
use junheng::plan::phased::{plan_phased, PhasedOptions};
use junheng::timeline::Spec;
use std::collections::BTreeMap;

mod common;
use common::ui::*;

#[test]
fn a_phased_plan_is_made_in_the_app_and_opens_as_a_dated_scenario() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("分年级.csv");
    let csv = junheng::cli::with_grades(&junheng::cli::generate_county(40, 1));
    std::fs::write(&path, &csv).expect("write");
    let mut h = harness_with(Settings::default(), Some(path.clone()));
    wait_for_import(&mut h);
    h.state().command(Command::SetPanel(Panel::Plan));
    h.run_steps(3);
    // Without years the choice is there, disabled, and says where the years are set.
    assert!(has_label(
        &h,
        "分年度规划需要年度推演：先在“年度推演”页设置基年与推演到的年份。"
    ));
    let spec = Spec {
        base_year: 2024,
        to: 2027,
        survival: 1.0,
        trend: None,
    };
    h.state().command(Command::SetTimeline(Some(spec)));
    h.run_steps(3);
    click(&mut h, "分年度规划（按年度推演 2024–2027 年）");
    h.run_steps(2);
    assert!(has_label(&h, "目标年份（起每年达标）"));
    assert!(has_label(&h, "各年预算（不勾选即不限）"));
    h.get_all_by_label("生成方案")
        .last()
        .expect("the button")
        .click();
    run_until(&mut h, "the phased planner", |a| {
        a.planning.is_none() && a.phased_outcome.is_some()
    });
    h.run_steps(1);
    let plan = match h.state().phased_outcome.as_ref() {
        Some(Ok(o)) => {
            assert_eq!(o.scenario, "分年度方案 1");
            o.plan.clone()
        }
        other => panic!("a phased plan: {other:?}"),
    };
    // The library's plan with the app's defaults: target the year after the base, margin 0.02.
    let standard = junheng::Standard::national_2017();
    let data = junheng::io::load_path(&path, &standard, &Default::default())
        .expect("reads")
        .dataset;
    let expected = plan_phased(
        &data,
        &standard,
        &PhasedOptions {
            plan: junheng::plan::PlanOptions {
                costs: junheng::scenario::CostTable::default(),
                allowed: junheng::plan::default_allowed(),
                budget: None,
                rule: junheng::plan::Rule::National,
                time_limit: 60.0,
                round: true,
                years: 1.0,
            },
            timeline: spec.options(),
            target_year: 2025,
            budgets: BTreeMap::new(),
            cv_margin: 0.02,
            base: Default::default(),
        },
        &std::sync::atomic::AtomicBool::new(false),
        &mut |_| {},
    )
    .expect("plans");
    assert_eq!(plan.status, expected.status);
    assert!(
        (plan.total_cost - expected.total_cost).abs() < 1.0,
        "{} vs {}",
        plan.total_cost,
        expected.total_cost
    );
    // Explained year by year, each with what it spends.
    for y in &plan.years {
        let line = format!("{} 年：支出 {} 万元", y.year, junheng::format::wan(y.spent));
        assert!(has_label(&h, &line), "{line}");
    }
    // Opened as a dated scenario: each change with its year, shown in every view.
    let ws = &h.state().workspace;
    let sc = ws.scenarios.last().expect("the scenario");
    assert_eq!(sc.name, "分年度方案 1");
    assert!(sc.is_dated());
    assert_eq!(sc.changes.len(), plan.scenario.changes.len());
    assert_eq!(ws.active, Some(ws.scenarios.len() - 1));
    // Presentation mode has the slide of each year's spending, as the accounting gives it.
    let slides = junheng::app::views::present::slides(h.state());
    assert!(slides.contains(&junheng::app::views::present::Slide::Spending));
    let rows = junheng::app::views::present::spending(h.state()).expect("dated");
    assert_eq!(rows.len(), plan.years.len());
    for ((y, _), want) in rows.iter().zip(&plan.years) {
        assert_eq!(y.year, want.year);
        assert!((y.spent - want.spent).abs() < 1e-6);
    }
    // 2025 passes with the plan in the window's own timeline.
    h.state().command(Command::SelectYear(Some(2025)));
    h.run_steps(3);
    assert!(h.state().shown().resource_allocation_met);
    // A second phased plan starts from the scenario shown, as the form says: its changes come
    // first, nothing more is needed, and its years spend what the first plan's do.
    h.state().command(Command::SelectYear(None));
    h.run_steps(3);
    assert!(has_label(
        &h,
        "在当前方案“分年度方案 1”之上分年度规划（按年度推演的各年在校生数；方案的变更按年份先行，其支出计入各年预算）。"
    ));
    h.get_all_by_role_and_label(egui::accesskit::Role::Button, "生成方案")
        .last()
        .expect("the button")
        .click();
    // The click is taken at the next frame, which clears the first plan's outcome.
    h.run_steps(2);
    run_until(&mut h, "the second phased plan", |a| {
        a.planning.is_none() && a.phased_outcome.is_some()
    });
    h.run_steps(1);
    let second = match h.state().phased_outcome.as_ref() {
        Some(Ok(o)) => o.plan.clone(),
        other => panic!("a second phased plan: {other:?}"),
    };
    assert_eq!(second.scenario.changes, plan.scenario.changes);
    assert_eq!(second.scenario.years, plan.scenario.years);
    for (a, b) in second.years.iter().zip(&plan.years) {
        assert!((a.spent - b.spent).abs() < 1e-6, "{}", a.year);
    }
    assert_eq!(h.state().workspace.scenarios.len(), 2);
    h.state().command(Command::Undo);
    h.run_steps(3);
    // The shown scenario's spending counts: a budget under what it spends in a year is refused.
    let busiest = plan
        .years
        .iter()
        .max_by(|a, b| a.spent.total_cmp(&b.spent))
        .expect("years");
    h.state_mut()
        .view
        .plan_form
        .budgets
        .insert(busiest.year, busiest.spent / 2.0 / 10_000.0);
    h.run_steps(2);
    h.get_all_by_role_and_label(egui::accesskit::Role::Button, "生成方案")
        .last()
        .expect("the button")
        .click();
    h.run_steps(2);
    run_until(&mut h, "the refused plan", |a| {
        a.planning.is_none() && a.phased_outcome.is_some()
    });
    match h.state().phased_outcome.as_ref() {
        Some(Err(e)) => assert!(
            e.contains(&format!("所依据的方案在 {} 年已支出", busiest.year)),
            "{e}"
        ),
        other => panic!("refused: {other:?}"),
    }
    assert_eq!(h.state().workspace.scenarios.len(), 1);
    // One undo step removes it.
    h.state().command(Command::Undo);
    h.run_steps(3);
    assert!(h.state().workspace.scenarios.is_empty());
}

#[test]
fn teacher_exchange_is_allowed_in_the_planner_s_form_and_its_moves_are_explained() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("轮岗.csv");
    let mut text = String::from(
        "school_id,name,kind,students_primary,teachers_primary,qualified_primary,backbone_primary,\
pe_art_primary,teaching_area_m2,sports_area_m2,equipment_value_yuan,multimedia_rooms\n",
    );
    for (id, backbone) in [("A", 20), ("B", 5), ("C", 5), ("D", 5)] {
        text.push_str(&format!(
            "{id},学校{id},primary,500,40,30,{backbone},6,3000,5000,1500000,15\n"
        ));
    }
    std::fs::write(&path, text).expect("write");
    let mut h = harness_with(Settings::default(), Some(path));
    wait_for_import(&mut h);
    h.state().command(Command::SetPanel(Panel::Plan));
    h.run_steps(3);
    click(&mut h, "允许交流轮岗（教师在同学段学校间调动）");
    h.run_steps(2);
    let t = h.state().workspace.costs.transfer.clone().expect("allowed");
    assert_eq!(t.per_year, 20_000.0);
    assert_eq!(t.max_out_share, 0.15);
    assert_eq!(h.state().history.undo_label(), Some("交流轮岗设置"));
    assert!(has_label(&h, "每调动一名教师每年费用"));
    // The form scrolled down to the checkbox: back up to the button, as a user would.
    h.get_all_by_role_and_label(egui::accesskit::Role::Button, "生成方案")
        .last()
        .expect("the button")
        .scroll_to_me();
    h.run_steps(3);
    h.get_all_by_role_and_label(egui::accesskit::Role::Button, "生成方案")
        .last()
        .expect("the button")
        .click();
    run_until(&mut h, "the planner", |a| {
        a.planning.is_none() && a.plan_outcome.is_some()
    });
    h.run_steps(1);
    let plan = match h.state().plan_outcome.as_ref() {
        Some(Ok(o)) => o.plan.clone(),
        _ => panic!("a plan"),
    };
    // Four backbone teachers moved from A (6 of its 40 may go), nobody hired.
    let moved: f64 = plan
        .changes
        .iter()
        .map(|c| match c {
            junheng::scenario::Change::Transfer { from, count, .. } => {
                assert_eq!(from, "A");
                *count
            }
            other => panic!("only moves: {other:?}"),
        })
        .sum();
    assert_eq!(moved, 4.0);
    assert!((plan.total_cost - 80_000.0).abs() < 1e-6);
    let a = plan
        .per_school
        .iter()
        .find(|s| s.school_id == "A")
        .expect("A");
    assert!(a.moves.iter().all(|m| !m.incoming));
    // Explained at the sender: the line the panel shows for school A.
    let line = match h.state().plan_outcome.as_ref() {
        Some(Ok(o)) => {
            let a = o
                .explanation
                .schools
                .iter()
                .find(|s| s.school_id == "A")
                .expect("A");
            format!("  {}", a.additions.join("，"))
        }
        _ => panic!("a plan"),
    };
    assert!(
        line.contains("交流调出") && line.contains("名小学县级及以上骨干教师数（到学校B）"),
        "{line}"
    );
    h.get_by_label("各校投入").scroll_to_me();
    h.run_steps(3);
    assert!(has_label(&h, &line), "{line}");
    assert!(h.state().shown().resource_allocation_met);
    // The guarantee items (10) and (11) computed from the plan's moves: 4 of the county's 160
    // teachers (2.5 %, under the 10 % asked), all of them backbone (100 %, over the 20 %).
    let ex = h.state().derived.exchange.expect("the plan moves teachers");
    assert_eq!((ex.moved, ex.backbone, ex.teachers), (4.0, 4.0, 160.0));
    let entries = &h.state().derived.county_entries;
    let value = |k: &str| entries.iter().find(|e| e.key == k).and_then(|e| e.value);
    assert_eq!(value("g10_rotation"), Some(2.5));
    assert_eq!(value("g11_backbone_rotation"), Some(100.0));
    h.state().command(Command::SetPanel(Panel::Readiness));
    h.run_steps(3);
    assert!(has_label(
        &h,
        "2.50 %（方案计算：交流 4 名，其中骨干 4 名；全县教师 160 名）  ≥ 10 %"
    ));
}
