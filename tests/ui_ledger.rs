//! 整改台账 in the window (egui_kittest): made from a scenario, an item marked 已完成 moves the
//! overview to the baseline with that change applied (undo takes it back), the progress and the
//! export, and the ledger survives save and reopen.

use junheng::app::{Command, Panel};
use junheng::evaluate::evaluate;
use junheng::ledger::Status;
use junheng::scenario::{apply, Scenario};

mod common;
use common::ui::*;

#[test]
fn marking_items_done_moves_the_overview_and_the_ledger_is_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness();
    // A scenario: +1 骨干教师 at 石门乡中心小学 and at 北山小学 (the sample's weakest).
    click(&mut h, "石门乡中心小学");
    click(&mut h, "+1 骨干教师");
    let sc = h.state().workspace.scenarios[0].clone();
    assert!(!sc.changes.is_empty());
    h.state().command(Command::SetPanel(Panel::Ledger));
    h.run_steps(3);
    click(&mut h, "生成整改台账");
    let ledger = h.state().workspace.ledger.clone().expect("made");
    assert_eq!(ledger.items.len(), sc.changes.len());
    assert_eq!(ledger.items[0].unit, "人社局");
    let data = h.state().workspace.loaded.dataset.clone();
    let gap = format!(
        "还差 1 项：{}",
        sc.changes[0].describe_in(Some(&data), true)
    );
    assert!(has_label(&h, &gap), "{gap}");
    // Marked done: the county now is the baseline with that change.
    let mut item = ledger.items[0].clone();
    item.status = Status::Done;
    h.state().command(Command::SetLedgerItem(0, Box::new(item)));
    h.run_steps(3);
    let standard = junheng::Standard::national_2017();
    let base = h.state().workspace.loaded.dataset.clone();
    let mut done = Scenario::new("done", Vec::new());
    done.push(sc.changes[0].clone(), None);
    let want = evaluate(&apply(&base, &done).expect("applies"), &standard);
    let now = match h.state().derived.ledger_now() {
        Some(Ok(ev)) => ev.clone(),
        other => panic!("{other:?}"),
    };
    let p = |ev: &junheng::evaluate::Evaluation| ev.summary_of(junheng::Level::Primary).passing;
    assert_eq!(p(&now), p(&want));
    // Done means the data moved: every view's 现状 is now the baseline with the change applied.
    let before = h.state().derived.ledger_before.clone().expect("kept");
    assert!(p(&now) > p(&before), "the item done passes a school");
    assert_eq!(p(&h.state().derived.baseline), p(&want));
    assert_eq!(
        format!(
            "{:.6}",
            h.state().derived.baseline.cv_of(junheng::Level::Primary)[1].cv
        ),
        format!("{:.6}", want.cv_of(junheng::Level::Primary)[1].cv)
    );
    h.state().command(Command::SetPanel(Panel::Overview));
    h.run_steps(3);
    let line = format!(
        "整改台账：已完成 1 / {} 项；按已完成的整改，现在 小学{} / {} 达标，初中{} / {} 达标",
        sc.changes.len(),
        p(&want),
        want.summary_of(junheng::Level::Primary).units,
        want.summary_of(junheng::Level::Junior).passing,
        want.summary_of(junheng::Level::Junior).units,
    );
    assert!(has_label(&h, &line), "{line}");
    assert_eq!(h.state().history.undo_label(), Some("台账第 1 项：已完成"));
    // The overview's numbers are the county now.
    let primary = format!(
        "小学：{} 个评估单元，{} 个达标",
        want.summary_of(junheng::Level::Primary).units,
        p(&want)
    );
    h.state().command(Command::SelectScenario(None));
    h.run_steps(3);
    assert!(has_label(&h, &primary), "{primary}");
    // Undo: nothing done again, the overview as imported.
    h.state().command(Command::Undo);
    h.run_steps(3);
    assert!(h.state().derived.ledger_now().is_none());
    assert_eq!(p(&h.state().derived.baseline), p(&before));
    h.state().command(Command::Redo);
    h.run_steps(3);
    // Exported and saved with the project.
    let xlsx = dir.path().join("台账.xlsx");
    h.state().command(Command::ExportLedger(xlsx.clone()));
    run_until(&mut h, "the ledger", |a| status_has(a, "已导出整改台账"));
    assert!(xlsx.exists());
    let project = dir.path().join("台账.junheng");
    h.state().command(Command::SaveProjectAs(project.clone()));
    run_until(&mut h, "the save", |a| !a.dirty);
    let opened = junheng::store::open(&project).expect("opens");
    assert_eq!(opened.ledger, h.state().workspace.ledger);
    assert_eq!(opened.ledger.expect("ledger").items[0].status, Status::Done);
    // The data table lists the work done beside the corrections, dated; taken back there, the
    // county is as imported again (one undo step).
    h.state().command(Command::SetPanel(Panel::Table));
    h.run_steps(3);
    click(&mut h, "整改完成（1，已计入现状）");
    assert!(has_label(&h, &sc.changes[0].describe_in(Some(&data), true)));
    click(&mut h, "改回进行中");
    h.run_steps(3);
    let items = &h.state().workspace.ledger.as_ref().expect("ledger").items;
    assert_eq!(items[0].status, Status::InProgress);
    assert_eq!(items[0].status_date, junheng::project::today());
    assert!(h.state().derived.ledger_now().is_none());
    assert_eq!(p(&h.state().derived.baseline), p(&before));
    assert_eq!(h.state().history.undo_label(), Some("台账第 1 项：进行中"));
}
