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
    /// a blank first value. The mapper decides, knowing the row's width. In a row line with no
    /// value at all, its empty cells after the last label: a row left wholly blank, or padding.
    LeadingEmpty,
    /// An empty cell of a row line after its last value: a blank last cell, padding of a number
    /// merged over several columns, or the row's right border ("… | 3 |"). The mapper decides,
    /// knowing the row's width.
    TrailingEmpty,
    /// End of an explicit row (" | " or tab-separated line).
    RowEnd,
}

#[derive(Debug, Clone)]
pub struct Token {
    pub kind: TokenKind,
    /// Normalised byte range of the cell text (for labels joined over lines: first to last line).
    pub range: Range<usize>,
    /// Index of the cell in its row line (" | ", tab or space-aligned row; a "|" border at the
    /// start of the line leaves cell 0 empty); None for a line that is not a row. Layouts that
    /// write every cell of the grid keep a column's index the same on every row.
    pub cell: Option<usize>,
    /// An empty "cell" outside a "|" at the end of a row line, in a table whose row lines mostly
    /// have that "|" (a border: "|a|b|", "a | b |"): not a cell of the table. Where the rows
    /// mostly have no such "|", an empty edge cell is a blank cell (" | 3 | 4", "3 | 4 | ").
    pub border: bool,
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
    let borders = pipe_borders(doc, lines.clone());
    // Tab rows (a Word or Excel copy): a row's blank cells at either end are tabs the trimmed
    // line has lost, and a row left blank after its label has no tab left at all.
    let tab_rows = doc.lines[lines.clone()].iter().filter(|l| doc.line_text(l).contains('\t')).count() >= 3;
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
                    out.push(Token { kind: TokenKind::Value(Value::Empty), range: at..at, cell: None, border: false });
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
        let (row, start) = if tab_rows { with_edge_tabs(doc, line.range.clone(), t) } else { (t, line.range.start) };
        if row.contains(['|', '\t', '｜']) {
            label_open = false;
            row_line(row, start, borders, &mut out);
            continue;
        }
        if let Some(cells) = space_cells(t).or_else(|| space_header_cells(t)) {
            label_open = false;
            emit_row(t, cells, line.range.start, (false, false), &mut out);
            continue;
        }
        match parse_value(t) {
            Some(v) => {
                label_open = false;
                out.push(Token { kind: TokenKind::Value(v), range: line.range.clone(), cell: None, border: false });
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
                out.push(Token { kind: TokenKind::Label, range: line.range.clone(), cell: None, border: false });
            }
        }
    }
    out
}

/// A line of a table of tab rows with the tabs that trimming the line took off its ends put back:
/// they are its blank first and last cells ("\t\t3\t4\t": two blank cells before the numbers,
/// one after; "（一）予以公开\t\t\t…": a row left blank), which keep the other cells in their
/// columns. A line without a tab after its text stays as it is (a label on a line of its own).
fn with_edge_tabs<'d>(doc: &'d Document, range: Range<usize>, t: &'d str) -> (&'d str, usize) {
    let text = doc.norm.text.as_str();
    if t.len() != range.len() || !text[range.end..].starts_with('\t') && !t.contains('\t') {
        return (t, range.start);
    }
    let start = range.start - text[..range.start].bytes().rev().take_while(|&b| b == b'\t').count();
    let end = range.end + text[range.end..].bytes().take_while(|&b| b == b'\t').count();
    (&text[start..end], start)
}

/// Whether the table's " | " row lines are drawn with a left and a right border: nearly all of
/// them start (end) with "|". A border is on every line, so lines whose edge cell holds text and
/// no "|" are rare (an excerpt cut inside a row, at most). Where they are not rare, the "|" at the
/// edge of the other lines is a blank edge cell: an HTML table whose 总计 column is left blank in
/// most rows ("258 | 12 |  |  | 1 | 1 | ", 上海市政府办公厅 2019) has most lines ending in "|",
/// and no border.
fn pipe_borders(doc: &Document, lines: Range<usize>) -> (bool, bool) {
    let (mut rows, mut left, mut right) = (0usize, 0usize, 0usize);
    for line in &doc.lines[lines] {
        let t = doc.line_text(line);
        if t.split(['|', '｜']).filter(|c| !c.trim().is_empty()).count() < 2 {
            continue;
        }
        rows += 1;
        left += usize::from(t.starts_with(['|', '｜']));
        right += usize::from(t.ends_with(['|', '｜']));
    }
    let border = |edged: usize| edged * 2 > rows && (rows - edged) * 10 <= rows;
    (border(left), border(right))
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
        // Not a line of prose that happens to end in a figure ("…上年结转0件；办结0", a paragraph
        // wrapped after a number): a label has no clause punctuation outside its brackets.
        let mut depth = 0i32;
        let sentence = stem.chars().any(|c| {
            match c {
                '(' | '（' => depth += 1,
                ')' | '）' => depth -= 1,
                _ => {}
            }
            depth <= 0 && matches!(c, '，' | '。' | '；' | ',' | ';')
        });
        if digits > 0 && cjk >= 2 && !sentence && stem.chars().last().is_some_and(crate::text::normalize::is_cjk) {
            return Some(vec![0..stem.len(), stem.len()..t.len()]);
        }
        return None;
    }
    // "行政事业性收费11 -1": a first value glued to its label counts towards the values.
    let glued = |w: &Range<usize>| {
        let word = &t[w.clone()];
        let digits = word.bytes().rev().take_while(u8::is_ascii_digit).count();
        digits > 0 && word[..word.len() - digits].chars().last().is_some_and(crate::text::normalize::is_cjk)
    };
    let tail_with_glued = tail + usize::from(tail < all.len() && glued(&all[all.len() - tail - 1]));
    if tail_with_glued < 2 || tail == all.len() && all.len() < 3 {
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

/// The cells of a header row of a space-aligned table ("结果维持    结果纠正    其他结果"): short
/// labels two or more spaces apart, no value. Each is a label of its own, as in " | " rows, and
/// the line is not joined with the next as one cell split over lines (which would make the
/// table's header words one long label, too long to be taken for the table's anchor).
fn space_header_cells(t: &str) -> Option<Vec<Range<usize>>> {
    let mut cells: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    let mut gap = 0;
    for (i, c) in t.char_indices() {
        if c == ' ' {
            gap += 1;
            continue;
        }
        if gap >= 2 {
            cells.push(start..i - gap);
            start = i;
        }
        gap = 0;
    }
    cells.push(start..t.len() - gap);
    let short = |r: &Range<usize>| (1..=20).contains(&t[r.clone()].chars().count());
    let sentence = |r: &Range<usize>| t[r.clone()].contains(['。', '，', '；', ',']);
    (cells.len() >= 2 && cells.iter().all(|r| short(r) && !sentence(r) && parse_value(&t[r.clone()]).is_none()))
        .then_some(cells)
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

fn row_line(t: &str, offset: usize, table_borders: (bool, bool), out: &mut Vec<Token>) {
    let mut cells: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for (i, c) in t.char_indices() {
        if matches!(c, '|' | '\t' | '｜') {
            cells.push(start..i);
            start = i + c.len_utf8();
        }
    }
    cells.push(start..t.len());
    // A leading or trailing "|" leaves an empty edge cell: the table's border ("|a|b|") where
    // its rows are drawn with one, else a blank first or last cell of " | "-separated cells
    // (" | 3 | 4", "3 | 4 | "). Either way the cell is kept, marked, for the mapper.
    let blank = |r: Option<&Range<usize>>| r.is_some_and(|r| t[r.clone()].trim().is_empty());
    let borders = (
        table_borders.0 && t.trim_start().starts_with(['|', '｜']) && blank(cells.first()),
        table_borders.1 && t.trim_end().ends_with(['|', '｜']) && blank(cells.last()),
    );
    emit_row(t, cells, offset, borders, out);
}

/// Tokens of one row's cells: labels, values, and the row's end. Blank cells before the first
/// value and after the last are left to the mapper (`LeadingEmpty`, `TrailingEmpty`): they may be
/// blank cells or padding of merged cells. `borders`: whether the first and the last cell are
/// outside the table's border.
fn emit_row(t: &str, cells: Vec<Range<usize>>, offset: usize, borders: (bool, bool), out: &mut Vec<Token>) {
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
    let written = |(_, v, blank): &(Range<usize>, Option<Value>, bool)| v.is_some() && !blank;
    let last_value = parsed.iter().rposition(written);
    let last_label = parsed.iter().rposition(|(_, v, blank)| v.is_none() && !blank);
    let n = parsed.len();
    let before = out.len();
    let mut seen_value = false;
    for (i, (range, value, blank)) in parsed.into_iter().enumerate() {
        let kind = match value {
            // A row without values: the empty cells after its labels may be a row left blank
            // ("（一）予以公开 |  |  | …"); others (before or between labels) are merged cells.
            _ if blank && last_value.is_none() => match last_label {
                Some(l) if i > l => TokenKind::LeadingEmpty,
                _ => continue,
            },
            _ if blank && !seen_value => TokenKind::LeadingEmpty,
            _ if blank && last_value.is_some_and(|l| i > l) => TokenKind::TrailingEmpty,
            Some(v) => {
                seen_value = true;
                TokenKind::Value(v)
            }
            None if seen_value => TokenKind::Value(Value::Invalid),
            None => TokenKind::Label,
        };
        let border = blank && ((i == 0 && borders.0) || (i + 1 == n && borders.1));
        out.push(Token { kind, range, cell: Some(i), border });
    }
    if out.len() > before {
        let end = offset + t.len()..offset + t.len();
        out.push(Token { kind: TokenKind::RowEnd, range: end, cell: None, border: false });
    }
}
