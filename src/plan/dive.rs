//! A dive through the relaxation: its "meets" choices made one at a time, the relaxation solved
//! again after each, so that what one section's choice moves elsewhere (m² and 元 through a
//! CV) is re-balanced before the next is made.

use super::*;
use std::time::Instant;

/// From the relaxation `lp` of `built`, fixes one undecided "meets" column, solves again, and
/// repeats until none is undecided or `deadline` passes; returns the last relaxation solved.
/// Plain, the column nearest to 1 is fixed to 1; `strong`, every undecided column is tried at
/// 1 and at 0 and the fix that raises the relaxation least is kept. The model's bounds are put
/// back.
pub fn dive(
    p: &Problem,
    built: &mut Built,
    lp: &Solved,
    deadline: Instant,
    strong: bool,
) -> Result<Option<Solved>, SolveFail> {
    if built.y_cols.is_empty() || lp.y.len() != built.y_cols.len() {
        return Ok(None);
    }
    let mut y = lp.y.clone();
    let mut fixed: Vec<(Col, f64, f64)> = Vec::new();
    let mut last: Option<Solved> = None;
    loop {
        let open: Vec<usize> = (0..y.len()).filter(|&n| undecided(y[n])).collect();
        let step = if strong {
            strongest(p, built, &open, deadline)?
        } else {
            nearest_one(p, built, &y, &open, deadline)
        };
        let Some((n, to, s)) = step else {
            break;
        };
        let col = built.y_cols[n].0;
        set_bounds(built, &[(col, to, to)])?;
        fixed.push((col, 0.0, 1.0));
        if !s.optimal || s.y.len() != y.len() {
            break;
        }
        y.clone_from(&s.y);
        last = Some(s);
    }
    set_bounds(built, &fixed)?;
    Ok(last)
}

/// The plain step: the undecided column nearest to 1, at 1, solved (the column left open).
fn nearest_one(
    p: &Problem,
    built: &mut Built,
    y: &[f64],
    open: &[usize],
    deadline: Instant,
) -> Option<(usize, f64, Solved)> {
    let &n = open.iter().max_by(|&&a, &&b| y[a].total_cmp(&y[b]))?;
    // An infeasible fix (a capped addition) ends the dive.
    let s = trial(p, built, n, 1.0, deadline).ok().flatten()?;
    Some((n, 1.0, s))
}

/// The strong step: each undecided column at 1 and at 0; the fix whose relaxation costs least.
fn strongest(
    p: &Problem,
    built: &mut Built,
    open: &[usize],
    deadline: Instant,
) -> Result<Option<(usize, f64, Solved)>, SolveFail> {
    let mut best: Option<(usize, f64, Solved)> = None;
    for &n in open {
        for to in [1.0, 0.0] {
            if let Some(s) = trial(p, built, n, to, deadline)? {
                if s.optimal && best.as_ref().is_none_or(|b| s.objective < b.2.objective) {
                    best = Some((n, to, s));
                }
            }
        }
    }
    Ok(best)
}

/// The relaxation with column `n` fixed at `to`, solved; the column open again after. None when
/// that is infeasible or the time is up; an error when the model is lost.
fn trial(
    p: &Problem,
    built: &mut Built,
    n: usize,
    to: f64,
    deadline: Instant,
) -> Result<Option<Solved>, SolveFail> {
    let left = deadline
        .saturating_duration_since(Instant::now())
        .as_secs_f64();
    if left <= 0.0 {
        return Ok(None);
    }
    let col = built.y_cols[n].0;
    set_bounds(built, &[(col, to, to)])?;
    let tried = run(p, built, left, None);
    set_bounds(built, &[(col, 0.0, 1.0)])?;
    Ok(tried.ok())
}
