//! Line breaks back into text that lost them.
//!
//! A PDF viewer's text layer (pdf.js `textContent`), some crawlers and some copy-and-paste paths
//! give a report as one line per page, or one line in all: headings run into the sentence before
//! them ("…联系。一、总体情况2024 年，…") and a table's rows run into each other ("…属于国家秘密
//! 2 0 0 0 0 0 22.其他法律行政法规禁止公开 30 1 …", where the row's total 2 and the next row's
//! number "2." have become "22."). Every later stage reads a report line by line, so this stage
//! puts the breaks back, and only where the format itself says a line began: before a section
//! heading or a table row whose words the era declares, before a block header, around page
//! footers, and before a table's data row. It never guesses a break inside prose, and it only
//! touches lines far longer than any heading or table row.
//!
//! The breaks are separators of a view of the normalised text (see [`NormText::view`]), so every
//! character still maps back to the user's own.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::format::ERAS;
use crate::text::document::{is_page_footer, numbering, NumberStyle};
use crate::text::normalize::{self, is_cjk, NormText};

/// Lines shorter than this (in characters) are left alone: a heading, a table row and most
/// paragraphs are shorter, and a flattened page is far longer.
const LONG_LINE: usize = 200;

/// Long lines are broken only where they show at least this many declared line starts in all:
/// one stray heading inside a long paragraph is not a flattened report.
const MIN_BREAKS: usize = 3;

/// A title ends in these words, within this many bytes of its line's start.
const TITLE_END: &str = "年度报告";
const TITLE_WITHIN: usize = 240;

/// Data rows without a label (table 四's one row of 15) have at least this many numbers.
const LABELLESS_ROW: usize = 10;

/// The declared words lines begin with, from every era's format.
struct Words {
    /// Row and row-group labels without their numbering ("属于国家秘密", "不予公开"), by first
    /// character.
    rows: Labels,
    /// Row labels that may start a row line without a number before them: all but those that
    /// are also column labels ("其他", "总计"), which header lines use.
    bare_rows: Labels,
    /// Section headings: a heading addresses a section when it contains every word of a group.
    headings: Vec<&'static [&'static str]>,
    /// Sections' canonical titles without their numbering ("总体情况").
    titles: Vec<String>,
    /// Words a table's text begins with ("第二十条", "行政复议", "申请人情况").
    anchors: Vec<String>,
}

fn words() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    WORDS.get_or_init(|| {
        let strip = |label: &str| -> String {
            let norm = normalize::normalize(label).text;
            let start = numbering(&norm).map_or(0, |(_, _, marker)| marker);
            norm[start..].trim().to_string()
        };
        let mut columns: Vec<String> = Vec::new();
        let mut rows: Vec<String> = Vec::new();
        for table in ERAS.iter().flat_map(|e| e.tables.iter()) {
            for block in table.blocks {
                for column in block.columns {
                    columns.extend(column.label.split('·').map(strip));
                }
                for row in block.rows {
                    rows.extend(row.label.split('·').map(strip));
                }
            }
            rows.extend(table.row_groups.iter().map(|(_, label)| strip(label)));
        }
        rows.retain(|w| w.chars().count() >= 2);
        rows.sort();
        rows.dedup();
        let by_first = |list: &[String]| {
            let mut labels = Labels { first: vec![0; 0x10000 / 64], map: HashMap::new() };
            for w in list {
                let c = w.chars().next().unwrap_or(' ');
                labels.map.entry(c).or_default().push(w.clone());
                labels.first[(c as usize & 0xFFFF) / 64] |= 1 << (c as usize % 64);
            }
            // Longest first, so "行政规范性文件" wins over a shorter label inside it.
            labels.map.values_mut().for_each(|v| v.sort_by_key(|w| std::cmp::Reverse(w.len())));
            labels
        };
        let bare: Vec<String> = rows.iter().filter(|w| !columns.contains(w)).cloned().collect();
        let mut anchors: Vec<String> =
            ERAS.iter().flat_map(|e| e.tables.iter()).flat_map(|t| t.anchors.iter()).map(|a| strip(a)).collect();
        anchors.sort();
        anchors.dedup();
        let sections = ERAS.iter().flat_map(|e| e.sections.iter());
        Words {
            rows: by_first(&rows),
            bare_rows: by_first(&bare),
            headings: sections.clone().flat_map(|s| s.heading.iter().copied()).collect(),
            titles: sections.map(|s| strip(s.title)).filter(|t| !t.is_empty()).collect(),
            anchors,
        }
    })
}

/// `norm` with line breaks restored in its flattened lines; `norm` itself when it has none.
pub fn restore_line_breaks(norm: NormText) -> NormText {
    let text = norm.text.as_str();
    let lines = || {
        text.split_inclusive('\n').scan(0, |start, line| {
            let at = *start;
            *start += line.len();
            Some((at, line.trim_end_matches(['\n', '\r'])))
        })
    };
    let long = |body: &str| body.len() >= LONG_LINE * 3 && body.chars().count() >= LONG_LINE;
    let mut breaks: Vec<usize> =
        lines().filter(|(_, body)| long(body)).flat_map(|(at, body)| line_breaks(body, at)).collect();
    if breaks.len() >= MIN_BREAKS {
        // The report is flattened: its short lines (a page's last lines) are run together too.
        breaks.extend(lines().filter(|(_, body)| !long(body)).flat_map(|(at, body)| line_breaks(body, at)));
    } else {
        // Not flattened; a page may still have lost a few paragraph breaks before its headings.
        breaks = lines().flat_map(|(at, body)| headings_after_sentences(body, at)).collect();
        if breaks.is_empty() {
            return norm;
        }
    }
    breaks.sort_unstable();
    breaks.dedup();
    let mut parts = Vec::with_capacity(breaks.len() + 1);
    let mut from = 0;
    for b in breaks {
        parts.push((from..b, Some('\n')));
        from = b;
    }
    parts.push((from..text.len(), None));
    norm.view(parts.into_iter())
}

/// Where lines began in one flattened line (offsets into the whole text).
fn line_breaks(line: &str, offset: usize) -> Vec<usize> {
    let w = words();
    let mut out = Vec::new();
    let at = |i: usize, out: &mut Vec<usize>| {
        if i > 0 && i < line.len() {
            out.push(offset + i);
        }
    };
    let mut i = 0;
    while i < line.len() {
        let rest = &line[i..];
        let Some(c) = rest.chars().next() else { break };
        // Nothing declared starts with ASCII other than digits, "(", "-" and "/".
        if c.is_ascii() && !c.is_ascii_digit() && !matches!(c, '(' | '-' | '/') {
            i += 1;
            continue;
        }
        let before = line[..i].trim_end_matches(' ');
        // After a row's last cell: a number, or a blank cell written "/" or "—".
        let after_number = before.ends_with(|c: char| c.is_ascii_digit() || c == '/' || c == '—');
        // Page furniture: "- 5 -" starting a page's line, or ending it. Inside a line "— 3 —" is
        // as likely a row's cells.
        if matches!(c, '-' | '—' | '–') {
            if let Some(len) = page_footer_len(rest).filter(|&len| i == 0 || i + len == line.len()) {
                at(i, &mut out);
                at(i + len, &mut out);
                i += len;
                continue;
            }
        }
        // A numbered heading or row: "一、总体情况", "(三)不予公开", "2.其他法律…"; not the
        // "第(五)项" of a block header.
        if let Some((style, _, marker)) = numbering_at(rest).filter(|_| !before.ends_with('第')) {
            let words_after = &rest[marker..];
            let section =
                matches!(style, NumberStyle::Chinese | NumberStyle::ParenChinese) && is_section_heading(w, words_after);
            let row = if section { None } else { label_at(&w.rows, words_after) };
            if row.is_some() || section || after_number && style != NumberStyle::Arabic {
                at(i, &mut out);
                i += marker;
                if let Some(len) = row {
                    i += len;
                } else if let Some(t) = w.titles.iter().find(|t| words_after.starts_with(t.as_str())) {
                    // A section heading ends at its canonical title: "一、总体情况2024年，…".
                    i += t.len();
                    at(i, &mut out);
                }
                continue;
            }
        }
        // "22.其他…": a value glued to the next row's number "2.".
        if c.is_ascii_digit() {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits >= 2 {
                let last = i + digits - 1;
                if let Some((NumberStyle::Arabic, _, marker)) = numbering_at(&line[last..]) {
                    if label_at(&w.rows, &line[last + marker..]).is_some() {
                        at(last, &mut out);
                        i = last;
                        continue;
                    }
                }
            }
            // Table 四's data row: many numbers after its header words.
            if line[..i].ends_with(is_cjk) && number_run(rest) >= LABELLESS_ROW {
                at(i, &mut out);
            }
            i += digits.max(1);
            continue;
        }
        // Table 四's data row starting with a blank cell: "…总计/ / / 3 3 …".
        if matches!(c, '/' | '—') && line[..i].ends_with(is_cjk) && number_run(rest) >= LABELLESS_ROW {
            at(i, &mut out);
            i += c.len_utf8();
            continue;
        }
        // A row label followed by its values: "现行有效件数规章1 0 11"…
        if let Some(len) = label_at(&w.bare_rows, rest) {
            // …or by a blank cell, the next row's label or the next block: a table left blank.
            let next = rest[len..].trim_start_matches(' ');
            let cells_follow = bare_number_follows(next)
                || next.starts_with(['/', '—'])
                || label_at(&w.bare_rows, next).is_some()
                || next.starts_with("第二十条");
            if cells_follow && !ends_with_numbering(before) {
                at(i, &mut out);
            }
            i += len;
            continue;
        }
        // A title run into the preamble: "…2024年政府信息公开工作年度报告本报告由…编制".
        if rest.starts_with(TITLE_END) && i < TITLE_WITHIN && line[..i].contains('年') {
            let end = i + TITLE_END.len();
            if line[end..].starts_with(|c: char| is_cjk(c) && c != '的' && c != '中') {
                at(end, &mut out);
            }
            i = end;
            continue;
        }
        // A table's first words after a sentence ("…见下表。行政复议 行政诉讼结果维持…"), and a
        // block header after a row ("…66第二十条第(五)项").
        let anchor = || w.anchors.iter().any(|a| rest.starts_with(a.as_str()));
        if (before.ends_with(['。', ':']) || after_number && rest.starts_with("第二十条")) && anchor()
            || is_block_header(rest)
        {
            at(i, &mut out);
        }
        i += c.len_utf8();
    }
    out
}

/// Where a section heading begins inside a line, after the sentence before it: "…的需要。 三、依申请
/// 公开政府信息情况 目前,暂无…" (文庙街道 2011, a crawled page that lost some paragraph breaks). Only
/// a top-level "三、" numbering right after a sentence's "。" and followed by a section heading's
/// declared words: prose does not go on that way.
fn headings_after_sentences(line: &str, offset: usize) -> Vec<usize> {
    let w = words();
    let mut out = Vec::new();
    for (end, _) in line.match_indices('。') {
        let after = end + '。'.len_utf8();
        let rest = line[after..].trim_start_matches(' ');
        let at = line.len() - rest.len();
        let Some((NumberStyle::Chinese, _, marker)) = numbering_at(rest) else { continue };
        if at < line.len() && rest[..marker].ends_with('、') && is_section_heading(w, &rest[marker..]) {
            out.push(offset + at);
        }
    }
    out
}

/// The numbering that starts `t` ("一、", "(三)", "2."): Chinese numbers up to 十, Arabic ones
/// of one digit.
fn numbering_at(t: &str) -> Option<(NumberStyle, u32, usize)> {
    let first = t.chars().next()?;
    if !(first.is_ascii_digit() || first == '(' || normalize::chinese_numeral(first).is_some()) {
        return None;
    }
    let head = crate::text::search::head(t, 8);
    // Row numbers are single digits: "22." is a value and the number "2." run together.
    let one_digit = head.trim_start_matches('(').bytes().take_while(u8::is_ascii_digit).count() == 1;
    numbering(head).filter(|&(style, n, _)| match style {
        NumberStyle::Part => false,
        NumberStyle::Arabic | NumberStyle::ParenArabic => one_digit && n <= 9,
        _ => n <= 10,
    })
}

/// Whether `t` ends with a numbering ("一、", "(三)", "2."), which a label after it belongs to.
fn ends_with_numbering(t: &str) -> bool {
    let mut rev = t.chars().rev();
    let (Some(mark), Some(n)) = (rev.next(), rev.next()) else { return false };
    matches!(mark, '、' | '.' | ')') && (n.is_ascii_digit() || normalize::chinese_numeral(n).is_some())
}

/// Declared labels by their first character. `label_at` is asked at every character of a
/// flattened line, and almost no character starts a label: a bit per character (its low 16
/// bits) answers most of them before the map is hashed.
struct Labels {
    first: Vec<u64>,
    map: HashMap<char, Vec<String>>,
}

/// The length of the declared label `t` starts with, longest first.
fn label_at(labels: &Labels, t: &str) -> Option<usize> {
    let first = t.chars().next()?;
    let bit = first as usize & 0xFFFF;
    if labels.first[bit / 64] & (1 << (bit % 64)) == 0 {
        return None;
    }
    labels.map.get(&first)?.iter().find(|w| t.starts_with(w.as_str())).map(|w| w.len())
}

/// Whether the words after a numbering make a section heading of some era.
fn is_section_heading(w: &Words, t: &str) -> bool {
    // The heading's own words: up to a digit or punctuation ("一、总体情况2024年", "(一)主动公开情况。").
    let window = crate::text::search::head(t, 24);
    let window = &window[..window.find(|c: char| c.is_ascii_digit() || "。,;:(".contains(c)).unwrap_or(window.len())];
    w.titles.iter().any(|title| t.starts_with(title.as_str()))
        || w.headings.iter().any(|group| group.iter().all(|word| window.contains(word)))
            && window.chars().take(2).all(is_cjk)
}

/// "第二十条第(五)项信息内容…": the header of a block of table 二, whatever stands before it.
fn is_block_header(t: &str) -> bool {
    let Some(rest) = t.strip_prefix("第二十条第(") else { return false };
    let Some(close) = rest.find(")项") else { return false };
    close <= 6 && rest[close + ")项".len()..].starts_with("信息内容")
}

/// Whether a bare number (a table cell, not "3件" or "2024年") follows.
fn bare_number_follows(t: &str) -> bool {
    let t = t.trim_start_matches(' ');
    let digits = t.bytes().take_while(|b| b.is_ascii_digit() || *b == b'.').count();
    if digits == 0 || !t.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let next = t[digits..].chars().next();
    !next.is_some_and(|c| "件条个次人项场期篇元万%家名户份批位天日月年号届所类余多".contains(c))
}

/// How many cells one space apart start `t`: numbers, and blank cells written "/" or "—".
fn number_run(t: &str) -> usize {
    let cell_len = |s: &str| match s.chars().next() {
        Some('/' | '—') => s.chars().next().map_or(0, char::len_utf8),
        _ => s.bytes().take_while(|b| b.is_ascii_digit() || *b == b'.').count(),
    };
    let mut count = 0;
    let mut rest = t;
    loop {
        let len = cell_len(rest);
        if len == 0 {
            break;
        }
        count += 1;
        match rest[len..].strip_prefix(' ') {
            Some(next) if cell_len(next) > 0 => rest = next,
            _ => break,
        }
    }
    count
}

/// The length of a page footer ("- 5 -", "-5-") at the start of `t`: one number between two
/// dashes ("—1 3 2 8—" is a row's cells).
fn page_footer_len(t: &str) -> Option<usize> {
    let dash = t.chars().next()?;
    let inner = &t[dash.len_utf8()..];
    let close = inner.find(dash)?;
    let number = inner[..close].trim_matches(' ');
    let len = dash.len_utf8() + close + dash.len_utf8();
    (close <= 12 && !number.contains(' ') && is_page_footer(&t[..len])).then_some(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reflowed(s: &str) -> String {
        restore_line_breaks(normalize::normalize(s)).text
    }

    /// A report whose lines were run together, as pdf.js textContent gives a page.
    fn flattened() -> String {
        let body = "某某局2024年政府信息公开工作年度报告本报告由某某局根据《条例》编制。一、总体情况2024年，我局认真贯彻《条例》，\
            主动公开政府信息120条，依申请公开工作规范有序，监督保障有力。（一）主动公开情况。全年新增公开规章1件。\
            二、主动公开政府信息情况第二十条 第（一）项信息内容 本年制发件数 本年废止件数 现行有效件数规章 1 0 11\
            行政规范性文件 8 26 66三、收到和处理政府信息公开申请情况（三）不予公开1.属于国家秘密 2 0 0 0 0 0 2\
            2.其他法律行政法规禁止公开 30 1 0 0 0 0 313.危及“三安全一稳定” 5 0 0 0 0 0 5（四）无 1.本机关不掌握相关政府信息 \
            746 12 0 0 10 1 769\n- 5 -法提供 2.没有现成信息需要另行制作 11 0 0 0 0 0 11四、政府信息公开行政复议、行政诉讼情况\
            行政复议 行政诉讼结果维持总计72 64 178 37 351 13 4 8 1 26 12 1 1 6 20五、存在的主要问题及改进情况人员不足。";
        body.to_string()
    }

    #[test]
    fn a_flattened_report_gets_its_lines_back() {
        let lines: Vec<String> = reflowed(&flattened()).lines().map(str::to_string).collect();
        let expected = [
            "某某局2024年政府信息公开工作年度报告",
            "一、总体情况",
            "(一)主动公开情况。全年新增公开规章1件。",
            "二、主动公开政府信息情况",
            "规章1 0 11",
            "行政规范性文件8 26 66",
            "三、收到和处理政府信息公开申请情况",
            "(三)不予公开",
            "1.属于国家秘密2 0 0 0 0 0 2",
            "2.其他法律行政法规禁止公开30 1 0 0 0 0 31",
            "3.危及“三安全一稳定”5 0 0 0 0 0 5",
            "1.本机关不掌握相关政府信息746 12 0 0 10 1 769",
            "- 5 -",
            "2.没有现成信息需要另行制作11 0 0 0 0 0 11",
            "四、政府信息公开行政复议、行政诉讼情况",
            "72 64 178 37 351 13 4 8 1 26 12 1 1 6 20",
            "五、存在的主要问题及改进情况",
            "人员不足。",
        ];
        for e in expected {
            assert!(lines.iter().any(|l| l.trim() == e), "no line {e:?} in {lines:#?}");
        }
        // Prose figures stay in their sentences: "规章1件" has a unit, so it is no table row.
        assert!(lines.iter().any(|l| l.starts_with("(一)主动公开情况") && l.contains("规章1件")));
    }

    #[test]
    fn breaks_map_back_to_the_users_characters() {
        let text = flattened();
        let norm = restore_line_breaks(normalize::normalize(&text));
        let at = norm.text.find("2.其他法律").expect("the row");
        let orig = norm.original_range(at..at + "2.其他法律".len());
        assert_eq!(&text[orig], "2.其他法律");
    }

    #[test]
    fn one_heading_inside_a_long_paragraph_is_not_a_flattened_report() {
        let s = format!("{}详见二、主动公开政府信息情况。\n", "本机关认真落实条例规定，".repeat(30));
        assert_eq!(reflowed(&s), normalize::normalize(&s).text);
    }

    #[test]
    fn short_lines_are_left_alone() {
        let s = "一、总体情况\n本年度，我局……二、主动公开政府信息情况\n";
        assert_eq!(reflowed(s), normalize::normalize(s).text);
    }
}
