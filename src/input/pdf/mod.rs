//! PDF files as report text.
//!
//! Everything is ours: `objects` reads the file's objects (xref tables and streams, object
//! streams, repair of broken files, stream filters) and `crypt` decrypts permissions-only files;
//! each page's content stream is interpreted for the characters it draws and the rules it
//! strokes (`content`), fonts give the characters' Unicode (`font`), and `layout` puts
//! characters into lines and into the cells of tables rebuilt from their rules. Lines become
//! paragraphs; tables go to the `Writer` like a Word table, so a PDF table is mapped like any
//! other. Tables that continue over a page break are joined; page numbers in the margins are
//! dropped.
//!
//! Hostile files meet limits: streams are inflated with a cap on their size, nesting, reference
//! chains and xref sections are bounded, and pages, operations, characters and rules are counted.

mod content;
pub(crate) mod crypt;
mod font;
mod layout;
pub mod objects;
mod stream;

use super::writer::Writer;
use super::{Extracted, Input, InputError, Limits};
use content::Interpreter;
use layout::{Block, Line, Table};
use objects::{Doc, Object, Stream};

/// Bytes all of a file's inflated streams may make together.
pub const MAX_INFLATED_BYTES: usize = 64 * 1024 * 1024;
/// Pages read; reports have 5–30.
pub const MAX_PAGES: usize = 2_000;
/// Content stream operations interpreted in all.
pub const MAX_OPERATIONS: usize = 5_000_000;
/// Characters kept in all, and rules per page.
pub const MAX_GLYPHS: usize = 2_000_000;
pub const MAX_RULES: usize = 20_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfError {
    /// Not readable as PDF at all.
    Broken,
    /// Needs a password to open.
    Password,
    /// Uses an encryption we do not read.
    Encryption,
    /// Streams inflate past MAX_INFLATED_BYTES.
    InflatedTooLarge,
    /// Too many pages or operations.
    TooComplex,
    /// Pages without text, but images: a scan.
    Scanned,
    /// Text drawn with fonts that have no Unicode mapping.
    NoUnicode,
}

/// Work done so far, against the limits.
#[derive(Default)]
pub struct Budget {
    pub inflated: usize,
    pub operations: usize,
}

impl Budget {
    pub fn take(&mut self, bytes: usize) -> Result<(), PdfError> {
        self.inflated += bytes;
        if self.inflated > MAX_INFLATED_BYTES {
            return Err(PdfError::InflatedTooLarge);
        }
        Ok(())
    }
}

/// The reader of PDF files: claims anything that starts like one.
pub fn read(input: &Input) -> Option<Result<Extracted, InputError>> {
    if !is_pdf(input.bytes) {
        return None;
    }
    Some(
        pdf_to_text(input.bytes)
            .map(|(text, limits, pages)| Extracted { text, format: "pdf", encoding: "UTF-8", limits, pages })
            .map_err(|e| match e {
                PdfError::Broken => InputError::BrokenPdf("文件不完整或已损坏"),
                PdfError::Password => InputError::BrokenPdf("文件设有打开密码"),
                PdfError::Encryption => InputError::BrokenPdf("使用了不支持的加密方式"),
                PdfError::InflatedTooLarge => InputError::InflatedTooLarge(MAX_INFLATED_BYTES),
                PdfError::TooComplex => InputError::BrokenPdf("页数或内容超过读取上限"),
                PdfError::Scanned => InputError::ScannedPdf,
                PdfError::NoUnicode => InputError::PdfNoUnicode,
            }),
    )
}

/// Whether the bytes are a PDF: "%PDF-" in the first KB (some files have junk before it).
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(1024)].windows(5).any(|w| w == b"%PDF-")
}

/// The text of a PDF file: paragraphs one per line, tables as rows; and where each page's text
/// starts in it (bytes).
pub fn pdf_to_text(bytes: &[u8]) -> Result<(String, Limits, Vec<usize>), PdfError> {
    let blocks = stream::find_tables(ruled_blocks(bytes)?);
    let mut w = Writer::default();
    write_blocks(&mut w, &blocks);
    let limits = Limits { truncated_tables: w.truncated_tables, too_deep_tables: w.too_deep_tables };
    let (text, pages) = w.finish_with_pages();
    Ok((text, limits, pages))
}

/// The file's lines and the tables drawn with rules, in reading order, each with its page.
fn ruled_blocks(bytes: &[u8]) -> Result<Vec<(usize, Block)>, PdfError> {
    let doc = Doc::open(bytes)?;
    let pages = doc.pages()?;
    if pages.is_empty() {
        return Err(PdfError::Broken);
    }
    let mut budget = Budget::default();
    let (mut glyphs, mut unmapped) = (0usize, 0usize);
    let mut page_blocks: Vec<Vec<Block>> = Vec::new();
    for page in &pages {
        let data = page_content(&doc, &page.contents, &mut budget)?;
        let [x0, y0, _, y1] = page.media;
        // Page space with y down from the top of the media box.
        let base = [1.0, 0.0, 0.0, 1.0, -x0, 0.0];
        let mut interp = Interpreter::new(&doc, &mut budget, base, y1);
        let fonts = doc.dict(&page.resources, b"Font").unwrap_or_default();
        let xobjects = doc.dict(&page.resources, b"XObject").unwrap_or_default();
        interp.run(&data, &fonts, &xobjects, 0)?;
        let content = interp.finish();
        glyphs += content.glyphs.len();
        unmapped += content.unmapped;
        page_blocks.push(layout::page_blocks(content, y1 - y0));
    }
    if glyphs == 0 {
        return Err(if unmapped > 0 { PdfError::NoUnicode } else { PdfError::Scanned });
    }
    // Most of the text unreadable: the fonts keep it from us.
    if unmapped > glyphs {
        return Err(PdfError::NoUnicode);
    }
    Ok(join_pages(page_blocks))
}

/// The page's content streams, decoded and concatenated.
fn page_content(doc: &Doc, contents: &Object, budget: &mut Budget) -> Result<Vec<u8>, PdfError> {
    let mut out = Vec::new();
    let mut add = |s: &Stream| -> Result<(), PdfError> {
        if let Some(data) = doc.decode(s) {
            budget.take(data.len())?;
            out.extend_from_slice(&data);
            out.push(b'\n');
        }
        Ok(())
    };
    match doc.resolve(contents) {
        Object::Stream(s) => add(&s)?,
        Object::Array(a) => {
            for item in a.iter().take(10_000) {
                if let Object::Stream(s) = doc.resolve(item) {
                    add(&s)?;
                }
            }
        }
        _ => {}
    }
    Ok(out)
}

/// Pages' blocks as one sequence: a table that ends a page and one that starts the next with
/// the same columns are one table.
/// The pages' blocks in reading order, each with its page (0-based); a table that goes on over a
/// page break is one block, of the page it starts on.
fn join_pages(pages: Vec<Vec<Block>>) -> Vec<(usize, Block)> {
    let mut out: Vec<(usize, Block)> = Vec::new();
    for (page, blocks) in pages.into_iter().enumerate() {
        let mut blocks = blocks.into_iter();
        match (blocks.next(), out.last_mut()) {
            (Some(Block::Table(next)), Some((_, Block::Table(prev)))) => {
                if let Err(next) = layout::continue_table(prev, next) {
                    out.push((page, Block::Table(next)));
                }
            }
            (Some(first), _) => out.push((page, first)),
            (None, _) => {}
        }
        out.extend(blocks.map(|b| (page, b)));
    }
    out
}

fn write_blocks(w: &mut Writer, blocks: &[(usize, Block)]) {
    // The text column: where full lines start and end.
    let lines: Vec<&Line> = blocks
        .iter()
        .filter_map(|(_, b)| match b {
            Block::Line(l) => Some(l),
            _ => None,
        })
        .collect();
    let (left, right) = text_column(&lines);
    // How near the edge a wrapped line ends: in a justified column (WPS, Word) at the edge; in a
    // ragged one (a web page printed) up to two characters short, when the next character may
    // not start a line ("，" after it) or a number does not fit whole.
    let near: Vec<&&Line> = lines.iter().filter(|l| l.x1 >= right - 3.0 * l.size).collect();
    let at_edge = near.iter().filter(|l| l.x1 >= right - 0.5 * l.size).count();
    let reach = if at_edge * 2 >= near.len() { 1.5 } else { 2.5 };
    // Lines wrap into paragraphs only when several lines reach the column's edge.
    let justified = lines.iter().filter(|l| l.x1 >= right - reach * l.size).count() >= 3;
    let mut para: Option<&Line> = None;
    let mut page = None;
    for (on, block) in blocks {
        while page.is_none_or(|p| p < *on) {
            page = Some(page.map_or(0, |p| p + 1));
            w.start_page();
        }
        match block {
            Block::Line(line) => {
                let continues = justified
                    && para.is_some_and(|p| {
                        p.x1 >= right - reach * p.size
                            && line.x0 <= left + 0.5 * line.size
                            && (line.size - p.size).abs() <= 0.15 * p.size
                            && (line.y - p.y < 2.2 * p.size || line.y < p.y)
                    });
                if !continues && para.is_some() {
                    w.line_break();
                }
                if continues {
                    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
                    if latin(para.and_then(|p| p.text.chars().next_back())) && latin(line.text.chars().next()) {
                        w.text(" ");
                    }
                }
                w.text(&line.text);
                para = Some(line);
            }
            Block::Table(t) => {
                if para.take().is_some() {
                    w.line_break();
                }
                write_table(w, t);
            }
        }
    }
    w.line_break();
}

fn write_table(w: &mut Writer, t: &Table) {
    let mut cells: Vec<&layout::Cell> = t.cells.iter().collect();
    cells.sort_by_key(|c| (c.row, c.col));
    w.start_table();
    let mut k = 0;
    for r in 0..t.rows {
        w.start_row();
        while k < cells.len() && cells[k].row == r {
            let c = cells[k];
            w.start_cell(c.rowspan, c.colspan);
            w.text(&c.text);
            w.end_cell();
            k += 1;
        }
        w.end_row();
    }
    w.end_table();
}

/// Where the body text's lines start and end: the lines in the size most of the text is set in
/// (a wide title in a larger size does not move the edge), the leftmost start shared by a good
/// part of the long lines (first lines indented by two characters are not the edge, nor is a
/// lone line in the margin), the rightmost end.
fn text_column(lines: &[&Line]) -> (f64, f64) {
    let mut by_size: Vec<(f64, usize)> = Vec::new();
    for l in lines {
        let n = l.text.chars().count();
        match by_size.iter_mut().find(|(s, _)| (s - l.size).abs() <= 0.1 * l.size) {
            Some(e) => e.1 += n,
            None => by_size.push((l.size, n)),
        }
    }
    let Some(&(size, _)) = by_size.iter().max_by_key(|e| e.1) else {
        return (0.0, 0.0);
    };
    let body: Vec<&&Line> = lines.iter().filter(|l| (l.size - size).abs() <= 0.1 * size).collect();
    let right = body.iter().map(|l| l.x1).fold(0.0, f64::max);
    let mut starts: Vec<f64> = body.iter().filter(|l| l.text.chars().count() > 10).map(|l| l.x0).collect();
    starts.sort_by(f64::total_cmp);
    let support = (starts.len() * 15 / 100).max(2).min(starts.len());
    let left = starts
        .iter()
        .copied()
        .find(|&x| starts.iter().filter(|&&y| y >= x && y - x <= 0.5 * size).count() >= support)
        .or(starts.first().copied())
        .unwrap_or(0.0);
    (left, right)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The real 淮安 PDF, all of whose tables are ruled: the search for tables without rules
    /// finds none, and every line of its prose stays a line.
    #[test]
    fn a_ruled_pdf_has_no_tables_without_rules() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        for file in ["real/huaian-szf-2024.pdf", "generated/huaian-lzw-runlength.pdf"] {
            let bytes = std::fs::read(format!("{dir}/{file}")).unwrap();
            let blocks = ruled_blocks(&bytes).unwrap();
            let tables = |bs: &[(usize, Block)]| bs.iter().filter(|(_, b)| matches!(b, Block::Table(_))).count();
            let lines = blocks.len() - tables(&blocks);
            assert_eq!((tables(&blocks), lines), (3, 75), "{file}");
            let after = stream::find_tables(blocks);
            assert_eq!((tables(&after), after.len() - tables(&after)), (3, 75), "{file}");
        }
    }
}
