//! junheng (均衡): evaluate a county's compulsory-education resource allocation against the national
//! high-quality balance standard (义务教育优质均衡发展), and plan what it takes to pass.
//!
//! Data flows one way: file → [`io`] → [`model::Dataset`] → [`scenario::apply`] →
//! [`evaluate::evaluate`] → [`evaluate::Evaluation`] → views and [`report`]. `model`, `standard`,
//! `evaluate`, `scenario` and `plan` do no I/O, print nothing and read no environment; the
//! project's edits are data ([`workspace::Edit`]), applied in one place and undone by
//! [`workspace::History`], without a window.

pub mod app;
pub mod cli;
pub mod evaluate;
pub mod format;
pub mod i18n;
pub mod io;
pub mod ledger;
pub mod model;
pub mod plan;
pub mod project;
pub mod readiness;
pub mod report;
pub mod sample;
pub mod scenario;
pub mod standard;
pub mod store;
pub mod timeline;
pub mod workspace;

pub use evaluate::{evaluate, Evaluation};
pub use model::{Dataset, Field, Level, School, SchoolKind};
pub use standard::Standard;
