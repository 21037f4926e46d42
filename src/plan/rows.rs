//! Rows added to a live HiGHS model in one call.
//!
//! The `highs` crate adds rows one at a time, and HiGHS keeps its matrix by column, so each
//! row costs a pass over the whole matrix: on the 1,400-school city a round's 3,000 cuts took
//! 0.6–1.0 s to add, a fifth of the round. One `Highs_addRows` call takes them all at once.

use highs::Col;
use std::ffi::c_int;

/// Rows waiting to be added, in the compressed-row form HiGHS takes.
#[derive(Default)]
pub struct Rows {
    lower: Vec<f64>,
    upper: Vec<f64>,
    starts: Vec<c_int>,
    index: Vec<c_int>,
    value: Vec<f64>,
}

impl Rows {
    /// Queues `lower ≤ Σ value·col ≤ upper`; `None` when an index does not fit HiGHS's ints.
    pub fn push(&mut self, lower: f64, upper: f64, entries: &[(Col, f64)]) -> Option<()> {
        self.starts.push(c_int::try_from(self.index.len()).ok()?);
        self.lower.push(lower);
        self.upper.push(upper);
        for (col, v) in entries {
            self.index.push(c_int::try_from(col.index()).ok()?);
            self.value.push(*v);
        }
        Some(())
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.lower.len()
    }

    /// Adds every queued row to `model`; false when HiGHS refuses them (or they do not fit).
    pub fn add_to(&self, model: &mut highs::Model) -> bool {
        if self.lower.is_empty() {
            return true;
        }
        let (Ok(rows), Ok(nz)) = (
            c_int::try_from(self.lower.len()),
            c_int::try_from(self.index.len()),
        ) else {
            return false;
        };
        let columns = c_int::try_from(model.num_cols()).unwrap_or(c_int::MAX);
        if self.index.iter().any(|&j| j < 0 || j >= columns) {
            return false;
        }
        // SAFETY: the model's live HiGHS instance; the arrays are this struct's, alive for
        // the call, `rows` long (lower, upper, starts) and `nz` long (index, value), starts
        // ascending from 0 within `nz`, and every index a column of the model (checked above).
        let status = unsafe {
            highs_sys::Highs_addRows(
                model.as_mut_ptr(),
                rows,
                self.lower.as_ptr(),
                self.upper.as_ptr(),
                nz,
                self.starts.as_ptr(),
                self.index.as_ptr(),
                self.value.as_ptr(),
            )
        };
        status != highs_sys::STATUS_ERROR
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use highs::{RowProblem, Sense};

    #[test]
    fn rows_added_in_one_call_constrain_the_next_solve() {
        // min x + 2y over x, y ≥ 0: 0 alone; with x + y ≥ 3 and x ≤ 1 added, x = 1, y = 2: 5.
        let mut pb = RowProblem::default();
        let x = pb.add_column(1.0, 0.0..);
        let y = pb.add_column(2.0, 0.0..);
        let Ok(mut model) = pb.try_optimise(Sense::Minimise) else {
            panic!("a model");
        };
        model.make_quiet();
        let mut rows = Rows::default();
        assert!(rows
            .push(3.0, f64::INFINITY, &[(x, 1.0), (y, 1.0)])
            .is_some());
        assert!(rows.push(f64::NEG_INFINITY, 1.0, &[(x, 1.0)]).is_some());
        assert_eq!(rows.len(), 2);
        assert!(rows.add_to(&mut model));
        assert_eq!(model.num_rows(), 2);
        let Ok(solved) = model.try_solve() else {
            panic!("solved");
        };
        let v = solved.get_solution();
        assert!((solved.objective_value() - 5.0).abs() < 1e-9);
        assert!((v.columns()[0] - 1.0).abs() < 1e-9 && (v.columns()[1] - 2.0).abs() < 1e-9);
    }

    #[test]
    fn a_row_on_a_column_the_model_has_not_is_refused() {
        let mut pb = RowProblem::default();
        let x = pb.add_column(1.0, 0.0..);
        let mut other = RowProblem::default();
        other.add_column(1.0, 0.0..);
        let ghost = other.add_column(1.0, 0.0..);
        let Ok(mut model) = pb.try_optimise(Sense::Minimise) else {
            panic!("a model");
        };
        let mut rows = Rows::default();
        assert!(rows
            .push(1.0, f64::INFINITY, &[(x, 1.0), (ghost, 1.0)])
            .is_some());
        assert!(!rows.add_to(&mut model));
        assert_eq!(model.num_rows(), 0);
    }
}
