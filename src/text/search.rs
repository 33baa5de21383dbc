//! Substring search for the short strings this checker matches all the time: words in a line,
//! keys in a table label, figure words in a clause, doubled words in the whole prose.
//!
//! `str::find(&str)` builds a two-way searcher on every call, which costs more than the search
//! itself when the haystack is a 20-character label; profiling showed it as the largest single
//! cost of a check. A short haystack is compared position by position, the first two bytes
//! before the rest (which rejects almost every position at once even for CJK text, whose UTF-8
//! lead bytes repeat). In a long one (a sentence, the whole prose) the needle's first character
//! is found by `str::find(char)`, which looks for its last UTF-8 byte with the library's
//! word-at-a-time `memchr` (for CJK text a continuation byte, one of 64 values, so few false
//! starts), and each place found is compared whole.

#[inline]
fn matches_at(h: &[u8], n: &[u8], i: usize) -> bool {
    h[i] == n[0] && (n.len() < 2 || h[i + 1] == n[1]) && h[i..i + n.len()] == *n
}

/// Below this length a haystack (a label, a clause) is compared position by position: cheaper
/// than setting up `memchr`, as the callgrind profile of a check showed.
const SHORT: usize = 16;

/// Byte offset of the first occurrence of `needle` in `hay`.
#[inline]
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(first) = needle.chars().next() else { return Some(0) };
    if n.len() > h.len() {
        return None;
    }
    if h.len() < SHORT {
        return (0..=h.len() - n.len()).find(|&i| matches_at(h, n, i));
    }
    let mut from = 0;
    while let Some(p) = hay[from..].find(first) {
        let at = from + p;
        if h[at..].starts_with(n) {
            return Some(at);
        }
        from = at + first.len_utf8();
    }
    None
}

/// Byte offset of the last occurrence of `needle` in `hay`.
pub fn rfind(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(first) = needle.chars().next() else { return Some(hay.len()) };
    if n.len() > h.len() {
        return None;
    }
    if h.len() < SHORT {
        return (0..=h.len() - n.len()).rev().find(|&i| matches_at(h, n, i));
    }
    // The last place the needle can start; the first character is looked for up to there.
    let mut to = h.len() - n.len() + first.len_utf8();
    while !hay.is_char_boundary(to) {
        to -= 1;
    }
    while let Some(at) = hay[..to].rfind(first) {
        if h[at..].starts_with(n) {
            return Some(at);
        }
        to = at;
    }
    None
}

/// Which characters a short text holds, as a 64-bit signature (each character sets one bit of
/// a hash): a word with a character whose bit is unset cannot be in the text. Where one title is
/// asked for many words (a heading against every section's words), the signature is computed
/// once and most words are answered by one AND instead of a search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chars(u64);

impl Chars {
    fn bit(c: char) -> u64 {
        1 << ((c as u32).wrapping_mul(0x9E37_79B1) >> 26)
    }

    pub fn of(s: &str) -> Chars {
        Chars(s.chars().fold(0, |sig, c| sig | Chars::bit(c)))
    }

    /// Whether `hay`, whose signature this is, contains `needle`.
    pub fn contains(self, hay: &str, needle: &str) -> bool {
        needle.chars().all(|c| self.0 & Chars::bit(c) != 0) && contains(hay, needle)
    }
}

/// The first `n` characters of `s` (all of it when shorter).
pub fn head(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

#[inline]
pub fn contains(hay: &str, needle: &str) -> bool {
    find(hay, needle).is_some()
}

/// Pieces of prose between marks: the ASCII bytes in `marks`, and "。". Normalised text has
/// ASCII commas, semicolons and brackets, so "。" is the only multi-byte mark.
fn split_at_marks<'t>(text: &'t str, marks: &'static [u8]) -> impl Iterator<Item = (usize, &'t str)> {
    let b = text.as_bytes();
    // Bytes that may start a mark: the ASCII marks and the lead byte of "。".
    let mut stops = [false; 256];
    for &m in marks {
        stops[m as usize] = true;
    }
    stops[0xE3] = true;
    let mut start = 0;
    let mut i = 0;
    std::iter::from_fn(move || {
        while let Some(k) = b[i..].iter().position(|&x| stops[x as usize]) {
            let at = i + k;
            let mark = if b[at] != 0xE3 {
                1
            } else if b.get(at + 1) == Some(&0x80) && b.get(at + 2) == Some(&0x82) {
                3
            } else {
                i = at + 1;
                continue;
            };
            i = at + mark;
            let s = start;
            start = i;
            if at > s {
                return Some((s, &text[s..at]));
            }
        }
        i = b.len();
        if start < text.len() {
            let s = start;
            start = text.len();
            return Some((s, &text[s..]));
        }
        None
    })
}

/// Sentences: (offset, text) between "。", ";", "!", "?" and line breaks.
pub fn sentences(text: &str) -> impl Iterator<Item = (usize, &str)> {
    split_at_marks(text, b";!?\n")
}

/// Clauses: sentences further split at commas and brackets.
pub fn clauses(text: &str) -> impl Iterator<Item = (usize, &str)> {
    split_at_marks(text, b",;!?\n()")
}

#[cfg(test)]
mod tests {
    #[test]
    fn splits_prose() {
        let t = "2024年,全市受理申请3件(含结转1件)。无;其他\n完。";
        let c: Vec<&str> = clauses(t).map(|(_, s)| s).collect();
        assert_eq!(c, ["2024年", "全市受理申请3件", "含结转1件", "无", "其他", "完"]);
        let s: Vec<(usize, &str)> = sentences(t).collect();
        assert_eq!(
            s.iter().map(|x| x.1).collect::<Vec<_>>(),
            ["2024年,全市受理申请3件(含结转1件)", "无", "其他", "完"]
        );
        assert!(s.iter().all(|(o, x)| &t[*o..*o + x.len()] == *x));
        assert_eq!(clauses("《条例》、「x」").count(), 1);
    }

    use super::*;

    #[test]
    fn agrees_with_std() {
        let hay = "三、收到和处理政府信息公开申请情况，申请";
        for needle in [
            "申请",
            "三",
            "情况，",
            "x",
            "",
            "申请情况，申请",
            "收到和处理政府信息公开申请情况，申请多",
            "，申请",
            "请",
        ] {
            assert_eq!(find(hay, needle), hay.find(needle), "{needle}");
            assert_eq!(rfind(hay, needle), hay.rfind(needle), "{needle}");
        }
    }

    proptest::proptest! {
        /// The search agrees with the library's on text made of a few characters that share
        /// UTF-8 bytes (申/请/情 share lead bytes; 请 and 况 their last), so false starts abound.
        #[test]
        fn agrees_with_std_everywhere(hay in "[申请情况,，a三]{0,200}", needle in "[申请情况,，a三]{0,4}") {
            proptest::prop_assert_eq!(find(&hay, &needle), hay.find(&*needle));
            proptest::prop_assert_eq!(rfind(&hay, &needle), hay.rfind(&*needle));
        }
    }

    #[test]
    fn signatures_answer_as_search_does() {
        let hay = "三、收到和处理政府信息公开申请情况";
        let sig = Chars::of(hay);
        for needle in ["申请", "信息公开", "申请情况", "复议", "诉讼", "", "三、", "年度报告"] {
            assert_eq!(sig.contains(hay, needle), hay.contains(needle), "{needle}");
        }
    }
}
