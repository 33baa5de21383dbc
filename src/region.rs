//! The supervisor's whole-region review: what only shows across many reports of one region.
//!
//! A 政务公开办 reviews every agency under it. Three questions need the whole batch, not one
//! report:
//! - **Who has not published?** A roster (CSV: agency name, level) against the agencies the
//!   reports name ([`Roster`], [`missing`]): `batch.report_missing`.
//! - **Who copied whom?** Reports of one year by different agencies whose bodies are largely the
//!   same once the template is masked ([`copies`]): `batch.copied_text` on both.
//! - **Whose tables are someone else's?** A statistical table equal cell for cell to another
//!   agency's of the same year ([`identical_tables`]): `batch.tables_identical` on both.
//!
//! Copying is measured as the cross-year repetition is (`checks::crossyear`): the prose outside
//! the tables, digits masked, in 12-character shingles. What every report of a region shares is
//! not copying but the template (the standard opening, the format's headings and stock
//! phrases), so a shingle found in many reports of the year is boilerplate and masked. Comparing
//! every pair of 2,000 reports would be two million comparisons; instead each report gets a
//! MinHash sketch (one-permutation hashing: 96 bins, one pass over its shingles) and only the
//! pairs that share a band of the sketch (LSH banding, 48 bands of 2) are compared exactly. A
//! pair that shares 40 % of its shingles (Jaccard; a report half copied) is a candidate with
//! probability 1 − (1 − 0.4²)⁴⁸ > 0.9998; one sharing 5 %, with probability 0.11.
//! Identical tables are found by hashing each informative table's cells.
//!
//! The module is part of the core (compiled for the page too): it reads analysed reports and
//! results, and returns findings for the front ends to attach.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use crate::checks::crossyear;
use crate::checks::{At, Findings};
use crate::format::AgencyLevel;
use crate::report::Report;
use crate::result::{CheckResult, Diagnostic, Number, Severity};

// ------------------------------------------------------------------ the roster

/// One expected agency of the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterEntry {
    pub name: String,
    pub level: AgencyLevel,
    /// Line of the roster file (1-based).
    pub line: usize,
}

/// The agencies a region expects a report from.
#[derive(Debug, Clone, Default)]
pub struct Roster {
    pub entries: Vec<RosterEntry>,
}

impl Roster {
    /// Reads a roster: CSV (comma or tab separated, UTF-8, optional byte-order mark and header
    /// row), the agency's name in the first column and its level (部门 / 人民政府 / 乡镇, or
    /// department / government / township; may be empty) in the second. Blank lines are skipped.
    /// A line with no name, or an unknown level, is an error naming the line.
    pub fn parse(text: &str) -> Result<Roster, String> {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let mut entries: Vec<RosterEntry> = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let n = i + 1;
            let fields = split_csv_line(line);
            if fields.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            let name = fields[0].trim().to_string();
            let level_text = fields.get(1).map_or("", |f| f.trim());
            if entries.is_empty() && is_header(&name) {
                continue;
            }
            if name.is_empty() {
                return Err(format!("名单第 {n} 行缺少机关名称"));
            }
            let level = match level_text {
                "" => AgencyLevel::Unknown,
                "部门" | "department" | "县级以上人民政府部门" => AgencyLevel::Department,
                "人民政府" | "政府" | "government" => AgencyLevel::Government,
                "乡镇" | "街道" | "乡镇街道" | "乡镇（街道）" | "township" => AgencyLevel::Township,
                other => {
                    return Err(format!(
                        "名单第 {n} 行的层级“{other}”无法识别，可填 部门、人民政府、乡镇（或 department、government、township），也可留空"
                    ))
                }
            };
            if entries.iter().any(|e| name_key(&e.name) == name_key(&name)) {
                return Err(format!("名单第 {n} 行的“{name}”重复出现"));
            }
            entries.push(RosterEntry { name, level, line: n });
        }
        if entries.is_empty() {
            return Err("名单中没有机关".to_string());
        }
        Ok(Roster { entries })
    }
}

fn is_header(first: &str) -> bool {
    ["机关", "名称", "单位", "name", "agency"].iter().any(|w| first.contains(w))
        && !first.ends_with(['局', '委', '办', '府'])
}

/// Fields of one CSV line (RFC 4180 quotes; a tab separates when there is no comma).
fn split_csv_line(line: &str) -> Vec<String> {
    let sep = if !line.contains(',') && line.contains('\t') { '\t' } else { ',' };
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().expect("one field").push('"');
            }
            '"' => quoted = !quoted,
            c if c == sep && !quoted => fields.push(String::new()),
            c => fields.last_mut().expect("one field").push(c),
        }
    }
    fields
}

/// The key two names of one agency share: full-width forms and traditional characters folded,
/// spaces and brackets dropped, "人民政府" read as "政府" (a roster writes "某某县人民政府", a
/// title "某某县政府").
pub fn name_key(name: &str) -> String {
    let folded = crate::text::normalize::normalize(name).text;
    let kept: String = folded
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')' | '（' | '）' | '·' | '•' | '"' | '“' | '”'))
        .collect();
    kept.replace("人民政府", "政府")
}

/// The roster's agencies with no annual report in the batch. An agency matches by
/// [`name_key`]; an entry with no such match still matches the one agency whose key ends with
/// its own (the roster writes "统计局" for "某某市统计局") when exactly one does, both ways.
pub fn missing<'r>(roster: &'r Roster, results: &[&CheckResult]) -> Vec<&'r RosterEntry> {
    let agencies: HashSet<String> = results
        .iter()
        .filter(|r| r.document.is_annual_report)
        .filter_map(|r| r.document.agency.as_deref())
        .map(name_key)
        .collect();
    let keys: Vec<String> = roster.entries.iter().map(|e| name_key(&e.name)).collect();
    let unmatched: Vec<usize> = (0..keys.len()).filter(|&i| !agencies.contains(&keys[i])).collect();
    let exact: HashSet<&String> = keys.iter().filter(|k| agencies.contains(*k)).collect();
    let free: Vec<&String> = agencies.iter().filter(|a| !exact.contains(a)).collect();
    unmatched
        .into_iter()
        .filter(|&i| {
            let k = &keys[i];
            let candidates: Vec<&&String> =
                free.iter().filter(|a| k.chars().count() >= 3 && a.ends_with(k.as_str())).collect();
            let unique = candidates.len() == 1 && unmatched_keys_ending(&keys, candidates[0]) == 1;
            !unique
        })
        .map(|i| &roster.entries[i])
        .collect()
}

fn unmatched_keys_ending(keys: &[String], agency: &str) -> usize {
    keys.iter().filter(|k| k.chars().count() >= 3 && agency.ends_with(k.as_str())).count()
}

/// The finding for a roster entry with no report.
pub fn missing_finding(entry: &RosterEntry) -> Diagnostic {
    let level = match entry.level {
        AgencyLevel::Department => "（部门）",
        AgencyLevel::Government => "（人民政府）",
        AgencyLevel::Township => "（乡镇街道）",
        AgencyLevel::Unknown => "",
    };
    diagnostic("batch.report_missing", format!("名单中的“{}”{level}在所检查的文件中没有年度报告", entry.name))
}

fn diagnostic(code: &'static str, message: String) -> Diagnostic {
    let declared = crate::catalogue::lookup(code);
    let mut d = Diagnostic::new(code, declared.map_or(Severity::Warning, |c| c.severity), message);
    d.hint = declared.map(|c| c.hint).filter(|h| !h.is_empty()).map(str::to_string);
    d
}

// ------------------------------------------------------------------ copying between agencies

/// Characters per shingle, as for the cross-year repetition.
const SHINGLE: usize = 12;
/// Bins of the one-permutation MinHash sketch, and its LSH bands (BANDS × ROWS = BINS).
const BINS: usize = 96;
const ROWS: usize = 2;
/// Share of the smaller body (template masked) the two must share to count as copied.
pub const COPY_SHARE: f64 = 0.5;
/// And at least this many shared shingles (about as many characters): a few sentences in
/// common are not a copied report.
pub const COPY_MIN_SHINGLES: usize = 150;
/// A shingle in at least this many reports of the year (or 2 % of them, if more) is template.
const BOILERPLATE_REPORTS: usize = 3;

/// What copying detection keeps of one report: its body's shingles (digits masked, sorted,
/// unique). Computed when the report is checked, on the worker thread.
#[derive(Debug, Clone, Default)]
pub struct Sketch {
    shingles: Vec<u64>,
}

impl Sketch {
    pub fn of(report: &Report) -> Sketch {
        let body = crossyear::body(report);
        let mut shingles: Vec<u64> = crossyear::shingles(&body).collect();
        shingles.sort_unstable();
        shingles.dedup();
        Sketch { shingles }
    }
}

/// One report of the batch as the region review sees it: the name its findings are named by
/// (the file's), its result, its analysed report and its sketch (both absent when unread).
pub struct Member<'a> {
    pub name: &'a str,
    pub result: &'a CheckResult,
    pub report: Option<&'a Report>,
    pub sketch: Option<&'a Sketch>,
}

/// The region review of a batch, for the CLI's batch and the page's reviewer's table alike:
/// copying between agencies (members with sketches) and identical tables, as (member, finding)
/// to add to that member's result.
pub fn review(members: &[Member]) -> Vec<(usize, Diagnostic)> {
    let mut added = Vec::new();
    for c in copies(members) {
        for (me, other, share) in [(c.a, c.b, c.share_a), (c.b, c.a, c.share_b)] {
            let (Some(report), Some(sketch)) = (members[me].report, members[other].sketch) else {
                continue;
            };
            added.push((me, copied_finding(report, members[other].name, members[other].result, sketch, share)));
        }
    }
    for (table, group) in identical_tables(members) {
        for &me in &group {
            let others: Vec<String> = group.iter().filter(|&&o| o != me).map(|&o| members[o].name.to_string()).collect();
            added.push((me, identical_finding(members[me].result, table, &others)));
        }
    }
    added
}

/// A pair of reports found copied: indexes into the members, the shared shingles, and each
/// one's share (of its body with the template masked) found in the other.
#[derive(Debug, Clone, PartialEq)]
pub struct Copy {
    pub a: usize,
    pub b: usize,
    pub shared: usize,
    pub share_a: f64,
    pub share_b: f64,
}

/// Hashes already hashed: the shingles are FNV hashes.
#[derive(Default)]
struct Identity(u64);
impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}
type Fast<K, V> = HashMap<K, V, BuildHasherDefault<Identity>>;

fn mix(mut x: u64) -> u64 {
    // splitmix64's finaliser: spreads an FNV hash over every bit.
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn annual(m: &Member) -> Option<(u16, String)> {
    let d = &m.result.document;
    if !d.is_annual_report || m.result.is_unusable_input() {
        return None;
    }
    Some((d.year?, name_key(d.agency.as_deref()?)))
}

/// The pairs of reports of one year, by different agencies, that share most of their body once
/// the region's template is masked. Pairs are (a, b) with a < b, in order.
pub fn copies(members: &[Member]) -> Vec<Copy> {
    let mut by_year: HashMap<u16, Vec<usize>> = HashMap::new();
    for (i, m) in members.iter().enumerate() {
        if let (Some((year, _)), Some(_)) = (annual(m), m.sketch) {
            by_year.entry(year).or_default().push(i);
        }
    }
    let mut years: Vec<_> = by_year.into_iter().collect();
    years.sort();
    let mut out = Vec::new();
    for (_, group) in years {
        out.extend(copies_of_year(members, &group));
    }
    out.sort_by_key(|c| (c.a, c.b));
    out
}

/// The shingles of `m` that are not the year's template.
fn own_shingles(sketch: &Sketch, df: &Fast<u64, u32>, limit: u32) -> Vec<u64> {
    sketch.shingles.iter().copied().filter(|h| df.get(h).is_none_or(|&n| n < limit)).collect()
}

fn copies_of_year(members: &[Member], group: &[usize]) -> Vec<Copy> {
    let sketch = |i: usize| members[i].sketch.expect("members of a year group have sketches");
    let mut df: Fast<u64, u32> = Fast::default();
    for &i in group {
        for &h in &sketch(i).shingles {
            *df.entry(h).or_insert(0) += 1;
        }
    }
    let limit = BOILERPLATE_REPORTS.max(group.len() / 50) as u32;
    let own: Vec<Vec<u64>> = group.iter().map(|&i| own_shingles(sketch(i), &df, limit)).collect();
    drop(df);
    let agency: Vec<String> = group.iter().map(|&i| annual(&members[i]).map(|(_, a)| a).unwrap_or_default()).collect();

    // One-permutation MinHash: each shingle goes to one bin, the bin keeps its smallest value.
    let mut buckets: Fast<u64, Vec<u32>> = Fast::default();
    for (k, shingles) in own.iter().enumerate() {
        if shingles.len() < COPY_MIN_SHINGLES {
            continue;
        }
        let mut bins = [u64::MAX; BINS];
        for &h in shingles {
            let m = mix(h);
            let bin = (m % BINS as u64) as usize;
            bins[bin] = bins[bin].min(m / BINS as u64);
        }
        for (band, rows) in bins.chunks(ROWS).enumerate() {
            if rows.contains(&u64::MAX) {
                continue;
            }
            let key = rows.iter().fold(band as u64 ^ 0x9e37_79b9_7f4a_7c15, |h, &v| mix(h ^ v));
            buckets.entry(key).or_default().push(k as u32);
        }
    }
    let mut candidates: HashSet<(u32, u32)> = HashSet::new();
    for ks in buckets.values() {
        // A bucket as large as the year is template that escaped masking: comparing all its
        // pairs would be quadratic, and they are compared through their other bands anyway.
        if ks.len() > 64 {
            continue;
        }
        for (x, &p) in ks.iter().enumerate() {
            for &q in &ks[x + 1..] {
                if agency[p as usize] != agency[q as usize] {
                    candidates.insert((p.min(q), p.max(q)));
                }
            }
        }
    }
    let mut out = Vec::new();
    for (p, q) in candidates {
        let (sa, sb) = (&own[p as usize], &own[q as usize]);
        let shared = sorted_intersection(sa, sb);
        let smaller = sa.len().min(sb.len()).max(1);
        if shared >= COPY_MIN_SHINGLES && shared as f64 / smaller as f64 >= COPY_SHARE {
            let (a, b) = (group[p as usize], group[q as usize]);
            let (share_a, share_b) = (shared as f64 / sa.len() as f64, shared as f64 / sb.len() as f64);
            let (a, b, share_a, share_b) = if a < b { (a, b, share_a, share_b) } else { (b, a, share_b, share_a) };
            out.push(Copy { a, b, shared, share_a, share_b });
        }
    }
    out
}

fn sorted_intersection(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The passages of `report`'s body (normalised byte ranges, longest first) made of shingles
/// `other` has too.
pub fn shared_passages(report: &Report, other: &Sketch) -> Vec<Range<usize>> {
    let body = crossyear::body(report);
    let mut covered = vec![false; body.len()];
    for (i, h) in crossyear::shingles(&body).enumerate() {
        if other.shingles.binary_search(&h).is_ok() {
            covered[i..i + SHINGLE].iter_mut().for_each(|c| *c = true);
        }
    }
    crossyear::runs(report, &body, &covered)
}

/// The `batch.copied_text` finding on `report` (share `share` of its own body found in the
/// other), naming the other report and the longest shared passages.
pub fn copied_finding(
    report: &Report,
    other_name: &str,
    other: &CheckResult,
    other_sketch: &Sketch,
    share: f64,
) -> Diagnostic {
    let passages = shared_passages(report, other_sketch);
    let text = &report.doc.norm.text;
    let excerpt = |r: &Range<usize>| {
        let t: String = text[r.clone()].chars().filter(|c| *c != '\n').take(40).collect();
        format!("“{t}…”")
    };
    let longest: Vec<String> = passages.iter().take(3).map(excerpt).collect();
    let d = &other.document;
    let who = match (d.agency.as_deref(), d.year) {
        (Some(a), Some(y)) => format!("{other_name}（{a} {y} 年度报告）"),
        _ => other_name.to_string(),
    };
    let mut findings = Findings::new(report);
    findings
        .add("batch.copied_text", format!("正文有 {:.0}% 与 {who} 相同（模板文字和数字不计）", share * 100.0))
        .at_opt(passages.first().map(|r| At::Norm(r.clone())))
        .hint(format!("相同最长的段落：{}", longest.join("；")));
    findings.into_diagnostics().pop().expect("one finding was added")
}

// ------------------------------------------------------------------ identical tables

/// A table informative enough that equality across agencies is no coincidence: at least this
/// many non-zero cells, with at least this many different values. (One application, counted
/// in six cells, is the same table in many small agencies' reports.)
pub const TABLE_MIN_NONZERO: usize = 8;
pub const TABLE_MIN_DISTINCT: usize = 4;

/// Tables equal cell for cell between reports of one year by different agencies:
/// (table id, the members that have it), each group in member order.
///
/// Each informative table is hashed (its cells' rows, columns and values, no allocation), and
/// the reports in a bucket are then compared cell by cell, so a hash collision finds nothing.
pub fn identical_tables(members: &[Member]) -> Vec<(&'static str, Vec<usize>)> {
    let mut buckets: HashMap<(u16, &'static str, u64), Vec<usize>> = HashMap::new();
    for (i, m) in members.iter().enumerate() {
        let Some((year, _)) = annual(m) else { continue };
        for t in &m.result.tables {
            let mut nonzero = 0;
            let mut distinct: Vec<u64> = Vec::new();
            for v in t.cells.iter().filter_map(|c| c.value).map(Number::as_f64).filter(|v| *v != 0.0) {
                nonzero += 1;
                if distinct.len() < TABLE_MIN_DISTINCT && !distinct.contains(&v.to_bits()) {
                    distinct.push(v.to_bits());
                }
            }
            if nonzero < TABLE_MIN_NONZERO || distinct.len() < TABLE_MIN_DISTINCT {
                continue;
            }
            let mut h = std::collections::hash_map::DefaultHasher::new();
            for c in &t.cells {
                std::hash::Hash::hash(&(c.row.as_str(), c.column, c.value.map(|v| v.as_f64().to_bits())), &mut h);
            }
            buckets.entry((year, t.id, Hasher::finish(&h))).or_default().push(i);
        }
    }
    let cells = |i: usize, id: &str| {
        let t = members[i].result.tables.iter().find(|t| t.id == id).expect("a table of its bucket");
        let mut v: Vec<(&str, &str, Option<u64>)> =
            t.cells.iter().map(|c| (c.row.as_str(), c.column, c.value.map(|v| v.as_f64().to_bits()))).collect();
        v.sort();
        v
    };
    let mut out = Vec::new();
    for ((_, id, _), ms) in buckets.into_iter().filter(|(_, ms)| ms.len() > 1) {
        // Within a bucket, the groups of reports whose cells are really equal.
        let mut groups: Vec<(Vec<(&str, &str, Option<u64>)>, Vec<usize>)> = Vec::new();
        for i in ms {
            let c = cells(i, id);
            match groups.iter_mut().find(|(g, _)| *g == c) {
                Some((_, g)) => g.push(i),
                None => groups.push((c, vec![i])),
            }
        }
        for (_, g) in groups {
            let agencies: HashSet<String> = g.iter().filter_map(|&i| annual(&members[i]).map(|(_, a)| a)).collect();
            if agencies.len() > 1 {
                out.push((id, g));
            }
        }
    }
    out.sort_by(|x, y| x.1.cmp(&y.1).then(x.0.cmp(y.0)));
    out
}

/// The `batch.tables_identical` finding on a report whose table `table` equals the others'.
pub fn identical_finding(result: &CheckResult, table: &'static str, others: &[String]) -> Diagnostic {
    let title = result.tables.iter().find(|t| t.id == table).map_or(table, |t| t.title);
    let mut d =
        diagnostic("batch.tables_identical", format!("“{title}”统计表与 {} 的同一张表逐格相同", others.join("、")));
    d.table = Some(table);
    d.span = result.tables.iter().find(|t| t.id == table).and_then(|t| t.span);
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roster_names_fold_their_forms() {
        assert_eq!(name_key("某某縣人民政府 "), name_key("某某县政府"));
        assert_eq!(name_key("某某市（统计局）"), name_key("某某市统计局"));
        let r = Roster::parse("\u{FEFF}机关名称,层级\n某某市统计局,部门\n\n\"某某县人民政府\",人民政府\n").unwrap();
        assert_eq!(r.entries.len(), 2);
        assert_eq!(r.entries[1].line, 4);
        assert_eq!(Roster::parse("某某局,区级\n").unwrap_err(), "名单第 1 行的层级“区级”无法识别，可填 部门、人民政府、乡镇（或 department、government、township），也可留空");
    }
}
