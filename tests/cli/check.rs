//! `courtreport check`: findings like a compiler's, JSON for scripts, exit codes.

use crate::harness::*;

#[test]
fn every_sample_passes_with_no_error() {
    let samples = samples();
    assert!(
        samples.len() >= 7,
        "expected at least seven samples, found {samples:?}"
    );
    for sample in samples {
        let out = run(&["check", sample.to_str().unwrap()]);
        assert!(
            !out.stderr().contains(": error["),
            "{} has errors:\n{}",
            sample.display(),
            out.stderr()
        );
        out.exits(0);
    }
}

#[test]
fn broken_toml_gives_line_and_column() {
    let dir = temp_with(&[(
        "case.toml",
        "[report]\nkind = \"section7\"\ncourt = \"Family Court\n",
    )]);
    run_in(dir.path(), &["check", "case.toml"])
        .exits(1)
        .stderr_has("case.toml:3:22: error[syntax]: invalid basic string, expected `\"`")
        .stderr_has("hint: close the text with a quote on the same line");
}

#[test]
fn unknown_key_gets_a_suggestion() {
    let dir = temp_with(&[(
        "case.toml",
        "[report]\nkind = \"section7\"\ncourt = \"Family Court at Exampleton\"\ncase_numbr = \"EX26P00001\"\n",
    )]);
    run_in(dir.path(), &["check", "case.toml"])
        .exits(1)
        .stderr_has("case.toml:4:1: error[schema]: unknown field `case_numbr`")
        .stderr_has("hint: did you mean `case_number`?");
}

#[test]
fn unknown_enum_value_gets_a_suggestion() {
    let dir = temp_with(&[("case.toml", "[report]\nkind = \"section-7\"\n")]);
    run_in(dir.path(), &["check", "case.toml"])
        .exits(1)
        .stderr_has("case.toml:2:8: error[schema]: unknown variant `section-7`")
        .stderr_has("hint: did you mean `section7`?");
}

#[test]
fn quoted_date_is_explained() {
    let dir = temp_with(&[(
        "case.toml",
        "[report]\nkind = \"section7\"\nhearing_date = \"2027-01-18\"\n",
    )]);
    run_in(dir.path(), &["check", "case.toml"])
        .exits(1)
        .stderr_has(
            "case.toml:3:16: error[schema]: expected a date, found the string \"2027-01-18\"",
        );
}

#[test]
fn missing_file_is_an_io_failure_exit_2() {
    run(&["check", "no/such/case.toml"])
        .exits(2)
        .stderr_has("no/such/case.toml: cannot read the file: no such file");
}

#[test]
fn json_output_lists_findings_with_places() {
    let dir = temp_with(&[("case.toml", "[report]\nkind = \"section-7\"\n")]);
    let out = run_in(dir.path(), &["check", "case.toml", "--format", "json"]);
    out.exits(1);
    let json: serde_json::Value = serde_json::from_str(&out.stdout()).expect("valid JSON");
    let finding = &json["files"][0]["findings"][0];
    assert_eq!(finding["code"], "schema");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["location"]["line"], 2);
    assert_eq!(finding["path"], "report.kind");
}

#[test]
fn explain_describes_a_rule_and_refuses_an_unknown_code() {
    run(&["explain", "e003"])
        .exits(0)
        .stdout_has("E003 (error): Every child has an analysis for each of the seven welfare checklist items")
        .stdout_has("fix: ");
    run(&["explain", "X1"])
        .exits(2)
        .stderr_has("no rule has the code \"X1\"");
}
