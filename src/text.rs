//! Substring search for the short strings this checker matches all the time: words in a line,
//! keys in a table label, figure words in a clause.
//!
//! `str::find` builds a two-way searcher on every call, which costs more than the search itself
//! when the haystack is a 20-character label; profiling showed it as the largest single cost of a
//! check. These byte-wise loops compare the first two bytes before the rest, which rejects almost
//! every position at once even for CJK text, whose UTF-8 lead bytes repeat.

#[inline]
fn matches_at(h: &[u8], n: &[u8], i: usize) -> bool {
    h[i] == n[0] && (n.len() < 2 || h[i + 1] == n[1]) && h[i..i + n.len()] == *n
}

/// Byte offset of the first occurrence of `needle` in `hay`.
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return Some(0);
    }
    if n.len() > h.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| matches_at(h, n, i))
}

/// Byte offset of the last occurrence of `needle` in `hay`.
pub fn rfind(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return Some(h.len());
    }
    if n.len() > h.len() {
        return None;
    }
    (0..=h.len() - n.len()).rev().find(|&i| matches_at(h, n, i))
}

pub fn contains(hay: &str, needle: &str) -> bool {
    find(hay, needle).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_std() {
        let hay = "三、收到和处理政府信息公开申请情况，申请";
        for needle in ["申请", "三", "情况，", "x", "", "申请情况，申请", "收到和处理政府信息公开申请情况，申请多"] {
            assert_eq!(find(hay, needle), hay.find(needle), "{needle}");
            assert_eq!(rfind(hay, needle), hay.rfind(needle), "{needle}");
        }
    }
}
