//! Tables found in the text and mapped onto the format of their era (rules.md §3, §6).
//!
//! The format fixes the order of rows and columns, and that order survives every layout, even
//! PDF text whose row labels land after their numbers. So a table is read as runs of values
//! between labels, and the runs are aligned to the format's rows by a small dynamic programme
//! that rewards a run whose label names the row and otherwise keeps the format's order. Labels
//! anchor; order fills the gaps.

use std::ops::Range;

use super::sections::FoundSection;
use super::tokens::{Token, TokenKind};
use crate::format::Era;
use crate::format::{self, BlockSpec, ColumnSpec, Relation, RowSpec, TableSpec};
use crate::result::TableStatus;
use crate::text::document::Document;
use crate::text::value::Value;

#[derive(Debug, Clone)]
pub struct Cell {
    pub row: String,
    pub column: &'static ColumnSpec,
    pub value: Value,
    /// Normalised range of the cell text (empty range at the row for cells not written).
    pub range: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct MappedTable {
    pub spec: &'static TableSpec,
    pub status: TableStatus,
    /// Normalised range of the table text.
    pub range: Option<Range<usize>>,
    pub cells: Vec<Cell>,
    /// Rows of the format with no values in the text: (row id, where the table is).
    pub missing_rows: Vec<String>,
    /// Why the table could not be read, for `table.unreadable`.
    pub unreadable: Option<String>,
    /// The order of values was recovered from the table's own equations (PDF extraction).
    pub reordered: bool,
    /// The table is there, its rows labelled, but not one number is filled in (blank or "/"
    /// cells): nothing to add up, and no row is missing.
    pub blank: bool,
    /// Whether the section the table belongs under was found.
    pub section_present: bool,
    /// Rows read whole under their own label: every column's value, with the row's label naming
    /// it. In a table that is otherwise unreadable (cut short, one row garbled) these rows still
    /// say what they say.
    pub labelled_rows: Vec<String>,
    /// The table's variant was told by the text (its own words, or rows only it has), not
    /// assumed from the era: only then can the format be called outdated.
    pub variant_evidence: bool,
}

impl MappedTable {
    /// Rows of the format missing before the last row that was read: rows a table cut short
    /// lacks come after it.
    fn missing_inside(&self) -> usize {
        let order: Vec<String> =
            self.spec.blocks.iter().flat_map(|b| b.rows.iter().map(move |r| format::row_id(b, r))).collect();
        let last_read = order.iter().rposition(|id| self.cells.iter().any(|c| &c.row == id));
        last_read.map_or(0, |last| order[..last].iter().filter(|id| self.missing_rows.contains(id)).count())
    }

    pub fn cell(&self, row: &str, column: &str) -> Option<&Cell> {
        self.cells.iter().find(|c| c.row == row && c.column.id == column)
    }

    /// Whether the figures of `row` can be relied on: every row of a table read whole, and in a
    /// table that could not be read whole, a row read whole under its own label whose values
    /// satisfy the row's own equations ("总计" = the sum of the applicant columns).
    pub fn row_is_reliable(&self, row: &str) -> bool {
        if self.status == TableStatus::Present {
            return true;
        }
        if !self.labelled_rows.iter().any(|r| r == row) {
            return false;
        }
        let Some((block, line)) = self
            .spec
            .blocks
            .iter()
            .find_map(|b| b.rows.iter().position(|r| format::is_row_id(b, r, row)).map(|line| (b, line)))
        else {
            return false;
        };
        let width = block.columns.len();
        let value =
            |at: usize| self.cell(row, block.columns[at % width].id).and_then(|c| c.value.number()).map(|n| n.as_f64());
        equations_hold(self.spec, block, Some(line), &value)
    }
}

/// Reads the tables `era` requires. Each table is searched under its section; without one, by
/// its own anchor words.
pub fn read_tables(doc: &Document, era: Era, sections: &[FoundSection]) -> Vec<MappedTable> {
    let specs = era.tables;
    let heading_lines: Vec<usize> = sections.iter().filter_map(|s| s.heading_line).collect();
    specs
        .iter()
        .map(|spec| {
            let section = sections.iter().find(|s| s.spec.id == spec.section && s.heading_line.is_some());
            let region = match section {
                Some(s) => Some(s.body.clone()),
                None => region_by_anchor(doc, spec, &heading_lines, sections),
            };
            read_table(doc, spec, era, region, section.is_some())
        })
        .collect()
}

/// Without a section heading, the table starts at its first strong anchor outside the other
/// tables' sections and runs to the next section heading.
fn region_by_anchor(
    doc: &Document,
    spec: &TableSpec,
    heading_lines: &[usize],
    sections: &[FoundSection],
) -> Option<Range<usize>> {
    let strong = &spec.anchors[..1.min(spec.anchors.len())];
    let in_other_table_section = |i: usize| {
        sections.iter().any(|s| {
            s.spec.id != spec.section
                && s.heading_line.is_some()
                && ["active_disclosure", "applications", "review_litigation"].contains(&s.spec.id)
                && s.body.contains(&i)
        })
    };
    let start = doc.lines.iter().enumerate().position(|(i, l)| {
        let t = doc.line_text(l);
        (t.chars().count() <= 40 || t.contains(['|', '\t']))
            && strong.iter().any(|a| t.contains(a))
            && !in_other_table_section(i)
    })?;
    let end = heading_lines.iter().copied().filter(|&h| h > start).min().unwrap_or(doc.lines.len());
    Some(start..end)
}

/// A label that starts the table: short and naming an anchor, or a long header line (every
/// column word of 复议/诉讼 on one line) without a sentence's punctuation naming several.
fn is_anchor(doc: &Document, t: &Token, spec: &TableSpec) -> bool {
    let text = doc.text(&t.range);
    let named = spec.anchors.iter().filter(|a| crate::text::search::contains(text, a)).count();
    named >= 1 && (text.len() <= 180 || named >= 2 && !text.contains(['。', ',', ';']))
}

fn read_table(
    doc: &Document,
    spec: &'static TableSpec,
    era: Era,
    region: Option<Range<usize>>,
    section_present: bool,
) -> MappedTable {
    let mut table = MappedTable {
        spec,
        status: TableStatus::Missing,
        range: None,
        cells: Vec::new(),
        missing_rows: Vec::new(),
        unreadable: None,
        reordered: false,
        blank: false,
        section_present,
        labelled_rows: Vec::new(),
        variant_evidence: false,
    };
    let Some(lines) = region else { return table };
    let all = super::tokens::tokenize(doc, lines);
    // Prose before the table is not part of it. The table starts at its first anchor, or at the
    // row holding its first number: empty cells ("/", "—", blank) written before that number on
    // its row line belong to the table.
    let Some(mut first) =
        all.iter().position(|t| is_anchor(doc, t, spec) || matches!(t.kind, TokenKind::Value(Value::Number(_))))
    else {
        return table;
    };
    while first > 0
        && all[first - 1].cell.is_some()
        && matches!(all[first - 1].kind, TokenKind::LeadingEmpty | TokenKind::Value(Value::Empty))
    {
        first -= 1;
    }
    let toks = &all[first..];
    if !toks.iter().any(|t| matches!(t.kind, TokenKind::Value(Value::Number(_)))) {
        read_blank(doc, &mut table, era, toks);
        return table;
    }
    let (start, end) = (toks[0].range.start, toks.iter().map(|t| t.range.end).max().unwrap_or(toks[0].range.end));
    table.range = Some(start..end);
    // The variant whose own words the labels use; without such words, the variant the rows fit
    // best (a 2021 report may keep the 2019 single （六）其他处理 row), the era's on a tie.
    let (by_words, evidence) = detect_variant(doc, spec, era, toks);
    // Eras share some tables (复议/诉讼, one format in each): each format is tried once, the
    // era's own copy first.
    let mut candidates: Vec<&'static TableSpec> = vec![if evidence { by_words } else { spec }];
    if !evidence {
        for v in format::variants_of(spec.id) {
            if !candidates.iter().any(|c| c.variant == v.variant) {
                candidates.push(v);
            }
        }
    }
    let own = |v: &'static TableSpec| std::ptr::eq(v, spec);
    let mut best: Option<(MappedTable, (usize, bool))> = None;
    for variant in candidates {
        let mut mapped = table.clone();
        mapped.spec = variant;
        map_onto(doc, &mut mapped, toks);
        let fit = (mapped.missing_inside(), !own(variant));
        if best.as_ref().is_none_or(|(_, f)| fit < *f) {
            best = Some((mapped, fit));
        }
        // The era's own format with no row missing among those read: no other can fit better.
        if fit == (0, false) {
            break;
        }
    }
    let Some((mut table, _)) = best else { return table };
    table.variant_evidence = evidence || !own(table.spec);
    table
}

/// Reads `toks` into `table`'s cells in the format of `table.spec`, and says how well they fit.
fn map_onto(doc: &Document, table: &mut MappedTable, toks: &[Token]) {
    let spec = table.spec;
    if spec.blocks.len() == 1 && spec.blocks[0].rows.len() == 1 {
        read_single_row(table, toks);
    } else if read_column_blocks(table, toks) {
        table.reordered = true;
    } else {
        let positions = value_positions(doc, spec, toks);
        let segments = split_blocks(doc, spec, toks);
        for (block, segment) in segments {
            let rows: Vec<(&'static BlockSpec, &'static RowSpec)> = match block {
                Some(b) => b.rows.iter().map(|r| (b, r)).collect(),
                None => spec.blocks.iter().flat_map(|b| b.rows.iter().map(move |r| (b, r))).collect(),
            };
            map_rows(doc, table, &rows, segment, &positions);
        }
        sort_unread_rows(doc, table, toks);
    }
    let total_rows: usize = spec.blocks.iter().map(|b| b.rows.len()).sum();
    table.status = if table.unreadable.is_some() {
        TableStatus::Unreadable
    } else if table.missing_rows.len() * 2 > total_rows {
        table.unreadable =
            Some(format!("只能对应上 {} 行中的 {} 行", total_rows, total_rows - table.missing_rows.len()));
        TableStatus::Unreadable
    } else {
        TableStatus::Present
    };
}

/// Labels without numbers: a table left blank, when it names most of its rows. Its cells are all
/// there, and blank.
fn read_blank(doc: &Document, table: &mut MappedTable, era: Era, toks: &[Token]) {
    let spec = table.spec;
    let rows: Vec<(&'static BlockSpec, &'static RowSpec)> =
        spec.blocks.iter().flat_map(|b| b.rows.iter().map(move |r| (b, r))).collect();
    if rows.len() == 1 {
        // A one-row table (复议/诉讼) has no row label: it is there, blank, when its header names
        // most of its columns ("结果维持", "结果纠正"… of "行政复议·结果维持").
        let labels: String = toks
            .iter()
            .filter(|t| t.kind == TokenKind::Label)
            .flat_map(|t| doc.text(&t.range).chars().filter(|c| !c.is_whitespace()))
            .collect();
        let mut words: Vec<&str> =
            rows[0].0.columns.iter().map(|c| c.label.rsplit('·').next().unwrap_or(c.label)).collect();
        words.sort_unstable();
        words.dedup();
        if words.iter().filter(|w| labels.contains(**w)).count() * 2 <= words.len() {
            return;
        }
    } else {
        let mut named = vec![false; rows.len()];
        for t in toks.iter().filter(|t| t.kind == TokenKind::Label) {
            if let Some(k) = label_row(doc, t, &rows) {
                named[k] = true;
            }
        }
        if named.iter().filter(|&&n| n).count() * 2 <= rows.len() {
            return;
        }
    }
    let end = toks.iter().map(|t| t.range.end).max().unwrap_or(toks[0].range.end);
    table.range = Some(toks[0].range.start..end);
    (table.spec, table.variant_evidence) = detect_variant(doc, spec, era, toks);
    table.blank = true;
    table.status = TableStatus::Present;
    let at = toks[0].range.start..toks[0].range.start;
    for b in table.spec.blocks {
        for r in b.rows {
            for col in b.columns {
                let row = format::row_id(b, r);
                table.cells.push(Cell { row, column: col, value: Value::Empty, range: at.clone() });
            }
        }
    }
}

/// Rows of the format without numbers: missing from the report when their label is not in the
/// table either; a labelled row whose numbers were not read is a failure of the reading, which
/// the table says (unreadable), never a row the report lacks.
fn sort_unread_rows(doc: &Document, table: &mut MappedTable, toks: &[Token]) {
    let spec = table.spec;
    let read: std::collections::HashSet<&str> = table.cells.iter().map(|c| c.row.as_str()).collect();
    let all_rows: Vec<(&'static BlockSpec, &'static RowSpec)> =
        spec.blocks.iter().flat_map(|b| b.rows.iter().map(move |r| (b, r))).collect();
    if all_rows.iter().all(|(b, r)| read.contains(format::row_id(b, r).as_str())) {
        return;
    }
    let labelled: Vec<usize> =
        toks.iter().filter(|t| t.kind == TokenKind::Label).filter_map(|t| label_row(doc, t, &all_rows)).collect();
    // A text that ends inside the table (its last cell is the text's end: a page cut off by a
    // store or a copy) is cut short there: the rows after the last one read are not in the text,
    // which says nothing of the report. A whole report goes on after each table (四、五、六).
    let text = doc.norm.text.trim_end();
    let ends_inside = toks.iter().map(|t| t.range.end).max().is_some_and(|end| end >= text.len());
    let last_read = all_rows.iter().rposition(|(b, r)| read.contains(format::row_id(b, r).as_str()));
    let mut missing = Vec::new();
    for (k, (b, r)) in all_rows.iter().enumerate() {
        let id = format::row_id(b, r);
        if read.contains(id.as_str()) {
            continue;
        }
        if ends_inside && last_read.is_some_and(|l| k > l) {
            continue;
        }
        if labelled.contains(&k) {
            if table.unreadable.is_none() {
                table.unreadable = Some(format!("“{}”一行有标签，但没有读到它的数字", r.label));
            }
        } else {
            missing.push(id);
        }
    }
    table.missing_rows = missing;
}

/// Picks the variant whose own header words the table text uses; the era decides ties.
fn detect_variant(doc: &Document, spec: &'static TableSpec, era: Era, toks: &[Token]) -> (&'static TableSpec, bool) {
    let labels: String = toks.iter().filter(|t| t.kind == TokenKind::Label).map(|t| doc.text(&t.range)).collect();
    let labels: String = labels.chars().filter(|c| !c.is_whitespace()).collect();
    let mut best = spec;
    let mut best_score = (0usize, spec.variant == era.as_str());
    for v in format::variants_of(spec.id) {
        let score = (v.variant_keys.iter().filter(|k| labels.contains(*k)).count(), v.variant == era.as_str());
        if score > best_score {
            best = v;
            best_score = score;
        }
    }
    (best, best_score.0 > 0)
}

/// Splits an `active` table at its "第二十条第（N）项" headers.
fn split_blocks<'t>(
    doc: &Document,
    spec: &'static TableSpec,
    toks: &'t [Token],
) -> Vec<(Option<&'static BlockSpec>, &'t [Token])> {
    if spec.blocks.len() == 1 {
        return vec![(Some(&spec.blocks[0]), toks)];
    }
    let mut cuts: Vec<(usize, Option<&'static BlockSpec>)> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if t.kind != TokenKind::Label {
            continue;
        }
        if let Some(item) = article_item(doc.text(&t.range)) {
            cuts.push((i, spec.blocks.iter().find(|b| b.article_item == item)));
        }
    }
    if cuts.is_empty() {
        return vec![(None, toks)];
    }
    // A header naming an item the format does not have ("第二十条第（七）项") heads a block that
    // is not read.
    cuts.iter()
        .enumerate()
        .filter(|(_, (_, block))| block.is_some())
        .map(|(k, &(i, block))| (block, &toks[i..cuts.get(k + 1).map_or(toks.len(), |c| c.0)]))
        .collect()
}

/// N of "第二十条第（N）项".
fn article_item(label: &str) -> Option<u8> {
    let i = crate::text::search::find(label, "第二十条")?;
    let rest = label[i + "第二十条".len()..].trim_start();
    let rest = rest.strip_prefix('第').unwrap_or(rest).trim_start_matches(['(', ' ']);
    let c = rest.chars().next()?;
    let n = "一二三四五六七八九十"
        .chars()
        .position(|x| x == c)
        .map(|p| p as u8 + 1)
        .or_else(|| c.to_digit(10).map(|d| d as u8))?;
    Some(n)
}

/// A run of values between labels, with the label just before it.
struct Run<'t> {
    label: Option<&'t Token>,
    values: Vec<&'t Token>,
    /// Empty cells before the first value of a row line, usable if the row is short. For a
    /// labelled row line without values (`values` empty), its empty cells after the label.
    leading_empties: Vec<&'t Token>,
    /// Empty cells after the last value of a row line, usable if the row is short.
    trailing_empties: Vec<&'t Token>,
}

fn runs(toks: &[Token]) -> Vec<Run<'_>> {
    let mut out: Vec<Run<'_>> = Vec::new();
    let mut label: Option<&Token> = None;
    let mut lead: Vec<&Token> = Vec::new();
    let mut current: Option<Run<'_>> = None;
    for t in toks {
        match &t.kind {
            TokenKind::Label => {
                out.extend(current.take());
                label = Some(t);
                lead.clear();
            }
            TokenKind::LeadingEmpty => {
                out.extend(current.take());
                lead.push(t);
            }
            TokenKind::TrailingEmpty => match current.as_mut() {
                Some(run) => run.trailing_empties.push(t),
                None => lead.push(t),
            },
            TokenKind::Value(_) => {
                let run = current.get_or_insert_with(|| Run {
                    label: label.take(),
                    values: Vec::new(),
                    leading_empties: std::mem::take(&mut lead),
                    trailing_empties: Vec::new(),
                });
                run.values.push(t);
            }
            TokenKind::RowEnd => {
                // A labelled row line with empty cells and no value: perhaps a row left blank.
                if current.is_none() && !lead.is_empty() && label.is_some() {
                    out.push(Run {
                        label: label.take(),
                        values: Vec::new(),
                        leading_empties: std::mem::take(&mut lead),
                        trailing_empties: Vec::new(),
                    });
                }
                out.extend(current.take());
                label = None;
                lead.clear();
            }
        }
    }
    out.extend(current);
    out
}

/// The row a label names: the key that ends last in the label wins (a label cell joined over
/// lines names its row last), then the longest key.
fn label_row(doc: &Document, label: &Token, rows: &[(&'static BlockSpec, &'static RowSpec)]) -> Option<usize> {
    let text = without_remarks(doc.text(&label.range));
    let text = text.as_str();
    let mut best: Option<(usize, usize, usize)> = None;
    for (k, (_, row)) in rows.iter().enumerate() {
        for key in row.keys {
            if let Some(pos) = crate::text::search::rfind(text, key) {
                let cand = (pos + key.len(), key.len(), k);
                if best.is_none_or(|b| (cand.0, cand.1) > (b.0, b.1)) {
                    best = Some(cand);
                }
            }
        }
    }
    best.map(|b| b.2)
}

/// A label without its parenthetical remarks: "（二）部分公开（区分处理的，只计这一情形，不计其他
/// 情形）" names 部分公开, not 其他. Short brackets are numbering ("(二)") and stay.
fn without_remarks(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut rest = label;
    while let Some(open) = rest.find('(') {
        let close = rest[open..].find(')').map(|c| open + c);
        match close {
            Some(close) if rest[open + 1..close].chars().count() > 3 => {
                out.push_str(&rest[..open]);
                rest = &rest[close + 1..];
            }
            _ => {
                out.push_str(&rest[..open + 1]);
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A run cut to row widths: (label row, values).
struct Chunk<'t> {
    label_row: Option<usize>,
    values: Vec<&'t Token>,
}

/// Where the values of a full row stand in their row line, by row width: the cell indices of
/// the values of every labelled row line that has exactly its row's number of values, when all
/// such lines agree. Only for a grid: a table whose row lines with values all have the same
/// number of cells, as layouts that write every cell (tab rows, Markdown) do; " | " rows that
/// leave merged cells out (or write a spanning label once) get no positions.
fn value_positions(doc: &Document, spec: &TableSpec, toks: &[Token]) -> Vec<(usize, Option<Vec<usize>>)> {
    let mut widths: Vec<usize> = Vec::new();
    let (mut cells, mut has_value) = (0usize, false);
    for t in toks {
        if t.kind == TokenKind::RowEnd {
            if has_value && !widths.contains(&cells) {
                widths.push(cells);
            }
            (cells, has_value) = (0, false);
        } else if let Some(c) = t.cell {
            cells = cells.max(c + 1);
            has_value |= t.is_value();
        }
    }
    if widths.len() != 1 {
        return Vec::new();
    }
    let rows: Vec<(&'static BlockSpec, &'static RowSpec)> =
        spec.blocks.iter().flat_map(|b| b.rows.iter().map(move |r| (b, r))).collect();
    let mut out: Vec<(usize, Option<Vec<usize>>)> = Vec::new();
    for run in runs(toks) {
        let Some(k) = run.label.and_then(|l| label_row(doc, l, &rows)) else { continue };
        let width = rows[k].0.columns.len();
        if run.values.len() != width {
            continue;
        }
        let Some(cells) = run.values.iter().map(|t| t.cell).collect::<Option<Vec<usize>>>() else { continue };
        match out.iter_mut().find(|(w, _)| *w == width) {
            Some((_, known)) if known.as_ref() != Some(&cells) => *known = None,
            Some(_) => {}
            None => out.push((width, Some(cells))),
        }
    }
    out
}

/// A run's values completed to `width` with the empty cells of its row line, where which
/// cells are blank can be told; otherwise the values as read (short: the row is not guessed at).
///
/// With `positions` (where a full row's values stand), each value goes to the column at its cell
/// index, and a column whose cell is empty is empty. Without (or for a row that does not fit
/// them), not counting the table's "|" borders: the row's empty cells when they are just as
/// many as are missing, else (no empty cell after the values) the empty cells just before them,
/// since merged label cells pad a row line only before its values, else the values and the
/// blank cells after them.
fn fill_row<'t>(run: &Run<'t>, width: usize, positions: Option<&Vec<usize>>) -> Vec<&'t Token> {
    let values = &run.values;
    if values.len() >= width || run.leading_empties.len() + run.trailing_empties.len() == 0 {
        return values.clone();
    }
    if let Some(pos) = positions.filter(|p| p.len() == width) {
        let at = |cell: usize| {
            values
                .iter()
                .chain(run.leading_empties.iter())
                .chain(run.trailing_empties.iter())
                .find(|t| t.cell == Some(cell))
                .copied()
        };
        let placed: Option<Vec<&Token>> = pos.iter().map(|&c| at(c)).collect();
        let all_values_placed = values.iter().all(|t| t.cell.is_some_and(|c| pos.contains(&c)));
        if let Some(placed) = placed.filter(|_| all_values_placed) {
            return placed;
        }
        // A row that does not fit the grid (text in a value column) is read as below.
    }
    let need = width - values.len();
    let inner = |v: &[&'t Token]| -> Vec<&'t Token> { v.iter().filter(|t| !t.border).copied().collect() };
    let (lead, trail) = (inner(&run.leading_empties), inner(&run.trailing_empties));
    let join = |lead: &[&'t Token], trail: &[&'t Token]| -> Vec<&'t Token> {
        lead.iter().chain(values.iter()).chain(trail.iter()).copied().collect()
    };
    if lead.len() + trail.len() == need {
        join(&lead, &trail)
    } else if trail.is_empty() && lead.len() >= need {
        join(&lead[lead.len() - need..], &[])
    } else {
        // Blank cells after the values, more than are missing: read as cells, as a blank inside
        // the row is; the run is then cut to rows like any long run.
        join(&[], &trail)
    }
}

fn map_rows(
    doc: &Document,
    table: &mut MappedTable,
    rows: &[(&'static BlockSpec, &'static RowSpec)],
    toks: &[Token],
    positions: &[(usize, Option<Vec<usize>>)],
) {
    if rows.is_empty() {
        return;
    }
    let mut chunks: Vec<Chunk<'_>> = Vec::new();
    for run in runs(toks) {
        let label_row = run.label.and_then(|l| label_row(doc, l, rows));
        let width = label_row.map(|k| rows[k].0.columns.len()).unwrap_or(rows[0].0.columns.len());
        let position = positions.iter().find(|(w, _)| *w == width).and_then(|(_, p)| p.as_ref());
        let values = fill_row(&run, width, position);
        // A row line with no value is a row left blank only when its label names the row and
        // its empty cells fill it; otherwise it is a header or a label line, not a row.
        if run.values.is_empty() && (label_row.is_none() || values.len() < width) {
            continue;
        }
        let uniform = rows.iter().all(|(b, _)| b.columns.len() == width);
        if uniform && values.len() > width {
            for (k, piece) in values.chunks(width).enumerate() {
                chunks.push(Chunk { label_row: if k == 0 { label_row } else { None }, values: piece.to_vec() });
            }
        } else {
            chunks.push(Chunk { label_row, values });
        }
    }
    let assignment = align(&chunks, rows);
    for (chunk, row) in chunks.iter().zip(assignment) {
        let Some(r) = row else { continue };
        let (block, spec_row) = rows[r];
        let id = format::row_id(block, spec_row);
        if table.cells.iter().any(|c| c.row == id) {
            continue;
        }
        // Fewer numbers than columns: which cells were left blank cannot be told, so the row is
        // not guessed at, and the table is not blamed for it.
        if !chunk.values.is_empty() && chunk.values.len() < block.columns.len() {
            if table.unreadable.is_none() {
                table.unreadable = Some(format!(
                    "“{}”一行只读到 {} 个数，应有 {} 个，无法确定哪些格是空的",
                    spec_row.label,
                    chunk.values.len(),
                    block.columns.len()
                ));
            }
            continue;
        }
        for (k, col) in block.columns.iter().enumerate() {
            let (value, range) = match chunk.values.get(k) {
                Some(t) => (
                    match &t.kind {
                        TokenKind::Value(v) => v.clone(),
                        _ => Value::Empty,
                    },
                    t.range.clone(),
                ),
                None => {
                    let at = chunk.values.last().map(|t| t.range.end).unwrap_or(0);
                    (Value::Empty, at..at)
                }
            };
            table.cells.push(Cell { row: id.clone(), column: col, value, range });
        }
        if chunk.label_row == Some(r) && chunk.values.len() == block.columns.len() {
            table.labelled_rows.push(id);
        }
    }
}

/// Monotone alignment of chunks to rows. Returns the row of each chunk (None: dropped).
fn align(chunks: &[Chunk<'_>], rows: &[(&'static BlockSpec, &'static RowSpec)]) -> Vec<Option<usize>> {
    const DROP_CHUNK: i32 = -3;
    let score = |c: &Chunk<'_>, r: usize| -> i32 {
        let label = match c.label_row {
            Some(l) if l == r => 10,
            Some(_) => -4,
            None => 1,
        };
        let width = rows[r].0.columns.len();
        let fit = if c.values.len() == width { 0 } else { -2 };
        label + fit
    };
    let (n, m) = (chunks.len(), rows.len());
    let mut dp = vec![vec![i32::MIN / 2; m + 1]; n + 1];
    let mut from = vec![vec![0u8; m + 1]; n + 1];
    for j in 0..=m {
        dp[0][j] = 0;
        from[0][j] = 2;
    }
    for i in 1..=n {
        for j in 0..=m {
            let mut best = dp[i - 1][j] + DROP_CHUNK;
            let mut how = 1u8;
            if j > 0 {
                if dp[i][j - 1] > best {
                    best = dp[i][j - 1];
                    how = 2;
                }
                let take = dp[i - 1][j - 1] + score(&chunks[i - 1], j - 1);
                if take >= best {
                    best = take;
                    how = 0;
                }
            }
            dp[i][j] = best;
            from[i][j] = how;
        }
    }
    let mut out = vec![None; n];
    let (mut i, mut j) = (n, m);
    while i > 0 {
        match from[i][j] {
            0 => {
                out[i - 1] = Some(j - 1);
                i -= 1;
                j -= 1;
            }
            1 => i -= 1,
            _ => j -= 1,
        }
    }
    out
}

/// The 复议/诉讼 table: one data row of 15 numbers. PDF extraction can interleave its columns
/// with header words; when the numbers as read break the table's equations but one and only one
/// interleaving of them satisfies every equation, that interleaving is what the table says.
fn read_single_row(table: &mut MappedTable, toks: &[Token]) {
    let block = &table.spec.blocks[0];
    let row = format::row_id(block, &block.rows[0]);
    let mut values: Vec<&Token> = toks.iter().filter(|t| t.is_value()).collect();
    let width = block.columns.len();
    // One row line holding every value (" | ", tab, Markdown): its blank first or last cells.
    let with_values: Vec<Run<'_>> = runs(toks).into_iter().filter(|r| !r.values.is_empty()).collect();
    let mut one_line = false;
    if let [run] = with_values.as_slice() {
        if values.len() < width && run.values.len() == values.len() {
            values = fill_row(run, width, None);
            one_line = values.len() == width;
        }
    }
    if values.len() != width {
        table.unreadable = Some(format!("应有 {width} 个数，读到 {} 个", values.len()));
        return;
    }
    let groups = equation_groups(table.spec);
    // Values read in column order, each group's numbers together, is a clean layout even with
    // header words between the groups; only runs that cut across groups show a scrambled one.
    let scrambled = {
        let mut group_ends: Vec<usize> = Vec::new();
        let mut end = 0;
        for g in &groups {
            end += g.len();
            group_ends.push(end);
        }
        let mut run_end = 0;
        let mut cuts_across = false;
        for run in &with_values {
            run_end += run.values.len();
            cuts_across |= run_end < width && !group_ends.contains(&run_end);
        }
        cuts_across && !one_line
    };
    let mut order: Vec<usize> = (0..width).collect();
    let nums: Option<Vec<i64>> = values
        .iter()
        .map(|t| match &t.kind {
            TokenKind::Value(v @ (Value::Number(_) | Value::Empty)) => Some(v.count()),
            _ => None,
        })
        .collect();
    if let Some(nums) = nums {
        if scrambled && !groups.is_empty() && !satisfies(&nums, &order, &groups) {
            match recover_interleaving(&nums, &groups, width) {
                Recovery::Unique(o) => {
                    order = o;
                    table.reordered = true;
                }
                Recovery::Ambiguous => {
                    table.unreadable = Some("数字的排列顺序在提取中被打乱，且无法唯一还原".to_string());
                    return;
                }
                // No order adds up: the numbers may be wrong, but which cell holds which cannot
                // be told, so no cell is blamed.
                Recovery::None => {
                    table.unreadable = Some("数字的排列顺序在提取中被打乱，按勾稽关系也无法还原".to_string());
                    return;
                }
            }
        }
    }
    for (col_idx, col) in block.columns.iter().enumerate() {
        let t = values[order[col_idx]];
        let value = match &t.kind {
            TokenKind::Value(v) => v.clone(),
            _ => Value::Empty,
        };
        table.cells.push(Cell { row: row.clone(), column: col, value, range: t.range.clone() });
    }
}

/// pdftotext's column-block order: every row label first, then the numbers one column after
/// another (all of 自然人, then all of 商业企业, …). Read that way only when the numbers fill the
/// grid exactly and every equation of the table holds read by columns but not read by rows, so
/// the order is the only one the table's own arithmetic allows.
fn read_column_blocks(table: &mut MappedTable, toks: &[Token]) -> bool {
    let [block] = table.spec.blocks else { return false };
    let (rows, width) = (block.rows.len(), block.columns.len());
    let Some(first_value) = toks.iter().position(Token::is_value) else { return false };
    let values: Vec<&Token> = toks.iter().filter(|t| t.is_value()).collect();
    if rows < 2 || values.len() != rows * width || toks[first_value..].iter().any(|t| t.kind == TokenKind::Label) {
        return false;
    }
    let nums: Option<Vec<f64>> = values
        .iter()
        .map(|t| match &t.kind {
            TokenKind::Value(Value::Number(n)) => Some(n.as_f64()),
            _ => None,
        })
        .collect();
    let Some(nums) = nums else { return false };
    let by_columns: Vec<f64> = (0..rows * width).map(|at| nums[(at % width) * rows + at / width]).collect();
    let holds = |grid: &[f64]| equations_hold(table.spec, block, None, &|at| Some(grid[at]));
    if table.spec.equations.is_empty() || holds(&nums) || !holds(&by_columns) {
        return false;
    }
    for (at, _) in by_columns.iter().enumerate() {
        let (r, k) = (at / width, at % width);
        let t = values[k * rows + r];
        let value = match &t.kind {
            TokenKind::Value(v) => v.clone(),
            _ => Value::Empty,
        };
        let row = format::row_id(block, &block.rows[r]);
        table.cells.push(Cell { row, column: &block.columns[k], value, range: t.range.clone() });
    }
    true
}

/// Whether every "=" equation of `block` holds on the cells `value` gives by grid position
/// (row-major; None, a cell not read, fails its equations); with `row`, only the row equations of
/// that row.
fn equations_hold(
    spec: &TableSpec,
    block: &BlockSpec,
    row: Option<usize>,
    value: &dyn Fn(usize) -> Option<f64>,
) -> bool {
    spec.equations
        .iter()
        .filter(|e| e.relation == Relation::Equal && e.block == block.id)
        .filter(|e| row.is_none() || matches!(e.sweep, format::Sweep::EachRow))
        .flat_map(|e| e.instances(block))
        .filter(|(line, _, _)| row.is_none_or(|r| *line == r))
        .all(|(_, l, r)| {
            let sum = |side: &[usize]| side.iter().map(|&k| value(k)).sum::<Option<f64>>();
            matches!((sum(&l), sum(&r)), (Some(a), Some(b)) if (a - b).abs() < 1e-6)
        })
}

/// Column positions of each single-row equation (Σ parts = total): parts first, total last.
fn equation_groups(spec: &TableSpec) -> Vec<Vec<usize>> {
    let cols = spec.blocks[0].columns;
    let pos = |id: &str| cols.iter().position(|c| c.id == id);
    spec.equations
        .iter()
        .filter(|e| e.relation == Relation::Equal && e.lhs.len() == 1)
        .filter_map(|e| e.rhs.iter().chain(e.lhs.iter()).map(|id| pos(id)).collect::<Option<Vec<usize>>>())
        .collect()
}

/// Whether every group holds when `order[col]` is the index of the value read for column `col`.
fn satisfies(nums: &[i64], order: &[usize], groups: &[Vec<usize>]) -> bool {
    groups.iter().all(|g| {
        let (total, parts) = g.split_last().expect("groups are not empty");
        Relation::Equal.holds(nums[order[*total]], parts.iter().map(|&c| nums[order[c]]).sum())
    })
}

enum Recovery {
    Unique(Vec<usize>),
    Ambiguous,
    None,
}

/// Finds the way to deal the values, in reading order, into the equation groups so that each
/// group keeps its columns' order, groups start in column order, and every group adds up.
///
/// Arithmetic alone can allow several deals (a 1 and a 6 trading groups). Extraction keeps a
/// group's cells together, so the search keeps only the deals that switch groups least often in
/// reading order (branch and bound), and accepts them when they all give the same cells.
fn recover_interleaving(nums: &[i64], groups: &[Vec<usize>], width: usize) -> Recovery {
    let covered: usize = groups.iter().map(Vec::len).sum();
    if covered != width || nums.iter().any(|&n| n < 0) {
        return Recovery::None;
    }
    let mut suffix_max = vec![0i64; nums.len() + 1];
    for i in (0..nums.len()).rev() {
        suffix_max[i] = suffix_max[i + 1].max(nums[i]);
    }
    let mut search = Deal {
        nums,
        groups,
        suffix_max,
        fill: vec![0; groups.len()],
        sums: vec![0; groups.len()],
        order: vec![usize::MAX; width],
        found: Vec::new(),
        best: usize::MAX,
        budget: 200_000,
    };
    search.run(0, None, 0);
    if search.budget == 0 {
        return if search.found.is_empty() { Recovery::None } else { Recovery::Ambiguous };
    }
    // Equal values make different deals give identical cells; only cells matter.
    let mut distinct: Vec<Vec<i64>> = search.found.iter().map(|o| o.iter().map(|&i| nums[i]).collect()).collect();
    distinct.sort();
    distinct.dedup();
    match distinct.len() {
        0 => Recovery::None,
        1 => Recovery::Unique(search.found.swap_remove(0)),
        _ => Recovery::Ambiguous,
    }
}

struct Deal<'a> {
    nums: &'a [i64],
    groups: &'a [Vec<usize>],
    /// Largest value at or after each position: a group's parts cannot outgrow its total.
    suffix_max: Vec<i64>,
    fill: Vec<usize>,
    sums: Vec<i64>,
    /// `order[col]` = index of the value dealt to column `col`.
    order: Vec<usize>,
    found: Vec<Vec<usize>>,
    best: usize,
    budget: u32,
}

impl Deal<'_> {
    fn run(&mut self, i: usize, last: Option<usize>, switches: usize) {
        // Every unfinished group other than the current one costs at least one more switch.
        let owed = (0..self.groups.len()).filter(|&g| Some(g) != last && self.fill[g] < self.groups[g].len()).count();
        if self.budget == 0 || switches + owed > self.best {
            return;
        }
        self.budget -= 1;
        if i == self.nums.len() {
            if switches < self.best {
                self.best = switches;
                self.found.clear();
            }
            if self.found.len() < 64 {
                self.found.push(self.order.clone());
            }
            return;
        }
        // Continuing the current group first finds few-switch deals early, tightening the bound.
        // (The groups are borrowed apart from `self`, so no list of candidates is built per step.)
        let groups = self.groups;
        for g in last.into_iter().chain((0..groups.len()).filter(move |&g| Some(g) != last)) {
            let slots = self.groups[g].len();
            if self.fill[g] == slots {
                continue;
            }
            let is_total = self.fill[g] + 1 == slots;
            let v = self.nums[i];
            if is_total && self.sums[g] != v {
                continue;
            }
            if !is_total && self.sums[g] + v > self.suffix_max[i + 1] {
                continue;
            }
            // With its last part dealt, a group's total must be among the values still to come.
            if self.fill[g] + 2 == slots && !self.nums[i + 1..].contains(&(self.sums[g] + v)) {
                continue;
            }
            let col = self.groups[g][self.fill[g]];
            self.order[col] = i;
            self.fill[g] += 1;
            self.sums[g] += v;
            let step = usize::from(last.is_some_and(|l| l != g));
            self.run(i + 1, Some(g), switches + step);
            self.sums[g] -= v;
            self.fill[g] -= 1;
            self.order[col] = usize::MAX;
        }
    }
}
