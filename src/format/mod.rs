//! What each era requires, declared once as data (rules.md §1–§3).
//!
//! An era is a row of [`ERAS`]: the years it governs, the law and notice behind it, its required
//! sections, its tables (blocks, rows, columns, equations), the words that identify it, its
//! publication deadlines and what its sections must state. Every later stage reads these
//! declarations and none of them branches on a particular era, so the next national format is
//! one new file like [`era2021`] plus one entry in [`ERAS`].

mod describe;
mod era2008;
mod era2019;
mod era2021;
pub mod figures;
pub mod prose;
mod sections;

use std::fmt;

use serde::{Serialize, Serializer};

pub use describe::{formats, Formats};
pub use sections::SectionSpec;

/// Every era, newest first.
pub static ERAS: &[EraSpec] = &[era2021::ERA, era2019::ERA, era2008::ERA];

/// Which 条例 and report format govern a report: a handle on one row of [`ERAS`].
#[derive(Clone, Copy)]
pub struct Era(&'static EraSpec);

impl Era {
    /// The era of reports for `year`.
    pub fn from_year(year: u16) -> Era {
        Era::all().find(|e| e.first_year <= year).unwrap_or_else(Era::oldest)
    }

    /// The era whose id is `s` ("2008", "2019", "2021").
    pub fn parse(s: &str) -> Option<Era> {
        Era::all().find(|e| e.id == s)
    }

    /// All eras, newest first.
    pub fn all() -> impl Iterator<Item = Era> {
        ERAS.iter().map(Era)
    }

    pub fn latest() -> Era {
        Era(&ERAS[0])
    }

    pub fn oldest() -> Era {
        Era(&ERAS[ERAS.len() - 1])
    }

    pub fn as_str(self) -> &'static str {
        self.0.id
    }

    pub fn spec(self) -> &'static EraSpec {
        self.0
    }

    /// An `--era` / `{era: …}` option: "auto" (or nothing) lets the report year decide.
    pub fn parse_option(s: &str) -> Result<Option<Era>, String> {
        if s == "auto" {
            return Ok(None);
        }
        Era::parse(s).map(Some).ok_or_else(|| {
            let ids: Vec<&str> = Era::all().map(Era::as_str).collect::<Vec<_>>().into_iter().rev().collect();
            format!("未知的格式年代“{s}”，可选 auto、{}", ids.join("、"))
        })
    }
}

impl std::ops::Deref for Era {
    type Target = EraSpec;
    fn deref(&self) -> &EraSpec {
        self.0
    }
}

impl PartialEq for Era {
    fn eq(&self, other: &Era) -> bool {
        // One row of ERAS each.
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for Era {}

impl PartialOrd for Era {
    fn partial_cmp(&self, other: &Era) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Era {
    fn cmp(&self, other: &Era) -> std::cmp::Ordering {
        self.0.first_year.cmp(&other.0.first_year)
    }
}

impl fmt::Debug for Era {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Era({})", self.0.id)
    }
}

impl Serialize for Era {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.id)
    }
}

/// The level of the agency that publishes a report; deadlines and some requirements depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyLevel {
    Department,
    Government,
    Township,
    #[default]
    Unknown,
}

/// How an era's sections are recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionRule {
    /// By numbered headings in the official order (the national formats).
    Headings,
    /// By topic: a heading, or a statement of the topic's facts in the body (the 2008 条例, whose
    /// reports follow local structures).
    Topics,
}

/// A publication deadline: reports of `level` (any level when None) are due by `month_day` of
/// the following year; None where the law leaves it to local rules.
#[derive(Debug)]
pub struct Deadline {
    pub level: Option<AgencyLevel>,
    pub month_day: Option<&'static str>,
    /// The rule, quoted in the finding.
    pub rule: &'static str,
}

/// Something a present section must state when an agency of `level` (any when None)
/// publishes the report. Each requirement is met by one of its words anywhere in the report or
/// in the section's own body; the finding (`section.incomplete`) names the requirements not met.
#[derive(Debug)]
pub struct Statement {
    pub section: &'static str,
    pub level: Option<AgencyLevel>,
    pub requirements: &'static [Requirement],
    /// Message with `{missing}`: the names of the requirements not met, joined by 、.
    pub message: &'static str,
    pub hint: &'static str,
}

#[derive(Debug)]
pub struct Requirement {
    pub name: &'static str,
    /// Words that meet it anywhere in the report.
    pub anywhere: &'static [&'static str],
    /// Words that meet it in the section's body.
    pub in_section: &'static [&'static str],
}

/// One era: a row of [`ERAS`].
#[derive(Debug)]
pub struct EraSpec {
    /// "2021": the id in results and options.
    pub id: &'static str,
    /// The first report year the era governs (it lasts until the next era's).
    pub first_year: u16,
    /// Shown to users: "2021 年格式".
    pub label: &'static str,
    /// The notice or article that defines the format.
    pub notice: &'static str,
    pub sections: &'static [SectionSpec],
    pub section_rule: SectionRule,
    /// Hint of `section.missing`, and per section where it differs.
    pub missing_hint: &'static str,
    pub missing_hints: &'static [(&'static str, &'static str)],
    pub tables: &'static [TableSpec],
    /// Words only this era's tables use; the first era (newest first) whose words a report
    /// without a year uses is its era.
    pub words: &'static [&'static str],
    /// Weaker evidence, tried after every era's `words`.
    pub weak_words: &'static [&'static str],
    pub deadlines: &'static [Deadline],
    pub statements: &'static [Statement],
}

impl EraSpec {
    pub fn deadline(&self, level: AgencyLevel) -> Option<&Deadline> {
        self.deadlines.iter().find(|d| d.level.is_none_or(|l| l == level))
    }

    pub fn missing_hint(&self, section: &str) -> &'static str {
        self.missing_hints.iter().find(|(id, _)| *id == section).map_or(self.missing_hint, |(_, h)| h)
    }

    /// The era whose identifying words `text` uses, newest first; None when none does.
    pub fn identified_by(text: &str) -> Option<Era> {
        let uses = |words: &[&str]| words.iter().any(|w| text.contains(w));
        Era::all().find(|e| uses(e.words)).or_else(|| Era::all().find(|e| uses(e.weak_words)))
    }
}

/// 条例 第四十九条 (2019): departments by 1月31日, governments by 3月31日; 乡镇/街道 are not named
/// and their deadline is set locally.
pub(super) const ARTICLE_49: &[Deadline] = &[
    Deadline {
        level: Some(AgencyLevel::Department),
        month_day: Some("01-31"),
        rule: "条例第四十九条：县级以上人民政府部门每年1月31日前公布",
    },
    Deadline {
        level: Some(AgencyLevel::Government),
        month_day: Some("03-31"),
        rule: "条例第四十九条：县级以上地方人民政府每年3月31日前公布",
    },
    Deadline { level: Some(AgencyLevel::Township), month_day: None, rule: "" },
    Deadline {
        level: None, month_day: Some("03-31"), rule: "条例第四十九条：最迟于每年3月31日前公布"
    },
];

/// 条例 第五十条第（四）项: a government's report states 考核, 社会评议 and 责任追究 results.
pub(super) const OVERSIGHT_RESULTS: Statement = Statement {
    section: "overview",
    level: Some(AgencyLevel::Government),
    requirements: &[
        Requirement { name: "工作考核", anywhere: &["考核"], in_section: &[] },
        Requirement { name: "社会评议", anywhere: &["评议"], in_section: &[] },
        Requirement { name: "责任追究", anywhere: &["追究"], in_section: &[] },
    ],
    message: "人民政府的年度报告应报告{missing}结果情况，未找到",
    hint: "条例第五十条第（四）项：政府信息公开工作考核、社会评议和责任追究结果情况（30号格式列入“监督保障”）",
};

pub(super) const NATIONAL_MISSING_HINT: &str = "按国办公开办函规定的格式补上这一部分";
pub(super) const NATIONAL_MISSING_HINTS: &[(&str, &str)] =
    &[("other", "第五十条第（六）项；没有其他事项的也应写明，并报告信息处理费收取情况")];

/// Ids of the three statistical tables.
pub const ACTIVE: &str = "active";
pub const APPLICATIONS: &str = "applications";
pub const REVIEW_LITIGATION: &str = "review_litigation";

/// How a cell's text must read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// A non-negative integer.
    Count,
    /// An integer that may be negative (本年增/减, "减用负值表示").
    SignedCount,
    /// A decimal amount, possibly with a unit (元, 万元).
    Money,
}

#[derive(Debug)]
pub struct ColumnSpec {
    pub id: &'static str,
    pub label: &'static str,
    pub kind: CellKind,
}

#[derive(Debug)]
pub struct RowSpec {
    pub id: &'static str,
    /// Label as the official format prints it.
    pub label: &'static str,
    /// Words that identify the row in a label, longest match wins.
    pub keys: &'static [&'static str],
}

/// A block of a table: the 第二十条第（N）项 parts of `active`, or the whole of the others.
#[derive(Debug)]
pub struct BlockSpec {
    /// Prefix of row ids in the output ("20.1"); empty for single-block tables.
    pub id: &'static str,
    /// N of the "第二十条第（N）项" header; 0 when the block has no header.
    pub article_item: u8,
    pub rows: &'static [RowSpec],
    pub columns: &'static [ColumnSpec],
}

/// How an equation is applied across a table.
#[derive(Debug, Clone, Copy)]
pub enum Sweep {
    /// Once for every row: `lhs` and `rhs` name columns.
    EachRow,
    /// Once for every column: `lhs` and `rhs` name rows.
    EachColumn,
}

/// How the two sides of an equation must compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// Σ lhs = Σ rhs: arithmetic the format requires.
    Equal,
    /// Σ lhs ≤ Σ rhs: a plausibility rule. Blank cells are not reported for it; what is
    /// written is compared.
    AtMost,
}

impl Relation {
    /// Whether `actual` (Σ lhs) stands in this relation to `expected` (Σ rhs).
    pub fn holds(self, actual: i64, expected: i64) -> bool {
        match self {
            Relation::Equal => actual == expected,
            Relation::AtMost => actual <= expected,
        }
    }
}

/// Σ lhs (relation) Σ rhs, swept over the rows or columns of one block. The right-hand side
/// carries the expected value: `expected` is Σ rhs, `actual` Σ lhs, and the finding points at
/// the first lhs cell. The code's severity comes from the catalogue.
#[derive(Debug)]
pub struct Equation {
    pub code: &'static str,
    /// Id of the block the equation applies to ("" for a single-block table).
    pub block: &'static str,
    pub sweep: Sweep,
    pub relation: Relation,
    pub lhs: &'static [&'static str],
    pub rhs: &'static [&'static str],
    /// Message with `{at}` (where), `{expected}` and `{actual}`.
    pub message: &'static str,
    pub hint: &'static str,
}

impl Equation {
    /// Every instance of the equation over `block`'s grid of cells (row-major: position
    /// `row * columns + column`): the line it sweeps and the positions of its two sides. Empty
    /// when a side names no row or column of the block.
    pub fn instances(&self, block: &BlockSpec) -> Vec<(usize, Vec<usize>, Vec<usize>)> {
        let names = |id: &&str| match self.sweep {
            Sweep::EachRow => block.columns.iter().position(|c| c.id == *id),
            Sweep::EachColumn => block.rows.iter().position(|r| r.id == *id),
        };
        let (Some(lhs), Some(rhs)) = (
            self.lhs.iter().map(names).collect::<Option<Vec<usize>>>(),
            self.rhs.iter().map(names).collect::<Option<Vec<usize>>>(),
        ) else {
            return Vec::new();
        };
        let width = block.columns.len();
        let (lines, at): (usize, &dyn Fn(usize, usize) -> usize) = match self.sweep {
            Sweep::EachRow => (block.rows.len(), &|line, k| line * width + k),
            Sweep::EachColumn => (width, &|line, k| k * width + line),
        };
        (0..lines)
            .map(|line| {
                let side = |ks: &[usize]| ks.iter().map(|&k| at(line, k)).collect::<Vec<usize>>();
                (line, side(&lhs), side(&rhs))
            })
            .collect()
    }
}

#[derive(Debug)]
pub struct TableSpec {
    pub id: &'static str,
    pub title: &'static str,
    /// A short name for lists: "依申请公开表".
    pub short: &'static str,
    /// Id of the era whose format this is.
    pub variant: &'static str,
    /// Section the table stands under.
    pub section: &'static str,
    /// Words in a label that show where the table text begins.
    pub anchors: &'static [&'static str],
    /// Label words found only in this variant of the table.
    pub variant_keys: &'static [&'static str],
    pub blocks: &'static [BlockSpec],
    pub equations: &'static [Equation],
    /// Headers over several rows, by row id prefix ("3.3" → "（三）不予公开"), for display.
    pub row_groups: &'static [(&'static str, &'static str)],
    /// Headers over several columns, for display.
    pub column_groups: &'static [(&'static [&'static str], &'static str)],
}

impl TableSpec {
    /// The era of this format.
    pub fn era(&self) -> Era {
        Era::parse(self.variant).unwrap_or_else(Era::latest)
    }

    pub fn column(&self, id: &str) -> Option<&'static ColumnSpec> {
        self.blocks.iter().flat_map(|b| b.columns.iter()).find(|c| c.id == id)
    }

    /// The display label of a full row id ("20.1.regulations", "3.7", "data").
    pub fn row_label(&self, row: &str) -> &'static str {
        self.blocks
            .iter()
            .flat_map(|b| b.rows.iter().filter(move |r| is_row_id(b, r, row)))
            .map(|r| r.label)
            .next()
            .unwrap_or("")
    }
}

/// Whether `id` is the full row id of `row` in `block` (see [`row_id`]), without building it.
pub fn is_row_id(block: &BlockSpec, row: &RowSpec, id: &str) -> bool {
    if block.id.is_empty() {
        id == row.id
    } else {
        id.len() == block.id.len() + 1 + row.id.len() && id.starts_with(block.id) && id.ends_with(row.id)
    }
}

/// Full row id as it appears in results: `block.row` for blocked tables.
pub fn row_id(block: &BlockSpec, row: &RowSpec) -> String {
    if block.id.is_empty() {
        row.id.to_string()
    } else {
        format!("{}.{}", block.id, row.id)
    }
}

/// All variants of one table, newest first, for detecting which one a report used.
pub fn variants_of(id: &str) -> impl Iterator<Item = &'static TableSpec> + '_ {
    ERAS.iter().flat_map(|e| e.tables.iter()).filter(move |t| t.id == id)
}

// Pieces shared by both national formats.

pub const APPLICANT_COLUMNS: &[ColumnSpec] = &[
    ColumnSpec { id: "natural_person", label: "自然人", kind: CellKind::Count },
    ColumnSpec { id: "commercial", label: "商业企业", kind: CellKind::Count },
    ColumnSpec { id: "research", label: "科研机构", kind: CellKind::Count },
    ColumnSpec { id: "social_welfare", label: "社会公益组织", kind: CellKind::Count },
    ColumnSpec { id: "legal_service", label: "法律服务机构", kind: CellKind::Count },
    ColumnSpec { id: "other_org", label: "其他", kind: CellKind::Count },
    ColumnSpec { id: "total", label: "总计", kind: CellKind::Count },
];

// Rows of `active` that both formats share.
pub(crate) const REGULATIONS: RowSpec = RowSpec { id: "regulations", label: "规章", keys: &["规章"] };
pub(crate) const LICENSING: RowSpec = RowSpec { id: "licensing", label: "行政许可", keys: &["行政许可"] };
pub(crate) const PENALTY_COERCION: &[RowSpec] = &[
    RowSpec { id: "penalty", label: "行政处罚", keys: &["行政处罚"] },
    RowSpec { id: "coercion", label: "行政强制", keys: &["行政强制"] },
];
pub(crate) const FEES: &[RowSpec] =
    &[RowSpec { id: "fees", label: "行政事业性收费", keys: &["事业性收费"] }];

pub(crate) const APPLICATIONS_ANCHORS: &[&str] = &["本年新收政府信息公开申请", "申请人情况", "勾稽关系", "本年新收"];

pub(crate) const ROW_SUM: Equation = Equation {
    code: "table.row_sum",
    block: "",
    sweep: Sweep::EachRow,
    relation: Relation::Equal,
    lhs: &["total"],
    rhs: &["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org"],
    message: "{at}·总计 应为 {expected}（各类申请人之和），实为 {actual}",
    hint: "核对这一行自然人、法人或其他组织各列之和与总计",
};

pub(crate) const BALANCE: Equation = Equation {
    code: "table.balance",
    block: "",
    sweep: Sweep::EachColumn,
    relation: Relation::Equal,
    lhs: &["1", "2"],
    rhs: &["3.7", "4"],
    message: "{at}：一（新收）+ 二（上年结转）= {actual}，三（七）总计 + 四（结转下年度）= {expected}，两者应相等",
    hint: "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和",
};

/// 复议/诉讼 groups: total = upheld + corrected + other + pending.
macro_rules! group_total {
    ($g:literal) => {
        Equation {
            code: "table.group_total",
            block: "",
            sweep: Sweep::EachRow,
            relation: Relation::Equal,
            lhs: &[concat!($g, ".total")],
            rhs: &[concat!($g, ".upheld"), concat!($g, ".corrected"), concat!($g, ".other"), concat!($g, ".pending")],
            message: "{at} 应为 {expected}（结果维持 + 结果纠正 + 其他结果 + 尚未审结），实为 {actual}",
            hint: "核对这一组的维持、纠正、其他、尚未审结四项之和与总计",
        }
    };
}

pub(crate) const REVIEW_LITIGATION_TABLE: TableSpec = TableSpec {
    id: REVIEW_LITIGATION,
    title: "政府信息公开行政复议、行政诉讼情况",
    short: "复议诉讼表",
    variant: "2019",
    section: "review_litigation",
    anchors: &["未经复议直接起诉", "复议后起诉", "结果维持", "行政复议"],
    variant_keys: &[],
    blocks: &[BlockSpec {
        id: "",
        article_item: 0,
        rows: &[RowSpec { id: "data", label: "行政复议、行政诉讼", keys: &[] }],
        columns: &[
            ColumnSpec { id: "review.upheld", label: "行政复议·结果维持", kind: CellKind::Count },
            ColumnSpec { id: "review.corrected", label: "行政复议·结果纠正", kind: CellKind::Count },
            ColumnSpec { id: "review.other", label: "行政复议·其他结果", kind: CellKind::Count },
            ColumnSpec { id: "review.pending", label: "行政复议·尚未审结", kind: CellKind::Count },
            ColumnSpec { id: "review.total", label: "行政复议·总计", kind: CellKind::Count },
            ColumnSpec {
                id: "litigation_direct.upheld", label: "未经复议直接起诉·结果维持", kind: CellKind::Count
            },
            ColumnSpec {
                id: "litigation_direct.corrected", label: "未经复议直接起诉·结果纠正", kind: CellKind::Count
            },
            ColumnSpec {
                id: "litigation_direct.other", label: "未经复议直接起诉·其他结果", kind: CellKind::Count
            },
            ColumnSpec {
                id: "litigation_direct.pending", label: "未经复议直接起诉·尚未审结", kind: CellKind::Count
            },
            ColumnSpec {
                id: "litigation_direct.total", label: "未经复议直接起诉·总计", kind: CellKind::Count
            },
            ColumnSpec {
                id: "litigation_after_review.upheld", label: "复议后起诉·结果维持", kind: CellKind::Count
            },
            ColumnSpec {
                id: "litigation_after_review.corrected", label: "复议后起诉·结果纠正", kind: CellKind::Count
            },
            ColumnSpec {
                id: "litigation_after_review.other", label: "复议后起诉·其他结果", kind: CellKind::Count
            },
            ColumnSpec {
                id: "litigation_after_review.pending", label: "复议后起诉·尚未审结", kind: CellKind::Count
            },
            ColumnSpec { id: "litigation_after_review.total", label: "复议后起诉·总计", kind: CellKind::Count },
        ],
    }],
    equations: &[group_total!("review"), group_total!("litigation_direct"), group_total!("litigation_after_review")],
    row_groups: &[],
    column_groups: &[
        (&["review.upheld", "review.corrected", "review.other", "review.pending", "review.total"], "行政复议"),
        (
            &[
                "litigation_direct.upheld",
                "litigation_direct.corrected",
                "litigation_direct.other",
                "litigation_direct.pending",
                "litigation_direct.total",
            ],
            "行政诉讼·未经复议直接起诉",
        ),
        (
            &[
                "litigation_after_review.upheld",
                "litigation_after_review.corrected",
                "litigation_after_review.other",
                "litigation_after_review.pending",
                "litigation_after_review.total",
            ],
            "行政诉讼·复议后起诉",
        ),
    ],
};

/// Display groups of the applications table, as the official format merges them.
pub(crate) const APPLICATION_ROW_GROUPS: &[(&str, &str)] = &[
    ("3", "三、本年度办理结果"),
    ("3.3", "（三）不予公开"),
    ("3.4", "（四）无法提供"),
    ("3.5", "（五）不予处理"),
    ("3.6", "（六）其他处理"),
];
pub(crate) const APPLICANT_COLUMN_GROUPS: &[(&[&str], &str)] =
    &[(&["commercial", "research", "social_welfare", "legal_service", "other_org"], "法人或其他组织")];

/// Rows of the applications table; the formats differ only in （六）其他处理.
macro_rules! applications_rows {
    ($($other:expr),* $(,)?) => {
        &[
            RowSpec { id: "1", label: "一、本年新收政府信息公开申请数量", keys: &["本年新收", "新收政府信息公开申请"] },
            RowSpec { id: "2", label: "二、上年结转政府信息公开申请数量", keys: &["上年结转"] },
            RowSpec { id: "3.1", label: "（一）予以公开", keys: &["予以公开"] },
            RowSpec { id: "3.2", label: "（二）部分公开", keys: &["部分公开"] },
            RowSpec { id: "3.3.1", label: "（三）不予公开·1.属于国家秘密", keys: &["国家秘密"] },
            RowSpec { id: "3.3.2", label: "（三）不予公开·2.其他法律行政法规禁止公开", keys: &["其他法律", "行政法规禁止"] },
            RowSpec { id: "3.3.3", label: "（三）不予公开·3.危及“三安全一稳定”", keys: &["三安全一稳定", "危及"] },
            RowSpec { id: "3.3.4", label: "（三）不予公开·4.保护第三方合法权益", keys: &["第三方合法权益", "保护第三方"] },
            RowSpec { id: "3.3.5", label: "（三）不予公开·5.属于三类内部事务信息", keys: &["内部事务"] },
            RowSpec { id: "3.3.6", label: "（三）不予公开·6.属于四类过程性信息", keys: &["过程性信息"] },
            RowSpec { id: "3.3.7", label: "（三）不予公开·7.属于行政执法案卷", keys: &["行政执法案卷", "执法案卷"] },
            RowSpec { id: "3.3.8", label: "（三）不予公开·8.属于行政查询事项", keys: &["行政查询"] },
            RowSpec { id: "3.4.1", label: "（四）无法提供·1.本机关不掌握相关政府信息", keys: &["不掌握"] },
            RowSpec { id: "3.4.2", label: "（四）无法提供·2.没有现成信息需要另行制作", keys: &["没有现成信息", "另行制作"] },
            RowSpec { id: "3.4.3", label: "（四）无法提供·3.补正后申请内容仍不明确", keys: &["补正后申请", "仍不明确"] },
            RowSpec { id: "3.5.1", label: "（五）不予处理·1.信访举报投诉类申请", keys: &["信访举报投诉", "信访举报"] },
            RowSpec { id: "3.5.2", label: "（五）不予处理·2.重复申请", keys: &["重复申请"] },
            RowSpec { id: "3.5.3", label: "（五）不予处理·3.要求提供公开出版物", keys: &["公开出版物"] },
            RowSpec { id: "3.5.4", label: "（五）不予处理·4.无正当理由大量反复申请", keys: &["大量反复申请", "大量反复"] },
            RowSpec { id: "3.5.5", label: "（五）不予处理·5.要求行政机关确认或重新出具已获取信息", keys: &["重新出具", "确认或重新"] },
            $($other,)*
            RowSpec { id: "3.7", label: "（七）总计", keys: &["总计"] },
            RowSpec { id: "4", label: "四、结转下年度继续办理", keys: &["结转下年度", "下年度继续办理"] },
        ]
    };
}

/// （七）总计 = every outcome row; the formats differ only in （六）其他处理.
macro_rules! column_sum {
    ($($other:literal),* $(,)?) => {
        Equation {
            code: "table.column_sum",
            block: "",
            sweep: Sweep::EachColumn,
            relation: Relation::Equal,
            lhs: &["3.7"],
            rhs: &[
                "3.1", "3.2", "3.3.1", "3.3.2", "3.3.3", "3.3.4", "3.3.5", "3.3.6", "3.3.7", "3.3.8", "3.4.1",
                "3.4.2", "3.4.3", "3.5.1", "3.5.2", "3.5.3", "3.5.4", "3.5.5", $($other),*
            ],
            message: "（七）总计·{at} 应为 {expected}（各办理结果之和），实为 {actual}",
            hint: "核对（一）至（六）各行这一列之和与（七）总计",
        }
    };
}

pub(crate) use {applications_rows, column_sum};
