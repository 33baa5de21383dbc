//! Which required sections a report covers (rules.md §2).
//!
//! For the national formats (eras 2019/2021) a section is covered by its heading. Reports number
//! their top level in one style and sub-sections in others, and sub-headings reuse section words
//! ("（一）主动公开情况" inside 总体情况), so the top-level style is chosen first: the style whose
//! headings name the most distinct sections. Pre-2019 reports (era 2008) follow local structures,
//! so a topic is also covered by a body statement of its facts.

use std::ops::Range;

use crate::format::SectionSpec;
use crate::format::{Era, SectionRule};
use crate::result::SectionStatus;
use crate::text::document::{Document, LineKind, NumberStyle};
use crate::text::normalize::NormText;
use crate::text::search as text;

#[derive(Debug, Clone)]
pub struct FoundSection {
    pub spec: &'static SectionSpec,
    pub status: SectionStatus,
    /// Line of the heading that addresses the section.
    pub heading_line: Option<usize>,
    /// Original byte range of the heading's words, or of the statement that covers the topic.
    pub evidence: Option<Range<usize>>,
    /// Lines of the section's body: after its heading, up to the next section's heading.
    pub body: Range<usize>,
}

pub fn heading_matches(spec: &SectionSpec, title: &str) -> bool {
    heading_matches_in(spec, title, text::Chars::of(title))
}

/// [`heading_matches`] with the title's character signature computed once for every spec.
pub fn heading_matches_in(spec: &SectionSpec, title: &str, chars: text::Chars) -> bool {
    spec.heading.iter().any(|group| group.iter().all(|w| chars.contains(title, w)))
        && !spec.heading_excludes.iter().any(|w| chars.contains(title, w))
}

/// Headings that could be section headings: numbered ones, and short unnumbered lines.
fn candidates(doc: &Document) -> Vec<(usize, Option<NumberStyle>, Range<usize>)> {
    let mut out = Vec::new();
    for (i, line) in doc.lines.iter().enumerate() {
        match &line.kind {
            LineKind::Heading(h) => out.push((i, Some(h.style), h.title.clone())),
            LineKind::Text => {
                let t = doc.line_text(line);
                if t.chars().count() <= 24 && !t.contains(['。', ',', ';', '，']) {
                    out.push((i, None, line.range.clone()));
                }
            }
            _ => {}
        }
    }
    out
}

/// `body` is the report's text without page chrome, wrapped lines joined.
pub fn find_sections(doc: &Document, era: Era, body: &NormText) -> Vec<FoundSection> {
    match era.section_rule {
        SectionRule::Topics => topics(doc, era.sections, body),
        SectionRule::Headings => national_sections(doc, era.sections, &body.text),
    }
}

/// A heading candidate matched to a section: (line, numbering style, section index, title).
type Match = (usize, Option<NumberStyle>, usize, Range<usize>);

/// The numbering style of the top-level headings: the one whose headings name the most distinct
/// sections, unless another opens the body with 总体情况 before it.
fn top_style(matches: &[Match]) -> Option<NumberStyle> {
    const STYLE_PREFERENCE: [NumberStyle; 5] = [
        NumberStyle::Chinese,
        NumberStyle::Part,
        NumberStyle::ParenChinese,
        NumberStyle::Arabic,
        NumberStyle::ParenArabic,
    ];
    let distinct = |style: Option<NumberStyle>| {
        let mut seen = 0u32;
        for m in matches.iter().filter(|m| m.1 == style) {
            seen |= 1 << m.2;
        }
        seen.count_ones()
    };
    let mut top = STYLE_PREFERENCE
        .iter()
        .copied()
        .max_by_key(|&s| (distinct(Some(s)), std::cmp::Reverse(STYLE_PREFERENCE.iter().position(|&x| x == s))));
    top = top.filter(|&s| distinct(Some(s)) > 0);
    // Sub-items of 总体情况 ("（一）主动公开情况", "（二）依申请公开情况") name sections too, and in
    // a report cut short they can outnumber the top level. The first section, 总体情况, heads the
    // body in the top style: a style whose first match is it and comes before the others wins.
    let first_match = |style: NumberStyle| matches.iter().find(|m| m.1 == Some(style));
    if let Some(opening) = STYLE_PREFERENCE.iter().copied().find(|&s| first_match(s).is_some_and(|m| m.2 == 0)) {
        let opens_first = first_match(opening).map(|m| m.0);
        let chosen_first = top.and_then(first_match).map(|m| m.0);
        if opens_first < chosen_first {
            top = Some(opening);
        }
    }

    top
}

fn national_sections(doc: &Document, specs: &'static [SectionSpec], prose: &str) -> Vec<FoundSection> {
    let cands = candidates(doc);
    // Matches of each candidate against each spec.
    let matches: Vec<Match> = cands
        .iter()
        .flat_map(|(line, style, title)| {
            let t = doc.text(title);
            let chars = text::Chars::of(t);
            specs
                .iter()
                .enumerate()
                .filter(move |(_, s)| heading_matches_in(s, t, chars))
                .map(move |(k, _)| (*line, *style, k, title.clone()))
        })
        .collect();

    let top = top_style(&matches);

    // First heading for each section, in the top style; unnumbered lines fill in what is left.
    let mut found: Vec<Option<(usize, Range<usize>)>> = vec![None; specs.len()];
    for pass_style in [top, None] {
        if pass_style.is_none() && top.is_none() && found.iter().any(Option::is_some) {
            break;
        }
        for (line, style, k, title) in &matches {
            if *style == pass_style && found[*k].is_none() {
                let taken = found.iter().flatten().any(|(l, _)| l == line);
                if !taken {
                    found[*k] = Some((*line, title.clone()));
                }
            }
        }
    }

    let mut starts: Vec<usize> = found.iter().flatten().map(|(l, _)| *l).collect();
    starts.sort_unstable();
    specs
        .iter()
        .zip(found)
        .map(|(spec, hit)| match hit {
            Some((line, title)) => {
                let end = starts.iter().copied().find(|&s| s > line).unwrap_or(doc.lines.len());
                FoundSection {
                    spec,
                    status: SectionStatus::Present,
                    heading_line: Some(line),
                    evidence: Some(doc.norm.original_range(title)),
                    body: line + 1..end,
                }
            }
            None => {
                let mention = mention(prose, spec);
                FoundSection {
                    spec,
                    status: if mention.is_some() { SectionStatus::Mentioned } else { SectionStatus::Missing },
                    heading_line: None,
                    evidence: None,
                    body: 0..0,
                }
            }
        })
        .collect()
}

/// Where the topic is first mentioned, outside clauses about another topic (a heading's excluded
/// words: "政府信息公开申请的行政复议" mentions 复议, not 申请).
fn mention(prose: &str, spec: &SectionSpec) -> Option<usize> {
    let at = first_of(prose, spec.mentions)?;
    if spec.heading_excludes.is_empty() {
        return Some(at);
    }
    text::clauses(prose)
        .filter(|(_, c)| !spec.heading_excludes.iter().any(|w| text::contains(c, w)))
        .find_map(|(start, c)| first_of(c, spec.mentions).map(|i| start + i))
}

fn first_of(text: &str, words: &[&str]) -> Option<usize> {
    words.iter().filter_map(|w| text.find(w)).min()
}

fn topics(doc: &Document, specs: &'static [SectionSpec], body: &NormText) -> Vec<FoundSection> {
    let prose = body.text.as_str();
    let clauses: Vec<(usize, &str)> = text::clauses(prose).collect();
    let cands = candidates(doc);
    specs
        .iter()
        .map(|spec| {
            let heading = cands.iter().find(|(_, _, title)| heading_matches(spec, doc.text(title)));
            if let Some((line, _, title)) = heading {
                let end = cands.iter().map(|c| c.0).find(|&l| l > *line).unwrap_or(doc.lines.len());
                return FoundSection {
                    spec,
                    status: SectionStatus::Present,
                    heading_line: Some(*line),
                    evidence: Some(doc.norm.original_range(title.clone())),
                    body: line + 1..end,
                };
            }
            if let Some(r) = statement(prose, &clauses, spec.statements, spec.heading_excludes) {
                let evidence = Some(body.original_range(r));
                return FoundSection { spec, status: SectionStatus::Present, heading_line: None, evidence, body: 0..0 };
            }
            let status = if mention(prose, spec).is_some() { SectionStatus::Mentioned } else { SectionStatus::Missing };
            FoundSection { spec, status, heading_line: None, evidence: None, body: 0..0 }
        })
        .collect()
}

/// The first clause that contains every word of one statement group; returns its range in the
/// prose the clauses come from.
/// A clause with an excluded word states another topic ("未发生有关政府信息公开申请的行政复议" is
/// about 复议, not about 申请).
fn statement(prose: &str, clauses: &[(usize, &str)], groups: &[&[&str]], excludes: &[&str]) -> Option<Range<usize>> {
    // A group whose words do not all occur in the prose cannot occur in one of its clauses.
    let groups: Vec<&[&str]> =
        groups.iter().copied().filter(|g| g.iter().all(|w| w.starts_with('#') || prose.contains(w))).collect();
    if groups.is_empty() {
        return None;
    }
    for &(start, clause) in clauses {
        if groups.iter().any(|g| g.iter().all(|w| word_in_clause(clause, w)))
            && !excludes.iter().any(|w| text::contains(clause, w))
        {
            return Some(start..start + clause.len());
        }
    }
    None
}

fn word_in_clause(clause: &str, w: &str) -> bool {
    match w {
        "#" => has_count(clause, &['件', '条', '项', '个', '次', '份']),
        "#件" => has_count(clause, &['件']),
        _ => text::contains(clause, w),
    }
}

/// A number followed by one of `units`, allowing "400多条" and "5500余件".
fn has_count(clause: &str, units: &[char]) -> bool {
    let mut after_number = false;
    for c in clause.chars() {
        if after_number && units.contains(&c) {
            return true;
        }
        after_number = c.is_ascii_digit() || (after_number && matches!(c, '多' | '余'));
    }
    false
}
