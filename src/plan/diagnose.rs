//! Why a plan cannot pass: the sections and CVs that no addition of the allowed fields can bring
//! to their threshold or limit, in words.

use super::problem::Problem;
use super::Rule;
use crate::evaluate::Evaluation;
use crate::standard::Standard;

/// What a section or CV cannot reach with the fields allowed, in words.
pub(super) fn structural_problems(
    p: &Problem,
    ev: &Evaluation,
    standard: &Standard,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let zero = vec![0.0; p.vars.len()];
    let field_names = |i: usize, k: usize| -> (String, String) {
        let u = &ev.units[i];
        let keys: Vec<&str> = standard.indicators[k]
            .numerator(u.level)
            .iter()
            .map(|f| f.key())
            .collect();
        let zh: Vec<&str> = standard.indicators[k]
            .numerator(u.level)
            .iter()
            .map(|f| f.zh_headers()[0])
            .collect();
        (zh.join("、"), keys.join(", "))
    };
    for (i, s) in p.secs.iter().enumerate() {
        let l = s.level as usize;
        let u = &ev.units[i];
        let mut reachable = 0usize;
        let mut blocking: Vec<usize> = Vec::new();
        for k in 0..p.scale.len() {
            let t = p.thresholds[k][l];
            if t <= 0.0 {
                reachable += 1;
                continue;
            }
            let v = p.value(i, k, &zero);
            let fixable = !s.terms[k].is_empty();
            if fixable || crate::evaluate::reaches(v, t) {
                reachable += 1;
            } else if p.rule == Rule::Strict || !crate::evaluate::reaches(v, p.floor * t) {
                blocking.push(k);
            }
        }
        let short = p.rule == Rule::National && reachable < p.min_met;
        if !blocking.is_empty() || short {
            let ks: Vec<usize> = if blocking.is_empty() {
                (0..p.scale.len())
                    .filter(|&k| s.terms[k].is_empty() && p.thresholds[k][l] > 0.0)
                    .filter(|&k| {
                        !crate::evaluate::reaches(p.value(i, k, &zero), p.thresholds[k][l])
                    })
                    .collect()
            } else {
                blocking
            };
            for k in ks {
                let (zh, en) = field_names(i, k);
                out.push((
                    format!(
                        "{}（{}）的{}无法达标：不允许增加{}",
                        u.name,
                        u.level.zh(),
                        standard.indicators[k].short(true),
                        zh
                    ),
                    format!(
                        "{} ({}): {} cannot reach its threshold: {} may not be increased",
                        u.name,
                        u.level.en(),
                        standard.indicators[k].short(false),
                        en
                    ),
                ));
            }
        }
    }
    for g in &p.cv_groups {
        if p.cv_over(g, &zero) && g.members.iter().all(|&i| p.secs[i].terms[g.k].is_empty()) {
            let ind = &standard.indicators[g.k];
            let keys: Vec<&str> = ind.numerator(g.level).iter().map(|f| f.key()).collect();
            let zh: Vec<&str> = ind
                .numerator(g.level)
                .iter()
                .map(|f| f.zh_headers()[0])
                .collect();
            out.push((
                format!(
                    "{}{}的差异系数超限，且不允许增加{}",
                    g.level.zh(),
                    ind.short(true),
                    zh.join("、")
                ),
                format!(
                    "the {} CV of {} is over its limit and {} may not be increased",
                    g.level.en(),
                    ind.short(false),
                    keys.join(", ")
                ),
            ));
        }
    }
    out
}
