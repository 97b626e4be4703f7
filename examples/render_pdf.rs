//! Renders a Markdown draft to PDF with the library API and reports timings.
//!
//! `cargo run --example render_pdf -- DRAFT.md OUT.pdf [REPEAT] [THREADS]`
//! REPEAT > 1 renders REPEAT more documents to measure the warm per-document time, each
//! made distinct (a number after every "the") so typst's memo cache cannot replay an
//! earlier one, as in a batch of different cases; THREADS > 1 shares them out on several
//! threads at once.

use std::time::Instant;

use courtreport::render::pdf::{DEFAULT_CONFIDENTIALITY, DocumentMeta, render_pdf};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(input), Some(output)) = (args.get(1), args.get(2)) else {
        anyhow::bail!("usage: render_pdf DRAFT.md OUT.pdf [REPEAT] [THREADS]");
    };
    let repeat: usize = args.get(3).map_or(Ok(1), |s| s.parse())?;
    let threads: usize = args.get(4).map_or(Ok(1), |s| s.parse())?;
    let markdown = std::fs::read_to_string(input)?;
    let meta = DocumentMeta {
        title: "Section 7 Report".into(),
        author: "A. Adviser".into(),
        court: "Family Court at Exampleton".into(),
        case_number: "EX26P00123".into(),
        draft: true,
        date: time::macros::date!(2027 - 01 - 11),
        language: "en-GB".into(),
        confidentiality: DEFAULT_CONFIDENTIALITY.into(),
    };

    let start = Instant::now();
    let pdf = render_pdf(&meta, &markdown, None)?;
    let first = start.elapsed();
    courtreport::output::write_atomic(output.as_ref(), &pdf.bytes, true)?;
    for w in &pdf.warnings {
        eprintln!("{w}");
    }
    eprintln!(
        "first document: {:.1} ms, {} bytes",
        first.as_secs_f64() * 1e3,
        pdf.bytes.len()
    );

    if repeat > 1 {
        let per_thread = repeat.div_ceil(threads);
        let start = Instant::now();
        let results: Vec<anyhow::Result<Vec<f64>>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads)
                .map(|thread| {
                    let (meta, markdown) = (&meta, &markdown);
                    s.spawn(move || -> anyhow::Result<Vec<f64>> {
                        let mut times = Vec::new();
                        for i in 0..per_thread {
                            let distinct = markdown.replace("the ", &format!("the {thread}-{i} "));
                            let t = Instant::now();
                            render_pdf(meta, &distinct, None)?;
                            times.push(t.elapsed().as_secs_f64() * 1e3);
                        }
                        Ok(times)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err(anyhow::anyhow!("thread panicked")))
                })
                .collect()
        });
        let mut times = Vec::new();
        for result in results {
            times.extend(result?);
        }
        let wall = start.elapsed().as_secs_f64();
        times.sort_by(f64::total_cmp);
        eprintln!(
            "warm: {} documents on {threads} thread(s): median {:.1} ms, max {:.1} ms, {:.1} documents/s",
            times.len(),
            times[times.len() / 2],
            times[times.len() - 1],
            times.len() as f64 / wall
        );
    }
    Ok(())
}
