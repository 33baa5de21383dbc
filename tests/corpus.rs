//! The real corpus: every report in tests/fixtures/ with a block in tests/fixtures/expect/*.txt
//! is checked, and every expectation written there by reading the report is asserted. With
//! `--nocapture` (`make corpus`) it prints one row per file: verdict, errors and how many
//! expectations hold. The format is described in tests/fixtures/README.md.

use std::fmt::Write as _;
use std::path::Path;

use nianbao::result::{CheckResult, Number, Severity};
use nianbao::{check_bytes, Options};

struct Expectation {
    line: usize,
    text: String,
    /// The reason, when the checker is known not to meet it yet.
    pending: Option<String>,
}

struct Block {
    file: String,
    source: String,
    expectations: Vec<Expectation>,
}

fn blocks() -> Vec<(String, Block)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/expect");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).collect();
    files.retain(|p| p.extension().is_some_and(|x| x == "txt"));
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let mut current: Option<Block> = None;
        for (k, raw) in text.lines().enumerate() {
            let line = raw.split(" #").next().unwrap().trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(file) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                out.extend(current.take().map(|b| (name.clone(), b)));
                current = Some(Block { file: file.to_string(), source: String::new(), expectations: Vec::new() });
                continue;
            }
            let block = current.as_mut().unwrap_or_else(|| panic!("{name}:{}: expectation before any [file]", k + 1));
            if let Some(s) = line.strip_prefix("source:") {
                block.source = s.trim().to_string();
                continue;
            }
            let (text, pending) = match line.split_once("!pending") {
                Some((t, why)) => (t.trim().to_string(), Some(why.trim().to_string())),
                None => (line.to_string(), None),
            };
            block.expectations.push(Expectation { line: k + 1, text, pending });
        }
        out.extend(current.take().map(|b| (name.clone(), b)));
    }
    out
}

fn number_matches(value: Option<Number>, expected: &str) -> bool {
    let expected = expected.trim();
    if ["", "blank", "empty", "/", "—", "-"].contains(&expected) {
        return value.is_none();
    }
    let Ok(e) = expected.replace(',', "").parse::<f64>() else { return false };
    value.is_some_and(|v| (v.as_f64() - e).abs() < 1e-9)
}

/// Whether `r` meets the expectation `text`; Err says what was found instead.
fn holds(r: &CheckResult, text: &str) -> Result<(), String> {
    let (key, value) = text.split_once(':').ok_or("no “key: value”")?;
    let (key, value) = (key.trim(), value.trim());
    let d = &r.document;
    let codes = || r.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>().join(" ");
    let check = |ok: bool, found: String| if ok { Ok(()) } else { Err(found) };
    let mut words = key.split_whitespace();
    match words.next().unwrap_or("") {
        "report" => check(d.is_annual_report == (value == "yes"), format!("is_annual_report {}", d.is_annual_report)),
        "title" => check(d.title.as_deref() == Some(value), format!("{:?}", d.title)),
        "agency" => check(d.agency.as_deref() == Some(value), format!("{:?}", d.agency)),
        "level" => {
            let level = serde_json::to_value(d.agency_level).unwrap();
            check(level == value, format!("{level}"))
        }
        "year" => check(d.year.map(|y| y.to_string()).as_deref() == Some(value), format!("{:?}", d.year)),
        "era" => check(d.era.map(|e| e.as_str()) == Some(value), format!("{:?}", d.era.map(|e| e.as_str()))),
        "published" => {
            check(d.published.as_deref().is_some_and(|p| p.starts_with(value)), format!("{:?}", d.published))
        }
        "errors" => {
            let errors: Vec<String> = r
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| format!("{}: {}", d.code, d.message))
                .collect();
            check(errors.len().to_string() == value, errors.join("; "))
        }
        "no" => check(!r.diagnostics.iter().any(|d| d.code == value), codes()),
        "has" => {
            let mut parts = value.split_whitespace();
            let code = parts.next().unwrap_or("");
            let id = parts.next();
            let found = r
                .diagnostics
                .iter()
                .any(|x| x.code == code && id.is_none_or(|id| x.section == Some(id) || x.table == Some(id)));
            check(found, codes())
        }
        "section" => {
            let id = words.next().ok_or("section without id")?;
            let s = r.sections.iter().find(|s| s.id == id);
            let status = s.map(|s| serde_json::to_value(s.status).unwrap().as_str().unwrap().to_string());
            check(status.as_deref() == Some(value), format!("{status:?}"))
        }
        "table" => {
            let id = words.next().ok_or("table without id")?;
            let t = r.tables.iter().find(|t| t.id == id);
            let status = t.map(|t| serde_json::to_value(t.status).unwrap().as_str().unwrap().to_string());
            check(status.as_deref() == Some(value), format!("{status:?}"))
        }
        "cell" => {
            let (table, row, column) = (words.next(), words.next(), words.next());
            let (Some(table), Some(row), Some(column)) = (table, row, column) else {
                return Err("cell needs table, row and column".into());
            };
            let c = r.cell(table, row, column);
            check(c.is_some_and(|c| number_matches(c.value, value)), format!("{:?}", c.map(|c| (c.value, &c.raw))))
        }
        other => Err(format!("unknown expectation “{other}”")),
    }
}

fn verdict(r: &CheckResult) -> String {
    if r.is_unusable_input() {
        "unreadable".into()
    } else if !r.document.is_annual_report {
        "not a report".into()
    } else {
        format!("{} errors, {} warnings", r.summary.errors, r.summary.warnings)
    }
}

#[test]
fn every_expectation_of_the_corpus_holds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let blocks = blocks();
    assert!(!blocks.is_empty());
    let mut table = String::from("file | verdict | errors | expectations held\n");
    let mut failures = Vec::new();
    let (mut held, mut total, mut pending) = (0, 0, 0);
    for (expect_file, block) in &blocks {
        let path = root.join(&block.file);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", block.file));
        let r = check_bytes(&bytes, &Options { name: block.file.clone(), era: None });
        let mut ok = 0;
        let mut waiting = 0;
        for e in &block.expectations {
            let outcome = holds(&r, &e.text);
            match (&outcome, &e.pending) {
                (Ok(()), None) => ok += 1,
                (Err(_), Some(_)) => waiting += 1,
                (Err(found), None) => {
                    failures.push(format!("{expect_file}:{} [{}] {} — found {found}", e.line, block.file, e.text))
                }
                (Ok(()), Some(_)) => failures.push(format!(
                    "{expect_file}:{} [{}] {} — holds now: take off its !pending",
                    e.line, block.file, e.text
                )),
            }
        }
        held += ok;
        pending += waiting;
        total += block.expectations.len();
        let errors = r.summary.errors;
        let _ = writeln!(
            table,
            "{} | {} | {} | {}/{}{}",
            block.file,
            verdict(&r),
            errors,
            ok,
            block.expectations.len() - waiting,
            if waiting > 0 { format!(" ({waiting} pending)") } else { String::new() }
        );
        let _ = &block.source;
    }
    let _ =
        writeln!(table, "{} files: {held} of {} expectations hold, {pending} pending", blocks.len(), total - pending);
    println!("{table}");
    assert!(failures.is_empty(), "{} expectations fail:\n{}", failures.len(), failures.join("\n"));
}
