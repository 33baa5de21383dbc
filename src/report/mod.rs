//! The analysed report: everything the checks read, built once per input.
//!
//! [`Report::analyse`] runs the reading stages in order: the text is normalised for matching
//! (with a map back to the user's characters), its lost line breaks restored, split into a [`Document`] of lines, its facts read
//! (title, agency, year, era), its required sections found and its tables mapped onto the era's
//! format. Checks and cross-year comparisons read a `Report`; nothing is parsed twice. A
//! `Report` also locates: it turns the ranges stages work in into spans of the user's own text.

mod contract;
pub mod facts;
pub mod reflow;
pub mod sections;
pub mod tables;
pub mod tokens;

use std::ops::Range;

use crate::format::{Era, SectionRule};
use crate::input::Limits;
use crate::result::{Script, Span};
use crate::text::document::{Document, LineKind};
use crate::text::normalize::{self, NormText};

pub use facts::Facts;
pub use sections::FoundSection;
pub use tables::{Cell, MappedTable};

/// What the input was before it became text.
#[derive(Debug, Clone)]
pub struct Source {
    /// The file's name, or "" for pasted text.
    pub name: String,
    /// The reader that read it: "text", "html", "docx".
    pub format: &'static str,
    pub encoding: &'static str,
    /// Limits reached while reading: reported, never silently applied.
    pub limits: Limits,
    /// Where each page of a PDF starts in the text (bytes); empty for inputs without pages.
    pub pages: Vec<usize>,
}

#[derive(Debug)]
pub struct Report {
    /// The text the user's spans point into (as typed, or as read from the file).
    pub text: String,
    pub source: Source,
    pub script: Script,
    pub doc: Document,
    pub facts: Facts,
    /// The era the report is checked against; None when it is not an annual report.
    pub era: Option<Era>,
    pub sections: Vec<FoundSection>,
    pub tables: Vec<MappedTable>,
    /// The running text: body lines without chrome and without the tables, wrapped lines
    /// joined; its own offsets map back to `text`.
    pub prose: NormText,
    line_starts: Vec<usize>,
}

impl Report {
    /// Reads `text`; `era` forces an era instead of deriving it from the report year.
    pub fn analyse(text: String, source: Source, era: Option<Era>) -> Report {
        let norm = reflow::restore_line_breaks(normalize::normalize(&text));
        let script = if norm.traditional_chars >= 10 && norm.traditional_chars * 25 > norm.cjk_chars {
            Script::Traditional
        } else {
            Script::Simplified
        };
        let doc = Document::parse(norm);
        let facts = facts::read_facts(&doc);
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut report = Report {
            text,
            source,
            script,
            doc,
            facts,
            era: None,
            sections: Vec::new(),
            tables: Vec::new(),
            prose: NormText::default(),
            line_starts,
        };
        if !report.facts.is_annual_report {
            return report;
        }
        let era = era.or_else(|| report.facts.era()).unwrap_or_else(|| guess_era(&report.doc));
        let doc = &report.doc;
        // Topics may be covered by a statement in the body, so they are searched in the prose;
        // headings are searched in the whole text, and the prose is what the tables leave.
        let (sections, tables, prose) = match era.section_rule {
            SectionRule::Topics => {
                let body = body_view(doc, &[]);
                (sections::find_sections(doc, era, &body), Vec::new(), body)
            }
            SectionRule::Headings => {
                let found = sections::find_sections(doc, era, &doc.norm);
                let mapped = tables::read_tables(doc, era, &found);
                let table_ranges: Vec<Range<usize>> = mapped.iter().filter_map(|t| t.range.clone()).collect();
                let prose = body_view(doc, &table_ranges);
                (found, mapped, prose)
            }
        };
        report.era = Some(era);
        report.sections = sections;
        report.tables = tables;
        report.prose = prose;
        report
    }

    /// Pasted text as a report.
    pub fn of_text(text: &str) -> Report {
        let source = Source {
            name: String::new(),
            format: "text",
            encoding: "UTF-8",
            limits: Limits::default(),
            pages: Vec::new(),
        };
        Report::analyse(text.to_string(), source, None)
    }

    pub fn is_annual_report(&self) -> bool {
        self.era.is_some()
    }

    /// The span of a range of the user's text.
    pub fn span_of_text(&self, r: Range<usize>) -> Span {
        let line = self.line_starts.partition_point(|&s| s <= r.start).max(1);
        let line_start = self.line_starts[line - 1];
        let start = r.start.min(self.text.len());
        let column = self.text.get(line_start..start).map(|s| s.chars().count()).unwrap_or(0) + 1;
        let page = (!self.source.pages.is_empty()).then(|| self.source.pages.partition_point(|&p| p <= r.start).max(1));
        Span { start: r.start, end: r.end, line, column, page }
    }

    /// The span of a range of the normalised document.
    pub fn span_of_norm(&self, r: Range<usize>) -> Span {
        self.span_of_text(self.doc.norm.original_range(r))
    }

    /// The span of a range of the prose view.
    pub fn span_of_prose(&self, r: Range<usize>) -> Span {
        self.span_of_text(self.prose.original_range(r))
    }

    /// The user's own text at a range of the normalised document.
    pub fn raw(&self, r: Range<usize>) -> &str {
        self.text.get(self.doc.norm.original_range(r)).unwrap_or("")
    }

    pub fn table(&self, id: &str) -> Option<&MappedTable> {
        self.tables.iter().find(|t| t.spec.id == id)
    }

    pub fn section(&self, id: &str) -> Option<&FoundSection> {
        self.sections.iter().find(|s| s.spec.id == id)
    }
}

/// Without a year, the tables' own words tell the era; a report without them is of the oldest.
fn guess_era(doc: &Document) -> Era {
    crate::format::EraSpec::identified_by(&doc.norm.text).unwrap_or_else(Era::oldest)
}

/// The report's running text: lines that are not chrome, page furniture or inside `exclude`,
/// with lines wrapped by a PDF joined back (no separator) and headings ending their line.
fn body_view(doc: &Document, exclude: &[Range<usize>]) -> NormText {
    let parts = doc.lines.iter().filter_map(|line| {
        let kept = matches!(line.kind, LineKind::Text | LineKind::Heading(_))
            && !exclude.iter().any(|r| r.start <= line.range.start && line.range.end <= r.end);
        // A heading ends its clause even when the next line goes on without punctuation.
        let sep = matches!(&line.kind, LineKind::Heading(h) if !h.inline_body).then_some('\n');
        kept.then(|| (line.range.clone(), sep))
    });
    doc.norm.view(parts)
}
