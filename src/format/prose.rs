//! What evaluators read the prose of a report for, declared as words (issue #14): statements
//! that the tables can contradict (`text.contradiction`), the parts a section must cover or
//! contain to be more than a formality (`section.thin`), and the doubled words that are never
//! legitimate (`text.typo`).
//!
//! Every list errs on the side of silence: a statement is only compared when its words leave no
//! other reading, because a false error on a correct report costs more than a missed warning.

use super::{APPLICATIONS, REVIEW_LITIGATION};

/// A statement of the prose that a table can contradict: the clause holds one group of `words`
/// (all of them, in that order) and none of `unless`; the sentence none of `unless_sentence`;
/// the cells then must all be 0, else the statement is contradicted.
pub struct Claim {
    /// What the prose says, for the message ("全部办结").
    pub what: &'static str,
    pub words: &'static [&'static [&'static str]],
    /// Words of the clause that change its meaning ("除…外", "无法").
    pub unless: &'static [&'static str],
    /// Words of the sentence that change its scope (last year's, another kind of request).
    pub unless_sentence: &'static [&'static str],
    /// Words one of which the sentence must hold to be about the table's matter.
    pub about: &'static [&'static str],
    pub table: &'static str,
    /// The cells (row, column) that must be 0 for the statement to hold, and what they are.
    pub cells: &'static [(&'static str, &'static str)],
    pub cells_what: &'static str,
}

/// Words that limit a statement to part of the year's matters ("除2件结转下年办理外，其余均已办结").
const EXCEPT: &[&str] = &["除", "其余", "以外", "外,", "之外"];
/// Other matters than 政府信息公开申请 that reports say are all handled (留言, 咨询, 来信…).
const OTHER_REQUESTS: &[&str] = &[
    "留言", "咨询", "投诉", "来信", "信件", "建议", "提案", "热线", "诉求", "工单", "12345", "上年", "结转", "复议",
    "诉讼",
];
/// Outcomes, not the absence of cases: "未发生被纠错的行政复议" says nothing about the count.
const OUTCOMES: &[&str] = &["纠错", "纠正", "败诉", "撤销", "确认违法", "维持", "被"];

pub const CLAIMS: &[Claim] = &[
    Claim {
        what: "申请全部办结",
        words: &[&["全部", "办结"], &["均已", "办结"], &["均", "办结"], &["全部", "办理完毕"], &["均已", "办理完毕"]],
        unless: EXCEPT,
        unless_sentence: OTHER_REQUESTS,
        about: &["申请"],
        table: APPLICATIONS,
        cells: &[("4", "total")],
        cells_what: "结转下年度继续办理",
    },
    Claim {
        what: "未发生行政复议和行政诉讼",
        words: &[
            &["未发生", "复议", "诉讼"],
            &["没有发生", "复议", "诉讼"],
            &["未出现", "复议", "诉讼"],
            &["无", "复议", "诉讼"],
            &["没有", "复议", "诉讼"],
        ],
        unless: OUTCOMES,
        unless_sentence: &["上年", "无法", "无论"],
        about: &["复议"],
        table: REVIEW_LITIGATION,
        cells: &[
            ("data", "review.total"),
            ("data", "litigation_direct.total"),
            ("data", "litigation_after_review.total"),
        ],
        cells_what: "行政复议、行政诉讼",
    },
    Claim {
        what: "未发生行政复议",
        words: &[&["未发生", "复议"], &["没有发生", "复议"], &["未出现", "复议"], &["无", "复议"], &["没有", "复议"]],
        unless: OUTCOMES,
        unless_sentence: &["上年", "无法", "无论", "诉讼"],
        about: &["复议"],
        table: REVIEW_LITIGATION,
        cells: &[("data", "review.total")],
        cells_what: "行政复议",
    },
    Claim {
        what: "未发生行政诉讼",
        words: &[&["未发生", "诉讼"], &["没有发生", "诉讼"], &["未出现", "诉讼"], &["无", "诉讼"], &["没有", "诉讼"]],
        unless: OUTCOMES,
        unless_sentence: &["上年", "无法", "无论", "复议"],
        about: &["诉讼"],
        table: REVIEW_LITIGATION,
        cells: &[("data", "litigation_direct.total"), ("data", "litigation_after_review.total")],
        cells_what: "行政诉讼",
    },
];

/// "未收取信息处理费" in one clause and an amount charged in another: words of each.
pub const FEE_NONE: &[&str] = &["未收取", "没有收取", "不收取", "未产生", "未发生", "免收"];
pub const FEE_NAME: &str = "信息处理费";
/// Words of a clause that make its amount no fee charged ("减免…元", "应收…元").
pub const FEE_NOT_CHARGED: &[&str] = &["未", "没有", "不", "免", "减", "应收", "退"];

/// Words a sentence uses to give the whole a percentage is of: "共受理59件，其中…".
pub const PERCENT_WHOLE: &[&str] = &["共", "合计", "总计", "总数"];
pub const PERCENT_PART: &str = "其中";
/// Units a count and its whole share ("件", "条").
pub const COUNT_UNITS: &[char] = &['件', '条', '个', '项', '篇', '次', '人'];

/// One aspect a section must cover, and the words (any one) that show it does.
pub struct Aspect {
    pub name: &'static str,
    pub words: &'static [&'static str],
}

/// The first report year whose 总体情况 must cover the five aspects: 国办公开办函〔2021〕30号 made
/// them its structure (the 60号 format of 2019 only asked for 总体情况).
pub const OVERVIEW_ASPECTS_SINCE: u16 = 2021;

/// The five aspects of 一、总体情况 (30号 format): 主动公开, 依申请公开, 政府信息管理,
/// 平台建设, 监督保障. Reports word them in many ways; any one word counts.
pub const OVERVIEW_ASPECTS: &[Aspect] = &[
    // "各栏目共刊发文稿、通知、公告、公示等44篇" (湛江市地方志办公室 2023) is 主动公开 in its words.
    Aspect { name: "主动公开", words: &["主动公开", "公开政府信息", "发布", "刊发"] },
    Aspect { name: "依申请公开", words: &["依申请", "公开申请", "申请公开"] },
    Aspect {
        name: "政府信息管理",
        // "认真梳理信息,明确公开内容、优化公开程序" (长安区统计局 2023) manages the information.
        words: &["信息管理", "信息资源", "公开属性", "清理", "梳理", "规范性文件", "公文", "目录", "保密审查", "审查"],
    },
    Aspect {
        name: "平台建设",
        words: &["平台", "网站", "政府网", "门户", "渠道", "新媒体", "公众号", "专栏", "公报", "政务服务"],
    },
    Aspect {
        name: "监督保障",
        words: &["监督", "保障", "考核", "培训", "评议", "责任", "组织领导", "领导小组", "机制"],
    },
];

/// Words of 五 that say what will be done about the problems. A 五 without any is perfunctory.
pub const IMPROVEMENT_WORDS: &[&str] = &[
    "改进",
    "措施",
    "整改",
    "下一步",
    "今后",
    "下步",
    "将",
    "加强",
    "强化",
    "完善",
    "提升",
    "提高",
    "推进",
    "规范",
    "健全",
    "落实",
    "加大",
    "持续",
    "优化",
];
/// 五 with fewer characters than this (without its heading) is "a few words".
pub const THIN_CHARS: usize = 30;

/// Doubled words that are never legitimate in a report. "了了" is left out ("为了了解"), as are
/// "的的" after 目 ("目的的") and before 确 ("的的确确").
/// ("人民政府政府信息公开", "公开申请申请人" and "信息信息化" are why 政府/申请/信息 are not here.)
pub const DOUBLED: &[&str] = &["的的", "公开公开", "进一步进一步", "年度年度"];
/// Characters that may stand before or after a doubled word and make it legitimate.
pub const DOUBLED_EXCEPT: &[(&str, &str)] = &[("的的", "目"), ("的的", "确"), ("的的", "有")];
