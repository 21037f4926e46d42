//! Cancelling a MILP while HiGHS is in its branch and bound: the window's 取消 takes effect within
//! a node, not at the end of a round that can last the whole time limit.

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
    let solved = run(p, &mut built, time_limit, warm);
    drop(built);
    solved
}
