//! Required sections per era (rules.md §2), with the words real reports use for them.

/// One required section (eras 2019/2021) or topic (era 2008).
#[derive(Debug)]
pub struct SectionSpec {
    pub id: &'static str,
    /// Canonical heading, shown in the coverage checklist.
    pub title: &'static str,
    /// A heading addresses the section when it contains every word of one group.
    pub heading: &'static [&'static [&'static str]],
    /// Words that disqualify a heading (table row labels that look like headings).
    pub heading_excludes: &'static [&'static str],
    /// A clause of the body reports the topic when it contains every word of one group; `#`
    /// stands for a count ("3件", "12条"). Only used where a topic may be covered without a
    /// heading (era 2008).
    pub statements: &'static [&'static [&'static str]],
    /// Words whose presence means the topic is at least mentioned.
    pub mentions: &'static [&'static str],
}

pub(crate) const NATIONAL_FORMAT: &[SectionSpec] = &[
    SectionSpec {
        id: "overview",
        title: "一、总体情况",
        heading: &[&["总体情况"], &["概述"], &["概况"]],
        heading_excludes: &[],
        statements: &[],
        mentions: &[],
    },
    SectionSpec {
        id: "active_disclosure",
        title: "二、主动公开政府信息情况",
        heading: &[&["主动公开"]],
        heading_excludes: &["数量"],
        statements: &[],
        mentions: &["主动公开"],
    },
    SectionSpec {
        id: "applications",
        title: "三、收到和处理政府信息公开申请情况",
        heading: &[&["收到和处理"], &["依申请公开"], &["公开申请", "情况"], &["申请", "办理情况"]],
        heading_excludes: &["数量", "结转", "本年度办理结果"],
        statements: &[],
        mentions: &["依申请", "公开申请"],
    },
    SectionSpec {
        id: "review_litigation",
        title: "四、政府信息公开行政复议、行政诉讼情况",
        heading: &[&["行政复议"], &["行政诉讼"], &["复议", "诉讼"]],
        heading_excludes: &[],
        statements: &[],
        mentions: &["行政复议", "行政诉讼"],
    },
    SectionSpec {
        id: "problems",
        title: "五、存在的主要问题及改进情况",
        heading: &[&["存在", "问题"], &["问题", "改进"], &["不足", "改进"]],
        heading_excludes: &[],
        statements: &[],
        mentions: &["存在的问题", "存在问题", "改进"],
    },
    SectionSpec {
        id: "other",
        title: "六、其他需要报告的事项",
        heading: &[&["其他需要报告"], &["其他事项"], &["需要说明的事项"], &["其他需要说明"]],
        heading_excludes: &[],
        statements: &[],
        mentions: &["其他需要报告"],
    },
];

pub(crate) const ARTICLE_32_TOPICS: &[SectionSpec] = &[
    SectionSpec {
        id: "active_disclosure",
        title: "（一）主动公开政府信息的情况",
        heading: &[&["主动公开"]],
        heading_excludes: &[],
        statements: &[&["主动公开", "#"], &["公开", "信息", "#"], &["发布", "信息", "#"], &["更新", "信息", "#"]],
        mentions: &["主动公开"],
    },
    SectionSpec {
        id: "applications",
        title: "（二）依申请公开政府信息和不予公开政府信息的情况",
        heading: &[&["依申请"], &["申请", "办理"], &["公开申请"], &["不予公开"]],
        // "因政府信息公开申请行政复议、提起行政诉讼的情况" is the 复议诉讼 topic.
        heading_excludes: &["复议", "诉讼"],
        statements: &[
            &["申请", "#件"],
            &["未收到", "申请"],
            &["没有收到", "申请"],
            &["未接到", "申请"],
            &["无", "申请公开"],
            &["未发生", "申请"],
        ],
        mentions: &["依申请", "公开申请"],
    },
    SectionSpec {
        id: "fees",
        title: "（三）政府信息公开的收费及减免情况",
        heading: &[&["收费"], &["减免"]],
        heading_excludes: &[],
        statements: &[&["收费", "减免"], &["信息处理费"], &["未收取", "费"], &["没有收取", "费"], &["不收取", "费"]],
        mentions: &["减免", "信息公开收费", "处理费"],
    },
    SectionSpec {
        id: "review_litigation",
        title: "（四）因政府信息公开申请行政复议、提起行政诉讼的情况",
        heading: &[&["复议"], &["诉讼"]],
        heading_excludes: &[],
        statements: &[
            &["复议", "未"],
            &["复议", "没有"],
            &["复议", "#件"],
            &["诉讼", "未"],
            &["诉讼", "没有"],
            &["诉讼", "#件"],
        ],
        mentions: &["复议", "诉讼"],
    },
    SectionSpec {
        id: "problems",
        title: "（五）政府信息公开工作存在的主要问题及改进情况",
        heading: &[&["存在", "问题"], &["问题", "改进"], &["不足"], &["改进措施"]],
        heading_excludes: &[],
        statements: &[&["存在", "问题"], &["存在", "不足"], &["薄弱环节"]],
        // "问题" alone is any problem ("群众反映强烈的问题"): the topic's own words only. A
        // "五、下一步工作计划" with improvement measures and no problem stated (解放街道 2011) reports
        // half of the topic: mentioned, not missing.
        mentions: &["存在的问题", "存在问题", "不足之处", "改进措施", "改进情况", "整改", "下一步工作", "工作打算"],
    },
    SectionSpec {
        id: "other",
        title: "（六）其他需要报告的事项",
        heading: &[&["其他需要报告"], &["需要说明"], &["其他事项"], &["其他需要"]],
        heading_excludes: &[],
        statements: &[],
        mentions: &["其他需要报告", "需要说明"],
    },
];
