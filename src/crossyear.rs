//! Two reports of one agency, years Y-1 and Y (rules.md §4, cross-year).
//!
//! Last year's 结转下年度 is this year's 上年结转, column by column; 现行有效件数 follows from last
//! year's plus this year's changes; and a report that repeats last year's text is penalised by
//! evaluators when more than half of it is repeated. The findings are about the current report
//! and point into its text.

use std::collections::HashSet;

use crate::document::{Document, LineKind};
use crate::format::APPLICANT_COLUMNS;
use crate::normalize::{self, NormText};
use crate::result::{CellRef, CheckResult, Diagnostic, Number, Span};

/// A checked report: the text it was checked from (spans point into it) and its result.
pub struct Checked<'a> {
    pub text: &'a str,
    pub result: &'a CheckResult,
}

/// Share of this year's body text above which it counts as repeating last year's.
pub const REPETITION_LIMIT: f64 = 0.5;
/// Characters per shingle: long enough that stock phrases alone do not make a match.
const SHINGLE: usize = 12;

/// Whether two results are the same agency's reports for consecutive years.
pub fn consecutive(previous: &CheckResult, current: &CheckResult) -> bool {
    let (p, c) = (&previous.document, &current.document);
    p.is_annual_report
        && c.is_annual_report
        && p.agency.is_some()
        && p.agency == c.agency
        && matches!((p.year, c.year), (Some(a), Some(b)) if a + 1 == b)
}

/// Cross-year findings about `current`.
pub fn compare(previous: &Checked<'_>, current: &Checked<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    carry_over(previous.result, current.result, &mut out);
    active_continuity(previous.result, current.result, &mut out);
    repetition(previous, current, &mut out);
    out
}

/// Where a result's tables are in its text: their labels and numbers are the same every year
/// and say nothing about repeated prose.
fn table_spans(r: &CheckResult) -> Vec<std::ops::Range<usize>> {
    r.tables.iter().filter_map(|t| t.span).map(|s| s.start..s.end).collect()
}

fn value(r: &CheckResult, table: &str, row: &str, column: &str) -> Option<(i64, Span)> {
    let c = r.cell(table, row, column)?;
    match c.value? {
        Number::Int(v) => Some((v, c.span)),
        Number::Dec(_) => None,
    }
}

/// Row 四 (结转下年度) of Y-1 against row 二 (上年结转) of Y, per column.
fn carry_over(previous: &CheckResult, current: &CheckResult, out: &mut Vec<Diagnostic>) {
    for col in APPLICANT_COLUMNS {
        let (column, label) = (col.id, col.label);
        let (Some((carried, _)), Some((received, span))) =
            (value(previous, "applications", "4", column), value(current, "applications", "2", column))
        else {
            continue;
        };
        if carried != received {
            let mut d = Diagnostic::warning(
                "crossyear.carry_over",
                format!("上年报告“结转下年度继续办理·{label}”为 {carried}，本年报告“上年结转·{label}”为 {received}，两者应相等"),
            )
            .with_table("applications")
            .with_span(Some(span))
            .with_hint("核对上年结转数；如上年数据有更正，请在报告中说明");
            d.cells = vec![CellRef { row: "2".into(), column }];
            d.expected = Some(Number::Int(carried));
            d.actual = Some(Number::Int(received));
            out.push(d);
        }
    }
}

/// 现行有效件数 (2021 format): last year's, plus this year's 制发, less this year's 废止.
fn active_continuity(previous: &CheckResult, current: &CheckResult, out: &mut Vec<Diagnostic>) {
    for (row, label) in [("20.1.regulations", "规章"), ("20.1.normative_documents", "行政规范性文件")] {
        let get = |r: &CheckResult, col: &str| value(r, "active", row, col);
        let (Some((before, _)), Some((issued, _)), Some((repealed, _)), Some((now, span))) =
            (get(previous, "in_force"), get(current, "issued"), get(current, "repealed"), get(current, "in_force"))
        else {
            continue;
        };
        let expected = before + issued - repealed;
        if now != expected {
            let mut d = Diagnostic::info(
                "crossyear.in_force",
                format!("{label}现行有效件数为 {now}；按上年 {before} 件、本年制发 {issued} 件、废止 {repealed} 件推算应为 {expected} 件"),
            )
            .with_table("active")
            .with_span(Some(span))
            .with_hint("现行有效件数的变化通常来自本年制发与废止；如有清理、失效，可在报告中说明");
            d.cells =
                ["issued", "repealed", "in_force"].map(|column| CellRef { row: row.to_string(), column }).to_vec();
            d.expected = Some(Number::Int(expected));
            d.actual = Some(Number::Int(now));
            out.push(d);
        }
    }
}

/// The body of a report for comparing texts: its prose lines outside its tables, normalised,
/// with digits masked so that "2023年" and "2024年" (and changed figures) read the same.
struct Body {
    norm: NormText,
    /// Masked characters of the prose and the normalised byte offset each came from.
    chars: Vec<(char, usize)>,
}

fn body(text: &str, tables: &[std::ops::Range<usize>]) -> Body {
    let doc = Document::parse(normalize::normalize(text));
    let mut chars = Vec::new();
    for line in &doc.lines {
        let t = doc.line_text(line);
        let at = doc.norm.original_range(line.range.clone()).start;
        // Prose: text lines long enough not to be table cells, outside the tables.
        let prose = matches!(line.kind, LineKind::Text | LineKind::Heading(_))
            && t.chars().count() >= 8
            && !t.contains(['|', '\t'])
            && !tables.iter().any(|r| r.contains(&at));
        if !prose {
            continue;
        }
        for (i, c) in t.char_indices() {
            if c.is_whitespace() {
                continue;
            }
            chars.push((if c.is_ascii_digit() { '#' } else { c }, line.range.start + i));
        }
    }
    Body { norm: doc.norm, chars }
}

fn shingles(chars: &[(char, usize)]) -> impl Iterator<Item = u64> + '_ {
    chars.windows(SHINGLE).map(|w| {
        // FNV-1a over the characters: a cheap, stable hash; collisions only merge shingles.
        w.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, (c, _)| (h ^ *c as u64).wrapping_mul(0x0100_0000_01b3))
    })
}

/// The share (0–1) of `current`'s body text that repeats `previous`'s.
pub fn repeated_share(previous: &str, current: &str) -> f64 {
    let spans = |text: &str| table_spans(&crate::check_text(text, &crate::Options::default()));
    measure(previous, &spans(previous), current, &spans(current)).0
}

/// The share of `current`'s body covered by shingles that also occur in `previous`, and the
/// covered passages (normalised byte ranges), longest first.
fn measure(
    previous: &str,
    previous_tables: &[std::ops::Range<usize>],
    current: &str,
    current_tables: &[std::ops::Range<usize>],
) -> (f64, Vec<std::ops::Range<usize>>, Body) {
    let prev = body(previous, previous_tables);
    let cur = body(current, current_tables);
    let seen: HashSet<u64> = shingles(&prev.chars).collect();
    let mut covered = vec![false; cur.chars.len()];
    for (i, h) in shingles(&cur.chars).enumerate() {
        if seen.contains(&h) {
            covered[i..i + SHINGLE].iter_mut().for_each(|c| *c = true);
        }
    }
    let share =
        if cur.chars.is_empty() { 0.0 } else { covered.iter().filter(|&&c| c).count() as f64 / cur.chars.len() as f64 };
    let mut passages = Vec::new();
    let mut i = 0;
    while i < covered.len() {
        if covered[i] {
            let start = i;
            while i < covered.len() && covered[i] {
                i += 1;
            }
            let (a, b) = (cur.chars[start].1, cur.chars[i - 1].1);
            let last_len = cur.norm.text[b..].chars().next().map_or(1, char::len_utf8);
            passages.push(a..b + last_len);
        } else {
            i += 1;
        }
    }
    passages.sort_by_key(|r| std::cmp::Reverse(r.len()));
    (share, passages, cur)
}

fn repetition(previous: &Checked<'_>, current: &Checked<'_>, out: &mut Vec<Diagnostic>) {
    let (share, passages, cur) =
        measure(previous.text, &table_spans(previous.result), current.text, &table_spans(current.result));
    let current = current.text;
    if share <= REPETITION_LIMIT {
        return;
    }
    let excerpt = |r: &std::ops::Range<usize>| {
        let t: String = cur.norm.text[r.clone()].chars().filter(|c| *c != '\n').take(40).collect();
        format!("“{t}…”")
    };
    let longest: Vec<String> = passages.iter().take(3).map(excerpt).collect();
    let span = passages.first().map(|r| {
        let o = cur.norm.original_range(r.clone());
        let line = current[..o.start].matches('\n').count() + 1;
        let column = current[..o.start].rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Span { start: o.start, end: o.end, line, column }
    });
    out.push(
        Diagnostic::warning(
            "crossyear.repetition",
            format!("本年报告正文有 {:.0}% 与上年报告相同（超过一半即被评估扣分）", share * 100.0),
        )
        .with_span(span)
        .with_hint(format!("重复最长的段落：{}", longest.join("；"))),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repetition_ignores_years_and_figures() {
        let last = "一、总体情况\n2023年，我局认真贯彻落实条例，全年主动公开政府信息120条，办理依申请公开3件。\n";
        let this = "一、总体情况\n2024年，我局认真贯彻落实条例，全年主动公开政府信息135条，办理依申请公开4件。\n";
        let (share, passages, _) = measure(last, &[], this, &[]);
        assert!(share > 0.99, "{share}");
        assert_eq!(passages.len(), 1);
        assert_eq!(repeated_share("完全不同的另一段文字，讲的是别的事情，没有任何重复的内容。", this), 0.0);
    }
}
