//! Table text as a stream of label and value tokens, whatever the layout.
//!
//! Tables arrive one cell per line (blank or "|" lines between cells, header words split over
//! lines), as " | " rows, as tab-separated rows, or as PDF text with page footers inside. All of
//! them become the same stream: labels, values, and the end of each explicit row. Mapping onto a
//! format happens later, by labels and by the order the format fixes.

use std::ops::Range;

use crate::document::{Document, LineKind};
use crate::result::Number;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Number(Number),
    /// Blank, "—", "-", "/", "无": recorded as empty, not as 0.
    Empty,
    /// Text where a number belongs ("约5", "若干").
    Invalid,
}

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

const EMPTY_MARKERS: &[&str] = &["", "—", "——", "-", "--", "―", "–", "/", "\\", "无", "空", "/ ", "—/—", "×"];
const UNITS: &[&str] = &["万元", "亿元", "元", "件", "个", "项", "条", "次", "%"];

/// Reads a cell's text as a value, or None when it is a label.
pub fn parse_value(s: &str) -> Option<Value> {
    let s = s.trim();
    if EMPTY_MARKERS.contains(&s) {
        return Some(Value::Empty);
    }
    let mut body = s;
    for u in UNITS {
        if let Some(b) = body.strip_suffix(u) {
            body = b.trim_end();
            break;
        }
    }
    let (neg, digits) = match body.as_bytes().first()? {
        b'-' => (true, &body[1..]),
        b'+' => (false, &body[1..]),
        _ => (false, body),
    };
    let digits = digits.trim_start();
    let d = digits.as_bytes();
    if d.is_empty() || !d[0].is_ascii_digit() {
        return None;
    }
    // Digits with thousands commas before an optional decimal point: "1,234", "160.5964".
    let dot = d.iter().position(|&c| c == b'.');
    let whole = &d[..dot.unwrap_or(d.len())];
    let fraction = dot.map(|p| &d[p + 1..]);
    if !whole.iter().all(|&c| c.is_ascii_digit() || c == b',') || whole.last() == Some(&b',') {
        return None;
    }
    if fraction.is_some_and(|f| f.is_empty() || !f.iter().all(u8::is_ascii_digit)) {
        return None;
    }
    // No report counts to 10^15; longer numbers are damage, and keeping values below that keeps
    // every sum of a table far inside i64.
    if whole.iter().filter(|c| c.is_ascii_digit()).count() > 15 {
        return Some(Value::Invalid);
    }
    let int = whole.iter().filter(|c| c.is_ascii_digit()).fold(0i64, |v, &c| v * 10 + i64::from(c - b'0'));
    let sign = if neg { -1 } else { 1 };
    match fraction {
        None => Some(Value::Number(Number::Int(sign * int))),
        // Parsed as written (without commas), so the value is the nearest double to the text.
        Some(_) => {
            let v: f64 =
                if whole.contains(&b',') { digits.replace(',', "").parse().ok()? } else { digits.parse().ok()? };
            Some(Value::Number(Number::Dec(sign as f64 * v)))
        }
    }
}

fn is_rule_line(t: &str) -> bool {
    !t.is_empty() && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '+' | '=' | '｜'))
}

/// Tokens of the lines `lines` of `doc`.
pub fn tokenize(doc: &Document, lines: Range<usize>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
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
        let t = doc.line_text(line);
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
                let starts_new = crate::document::numbering(t).is_some() || t.starts_with("第二十条");
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values() {
        assert_eq!(parse_value("805"), Some(Value::Number(Number::Int(805))));
        assert_eq!(parse_value("-3"), Some(Value::Number(Number::Int(-3))));
        assert_eq!(parse_value("160.5964万元"), Some(Value::Number(Number::Dec(160.5964))));
        assert_eq!(parse_value("251000元"), Some(Value::Number(Number::Int(251000))));
        assert_eq!(parse_value("1,234"), Some(Value::Number(Number::Int(1234))));
        assert_eq!(parse_value("1,234.5"), Some(Value::Number(Number::Dec(1234.5))));
        assert_eq!(parse_value("96171.6"), Some(Value::Number(Number::Dec(96171.6))));
        assert_eq!(parse_value("0.1"), Some(Value::Number(Number::Dec(0.1))));
        assert_eq!(parse_value("12,"), None);
        assert_eq!(parse_value("1.2.3"), None);
        assert_eq!(parse_value("99999999999999999999"), Some(Value::Invalid));
        assert_eq!(parse_value("—"), Some(Value::Empty));
        assert_eq!(parse_value("/"), Some(Value::Empty));
        assert_eq!(parse_value("1.属于国家秘密"), None);
        assert_eq!(parse_value("规章"), None);
        assert_eq!(parse_value("1."), None);
    }
}
