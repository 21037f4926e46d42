//! CPU time of one frame of the app with a generated county of about 5,000 sections: the
//! indicator view and the pass/fail matrix (egui layout plus tessellation, no GPU).
//!
//! Run: `cargo bench --bench ui`

use criterion::{criterion_group, criterion_main, Criterion};
use egui_kittest::Harness;
use junheng::app::{fonts, Command, JunhengApp, Panel, Settings};
use junheng::cli::generate_county;
use std::time::Duration;

fn app_with_county(dir: &std::path::Path, panel: Panel) -> Harness<'static, JunhengApp> {
    let path = dir.join("county-5000.csv");
    if !path.exists() {
        if let Err(e) = std::fs::write(&path, generate_county(4_600, 7)) {
            panic!("cannot write the generated county: {e}");
        }
    }
    let settings = Settings {
        panel,
        ..Settings::default()
    };
    let mut h = Harness::builder()
        .with_size([1920.0, 1080.0])
        .with_context_setup(fonts::install)
        .build_eframe(move |cc| JunhengApp::with_settings(&cc.egui_ctx, settings, Some(path)));
    for _ in 0..2000 {
        h.step();
        if !h.state().is_loading() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    h.state_mut().command(Command::SetPanel(panel));
    h.run_steps(3);
    h
}

fn frames(c: &mut Criterion) {
    let dir = std::env::temp_dir().join("junheng-bench");
    let _ = std::fs::create_dir_all(&dir);
    let mut group = c.benchmark_group("frame_5000_sections");
    for (name, panel) in [
        ("indicator_view", Panel::Indicator),
        ("matrix", Panel::Matrix),
        ("data_table", Panel::Table),
        ("overview", Panel::Overview),
    ] {
        let mut h = app_with_county(&dir, panel);
        let sections = h.state().derived.baseline.units.len();
        assert!(sections > 4_500, "generated county has {sections} sections");
        group.bench_function(name, |b| {
            b.iter(|| {
                h.step();
                let out = h.output();
                let ppp = out.pixels_per_point;
                let shapes = out.shapes.clone();
                std::hint::black_box(h.ctx.tessellate(shapes, ppp).len())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, frames);
criterion_main!(benches);
