//! The PDF's drawing: A4 pages, the colours, and a pen that writes text, boxes, lines and
//! charts as it flows down the page.

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

pub(super) const W: f32 = 595.0;
pub(super) const H: f32 = 842.0;
pub(super) const MARGIN: f32 = 48.0;

pub(super) type Rgb = (u8, u8, u8);
pub(super) const BLACK: Rgb = (30, 30, 30);
pub(super) const GREY: Rgb = (120, 120, 120);
pub(super) const LIGHT: Rgb = (225, 225, 225);
pub(super) const GREEN: Rgb = (46, 160, 67);
pub(super) const AMBER: Rgb = (230, 160, 20);
pub(super) const RED: Rgb = (215, 58, 73);
pub(super) const BLUE: Rgb = (40, 110, 220);

/// A page being drawn: the surface, the font, and a cursor that flows down the page.
pub(super) struct Pen<'a, 'b> {
    pub(super) s: &'a mut Surface<'b>,
    pub(super) font: Font,
    pub(super) y: f32,
}

pub(super) fn fill(c: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(c.0, c.1, c.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

/// Approximate advance of a text: CJK characters are one em, others about half.
pub(super) fn text_width(text: &str, size: f32) -> f32 {
    text.chars()
        .map(|c| if (c as u32) < 0x2E80 { 0.55 } else { 1.0 })
        .sum::<f32>()
        * size
}

impl Pen<'_, '_> {
    pub(super) fn text(&mut self, x: f32, y: f32, size: f32, color: Rgb, text: &str) {
        if text.is_empty() {
            return;
        }
        self.s.set_fill(Some(fill(color)));
        self.s.draw_text(
            Point::from_xy(x, y),
            self.font.clone(),
            size,
            text,
            false,
            TextDirection::Auto,
        );
    }

    /// A line of text at the cursor, then the cursor moves down.
    pub(super) fn line(&mut self, size: f32, color: Rgb, text: &str) {
        self.y += size * 1.5;
        self.text(MARGIN, self.y, size, color, text);
    }

    pub(super) fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb) {
        if let Some(r) = Rect::from_xywh(x, y, w.max(0.01), h.max(0.01)) {
            let mut pb = PathBuilder::new();
            pb.push_rect(r);
            if let Some(path) = pb.finish() {
                self.s.set_stroke(None);
                self.s.set_fill(Some(fill(color)));
                self.s.draw_path(&path);
            }
        }
    }

    pub(super) fn hline(&mut self, x0: f32, x1: f32, y: f32, color: Rgb, width: f32, dashed: bool) {
        self.stroke(
            &[(x0, y), (x1, y)],
            color,
            width,
            dashed.then_some([4.0, 3.0]),
        );
    }

    /// A line through points (nothing for fewer than two), solid or with this dash pattern.
    pub(super) fn stroke(
        &mut self,
        points: &[(f32, f32)],
        color: Rgb,
        width: f32,
        dash: Option<[f32; 2]>,
    ) {
        let Some((first, rest)) = points.split_first() else {
            return;
        };
        if rest.is_empty() {
            return;
        }
        let mut pb = PathBuilder::new();
        pb.move_to(first.0, first.1);
        for p in rest {
            pb.line_to(p.0, p.1);
        }
        if let Some(path) = pb.finish() {
            self.s.set_fill(None);
            self.s.set_stroke(Some(Stroke {
                paint: rgb::Color::new(color.0, color.1, color.2).into(),
                width,
                dash: dash.map(|d| krilla::paint::StrokeDash {
                    array: d.to_vec(),
                    offset: 0.0,
                }),
                ..Default::default()
            }));
            self.s.draw_path(&path);
            self.s.set_stroke(None);
        }
    }

    /// A bar chart: one bar per value with its colour and label, reference lines, a y axis.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn bars(
        &mut self,
        top: f32,
        height: f32,
        values: &[(String, f64, Rgb)],
        lines: &[(f64, Rgb, bool, String)],
        decimals: usize,
        label_every: usize,
    ) {
        let left = MARGIN + 30.0;
        let width = W - MARGIN - left;
        let top_value = values
            .iter()
            .map(|v| v.1)
            .chain(lines.iter().map(|l| l.0))
            .fold(0.0_f64, f64::max)
            * 1.05;
        // Ticks at round steps (1, 2 or 5 × 10ⁿ), the axis up to the tick above the highest.
        let step = nice_step(top_value / 4.0);
        let ticks = (top_value / step).ceil().max(1.0) as usize;
        let max = step * ticks as f64;
        let bottom = top + height;
        let y_of = |v: f64| bottom - (v / max) as f32 * height;
        let tick_decimals = if step >= 1.0 { 0 } else { decimals.max(1) };
        for i in 0..=ticks {
            let v = step * i as f64;
            let y = y_of(v);
            self.hline(left, left + width, y, LIGHT, 0.5, false);
            self.text(
                MARGIN - 8.0,
                y + 3.0,
                7.0,
                GREY,
                &format!("{v:.tick_decimals$}"),
            );
        }
        let n = values.len().max(1);
        let slot = width / n as f32;
        for (i, (label, v, c)) in values.iter().enumerate() {
            let x = left + slot * i as f32 + slot * 0.15;
            let y = y_of(*v);
            self.rect(x, y, slot * 0.7, bottom - y, *c);
            if label_every > 0 && i % label_every == 0 {
                let size = 7.0_f32
                    .min(slot * 0.9 / (label.chars().count().max(1) as f32))
                    .max(4.0);
                let lw = text_width(label, size);
                self.text(
                    x + slot * 0.35 - lw / 2.0,
                    bottom + 10.0,
                    size,
                    BLACK,
                    label,
                );
            }
        }
        for (v, c, dashed, name) in lines {
            let y = y_of(*v);
            self.hline(left, left + width, y, *c, 1.2, *dashed);
            self.text(left + width - text_width(name, 8.0), y - 3.0, 8.0, *c, name);
        }
    }
}

/// The round step (1, 2 or 5 × 10ⁿ) at or above `raw`: axis ticks at 0, 2, 4 … not 7.7, 15.3.
pub(super) fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * magnitude)
}

pub(super) fn status(met: bool, above_floor: bool) -> Rgb {
    if met {
        GREEN
    } else if above_floor {
        AMBER
    } else {
        RED
    }
}

pub(super) fn verdict(ok: bool) -> (&'static str, Rgb) {
    if ok {
        ("达标", GREEN)
    } else {
        ("未达标", RED)
    }
}
