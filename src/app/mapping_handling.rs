//! The mapping window's commands: open it on a file (its preview read in the background), keep
//! a mapping and import with it, save it as a file for the command line.

use super::command::Command;
use super::state::MappingSession;
use super::{tasks, JunhengApp};
use std::path::PathBuf;

impl JunhengApp {
    pub(super) fn handle_mapping(&mut self, command: Command) {
        let tr = self.state.tr();
        match command {
            Command::ShowMapping(None) => self.state.mapping = None,
            Command::ShowMapping(Some(path)) => {
                tasks::preview(&self.tx, path.clone(), self.state.settings.mappings.clone());
                self.state.mapping = Some(MappingSession {
                    path,
                    preview: None,
                    written: None,
                });
            }
            Command::ApplyMapping(mapping) => {
                let Some(session) = self.state.mapping.take() else {
                    return;
                };
                // One mapping per header: a new one replaces the old.
                let mappings = &mut self.state.settings.mappings;
                mappings.retain(|m| m.header != mapping.header);
                mappings.push(mapping);
                self.state.status = Some(format!(
                    "{}{}",
                    tr.s(
                        "已保存列对应关系，正在按它导入：",
                        "Mapping kept; importing with it: "
                    ),
                    session.path.display()
                ));
                self.state.problems = None;
                self.tx.send(Command::Open(session.path));
            }
            Command::WriteMapping(path, mapping) => {
                let path = if path.extension().is_none() {
                    path.with_extension("json")
                } else {
                    path
                };
                let result = std::fs::write(&path, mapping.to_json())
                    .map(|()| path.clone())
                    .map_err(|e| format!("{}: {e}", path.display()));
                if let Some(session) = &mut self.state.mapping {
                    session.written = Some(result);
                }
            }
            _ => {}
        }
    }

    /// A preview read for the mapping window (ignored when the window was closed or moved on
    /// to another file meanwhile).
    pub(super) fn previewed(
        &mut self,
        path: PathBuf,
        result: Result<crate::io::import::preview::Preview, String>,
    ) {
        if let Some(session) = &mut self.state.mapping {
            if session.path == path {
                session.preview = Some(result);
            }
        }
    }
}
