//! The tables of 国办公开办函〔2019〕60号 (era `2019`, reports for 2019 and 2020).

use super::*;

const PROJECT_COLUMNS: &[ColumnSpec] = &[
    ColumnSpec { id: "previous", label: "上一年项目数量", kind: CellKind::Count },
    ColumnSpec { id: "change", label: "本年增/减", kind: CellKind::SignedCount },
    ColumnSpec { id: "decisions", label: "处理决定数量", kind: CellKind::Count },
];

pub(super) const TABLES: &[TableSpec] = &[
    TableSpec {
        id: ACTIVE,
        title: "主动公开政府信息情况",
        variant: Era::E2019,
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
        equations: &[],
    },
    TableSpec {
        id: APPLICATIONS,
        title: "收到和处理政府信息公开申请情况",
        variant: Era::E2019,
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
    },
    REVIEW_LITIGATION_TABLE,
];
