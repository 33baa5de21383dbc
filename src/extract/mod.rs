//! Any supported file → the text the checker reads.
//!
//! A report arrives as plain text, as an HTML page or clipboard fragment, or as a Word file. The
//! kind is recognised from the bytes (the zip signature, markup at the start), with the file
//! name only as a hint, because files are misnamed all the time. HTML and Word are written out
//! as text with their tables as rows (see `writer`); that text is what findings point into.

pub mod docx;
pub mod html;
pub mod markup;
mod writer;
pub mod zip;

use crate::decode::{self, DecodeError, MAX_INPUT_BYTES};

pub use writer::{MAX_TABLE_CELLS, MAX_TABLE_DEPTH, MAX_TABLE_TEXT};

/// Limits a document reached while being read: reported as findings, never silently applied.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Limits {
    /// Tables whose grid was cut at MAX_TABLE_CELLS.
    pub truncated_tables: usize,
    /// Tables nested past MAX_TABLE_DEPTH, read as plain text.
    pub too_deep_tables: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Docx,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Docx => "docx",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Extracted {
    pub text: String,
    pub format: Format,
    pub encoding: &'static str,
    /// Limits reached while reading: reported, never silently applied.
    pub limits: Limits,
}

fn has_extension(name: &str, exts: &[&str]) -> bool {
    let lower = name.to_ascii_lowercase();
    exts.iter().any(|e| lower.ends_with(e))
}

/// The text of a file's bytes, whatever its kind and encoding.
pub fn extract(bytes: &[u8], name: &str) -> Result<Extracted, DecodeError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(DecodeError::TooLarge(bytes.len()));
    }
    if bytes.starts_with(b"PK\x03\x04") || (bytes.starts_with(b"PK") && has_extension(name, &[".docx"])) {
        let (text, limits) = docx::docx_to_text(bytes).map_err(|e| match e {
            docx::DocxError::NotWord(kind) => DecodeError::NotWord(kind),
            docx::DocxError::Zip(zip::ZipError::TooLarge(limit)) => DecodeError::InflatedTooLarge(limit),
            docx::DocxError::Zip(zip::ZipError::Unsupported(_)) => DecodeError::BrokenDocx("使用了不支持的压缩方式"),
            docx::DocxError::Zip(_) => DecodeError::BrokenDocx("文件不完整或已损坏"),
        })?;
        if text.trim().is_empty() {
            return Err(DecodeError::Empty);
        }
        return Ok(Extracted { text, format: Format::Docx, encoding: "UTF-8", limits });
    }
    let decoded = decode::decode(bytes)?;
    let html_named = has_extension(name, &[".html", ".htm", ".shtml", ".xhtml", ".mht"]) && decoded.text.contains('<');
    if html_named || html::looks_like_html(&decoded.text) {
        let (text, limits) = html::html_to_text(&decoded.text);
        if text.trim().is_empty() {
            return Err(DecodeError::Empty);
        }
        return Ok(Extracted { text, format: Format::Html, encoding: decoded.encoding, limits });
    }
    Ok(Extracted { text: decoded.text, format: Format::Text, encoding: decoded.encoding, limits: Limits::default() })
}
