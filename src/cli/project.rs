//! `junheng project`: a project file (.junheng) from a data file (or the sample) and scenario files.

use crate::io::{load_path, ImportOptions};
use crate::sample;
use crate::scenario::Scenario;
use crate::standard::Standard;
use std::path::PathBuf;
use std::process::ExitCode;

pub(super) fn make_project(
    file: Option<PathBuf>,
    scenarios: &[PathBuf],
    out: &std::path::Path,
    read: &ImportOptions,
) -> ExitCode {
    let standard = Standard::national_2017();
    let imported = match &file {
        Some(f) => load_path(f, &standard, read),
        None => sample::load(&standard),
    };
    let imported = match imported {
        Ok(i) => i,
        Err(e) => {
            eprint!("{e}");
            return ExitCode::from(2);
        }
    };
    let mut project = crate::project::Project::new(imported.dataset, crate::project::now_rfc3339());
    for path in scenarios {
        let sc = std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|t| Scenario::from_json(&t).map_err(|e| e.to_string()))
            .and_then(|sc| {
                crate::scenario::apply(&project.dataset, &sc)
                    .map(|_| sc)
                    .map_err(|e| e.message(true))
            });
        match sc {
            Ok(sc) => project.scenarios.push(sc),
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                return ExitCode::from(2);
            }
        }
    }
    if !project.scenarios.is_empty() {
        // The app opens the project showing its first scenario.
        project.view = r#"{"active": 0}"#.to_string();
    }
    match crate::store::save(out, &project) {
        Ok(()) => {
            eprintln!("已写入项目 / project written: {}", out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
