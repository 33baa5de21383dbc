//! The orchestrator: input → [`Report`] → checks → [`CheckResult`]. Nothing else.

use crate::format::Era;
use crate::input::{self, Extracted, InputError};
use crate::profile::Profile;
use crate::report::{Report, Source};
use crate::result::{CheckResult, Diagnostic, Script, SCHEMA_VERSION};

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// File name shown in results; also a hint for the kind of file.
    pub name: String,
    /// Force an era instead of deriving it from the report year.
    pub era: Option<Era>,
}

/// A file checked: its result, and the report it was read as (None when it could not be read).
#[derive(Debug)]
pub struct Checked {
    pub result: CheckResult,
    pub report: Option<Report>,
}

impl Checked {
    /// The text read from the file, which the result's spans point into ("" when unread).
    pub fn text(&self) -> &str {
        self.report.as_ref().map_or("", |r| r.text.as_str())
    }
}

/// Checks a file's bytes of any supported kind and encoding.
pub fn check_bytes(bytes: &[u8], opts: &Options) -> CheckResult {
    check_file(bytes, opts).result
}

/// Reads and checks a file's bytes, keeping the text read and the analysed report.
pub fn check_file(bytes: &[u8], opts: &Options) -> Checked {
    check_file_with(bytes, opts, None)
}

/// [`check_file`] under a rule profile (the national rules when None).
pub fn check_file_with(bytes: &[u8], opts: &Options, profile: Option<&Profile>) -> Checked {
    match input::read(bytes, &opts.name).and_then(|ex| analyse(ex, opts)) {
        Ok(report) => Checked { result: check_report_with(&report, profile), report: Some(report) },
        Err(e) => Checked { result: unusable(opts, &e), report: None },
    }
}

/// Checks text already extracted from a file; spans point into `ex.text`.
pub fn check_extracted(ex: &Extracted, opts: &Options) -> CheckResult {
    match analyse(ex.clone(), opts) {
        Ok(report) => check_report(&report),
        Err(e) => unusable(opts, &e),
    }
}

/// Checks text the caller already has (pasted into the page, read from stdin).
pub fn check_text(text: &str, opts: &Options) -> CheckResult {
    check_text_with(text, opts, None)
}

/// [`check_text`] under a rule profile (the national rules when None).
pub fn check_text_with(text: &str, opts: &Options, profile: Option<&Profile>) -> CheckResult {
    match input::pasted(text).and_then(|ex| analyse(ex, opts)) {
        Ok(report) => check_report_with(&report, profile),
        Err(e) => unusable(opts, &e),
    }
}

/// Checks this year's report `text` with last year's report of the same agency beside it: the
/// result of `text`, plus the cross-year findings.
pub fn check_pair(previous_text: &str, text: &str, opts: &Options) -> CheckResult {
    check_pair_with(previous_text, text, opts, None)
}

/// [`check_pair`] under a rule profile (the national rules when None).
pub fn check_pair_with(previous_text: &str, text: &str, opts: &Options, profile: Option<&Profile>) -> CheckResult {
    let previous = input::pasted(previous_text).and_then(|ex| analyse(ex, &Options::default()));
    match input::pasted(text).and_then(|ex| analyse(ex, opts)) {
        Ok(report) => {
            let mut result = check_report_with(&report, profile);
            if let Ok(previous) = &previous {
                add_cross_year(&mut result, &report, previous, profile);
            }
            result
        }
        Err(e) => unusable(opts, &e),
    }
}

/// Reads extracted text as a report.
pub fn analyse(ex: Extracted, opts: &Options) -> Result<Report, InputError> {
    input::within_limits(&ex.text)?;
    let source = Source {
        name: opts.name.clone(),
        format: ex.format,
        encoding: ex.encoding,
        limits: ex.limits,
        pages: ex.pages,
    };
    Ok(Report::analyse(ex.text, source, opts.era))
}

/// The result of every check on `report`.
pub fn check_report(report: &Report) -> CheckResult {
    let mut result = report.result();
    result.diagnostics = crate::checks::run(report);
    result.describe_places();
    result.summarize();
    result
}

/// The result of every check on `report` under a rule profile (the national rules when None).
pub fn check_report_with(report: &Report, profile: Option<&Profile>) -> CheckResult {
    let mut result = check_report(report);
    if let Some(p) = profile {
        p.apply(report, &mut result);
    }
    result
}

/// Adds the cross-year findings of `current` against last year's report to its result, under the
/// profile's code settings when one is given (one place for the CLI's batch, the page's and pairs).
pub fn add_cross_year(result: &mut CheckResult, current: &Report, previous: &Report, profile: Option<&Profile>) {
    result.diagnostics.extend(crate::checks::run_pair(previous, current));
    result.describe_places();
    match profile {
        Some(p) => p.adjust(result),
        None => result.summarize(),
    }
}

/// The result for an input that could not be checked at all: one `input.*` diagnostic saying why.
pub fn unusable(opts: &Options, e: &InputError) -> CheckResult {
    not_checked(opts, e.code(), e.message())
}

/// The shape of every input that could not be checked: one error of `code`, no sections.
pub fn not_checked(opts: &Options, code: &'static str, message: String) -> CheckResult {
    let mut r = CheckResult::empty(&opts.name, "text", "unknown", Script::Simplified);
    r.diagnostics.push(Diagnostic::new(code, crate::result::Severity::Error, message));
    r.summarize();
    debug_assert_eq!(r.schema_version, SCHEMA_VERSION);
    r
}
