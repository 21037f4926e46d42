//! Undo and redo over edits: the state before each edit, with the edit's label, capped.

use super::{Edit, EditError, UndoLabel, Workspace};
use crate::i18n::Tr;

/// How many steps undo keeps.
const HISTORY_MAX: usize = 200;

/// The undo and redo stacks.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<(Workspace, UndoLabel)>,
    redo: Vec<(Workspace, UndoLabel)>,
}

impl History {
    /// Applies an edit and records it for undo; on failure nothing changes and nothing is
    /// recorded.
    pub fn apply(
        &mut self,
        ws: &mut Workspace,
        edit: Edit,
        tr: Tr,
    ) -> Result<UndoLabel, EditError> {
        let before = ws.clone();
        match ws.apply(edit, tr) {
            Ok(label) => {
                self.undo.push((before, label.clone()));
                if self.undo.len() > HISTORY_MAX {
                    self.undo.remove(0);
                }
                self.redo.clear();
                Ok(label)
            }
            Err(e) => {
                *ws = before;
                Err(e)
            }
        }
    }

    /// Steps back; returns the label of the edit undone.
    pub fn undo(&mut self, ws: &mut Workspace) -> Option<UndoLabel> {
        let (prev, label) = self.undo.pop()?;
        let current = std::mem::replace(ws, prev);
        self.redo.push((current, label.clone()));
        Some(label)
    }

    /// Steps forward again; returns the label of the edit redone.
    pub fn redo(&mut self, ws: &mut Workspace) -> Option<UndoLabel> {
        let (next, label) = self.redo.pop()?;
        let current = std::mem::replace(ws, next);
        self.undo.push((current, label.clone()));
        Some(label)
    }

    /// The label of the step undo would revert.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|(_, l)| l.as_str())
    }

    /// The label of the step redo would repeat.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|(_, l)| l.as_str())
    }

    /// Forgets every step (a project freshly opened: undo does not cross into the file).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}
