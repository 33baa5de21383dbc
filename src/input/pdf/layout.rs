//! Characters and rules → lines and tables in reading order.
//!
//! Tables are rebuilt the way Tabula's and pdfplumber's lattice mode do: the drawn rules are
//! joined into grids, a missing border between two grid cells means they are one merged cell,
//! and each character goes to the cell its centre falls in. Characters outside tables become
//! lines (baseline clusters, left to right), and the page number in the margin is dropped.

use super::content::{Glyph, PageContent, Rule};

/// Distance within which two rule coordinates are the same line.
const SNAP: f64 = 2.0;

#[derive(Debug, Clone)]
pub struct Line {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    pub y: f64,
    pub size: f64,
}

#[derive(Debug, Clone)]
pub struct Cell {
    pub row: usize,
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub xs: Vec<f64>,
    pub rows: usize,
    pub cells: Vec<Cell>,
    pub top: f64,
    pub bottom: f64,
}

#[derive(Debug, Clone)]
pub enum Block {
    Line(Line),
    Table(Table),
}

impl Block {
    fn top(&self) -> f64 {
        match self {
            Block::Line(l) => l.y - l.size,
            Block::Table(t) => t.top,
        }
    }
}

/// A page's blocks in reading order (top to bottom), without its page number.
pub fn page_blocks(content: PageContent, height: f64) -> Vec<Block> {
    let mut tables = lattices(&content.rules);
    let mut cell_glyphs: Vec<Vec<Vec<Glyph>>> = tables.iter().map(|t| vec![Vec::new(); t.cells.len()]).collect();
    let mut free = Vec::new();
    'glyph: for g in content.glyphs {
        let (cx, cy) = ((g.x0 + g.x1) / 2.0, g.y - g.size * 0.35);
        for (t, grid) in tables.iter().enumerate() {
            if let Some(k) = grid.cell_at(cx, cy) {
                cell_glyphs[t][k].push(g);
                continue 'glyph;
            }
        }
        free.push(g);
    }
    let mut blocks: Vec<Block> = Vec::new();
    for (grid, glyphs) in tables.iter_mut().zip(cell_glyphs) {
        let mut cells = Vec::new();
        for (cell, gs) in grid.cells.iter().zip(glyphs) {
            let text = join_wrapped(lines(gs).into_iter().map(|l| l.text));
            cells.push(Cell { text, ..cell.clone() });
        }
        blocks.push(Block::Table(Table {
            xs: grid.xs.clone(),
            rows: grid.ys.len() - 1,
            cells,
            top: grid.ys[0],
            bottom: *grid.ys.last().unwrap_or(&0.0),
        }));
    }
    for line in lines(free) {
        if is_page_number(&line, height) {
            continue;
        }
        blocks.push(Block::Line(line));
    }
    blocks.sort_by(|a, b| a.top().total_cmp(&b.top()));
    blocks
}

/// A page number in the top or bottom margin: "- 4 -", "—4—", "第 4 页", "4/6", "4".
fn is_page_number(line: &Line, height: f64) -> bool {
    let margin = line.y < height * 0.1 || line.y > height * 0.9;
    let text: String = line.text.chars().filter(|c| !c.is_whitespace()).collect();
    margin
        && text.chars().any(|c| c.is_ascii_digit())
        && text.chars().count() <= 12
        && text.chars().all(|c| c.is_ascii_digit() || "-—–－―第页共/".contains(c))
}

/// Lines of characters: baselines within a fraction of the size are one line.
pub fn lines(mut glyphs: Vec<Glyph>) -> Vec<Line> {
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        match rows.last_mut() {
            Some(row) if (g.y - row[0].y).abs() <= row[0].size.max(g.size) * 0.4 => row.push(g),
            _ => rows.push(vec![g]),
        }
    }
    rows.into_iter()
        .map(|mut row| {
            row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let size = row.iter().map(|g| g.size).fold(0.0, f64::max);
            let mut text = String::new();
            let mut prev: Option<&Glyph> = None;
            for g in &row {
                if let Some(p) = prev {
                    // The same character drawn again over itself (fake bold) is one character.
                    if p.text == g.text && (g.x0 - p.x0).abs() < g.size * 0.3 {
                        continue;
                    }
                    // A gap is a space next to Latin letters and digits; between Chinese
                    // characters only when it is wide (justified lines spread them a little).
                    let latin = |t: &str| t.is_ascii();
                    let gap = g.x0 - p.x1;
                    if gap > size * 0.3 && (latin(&p.text) || latin(&g.text) || gap > size * 1.0) {
                        text.push(' ');
                    }
                }
                text.push_str(&g.text);
                prev = Some(g);
            }
            let x0 = row.first().map_or(0.0, |g| g.x0);
            let x1 = row.iter().map(|g| g.x1).fold(f64::MIN, f64::max);
            Line { text, x0, x1, y: row[0].y, size }
        })
        .collect()
}

/// Lines wrapped inside a cell or paragraph, joined: no separator between Chinese characters.
pub fn join_wrapped(parts: impl Iterator<Item = String>) -> String {
    let mut out = String::new();
    for part in parts {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if latin(out.chars().next_back()) && latin(part.chars().next()) {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// A grid found from rules: column and row boundaries, and its merged cells (empty text).
struct Grid {
    xs: Vec<f64>,
    ys: Vec<f64>,
    cells: Vec<Cell>,
    /// The cell index of each elementary position, row-major.
    at: Vec<usize>,
}

impl Grid {
    fn cell_at(&self, x: f64, y: f64) -> Option<usize> {
        let c = self.xs.windows(2).position(|w| w[0] <= x && x < w[1])?;
        let r = self.ys.windows(2).position(|w| w[0] <= y && y < w[1])?;
        self.at.get(r * (self.xs.len() - 1) + c).copied()
    }
}

#[derive(Clone, Copy)]
struct Seg {
    /// The fixed coordinate (y of a horizontal, x of a vertical).
    at: f64,
    from: f64,
    to: f64,
}

/// Collinear segments that overlap or touch, merged.
fn merge(mut segs: Vec<Seg>) -> Vec<Seg> {
    segs.sort_by(|a, b| a.at.total_cmp(&b.at).then(a.from.total_cmp(&b.from)));
    let mut out: Vec<Seg> = Vec::new();
    for s in segs {
        // Segments within SNAP of each other's coordinate, overlapping: one line.
        if let Some(m) = out
            .iter_mut()
            .rev()
            .take(64)
            .find(|m| (m.at - s.at).abs() <= SNAP / 2.0 && s.from <= m.to + SNAP && s.to >= m.from - SNAP)
        {
            m.to = m.to.max(s.to);
            m.from = m.from.min(s.from);
            continue;
        }
        out.push(s);
    }
    out
}

fn clusters(mut values: Vec<f64>) -> Vec<f64> {
    values.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = Vec::new();
    for v in values {
        match out.last() {
            Some(&last) if v - last <= SNAP => {}
            _ => out.push(v),
        }
    }
    out
}

/// The tables a page's rules draw.
fn lattices(rules: &[Rule]) -> Vec<Grid> {
    let (hs, vs): (Vec<&Rule>, Vec<&Rule>) = rules.iter().partition(|r| r.horizontal());
    let hs = merge(hs.iter().map(|r| Seg { at: (r.y0 + r.y1) / 2.0, from: r.x0, to: r.x1 }).collect());
    let vs = merge(vs.iter().map(|r| Seg { at: (r.x0 + r.x1) / 2.0, from: r.y0, to: r.y1 }).collect());
    // Connected groups of crossing rules.
    let n = hs.len() + vs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for (i, h) in hs.iter().enumerate() {
        for (j, v) in vs.iter().enumerate() {
            let cross = v.at >= h.from - SNAP && v.at <= h.to + SNAP && h.at >= v.from - SNAP && h.at <= v.to + SNAP;
            if cross {
                let (a, b) = (find(&mut parent, i), find(&mut parent, hs.len() + j));
                parent[a] = b;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<Seg>, Vec<Seg>)> = Default::default();
    for (i, h) in hs.iter().enumerate() {
        groups.entry(find(&mut parent, i)).or_default().0.push(*h);
    }
    for (j, v) in vs.iter().enumerate() {
        groups.entry(find(&mut parent, hs.len() + j)).or_default().1.push(*v);
    }
    groups.into_values().filter_map(|(h, v)| grid(&h, &v)).collect()
}

fn grid(hs: &[Seg], vs: &[Seg]) -> Option<Grid> {
    if hs.len() < 2 || vs.len() < 2 {
        return None;
    }
    let xs = clusters(vs.iter().map(|v| v.at).collect());
    let ys = clusters(hs.iter().map(|h| h.at).collect());
    let (rows, cols) = (ys.len().checked_sub(1)?, xs.len().checked_sub(1)?);
    if rows == 0 || cols == 0 || rows * cols > super::super::MAX_TABLE_CELLS {
        return None;
    }
    // Whether a border is drawn through the middle of a grid edge.
    let v_drawn = |x: f64, y: f64| vs.iter().any(|v| (v.at - x).abs() <= SNAP && v.from <= y && y <= v.to);
    let h_drawn = |y: f64, x: f64| hs.iter().any(|h| (h.at - y).abs() <= SNAP && h.from <= x && x <= h.to);
    let mut parent: Vec<usize> = (0..rows * cols).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for r in 0..rows {
        let ym = (ys[r] + ys[r + 1]) / 2.0;
        for c in 0..cols {
            let xm = (xs[c] + xs[c + 1]) / 2.0;
            if c + 1 < cols && !v_drawn(xs[c + 1], ym) {
                let (a, b) = (find(&mut parent, r * cols + c), find(&mut parent, r * cols + c + 1));
                parent[a] = b;
            }
            if r + 1 < rows && !h_drawn(ys[r + 1], xm) {
                let (a, b) = (find(&mut parent, r * cols + c), find(&mut parent, (r + 1) * cols + c));
                parent[a] = b;
            }
        }
    }
    // Each group's bounding box is a merged cell, numbered in reading order of its top-left.
    let mut bounds: std::collections::BTreeMap<usize, (usize, usize, usize, usize)> = Default::default();
    for r in 0..rows {
        for c in 0..cols {
            let root = find(&mut parent, r * cols + c);
            let b = bounds.entry(root).or_insert((r, c, r, c));
            *b = (b.0.min(r), b.1.min(c), b.2.max(r), b.3.max(c));
        }
    }
    let mut cells: Vec<Cell> = bounds
        .values()
        .map(|&(r0, c0, r1, c1)| Cell {
            row: r0,
            col: c0,
            rowspan: r1 - r0 + 1,
            colspan: c1 - c0 + 1,
            text: String::new(),
        })
        .collect();
    cells.sort_by_key(|c| (c.row, c.col));
    let mut at = vec![0; rows * cols];
    for (k, cell) in cells.iter().enumerate() {
        for r in cell.row..cell.row + cell.rowspan {
            for c in cell.col..cell.col + cell.colspan {
                at[r * cols + c] = k;
            }
        }
    }
    // A box with one cell is a frame around text, not a table.
    if cells.len() < 2 {
        return None;
    }
    Some(Grid { xs, ys, cells, at })
}

/// Joins tables that continue over a page break: `next` starts the page after the one `prev`
/// ends, with the same columns. A repeated header is dropped; a label cell left empty at the top
/// of the continuation continues the label above it.
///
/// A row cut by the break (LibreOffice and Word let a tall row, a label wrapped over many lines
/// in a narrow cell, break across pages) is one row: when every cell of the continuation's top
/// row lies under a cell of the table's last row with the same columns, and each is empty, goes
/// on with words that start no item of their own ("2.没有现成信息需要" / "另行制作"), or fills
/// a cell left empty above (a number centred in the part after the break), the top row's cells
/// are joined to those above, text and all, instead of making a row of empty cells.
pub fn continue_table(prev: &mut Table, next: Table) -> Result<(), Table> {
    let same_columns =
        prev.xs.len() == next.xs.len() && prev.xs.iter().zip(&next.xs).all(|(a, b)| (a - b).abs() <= 3.0 * SNAP);
    if !same_columns {
        return Err(next);
    }
    let row_texts = |t: &Table, r: usize| -> Vec<String> {
        t.cells.iter().filter(|c| c.row == r).map(|c| c.text.clone()).collect()
    };
    // A repeated header: the continuation's first rows equal the table's first rows.
    let mut skip = 0;
    while skip < next.rows && skip < prev.rows && row_texts(&next, skip) == row_texts(prev, skip) {
        skip += 1;
    }
    let offset = prev.rows;
    let last = prev.rows.saturating_sub(1);
    // The cell of the last row above a cell of the continuation's top row, same columns.
    let above = |prev: &Table, cell: &Cell| {
        prev.cells.iter().position(|c| c.row + c.rowspan - 1 == last && c.col == cell.col && c.colspan == cell.colspan)
    };
    let continues = |text: &str| is_label(text) && !starts_item(text);
    let top: Vec<&Cell> = next.cells.iter().filter(|c| c.row == skip).collect();
    let cut_row = prev.rows > 0
        && !top.is_empty()
        && top.iter().all(|cell| {
            above(prev, cell).is_some_and(|k| {
                let up = &prev.cells[k].text;
                cell.text.is_empty()
                    || (continues(&cell.text) && is_label(up))
                    || (up.is_empty() && !is_label(&cell.text))
            })
        });
    if cut_row {
        for mut cell in next.cells.into_iter().filter(|c| c.row >= skip) {
            if cell.row == skip {
                let k = above(prev, &cell).expect("checked above");
                prev.cells[k].rowspan += cell.rowspan - 1;
                prev.cells[k].text.push_str(&cell.text);
                continue;
            }
            cell.row = cell.row - skip + offset - 1;
            prev.cells.push(cell);
        }
        prev.rows += next.rows - skip - 1;
        prev.bottom = next.bottom;
        return Ok(());
    }
    for mut cell in next.cells.into_iter().filter(|c| c.row >= skip) {
        cell.row = cell.row - skip + offset;
        // A label cell cut by the page break: the continuation's top cell is empty, or goes on
        // with words that start no item of their own ("（四）无" / "法提供").
        if cell.row == offset && (cell.text.is_empty() || continues(&cell.text)) {
            if let Some(above) = prev.cells.iter_mut().find(|c| {
                c.row + c.rowspan - 1 == last && c.col == cell.col && c.colspan == cell.colspan && is_label(&c.text)
            }) {
                above.rowspan += cell.rowspan;
                above.text.push_str(&cell.text);
                continue;
            }
        }
        prev.cells.push(cell);
    }
    prev.rows += next.rows - skip;
    prev.bottom = next.bottom;
    Ok(())
}

/// Words, not a number.
fn is_label(text: &str) -> bool {
    !text.is_empty() && !text.chars().all(|c| c.is_ascii_digit() || ".,-%".contains(c))
}

/// Text that starts an item of a list: "（五）", "(5)", "五、", "5.", "5、", "第五".
fn starts_item(text: &str) -> bool {
    let mut chars = text.chars();
    let first = chars.next().unwrap_or(' ');
    if "（(第".contains(first) {
        return true;
    }
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    if !numeral(first) {
        return false;
    }
    chars.find(|c| !numeral(*c)).is_some_and(|c| "、.．)）".contains(c))
}
