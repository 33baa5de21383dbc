//! `cargo bench`: whole-check throughput on the fixtures, in MB/s and time per report.
//!
//! A plain harness: each input is checked repeatedly for about half a second after a warm-up,
//! and the mean is reported. The 30 KB case is the 淮安 report with its 总体情况 prose repeated
//! until the text is 30 KB, which keeps the tables and structure of a real report.

use std::hint::black_box;
use std::time::{Duration, Instant};

use nianbao::{check_bytes, check_text, Options};

#[path = "../tests/common/mod.rs"]
mod common;

use common::fixture;

/// The 淮安 report grown to about `bytes` by repeating its overview paragraphs inside 一.
fn grown_report(bytes: usize) -> String {
    let text = fixture("real/huaian-szf-2024-pdftotext.txt");
    let start = text.find("（一）主动公开情况").expect("overview");
    let end = text.find("二、主动公开政府信息情况").expect("section 二");
    let filler = &text[start..end];
    let mut grown = text[..end].to_string();
    while grown.len() + (text.len() - end) < bytes {
        grown.push_str(filler);
    }
    grown.push_str(&text[end..]);
    grown
}

fn measure(name: &str, text: &str) {
    let opts = Options::default();
    time(name, text.len(), || check_text(black_box(text), &opts));
}

/// A file's bytes checked as a user's file is: recognised, decoded, extracted, checked.
fn measure_file(name: &str, bytes: &[u8], file_name: &str) {
    let opts = Options { name: file_name.to_string(), era: None };
    time(name, bytes.len(), || check_bytes(black_box(bytes), &opts));
}

fn time<R>(name: &str, len: usize, mut check: impl FnMut() -> R) {
    for _ in 0..20 {
        black_box(check());
    }
    let budget = Duration::from_millis(500);
    let start = Instant::now();
    let mut runs = 0u32;
    while start.elapsed() < budget {
        black_box(check());
        runs += 1;
    }
    let per = start.elapsed() / runs;
    let mbps = len as f64 / per.as_secs_f64() / 1e6;
    println!("{name:<48} {:>7.1} KB {:>9.1} µs/check {:>8.1} MB/s", len as f64 / 1024.0, per.as_secs_f64() * 1e6, mbps);
}

fn main() {
    // `cargo test --benches` runs bench targets with --bench absent; keep that quick.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    println!("{:<48} {:>10} {:>18} {:>13}", "input", "size", "time", "throughput");
    for f in common::FIXTURES {
        measure(f, &fixture(f));
    }
    measure("huaian grown to 30 KB", &grown_report(30 * 1024));
    measure("huaian grown to 1 MB", &grown_report(1024 * 1024));

    let generated = common::gen::Report::generate(common::gen::Era::E2021, 1).render(common::gen::Layout::TabRows);
    measure_file("generated 2021 report, GB18030 text", &encoding_rs::GB18030.encode(&generated).0, "a.txt");
    let page = common::formats::html_page(&generated, "utf-8", "2023-01-10");
    measure_file("generated 2021 report, HTML page", page.as_bytes(), "a.html");
    measure_file("generated 2021 report, .docx", &common::formats::docx(&generated, true), "a.docx");
}
