//! courtreport: a structured case record, checked and rendered to a court-ready draft
//! of a welfare report (Section 7 or child impact report) in Markdown and PDF.
//!
//! Data flows one way: [`record`] (load with spans) → [`check`] (findings) →
//! [`render`] (Markdown, then Typst, then PDF) → [`batch`]. The library never prints
//! and never exits; the binary in `main.rs` is one user of it, the tests another.

pub mod batch;
pub mod check;
pub mod finding;
pub mod generate;
pub mod output;
pub mod record;
pub mod render;
pub mod schema;
