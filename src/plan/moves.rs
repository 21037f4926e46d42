//! Teachers moved (交流轮岗) as the model finds them — so many sent from each school, so many
//! received by each, per field and year — matched into transfers from one school to another
//! (any matching will do: the model has no cost per pair, PLANNER.md), and explained.

use super::problem::{Kind, Problem};
use crate::model::Field;
use serde::Serialize;
use std::collections::BTreeMap;

/// Teachers of one field moved from one school to another (positions in the base data).
#[derive(Debug, Clone, PartialEq)]
pub struct Matched {
    pub year: i32,
    pub field: Field,
    pub from: usize,
    pub to: usize,
    pub count: f64,
}

impl Matched {
    /// The move as a scenario change, the schools named by `ids` (the base data's, by position).
    pub fn change(&self, ids: &[String]) -> crate::scenario::Change {
        crate::scenario::Change::Transfer {
            from: ids[self.from].clone(),
            to: ids[self.to].clone(),
            count: self.count,
            fields: vec![self.field.key().to_string()],
        }
    }
}

/// One school's side of a move, for the explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Move {
    pub field: String,
    pub count: f64,
    /// The school at the other end.
    pub other_id: String,
    pub other_name: String,
    /// Received (true) or sent.
    pub incoming: bool,
    /// What it costs (a receiver's side only: each teacher moved is paid once).
    pub cost: f64,
}

/// The model's teachers sent and received, matched greedily per field and year, senders and
/// receivers in school order. Counts are whole (the variables are integer).
pub fn matched(p: &Problem, a: &[f64]) -> Vec<Matched> {
    // (year, field) → (senders, receivers), each (school, count).
    type Sides = (Vec<(usize, f64)>, Vec<(usize, f64)>);
    let mut by: BTreeMap<(i32, Field), Sides> = BTreeMap::new();
    for (v, kind) in p.kinds.iter().enumerate() {
        let n = a[v].round();
        if *kind == Kind::Add || n < 1.0 {
            continue;
        }
        let (school, field) = p.vars[v];
        let e = by.entry((p.years[v], field)).or_default();
        match kind {
            Kind::Out => e.0.push((school, n)),
            _ => e.1.push((school, n)),
        }
    }
    let mut out = Vec::new();
    for ((year, field), (mut senders, mut receivers)) in by {
        senders.sort_by_key(|s| s.0);
        receivers.sort_by_key(|r| r.0);
        let (mut i, mut j) = (0, 0);
        while i < senders.len() && j < receivers.len() {
            let n = senders[i].1.min(receivers[j].1);
            if senders[i].0 != receivers[j].0 && n > 0.0 {
                out.push(Matched {
                    year,
                    field,
                    from: senders[i].0,
                    to: receivers[j].0,
                    count: n,
                });
            }
            senders[i].1 -= n;
            receivers[j].1 -= n;
            if senders[i].1 <= 0.0 {
                i += 1;
            }
            if receivers[j].1 <= 0.0 {
                j += 1;
            }
        }
    }
    out
}
