//! Structured documents written out as the text the checker reads.
//!
//! HTML pages and Word files both come down to paragraphs and tables. Paragraphs become lines.
//! A table becomes one " | "-separated line per row, with merged cells expanded into the grid the
//! official format draws: a label merged over several rows (三、本年度办理结果, （三）不予公开)
//! is written on every row it spans, so each row carries its own labels. Across columns a cell
//! is written once, and a merged number is written once, since it is one value. Tables that hold other tables are page layout, not data:
//! their cells are written as paragraphs.
//!
//! The text written here is what the user sees of the document, and what findings point into.

use std::rc::Rc;

use crate::text::value::parse_value;

/// Largest colspan/rowspan honoured; larger values in hostile or broken markup are clamped.
const MAX_SPAN: usize = 64;
/// Tables nested deeper than this are read as plain paragraphs.
pub const MAX_TABLE_DEPTH: usize = 16;
/// Cells of one table's expanded grid, beyond which the rest of the table is not expanded.
pub const MAX_TABLE_CELLS: usize = 100_000;
/// Bytes of table rows a document may write. Labels are repeated on every row they span, so a
/// few bytes of markup could otherwise write gigabytes (found by review while fuzzing: a 2 KB
/// .docx of continued cells became 1 GB of text). Real reports' tables write a few KB.
pub const MAX_TABLE_TEXT: usize = 4 * 1024 * 1024;

#[derive(Default)]
struct Block {
    lines: Vec<String>,
    current: String,
}

impl Block {
    fn text(&mut self, s: &str) {
        self.current.push_str(s);
    }

    fn line_break(&mut self) {
        let line = self.current.trim();
        if !line.is_empty() {
            self.lines.push(line.to_string());
        }
        self.current.clear();
    }

    fn into_lines(mut self) -> Vec<String> {
        self.line_break();
        self.lines
    }
}

#[derive(Default)]
struct Cell {
    block: Block,
    rowspan: usize,
    colspan: usize,
    /// Word's vMerge continuation: this cell is the one above, continued.
    merged_up: bool,
}

#[derive(Default)]
struct Table {
    rows: Vec<Vec<Cell>>,
    /// Holds another table: page layout, written as paragraphs.
    layout: bool,
}

enum Frame {
    Table(Table),
    Cell(Cell),
}

/// Builds the text of a document from calls made while reading its markup.
#[derive(Default)]
pub struct Writer {
    root: Block,
    frames: Vec<Frame>,
    /// Tables ignored for depth: their markup is read as text.
    ignored_tables: usize,
    /// Tables whose grid was cut at MAX_TABLE_CELLS or MAX_TABLE_TEXT.
    pub truncated_tables: usize,
    /// Bytes of table rows written so far.
    table_text: usize,
    /// Tables nested past MAX_TABLE_DEPTH, read as plain text.
    pub too_deep_tables: usize,
    /// Root lines where a new page of a paged document starts (see [`Writer::start_page`]).
    page_starts: Vec<usize>,
}

impl Writer {
    fn block(&mut self) -> &mut Block {
        for f in self.frames.iter_mut().rev() {
            if let Frame::Cell(c) = f {
                return &mut c.block;
            }
        }
        &mut self.root
    }

    pub fn text(&mut self, s: &str) {
        self.block().text(s);
    }

    /// Whether the text written so far on the current line ends with whitespace (or is empty).
    pub fn at_space(&mut self) -> bool {
        self.block().current.chars().next_back().is_none_or(char::is_whitespace)
    }

    pub fn line_break(&mut self) {
        self.block().line_break();
    }

    fn table_depth(&self) -> usize {
        self.frames.iter().filter(|f| matches!(f, Frame::Table(_))).count()
    }

    pub fn start_table(&mut self) {
        if self.table_depth() >= MAX_TABLE_DEPTH {
            self.ignored_tables += 1;
            self.too_deep_tables += 1;
            self.line_break();
            return;
        }
        for f in self.frames.iter_mut().rev() {
            if let Frame::Table(t) = f {
                t.layout = true;
                break;
            }
        }
        self.line_break();
        self.frames.push(Frame::Table(Table::default()));
    }

    pub fn start_row(&mut self) {
        if self.ignored_tables > 0 {
            return self.line_break();
        }
        self.end_cell();
        if let Some(Frame::Table(t)) = self.frames.last_mut() {
            t.rows.push(Vec::new());
        }
    }

    pub fn start_cell(&mut self, rowspan: usize, colspan: usize) {
        if self.ignored_tables > 0 {
            return self.text(" ");
        }
        self.end_cell();
        let Some(Frame::Table(t)) = self.frames.last_mut() else { return };
        if t.rows.is_empty() {
            t.rows.push(Vec::new());
        }
        let cell = Cell { rowspan: rowspan.clamp(1, MAX_SPAN), colspan: colspan.clamp(1, MAX_SPAN), ..Cell::default() };
        self.frames.push(Frame::Cell(cell));
    }

    /// Word states a cell's span and merge inside the cell, after it has started.
    pub fn set_cell_colspan(&mut self, colspan: usize) {
        if let Some(Frame::Cell(c)) = self.frames.last_mut() {
            c.colspan = colspan.clamp(1, MAX_SPAN);
        }
    }

    pub fn set_cell_merged_up(&mut self) {
        if let Some(Frame::Cell(c)) = self.frames.last_mut() {
            c.merged_up = true;
        }
    }

    pub fn end_cell(&mut self) {
        if self.ignored_tables > 0 {
            return;
        }
        if let Some(Frame::Cell(_)) = self.frames.last() {
            let Some(Frame::Cell(cell)) = self.frames.pop() else { return };
            if let Some(Frame::Table(t)) = self.frames.last_mut() {
                if let Some(row) = t.rows.last_mut() {
                    row.push(cell);
                }
            }
        }
    }

    pub fn end_row(&mut self) {
        self.end_cell();
    }

    pub fn end_table(&mut self) {
        if self.ignored_tables > 0 {
            self.ignored_tables -= 1;
            return self.line_break();
        }
        self.end_cell();
        let Some(Frame::Table(_)) = self.frames.last() else { return };
        let Some(Frame::Table(table)) = self.frames.pop() else { return };
        let lines = self.render_table(table);
        let block = self.block();
        block.line_break();
        // Blank lines around a table keep its labels apart from the surrounding prose.
        block.lines.push(String::new());
        block.lines.extend(lines);
        block.lines.push(String::new());
    }

    /// A new page of a paged document begins: its text starts at the next line of the page's
    /// own (a paragraph or table that goes on from the page before belongs to that page).
    pub fn start_page(&mut self) {
        let at = self.root.lines.len() + usize::from(!self.root.current.trim().is_empty() || !self.frames.is_empty());
        self.page_starts.push(at);
    }

    /// Closes whatever markup left open, and returns the text.
    pub fn finish(self) -> String {
        self.finish_with_pages().0
    }

    /// The text, and where in it (bytes) each page marked with [`Writer::start_page`] starts.
    pub fn finish_with_pages(mut self) -> (String, Vec<usize>) {
        // Tables ignored for depth hold no frames; what is still open is real and must close.
        self.ignored_tables = 0;
        while !self.frames.is_empty() {
            match self.frames.last() {
                Some(Frame::Cell(_)) => self.end_cell(),
                _ => self.end_table(),
            }
        }
        let mut out = String::new();
        let mut blank = true;
        let marks = std::mem::take(&mut self.page_starts);
        let mut pages = Vec::with_capacity(marks.len());
        for (k, line) in self.root.into_lines().into_iter().enumerate() {
            while pages.len() < marks.len() && marks[pages.len()] <= k {
                pages.push(out.len());
            }
            // At most one blank line in a row.
            if line.is_empty() && blank {
                continue;
            }
            blank = line.is_empty();
            out.push_str(&line);
            out.push('\n');
        }
        pages.resize(marks.len(), out.len());
        (out, pages)
    }

    fn render_table(&mut self, table: Table) -> Vec<String> {
        if table.layout {
            return table.rows.into_iter().flatten().flat_map(|c| c.block.into_lines()).collect();
        }
        let mut grid = Grid::default();
        let mut lines = Vec::new();
        for (r, row) in table.rows.into_iter().enumerate() {
            let mut c = 0;
            for cell in row {
                while grid.occupied(r, c) {
                    c += 1;
                }
                let text = flatten(cell.block.into_lines());
                let slot =
                    if cell.merged_up { grid.above(r, c).unwrap_or_else(|| Slot::new(text)) } else { Slot::new(text) };
                if !grid.place(r, c, cell.rowspan, cell.colspan, slot) {
                    self.truncated_tables += 1;
                    break;
                }
                c += cell.colspan;
            }
            let line = grid.row_text(r);
            if self.table_text + line.len() > MAX_TABLE_TEXT {
                self.truncated_tables += 1;
                break;
            }
            self.table_text += line.len();
            if !line.is_empty() {
                lines.push(line);
            }
        }
        lines
    }
}

/// A cell's paragraphs on one line; "|" would read as a cell border.
fn flatten(lines: Vec<String>) -> String {
    let joined: String = lines.concat();
    let collapsed: Vec<&str> = joined.split_whitespace().collect();
    collapsed.join(" ").replace(['|', '｜'], "/")
}

#[derive(Clone)]
struct Slot {
    /// Shared by every position the cell spans: a spanning cell's text is never copied.
    text: Rc<str>,
    /// The cell's own top-left position (false: a position it spans into).
    origin: bool,
    /// The first column the cell covers in its row: where a spanned label is written again.
    first_column: bool,
    /// A number (or an empty marker): written once, not repeated across the span.
    value: bool,
}

impl Slot {
    fn new(text: String) -> Slot {
        let value = parse_value(&text).is_some();
        Slot { text: text.into(), origin: true, first_column: true, value }
    }
}

#[derive(Default)]
struct Grid {
    rows: Vec<Vec<Option<Slot>>>,
    cells: usize,
}

impl Grid {
    fn occupied(&self, r: usize, c: usize) -> bool {
        self.rows.get(r).and_then(|row| row.get(c)).is_some_and(Option::is_some)
    }

    fn above(&self, r: usize, c: usize) -> Option<Slot> {
        let slot = self.rows.get(r.checked_sub(1)?)?.get(c)?.clone()?;
        Some(Slot { origin: false, ..slot })
    }

    /// Places a cell over its span; false when the grid would grow past MAX_TABLE_CELLS.
    fn place(&mut self, r: usize, c: usize, rowspan: usize, colspan: usize, slot: Slot) -> bool {
        if self.cells + rowspan * colspan > MAX_TABLE_CELLS {
            return false;
        }
        self.cells += rowspan * colspan;
        for dr in 0..rowspan {
            if self.rows.len() <= r + dr {
                self.rows.resize_with(r + dr + 1, Vec::new);
            }
            let row = &mut self.rows[r + dr];
            if row.len() < c + colspan {
                row.resize(c + colspan, None);
            }
            for dc in 0..colspan {
                let origin = slot.origin && dr == 0 && dc == 0;
                row[c + dc] = Some(Slot { origin, first_column: dc == 0, ..slot.clone() });
            }
        }
        true
    }

    /// The row as " | "-separated cells: labels on every row they span, each cell once per row.
    fn row_text(&self, r: usize) -> String {
        let Some(row) = self.rows.get(r) else { return String::new() };
        let cells: Vec<&str> = row
            .iter()
            .filter_map(|s| match s {
                Some(s) if s.origin || (!s.value && s.first_column) => Some(&*s.text),
                Some(_) => None,
                None => Some(""),
            })
            .collect();
        if cells.iter().all(|c| c.is_empty()) {
            return String::new();
        }
        cells.join(" | ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(w: &mut Writer, rowspan: usize, colspan: usize, text: &str) {
        w.start_cell(rowspan, colspan);
        w.text(text);
    }

    #[test]
    fn spans_are_expanded() {
        let mut w = Writer::default();
        w.text("前言");
        w.start_table();
        w.start_row();
        cell(&mut w, 2, 1, "三、办理结果");
        cell(&mut w, 1, 1, "（一）予以公开");
        cell(&mut w, 1, 2, "5");
        w.start_row();
        cell(&mut w, 1, 1, "（二）部分公开");
        cell(&mut w, 1, 1, "1");
        cell(&mut w, 1, 1, "");
        w.end_table();
        w.text("后记");
        assert_eq!(
            w.finish(),
            "前言\n\n三、办理结果 | （一）予以公开 | 5\n三、办理结果 | （二）部分公开 | 1 | \n\n后记\n"
        );

        // Across columns a label is written once per row.
        let mut w = Writer::default();
        w.start_table();
        cell(&mut w, 2, 3, "（本列数据的勾稽关系）");
        cell(&mut w, 1, 1, "申请人情况");
        w.start_row();
        cell(&mut w, 1, 1, "自然人");
        assert_eq!(w.finish(), "（本列数据的勾稽关系） | 申请人情况\n（本列数据的勾稽关系） | 自然人\n\n");
    }

    #[test]
    fn layout_tables_are_paragraphs() {
        let mut w = Writer::default();
        w.start_table();
        cell(&mut w, 1, 1, "正文一");
        w.line_break();
        w.start_table();
        cell(&mut w, 1, 1, "规章");
        cell(&mut w, 1, 1, "3");
        w.end_table();
        w.end_table();
        assert_eq!(w.finish(), "正文一\n\n规章 | 3\n\n");
    }
}
