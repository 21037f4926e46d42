//! The outer-approximation loop for one stage: solve, cut, repeat until no cone is violated.

use super::cuts::*;
use super::interrupt::solve_cancellable;
use super::milp::*;
use super::problem::*;
use super::repair::*;
use super::Progress;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// Sections above which a county is large: its relaxation is repaired every round.
const LARGE: usize = 500;

/// The outer-approximation loop for one stage: solve, cut, repeat until no cone is violated.
pub struct OaResult {
    pub solved: Solved,
    /// Whether the last solution meets every CV it must (the loop converged).
    pub converged: bool,
    pub rounds: usize,
    /// The best bound proven over the rounds (MinCost: the largest MILP bound).
    pub bound: f64,
    /// The cheapest plan found that meets every CV (MinCost only; from the heuristic or the
    /// converged solution), with its cost.
    pub incumbent: Option<(Vec<f64>, f64)>,
}

/// Runs the loop. `progress` is told after each round; `cancel` stops it between rounds.
#[allow(clippy::too_many_arguments)]
pub fn outer_approximation(
    p: &Problem,
    spec: &Spec,
    cuts: &mut Cuts,
    deadline: Instant,
    stage: &'static str,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(&Progress),
    started: Instant,
) -> Result<OaResult, SolveFail> {
    let mut rounds = 0;
    let mut bound = f64::NEG_INFINITY;
    let mut incumbent: Option<(Vec<f64>, f64)> = None;
    let repairing = spec.objective == Objective::MinCost && spec.cv == CvMode::AllMet;
    let total = deadline
        .saturating_duration_since(Instant::now())
        .as_secs_f64();
    if repairing {
        // Round 0: the thresholds alone (no CV rows) — a valid lower bound, and, repaired, a
        // first plan. When the CVs do not bind, this is already the answer.
        let pre = Spec {
            cv: CvMode::Ignore,
            ..*spec
        };
        // Not cancellable: short, and the first plan (repaired) is what a cancel returns.
        let s0 = solve(p, &pre, cuts, total * 0.3, None, false)?;
        bound = bound.max(s0.bound);
        if let Some(c) = repair(p, &s0.a) {
            let cost = p.cost_of(&c);
            incumbent = Some((c, cost));
        }
        let over = p.cv_groups.iter().filter(|g| p.cv_over(g, &s0.a)).count();
        progress(&Progress {
            stage,
            round: 0,
            bound,
            best: incumbent.as_ref().map(|(_, c)| *c),
            cvs_over: over,
            cuts: cuts.count(),
            elapsed_s: started.elapsed().as_secs_f64(),
        });
        if let Some((a, cost)) = &incumbent {
            if proven(*cost, bound) && s0.optimal {
                return Ok(OaResult {
                    converged: true,
                    solved: Solved {
                        a: a.clone(),
                        objective: *cost,
                        ..s0
                    },
                    rounds: 1,
                    bound,
                    incumbent,
                });
            }
        }
    }
    let lp_deadline = Instant::now()
        + std::time::Duration::from_secs_f64(
            deadline
                .saturating_duration_since(Instant::now())
                .as_secs_f64()
                * 0.5,
        );
    // The relaxation's cuts are in-out cuts, aimed between it and the best plan. Measured: seeds
    // 1–10 of the generated 64-school counties 0.93–8.6 s → 0.17–3.0 s, the city's gap at 30 s
    // 0.079 % → 0.015 %; in phased plans (with the whole-unit rows) the skewed county with grades
    // 8.1 → 6.5 s and CI's budgeted county 2.1 → 0.5 s (without those rows, the first slower).
    if spec.cv != CvMode::Ignore {
        // Cuts at the continuous relaxation first: LPs are cheap, and most of the cone's shape
        // is learnt before the first MILP (PLANNER.md).
        let mut built: Option<Built> = None;
        let mut last = f64::NEG_INFINITY;
        for _ in 0..500 {
            let left = lp_deadline
                .saturating_duration_since(Instant::now())
                .as_secs_f64();
            if left <= 0.0 || cancel.load(Ordering::Relaxed) {
                break;
            }
            let b = match built.as_mut() {
                Some(b) if covers(b, cuts) => {
                    if extend(b, cuts).is_err() {
                        break;
                    }
                    b
                }
                _ => {
                    let Ok(b) = build(p, spec, cuts, true) else {
                        break;
                    };
                    built.insert(b)
                }
            };
            let Ok(lp) = run(p, b, left, None) else {
                break;
            };
            if spec.objective == Objective::MinCost && lp.optimal {
                // The relaxation with valid cuts bounds the cost from below.
                bound = bound.max(lp.objective);
            }
            let added = add_cuts(p, cuts, &lp, incumbent.as_ref().map(|(a, _)| a.as_slice()));
            // Stop when the relaxation's bound has stopped moving: the rest is the MILP's work.
            let stalled = lp.objective - last <= 1e-5 * lp.objective.abs().max(1.0);
            last = lp.objective;
            let stop = added == 0 || stalled || Instant::now() >= lp_deadline;
            if repairing && (stop || p.secs.len() > LARGE) {
                // The relaxation, rounded and repaired, is often a far better plan than round 0's.
                if let Some(c) = from_relaxed(p, &lp.a) {
                    let cost = p.cost_of(&c);
                    if incumbent.as_ref().is_none_or(|(_, best)| cost < *best) {
                        incumbent = Some((c, cost));
                    }
                }
                progress(&Progress {
                    stage,
                    round: 0,
                    bound,
                    best: incumbent.as_ref().map(|(_, c)| *c),
                    cvs_over: added,
                    cuts: cuts.count(),
                    elapsed_s: started.elapsed().as_secs_f64(),
                });
            }
            // The relaxation's bound and a repaired plan within the optimal tolerance: proven,
            // no MILP needed (a phased county over six years: 25 s → 1.4 s).
            if let Some((a, cost)) = &incumbent {
                if proven(*cost, bound) {
                    return Ok(OaResult {
                        converged: true,
                        solved: Solved {
                            a: a.clone(),
                            objective: *cost,
                            ..lp
                        },
                        rounds: 1,
                        bound,
                        incumbent,
                    });
                }
            }
            if stop {
                break;
            }
        }
    }
    // The first MILP starts from the best plan so far: the relaxation's repaired plans are often
    // far better than round 0's.
    let mut warm: Option<Vec<f64>> = incumbent.as_ref().map(|(a, _)| a.clone());
    loop {
        rounds += 1;
        let left = deadline
            .saturating_duration_since(Instant::now())
            .as_secs_f64();
        let solved = solve_cancellable(p, spec, cuts, left, warm.as_deref(), cancel)?;
        if spec.objective == Objective::MinCost {
            bound = bound.max(solved.bound);
        } else {
            bound = solved.bound;
        }
        let violated = if spec.cv == CvMode::Ignore {
            0
        } else {
            add_cuts(p, cuts, &solved, None)
        };
        if spec.objective == Objective::MinCost && spec.cv == CvMode::AllMet {
            let candidate = if violated == 0 {
                Some(solved.a.clone())
            } else {
                repair(p, &solved.a)
            };
            if let Some(c) = candidate {
                let cost = p.cost_of(&c);
                if incumbent.as_ref().is_none_or(|(_, best)| cost < *best) {
                    incumbent = Some((c, cost));
                }
            }
        }
        progress(&Progress {
            stage,
            round: rounds,
            bound,
            best: incumbent.as_ref().map(|(_, c)| *c),
            cvs_over: violated,
            cuts: cuts.count(),
            elapsed_s: started.elapsed().as_secs_f64(),
        });
        let out_of_time = Instant::now() >= deadline || !solved.optimal;
        let gap_closed = incumbent.as_ref().is_some_and(|(_, c)| proven(*c, bound));
        if violated == 0 || out_of_time || cancel.load(Ordering::Relaxed) || gap_closed {
            return Ok(OaResult {
                converged: violated == 0,
                solved,
                rounds,
                bound,
                incumbent,
            });
        }
        warm = Some(match &incumbent {
            Some((a, _)) => a.clone(),
            None => solved.a.clone(),
        });
        if rounds >= 2_000 {
            return Ok(OaResult {
                converged: false,
                solved,
                rounds,
                bound,
                incumbent,
            });
        }
    }
}
