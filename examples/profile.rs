//! A bench-like binary for `valgrind --tool=callgrind`, whose instruction counts are repeatable
//! on a shared machine where wall-clock times are not (README, "Speed"):
//!
//!   cargo build --profile profiling --example profile
//!   valgrind --tool=callgrind target/profiling/examples/profile 20 tests/fixtures/seeds/jilin-kjj-2019.txt
//!   (a file's path, or `grown-1mb` or `generated.docx` for the benches' made inputs)
//!   callgrind_annotate --inclusive=yes callgrind.out.<pid>
//!
//! Checks each file N times as a user's file is checked (read, normalise, report, every check),
//! then once more stage by stage, each check called through a pointer the optimiser cannot see
//! through, so callgrind lists every stage and every check as a function of its own.

use std::hint::black_box;

use nianbao::checks::{Findings, CHECKS};
use nianbao::{analyse, check_bytes, input, Options};

#[path = "../tests/common/mod.rs"]
#[allow(dead_code)]
mod common;

/// A file's name and bytes; two names stand for inputs the benches make: `grown-1mb` (the 淮安
/// report grown to 1 MB as `cargo bench` grows it) and `generated.docx` (the bench's .docx).
fn input_of(path: &str) -> (String, Vec<u8>) {
    match path {
        "grown-1mb" => {
            let text = common::fixture("real/huaian-szf-2024-pdftotext.txt");
            let start = text.find("（一）主动公开情况").expect("overview");
            let end = text.find("二、主动公开政府信息情况").expect("section 二");
            let mut grown = text[..end].to_string();
            while grown.len() + (text.len() - end) < 1024 * 1024 {
                grown.push_str(&text[start..end]);
            }
            grown.push_str(&text[end..]);
            ("grown.txt".into(), grown.into_bytes())
        }
        "generated.docx" => {
            use common::gen::{Era, Layout, Report};
            let text = Report::generate(Era::E2021, 1).render(Layout::TabRows);
            ("a.docx".into(), common::formats::docx(&text, true))
        }
        _ => {
            let name = std::path::Path::new(path).file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(path).expect("read the file"))
        }
    }
}

#[inline(never)]
fn stage_read(bytes: &[u8], name: &str) -> input::Extracted {
    input::read(bytes, name).expect("readable")
}

#[inline(never)]
fn stage_analyse(ex: input::Extracted, opts: &Options) -> nianbao::Report {
    analyse(ex, opts).expect("analysable")
}

#[inline(never)]
fn stage_result(report: &nianbao::Report) -> nianbao::CheckResult {
    nianbao::check_report(report)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).expect("usage: profile N FILE...");
    for path in args {
        let (name, bytes) = input_of(&path);
        let opts = Options { name: name.clone(), era: None };
        let mut diagnostics = 0;
        for _ in 0..n {
            diagnostics = check_bytes(black_box(&bytes), &opts).diagnostics.len();
        }
        // Stage by stage, N times each.
        for _ in 0..n {
            let ex = stage_read(black_box(&bytes), &name);
            let report = stage_analyse(ex, &opts);
            for check in CHECKS {
                let run = black_box(check.run);
                let mut findings = Findings::new(&report);
                run(&report, &mut findings);
                black_box(findings.into_diagnostics());
            }
            black_box(stage_result(&report));
        }
        println!("{path}: {} bytes, {diagnostics} diagnostics, checked {n}×2 times", bytes.len());
    }
}
