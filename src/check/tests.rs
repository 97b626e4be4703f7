use std::path::Path;

use super::*;
use crate::record::parse;

const BASE: &str = include_str!("../../tests/fixtures/complete.toml");

fn base() -> CaseFile {
    match parse(Path::new("complete.toml"), BASE.to_string()) {
        Ok(f) => f,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn complete_record_has_no_findings() {
    let f = base();
    let findings = check(&f);
    let shown: Vec<String> = findings.iter().map(|x| x.render_human(&f.path)).collect();
    assert!(findings.is_empty(), "{}", shown.join("\n"));
}
