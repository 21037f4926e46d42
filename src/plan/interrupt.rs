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

/// The nodes of the first try of [`solve_cancellable`].
const FIRST_NODES: i32 = 30;

/// A MILP solve (as [`super::milp::solve`]) that HiGHS leaves, with the best plan it has, as
/// soon as `cancel` is set.
pub fn solve_cancellable(
    p: &Problem,
    spec: &Spec,
    cuts: &Cuts,
    time_limit: f64,
    warm: Option<&[f64]>,
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
    // Two tries. Most of these MILPs close at the root once HiGHS has a near-optimal plan, and
    // a restart there (presolving again with what the root found) is what takes the time; so
    // first without restarts and at most FIRST_NODES nodes, and only if that does not prove it,
    // again as HiGHS would by default, from the first try's plan. Measured (README, Speed):
    // seeds 1–5 3.8 s in all against 4.5 s in one try; seed 7 6.1 s against 4.0 s.
    let started = std::time::Instant::now();
    if let Some(model) = built.model_mut() {
        model.set_option("mip_allow_restart", false);
        model.set_option("mip_max_nodes", FIRST_NODES);
    }
    let first = run(p, &mut built, time_limit, warm);
    let left = time_limit - started.elapsed().as_secs_f64();
    let again = !cancel.load(Ordering::Relaxed)
        && left > 0.05
        && match &first {
            Ok(s) => !s.optimal,
            // Out of nodes before any plan (a start HiGHS did not take).
            Err(SolveFail::TimeLimit) => true,
            Err(_) => false,
        };
    if !again {
        drop(built);
        return first;
    }
    if let Some(model) = built.model_mut() {
        model.set_option("mip_allow_restart", true);
        model.set_option("mip_max_nodes", i32::MAX);
    }
    let start = first.as_ref().ok().map(|s| s.a.clone());
    let second = run(p, &mut built, left, start.as_deref().or(warm));
    drop(built);
    match (first, second) {
        // The first try's bound holds too; its plan stands if the second found none better.
        (Ok(one), Ok(mut two)) => {
            two.bound = two.bound.max(one.bound.min(two.objective));
            Ok(if two.optimal || two.objective <= one.objective {
                two
            } else {
                Solved {
                    bound: one.bound.max(two.bound.min(one.objective)),
                    ..one
                }
            })
        }
        (Ok(one), Err(_)) => Ok(one),
        (Err(_), two) => two,
    }
}
