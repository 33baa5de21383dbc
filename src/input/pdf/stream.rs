//! Tables drawn without rules, rebuilt from where their text stands.
//!
//! Why: many reports' tables have no ruling lines in the PDF. A web page printed with its
//! tables' borders switched off, a Word file whose table style draws none: lattice reading
//! (`layout.rs`) finds no grid there, and read as lines the table falls apart: a label wrapped
//! over several lines lands on lines of its own, away from its numbers, a row of numbers with
//! no label runs into the paragraph above it, and a statistics table can be lost. Like Tabula's
//! and pdfplumber's "stream" mode, such a table is read here from the alignment of its text,
//! and handed on as a table exactly as a ruled one is, so the rest of the pipeline is the same.
//!
//! The statistics tables have a label column on the left and numeric columns. A row is
//! anchored by a line that ends in numbers set apart by wide gaps; the lines between anchors
//! that stay left of the numbers are the labels' wrapped parts (joined to the row above in a
//! layout whose cells are top-aligned, as Word's are, or to the nearest row when the numbers
//! are centred between a label's lines, as a web page draws them); the numbers fall into
//! column bands; the lines just above the first row whose words sit over the bands are the
//! header, a word spanning several bands a header cell spanning their columns.
//!
//! Precision first: a false table costs more than a missed one, so a region becomes a table
//! only when its alignment is consistent: two rows or more whose numbers fall into the same
//! bands (most rows filling every band), or, for a single row or a single band, a header line
//! above with words over the bands. Every line inside must stay clear of the numeric bands or
//! be such a row, so a paragraph, which runs across the column, ends the region. Otherwise the
//! lines stay lines and the text reader speaks.

use super::layout::{join_wrapped, starts_item, Block, Cell, Line, Table};

/// Pieces of a line at most this many character sizes apart are one run of words.
const RUN_GAP: f64 = 0.8;
/// A number is a table's cell only when this many sizes clear of the text on its left.
const NUMBER_GAP: f64 = 0.6;
/// Lines of a header, at most.
const MAX_HEADER_LINES: usize = 12;
/// A line of a table is at most this many sizes below the one above it (cell padding, a
/// wrapped label's lines, a row centred between two label lines).
const MAX_LINE_GAP: f64 = 4.0;

/// Lines and values of one table, at most: a report's largest table has about 30 rows and 200
/// values; a region past these is no report's table, and the work on it stays bounded.
const MAX_TABLE_LINES: usize = 1_000;
const MAX_TABLE_VALUES: usize = 4_000;

/// Words of a line standing together: pieces closer than RUN_GAP.
#[derive(Debug, Clone)]
struct Run {
    x0: f64,
    x1: f64,
    text: String,
}

/// A line as a table would see it.
struct Row<'a> {
    page: usize,
    line: &'a Line,
    runs: Vec<Run>,
    /// How many runs at its end are numbers set apart: a table row's values.
    numbers: usize,
}

impl Row<'_> {
    fn is_anchor(&self) -> bool {
        self.numbers >= 2 || (self.numbers == 1 && self.runs.len() >= 2)
    }

    fn labels(&self) -> &[Run] {
        &self.runs[..self.runs.len() - self.numbers]
    }

    fn values(&self) -> &[Run] {
        &self.runs[self.runs.len() - self.numbers..]
    }

    /// Position in the document: pages stacked.
    fn at(&self) -> f64 {
        self.page as f64 * 1e5 + self.line.y
    }
}

/// The blocks with each table drawn without rules found among consecutive lines turned into a
/// table block.
pub fn find_tables(blocks: Vec<(usize, Block)>) -> Vec<(usize, Block)> {
    let mut out = Vec::with_capacity(blocks.len());
    let mut lines: Vec<(usize, Line)> = Vec::new();
    for (page, block) in blocks {
        match block {
            Block::Line(line) => lines.push((page, line)),
            table => {
                flush(&mut lines, &mut out);
                out.push((page, table));
            }
        }
    }
    flush(&mut lines, &mut out);
    out
}

fn flush(lines: &mut Vec<(usize, Line)>, out: &mut Vec<(usize, Block)>) {
    let found = tables_among(lines);
    let mut taken = found.into_iter().peekable();
    for (i, (page, line)) in std::mem::take(lines).into_iter().enumerate() {
        match taken.peek() {
            Some((start, end, _)) if i >= *start && i <= *end => {
                if i == *end {
                    let (_, _, table) = taken.next().expect("peeked");
                    out.push((table.1, Block::Table(table.0)));
                }
            }
            _ => out.push((page, Block::Line(line))),
        }
    }
}

fn runs(line: &Line) -> Vec<Run> {
    // Two numbers apart are two values, however close (narrow columns).
    words(line, |r, _, text| !(is_number(&r.text) && is_number(text)))
}

/// A line's pieces joined into words: a piece joins the word before it when the gap is at most
/// RUN_GAP and `joins(word, piece's left edge, piece's text)` allows it.
fn words(line: &Line, joins: impl Fn(&Run, f64, &str) -> bool) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for p in &line.pieces {
        let text = p.text.trim();
        if text.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(r) if p.x0 - r.x1 <= RUN_GAP * line.size && joins(r, p.x0, text) => {
                spaced(r, p.x0, text, line.size);
                r.text.push_str(text);
                r.x1 = r.x1.max(p.x1);
            }
            _ => out.push(Run { x0: p.x0, x1: p.x1, text: text.to_string() }),
        }
    }
    out
}

/// Sorted by `key`, stably: an insertion sort, as the lists are short (a table's values, a
/// row's labels) and the standard sort would add its own code to the wasm for each type.
fn sort_by_key<T>(v: &mut [T], key: impl Fn(&T) -> f64) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && key(&v[j - 1]) > key(&v[j]) {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// A space before `next` joining a run, where the line has one: a gap between Latin words.
fn spaced(r: &mut Run, x0: f64, next: &str, size: f64) {
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if x0 - r.x1 > 0.2 * size && latin(r.text.chars().next_back()) && latin(next.chars().next()) {
        r.text.push(' ');
    }
}

/// A value as a statistics table writes it: "12", "1,234", "87.8".
fn is_number(text: &str) -> bool {
    let t: String = text.chars().filter(|&c| c != ',').collect();
    let mut parts = t.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let frac = parts.next();
    t.chars().count() <= 12
        && !whole.is_empty()
        && whole.chars().all(|c| c.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()))
}

fn row_of(page: usize, line: &Line) -> Row<'_> {
    let runs = runs(line);
    let mut numbers = 0;
    for i in (0..runs.len()).rev() {
        let clear = i == 0 || runs[i].x0 - runs[i - 1].x1 >= NUMBER_GAP * line.size;
        if !(is_number(&runs[i].text) && clear) {
            break;
        }
        numbers += 1;
    }
    Row { page, line, runs, numbers }
}

/// Whether `b` can be the line after `a` in one table: close below it on the same page, or at
/// the top of the next page (a table cut by the page break).
fn follows(a: &Row, b: &Row, sizes: f64) -> bool {
    if a.page == b.page {
        let dy = b.line.y - a.line.y;
        dy > 0.0 && dy <= sizes * a.line.size.max(b.line.size)
    } else {
        b.page == a.page + 1
    }
}

/// A line of a label's words only: clear of the numbers, no sentence's end.
fn is_fragment(row: &Row, numbers_from: f64) -> bool {
    !row.runs.is_empty()
        && row.runs.iter().all(|r| r.x1 <= numbers_from - 0.3 * row.line.size)
        && !row.line.text.trim_end().ends_with(['。', '；', '：', ':'])
}

/// A found table: the first and last line it takes, and the table with its page.
type Found = (usize, usize, (Table, usize));

fn tables_among(lines: &[(usize, Line)]) -> Vec<Found> {
    let rows: Vec<Row> = lines.iter().map(|(page, line)| row_of(*page, line)).collect();
    let mut out: Vec<Found> = Vec::new();
    let mut floor = 0;
    let mut i = 0;
    while i < rows.len() {
        if !rows[i].is_anchor() {
            i += 1;
            continue;
        }
        let mut numbers_from = rows[i].values()[0].x0;
        let (mut last, mut k) = (i, i + 1);
        while k < rows.len() && follows(&rows[k - 1], &rows[k], MAX_LINE_GAP) {
            if rows[k].is_anchor() {
                numbers_from = numbers_from.min(rows[k].values()[0].x0);
                last = k;
            } else if !is_fragment(&rows[k], numbers_from) {
                break;
            }
            k += 1;
        }
        match build(&rows, floor, i, last) {
            Some(found) => {
                floor = found.1 + 1;
                i = floor;
                out.push(found);
            }
            None => i = last + 1,
        }
    }
    out
}

/// Columns of values: the numbers' extents, overlapping ones merged.
fn bands(rows: &[&Row]) -> Vec<(f64, f64)> {
    let mut spans: Vec<(f64, f64, f64)> =
        rows.iter().flat_map(|r| r.values().iter().map(|v| (v.x0, v.x1, r.line.size))).collect();
    sort_by_key(&mut spans, |s| s.0);
    let mut out: Vec<(f64, f64)> = Vec::new();
    for (x0, x1, size) in spans {
        match out.last_mut() {
            Some(b) if x0 <= b.1 + 0.2 * size => b.1 = b.1.max(x1),
            _ => out.push((x0, x1)),
        }
    }
    out
}

fn band_of(bands: &[(f64, f64)], r: &Run) -> Option<usize> {
    bands.iter().position(|b| r.x0 < b.1 && r.x1 > b.0 || (r.x0 >= b.0 && r.x1 <= b.1))
}

/// The table of anchors `first..=last` (with the header above and wrapped labels below), if
/// its alignment is consistent.
fn build(rows: &[Row], floor: usize, first: usize, last: usize) -> Option<Found> {
    let anchors: Vec<&Row> = rows[first..=last].iter().filter(|r| r.is_anchor()).collect();
    if last - first >= MAX_TABLE_LINES || anchors.iter().map(|a| a.numbers).sum::<usize>() > MAX_TABLE_VALUES {
        return None;
    }
    let bands = bands(&anchors);
    let size = anchors.iter().map(|r| r.line.size).fold(0.0, f64::max);
    let numbers_from = bands[0].0;
    // Every row's values in distinct bands; every label clear of the values.
    for a in &anchors {
        let mut seen: Vec<usize> = a.values().iter().filter_map(|v| band_of(&bands, v)).collect();
        let n = seen.len();
        seen.dedup();
        if seen.len() != n || n != a.numbers {
            return None;
        }
    }
    let label_right = rows[first..=last].iter().flat_map(|r| r.labels().iter()).map(|l| l.x1).fold(f64::MIN, f64::max);
    if label_right > numbers_from - 0.3 * size {
        return None;
    }
    let has_labels = label_right > f64::MIN;
    // The header: lines just above whose words sit in the label column or over the bands.
    // With no label column, nothing is left of the values' columns.
    let boundary = if has_labels { (label_right + numbers_from) / 2.0 } else { f64::MIN };
    let mut cuts: Vec<f64> = vec![boundary];
    cuts.extend(bands.windows(2).map(|w| (w[0].1 + w[1].0) / 2.0));
    // Where the values' columns start, for a heading left of them.
    let values_from = if has_labels { boundary } else { numbers_from - 0.3 * size };
    let mut top = first;
    while top > floor && first - top < MAX_HEADER_LINES && follows(&rows[top - 1], &rows[top], 3.0) {
        let h = &rows[top - 1];
        let text = h.line.text.trim_end();
        let words = split_at(h.line, &cuts);
        let fits = h.runs.iter().all(|r| r.x1 < boundary || r.x0 > boundary)
            && words.iter().all(|r| r.text.chars().count() <= 40)
            && !text.ends_with(['。', '；', '：', ':'])
            && !h.is_anchor()
            && !(is_heading(text) && h.runs.len() == 1 && over_bands(&rows[top..first], values_from));
        if !fits {
            break;
        }
        top -= 1;
    }
    let header: Vec<&Row> = rows[top..first].iter().collect();
    let consistent = {
        let full = anchors.iter().filter(|a| a.numbers == bands.len()).count();
        anchors.len() >= 2 && bands.len() >= 2 && full * 3 >= anchors.len() * 2
    };
    let header_runs: Vec<(usize, Vec<Run>)> = header.iter().map(|h| (h.page, split_at(h.line, &cuts))).collect();
    if !consistent {
        // A single row or a single column: only under a header naming the columns, a word
        // over each column of its own.
        let over = (0..bands.len())
            .filter(|&b| header_runs.iter().flat_map(|(_, rs)| rs).any(|r| columns_of(r, &cuts, size) == Some((b, b))))
            .count();
        let labelled = !has_labels || header_runs.iter().flat_map(|(_, rs)| rs).any(|r| r.x1 < boundary);
        if header.is_empty() || over * 2 < bands.len() || over == 0 || !labelled {
            return None;
        }
    }
    // The wrapped ends of the last row's label, below it.
    let mut end = last;
    while end + 1 < rows.len() {
        let r = &rows[end + 1];
        let continues = is_fragment(r, numbers_from)
            && follows(&rows[end], r, 1.8)
            && !starts_item(r.line.text.trim())
            && !r.is_anchor();
        if !continues {
            break;
        }
        end += 1;
    }
    // Which row each line between the anchors belongs to: the one above when every row's label
    // starts on the line of its numbers (cells top-aligned), else the nearest.
    let body: Vec<&Row> = rows[first..=end].iter().collect();
    let anchor_at: Vec<usize> = (0..body.len()).filter(|&k| body[k].is_anchor()).collect();
    let top_aligned = anchor_at.iter().all(|&k| !body[k].labels().is_empty());
    let mut members: Vec<Vec<&Row>> = vec![Vec::new(); anchor_at.len()];
    for (k, row) in body.iter().enumerate() {
        let owner = if let Some(a) = anchor_at.iter().position(|&at| at == k) {
            a
        } else if top_aligned {
            anchor_at.iter().rposition(|&at| at < k).unwrap_or(0)
        } else {
            (0..anchor_at.len())
                .min_by(|&a, &b| {
                    let d = |i: usize| (body[anchor_at[i]].at() - row.at()).abs();
                    d(a).total_cmp(&d(b))
                })
                .unwrap_or(0)
        };
        members[owner].push(row);
    }
    // Each row's labels: its label words in columns (words over each other joined downwards).
    let labels: Vec<Vec<String>> = members
        .iter()
        .map(|ms| {
            let mut cols: Vec<(f64, f64, Vec<String>)> = Vec::new();
            // Members come in the order of their lines, top to bottom.
            for w in ms.iter().flat_map(|m| m.labels()) {
                match cols.iter_mut().find(|c| w.x0 < c.1 && w.x1 > c.0) {
                    Some(c) => {
                        c.0 = c.0.min(w.x0);
                        c.1 = c.1.max(w.x1);
                        c.2.push(w.text.clone());
                    }
                    None => cols.push((w.x0, w.x1, vec![w.text.clone()])),
                }
            }
            sort_by_key(&mut cols, |c| c.0);
            cols.into_iter().map(|c| join_wrapped(c.2.into_iter())).collect()
        })
        .collect();
    let label_cols = labels.iter().map(Vec::len).max().unwrap_or(0);
    let mut cells: Vec<Cell> = Vec::new();
    let mut row = 0;
    for hr in header_rows(&header_runs, &cuts, size, label_cols) {
        for (col, colspan, text) in hr {
            cells.push(Cell { row, col, rowspan: 1, colspan, text });
        }
        row += 1;
    }
    for (a, ls) in labels.iter().enumerate() {
        let mut col = 0;
        if label_cols > 0 {
            if ls.is_empty() {
                cells.push(Cell { row, col: 0, rowspan: 1, colspan: label_cols, text: String::new() });
            }
            for (i, text) in ls.iter().enumerate() {
                let colspan = if i == 0 { label_cols - ls.len() + 1 } else { 1 };
                cells.push(Cell { row, col, rowspan: 1, colspan, text: text.clone() });
                col += colspan;
            }
        }
        let values = body[anchor_at[a]].values();
        for b in 0..bands.len() {
            let text =
                values.iter().find(|v| band_of(&bands, v) == Some(b)).map(|v| v.text.clone()).unwrap_or_default();
            cells.push(Cell { row, col: label_cols + b, rowspan: 1, colspan: 1, text });
        }
        row += 1;
    }
    let left = rows[top..=end].iter().flat_map(|r| r.runs.first()).map(|r| r.x0).fold(numbers_from, f64::min);
    let right = bands[bands.len() - 1].1;
    let mut xs: Vec<f64> =
        (0..label_cols).map(|i| left + (numbers_from - left) * i as f64 / label_cols as f64).collect();
    xs.push(if label_cols > 0 { cuts[0] } else { left });
    xs.extend(&cuts[1..]);
    xs.push(right);
    let table = Table { xs, rows: row, cells, top: rows[top].line.y - rows[top].line.size, bottom: rows[end].line.y };
    Some((top, end, (table, rows[top].page)))
}

/// A section's heading: "三、收到和处理政府信息公开申请情况", a Chinese numeral and "、".
fn is_heading(text: &str) -> bool {
    let mut chars = text.trim_start().chars().skip_while(|c| "一二三四五六七八九十".contains(*c));
    let numbered = text.trim_start().chars().next().is_some_and(|c| "一二三四五六七八九十".contains(c));
    numbered && chars.next() == Some('、')
}

/// Whether one of the header lines `rows` has words over the value columns: a header naming
/// the columns. A section's heading above it is the text's, not the table's, whereas a label's
/// part above the first row (its numbers centred lower) stands under no such line.
fn over_bands(rows: &[Row], boundary: f64) -> bool {
    rows.iter().any(|r| r.runs.iter().any(|run| run.x0 > boundary))
}

/// The value columns a header word sits over, first and last; None in the label column. A
/// band's column reaches from the boundary on its left to the one on its right.
fn columns_of(r: &Run, cuts: &[f64], size: f64) -> Option<(usize, usize)> {
    if r.x1 < cuts[0] {
        return None;
    }
    let column = |b: usize| (cuts[b], cuts.get(b + 1).copied().unwrap_or(f64::MAX));
    let over: Vec<usize> = (0..cuts.len())
        .filter(|&b| {
            let (c0, c1) = column(b);
            r.x1.min(c1) - r.x0.max(c0) > 0.3 * size
        })
        .collect();
    match (over.first(), over.last()) {
        (Some(&a), Some(&b)) => Some((a, b)),
        _ => {
            let c = (r.x0 + r.x1) / 2.0;
            let b = (0..cuts.len()).rposition(|b| cuts[b] <= c).unwrap_or(0);
            Some((b, b))
        }
    }
}

/// A header line's words, split where a gap between its pieces holds a column boundary (header
/// words of neighbouring columns set close together) or is wider than RUN_GAP.
fn split_at(line: &Line, cuts: &[f64]) -> Vec<Run> {
    words(line, |r, x0, _| !cuts.iter().any(|&c| r.x1 <= c && c <= x0))
}

/// The header's cells, row by row: (column, colspan, text). A word in the label column spans
/// the label columns; a word over bands spans their columns; words over the same columns on
/// consecutive lines are one wrapped cell; a cell goes on the first header row where its
/// columns are free.
fn header_rows(
    lines: &[(usize, Vec<Run>)],
    cuts: &[f64],
    size: f64,
    label_cols: usize,
) -> Vec<Vec<(usize, usize, String)>> {
    let span = |r: &Run| match columns_of(r, cuts, size) {
        None => (0, label_cols.max(1) - 1),
        Some((a, b)) => (label_cols + a, label_cols + b),
    };
    // Wrapped words joined: (span, last line index, texts).
    let mut items: Vec<((usize, usize), usize, Vec<String>)> = Vec::new();
    for (i, (_, runs)) in lines.iter().enumerate() {
        for r in runs {
            let s = span(r);
            match items.iter_mut().rev().find(|it| it.0 == s && it.1 + 1 == i) {
                Some(it) => {
                    it.1 = i;
                    it.2.push(r.text.clone());
                }
                None => items.push((s, i, vec![r.text.clone()])),
            }
        }
    }
    // Each cell in the row below the lowest cell above it over the same columns.
    let mut rows: Vec<Vec<(usize, usize, String)>> = Vec::new();
    for ((a, b), _, texts) in items {
        let text = join_wrapped(texts.into_iter());
        let overlaps = |row: &Vec<(usize, usize, String)>| row.iter().any(|c| b >= c.0 && a < c.0 + c.1);
        let at = rows.iter().rposition(overlaps).map_or(0, |r| r + 1);
        if at == rows.len() {
            rows.push(Vec::new());
        }
        rows[at].push((a, b - a + 1, text));
    }
    for row in &mut rows {
        sort_by_key(row, |c| c.0 as f64);
        // A row with nothing in the label columns: its first cell reaches over them.
        if label_cols > 0 && row.first().is_some_and(|c| c.0 == label_cols) {
            row[0].1 += label_cols;
            row[0].0 = 0;
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::super::layout::Piece;
    use super::*;

    const SIZE: f64 = 10.0;

    /// A line at `y` of words starting at the given x, each character SIZE wide.
    fn line(y: f64, words: &[(f64, &str)]) -> (usize, Line) {
        let pieces: Vec<Piece> = words
            .iter()
            .map(|&(x0, t)| Piece { text: t.to_string(), x0, x1: x0 + SIZE * t.chars().count() as f64 })
            .collect();
        let text = words.iter().map(|w| w.1).collect::<Vec<_>>().join(" ");
        let (x0, x1) = (pieces[0].x0, pieces[pieces.len() - 1].x1);
        (0, Line { text, x0, x1, y, size: SIZE, pieces })
    }

    fn rows_of(blocks: &[(usize, Block)]) -> Vec<Vec<Vec<String>>> {
        blocks
            .iter()
            .filter_map(|(_, b)| match b {
                Block::Table(t) => Some(
                    (0..t.rows)
                        .map(|r| t.cells.iter().filter(|c| c.row == r).map(|c| c.text.clone()).collect())
                        .collect(),
                ),
                Block::Line(_) => None,
            })
            .collect()
    }

    fn found(lines: Vec<(usize, Line)>) -> Vec<Vec<Vec<String>>> {
        rows_of(&find_tables(lines.into_iter().map(|(p, l)| (p, Block::Line(l))).collect()))
    }

    #[test]
    fn a_table_with_top_aligned_wrapped_labels() {
        let t = found(vec![
            line(100.0, &[(0.0, "本报告根据条例编制，数据见下表。")]),
            line(114.0, &[(0.0, "项目"), (200.0, "甲"), (260.0, "乙")]),
            line(128.0, &[(0.0, "一、本年新收"), (200.0, "16"), (260.0, "6")]),
            line(140.0, &[(0.0, "申请数量")]),
            line(154.0, &[(0.0, "二、上年结转"), (200.0, "2"), (260.0, "12")]),
            line(170.0, &[(0.0, "三、其他"), (200.0, "1"), (260.0, "0")]),
            line(190.0, &[(0.0, "四、政府信息公开行政复议、行政诉讼情况，共计二十一件，详见下表所列各项数字。")]),
        ]);
        assert_eq!(
            t,
            vec![vec![
                vec!["项目", "甲", "乙"],
                vec!["一、本年新收申请数量", "16", "6"],
                vec!["二、上年结转", "2", "12"],
                vec!["三、其他", "1", "0"],
            ]]
        );
    }

    #[test]
    fn numbers_centred_between_a_labels_lines_join_the_nearest_row() {
        let t = found(vec![
            line(100.0, &[(0.0, "1.本机关不掌握"), (200.0, "0"), (260.0, "1")]),
            line(114.0, &[(0.0, "2.申请人逾期未按收费通知")]),
            line(119.0, &[(200.0, "3"), (260.0, "4")]),
            line(124.0, &[(0.0, "缴纳费用")]),
            line(138.0, &[(0.0, "3.其他"), (200.0, "5"), (260.0, "6")]),
        ]);
        assert_eq!(
            t,
            vec![vec![
                vec!["1.本机关不掌握", "0", "1"],
                vec!["2.申请人逾期未按收费通知缴纳费用", "3", "4"],
                vec!["3.其他", "5", "6"],
            ]]
        );
    }

    #[test]
    fn prose_and_inconsistent_rows_stay_lines() {
        // A metadata block: one column of numbers and no header over it.
        assert!(found(vec![
            line(100.0, &[(0.0, "索引号"), (100.0, "11320800")]),
            line(114.0, &[(0.0, "年份"), (100.0, "2024")])
        ])
        .is_empty());
        // Rows whose numbers do not fill the same columns.
        assert!(found(vec![
            line(100.0, &[(0.0, "甲"), (100.0, "1"), (150.0, "2"), (200.0, "3")]),
            line(114.0, &[(0.0, "乙"), (250.0, "4")]),
            line(128.0, &[(0.0, "丙"), (100.0, "5"), (300.0, "6")]),
        ])
        .is_empty());
        // A paragraph running across the numbers' columns splits them: no row is a table alone.
        assert!(found(vec![
            line(100.0, &[(0.0, "甲"), (100.0, "1"), (150.0, "2")]),
            line(114.0, &[(0.0, "全年共受理申请82件，办结90件，各类申请均在法定期限内答复。")]),
            line(128.0, &[(0.0, "乙"), (100.0, "3"), (150.0, "4")]),
        ])
        .is_empty());
        // Numbers inside sentences are no values; nor is a single number standing alone.
        assert!(found(vec![
            line(100.0, &[(0.0, "本年度共收到申请"), (85.0, "82"), (110.0, "件，办结"), (195.0, "90")]),
            line(114.0, &[(0.0, "件。")]),
            line(128.0, &[(300.0, "2024")]),
        ])
        .is_empty());
    }

    #[test]
    fn a_huge_region_is_no_table_and_is_quick() {
        let lines: Vec<_> =
            (0..20_000).map(|i| line(i as f64 * 12.0, &[(0.0, "甲"), (100.0, "1"), (150.0, "2")])).collect();
        let started = std::time::Instant::now();
        assert!(found(lines).is_empty());
        assert!(started.elapsed().as_secs_f64() < 2.0, "{:?}", started.elapsed());
    }

    #[test]
    fn a_single_row_needs_a_header_over_its_columns() {
        let row = line(114.0, &[(0.0, "0"), (50.0, "0"), (100.0, "3")]);
        assert!(found(vec![line(100.0, &[(0.0, "行政复议情况如下")]), row.clone()]).is_empty());
        let t = found(vec![line(100.0, &[(0.0, "维持"), (45.0, "纠正"), (95.0, "总计")]), row]);
        assert_eq!(t, vec![vec![vec!["维持", "纠正", "总计"], vec!["0", "0", "3"]]]);
    }
}
