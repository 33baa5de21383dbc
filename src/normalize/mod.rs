//! Normalisation for matching, with a map back to the user's own characters.
//!
//! Reports arrive in every written variant of the same words: traditional characters from
//! 繁體 mirrors, full-width digits and brackets, years in Chinese numerals (二〇一六年), labels
//! broken by a space ("商业 企业"), and mirrors that annotate characters with pinyin
//! ("區(qū)"). Every later stage matches against one canonical form, so this stage produces it
//! once. It never decides anything about the report; it only rewrites characters.
//!
//! Each normalised byte remembers the original byte range of the character it came from, so a
//! finding located in the normalised text can underline (or select, in the page) exactly what the
//! user wrote.

mod t2s_table;

use std::ops::Range;

/// Text rewritten for matching, plus the way back to the original.
#[derive(Debug, Clone)]
pub struct NormText {
    pub text: String,
    /// Original byte range of the character each normalised byte came from.
    origin: Vec<(u32, u32)>,
    /// How many characters were rewritten from traditional to simplified.
    pub traditional_chars: usize,
    pub cjk_chars: usize,
}

impl NormText {
    /// The original byte range covered by a normalised byte range.
    pub fn original_range(&self, r: Range<usize>) -> Range<usize> {
        if self.origin.is_empty() {
            return 0..0;
        }
        let last = self.origin.len() - 1;
        let s = r.start.min(last);
        let e = r.end.saturating_sub(1).clamp(s, last);
        let start = self.origin[s].0 as usize;
        let end = (self.origin[e].1 as usize).max(start);
        start..end
    }

    /// A new text made of the characters of `self` in each range, in order, each range followed
    /// by its separator (mapped to the range's last character). Used to build views such as the
    /// prose of a report with its wrapped lines joined.
    pub fn view(&self, parts: impl Iterator<Item = (Range<usize>, Option<char>)>) -> NormText {
        let mut b = Builder::with_capacity(self.text.len());
        for (r, sep) in parts {
            if r.is_empty() {
                continue;
            }
            b.text.push_str(&self.text[r.clone()]);
            b.origin.extend_from_slice(&self.origin[r.clone()]);
            if let Some(sep) = sep {
                let (s, e) = self.origin[r.end - 1];
                b.push(sep, s, e);
            }
        }
        b.finish(0, 0)
    }
}

struct Builder {
    text: String,
    origin: Vec<(u32, u32)>,
}

impl Builder {
    fn with_capacity(n: usize) -> Builder {
        Builder { text: String::with_capacity(n), origin: Vec::with_capacity(n) }
    }

    fn push(&mut self, ch: char, start: u32, end: u32) {
        self.text.push(ch);
        for _ in 0..ch.len_utf8() {
            self.origin.push((start, end));
        }
    }

    fn finish(self, traditional_chars: usize, cjk_chars: usize) -> NormText {
        NormText { text: self.text, origin: self.origin, traditional_chars, cjk_chars }
    }
}

/// One character of the first pass, with where it came from.
#[derive(Clone, Copy)]
struct Ch {
    c: char,
    start: u32,
    end: u32,
    /// Rewritten from a traditional character (pinyin annotations follow these).
    was_traditional: bool,
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x3007)
}

fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3001..=0x3003 | 0x3008..=0x301F | 0x2014 | 0x201C | 0x201D | 0xFF01..=0xFF65)
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{00A0}' | '\u{3000}' | '\u{2002}' | '\u{2003}' | '\u{2009}')
}

/// Which characters of U+3400..U+9FFF the table has, one bit each: most characters of a
/// simplified report are not traditional, and a bit test settles them without a search.
static T2S_PRESENT: std::sync::LazyLock<Vec<u64>> = std::sync::LazyLock::new(|| {
    let mut bits = vec![0u64; (0xA000 - 0x3400) / 64 + 1];
    for &(t, _) in t2s_table::T2S {
        let c = t as usize;
        if (0x3400..0xA000).contains(&c) {
            bits[(c - 0x3400) / 64] |= 1 << ((c - 0x3400) % 64);
        }
    }
    bits
});

/// Simplified form of a traditional character, if the table has one.
pub fn to_simplified(c: char) -> Option<char> {
    if !is_cjk(c) {
        return None;
    }
    let u = c as usize;
    if (0x3400..0xA000).contains(&u) && T2S_PRESENT[(u - 0x3400) / 64] & (1 << ((u - 0x3400) % 64)) == 0 {
        return None;
    }
    t2s_table::T2S.binary_search_by_key(&c, |&(t, _)| t).ok().map(|i| t2s_table::T2S[i].1)
}

/// Full-width ASCII and odd dashes/spaces to their plain forms.
fn fold_width(c: char) -> char {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 | 0x00A0 | 0x2002 | 0x2003 | 0x2009 => ' ',
        0x2212 | 0x2010 | 0x2011 => '-',
        0x00B7 | 0x30FB => '·',
        _ => c,
    }
}

fn is_tone_vowel(c: char) -> bool {
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿü".contains(c)
}

/// Length in chars of a pinyin annotation "(qū)" starting at `i` (which holds '('), if it is one.
fn pinyin_annotation_len(chars: &[Ch], i: usize) -> Option<usize> {
    let mut toned = false;
    let mut j = i + 1;
    while j < chars.len() && j - i <= 8 {
        let c = chars[j].c;
        if c == ')' {
            let letters = j - i - 1;
            let after_traditional = i > 0 && chars[i - 1].was_traditional;
            return (letters >= 1 && (toned || (after_traditional && letters <= 6))).then_some(j - i + 1);
        }
        if is_tone_vowel(c) {
            toned = true;
        } else if !c.is_ascii_lowercase() {
            return None;
        }
        j += 1;
    }
    None
}

fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | '○' | 'O' | 'o' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Value of a small Chinese number (一 … 三十一) written with 十.
fn small_chinese_number(cs: &[char]) -> Option<u32> {
    match cs {
        [a] => chinese_digit(*a).filter(|&d| d > 0).or((*a == '十').then_some(10)),
        ['十', b] => chinese_digit(*b).map(|d| 10 + d),
        [a, '十'] => chinese_digit(*a).map(|d| d * 10),
        [a, '十', b] => Some(chinese_digit(*a)? * 10 + chinese_digit(*b)?),
        _ => None,
    }
}

/// Normalise `input` for matching. Never fails; unknown characters pass through unchanged.
pub fn normalize(input: &str) -> NormText {
    // Pass 1: width folding, line endings, traditional → simplified.
    let mut chars: Vec<Ch> = Vec::with_capacity(input.len() / 2);
    let mut traditional_chars = 0;
    let mut cjk_chars = 0;
    let mut iter = input.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let start = i as u32;
        let end = (i + c.len_utf8()) as u32;
        match c {
            '\r' => {
                if matches!(iter.peek(), Some((_, '\n'))) {
                    continue;
                }
                chars.push(Ch { c: '\n', start, end, was_traditional: false });
            }
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{00AD}' => {}
            _ => {
                let f = fold_width(c);
                if is_cjk(f) {
                    cjk_chars += 1;
                    if let Some(s) = to_simplified(f) {
                        traditional_chars += 1;
                        chars.push(Ch { c: s, start, end, was_traditional: true });
                        continue;
                    }
                }
                chars.push(Ch { c: f, start, end, was_traditional: false });
            }
        }
    }

    // Pass 2: drop pinyin annotations and spaces inside words, spell out Chinese-numeral dates.
    let mut b = Builder::with_capacity(input.len());
    let mut i = 0;
    while i < chars.len() {
        let ch = chars[i];
        if ch.c == '(' && i > 0 && is_cjk(chars[i - 1].c) {
            if let Some(n) = pinyin_annotation_len(&chars, i) {
                i += n;
                continue;
            }
        }
        if is_space(ch.c) && i > 0 && i + 1 < chars.len() {
            let (p, n) = (chars[i - 1].c, chars[i + 1].c);
            let joins = |a: char, b: char| (is_cjk(a) || is_cjk_punct(a)) && (is_cjk(b) || is_cjk_punct(b) || b.is_ascii_digit());
            if joins(p, n) || joins(n, p) {
                i += 1;
                continue;
            }
        }
        if let Some(n) = chinese_date_at(&chars, i, &mut b) {
            i += n;
            continue;
        }
        b.push(ch.c, ch.start, ch.end);
        i += 1;
    }
    b.finish(traditional_chars, cjk_chars)
}

/// Rewrites "二〇一六年十二月三十一日" as "2016年12月31日" into `b`; returns chars consumed.
fn chinese_date_at(chars: &[Ch], i: usize, b: &mut Builder) -> Option<usize> {
    if i + 4 >= chars.len() || chars[i + 4].c != '年' {
        return None;
    }
    if i > 0 && chinese_digit(chars[i - 1].c).is_some() {
        return None;
    }
    let digits: Option<Vec<u32>> = chars[i..i + 4].iter().map(|c| chinese_digit(c.c)).collect();
    let digits = digits?;
    let year = digits.iter().fold(0, |acc, d| acc * 10 + d);
    if !(1990..=2099).contains(&year) {
        return None;
    }
    for (k, d) in digits.iter().enumerate() {
        let src = chars[i + k];
        b.push(char::from_digit(*d, 10).unwrap_or('0'), src.start, src.end);
    }
    let nian = chars[i + 4];
    b.push('年', nian.start, nian.end);
    let mut used = 5;
    for unit in ['月', '日'] {
        let rest = &chars[i + used..];
        let len = rest.iter().take(4).position(|c| c.c == unit);
        let Some(len) = len.filter(|&l| l > 0) else { break };
        let cs: Vec<char> = rest[..len].iter().map(|c| c.c).collect();
        let Some(v) = small_chinese_number(&cs) else { break };
        let text = v.to_string();
        for (k, d) in text.chars().enumerate() {
            let src = rest[k.min(len - 1)];
            b.push(d, src.start, rest[len - 1].end.min(src.end.max(src.start)));
        }
        b.push(unit, rest[len].start, rest[len].end);
        used += len + 1;
    }
    Some(used)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        normalize(s).text
    }

    #[test]
    fn folds_width_and_spaces_inside_labels() {
        assert_eq!(n("（一）２０１９年"), "(一)2019年");
        assert_eq!(n("商业 企业"), "商业企业");
        assert_eq!(n("2024 年 1 月"), "2024年1月");
        assert_eq!(n("0 0 0"), "0 0 0");
        assert_eq!(n("a\r\nb\rc"), "a\nb\nc");
    }

    #[test]
    fn traditional_and_pinyin_noise() {
        assert_eq!(n("張店區(qū)科學(xué)技術(shù)局"), "张店区科学技术局");
        assert_eq!(n("報(bào)告(以下簡稱《條例》)"), "报告(以下简称《条例》)");
        assert_eq!(n("网站(http://x.cn)"), "网站(http://x.cn)");
    }

    #[test]
    fn chinese_numeral_dates() {
        assert_eq!(n("二〇一六年十二月三十一日"), "2016年12月31日");
        assert_eq!(n("二〇二〇年一月十日"), "2020年1月10日");
        assert_eq!(n("第一二三四年"), "第一二三四年");
    }

    #[test]
    fn map_points_back_to_original() {
        let src = "張店區(qū)局";
        let t = normalize(src);
        let pos = t.text.find('局').unwrap();
        let r = t.original_range(pos..pos + '局'.len_utf8());
        assert_eq!(&src[r], "局");
        let r = t.original_range(0..t.text.len());
        assert_eq!(&src[r], src);
    }
}
