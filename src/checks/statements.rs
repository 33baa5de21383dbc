//! Statements of the prose that contradict the tables or themselves (issue #14): "全部办结" while
//! applications are carried over to next year, "未发生行政复议、行政诉讼" beside a table 四 that
//! counts cases, "未收取信息处理费" beside an amount charged (`text.contradiction`), and a stated
//! percentage that its own counts do not give (`text.percentage`).
//!
//! Evaluators read these as carelessness (30号: "敷衍塞责"; 怀化: "文字严谨"). The words are declared
//! in `format::prose`; a statement is compared only when its words leave no other reading.

use super::narrative::column_id;
use super::{At, Findings};
use crate::format::prose::{
    Claim, CLAIMS, COUNT_UNITS, FEE_NAME, FEE_NONE, FEE_NOT_CHARGED, PERCENT_PART, PERCENT_WHOLE,
};
use crate::report::Report;
use crate::result::CellRef;
use crate::text::search as text;

/// Whether `clause` holds the words of `group` in that order; the position of the first.
fn in_order(clause: &str, group: &[&str]) -> Option<usize> {
    let mut from = 0;
    let mut first = None;
    for w in group {
        let p = text::find(&clause[from..], w)? + from;
        first.get_or_insert(p);
        from = p + w.len();
    }
    first
}

/// The sum of `cells` of a table whose rows were read reliably; None when any is blank.
fn cells_sum(report: &Report, table: &str, cells: &[(&str, &str)]) -> Option<i64> {
    let t = report.table(table)?;
    let mut sum = 0;
    for (row, col) in cells {
        if !t.row_is_reliable(row) {
            return None;
        }
        sum += t.cell(row, col)?.value.number()?.as_f64().round() as i64;
    }
    Some(sum)
}

/// Whether a sentence can make `claim`: it is about the claim's matter and not limited by its
/// words. Decided once per sentence, not per clause.
fn sentence_allows(claim: &Claim, sentence: &str) -> bool {
    claim.about.iter().any(|w| text::contains(sentence, w))
        && !claim.unless_sentence.iter().any(|w| text::contains(sentence, w))
}

fn claim_contradicted(claim: &Claim, clause: &str) -> Option<usize> {
    if claim.unless.iter().any(|w| text::contains(clause, w)) {
        return None;
    }
    claim.words.iter().find_map(|g| in_order(clause, g))
}

/// "全部办结", "未发生行政复议、行政诉讼", "未收取信息处理费" against the tables and the prose.
pub fn contradiction(report: &Report, out: &mut Findings) {
    // A claim is contradicted only by a table that counts what it denies: the claims whose cells
    // sum to more than 0 (with their sum) are the only ones the prose is read for. Most reports
    // have none, and then the prose is not read at all.
    let open: Vec<(&Claim, i64)> = CLAIMS
        .iter()
        .filter_map(|c| cells_sum(report, c.table, c.cells).filter(|&n| n > 0).map(|n| (c, n)))
        .collect();
    let prose = &report.prose.text;
    for (offset, sentence) in text::sentences(prose).filter(|_| !open.is_empty()) {
        let allowed: Vec<&(&Claim, i64)> = open.iter().filter(|(c, _)| sentence_allows(c, sentence)).collect();
        if allowed.is_empty() {
            continue;
        }
        for (start, clause) in text::clauses(sentence) {
            // The first claim whose words the clause holds is the one it makes.
            for &&(claim, n) in &allowed {
                if let Some(at) = claim_contradicted(claim, clause) {
                    let abs = offset + start;
                    out.add(
                        "text.contradiction",
                        format!("正文称“{}”（{}），但表格中{}为 {} 件", clause.trim(), claim.what, claim.cells_what, n),
                    )
                    .table(claim.table)
                    .at(At::Prose(abs + at..abs + clause.len()))
                    .cells(
                        claim
                            .cells
                            .iter()
                            .map(|(r, c)| CellRef { row: r.to_string(), column: column_id(claim.table, c) }),
                    )
                    .expected(0)
                    .actual(n);
                    break;
                }
            }
        }
    }
    fee(report, out);
}

/// An amount of money in a clause: "3940元", "1,200.5元", "0.2万元", as yuan.
fn amount(clause: &str) -> Option<f64> {
    let p = text::find(clause, "元")?;
    let (head, wan) = match clause[..p].strip_suffix('万') {
        Some(h) => (h, 10_000.0),
        None => (&clause[..p], 1.0),
    };
    let head = head.trim_end();
    let digits = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',').len();
    let n: f64 = head[head.len() - digits..].replace(',', "").parse().ok()?;
    Some(n * wan)
}

/// "未收取信息处理费" in one clause, "收取信息处理费3940元" in another.
fn fee(report: &Report, out: &mut Findings) {
    let prose = &report.prose.text;
    // One scan of the prose for the fee's name before it is read clause by clause.
    if !prose.contains(FEE_NAME) {
        return;
    }
    let mut none_said = None;
    let mut charged = None;
    for (offset, sentence) in text::sentences(prose) {
        for (start, clause) in text::clauses(sentence) {
            if !text::contains(clause, FEE_NAME) {
                continue;
            }
            if let Some(p) = FEE_NONE.iter().find_map(|w| text::find(clause, w)) {
                none_said.get_or_insert((offset + start + p..offset + start + clause.len(), clause.trim().to_string()));
            } else if !FEE_NOT_CHARGED.iter().any(|w| text::contains(clause, w)) {
                if let Some(v) = amount(clause).filter(|&v| v > 0.0) {
                    charged.get_or_insert((v, clause.trim().to_string()));
                }
            }
        }
    }
    if let (Some((at, said)), Some((_, stated))) = (none_said, charged) {
        out.add("text.contradiction", format!("正文称“{said}”，又称“{stated}”")).section("other").at(At::Prose(at));
    }
}

/// A count of the prose: (start, end after its unit, value, unit).
fn counts(s: &str) -> Vec<(usize, usize, i64, char)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && (b[i - 1].is_ascii_digit() || b[i - 1] == b'.' || b[i - 1] == b',')) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b',' && b.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            i += 1;
        }
        let mut j = i;
        if b.get(j) == Some(&b' ') {
            j += 1;
        }
        if let Some(unit) = s[j..].chars().next().filter(|c| COUNT_UNITS.contains(c)) {
            let digits = s[start..i].replace(',', "");
            if digits.len() <= 15 {
                if let Ok(v) = digits.parse() {
                    out.push((start, j + unit.len_utf8(), v, unit));
                }
            }
        }
    }
    out
}

/// A percentage stated right after a count ("42件，占51.85%"): (start of the number, end, value,
/// decimals).
fn percent_after(s: &str) -> Option<(usize, usize, f64, u32)> {
    let rest = s.trim_start_matches([',', ':', ' ']);
    let skipped = s.len() - rest.len();
    let lead = ["占比为", "占比", "占总数的", "占"].iter().find(|w| rest.starts_with(**w))?;
    let num_start = skipped + lead.len();
    let tail = &s[num_start..];
    let n = tail.bytes().take_while(|c| c.is_ascii_digit() || *c == b'.').count();
    if n == 0 || !tail[n..].starts_with('%') {
        return None;
    }
    let num = &tail[..n];
    let v: f64 = num.parse().ok()?;
    let decimals = num.split_once('.').map_or(0, |(_, d)| d.len() as u32);
    Some((num_start, num_start + n + 1, v, decimals))
}

/// A stated percentage of a part against the whole its sentence gives ("共…59件，其中…20件，占
/// 33.9%"). Only where the whole is unambiguous: the count just before "其中", or the count of a
/// "共…" clause, one value of the part's unit. Rounding and truncation at the stated precision
/// are both accepted.
pub fn percentage(report: &Report, out: &mut Findings) {
    let prose = &report.prose.text;
    let mut offset = 0;
    for sentence in prose.split_inclusive(['。', '\n']) {
        let here = offset;
        offset += sentence.len();
        if !sentence.contains('%') {
            continue;
        }
        // The wholes seen so far, per unit: a value, or None once two values disagree.
        let mut wholes: Vec<(char, Option<i64>)> = Vec::new();
        for (a, end, v, unit) in counts(sentence) {
            if let Some((pa, pb, stated, decimals)) = percent_after(&sentence[end..]) {
                if let Some(&(_, Some(whole))) = wholes.iter().find(|(u, _)| *u == unit) {
                    report_percentage(out, here + end + pa..here + end + pb, v, unit, whole, stated, decimals);
                }
            }
            // Is this count a whole: the one before "其中", or the count of a "共…" clause?
            let next = sentence[end..].trim_start_matches([',', ':', ' ']);
            let mut from = a.saturating_sub(60);
            while !sentence.is_char_boundary(from) {
                from += 1;
            }
            let clause_start = sentence[from..a].rfind([',', ';', ':']).map_or(from, |p| from + p + 1);
            let whole_word = PERCENT_WHOLE.iter().any(|w| text::contains(&sentence[clause_start..a], w));
            if next.starts_with(PERCENT_PART) || whole_word {
                match wholes.iter_mut().find(|(u, _)| *u == unit) {
                    Some((_, seen)) if *seen != Some(v) => *seen = None,
                    Some(_) => {}
                    None => wholes.push((unit, Some(v))),
                }
            }
        }
    }
}

/// A part's stated percentage against the whole, rounding and truncation allowed.
fn report_percentage(
    out: &mut Findings,
    at: std::ops::Range<usize>,
    part: i64,
    unit: char,
    whole: i64,
    stated: f64,
    decimals: u32,
) {
    if whole <= 0 || part > whole {
        return;
    }
    let actual = part as f64 * 100.0 / whole as f64;
    let unit_step = 10f64.powi(-(decimals as i32));
    if (actual - stated).abs() < unit_step - 1e-9 {
        return;
    }
    out.add(
        "text.percentage",
        format!(
            "正文称 {part}{unit} 占 {stated}%，但 {part}/{whole} = {actual:.prec$}%",
            prec = decimals.max(1) as usize
        ),
    )
    .at(At::Prose(at));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_counts_amounts_and_percentages() {
        let c = counts("共受理申请59件，其中予以公开20件、1,234条、95 个，5500余条");
        assert_eq!(
            c.iter().map(|x| (x.2, x.3)).collect::<Vec<_>>(),
            [(59, '件'), (20, '件'), (1234, '条'), (95, '个')]
        );
        assert_eq!(percent_after(",占33.9%").map(|p| (p.2, p.3)), Some((33.9, 1)));
        assert_eq!(percent_after("占比100%").map(|p| (p.2, p.3)), Some((100.0, 0)));
        assert!(percent_after(",办结率100%").is_none());
        assert_eq!(amount("收取信息处理费3940元"), Some(3940.0));
        assert_eq!(amount("信息处理费0.2万元"), Some(2000.0));
        assert_eq!(amount("未收取信息处理费"), None);
    }
}
