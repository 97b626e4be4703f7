//! Fitting the adviser's editor and shell: the JSON Schema (in sync, and every sample valid
//! against it), shell completions, the man page, examples in every `--help`, colour and
//! quiet output, and the README's generated rule table.

use std::path::Path;

use serde_json::Value;

use crate::harness::{repo, run, samples};
use courtreport::schema::{SCHEMA_PATH, case_schema, case_schema_json, toml_to_json};

/// Set to regenerate `schema/case.schema.json` and the README's rule table instead of
/// failing when they are out of date.
const UPDATE: &str = "UPDATE_SCHEMA";

fn validator() -> jsonschema::Validator {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .should_validate_formats(true)
        .build(&case_schema())
        .expect("the schema compiles")
}

/// A TOML record as JSON, as an editor hands it to the validator.
fn record_json(text: &str) -> Value {
    let value: toml::Value = toml::from_str(text).expect("valid TOML");
    toml_to_json(&value)
}

/// The validation errors for a record, one line each (empty when valid).
fn schema_errors(text: &str) -> Vec<String> {
    let instance = record_json(text);
    validator()
        .iter_errors(&instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

// --- the schema -------------------------------------------------------------------------

#[test]
fn schema_file_is_in_sync_with_the_record_types() {
    let path = repo().join(SCHEMA_PATH);
    let expected = case_schema_json();
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    if actual == expected {
        return;
    }
    if std::env::var_os(UPDATE).is_some() {
        std::fs::write(&path, &expected).expect("write the schema");
        return;
    }
    panic!(
        "{SCHEMA_PATH} is out of date with the record types in src/record/model.rs.\n\
         Regenerate it:\n    cargo run -- schema > {SCHEMA_PATH}\n\
         or run the tests with {UPDATE}=1."
    );
}

#[test]
fn schema_command_prints_the_shipped_schema() {
    let out = run(&["schema"]);
    out.exits(0);
    assert_eq!(out.stdout(), case_schema_json());
    let parsed: Value = serde_json::from_str(&out.stdout()).expect("valid JSON");
    assert_eq!(parsed["$schema"], "http://json-schema.org/draft-07/schema#");
}

#[test]
fn every_sample_is_valid_against_the_schema() {
    let samples = samples();
    assert!(!samples.is_empty(), "no samples found");
    for path in samples {
        let text = std::fs::read_to_string(&path).unwrap();
        let errors = schema_errors(&text);
        assert!(
            errors.is_empty(),
            "{} is not valid against {SCHEMA_PATH}:\n{}",
            path.display(),
            errors.join("\n")
        );
    }
}

#[test]
fn every_sample_points_its_editor_at_the_schema() {
    for path in samples() {
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text.lines().next(),
            Some("#:schema ../schema/case.schema.json"),
            "{}: the first line should be the taplo schema directive",
            path.display()
        );
    }
}

#[test]
fn new_record_is_valid_and_points_at_a_local_schema() {
    for kind in ["section7", "child-impact"] {
        let out = run(&["new", "--kind", kind]);
        out.exits(0);
        let text = out.stdout();
        assert_eq!(text.lines().next(), Some("#:schema ./case.schema.json"));
        assert!(
            text.contains("courtreport schema > case.schema.json"),
            "the skeleton should say how to make the schema file it points at"
        );
        let errors = schema_errors(&text);
        assert!(
            errors.is_empty(),
            "new --kind {kind}:\n{}",
            errors.join("\n")
        );
    }
}

/// The domestic abuse sample with one edit.
fn sample_with(from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(repo().join("samples/domestic-abuse.toml")).unwrap();
    assert!(
        text.contains(from),
        "the sample no longer contains {from:?}"
    );
    text.replacen(from, to, 1)
}

#[test]
fn a_wrong_enum_value_fails_the_schema() {
    let errors = schema_errors(&sample_with("kind = \"section7\"", "kind = \"section8\""));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("/report/kind:"), "{errors:?}");
    assert!(errors[0].contains("section8"), "{errors:?}");
}

#[test]
fn a_wrong_indicator_in_a_list_fails_the_schema() {
    let errors = schema_errors(&sample_with(
        "\"coercive_controlling_behaviour\"",
        "\"coercive_control\"",
    ));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("/ciaf/domestic_abuse/indicators/"),
        "{errors:?}"
    );
}

#[test]
fn a_misspelt_key_fails_the_schema() {
    let errors = schema_errors(&sample_with("hearing_date =", "hearing_dat ="));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("hearing_dat"), "{errors:?}");
}

#[test]
fn a_date_written_as_text_fails_the_schema() {
    let errors = schema_errors(&sample_with(
        "hearing_date = 2027-01-12",
        "hearing_date = \"12 January 2027\"",
    ));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("/report/hearing_date:"), "{errors:?}");
}

#[test]
fn a_missing_required_field_fails_the_schema() {
    let errors = schema_errors(&sample_with("kind = \"section7\"\n", ""));
    assert!(errors.iter().any(|e| e.contains("\"kind\"")), "{errors:?}");
}

#[test]
fn the_schema_agrees_with_the_loader_on_the_samples_edits() {
    // What the schema rejects above, the loader rejects too: the two describe one contract.
    for (from, to) in [
        ("kind = \"section7\"", "kind = \"section8\""),
        ("hearing_date =", "hearing_dat ="),
        (
            "hearing_date = 2027-01-12",
            "hearing_date = \"12 January 2027\"",
        ),
    ] {
        let text = sample_with(from, to);
        assert!(
            courtreport::record::parse(Path::new("x.toml"), text).is_err(),
            "the loader accepted {to:?}"
        );
    }
}

// --- completions, man page, help --------------------------------------------------------

#[test]
fn completions_generate_for_each_shell() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef courtreport"),
        ("fish", "complete -c courtreport"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = run(&["completions", shell]);
        out.exits(0);
        let script = out.stdout();
        assert!(script.contains(marker), "{shell}: lacks {marker:?}");
        for word in ["check", "render", "allow-incomplete", "schema"] {
            assert!(script.contains(word), "{shell}: lacks {word:?}");
        }
    }
}

#[test]
fn completions_offer_folders_for_templates_and_values_for_enums() {
    let zsh = run(&["completions", "zsh"]).stdout();
    assert!(
        zsh.lines()
            .any(|l| l.contains("--templates=") && l.contains("_files -/")),
        "--templates should complete folders"
    );
    let fish = run(&["completions", "fish"]).stdout();
    let to = fish.split(" -l to ").nth(1).expect("fish completes --to");
    let to = &to[..to.find("\ncomplete ").unwrap_or(to.len())];
    for value in ["md", "pdf", "typ"] {
        assert!(
            to.contains(&format!("{value}\\t")),
            "--to should offer {value}: {to}"
        );
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    run(&["completions", "cmd.exe"])
        .exits(2)
        .stderr_has("possible values");
}

#[test]
fn man_page_generates_with_every_command() {
    let out = run(&["man"]);
    out.exits(0);
    let page = out.stdout();
    assert!(page.starts_with(".ie") || page.starts_with(".TH"), "roff");
    assert!(page.contains(".TH courtreport 1"));
    for section in [
        "SYNOPSIS",
        "COMMANDS",
        "EXIT STATUS",
        "ENVIRONMENT",
        "NO_COLOR",
    ] {
        assert!(page.contains(section), "the page lacks {section}");
    }
    for sub in subcommands() {
        assert!(
            page.contains(&format!(".SS \"courtreport {sub}\"")),
            "the page lacks the command {sub}"
        );
    }
}

/// Every command of the binary, from its own help (so commands added later are covered).
fn subcommands() -> Vec<String> {
    let help = run(&["--help"]).stdout();
    let mut in_commands = false;
    let mut subs = Vec::new();
    for line in help.lines() {
        if line.starts_with("Commands:") {
            in_commands = true;
            continue;
        }
        if in_commands {
            if !line.starts_with("  ") {
                break;
            }
            let name = line.split_whitespace().next().unwrap_or_default();
            if name != "help" {
                subs.push(name.to_string());
            }
        }
    }
    assert!(subs.len() >= 6, "commands from --help: {subs:?}");
    subs
}

#[test]
fn every_help_has_an_example_that_runs_this_command() {
    let top = run(&["--help"]);
    top.exits(0).stdout_has("Examples:");
    for sub in subcommands() {
        let out = run(&[&sub, "--help"]);
        out.exits(0);
        let help = out.stdout();
        assert!(
            help.contains("Example:") || help.contains("Examples:"),
            "`courtreport {sub} --help` has no example:\n{help}"
        );
        assert!(
            help.contains(&format!("  courtreport {sub}")),
            "`courtreport {sub} --help` has no example running `courtreport {sub}`:\n{help}"
        );
    }
}

// --- colour, quiet, verbose -------------------------------------------------------------

/// The binary on a record that has warnings and no errors, with `env` and `args`.
fn check_with(env: &[(&str, &str)], args: &[&str]) -> crate::harness::Run {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_courtreport"));
    cmd.current_dir(repo()).env_remove("NO_COLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.args(args);
    crate::harness::Run {
        output: cmd.output().expect("run courtreport"),
    }
}

const ESC: &str = "\u{1b}[";

/// A record that loads and has at least one warning and one error.
fn flawed_record() -> tempfile::TempDir {
    let text = sample_with("date_of_birth = 2018-03-22", "date_of_birth = 2030-03-22");
    // An empty bias reflection: a warning (W028).
    let start = text
        .find("bias_reflection = \"\"\"")
        .expect("a bias reflection");
    let body = start + "bias_reflection = \"\"\"".len();
    let end = body + text[body..].find("\"\"\"").expect("its end") + 3;
    let text = format!("{}bias_reflection = \"\"{}", &text[..start], &text[end..]);
    crate::harness::temp_with(&[("case.toml", &text)])
}

#[test]
fn colour_always_paints_findings_and_never_does_not() {
    let dir = flawed_record();
    let file = dir.path().join("case.toml");
    let file = file.to_str().unwrap();
    let painted = check_with(&[], &["--color", "always", "check", file]);
    assert!(
        painted.stderr().contains(ESC),
        "--color always: no colour:\n{}",
        painted.stderr()
    );
    let plain = check_with(&[], &["--color", "never", "check", file]);
    assert!(!plain.stderr().contains(ESC), "{}", plain.stderr());
    assert!(!plain.stderr().is_empty(), "no findings printed");
    // NO_COLOR wins even over an explicit --color always.
    let asked = check_with(&[("NO_COLOR", "1")], &["--color", "always", "check", file]);
    assert!(!asked.stderr().contains(ESC), "{}", asked.stderr());
}

#[test]
fn no_color_is_respected_even_when_colour_is_otherwise_on() {
    // Not a terminal here, so `auto` would be plain anyway; CLICOLOR_FORCE and
    // FORCE_COLOR are what terminal-emulating CI runners set, and must not win over
    // NO_COLOR.
    let dir = flawed_record();
    let file = dir.path().join("case.toml");
    let out = check_with(
        &[
            ("NO_COLOR", "1"),
            ("CLICOLOR_FORCE", "1"),
            ("FORCE_COLOR", "1"),
            ("TERM", "xterm-256color"),
        ],
        &["check", file.to_str().unwrap()],
    );
    assert!(!out.stdout().contains(ESC) && !out.stderr().contains(ESC));
    assert!(!out.stderr().is_empty(), "no findings printed");
}

#[test]
fn output_to_a_pipe_is_plain_by_default() {
    let dir = flawed_record();
    let file = dir.path().join("case.toml");
    let out = check_with(&[], &["check", file.to_str().unwrap()]);
    assert!(!out.stderr().contains(ESC), "{}", out.stderr());
}

#[test]
fn quiet_drops_warnings_and_keeps_errors() {
    let dir = flawed_record();
    let file = dir.path().join("case.toml");
    let file = file.to_str().unwrap();
    let loud = check_with(&[], &["check", file]);
    assert!(loud.stderr().contains("warning["), "{}", loud.stderr());
    assert!(loud.stderr().contains("error["), "{}", loud.stderr());
    let quiet = check_with(&[], &["--quiet", "check", file]);
    assert!(!quiet.stderr().contains("warning["), "{}", quiet.stderr());
    assert!(quiet.stderr().contains("error["), "{}", quiet.stderr());
    assert_eq!(
        quiet.code(),
        loud.code(),
        "--quiet changes output, not the outcome"
    );
}

#[test]
fn verbose_adds_a_summary_line() {
    let dir = flawed_record();
    let file = dir.path().join("case.toml");
    let out = check_with(&[], &["--verbose", "check", file.to_str().unwrap()]);
    assert!(
        out.stderr().contains("error(s)") && out.stderr().contains("warning(s)"),
        "{}",
        out.stderr()
    );
}

/// Run the binary on a pseudo-terminal (util-linux `script`), so `--color auto` sees a
/// terminal; `None` where that is not available.
fn on_a_terminal(env: &[(&str, &str)], args: &str) -> Option<String> {
    if !cfg!(target_os = "linux") || !Path::new("/usr/bin/script").exists() {
        eprintln!("no util-linux `script`: terminal colour test skipped");
        return None;
    }
    let command = format!("'{}' {args}", env!("CARGO_BIN_EXE_courtreport"));
    let mut cmd = std::process::Command::new("/usr/bin/script");
    cmd.args(["-qec", &command, "/dev/null"])
        .env_remove("NO_COLOR")
        .env("TERM", "xterm-256color");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn on_a_terminal_colour_is_on_unless_no_color_is_set() {
    let dir = flawed_record();
    let file = dir.path().join("case.toml");
    let args = format!("check '{}'", file.display());
    let Some(coloured) = on_a_terminal(&[], &args) else {
        return;
    };
    assert!(coloured.contains("error[E"), "no findings: {coloured}");
    assert!(
        coloured.contains(ESC),
        "a terminal gets colour:\n{coloured}"
    );
    let plain = on_a_terminal(&[("NO_COLOR", "1")], &args).expect("ran once already");
    assert!(plain.contains("error[E"), "no findings: {plain}");
    assert!(!plain.contains(ESC), "NO_COLOR is set:\n{plain}");
}

// --- the README -------------------------------------------------------------------------

const RULES_START: &str = "<!-- rules:start -->";
const RULES_END: &str = "<!-- rules:end -->";

/// The README's rule table, made from the checker's `RULES`.
fn rules_table() -> String {
    use courtreport::check::{Enforcement, RULES};
    use courtreport::finding::Severity;
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let mut out =
        String::from("| Code | Severity | What it checks | How to fix |\n|---|---|---|---|\n");
    for rule in RULES {
        let severity = match rule.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let note = match rule.enforcement {
            Enforcement::Checker => "",
            Enforcement::Loader => " *(Checked when the record is loaded: reported as `schema`.)*",
            Enforcement::Renderer => " *(Checked when a PDF is rendered.)*",
            Enforcement::NotImplemented => " *(Not checked yet: see `courtreport explain`.)*",
        };
        out.push_str(&format!(
            "| {} | {severity} | {}{note} | {} |\n",
            rule.code,
            cell(rule.title),
            cell(rule.fix)
        ));
    }
    out
}

fn readme() -> String {
    std::fs::read_to_string(repo().join("README.md")).expect("README.md")
}

#[test]
fn readme_rule_table_is_in_sync_with_the_checker() {
    let text = readme();
    let start = text
        .find(RULES_START)
        .expect("README lacks <!-- rules:start -->");
    let end = text
        .find(RULES_END)
        .expect("README lacks <!-- rules:end -->");
    let inner = &text[start + RULES_START.len()..end];
    let expected = format!("\n{}", rules_table());
    if inner == expected {
        return;
    }
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!(
            "{}{expected}{}",
            &text[..start + RULES_START.len()],
            &text[end..]
        );
        std::fs::write(repo().join("README.md"), updated).expect("write README.md");
        return;
    }
    panic!(
        "the rule table in README.md is out of date with RULES in src/check/rules.rs.\n\
         Regenerate it: UPDATE_README=1 cargo test --test cli readme"
    );
}

#[test]
fn readme_opens_with_the_two_setup_commands() {
    let text = readme();
    let first_block = text.split("```").nth(1).expect("README has a code block");
    let commands: Vec<&str> = first_block
        .lines()
        .skip(1)
        .map(|l| l.split('#').next().unwrap_or_default().trim())
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(
        commands,
        [
            "cargo run --release -- render samples/domestic-abuse.toml --to pdf",
            "cargo test"
        ]
    );
    // Nothing but the title comes before it.
    let before = &text[..text.find("```").unwrap()];
    assert_eq!(before.trim(), "# courtreport");
    assert!(repo().join("samples/domestic-abuse.toml").exists());
}

#[test]
fn readme_shows_every_command() {
    let text = readme();
    for sub in subcommands() {
        assert!(
            text.contains(&format!("courtreport {sub} ")) || text.contains(&format!("`{sub}`")),
            "README.md does not show `courtreport {sub}`"
        );
    }
}

#[test]
fn readme_json_example_has_the_fields_check_prints() {
    let text = readme();
    let start = text.find("```json\n").expect("a JSON example") + "```json\n".len();
    let end = start + text[start..].find("```").unwrap();
    let example: Value = serde_json::from_str(&text[start..end]).expect("valid JSON");

    let dir = flawed_record();
    let file = dir.path().join("case.toml");
    let out = run(&["check", "--format", "json", file.to_str().unwrap()]);
    let actual: Value = serde_json::from_str(&out.stdout()).expect("JSON output");

    fn keys(v: &Value) -> Vec<String> {
        v.as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default()
    }
    let (ef, af) = (&example["files"][0], &actual["files"][0]);
    assert_eq!(keys(ef), keys(af), "per-file keys");
    assert_eq!(
        keys(&ef["findings"][0]),
        keys(&af["findings"][0]),
        "finding keys"
    );
    assert_eq!(
        keys(&ef["findings"][0]["location"]),
        keys(&af["findings"][0]["location"]),
        "location keys"
    );
}

/// The records under `samples/incomplete/` (there may be none yet).
fn incomplete_samples() -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(repo().join("samples/incomplete")) else {
        return Vec::new();
    };
    let mut v: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    v.sort();
    v
}

#[test]
fn the_schema_agrees_with_the_loader_on_every_incomplete_sample() {
    // Incomplete samples are fixtures of the checker's tests, which pin their first line
    // (the rule broken) and line numbers, so they carry no `#:schema` line. An incomplete
    // record may even not load, on purpose; either way the editor and the tool must agree.
    for path in incomplete_samples() {
        let text = std::fs::read_to_string(&path).unwrap();
        let Ok(value) = toml::from_str::<toml::Value>(&text) else {
            continue;
        };
        let valid = validator().is_valid(&toml_to_json(&value));
        let loads = courtreport::record::parse(&path, text).is_ok();
        assert_eq!(
            valid,
            loads,
            "{}: valid against the schema: {valid}, loads: {loads}",
            path.display()
        );
    }
}
