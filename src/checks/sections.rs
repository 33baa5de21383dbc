//! Required sections: present, in order, and stating what the era requires of them.

use super::{At, Findings};
use crate::format::SectionRule;
use crate::report::{FoundSection, Report};
use crate::result::SectionStatus;

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
