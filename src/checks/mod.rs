//! The checks: one list, each a function that reads the analysed [`Report`] and writes what it
//! found to a [`Findings`] sink.
//!
//! A check names a code and says what it found and where, in whichever range it works with
//! ([`At`]); the sink takes severity and the default hint from the [`crate::catalogue`] and maps
//! the range to a span of the user's text, once, in one place. Adding a check is one function,
//! one entry in [`CHECKS`] (or [`PAIR_CHECKS`] for two years), and one row in the catalogue for
//! each new code. Model: autocorrect's rule list and ripgrep's `Sink`.

pub mod arithmetic;
pub mod crossyear;
mod document;
mod input;
pub mod narrative;
mod sections;
mod statements;
mod tables;
mod writing;

use std::ops::Range;

use crate::report::Report;
use crate::result::{CellRef, Diagnostic, Number, Span};

/// Which inputs a check applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every input that could be read, report or not.
    Any,
    /// Annual reports only.
    Reports,
}

pub struct Check {
    pub name: &'static str,
    pub scope: Scope,
    pub run: fn(&Report, &mut Findings),
}

/// Every single-report check, in the order its findings are listed.
pub const CHECKS: &[Check] = &[
    Check { name: "not_annual_report", scope: Scope::Any, run: document::not_annual_report },
    Check { name: "year_unknown", scope: Scope::Reports, run: document::year_unknown },
    Check { name: "year", scope: Scope::Reports, run: document::year },
    Check { name: "deadline", scope: Scope::Reports, run: document::deadline },
    Check { name: "sections", scope: Scope::Reports, run: sections::coverage },
    Check { name: "section_order", scope: Scope::Reports, run: sections::order },
    Check { name: "section_statements", scope: Scope::Reports, run: sections::statements },
    Check { name: "tables", scope: Scope::Reports, run: tables::tables },
    Check { name: "section_thin", scope: Scope::Reports, run: sections::thin },
    Check { name: "numbering", scope: Scope::Reports, run: writing::numbering },
    Check { name: "narrative", scope: Scope::Reports, run: narrative::narrative },
    Check { name: "contradiction", scope: Scope::Reports, run: statements::contradiction },
    Check { name: "percentage", scope: Scope::Reports, run: statements::percentage },
    Check { name: "date_malformed", scope: Scope::Reports, run: writing::date_malformed },
    Check { name: "typo", scope: Scope::Reports, run: writing::typo },
    Check { name: "input_limits", scope: Scope::Any, run: input::limits },
];

pub struct PairCheck {
    pub name: &'static str,
    /// `(last year's report, this year's report, findings about this year's)`.
    pub run: fn(&Report, &Report, &mut Findings),
}

/// Checks of a report against the same agency's report of the year before.
pub const PAIR_CHECKS: &[PairCheck] = &[
    PairCheck { name: "carry_over", run: crossyear::carry_over },
    PairCheck { name: "in_force", run: crossyear::in_force },
    PairCheck { name: "repetition", run: crossyear::repetition },
    PairCheck { name: "tables_identical", run: crossyear::tables_identical },
    PairCheck { name: "section_repeated", run: crossyear::section_repeated },
];

/// Runs every check that applies to `report`.
pub fn run(report: &Report) -> Vec<Diagnostic> {
    let mut findings = Findings::new(report);
    for check in CHECKS {
        if check.scope == Scope::Any || report.is_annual_report() {
            (check.run)(report, &mut findings);
        }
    }
    findings.into_diagnostics()
}

/// Runs the cross-year checks of `current` against `previous`.
pub fn run_pair(previous: &Report, current: &Report) -> Vec<Diagnostic> {
    let mut findings = Findings::new(current);
    if current.is_annual_report() {
        for check in PAIR_CHECKS {
            (check.run)(previous, current, &mut findings);
        }
    }
    findings.into_diagnostics()
}

/// Where a finding is, in the range a check works with.
#[derive(Debug, Clone)]
pub enum At {
    /// A range of the normalised document (lines, tokens, cells).
    Norm(Range<usize>),
    /// A range of the prose view (sentences, clauses).
    Prose(Range<usize>),
    /// A range of the user's own text.
    Text(Range<usize>),
}

/// The sink the checks write to.
pub struct Findings<'r> {
    report: &'r Report,
    found: Vec<Diagnostic>,
}

impl<'r> Findings<'r> {
    pub fn new(report: &'r Report) -> Findings<'r> {
        Findings { report, found: Vec::new() }
    }

    /// Records a finding of `code` and returns it for the details. Severity and the default hint
    /// come from the catalogue.
    pub fn add(&mut self, code: &'static str, message: impl Into<String>) -> Finding<'_> {
        let declared = crate::catalogue::lookup(code);
        debug_assert!(declared.is_some(), "code {code} is not in the catalogue");
        let severity = declared.map_or(crate::result::Severity::Error, |c| c.severity);
        let mut d = Diagnostic::new(code, severity, message);
        d.hint = declared.map(|c| c.hint).filter(|h| !h.is_empty()).map(str::to_string);
        self.found.push(d);
        Finding { report: self.report, d: self.found.last_mut().expect("just pushed") }
    }

    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.found
    }
}

/// A finding being recorded: its place and details.
pub struct Finding<'f> {
    report: &'f Report,
    d: &'f mut Diagnostic,
}

impl Finding<'_> {
    pub fn at(self, at: At) -> Self {
        let span = match at {
            At::Norm(r) => self.report.span_of_norm(r),
            At::Prose(r) => self.report.span_of_prose(r),
            At::Text(r) => self.report.span_of_text(r),
        };
        self.span(Some(span))
    }

    pub fn at_opt(self, at: Option<At>) -> Self {
        match at {
            Some(at) => self.at(at),
            None => self,
        }
    }

    pub fn span(self, span: Option<Span>) -> Self {
        self.d.span = span;
        self
    }

    pub fn section(self, id: &'static str) -> Self {
        self.d.section = Some(id);
        self
    }

    pub fn section_opt(self, id: Option<&'static str>) -> Self {
        self.d.section = id;
        self
    }

    pub fn table(self, id: &'static str) -> Self {
        self.d.table = Some(id);
        self
    }

    pub fn cells(self, cells: impl IntoIterator<Item = CellRef>) -> Self {
        self.d.cells = cells.into_iter().collect();
        self
    }

    pub fn suggestion(self, s: Option<crate::result::Suggestion>) -> Self {
        self.d.suggestion = s;
        self
    }

    pub fn expected(self, n: i64) -> Self {
        self.d.expected = Some(Number::Int(n));
        self
    }

    pub fn actual(self, n: i64) -> Self {
        self.d.actual = Some(Number::Int(n));
        self
    }

    /// Replaces the catalogue's hint with one specific to this finding.
    pub fn hint(self, hint: impl Into<String>) -> Self {
        self.d.hint = Some(hint.into());
        self
    }
}
