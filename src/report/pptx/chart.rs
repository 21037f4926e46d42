//! A native bar chart (DrawingML chart part): horizontal bars with every category named, value
//! labels, bars coloured by where they stand, and the legend below the plot. Its data lives in an
//! embedded workbook laid out as the formulas say.
//!
//! The plot area is placed by hand ([`plot`]) and the value axis runs from 0 to a fixed top, so
//! the slide can draw the reference lines (threshold, 85 %, CV limit) exactly over it, labelled
//! at their ends: a scatter series on secondary axes would do it inside the chart, but viewers
//! disagree on where such a series goes in a horizontal bar chart (LibreOffice lays it across).

use super::super::deck::{BarChart, Tone};
use super::{color, esc};
use rust_xlsxwriter::{Workbook, XlsxError};

const SHEET: &str = "Sheet1";
const NS: &str = r#"xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// `Sheet1!$B$2:$B$12`.
fn range(c: usize, first: usize, last: usize) -> String {
    let c = crate::model::headers::column_letters(c);
    format!("{SHEET}!${c}${first}:${c}${last}")
}

/// The column of series `s`.
fn series_col(s: usize) -> usize {
    1 + s
}

/// Where the plot sits in the chart's frame (fractions of its width and height) and the type
/// sizes that let every category's name fit its row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Plot {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub label_pt: f64,
    pub value_pt: f64,
}

/// Room above the plot (the chart's title and the reference lines' labels) and below it (the
/// axis' numbers and the legend), in points.
const ABOVE_PT: f64 = 54.0;
const BELOW_PT: f64 = 52.0;
const RIGHT_PT: f64 = 40.0;

/// The plot's place in a frame of `w_pt` × `h_pt` points.
pub fn plot(chart: &BarChart, w_pt: f64, h_pt: f64) -> Plot {
    let n = chart.categories.len().max(1) as f64;
    let plot_h = (h_pt - ABOVE_PT - BELOW_PT).max(h_pt * 0.4);
    let row_pt = plot_h / n;
    let label_pt = (row_pt * 0.7).clamp(6.0, 14.0);
    let per_row = chart.series.len().max(1) as f64;
    let value_pt = (row_pt * 0.6 / per_row.sqrt()).clamp(6.0, 12.0);
    let widest = chart
        .categories
        .iter()
        .map(|c| f64::from(super::super::deck::ems(c)))
        .fold(2.0, f64::max);
    let left = (widest * label_pt + 10.0).min(w_pt * 0.45);
    let w = (w_pt - left - RIGHT_PT).max(w_pt * 0.3);
    Plot {
        x: left / w_pt,
        y: (h_pt - BELOW_PT - plot_h).max(0.0) / h_pt,
        w: w / w_pt,
        h: plot_h / h_pt,
        label_pt,
        value_pt,
    }
}

/// Text properties: `size` in points.
fn txpr(size: f64, tone: Tone) -> String {
    format!(
        r#"<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{}"><a:solidFill><a:srgbClr val="{}"/></a:solidFill></a:defRPr></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>"#,
        (size * 100.0).round() as i64,
        color(tone)
    )
}

fn fill(tone: Tone) -> String {
    format!(
        r#"<c:spPr><a:solidFill><a:srgbClr val="{}"/></a:solidFill></c:spPr>"#,
        color(tone)
    )
}

fn str_cache(f: &str, values: &[String]) -> String {
    let pts: String = values
        .iter()
        .enumerate()
        .map(|(i, v)| format!(r#"<c:pt idx="{i}"><c:v>{}</c:v></c:pt>"#, esc(v)))
        .collect();
    format!(
        r#"<c:strRef><c:f>{f}</c:f><c:strCache><c:ptCount val="{}"/>{pts}</c:strCache></c:strRef>"#,
        values.len()
    )
}

fn num_cache(f: &str, values: &[f64], format_code: &str) -> String {
    let pts: String = values
        .iter()
        .enumerate()
        .filter(|(_, v)| v.is_finite())
        .map(|(i, v)| format!(r#"<c:pt idx="{i}"><c:v>{v}</c:v></c:pt>"#))
        .collect();
    format!(
        r#"<c:numRef><c:f>{f}</c:f><c:numCache><c:formatCode>{format_code}</c:formatCode><c:ptCount val="{}"/>{pts}</c:numCache></c:numRef>"#,
        values.len()
    )
}

/// The chart part's XML, its plot placed as `p` says.
pub fn chart_xml(chart: &BarChart, p: &Plot) -> String {
    let n = chart.categories.len().max(1);
    let (label_pt, value_pt) = (p.label_pt, p.value_pt);
    let code = crate::format::number_format(chart.decimals);
    let last = n + 1;
    let cats = str_cache(&range(0, 2, last), &chart.categories);
    let mut bars = String::new();
    let shown = chart.series.len().saturating_sub(1);
    for (s, series) in chart.series.iter().enumerate() {
        let c = series_col(s);
        let points: String = series
            .tones
            .iter()
            .enumerate()
            .map(|(i, t)| {
                format!(
                    r#"<c:dPt><c:idx val="{i}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/>{}</c:dPt>"#,
                    fill(*t)
                )
            })
            .collect();
        // Value labels on the series shown (the last); the baseline beside it stays quiet.
        let labels = if s == shown {
            format!(
                r#"<c:dLbls><c:numFmt formatCode="{code}" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>{}<c:dLblPos val="outEnd"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>"#,
                txpr(value_pt, Tone::Plain)
            )
        } else {
            String::new()
        };
        bars.push_str(&format!(
            r#"<c:ser><c:idx val="{s}"/><c:order val="{s}"/><c:tx>{}</c:tx>{}<c:invertIfNegative val="0"/>{points}{labels}<c:cat>{cats}</c:cat><c:val>{}</c:val></c:ser>"#,
            str_cache(&range(c, 1, 1), std::slice::from_ref(&series.name)),
            fill(series.tone),
            num_cache(&range(c, 2, last), &series.values, "General"),
        ));
    }
    let max = chart.max;
    let grid = r#"<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="E0E0E0"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>"#;
    let layout = format!(
        r#"<c:layout><c:manualLayout><c:layoutTarget val="inner"/><c:xMode val="edge"/><c:yMode val="edge"/><c:x val="{:.4}"/><c:y val="{:.4}"/><c:w val="{:.4}"/><c:h val="{:.4}"/></c:manualLayout></c:layout>"#,
        p.x, p.y, p.w, p.h
    );
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><c:chartSpace {NS}><c:date1904 val="0"/><c:lang val="zh-CN"/><c:roundedCorners val="0"/><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1400" b="1"/></a:pPr><a:r><a:rPr lang="zh-CN" sz="1400" b="1"/><a:t>{}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea>{layout}<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>{bars}<c:gapWidth val="40"/><c:axId val="1"/><c:axId val="2"/></c:barChart><c:catAx><c:axId val="1"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>{}<c:crossAx val="2"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:tickLblSkip val="1"/><c:noMultiLvlLbl val="0"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/><c:max val="{max}"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>{grid}<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>{}<c:crossAx val="1"/><c:crosses val="max"/><c:crossBetween val="between"/><c:majorUnit val="{}"/></c:valAx></c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/>{}</c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart><c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200"><a:latin typeface="Microsoft YaHei"/><a:ea typeface="Microsoft YaHei"/></a:defRPr></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr><c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData></c:chartSpace>"#,
        esc(&chart.title),
        txpr(label_pt, Tone::Plain),
        txpr(11.0, Tone::Plain),
        chart.step,
        txpr(12.0, Tone::Plain),
    )
}

/// The chart's data as a workbook: categories in A, a series a column — where the chart's
/// formulas point, so 编辑数据 shows them.
pub fn workbook(chart: &BarChart) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(SHEET)?;
    ws.set_column_width(0, 24)?;
    for (i, c) in chart.categories.iter().enumerate() {
        ws.write_string(i as u32 + 1, 0, c)?;
    }
    for (s, series) in chart.series.iter().enumerate() {
        let c = series_col(s) as u16;
        ws.write_string(0, c, &series.name)?;
        for (i, v) in series.values.iter().enumerate() {
            if v.is_finite() {
                ws.write_number(i as u32 + 1, c, *v)?;
            }
        }
    }
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_written_as_a_spreadsheet_writes_them() {
        assert_eq!(range(1, 2, 12), "Sheet1!$B$2:$B$12");
        assert_eq!(range(27, 2, 3), "Sheet1!$AB$2:$AB$3");
    }
}
