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
    /// Its characters in pieces set apart by a visible gap (a tenth of the size or more): what
    /// a table without rules is rebuilt from (`stream.rs`).
    pub pieces: Vec<Piece>,
}

/// Characters of a line drawn next to each other, with no visible gap between them.
#[derive(Debug, Clone)]
pub struct Piece {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
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
    let mut found: Vec<(Table, Vec<Tail>)> = Vec::new();
    let free = tables(lattices(&content.rules), content.glyphs, 0, &mut found);
    // Characters below a table, in a cell of its last row whose two borders go on down: the
    // part of a cell cut by the page break, left open (Chromium draws no bottom border there).
    let mut tail_glyphs: Vec<Vec<Vec<Glyph>>> = found.iter().map(|(_, tails)| vec![Vec::new(); tails.len()]).collect();
    let mut rest = Vec::new();
    'glyph: for g in free {
        let (cx, cy) = ((g.x0 + g.x1) / 2.0, g.y - g.size * 0.35);
        for (t, (table, tails)) in found.iter().enumerate() {
            if cy <= table.bottom {
                continue;
            }
            if let Some(i) = tails.iter().position(|tail| tail.x0 < cx && cx < tail.x1 && cy < tail.y1) {
                tail_glyphs[t][i].push(g);
                continue 'glyph;
            }
        }
        rest.push(g);
    }
    let mut blocks: Vec<Block> = Vec::new();
    for ((mut table, tails), glyphs) in found.into_iter().zip(tail_glyphs) {
        for (tail, gs) in tails.iter().zip(glyphs) {
            if !gs.is_empty() {
                let cell = &mut table.cells[tail.cell];
                let more = lines(gs).into_iter().map(|l| l.text);
                cell.text = join_wrapped(std::iter::once(std::mem::take(&mut cell.text)).chain(more));
            }
        }
        blocks.push(Block::Table(table));
    }
    for line in lines(rest) {
        if is_page_number(&line, height) {
            continue;
        }
        blocks.push(Block::Line(line));
    }
    blocks.sort_by(|a, b| a.top().total_cmp(&b.top()));
    blocks
}

/// Where a cell of a table's last row goes on below the table: between its two borders, down
/// to where the first of them ends.
struct Tail {
    cell: usize,
    x0: f64,
    x1: f64,
    y1: f64,
}

/// Frames inside frames taken apart; deeper grids are read as tables as they are.
const MAX_FRAME_DEPTH: usize = 4;

/// The tables of `grids` with the characters drawn in their cells, put into `out`; the
/// characters in no table are returned.
///
/// A grid's cell that is a frame, not a table's cell, is taken out: a web page printed with its
/// layout table or container bordered draws the whole report inside a ruled "cell", with the
/// report's own tables inside it, often a point or two from its border and so joined to it. A
/// frame is a cell that is no rectangle (the space around the inner tables, joined to the
/// frame's margins), one that holds another grid, or one that holds prose (a long text, or a
/// full-width one with a sentence). Its characters are read as lines and paragraphs, and what
/// remains of the grid, each connected part, is read again from its own rules alone: the
/// report's tables.
fn tables(grids: Vec<Grid>, glyphs: Vec<Glyph>, depth: usize, out: &mut Vec<(Table, Vec<Tail>)>) -> Vec<Glyph> {
    let mut cell_glyphs: Vec<Vec<Vec<Glyph>>> = grids.iter().map(|t| vec![Vec::new(); t.cells.len()]).collect();
    let mut free = Vec::new();
    for g in glyphs {
        let (cx, cy) = ((g.x0 + g.x1) / 2.0, g.y - g.size * 0.35);
        // The innermost grid that holds it: a table may be drawn inside another grid's cell.
        let hit = grids
            .iter()
            .enumerate()
            .filter_map(|(t, grid)| grid.cell_at(cx, cy).map(|k| (t, k, grid.area())))
            .min_by(|a, b| a.2.total_cmp(&b.2));
        match hit {
            Some((t, k, _)) => cell_glyphs[t][k].push(g),
            None => free.push(g),
        }
    }
    for (t, (grid, glyphs)) in grids.iter().zip(cell_glyphs).enumerate() {
        let texts: Vec<String> =
            glyphs.iter().map(|gs| join_wrapped(lines(gs.clone()).into_iter().map(|l| l.text))).collect();
        let cols = grid.xs.len() - 1;
        let mut frames: Vec<bool> = (0..grid.cells.len())
            .map(|k| {
                !grid.filled[k]
                    || grids.iter().enumerate().any(|(o, other)| o != t && grid.holds(k, other))
                    || is_prose(&texts[k], grid.cells[k].colspan == cols)
            })
            .collect();
        // With a frame, an empty sliver of a cell (the gap between the frame's border and a
        // table's, a point or two wide) is the frame's too.
        if frames.contains(&true) {
            for (k, cell) in grid.cells.iter().enumerate() {
                let (w, h) = grid.size(cell);
                if texts[k].is_empty() && (w <= 2.0 * SNAP || h <= 2.0 * SNAP) {
                    frames[k] = true;
                }
            }
        }
        if depth >= MAX_FRAME_DEPTH || !frames.contains(&true) {
            let cells = grid.cells.iter().zip(texts).map(|(cell, text)| Cell { text, ..cell.clone() }).collect();
            let table = Table {
                xs: grid.xs.clone(),
                rows: grid.ys.len() - 1,
                cells,
                top: grid.ys[0],
                bottom: *grid.ys.last().unwrap_or(&0.0),
            };
            out.push((table, grid.tails()));
            continue;
        }
        let mut glyphs: Vec<Option<Vec<Glyph>>> = glyphs.into_iter().map(Some).collect();
        for (k, gs) in glyphs.iter_mut().enumerate() {
            if frames[k] {
                free.extend(gs.take().unwrap_or_default());
            }
        }
        for (bounds, members) in grid.parts(&frames) {
            let inner: Vec<Glyph> = members.iter().flat_map(|&k| glyphs[k].take().unwrap_or_default()).collect();
            let (hs, vs) = grid.rules_within(bounds);
            free.extend(tables(grids_of(hs, vs, false), inner, depth + 1, out));
        }
    }
    free
}

/// Prose, not a table's cell: a long text, or a full-width one that is a sentence or more. A
/// table's note row ("注：本表…。") is a full-width sentence too, but the table's own: cutting
/// the table there would make two tables of one.
fn is_prose(text: &str, full_width: bool) -> bool {
    let n = text.chars().count();
    let note = ["注：", "注:", "备注", "说明：", "说明:"].iter().any(|p| text.starts_with(p));
    n >= 150 || (full_width && !note && (n >= 60 || text.contains('。')))
}

/// A page number in the top or bottom margin: "- 4 -", "—4—", "第 4 页", "4/6", "4".
fn is_page_number(line: &Line, height: f64) -> bool {
    let margin = line.y < height * 0.1 || line.y > height * 0.9;
    let text: String = line.text.chars().filter(|c| !c.is_whitespace()).collect();
    // Numbers set apart side by side ("38   0   0   38") are a table's row near the page's
    // edge (a row cut by a page break, printed at the top of the next page), no page number.
    let words: Vec<&str> = line.text.split_whitespace().collect();
    let numbers_apart = words.windows(2).any(|w| w.iter().all(|t| t.chars().all(|c| c.is_ascii_digit())));
    margin
        && !numbers_apart
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
            let mut pieces: Vec<Piece> = Vec::new();
            let mut prev: Option<&Glyph> = None;
            for g in &row {
                let mut apart = true;
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
                    apart = gap > size * 0.1;
                }
                text.push_str(&g.text);
                match pieces.last_mut() {
                    Some(piece) if !apart => {
                        piece.text.push_str(&g.text);
                        piece.x1 = piece.x1.max(g.x1);
                    }
                    _ => pieces.push(Piece { text: g.text.clone(), x0: g.x0, x1: g.x1 }),
                }
                prev = Some(g);
            }
            let x0 = row.first().map_or(0.0, |g| g.x0);
            let x1 = row.iter().map(|g| g.x1).fold(f64::MIN, f64::max);
            Line { text, x0, x1, y: row[0].y, size, pieces }
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
    /// Whether each cell fills its bounding rows and columns: a cell that does not (an L or a
    /// ring of positions around others) is no table's cell.
    filled: Vec<bool>,
    /// The cell index of each elementary position, row-major.
    at: Vec<usize>,
    /// The rules it is drawn with.
    hs: Vec<Seg>,
    vs: Vec<Seg>,
}

/// A rectangle: x0, y0, x1, y1.
type Bounds = [f64; 4];

impl Grid {
    fn cell_at(&self, x: f64, y: f64) -> Option<usize> {
        let c = self.xs.windows(2).position(|w| w[0] <= x && x < w[1])?;
        let r = self.ys.windows(2).position(|w| w[0] <= y && y < w[1])?;
        self.at.get(r * (self.xs.len() - 1) + c).copied()
    }

    fn bounds(&self) -> Bounds {
        [self.xs[0], self.ys[0], self.xs[self.xs.len() - 1], self.ys[self.ys.len() - 1]]
    }

    fn area(&self) -> f64 {
        let [x0, y0, x1, y1] = self.bounds();
        (x1 - x0) * (y1 - y0)
    }

    /// The cells of the last row, not as wide as the grid, whose left and right borders both go
    /// on down past the grid's last rule.
    fn tails(&self) -> Vec<Tail> {
        let (last, cols) = (self.ys[self.ys.len() - 1], self.xs.len() - 1);
        let goes_on = |x: f64| {
            self.vs
                .iter()
                .filter(|v| (v.at - x).abs() <= SNAP && v.from <= last && v.to > last + 2.0 * SNAP)
                .map(|v| v.to)
                .fold(None, |a: Option<f64>, b| Some(a.map_or(b, |a| a.max(b))))
        };
        self.cells
            .iter()
            .enumerate()
            .filter(|(_, c)| c.row + c.rowspan == self.ys.len() - 1 && c.colspan < cols)
            .filter_map(|(k, c)| {
                let (x0, x1) = (self.xs[c.col], self.xs[c.col + c.colspan]);
                let y1 = goes_on(x0)?.min(goes_on(x1)?);
                Some(Tail { cell: k, x0, x1, y1 })
            })
            .collect()
    }

    /// A cell's width and height.
    fn size(&self, c: &Cell) -> (f64, f64) {
        (self.xs[c.col + c.colspan] - self.xs[c.col], self.ys[c.row + c.rowspan] - self.ys[c.row])
    }

    /// Whether cell `k` holds all of `other` (a grid drawn inside it).
    fn holds(&self, k: usize, other: &Grid) -> bool {
        let c = &self.cells[k];
        let [x0, y0, x1, y1] = other.bounds();
        self.xs[c.col] - SNAP <= x0
            && x1 <= self.xs[c.col + c.colspan] + SNAP
            && self.ys[c.row] - SNAP <= y0
            && y1 <= self.ys[c.row + c.rowspan] + SNAP
    }

    /// The connected parts of the grid without the cells marked: each part's bounds and cells.
    fn parts(&self, without: &[bool]) -> Vec<(Bounds, Vec<usize>)> {
        let cols = self.xs.len() - 1;
        let mut part: Vec<Option<usize>> = vec![None; self.at.len()];
        let mut out: Vec<(Bounds, Vec<usize>)> = Vec::new();
        for start in 0..self.at.len() {
            if part[start].is_some() || without[self.at[start]] {
                continue;
            }
            let id = out.len();
            let (mut r0, mut c0, mut r1, mut c1) = (usize::MAX, usize::MAX, 0, 0);
            let mut members = Vec::new();
            let mut stack = vec![start];
            part[start] = Some(id);
            while let Some(i) = stack.pop() {
                let (r, c) = (i / cols, i % cols);
                (r0, c0, r1, c1) = (r0.min(r), c0.min(c), r1.max(r), c1.max(c));
                if !members.contains(&self.at[i]) {
                    members.push(self.at[i]);
                }
                let mut next = Vec::with_capacity(4);
                if c > 0 {
                    next.push(i - 1);
                }
                if c + 1 < cols {
                    next.push(i + 1);
                }
                if i >= cols {
                    next.push(i - cols);
                }
                if i + cols < self.at.len() {
                    next.push(i + cols);
                }
                for j in next {
                    if part[j].is_none() && !without[self.at[j]] {
                        part[j] = Some(id);
                        stack.push(j);
                    }
                }
            }
            out.push(([self.xs[c0], self.ys[r0], self.xs[c1 + 1], self.ys[r1 + 1]], members));
        }
        out
    }

    /// The grid's rules across `bounds`, whole (a border that goes on past them, as a cell's
    /// cut by a page break does, still does). A boundary of the grid is a cluster of coordinates
    /// from its first one up to SNAP past it; so are the bounds' edges, so a rule a little
    /// outside the bounds' first column or row (a frame's border next to a table's) is left out.
    fn rules_within(&self, [x0, y0, x1, y1]: Bounds) -> (Vec<Seg>, Vec<Seg>) {
        let across = |segs: &[Seg], (a0, a1): (f64, f64), (f0, f1): (f64, f64)| -> Vec<Seg> {
            segs.iter()
                .filter(|s| s.at >= a0 - 1e-6 && s.at <= a1 + SNAP + 1e-6)
                .filter(|s| s.from.max(f0) < s.to.min(f1) - SNAP)
                .copied()
                .collect()
        };
        (across(&self.hs, (y0, y1), (x0, x1)), across(&self.vs, (x0, x1), (y0, y1)))
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

/// The grids a page's rules draw.
fn lattices(rules: &[Rule]) -> Vec<Grid> {
    let (hs, vs): (Vec<&Rule>, Vec<&Rule>) = rules.iter().partition(|r| r.horizontal());
    let hs = merge(hs.iter().map(|r| Seg { at: (r.y0 + r.y1) / 2.0, from: r.x0, to: r.x1 }).collect());
    let vs = merge(vs.iter().map(|r| Seg { at: (r.x0 + r.x1) / 2.0, from: r.y0, to: r.y1 }).collect());
    grids_of(hs, vs, true)
}

/// The grids of connected rules; with `open`, a grid open at its top is closed there (see
/// `open_top`). Not inside a frame: the rules of a part of a frame are taken whole, so its
/// borders go on up past the part, to the frame's top, with the frame's prose in between.
fn grids_of(hs: Vec<Seg>, vs: Vec<Seg>, open: bool) -> Vec<Grid> {
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
    groups.into_values().filter_map(|(h, v)| grid(h, v, open)).collect()
}

fn grid(mut hs: Vec<Seg>, vs: Vec<Seg>, open: bool) -> Option<Grid> {
    if hs.is_empty() || vs.len() < 2 {
        return None;
    }
    if let Some(top) = open.then(|| open_top(&hs, &vs)).flatten() {
        hs.push(top);
    }
    if hs.len() < 2 {
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
    let mut bounds: std::collections::BTreeMap<usize, (usize, usize, usize, usize, usize)> = Default::default();
    for r in 0..rows {
        for c in 0..cols {
            let root = find(&mut parent, r * cols + c);
            let b = bounds.entry(root).or_insert((r, c, r, c, 0));
            *b = (b.0.min(r), b.1.min(c), b.2.max(r), b.3.max(c), b.4 + 1);
        }
    }
    let mut cells: Vec<(usize, Cell, bool)> = bounds
        .iter()
        .map(|(&root, &(r0, c0, r1, c1, n))| {
            let cell = Cell { row: r0, col: c0, rowspan: r1 - r0 + 1, colspan: c1 - c0 + 1, text: String::new() };
            (root, cell, n == (r1 - r0 + 1) * (c1 - c0 + 1))
        })
        .collect();
    cells.sort_by_key(|(_, c, _)| (c.row, c.col));
    // A box with one cell is a frame around text, not a table.
    if cells.len() < 2 {
        return None;
    }
    // Each group's cell, by the group's root position.
    let mut index = vec![0; rows * cols];
    for (k, c) in cells.iter().enumerate() {
        index[c.0] = k;
    }
    let at = (0..rows * cols).map(|i| index[find(&mut parent, i)]).collect();
    let filled = cells.iter().map(|c| c.2).collect();
    let cells = cells.into_iter().map(|c| c.1).collect();
    Some(Grid { xs, ys, cells, filled, at, hs, vs })
}

/// The top border of a grid whose rows go on from the page before: Chromium draws a cell's top
/// border only on the page it starts on, so a row cut by a page break (or one that starts a page
/// just under the border drawn at the foot of the page before) is open at the top of the next
/// page, its text above the grid's first rule. When the grid's two outer borders, and every
/// border that goes up past its first rule, go on up to one height (the page's top edge or its
/// margin), that height closes the grid.
fn open_top(hs: &[Seg], vs: &[Seg]) -> Option<Seg> {
    let first = hs.iter().map(|h| h.at).fold(f64::INFINITY, f64::min);
    let (x0, x1) = (
        vs.iter().map(|v| v.at).fold(f64::INFINITY, f64::min),
        vs.iter().map(|v| v.at).fold(f64::NEG_INFINITY, f64::max),
    );
    let up: Vec<&Seg> = vs.iter().filter(|v| v.from < first - 2.0 * SNAP && v.to >= first - SNAP).collect();
    let top = up.iter().map(|v| v.from).fold(f64::INFINITY, f64::min);
    let outer = |x: f64| up.iter().any(|v| (v.at - x).abs() <= SNAP);
    let even = up.iter().all(|v| v.from - top <= SNAP);
    (up.len() >= 2 && outer(x0) && outer(x1) && even).then_some(Seg { at: top, from: x0, to: x1 })
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
pub fn continue_table(prev: &mut Table, mut next: Table) -> Result<(), Table> {
    let Some(xs) = common_columns(&prev.xs, &next.xs) else {
        return Err(next);
    };
    regrid(prev, &xs);
    regrid(&mut next, &xs);
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
    // The label of a row of its own: the top row's last label, with numbers right of it under
    // numbers of the row above ("规章 | 0 | 0 | 0" / "行政规范性文件 | 58 | 45 | 546"), which a
    // row cut by the break never has (its numbers are on one side of the break only).
    let own = next
        .cells
        .iter()
        .filter(|c| c.row == skip && is_label(&c.text))
        .max_by_key(|c| c.col)
        .filter(|label| {
            next.cells.iter().any(|c| {
                c.row == skip
                    && c.col > label.col
                    && !c.text.is_empty()
                    && !is_label(&c.text)
                    && above(prev, c).is_some_and(|k| !prev.cells[k].text.is_empty() && !is_label(&prev.cells[k].text))
            })
        })
        .map(|c| c.col);
    let own_label = |cell: &Cell| Some(cell.col) == own;
    for mut cell in next.cells.into_iter().filter(|c| c.row >= skip) {
        cell.row = cell.row - skip + offset;
        // A label cell cut by the page break: the continuation's top cell is empty, or goes on
        // with words that start no item of their own ("（四）无" / "法提供").
        if cell.row == offset && (cell.text.is_empty() || (continues(&cell.text) && !own_label(&cell))) {
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

/// The columns of two parts of one table: the same columns, or the same but for a boundary or two
/// that one part never draws (a column split only in rows that are all on the other page).
fn common_columns(a: &[f64], b: &[f64]) -> Option<Vec<f64>> {
    let same = |x: f64, y: f64| (x - y).abs() <= 3.0 * SNAP;
    let within = |small: &[f64], big: &[f64]| small.iter().all(|&x| big.iter().any(|&y| same(x, y)));
    let (small, big) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let edges = same(small[0], big[0]) && same(small[small.len() - 1], big[big.len() - 1]);
    (edges && big.len() - small.len() <= 2 && within(small, big)).then(|| big.to_vec())
}

/// A table's cells put on columns `xs`, a superset of its own.
fn regrid(t: &mut Table, xs: &[f64]) {
    if t.xs.len() == xs.len() {
        return;
    }
    let at = |x: f64| xs.iter().position(|&y| (x - y).abs() <= 3.0 * SNAP).unwrap_or(0);
    let map: Vec<usize> = t.xs.iter().map(|&x| at(x)).collect();
    for c in &mut t.cells {
        let (from, to) = (map[c.col], map[c.col + c.colspan]);
        c.col = from;
        c.colspan = to.saturating_sub(from).max(1);
    }
    t.xs = xs.to_vec();
}

/// Words, not a number.
fn is_label(text: &str) -> bool {
    !text.is_empty() && !text.chars().all(|c| c.is_ascii_digit() || ".,-%".contains(c))
}

/// Text that starts an item of a list: "（五）", "(5)", "五、", "5.", "5、", "第五".
pub(super) fn starts_item(text: &str) -> bool {
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
