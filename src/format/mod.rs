//! What each era requires, declared once as data (rules.md §2–§3).
//!
//! Sections, table blocks, rows, columns and equations are static tables; the stages that find
//! sections, map tables and check arithmetic read them and contain no era-specific control flow.
//! Adding the next national format means adding a module like [`tables2021`] and listing it in
//! [`table_formats`].

mod sections;
mod tables2019;
mod tables2021;

pub use sections::{section_specs, SectionSpec};

use crate::result::Era;

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

/// Σ lhs = Σ rhs, swept over rows or columns. `expected` is Σ rhs, `actual` Σ lhs.
#[derive(Debug)]
pub struct Equation {
    pub code: &'static str,
    pub sweep: Sweep,
    pub lhs: &'static [&'static str],
    pub rhs: &'static [&'static str],
    /// Message with `{at}` (where), `{expected}` and `{actual}`.
    pub message: &'static str,
    pub hint: &'static str,
}

#[derive(Debug)]
pub struct TableSpec {
    pub id: &'static str,
    pub title: &'static str,
    pub variant: Era,
    /// Section the table stands under.
    pub section: &'static str,
    /// Words in a label that show where the table text begins.
    pub anchors: &'static [&'static str],
    /// Label words found only in this variant of the table.
    pub variant_keys: &'static [&'static str],
    pub blocks: &'static [BlockSpec],
    pub equations: &'static [Equation],
}

impl TableSpec {
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

/// Every table format of every era that has national tables, newest first.
pub fn table_formats() -> &'static [&'static [TableSpec]] {
    &[tables2021::TABLES, tables2019::TABLES]
}

/// The table formats an era requires (none for 2008).
pub fn tables_for(era: Era) -> &'static [TableSpec] {
    match era {
        Era::E2008 => &[],
        Era::E2019 => tables2019::TABLES,
        Era::E2021 => tables2021::TABLES,
    }
}

/// All variants of one table, for detecting which one a report used.
pub fn variants_of(id: &str) -> impl Iterator<Item = &'static TableSpec> + '_ {
    table_formats().iter().flat_map(|ts| ts.iter()).filter(move |t| t.id == id)
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
    sweep: Sweep::EachRow,
    lhs: &["total"],
    rhs: &["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org"],
    message: "{at}·总计 应为 {expected}（各类申请人之和），实为 {actual}",
    hint: "核对这一行自然人、法人或其他组织各列之和与总计",
};

pub(crate) const BALANCE: Equation = Equation {
    code: "table.balance",
    sweep: Sweep::EachColumn,
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
            sweep: Sweep::EachRow,
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
    variant: Era::E2019,
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
};

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
            sweep: Sweep::EachColumn,
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
