//! Table text as a stream of label and value tokens, whatever the layout.
//!
//! Tables arrive one cell per line (blank or "|" lines between cells, header words split over
//! lines), as " | " rows, as tab-separated rows, or as PDF text with page footers inside. All of
//! them become the same stream: labels, values, and the end of each explicit row. Mapping onto a
//! format happens later, by labels and by the order the format fixes.

use std::ops::Range;

use crate::text::document::{Document, LineKind};
use crate::text::value::{parse_value, Value};

#[derive(Debug, Clone, PartialEq)]
pub enum TokenKind {
    Label,
    Value(Value),
    /// An empty cell of a row line before its first value: label padding of merged cells, or
    /// a blank first value. The mapper decides, knowing the row's width.
    LeadingEmpty,
    /// End of an explicit row (" | " or tab-separated line).
    RowEnd,
}

#[derive(Debug, Clone)]
pub struct Token {
    pub kind: TokenKind,
    /// Normalised byte range of the cell text (for labels joined over lines: first to last line).
    pub range: Range<usize>,
}

impl Token {
    pub fn is_value(&self) -> bool {
        matches!(self.kind, TokenKind::Value(_))
    }
}

fn is_rule_line(t: &str) -> bool {
    !t.is_empty() && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '+' | '=' | '｜'))
}

/// Tokens of the lines `lines` of `doc`.
pub fn tokenize(doc: &Document, lines: Range<usize>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let cells_per_line = one_cell_per_piped_line(doc, lines.clone());
    // Consecutive label lines with nothing between them are one cell split over lines.
    let mut label_open = false;
    for line in &doc.lines[lines] {
        match line.kind {
            LineKind::Blank | LineKind::Chrome => {
                label_open = false;
                continue;
            }
            LineKind::PageFooter => continue,
            LineKind::Heading(_) | LineKind::Text => {}
        }
        let mut t = doc.line_text(line);
        if cells_per_line {
            // "X |" is the cell X; "|" alone is a blank cell; "|||" pads a row.
            let cell = t.trim_end().trim_end_matches(['|', '｜']).trim_end();
            if cell.is_empty() {
                if t.trim().chars().filter(|c| matches!(c, '|' | '｜')).count() == 1 {
                    let at = line.range.start + t.find(['|', '｜']).unwrap_or(0);
                    out.push(Token { kind: TokenKind::Value(Value::Empty), range: at..at });
                }
                label_open = false;
                continue;
            }
            if !cell.contains(['|', '｜', '\t']) {
                t = cell;
            }
        }
        if is_rule_line(t) {
            label_open = false;
            continue;
        }
        if t.contains(['|', '\t', '｜']) {
            label_open = false;
            row_line(t, line.range.start, &mut out);
            continue;
        }
        match parse_value(t) {
            Some(v) => {
                label_open = false;
                out.push(Token { kind: TokenKind::Value(v), range: line.range.clone() });
            }
            None => {
                // A cell split over lines continues until a sentence ends or a new numbered
                // label or block header begins.
                let starts_new = crate::text::document::numbering(t).is_some() || t.starts_with("第二十条");
                if label_open && !starts_new {
                    if let Some(last) = out.last_mut() {
                        if !doc.text(&last.range).ends_with(['。', ':']) {
                            last.range.end = line.range.end;
                            continue;
                        }
                    }
                }
                label_open = true;
                out.push(Token { kind: TokenKind::Label, range: line.range.clone() });
            }
        }
    }
    out
}

/// Whether a table is written one cell per line, each cell followed by "|" (a blank cell a line
/// of its own "|", rows padded with "|||"): how some sites' pages copy out. Then a "|" line is a
/// blank cell, never nothing, so the cells after it keep their columns.
fn one_cell_per_piped_line(doc: &Document, lines: Range<usize>) -> bool {
    let (mut single, mut with_text, mut piped) = (0usize, 0usize, 0usize);
    for line in &doc.lines[lines] {
        let t = doc.line_text(line).trim();
        if !t.contains(['|', '｜']) {
            continue;
        }
        piped += 1;
        let cells = t.split(['|', '｜']).filter(|c| !c.trim().is_empty()).count();
        if cells <= 1 && t.ends_with(['|', '｜']) {
            single += 1;
            with_text += cells;
        }
    }
    // Lines of text ending in "|", not "|" lines between cells written without one.
    with_text >= 8 && single * 10 >= piped * 9
}

fn row_line(t: &str, offset: usize, out: &mut Vec<Token>) {
    let mut cells: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for (i, c) in t.char_indices() {
        if matches!(c, '|' | '\t' | '｜') {
            cells.push(start..i);
            start = i + c.len_utf8();
        }
    }
    cells.push(start..t.len());
    // A leading or trailing "|" leaves an empty edge cell that is not a cell of the table.
    if t.trim_start().starts_with(['|', '｜']) && cells.first().is_some_and(|r| t[r.clone()].trim().is_empty()) {
        cells.remove(0);
    }
    if t.trim_end().ends_with(['|', '｜']) && cells.last().is_some_and(|r| t[r.clone()].trim().is_empty()) {
        cells.pop();
    }
    let trimmed = |r: &Range<usize>| {
        let s = &t[r.clone()];
        let a = r.start + (s.len() - s.trim_start().len());
        let b = (r.start + s.trim_end().len()).max(a);
        offset + a..offset + b
    };
    let parsed: Vec<(Range<usize>, Option<Value>, bool)> = cells
        .iter()
        .map(|r| {
            let s = t[r.clone()].trim();
            (trimmed(r), parse_value(s), s.is_empty())
        })
        .collect();
    let has_value = parsed.iter().any(|(_, v, blank)| v.is_some() && !blank);
    let before = out.len();
    let mut seen_value = false;
    for (range, value, blank) in parsed {
        let kind = match value {
            _ if blank && !has_value => continue,
            _ if blank && !seen_value => TokenKind::LeadingEmpty,
            Some(v) => {
                seen_value = true;
                TokenKind::Value(v)
            }
            None if seen_value => TokenKind::Value(Value::Invalid),
            None => TokenKind::Label,
        };
        out.push(Token { kind, range });
    }
    if out.len() > before {
        out.push(Token { kind: TokenKind::RowEnd, range: offset + t.len()..offset + t.len() });
    }
}
