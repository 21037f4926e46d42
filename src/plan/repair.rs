//! Turning a relaxed or rounded solution into a plan that passes: water-filling on violated CV
//! groups, and fixing each section to its rule.

use super::problem::*;
use super::Rule;

/// Whether a term is an addition (what the heuristics may raise; teachers moved must balance).
fn adds(p: &Problem, &(v, c): &(usize, f64)) -> bool {
    p.kinds[v] == Kind::Add && c > 0.0
}

/// Makes every CV meet its limit by raising the lowest sections with the cheapest allowed
/// resource (a primal heuristic: it gives a plan, and so an upper bound, at every round).
/// Water-filling: the lowest sections of a violated group are raised to a common level τ, the
/// smallest that brings the CV within its limit. Returns `None` when a CV cannot be brought down
/// with the fields allowed.
pub fn repair(p: &Problem, a: &[f64]) -> Option<Vec<f64>> {
    let mut a = a.to_vec();
    for _ in 0..10_000 {
        let mut worst: Option<(usize, f64)> = None;
        for (gi, g) in p.cv_groups.iter().enumerate() {
            let (cv, _, _) = p.cv(g, &a);
            if cv > g.limit * (1.0 - CV_MARGIN) {
                let r = cv / g.limit;
                if worst.is_none_or(|(_, w)| r > w) {
                    worst = Some((gi, r));
                }
            }
        }
        let Some((gi, _)) = worst else {
            // A plan over one of the extra rows (a year's budget) is no plan: first try
            // buying what a year cannot pay for the year before.
            let a = trim(p, earlier(p, a));
            return p.within_rows(&a).then_some(a);
        };
        let g = &p.cv_groups[gi];
        let (_, x, m) = p.cv(g, &a);
        let target = g.limit * (1.0 - 2.0 * CV_MARGIN);
        let raisable: Vec<bool> = g
            .members
            .iter()
            .map(|&i| p.secs[i].terms[g.k].iter().any(|t| adds(p, t)))
            .collect();
        let cv_at = |tau: f64| -> f64 {
            let xs: Vec<f64> = x
                .iter()
                .zip(&raisable)
                .map(|(&v, &r)| if r { v.max(tau) } else { v })
                .collect();
            weighted_cv(&xs, &g.weights).0
        };
        let lo0 = x.iter().copied().fold(f64::INFINITY, f64::min);
        let mut hi = m.max(lo0);
        if cv_at(hi) > target {
            // Raising to the mean is not enough: raise further, up to the highest value.
            let top = x.iter().copied().fold(0.0, f64::max);
            hi = top;
            if cv_at(hi) > target {
                return None;
            }
        }
        let mut lo = lo0;
        for _ in 0..60 {
            let mid = 0.5 * (lo + hi);
            if cv_at(mid) > target {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let tau = hi;
        let mut changed = false;
        for (j, &i) in g.members.iter().enumerate() {
            if !raisable[j] || x[j] >= tau {
                continue;
            }
            let s = &p.secs[i];
            let need_num = (tau - x[j]) * s.students / p.scale[g.k];
            let &(v, c) = s.terms[g.k]
                .iter()
                .filter(|t| adds(p, t))
                .min_by(|(v1, c1), (v2, c2)| (p.cost[*v1] / c1).total_cmp(&(p.cost[*v2] / c2)))?;
            let mut add = need_num / c;
            if p.integer[v] {
                add = (add - 1e-9).ceil().max(0.0);
            }
            if add > 0.0 {
                a[v] += add;
                changed = true;
            }
        }
        if !changed {
            // Rounding left it a hair over: one more unit for the lowest raisable section.
            let j = (0..x.len())
                .filter(|&j| raisable[j])
                .min_by(|&i, &j| x[i].total_cmp(&x[j]))?;
            let s = &p.secs[g.members[j]];
            let &(v, c) = s.terms[g.k].iter().find(|t| adds(p, t))?;
            a[v] += if p.integer[v] {
                1.0
            } else {
                m * 1e-6 * s.students / p.scale[g.k] / c
            };
        }
    }
    None
}

/// Takes back, most expensive first, each whole unit (a teacher, a room) a plan can do without,
/// then as much of each continuous amount (m², 元) as it can: every section it touches still
/// passing (or failing as before) and every CV still within its limit. Water-filling and rounding
/// up overshoot by up to a unit a section, and a rounded relaxation keeps part-additions toward
/// thresholds it then does not meet; this returns what the slack of the CVs and thresholds allows.
fn trim(p: &Problem, mut a: Vec<f64>) -> Vec<f64> {
    // Per variable: the sections and indicators it raises; per (section, indicator): its group.
    let mut touch: Vec<Vec<(usize, usize)>> = vec![Vec::new(); a.len()];
    for (i, s) in p.secs.iter().enumerate() {
        for (k, terms) in s.terms.iter().enumerate() {
            for &(v, _) in terms {
                if let Some(t) = touch.get_mut(v) {
                    t.push((i, k));
                }
            }
        }
    }
    let mut group_of: std::collections::HashMap<(usize, usize), usize> = Default::default();
    for (gi, g) in p.cv_groups.iter().enumerate() {
        for &i in &g.members {
            group_of.insert((i, g.k), gi);
        }
    }
    // Whole units first, most expensive first; then continuous amounts, largest cost first.
    let mut order: Vec<usize> = (0..a.len())
        .filter(|&v| p.kinds[v] == Kind::Add && p.integer[v] && p.cost[v] > 0.0 && a[v] >= 1.0)
        .collect();
    order.sort_by(|&x, &y| p.cost[y].total_cmp(&p.cost[x]));
    let mut continuous: Vec<usize> = (0..a.len())
        .filter(|&v| p.kinds[v] == Kind::Add && !p.integer[v] && p.cost[v] > 0.0 && a[v] > 0.0)
        .collect();
    continuous.sort_by(|&x, &y| (a[y] * p.cost[y]).total_cmp(&(a[x] * p.cost[x])));
    order.extend(continuous);
    for v in order {
        let mut sections: Vec<usize> = touch[v].iter().map(|&(i, _)| i).collect();
        sections.sort_unstable();
        sections.dedup();
        let mut groups: Vec<usize> = touch[v]
            .iter()
            .filter_map(|key| group_of.get(key).copied())
            .collect();
        groups.sort_unstable();
        groups.dedup();
        let before: Vec<bool> = sections.iter().map(|&i| p.passes(i, &a)).collect();
        // Each CV from its group's sums, updated by the few members `v` touches (a county's
        // groups have hundreds of members, and each amount tried would recompute them all).
        let sums: Vec<GroupSums> = groups
            .iter()
            .map(|&gi| GroupSums::new(p, gi, &a, &touch[v]))
            .collect();
        // A continuous amount cut back lands on a threshold: there its sections must pass
        // clearly (by a margin the model's rows take for met too).
        let clearly = !p.integer[v];
        let ok = |a: &[f64]| {
            sections.iter().zip(&before).all(|(&i, &was)| {
                !was || if clearly {
                    p.passes_clearly(i, a)
                } else {
                    p.passes(i, a)
                }
            }) && sums.iter().all(|g| g.cv_within(p, a))
        };
        if p.integer[v] {
            while a[v] >= 1.0 {
                a[v] -= 1.0;
                if !ok(&a) {
                    a[v] += 1.0;
                    break;
                }
            }
            continue;
        }
        // A continuous amount: as much of it back as keeps `ok`.
        let full = a[v];
        a[v] = 0.0;
        if ok(&a) {
            continue;
        }
        // Bisection on the amount given back: `lo` is always one that was checked (or 0).
        let (mut lo, mut hi) = (0.0, full);
        for _ in 0..30 {
            let mid = 0.5 * (lo + hi);
            a[v] = full - mid;
            if ok(&a) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        a[v] = full - lo;
    }
    a
}

/// A CV group's weighted sums, about its mean under the plan it was made from, and the members
/// one variable touches: the CV after that variable changes, in time of those members alone.
struct GroupSums {
    limit: f64,
    s0: f64,
    s1: f64,
    q: f64,
    centre: f64,
    /// (weight, value before, section, indicator) of each member touched.
    touched: Vec<(f64, f64, usize, usize)>,
}

impl GroupSums {
    fn new(p: &Problem, gi: usize, a: &[f64], touch: &[(usize, usize)]) -> GroupSums {
        let g = &p.cv_groups[gi];
        let (_, x, _) = p.cv(g, a);
        let s0: f64 = g.weights.iter().sum();
        let s1: f64 = g.weights.iter().zip(&x).map(|(w, x)| w * x).sum();
        let centre = if s0 > 0.0 { s1 / s0 } else { 0.0 };
        let q = g
            .weights
            .iter()
            .zip(&x)
            .map(|(w, x)| w * (x - centre) * (x - centre))
            .sum();
        let touched = g
            .members
            .iter()
            .zip(g.weights.iter().zip(&x))
            .filter(|(&i, _)| touch.contains(&(i, g.k)))
            .map(|(&i, (&w, &xj))| (w, xj, i, g.k))
            .collect();
        GroupSums {
            limit: g.limit * (1.0 - 2.0 * CV_MARGIN),
            s0,
            s1,
            q,
            centre,
            touched,
        }
    }

    /// Whether the group's CV under `a` (which differs from the plan it was made from only in
    /// the touched members) is within its limit, with the model's margin.
    fn cv_within(&self, p: &Problem, a: &[f64]) -> bool {
        let (mut s1, mut q, c) = (self.s1, self.q, self.centre);
        for &(w, old, i, k) in &self.touched {
            let new = p.value(i, k, a);
            s1 += w * (new - old);
            q += w * ((new - c) * (new - c) - (old - c) * (old - c));
        }
        if self.s0 <= 0.0 || s1 <= 0.0 {
            return false;
        }
        let m = s1 / self.s0;
        let var = (q / self.s0 - (m - c) * (m - c)).max(0.0);
        var.sqrt() / m <= self.limit
    }
}

/// A plan from a relaxed solution: its whole numbers rounded up, to the nearest, or by field
/// as many as the relaxation's total (what that leaves short is then added back where it is
/// cheapest), each made to pass by [`fix_sections`] and [`repair`]; the cheapest of the three.
/// Measured (`plan` on `generate --schools 64 --wide`, seeds 1–10): the third is the cheapest
/// for seeds 3–5, and seed 5 is then proven by the relaxation, 1.7 s → 0.4 s.
pub fn from_relaxed(p: &Problem, a: &[f64]) -> Option<Vec<f64>> {
    [Rounding::Up, Rounding::Nearest, Rounding::Remainder]
        .into_iter()
        .filter_map(|rounding| repair(p, &fix_sections(p, a, rounding)))
        .min_by(|x, y| p.cost_of(x).total_cmp(&p.cost_of(y)))
}

/// How a relaxation's whole numbers are rounded before its sections are fixed.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Rounding {
    Up,
    Nearest,
    /// Per field and year, the whole units the relaxation holds and as many more as its
    /// fractions sum to (rounded), to the members with the largest fractions: the relaxation spreads a CV's few teachers or rooms over many
    /// sections in fractions, which rounding each up or to the nearest pays for several times.
    Remainder,
}

/// The relaxation's additions with their whole numbers rounded; what it moves is dropped
/// (teachers moved in a relaxation do not round to a balanced move: this plan only adds, and
/// the MILP moves them).
fn rounded(p: &Problem, a: &[f64], rounding: Rounding) -> Vec<f64> {
    let mut out: Vec<f64> = a
        .iter()
        .enumerate()
        .map(|(v, x)| match (p.kinds[v], p.integer[v], rounding) {
            (Kind::Add, false, _) => *x,
            (Kind::Add, true, Rounding::Up) => (x - 1e-6).ceil().max(0.0),
            (Kind::Add, true, Rounding::Nearest) => x.round().max(0.0),
            (Kind::Add, true, Rounding::Remainder) => (x + 1e-6).floor().max(0.0),
            _ => 0.0,
        })
        .collect();
    if rounding == Rounding::Remainder {
        let mut groups: std::collections::BTreeMap<(crate::model::Field, i32), Vec<usize>> =
            Default::default();
        for v in (0..a.len()).filter(|&v| p.kinds[v] == Kind::Add && p.integer[v]) {
            groups.entry((p.vars[v].1, p.years[v])).or_default().push(v);
        }
        for vars in groups.into_values() {
            let mut fractions: Vec<(usize, f64)> = vars
                .iter()
                .map(|&v| (v, (a[v] - out[v]).max(0.0)))
                .collect();
            let extra = fractions.iter().map(|f| f.1).sum::<f64>().round() as usize;
            fractions.sort_by(|x, y| y.1.total_cmp(&x.1));
            for &(v, f) in fractions.iter().take(extra) {
                if f > 1e-6 {
                    out[v] += 1.0;
                }
            }
        }
    }
    out
}

/// Makes every section pass the school rule by adding, section by section, the cheapest way to
/// the thresholds it is missing (after rounding its whole numbers by `rounding`). With [`repair`], turns
/// the continuous relaxation's solution into a plan.
fn fix_sections(p: &Problem, a: &[f64], rounding: Rounding) -> Vec<f64> {
    let mut a = rounded(p, a, rounding);
    // What it takes to bring section i's indicator k to `ratio` of its threshold: (var, amount,
    // cost), or None when it is there already or cannot be raised.
    let step = |a: &[f64], i: usize, k: usize, ratio: f64| -> Option<(usize, f64, f64)> {
        let s = &p.secs[i];
        let t = p.thresholds[k][s.level as usize];
        if t <= 0.0 || crate::evaluate::reaches(p.value(i, k, a), t * ratio) {
            return None;
        }
        let need = p.need(i, k, ratio) * (1.0 + 1e-12)
            - (s.num[k] + s.terms[k].iter().map(|&(v, c)| c * a[v]).sum::<f64>());
        s.terms[k]
            .iter()
            .filter(|t| adds(p, t))
            .map(|&(v, c)| {
                let mut amount = need / c;
                if p.integer[v] {
                    amount = (amount - 1e-9).ceil().max(1.0);
                }
                (v, amount, amount * p.cost[v])
            })
            .min_by(|x, y| x.2.total_cmp(&y.2))
    };
    for i in 0..p.secs.len() {
        if p.passes(i, &a) {
            continue;
        }
        let n = p.scale.len();
        match p.rule {
            Rule::Strict => {
                for k in 0..n {
                    if let Some((v, amount, _)) = step(&a, i, k, 1.0) {
                        a[v] += amount;
                    }
                }
            }
            Rule::National => {
                // Every indicator to the floor, then the cheapest missing ones to the threshold.
                for k in 0..n {
                    if let Some((v, amount, _)) = step(&a, i, k, p.floor) {
                        a[v] += amount;
                    }
                }
                let mut missing: Vec<(usize, f64, f64)> =
                    (0..n).filter_map(|k| step(&a, i, k, 1.0)).collect();
                missing.sort_by(|x, y| x.2.total_cmp(&y.2));
                for (v, amount, _) in missing {
                    if p.passes(i, &a) {
                        break;
                    }
                    a[v] += amount;
                }
            }
        }
    }
    a
}

/// A phased plan over a year's budget: what it adds that year and pays for once is moved to the
/// year before (it stays, so every later year is as before and the year before has more), the
/// largest one-time cost first, until the year keeps within its budget; the years are taken
/// last to first, so what a move pushes over the year before is moved on in turn.
fn earlier(p: &Problem, mut a: Vec<f64>) -> Vec<f64> {
    if p.budget_rows.is_empty() {
        return a;
    }
    let twin: std::collections::HashMap<(usize, crate::model::Field, i32), usize> =
        (0..p.vars.len())
            .filter(|&v| p.kinds[v] == Kind::Add)
            .map(|v| ((p.vars[v].0, p.vars[v].1, p.years[v]), v))
            .collect();
    let mut rows = p.budget_rows.clone();
    rows.sort_by_key(|r| std::cmp::Reverse(r.0));
    for (year, ri) in rows {
        let (row, rhs) = &p.rows[ri];
        let coef: std::collections::HashMap<usize, f64> = row.iter().copied().collect();
        let spent = |a: &[f64]| row.iter().map(|&(v, c)| c * a[v]).sum::<f64>();
        // This year's additions whose year-before twin costs less in this year's row.
        let mut movable: Vec<(usize, usize, f64)> = row
            .iter()
            .filter(|&&(v, _)| p.years[v] == year && p.kinds[v] == Kind::Add && a[v] > 0.0)
            .filter_map(|&(v, c)| {
                let &w = twin.get(&(p.vars[v].0, p.vars[v].1, year - 1))?;
                let saved = (c - coef.get(&w).copied().unwrap_or(0.0)) * a[v];
                (saved > 0.0).then_some((v, w, saved))
            })
            .collect();
        movable.sort_by(|x, y| y.2.total_cmp(&x.2));
        for (v, w, _) in movable {
            if spent(&a) <= *rhs {
                break;
            }
            a[w] += a[v];
            a[v] = 0.0;
        }
    }
    a
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::cuts::add_cuts;
    use super::super::milp::{solve, Cuts, CvMode, Solved, Spec};
    use super::*;
    use crate::io::{load_bytes, ImportOptions};
    use crate::model::Field;
    use crate::scenario::{CostTable, UnitCost};
    use crate::standard::Standard;

    const HEADER: &str = "学校标识码,学校名称,学校类型,小学在校生数,小学高于规定学历教师数,\
小学县级及以上骨干教师数,小学体育艺术专任教师数,教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,\
网络多媒体教室数\n";

    /// The problem of a small county in the CSV layout above (a test's own data: it loads).
    fn problem(rows: &[&str], fields: &[(Field, f64)], rule: Rule) -> Problem {
        problem_of(&format!("{HEADER}{}\n", rows.join("\n")), fields, rule)
    }

    /// The problem of a county's CSV text, the fields given allowed at one-time unit costs.
    pub(in crate::plan) fn problem_of(text: &str, fields: &[(Field, f64)], rule: Rule) -> Problem {
        let standard = Standard::national_2017();
        let data = match load_bytes(
            text.as_bytes(),
            "t.csv",
            &standard,
            &ImportOptions::default(),
        ) {
            Ok(imported) => imported.dataset,
            Err(e) => panic!("the test county does not load: {e:?}"),
        };
        let mut costs = CostTable {
            costs: Default::default(),
            transfer: None,
        };
        for (f, c) in fields {
            costs.set(*f, UnitCost::once(*c));
        }
        let allowed: Vec<Field> = fields.iter().map(|(f, _)| *f).collect();
        let ev = crate::evaluate::evaluate(&data, &standard);
        Problem::new(&standard, &ev, &allowed, &costs, rule)
    }

    fn var(p: &Problem, school: usize, field: Field) -> Option<usize> {
        p.vars.iter().position(|&(s, f)| s == school && f == field)
    }

    fn all_pass(p: &Problem, a: &[f64]) -> bool {
        (0..p.secs.len()).all(|i| p.passes(i, a))
            && p.cv_groups
                .iter()
                .all(|g| p.cv(g, a).0 <= g.limit * (1.0 - CV_MARGIN))
    }

    #[test]
    fn trim_gives_back_a_teacher_the_threshold_does_not_need_and_keeps_the_ones_it_does() {
        // A: 18 qualified teachers for 500 students; 21 make the threshold 4.2 exactly.
        let p = problem(
            &[
                "A,甲小学,小学,500,18,6,5,2500,4000,1100000,12",
                "B,乙小学,小学,500,25,5,5,2500,4000,1100000,12",
            ],
            &[(Field::QualifiedPrimary, 90_000.0)],
            Rule::Strict,
        );
        let Some(v) = var(&p, 0, Field::QualifiedPrimary) else {
            panic!("A's qualified teachers are a variable");
        };
        let mut a = vec![0.0; p.vars.len()];
        a[v] = 5.0;
        assert_eq!(trim(&p, a.clone())[v], 3.0);
        a[v] = 3.0;
        assert_eq!(trim(&p, a)[v], 3.0);
    }

    #[test]
    fn trim_cuts_a_continuous_amount_back_to_what_the_threshold_needs() {
        // A: 2,000 m² for 500 students, 4.0 m² each against 4.5: it needs 250 m² more. A plan
        // with 400 gives back 150 (to a hair over the threshold), B's 100 m² beyond its
        // threshold go back whole.
        let p = problem(
            &[
                "A,甲小学,小学,500,25,6,5,2000,4000,1100000,12",
                "B,乙小学,小学,500,25,6,5,2500,4000,1100000,12",
            ],
            &[(Field::TeachingAreaM2, 3_000.0)],
            Rule::Strict,
        );
        let (Some(va), Some(vb)) = (
            var(&p, 0, Field::TeachingAreaM2),
            var(&p, 1, Field::TeachingAreaM2),
        ) else {
            panic!("the areas are variables");
        };
        let mut a = vec![0.0; p.vars.len()];
        a[va] = 400.0;
        a[vb] = 100.0;
        let t = trim(&p, a);
        assert!((t[va] - 250.0).abs() < 0.01, "A keeps {}", t[va]);
        assert_eq!(t[vb], 0.0);
        assert!(all_pass(&p, &t));
    }

    #[test]
    fn a_plan_from_a_relaxation_passes_and_has_no_unit_to_spare() {
        // The multimedia CV is far over its limit (A has 10 rooms per 100 students, B to F 2.33):
        // the rooms B to F get must bring it within 0.50 — water-filling raises all five to a
        // common level, each rounded up to whole rooms — and no single room of the repaired
        // plan can be taken back without a CV over its limit or a section failing.
        let p = problem(
            &[
                "A,甲小学,小学,200,10,2,2,1000,2000,500000,20",
                "B,乙小学,小学,300,13,3,3,1500,3000,750000,7",
                "C,丙小学,小学,300,13,3,3,1500,3000,750000,7",
                "D,丁小学,小学,300,13,3,3,1500,3000,750000,7",
                "E,戊小学,小学,300,13,3,3,1500,3000,750000,7",
                "F,己小学,小学,300,13,3,3,1500,3000,750000,7",
            ],
            &[
                (Field::BackbonePrimary, 20_000.0),
                (Field::MultimediaRooms, 50_000.0),
            ],
            Rule::National,
        );
        let zero = vec![0.0; p.vars.len()];
        assert!(!all_pass(&p, &zero));
        let Some(a) = from_relaxed(&p, &zero) else {
            panic!("a plan");
        };
        assert!(all_pass(&p, &a));
        let rooms: f64 = (0..p.vars.len())
            .filter(|&v| p.vars[v].1 == Field::MultimediaRooms)
            .map(|v| a[v])
            .sum();
        assert!(rooms >= 1.0, "rooms {rooms}");
        for v in (0..a.len()).filter(|&v| a[v] >= 1.0) {
            let mut less = a.clone();
            less[v] -= 1.0;
            assert!(!all_pass(&p, &less), "{:?} has a unit to spare", p.vars[v]);
        }
    }

    #[test]
    fn the_relaxation_counts_whole_teachers() {
        // 990 students: 40 qualified teachers against 41.58 needed (42), 9 backbone against 9.9
        // (10); both above their floors. Strict: 2 qualified and 1 backbone, 200,000 元; the
        // national rule lets one stay at its floor: 1 backbone, 20,000 元. The relaxation must
        // bound each at the whole teachers' cost, not at 1.58 and 0.9 teachers (160,200 and
        // 18,000 元).
        let fields = [
            (Field::QualifiedPrimary, 90_000.0),
            (Field::BackbonePrimary, 20_000.0),
        ];
        for (rule, cost) in [(Rule::Strict, 200_000.0), (Rule::National, 20_000.0)] {
            let p = problem(
                &["A,甲小学,小学,990,40,9,10,5000,8000,2200000,24"],
                &fields,
                rule,
            );
            let spec = Spec {
                cv: CvMode::Ignore,
                ..Spec::all_pass()
            };
            let cuts = Cuts::new(p.cv_groups.len());
            let lp = match solve(&p, &spec, &cuts, 10.0, None, true) {
                Ok(lp) => lp,
                Err(e) => panic!("the relaxation solves: {e:?}"),
            };
            assert!(
                (lp.objective - cost).abs() < 0.01,
                "{rule:?}: {}",
                lp.objective
            );
        }
    }

    #[test]
    fn in_out_cuts_hold_at_the_plan_and_cut_off_the_solution() {
        // The multimedia CV of the county above is over its limit with nothing added; the cuts
        // taken between that and a plan that meets it must hold at the plan (each term is
        // convex: a tangent anywhere is below it) and cut off the solution (their sum at the
        // solution over the group's limit times its mean).
        let p = problem(
            &[
                "A,甲小学,小学,200,10,2,2,1000,2000,500000,20",
                "B,乙小学,小学,300,13,3,3,1500,3000,750000,7",
                "C,丙小学,小学,300,13,3,3,1500,3000,750000,7",
                "D,丁小学,小学,300,13,3,3,1500,3000,750000,7",
            ],
            &[(Field::MultimediaRooms, 50_000.0)],
            Rule::Strict,
        );
        let zero = vec![0.0; p.vars.len()];
        let Some(plan) = from_relaxed(&p, &zero) else {
            panic!("a plan");
        };
        let solved = Solved {
            a: zero.clone(),
            objective: 0.0,
            bound: 0.0,
            optimal: true,
            over: Vec::new(),
            t: Vec::new(),
            y: Vec::new(),
            passing: 0,
        };
        let mut cuts = Cuts::new(p.cv_groups.len());
        let over = add_cuts(&p, &mut cuts, &solved, Some(&plan));
        assert_eq!(over, 1);
        for (gi, g) in p.cv_groups.iter().enumerate() {
            let limit = g.limit * (1.0 - CV_MARGIN);
            let (_, xp, mp) = p.cv(g, &plan);
            let (_, x0, m0) = p.cv(g, &zero);
            let mut at_solution = vec![0.0; g.members.len()];
            for &(j, alpha, beta) in &cuts.cuts[gi] {
                let term = g.weights[j] * (xp[j] - mp).powi(2) / (limit * mp);
                assert!(alpha * (xp[j] - mp) - beta * mp <= term + 1e-12);
                at_solution[j] = f64::max(at_solution[j], alpha * (x0[j] - m0) - beta * m0);
            }
            if !cuts.cuts[gi].is_empty() {
                assert!(at_solution.iter().sum::<f64>() > limit * m0);
            }
        }
    }
}

#[cfg(test)]
pub(super) mod rounding_tests {
    use super::super::cuts::add_cuts;
    use super::super::milp::{
        build, run, solve, undecided, with_choices_made, Built, Cuts, Solved, Spec,
    };
    use super::tests::problem_of;
    use super::*;
    use crate::model::Field;

    /// The cuts of the generated county's relaxation after 8 rounds (which split some
    /// sections' choices of which threshold to leave at its floor).
    pub(in crate::plan) fn eight_rounds_of_cuts(p: &Problem) -> Cuts {
        let mut cuts = Cuts::new(p.cv_groups.len());
        for _ in 0..8 {
            let Ok(s) = solve(p, &Spec::all_pass(), &cuts, 30.0, None, true) else {
                panic!("the relaxation solves");
            };
            add_cuts(p, &mut cuts, &s, None);
        }
        cuts
    }

    /// The generated county, its relaxation's model with those cuts, and that solved.
    pub(in crate::plan) fn split_relaxation() -> (Problem, Built, Solved) {
        let p = generated();
        let cuts = eight_rounds_of_cuts(&p);
        let Ok(mut built) = build(&p, &Spec::all_pass(), &cuts, true) else {
            panic!("the relaxation builds");
        };
        let Ok(lp) = run(&p, &mut built, 30.0, None) else {
            panic!("the relaxation solves");
        };
        (p, built, lp)
    }

    /// Asserts that `built`, solved again, gives the relaxation's own optimum `lp` (its bounds
    /// were put back).
    pub(in crate::plan) fn solves_to_its_own_optimum(p: &Problem, built: &mut Built, lp: &Solved) {
        let Ok(again) = run(p, built, 30.0, None) else {
            panic!("the relaxation solves again");
        };
        assert!(
            (again.objective - lp.objective).abs() <= 1e-7 * lp.objective,
            "{} against {}",
            again.objective,
            lp.objective
        );
    }

    /// A generated county of 64 schools with skewed resources (seed 1 of the README's table),
    /// the national rule and the benchmark's unit costs.
    pub(in crate::plan) fn generated() -> Problem {
        let fields = [
            (Field::QualifiedPrimary, 90_000.0),
            (Field::BackbonePrimary, 20_000.0),
            (Field::PeArtPrimary, 120_000.0),
            (Field::QualifiedJunior, 100_000.0),
            (Field::BackboneJunior, 20_000.0),
            (Field::PeArtJunior, 120_000.0),
            (Field::TeachingAreaM2, 3_000.0),
            (Field::SportsAreaM2, 600.0),
            (Field::EquipmentValueYuan, 1.0),
            (Field::MultimediaRooms, 50_000.0),
        ];
        let csv = crate::cli::generate_county_with(64, 1, true);
        problem_of(&csv, &fields, Rule::National)
    }

    #[test]
    fn remainder_rounding_adds_as_many_units_as_the_relaxation_holds() {
        // Four schools' rooms at 0.5 each (2 in all) and a fifth at 2.6: rounding each up or to
        // the nearest pays for 7 rooms where the relaxation holds 4.6; by remainder, the 2
        // whole rooms stay and the fractions' 2.6 round to 3 rooms, to the largest fractions:
        // the fifth's 0.6 and two of the 0.5s, 5 in all.
        let p = generated();
        let rooms: Vec<usize> = (0..p.vars.len())
            .filter(|&v| p.vars[v].1 == Field::MultimediaRooms)
            .take(5)
            .collect();
        assert_eq!(rooms.len(), 5);
        let mut a = vec![0.0; p.vars.len()];
        for &v in &rooms[..4] {
            a[v] = 0.5;
        }
        a[rooms[4]] = 2.6;
        let total = |r: &[f64]| rooms.iter().map(|&v| r[v]).sum::<f64>();
        assert_eq!(total(&rounded(&p, &a, Rounding::Up)), 7.0);
        assert_eq!(total(&rounded(&p, &a, Rounding::Nearest)), 7.0);
        let by_remainder = rounded(&p, &a, Rounding::Remainder);
        assert_eq!(total(&by_remainder), 5.0);
        assert_eq!(by_remainder[rooms[4]], 3.0);
        assert_eq!(
            rooms[..4]
                .iter()
                .filter(|&&v| by_remainder[v] == 1.0)
                .count(),
            2
        );
    }

    #[test]
    fn choices_made_whole_are_whole_cost_no_less_and_leave_the_model_as_it_was() {
        // The relaxation with CV cuts of the generated county splits some sections' choice of
        // which threshold to leave at its floor ("meets" values strictly between 0 and 1).
        let (p, mut built, lp) = split_relaxation();
        assert!(
            lp.y.iter().any(|&y| undecided(y)),
            "no split choice to make whole"
        );
        let Ok(chosen) = with_choices_made(&p, &mut built, &lp, 30.0) else {
            panic!("the relaxation with choices made solves");
        };
        assert!(!chosen.y.iter().any(|&y| undecided(y)));
        assert!(chosen.objective >= lp.objective * (1.0 - 1e-9));
        // The model has its choices open again: solved again, the relaxation's own optimum.
        solves_to_its_own_optimum(&p, &mut built, &lp);
        // And its rounding is a plan that passes.
        let Some(plan) = from_relaxed(&p, &chosen.a) else {
            panic!("a plan from the choices made");
        };
        assert!((0..p.secs.len()).all(|i| p.passes(i, &plan)));
        assert!(p
            .cv_groups
            .iter()
            .all(|g| p.cv(g, &plan).0 <= g.limit * (1.0 - CV_MARGIN)));
    }
}
