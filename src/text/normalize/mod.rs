//! Normalisation for matching, with a map back to the user's own characters.
//!
//! Reports arrive in every written variant of the same words: traditional characters from
//! 繁體 mirrors, full-width digits and brackets, years in Chinese numerals (二〇一六年), labels
//! broken by a space ("商业 企业"), and mirrors that annotate characters with pinyin
//! ("區(qū)"). Every later stage matches against one canonical form, so this stage produces it
//! once. It never decides anything about the report; it only rewrites characters.
//!
//! Every normalised byte can be traced to the original bytes of the character it came from, so a
//! finding located in the normalised text can underline (or select, in the page) exactly what the
//! user wrote.

mod t2s_table;

use std::ops::Range;

/// Text rewritten for matching, plus the way back to the original.
#[derive(Debug, Clone, Default)]
pub struct NormText {
    pub text: String,
    /// The map back, as segments sorted by their normalised offset. Most of a report maps byte
    /// for byte (CJK stays CJK), so a segment covers a whole run of such text; a character whose
    /// length changed (full-width "，" → ","; "三十一" → "31") is a segment of its own.
    segs: Vec<Seg>,
    /// How many characters were rewritten from traditional to simplified.
    pub traditional_chars: usize,
    pub cjk_chars: usize,
}

#[derive(Debug, Clone, Copy)]
struct Seg {
    /// First normalised byte of the segment.
    norm: u32,
    /// Original bytes it covers.
    orig: u32,
    orig_end: u32,
    /// Byte for byte: normalised byte `norm + k` is original byte `orig + k`.
    same: bool,
}

impl NormText {
    fn seg_at(&self, i: usize) -> Option<&Seg> {
        let k = self.segs.partition_point(|s| s.norm as usize <= i);
        k.checked_sub(1).map(|k| &self.segs[k])
    }

    /// The original byte range covered by a normalised byte range.
    pub fn original_range(&self, r: Range<usize>) -> Range<usize> {
        let Some(first) = self.seg_at(r.start) else { return 0..0 };
        let start =
            if first.same { first.orig as usize + (r.start - first.norm as usize) } else { first.orig as usize };
        let last_byte = r.end.saturating_sub(1).max(r.start);
        let end = match self.seg_at(last_byte) {
            Some(s) if s.same => (s.orig as usize + (last_byte + 1 - s.norm as usize)).min(s.orig_end as usize),
            Some(s) => s.orig_end as usize,
            None => start,
        };
        start..end.max(start)
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
            let mut k = self.segs.partition_point(|s| s.norm as usize <= r.start).saturating_sub(1);
            while k < self.segs.len() && (self.segs[k].norm as usize) < r.end {
                let s = self.segs[k];
                let s_end = self.segs.get(k + 1).map_or(self.text.len(), |n| n.norm as usize);
                let (a, z) = ((s.norm as usize).max(r.start), s_end.min(r.end));
                if a < z {
                    let piece = &self.text[a..z];
                    if s.same {
                        let o = s.orig + (a as u32 - s.norm);
                        b.push_run(piece, o, o + piece.len() as u32);
                    } else {
                        b.push_mapped(piece, s.orig, s.orig_end);
                    }
                }
                k += 1;
            }
            if let Some(sep) = sep {
                let last = self.original_range(r.end - 1..r.end);
                b.push(sep, last.start as u32, last.end as u32);
            }
        }
        b.finish(0, 0)
    }
}

struct Builder {
    text: String,
    segs: Vec<Seg>,
}

impl Builder {
    fn with_capacity(n: usize) -> Builder {
        Builder { text: String::with_capacity(n), segs: Vec::with_capacity(n / 16 + 4) }
    }

    /// Appends `piece`, which maps byte for byte onto `orig..orig_end`.
    fn push_run(&mut self, piece: &str, orig: u32, orig_end: u32) {
        let norm = self.text.len() as u32;
        self.text.push_str(piece);
        match self.segs.last_mut() {
            Some(last) if last.same && last.orig_end == orig => last.orig_end = orig_end,
            _ => self.segs.push(Seg { norm, orig, orig_end, same: true }),
        }
    }

    /// Appends `piece`, which as a whole stands for `orig..orig_end`.
    fn push_mapped(&mut self, piece: &str, orig: u32, orig_end: u32) {
        let norm = self.text.len() as u32;
        self.text.push_str(piece);
        self.segs.push(Seg { norm, orig, orig_end, same: false });
    }

    /// Appends one character that stands for the original bytes `start..end`.
    #[inline]
    fn push(&mut self, ch: char, start: u32, end: u32) {
        let norm = self.text.len() as u32;
        self.text.push(ch);
        let same = end - start == ch.len_utf8() as u32;
        match self.segs.last_mut() {
            Some(last) if same && last.same && last.orig_end == start => last.orig_end = end,
            _ => self.segs.push(Seg { norm, orig: start, orig_end: end, same }),
        }
    }

    fn finish(self, traditional_chars: usize, cjk_chars: usize) -> NormText {
        NormText { text: self.text, segs: self.segs, traditional_chars, cjk_chars }
    }
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x3007)
}

fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3001..=0x3003 | 0x3008..=0x301F | 0x2014 | 0x201C | 0x201D | 0xFF01..=0xFF65)
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

/// Byte length of a pinyin annotation "(qū)" at the start of `rest` (which begins with a
/// folded '('), if it is one. Annotations follow traditional characters; genuine parentheses
/// ("(以下简称《条例》)", "(http://…)") hold other characters.
fn pinyin_annotation_len(rest: &str, after_traditional: bool) -> Option<usize> {
    let mut toned = false;
    for (n, (k, c)) in rest.char_indices().skip(1).enumerate() {
        if n > 7 {
            return None;
        }
        let c = fold_width(c);
        if c == ')' {
            return (n >= 1 && (toned || (after_traditional && n <= 6)))
                .then_some(k + rest[k..].chars().next().map_or(1, char::len_utf8));
        }
        if is_tone_vowel(c) {
            toned = true;
        } else if !c.is_ascii_lowercase() {
            return None;
        }
    }
    None
}

/// Value of one Chinese numeral: 〇/零 0, 一 1 … 九 9, 十 10.
pub fn chinese_numeral(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | '○' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '十' => 10,
        _ => return None,
    })
}

/// A digit of a year written in Chinese numerals; typists also use the letter O for 〇.
fn chinese_digit(c: char) -> Option<u32> {
    match c {
        'O' | 'o' => Some(0),
        _ => chinese_numeral(c).filter(|&d| d < 10),
    }
}

/// Value of a small Chinese number (一 … 三十一) written with 十.
fn small_chinese_number(cs: &[char]) -> Option<u32> {
    match cs {
        [a] => chinese_numeral(*a).filter(|&d| d > 0),
        ['十', b] => chinese_digit(*b).map(|d| 10 + d),
        [a, '十'] => chinese_digit(*a).map(|d| d * 10),
        [a, '十', b] => Some(chinese_digit(*a)? * 10 + chinese_digit(*b)?),
        _ => None,
    }
}

/// Normalise `input` for matching. Never fails; unknown characters pass through unchanged.
///
/// One pass over the input. Most characters are copied after width folding and the traditional
/// lookup; only '(' after a CJK character, a space, and a Chinese digit look ahead.
pub fn normalize(input: &str) -> NormText {
    let mut b = Builder::with_capacity(input.len());
    let bytes = input.as_bytes();
    let mut traditional_chars = 0;
    let mut cjk_chars = 0;
    // The last character written, and whether it was rewritten from a traditional one.
    let mut prev = '\n';
    let mut prev_traditional = false;
    let mut i = 0;
    while i < bytes.len() {
        // Fast path: a run of characters that normalise to themselves is copied whole.
        let (run_end, last, cjk_in_run) = plain_run(bytes, i);
        if run_end > i {
            b.push_run(&input[i..run_end], i as u32, run_end as u32);
            cjk_chars += cjk_in_run;
            prev = last;
            prev_traditional = false;
            i = run_end;
            continue;
        }
        let (c, len) = if bytes[i] < 0x80 {
            (bytes[i] as char, 1)
        } else {
            let c = input[i..].chars().next().unwrap_or('\u{FFFD}');
            (c, c.len_utf8())
        };
        let (start, end) = (i as u32, (i + len) as u32);
        let f = fold_width(c);
        match f {
            '\r' => {
                if bytes.get(i + 1) != Some(&b'\n') {
                    b.push('\n', start, end);
                    prev = '\n';
                }
                i += len;
                continue;
            }
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{00AD}' => {
                i += len;
                continue;
            }
            '(' if is_cjk(prev) => {
                if let Some(skip) = pinyin_annotation_len(&input[i..], prev_traditional) {
                    i += skip;
                    continue;
                }
            }
            ' ' => {
                let next = input[i + len..].chars().next().map(fold_width);
                // A dash standing between spaces is a cell of its own ("公开 — 1 3 — 14": blank
                // cells among values), so the spaces around it stay.
                let joins = |a: char, b: char| {
                    (is_cjk(a) || is_cjk_punct(a))
                        && (is_cjk(b) || is_cjk_punct(b) || b.is_ascii_digit())
                        && a != '—'
                        && b != '—'
                };
                if let Some(n) = next {
                    if prev != '\n' && (joins(prev, n) || joins(n, prev)) {
                        i += len;
                        continue;
                    }
                }
            }
            _ if chinese_digit(f).is_some() && f != 'O' && f != 'o' && chinese_digit(prev).is_none() => {
                if let Some(used) = chinese_date_at(input, i, &mut b) {
                    i += used;
                    prev = '日';
                    prev_traditional = false;
                    continue;
                }
            }
            _ => {}
        }
        let mut out = f;
        let mut was_traditional = false;
        if is_cjk(f) {
            cjk_chars += 1;
            if let Some(simple) = to_simplified(f) {
                traditional_chars += 1;
                out = simple;
                was_traditional = true;
            }
        }
        b.push(out, start, end);
        prev = out;
        prev_traditional = was_traditional;
        i += len;
    }
    b.finish(traditional_chars, cjk_chars)
}

/// The end of the run of characters from `i` that need no rewriting and no look-around: ASCII
/// other than '\r', '(' and ' ', and CJK ideographs that are neither traditional nor Chinese
/// digits. Returns the run's end, its last character and how many CJK characters it holds.
#[inline]
fn plain_run(bytes: &[u8], mut i: usize) -> (usize, char, usize) {
    let mut last = '\0';
    let mut cjk = 0;
    while i < bytes.len() {
        let b0 = bytes[i];
        if b0 < 0x80 {
            if matches!(b0, b'\r' | b'(' | b' ') {
                break;
            }
            last = b0 as char;
            i += 1;
        } else if (0xE3..=0xE9).contains(&b0) && i + 2 < bytes.len() {
            let cp = ((b0 as u32 & 0x0F) << 12) | ((bytes[i + 1] as u32 & 0x3F) << 6) | (bytes[i + 2] as u32 & 0x3F);
            let Some(c) = char::from_u32(cp) else { break };
            if !is_cjk(c) || chinese_digit(c).is_some() || to_simplified(c).is_some() {
                break;
            }
            cjk += 1;
            last = c;
            i += 3;
        } else {
            break;
        }
    }
    (i, last, cjk)
}

/// Rewrites "二〇一六年十二月三十一日" as "2016年12月31日" into `b`; returns bytes consumed.
fn chinese_date_at(input: &str, i: usize, b: &mut Builder) -> Option<usize> {
    let mut chars = input[i..].char_indices().map(|(k, c)| (i + k, fold_width(c)));
    let mut digits = [(0u32, 0usize, 0usize); 4];
    for d in digits.iter_mut() {
        let (at, c) = chars.next()?;
        *d = (chinese_digit(c)?, at, at + c.len_utf8());
    }
    let (nian_at, nian) = chars.next()?;
    if nian != '年' {
        return None;
    }
    let year = digits.iter().fold(0, |acc, d| acc * 10 + d.0);
    if !(1990..=2099).contains(&year) {
        return None;
    }
    for (d, s, e) in digits {
        b.push(char::from_digit(d, 10).unwrap_or('0'), s as u32, e as u32);
    }
    let mut end = nian_at + '年'.len_utf8();
    b.push('年', nian_at as u32, end as u32);
    for unit in ['月', '日'] {
        let rest: Vec<(usize, char)> = input[end..].char_indices().take(4).map(|(k, c)| (end + k, c)).collect();
        let Some(len) = rest.iter().position(|&(_, c)| c == unit).filter(|&l| l > 0) else { break };
        let cs: Vec<char> = rest[..len].iter().map(|&(_, c)| c).collect();
        let Some(v) = small_chinese_number(&cs) else { break };
        let (num_start, num_end) = (rest[0].0 as u32, rest[len].0 as u32);
        for d in v.to_string().chars() {
            b.push(d, num_start, num_end);
        }
        let unit_at = rest[len].0;
        b.push(unit, unit_at as u32, (unit_at + unit.len_utf8()) as u32);
        end = unit_at + unit.len_utf8();
    }
    Some(end - i)
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
