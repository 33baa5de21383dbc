//! Every diagnostic code, declared once: its severity, what it means, the rule it comes from and
//! the hint a finding carries unless it says something more specific.
//!
//! Checks name a code and say what they found; [`crate::checks::Findings`] takes the severity and
//! the hint from here. The batch summary's columns, the code tables of the README and of
//! `docs/output-contract.md` (checked by a test) and the wasm `codes()` export all derive from
//! [`CODES`]. Its order is the order of the summary CSV's columns: new codes are appended.

use serde::Serialize;

use crate::result::Severity;

#[derive(Debug, Serialize)]
pub struct Code {
    pub code: &'static str,
    pub severity: Severity,
    /// When it is reported (the contract's "when" column).
    pub when: &'static str,
    /// The rule or source behind it.
    pub rule: &'static str,
    /// The default hint in Chinese; empty when every finding brings its own.
    pub hint: &'static str,
}

macro_rules! codes {
    ($($code:literal $sev:ident $when:literal, $rule:literal, $hint:literal;)*) => {
        /// Every code, in the order of the batch summary's columns.
        pub const CODES: &[Code] = &[$(Code { code: $code, severity: Severity::$sev, when: $when, rule: $rule, hint: $hint },)*];
    };
}

codes! {
    "input.empty" Error "the input (or the text read from a file) is empty",
        "", "";
    "input.too_large" Error "the input, or a part of a Word file once inflated, is over the size limit",
        "", "";
    "input.binary" Error "the bytes are not text nor a supported document (an image, a PDF, a zip that is not Word…)",
        "", "";
    "input.encoding" Error "the text is in no supported encoding (UTF-8, UTF-16, GB18030, Big5)",
        "", "";
    "input.broken" Error "a Word or PDF file that cannot be read (truncated, damaged, unsupported compression or encryption, a password)",
        "", "";
    "input.unreadable" Error "the file could not be read from disk (missing, no permission)",
        "", "";
    "input.internal_error" Error "checking this input failed inside the checker (a bug); the batch goes on",
        "", "";
    "input.table_too_large" Warning "a table was cut at the reading limits; the rest of the file was checked",
        "", "";
    "input.nesting" Warning "tables nested past the depth limit were read as plain text",
        "", "";
    "doc.not_annual_report" Error "the input is not an annual report (work plan, notice…); no section list follows",
        "rules.md §5",
        "年度报告应以“××年政府信息公开工作年度报告”为题，并按条例第五十条列出各部分";
    "doc.year_unknown" Warning "no report year could be found",
        "rules.md §1", "标题应写明年度，如“2024年政府信息公开工作年度报告”";
    "doc.year_mismatch" Error "title year, statistics period and body years disagree",
        "rules.md §4", "可能沿用了上一年报告的文字；核对年份";
    "doc.late" Warning "published after the deadline of its era",
        "条例第四十九条; 2008年条例第三十一条", "";
    "doc.format_outdated" Error "tables or headings of an older era than the report year requires",
        "国办公开办函〔2021〕30号", "未按新格式编制：按30号文的表格重新编制";
    "doc.format_mismatch" Warning "tables of a newer era than the report year",
        "rules.md §1", "核对报告年度与表格格式";
    "section.missing" Error "a required section/topic is absent (`section` field names it)",
        "条例第五十条; 2008年条例第三十二条", "";
    "section.mentioned_only" Warning "topic words appear but nothing is reported",
        "rules.md §2", "单列一部分，写明本年度的具体情况；没有发生的也应写明“未发生”";
    "section.out_of_order" Warning "required sections not in the official order",
        "rules.md §2", "按一至六的顺序排列各部分";
    "section.incomplete" Warning "a required element inside a section is absent (信息处理费 in 六; 考核/评议/追究 for 各级人民政府)",
        "条例第五十条", "";
    "table.missing" Error "the section exists but its table does not (or was an image)",
        "rules.md §3", "按格式附上统计表；若表格是图片，请改为文字表格";
    "table.unreadable" Warning "table text exists but could not be read reliably (mapped to the format, or its numbers put in order); the reading, not the report, is in doubt",
        "rules.md §6", "确认表格的行列与规定格式一致，或从原始文件复制表格";
    "table.row_missing" Error "a row of the format is absent",
        "rules.md §3", "按规定格式补上这一行；没有发生的填 0";
    "table.cell_empty" Warning "a cell a constraint needs is blank/—/-//",
        "rules.md §3.4", "填写数字；没有发生的填 0";
    "table.cell_invalid" Error "not a number where a number is required, or a negative count",
        "rules.md §3.4", "件数填非负整数；没有发生的填 0";
    "table.row_sum" Error "总计 ≠ sum of applicant columns",
        "rules.md §3.2", "";
    "table.column_sum" Error "（七）总计 ≠ sum of outcome rows",
        "rules.md §3.2", "";
    "table.balance" Error "一 + 二 ≠ 三（七） + 四",
        "rules.md §3.2", "";
    "table.group_total" Error "复议/诉讼 总计 ≠ 维持 + 纠正 + 其他 + 尚未审结",
        "rules.md §3.3", "";
    "table.implausible" Warning "e.g. 乡镇 reporting 规章; 新公开 > 对外公开总数",
        "rules.md §3.1", "";
    "table.reordered" Info "the table's numbers were scrambled by text extraction and restored by its own equations",
        "rules.md §6", "";
    "text.table_mismatch" Error "a figure in the prose contradicts the table",
        "rules.md §4", "核对正文与统计表";
    "crossyear.carry_over" Warning "last year's 结转下年度 ≠ this year's 上年结转",
        "rules.md §4", "核对上年结转数；如上年数据有更正，请在报告中说明";
    "crossyear.repetition" Warning "more than half of the body repeats last year's report",
        "rules.md §4", "";
    "crossyear.in_force" Info "现行有效件数 ≠ last year's + this year's 制发 − 废止",
        "rules.md §4", "现行有效件数的变化通常来自本年制发与废止；如有清理、失效，可在报告中说明";
    "table.blank" Warning "the table's rows are there but no number is filled in (blank or \"/\" cells); nothing is added up",
        "rules.md §3.4", "填写数字；没有发生的填 0";
    "input.no_text" Error "a PDF without readable text: a scan (pages are images) or fonts without a Unicode mapping",
        "", "";
    "profile.requirement" Warning "a requirement of the rule profile in use is not met (a section over its length limit, a keyword or a stated count missing)",
        "the profile file (--profile)", "";
    "batch.report_missing" Error "an agency of the roster (--roster) has no report in the batch",
        "条例第四十九条", "按名单核对：该机关应公布本年度报告";
    "batch.copied_text" Warning "much of the body (template and figures masked) is the same as another agency's report of the same year",
        "评估扣分：跨单位照抄", "";
    "batch.tables_identical" Warning "a statistical table is identical, cell for cell, to another agency's of the same year",
        "评估扣分：跨单位照抄", "核对统计表是否为本机关本年度的数据";
    "text.contradiction" Error "a statement of the prose that the tables or the prose contradict: 全部办结 while row 四 > 0, 未发生复议诉讼 while table 四 counts cases, 未收取信息处理费 beside an amount charged",
        "rules.md §4; 国办公开办函〔2021〕30号", "核对正文的表述与统计表";
    "text.percentage" Warning "a stated percentage that its counts in the same sentence do not give (rounding and truncation allowed)",
        "rules.md §4", "按正文中的件数重新计算百分比";
    "section.thin" Warning "a perfunctory part: 五 empty, \"无\", a few words or without improvement measures; 总体情况 without some of its five aspects (named)",
        "国办公开办函〔2021〕30号; 条例第五十条", "";
    "crossyear.tables_identical" Warning "every non-zero cell of the three tables equals last year's report (at least 8 such cells)",
        "rules.md §4", "按本年度实际数据重新统计";
    "crossyear.section_repeated" Warning "五 (存在的主要问题及改进情况) repeats last year's 五 (over 80 %)",
        "国办公开办函〔2021〕30号", "";
    "doc.numbering" Warning "top-level section numbers skip or restart (一、二、四 / 一、二、一)",
        "rules.md §2", "按一、二、三……的顺序连续编号";
    "text.date_malformed" Warning "a date that cannot be: 年 missing (202312月31日), month over 12, a day its month does not have",
        "rules.md §4", "核对日期的写法";
    "text.typo" Warning "a doubled word that is never legitimate (的的, 公开公开), a stray ASCII , ; : ( among full-width marks, a number mixing full-width and ASCII digits",
        "rules.md §4", "";
}

/// The declaration of `code`. Every code a check names is declared: a test runs every check
/// and asks for each code it reports.
pub fn lookup(code: &str) -> Option<&'static Code> {
    CODES.iter().find(|c| c.code == code)
}

/// The code table in Markdown, as the README and `docs/output-contract.md` show it.
pub fn markdown_table() -> String {
    let mut out = String::from("| code | severity | when |\n|---|---|---|\n");
    for c in CODES {
        let severity = match c.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        out.push_str(&format!("| `{}` | {} | {} |\n", c.code, severity, c.when));
    }
    out
}
