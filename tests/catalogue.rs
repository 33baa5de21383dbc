//! The catalogue is the one list of diagnostic codes: the code tables of the README and of
//! docs/output-contract.md are generated from it, and every finding the checker makes on real and
//! generated reports carries its code's declared severity.

mod common;

use std::path::Path;

use nianbao::catalogue::{self, CODES};
use nianbao::{check_bytes, check_pair, check_text, Options};

const START: &str =
    "<!-- codes: generated from src/catalogue.rs; NIANBAO_WRITE_DOCS=1 cargo test --test catalogue rewrites it -->\n";
const END: &str = "<!-- /codes -->";

/// The text between the markers in `file`; with NIANBAO_WRITE_DOCS=1, rewritten first.
fn generated_part(file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let a = text.find(START).unwrap_or_else(|| panic!("{file} has no code table marker")) + START.len();
    let b = a + text[a..].find(END).unwrap_or_else(|| panic!("{file} has no end marker"));
    if std::env::var_os("NIANBAO_WRITE_DOCS").is_some() {
        let rewritten = format!("{}{}{}", &text[..a], catalogue::markdown_table(), &text[b..]);
        std::fs::write(&path, &rewritten).unwrap();
        return catalogue::markdown_table();
    }
    text[a..b].to_string()
}

#[test]
fn code_tables_in_the_docs_are_the_catalogue() {
    for file in ["README.md", "docs/output-contract.md"] {
        assert_eq!(
            generated_part(file),
            catalogue::markdown_table(),
            "{file}: run NIANBAO_WRITE_DOCS=1 cargo test --test catalogue"
        );
    }
}

#[test]
fn every_code_is_declared_once_with_a_meaning() {
    let mut seen = std::collections::BTreeSet::new();
    for c in CODES {
        assert!(seen.insert(c.code), "{} declared twice", c.code);
        assert!(!c.when.is_empty(), "{} says when it is reported", c.code);
        let prefix = c.code.split('.').next().unwrap();
        assert!(
            ["input", "doc", "section", "table", "text", "crossyear", "profile", "batch"].contains(&prefix),
            "{}",
            c.code
        );
    }
}

/// Findings on every real report and on generated reports with planted faults: each code is in
/// the catalogue and carries its declared severity.
#[test]
fn findings_carry_their_declared_severity() {
    use common::gen::{CellKey, Era, Layout, Report, Val};
    let mut results = Vec::new();
    for f in common::FIXTURES {
        results.push(check_text(&common::fixture(f), &Options::default()));
    }
    for f in ["real/pingtan-2015.html", "real/pingtan-2022.html", "real/pingtan-county-2012.html"] {
        results.push(check_bytes(common::fixture(f).as_bytes(), &Options { name: f.into(), era: None }));
    }
    let last = Report::generate(Era::E2021, 7);
    let mut this = Report::generate(Era::E2021, 8);
    this.set(&CellKey::new("applications", "3.1", "natural_person"), Val::int(9999));
    results.push(check_pair(&last.render(Layout::TabRows), &this.render(Layout::TabRows), &Options::default()));
    results.push(check_bytes(b"", &Options::default()));
    let mut codes = std::collections::BTreeSet::new();
    for r in &results {
        for d in &r.diagnostics {
            let declared = catalogue::lookup(d.code).unwrap_or_else(|| panic!("{} is not in the catalogue", d.code));
            assert_eq!(d.severity, declared.severity, "{}", d.code);
            codes.insert(d.code);
        }
    }
    // The sample reaches the main families of codes.
    for code in ["input.empty", "doc.not_annual_report", "section.missing", "table.row_sum", "crossyear.repetition"] {
        assert!(codes.contains(code), "{code} not reached: {codes:?}");
    }
}
