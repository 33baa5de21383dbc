//! Era `2019`: reports for 2019 and 2020, in the format of 国办公开办函〔2019〕60号 under the
//! 2019 条例.

use super::*;

pub(super) const ERA: EraSpec = EraSpec {
    id: "2019",
    first_year: 2019,
    label: "2019 年格式",
    notice: "国办公开办函〔2019〕60号",
    sections: sections::NATIONAL_FORMAT,
    section_rule: SectionRule::Headings,
    missing_hint: NATIONAL_MISSING_HINT,
    missing_hints: NATIONAL_MISSING_HINTS,
    tables: TABLES,
    words: &["本年新制作", "对外公开总数量"],
    weak_words: &[],
    deadlines: ARTICLE_49,
    statements: &[OVERSIGHT_RESULTS],
};

const PROJECT_COLUMNS: &[ColumnSpec] = &[
    ColumnSpec { id: "previous", label: "上一年项目数量", kind: CellKind::Count },
    ColumnSpec { id: "change", label: "本年增/减", kind: CellKind::SignedCount },
    ColumnSpec { id: "decisions", label: "处理决定数量", kind: CellKind::Count },
];

pub(super) const TABLES: &[TableSpec] = &[
    TableSpec {
        id: ACTIVE,
        title: "主动公开政府信息情况",
        short: "主动公开表",
        variant: "2019",
        section: "active_disclosure",
        anchors: &["第二十条", "信息内容"],
        variant_keys: &[
            "本年新制作",
            "本年新公开",
            "对外公开总数",
            "上一年项目数量",
            "本年增/减",
            "采购项目数量",
            "采购总金额",
        ],
        blocks: &[
            BlockSpec {
                id: "20.1",
                article_item: 1,
                rows: &[REGULATIONS, RowSpec { id: "normative_documents", label: "规范性文件", keys: &["规范性文件"] }],
                columns: &[
                    ColumnSpec { id: "new_made", label: "本年新制作数量", kind: CellKind::Count },
                    ColumnSpec { id: "new_published", label: "本年新公开数量", kind: CellKind::Count },
                    ColumnSpec { id: "total_published", label: "对外公开总数量", kind: CellKind::Count },
                ],
            },
            BlockSpec {
                id: "20.5",
                article_item: 5,
                rows: &[
                    LICENSING,
                    RowSpec {
                        id: "other_services", label: "其他对外管理服务事项", keys: &["对外管理服务"]
                    },
                ],
                columns: PROJECT_COLUMNS,
            },
            BlockSpec { id: "20.6", article_item: 6, rows: PENALTY_COERCION, columns: PROJECT_COLUMNS },
            BlockSpec {
                id: "20.8",
                article_item: 8,
                rows: FEES,
                columns: &[
                    ColumnSpec { id: "previous", label: "上一年项目数量", kind: CellKind::Count },
                    ColumnSpec { id: "change", label: "本年增/减", kind: CellKind::SignedCount },
                ],
            },
            BlockSpec {
                id: "20.9",
                article_item: 9,
                rows: &[RowSpec { id: "procurement", label: "政府集中采购", keys: &["集中采购"] }],
                columns: &[
                    ColumnSpec { id: "projects", label: "采购项目数量", kind: CellKind::Count },
                    ColumnSpec { id: "amount", label: "采购总金额", kind: CellKind::Money },
                ],
            },
        ],
        equations: &[Equation {
            code: "table.implausible",
            block: "20.1",
            sweep: Sweep::EachRow,
            relation: Relation::AtMost,
            lhs: &["new_published"],
            rhs: &["total_published"],
            message: "{at}：本年新公开数量 {actual} 大于对外公开总数量 {expected}",
            hint: "对外公开总数量应包含本年新公开的数量",
        }],
        row_groups: &[],
        column_groups: &[],
    },
    TableSpec {
        id: APPLICATIONS,
        title: "收到和处理政府信息公开申请情况",
        short: "依申请公开表",
        variant: "2019",
        section: "applications",
        anchors: APPLICATIONS_ANCHORS,
        variant_keys: &[],
        blocks: &[BlockSpec {
            id: "",
            article_item: 0,
            rows: applications_rows!(RowSpec { id: "3.6", label: "（六）其他处理", keys: &["其他处理"] }),
            columns: APPLICANT_COLUMNS,
        }],
        equations: &[ROW_SUM, column_sum!("3.6"), BALANCE],
        row_groups: APPLICATION_ROW_GROUPS,
        column_groups: APPLICANT_COLUMN_GROUPS,
    },
    REVIEW_LITIGATION_TABLE,
];
