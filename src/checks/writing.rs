//! Careless writing (怀化 notice: "文字严谨"; issue #14): dates that cannot be
//! (`text.date_malformed`), top-level section numbers that skip or restart (`doc.numbering`),
//! and a small lint in the spirit of autocorrect (`text.typo`): doubled words that are never
//! legitimate, a stray ASCII comma, semicolon, colon or bracket among the full-width ones of a
//! Chinese text, and a number mixing full-width and ASCII digits.
//!
//! Only what is certainly wrong is reported. A text whose punctuation is ASCII throughout (as
//! some web stores and converters write it) is consistent, not careless: ASCII marks are only
//! reported where the report itself uses the full-width ones almost everywhere.

use std::ops::Range;

use super::{At, Findings};
use crate::format::prose::{DOUBLED, DOUBLED_EXCEPT};
use crate::report::Report;
use crate::text::document::{LineKind, NumberStyle};
use crate::text::search as text;

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// The prose lines of the user's text: (original byte range, text), outside tables and chrome.
fn prose_lines(report: &Report) -> Vec<Range<usize>> {
    let doc = &report.doc;
    let tables: Vec<Range<usize>> = report.tables.iter().filter_map(|t| t.range.clone()).collect();
    doc.lines
        .iter()
        .filter(|l| matches!(l.kind, LineKind::Text | LineKind::Heading(_)))
        .filter(|l| !tables.iter().any(|t| t.contains(&l.range.start)))
        .filter(|l| !doc.line_text(l).contains(['|', '\t']))
        .map(|l| doc.norm.original_range(l.range.clone()))
        .collect()
}

/// Full-width marks and their ASCII look-alikes.
const MARKS: [(char, char); 4] = [('，', ','), ('；', ';'), ('：', ':'), ('（', '(')];
/// How many full-width marks of a kind per ASCII one make the ASCII ones strays.
const FULL_WIDTH_RATIO: usize = 10;
const FULL_WIDTH_MIN: usize = 10;

/// Doubled words, stray ASCII marks and mixed-width numbers.
pub fn typo(report: &Report, out: &mut Findings) {
    doubled(report, out);
    let lines = prose_lines(report);
    let raw = &report.text;
    // The bytes a mark can start with: the ASCII marks and the lead bytes of the full-width ones.
    // A line is walked byte by byte and characters are decoded only around an ASCII mark.
    let mut starts = [false; 256];
    for (f, a) in MARKS {
        starts[a as usize] = true;
        starts[f.to_string().as_bytes()[0] as usize] = true;
    }
    // ASCII marks between two CJK characters ("申请,答复"), or a bracket pair around CJK text.
    let mut ascii: Vec<Vec<Range<usize>>> = vec![Vec::new(); MARKS.len()];
    let mut full = [0usize; MARKS.len()];
    // The same walk notes a full-width digit's lead byte; only a line with one can mix widths.
    starts[0xEF] = true;
    for r in &lines {
        let Some(line) = raw.get(r.clone()) else { continue };
        let mut full_digit = false;
        for (i, &x) in line.as_bytes().iter().enumerate() {
            if !starts[x as usize] {
                continue;
            }
            if !x.is_ascii() {
                if let Some(m) = MARKS.iter().position(|(f, _)| line[i..].starts_with(*f)) {
                    full[m] += 1;
                }
                full_digit |= digit_width(line.as_bytes(), i) == 3;
                continue;
            }
            let c = x as char;
            let Some(m) = MARKS.iter().position(|(_, a)| *a == c) else { continue };
            let before = line[..i].chars().next_back();
            let after = line[i + 1..].chars().next();
            let stray = if c == '(' {
                // "(…)" around CJK: up to 20 CJK characters then ")".
                let close = line[i + 1..].chars().take(21).position(|x| x == ')');
                close.is_some_and(|n| n > 0 && line[i + 1..].chars().take(n).all(is_cjk)) && before.is_some_and(is_cjk)
            } else {
                before.is_some_and(is_cjk) && after.is_some_and(is_cjk)
            };
            if stray {
                ascii[m].push(r.start + i..r.start + i + 1);
            }
        }
        if full_digit {
            mixed_digits(line, r.start, out);
        }
    }
    for (m, found) in ascii.iter().enumerate() {
        if found.is_empty() || full[m] < FULL_WIDTH_MIN || full[m] < found.len() * FULL_WIDTH_RATIO {
            continue;
        }
        let (fw, a) = MARKS[m];
        for at in found {
            let context = context_of(raw, at.clone());
            out.add(
                "text.typo",
                format!("中文之间用了半角“{a}”：“{context}”（全文其余 {} 处都用全角“{fw}”）", full[m]),
            )
            .at(At::Text(at.clone()))
            .hint(format!("改为全角“{fw}”"));
        }
    }
}

/// A few characters either side of `at` in the user's text, for the message.
fn context_of(raw: &str, at: Range<usize>) -> String {
    let before: String = raw[..at.start].chars().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
    let after: String = raw[at.end..].chars().take(6).collect();
    format!("{before}{}{after}", &raw[at]).replace('\n', "")
}

/// The width in bytes of the digit at `i`: 1 for an ASCII digit, 3 for a full-width one
/// ("０"–"９", U+FF10–U+FF19), 0 for anything else.
fn digit_width(b: &[u8], i: usize) -> usize {
    match b[i] {
        b'0'..=b'9' => 1,
        0xEF if b.get(i + 1) == Some(&0xBC) && b.get(i + 2).is_some_and(|x| (0x90..=0x99).contains(x)) => 3,
        _ => 0,
    }
}

/// "２０23年": one number written in both full-width and ASCII digits. The line's bytes are
/// walked once; a byte that is no digit's is skipped (continuation bytes are never one).
fn mixed_digits(line: &str, offset: usize, out: &mut Findings) {
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if digit_width(b, i) == 0 {
            i += 1;
            continue;
        }
        let (start, mut ascii, mut full) = (i, false, false);
        while i < b.len() {
            match digit_width(b, i) {
                0 => break,
                w => {
                    ascii |= w == 1;
                    full |= w == 3;
                    i += w;
                }
            }
        }
        if ascii && full {
            out.add("text.typo", format!("数字“{}”混用了全角和半角数字", &line[start..i]))
                .at(At::Text(offset + start..offset + i))
                .hint("统一用半角数字");
        }
    }
}

/// "的的", "公开公开": a doubled word that is never legitimate.
fn doubled(report: &Report, out: &mut Findings) {
    let prose = &report.prose.text;
    for word in DOUBLED {
        // One scan of the whole prose (vectorised in the library) before the places are sought.
        if !prose.contains(word) {
            continue;
        }
        let mut from = 0;
        while let Some(p) = text::find(&prose[from..], word).map(|p| p + from) {
            from = p + word.len();
            let before = prose[..p].chars().next_back();
            let after = prose[p + word.len()..].chars().next();
            let excused = DOUBLED_EXCEPT.iter().any(|(w, c)| {
                *w == *word && (before.is_some_and(|b| c.starts_with(b)) || after.is_some_and(|a| c.starts_with(a)))
            });
            if excused {
                continue;
            }
            let half = word.len() / 2;
            let context: String = {
                let a = prose[..p].char_indices().rev().nth(5).map_or(0, |(i, _)| i);
                let b = prose[p + word.len()..].char_indices().nth(6).map_or(prose.len(), |(i, _)| p + word.len() + i);
                prose[a..b].replace('\n', "")
            };
            out.add("text.typo", format!("“{}”重复：“{context}”", &word[..half]))
                .at(At::Prose(p..p + word.len()))
                .hint(format!("删去多余的“{}”", &word[..half]));
        }
    }
}

fn days_in(month: u32) -> u32 {
    match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A number of at most `max` digits that ends just before `at`, not part of a longer one.
fn number_before(s: &str, at: usize) -> Option<(usize, u32)> {
    let b = s.as_bytes();
    let mut start = at;
    while start > 0 && b[start - 1].is_ascii_digit() {
        start -= 1;
    }
    (start < at && at - start <= 8).then(|| (start, s[start..at].parse().ok()))?.1.map(|v| (start, v))
}

/// "202020年" just before a month: a year of five or more digits.
fn year_run_before<'s>(s: &'s str, month_start: usize) -> Option<&'s str> {
    let head = s[..month_start].strip_suffix('年')?;
    let digits = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let year = &head[head.len() - digits..];
    ((5..=8).contains(&digits) && (year.starts_with("19") || year.starts_with("20")))
        .then(|| &s[month_start - digits - '年'.len_utf8()..month_start])
}

/// Dates that cannot be: "202312月31日" (年 lost), "202020年12月" (a year too long), "2023年13月", "2月30日", "1月32日".
pub fn date_malformed(report: &Report, out: &mut Findings) {
    let prose = &report.prose.text;
    for (m, _) in prose.match_indices('月') {
        let Some((start, month)) = number_before(prose, m) else { continue };
        let digits = m - start;
        let after_year = prose[..start].ends_with('年');
        let day = prose[m + '月'.len_utf8()..].bytes().take_while(u8::is_ascii_digit).count();
        let day_end = m + '月'.len_utf8() + day;
        let day_value: Option<u32> = (day > 0 && day <= 2 && prose[day_end..].starts_with('日'))
            .then(|| prose[m + 3..day_end].parse().ok())
            .flatten();
        let end = if day_value.is_some() { day_end + '日'.len_utf8() } else { m + '月'.len_utf8() };
        let written = &prose[start..end];
        let long_year = year_run_before(prose, start);
        let problem = if let Some(year) = long_year {
            Some(format!("日期“{year}{written}”的年份有误"))
        } else if (5..=6).contains(&digits) && (prose[start..].starts_with("19") || prose[start..].starts_with("20")) {
            // "202312月": a year and its month run together.
            let month_part: u32 = prose[start + 4..m].parse().unwrap_or(0);
            ((1..=12).contains(&month_part)).then(|| format!("日期“{written}”的年份后缺少“年”"))
        } else if digits <= 2 && after_year && !(1..=12).contains(&month) {
            Some(format!("日期“{written}”的月份 {month} 不存在"))
        } else if digits <= 2 && (1..=12).contains(&month) {
            day_value
                .filter(|&d| d == 0 || d > days_in(month))
                .map(|d| format!("日期“{written}”不存在：{month}月没有{d}日"))
        } else {
            None
        };
        if let Some(message) = problem {
            let from = long_year.map_or(start, |y| start - y.len());
            out.add("text.date_malformed", message).at(At::Prose(from..end));
        }
    }
}

/// Top-level section numbers that skip ("一、二、四") or restart ("一、二、一、"). Only where the
/// sections are headed "一、…": the numbered rows of table 三 ("一、本年新收…") and sub-items in
/// other styles are not section numbers.
pub fn numbering(report: &Report, out: &mut Findings) {
    let Some(era) = report.era else { return };
    let doc = &report.doc;
    let heading = |line: usize| match &doc.lines[line].kind {
        LineKind::Heading(h) => Some(h),
        _ => None,
    };
    let section_lines: Vec<usize> = report.sections.iter().filter_map(|s| s.heading_line).collect();
    // The sections must be headed in the Chinese style, at least two of them.
    let chinese = section_lines.iter().filter(|&&l| heading(l).is_some_and(|h| h.style == NumberStyle::Chinese));
    if chinese.count() < 2 {
        return;
    }
    let (Some(&first), Some(&last)) = (section_lines.iter().min(), section_lines.iter().max()) else { return };
    // Table 三's numbered rows ("一、本年新收…", "四、结转下年度继续办理") and row groups
    // ("三、本年度办理结果") when its text was not read as the table.
    let mut excludes: Vec<&str> = Vec::new();
    for t in era.spec().tables {
        for b in t.blocks {
            for r in b.rows.iter().filter(|r| crate::text::document::numbering(r.label).is_some()) {
                excludes.extend(r.keys.iter().copied());
            }
        }
        for (_, label) in t.row_groups {
            if let Some((_, _, marker)) = crate::text::document::numbering(label) {
                excludes.push(&label[marker..]);
            }
        }
    }
    let tables: Vec<Range<usize>> = report.tables.iter().filter_map(|t| t.range.clone()).collect();
    let mut previous: Option<(u32, &str)> = None;
    for line in first..=last {
        let Some(h) = heading(line).filter(|h| h.style == NumberStyle::Chinese) else { continue };
        let l = &doc.lines[line];
        let title = doc.text(&h.title);
        if tables.iter().any(|t| t.contains(&l.range.start))
            || doc.line_text(l).contains(['|', '\t'])
            || excludes.iter().any(|w| text::contains(title, w))
        {
            continue;
        }
        if let Some((before, before_title)) = previous {
            let problem = if h.ordinal > before + 1 {
                Some(format!("一级标题编号跳号：“{}、{before_title}”之后是“{}、{title}”", cn(before), cn(h.ordinal)))
            } else if h.ordinal <= before && title != before_title {
                Some(format!(
                    "一级标题编号重新开始：“{}、{before_title}”之后又是“{}、{title}”",
                    cn(before),
                    cn(h.ordinal)
                ))
            } else {
                None
            };
            if let Some(message) = problem {
                out.add("doc.numbering", message).at(At::Norm(l.range.clone()));
            }
        }
        previous = Some((h.ordinal, title));
    }
}

/// 1–99 in Chinese numerals, as section numbers are written.
fn cn(n: u32) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[(n % 10) as usize]),
        _ if n % 10 == 0 => format!("{}十", D[(n / 10 % 10) as usize]),
        _ => format!("{}十{}", D[(n / 10 % 10) as usize], D[(n % 10) as usize]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        assert_eq!([1, 4, 10, 12, 20, 23].map(cn), ["一", "四", "十", "十二", "二十", "二十三"]);
    }

    #[test]
    fn numbers_before() {
        assert_eq!(number_before("2023年13月", 9), Some((7, 13)));
        assert_eq!(number_before("年月", 3), None);
    }
}
