//! The real HTML reports of tests/fixtures/real/pingtan-*.html printed by Chromium (A4), as a
//! reader prints a report page: once as they are ("ruled", their tables' borders drawn) and
//! once with every table border switched off by CSS ("bare", tables rebuilt from where their
//! text stands). Each PDF must give the HTML's table cells (table, row, column, value) and its
//! diagnostics (code, severity). The PDFs are made at test time under the target's tmp.
//!
//! Chromium comes from `make deps-web`; a missing tool fails the test, it never skips.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use nianbao::result::CheckResult;
use nianbao::{check_bytes, Options};

const REPORTS: [&str; 6] =
    ["pingtan-2015", "pingtan-2018", "pingtan-2022", "pingtan-2023", "pingtan-2025", "pingtan-county-2012"];

fn check(bytes: &[u8], name: &str) -> CheckResult {
    check_bytes(bytes, &Options { name: name.to_string(), era: None })
}

fn cells(r: &CheckResult) -> BTreeSet<String> {
    r.tables
        .iter()
        .flat_map(|t| t.cells.iter().map(move |c| format!("{} {} {} {:?}", t.id, c.row, c.column, c.value)))
        .collect()
}

fn diagnostics(r: &CheckResult) -> Vec<String> {
    let mut d: Vec<String> = r.diagnostics.iter().map(|d| format!("{} {:?}", d.code, d.severity)).collect();
    d.sort();
    d
}

/// The directory of the printed PDFs, printed once for all tests (one browser start).
fn printed() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("printed-pdf");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let out = Command::new("node").arg("tests/printed_pdf.mjs").arg(&dir).output().unwrap_or_else(|e| {
            panic!("node cannot be run ({e}): run `make deps-web` (chromium, fonts-noto-cjk, www/node_modules)")
        });
        assert!(
            out.status.success(),
            "printing failed: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        dir
    })
}

/// What differs between the HTML's result and the PDF's, per report and mode.
fn problems(mode: &str) -> Vec<String> {
    let dir = printed();
    let mut p = Vec::new();
    for name in REPORTS {
        let page = std::fs::read_to_string(format!("tests/fixtures/real/{name}.html")).unwrap();
        for margins in ["", "-margins"] {
            let pdf_path = dir.join(format!("{name}-{mode}{margins}.pdf"));
            let source = check(page.as_bytes(), &format!("{name}.html"));
            let pdf = check(&std::fs::read(&pdf_path).unwrap(), &format!("{name}.pdf"));
            let what = format!("{name} {mode}{margins}");
            if pdf.source.format != "pdf" {
                p.push(format!("{what}: read as {}", pdf.source.format));
            }
            let (a, b) = (cells(&source), cells(&pdf));
            let only_html: Vec<_> = a.difference(&b).collect();
            let only_pdf: Vec<_> = b.difference(&a).collect();
            if !only_html.is_empty() || !only_pdf.is_empty() {
                p.push(format!(
                    "{what}: {} cells in the HTML, {} in the PDF; HTML only {only_html:#?}\nPDF only {only_pdf:#?}",
                    a.len(),
                    b.len()
                ));
            }
            let (a, b) = (diagnostics(&source), diagnostics(&pdf));
            if a != b {
                p.push(format!("{what}: diagnostics of the HTML {a:?}\nof the PDF {b:?}"));
            }
        }
    }
    p
}

fn assert_no_problems(p: Vec<String>) {
    assert!(p.is_empty(), "{} problem(s):\n{}", p.len(), p.join("\n"));
}

#[test]
fn real_pages_printed_with_their_borders_read_like_their_html() {
    assert_no_problems(problems("ruled"));
}

#[test]
fn real_pages_printed_without_table_borders_read_like_their_html() {
    assert_no_problems(problems("bare"));
}
