//! What the document says about itself: is it an annual report, its year, its publication date.

use super::{At, Findings};
use crate::report::facts;
use crate::report::Report;

pub fn not_annual_report(report: &Report, out: &mut Findings) {
    if report.is_annual_report() {
        return;
    }
    let title = &report.facts.title;
    let name = title.as_ref().map(|t| format!("“{}”", t.0)).unwrap_or_else(|| "输入内容".to_string());
    out.add("doc.not_annual_report", format!("{name}看起来不是政府信息公开工作年度报告，未作章节和表格检查"))
        .at_opt(title.as_ref().map(|t| At::Norm(t.1.clone())));
}

pub fn year_unknown(report: &Report, out: &mut Findings) {
    if let (None, Some(era)) = (&report.facts.year, report.era) {
        out.add("doc.year_unknown", format!("未找到报告年度，按 {} 年格式检查", era.as_str()));
    }
}

/// The statistics period's year against the report year, and sentences that open with an
/// earlier year ("2018年，我局……" in a 2019 report: last year's text left in).
pub fn year(report: &Report, out: &mut Findings) {
    let facts = &report.facts;
    let Some((year, yr)) = &facts.year else { return };
    if let Some((p, pr)) = &facts.period_year {
        if p != year {
            let title_line = report.span_of_norm(yr.clone()).line;
            out.add("doc.year_mismatch", format!("统计期限写的是 {p} 年，而报告年度为 {year} 年"))
                .at(At::Norm(pr.clone()))
                .hint(format!("标题在第 {title_line} 行；核对标题年份与统计期限"));
        }
    }
    let prose = &report.prose;
    for (start, raw) in crate::text::search::sentences(&prose.text) {
        let sentence = raw.trim_start();
        let offset = start + (raw.len() - sentence.len());
        // Only sentences that open with a year: "2018年，……".
        let b = sentence.as_bytes();
        if b.len() < 7 || !b[..4].iter().all(u8::is_ascii_digit) || !sentence[4..].starts_with('年') {
            continue;
        }
        let Some((y, _)) = facts::year_in(&sentence[..7]) else { continue };
        if y >= *year {
            continue;
        }
        let after = sentence[4..].trim_start_matches(['年', '度', ',', '，']);
        let opens_statement =
            ["我", "本", "全", "市", "县", "区", "局", "委", "共"].iter().any(|w| after.starts_with(w));
        let compares =
            ["比", "较", "相比", "同比", "以来", "至今", "以前", "之前"].iter().any(|w| sentence.contains(w));
        if opens_statement && !compares {
            out.add("doc.year_mismatch", format!("正文以“{y}年”叙述本年度工作，而报告年度为 {year} 年"))
                .at(At::Prose(offset..offset + 4));
        }
    }
}

/// The era's deadline for the agency's level (条例 第四十九条; 2008 条例 第三十一条).
pub fn deadline(report: &Report, out: &mut Findings) {
    let facts = &report.facts;
    let (Some(era), Some((year, _)), Some((published, pr))) = (report.era, &facts.year, &facts.published) else {
        return;
    };
    let Some(rule) = era.deadline(facts.agency_level) else { return };
    let Some(month_day) = rule.month_day else { return };
    let deadline = format!("{}-{month_day}", year + 1);
    if published.as_str() > deadline.as_str() {
        out.add("doc.late", format!("发布日期 {published} 晚于法定期限 {deadline}"))
            .at(At::Norm(pr.clone()))
            .hint(rule.rule);
    }
}
