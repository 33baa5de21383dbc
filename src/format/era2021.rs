//! Era `2021`: reports for 2021 on, in the format of 国办公开办函〔2021〕30号 under the 2019 条例.

use super::*;

pub(super) const ERA: EraSpec = EraSpec {
    id: "2021",
    first_year: 2021,
    label: "2021 年格式",
    notice: "国办公开办函〔2021〕30号",
    sections: sections::NATIONAL_FORMAT,
    section_rule: SectionRule::Headings,
    missing_hint: NATIONAL_MISSING_HINT,
    missing_hints: NATIONAL_MISSING_HINTS,
    tables: TABLES,
    words: &["本年制发", "现行有效件数", "逾期不补正"],
    weak_words: &["第二十条", "本年新收政府信息公开申请"],
    deadlines: ARTICLE_49,
    statements: &[
        // 《政府信息公开信息处理费管理办法》: 六 states what was charged, or that nothing was.
        Statement {
            section: "other",
            level: None,
            requirements: &[Requirement {
                name: "信息处理费",
                anywhere: &["处理费"],
                in_section: &["收费", "收取", "费用"],
            }],
            message: "“六、其他需要报告的事项”未报告信息处理费的收取情况",
            hint: "依《政府信息公开信息处理费管理办法》写明收取金额，未收取的写明“未收取信息处理费”",
        },
        OVERSIGHT_RESULTS,
    ],
};

const DECISIONS: &[ColumnSpec] =
    &[ColumnSpec { id: "decisions", label: "本年处理决定数量", kind: CellKind::Count }];

pub(super) const TABLES: &[TableSpec] = &[
    TableSpec {
        id: ACTIVE,
        title: "主动公开政府信息情况",
        short: "主动公开表",
        variant: "2021",
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
        row_groups: &[],
        column_groups: &[],
    },
    TableSpec {
        id: APPLICATIONS,
        title: "收到和处理政府信息公开申请情况",
        short: "依申请公开表",
        variant: "2021",
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
        row_groups: APPLICATION_ROW_GROUPS,
        column_groups: APPLICANT_COLUMN_GROUPS,
    },
    REVIEW_LITIGATION_TABLE,
];
