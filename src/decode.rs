//! Bytes → text. Reports arrive as files; before anything is read they must become text, or a
//! clear reason why not.
//!
//! This stage recognises Unicode encodings by their byte-order marks and by UTF-8 validity, and
//! refuses what is plainly not text (binary files, images, archives) with a message a clerk can
//! act on. It never guesses silently: an input it cannot decode is an error value, not mojibake.

/// Largest input checked. Real reports are 10–200 KB; far larger inputs are not reports, and
/// refusing them keeps the page responsive.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    TooLarge(usize),
    /// Looks like a binary file; the string names what it seems to be.
    Binary(&'static str),
    UnknownEncoding,
}

impl DecodeError {
    pub fn code(&self) -> &'static str {
        match self {
            DecodeError::Empty => "input.empty",
            DecodeError::TooLarge(_) => "input.too_large",
            DecodeError::Binary(_) => "input.binary",
            DecodeError::UnknownEncoding => "input.encoding",
        }
    }

    pub fn message(&self) -> String {
        match self {
            DecodeError::Empty => "输入为空：请粘贴年度报告全文，或选择报告文件".to_string(),
            DecodeError::TooLarge(n) => format!(
                "输入过大（{:.1} MB），超过 {} MB 的上限；年度报告通常小于 1 MB，请确认选择的是报告本身",
                *n as f64 / 1048576.0,
                MAX_INPUT_BYTES / 1048576
            ),
            DecodeError::Binary(kind) => {
                format!("这不是文本文件（看起来是{kind}），无法读取；请把报告文字复制出来再检查")
            }
            DecodeError::UnknownEncoding => {
                "无法识别文件的文字编码（支持 UTF-8、UTF-16）；请用记事本另存为 UTF-8 后再试".to_string()
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// What a binary file seems to be, by its magic bytes.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF", "PDF 文件"),
        (b"\x89PNG", "PNG 图片"),
        (b"\xFF\xD8\xFF", "JPEG 图片"),
        (b"GIF8", "GIF 图片"),
        (b"PK\x03\x04", "压缩包或 Office 文件"),
        (b"\xD0\xCF\x11\xE0", "旧版 Word/Excel 文件（.doc/.xls）"),
        (b"{\\rtf", "RTF 文件"),
        (b"\x7FELF", "程序文件"),
        (b"MZ", "程序文件"),
    ];
    MAGIC.iter().find(|(m, _)| bytes.starts_with(m)).map(|(_, k)| *k)
}

fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    let controls = sample.iter().filter(|&&b| b < 0x09 || (0x0E..0x20).contains(&b) && b != 0x1B).count();
    sample.contains(&0) || controls * 20 > sample.len()
}

fn utf16(bytes: &[u8], little_endian: bool) -> Option<String> {
    let units = bytes.chunks_exact(2).map(|c| {
        if little_endian {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    char::decode_utf16(units).collect::<Result<String, _>>().ok()
}

pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(DecodeError::TooLarge(bytes.len()));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let text = std::str::from_utf8(rest).map_err(|_| DecodeError::UnknownEncoding)?;
        return non_empty(text.to_string(), "UTF-8");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return non_empty(utf16(rest, true).ok_or(DecodeError::UnknownEncoding)?, "UTF-16LE");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return non_empty(utf16(rest, false).ok_or(DecodeError::UnknownEncoding)?, "UTF-16BE");
    }
    if let Some(kind) = binary_kind(bytes) {
        return Err(DecodeError::Binary(kind));
    }
    if looks_binary(bytes) {
        return Err(DecodeError::Binary("二进制数据"));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => non_empty(text.to_string(), "UTF-8"),
        Err(_) => Err(DecodeError::UnknownEncoding),
    }
}

fn non_empty(text: String, encoding: &'static str) -> Result<Decoded, DecodeError> {
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(Decoded { text, encoding })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_encodings_and_refuses_binary() {
        assert_eq!(decode("报告".as_bytes()).unwrap().encoding, "UTF-8");
        assert_eq!(decode(b"\xEF\xBB\xBFabc").unwrap().text, "abc");
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain("报告".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&le).unwrap().text, "报告");
        assert_eq!(decode(b"   \n"), Err(DecodeError::Empty));
        assert_eq!(decode(b"%PDF-1.4 ..."), Err(DecodeError::Binary("PDF 文件")));
        assert_eq!(decode(b"\x00\x01\x02garbage"), Err(DecodeError::Binary("二进制数据")));
        assert_eq!(decode(b"\xB1\xA8\xB8\xE6 GBK"), Err(DecodeError::UnknownEncoding));
    }
}
