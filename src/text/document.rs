//! From normalised text to a document: lines classified as headings, prose, table cells, page
//! chrome, with the metadata the chrome carries.
//!
//! Reports reach us as copies of web pages and PDF extractions, so the "document" is inferred
//! from lines. A line is only classified here; deciding which heading is which required section,
//! or where a table starts, needs the era's declarations and happens later.

use std::ops::Range;

use super::normalize::NormText;
use super::search as text;

/// How a heading is numbered. Reports use one style for their top level and others below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NumberStyle {
    /// 一、 一.
    Chinese,
    /// (一)
    ParenChinese,
    /// 1. 1、
    Arabic,
    /// (1)
    ParenArabic,
    /// 第一部分 第一章
    Part,
}

#[derive(Debug, Clone)]
pub struct Heading {
    pub style: NumberStyle,
    pub ordinal: u32,
    /// The heading's words after the number, up to the first full stop.
    pub title: Range<usize>,
    /// Text follows the heading on the same line ("（一）主动公开情况。2024年，……").
    pub inline_body: bool,
}

#[derive(Debug, Clone)]
pub enum LineKind {
    Blank,
    /// "-4-", "第 4 页": page furniture inside PDF text.
    PageFooter,
    /// Breadcrumbs, 发布时间/点击数 lines, download and QR-code footers, metadata rows.
    Chrome,
    Heading(Heading),
    Text,
}

#[derive(Debug, Clone)]
pub struct Line {
    /// Normalised byte range, without surrounding whitespace.
    pub range: Range<usize>,
    pub kind: LineKind,
}

/// What the page around the report says about it.
#[derive(Debug, Clone, Default)]
pub struct PageMetadata {
    pub title: Option<(String, Range<usize>)>,
    pub agency: Option<String>,
    /// 发布日期 / 发布时间, as YYYY-MM-DD.
    pub published: Option<(String, Range<usize>)>,
    /// 发文日期 / 成文日期, used when no publication date is shown.
    pub issued: Option<(String, Range<usize>)>,
    pub index_number: Option<String>,
}

#[derive(Debug)]
pub struct Document {
    pub norm: NormText,
    pub lines: Vec<Line>,
    pub meta: PageMetadata,
}

impl Document {
    pub fn parse(norm: NormText) -> Document {
        let mut lines = Vec::new();
        let mut meta = PageMetadata::default();
        let text = norm.text.as_str();
        let mut pos = 0;
        for raw in text.split('\n') {
            let start = pos + (raw.len() - raw.trim_start().len());
            let end = pos + raw.trim_end().len();
            pos += raw.len() + 1;
            let range = start..end.max(start);
            let t = &text[range.clone()];
            let kind = classify(t, range.start, &mut meta);
            lines.push(Line { range, kind });
        }
        Document { norm, lines, meta }
    }

    pub fn text(&self, r: &Range<usize>) -> &str {
        &self.norm.text[r.clone()]
    }

    pub fn line_text(&self, line: &Line) -> &str {
        &self.norm.text[line.range.clone()]
    }
}

fn classify(t: &str, offset: usize, meta: &mut PageMetadata) -> LineKind {
    // Lines are trimmed, so an empty one is blank.
    if t.is_empty() {
        return LineKind::Blank;
    }
    if is_page_footer(t) {
        return LineKind::PageFooter;
    }
    if t.len() <= 480 && is_chrome(t, offset, meta) {
        return LineKind::Chrome;
    }
    if let Some(h) = heading(t, offset) {
        return LineKind::Heading(h);
    }
    LineKind::Text
}

/// "-4-", "— 4 —", "第 4 页", "第4页 共6页", "4/12".
pub fn is_page_footer(t: &str) -> bool {
    if t.len() > 40 || !t.starts_with(['-', '—', '–', '第']) && !t.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.as_str();
    let digits_only = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    for dash in ["-", "—", "–"] {
        if let Some(inner) = t.strip_prefix(dash).and_then(|s| s.strip_suffix(dash)) {
            return digits_only(inner);
        }
    }
    if let Some(rest) = t.strip_prefix('第') {
        if let Some(i) = rest.find('页') {
            let (n, tail) = (&rest[..i], &rest[i + '页'.len_utf8()..]);
            let tail_ok =
                tail.is_empty() || tail.strip_prefix('共').and_then(|s| s.strip_suffix('页')).is_some_and(digits_only);
            return digits_only(n) && tail_ok;
        }
    }
    if let Some((a, b)) = t.split_once('/') {
        return digits_only(a) && digits_only(b) && a.len() <= 3;
    }
    false
}

const CHROME_PREFIXES: &[&str] = &[
    "当前位置",
    "你的位置",
    "您的位置",
    "您现在的位置",
    "您当前的位置",
    "首页>",
    "首页 >",
    "登录",
    "文件下载",
    "附件下载",
    "政策咨询",
    "扫码",
    "扫一扫",
    "打印本页",
    "关闭窗口",
    "【打印】",
    "分享到",
    "如果您对该政策文件有疑问",
    "信息来源:",
    "来源:",
];

const CHROME_WORDS: &[&str] =
    &["点击数", "点击:", "点击率", "浏览量", "浏览次数", "阅读次数", "访问量", "字体:", "字号:", "我要纠错"];

/// Metadata keys of government pages, with where their value goes.
const META_KEYS: &[(&str, MetaField)] = &[
    ("标题", MetaField::Title),
    ("名称", MetaField::Title),
    ("索引号", MetaField::Index),
    ("发布机构", MetaField::Agency),
    ("发文机关", MetaField::Agency),
    ("发文单位", MetaField::Agency),
    ("发布日期", MetaField::Published),
    ("发布时间", MetaField::Published),
    ("公开日期", MetaField::Published),
    ("公开时间", MetaField::Published),
    ("时间", MetaField::Published),
    ("日期", MetaField::Published),
    ("发文日期", MetaField::Issued),
    ("印发日期", MetaField::Issued),
    ("成文日期", MetaField::Issued),
    ("文号", MetaField::Ignore),
    ("主题分类", MetaField::Ignore),
    ("主题词", MetaField::Ignore),
    ("公开方式", MetaField::Ignore),
];

#[derive(Clone, Copy, PartialEq)]
enum MetaField {
    Title,
    Index,
    Agency,
    Published,
    Issued,
    Ignore,
}

fn is_chrome(t: &str, offset: usize, meta: &mut PageMetadata) -> bool {
    let bare = t.trim_start_matches(['|', ' ', '\t', '•', '·', '*', '-']);
    let mut found_meta = false;
    // Every metadata key is followed by a colon; most lines have none.
    let keys = if bare.contains(':') { META_KEYS } else { &[] };
    // A line that opens with a key is a metadata line; its later keys may follow the value before
    // them with one space, which normalisation drops between Chinese characters ("索引号:430S00/
    // 2009-69063 公开方式:政府网站 发文日期:2009-03-31", 衡阳 2008). There a key counts wherever it
    // stands before its colon, unless it ends a longer key ("日期" of "发文日期").
    let meta_line = keys.iter().any(|(k, _)| bare.starts_with(k) && bare[k.len()..].trim_start().starts_with(':'));
    for &(key, field) in keys {
        let mut from = 0;
        while let Some(i) = text::find(&bare[from..], key) {
            let at = from + i;
            from = at + key.len();
            // Keys count only at the start of a cell: line start, after "|", tab or spaces.
            let before = bare[..at].trim_end_matches([' ']);
            if !(before.is_empty()
                || before.ends_with('|')
                || before.ends_with('\t')
                || bare[..at].ends_with("  ")
                || meta_line && !META_KEYS.iter().any(|(k, _)| k.len() > key.len() && bare[..from].ends_with(k)))
            {
                continue;
            }
            let rest = &bare[from..];
            let Some(rest) = rest.trim_start().strip_prefix(':') else { continue };
            found_meta = true;
            let value_start = rest.len() - rest.trim_start_matches([' ', '|', '\t']).len();
            let value = &rest[value_start..];
            let mut end = value.find(['|', '\t']).or_else(|| value.find("  ")).unwrap_or(value.len());
            // In a metadata line the value ends where the next key begins.
            if meta_line {
                let next_key = META_KEYS
                    .iter()
                    .filter_map(|(k, _)| value.match_indices(k).find(|(i, _)| value[i + k.len()..].starts_with(':')))
                    .map(|(i, _)| i)
                    .min();
                end = end.min(next_key.unwrap_or(end));
            }
            let value = value[..end].trim();
            let abs = offset + (t.len() - bare.len()) + (bare.len() - rest.len()) + value_start;
            let vrange = abs..abs + value.len();
            match field {
                MetaField::Title if !value.is_empty() && meta.title.is_none() => {
                    meta.title = Some((value.to_string(), vrange))
                }
                MetaField::Index if !value.is_empty() => meta.index_number = Some(value.to_string()),
                MetaField::Agency if !value.is_empty() && meta.agency.is_none() => {
                    meta.agency = Some(value.to_string())
                }
                MetaField::Published if meta.published.is_none() => {
                    meta.published = find_date(value).map(|(d, r)| (d, r.start + abs..r.end + abs))
                }
                MetaField::Issued if meta.issued.is_none() => {
                    meta.issued = find_date(value).map(|(d, r)| (d, r.start + abs..r.end + abs))
                }
                _ => {}
            }
        }
    }
    if found_meta {
        return true;
    }
    // The date on a line of page furniture, located in the document.
    let at = offset + (t.len() - bare.len());
    let date = || find_date(bare).map(|(d, r)| (d, r.start + at..r.end + at));
    // A page's source line carries its date: "来源：某某县人民政府 时间：2023-02-20 15:07",
    // "中央政府门户网站 www.gov.cn 2014-03-25 10:21 来源：外交部网站".
    if bare.len() <= 200 && bare.contains("来源:") && meta.published.is_none() {
        if let Some(d) = date() {
            meta.published = Some(d);
            return true;
        }
    }
    if CHROME_PREFIXES.iter().any(|p| bare.starts_with(p)) {
        return true;
    }
    // The first characters of CHROME_WORDS; a line without any cannot hold one.
    let may_hold_word = bare.chars().any(|c| matches!(c, '点' | '浏' | '阅' | '访' | '字' | '我'));
    if may_hold_word && CHROME_WORDS.iter().any(|w| text::contains(bare, w)) {
        if meta.published.is_none() {
            meta.published = date();
        }
        return true;
    }
    false
}

/// The first date in `s` ("2020-01-14", "2013年3月29日", "2017/1/10"), as YYYY-MM-DD.
pub fn find_date(s: &str) -> Option<(String, Range<usize>)> {
    let b = s.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i..i + 4].iter().all(u8::is_ascii_digit) && (i == 0 || !b[i - 1].is_ascii_digit()) {
            let year = &s[i..i + 4];
            let mut j = i + 4;
            let mut parts = Vec::new();
            for _ in 0..2 {
                let sep_len = match s[j..].chars().next() {
                    Some(c @ ('-' | '/' | '.' | '年' | '月')) => c.len_utf8(),
                    _ => 0,
                };
                if sep_len == 0 {
                    break;
                }
                j += sep_len;
                let n = s[j..].bytes().take_while(u8::is_ascii_digit).count();
                if n == 0 || n > 2 {
                    break;
                }
                parts.push(s[j..j + n].parse::<u32>().ok()?);
                j += n;
            }
            if parts.len() == 2 && (1..=12).contains(&parts[0]) && (1..=31).contains(&parts[1]) {
                if s[j..].starts_with('日') {
                    j += '日'.len_utf8();
                }
                let y: u32 = year.parse().ok()?;
                if (1990..=2100).contains(&y) {
                    return Some((format!("{y:04}-{:02}-{:02}", parts[0], parts[1]), i..j));
                }
            }
        }
        i += 1;
    }
    None
}

fn chinese_ordinal(s: &str) -> Option<(u32, usize)> {
    let mut value = 0u32;
    let mut len = 0;
    let mut seen_ten = false;
    for c in s.chars() {
        let Some(d) = super::normalize::chinese_numeral(c).filter(|&d| d > 0) else { break };
        if d == 10 {
            if seen_ten {
                break;
            }
            seen_ten = true;
            value = if value == 0 { 10 } else { value * 10 };
        } else {
            value += d;
        }
        len += c.len_utf8();
        if len >= 9 {
            break;
        }
    }
    (len > 0).then_some((value, len))
}

fn arabic_ordinal(s: &str) -> Option<(u32, usize)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > 2 {
        return None;
    }
    Some((s[..n].parse().ok()?, n))
}

/// The numbering at the start of `t`: style, ordinal and the byte length of the marker.
pub fn numbering(t: &str) -> Option<(NumberStyle, u32, usize)> {
    if let Some(rest) = t.strip_prefix('第') {
        let (n, len) = chinese_ordinal(rest)?;
        let after = &rest[len..];
        for unit in ["部分", "章", "节"] {
            if after.starts_with(unit) {
                let mut marker = '第'.len_utf8() + len + unit.len();
                let tail = &t[marker..];
                let skip = tail.len() - tail.trim_start_matches([' ', '、', ':', '.']).len();
                marker += skip;
                return Some((NumberStyle::Part, n, marker));
            }
        }
        return None;
    }
    if let Some(rest) = t.strip_prefix('(') {
        let close = |len: usize| rest[len..].starts_with(')').then_some(1 + len + 1);
        if let Some((n, len)) = chinese_ordinal(rest) {
            return close(len).map(|m| (NumberStyle::ParenChinese, n, m));
        }
        if let Some((n, len)) = arabic_ordinal(rest) {
            return close(len).map(|m| (NumberStyle::ParenArabic, n, m));
        }
        return None;
    }
    if let Some((n, len)) = chinese_ordinal(t) {
        let rest = &t[len..];
        let sep = if rest.starts_with('、') {
            '、'.len_utf8()
        } else if rest.starts_with('.') {
            1
        } else {
            0
        };
        return (sep > 0).then_some((NumberStyle::Chinese, n, len + sep));
    }
    if let Some((n, len)) = arabic_ordinal(t) {
        let rest = &t[len..];
        if rest.starts_with('、') {
            return Some((NumberStyle::Arabic, n, len + '、'.len_utf8()));
        }
        if rest.starts_with('.') && !rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
            return Some((NumberStyle::Arabic, n, len + 1));
        }
    }
    None
}

fn heading(t: &str, offset: usize) -> Option<Heading> {
    // Markdown from PDF converters marks headings: "## 二、主动公开政府信息情况", "**一、总体情况**".
    let marks = t.len() - t.trim_start_matches(['#', '*']).trim_start().len();
    let (t, offset) = (t[marks..].trim_end_matches(['*', ' ']), offset + marks);
    let (style, ordinal, marker) = numbering(t)?;
    let rest = &t[marker..];
    let rest_trim = rest.trim_start();
    let title_start = marker + (rest.len() - rest_trim.len());
    let stop = rest_trim.find(['。', ';', '；', ':']).unwrap_or(rest_trim.len());
    let title = &rest_trim[..stop];
    if title.is_empty() || title.chars().count() > 45 {
        return None;
    }
    let inline_body = rest_trim[stop..].trim_start_matches(['。', ';', '；', ':']).chars().count() > 0;
    Some(Heading { style, ordinal, title: offset + title_start..offset + title_start + title.len(), inline_body })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_styles() {
        assert_eq!(numbering("一、总体情况"), Some((NumberStyle::Chinese, 1, 6)));
        assert_eq!(numbering("十二、其他"), Some((NumberStyle::Chinese, 12, 9)));
        assert_eq!(numbering("(三)不予公开").map(|x| (x.0, x.1)), Some((NumberStyle::ParenChinese, 3)));
        assert_eq!(numbering("1.属于国家秘密").map(|x| x.0), Some(NumberStyle::Arabic));
        assert_eq!(numbering("1.5万元"), None);
        assert_eq!(numbering("第一部分 总体情况").map(|x| (x.0, x.1)), Some((NumberStyle::Part, 1)));
        assert_eq!(numbering("第二十条第(一)项"), None);
        assert_eq!(numbering("2019年"), None);
    }

    #[test]
    fn chrome_words_start_with_the_prefiltered_characters() {
        for w in CHROME_WORDS {
            assert!(matches!(w.chars().next(), Some('点' | '浏' | '阅' | '访' | '字' | '我')), "{w}");
        }
    }

    #[test]
    fn dates_and_footers() {
        assert_eq!(find_date("发布日期:2020-01-14 点击数").unwrap().0, "2020-01-14");
        assert_eq!(find_date("2013年3月29日").unwrap().0, "2013-03-29");
        assert!(find_date("2017627").is_none());
        assert!(is_page_footer("-4-"));
        assert!(is_page_footer("— 12 —"));
        assert!(is_page_footer("第 3 页 共 6 页"));
        assert!(!is_page_footer("-4"));
        assert!(!is_page_footer("4"));
    }
}
