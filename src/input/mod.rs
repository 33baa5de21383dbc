//! Input readers: any supported file → the text the checker reads.
//!
//! A report arrives as plain text, as an HTML page or clipboard fragment, or as a Word file, in
//! any encoding. The kind is recognised from the bytes (the zip signature, markup at the start),
//! with the file name only as a hint, because files are misnamed all the time. Each reader is one
//! file with one function, listed in [`READERS`]: it claims the input or passes, and a claimed
//! input is read or refused with an [`InputError`] that says why in Chinese. HTML and Word are
//! written out as text with their tables as rows (see `writer`); that text is what findings
//! point into. Adding a reader is one file, one entry in [`READERS`], and catalogue rows for any
//! new `input.*` code.

pub mod docx;
pub mod html;
mod markup;
pub mod pdf;
pub mod text;
mod writer;
mod zip;

use std::cell::OnceCell;

pub use text::Decoded;
pub use writer::{MAX_TABLE_CELLS, MAX_TABLE_DEPTH, MAX_TABLE_TEXT};

/// Largest input checked. Real reports are 10–200 KB (a .docx up to a few MB with images);
/// far larger inputs are not reports, and refusing them keeps the page responsive.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// One reader: `read` claims an input (Some) or leaves it to the next reader (None).
pub struct Reader {
    /// The `source.format` of what it reads: "text", "html", "docx".
    pub format: &'static str,
    pub read: fn(&Input) -> Option<Result<Extracted, InputError>>,
}

/// Every reader, in the order they are asked; plain text claims whatever is left.
pub const READERS: &[Reader] = &[
    Reader { format: "pdf", read: pdf::read },
    Reader { format: "docx", read: docx::read },
    Reader { format: "html", read: html::read },
    Reader { format: "text", read: text::read },
];

/// Bytes and file name, with the bytes decoded as text at most once for the readers that ask.
pub struct Input<'a> {
    pub bytes: &'a [u8],
    pub name: &'a str,
    decoded: OnceCell<Result<Decoded, InputError>>,
}

impl<'a> Input<'a> {
    pub fn new(bytes: &'a [u8], name: &'a str) -> Input<'a> {
        Input { bytes, name, decoded: OnceCell::new() }
    }

    /// The bytes as text in whichever encoding they are in.
    pub fn decoded(&self) -> Result<&Decoded, InputError> {
        self.decoded.get_or_init(|| text::decode(self.bytes)).as_ref().map_err(Clone::clone)
    }

    /// Whether the file name ends in one of `exts` (".docx").
    pub fn named(&self, exts: &[&str]) -> bool {
        let lower = self.name.to_ascii_lowercase();
        exts.iter().any(|e| lower.ends_with(e))
    }
}

/// Limits a document reached while being read: reported as findings, never silently applied.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Limits {
    /// Tables whose grid was cut at MAX_TABLE_CELLS.
    pub truncated_tables: usize,
    /// Tables nested past MAX_TABLE_DEPTH, read as plain text.
    pub too_deep_tables: usize,
}

/// The text a reader read, and what it was.
#[derive(Debug, Clone)]
pub struct Extracted {
    pub text: String,
    /// The reader's format.
    pub format: &'static str,
    pub encoding: &'static str,
    /// Limits reached while reading: reported, never silently applied.
    pub limits: Limits,
    /// Where each page of a paged document (PDF) starts in `text`, in bytes; empty otherwise.
    pub pages: Vec<usize>,
}

/// The text of a file's bytes, whatever its kind and encoding.
pub fn read(bytes: &[u8], name: &str) -> Result<Extracted, InputError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge(bytes.len()));
    }
    let input = Input::new(bytes, name);
    let ex = READERS.iter().find_map(|r| (r.read)(&input)).unwrap_or(Err(InputError::UnknownEncoding))?;
    if ex.text.trim().is_empty() {
        return Err(InputError::Empty);
    }
    Ok(ex)
}

/// Text the user pasted or typed, as read.
pub fn pasted(text: &str) -> Result<Extracted, InputError> {
    within_limits(text)?;
    if text.trim().is_empty() {
        return Err(InputError::Empty);
    }
    Ok(Extracted {
        text: text.to_string(),
        format: "text",
        encoding: "UTF-8",
        limits: Limits::default(),
        pages: Vec::new(),
    })
}

/// Text read from a file obeys the same limit as pasted text.
pub fn within_limits(text: &str) -> Result<(), InputError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge(text.len()));
    }
    Ok(())
}

/// Why an input could not be read, with its `input.*` code and a Chinese message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    Empty,
    TooLarge(usize),
    /// Looks like a binary file; the string names what it seems to be.
    Binary(&'static str),
    UnknownEncoding,
    /// A .docx that could not be read; the string says why.
    BrokenDocx(&'static str),
    /// A zip archive that is not a Word document; the string names what it is.
    NotWord(&'static str),
    /// A part of a .docx, or a PDF's streams, inflate past the limit (bytes): a bomb, or not a report.
    InflatedTooLarge(usize),
    /// A PDF that could not be read; the string says why.
    BrokenPdf(&'static str),
    /// A PDF whose pages are images: a scan without a text layer.
    ScannedPdf,
    /// A PDF whose text is drawn with fonts that have no Unicode mapping.
    PdfNoUnicode,
}

impl InputError {
    pub fn code(&self) -> &'static str {
        match self {
            InputError::Empty => "input.empty",
            InputError::TooLarge(_) | InputError::InflatedTooLarge(_) => "input.too_large",
            InputError::Binary(_) | InputError::NotWord(_) => "input.binary",
            InputError::UnknownEncoding => "input.encoding",
            InputError::BrokenDocx(_) | InputError::BrokenPdf(_) => "input.broken",
            InputError::ScannedPdf | InputError::PdfNoUnicode => "input.no_text",
        }
    }

    pub fn message(&self) -> String {
        let mb = |n: usize| n as f64 / 1048576.0;
        match self {
            InputError::Empty => "输入为空：请粘贴年度报告全文，或选择报告文件".to_string(),
            InputError::TooLarge(n) => format!(
                "输入过大（{:.1} MB），超过 {} MB 的上限；年度报告通常小于 1 MB，请确认选择的是报告本身",
                mb(*n),
                MAX_INPUT_BYTES / 1048576
            ),
            InputError::Binary(kind) => {
                format!("这不是文本文件（看起来是{kind}），无法读取；请把报告文字复制出来再检查")
            }
            InputError::UnknownEncoding => {
                "无法识别文件的文字编码（支持 UTF-8、UTF-16、GB18030/GBK、Big5）；请用记事本另存为 UTF-8 后再试"
                    .to_string()
            }
            InputError::BrokenDocx(why) => format!("Word 文件无法读取：{why}；请用 Word 打开后另存为 .docx 再试"),
            InputError::NotWord(kind) => {
                format!("这是{kind}，不是 Word 文档（.docx）；请提供报告的 Word、网页或文本文件")
            }
            InputError::InflatedTooLarge(limit) => {
                format!("文件解压后超过 {:.0} MB 的上限，可能已损坏或不是年度报告，未作检查", mb(*limit))
            }
            InputError::BrokenPdf(why) => {
                format!("PDF 文件无法读取：{why}；请提供报告的 Word 文件，或重新导出 PDF 后再试")
            }
            InputError::ScannedPdf => "这个 PDF 是扫描件（页面是图片，没有文字层），无法读取文字；请提供报告的 Word 文件或带文字的 PDF（可用 Word/WPS 直接导出）".to_string(),
            InputError::PdfNoUnicode => "这个 PDF 的字体没有文字编码映射（ToUnicode），读不出文字；请提供报告的 Word 文件，或用 Word/WPS 重新导出 PDF".to_string(),
        }
    }
}
