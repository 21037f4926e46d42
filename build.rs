//! Checks every standard in `assets/standards/` at build time and stamps the version.
//!
//! It includes the library's own field list and standard schema, so a file that builds is a file
//! the app accepts.

#[allow(dead_code)]
#[path = "src/model/fields.rs"]
mod fields;
#[allow(dead_code)]
#[path = "src/standard/schema.rs"]
mod schema;

use fields::{Field, Scope};
use std::path::Path;

fn main() {
    let dir = Path::new("assets/standards");
    println!("cargo:rerun-if-changed=assets/standards");
    println!("cargo:rerun-if-changed=src/model/fields.rs");
    println!("cargo:rerun-if-changed=src/standard/schema.rs");
    let mut entries: Vec<_> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok()).map(|e| e.path()).collect(),
        Err(e) => panic!("cannot read {}: {e}", dir.display()),
    };
    entries.sort();
    let mut failures = Vec::new();
    let mut ids = Vec::new();
    for path in entries
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
    {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                failures.push(format!("{}: cannot read: {e}", path.display()));
                continue;
            }
        };
        match serde_json::from_str::<schema::StandardDef>(&text) {
            Err(e) => failures.push(format!("{}: not a valid standard: {e}", path.display())),
            Ok(def) => {
                for p in def.problems() {
                    failures.push(format!("{}: {p}", path.display()));
                }
                let stem = path
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or_default();
                if def.id != stem {
                    failures.push(format!(
                        "{}: id \"{}\" must equal the file name \"{stem}\"",
                        path.display(),
                        def.id
                    ));
                }
                ids.push(def.id);
            }
        }
    }
    if ids.is_empty() {
        failures.push("assets/standards/ holds no standard".to_string());
    }
    if !failures.is_empty() {
        for f in &failures {
            println!("cargo:warning={f}");
        }
        panic!(
            "invalid standard file(s) in assets/standards/:\n  {}",
            failures.join("\n  ")
        );
    }
    let _ = (Field::ALL, Scope::School);
}
