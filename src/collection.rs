//! Many reports checked together, whatever front end read them: which of them are one agency's
//! consecutive years, and one summary row per report for a spreadsheet.
//!
//! The CLI's batch mode (`batch`, files on disk, all cores) and the page's reviewer's table (files
//! dropped into the browser, wasm) both pair years and both export a summary; this is the one
//! implementation they share, so that a batch checked in either gives the same pairs and the same
//! columns.

use std::collections::HashMap;

use crate::catalogue::CODES;
use crate::result::{CheckResult, Diagnostic, SectionStatus, Severity};

/// Columns of the summary before the code columns.
pub const SUMMARY_COLUMNS: &[&str] = &[
    "file",
    "agency",
    "year",
    "era",
    "published",
    "format",
    "sections_missing",
    "errors",
    "warnings",
    "infos",
    "reason",
];

/// The summary's header: [`SUMMARY_COLUMNS`], then every code of the catalogue in its order, so
/// that summaries of different batches line up column for column.
pub fn summary_header() -> Vec<&'static str> {
    SUMMARY_COLUMNS.iter().copied().chain(CODES.iter().map(|c| c.code)).collect()
}

/// The summary row of the report shown as `name`: its facts, counts, why it could not be
/// checked (empty when it was), and a count per code of the catalogue.
pub fn summary_row(name: &str, r: &CheckResult) -> Vec<String> {
    let d = &r.document;
    let missing: Vec<&str> = r.sections.iter().filter(|s| s.status == SectionStatus::Missing).map(|s| s.id).collect();
    let reason = r.not_checked_reason();
    let mut row = vec![
        text_cell(name),
        text_cell(d.agency.as_deref().unwrap_or("")),
        d.year.map(|y| y.to_string()).unwrap_or_default(),
        d.era.map(|e| e.as_str().to_string()).unwrap_or_default(),
        text_cell(d.published.as_deref().unwrap_or("")),
        if reason.is_some() { String::new() } else { r.source.format.to_string() },
        missing.join(";"),
        r.summary.errors.to_string(),
        r.summary.warnings.to_string(),
        r.summary.infos.to_string(),
        reason.unwrap_or("").to_string(),
    ];
    row.extend(CODES.iter().map(|c| r.diagnostics.iter().filter(|d| d.code == c.code).count().to_string()));
    row
}

/// The summary row of a roster agency with no report: no file, its name as the agency, the
/// finding's message as the reason, and 1 under the finding's code.
pub fn missing_row(agency: &str, finding: &Diagnostic) -> Vec<String> {
    let count = |s: Severity| usize::from(finding.severity == s).to_string();
    let mut row = vec![String::new(), text_cell(agency)];
    row.extend(std::iter::repeat_n(String::new(), 5));
    row.extend([count(Severity::Error), count(Severity::Warning), count(Severity::Info), finding.message.clone()]);
    row.extend(CODES.iter().map(|c| usize::from(c.code == finding.code).to_string()));
    row
}

/// Text from a file (its name, its agency as the title says) for a spreadsheet cell: one that
/// starts like a formula (`=`, `+`, `-`, `@`) gets a leading `'`, so that opening the CSV in
/// Excel never evaluates what a report's author wrote.
pub fn text_cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// The same agency's consecutive years among checked reports, as (previous, current) indexes
/// into `reports`, each report given with the key that orders the batch (its path or name).
///
/// Reports pair when [`crate::consecutive`] says so: both annual reports, the same agency as read
/// from the title, years Y-1 and Y. When one agency has several files for a year (the same report
/// as .docx and as a web page), the first by key is the previous year of every file of the next
/// year. Pairs come in the order of the keys of their later years.
pub fn year_pairs<K: Ord>(reports: &[(K, &CheckResult)]) -> Vec<(usize, usize)> {
    let mut by_key: Vec<usize> = (0..reports.len()).collect();
    by_key.sort_by(|&a, &b| reports[a].0.cmp(&reports[b].0));
    let mut first: HashMap<(&str, u16), usize> = HashMap::new();
    for &i in &by_key {
        let r = reports[i].1;
        if let (Some(agency), Some(year), false) = (&r.document.agency, r.document.year, r.is_unusable_input()) {
            if r.document.is_annual_report {
                first.entry((agency.as_str(), year)).or_insert(i);
            }
        }
    }
    by_key
        .iter()
        .filter_map(|&cur| {
            let d = &reports[cur].1.document;
            let prev = *first.get(&(d.agency.as_deref()?, d.year?.checked_sub(1)?))?;
            crate::consecutive(reports[prev].1, reports[cur].1).then_some((prev, cur))
        })
        .collect()
}
