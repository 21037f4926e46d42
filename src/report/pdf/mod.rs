//! The PDF report (A4, krilla): cover, summary with the CV table, the CV charts, one page per
//! indicator with its chart and the sections that miss it, and for a scenario its before/after and
//! cost. The app's Chinese font is embedded as a subset of the glyphs used.

use super::ReportInput;
use crate::evaluate::{CvResult, Evaluation, Unit};
use crate::format::{indicator_threshold, indicator_value};
use crate::io::CJK_FONT;
use crate::model::Level;
use crate::standard::Standard;
use krilla::page::PageSettings;
use krilla::text::Font;
use krilla::Document;
use std::path::Path;

/// Why the PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("内置字体无法加载 / the embedded font could not be loaded")]
    Font,
    #[error("无法生成 PDF / cannot make the PDF: {0}")]
    Krilla(String),
    #[error("无法写入 / cannot write {path}: {error}")]
    Write { path: String, error: std::io::Error },
}

mod pen;
mod years;

use pen::*;

fn cv_table(pen: &mut Pen, standard: &Standard, ev: &Evaluation, base: Option<&Evaluation>) {
    let cols = [
        MARGIN,
        MARGIN + 40.0,
        MARGIN + 270.0,
        MARGIN + 330.0,
        MARGIN + 380.0,
        MARGIN + 440.0,
    ];
    pen.y += 18.0;
    for (x, h) in cols
        .iter()
        .zip(["学段", "指标", "差异系数", "限值", "均值", "标准差"])
    {
        pen.text(*x, pen.y, 9.0, GREY, h);
    }
    for level in Level::BOTH {
        for (k, (ind, r)) in standard.indicators.iter().zip(ev.cv_of(level)).enumerate() {
            pen.y += 15.0;
            pen.text(cols[0], pen.y, 9.0, BLACK, level.zh());
            pen.text(cols[1], pen.y, 9.0, BLACK, ind.name(true));
            let shown = match base.and_then(|b| b.cv_of(level).get(k)) {
                Some(b) => format!(
                    "{}→{}",
                    crate::format::cv_against(b.cv, b.limit),
                    crate::format::cv_against(r.cv, r.limit)
                ),
                None => crate::format::cv_against(r.cv, r.limit),
            };
            pen.text(cols[2], pen.y, 9.0, if r.met { GREEN } else { RED }, &shown);
            pen.text(cols[3], pen.y, 9.0, BLACK, &format!("{:.2}", r.limit));
            pen.text(cols[4], pen.y, 9.0, BLACK, &indicator_value(ind, r.mean));
            pen.text(cols[5], pen.y, 9.0, BLACK, &indicator_value(ind, r.sd));
        }
    }
}

fn cv_values(standard: &Standard, cvs: &[CvResult]) -> Vec<(String, f64, Rgb)> {
    standard
        .indicators
        .iter()
        .zip(cvs)
        .map(|(i, r)| {
            (
                i.short(true).to_string(),
                r.cv,
                if r.met { GREEN } else { RED },
            )
        })
        .collect()
}

/// Adds an A4 page and draws it with a pen that starts at `y`.
fn new_page(
    doc: &mut Document,
    font: &Font,
    y: f32,
    draw: impl FnOnce(&mut Pen),
) -> Result<(), PdfError> {
    let settings =
        PageSettings::from_wh(W, H).ok_or_else(|| PdfError::Krilla("page size".into()))?;
    let mut page = doc.start_page_with(settings);
    let mut surface = page.surface();
    draw(&mut Pen {
        s: &mut surface,
        font: font.clone(),
        y,
    });
    surface.finish();
    page.finish();
    Ok(())
}

/// The PDF as bytes.
pub fn render(input: &ReportInput<'_>) -> Result<Vec<u8>, PdfError> {
    let font = Font::new(CJK_FONT.to_vec().into(), 0).ok_or(PdfError::Font)?;
    let standard = input.standard;
    let ev = input.evaluation;
    let base = input.scenario.as_ref().map(|(_, _, b)| *b);
    let mut doc = Document::new();

    // Cover.
    new_page(&mut doc, &font, 160.0, |pen| {
        pen.line(30.0, BLACK, &input.county_name());
        pen.y += 10.0;
        pen.line(26.0, BLACK, "义务教育优质均衡发展");
        pen.line(26.0, BLACK, "资源配置评估报告");
        if !input.meeting.title.is_empty() {
            pen.y += 10.0;
            pen.line(16.0, BLACK, &input.meeting.title);
        }
        if !input.meeting.date.is_empty() {
            pen.line(13.0, BLACK, &input.meeting.date);
        }
        pen.y += 30.0;
        pen.line(13.0, BLACK, &format!("数据：{}", input.source()));
        pen.line(13.0, BLACK, &format!("标准：{}", standard.def.name_zh));
        match &input.scenario {
            Some((sc, cost, _)) => pen.line(
                13.0,
                BLACK,
                &format!(
                    "方案：{}（{} 项变更，费用 {}）",
                    sc.name,
                    sc.changes.len(),
                    crate::format::cost_total(cost, true)
                ),
            ),
            None => pen.line(13.0, BLACK, "方案：现状（基线）"),
        }
        pen.line(13.0, GREY, &format!("生成时间：{}", input.made_at));
        pen.y = H - 80.0;
        pen.line(9.0, GREY, "由 均衡 junheng 生成；差异系数按在校生数加权（X̄ = Σ Pi·Xi ÷ P，S = √(Σ (Pi÷P)·(Xi − X̄)²)，CV = S ÷ X̄）。");
    })?;

    // Summary and the CV table.
    new_page(&mut doc, &font, MARGIN, |pen| {
        pen.line(18.0, BLACK, "一、总体情况");
        let (word, color) = verdict(ev.resource_allocation_met);
        pen.line(14.0, color, &format!("资源配置：{word}"));
        for level in Level::BOTH {
            let s = ev.summary_of(level);
            if s.units == 0 {
                continue;
            }
            let before = base.map(|b| {
                let bs = b.summary_of(level);
                format!("（现状 {} 个达标）", bs.passing)
            });
            pen.line(
                11.0,
                if s.passing == s.units && s.cv_rule_met {
                    GREEN
                } else {
                    RED
                },
                &format!(
                    "{}：{} 个评估单元，{} 个达标{}；差异系数 {}/{} 项达标",
                    level.zh(),
                    s.units,
                    s.passing,
                    before.unwrap_or_default(),
                    s.cv_met,
                    ev.cv_of(level).len()
                ),
            );
            if let Some(c) = &ev.composite[level as usize] {
                pen.line(
                    11.0,
                    if c.met { GREEN } else { RED },
                    &format!(
                        "{}综合差异系数 {}（限值 {:.2}）",
                        level.zh(),
                        crate::format::cv_against(c.cv, c.limit),
                        c.limit
                    ),
                );
            }
        }
        pen.y += 8.0;
        pen.line(14.0, BLACK, "校际差异系数");
        cv_table(pen, standard, ev, base);
        pen.y += 12.0;
        let mut failing: Vec<&Unit> = ev.units.iter().filter(|u| !u.passes).collect();
        failing.sort_by_key(|u| u.met_count);
        if !failing.is_empty() {
            pen.line(14.0, BLACK, "未达标的学校");
            for u in failing.iter().take(18) {
                let names: Vec<&str> = u
                    .failing()
                    .map(|k| standard.indicators[k].short(true))
                    .collect();
                pen.line(
                    10.0,
                    RED,
                    &format!("{}（{}）：{}", u.name, u.level.zh(), names.join("、")),
                );
                if pen.y > H - MARGIN {
                    break;
                }
            }
        }
    })?;

    // The whole standard.
    {
        let ready = input.readiness();
        new_page(&mut doc, &font, MARGIN, |pen| {
            pen.line(18.0, BLACK, "优质均衡发展达标总览");
            pen.line(
                14.0,
                if ready.verdict { GREEN } else { RED },
                if ready.verdict {
                    "可以通过认定"
                } else {
                    "尚未达到认定条件"
                },
            );
            for a in &ready.areas {
                pen.line(
                    11.0,
                    match a.status() {
                        crate::readiness::AreaStatus::Met => GREEN,
                        crate::readiness::AreaStatus::NotEntered => GREY,
                        crate::readiness::AreaStatus::NotMet => RED,
                    },
                    &format!(
                        "{}：{}/{} {}",
                        a.area.name(true),
                        a.met,
                        a.total,
                        a.word(true)
                    ),
                );
            }
            pen.y += 8.0;
            pen.line(14.0, BLACK, "尚未达到的项目");
            let mut shown = 0;
            for f in &ready.failing {
                if pen.y > H - MARGIN {
                    break;
                }
                pen.line(9.0, RED, f);
                shown += 1;
            }
            if shown < ready.failing_total {
                pen.line(
                    9.0,
                    GREY,
                    &format!(
                        "……共 {} 项，以上为前 {shown} 项（学校逐项情况见 Excel 报告）",
                        ready.failing_total
                    ),
                );
            }
        })?;
    }

    // The CV charts.
    new_page(&mut doc, &font, MARGIN, |pen| {
        pen.line(18.0, BLACK, "二、校际差异系数");
        for level in Level::BOTH {
            if ev.summary_of(level).units == 0 {
                continue;
            }
            pen.line(
                12.0,
                BLACK,
                &format!("{}（限值 {:.2}）", level.zh(), standard.cv_limit(level)),
            );
            let top = pen.y + 10.0;
            let values = cv_values(standard, ev.cv_of(level));
            let lines = [(
                standard.cv_limit(level),
                BLUE,
                false,
                format!("限值 {:.2}", standard.cv_limit(level)),
            )];
            pen.bars(top, 250.0, &values, &lines, 2, 1);
            pen.y = top + 280.0;
        }
    })?;

    // One page per indicator.
    for (k, ind) in standard.indicators.iter().enumerate() {
        new_page(&mut doc, &font, MARGIN, |pen| {
            pen.line(
                16.0,
                BLACK,
                &format!("{}（{}）", ind.name(true), ind.unit(true)),
            );
            for level in Level::BOTH {
                let mut units: Vec<&Unit> = ev.units_of(level).collect();
                if units.is_empty() {
                    continue;
                }
                units.sort_by(|a, b| b.indicators[k].value.total_cmp(&a.indicators[k].value));
                let cv = &ev.cv_of(level)[k];
                let threshold = ind.threshold(level);
                pen.line(
                    11.0,
                    if cv.met { BLACK } else { RED },
                    &format!(
                        "{}：标准值 {}；差异系数 {}（限值 {:.2}），均值 {}，标准差 {}",
                        level.zh(),
                        indicator_threshold(ind, threshold),
                        crate::format::cv_against(cv.cv, cv.limit),
                        cv.limit,
                        indicator_value(ind, cv.mean),
                        indicator_value(ind, cv.sd)
                    ),
                );
                let values: Vec<(String, f64, Rgb)> = units
                    .iter()
                    .map(|u| {
                        let r = &u.indicators[k];
                        (u.name.clone(), r.value, status(r.met, r.above_floor))
                    })
                    .collect();
                let floor = threshold * standard.def.school_rule.floor_ratio;
                let (t_text, f_text) = (
                    indicator_threshold(ind, threshold),
                    indicator_value(ind, floor),
                );
                let lines = [
                    (threshold, BLUE, false, format!("标准值 {t_text}")),
                    (floor, GREY, true, format!("85% {f_text}")),
                ];
                let top = pen.y + 8.0;
                let every = units.len().div_ceil(24).max(1);
                pen.bars(top, 170.0, &values, &lines, 1, every);
                pen.y = top + 190.0;
                let below: Vec<&&Unit> = units.iter().filter(|u| !u.indicators[k].met).collect();
                for u in below.iter().take(8) {
                    let gap = u
                        .gap(k, standard)
                        .map(|g| format!("差 {:.0} {}", g.amount.ceil(), g.field.unit_zh()))
                        .unwrap_or_default();
                    pen.line(
                        9.0,
                        status(false, u.indicators[k].above_floor),
                        &format!(
                            "{}：{}（{}）",
                            u.name,
                            crate::format::indicator_against(ind, u.indicators[k].value, threshold),
                            gap
                        ),
                    );
                }
                if below.len() > 8 {
                    pen.line(9.0, GREY, &format!("……另有 {} 所", below.len() - 8));
                }
                pen.y += 8.0;
            }
        })?;
    }

    // The scenario: before/after and cost.
    if let (Some((sc, cost, b)), Some(_)) = (&input.scenario, base) {
        new_page(&mut doc, &font, MARGIN, |pen| {
            pen.line(18.0, BLACK, &format!("三、方案：{}", sc.name));
            for (i, c) in sc.changes.iter().enumerate() {
                pen.line(
                    10.0,
                    BLACK,
                    &format!("{}. {}", i + 1, c.describe_in(Some(input.data), true)),
                );
            }
            pen.y += 8.0;
            pen.line(14.0, BLACK, "结论发生变化的学校");
            for c in crate::evaluate::compare::verdict_changes(b, ev) {
                pen.line(
                    10.0,
                    if c.now_passes { GREEN } else { RED },
                    &format!(
                        "{}（{}）→ {}",
                        c.name,
                        c.level.zh(),
                        if c.now_passes { "达标" } else { "未达标" }
                    ),
                );
            }
            pen.y += 8.0;
            pen.line(
                14.0,
                BLACK,
                &format!("方案费用：{}", crate::format::cost_total(cost, true)),
            );
            for (field, units, c) in &cost.per_field {
                let (once, yearly) = cost.split_of(*field);
                pen.line(
                    10.0,
                    BLACK,
                    &format!(
                        "{}：{:.0} {}，{:.2} 万元（{}）",
                        field.zh_headers()[0],
                        units,
                        field.unit_zh(),
                        c / 10_000.0,
                        crate::format::cost_kind(once, yearly, true)
                    ),
                );
            }
            for (id, c) in cost.per_school.iter().take(20) {
                let name = input.data.school(id).map(|s| s.name.as_str()).unwrap_or(id);
                pen.line(10.0, BLACK, &format!("{name}：{:.2} 万元", c / 10_000.0));
            }
        })?;
    }

    if let (Some(rows), Some((sc, _, _))) = (input.year_rows(), &input.scenario) {
        years::spending_pages(&mut doc, &font, &sc.name, &rows)?;
    }
    if let Some(t) = input.timeline {
        years::years_pages(&mut doc, &font, standard, t, input.past)?;
    }
    if !input.counties.is_empty() {
        county_pages(&mut doc, &font, input)?;
    }
    if !input.corrections.is_empty() {
        new_page(&mut doc, &font, MARGIN, |pen| {
            pen.line(18.0, BLACK, "数据更正");
            pen.line(
                10.0,
                GREY,
                &format!(
                    "以下 {} 个数值在导入后经人工更正，评估按更正后的数值进行。",
                    input.corrections.len()
                ),
            );
            pen.y += 6.0;
            for c in input.corrections.iter().take(45) {
                let name = input
                    .data
                    .school(&c.school_id)
                    .map_or(c.school_id.as_str(), |s| s.name.as_str());
                pen.line(
                    9.0,
                    BLACK,
                    &format!(
                        "{name}（{}）{}：{} → {}（{}）",
                        c.school_id,
                        c.field.zh_headers()[0],
                        c.old.map_or("—".to_string(), crate::format::as_typed),
                        crate::format::as_typed(c.new),
                        c.at
                    ),
                );
            }
            if input.corrections.len() > 45 {
                pen.line(
                    9.0,
                    GREY,
                    &format!("……另有 {} 项，见 Excel 报告", input.corrections.len() - 45),
                );
            }
        })?;
    }

    doc.finish().map_err(|e| PdfError::Krilla(format!("{e:?}")))
}

/// Rows of the county table on a page (after the chart on the first).
const COUNTY_ROWS_FIRST: usize = 34;
const COUNTY_ROWS: usize = 50;

/// 县区对比: the counties ranked, with a chart of the share of sections passing, on as many pages
/// as the table needs.
fn county_pages(doc: &mut Document, font: &Font, input: &ReportInput<'_>) -> Result<(), PdfError> {
    let ranks = crate::evaluate::counties::ranking(input.counties);
    let mut start = 0;
    while start < ranks.len() {
        let first = start == 0;
        let end = (start
            + if first {
                COUNTY_ROWS_FIRST
            } else {
                COUNTY_ROWS
            })
        .min(ranks.len());
        new_page(doc, font, MARGIN, |pen| {
            if first {
                pen.line(18.0, BLACK, "县区对比");
                let met = ranks.iter().filter(|r| r.resource_allocation_met).count();
                pen.line(
                    10.0,
                    GREY,
                    &format!(
                        "{} 个县区各自分别评估（差异系数在县内计算），{met} 个县区资源配置达标；按达标单元比例、差异系数达标项排序。",
                        ranks.len()
                    ),
                );
                let values: Vec<(String, f64, Rgb)> = ranks
                    .iter()
                    .map(|r| {
                        let color = if r.resource_allocation_met {
                            GREEN
                        } else if r.cv_met == r.cv_total {
                            AMBER
                        } else {
                            RED
                        };
                        (r.county.clone(), r.passing_share * 100.0, color)
                    })
                    .collect();
                let every = if values.len() <= 30 { 1 } else { 0 };
                let top = pen.y + 14.0;
                pen.text(MARGIN, top - 2.0, 8.0, GREY, "达标单元比例（%）");
                pen.bars(
                    top + 6.0,
                    120.0,
                    &values,
                    &[(100.0, BLUE, false, "全部达标".into())],
                    0,
                    every,
                );
                pen.y = top + 150.0;
            }
            let cols = [
                MARGIN,
                MARGIN + 26.0,
                MARGIN + 110.0,
                MARGIN + 185.0,
                MARGIN + 230.0,
                MARGIN + 275.0,
            ];
            pen.y += 6.0;
            for (x, h) in cols.iter().zip([
                "名次",
                "县区",
                "达标单元",
                "差异系数",
                "资源配置",
                "未达标的差异系数",
            ]) {
                pen.text(*x, pen.y, 9.0, GREY, h);
            }
            for (i, r) in ranks.iter().enumerate().take(end).skip(start) {
                pen.y += 14.0;
                let failing = input
                    .counties
                    .iter()
                    .find(|c| c.county == r.county)
                    .map(|c| crate::format::failing_cvs(&c.evaluation, input.standard, true))
                    .unwrap_or_default();
                let (word, color) = verdict(r.resource_allocation_met);
                pen.text(cols[0], pen.y, 9.0, BLACK, &(i + 1).to_string());
                pen.text(cols[1], pen.y, 9.0, BLACK, &r.county);
                pen.text(
                    cols[2],
                    pen.y,
                    9.0,
                    BLACK,
                    &format!(
                        "{}/{}（{:.1}%）",
                        r.passing,
                        r.units,
                        r.passing_share * 100.0
                    ),
                );
                pen.text(
                    cols[3],
                    pen.y,
                    9.0,
                    if r.cv_met == r.cv_total { GREEN } else { RED },
                    &format!("{}/{}", r.cv_met, r.cv_total),
                );
                pen.text(cols[4], pen.y, 9.0, color, word);
                // What fails, cut to the line (the workbook has it whole).
                let mut text = String::new();
                for f in &failing {
                    let next = if text.is_empty() {
                        f.clone()
                    } else {
                        format!("{text}、{f}")
                    };
                    if text_width(&next, 8.0) > W - MARGIN - cols[5] {
                        text.push_str(" …");
                        break;
                    }
                    text = next;
                }
                pen.text(cols[5], pen.y, 8.0, BLACK, &text);
            }
        })?;
        start = end;
    }
    Ok(())
}

/// Writes the PDF report to a file.
pub fn write(path: &Path, input: &ReportInput<'_>) -> Result<(), PdfError> {
    let bytes = render(input)?;
    std::fs::write(path, bytes).map_err(|error| PdfError::Write {
        path: path.display().to_string(),
        error,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn axis_steps_are_round() {
        assert_eq!(super::nice_step(1.925), 2.0);
        assert_eq!(super::nice_step(0.12), 0.2);
        assert_eq!(super::nice_step(3.0), 5.0);
        assert_eq!(super::nice_step(2500.0), 5000.0);
        assert_eq!(super::nice_step(1.0), 1.0);
    }
}
