//! The harness and the queries the window's tests share (egui_kittest).

use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use junheng::app::{fonts, JunhengApp, Settings};
use std::path::PathBuf;
use std::time::Duration;

#[allow(dead_code)]
pub fn harness_with(settings: Settings, file: Option<PathBuf>) -> Harness<'static, JunhengApp> {
    harness_sized([1400.0, 900.0], settings, file)
}

/// A window of this size (1280×800, 1920×1080).
#[allow(dead_code)]
pub fn harness_sized(
    size: [f32; 2],
    settings: Settings,
    file: Option<PathBuf>,
) -> Harness<'static, JunhengApp> {
    let mut h = Harness::builder()
        .with_size(size)
        .with_context_setup(fonts::install)
        .build_eframe(move |cc| JunhengApp::with_settings(&cc.egui_ctx, settings, file));
    h.run_steps(2);
    h
}

#[allow(dead_code)]
pub fn harness() -> Harness<'static, JunhengApp> {
    harness_with(Settings::default(), None)
}

/// Steps the app until a background import has finished.
#[allow(dead_code)]
pub fn wait_for_import(h: &mut Harness<'static, JunhengApp>) {
    for _ in 0..500 {
        h.step();
        if !h.state().is_loading() {
            h.run_steps(3);
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the import did not finish");
}

/// Steps the app until background work (a save, an export) has reported back and `done` holds.
#[allow(dead_code)]
pub fn run_until(
    h: &mut Harness<'static, JunhengApp>,
    what: &str,
    done: impl Fn(&JunhengApp) -> bool,
) {
    for _ in 0..6000 {
        h.step();
        if done(h.state()) {
            h.run_steps(2);
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("{what} did not finish; status {:?}", h.state().status);
}

/// Whether the status bar's message contains this text.
#[allow(dead_code)]
pub fn status_has(app: &JunhengApp, text: &str) -> bool {
    app.status.as_deref().is_some_and(|s| s.contains(text))
}

/// Clicks the first node with this label (tabs come before the panels' own labels).
#[allow(dead_code)]
pub fn click(h: &mut Harness<'static, JunhengApp>, label: &str) {
    // Scrolled into view first, as a user would: a node below the fold takes no click.
    h.get_all_by_label(label)
        .next()
        .expect("a node with the label")
        .scroll_to_me();
    h.run_steps(3);
    h.get_all_by_label(label)
        .next()
        .expect("a node with the label")
        .click();
    h.run_steps(2);
}

#[allow(dead_code)]
pub fn has_label(h: &Harness<'static, JunhengApp>, label: &str) -> bool {
    h.query_by_label(label).is_some()
}

#[allow(dead_code)]
pub fn cli_json(args: &[&str]) -> serde_json::Value {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_junheng"))
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).expect("JSON")
}

#[allow(dead_code)]
pub fn png_size_and_pixels(path: &std::path::Path) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(path).expect("png"),
    ));
    let mut reader = decoder.read_info().expect("png header");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("png frame");
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}
