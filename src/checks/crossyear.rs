//! Two reports of one agency, years Y-1 and Y (rules.md §4, cross-year).
//!
//! Last year's 结转下年度 is this year's 上年结转, column by column; 现行有效件数 follows from last
//! year's plus this year's changes; and a report that repeats last year's text is penalised by
//! evaluators when more than half of it is repeated. The findings are about the current report
//! and point into its text.

use std::collections::HashSet;
use std::ops::Range;

use super::{At, Findings};
use crate::format::{ACTIVE, APPLICANT_COLUMNS, APPLICATIONS, REVIEW_LITIGATION};
use crate::report::Report;
use crate::result::{CellRef, CheckResult};
use crate::text::document::{Document, LineKind};
use crate::text::value::Number;

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

/// A whole-number cell of a report's table, and where it is.
fn value(r: &Report, table: &str, row: &str, column: &str) -> Option<(i64, Range<usize>)> {
    let c = r.table(table)?.cell(row, column)?;
    match c.value.number()? {
        Number::Int(v) => Some((v, c.range.clone())),
        Number::Dec(_) => None,
    }
}

/// Row 四 (结转下年度) of Y-1 against row 二 (上年结转) of Y, per column.
pub fn carry_over(previous: &Report, current: &Report, out: &mut Findings) {
    for col in APPLICANT_COLUMNS {
        let (column, label) = (col.id, col.label);
        let (Some((carried, _)), Some((received, at))) =
            (value(previous, "applications", "4", column), value(current, "applications", "2", column))
        else {
            continue;
        };
        if carried != received {
            out.add(
                "crossyear.carry_over",
                format!("上年报告“结转下年度继续办理·{label}”为 {carried}，本年报告“上年结转·{label}”为 {received}，两者应相等"),
            )
            .table("applications")
            .at(At::Norm(at))
            .cells([CellRef { row: "2".into(), column }])
            .expected(carried)
            .actual(received);
        }
    }
}

/// 现行有效件数 (2021 format): last year's, plus this year's 制发, less this year's 废止.
pub fn in_force(previous: &Report, current: &Report, out: &mut Findings) {
    for (row, label) in [("20.1.regulations", "规章"), ("20.1.normative_documents", "行政规范性文件")] {
        let get = |r: &Report, col: &str| value(r, "active", row, col);
        let (Some((before, _)), Some((issued, _)), Some((repealed, _)), Some((now, at))) =
            (get(previous, "in_force"), get(current, "issued"), get(current, "repealed"), get(current, "in_force"))
        else {
            continue;
        };
        let expected = before + issued - repealed;
        if now != expected {
            out.add(
                "crossyear.in_force",
                format!("{label}现行有效件数为 {now}；按上年 {before} 件、本年制发 {issued} 件、废止 {repealed} 件推算应为 {expected} 件"),
            )
            .table("active")
            .at(At::Norm(at))
            .cells(["issued", "repealed", "in_force"].map(|column| CellRef { row: row.to_string(), column }))
            .expected(expected)
            .actual(now);
        }
    }
}

/// The body of a report for comparing texts: its prose lines outside its tables, with digits
/// masked so that "2023年" and "2024年" (and changed figures) read the same. Each masked
/// character comes with the normalised byte offset it came from.
pub(crate) fn body(report: &Report) -> Vec<(char, usize)> {
    let doc: &Document = &report.doc;
    // Where the tables are in the user's text: their labels and numbers are the same every year
    // and say nothing about repeated prose.
    let tables: Vec<Range<usize>> =
        report.tables.iter().filter_map(|t| t.range.clone()).map(|r| doc.norm.original_range(r)).collect();
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
    chars
}

pub(crate) fn shingles(chars: &[(char, usize)]) -> impl Iterator<Item = u64> + '_ {
    chars.windows(SHINGLE).map(|w| {
        // FNV-1a over the characters: a cheap, stable hash; collisions only merge shingles.
        w.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, (c, _)| (h ^ *c as u64).wrapping_mul(0x0100_0000_01b3))
    })
}

/// The share (0–1) of `current`'s body text that repeats `previous`'s.
pub fn repeated_share(previous: &str, current: &str) -> f64 {
    let analyse = |text: &str| Report::of_text(text);
    measure(&analyse(previous), &analyse(current)).0
}

/// The share of `current`'s body covered by shingles that also occur in `previous`, and the
/// covered passages (normalised byte ranges), longest first.
fn measure(previous: &Report, current: &Report) -> (f64, Vec<Range<usize>>) {
    let prev = body(previous);
    let cur = body(current);
    let seen: HashSet<u64> = shingles(&prev).collect();
    let mut covered = vec![false; cur.len()];
    for (i, h) in shingles(&cur).enumerate() {
        if seen.contains(&h) {
            covered[i..i + SHINGLE].iter_mut().for_each(|c| *c = true);
        }
    }
    let share = if cur.is_empty() { 0.0 } else { covered.iter().filter(|&&c| c).count() as f64 / cur.len() as f64 };
    (share, runs(current, &cur, &covered))
}

/// The runs of covered characters of a body as normalised byte ranges, longest first.
pub(crate) fn runs(current: &Report, cur: &[(char, usize)], covered: &[bool]) -> Vec<Range<usize>> {
    let text = &current.doc.norm.text;
    let mut passages = Vec::new();
    let mut i = 0;
    while i < covered.len() {
        if covered[i] {
            let start = i;
            while i < covered.len() && covered[i] {
                i += 1;
            }
            let (a, b) = (cur[start].1, cur[i - 1].1);
            let last_len = text[b..].chars().next().map_or(1, char::len_utf8);
            passages.push(a..b + last_len);
        } else {
            i += 1;
        }
    }
    passages.sort_by_key(|r| std::cmp::Reverse(r.len()));
    passages
}

/// More than half of this year's prose repeats last year's (评估扣分).
pub fn repetition(previous: &Report, current: &Report, out: &mut Findings) {
    let (share, passages) = measure(previous, current);
    if share <= REPETITION_LIMIT {
        return;
    }
    let text = &current.doc.norm.text;
    let excerpt = |r: &Range<usize>| {
        let t: String = text[r.clone()].chars().filter(|c| *c != '\n').take(40).collect();
        format!("“{t}…”")
    };
    let longest: Vec<String> = passages.iter().take(3).map(excerpt).collect();
    out.add(
        "crossyear.repetition",
        format!("本年报告正文有 {:.0}% 与上年报告相同（超过一半即被评估扣分）", share * 100.0),
    )
    .at_opt(passages.first().map(|r| At::Norm(r.clone())))
    .hint(format!("重复最长的段落：{}", longest.join("；")));
}

/// Non-zero cells of the three tables in common need at least this many for "the same figures
/// as last year" to mean something: a small agency's tables of zeros and a few ones are alike
/// every year.
pub const IDENTICAL_MIN_CELLS: usize = 8;

/// The non-zero whole-number cells of a report's tables: (table, row, column) → value.
fn nonzero_cells(r: &Report) -> std::collections::BTreeMap<(&'static str, String, &'static str), i64> {
    let mut out = std::collections::BTreeMap::new();
    for t in &r.tables {
        for c in &t.cells {
            if let Some(Number::Int(v)) = c.value.number() {
                if v != 0 {
                    out.insert((t.spec.id, c.row.clone(), c.column.id), v);
                }
            }
        }
    }
    out
}

/// Every non-zero cell of the tables equal to last year's (a 东莞 2010 report identical to 2008
/// except the year): the figures were not compiled for this year.
pub fn tables_identical(previous: &Report, current: &Report, out: &mut Findings) {
    let read = |r: &Report| {
        [ACTIVE, APPLICATIONS, REVIEW_LITIGATION].iter().all(|id| r.table(id).is_some_and(|t| t.cells.len() > 0))
    };
    if !read(previous) || !read(current) {
        return;
    }
    let (before, now) = (nonzero_cells(previous), nonzero_cells(current));
    if now.len() < IDENTICAL_MIN_CELLS || before != now {
        return;
    }
    out.add("crossyear.tables_identical", format!("本年三张统计表的 {} 个非零数字与上年报告完全相同", now.len()))
        .at_opt(current.table(APPLICATIONS).and_then(|t| t.range.clone()).map(At::Norm));
}

/// Share of this year's 五 repeated from last year's 五 above which it counts as copied.
pub const SECTION_REPEATED_LIMIT: f64 = 0.8;
/// A 五 shorter than this (in characters) is judged by `section.thin`, not by repetition.
const SECTION_REPEATED_MIN_CHARS: usize = 40;

/// The characters of a section's body lines, digits masked, with their normalised offsets.
fn section_chars(r: &Report, id: &str) -> Vec<(char, usize)> {
    let Some(s) = r.section(id).filter(|s| s.heading_line.is_some()) else { return Vec::new() };
    let doc = &r.doc;
    let mut chars = Vec::new();
    for line in &doc.lines[s.body.clone()] {
        if !matches!(line.kind, LineKind::Text | LineKind::Heading(_)) {
            continue;
        }
        for (i, c) in doc.line_text(line).char_indices() {
            if !c.is_whitespace() {
                chars.push((if c.is_ascii_digit() { '#' } else { c }, line.range.start + i));
            }
        }
    }
    chars
}

/// 五 (存在的主要问题及改进情况) repeated from last year's 五: the same problems and the same
/// measures, year after year (固镇 2024: "逐条提出改进措施").
pub fn section_repeated(previous: &Report, current: &Report, out: &mut Findings) {
    let (prev, cur) = (section_chars(previous, "problems"), section_chars(current, "problems"));
    if cur.len() < SECTION_REPEATED_MIN_CHARS || prev.len() < SHINGLE {
        return;
    }
    let seen: HashSet<u64> = shingles(&prev).collect();
    let mut covered = vec![false; cur.len()];
    for (i, h) in shingles(&cur).enumerate() {
        if seen.contains(&h) {
            covered[i..i + SHINGLE].iter_mut().for_each(|c| *c = true);
        }
    }
    let share = covered.iter().filter(|&&c| c).count() as f64 / cur.len() as f64;
    if share <= SECTION_REPEATED_LIMIT {
        return;
    }
    let s = current.section("problems").expect("has a body");
    out.add(
        "crossyear.section_repeated",
        format!("本年“{}”有 {:.0}% 与上年报告的这一部分相同", s.spec.title, share * 100.0),
    )
    .section("problems")
    .at_opt(s.evidence.clone().map(At::Text))
    .hint("结合本年度的实际情况，写明本年存在的问题和具体改进措施");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repetition_ignores_years_and_figures() {
        let last = "一、总体情况\n2023年，我局认真贯彻落实条例，全年主动公开政府信息120条，办理依申请公开3件。\n";
        let this = "一、总体情况\n2024年，我局认真贯彻落实条例，全年主动公开政府信息135条，办理依申请公开4件。\n";
        let analyse = |text: &str| Report::of_text(text);
        let (share, passages) = measure(&analyse(last), &analyse(this));
        assert!(share > 0.99, "{share}");
        assert_eq!(passages.len(), 1);
        assert_eq!(repeated_share("完全不同的另一段文字，讲的是别的事情，没有任何重复的内容。", this), 0.0);
    }
}
