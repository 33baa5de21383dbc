//! What the document says about itself: title, agency and its level, report year, era,
//! publication date, and whether it is an annual report at all (rules.md §1, §5).

use std::ops::Range;

use crate::format::{AgencyLevel, Era};
use crate::text::document::{Document, LineKind};
use crate::text::search as text;

#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub is_annual_report: bool,
    pub title: Option<(String, Range<usize>)>,
    pub agency: Option<String>,
    pub agency_level: AgencyLevel,
    pub year: Option<(u16, Range<usize>)>,
    /// The statistics period's year ("统计期限自2019年1月1日…"), when stated.
    pub period_year: Option<(u16, Range<usize>)>,
    pub published: Option<(String, Range<usize>)>,
}

impl Facts {
    pub fn era(&self) -> Option<Era> {
        self.year.as_ref().map(|(y, _)| Era::from_year(*y))
    }
}

/// Words of a report's name for itself.
fn names_annual_report(t: &str) -> bool {
    ["年度报告", "年报", "年度工作报告"].iter().any(|w| text::contains(t, w))
        && ["信息公开", "政务公开"].iter().any(|w| text::contains(t, w))
}

/// Titles of documents that resemble reports but are not (rules.md §5): the last words say what
/// a document is.
fn is_other_document_title(t: &str) -> bool {
    let t = t.trim_end_matches(['。', ' ', ')', '》']);
    ["通知", "方案", "要点", "意见", "指南", "目录", "计划", "函", "办法", "规定"].iter().any(|w| t.ends_with(w))
        || t.starts_with("关于印发")
}

pub fn read_facts(doc: &Document) -> Facts {
    let mut facts = Facts::default();
    let content: Vec<usize> = doc
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| matches!(l.kind, LineKind::Text | LineKind::Heading(_)))
        .map(|(i, _)| i)
        .take(14)
        .collect();

    facts.title = find_title(doc, &content);
    if facts.title.is_none() {
        facts.title = doc.meta.title.clone().filter(|(t, _)| names_annual_report(t));
    }
    let title_text = facts.title.as_ref().map(|(t, _)| t.as_str()).unwrap_or("");

    facts.year =
        facts.title.as_ref().and_then(|(t, r)| year_in(t).map(|(y, yr)| (y, r.start + yr.start..r.start + yr.end)));
    facts.period_year = statistics_period_year(&doc.norm.text);
    if facts.year.is_none() {
        facts.year = facts.period_year.clone().or_else(|| body_report_year(&doc.norm.text));
    }

    facts.published = doc.meta.published.clone().or_else(|| doc.meta.issued.clone());

    let text = &doc.norm.text;
    let work_plan_markers = text.matches("牵头").count() + text.matches("配合落实").count();
    let first = content.first().map(|&i| doc.line_text(&doc.lines[i])).unwrap_or("");
    // The last words of a title name the kind of document: "关于做好…年度报告编制工作的通知" is a notice.
    let titled_other =
        is_other_document_title(title_text) || (first.chars().count() <= 60 && is_other_document_title(first));
    let titled_report = names_annual_report(title_text) && !titled_other;
    // Before the year in a report's title stands its agency; a notice's title has other words there.
    facts.agency = facts
        .title
        .as_ref()
        .filter(|_| titled_report)
        .and_then(|(t, _)| agency_from_title(t))
        .or_else(|| doc.meta.agency.clone());
    facts.agency_level = facts.agency.as_deref().map(agency_level).unwrap_or_default();
    let headings = national_headings(doc);
    let structured = headings >= 4;
    facts.is_annual_report = if titled_report {
        true
    } else if titled_other || work_plan_markers >= 3 {
        structured && work_plan_markers < 3
    } else {
        structured || (headings >= 2 && facts.year.is_some() && names_annual_report(text))
    };
    facts
}

/// The report's own title, possibly split over two lines (agency on the first, as PDFs print it).
fn find_title(doc: &Document, content: &[usize]) -> Option<(String, Range<usize>)> {
    for (k, &i) in content.iter().enumerate() {
        let line = &doc.lines[i];
        let t = doc.line_text(line);
        if t.chars().count() > 80 || !names_annual_report(t) {
            continue;
        }
        let title = t.trim_end_matches(['。']);
        // "淮安市人民政府\n2024年政府信息公开工作年度报告": the agency stands on the line before.
        if title.starts_with(|c: char| c.is_ascii_digit()) && k > 0 {
            let prev_line = &doc.lines[content[k - 1]];
            let prev = doc.line_text(prev_line);
            if prev.chars().count() <= 30
                && !prev.contains(['。', ',', ':'])
                && agency_level(prev) != AgencyLevel::Unknown
            {
                return Some((format!("{prev}{title}"), prev_line.range.start..line.range.end));
            }
        }
        return Some((title.to_string(), line.range.start..line.range.start + title.len()));
    }
    // A document that is not a report still has a title: the first short line.
    content.first().map(|&i| &doc.lines[i]).and_then(|line| {
        let t = doc.line_text(line);
        (t.chars().count() <= 60).then(|| (t.to_string(), line.range.clone()))
    })
}

/// The first plausible year "YYYY年" in `t`.
pub fn year_in(t: &str) -> Option<(u16, Range<usize>)> {
    let b = t.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && t[i + 4..].starts_with('年')
        {
            let y: u16 = t[i..i + 4].parse().ok()?;
            if (2000..=2100).contains(&y) {
                return Some((y, i..i + 4));
            }
        }
        i += 1;
    }
    None
}

fn statistics_period_year(text: &str) -> Option<(u16, Range<usize>)> {
    for key in
        ["统计期限自", "统计期限为", "统计期限是", "统计期间为", "统计期间自", "统计时限为", "统计时间为", "统计期限从"]
    {
        if let Some(i) = text.find(key) {
            let from = i + key.len();
            let window_end = (from + 12).min(text.len());
            let window_end = (window_end..=text.len()).find(|&e| text.is_char_boundary(e)).unwrap_or(text.len());
            if let Some((y, r)) = year_in(&text[from..window_end]) {
                return Some((y, from + r.start..from + r.end));
            }
        }
    }
    None
}

/// "2019年度政府信息公开…" / "2019年政府信息公开工作" in the body.
fn body_report_year(text: &str) -> Option<(u16, Range<usize>)> {
    let mut from = 0;
    while let Some((y, r)) = year_in(&text[from..]) {
        let abs = from + r.start..from + r.end;
        let after = &text[abs.end..];
        let after = after.strip_prefix("年度").or_else(|| after.strip_prefix('年')).unwrap_or(after);
        if after.starts_with("政府信息公开") || after.starts_with("政务公开工作年度报告") {
            return Some((y, abs));
        }
        from = abs.end;
    }
    None
}

/// The agency is what the title says before the year: "吉林市科技局2019年…" → 吉林市科技局.
fn agency_from_title(title: &str) -> Option<String> {
    let (_, r) = year_in(title)?;
    let agency = title[..r.start].trim().trim_end_matches(['(', '（']).trim();
    let agency = agency.strip_prefix("关于").unwrap_or(agency);
    (!agency.is_empty() && agency.chars().count() <= 40).then(|| agency.to_string())
}

/// Level of an agency from its name (第四十九条 deadlines differ by level).
pub fn agency_level(name: &str) -> AgencyLevel {
    let n = name.trim();
    let township_ends = ["镇人民政府", "乡人民政府", "镇政府", "乡政府", "街道办事处", "街道办", "街道", "镇", "乡"];
    if township_ends.iter().any(|e| n.ends_with(e)) && !n.ends_with("城乡") {
        return AgencyLevel::Township;
    }
    if n.ends_with("人民政府") || n.ends_with("政府") {
        return AgencyLevel::Government;
    }
    let department_ends = [
        "局",
        "委",
        "委员会",
        "办",
        "办公室",
        "办公厅",
        "厅",
        "部",
        "署",
        "院",
        "中心",
        "所",
        "站",
        "队",
        "会",
        "处",
        "馆",
        "司",
    ];
    if department_ends.iter().any(|e| n.ends_with(e)) {
        return AgencyLevel::Department;
    }
    AgencyLevel::Unknown
}

/// How many lines are headings of the national format's sections; a structural sign of a report.
fn national_headings(doc: &Document) -> usize {
    let specs = Era::latest().sections;
    let mut seen = [false; 8];
    for line in &doc.lines {
        if let LineKind::Heading(h) = &line.kind {
            let t = doc.text(&h.title);
            for (k, s) in specs.iter().enumerate() {
                if super::sections::heading_matches(s, t) {
                    seen[k] = true;
                }
            }
        }
    }
    seen.iter().filter(|&&b| b).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels() {
        assert_eq!(agency_level("吉林市科技局"), AgencyLevel::Department);
        assert_eq!(agency_level("淮安市人民政府"), AgencyLevel::Government);
        assert_eq!(agency_level("淮安市人民政府办公室"), AgencyLevel::Department);
        assert_eq!(agency_level("城关镇人民政府"), AgencyLevel::Township);
        assert_eq!(agency_level("新华街道办事处"), AgencyLevel::Township);
        assert_eq!(agency_level("报告"), AgencyLevel::Unknown);
    }
}
