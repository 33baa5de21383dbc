//! The result every front end shares (`docs/output-contract.md`).
//!
//! These types are the end of the pipeline: plain data, serialised with serde as snake_case JSON.
//! Spans are byte offsets into the decoded text here; the wasm binding converts them to UTF-16
//! code units for JavaScript callers.

use serde::Serialize;

use crate::format;

pub use crate::format::{AgencyLevel, Era};
pub use crate::text::value::Number;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize)]
pub struct CheckResult {
    pub schema_version: u32,
    pub source: SourceInfo,
    pub document: DocumentFacts,
    pub sections: Vec<SectionResult>,
    pub tables: Vec<TableResult>,
    pub diagnostics: Vec<Diagnostic>,
    pub summary: Summary,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceInfo {
    pub name: String,
    pub format: &'static str,
    pub encoding: &'static str,
    pub script: Script,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Script {
    Simplified,
    Traditional,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct DocumentFacts {
    pub is_annual_report: bool,
    pub title: Option<String>,
    pub agency: Option<String>,
    pub agency_level: AgencyLevel,
    pub year: Option<u16>,
    pub era: Option<Era>,
    pub published: Option<String>,
    pub index_number: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionStatus {
    Present,
    Mentioned,
    Missing,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionResult {
    pub id: &'static str,
    pub title: &'static str,
    pub status: SectionStatus,
    pub heading: Option<String>,
    pub span: Option<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TableStatus {
    Present,
    Missing,
    Unreadable,
}

#[derive(Debug, Clone, Serialize)]
pub struct TableResult {
    pub id: &'static str,
    pub title: &'static str,
    pub status: TableStatus,
    pub variant: Option<Era>,
    pub span: Option<Span>,
    pub cells: Vec<CellResult>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CellResult {
    pub row: String,
    pub column: &'static str,
    pub value: Option<Number>,
    pub raw: String,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    /// The 1-based page of a PDF the span starts on; absent for inputs without pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CellRef {
    pub row: String,
    pub column: &'static str,
}

/// The one cell that explains every failed equation of a table, and the value that makes them
/// all hold: "1298 很可能应为 1288".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub table: &'static str,
    pub row: String,
    pub column: &'static str,
    pub value: Number,
}

#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<CellRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// On an equation's finding: the cell most likely wrong and its likely value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<Suggestion>,
    /// Where the finding is, in words a reader of the printed report can follow without line
    /// numbers: "表三（一）予以公开 · 自然人", "第五部分 存在的主要问题及改进情况" (see
    /// [`CheckResult::describe_places`]); absent for findings about the whole document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
}

impl Diagnostic {
    pub fn new(code: &'static str, severity: Severity, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity,
            message: message.into(),
            span: None,
            section: None,
            table: None,
            cells: Vec::new(),
            expected: None,
            actual: None,
            hint: None,
            suggestion: None,
            place: None,
        }
    }

    pub fn error(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(code, Severity::Error, message)
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(code, Severity::Warning, message)
    }

    pub fn info(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(code, Severity::Info, message)
    }

    pub fn with_span(mut self, span: Option<Span>) -> Self {
        self.span = span;
        self
    }

    pub fn with_section(mut self, section: &'static str) -> Self {
        self.section = Some(section);
        self
    }

    pub fn with_table(mut self, table: &'static str) -> Self {
        self.table = Some(table);
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub sections_present: usize,
    pub sections_required: usize,
}

impl CheckResult {
    /// A result with nothing found yet.
    pub fn empty(name: &str, format: &'static str, encoding: &'static str, script: Script) -> CheckResult {
        CheckResult {
            schema_version: SCHEMA_VERSION,
            source: SourceInfo { name: name.to_string(), format, encoding, script },
            document: DocumentFacts::default(),
            sections: Vec::new(),
            tables: Vec::new(),
            diagnostics: Vec::new(),
            summary: Summary::default(),
        }
    }

    /// Counts the diagnostics and sections into `summary`.
    pub fn summarize(&mut self) {
        let count = |s: Severity| self.diagnostics.iter().filter(|d| d.severity == s).count();
        self.summary = Summary {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            sections_present: self.sections.iter().filter(|s| s.status == SectionStatus::Present).count(),
            sections_required: self.sections.len(),
        };
    }

    /// True when the input itself could not be checked (empty, binary, unknown encoding):
    /// the CLI exits 2 for these.
    pub fn is_unusable_input(&self) -> bool {
        // Only an error stops a check; input.table_too_large is a warning about a file that was read.
        self.diagnostics.iter().any(|d| d.code.starts_with("input.") && d.severity == Severity::Error)
    }

    /// Why the input could not be checked at all, in Chinese; None when it was checked.
    pub fn not_checked_reason(&self) -> Option<&str> {
        self.diagnostics
            .iter()
            .find(|d| d.severity == Severity::Error && d.code.starts_with("input."))
            .map(|d| d.message.as_str())
    }

    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }

    /// Rewrites every span from byte offsets into `text` to UTF-16 code units, the offsets
    /// JavaScript strings use (`textarea.setSelectionRange`).
    pub fn spans_to_utf16(&mut self, text: &str) {
        let mut spans: Vec<&mut Span> = Vec::new();
        spans.extend(self.sections.iter_mut().filter_map(|s| s.span.as_mut()));
        for t in &mut self.tables {
            spans.extend(t.span.as_mut());
            spans.extend(t.cells.iter_mut().map(|c| &mut c.span));
        }
        spans.extend(self.diagnostics.iter_mut().filter_map(|d| d.span.as_mut()));
        // One pass over the text: offsets sorted, each converted as the walk passes it.
        let mut offsets: Vec<(usize, usize, bool)> = Vec::with_capacity(spans.len() * 2);
        for (k, s) in spans.iter().enumerate() {
            offsets.push((s.start, k, true));
            offsets.push((s.end, k, false));
        }
        offsets.sort_unstable();
        // UTF-16 units of all characters before the current offset.
        let mut units = 0usize;
        let mut chars = text.char_indices().peekable();
        for (offset, k, is_start) in offsets {
            while let Some((_, c)) = chars.next_if(|&(i, _)| i < offset) {
                units += c.len_utf16();
            }
            if is_start {
                spans[k].start = units;
            } else {
                spans[k].end = units;
            }
        }
    }

    /// Names the place of every diagnostic in words, from the labels the era's format declares
    /// for its sections, tables, rows and columns.
    pub fn describe_places(&mut self) {
        let era = self.document.era;
        let variants: Vec<(&'static str, Option<Era>)> = self.tables.iter().map(|t| (t.id, t.variant)).collect();
        for d in &mut self.diagnostics {
            let variant = d.table.and_then(|id| variants.iter().find(|(t, _)| *t == id)).and_then(|(_, v)| *v);
            d.place = place(d, era, variant);
        }
    }

    pub fn cell(&self, table: &str, row: &str, column: &str) -> Option<&CellResult> {
        self.tables.iter().find(|t| t.id == table)?.cells.iter().find(|c| c.row == row && c.column == column)
    }
}

/// "三、收到和处理…" → "三"; "（五）政府信息…" → "五".
fn numeral(title: &str) -> &str {
    let t = title.trim_start_matches('（');
    t.split(['、', '）']).next().unwrap_or("")
}

/// A section's place: "第五部分 存在的主要问题及改进情况".
fn section_place(title: &str) -> String {
    let n = numeral(title);
    let rest = title.trim_start_matches('（').get(n.len()..).unwrap_or("").trim_start_matches(['、', '）']);
    if n.is_empty() { title.to_string() } else { format!("第{n}部分 {rest}") }
}

/// A table's place as the report numbers it: the number of the section it stands in ("表三").
fn table_name(spec: &format::TableSpec, era: Era) -> String {
    match era.sections.iter().find(|s| s.id == spec.section).map(|s| numeral(s.title)) {
        Some(n) if !n.is_empty() => format!("表{n}"),
        _ => spec.short.to_string(),
    }
}

/// "表三（一）予以公开 · 自然人", "表二 第（五）项 行政许可 · 本年处理决定数量".
fn cell_place(spec: &format::TableSpec, name: &str, row: &str, column: Option<&str>) -> String {
    let words = |label: &str| label.replace('·', " ");
    let mut out = name.to_string();
    if let Some((block, r)) =
        spec.blocks.iter().find_map(|b| b.rows.iter().find(|r| format::is_row_id(b, r, row)).map(|r| (b, r)))
    {
        let single_row = spec.blocks.len() == 1 && block.rows.len() == 1;
        if block.article_item > 0 {
            out.push_str(&format!(" 第（{}）项", ITEMS.get(usize::from(block.article_item) - 1).unwrap_or(&"")));
        }
        if !single_row {
            if !r.label.starts_with('（') || block.article_item > 0 {
                out.push(' ');
            }
            out.push_str(&words(r.label));
        }
    }
    if let Some(c) = column.and_then(|c| spec.column(c)) {
        out.push_str(if out == name { " " } else { " · " });
        out.push_str(&words(c.label));
    }
    out
}

const ITEMS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

fn place(d: &Diagnostic, era: Option<Era>, variant: Option<Era>) -> Option<String> {
    if let Some(table) = d.table {
        let era = era.or(variant)?;
        let spec = format::variants_of(table)
            .find(|t| variant.is_some_and(|v| t.variant == v.as_str()))
            .or_else(|| era.tables.iter().find(|t| t.id == table))
            .or_else(|| format::variants_of(table).next())?;
        let name = table_name(spec, era);
        let cell = |c: &CellRef| cell_place(spec, &name, &c.row, Some(c.column));
        if let Some(s) = d.suggestion.as_ref().filter(|s| s.table == table) {
            return Some(cell_place(spec, &name, &s.row, Some(s.column)));
        }
        return Some(match d.cells.as_slice() {
            [] => format!("{name} {}", spec.title),
            [one] => cell(one),
            [first, rest @ ..] if rest.iter().all(|c| c.column == first.column) => {
                format!("{}列", cell_place(spec, &name, "", Some(first.column)))
            }
            // Cells of one row (a row's sum, the year's 规章 counts): the row, but in a table of
            // one row the first cell, an equation's left-hand side where its span points.
            [first, rest @ ..] if rest.iter().all(|c| c.row == first.row) && spec.blocks.iter().map(|b| b.rows.len()).sum::<usize>() > 1 => {
                cell_place(spec, &name, &first.row, None)
            }
            [first, ..] => cell(first),
        });
    }
    let section = d.section?;
    let era = era?;
    era.sections.iter().find(|s| s.id == section).map(|s| section_place(s.title))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_in_utf16_units() {
        let text = "a报告𠀀b 结转";
        let span = |start: usize, end: usize| Span { start, end, line: 1, column: 1, page: None };
        let mut r = CheckResult {
            schema_version: SCHEMA_VERSION,
            source: SourceInfo { name: String::new(), format: "text", encoding: "UTF-8", script: Script::Simplified },
            document: DocumentFacts::default(),
            sections: Vec::new(),
            tables: Vec::new(),
            diagnostics: vec![
                Diagnostic::error("x", "").with_span(Some(span(text.find('b').unwrap(), text.len()))),
                Diagnostic::error("y", "").with_span(Some(span(1, 7))),
            ],
            summary: Summary::default(),
        };
        r.spans_to_utf16(text);
        // JavaScript counts 𠀀 (U+20000) as two units: "a报告𠀀b 结转".indexOf("b") === 5.
        assert_eq!((r.diagnostics[0].span.unwrap().start, r.diagnostics[0].span.unwrap().end), (5, 9));
        assert_eq!((r.diagnostics[1].span.unwrap().start, r.diagnostics[1].span.unwrap().end), (1, 3));
    }
}
