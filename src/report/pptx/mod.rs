//! The editable PowerPoint deck: the slides of [`super::deck`] written as Office Open XML
//! (PresentationML), with native charts — each carrying its data as an embedded workbook, so
//! PowerPoint's and WPS's 编辑数据 opens it — and native tables. 16:9, light, no app controls.
//!
//! Written by hand on the `zip` crate rather than through a PowerPoint crate: the Rust ones
//! (ppt-rs 0.2, pptx 0.1) are young, and the parts below are the small, fixed subset of
//! ECMA-376 a deck needs (checked by python-pptx in CI and rendered by LibreOffice).

mod chart;
mod line;
mod parts;
mod slide;

use super::deck::{self, DeckSlide};
use super::ReportInput;
use std::io::Write;
use std::path::Path;

/// Why a deck was not written.
#[derive(Debug, thiserror::Error)]
pub enum PptxError {
    #[error("{0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Workbook(#[from] rust_xlsxwriter::XlsxError),
}

/// Slide width and height in EMU (13.333 × 7.5 in, 16:9).
pub const SLIDE_W: i64 = 12_192_000;
pub const SLIDE_H: i64 = 6_858_000;
/// EMU in a point.
pub const PT: i64 = 12_700;

/// Text for XML: escaped, and without the characters XML 1.0 cannot hold (a control character
/// in a school's name is dropped, never a broken file).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The colour of a tone on the light (投影) deck, as RRGGBB.
pub fn color(t: deck::Tone) -> &'static str {
    match t {
        deck::Tone::Plain => "1E1E1E",
        deck::Tone::Met => "2EA043",
        deck::Tone::Below => "D73A49",
        deck::Tone::Floor => "E6A014",
        deck::Tone::Grey => "969696",
        deck::Tone::Reference => "286EDC",
    }
}

/// The deck as the bytes of a .pptx file.
pub fn render(input: &ReportInput<'_>) -> Result<Vec<u8>, PptxError> {
    let slides = deck::build(input);
    package(&slides, &input.county_name(), &input.made_at)
}

/// Writes the deck to `path`.
pub fn write(path: &Path, input: &ReportInput<'_>) -> Result<(), PptxError> {
    let bytes = render(input)?;
    std::fs::write(path, bytes)?;
    Ok(())
}

/// Packs slides into a .pptx.
pub fn package(slides: &[DeckSlide], title: &str, made_at: &str) -> Result<Vec<u8>, PptxError> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let put = |zip: &mut zip::ZipWriter<_>, name: &str, bytes: &[u8]| {
        zip.start_file(name, options)?;
        zip.write_all(bytes)?;
        Ok::<(), PptxError>(())
    };
    // Each slide's XML and its charts (numbered across the deck).
    let mut charts_total = 0;
    let mut rendered = Vec::new();
    for s in slides {
        let (xml, charts) = slide::slide_xml(s, charts_total);
        charts_total += charts.len();
        rendered.push((xml, charts));
    }
    put(
        &mut zip,
        "[Content_Types].xml",
        parts::content_types(slides.len(), charts_total).as_bytes(),
    )?;
    put(&mut zip, "_rels/.rels", parts::ROOT_RELS.as_bytes())?;
    put(
        &mut zip,
        "docProps/core.xml",
        parts::core(title, made_at).as_bytes(),
    )?;
    put(
        &mut zip,
        "docProps/app.xml",
        parts::app(slides.len()).as_bytes(),
    )?;
    put(
        &mut zip,
        "ppt/presentation.xml",
        parts::presentation(slides.len()).as_bytes(),
    )?;
    put(
        &mut zip,
        "ppt/_rels/presentation.xml.rels",
        parts::presentation_rels(slides.len()).as_bytes(),
    )?;
    put(&mut zip, "ppt/presProps.xml", parts::PRES_PROPS.as_bytes())?;
    put(&mut zip, "ppt/viewProps.xml", parts::VIEW_PROPS.as_bytes())?;
    put(
        &mut zip,
        "ppt/tableStyles.xml",
        parts::TABLE_STYLES.as_bytes(),
    )?;
    put(&mut zip, "ppt/theme/theme1.xml", parts::THEME.as_bytes())?;
    put(
        &mut zip,
        "ppt/slideMasters/slideMaster1.xml",
        parts::MASTER.as_bytes(),
    )?;
    put(
        &mut zip,
        "ppt/slideMasters/_rels/slideMaster1.xml.rels",
        parts::MASTER_RELS.as_bytes(),
    )?;
    put(
        &mut zip,
        "ppt/slideLayouts/slideLayout1.xml",
        parts::LAYOUT.as_bytes(),
    )?;
    put(
        &mut zip,
        "ppt/slideLayouts/_rels/slideLayout1.xml.rels",
        parts::LAYOUT_RELS.as_bytes(),
    )?;
    for (i, (xml, charts)) in rendered.iter().enumerate() {
        let n = i + 1;
        put(
            &mut zip,
            &format!("ppt/slides/slide{n}.xml"),
            xml.as_bytes(),
        )?;
        let numbers: Vec<usize> = charts.iter().map(|c| c.number).collect();
        put(
            &mut zip,
            &format!("ppt/slides/_rels/slide{n}.xml.rels"),
            parts::slide_rels(&numbers).as_bytes(),
        )?;
        for c in charts {
            let m = c.number;
            let (xml, data) = match &c.chart {
                slide::PlacedChart::Bar(b, p) => (chart::chart_xml(b, p), chart::workbook(b)?),
                slide::PlacedChart::Line(l) => (line::chart_xml(l), line::workbook(l)?),
            };
            put(
                &mut zip,
                &format!("ppt/charts/chart{m}.xml"),
                xml.as_bytes(),
            )?;
            put(
                &mut zip,
                &format!("ppt/charts/_rels/chart{m}.xml.rels"),
                parts::chart_rels(m).as_bytes(),
            )?;
            put(
                &mut zip,
                &format!("ppt/embeddings/Microsoft_Excel_Worksheet{m}.xlsx"),
                &data,
            )?;
        }
    }
    Ok(zip.finish()?.into_inner())
}
