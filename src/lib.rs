//! ibpolicy: an offline validator and linter for EC2 Image Builder resource
//! policies. See README.md and ../shared/design.md for the pipeline.

pub mod arn;
pub mod baseline;
pub mod catalogue;
pub mod checks;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod engine;
pub mod iam;
pub mod imagebuilder;
pub mod json;
pub mod policy;
pub mod report;
pub mod runner;
pub mod source;
pub mod walk;

pub use diagnostic::{Diagnostic, Severity};
pub use engine::{CheckOptions, RuleSet};
