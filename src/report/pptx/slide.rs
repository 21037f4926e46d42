//! One slide's XML: its title in the layout's title placeholder, then its blocks top to bottom —
//! text boxes, native tables and chart frames — laid out on the 16:9 page.

use super::super::deck::{self, BarChart, Block, DeckSlide, Line, LineChart, RefLine, Table, Tone};
use super::chart::{plot, Plot};
use super::{color, esc, parts, PT, SLIDE_H, SLIDE_W};

const NS: &str = r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main""#;
const INCH: i64 = 914_400;
const LEFT: i64 = INCH / 2;
const TOP: i64 = INCH * 6 / 5;
const BOTTOM: i64 = SLIDE_H - INCH * 3 / 10;
const WIDTH: i64 = SLIDE_W - 2 * LEFT;
const GAP: i64 = INCH / 8;
/// The least height a chart is given.
const CHART_MIN: i64 = INCH * 5 / 2;

/// A chart placed on a slide: its number in the deck (1-based), and for a bar chart where its
/// plot sits.
pub struct Placed<'a> {
    pub number: usize,
    pub chart: PlacedChart<'a>,
}

/// The chart of a [`Placed`].
pub enum PlacedChart<'a> {
    Bar(&'a BarChart, Plot),
    Line(&'a LineChart),
}

fn emu(pt: f32) -> i64 {
    (pt * PT as f32) as i64
}

fn lines_height(lines: &[Line]) -> i64 {
    emu(deck::lines_height(lines))
}

fn table_height(t: &Table) -> i64 {
    emu(deck::ROW_PT)
        + t.rows
            .iter()
            .map(|r| emu(deck::row_height(r, &t.widths)))
            .sum::<i64>()
}

/// The slide's XML and the charts it places (numbered after `charts_before`).
pub fn slide_xml(slide: &DeckSlide, charts_before: usize) -> (String, Vec<Placed<'_>>) {
    let fixed: i64 = slide
        .blocks
        .iter()
        .map(|b| match b {
            Block::Space(pt) => emu(*pt),
            Block::Lines(l) => lines_height(l),
            Block::Table(t) => table_height(t),
            Block::Charts(_) | Block::LineCharts(_) => 0,
        })
        .sum();
    let chart_blocks = slide
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Charts(_) | Block::LineCharts(_)))
        .count() as i64;
    let gaps = GAP * (slide.blocks.len() as i64 - 1).max(0);
    let chart_h = if chart_blocks > 0 {
        ((BOTTOM - TOP - fixed - gaps) / chart_blocks).max(CHART_MIN)
    } else {
        0
    };
    let mut tree = String::new();
    tree.push_str(parts::GROUP);
    tree.push_str(&parts::title_shape(&slide.title));
    let mut id = 3;
    let mut y = TOP;
    let mut placed = Vec::new();
    for block in &slide.blocks {
        match block {
            Block::Space(pt) => y += emu(*pt),
            Block::Lines(lines) => {
                let h = lines_height(lines);
                tree.push_str(&text_box(id, (LEFT, y, WIDTH, h), lines));
                id += 1;
                y += h;
            }
            Block::Table(t) => {
                let h = table_height(t);
                tree.push_str(&table(id, (LEFT, y, WIDTH, h), t));
                id += 1;
                y += h;
            }
            Block::Charts(charts) => {
                let n = charts.len().max(1) as i64;
                let w = (WIDTH - GAP * (n - 1)) / n;
                for (i, c) in charts.iter().enumerate() {
                    let number = charts_before + placed.len() + 1;
                    let rid = placed.len() + 2;
                    let x = LEFT + (w + GAP) * i as i64;
                    let rect = (x, y, w, chart_h);
                    tree.push_str(&chart_frame(id, rect, rid, &c.title));
                    id += 1;
                    let p = plot(c, (w / PT) as f64, (chart_h / PT) as f64);
                    for (j, line) in c.lines.iter().enumerate() {
                        tree.push_str(&ref_line(id, rect, &p, c.max, line, j == 0));
                        id += 2;
                    }
                    placed.push(Placed {
                        number,
                        chart: PlacedChart::Bar(c, p),
                    });
                }
                y += chart_h;
            }
            Block::LineCharts(charts) => {
                let n = charts.len().max(1) as i64;
                let w = (WIDTH - GAP * (n - 1)) / n;
                for (i, c) in charts.iter().enumerate() {
                    let number = charts_before + placed.len() + 1;
                    let rid = placed.len() + 2;
                    let x = LEFT + (w + GAP) * i as i64;
                    tree.push_str(&chart_frame(id, (x, y, w, chart_h), rid, &c.title));
                    id += 1;
                    placed.push(Placed {
                        number,
                        chart: PlacedChart::Line(c),
                    });
                }
                y += chart_h;
            }
        }
        y += GAP;
    }
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:sld {NS}><p:cSld><p:spTree>{tree}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"#
    );
    (xml, placed)
}

fn xfrm(tag: &str, (x, y, w, h): (i64, i64, i64, i64)) -> String {
    format!(r#"<{tag}><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></{tag}>"#)
}

/// A run of text: `size` in points.
fn run(text: &str, size: f32, bold: bool, tone: Tone) -> String {
    format!(
        r#"<a:r><a:rPr lang="zh-CN" altLang="en-US" sz="{}"{}><a:solidFill><a:srgbClr val="{}"/></a:solidFill></a:rPr><a:t>{}</a:t></a:r>"#,
        (size * 100.0).round() as i64,
        if bold { r#" b="1""# } else { "" },
        color(tone),
        esc(text)
    )
}

fn text_box(id: usize, rect: (i64, i64, i64, i64), lines: &[Line]) -> String {
    let paras: String = lines
        .iter()
        .map(|l| {
            format!(
                r#"<a:p><a:pPr><a:spcBef><a:spcPts val="{}"/></a:spcBef></a:pPr>{}</a:p>"#,
                (l.size * 25.0).round() as i64,
                run(&l.text, l.size, l.bold, l.tone)
            )
        })
        .collect();
    format!(
        r#"<p:sp><p:nvSpPr><p:cNvPr id="{id}" name="文本 {id}"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr>{}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr><p:txBody><a:bodyPr wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t"><a:normAutofit/></a:bodyPr><a:lstStyle/>{paras}</p:txBody></p:sp>"#,
        xfrm("a:xfrm", rect)
    )
}

fn cell(text: &str, tone: Tone, bold: bool, fill: Option<&str>) -> String {
    let fill = match fill {
        Some(c) => format!(r#"<a:solidFill><a:srgbClr val="{c}"/></a:solidFill>"#),
        None => "<a:noFill/>".into(),
    };
    format!(
        r#"<a:tc><a:txBody><a:bodyPr/><a:lstStyle/><a:p>{}</a:p></a:txBody><a:tcPr anchor="ctr"><a:lnL w="0"><a:noFill/></a:lnL><a:lnR w="0"><a:noFill/></a:lnR><a:lnT w="0"><a:noFill/></a:lnT><a:lnB w="6350"><a:solidFill><a:srgbClr val="C8C8C8"/></a:solidFill></a:lnB>{fill}</a:tcPr></a:tc>"#,
        run(text, deck::TABLE_FONT_PT, bold, tone)
    )
}

fn table(id: usize, rect: (i64, i64, i64, i64), t: &Table) -> String {
    let (_, _, w, _) = rect;
    let total: f32 = t.widths.iter().sum::<f32>().max(f32::EPSILON);
    let cols = t.header.len();
    let grid: String = (0..cols)
        .map(|i| {
            let share = t.widths.get(i).copied().unwrap_or(1.0 / cols as f32) / total;
            format!(r#"<a:gridCol w="{}"/>"#, (w as f32 * share) as i64)
        })
        .collect();
    let mut rows = format!(r#"<a:tr h="{}">"#, emu(deck::ROW_PT));
    for h in &t.header {
        rows.push_str(&cell(h, Tone::Plain, true, Some("E7E6E6")));
    }
    rows.push_str("</a:tr>");
    for (i, r) in t.rows.iter().enumerate() {
        rows.push_str(&format!(
            r#"<a:tr h="{}">"#,
            emu(deck::row_height(r, &t.widths))
        ));
        let fill = (i % 2 == 1).then_some("F5F5F5");
        for c in 0..cols {
            let (text, tone) = r
                .get(c)
                .map_or(("", Tone::Plain), |(s, t)| (s.as_str(), *t));
            rows.push_str(&cell(text, tone, false, fill));
        }
        rows.push_str("</a:tr>");
    }
    format!(
        r#"<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{id}" name="表格 {id}"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>{}<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl><a:tblPr firstRow="1" bandRow="1"/><a:tblGrid>{grid}</a:tblGrid>{rows}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>"#,
        xfrm("p:xfrm", rect)
    )
}

fn chart_frame(id: usize, rect: (i64, i64, i64, i64), rid: usize, name: &str) -> String {
    format!(
        r#"<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{id}" name="图表 {}"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr>{}<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rId{rid}"/></a:graphicData></a:graphic></p:graphicFrame>"#,
        esc(name),
        xfrm("p:xfrm", rect)
    )
}

/// A reference line over a chart's plot, at its value on the value axis, with its label at its
/// top end: the first line's to its right, the others' to its left (a threshold's 85 % floor
/// lies left of it, so the two labels never meet). Two shapes: ids `id` and `id + 1`.
fn ref_line(
    id: usize,
    (fx, fy, fw, fh): (i64, i64, i64, i64),
    p: &Plot,
    max: f64,
    line: &RefLine,
    first: bool,
) -> String {
    let share = if max > 0.0 {
        (line.value / max).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let x = fx + ((p.x + p.w * share) * fw as f64) as i64;
    let top = fy + (p.y * fh as f64) as i64;
    let h = (p.h * fh as f64) as i64;
    let dash = if first { "solid" } else { "dash" };
    let c = color(line.tone);
    let label_w = 160 * PT;
    let label_h = 18 * PT;
    let (lx, algn) = if first {
        (x + 3 * PT, "l")
    } else {
        (x - 3 * PT - label_w, "r")
    };
    format!(
        r#"<p:cxnSp><p:nvCxnSpPr><p:cNvPr id="{id}" name="{name}"/><p:cNvCxnSpPr/><p:nvPr/></p:nvCxnSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{top}"/><a:ext cx="0" cy="{h}"/></a:xfrm><a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="22225"><a:solidFill><a:srgbClr val="{c}"/></a:solidFill><a:prstDash val="{dash}"/></a:ln></p:spPr></p:cxnSp><p:sp><p:nvSpPr><p:cNvPr id="{}" name="{name}"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr>{}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr><p:txBody><a:bodyPr wrap="none" lIns="0" tIns="0" rIns="0" bIns="0" anchor="b"/><a:lstStyle/><a:p><a:pPr algn="{algn}"/>{}</a:p></p:txBody></p:sp>"#,
        id + 1,
        xfrm("a:xfrm", (lx, top - label_h - 2 * PT, label_w, label_h)),
        run(&line.name, 11.0, false, line.tone),
        name = esc(&line.name),
    )
}
