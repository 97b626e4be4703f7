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
