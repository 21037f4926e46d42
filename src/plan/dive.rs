//! A dive through the relaxation: its "meets" choices made one at a time, the relaxation solved
//! again after each, so that what one section's choice moves elsewhere (m² and 元 through a
//! CV) is re-balanced before the next is made.

use super::*;
use std::time::Instant;

/// From the relaxation `lp` of `built`, fixes the undecided "meets" column nearest to 1 to 1,
/// solves again, and repeats until none is undecided or `deadline` passes; returns the last
/// relaxation solved. The model's bounds are put back.
pub fn dive(
    p: &Problem,
    built: &mut Built,
    lp: &Solved,
    deadline: Instant,
) -> Result<Option<Solved>, SolveFail> {
    if built.y_cols.is_empty() || lp.y.len() != built.y_cols.len() {
        return Ok(None);
    }
    let mut y = lp.y.clone();
    let mut fixed: Vec<(Col, f64, f64)> = Vec::new();
    let mut last: Option<Solved> = None;
    loop {
        let pick = y
            .iter()
            .enumerate()
            .filter(|&(_, &v)| v > 1e-6 && v < 1.0 - 1e-6)
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map(|(n, _)| n);
        let Some(n) = pick else {
            break;
        };
        let left = deadline
            .saturating_duration_since(Instant::now())
            .as_secs_f64();
        if left <= 0.0 {
            break;
        }
        let col = built.y_cols[n].0;
        set_bounds(built, &[(col, 1.0, 1.0)])?;
        fixed.push((col, 0.0, 1.0));
        let s = run(p, built, left, None)?;
        if !s.optimal || s.y.len() != y.len() {
            break;
        }
        y.clone_from(&s.y);
        last = Some(s);
    }
    set_bounds(built, &fixed)?;
    Ok(last)
}
