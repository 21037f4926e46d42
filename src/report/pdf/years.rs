//! The timeline's pages: per level each CV by year against its limit (actual years solid,
//! projected years dashed), each year's sections passing and CVs met, and the sections that pass
//! in the base year and first fail later, with the year and the reason.

use super::pen::*;
use super::{new_page, PdfError};
use crate::model::Level;
use crate::report::SERIES_RGB;
use crate::standard::Standard;
use crate::timeline::{Timeline, Year};
use krilla::text::Font;
use krilla::Document;

/// Rows of the first-failure list on a page.
const FAILURES_PER_PAGE: usize = 44;

impl Pen<'_, '_> {
    /// Each indicator's CV of one level by year, against the limit: the actual years (`past`
    /// and the base year) solid, the projected ones dashed; the years along, a legend below.
    fn cv_years_chart(
        &mut self,
        standard: &Standard,
        level: Level,
        past: &[Year],
        t: &Timeline,
        height: f32,
    ) {
        let left = MARGIN + 30.0;
        let width = W - MARGIN - left - 40.0;
        let top = self.y + 8.0;
        let bottom = top + height;
        let limit = standard.cv_limit(level);
        let years: Vec<&Year> = past.iter().chain(&t.years).collect();
        let (Some(first), Some(last)) = (years.first(), years.last()) else {
            return;
        };
        let (y0, y1) = (first.year, last.year.max(first.year + 1));
        let highest = years
            .iter()
            .flat_map(|y| y.evaluation.cv_of(level).iter().map(|c| c.cv))
            .filter(|v| v.is_finite())
            .fold(limit * 1.2, f64::max);
        let step = nice_step(highest / 4.0);
        let ticks = (highest / step).ceil().max(1.0) as usize;
        let max = step * ticks as f64;
        let x_of = |year: i32| left + (year - y0) as f32 / (y1 - y0) as f32 * width;
        let y_of = |v: f64| bottom - (v / max).clamp(0.0, 1.0) as f32 * height;
        for i in 0..=ticks {
            let v = step * i as f64;
            self.hline(left, left + width, y_of(v), LIGHT, 0.5, false);
            self.text(MARGIN - 4.0, y_of(v) + 3.0, 7.0, GREY, &format!("{v:.2}"));
        }
        // Every year named when they fit, else every other.
        let every = if years.len() > 14 { 2 } else { 1 };
        for (i, y) in years.iter().enumerate() {
            if i % every == 0 || i + 1 == years.len() {
                let label = format!("{}", y.year);
                let x = x_of(y.year) - text_width(&label, 7.0) / 2.0;
                self.text(x, bottom + 10.0, 7.0, BLACK, &label);
            }
        }
        // The base year: where the actual data ends and the projection begins.
        let base_x = x_of(t.base_year);
        self.stroke(&[(base_x, top), (base_x, bottom)], LIGHT, 1.0, None);
        self.text(base_x + 3.0, top + 8.0, 7.0, GREY, "基年");
        for k in 0..standard.indicators.len() {
            let color = SERIES_RGB[k % SERIES_RGB.len()];
            let point = |y: &Year| {
                y.evaluation
                    .cv_of(level)
                    .get(k)
                    .filter(|c| c.cv.is_finite())
                    .map(|c| (x_of(y.year), y_of(c.cv)))
            };
            let actual: Vec<(f32, f32)> = past
                .iter()
                .chain(t.years.first())
                .filter_map(point)
                .collect();
            let projected: Vec<(f32, f32)> = t.years.iter().filter_map(point).collect();
            self.stroke(&actual, color, 1.6, None);
            self.stroke(&projected, color, 1.6, Some([5.0, 3.0]));
        }
        let ly = y_of(limit);
        self.hline(left, left + width, ly, RED, 1.2, true);
        self.text(
            left + width + 3.0,
            ly + 3.0,
            8.0,
            RED,
            &format!("限值 {limit:.2}"),
        );
        // The legend: a swatch and the indicator's short name.
        self.y = bottom + 24.0;
        let mut x = MARGIN;
        for (k, ind) in standard.indicators.iter().enumerate() {
            let name = ind.short(true);
            let w = 16.0 + text_width(name, 8.0) + 12.0;
            if x + w > W - MARGIN {
                x = MARGIN;
                self.y += 12.0;
            }
            self.hline(
                x,
                x + 12.0,
                self.y - 3.0,
                SERIES_RGB[k % SERIES_RGB.len()],
                2.0,
                false,
            );
            self.text(x + 16.0, self.y, 8.0, BLACK, name);
            x += w;
        }
    }
}

/// The timeline's pages: the CV charts and the year table, then the first failures.
pub(super) fn years_pages(
    doc: &mut Document,
    font: &Font,
    standard: &Standard,
    t: &Timeline,
    past: &[Year],
) -> Result<(), PdfError> {
    let levels: Vec<Level> = t.levels();
    let last = t.years.last().map_or(t.base_year, |y| y.year);
    new_page(doc, font, MARGIN, |pen| {
        pen.line(18.0, BLACK, &format!("年度推演：{}–{last} 年", t.base_year));
        pen.line(
            9.0,
            GREY,
            "按年级推演在校生数，逐年评估；方案中的变更从其年份起计入。实线：实际数据；虚线：推演。",
        );
        let height = if levels.len() > 1 { 150.0 } else { 230.0 };
        for &level in &levels {
            pen.y += 8.0;
            pen.line(11.0, BLACK, &format!("{} 差异系数（逐年）", level.zh()));
            pen.cv_years_chart(standard, level, past, t, height);
        }
        // Each year: sections passing and CVs met, by level.
        pen.y += 10.0;
        let mut cols = vec![MARGIN];
        let col_w = (W - 2.0 * MARGIN - 84.0) / (levels.len() * 2 + 1) as f32;
        for i in 0..levels.len() * 2 + 1 {
            cols.push(MARGIN + 84.0 + col_w * i as f32);
        }
        pen.y += 12.0;
        let mut header = vec!["年份".to_string()];
        for l in &levels {
            header.push(format!("{}达标", l.zh()));
            header.push(format!("{}差异系数", l.zh()));
        }
        header.push("资源配置".into());
        for (x, h) in cols.iter().zip(&header) {
            pen.text(*x, pen.y, 9.0, GREY, h);
        }
        let rows: Vec<(&Year, &str)> = past
            .iter()
            .map(|y| (y, "实际"))
            .chain(
                t.years
                    .iter()
                    .enumerate()
                    .map(|(i, y)| (y, if i == 0 { "基年" } else { "推演" })),
            )
            .collect();
        for (y, kind) in rows {
            if pen.y > H - MARGIN - 14.0 {
                break;
            }
            pen.y += 14.0;
            let ev = &y.evaluation;
            pen.text(cols[0], pen.y, 9.0, BLACK, &format!("{}（{kind}）", y.year));
            let mut c = 1;
            for &l in &levels {
                let s = ev.summary_of(l);
                pen.text(
                    cols[c],
                    pen.y,
                    9.0,
                    if s.passing == s.units { GREEN } else { RED },
                    &format!("{} / {}", s.passing, s.units),
                );
                pen.text(
                    cols[c + 1],
                    pen.y,
                    9.0,
                    if s.cv_rule_met { GREEN } else { RED },
                    &format!("{} / {}", s.cv_met, ev.cv_of(l).len()),
                );
                c += 2;
            }
            let (v, color) = verdict(ev.resource_allocation_met);
            pen.text(cols[c], pen.y, 9.0, color, v);
        }
        if t.first_failures.is_empty() {
            pen.y += 8.0;
            pen.line(10.0, GREEN, "基年达标的学校在推演年份内都保持达标。");
        }
    })?;
    let failures = &t.first_failures;
    let pages = failures.len().div_ceil(FAILURES_PER_PAGE);
    for p in 0..pages {
        new_page(doc, font, MARGIN, |pen| {
            pen.line(
                16.0,
                BLACK,
                if p == 0 {
                    "何时何校首次未达标"
                } else {
                    "何时何校首次未达标（续）"
                },
            );
            if p == 0 {
                pen.line(
                    10.0,
                    RED,
                    &format!("{} 个评估单元基年达标、之后未达标", failures.len()),
                );
            }
            pen.y += 4.0;
            for f in failures
                .iter()
                .skip(p * FAILURES_PER_PAGE)
                .take(FAILURES_PER_PAGE)
            {
                pen.y += 15.0;
                pen.text(MARGIN, pen.y, 9.0, BLACK, &format!("{}", f.year));
                pen.text(
                    MARGIN + 36.0,
                    pen.y,
                    9.0,
                    BLACK,
                    &format!("{}（{}）", f.name, f.level.zh()),
                );
                pen.text(MARGIN + 200.0, pen.y, 8.0, RED, &f.reason);
            }
        })?;
    }
    Ok(())
}

/// 分年度投入: a dated scenario year by year — what each year spends and its changes — over as
/// many pages as it takes, long lines wrapped to the page.
pub(super) fn spending_pages(
    doc: &mut Document,
    font: &Font,
    name: &str,
    rows: &[crate::report::YearRow],
) -> Result<(), PdfError> {
    use crate::format::wan;
    let total: f64 = rows.iter().map(|r| r.spent).sum();
    let mut lines: Vec<(f32, Rgb, String)> = vec![(
        11.0,
        GREY,
        format!(
            "{}–{} 年合计 {} 万元：各年支出之和（当年一次性费用 + 已投入各项的每年费用）",
            rows.first().map_or(0, |r| r.year),
            rows.last().map_or(0, |r| r.year),
            wan(total)
        ),
    )];
    let width = W - 2.0 * MARGIN;
    for r in rows {
        lines.push((
            13.0,
            BLACK,
            format!(
                "{} 年：支出 {} 万元（一次性 {}，每年费用 {}）",
                r.year,
                wan(r.spent),
                wan(r.one_time),
                wan(r.per_year)
            ),
        ));
        if r.changes.is_empty() {
            lines.push((10.0, GREY, "  当年无新增".into()));
        }
        for c in &r.changes {
            // Wrapped where it would run past the margin.
            let mut line = String::from("  ");
            for ch in c.chars() {
                line.push(ch);
                if super::pen::text_width(&line, 10.0) > width {
                    let last = line.pop().unwrap_or(' ');
                    lines.push((10.0, BLACK, std::mem::take(&mut line)));
                    line = format!("    {last}");
                }
            }
            lines.push((10.0, BLACK, line));
        }
    }
    let mut first = true;
    let mut rest = lines.as_slice();
    while first || !rest.is_empty() {
        // As many lines as fit under the title.
        let mut room = H - 2.0 * MARGIN - 18.0 * 1.5 - 8.0;
        let mut n = 0;
        for (size, _, _) in rest {
            if size * 1.5 > room {
                break;
            }
            room -= size * 1.5;
            n += 1;
        }
        let n = n.max(1).min(rest.len());
        let (page, next) = rest.split_at(n);
        let title = if first {
            format!("分年度投入：{name}")
        } else {
            format!("分年度投入：{name}（续）")
        };
        super::new_page(doc, font, MARGIN, |pen| {
            pen.line(18.0, BLACK, &title);
            pen.y += 8.0;
            for (size, color, text) in page {
                pen.line(*size, *color, text);
            }
        })?;
        rest = next;
        first = false;
    }
    Ok(())
}
