//! `courtreport batch` and `courtreport sample`: many cases at once, one bad case never
//! stopping the others; fictional records that pass `check`, the same for the same seed.

use std::path::Path;

use crate::harness::*;

/// A temp dir with `n` generated records in `in/`.
fn generated(n: u64, seed: u64) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    run_in(
        dir.path(),
        &[
            "sample",
            "--count",
            &n.to_string(),
            "--seed",
            &seed.to_string(),
            "--out",
            "in",
        ],
    )
    .exits(0);
    dir
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn renders_every_good_case_reports_every_bad_one_and_exits_1() {
    let dir = generated(3, 11);
    let d = dir.path();
    std::fs::write(
        d.join("in/incomplete.toml"),
        "[report]\nkind = \"section7\"\n",
    )
    .unwrap();
    std::fs::write(d.join("in/broken.toml"), "[report\nkind = 1\n").unwrap();
    std::fs::write(d.join("in/notes.txt"), "not a case").unwrap();

    let out = run_in(d, &["batch", "in", "--to", "md", "--out", "out"]);
    out.exits(1)
        .stderr_has("refused: in/incomplete.toml")
        .stderr_has("error[E005]")
        .stderr_has("refused: in/broken.toml")
        .stderr_has("in/broken.toml:1:")
        .stderr_has("3 of 5 case(s) rendered, 2 refused, 0 failed");
    for i in 1..=3 {
        let md = read(&d.join(format!("out/case-00{i}.md")));
        assert!(md.starts_with("# "), "{md}");
        assert!(!md.contains("[MISSING"), "{md}");
    }
    assert!(!d.join("out/incomplete.md").exists());
    assert!(!d.join("out/broken.md").exists());
    assert!(!d.join("out/notes.md").exists());
    // No temporary files left behind.
    let names: Vec<String> = std::fs::read_dir(d.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
}

#[test]
fn all_good_exits_0_and_markdown_matches_render() {
    let dir = generated(2, 5);
    let d = dir.path();
    run_in(d, &["batch", "in", "--to", "md", "--out", "out"])
        .exits(0)
        .stderr_has("2 of 2 case(s) rendered");
    let single = run_in(d, &["render", "in/case-001.toml", "-o", "-"]);
    single.exits(0);
    assert_eq!(read(&d.join("out/case-001.md")), single.stdout());
}

#[test]
fn outputs_keep_relative_folders_and_names() {
    let dir = generated(2, 3);
    let d = dir.path();
    std::fs::create_dir_all(d.join("in/court-a/2027")).unwrap();
    std::fs::rename(
        d.join("in/case-002.toml"),
        d.join("in/court-a/2027/smith.v2.toml"),
    )
    .unwrap();
    run_in(d, &["batch", "in", "--to", "md,typ", "--out", "out"]).exits(0);
    assert!(d.join("out/case-001.md").is_file());
    assert!(d.join("out/case-001.typ").is_file());
    assert!(d.join("out/court-a/2027/smith.v2.md").is_file());
    let typ = read(&d.join("out/court-a/2027/smith.v2.typ"));
    assert!(typ.contains("#show: report.with("), "{typ}");

    // Two input folders: each one's name keeps their files apart.
    let other = generated(1, 4);
    std::fs::rename(other.path().join("in"), d.join("more")).unwrap();
    run_in(d, &["batch", "in", "more", "--to", "md", "--out", "out2"]).exits(0);
    assert!(d.join("out2/in/case-001.md").is_file());
    assert!(d.join("out2/more/case-001.md").is_file());
}

#[test]
fn existing_outputs_are_kept_without_force_and_replaced_with_it() {
    let dir = generated(2, 9);
    let d = dir.path();
    std::fs::create_dir_all(d.join("out")).unwrap();
    std::fs::write(d.join("out/case-001.md"), "precious notes").unwrap();

    run_in(d, &["batch", "in", "--to", "md", "--out", "out"])
        .exits(1)
        .stderr_has("failed: in/case-001.toml: out/case-001.md already exists; pass --force")
        .stderr_has("1 of 2 case(s) rendered, 0 refused, 1 failed");
    assert_eq!(read(&d.join("out/case-001.md")), "precious notes");
    assert!(d.join("out/case-002.md").is_file());

    run_in(d, &["batch", "in", "--to", "md", "--out", "out", "--force"]).exits(0);
    assert!(read(&d.join("out/case-001.md")).starts_with("# "));
}

#[test]
fn json_summary_lists_each_case() {
    let dir = generated(2, 21);
    let d = dir.path();
    std::fs::write(d.join("in/zz-bad.toml"), "[report]\nkind = \"section7\"\n").unwrap();
    let out = run_in(
        d,
        &[
            "batch", "in", "--to", "md", "--out", "out", "--format", "json",
        ],
    );
    out.exits(1);
    let v: serde_json::Value = serde_json::from_str(&out.stdout()).expect("JSON on stdout");
    assert_eq!(v["total"], 3);
    assert_eq!(v["rendered"], 2);
    assert_eq!(v["refused"], 1);
    assert_eq!(v["failed"], 0);
    let cases = v["cases"].as_array().unwrap();
    assert_eq!(cases[0]["input"], "in/case-001.toml");
    assert_eq!(cases[0]["status"], "rendered");
    assert_eq!(cases[0]["outputs"][0], "out/case-001.md");
    assert_eq!(cases[0]["errors"], 0);
    assert!(cases[0]["time_ms"].as_f64().unwrap() > 0.0);
    let bad = &cases[2];
    assert_eq!(bad["input"], "in/zz-bad.toml");
    assert_eq!(bad["status"], "refused");
    assert!(bad["errors"].as_u64().unwrap() > 0);
    assert_eq!(bad["outputs"].as_array().unwrap().len(), 0);
    let first = &bad["first_findings"][0];
    assert_eq!(first["severity"], "error");
    assert!(first["code"].as_str().unwrap().starts_with('E'));
    assert!(first["line"].as_u64().is_some());
}

#[test]
fn pdf_batch_writes_pdfs() {
    let dir = generated(2, 2);
    let d = dir.path();
    run_in(d, &["batch", "in", "--out", "out", "--jobs", "2"]).exits(0);
    for i in 1..=2 {
        let pdf = std::fs::read(d.join(format!("out/case-00{i}.pdf"))).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(d.join(format!("out/case-00{i}.md")).is_file());
    }
}

#[test]
fn the_batch_itself_failing_exits_2() {
    let dir = generated(1, 1);
    let d = dir.path();
    std::fs::write(d.join("a-file"), "").unwrap();
    run_in(d, &["batch", "in", "--out", "a-file/out"])
        .exits(2)
        .stderr_has("cannot create the output folder a-file/out");
    run_in(d, &["batch", "nowhere", "--out", "out"])
        .exits(2)
        .stderr_has("nowhere: no such file or folder");
    std::fs::create_dir(d.join("empty")).unwrap();
    run_in(d, &["batch", "empty", "--out", "out"])
        .exits(2)
        .stderr_has("no case records (*.toml) found in empty");
    run_in(d, &["batch", "in", "--out", "out", "--jobs", "0"]).exits(2);
}

#[test]
fn samples_are_the_same_for_the_same_seed_and_pass_check() {
    let a = generated(40, 77);
    let b = generated(40, 77);
    let c = generated(40, 78);
    let mut files: Vec<_> = std::fs::read_dir(a.path().join("in"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 40);
    assert_eq!(files[0].file_name().unwrap(), "case-001.toml");
    let mut differ = 0;
    for f in &files {
        let name = f.file_name().unwrap();
        let text = read(f);
        assert_eq!(text, read(&b.path().join("in").join(name)));
        if text != read(&c.path().join("in").join(name)) {
            differ += 1;
        }
        assert!(!text.contains("#:schema"));
    }
    assert_eq!(differ, 40, "another seed gives other records");

    let mut args = vec!["check"];
    let paths: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    args.extend(paths.iter().map(String::as_str));
    run(&args).exits(0);
}

#[test]
fn sample_never_overwrites_without_force() {
    let dir = generated(2, 1);
    let d = dir.path();
    std::fs::write(d.join("in/case-001.toml"), "mine").unwrap();
    run_in(d, &["sample", "--count", "2", "--out", "in"])
        .exits(2)
        .stderr_has("already exists");
    assert_eq!(read(&d.join("in/case-001.toml")), "mine");
    run_in(d, &["sample", "--count", "2", "--out", "in", "--force"]).exits(0);
    assert!(read(&d.join("in/case-001.toml")).contains("[report]"));
}
