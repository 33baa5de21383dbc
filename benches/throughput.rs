//! `cargo bench`: whole-check throughput on the fixtures, in MB/s and time per report, and of
//! batch mode in reports per second.
//!
//! A plain harness: each input is checked repeatedly for half a second of CPU time after a
//! warm-up, and the mean is reported, by CPU time and by wall clock (which on a shared machine
//! measures the sharing). The 30 KB case is the 淮安 report with its 总体情况 prose repeated
//! until the text is 30 KB, which keeps the tables and structure of a real report.
//!
//! The batch case writes 1 000 generated reports (200 agencies × 5 consecutive years, in every
//! text layout, one in ten an HTML page and one in ten a .docx) to a folder in the temp dir, then
//! times what `nianbao check DIR` does before printing: walking the folder, reading and checking
//! every file on all cores, and pairing consecutive years; and, apart, writing both CSV files.

use std::hint::black_box;
use std::time::{Duration, Instant};

use nianbao::{batch, check_bytes, check_text, Options};

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

/// Times `check` by wall clock and by this process's CPU time. On a machine shared with other
/// work the wall clock measures the sharing: the loop runs until half a second of CPU time is
/// spent (read every few milliseconds of work, /proc being a system call), and both are printed.
fn time<R>(name: &str, len: usize, mut check: impl FnMut() -> R) {
    let warm = Instant::now();
    for _ in 0..20 {
        black_box(check());
    }
    // Checks per CPU-time reading: about 5 ms of them.
    let batch = (Duration::from_millis(5).as_secs_f64() / (warm.elapsed().as_secs_f64() / 20.0)).max(1.0) as u32;
    let (start, cpu) = (Instant::now(), cpu_seconds());
    let mut runs = 0u32;
    while cpu_seconds() - cpu < 0.5 {
        for _ in 0..batch {
            black_box(check());
        }
        runs += batch;
    }
    let wall = start.elapsed().as_secs_f64() / runs as f64;
    let per = (cpu_seconds() - cpu) / runs as f64;
    println!(
        "{name:<48} {:>7.1} KB {:>9.1} µs/check {:>8.1} MB/s (wall clock {:>6.1} MB/s)",
        len as f64 / 1024.0,
        per * 1e6,
        len as f64 / per / 1e6,
        len as f64 / wall / 1e6
    );
}

/// Writes the batch of `count` reports into `dir`; returns the bytes written.
fn write_batch(dir: &std::path::Path, count: usize) -> usize {
    use common::gen::{Era, Layout, Report};
    let mut bytes = 0;
    for k in 0..count {
        let (agency, year) = (k / 5, 2021 + (k % 5) as u16);
        let mut r = Report::generate(Era::E2021, k as u64);
        r.agency = format!("某某市第{agency}局");
        r.year = year;
        r.sync_prose();
        let (name, data) = match k % 10 {
            0 => (
                "page.html",
                common::formats::html_page(&r.render(Layout::TabRows), "utf-8", "2025-01-10").into_bytes(),
            ),
            5 => ("word", common::formats::docx(&r.render(Layout::TabRows), true)),
            _ => ("report.txt", r.render(Layout::ALL[k % 6]).into_bytes()),
        };
        let path = dir.join(format!("{agency:03}/{year}-{name}"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        bytes += data.len();
        std::fs::write(path, data).unwrap();
    }
    bytes
}

fn measure_batch(count: usize) {
    let dir = std::env::temp_dir().join(format!("nianbao-bench-batch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let bytes = write_batch(&dir, count);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let opts = Options::default();
    let (mut best, mut best_pairing) = (Duration::MAX, Duration::MAX);
    let mut outcomes = Vec::new();
    let mut pairs = 0;
    for _ in 0..5 {
        let start = Instant::now();
        let paths = batch::collect_paths(std::slice::from_ref(&dir));
        outcomes = batch::check_all(&paths, &opts, |_, _| {});
        let pairing = Instant::now();
        pairs = batch::pair_years(&mut outcomes).len();
        best_pairing = best_pairing.min(pairing.elapsed());
        best = best.min(start.elapsed());
    }
    assert_eq!(outcomes.len(), count);
    let start = Instant::now();
    let (mut summary, mut cells) = (Vec::new(), Vec::new());
    batch::write_summary(&mut summary, &outcomes).unwrap();
    batch::write_cells(&mut cells, &outcomes).unwrap();
    let csv = start.elapsed();
    println!(
        "batch of {count} generated reports ({:.1} MB in a temp dir, {pairs} year pairs), {threads} threads: \
         {:.0} ms ({:.0} ms of it pairing), {:.0} reports/s; CSV ({} KB) {:.0} ms",
        bytes as f64 / 1e6,
        best.as_secs_f64() * 1e3,
        best_pairing.as_secs_f64() * 1e3,
        count as f64 / best.as_secs_f64(),
        (summary.len() + cells.len()) / 1024,
        csv.as_secs_f64() * 1e3,
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// CPU seconds used by this process so far (user + system, all threads; Linux /proc, in clock
/// ticks of 1/100 s). On a machine shared with other work, wall-clock time measures the sharing;
/// CPU time measures the work.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses): utime is the 12th, stime the 13th.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let field = |k: usize| f.get(k).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    (field(11) + field(12)) / 100.0
}

/// The whole-region review on `count` reports of one year by different agencies (each with
/// prose of its own, and every hundredth copying the one before): reports per second of what
/// `nianbao check DIR --roster …` does before printing, with copying detection and without.
fn measure_region(count: usize) {
    use common::region;
    let dir = std::env::temp_dir().join(format!("nianbao-bench-region-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let agencies = region::many_agencies(count);
    let mut bytes = 0;
    for (k, a) in agencies.iter().enumerate() {
        let seed = if k % 100 == 1 { k - 1 } else { k } as u64;
        let text = region::report(a, 2024, k as u64, &region::own_prose(seed, 16), None);
        bytes += text.len();
        std::fs::write(dir.join(format!("{k:04}.txt")), text).unwrap();
    }
    let roster_text: String = agencies.iter().map(|a| format!("{},{}\n", a.name, a.level)).collect();
    let roster = nianbao::region::Roster::parse(&roster_text).unwrap();
    let opts = Options::default();
    for copies in [false, true] {
        let (mut best, mut best_review, mut best_cpu) = (Duration::MAX, Duration::MAX, f64::MAX);
        let mut found = 0;
        for _ in 0..5 {
            let start = Instant::now();
            let cpu = cpu_seconds();
            let paths = batch::collect_paths(std::slice::from_ref(&dir));
            let review = batch::Review { profile: None, copies };
            let mut outcomes = batch::check_all_with(&paths, &opts, &review, |_, _| {});
            batch::pair_years(&mut outcomes);
            let reviewing = Instant::now();
            let missing = batch::review_region(&mut outcomes, Some(&roster), None);
            best_review = best_review.min(reviewing.elapsed());
            best = best.min(start.elapsed());
            best_cpu = best_cpu.min(cpu_seconds() - cpu);
            assert!(missing.is_empty());
            found =
                outcomes.iter().flat_map(|o| &o.result.diagnostics).filter(|d| d.code == "batch.copied_text").count();
        }
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        println!(
            "region of {count} reports of one year ({:.1} MB), copying detection {}: {:.0} ms ({:.0} ms of it the \
             region review), {:.0} reports/s; {:.0} ms of CPU, {:.0} reports/s on {threads} cores by CPU time; \
             {found} batch.copied_text",
            bytes as f64 / 1e6,
            if copies { "on" } else { "off" },
            best.as_secs_f64() * 1e3,
            best_review.as_secs_f64() * 1e3,
            count as f64 / best.as_secs_f64(),
            best_cpu * 1e3,
            count as f64 * threads as f64 / best_cpu,
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn main() {
    // `cargo test --benches` runs bench targets with --bench absent; keep that quick.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    // `cargo bench -- region`: only the region review.
    if std::env::args().any(|a| a == "region") {
        measure_region(2000);
        return;
    }
    println!("{:<48} {:>10} {:>18} {:>13}", "input", "size", "CPU time", "throughput by CPU time");
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

    measure_batch(1000);
    measure_region(2000);
}
