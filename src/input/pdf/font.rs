//! Fonts as far as text needs them: which bytes make one character code, the code's Unicode
//! text (ToUnicode CMap, a predefined Unicode CMap, or a simple font's encoding), and its width.
//!
//! WPS, Word and LibreOffice embed subset CID fonts (Type0, Identity-H) whose codes are glyph
//! ids: only the ToUnicode CMap says what they are. Simple fonts (one byte a code) without one are
//! read through their standard encoding, which covers the digits and Latin letters of a report.

use std::collections::HashMap;

use super::objects::{Dict, Doc, Object};

/// Entries of one ToUnicode CMap; a bfrange may not make a font map more than this.
const MAX_CMAP_ENTRIES: usize = 100_000;

pub struct Font {
    /// Code lengths in bytes the font's codes can have, from its codespace ranges.
    codespace: Vec<(u8, u32, u32)>,
    /// Two-byte codes when no codespace is declared (Type0 fonts).
    two_byte: bool,
    to_unicode: HashMap<u32, String>,
    /// The codes are UTF-16 themselves (UniGB-UCS2-H and the like).
    codes_are_unicode: bool,
    /// A simple font without ToUnicode: bytes read through a standard encoding.
    simple_fallback: bool,
    /// Differences of a simple font's encoding: code → glyph name's text.
    differences: HashMap<u32, String>,
    widths: HashMap<u32, f64>,
    default_width: f64,
}

/// One character code of a shown string.
pub struct Code {
    pub code: u32,
    pub bytes: usize,
}

impl Font {
    pub fn load(doc: &Doc, dict: &Dict) -> Font {
        let type0 = doc.name(dict, b"Subtype").as_deref() == Some(b"Type0".as_slice());
        let mut font = Font {
            codespace: Vec::new(),
            two_byte: type0,
            to_unicode: HashMap::new(),
            codes_are_unicode: false,
            simple_fallback: false,
            differences: HashMap::new(),
            widths: HashMap::new(),
            default_width: if type0 { 1000.0 } else { 500.0 },
        };
        if let Some(stream) = doc.stream(dict, b"ToUnicode") {
            if let Some(data) = doc.decode(&stream) {
                font.parse_cmap(&data);
            }
        }
        let nums = |a: Vec<Object>| -> Vec<f64> { a.iter().map(|o| doc.resolve(o).as_num().unwrap_or(0.0)).collect() };
        if type0 {
            if let Some(name) = doc.name(dict, b"Encoding") {
                let n = String::from_utf8_lossy(&name);
                // Predefined CMaps whose codes are UTF-16 (UniGB-UCS2-H, UniGB-UTF16-H, …).
                font.codes_are_unicode = n.starts_with("Uni") && (n.contains("UCS2") || n.contains("UTF16"));
            }
            let descendant = doc
                .array(dict, b"DescendantFonts")
                .and_then(|a| a.first().and_then(|d| doc.resolve(d).as_dict().cloned()));
            if let Some(d) = descendant {
                if let Some(dw) = doc.num(&d, b"DW") {
                    font.default_width = dw;
                }
                if let Some(w) = doc.array(&d, b"W") {
                    font.cid_widths(doc, w);
                }
            }
        } else {
            font.simple_fallback = font.to_unicode.is_empty();
            let first = doc.num(dict, b"FirstChar").unwrap_or(0.0).clamp(0.0, 255.0) as u32;
            if let Some(w) = doc.array(dict, b"Widths") {
                for (i, width) in nums(w).into_iter().enumerate().take(256) {
                    font.widths.insert(first + i as u32, width);
                }
            }
            if let Some(desc) = doc.dict(dict, b"FontDescriptor") {
                if let Some(mw) = doc.num(&desc, b"MissingWidth").filter(|w| *w > 0.0) {
                    font.default_width = mw;
                }
            }
            if let Some(enc) = doc.dict(dict, b"Encoding") {
                if let Some(diff) = doc.array(&enc, b"Differences") {
                    let mut code = 0u32;
                    for obj in diff.iter().take(1024) {
                        match obj {
                            Object::Num(n) => code = n.clamp(0.0, 255.0) as u32,
                            Object::Name(name) => {
                                if let Some(text) = glyph_name_text(&String::from_utf8_lossy(name)) {
                                    font.differences.insert(code, text);
                                }
                                code += 1;
                            }
                            _ => {}
                        }
                    }
                }
            }
        }
        font
    }

    fn cid_widths(&mut self, doc: &Doc, w: Vec<Object>) {
        let items: Vec<Object> = w.iter().take(MAX_CMAP_ENTRIES).map(|o| doc.resolve(o)).collect();
        let num = |o: &Object| o.as_num();
        let mut i = 0;
        while i < items.len() {
            let Some(first) = num(&items[i]) else { break };
            let first = first.max(0.0) as u32;
            match items.get(i + 1) {
                Some(Object::Array(a)) => {
                    for (k, width) in
                        a.iter().filter_map(|o| doc.resolve(o).as_num()).enumerate().take(MAX_CMAP_ENTRIES)
                    {
                        self.widths.insert(first + k as u32, width);
                    }
                    i += 2;
                }
                Some(o) => {
                    let (Some(last), Some(width)) = (num(o), items.get(i + 2).and_then(num)) else { break };
                    let last = (last.max(0.0) as u32).min(first + MAX_CMAP_ENTRIES as u32);
                    for c in first..=last {
                        self.widths.insert(c, width);
                    }
                    i += 3;
                }
                None => break,
            }
            if self.widths.len() > MAX_CMAP_ENTRIES {
                break;
            }
        }
    }

    /// Splits a shown string into character codes.
    pub fn codes(&self, bytes: &[u8]) -> Vec<Code> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let n = self.code_length(&bytes[i..]);
            let code = bytes[i..i + n].iter().fold(0u32, |acc, b| (acc << 8) | *b as u32);
            out.push(Code { code, bytes: n });
            i += n;
        }
        out
    }

    fn code_length(&self, rest: &[u8]) -> usize {
        if !self.codespace.is_empty() {
            for len in 1..=4usize.min(rest.len()) {
                let code = rest[..len].iter().fold(0u32, |acc, b| (acc << 8) | *b as u32);
                if self.codespace.iter().any(|&(l, lo, hi)| l as usize == len && lo <= code && code <= hi) {
                    return len;
                }
            }
        }
        if self.two_byte && rest.len() >= 2 {
            2
        } else {
            1
        }
    }

    /// The text of a code, if the font says.
    pub fn text(&self, code: &Code) -> Option<String> {
        if let Some(t) = self.to_unicode.get(&code.code) {
            return Some(t.clone());
        }
        if self.codes_are_unicode {
            return char::from_u32(code.code).map(String::from);
        }
        if self.simple_fallback && code.bytes == 1 {
            if let Some(t) = self.differences.get(&code.code) {
                return Some(t.clone());
            }
            return match code.code {
                0x20..=0x7E => Some((code.code as u8 as char).to_string()),
                0xA0..=0xFF => char::from_u32(code.code).map(String::from),
                _ => None,
            };
        }
        None
    }

    /// The code's advance in text space units (thousandths of the font size).
    pub fn width(&self, code: &Code) -> f64 {
        self.widths.get(&code.code).copied().unwrap_or(self.default_width)
    }

    /// Reads a ToUnicode CMap: codespace ranges, bfchar and bfrange.
    fn parse_cmap(&mut self, data: &[u8]) {
        let tokens = cmap_tokens(data);
        let mut i = 0;
        let mut section = "";
        while i < tokens.len() {
            match &tokens[i] {
                Tok::Word(w) if w == "begincodespacerange" || w == "beginbfchar" || w == "beginbfrange" => {
                    section = if w == "begincodespacerange" {
                        "space"
                    } else if w == "beginbfchar" {
                        "char"
                    } else {
                        "range"
                    };
                    i += 1;
                    continue;
                }
                Tok::Word(w) if w.starts_with("end") => section = "",
                _ => {}
            }
            match (section, &tokens[i..]) {
                ("space", [Tok::Hex(lo), Tok::Hex(hi), ..]) => {
                    if self.codespace.len() < 64 && !lo.is_empty() && lo.len() <= 4 {
                        self.codespace.push((lo.len() as u8, be(lo), be(hi)));
                    }
                    i += 2;
                }
                ("char", [Tok::Hex(src), Tok::Hex(dst), ..]) => {
                    self.insert(be(src), utf16be(dst));
                    i += 2;
                }
                ("range", [Tok::Hex(lo), Tok::Hex(hi), Tok::Hex(dst), ..]) => {
                    let (lo, hi) = (be(lo), be(hi));
                    let base: Vec<u16> =
                        dst.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
                    for (k, code) in (lo..=hi).enumerate().take(MAX_CMAP_ENTRIES) {
                        let mut units = base.clone();
                        if let Some(last) = units.last_mut() {
                            *last = last.wrapping_add(k as u16);
                        }
                        self.insert(code, char::decode_utf16(units).map(|c| c.unwrap_or('\u{FFFD}')).collect());
                    }
                    i += 3;
                }
                ("range", [Tok::Hex(lo), Tok::Hex(hi), Tok::Array(dsts), ..]) => {
                    let (lo, hi) = (be(lo), be(hi));
                    for (code, dst) in (lo..=hi).zip(dsts.iter()) {
                        self.insert(code, utf16be(dst));
                    }
                    i += 3;
                }
                _ => i += 1,
            }
            if self.to_unicode.len() > MAX_CMAP_ENTRIES {
                break;
            }
        }
    }

    fn insert(&mut self, code: u32, text: String) {
        let text: String = text.chars().filter(|c| *c != '\0').map(normalize_char).collect();
        self.to_unicode.insert(code, text);
    }
}

/// Kangxi radicals and CJK compatibility forms that some subset fonts map their glyphs to (⼀ for
/// 一): the unified ideograph the reader sees.
fn normalize_char(c: char) -> char {
    let u = c as u32;
    if (0x2F00..=0x2FD5).contains(&u) {
        return KANGXI.chars().nth((u - 0x2F00) as usize).unwrap_or(c);
    }
    c
}

const KANGXI: &str = "一丨丶丿乙亅二亠人儿入八冂冖冫几凵刀力勹匕匚匸十卜卩厂厶又口囗土士夂夊夕大女子宀寸小尢尸屮山巛工己巾干幺广廴廾弋弓彐彡彳心戈戶手支攴文斗斤方无日曰月木欠止歹殳毋比毛氏气水火爪父爻爿片牙牛犬玄玉瓜瓦甘生用田疋疒癶白皮皿目矛矢石示禸禾穴立竹米糸缶网羊羽老而耒耳聿肉臣自至臼舌舛舟艮色艸虍虫血行衣襾見角言谷豆豕豸貝赤走足身車辛辰辵邑酉釆里金長門阜隶隹雨靑非面革韋韭音頁風飛食首香馬骨高髟鬥鬯鬲鬼魚鳥鹵鹿麥麻黃黍黑黹黽鼎鼓鼠鼻齊齒龍龜龠";

/// The text of a glyph name in a simple font's Differences ("uni4E00", "zero", "A").
fn glyph_name_text(name: &str) -> Option<String> {
    if let Some(hex) = name.strip_prefix("uni").filter(|h| h.len() == 4) {
        return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32).map(String::from);
    }
    const NAMES: &[(&str, &str)] = &[
        ("space", " "),
        ("zero", "0"),
        ("one", "1"),
        ("two", "2"),
        ("three", "3"),
        ("four", "4"),
        ("five", "5"),
        ("six", "6"),
        ("seven", "7"),
        ("eight", "8"),
        ("nine", "9"),
        ("period", "."),
        ("comma", ","),
        ("hyphen", "-"),
        ("percent", "%"),
        ("parenleft", "("),
        ("parenright", ")"),
        ("colon", ":"),
        ("slash", "/"),
    ];
    if let Some((_, t)) = NAMES.iter().find(|(n, _)| *n == name) {
        return Some(t.to_string());
    }
    (name.len() == 1 && name.is_ascii()).then(|| name.to_string())
}

fn be(bytes: &[u8]) -> u32 {
    bytes.iter().take(4).fold(0u32, |acc, b| (acc << 8) | *b as u32)
}

fn utf16be(bytes: &[u8]) -> String {
    let units = bytes.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]));
    char::decode_utf16(units).map(|c| c.unwrap_or('\u{FFFD}')).collect()
}

enum Tok {
    Hex(Vec<u8>),
    Array(Vec<Vec<u8>>),
    Word(String),
}

/// The tokens of a CMap that matter: hex strings, arrays of them, and keywords.
fn cmap_tokens(data: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut array: Option<Vec<Vec<u8>>> = None;
    while i < data.len() {
        let b = data[i];
        match b {
            b'<' => {
                let end = data[i + 1..].iter().position(|&c| c == b'>').map_or(data.len(), |p| i + 1 + p);
                let hex = hex_bytes(&data[i + 1..end]);
                match &mut array {
                    Some(a) => a.push(hex),
                    None => out.push(Tok::Hex(hex)),
                }
                i = end + 1;
            }
            b'[' => {
                array = Some(Vec::new());
                i += 1;
            }
            b']' => {
                if let Some(a) = array.take() {
                    out.push(Tok::Array(a));
                }
                i += 1;
            }
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'a'..=b'z' | b'A'..=b'Z' => {
                let start = i;
                while i < data.len() && data[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                if array.is_none() {
                    out.push(Tok::Word(String::from_utf8_lossy(&data[start..i]).into_owned()));
                }
            }
            _ => i += 1,
        }
    }
    out
}

fn hex_bytes(hex: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = hex
        .iter()
        .filter_map(|c| match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            b'A'..=b'F' => Some(c - b'A' + 10),
            _ => None,
        })
        .collect();
    digits.chunks(2).map(|p| (p[0] << 4) | p.get(1).copied().unwrap_or(0)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_ranges_and_chars() {
        let mut f = Font {
            codespace: Vec::new(),
            two_byte: true,
            to_unicode: HashMap::new(),
            codes_are_unicode: false,
            simple_fallback: false,
            differences: HashMap::new(),
            widths: HashMap::new(),
            default_width: 1000.0,
        };
        f.parse_cmap(
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange 2 beginbfchar <0003> <0020> <0E85> <2F00> endbfchar \
              1 beginbfrange <0013> <0015> <0030> endbfrange 1 beginbfrange <0020> <0021> [<0041> <00420043>] endbfrange",
        );
        let text = |c: u32| f.text(&Code { code: c, bytes: 2 });
        assert_eq!(text(0x0E85).as_deref(), Some("一"));
        assert_eq!(text(0x0014).as_deref(), Some("1"));
        assert_eq!(text(0x0021).as_deref(), Some("BC"));
        assert_eq!(f.codes(&[0x0E, 0x85, 0x00, 0x13]).len(), 2);
    }
}
