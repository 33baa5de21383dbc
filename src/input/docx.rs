//! Word (.docx) files as report text.
//!
//! The report is `word/document.xml` in the zip: paragraphs of runs, and tables whose merged
//! cells are written as `w:gridSpan` (across) and `w:vMerge` (down). Headings numbered by Word's
//! list feature carry no "一、" in their text; the number comes from `word/numbering.xml`, so it
//! is computed here the way Word displays it, or a reader would see headings without numbers.

use std::collections::HashMap;

use super::markup::{decode_entities, Token, Tokenizer};
use super::writer::Writer;
use super::zip::{self, ZipError};
use super::{Extracted, Input, InputError, Limits};

/// Largest inflated XML part read; real reports' document.xml is far below 1 MB.
pub const MAX_INFLATED_BYTES: usize = 32 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocxError {
    Zip(ZipError),
    /// A zip without word/document.xml; the names say what it is instead.
    NotWord(&'static str),
}

/// The reader of Word files: a zip (or a file named .docx that starts like one).
pub fn read(input: &Input) -> Option<Result<Extracted, InputError>> {
    let bytes = input.bytes;
    if !(bytes.starts_with(b"PK\x03\x04") || (bytes.starts_with(b"PK") && input.named(&[".docx"]))) {
        return None;
    }
    Some(
        docx_to_text(bytes)
            .map(|(text, limits)| Extracted { text, format: "docx", encoding: "UTF-8", limits, pages: Vec::new() })
            .map_err(|e| match e {
                DocxError::NotWord(kind) => InputError::NotWord(kind),
                DocxError::Zip(ZipError::TooLarge(limit)) => InputError::InflatedTooLarge(limit),
                DocxError::Zip(ZipError::Unsupported(_)) => InputError::BrokenDocx("使用了不支持的压缩方式"),
                DocxError::Zip(_) => InputError::BrokenDocx("文件不完整或已损坏"),
            }),
    )
}

/// The text of a .docx file.
pub fn docx_to_text(bytes: &[u8]) -> Result<(String, Limits), DocxError> {
    let xml = match zip::read_entry(bytes, "word/document.xml", MAX_INFLATED_BYTES) {
        Ok(xml) => xml,
        Err(ZipError::Missing) => return Err(DocxError::NotWord(kind_of_archive(bytes))),
        Err(e) => return Err(DocxError::Zip(e)),
    };
    let numbering = match zip::read_entry(bytes, "word/numbering.xml", MAX_INFLATED_BYTES) {
        Ok(xml) => Numbering::parse(&utf8(&xml)),
        Err(ZipError::Missing) => Numbering::default(),
        Err(e) => return Err(DocxError::Zip(e)),
    };
    Ok(document_to_text(&utf8(&xml), &numbering))
}

/// Word's XML as text: checked as UTF-8 (fast, and what Word writes), replacing what is not
/// only when it is not.
fn utf8(xml: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(xml) {
        Ok(s) => s.into(),
        Err(_) => String::from_utf8_lossy(xml),
    }
}

fn kind_of_archive(bytes: &[u8]) -> &'static str {
    let names = zip::entry_names(bytes).unwrap_or_default();
    let has = |prefix: &str| names.iter().any(|n| n.starts_with(prefix));
    if has("xl/") {
        "Excel 表格（.xlsx）"
    } else if has("ppt/") {
        "PowerPoint 演示文稿（.pptx）"
    } else if has("content.xml") {
        "OpenDocument 文件（.odt/.ods）"
    } else {
        "压缩包"
    }
}

fn val(t: &Token<'_>) -> Option<String> {
    t.attr("w:val").map(str::to_string)
}

fn document_to_text(xml: &str, numbering: &Numbering) -> (String, Limits) {
    let mut w = Writer::default();
    let mut counters = Counters::default();
    let mut in_text = false;
    let mut in_run = false;
    // A paragraph's list number, written before its first text.
    let mut num: (Option<String>, Option<usize>) = (None, None);
    let mut prefix_due = false;
    // mc:Fallback repeats mc:Choice's content for old readers; read it once.
    let mut fallback_depth = 0usize;
    for token in Tokenizer::xml(xml) {
        if fallback_depth > 0 {
            match &token {
                Token::Start { name, self_closing: false, .. } if name == "mc:fallback" => fallback_depth += 1,
                Token::End { name } if name == "mc:fallback" => fallback_depth -= 1,
                _ => {}
            }
            continue;
        }
        match &token {
            Token::Start { name, self_closing, .. } => match name.as_ref() {
                "mc:fallback" if !self_closing => fallback_depth = 1,
                "w:p" => {
                    num = (None, None);
                    prefix_due = true;
                }
                "w:numid" => num.0 = val(&token),
                "w:ilvl" => num.1 = val(&token).and_then(|v| v.parse().ok()),
                "w:r" => in_run = !self_closing,
                "w:t" => in_text = !self_closing,
                "w:tab" if in_run => w.text("\t"),
                "w:br" | "w:cr" if in_run => w.line_break(),
                "w:nobreakhyphen" => w.text("-"),
                "w:tbl" => w.start_table(),
                "w:tr" => w.start_row(),
                "w:tc" => w.start_cell(1, 1),
                "w:gridspan" => w.set_cell_colspan(val(&token).and_then(|v| v.parse().ok()).unwrap_or(1)),
                // vMerge without a value, or "continue", continues the cell above; "restart" begins one.
                "w:vmerge" if val(&token).is_none_or(|v| v == "continue") => w.set_cell_merged_up(),
                _ => {}
            },
            Token::End { name } => match name.as_ref() {
                "w:p" => {
                    if prefix_due {
                        write_number(&mut w, numbering, &mut counters, &num);
                    }
                    prefix_due = false;
                    w.line_break();
                }
                "w:r" => in_run = false,
                "w:t" => in_text = false,
                "w:tc" => w.end_cell(),
                "w:tr" => w.end_row(),
                "w:tbl" => w.end_table(),
                _ => {}
            },
            Token::Text(raw) if in_text => {
                if prefix_due {
                    write_number(&mut w, numbering, &mut counters, &num);
                    prefix_due = false;
                }
                w.text(&decode_entities(raw));
            }
            Token::Text(_) => {}
        }
    }
    let limits = Limits { truncated_tables: w.truncated_tables, too_deep_tables: w.too_deep_tables };
    (w.finish(), limits)
}

fn write_number(w: &mut Writer, numbering: &Numbering, counters: &mut Counters, num: &(Option<String>, Option<usize>)) {
    if let (Some(id), level) = num {
        if let Some(text) = numbering.label(id, level.unwrap_or(0), counters) {
            w.text(&text);
        }
    }
}

/// One level of a list definition: how its number is written.
#[derive(Debug, Clone, Default)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// The list definitions of numbering.xml: num id → abstract id → levels.
#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, HashMap<usize, Level>>,
    nums: HashMap<String, String>,
}

/// Word's list levels: w:ilvl 0–8. Damaged files name any level; past these, none is a number.
const LEVELS: usize = 9;
/// Longest w:lvlText read as a list number ("第%1章", "%1.%2.%3."). A level's text is written
/// before every paragraph of its list, so an unbounded one would grow the text by paragraphs ×
/// its length: found while fuzzing (tests/fuzz_regressions.rs), a 2 MB file made 900 MB of text.
const MAX_LEVEL_TEXT: usize = 64;

/// Current count of each level of each abstract list. Kept per list, so that a paragraph costs
/// the same however many lists the file has (fuzzing: walking all of them was quadratic).
#[derive(Default)]
struct Counters(HashMap<String, [Option<u32>; LEVELS]>);

impl Numbering {
    fn parse(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let (mut abstract_id, mut num_id, mut level) = (None::<String>, None::<String>, None::<(usize, Level)>);
        for token in Tokenizer::xml(xml) {
            match &token {
                Token::Start { name, .. } => match name.as_ref() {
                    "w:abstractnum" => abstract_id = token.attr("w:abstractnumid").map(str::to_string),
                    "w:lvl" => {
                        let ilvl = token.attr("w:ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                        // Levels past Word's nine and over-long texts are not list numbers.
                        level = (ilvl < LEVELS).then(|| (ilvl, Level { start: 1, ..Level::default() }));
                    }
                    "w:start" => {
                        if let Some((_, l)) = &mut level {
                            l.start = val(&token).and_then(|v| v.parse().ok()).unwrap_or(1);
                        }
                    }
                    "w:numfmt" => {
                        if let Some((_, l)) = &mut level {
                            l.format = val(&token).unwrap_or_default();
                        }
                    }
                    "w:lvltext" => {
                        if let Some((_, l)) = &mut level {
                            l.text = val(&token).unwrap_or_default();
                            if l.text.chars().count() > MAX_LEVEL_TEXT || l.text.matches('%').count() > LEVELS {
                                l.format = "none".to_string();
                                l.text.clear();
                            }
                        }
                    }
                    "w:num" => num_id = token.attr("w:numid").map(str::to_string),
                    "w:abstractnumid" => {
                        if let (Some(num), Some(abs)) = (&num_id, val(&token)) {
                            n.nums.insert(num.clone(), abs);
                        }
                    }
                    _ => {}
                },
                Token::End { name } if name == "w:lvl" => {
                    if let (Some(abs), Some((ilvl, l))) = (&abstract_id, level.take()) {
                        n.abstracts.entry(abs.clone()).or_default().insert(ilvl, l);
                    }
                }
                _ => {}
            }
        }
        n
    }

    /// The number Word shows for the next paragraph of list `num` at `level`, e.g. "二、".
    fn label(&self, num: &str, level: usize, counters: &mut Counters) -> Option<String> {
        let abs = self.nums.get(num)?;
        let levels = self.abstracts.get(abs)?;
        let this = levels.get(&level)?;
        // Damaged files can claim any start; lists are never that long.
        let start = this.start.min(9_999);
        let counts = counters.0.entry(abs.clone()).or_default();
        let count = counts[level].map_or(start, |c| (c + 1).min(9_999));
        counts[level] = Some(count);
        // A higher level's new item restarts the levels below it.
        counts[level + 1..].fill(None);
        let mut text = this.text.clone();
        for (l, lv) in levels.iter().filter(|(l, _)| **l <= level) {
            let n = if *l == level { count } else { counts[*l].unwrap_or(lv.start) };
            text = text.replace(&format!("%{}", l + 1), &format_number(n, &lv.format));
        }
        // Letters repeat past z ("aa", … 385 letters at 9 999): still no list number that long.
        let number = this.format != "bullet" && this.format != "none" && text.chars().count() <= MAX_LEVEL_TEXT;
        number.then_some(text)
    }
}

const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

fn format_number(n: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "ideographTraditional"
        | "taiwaneseCounting" => chinese_counting(n),
        "ideographDigital" | "taiwaneseDigital" => n.to_string().bytes().map(|d| DIGITS[(d - b'0') as usize]).collect(),
        "upperLetter" => letters(n).to_uppercase(),
        "lowerLetter" => letters(n),
        "decimalFullWidth" | "decimalFullWidth2" => {
            n.to_string().chars().map(|d| char::from_u32(d as u32 + 0xFEE0).unwrap_or(d)).collect()
        }
        _ => n.to_string(),
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十; from 100 on, digits (lists never get that long).
fn chinese_counting(n: u32) -> String {
    let digit = |k: u32| DIGITS[k as usize];
    match n {
        0..=9 => digit(n).to_string(),
        10..=99 => {
            let tens = if n / 10 == 1 { "" } else { digit(n / 10) };
            let ones = if n.is_multiple_of(10) { "" } else { digit(n % 10) };
            format!("{tens}十{ones}")
        }
        _ => n.to_string(),
    }
}

/// a … z, aa … zz, as Word counts with letters (n ≤ 9 999, so at most 385 letters).
fn letters(n: u32) -> String {
    let idx = (n.max(1) - 1) % 26;
    let reps = (n.max(1) - 1) / 26 + 1;
    std::iter::repeat_n((b'a' + idx as u8) as char, reps as usize).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NUMBERING: &str = r#"<w:numbering><w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
        </w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;

    fn para(num: Option<(usize, &str)>, text: &str) -> String {
        let ppr = num.map_or(String::new(), |(lvl, id)| {
            format!(r#"<w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{id}"/></w:numPr></w:pPr>"#)
        });
        format!("<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    #[test]
    fn list_numbers_are_written_as_word_shows_them() {
        let body = [
            para(Some((0, "3")), "总体情况"),
            para(Some((1, "3")), "主动公开情况"),
            para(Some((1, "3")), "依申请公开情况"),
            para(Some((0, "3")), "主动公开政府信息情况"),
            para(Some((1, "3")), "再一项"),
            para(None, "正文&amp;说明"),
        ]
        .concat();
        let (text, _) = document_to_text(
            &format!("<w:document><w:body>{body}</w:body></w:document>"),
            &Numbering::parse(NUMBERING),
        );
        assert_eq!(text, "一、总体情况\n（一）主动公开情况\n（二）依申请公开情况\n二、主动公开政府信息情况\n（一）再一项\n正文&说明\n");
    }

    #[test]
    fn merged_cells_and_tabs() {
        let cell = |props: &str, text: &str| format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", para(None, text));
        let rows = [
            format!(
                r#"<w:tr>{}{}{}</w:tr>"#,
                cell(r#"<w:vMerge w:val="restart"/>"#, "（三）不予公开"),
                cell("", "1.属于国家秘密"),
                cell("", "0")
            ),
            format!(
                r#"<w:tr>{}{}{}</w:tr>"#,
                cell("<w:vMerge/>", ""),
                cell("", "2.其他法律行政法规禁止公开"),
                cell("", "2")
            ),
            format!(r#"<w:tr>{}{}</w:tr>"#, cell(r#"<w:gridSpan w:val="2"/>"#, "（七）总计"), cell("", "2")),
        ]
        .concat();
        let xml = format!(
            r#"<w:document><w:body><w:p><w:pPr><w:tabs><w:tab w:val="left"/></w:tabs></w:pPr><w:r><w:t>规章</w:t><w:tab/><w:t>5</w:t></w:r></w:p><w:tbl>{rows}</w:tbl></w:body></w:document>"#
        );
        let (text, _) = document_to_text(&xml, &Numbering::default());
        assert_eq!(
            text,
            "规章\t5\n\n（三）不予公开 | 1.属于国家秘密 | 0\n（三）不予公开 | 2.其他法律行政法规禁止公开 | 2\n（七）总计 | 2\n\n"
        );
    }

    #[test]
    fn counting() {
        assert_eq!(chinese_counting(1), "一");
        assert_eq!(chinese_counting(10), "十");
        assert_eq!(chinese_counting(12), "十二");
        assert_eq!(chinese_counting(20), "二十");
        assert_eq!(format_number(3, "ideographDigital"), "三");
        assert_eq!(format_number(2, "lowerLetter"), "b");
    }
}
