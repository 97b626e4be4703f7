//! Peak memory of PDF rendering in different thread set-ups, on generated records.
//! `cargo run --release --example batch_memory -- MODE N` with MODE main | thread | pool.
use courtreport::record::{self, Date};
use courtreport::render::{self, Format, Job, Templates};

fn hwm() -> String {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("VmHWM"))
        .unwrap_or("")
        .to_string()
}

fn work(n: u64) {
    let templates = Templates::embedded().expect("templates");
    for i in 0..n {
        let text =
            courtreport::generate::to_toml(&courtreport::generate::record(1, i)).expect("toml");
        let file = record::parse(std::path::Path::new("x.toml"), text).expect("parse");
        let job = Job {
            kind: file.record.report.kind,
            format: Format::Pdf,
            findings: &[],
            fallback_date: Date::from_ymd(2027, 1, 1).expect("date"),
        };
        render::render(&file, &templates, &job).expect("pdf");
        if i % 10 == 9 {
            eprintln!("{} docs: {}", i + 1, hwm());
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mode = args.get(1).map_or("main", String::as_str);
    let n: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(30);
    match mode {
        "thread" => std::thread::Builder::new()
            .stack_size(16 << 20)
            .spawn(move || work(n))
            .expect("spawn")
            .join()
            .expect("join"),
        "pool" => rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .stack_size(16 << 20)
            .build()
            .expect("pool")
            .install(|| work(n)),
        _ => work(n),
    }
    eprintln!("{mode}: {}", hwm());
}
