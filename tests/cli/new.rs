//! `courtreport new`: a skeleton that parses and fails only for content still to write.

use crate::harness::*;

#[test]
fn skeleton_parses_for_each_kind_and_names_the_kind() {
    for kind in ["section7", "child-impact"] {
        let out = run(&["new", "--kind", kind]);
        out.exits(0);
        let text = out.stdout();
        assert!(text.contains(&format!("kind = \"{kind}\"")), "{text}");
        let dir = temp_with(&[("case.toml", &text)]);
        let check = run_in(dir.path(), &["check", "case.toml"]);
        // It loads (no syntax or schema error); what fails is content still to be written.
        assert!(
            !check.stderr().contains("error[syntax]"),
            "{}",
            check.stderr()
        );
        assert!(
            !check.stderr().contains("error[schema]"),
            "{}",
            check.stderr()
        );
    }
}

#[test]
fn an_unfilled_skeleton_renders_with_every_gap_marked() {
    let skeleton = run(&["new"]).stdout();
    let dir = temp_with(&[("case.toml", &skeleton)]);
    run_in(dir.path(), &["render", "case.toml"])
        .exits(1)
        .stderr_has("refusing to render case.toml")
        .stderr_has("--allow-incomplete");
    assert!(!dir.path().join("case.md").exists());
    let out = run_in(
        dir.path(),
        &["render", "case.toml", "--allow-incomplete", "-o", "-"],
    );
    out.exits(0);
    let md = out.stdout();
    for gap in [
        "\\[MISSING: the name of child1\\]",
        "\\[MISSING: welfare checklist (g) for \\[MISSING: the name of child1\\]\\]",
        "## Outstanding before filing",
    ] {
        assert!(md.contains(gap), "{gap} not in\n{md}");
    }
    // The PDF of an incomplete draft is still a valid, accessible PDF.
    run_in(
        dir.path(),
        &["render", "case.toml", "--allow-incomplete", "--to", "pdf"],
    )
    .exits(0);
    let pdf = std::fs::read(dir.path().join("case.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
}
