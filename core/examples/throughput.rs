//! Throughput of each stage over a folder of manifests, on one thread, files already in memory:
//!
//! 1. `events`: saphyr-parser's event stream alone, the floor kubeward is built on;
//! 2. `tree`: kubeward's reader (events → spanned tree with go-yaml v2 scalars, merges, limits);
//! 3. `model`: tree + typed decode of every object (k8s-openapi);
//! 4. `lint`: the whole per-file lint (every rule) plus the cross-file report.
//!
//! Each stage is run `--runs` times (default 5) and the best run is reported, in MB/s and
//! documents/s. The stages take turns (events, tree, model, lint, events, …), so that a drift
//! of the machine's speed during the measurement reaches every stage alike, not the later ones.
//! `cargo run --release -p kubeward --example throughput -- DIR [--runs N]`
//!
//! `--stage NAME` runs that stage only (no document count, no ratio): for a profiler, e.g.
//! `valgrind --tool=callgrind throughput DIR --runs 1 --stage lint`.

#![expect(clippy::print_stdout, reason = "a command-line tool: prints its table")]

/// The CLI's allocator (`cli/src/main.rs`), so that every stage is measured as the CLI runs it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use kubeward::lint::{LintOptions, lint_bytes};
use kubeward::source::{self, Limits, NodeRef};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut dir: Option<PathBuf> = None;
    let mut runs = 5usize;
    let mut only: Option<String> = None;
    while let Some(a) = args.next() {
        if a == "--runs" {
            runs = args.next().ok_or("--runs needs a number")?.parse()?;
        } else if a == "--stage" {
            only = Some(args.next().ok_or("--stage needs events, tree, model or lint")?);
        } else {
            dir = Some(PathBuf::from(a));
        }
    }
    let dir = dir.ok_or("usage: throughput DIR [--runs N] [--stage events|tree|model|lint]")?;
    let mut files = Vec::new();
    collect(&dir, &mut files)?;
    files.sort();
    let inputs: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|p| Ok((p.display().to_string(), std::fs::read(p)?)))
        .collect::<Result<_, std::io::Error>>()?;
    let bytes: usize = inputs.iter().map(|(_, b)| b.len()).sum();
    let limits = Limits::default();
    let texts: Vec<&str> =
        inputs.iter().filter_map(|(_, b)| source::decode(b, &limits).ok()).collect();

    let options = LintOptions::default();
    let stages: [(&str, &dyn Fn() -> usize); 4] = [
        ("events", &|| {
            let mut n = 0usize;
            for t in &texts {
                let mut parser = saphyr_parser::Parser::new_from_str(t);
                while let Some(Ok(_)) = parser.next_event() {
                    n += 1;
                }
            }
            n
        }),
        ("tree", &|| texts.iter().map(|t| source::parse(t, &limits).documents.len()).sum()),
        ("model", &|| {
            let mut n = 0usize;
            for t in &texts {
                for doc in source::parse(t, &limits).documents {
                    if let Some(root) = doc.root() {
                        n += usize::from(decode(root).is_some());
                    }
                }
            }
            n
        }),
        ("lint", &|| {
            let results = inputs.iter().map(|(p, b)| lint_bytes(p, b, &options)).collect();
            kubeward::lint::finish(results, &options).findings.len()
        }),
    ];
    if let Some(only) = only {
        let (name, f) = stages.iter().find(|(n, _)| *n == only).ok_or("unknown --stage")?;
        let t = best(runs, f);
        println!("{name:<8} {:>8.1}ms {} files", t.as_secs_f64() * 1e3, inputs.len());
        return Ok(());
    }

    let docs = texts.iter().map(|t| source::parse(t, &limits).documents.len()).sum::<usize>();
    println!(
        "{} files, {} documents, {:.1} MB, best of {runs} runs, 1 thread",
        inputs.len(),
        docs,
        bytes as f64 / 1e6
    );
    println!("{:<8} {:>10} {:>10} {:>12} {:>8}", "stage", "time", "MB/s", "docs/s", "× floor");
    let mut times: Vec<(&str, Duration)> =
        stages.iter().map(|(n, _)| (*n, Duration::MAX)).collect();
    for _ in 0..runs.max(1) {
        for ((_, f), (_, t)) in stages.iter().zip(&mut times) {
            *t = (*t).min(best(1, *f));
        }
    }
    let floor = times[0].1;
    for (name, t) in times {
        let s = t.as_secs_f64();
        println!(
            "{name:<8} {:>8.1}ms {:>10.1} {:>12.0} {:>7.2}×",
            s * 1e3,
            bytes as f64 / 1e6 / s,
            docs as f64 / s,
            s / floor.as_secs_f64()
        );
    }
    Ok(())
}

fn decode(root: NodeRef<'_>) -> Option<kubeward::model::Typed> {
    let api = root.get("apiVersion")?.as_str()?;
    let kind = root.get("kind")?.as_str()?;
    kubeward::model::typed::decode(api, kind, root)?.ok().map(|(t, _)| t)
}

fn best(runs: usize, f: &dyn Fn() -> usize) -> Duration {
    (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml" || e == "json") {
            out.push(path);
        }
    }
    Ok(())
}
