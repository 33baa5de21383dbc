//! Figures stated in prose against the tables (rules.md §4, `text.table_mismatch`).
//!
//! Reports restate their table figures in the 总体情况 prose ("共受理申请3119件，答复3050件"),
//! and when one of the two is edited the other is often forgotten. Each clause is read for a
//! count ("N件") and for the words that say which figure it is; the subject (申请, 行政复议,
//! 行政诉讼) carries over from earlier clauses of the same sentence, as "其中结果维持72件" relies
//! on it. The figure words and the cells they name are declared in `format::figures`.

use super::{At, Findings};
use crate::format::figures::{Figure, Subject, FIGURES, LITIGATION_GROUPS, QUALIFIERS, SUBJECTS};
use crate::format::{APPLICATIONS, REVIEW_LITIGATION};
use crate::report::{MappedTable, Report};
use crate::result::CellRef;
use crate::text::search as text;

/// Counts in a clause: (start, end, value) of "3119件", "1,234件"; not "5500余件", not "1.5件".
fn counts(clause: &str) -> Vec<(usize, usize, i64)> {
    let b = clause.as_bytes();
    let mut out = Vec::new();
    // Each "件" found by memchr, then the number read backwards from it.
    for (end, _) in clause.match_indices('件') {
        let mut start = end;
        while start > 0 && (b[start - 1].is_ascii_digit() || b[start - 1] == b',') {
            start -= 1;
        }
        while start < end && b[start] == b',' {
            start += 1;
        }
        if start == end || (start > 0 && b[start - 1] == b'.') {
            continue;
        }
        let digits: Vec<i64> =
            b[start..end].iter().filter(|c| c.is_ascii_digit()).map(|&c| i64::from(c - b'0')).collect();
        // As in tables: no count reaches 10^15.
        if digits.len() <= 15 {
            out.push((start, end, digits.iter().fold(0, |v, d| v * 10 + d)));
        }
    }
    out
}

/// The subject named last in `clause` (its words are declared in `format::figures::SUBJECTS`).
fn subject_of(clause: &str) -> Option<Subject> {
    SUBJECTS
        .iter()
        .filter_map(|(w, s)| text::rfind(clause, w).map(|p| (p + w.len(), *s)))
        .max_by_key(|(p, _)| *p)
        .map(|(_, s)| s)
}

fn table_sum(tables: &[MappedTable], table: &str, cells: &[(&str, &str)]) -> Option<i64> {
    let t = tables.iter().find(|t| t.spec.id == table)?;
    if !cells.iter().all(|(row, _)| t.row_is_reliable(row)) {
        return None;
    }
    let mut sum = 0;
    for (row, col) in cells {
        // A blank cell is no figure to compare with.
        sum += t.cell(row, col)?.value.number()?.as_f64().round() as i64;
    }
    Some(sum)
}

/// Figures and statements of the prose against the tables.
pub fn narrative(report: &Report, out: &mut Findings) {
    let tables = &report.tables;
    for (offset, sentence) in text::sentences(&report.prose.text) {
        // Most sentences state no count and none of the statements checked; skip them whole.
        let relevant =
            !counts(sentence).is_empty() || ["收到", "接到", "维持"].iter().any(|w| text::contains(sentence, w));
        if relevant {
            check_sentence(sentence, offset, tables, out);
        }
    }
}

/// The figure a count states. Words before the count name it ("部分公开42件"); two figures named
/// there make a combined count ("予以公开及部分公开42件"), which is no figure of the table: None.
/// Without a name before it, the first figure (in the declared order) named after it ("13件顺延到
/// 下年度答复"), else the subject's catch-all figure.
fn figure_of(subject: Subject, before: &str, after: &str) -> Option<&'static Figure> {
    let of_subject = || FIGURES.iter().filter(move |f| f.subject == subject);
    let names = |f: &Figure, s: &str| f.words.iter().any(|g| !g.is_empty() && g.iter().all(|w| text::contains(s, w)));
    let mut named = of_subject().filter(|f| names(f, before));
    match (named.next(), named.next()) {
        (Some(f), None) => Some(f),
        (Some(_), Some(_)) => None,
        (None, _) => of_subject()
            .find(|f| names(f, after))
            .or_else(|| of_subject().find(|f| f.words.iter().any(|g| g.is_empty()))),
    }
}

fn check_sentence(sentence: &str, offset: usize, tables: &[MappedTable], out: &mut Findings) {
    let mut subject = None;
    for (start, clause) in text::clauses(sentence) {
        let carried = subject;
        if let Some(s) = subject_of(clause) {
            subject = Some(s);
        }
        let Some(subj) = subject else { continue };
        let abs = |r: std::ops::Range<usize>| offset + start + r.start..offset + start + r.end;
        check_statements(clause, subj, tables, &abs, out);
        let found = counts(clause);
        for (k, &(a, b, stated)) in found.iter().enumerate() {
            // A count's words stand between the counts before and after it in its clause, and its
            // subject is the last one named before it: "行政诉讼案件1件、行政复议案件2件".
            let from = if k == 0 { 0 } else { found[k - 1].1 + '件'.len_utf8() };
            let to = found.get(k + 1).map_or(clause.len(), |n| n.0);
            let before = &clause[from..a];
            // "行政复议、行政诉讼案件74件" counts both together; "备案…134件" is another quantity.
            if text::contains(before, "复议") && text::contains(before, "诉讼")
                || QUALIFIERS.iter().any(|q| text::contains(before, q))
            {
                continue;
            }
            let subj = subject_of(&clause[..a]).or(carried).unwrap_or(subj);
            let Some(fig) = figure_of(subj, before, &clause[b..to]) else { continue };
            let sums: Vec<i64> = fig.cells.iter().filter_map(|cells| table_sum(tables, fig.table, cells)).collect();
            if sums.is_empty() || sums.contains(&stated) {
                continue;
            }
            let in_table = sums[0];
            out.add("text.table_mismatch", format!("正文称{}为 {} 件，表格中为 {}", fig.what, stated, in_table))
                .table(fig.table)
                .at(At::Prose(abs(a..b + '件'.len_utf8())))
                .hint("核对正文中的数字与统计表是否一致")
                .cells(
                    fig.cells[0].iter().map(|(r, c)| CellRef { row: r.to_string(), column: column_id(fig.table, c) }),
                )
                .expected(in_table)
                .actual(stated);
        }
    }
}

/// Statements without a count that contradict the tables: "未收到…申请", "均获维持".
fn check_statements(
    clause: &str,
    subj: Subject,
    tables: &[MappedTable],
    abs: &dyn Fn(std::ops::Range<usize>) -> std::ops::Range<usize>,
    out: &mut Findings,
) {
    let none_received =
        ["未收到", "没有收到", "未接到"].iter().find_map(|w| text::find(clause, w).map(|p| (p, w.len())));
    if let (Some((p, len)), Subject::Applications) = (none_received, subj) {
        if let Some(n) = table_sum(tables, APPLICATIONS, &[("1", "total")]).filter(|&n| n > 0) {
            out.add("text.table_mismatch", format!("正文称未收到申请，表格中本年新收申请为 {n} 件"))
                .table(APPLICATIONS)
                .at(At::Prose(abs(p..p + len)))
                .cells([CellRef { row: "1".into(), column: "total" }])
                .expected(n)
                .actual(0);
        }
    }
    let all_upheld =
        ["均获维持", "均被维持", "全部维持", "均维持"].iter().find_map(|w| text::find(clause, w).map(|p| (p, w.len())));
    if let Some((p, len)) = all_upheld {
        let groups: &[&str] = match subj {
            Subject::Review => &["review"],
            Subject::Litigation => &LITIGATION_GROUPS,
            _ => return,
        };
        let cols: Vec<String> =
            groups.iter().flat_map(|g| ["corrected", "other", "pending"].map(|c| format!("{g}.{c}"))).collect();
        let pairs: Vec<(&str, &str)> = cols.iter().map(|c| ("data", c.as_str())).collect();
        if let Some(n) = table_sum(tables, REVIEW_LITIGATION, &pairs).filter(|&n| n > 0) {
            out.add("text.table_mismatch", format!("正文称均获维持，但表格中有 {n} 件结果纠正、其他结果或尚未审结"))
                .table(REVIEW_LITIGATION)
                .at(At::Prose(abs(p..p + len)))
                .cells(
                    pairs.iter().map(|(r, c)| CellRef { row: r.to_string(), column: column_id(REVIEW_LITIGATION, c) }),
                );
        }
    }
}

/// The static column id for a column name (cells in diagnostics use the format's ids).
pub(super) fn column_id(table: &str, col: &str) -> &'static str {
    crate::format::variants_of(table)
        .flat_map(|t| t.blocks.iter().flat_map(|b| b.columns.iter()))
        .find(|c| c.id == col)
        .map(|c| c.id)
        .unwrap_or("total")
}

#[cfg(test)]
mod tests {
    use super::counts;

    #[test]
    fn reads_counts() {
        let c = |s: &str| counts(s).into_iter().map(|(a, b, n)| (s[a..b].to_string(), n)).collect::<Vec<_>>();
        assert_eq!(c("受理申请3119件，答复3050件"), [("3119".to_string(), 3119), ("3050".to_string(), 3050)]);
        assert_eq!(c("共1,234件"), [("1,234".to_string(), 1234)]);
        assert!(c("5500余件、1.5件、件").is_empty());
    }
}
