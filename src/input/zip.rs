//! Just enough of the zip format to take one entry out of a .docx.
//!
//! A .docx is a zip archive; the report is `word/document.xml` inside it. This reads the central
//! directory, finds the entry, and inflates it with a hard limit on the output, so a zip bomb
//! ends in a clear message instead of filling memory. Every offset is bounds-checked: a damaged
//! archive is an error value, never a panic.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZipError {
    /// No end-of-central-directory record: truncated or not a zip at all.
    Truncated,
    /// An offset or size points outside the file, or a signature is wrong.
    Corrupt,
    /// The entry is not in the archive.
    Missing,
    /// The entry would inflate past the limit (bytes).
    TooLarge(usize),
    /// A compression method other than stored or deflate.
    Unsupported(u16),
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

struct Entry {
    method: u16,
    compressed: usize,
    size: usize,
    local_offset: usize,
}

/// Names of the entries of the archive (for telling a .docx from an .xlsx or .pptx).
pub fn entry_names(bytes: &[u8]) -> Result<Vec<String>, ZipError> {
    let mut names = Vec::new();
    walk_directory(bytes, |name, _| {
        names.push(String::from_utf8_lossy(name).into_owned());
        false
    })?;
    Ok(names)
}

/// Calls `visit` with each central-directory entry until it returns true.
fn walk_directory(bytes: &[u8], mut visit: impl FnMut(&[u8], Entry) -> bool) -> Result<(), ZipError> {
    const EOCD: &[u8] = b"PK\x05\x06";
    let search_from = bytes.len().saturating_sub(22 + 65_535);
    let eocd = (search_from..=bytes.len().saturating_sub(22)).rev().find(|&i| bytes.get(i..i + 4) == Some(EOCD));
    let eocd = eocd.ok_or(ZipError::Truncated)?;
    let count = u16_at(bytes, eocd + 10).ok_or(ZipError::Corrupt)? as usize;
    let mut at = u32_at(bytes, eocd + 16).ok_or(ZipError::Corrupt)? as usize;
    for _ in 0..count {
        if u32_at(bytes, at) != Some(0x0201_4b50) {
            return Err(ZipError::Corrupt);
        }
        let field = |off: usize| u32_at(bytes, at + off).map(|v| v as usize).ok_or(ZipError::Corrupt);
        let short = |off: usize| u16_at(bytes, at + off).map(|v| v as usize).ok_or(ZipError::Corrupt);
        let entry =
            Entry { method: short(10)? as u16, compressed: field(20)?, size: field(24)?, local_offset: field(42)? };
        let (name_len, extra_len, comment_len) = (short(28)?, short(30)?, short(32)?);
        let name = bytes.get(at + 46..at + 46 + name_len).ok_or(ZipError::Corrupt)?;
        if visit(name, entry) {
            return Ok(());
        }
        at += 46 + name_len + extra_len + comment_len;
    }
    Ok(())
}

/// The bytes of entry `name`, inflated to at most `limit` bytes.
pub fn read_entry(bytes: &[u8], name: &str, limit: usize) -> Result<Vec<u8>, ZipError> {
    let mut found = None;
    walk_directory(bytes, |n, e| {
        let hit = n == name.as_bytes();
        if hit {
            found = Some(e);
        }
        hit
    })?;
    let e = found.ok_or(ZipError::Missing)?;
    if u32_at(bytes, e.local_offset) != Some(0x0403_4b50) {
        return Err(ZipError::Corrupt);
    }
    let name_len = u16_at(bytes, e.local_offset + 26).ok_or(ZipError::Corrupt)? as usize;
    let extra_len = u16_at(bytes, e.local_offset + 28).ok_or(ZipError::Corrupt)? as usize;
    let start = e.local_offset + 30 + name_len + extra_len;
    let data = bytes.get(start..start.checked_add(e.compressed).ok_or(ZipError::Corrupt)?).ok_or(ZipError::Corrupt)?;
    // The directory's size is a claim; the limit is enforced on what inflating really produces.
    if e.size > limit {
        return Err(ZipError::TooLarge(limit));
    }
    match e.method {
        0 => Ok(data.to_vec()),
        8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, limit).map_err(|err| match err.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ZipError::TooLarge(limit),
            _ => ZipError::Corrupt,
        }),
        m => Err(ZipError::Unsupported(m)),
    }
}
