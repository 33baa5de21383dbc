//! PDFs made the way agencies make them, with the real tools: generated reports written as .docx
//! and converted by LibreOffice (`soffice --headless --convert-to pdf`), and written as HTML
//! pages and printed by Chromium (`--print-to-pdf`). Each PDF must read like its source: the
//! same sections, the same table cells and the same findings; a changed cell is caught in the
//! PDF exactly as in the source.
//!
//! The tools come from `make deps-web` (Debian's `libreoffice-writer-nogui`, `fonts-noto-cjk`
//! and `chromium`). A missing tool fails the test; it never skips.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use common::formats::PageStyle;
use common::gen::{CellKey, Layout, Report, APPLICATIONS, ERAS};
use common::{findings, formats};
use nianbao::result::{CheckResult, Severity};
use nianbao::{check_bytes, Options};

fn check(bytes: &[u8], name: &str) -> CheckResult {
    check_bytes(bytes, &Options { name: name.to_string(), era: None })
}

/// The reports: two seeds of each era, and per era one report with 3.1 自然人 bumped by one
/// (its row, its column and 三's balance no longer add up).
fn reports() -> Vec<(String, Report, Option<CellKey>)> {
    let mut out = Vec::new();
    for era in ERAS {
        for seed in [1, 2] {
            out.push((format!("{}-{seed}", era.as_str()), Report::generate(era, seed), None));
        }
        let rep = Report::generate(era, 3);
        let key = CellKey::new(APPLICATIONS, "3.1", "natural_person");
        let bumped = rep.get(key.table, &key.row, key.column).bumped(1);
        out.push((format!("{}-3-changed", era.as_str()), rep.with_cell(&key, bumped), Some(key)));
    }
    out
}

fn text_of(rep: &Report) -> String {
    rep.render(Layout::TabRows)
}

/// What is wrong with `pdf` read against its `source`, and the changed cell, if any, named.
fn problems(what: &str, source: &CheckResult, pdf: &CheckResult, changed: &Option<CellKey>) -> Vec<String> {
    let mut p = Vec::new();
    if pdf.source.format != "pdf" {
        p.push(format!("{what}: read as {}", pdf.source.format));
    }
    let (a, b) = (findings(source), findings(pdf));
    let only_source: Vec<_> = a.difference(&b).collect();
    let only_pdf: Vec<_> = b.difference(&a).collect();
    if !only_source.is_empty() || !only_pdf.is_empty() {
        p.push(format!("{what}: source only {only_source:#?}\n{what}: PDF only {only_pdf:#?}"));
    }
    let names = |r: &CheckResult, key: &CellKey| {
        r.diagnostics.iter().any(|d| {
            d.severity == Severity::Error
                && d.code.starts_with("table.")
                && d.cells.iter().any(|c| c.row == key.row && c.column == key.column)
        })
    };
    match changed {
        Some(key) => {
            assert!(names(source, key), "{what}: the source itself must name {key}");
            if !names(pdf, key) {
                p.push(format!("{what}: no error of the PDF names the changed cell {key}"));
            }
        }
        None => {
            let errors: Vec<_> = pdf.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
            if !errors.is_empty() {
                p.push(format!("{what}: errors in a clean report's PDF: {errors:#?}"));
            }
        }
    }
    p
}

/// A fresh directory under the target's tmp, removed first if a previous run left it.
fn work_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs a tool, failing with what to install when it is not there.
fn run(tool: &str, args: &[String]) -> std::process::Output {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("{tool} cannot be run ({e}): run `make deps-web`, which installs chromium, libreoffice-writer-nogui and fonts-noto-cjk")
    });
    assert!(
        out.status.success(),
        "{tool} failed ({}): {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn assert_no_problems(problems: Vec<String>) {
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}

/// .docx → PDF by LibreOffice, all files in one call (it takes seconds to start).
#[test]
fn libreoffice_pdfs_read_like_their_docx() {
    assert_no_problems(libreoffice_pdfs("generated-pdf-libreoffice", &reports(), formats::docx_with_borders));
}

/// Word files whose tables have no borders at all, exported by LibreOffice: no ruling lines, so
/// the tables are rebuilt from where their text stands (labels wrapped over many lines in narrow
/// cells, top-aligned; tables and a header cut by page breaks).
#[test]
fn libreoffice_pdfs_of_borderless_docx_read_like_their_docx() {
    assert_no_problems(libreoffice_pdfs(
        "generated-pdf-libreoffice-borderless",
        &reports(),
        formats::docx_without_borders,
    ));
}

/// The reports written as .docx by `docx` and exported by LibreOffice; what is wrong with each PDF.
fn libreoffice_pdfs(
    dir: &str,
    reports: &[(String, Report, Option<CellKey>)],
    docx: fn(&str) -> Vec<u8>,
) -> Vec<String> {
    let dir = work_dir(dir);
    let mut files = Vec::new();
    for (name, rep, _) in reports {
        let path = dir.join(format!("{name}.docx"));
        std::fs::write(&path, docx(&text_of(rep))).unwrap();
        files.push(path);
    }
    let out = convert_with_libreoffice(&dir, &files);

    let mut p = Vec::new();
    for ((name, rep, changed), docx) in reports.iter().zip(&files) {
        let source = check(&std::fs::read(docx).unwrap(), "r.docx");
        let pdf_path = out.join(format!("{name}.pdf"));
        let pdf = std::fs::read(&pdf_path).unwrap_or_else(|e| panic!("{}: {e}", pdf_path.display()));
        p.extend(problems(&format!("LibreOffice {name}"), &source, &check(&pdf, "r.pdf"), changed));
        p.extend(paragraphs_kept(&format!("LibreOffice {name}"), &text_of(rep), &pdf));
    }
    p
}

/// The .docx `files` converted to PDF by LibreOffice, all in one call (it takes seconds to
/// start); the directory of the PDFs.
fn convert_with_libreoffice(dir: &Path, files: &[PathBuf]) -> PathBuf {
    let out = dir.join("pdf");
    // A profile of its own: a LibreOffice already running with the default one would take the
    // job over and this call would return before the files are written.
    let profile = format!("-env:UserInstallation=file://{}", dir.join("profile").display());
    let mut args: Vec<String> =
        [profile.as_str(), "--headless", "--convert-to", "pdf", "--outdir"].map(String::from).to_vec();
    args.push(out.display().to_string());
    args.extend(files.iter().map(|f| f.display().to_string()));
    let started = Instant::now();
    run("soffice", &args);
    eprintln!("soffice: {} files in {:.1} s", files.len(), started.elapsed().as_secs_f64());
    out
}

/// HTML page → PDF by Chromium's print.
#[test]
fn chromium_pdfs_read_like_their_html() {
    assert_no_problems(chromium_pdfs("generated-pdf-chromium", &reports(), PageStyle::Plain));
}

/// Pages that print the report inside a frame, as many government CMS pages do: a bordered
/// layout table with the page's metadata rows, a bordered box, a frame flush with the report's
/// tables. The frame holds the prose and the tables; it is no table itself.
#[test]
fn chromium_pdfs_of_framed_pages_read_like_their_html() {
    // One clean report and one changed per era, in each frame.
    let reports: Vec<_> = reports().into_iter().filter(|(name, _, _)| !name.ends_with("-2")).collect();
    let mut p = Vec::new();
    for style in PageStyle::FRAMED {
        p.extend(chromium_pdfs(&format!("generated-pdf-{style:?}"), &reports, style));
    }
    assert_no_problems(p);
}

/// Pages whose report tables are drawn with no borders at all (`border: none`): no ruling
/// lines, so the tables are rebuilt from where their text stands.
#[test]
fn chromium_pdfs_of_borderless_tables_read_like_their_html() {
    assert_no_problems(chromium_pdfs("generated-pdf-borderless", &reports(), PageStyle::Borderless));
}

/// A note row across the whole of table 三 ("注：…。", a sentence in a cell as wide as the
/// table) is no frame around the report: the table stays one table, read like its HTML.
#[test]
fn chromium_pdf_of_a_table_with_a_note_row_reads_like_its_html() {
    let dir = work_dir("generated-pdf-note-row");
    let mut p = Vec::new();
    for (name, rep, changed) in reports().into_iter().filter(|(name, _, _)| name.starts_with("2021")) {
        let page = formats::html_page(&text_of(&rep), "utf-8", &format!("{}-01-15", rep.year + 1));
        let at = page.find("四、结转下年度继续办理").expect("table 三's last row");
        let row = page[..at].rfind("<tr>").expect("its row");
        let note =
            "<tr><td colspan=\"10\"><p><span>注：本表所列申请均为本机关收到的申请，不含转办件。</span></p></td></tr>\n";
        let page = format!("{}{note}{}", &page[..row], &page[row..]);
        let (html, pdf_path) = (dir.join(format!("{name}.html")), dir.join(format!("{name}.pdf")));
        std::fs::write(&html, &page).unwrap();
        print_to_pdf(&dir, &html, &pdf_path);
        let pdf = std::fs::read(&pdf_path).unwrap();
        p.extend(problems(
            &format!("Chromium note row {name}"),
            &check(page.as_bytes(), "r.html"),
            &check(&pdf, "r.pdf"),
            &changed,
        ));
    }
    assert_no_problems(p);
}

/// The same in a Word file exported by LibreOffice, where the note's cell is exactly as wide
/// as the ruled table: a sentence in a full-width cell, yet a row of the table, not a frame
/// around the report, so the table is not cut in two at the note.
#[test]
fn libreoffice_pdf_of_a_table_with_a_note_row_keeps_it_whole() {
    const NOTE: &str = "注：本表所列申请均为本机关收到的申请，不含转办件。";
    let reports: Vec<_> = reports()
        .into_iter()
        .filter(|(name, _, _)| name.starts_with("2021"))
        .map(|(name, rep, changed)| (name, text_of(&rep), changed))
        .collect();
    let dir = work_dir("generated-pdf-note-row-libreoffice");
    let mut p = Vec::new();
    let files: Vec<PathBuf> = reports
        .iter()
        .map(|(name, text, _)| {
            let path = dir.join(format!("{name}.docx"));
            std::fs::write(&path, formats::docx_with_note_row(text, "四、结转下年度继续办理", NOTE)).unwrap();
            path
        })
        .collect();
    let out = convert_with_libreoffice(&dir, &files);
    for ((name, _, changed), docx) in reports.iter().zip(&files) {
        let source = std::fs::read(docx).unwrap();
        let pdf = std::fs::read(out.join(format!("{name}.pdf"))).unwrap();
        let what = format!("LibreOffice note row {name}");
        p.extend(problems(&what, &check(&source, "r.docx"), &check(&pdf, "r.pdf"), changed));
        let read = nianbao::input::read(&pdf, "r.pdf").map(|e| e.text).unwrap_or_default();
        let lines: Vec<&str> = read.lines().collect();
        let at = lines.iter().position(|l| *l == NOTE);
        let whole = at.is_some_and(|i| {
            i > 0 && lines[i - 1].contains("（七）总计") && lines.get(i + 1).is_some_and(|l| l.starts_with("四、结转"))
        });
        if !whole {
            let around = at.map(|i| lines[i.saturating_sub(2)..(i + 3).min(lines.len())].join("\n"));
            p.push(format!("{what}: table 三 cut at its note: {around:?}"));
        }
    }
    assert_no_problems(p);
}

/// Chromium's print of the page `html` to `pdf`.
fn print_to_pdf(dir: &Path, html: &Path, pdf: &Path) {
    let print = format!("--print-to-pdf={}", pdf.display());
    let profile = format!("--user-data-dir={}", dir.join("profile").display());
    let url = format!("file://{}", html.display());
    let args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", &profile, &print, &url]
        .map(String::from);
    run("chromium", &args);
}

/// The reports printed by Chromium from their page in `style`; what is wrong with each PDF.
fn chromium_pdfs(dir: &str, reports: &[(String, Report, Option<CellKey>)], style: PageStyle) -> Vec<String> {
    let dir = work_dir(dir);
    let mut p = Vec::new();
    let started = Instant::now();
    for (name, rep, changed) in reports {
        let text = text_of(rep);
        let page = formats::html_page_styled(&text, "utf-8", &format!("{}-01-15", rep.year + 1), style);
        let html = dir.join(format!("{name}.html"));
        std::fs::write(&html, &page).unwrap();
        let pdf_path = dir.join(format!("{name}.pdf"));
        print_to_pdf(&dir, &html, &pdf_path);
        let source = check(page.as_bytes(), "r.html");
        let pdf = std::fs::read(&pdf_path).unwrap_or_else(|e| panic!("{}: {e}", pdf_path.display()));
        let what = format!("Chromium {style:?} {name}");
        p.extend(problems(&what, &source, &check(&pdf, "r.pdf"), changed));
        p.extend(paragraphs_kept(&what, &text, &pdf));
    }
    eprintln!("chromium {style:?}: {} files in {:.1} s", reports.len(), started.elapsed().as_secs_f64());
    p
}

/// The report's paragraphs each read as one line of the PDF's text: prose is not run together
/// nor put into a table's cell.
fn paragraphs_kept(what: &str, tab_text: &str, pdf: &[u8]) -> Vec<String> {
    let read = nianbao::input::read(pdf, "r.pdf").map(|e| e.text).unwrap_or_default();
    let lines: std::collections::HashSet<&str> = read.lines().map(str::trim).collect();
    let missing: Vec<String> = formats::parts(tab_text)
        .into_iter()
        .filter_map(|part| match part {
            formats::Part::Line(l) if !lines.contains(l.trim()) => Some(l),
            _ => None,
        })
        .collect();
    if missing.is_empty() {
        return Vec::new();
    }
    vec![format!("{what}: {} paragraph(s) not read as a line of their own: {missing:#?}", missing.len())]
}
