//! Helpers shared by the integration tests.

pub mod phased;
pub mod ui;

/// The text of a PDF by poppler's pdftotext, which CI installs. Where it is missing: `.ci/run`
/// sets `CI`, and there the test fails; on a developer's machine it says so and returns `None`.
#[allow(dead_code)]
pub fn pdf_text(path: &std::path::Path) -> Option<String> {
    match std::process::Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
    {
        Ok(o) => Some(String::from_utf8(o.stdout).expect("pdftotext writes UTF-8")),
        Err(_) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must have pdftotext (poppler-utils)"
            );
            eprintln!("pdftotext not installed: the PDF's text not checked here");
            None
        }
    }
}

/// `tests/data/three-counties.csv` loaded under the national standard: three interleaved
/// counties, one with no junior school, one with teaching points.
#[allow(dead_code)]
pub fn three_counties() -> junheng::model::Dataset {
    let bytes = std::fs::read("tests/data/three-counties.csv").expect("the file");
    junheng::io::load_bytes(
        &bytes,
        "three-counties.csv",
        &junheng::Standard::national_2017(),
        &junheng::io::ImportOptions::default(),
    )
    .expect("loads")
    .dataset
}
