//! Numbers and gaps as the user reads them, one policy for every view, slide, report and the
//! command line: indicator values by their unit (people and rooms per 100 students to 2
//! decimals, m² per student to 1, 元 per student whole), CVs to 3, gaps in whole teachers or
//! rooms, m² or 元, 万元 to 2 decimals; a value judged failing never shown rounded onto its bound
//! (the digit that decides it is shown). egui-free.

use crate::evaluate::Gap;
use crate::i18n::Tr;
use crate::model::{Field, Level, Measure};

/// An indicator value (2 decimals).
pub fn value(v: f64) -> String {
    format!("{v:.2}")
}

/// The decimals an indicator's values are shown with: whole 元 for money per student, 1 for m²
/// per student, 2 for people and rooms per 100 students.
pub fn indicator_decimals(ind: &crate::standard::Indicator) -> usize {
    match ind.def.unit_zh.as_str() {
        "元" => 0,
        "平方米" => 1,
        _ => 2,
    }
}

/// An indicator's value (a mean, a threshold) with its decimals.
pub fn indicator_value(ind: &crate::standard::Indicator, v: f64) -> String {
    let d = indicator_decimals(ind);
    format!("{v:.d$}")
}

/// A threshold as the standard states it: the indicator's decimals, more where the standard's
/// figure has them (a custom 4.25 m² is "4.25", never "4.3").
pub fn indicator_threshold(ind: &crate::standard::Indicator, t: f64) -> String {
    let mut d = indicator_decimals(ind);
    while d < 4
        && format!("{t:.d$}")
            .parse::<f64>()
            .is_ok_and(|x| (x - t).abs() > 1e-9)
    {
        d += 1;
    }
    format!("{t:.d$}")
}

/// An indicator's value against its threshold: its decimals, more where they would round a
/// failing value onto the threshold ("4.47" against 4.5, never "4.5" beside 未达标).
pub fn indicator_against(ind: &crate::standard::Indicator, v: f64, threshold: f64) -> String {
    value_against_with(v, threshold, indicator_decimals(ind))
}

/// The decimals of [`indicator_against`], for a spreadsheet cell's number format.
pub fn indicator_against_decimals(
    ind: &crate::standard::Indicator,
    v: f64,
    threshold: f64,
) -> usize {
    decimals_against(v, indicator_decimals(ind), |x| {
        !crate::evaluate::reaches(x, threshold)
    })
}

/// A coefficient of variation (3 decimals).
pub fn cv(v: f64) -> String {
    format!("{v:.3}")
}

/// A planner's gap as a percentage, 3 decimals — more where rounding would put a gap over the
/// 0.01 % an optimal plan is held to onto it: 0.0104 % reads "0.0104%", never "0.010%".
pub fn gap_percent(gap: f64) -> String {
    format!("{}%", against(gap * 100.0, 3, |x| x > 0.01 * (1.0 + 1e-9)))
}

/// Shown with `decimals`, or with more (up to 6) where the rounding would put a value judged on
/// the wrong side of its bound onto or over it: a CV of 0.5004 against 0.50 is "0.5004", never
/// "0.500" beside a 未达标.
fn against(v: f64, decimals: usize, fails: impl Fn(f64) -> bool) -> String {
    let d = decimals_against(v, decimals, fails);
    format!("{v:.d$}")
}

/// The decimals [`against`] shows a value with (for a spreadsheet's number format).
fn decimals_against(v: f64, decimals: usize, fails: impl Fn(f64) -> bool) -> usize {
    if fails(v) {
        for d in decimals..=6 {
            if format!("{v:.d$}").parse::<f64>().is_ok_and(&fails) {
                return d;
            }
        }
    }
    decimals
}

/// The decimals of [`cv_against`], for a spreadsheet cell's number format.
pub fn cv_decimals(v: f64, limit: f64) -> usize {
    decimals_against(v, 3, |x| !crate::evaluate::within(x, limit))
}

/// The decimals of [`value_against`], for a spreadsheet cell's number format.
pub fn value_decimals(v: f64, threshold: f64) -> usize {
    decimals_against(v, 2, |x| !crate::evaluate::reaches(x, threshold))
}

/// A spreadsheet number format with this many decimals: 3 → "0.000".
pub fn number_format(decimals: usize) -> String {
    if decimals == 0 {
        "0".into()
    } else {
        format!("0.{}", "0".repeat(decimals))
    }
}

/// A CV against its limit (3 decimals; more where 3 would hide that it is over the limit).
pub fn cv_against(v: f64, limit: f64) -> String {
    against(v, 3, |x| !crate::evaluate::within(x, limit))
}

/// An indicator value against its threshold (2 decimals; more where 2 would round a failing
/// value up onto the threshold).
pub fn value_against(v: f64, threshold: f64) -> String {
    value_against_with(v, threshold, 2)
}

/// As [`value_against`], with `decimals` where they do not hide a failure (money in whole 元).
pub fn value_against_with(v: f64, threshold: f64, decimals: usize) -> String {
    against(v, decimals, |x| !crate::evaluate::reaches(x, threshold))
}

/// How a cost falls due, from its parts paid once and every year: "一次性", "每年", "一次性＋每年"
/// ("once", "a year", "once + a year").
pub fn cost_kind(once: f64, yearly: f64, zh: bool) -> &'static str {
    match (once > 0.0, yearly > 0.0, zh) {
        (true, true, true) => "一次性＋每年",
        (false, true, true) => "每年",
        (_, false, true) => "一次性",
        (true, true, false) => "once + a year",
        (false, true, false) => "a year",
        (_, false, false) => "once",
    }
}

/// A scenario's cost as a leader asks for it — once or every year: "130.00 万元（一次性）",
/// "2.00 万元（每年）", "132.00 万元：一次性 130.00 万元，另每年 2.00 万元".
pub fn cost_total(report: &crate::scenario::CostReport, zh: bool) -> String {
    let (once, yearly) = (report.one_off(), report.yearly());
    match (zh, once > 0.0, yearly > 0.0) {
        (true, true, true) => format!(
            "{} 万元：一次性 {} 万元，另每年 {} 万元",
            wan(report.total),
            wan(once),
            wan(yearly)
        ),
        (true, false, true) => format!("{} 万元（每年）", wan(yearly)),
        (true, _, false) => format!("{} 万元（一次性）", wan(once)),
        (false, true, true) => format!(
            "{} ×10k yuan: {} once, then {} every year",
            wan(report.total),
            wan(once),
            wan(yearly)
        ),
        (false, false, true) => format!("{} ×10k yuan every year", wan(yearly)),
        (false, _, false) => format!("{} ×10k yuan, once", wan(once)),
    }
}

/// Yuan as 万元 with 2 decimals: 1,234,500 → "123.45".
pub fn wan(yuan: f64) -> String {
    format!("{:.2}", yuan / 10_000.0)
}

/// A number as typed, for a message about a value: plain where that is short, in scientific
/// notation where it is huge or tiny (1e300, not three hundred digits).
pub fn as_typed(v: f64) -> String {
    if v != 0.0 && v.is_finite() && !(1e-6..1e15).contains(&v.abs()) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// A whole number with thousands separators: 12,345.
pub fn thousands(v: f64) -> String {
    let n = v.round() as i64;
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// What a field is called in a gap sentence: (Chinese noun, English noun).
pub fn noun(field: Field) -> (&'static str, &'static str) {
    match field {
        Field::QualifiedPrimary | Field::QualifiedJunior => ("高学历教师", "qualified teachers"),
        Field::BackbonePrimary | Field::BackboneJunior => ("骨干教师", "backbone teachers"),
        Field::PeArtPrimary | Field::PeArtJunior => ("体育艺术教师", "PE/art teachers"),
        Field::TeachingAreaM2 => ("教学及辅助用房", "of teaching rooms"),
        Field::SportsAreaM2 => ("体育运动场馆", "of sports ground"),
        Field::EquipmentValueYuan => ("教学仪器设备", "of equipment"),
        Field::MultimediaRooms => ("多媒体教室", "multimedia classrooms"),
        Field::MusicRooms => ("音乐教室", "music rooms"),
        Field::ArtRooms => ("美术教室", "art rooms"),
        Field::Computers => ("计算机", "computers"),
        Field::Books => ("图书", "books"),
        Field::MidTitlePrimary | Field::MidTitleJunior => {
            ("中级及以上职称教师", "teachers with a mid-level title")
        }
        _ => (field.zh_headers()[0], field.key()),
    }
}

/// "差 3 名骨干教师", "差 1,125 平方米体育运动场馆", "差 12.50 万元教学仪器设备".
pub fn gap(tr: Tr, g: &Gap) -> String {
    let (zh, en) = noun(g.field);
    match g.field.measure() {
        Measure::Persons => {
            let n = thousands(g.amount);
            tr.s(&format!("差 {n} 名{zh}"), &format!("short of {n} {en}"))
                .to_string()
        }
        Measure::Rooms => {
            let n = thousands(g.amount);
            tr.s(&format!("差 {n} 间{zh}"), &format!("short of {n} {en}"))
                .to_string()
        }
        Measure::Items => {
            let n = thousands(g.amount);
            let u = g.field.unit_zh();
            tr.s(&format!("差 {n} {u}{zh}"), &format!("short of {n} {en}"))
                .to_string()
        }
        Measure::Area => {
            let n = thousands(g.amount.ceil());
            tr.s(
                &format!("差 {n} 平方米{zh}"),
                &format!("short of {n} m² {en}"),
            )
            .to_string()
        }
        Measure::Money => {
            if g.amount >= 10_000.0 {
                let w = format!("{:.2}", g.amount / 10_000.0);
                tr.s(
                    &format!("差 {w} 万元{zh}"),
                    &format!("short of {w} ×10k yuan {en}"),
                )
                .to_string()
            } else {
                let n = thousands(g.amount.ceil());
                tr.s(
                    &format!("差 {n} 元{zh}"),
                    &format!("short of {n} yuan {en}"),
                )
                .to_string()
            }
        }
    }
}

/// A stepper's amount and label for a field: ±1 teacher or room, ±500 m², ±10 万元.
pub fn step(tr: Tr, field: Field, sign: f64) -> (f64, String) {
    let (zh, en) = noun(field);
    let s = if sign < 0.0 { "−" } else { "+" };
    match field.measure() {
        Measure::Persons | Measure::Rooms => (
            sign,
            tr.s(&format!("{s}1 {zh}"), &format!("{s}1 {en}"))
                .to_string(),
        ),
        Measure::Area => (
            sign * 500.0,
            tr.s(&format!("{s}500 ㎡ {zh}"), &format!("{s}500 m² {en}"))
                .to_string(),
        ),
        Measure::Items => {
            let n = if field == Field::Books { 1000.0 } else { 10.0 };
            let u = field.unit_zh();
            (
                sign * n,
                tr.s(&format!("{s}{n} {u}{zh}"), &format!("{s}{n} {en}"))
                    .to_string(),
            )
        }
        Measure::Money => (
            sign * 100_000.0,
            tr.s(&format!("{s}10 万元 {zh}"), &format!("{s}100k yuan {en}"))
                .to_string(),
        ),
    }
}

/// 小学 / Primary.
pub fn level(tr: Tr, l: Level) -> &'static str {
    if tr.zh() {
        l.zh()
    } else {
        l.en()
    }
}

/// The CVs over their limits in one county: "小学 生均教学用房 0.612".
pub fn failing_cvs(
    ev: &crate::evaluate::Evaluation,
    standard: &crate::standard::Standard,
    zh: bool,
) -> Vec<String> {
    let mut out = Vec::new();
    for level in Level::BOTH {
        for (cv, ind) in ev.cv_of(level).iter().zip(&standard.indicators) {
            if !cv.met {
                out.push(format!(
                    "{} {} {}",
                    if zh { level.zh() } else { level.en() },
                    ind.short(zh),
                    cv_against(cv.cv, cv.limit)
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_gap_over_the_optimal_tolerance_never_reads_as_on_it() {
        assert_eq!(gap_percent(0.000104), "0.0104%");
        assert_eq!(gap_percent(0.0001), "0.010%");
        assert_eq!(gap_percent(0.00009), "0.009%");
        assert_eq!(gap_percent(0.0015612), "0.156%");
        assert_eq!(gap_percent(0.0), "0.000%");
    }

    #[test]
    fn gaps_read_as_a_planner_says_them() {
        let zh = Tr(Lang::Zh);
        let g = Gap {
            field: Field::BackbonePrimary,
            amount: 3.0,
        };
        assert_eq!(gap(zh, &g), "差 3 名骨干教师");
        assert_eq!(gap(Tr(Lang::En), &g), "short of 3 backbone teachers");
        let g = Gap {
            field: Field::SportsAreaM2,
            amount: 1125.1,
        };
        assert_eq!(gap(zh, &g), "差 1,126 平方米体育运动场馆");
        let g = Gap {
            field: Field::EquipmentValueYuan,
            amount: 125_000.0,
        };
        assert_eq!(gap(zh, &g), "差 12.50 万元教学仪器设备");
        assert_eq!(thousands(1234567.0), "1,234,567");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(cv(0.53598), "0.536");
        assert_eq!(value(4.2), "4.20");
    }

    #[test]
    fn a_failing_value_is_never_shown_on_its_bound() {
        assert_eq!(cv_against(0.5004, 0.5), "0.5004");
        assert_eq!(cv_against(0.50004, 0.5), "0.50004");
        assert_eq!(cv_against(0.4996, 0.5), "0.500");
        assert_eq!(cv_against(0.3141, 0.5), "0.314");
        assert_eq!(value_against(4.199, 4.2), "4.199");
        assert_eq!(value_against(4.2, 4.2), "4.20");
        assert_eq!(value_against(4.1, 4.2), "4.10");
        assert_eq!(value_against_with(1999.6, 2000.0, 0), "1999.6");
        assert_eq!(value_against_with(2000.4, 2000.0, 0), "2000");
        assert_eq!(number_format(cv_decimals(0.5004, 0.5)), "0.0000");
        assert_eq!(number_format(value_decimals(4.199, 4.2)), "0.000");
        assert_eq!(number_format(value_decimals(5.0, 4.2)), "0.00");
    }

    #[test]
    fn indicator_values_follow_their_unit() {
        let s = crate::Standard::national_2017();
        let by_unit = |u: &str| {
            s.indicators
                .iter()
                .find(|i| i.def.unit_zh == u)
                .expect("an indicator of that unit")
        };
        let (area, money, people) = (by_unit("平方米"), by_unit("元"), by_unit("人"));
        // m² per student to 1 decimal, 元 whole, people per 100 to 2.
        assert_eq!(indicator_value(area, 5.034), "5.0");
        assert_eq!(indicator_value(money, 2422.81), "2423");
        assert_eq!(indicator_value(people, 1.862), "1.86");
        // Never a failing value shown on its threshold.
        assert_eq!(indicator_against(area, 4.47, 4.5), "4.47");
        assert_eq!(indicator_against(area, 4.46, 4.5), "4.46");
        assert_eq!(indicator_against(area, 4.51, 4.5), "4.5");
        assert_eq!(indicator_against(money, 1999.6, 2000.0), "1999.6");
        assert_eq!(indicator_against_decimals(area, 4.47, 4.5), 2);
        // A threshold as the standard states it.
        assert_eq!(indicator_threshold(area, 4.5), "4.5");
        assert_eq!(indicator_threshold(area, 4.25), "4.25");
        assert_eq!(indicator_threshold(money, 2000.0), "2000");
        assert_eq!(indicator_threshold(people, 4.2), "4.20");
    }
}
