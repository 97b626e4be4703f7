//! Hostile and broken input (issue 4): whatever a record or the file system holds, the
//! answer is a clear message naming the file and the place, and an exit code: 0 done,
//! 1 the record has errors, 2 usage or input/output failure. Never a panic, a hang, or a
//! damaged or half-written file.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::harness::*;

fn complete() -> String {
    std::fs::read_to_string(repo().join("tests/fixtures/complete.toml")).expect("fixture")
}

/// The complete record with `text` at the start of `background.history`.
fn with_history(text: &str) -> String {
    let record = complete();
    let at = "[background]\nhistory = \"\"\"\n";
    assert!(record.contains(at));
    record.replacen(at, &format!("{at}{text}\n\n"), 1)
}

/// No panic message, no Rust backtrace: whatever went wrong was answered.
#[track_caller]
fn no_panic(run: &Run) {
    let err = run.stderr();
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
    assert!(
        matches!(run.code(), 0..=2),
        "exit {} (a signal?)\n{err}",
        run.code()
    );
}

/// The names of the entries of `dir`, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

// ---- the record file ----

#[test]
fn invalid_utf8_names_the_byte_and_its_place() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("case.toml"),
        b"[report]\nkind = \"section7\"\ncourt = \"Caf\xe9 Court\"\n",
    )
    .unwrap();
    run_in(dir.path(), &["check", "case.toml"])
        .exits(1)
        .stderr_has("case.toml:3:13: error[syntax]: the file is not valid UTF-8 (byte 0xE9)")
        .stderr_has("hint: save the file as UTF-8 text");
}

#[test]
fn a_nul_byte_is_named_with_its_place() {
    let dir = temp_with(&[(
        "case.toml",
        "[report]\nkind = \"section7\"\ncourt = \"A\0B\"\n",
    )]);
    run_in(dir.path(), &["check", "case.toml"])
        .exits(1)
        .stderr_has("case.toml:3:11: error[syntax]: the file contains a NUL byte (0x00)");
    run_in(dir.path(), &["render", "case.toml"])
        .exits(1)
        .stderr_has("case.toml:3:11: error[syntax]");
    assert_eq!(entries(dir.path()), ["case.toml"]);
}

#[test]
fn an_empty_file_says_so() {
    for text in ["", "\n\n  \n", "\u{FEFF}"] {
        let dir = temp_with(&[("case.toml", text)]);
        run_in(dir.path(), &["check", "case.toml"])
            .exits(1)
            .stderr_has("case.toml:1:1: error[schema]: the file is empty")
            .stderr_has("`courtreport new > case.toml` writes a skeleton");
    }
}

#[test]
fn a_missing_report_table_is_named() {
    let dir = temp_with(&[("case.toml", "[background]\nhistory = \"x\"\n")]);
    run_in(dir.path(), &["check", "case.toml"])
        .exits(1)
        .stderr_has("case.toml:1:1: error[schema]: missing field `report`")
        .stderr_has("hint: a record starts with a [report] table");
}

#[test]
fn an_array_where_a_table_belongs_and_the_reverse() {
    let dir = temp_with(&[
        ("a.toml", "[[report]]\nkind = \"section7\"\n"),
        ("b.toml", "report = []\n"),
        (
            "c.toml",
            "[report]\nkind = \"section7\"\n\n[children]\nid = \"ella\"\n",
        ),
        (
            "d.toml",
            "[report]\nkind = \"section7\"\n\n[[children]]\nid = \"ella\"\nname = \"Ella\"\n\n[[children.welfare]]\nneeds = \"x\"\n",
        ),
    ]);
    run_in(dir.path(), &["check", "a.toml"])
        .exits(1)
        .stderr_has(
            "a.toml:1:1: error[schema]: `report` must be a table, but it is written as an array",
        )
        .stderr_has("hint: write it as [report] with single brackets");
    run_in(dir.path(), &["check", "b.toml"])
        .exits(1)
        .stderr_has("b.toml:1:10: error[schema]: `report` must be a table");
    run_in(dir.path(), &["check", "c.toml"])
        .exits(1)
        .stderr_has("c.toml:4:1: error[schema]: `children` must be a list, but it is written as a single table")
        .stderr_has("hint: write each entry as [[children]] with double brackets");
    run_in(dir.path(), &["check", "d.toml"])
        .exits(1)
        .stderr_has("d.toml:8:1: error[schema]: `children[0].welfare` must be a table")
        .stderr_has("write it as [children.welfare] with single brackets");
}

#[test]
fn dates_in_the_wrong_form_say_how_to_write_them() {
    let cases = [
        (
            "18/01/2027",
            "3:16",
            "string values must be quoted",
            "`18/01/2027` is not in that form",
        ),
        (
            "18.01.2027",
            "3:21",
            "invalid float",
            "`18.01.2027` is not in that form",
        ),
        (
            "2027-02-30",
            "3:16",
            "invalid date",
            "a day that exists in that month",
        ),
        (
            "2027-1-8",
            "3:16",
            "invalid date",
            "write the date as year-month-day",
        ),
        (
            "\"2027-01-18\"",
            "3:16",
            "expected a date, found the string",
            "write dates without quotes",
        ),
        (
            "2027-01-18T10:00:00",
            "3:16",
            "expected a date without a time",
            "write the date alone",
        ),
    ];
    for (date, place, message, hint) in cases {
        let record = format!("[report]\nkind = \"section7\"\nhearing_date = {date}\n");
        let dir = temp_with(&[("case.toml", &record)]);
        run_in(dir.path(), &["check", "case.toml"])
            .exits(1)
            .stderr_has(&format!("case.toml:{place}: error["))
            .stderr_has(message)
            .stderr_has(hint);
    }
}

#[test]
fn out_of_range_numbers_are_schema_errors_not_overflows() {
    let record = complete();
    for (value, message) in [
        ("-1", "invalid value: integer `-1`, expected u32"),
        (
            "99999999999",
            "invalid value: integer `99999999999`, expected u32",
        ),
        ("4294967295", ""),
        ("1.5", "invalid type: floating point `1.5`, expected u32"),
        (
            "\"twelve\"",
            "invalid type: string \"twelve\", expected u32",
        ),
    ] {
        for text in [
            record.replacen("answers = [1, 2]", &format!("answers = [{value}]"), 1),
            record.replacen(
                "duration_months = 6",
                &format!("duration_months = {value}"),
                1,
            ),
        ] {
            assert_ne!(text, record);
            let dir = temp_with(&[("case.toml", &text)]);
            let out = run_in(dir.path(), &["check", "case.toml"]);
            no_panic(&out);
            out.exits(1).stderr_has(message);
        }
    }
}

#[test]
fn duplicate_ids_are_named_with_both_places() {
    let record = complete().replacen("id = \"sam\"", "id = \"ella\"", 1);
    let line = record
        .lines()
        .position(|l| l == "name = \"Sam Example\"")
        .unwrap();
    let dir = temp_with(&[("case.toml", &record)]);
    run_in(dir.path(), &["check", "case.toml"])
        .exits(1)
        .stderr_has(&format!(
            "case.toml:{line}:1: error[E045]: the id `ella` is used twice: by this child and by `children[0]`"
        ));
}

#[test]
fn a_directory_is_not_a_record() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("case.toml")).unwrap();
    for command in ["check", "render"] {
        run_in(dir.path(), &[command, "case.toml"])
            .exits(2)
            .stderr_has(
                "error: case.toml: cannot read the file: it is a directory, not a case record file",
            );
    }
}

/// Root reads any file whatever its mode, so "unreadable" is a path that cannot be
/// opened at all: one that goes through a regular file.
#[test]
fn an_unreadable_path_is_an_io_failure() {
    let dir = temp_with(&[("notes.txt", "x")]);
    run_in(dir.path(), &["check", "notes.txt/case.toml"])
        .exits(2)
        .stderr_has("error: notes.txt/case.toml: cannot read the file: a part of the path is a file, not a folder")
        .stderr_has("error: 1 of 1 file(s) could not be read");
    run_in(dir.path(), &["render", "notes.txt/case.toml"])
        .exits(2)
        .stderr_has("notes.txt/case.toml: cannot read the file");
}

#[test]
fn one_unreadable_file_among_several_is_exit_2_and_the_rest_are_checked() {
    let dir = temp_with(&[("good.toml", &complete())]);
    run_in(dir.path(), &["check", "good.toml", "missing.toml"])
        .exits(2)
        .stderr_has("missing.toml: cannot read the file: no such file")
        .stderr_has("1 of 2 file(s) could not be read");
}

// ---- size and depth ----

#[test]
fn an_endless_input_is_cut_off_not_read_until_memory_runs_out() {
    let start = Instant::now();
    run(&["check", "/dev/zero"])
        .exits(2)
        .stderr_has("error: /dev/zero: cannot read the file: it is larger than 64 MiB, too large to be a case record");
    assert!(start.elapsed() < Duration::from_secs(30));
}

#[test]
fn a_5_mb_narrative_is_checked_and_rendered_in_seconds() {
    let paragraph = "The child was seen at home and said she enjoys school. ".repeat(40);
    let narrative = format!("{paragraph}\n\n").repeat(5 * 1024 * 1024 / (paragraph.len() + 2));
    let dir = temp_with(&[("case.toml", &with_history(&narrative))]);
    assert!(
        std::fs::metadata(dir.path().join("case.toml"))
            .unwrap()
            .len()
            > 5_000_000
    );
    for args in [
        &["check", "case.toml"][..],
        &["render", "case.toml", "-o", "case.md"],
        &["render", "case.toml", "--to", "typ", "-o", "case.typ"],
    ] {
        let start = Instant::now();
        let out = run_in(dir.path(), args);
        let took = start.elapsed();
        no_panic(&out);
        out.exits(0);
        // Seconds in a debug build on a shared machine; a quadratic step would take hours.
        assert!(took < Duration::from_secs(60), "{args:?} took {took:?}");
        eprintln!("5 MB narrative: {args:?} took {took:?}");
    }
    let md = std::fs::read_to_string(dir.path().join("case.md")).unwrap();
    assert!(md.len() > 5_000_000);
}

/// About 5 s (a 1,600-page PDF).
#[test]
fn a_5_mb_narrative_renders_to_pdf_in_seconds() {
    let paragraph = "The child was seen at home and said she enjoys school. ".repeat(40);
    let narrative = format!("{paragraph}\n\n").repeat(5 * 1024 * 1024 / (paragraph.len() + 2));
    let dir = temp_with(&[("case.toml", &with_history(&narrative))]);
    let start = Instant::now();
    let out = run_in(dir.path(), &["render", "case.toml", "--to", "pdf"]);
    no_panic(&out);
    out.exits(0);
    let took = start.elapsed();
    assert!(took < Duration::from_secs(120), "took {took:?}");
    eprintln!("5 MB narrative to PDF took {took:?}");
}

#[test]
fn fifty_children_are_all_in_the_draft_and_the_pdf() {
    let record = complete();
    let start = record.find("[[children]]\nid = \"sam\"").unwrap();
    let end = record.find("[[enquiries]]").unwrap();
    let sam = &record[start..end];
    let mut text = record[..end].to_string();
    for i in 1..=48 {
        text.push_str(
            &sam.replace("id = \"sam\"", &format!("id = \"child{i}\""))
                .replace(
                    "name = \"Sam Example\"",
                    &format!("name = \"Child{i} Example\""),
                ),
        );
    }
    text.push_str(&record[end..]);
    let dir = temp_with(&[("case.toml", &text)]);
    let check = run_in(dir.path(), &["check", "case.toml"]);
    no_panic(&check);
    let md = run_in(
        dir.path(),
        &["render", "case.toml", "--allow-incomplete", "-o", "-"],
    );
    md.exits(0);
    for i in 1..=48 {
        assert!(
            md.stdout().contains(&format!("Child{i} Example")),
            "child {i}"
        );
    }
    let pdf = run_in(
        dir.path(),
        &["render", "case.toml", "--allow-incomplete", "--to", "pdf"],
    );
    no_panic(&pdf);
    pdf.exits(0).stderr_has("wrote case.pdf");
}

#[test]
fn ten_thousand_nested_quotes_are_refused_when_loaded() {
    let dir = temp_with(&[(
        "case.toml",
        &with_history(&format!("{} deep", ">".repeat(10_000))),
    )]);
    let start = Instant::now();
    run_in(dir.path(), &["render", "case.toml", "--to", "pdf"])
        .exits(1)
        .stderr_has("case.toml:24:11: error[E050]: `background.history` nests quotes or lists 10000 levels deep (on line 1 of the text); at most 32 can be rendered")
        .stderr_has("hint: a quote needs one `>`");
    assert!(start.elapsed() < Duration::from_secs(20));
    run(&["explain", "E050"])
        .exits(0)
        .stdout_has("(checked when the record is loaded)");
}

#[test]
fn nesting_within_the_limit_but_past_typsts_renders_a_pdf() {
    // 30 quotes, lists and emphasis: loads (under 32 levels), and Typst, which gives up
    // at about 12 nested quotes, gets a flattened structure with every word kept.
    let quotes = format!("{} quoted thirty deep", "> ".repeat(30));
    let list: String = (0..30)
        .map(|i| format!("{}- item{i}\n", "  ".repeat(i)))
        .collect();
    let emphasis = format!("{}emphasised{}", "*_".repeat(200), "_*".repeat(200));
    let dir = temp_with(&[(
        "case.toml",
        &with_history(&format!("{quotes}\n\n{list}\n\n{emphasis}")),
    )]);
    let out = run_in(dir.path(), &["render", "case.toml", "--to", "pdf"]);
    no_panic(&out);
    out.exits(0);
    let text = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "case.pdf", "-"])
        .current_dir(dir.path())
        .output()
        .expect("pdftotext (poppler-utils)");
    // Long runs of `*_` get invisible break opportunities (U+200B) and line breaks.
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{200B}')
            .collect()
    };
    let text = squash(&String::from_utf8_lossy(&text.stdout));
    for word in [
        "quoted thirty deep",
        "item0",
        "item15",
        "item29",
        "emphasised",
    ] {
        assert!(
            text.contains(&squash(word)),
            "{word} missing from the PDF:\n{text}"
        );
    }
}

#[test]
fn a_word_longer_than_a_pdf_string_still_renders() {
    let word = "Ŵ".repeat(40_000);
    let dir = temp_with(&[("case.toml", &with_history(&word))]);
    let out = run_in(dir.path(), &["render", "case.toml", "--to", "pdf"]);
    no_panic(&out);
    out.exits(0);
}

// ---- output ----

#[test]
fn a_missing_output_folder_is_named() {
    let dir = temp_with(&[("case.toml", &complete())]);
    run_in(
        dir.path(),
        &["render", "case.toml", "-o", "no/such/folder/case.md"],
    )
    .exits(2)
    .stderr_has("error: output folder no/such/folder does not exist");
    assert_eq!(entries(dir.path()), ["case.toml"]);
}

#[test]
fn an_output_folder_that_is_a_file_is_named() {
    let dir = temp_with(&[("case.toml", &complete()), ("notes.txt", "x")]);
    run_in(
        dir.path(),
        &["render", "case.toml", "-o", "notes.txt/case.md"],
    )
    .exits(2)
    .stderr_has("error: notes.txt is not a folder, cannot write into it");
    assert_eq!(entries(dir.path()), ["case.toml", "notes.txt"]);
}

#[test]
fn a_pipe_or_device_is_never_replaced_even_with_force() {
    let dir = temp_with(&[("case.toml", &complete())]);
    let made = Command::new("mkfifo")
        .arg(dir.path().join("out.md"))
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    run_in(dir.path(), &["render", "case.toml", "-o", "out.md", "--force"])
        .exits(2)
        .stderr_has("error: out.md is not a regular file (a device, pipe or folder), so it is not replaced; give a file name, or `-o -` for standard output");
    use std::os::unix::fs::FileTypeExt;
    let kind = std::fs::symlink_metadata(dir.path().join("out.md"))
        .unwrap()
        .file_type();
    assert!(kind.is_fifo(), "the pipe was replaced");
    assert_eq!(entries(dir.path()), ["case.toml", "out.md"]);
}

/// A tmpfs mounted for one test, unmounted when dropped. Root can write into a folder
/// whatever its mode, so a read-only or full folder is made with a real file system;
/// `None` where mounting is not allowed (not root, no CAP_SYS_ADMIN).
struct Tmpfs(std::path::PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, options: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(dir).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(dir)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(dir.to_path_buf()))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_read_only_output_folder_is_named_and_left_empty() {
    let dir = temp_with(&[("case.toml", &complete())]);
    let Some(ro) = Tmpfs::mount(&dir.path().join("ro"), "ro,size=64k") else {
        eprintln!("skipped: cannot mount a read-only tmpfs here (needs root with CAP_SYS_ADMIN)");
        return;
    };
    run_in(dir.path(), &["render", "case.toml", "-o", "ro/case.md"])
        .exits(2)
        .stderr_has("error: cannot create a file in ro: the file system is read-only");
    assert!(entries(&ro.0).is_empty());
}

#[test]
fn a_full_disk_leaves_no_partial_file_and_no_temp_file() {
    let dir = temp_with(&[("case.toml", &complete())]);
    // 8 KiB: the draft is about 20 KB, so the write fails part way.
    let Some(full) = Tmpfs::mount(&dir.path().join("small"), "size=8k") else {
        eprintln!("skipped: cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN)");
        return;
    };
    std::fs::write(full.0.join("keep.md"), "precious").unwrap();
    for args in [
        &["render", "case.toml", "-o", "small/case.md"][..],
        &["render", "case.toml", "-o", "small/keep.md", "--force"],
        &["render", "case.toml", "--to", "pdf", "-o", "small/case.pdf"],
    ] {
        run_in(dir.path(), args)
            .exits(2)
            .stderr_has("the disk is full (no space left on the device); nothing was written");
        assert_eq!(entries(&full.0), ["keep.md"], "{args:?}");
        assert_eq!(
            std::fs::read_to_string(full.0.join("keep.md")).unwrap(),
            "precious"
        );
    }
}

#[test]
fn a_template_with_a_syntax_error_names_its_file_and_line() {
    let dir = temp_with(&[("case.toml", &complete())]);
    std::fs::create_dir(dir.path().join("tpl")).unwrap();
    std::fs::write(
        dir.path().join("tpl/section7.md.tera"),
        "# {{ title }}\n\n{% if draft %}\nDraft.\n",
    )
    .unwrap();
    run_in(dir.path(), &["render", "case.toml", "--templates", "tpl"])
        .exits(2)
        .stderr_has("error: template tpl/section7.md.tera: ")
        .stderr_has("section7.md:5:1");
    std::fs::write(dir.path().join("tpl/section7.md.tera"), "{{ title }\n").unwrap();
    run_in(dir.path(), &["render", "case.toml", "--templates", "tpl"])
        .exits(2)
        .stderr_has("error: template tpl/section7.md.tera: ")
        .stderr_has("section7.md:1:");
    run_in(
        dir.path(),
        &["render", "case.toml", "--templates", "case.toml"],
    )
    .exits(2)
    .stderr_has("error: template case.toml: not a folder");
    run_in(
        dir.path(),
        &["render", "case.toml", "--templates", "nothing"],
    )
    .exits(2)
    .stderr_has("error: template nothing: no such folder of templates");
    assert_eq!(entries(dir.path()), ["case.toml", "tpl"]);
}

#[test]
fn a_broken_page_template_is_an_error_with_its_line() {
    let dir = temp_with(&[("case.toml", &complete())]);
    std::fs::create_dir(dir.path().join("tpl")).unwrap();
    std::fs::write(
        dir.path().join("tpl/report.typ"),
        "#let report(..args, body) = {\n",
    )
    .unwrap();
    run_in(
        dir.path(),
        &["render", "case.toml", "--templates", "tpl", "--to", "pdf"],
    )
    .exits(2)
    .stderr_has("error: the PDF's Typst source did not compile")
    .stderr_has("--> /main.typ:1:");
    assert_eq!(entries(dir.path()), ["case.toml", "tpl"]);
}

// ---- exit codes ----

#[test]
fn exit_codes_0_done_1_record_errors_2_usage_or_io() {
    let dir = temp_with(&[
        ("good.toml", &complete()),
        ("bad.toml", "[report]\nkind = \"section7\"\n"),
    ]);
    // 0: done; help and version too.
    run_in(dir.path(), &["check", "good.toml"]).exits(0);
    run_in(dir.path(), &["render", "good.toml", "-o", "-"]).exits(0);
    run_in(dir.path(), &["--help"]).exits(0);
    run_in(dir.path(), &["--version"]).exits(0);
    // 1: the record has errors (check, and render refusing).
    run_in(dir.path(), &["check", "bad.toml"]).exits(1);
    run_in(dir.path(), &["render", "bad.toml"])
        .exits(1)
        .stderr_has("refusing to render bad.toml");
    // 2: usage (clap), input, output.
    for args in [
        &[][..],
        &["frobnicate"],
        &["check"],
        &["check", "good.toml", "--format", "xml"],
        &["render", "good.toml", "--to", "docx"],
        &["render", "good.toml", "--no-such-flag"],
        &["check", "--quiet", "--verbose", "good.toml"],
        &["explain"],
    ] {
        let out = run_in(dir.path(), args);
        out.exits(2);
        assert!(
            out.stderr().contains("Usage:") || out.stderr().contains("try '--help'"),
            "{args:?}: {}",
            out.stderr()
        );
    }
    run_in(dir.path(), &["check", "none.toml"]).exits(2);
    run_in(dir.path(), &["render", "good.toml", "-o", "none/x.md"]).exits(2);
}

#[test]
fn a_closed_standard_output_is_not_an_error() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_courtreport"))
        .args(["render", "tests/fixtures/complete.toml", "-o", "-"])
        .current_dir(repo())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(0), "{err}");
}
