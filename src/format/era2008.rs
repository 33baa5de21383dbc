//! Era `2008`: reports for 2018 and earlier, under the 2008 条例 第三十二条, which names six topics
//! and prescribes no tables; reports follow local structures.

use super::*;

pub(super) const ERA: EraSpec = EraSpec {
    id: "2008",
    first_year: 0,
    label: "2008 年条例",
    notice: "2008年条例第三十二条",
    sections: sections::ARTICLE_32_TOPICS,
    section_rule: SectionRule::Topics,
    missing_hint: "2008年条例第三十二条要求报告这一事项；没有发生的也应写明",
    missing_hints: &[],
    tables: &[],
    words: &[],
    weak_words: &[],
    deadlines: &[Deadline {
        level: None, month_day: Some("03-31"), rule: "2008年条例第三十一条：每年3月31日前公布"
    }],
    statements: &[],
};
