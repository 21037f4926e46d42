//! junheng (均衡): evaluate a county's compulsory-education resource allocation against the national
//! high-quality balance standard (义务教育优质均衡发展), and plan what it takes to pass.
//!
//! Data flows one way: file → [`io`] → [`model::Dataset`] → [`evaluate::evaluate`] →
//! [`evaluate::Evaluation`] → views and exports. `model`, `standard` and `evaluate` do no I/O.

pub mod app;
pub mod cli;
pub mod evaluate;
pub mod io;
pub mod model;
pub mod plan;
pub mod project;
pub mod readiness;
pub mod sample;
pub mod scenario;
pub mod standard;
pub mod store;

pub use evaluate::{evaluate, Evaluation};
pub use model::{Dataset, Field, Level, School, SchoolKind};
pub use standard::Standard;
