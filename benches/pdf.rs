//! `make bench-pdf`'s native side: our PDF reader timed in-process, for `tools/bench_pdf.py`,
//! which runs pdfplumber on the same files and prints the two side by side.
//!
//!   cargo bench --bench pdf -- --bench --write DIR   writes generated reports (.docx and HTML)
//!                                                    into DIR, for LibreOffice and Chromium to
//!                                                    print to PDF
//!   cargo bench --bench pdf -- --bench FILE...       one JSON line per file: the time of reading
//!                                                    the PDF (text and tables) and of the whole
//!                                                    check, and every table cell the check found
//!
//! Each file is read and checked repeatedly for about half a second after a warm-up, and the
//! mean is reported, as `benches/throughput.rs` does.

use std::hint::black_box;
use std::time::{Duration, Instant};

use nianbao::{check_bytes, input::pdf::pdf_to_text, Options};

#[path = "../tests/common/mod.rs"]
mod common;

/// Mean time of `f` in milliseconds, after a warm-up, over about half a second.
fn mean_ms<R>(mut f: impl FnMut() -> R) -> (f64, u32) {
    let warm = Instant::now();
    while warm.elapsed() < Duration::from_millis(100) {
        black_box(f());
    }
    let start = Instant::now();
    let mut runs = 0u32;
    while start.elapsed() < Duration::from_millis(500) || runs < 5 {
        black_box(f());
        runs += 1;
    }
    (start.elapsed().as_secs_f64() * 1e3 / runs as f64, runs)
}

fn measure(path: &str) -> serde_json::Value {
    let bytes = std::fs::read(path).expect("read the PDF");
    let name = std::path::Path::new(path).file_name().unwrap().to_string_lossy().into_owned();
    let opts = Options { name, era: None };
    let result = check_bytes(&bytes, &opts);
    let json = serde_json::to_value(&result).unwrap();
    let readable = pdf_to_text(&bytes).is_ok();
    let (read_ms, _) = if readable { mean_ms(|| pdf_to_text(black_box(&bytes)).is_ok()) } else { (f64::NAN, 0) };
    let (check_ms, runs) = mean_ms(|| check_bytes(black_box(&bytes), &opts));
    let mut cells = Vec::new();
    for table in json["tables"].as_array().into_iter().flatten() {
        for cell in table["cells"].as_array().into_iter().flatten() {
            cells.push(serde_json::json!([table["id"], cell["row"], cell["column"], cell["raw"]]));
        }
    }
    serde_json::json!({
        "file": path,
        "readable": readable,
        "read_ms": if readable { serde_json::json!(read_ms) } else { serde_json::Value::Null },
        "check_ms": check_ms,
        "runs": runs,
        "errors": json["summary"]["errors"],
        "unusable": json["diagnostics"].as_array().into_iter().flatten()
            .filter(|d| d["severity"] == "error").map(|d| d["code"].clone()).collect::<Vec<_>>(),
        "cells": cells,
    })
}

/// Generated 2021 reports as a Word file and as an HTML page, for the script to print to PDF;
/// and report 1's page framed (a bordered layout table with the page's metadata rows) and with
/// its tables' borders removed (no ruling lines at all), and its Word file without borders.
fn write_generated(dir: &str) {
    use common::formats::{html_page_styled, PageStyle};
    use common::gen::{Era, Layout, Report};
    std::fs::create_dir_all(dir).unwrap();
    for seed in [1u64, 2] {
        let text = Report::generate(Era::E2021, seed).render(Layout::TabRows);
        std::fs::write(format!("{dir}/gen-{seed}.docx"), common::formats::docx_with_borders(&text)).unwrap();
        std::fs::write(format!("{dir}/gen-{seed}.html"), common::formats::html_page(&text, "utf-8", "2023-01-10"))
            .unwrap();
        if seed == 1 {
            for (style, name) in [(PageStyle::MetadataTable, "framed"), (PageStyle::Borderless, "borderless")] {
                let page = html_page_styled(&text, "utf-8", "2023-01-10", style);
                std::fs::write(format!("{dir}/gen-{seed}-{name}.html"), page).unwrap();
            }
            // The Word file with no borders at all, for LibreOffice to export: no ruling lines.
            let docx = common::formats::docx_without_borders(&text);
            std::fs::write(format!("{dir}/gen-{seed}-borderless.docx"), docx).unwrap();
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo test --benches` runs bench targets with --bench absent; keep that quick.
    if !args.iter().any(|a| a == "--bench") {
        return;
    }
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if let Some(i) = args.iter().position(|a| a == "--write") {
        write_generated(&args[i + 1]);
        return;
    }
    for f in files {
        println!("{}", measure(f));
    }
}
