//! The tables of 国办公开办函〔2021〕30号 (era `2021`, reports for 2021 on).

use super::*;

const DECISIONS: &[ColumnSpec] =
    &[ColumnSpec { id: "decisions", label: "本年处理决定数量", kind: CellKind::Count }];

pub(super) const TABLES: &[TableSpec] = &[
    TableSpec {
        id: ACTIVE,
        title: "主动公开政府信息情况",
        variant: Era::E2021,
        section: "active_disclosure",
        anchors: &["第二十条", "信息内容"],
        variant_keys: &["本年制发", "本年废止", "现行有效", "本年处理决定", "本年收费金额"],
        blocks: &[
            BlockSpec {
                id: "20.1",
                article_item: 1,
                rows: &[
                    REGULATIONS,
                    RowSpec { id: "normative_documents", label: "行政规范性文件", keys: &["规范性文件"] },
                ],
                columns: &[
                    ColumnSpec { id: "issued", label: "本年制发件数", kind: CellKind::Count },
                    ColumnSpec { id: "repealed", label: "本年废止件数", kind: CellKind::Count },
                    ColumnSpec { id: "in_force", label: "现行有效件数", kind: CellKind::Count },
                ],
            },
            BlockSpec { id: "20.5", article_item: 5, rows: &[LICENSING], columns: DECISIONS },
            BlockSpec { id: "20.6", article_item: 6, rows: PENALTY_COERCION, columns: DECISIONS },
            BlockSpec {
                id: "20.8",
                article_item: 8,
                rows: FEES,
                columns: &[ColumnSpec {
                    id: "amount_wan_yuan",
                    label: "本年收费金额（单位：万元）",
                    kind: CellKind::Money,
                }],
            },
        ],
        equations: &[],
    },
    TableSpec {
        id: APPLICATIONS,
        title: "收到和处理政府信息公开申请情况",
        variant: Era::E2021,
        section: "applications",
        anchors: APPLICATIONS_ANCHORS,
        variant_keys: &["逾期不补正", "收费通知", "不再处理其政府信息公开申请"],
        blocks: &[BlockSpec {
            id: "",
            article_item: 0,
            rows: applications_rows!(
                RowSpec {
                    id: "3.6.1",
                    label: "（六）其他处理·1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                    keys: &["逾期不补正"],
                },
                RowSpec {
                    id: "3.6.2",
                    label: "（六）其他处理·2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                    keys: &["收费通知", "缴纳费用"],
                },
                RowSpec { id: "3.6.3", label: "（六）其他处理·3.其他", keys: &["其他"] },
            ),
            columns: APPLICANT_COLUMNS,
        }],
        equations: &[ROW_SUM, column_sum!("3.6.1", "3.6.2", "3.6.3"), BALANCE],
    },
    REVIEW_LITIGATION_TABLE,
];
