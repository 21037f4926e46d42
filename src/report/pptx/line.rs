//! A native line chart (DrawingML chart part) over the years: a line per series in its colour,
//! the segments leading to the projected years dashed (a data point's line is the segment that
//! ends at it), a reference series (the CV limit) dashed throughout, the legend below. Its data
//! lives in an embedded workbook laid out as the formulas say.

use super::super::deck::LineChart;
use super::esc;
use rust_xlsxwriter::{Workbook, XlsxError};

const SHEET: &str = "Sheet1";
const NS: &str = r#"xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// `Sheet1!$B$2:$B$12`.
fn range(c: usize, first: usize, last: usize) -> String {
    let c = crate::model::headers::column_letters(c);
    format!("{SHEET}!${c}${first}:${c}${last}")
}

fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("{r:02X}{g:02X}{b:02X}")
}

/// A line's shape properties: width in points, colour, dashed or solid.
fn line_pr(rgb: (u8, u8, u8), width_pt: f64, dashed: bool) -> String {
    let dash = if dashed {
        r#"<a:prstDash val="dash"/>"#
    } else {
        r#"<a:prstDash val="solid"/>"#
    };
    format!(
        r#"<c:spPr><a:ln w="{}" cap="rnd"><a:solidFill><a:srgbClr val="{}"/></a:solidFill>{dash}<a:round/></a:ln></c:spPr>"#,
        (width_pt * 12_700.0).round() as i64,
        hex(rgb)
    )
}

fn txpr(size: f64) -> String {
    format!(
        r#"<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{}"/></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>"#,
        (size * 100.0).round() as i64
    )
}

/// The chart part's XML.
pub fn chart_xml(chart: &LineChart) -> String {
    let n = chart.categories.len().max(1);
    let last = n + 1;
    let cat_pts: String = chart
        .categories
        .iter()
        .enumerate()
        .map(|(i, v)| format!(r#"<c:pt idx="{i}"><c:v>{}</c:v></c:pt>"#, esc(v)))
        .collect();
    let cats = format!(
        r#"<c:strRef><c:f>{}</c:f><c:strCache><c:ptCount val="{}"/>{cat_pts}</c:strCache></c:strRef>"#,
        range(0, 2, last),
        chart.categories.len()
    );
    let mut lines = String::new();
    for (s, series) in chart.series.iter().enumerate() {
        let c = s + 1;
        let width = if series.reference { 1.5 } else { 2.25 };
        let points: String = if series.reference {
            String::new()
        } else {
            (chart.projected_from..chart.categories.len())
                .map(|i| {
                    format!(
                        r#"<c:dPt><c:idx val="{i}"/><c:marker><c:symbol val="none"/></c:marker><c:bubble3D val="0"/>{}</c:dPt>"#,
                        line_pr(series.rgb, width, true)
                    )
                })
                .collect()
        };
        let vals: String = series
            .values
            .iter()
            .enumerate()
            .filter(|(_, v)| v.is_finite())
            .map(|(i, v)| format!(r#"<c:pt idx="{i}"><c:v>{v}</c:v></c:pt>"#))
            .collect();
        lines.push_str(&format!(
            r#"<c:ser><c:idx val="{s}"/><c:order val="{s}"/><c:tx><c:strRef><c:f>{}</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>{}</c:v></c:pt></c:strCache></c:strRef></c:tx>{}<c:marker><c:symbol val="none"/></c:marker>{points}<c:cat>{cats}</c:cat><c:val><c:numRef><c:f>{}</c:f><c:numCache><c:formatCode>0.000</c:formatCode><c:ptCount val="{}"/>{vals}</c:numCache></c:numRef></c:val><c:smooth val="0"/></c:ser>"#,
            range(c, 1, 1),
            esc(&series.name),
            line_pr(series.rgb, width, series.reference),
            range(c, 2, last),
            series.values.len(),
        ));
    }
    let grid = r#"<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="E0E0E0"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>"#;
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><c:chartSpace {NS}><c:date1904 val="0"/><c:lang val="zh-CN"/><c:roundedCorners val="0"/><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1400" b="1"/></a:pPr><a:r><a:rPr lang="zh-CN" sz="1400" b="1"/><a:t>{}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>{lines}<c:marker val="1"/><c:axId val="1"/><c:axId val="2"/></c:lineChart><c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>{}<c:crossAx val="2"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/><c:max val="{}"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>{grid}<c:numFmt formatCode="{}" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>{}<c:crossAx val="1"/><c:crosses val="autoZero"/><c:crossBetween val="midCat"/><c:majorUnit val="{}"/></c:valAx></c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/>{}</c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart><c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200"><a:latin typeface="Microsoft YaHei"/><a:ea typeface="Microsoft YaHei"/></a:defRPr></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr><c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData></c:chartSpace>"#,
        esc(&chart.title),
        txpr(11.0),
        chart.max,
        crate::format::number_format(chart.decimals),
        txpr(11.0),
        chart.step,
        txpr(11.0),
    )
}

/// The chart's data as a workbook: the years in A, a series a column — where the chart's
/// formulas point, so 编辑数据 shows them.
pub fn workbook(chart: &LineChart) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(SHEET)?;
    for (i, c) in chart.categories.iter().enumerate() {
        ws.write_string(i as u32 + 1, 0, c)?;
    }
    for (s, series) in chart.series.iter().enumerate() {
        let c = s as u16 + 1;
        ws.write_string(0, c, &series.name)?;
        for (i, v) in series.values.iter().enumerate() {
            if v.is_finite() {
                ws.write_number(i as u32 + 1, c, *v)?;
            }
        }
    }
    wb.save_to_buffer()
}
