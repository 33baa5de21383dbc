//! Bytes → text, and the reader of plain text. Reports arrive as files in whatever encoding their site used: UTF-8 with or
//! without BOM, UTF-16 from Windows tools, GB18030/GBK/GB2312 from mainland sites, Big5 from
//! 繁體 mirrors. Before anything is read they must become text, or a clear reason why not.
//!
//! Unicode is recognised by its byte-order marks and by UTF-8 validity. A declared charset
//! (`<meta charset>`, an XML declaration) is believed. Otherwise GB18030 and Big5 are both tried
//! and the decoding that reads as Chinese wins: the one with more of the most common characters
//! and of this domain's words (政府信息公开, 年度报告 …), and fewer undecodable bytes. This stage
//! never guesses silently: an input that decodes as neither is an error value, not mojibake.

use std::sync::LazyLock;

use super::{Extracted, Input, InputError, Limits, MAX_INPUT_BYTES};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// What a binary file seems to be, by its magic bytes.
pub fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF", "PDF 文件"),
        (b"\x89PNG", "PNG 图片"),
        (b"\xFF\xD8\xFF", "JPEG 图片"),
        (b"GIF8", "GIF 图片"),
        (b"BM", "BMP 图片"),
        (b"II*\0", "TIFF 图片"),
        (b"MM\0*", "TIFF 图片"),
        (b"PK\x03\x04", "压缩包或 Office 文件"),
        (b"\xD0\xCF\x11\xE0", "旧版 Word/Excel 文件（.doc/.xls），请另存为 .docx"),
        (b"{\\rtf", "RTF 文件"),
        (b"Rar!", "RAR 压缩包"),
        (b"7z\xBC\xAF", "7z 压缩包"),
        (b"\x1F\x8B", "gzip 压缩包"),
        (b"\x7FELF", "程序文件"),
        (b"MZ", "程序文件"),
    ];
    MAGIC.iter().find(|(m, _)| bytes.starts_with(m)).map(|(_, k)| *k)
}

fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return true;
    }
    // Counted without a branch per byte, which the compiler vectorises.
    let controls: usize =
        sample.iter().map(|&b| usize::from(b < 0x09 || (0x0E..0x20).contains(&b) && b != 0x1B)).sum();
    controls * 20 > sample.len()
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

/// UTF-16 without a byte-order mark. No text in UTF-8, GB18030 or Big5 contains a NUL byte;
/// UTF-16 has one in every ASCII character (digits, years), always at the same parity; only the
/// few CJK characters with a zero low byte (一 U+4E00, 开 U+5F00) put one at the other parity.
/// So NULs that fall mostly on one parity mean UTF-16.
fn bomless_utf16(bytes: &[u8]) -> Option<(String, &'static str)> {
    if bytes.len() < 8 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(8192) & !1];
    // Without a NUL (found by memchr) it is not UTF-16; that is almost every file.
    if !sample.contains(&0) {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let (le, nul, other) = if odd_nul > even_nul { (true, odd_nul, even_nul) } else { (false, even_nul, odd_nul) };
    if nul < 2.max(pairs / 50) || other * 3 > nul {
        return None;
    }
    let text = utf16(bytes, le)?;
    let controls = text.chars().filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')).count();
    (controls * 100 <= text.chars().count()).then_some((text, if le { "UTF-16LE" } else { "UTF-16BE" }))
}

/// The encodings a declared charset label stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    Gb18030,
    Big5,
}

impl Legacy {
    pub fn name(self) -> &'static str {
        match self {
            Legacy::Gb18030 => "GB18030",
            Legacy::Big5 => "Big5",
        }
    }
}

/// The charset an HTML `<meta>` or XML declaration names in the first bytes, if any.
fn declared_charset(bytes: &[u8]) -> Option<Result<Legacy, ()>> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let find = |pat: &[u8]| lower.windows(pat.len()).position(|w| w == pat);
    let at = find(b"charset=").map(|i| i + 8).or_else(|| find(b"encoding=").map(|i| i + 9))?;
    let value: Vec<u8> = lower[at..]
        .iter()
        .skip_while(|b| matches!(b, b'"' | b'\'' | b' '))
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
        .copied()
        .collect();
    match value.as_slice() {
        b"gb2312" | b"gbk" | b"gb18030" | b"x-gbk" | b"cp936" | b"euc-cn" | b"x-euc-cn" | b"csgb2312" | b"chinese" => {
            Some(Ok(Legacy::Gb18030))
        }
        b"big5" | b"big5-hkscs" | b"x-x-big5" | b"cn-big5" | b"cp950" | b"csbig5" => Some(Ok(Legacy::Big5)),
        b"utf-8" | b"utf8" => Some(Err(())),
        _ => None,
    }
}

/// Decodes legacy bytes; returns the text and how many bytes could not be decoded.
#[cfg(target_arch = "wasm32")]
pub fn decode_legacy(bytes: &[u8], enc: Legacy) -> (String, usize) {
    // The browser's own decoder: the same WHATWG encodings as encoding_rs, at no cost in size.
    let label = match enc {
        Legacy::Gb18030 => "gb18030",
        Legacy::Big5 => "big5",
    };
    let text = web_sys::TextDecoder::new_with_label(label)
        .and_then(|d| d.decode_with_u8_array(bytes))
        .unwrap_or_else(|_| "\u{FFFD}".repeat(bytes.len()));
    let errors = text.matches('\u{FFFD}').count();
    (text, errors)
}

/// Decodes legacy bytes; returns the text and how many bytes could not be decoded.
#[cfg(not(target_arch = "wasm32"))]
pub fn decode_legacy(bytes: &[u8], enc: Legacy) -> (String, usize) {
    let encoding = match enc {
        Legacy::Gb18030 => encoding_rs::GB18030,
        Legacy::Big5 => encoding_rs::BIG5,
    };
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    let errors = text.matches('\u{FFFD}').count();
    (text.into_owned(), errors)
}

/// The most frequent characters of Chinese prose, shared by both scripts, plus the words of
/// this domain: a decoding that reads as Chinese is full of them, mojibake is not.
const FREQUENT: &str =
    "的一是在不了有和人中大为上年工作公开政府信息情主动申请依行复议诉讼以及本我局市县区部门关于进行理处位\
    时地出就分成可下方法面定所民得于也用能而要重点全体制度建设管务服保监督度加强提高进一步问题改落实规范推要求\
    总计全面开展通过网站平台发布规章文件目录指南年月日号第项条其他无未收到结果维持纠正审结本机关数量办理";
const DOMAIN_WORDS: &[&str] = &[
    "政府信息公开",
    "政府資訊公開",
    "年度报告",
    "年度報告",
    "主动公开",
    "主動公開",
    "依申请",
    "依申請",
    "信息公开",
    "資訊公開",
];

static FREQUENT_SET: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut v: Vec<char> = FREQUENT.chars().filter(|c| !c.is_whitespace()).collect();
    v.sort_unstable();
    v.dedup();
    v
});

/// How much a decoding reads as a Chinese report (higher is better).
fn chinese_score(text: &str, errors: usize) -> i64 {
    let sample: String = text.chars().take(20_000).collect();
    let frequent = sample.chars().filter(|c| FREQUENT_SET.binary_search(c).is_ok()).count() as i64;
    let domain: i64 = DOMAIN_WORDS.iter().map(|w| sample.matches(w).count() as i64).sum();
    frequent + 50 * domain - 20 * errors as i64
}

/// Decodes GB18030 or Big5 text, whichever reads as Chinese; None when neither does.
fn detect_legacy(bytes: &[u8]) -> Option<Decoded> {
    let scored = [Legacy::Gb18030, Legacy::Big5].map(|enc| {
        let (text, errors) = decode_legacy(bytes, enc);
        (chinese_score(&text, errors), errors, text, enc)
    });
    let best = scored.into_iter().max_by_key(|s| s.0)?;
    let chars = best.2.chars().count().max(1);
    // Mostly undecodable, or nothing Chinese about it: not text in a known encoding.
    if best.1 * 50 > chars || best.0 <= 0 {
        return None;
    }
    Some(Decoded { text: best.2, encoding: best.3.name() })
}

/// The reader of plain text: whatever no other reader claims.
pub fn read(input: &Input) -> Option<Result<Extracted, InputError>> {
    Some(input.decoded().map(|d| Extracted {
        text: d.text.clone(),
        format: "text",
        encoding: d.encoding,
        limits: Limits::default(),
        pages: Vec::new(),
    }))
}

pub fn decode(bytes: &[u8]) -> Result<Decoded, InputError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge(bytes.len()));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let text = std::str::from_utf8(rest).map_err(|_| InputError::UnknownEncoding)?;
        return non_empty(text.to_string(), "UTF-8");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return non_empty(utf16(rest, true).ok_or(InputError::UnknownEncoding)?, "UTF-16LE");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return non_empty(utf16(rest, false).ok_or(InputError::UnknownEncoding)?, "UTF-16BE");
    }
    if let Some(kind) = binary_kind(bytes) {
        return Err(InputError::Binary(kind));
    }
    if let Some((text, enc)) = bomless_utf16(bytes) {
        return non_empty(text, enc);
    }
    if looks_binary(bytes) {
        return Err(InputError::Binary("二进制数据"));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return non_empty(text.to_string(), "UTF-8");
    }
    if let Some(Ok(enc)) = declared_charset(bytes) {
        let (text, _) = decode_legacy(bytes, enc);
        return non_empty(text, enc.name());
    }
    let decoded = detect_legacy(bytes).ok_or(InputError::UnknownEncoding)?;
    non_empty(decoded.text, decoded.encoding)
}

fn non_empty(text: String, encoding: &'static str) -> Result<Decoded, InputError> {
    if text.trim().is_empty() {
        return Err(InputError::Empty);
    }
    Ok(Decoded { text, encoding })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_unicode_and_refuses_binary() {
        assert_eq!(decode("报告".as_bytes()).unwrap().encoding, "UTF-8");
        assert_eq!(decode(b"\xEF\xBB\xBFabc").unwrap().text, "abc");
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain("报告".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&le).unwrap().text, "报告");
        let report = "某某局2019年政府信息公开工作年度报告，本年度收到申请3件，办结3件。";
        let bomless: Vec<u8> = report.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&bomless).unwrap(), Decoded { text: report.into(), encoding: "UTF-16LE" });
        let bomless_be: Vec<u8> = report.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&bomless_be).unwrap().encoding, "UTF-16BE");
        assert_eq!(decode(b"   \n"), Err(InputError::Empty));
        assert_eq!(decode(b"%PDF-1.4 ..."), Err(InputError::Binary("PDF 文件")));
        assert_eq!(decode(b"\x00\x01\x02garbage\x00\x03"), Err(InputError::Binary("二进制数据")));
    }

    #[test]
    fn legacy_encodings_by_what_reads_as_chinese() {
        let text = "某某局2019年政府信息公开工作年度报告\n一、总体情况\n本年度共收到申请3件。";
        let (gbk, _, _) = encoding_rs::GB18030.encode(text);
        assert_eq!(decode(&gbk).unwrap(), Decoded { text: text.into(), encoding: "GB18030" });
        let traditional = "某某局2019年政府資訊公開工作年度報告\n一、總體情況\n本年度共收到申請3件。";
        let (big5, _, _) = encoding_rs::BIG5.encode(traditional);
        assert_eq!(decode(&big5).unwrap(), Decoded { text: traditional.into(), encoding: "Big5" });
        // A short line with no domain words still goes by common characters.
        let (short, _, _) = encoding_rs::BIG5.encode("我們的工作");
        assert_eq!(decode(&short).unwrap().text, "我們的工作");
    }

    #[test]
    fn declared_charset_is_believed() {
        let page = "<meta charset=\"gb2312\"><p>报告</p>";
        let (bytes, _, _) = encoding_rs::GB18030.encode(page);
        assert_eq!(decode(&bytes).unwrap(), Decoded { text: page.into(), encoding: "GB18030" });
        assert_eq!(declared_charset(b"<?xml version=\"1.0\" encoding=\"Big5\"?>"), Some(Ok(Legacy::Big5)));
        assert_eq!(
            declared_charset(b"<meta http-equiv=Content-Type content=\"text/html; charset=GBK\">"),
            Some(Ok(Legacy::Gb18030))
        );
    }
}
