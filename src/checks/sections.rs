//! Required sections: present, in order, and stating what the era requires of them.

use super::{At, Findings};
use crate::format::prose::{IMPROVEMENT_WORDS, OVERVIEW_ASPECTS, OVERVIEW_ASPECTS_SINCE, THIN_CHARS};
use crate::format::SectionRule;
use crate::report::{FoundSection, Report};
use crate::result::SectionStatus;
use crate::text::document::LineKind;
use crate::text::search as text;

pub fn coverage(report: &Report, out: &mut Findings) {
    let Some(era) = report.era else { return };
    for s in &report.sections {
        match s.status {
            SectionStatus::Missing => {
                out.add("section.missing", format!("缺少“{}”", s.spec.title))
                    .section(s.spec.id)
                    .hint(era.missing_hint(s.spec.id));
            }
            SectionStatus::Mentioned => {
                out.add("section.mentioned_only", format!("提到了“{}”的内容，但没有报告具体情况", s.spec.title))
                    .section(s.spec.id);
            }
            SectionStatus::Present => {}
        }
    }
}

/// Headings in the official order, where the era numbers its sections.
pub fn order(report: &Report, out: &mut Findings) {
    if report.era.is_none_or(|e| e.section_rule != SectionRule::Headings) {
        return;
    }
    let mut last: Option<&FoundSection> = None;
    for s in report.sections.iter().filter(|s| s.heading_line.is_some()) {
        if let Some(prev) = last {
            if s.heading_line < prev.heading_line {
                out.add(
                    "section.out_of_order",
                    format!("“{}”排在“{}”之前，与规定顺序不符", s.spec.title, prev.spec.title),
                )
                .section(s.spec.id)
                .at_opt(s.evidence.clone().map(At::Text));
            }
        }
        if last.is_none_or(|p| s.heading_line > p.heading_line) {
            last = Some(s);
        }
    }
}

/// What the era requires present sections to state (信息处理费 in 六; 考核、评议、追究).
pub fn statements(report: &Report, out: &mut Findings) {
    let Some(era) = report.era else { return };
    let doc = &report.doc;
    let text = &doc.norm.text;
    for st in era.statements {
        if st.level.is_some_and(|l| l != report.facts.agency_level) {
            continue;
        }
        let Some(section) = report.section(st.section).filter(|s| s.status == SectionStatus::Present) else {
            continue;
        };
        let body: String = doc.lines[section.body.clone()].iter().map(|l| doc.line_text(l)).collect();
        let missing: Vec<&str> = st
            .requirements
            .iter()
            .filter(|r| !r.anywhere.iter().any(|w| text.contains(w)) && !r.in_section.iter().any(|w| body.contains(w)))
            .map(|r| r.name)
            .collect();
        if !missing.is_empty() {
            out.add("section.incomplete", st.message.replace("{missing}", &missing.join("、")))
                .section(st.section)
                .at_opt(section.evidence.clone().map(At::Text))
                .hint(st.hint);
        }
    }
}

/// The text of a section: what follows its heading on the heading's line, and the prose lines of
/// its body. None unless the next section's heading closes it: a section that runs to the end of
/// the text may have been cut off (a page's excerpt), and what is missing there is unknown.
fn closed_body(report: &Report, s: &FoundSection) -> Option<String> {
    let line = s.heading_line?;
    let doc = &report.doc;
    let closed = report.sections.iter().any(|o| o.heading_line == Some(s.body.end));
    if !closed {
        return None;
    }
    let mut body = String::new();
    if let LineKind::Heading(h) = &doc.lines[line].kind {
        body.push_str(&doc.norm.text[h.title.end..doc.lines[line].range.end]);
    }
    for l in &doc.lines[s.body.clone()] {
        if matches!(l.kind, LineKind::Text | LineKind::Heading(_)) {
            // Wrapped lines (PDF text) split words: "主动" / "公开".
            body.push_str(doc.line_text(l));
        }
    }
    Some(body)
}

fn cjk_chars(s: &str) -> usize {
    s.chars().filter(|c| matches!(c, '\u{4E00}'..='\u{9FFF}')).count()
}

/// Perfunctory parts (30号: "敷衍塞责"; 泉州鲤城: "未按照要素撰写"): 五 empty, "无", a few words or
/// without a word of improvement; 总体情况 without some of its five aspects.
pub fn thin(report: &Report, out: &mut Findings) {
    if report.era.is_none_or(|e| e.section_rule != SectionRule::Headings) {
        return;
    }
    for s in report.sections.iter().filter(|s| s.status == SectionStatus::Present) {
        let Some(body) = closed_body(report, s) else { continue };
        let at = s.evidence.clone().map(At::Text);
        let n = cjk_chars(&body);
        if s.spec.id == "problems" {
            let said = body.trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation() || c == '。');
            let problem = if n == 0 {
                "下没有内容".to_string()
            } else if n <= 3 {
                format!("只写了“{said}”")
            } else if n < THIN_CHARS {
                format!("只有 {n} 个字：“{said}”")
            } else if !IMPROVEMENT_WORDS.iter().any(|w| text::contains(&body, w)) {
                "只写了问题，没有写改进措施".to_string()
            } else {
                continue;
            };
            out.add("section.thin", format!("“{}”{problem}", s.spec.title))
                .section(s.spec.id)
                .at_opt(at)
                .hint("逐条写明存在的主要问题和下一步的改进措施");
        } else if s.spec.id == "overview" && report.era.is_some_and(|e| e.spec().first_year >= OVERVIEW_ASPECTS_SINCE) {
            let missing: Vec<&str> = OVERVIEW_ASPECTS
                .iter()
                .filter(|a| !a.words.iter().any(|w| text::contains(&body, w)))
                .map(|a| a.name)
                .collect();
            if !missing.is_empty() {
                out.add("section.thin", format!("“{}”没有写{}方面的情况", s.spec.title, missing.join("、")))
                    .section(s.spec.id)
                    .at_opt(at)
                    .hint("总体情况应分别写明主动公开、依申请公开、政府信息管理、平台建设、监督保障五个方面");
            }
        }
    }
}
