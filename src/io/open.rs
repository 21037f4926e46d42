//! Opening what a planner has: a data file, a `.junheng` project with its standard, scenarios,
//! costs and county items, or the embedded sample; and finding a scenario by name or file. The
//! one way in for both the command line and the window.

use super::{load_path, ImportError, ImportOptions, Imported};
use crate::i18n::Tr;
use crate::readiness::CountyEntry;
use crate::scenario::{CostTable, Scenario};
use crate::standard::Standard;
use std::path::{Path, PathBuf};

/// What a project adds to its data.
#[derive(Debug, Clone)]
pub struct ProjectParts {
    pub scenarios: Vec<Scenario>,
    pub costs: CostTable,
    pub county: Vec<CountyEntry>,
    pub corrections: Vec<crate::model::correction::Correction>,
    pub meeting: crate::project::Meeting,
    pub timeline: Option<crate::timeline::Spec>,
    pub intake: crate::timeline::Intake,
    pub history: Vec<crate::project::PastYear>,
    pub ledger: Option<crate::ledger::Ledger>,
    pub imported_at: String,
    /// The app's saved view (JSON).
    pub view: String,
    /// The project's own standard, or the built-in one it names.
    pub standard: Standard,
}

/// Opened data: what was imported, from where, and the project around it when it was one.
#[derive(Debug, Clone)]
pub struct Opened {
    pub imported: Imported,
    /// The file on disk; `None` for the embedded sample.
    pub path: Option<PathBuf>,
    pub project: Option<ProjectParts>,
}

/// Why a file could not be opened.
#[derive(Debug)]
pub enum OpenError {
    /// The data file's located problems.
    Import(ImportError),
    /// The project file could not be read, or its standard cannot be used.
    Project(String),
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpenError::Import(e) => write!(f, "{e}"),
            OpenError::Project(m) => f.write_str(m),
        }
    }
}

/// Whether a path names a project file (`.junheng`).
pub fn is_project(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("junheng"))
}

/// Opens one data file or project (as [`open_path`]), or several data files or a folder read
/// together as one county (schools merged by id).
pub fn open_paths(
    paths: &[PathBuf],
    standard: &Standard,
    options: &ImportOptions,
    tr: Tr,
) -> Result<Opened, OpenError> {
    match paths {
        [one] if !one.is_dir() => open_path(one, standard, options, tr),
        _ => {
            if paths.iter().any(|p| is_project(p)) {
                return Err(OpenError::Project(
                    "项目文件只能单独打开 / a project file opens alone".into(),
                ));
            }
            super::load_many(paths, standard, options)
                .map(|imported| Opened {
                    imported,
                    path: paths.first().cloned(),
                    project: None,
                })
                .map_err(OpenError::Import)
        }
    }
}

/// Opens a data file (read against `standard`) or a project (with its own standard).
pub fn open_path(
    path: &Path,
    standard: &Standard,
    options: &ImportOptions,
    tr: Tr,
) -> Result<Opened, OpenError> {
    if !is_project(path) {
        return load_path(path, standard, options)
            .map(|imported| Opened {
                imported,
                path: Some(path.to_path_buf()),
                project: None,
            })
            .map_err(OpenError::Import);
    }
    let project = crate::store::open(path).map_err(|e| OpenError::Project(e.to_string()))?;
    let standard = project.standard().map_err(|e| {
        OpenError::Project(format!(
            "项目中的标准无法使用 / the project's standard cannot be used: {e}"
        ))
    })?;
    Ok(Opened {
        imported: Imported {
            dataset: project.dataset,
            notes: Vec::new(),
            format: tr.s("均衡项目", "junheng project").to_string(),
            rows: Vec::new(),
        },
        path: Some(path.to_path_buf()),
        project: Some(ProjectParts {
            scenarios: project.scenarios,
            costs: project.costs,
            county: project.county,
            corrections: project.corrections,
            meeting: project.meeting,
            timeline: project.timeline,
            intake: project.intake,
            history: project.history,
            ledger: project.ledger,
            imported_at: project.imported_at,
            view: project.view,
            standard,
        }),
    })
}

/// The embedded sample county.
pub fn open_sample(standard: &Standard) -> Result<Opened, OpenError> {
    crate::sample::load(standard)
        .map(|imported| Opened {
            imported,
            path: None,
            project: None,
        })
        .map_err(OpenError::Import)
}

/// A scenario by name among a project's scenarios, else read from a scenario JSON file.
pub fn find_scenario(name: &str, in_project: &[Scenario]) -> Result<Scenario, String> {
    if let Some(s) = in_project.iter().find(|s| s.name == name) {
        return Ok(s.clone());
    }
    let text = std::fs::read_to_string(name).map_err(|e| {
        if in_project.is_empty() {
            format!("无法读取方案文件 / cannot read the scenario file {name}: {e}")
        } else {
            let names: Vec<&str> = in_project.iter().map(|s| s.name.as_str()).collect();
            format!(
                "项目中没有名为“{name}”的方案（有：{}）/ no scenario named \"{name}\" in the project",
                names.join("、")
            )
        }
    })?;
    let mut scenario = Scenario::from_json(&text)
        .map_err(|e| format!("方案文件格式有误 / the scenario file is invalid: {name}: {e}"))?;
    if scenario.name.trim().is_empty() {
        // DATA-FORMAT.md §2: a scenario file without a name takes its file name.
        scenario.name = Path::new(name)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
    }
    Ok(scenario)
}
