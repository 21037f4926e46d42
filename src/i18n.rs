//! Interface language. Every user-facing string is written at its call site in both languages,
//! `tr.s("打开…", "Open…")`, so neither can be missing.

use serde::{Deserialize, Serialize};

/// The interface language; Chinese by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// A translator for one frame.
#[derive(Debug, Clone, Copy)]
pub struct Tr(pub Lang);

impl Tr {
    /// Picks the string for the current language.
    pub fn s<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self.0 {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// Whether the language is Chinese.
    pub fn zh(self) -> bool {
        self.0 == Lang::Zh
    }
}
