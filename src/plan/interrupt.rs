//! The MILP rounds of the outer approximation: cancelled while HiGHS is in its branch and bound
//! (the window's 取消 takes effect within a node, not at the end of a round that can last the
//! whole time limit), and solved in two tries (see [`solve_cancellable`]).

use super::milp::{build, run, Cuts, SolveFail, Solved, Spec};
use super::problem::Problem;
use std::ffi::{c_char, c_int, c_void};
use std::sync::atomic::{AtomicBool, Ordering};

/// HiGHS's MIP-interrupt callback: asks it to stop when the flag behind `user` is set.
unsafe extern "C" fn on_callback(
    kind: c_int,
    _message: *const c_char,
    _out: *const highs_sys::HighsCallbackDataOut,
    data_in: *mut highs_sys::HighsCallbackDataIn,
    user: *mut c_void,
) {
    if kind != highs_sys::kHighsCallbackMipInterrupt || user.is_null() || data_in.is_null() {
        return;
    }
    // SAFETY: `user` is the `&AtomicBool` given in `solve_cancellable`, alive for the whole
    // solve (the model is dropped there, before the borrow ends); `data_in` is HiGHS's own
    // struct for this call, non-null as checked.
    unsafe {
        let cancel = &*(user as *const AtomicBool);
        if cancel.load(Ordering::Relaxed) {
            (*data_in).user_interrupt = 1;
        }
    }
}

/// The nodes of the first try of [`solve_cancellable`] with HiGHS's RENS.
const FIRST_NODES: i32 = 30;

/// The nodes of the try without RENS, from a plan that may already be the optimum.
const SURE_NODES: i32 = 5;

/// A MILP solve (as [`super::milp::solve`]) that HiGHS leaves, with the best plan it has, as
/// soon as `cancel` is set. `sure`: `warm` is likely the optimum (see the tries below).
pub fn solve_cancellable(
    p: &Problem,
    spec: &Spec,
    cuts: &Cuts,
    time_limit: f64,
    warm: Option<&[f64]>,
    sure: bool,
    cancel: &AtomicBool,
) -> Result<Solved, SolveFail> {
    let mut built = build(p, spec, cuts, false)?;
    if let Some(model) = built.model_mut() {
        let ptr = model.as_mut_ptr();
        // SAFETY: `ptr` is this model's live HiGHS instance; the callback data is `cancel`,
        // which outlives `built` (dropped at the end of this function, with the callback).
        unsafe {
            highs_sys::Highs_setCallback(
                ptr,
                Some(on_callback),
                cancel as *const AtomicBool as *mut c_void,
            );
            highs_sys::Highs_startCallback(ptr, highs_sys::kHighsCallbackMipInterrupt);
        }
    }
    // Tries, each from the best plan so far, until one proves its plan. Most of these MILPs
    // close at the root once HiGHS has a near-optimal plan, and a restart there (presolving
    // again with what the root found) is what takes the time: so first without restarts and
    // at most FIRST_NODES nodes, and only then as HiGHS would by default. Measured (README,
    // Speed): seeds 1–5 3.8 s in all against 4.5 s in one try; seed 7 6.1 s against 4.0 s.
    // Before those, when the caller is `sure` of its start (the dive's plan, best of all it
    // found), a try without HiGHS's RENS (a sub-MIP around its root relaxation, 1–2 s of a
    // 64-school county's MILP): when the start is already the optimum to within the gap, the
    // root and a node or two prove it. Without that start, RENS is what finds the plan (seeds
    // 3 and 10: 1.7 → 3.1 s and 3.0 → 5.2 s when every MILP first tried without it).
    let started = std::time::Instant::now();
    let tries: &[(bool, i32, bool)] = if warm.is_some() && sure {
        &[
            (false, SURE_NODES, false),
            (true, FIRST_NODES, false),
            (true, i32::MAX, true),
        ]
    } else {
        &[(true, FIRST_NODES, false), (true, i32::MAX, true)]
    };
    let mut best: Option<Solved> = None;
    let mut last_err = SolveFail::TimeLimit;
    for &(rens, nodes, restart) in tries {
        let left = time_limit - started.elapsed().as_secs_f64();
        if cancel.load(Ordering::Relaxed) || (best.is_some() && left <= 0.05) {
            break;
        }
        if let Some(model) = built.model_mut() {
            model.set_option("mip_heuristic_run_rens", rens);
            model.set_option("mip_max_nodes", nodes);
            model.set_option("mip_allow_restart", restart);
        }
        let start = best.as_ref().map(|s| s.a.clone());
        match run(p, &mut built, left.max(0.05), start.as_deref().or(warm)) {
            Ok(mut s) => {
                if let Some(one) = best.take() {
                    // An earlier try's bound holds too; its plan (not proven, or there would
                    // be no more tries) stands if this one found none better.
                    s.bound = s.bound.max(one.bound.min(s.objective));
                    if !s.optimal && s.objective > one.objective {
                        s = Solved {
                            bound: one.bound.max(s.bound.min(one.objective)),
                            ..one
                        };
                    }
                }
                let done = s.optimal;
                best = Some(s);
                if done {
                    break;
                }
            }
            // Out of nodes before any plan (a start HiGHS did not take): the next try.
            Err(SolveFail::TimeLimit) => last_err = SolveFail::TimeLimit,
            Err(e) => return best.ok_or(e),
        }
    }
    best.ok_or(last_err)
}
