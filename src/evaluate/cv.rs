//! The inter-school coefficient of variation (差异系数), weighted by enrolment.

/// Weighted mean, standard deviation and coefficient of variation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CvStats {
    /// X̄ = Σ Pᵢ·Xᵢ / P.
    pub mean: f64,
    /// S = sqrt(Σ (Pᵢ/P)·(Xᵢ − X̄)²), the population form.
    pub sd: f64,
    /// S / X̄; 0 when every value is 0 (no difference between schools).
    pub cv: f64,
}

/// Computes the CV of values `Xᵢ` with weights `Pᵢ` (students, or 1 for the unweighted form).
///
/// Pairs with a weight that is not positive and finite are ignored. With no usable pair the result
/// is all zeros.
pub fn weighted_cv(pairs: impl Iterator<Item = (f64, f64)> + Clone) -> CvStats {
    let mut total = 0.0;
    let mut sum = 0.0;
    for (w, x) in pairs.clone() {
        if w.is_finite() && w > 0.0 {
            total += w;
            sum += w * x;
        }
    }
    if total <= 0.0 {
        return CvStats {
            mean: 0.0,
            sd: 0.0,
            cv: 0.0,
        };
    }
    let mean = sum / total;
    let mut var = 0.0;
    for (w, x) in pairs {
        if w.is_finite() && w > 0.0 {
            let d = x - mean;
            var += (w / total) * d * d;
        }
    }
    let sd = var.max(0.0).sqrt();
    let cv = if mean != 0.0 { sd / mean } else { 0.0 };
    CvStats { mean, sd, cv }
}
