//! The ledger's progress slides: by responsible unit and by year, the items done, blocked and
//! overdue.

use super::{table_slides, tone, DeckSlide, Line, Table, Tone};
use crate::ledger::{Ledger, Progress};

pub(super) fn ledger_slides(ledger: &Ledger) -> Vec<DeckSlide> {
    let (by_unit, by_year) = ledger.progress(&crate::project::today());
    let done: usize = by_unit.iter().map(|p| p.done).sum();
    let rows = |ps: &[Progress]| -> Vec<Vec<(String, Tone)>> {
        let warn = |n: usize| if n > 0 { Tone::Below } else { Tone::Plain };
        ps.iter()
            .map(|p| {
                vec![
                    (p.key.clone(), Tone::Plain),
                    (format!("{}", p.items), Tone::Plain),
                    (format!("{}", p.done), tone(p.done == p.items)),
                    (format!("{}", p.blocked), warn(p.blocked)),
                    (format!("{}", p.overdue), warn(p.overdue)),
                ]
            })
            .collect()
    };
    let header = |first: &str| -> Vec<String> {
        [first, "事项", "已完成", "受阻", "逾期"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    };
    let widths = vec![0.36, 0.16, 0.16, 0.16, 0.16];
    let mut out = table_slides(
        "整改进度（按责任单位）",
        vec![Line::new(
            format!(
                "整改台账（方案“{}”）共 {} 项，已完成 {} 项",
                ledger.scenario,
                ledger.items.len(),
                done
            ),
            Tone::Plain,
            20.0,
        )],
        Table {
            header: header("责任单位"),
            rows: rows(&by_unit),
            widths: widths.clone(),
        },
    );
    out.extend(table_slides(
        "整改进度（按年份）",
        Vec::new(),
        Table {
            header: header("年份"),
            rows: rows(&by_year),
            widths,
        },
    ));
    out
}
