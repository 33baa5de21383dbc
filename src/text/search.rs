//! Substring search for the short strings this checker matches all the time: words in a line,
//! keys in a table label, figure words in a clause, doubled words in the whole prose.
//!
//! `str::find(&str)` builds a two-way searcher on every call, which costs more than the search
//! itself when the haystack is a 20-character label; profiling showed it as the largest single
//! cost of a check. Here the needle's first character is found by `str::find(char)`, which looks
//! for its last UTF-8 byte with the library's word-at-a-time `memchr` (for CJK text a continuation
//! byte, one of 64 values, so few false starts), and each place found is compared whole. No set-up,
//! and long haystacks (a sentence, the whole prose) are skipped through several bytes a step.

/// Byte offset of the first occurrence of `needle` in `hay`.
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    let Some(first) = needle.chars().next() else { return Some(0) };
    if needle.len() > hay.len() {
        return None;
    }
    let mut from = 0;
    while let Some(p) = hay[from..].find(first) {
        let at = from + p;
        if hay.as_bytes()[at..].starts_with(needle.as_bytes()) {
            return Some(at);
        }
        from = at + first.len_utf8();
    }
    None
}

/// Byte offset of the last occurrence of `needle` in `hay`.
pub fn rfind(hay: &str, needle: &str) -> Option<usize> {
    let Some(first) = needle.chars().next() else { return Some(hay.len()) };
    if needle.len() > hay.len() {
        return None;
    }
    // The last place the needle can start; the first character is looked for up to there.
    let mut to = hay.len() - needle.len() + first.len_utf8();
    while !hay.is_char_boundary(to) {
        to -= 1;
    }
    while let Some(at) = hay[..to].rfind(first) {
        if hay.as_bytes()[at..].starts_with(needle.as_bytes()) {
            return Some(at);
        }
        to = at;
    }
    None
}

/// The first `n` characters of `s` (all of it when shorter).
pub fn head(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

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
        fn agrees_with_std_everywhere(hay in "[申请情况,，a三]{0,40}", needle in "[申请情况,，a三]{0,4}") {
            proptest::prop_assert_eq!(find(&hay, &needle), hay.find(&*needle));
            proptest::prop_assert_eq!(rfind(&hay, &needle), hay.rfind(&*needle));
        }
    }
}
