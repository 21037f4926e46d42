//! Charts and slides as PNG images, drawn off screen by the same egui code the window uses and
//! rasterised on the CPU: no GPU and no window needed, any scale (2× for slides).

use super::fonts;
use eframe::egui::{
    self, epaint::ClippedPrimitive, epaint::Primitive, Color32, ImageData, Pos2, Rect, TextureId,
    Vec2,
};
use std::collections::HashMap;
use std::path::Path;

/// An RGBA image.
pub struct Rgba {
    pub width: usize,
    pub height: usize,
    /// Premultiplied sRGBA, row by row.
    pub pixels: Vec<Color32>,
}

/// Draws `draw` (given the root Ui, to add panels to) into a `size` (points) canvas at `pixels_per_point`, light theme, and returns the
/// pixels. Two passes run, so layout that settles over a frame (plots, grids) is final.
pub fn render(size: Vec2, pixels_per_point: f32, draw: impl FnMut(&mut egui::Ui)) -> Rgba {
    render_in(egui::Theme::Light, size, pixels_per_point, draw)
}

/// As [`render`], in a theme (slides may be dark by choice).
pub fn render_in(
    theme: egui::Theme,
    size: Vec2,
    pixels_per_point: f32,
    mut draw: impl FnMut(&mut egui::Ui),
) -> Rgba {
    let ctx = egui::Context::default();
    fonts::install(&ctx);
    ctx.set_theme(theme);
    ctx.set_pixels_per_point(pixels_per_point);
    let input = || egui::RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, size)),
        max_texture_side: Some(8192),
        ..Default::default()
    };
    let mut textures: HashMap<TextureId, Texture> = HashMap::new();
    let mut output = None;
    for _ in 0..3 {
        let mut out = ctx.run_ui(input(), &mut draw);
        for (id, deltas) in &out.textures_delta.set {
            for delta in deltas {
                apply_delta(&mut textures, *id, delta);
            }
        }
        out.textures_delta.clear();
        output = Some(out);
    }
    let width = (size.x * pixels_per_point).round().max(1.0) as usize;
    let height = (size.y * pixels_per_point).round().max(1.0) as usize;
    let bg = match theme {
        egui::Theme::Light => Color32::WHITE,
        egui::Theme::Dark => Color32::from_gray(27),
    };
    let mut img = Rgba {
        width,
        height,
        pixels: vec![bg; width * height],
    };
    if let Some(out) = output {
        let prims = ctx.tessellate(out.shapes, out.pixels_per_point);
        for p in &prims {
            raster(&mut img, p, pixels_per_point, &textures);
        }
    }
    img
}

struct Texture {
    width: usize,
    height: usize,
    pixels: Vec<Color32>,
}

fn apply_delta(
    textures: &mut HashMap<TextureId, Texture>,
    id: TextureId,
    delta: &egui::epaint::ImageDelta,
) {
    let ImageData::Color(image) = &delta.image;
    let [w, h] = image.size;
    match delta.pos {
        None => {
            textures.insert(
                id,
                Texture {
                    width: w,
                    height: h,
                    pixels: image.pixels.clone(),
                },
            );
        }
        Some([x0, y0]) => {
            if let Some(t) = textures.get_mut(&id) {
                for y in 0..h {
                    for x in 0..w {
                        let (tx, ty) = (x0 + x, y0 + y);
                        if tx < t.width && ty < t.height {
                            t.pixels[ty * t.width + tx] = image.pixels[y * w + x];
                        }
                    }
                }
            }
        }
    }
}

fn sample(t: &Texture, uv: Pos2) -> [f32; 4] {
    let x = ((uv.x * t.width as f32) - 0.5).clamp(0.0, t.width as f32 - 1.0);
    let y = ((uv.y * t.height as f32) - 0.5).clamp(0.0, t.height as f32 - 1.0);
    let (x0, y0) = (x.floor() as usize, y.floor() as usize);
    let (x1, y1) = ((x0 + 1).min(t.width - 1), (y0 + 1).min(t.height - 1));
    let (fx, fy) = (x - x0 as f32, y - y0 as f32);
    let px = |x: usize, y: usize| {
        let c = t.pixels[y * t.width + x];
        [c.r() as f32, c.g() as f32, c.b() as f32, c.a() as f32]
    };
    let (a, b, c, d) = (px(x0, y0), px(x1, y0), px(x0, y1), px(x1, y1));
    let mut out = [0.0; 4];
    for i in 0..4 {
        let top = a[i] + (b[i] - a[i]) * fx;
        let bottom = c[i] + (d[i] - c[i]) * fx;
        out[i] = (top + (bottom - top) * fy) / 255.0;
    }
    out
}

/// Rasterises one clipped mesh: per-pixel barycentric interpolation of colour and texture
/// coordinates, premultiplied "over" blending.
fn raster(
    img: &mut Rgba,
    prim: &ClippedPrimitive,
    ppp: f32,
    textures: &HashMap<TextureId, Texture>,
) {
    let Primitive::Mesh(mesh) = &prim.primitive else {
        return;
    };
    let Some(tex) = textures.get(&mesh.texture_id) else {
        return;
    };
    let clip = prim.clip_rect;
    let cx0 = (clip.min.x * ppp).floor().max(0.0) as i64;
    let cy0 = (clip.min.y * ppp).floor().max(0.0) as i64;
    let cx1 = ((clip.max.x * ppp).ceil() as i64).min(img.width as i64);
    let cy1 = ((clip.max.y * ppp).ceil() as i64).min(img.height as i64);
    for tri in mesh.indices.chunks_exact(3) {
        let v: Vec<&egui::epaint::Vertex> =
            tri.iter().map(|&i| &mesh.vertices[i as usize]).collect();
        let p: Vec<Pos2> = v
            .iter()
            .map(|v| Pos2::new(v.pos.x * ppp, v.pos.y * ppp))
            .collect();
        let area = (p[1].x - p[0].x) * (p[2].y - p[0].y) - (p[2].x - p[0].x) * (p[1].y - p[0].y);
        if area.abs() < 1e-12 {
            continue;
        }
        let minx = (p.iter().map(|q| q.x).fold(f32::INFINITY, f32::min).floor() as i64).max(cx0);
        let maxx = (p
            .iter()
            .map(|q| q.x)
            .fold(f32::NEG_INFINITY, f32::max)
            .ceil() as i64)
            .min(cx1);
        let miny = (p.iter().map(|q| q.y).fold(f32::INFINITY, f32::min).floor() as i64).max(cy0);
        let maxy = (p
            .iter()
            .map(|q| q.y)
            .fold(f32::NEG_INFINITY, f32::max)
            .ceil() as i64)
            .min(cy1);
        for y in miny..maxy {
            for x in minx..maxx {
                let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
                let w0 = ((p[1].x - px) * (p[2].y - py) - (p[2].x - px) * (p[1].y - py)) / area;
                let w1 = ((p[2].x - px) * (p[0].y - py) - (p[0].x - px) * (p[2].y - py)) / area;
                let w2 = 1.0 - w0 - w1;
                if w0 < -1e-4 || w1 < -1e-4 || w2 < -1e-4 {
                    continue;
                }
                let uv = Pos2::new(
                    v[0].uv.x * w0 + v[1].uv.x * w1 + v[2].uv.x * w2,
                    v[0].uv.y * w0 + v[1].uv.y * w1 + v[2].uv.y * w2,
                );
                let t = sample(tex, uv);
                let mut src = [0.0f32; 4];
                for (i, s) in src.iter_mut().enumerate() {
                    let c = |vx: &egui::epaint::Vertex| match i {
                        0 => vx.color.r(),
                        1 => vx.color.g(),
                        2 => vx.color.b(),
                        _ => vx.color.a(),
                    } as f32
                        / 255.0;
                    *s = (c(v[0]) * w0 + c(v[1]) * w1 + c(v[2]) * w2) * t[i];
                }
                let idx = y as usize * img.width + x as usize;
                let d = img.pixels[idx];
                let inv = 1.0 - src[3];
                let mix =
                    |s: f32, d: u8| ((s * 255.0 + d as f32 * inv).round().clamp(0.0, 255.0)) as u8;
                img.pixels[idx] = Color32::from_rgba_premultiplied(
                    mix(src[0], d.r()),
                    mix(src[1], d.g()),
                    mix(src[2], d.b()),
                    mix(src[3], d.a()),
                );
            }
        }
    }
}

/// Writes the image as a PNG.
pub fn write_png(path: &Path, img: &Rgba) -> Result<(), String> {
    let file = std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut enc = png::Encoder::new(
        std::io::BufWriter::new(file),
        img.width as u32,
        img.height as u32,
    );
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Eight);
    let mut writer = enc.write_header().map_err(|e| e.to_string())?;
    let mut bytes = Vec::with_capacity(img.pixels.len() * 4);
    for c in &img.pixels {
        // Back from premultiplied alpha; the background is opaque, so alpha is 255.
        let [r, g, b, a] = c.to_srgba_unmultiplied();
        bytes.extend_from_slice(&[r, g, b, a]);
    }
    writer.write_image_data(&bytes).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())
}
