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
        if let Some(cells) = space_cells(t) {
            label_open = false;
            emit_row(t, cells, line.range.start, &mut out);
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

/// The cells of a row aligned with spaces, as pdftotext -layout and PDF viewers copy tables:
/// columns apart by two or more spaces ("一、本年新收…数量      3001     53    0"), or a label
/// followed by numbers one space apart ("…数量3001 53 0 0 61 4 3119", the first number joined
/// to the label where the text was normalised). None for a line that is not such a row.
fn space_cells(t: &str) -> Option<Vec<Range<usize>>> {
    let is_value = |s: &str| parse_value(s).is_some();
    // Runs of two or more spaces separate columns; within a column, numbers one space apart are
    // cells of their own.
    let mut cells: Vec<Range<usize>> = Vec::new();
    let mut start = None;
    let mut gap = 0;
    for (i, c) in t.char_indices() {
        if c == ' ' {
            gap += 1;
            continue;
        }
        if let Some(s) = start {
            if gap >= 2 {
                cells.push(s..i - gap);
                start = None;
            }
        }
        if start.is_none() {
            start = Some(i);
        }
        gap = 0;
    }
    if let Some(s) = start {
        cells.push(s..t.len() - gap);
    }
    let mut split: Vec<Range<usize>> = Vec::new();
    for r in cells {
        let words: Vec<Range<usize>> = words(t, r.clone());
        if words.len() > 1 && words.iter().all(|w| is_value(&t[w.clone()])) {
            split.extend(words);
        } else {
            split.push(r);
        }
    }
    let values = split.iter().skip(1).filter(|r| is_value(&t[(*r).clone()])).count();
    if split.len() >= 2 && values >= 1 && split.iter().skip(1).all(|r| is_value(&t[r.clone()])) {
        return Some(split);
    }
    // One space apart: the longest run of values at the end of the line.
    let all = words(t, 0..t.len());
    let tail = all.iter().rev().take_while(|w| is_value(&t[(*w).clone()])).count();
    // "行政许可447228": a label and its one number, joined where the text was normalised.
    if all.len() == 1 {
        let digits = t.bytes().rev().take_while(|b| b.is_ascii_digit() || *b == b'.').count();
        let digits = digits - t[t.len() - digits..].bytes().take_while(|&b| b == b'.').count();
        let stem = &t[..t.len() - digits];
        let cjk = stem.chars().filter(|&c| crate::text::normalize::is_cjk(c)).count();
        if digits > 0 && cjk >= 2 && stem.chars().last().is_some_and(crate::text::normalize::is_cjk) {
            return Some(vec![0..stem.len(), stem.len()..t.len()]);
        }
        return None;
    }
    if tail < 2 || tail == all.len() && all.len() < 3 {
        return None;
    }
    let mut out: Vec<Range<usize>> = Vec::new();
    let head = &all[..all.len() - tail];
    if let (Some(first), Some(last)) = (head.first(), head.last()) {
        let label = first.start..last.end;
        // "…数量3001": digits glued to a label by normalisation are its first value.
        let digits = t[label.clone()].bytes().rev().take_while(u8::is_ascii_digit).count();
        let stem = &t[label.start..label.end - digits];
        if digits > 0 && stem.chars().last().is_some_and(|c| !c.is_ascii()) {
            out.push(label.start..label.end - digits);
            out.push(label.end - digits..label.end);
        } else {
            out.push(label);
        }
    }
    out.extend(all[all.len() - tail..].iter().cloned());
    Some(out)
}

/// The space-separated words of `t` within `r`.
fn words(t: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in t[r.clone()].char_indices() {
        let at = r.start + i;
        match (c == ' ', start) {
            (true, Some(s)) => {
                out.push(s..at);
                start = None;
            }
            (false, None) => start = Some(at),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..r.end);
    }
    out
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
    emit_row(t, cells, offset, out);
}

/// Tokens of one row's cells: labels, values (a blank cell before the first value is left to
/// the mapper), and the row's end.
fn emit_row(t: &str, cells: Vec<Range<usize>>, offset: usize, out: &mut Vec<Token>) {
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
