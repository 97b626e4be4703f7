//! `courtreport render`: drafts written beside the record, never overwriting silently.

use crate::harness::*;

#[test]
fn every_sample_renders_to_markdown_with_numbered_paragraphs() {
    for sample in samples() {
        let out = run(&["render", sample.to_str().unwrap(), "-o", "-"]);
        out.exits(0);
        let md = out.stdout();
        assert!(md.starts_with("# "), "{}: {md}", sample.display());
        assert!(md.contains("\n1. "), "{}", sample.display());
        assert!(md.contains("**Confidential.**"), "{}", sample.display());
        assert!(
            !md.contains("[MISSING"),
            "{} has gaps:\n{md}",
            sample.display()
        );
    }
}

#[test]
fn existing_output_is_not_overwritten_without_force() {
    let text = std::fs::read_to_string(sample("domestic-abuse.toml")).unwrap();
    let dir = temp_with(&[("case.toml", &text), ("case.md", "precious notes")]);
    run_in(dir.path(), &["render", "case.toml"])
        .exits(2)
        .stderr_has("case.md already exists; pass --force to overwrite it");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("case.md")).unwrap(),
        "precious notes"
    );
    run_in(dir.path(), &["render", "case.toml", "--force"]).exits(0);
    let md = std::fs::read_to_string(dir.path().join("case.md")).unwrap();
    assert!(md.starts_with("# Section 7 Report"), "{md}");
}
