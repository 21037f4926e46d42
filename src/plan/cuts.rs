//! Tangent cuts on the CV cones that the current solution violates.

use super::milp::*;
use super::problem::*;

/// Adds tangent cuts where the solution violates a cone; returns how many CV groups are over
/// (and not allowed to be). A group is activated (its variables enter the model) the first time
/// it is found over.
pub fn add_cuts(p: &Problem, cuts: &mut Cuts, solved: &Solved) -> usize {
    let mut violated = 0;
    for (gi, g) in p.cv_groups.iter().enumerate() {
        if solved.over.get(gi).copied().unwrap_or(false) {
            continue;
        }
        let (cv, x, m) = p.cv(g, &solved.a);
        if cv <= g.limit * (1.0 - CV_MARGIN * 0.5) || m <= 0.0 {
            continue;
        }
        violated += 1;
        let limit = g.limit * (1.0 - CV_MARGIN);
        let first = !cuts.active[gi];
        cuts.active[gi] = true;
        // Each member's shortfall g − t; cut the largest, enough to cover nearly all of it
        // (hundreds of near-zero cuts a round only slow the LP down).
        let mut short: Vec<(usize, f64, f64)> = Vec::new();
        let mut total = 0.0;
        for (j, (&xj, &w)) in x.iter().zip(&g.weights).enumerate() {
            let d = xj - m;
            let g_val = w * d * d / (limit * m);
            let t_now = if first {
                0.0
            } else {
                solved
                    .t
                    .get(gi)
                    .and_then(|t| t.get(j))
                    .copied()
                    .unwrap_or(0.0)
            };
            let gap = g_val - t_now;
            if gap > 1e-12 * (1.0 + g_val) {
                short.push((j, d, gap));
                total += gap;
            }
        }
        short.sort_by(|a, b| b.2.total_cmp(&a.2));
        let mut covered = 0.0;
        for (n, &(j, d, gap)) in short.iter().enumerate() {
            if !first && n >= 50 && covered >= 0.98 * total {
                break;
            }
            let w = g.weights[j];
            let alpha = 2.0 * w * d / (limit * m);
            let beta = w * d * d / (limit * m * m);
            cuts.cuts[gi].push((j, alpha, beta));
            covered += gap;
        }
    }
    violated
}
