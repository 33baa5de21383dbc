//! The real reports in tests/fixtures, each checked against what its README says a correct
//! checker reports. A missing fixture fails the test: these never skip.

mod common;

use common::fixture;
use nianbao::result::{CheckResult, Number, SectionStatus, Severity, TableStatus};
use nianbao::{check_text, Options};

fn check(path: &str) -> (String, CheckResult) {
    let text = fixture(path);
    let r = check_text(&text, &Options { name: path.to_string(), era: None });
    assert_spans_sound(&text, &r);
    (text, r)
}

/// Every span lies on character boundaries of the input and cells' raw text is what the span covers.
fn assert_spans_sound(text: &str, r: &CheckResult) {
    let ok = |s: usize, e: usize| s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e);
    for t in &r.tables {
        for c in &t.cells {
            assert!(ok(c.span.start, c.span.end), "cell span {:?}", c.span);
            assert_eq!(&text[c.span.start..c.span.end], c.raw);
        }
    }
    for d in &r.diagnostics {
        if let Some(s) = &d.span {
            assert!(ok(s.start, s.end), "diagnostic span {:?} of {}", s, d.code);
        }
    }
    for s in r.sections.iter().filter_map(|s| s.span.as_ref()) {
        assert!(ok(s.start, s.end));
    }
}

fn status(r: &CheckResult, id: &str) -> SectionStatus {
    r.sections.iter().find(|s| s.id == id).unwrap_or_else(|| panic!("section {id} listed")).status
}

fn table_status(r: &CheckResult, id: &str) -> TableStatus {
    r.tables.iter().find(|t| t.id == id).unwrap_or_else(|| panic!("table {id} listed")).status
}

fn value(r: &CheckResult, table: &str, row: &str, col: &str) -> Option<Number> {
    r.cell(table, row, col).unwrap_or_else(|| panic!("cell {table}/{row}/{col} read")).value
}

fn int(r: &CheckResult, table: &str, row: &str, col: &str) -> i64 {
    match value(r, table, row, col) {
        Some(Number::Int(i)) => i,
        other => panic!("{table}/{row}/{col} is {other:?}"),
    }
}

fn codes(r: &CheckResult, severity: Severity) -> Vec<(&'static str, Option<&'static str>)> {
    let mut v: Vec<_> =
        r.diagnostics.iter().filter(|d| d.severity == severity).map(|d| (d.code, d.section.or(d.table))).collect();
    v.sort();
    v
}

#[test]
fn jilin_2019_active_table_flattened_one_cell_per_line() {
    let (_, r) = check("seeds/jilin-kjj-2019.txt");
    let d = &r.document;
    assert!(d.is_annual_report);
    assert_eq!(d.year, Some(2019));
    assert_eq!(d.era.map(|e| e.as_str()), Some("2019"));
    assert_eq!(d.agency.as_deref(), Some("吉林市科技局"));
    assert_eq!(d.published.as_deref(), Some("2020-01-14"));
    for id in ["overview", "active_disclosure", "applications", "review_litigation", "problems"] {
        assert_eq!(status(&r, id), SectionStatus::Present, "{id}");
    }
    assert_eq!(status(&r, "other"), SectionStatus::Missing);

    let active = r.tables.iter().find(|t| t.id == "active").unwrap();
    assert_eq!(active.status, TableStatus::Present);
    assert_eq!(active.variant.map(|v| v.as_str()), Some("2019"));
    assert_eq!(active.cells.len(), 22, "all of 20.1, 20.5, 20.6, 20.8, 20.9");
    let expect = [
        ("20.1.regulations", ["new_made", "new_published", "total_published"], [0, 0, 0]),
        ("20.1.normative_documents", ["new_made", "new_published", "total_published"], [5, 5, 7]),
        ("20.5.licensing", ["previous", "change", "decisions"], [0, 1, 79]),
        ("20.5.other_services", ["previous", "change", "decisions"], [8, 0, 365]),
        ("20.6.penalty", ["previous", "change", "decisions"], [0, 0, 0]),
        ("20.6.coercion", ["previous", "change", "decisions"], [0, 0, 0]),
    ];
    for (row, cols, vals) in expect {
        for (c, v) in cols.iter().zip(vals) {
            assert_eq!(int(&r, "active", row, c), v, "{row}/{c}");
        }
    }
    assert_eq!(int(&r, "active", "20.8.fees", "previous"), 0);
    assert_eq!(int(&r, "active", "20.8.fees", "change"), 0);
    assert_eq!(int(&r, "active", "20.9.procurement", "projects"), 0);
    assert_eq!(int(&r, "active", "20.9.procurement", "amount"), 0);

    assert_eq!(table_status(&r, "applications"), TableStatus::Missing);
    assert_eq!(table_status(&r, "review_litigation"), TableStatus::Missing);
    assert_eq!(
        codes(&r, Severity::Error),
        vec![
            ("section.missing", Some("other")),
            ("table.missing", Some("applications")),
            ("table.missing", Some("review_litigation")),
        ]
    );
    assert!(codes(&r, Severity::Warning).is_empty(), "{:?}", codes(&r, Severity::Warning));
}

#[test]
fn huaian_2024_pdftotext_is_read_completely_and_consistent() {
    let (_, r) = check("real/huaian-szf-2024-pdftotext.txt");
    let d = &r.document;
    assert_eq!(d.year, Some(2024));
    assert_eq!(d.era.map(|e| e.as_str()), Some("2021"));
    assert_eq!(d.agency.as_deref(), Some("淮安市人民政府"));
    assert_eq!(d.agency_level, nianbao::result::AgencyLevel::Government);
    for s in &r.sections {
        assert_eq!(s.status, SectionStatus::Present, "{}", s.id);
    }
    for t in r.tables.iter().filter(|t| t.id != "review_litigation") {
        assert_eq!(t.status, TableStatus::Present, "{}", t.id);
        assert_eq!(t.variant.map(|v| v.as_str()), Some("2021"), "{}", t.id);
    }

    // 主动公开
    assert_eq!(int(&r, "active", "20.1.regulations", "issued"), 1);
    assert_eq!(int(&r, "active", "20.1.regulations", "in_force"), 11);
    assert_eq!(int(&r, "active", "20.1.normative_documents", "repealed"), 26);
    assert_eq!(int(&r, "active", "20.5.licensing", "decisions"), 447228);
    assert_eq!(int(&r, "active", "20.6.penalty", "decisions"), 3985758);
    assert_eq!(int(&r, "active", "20.6.coercion", "decisions"), 88283);
    assert_eq!(value(&r, "active", "20.8.fees", "amount_wan_yuan"), Some(Number::Dec(96171.6)));

    // 申请: 25 × 7, with rows 3.1/3.2 and 3.5.5/3.6.x whose labels the PDF displaced.
    let apps = r.tables.iter().find(|t| t.id == "applications").unwrap();
    assert_eq!(apps.cells.len(), 25 * 7);
    assert_eq!(int(&r, "applications", "1", "total"), 3119);
    assert_eq!(int(&r, "applications", "2", "total"), 34);
    assert_eq!(int(&r, "applications", "3.7", "total"), 3050);
    assert_eq!(int(&r, "applications", "4", "total"), 103);
    assert_eq!(int(&r, "applications", "3.1", "total"), 1362);
    assert_eq!(int(&r, "applications", "3.1", "legal_service"), 50);
    assert_eq!(int(&r, "applications", "3.2", "total"), 454);
    assert_eq!(int(&r, "applications", "3.3.8", "natural_person"), 105);
    assert_eq!(int(&r, "applications", "3.4.1", "total"), 769);
    assert_eq!(int(&r, "applications", "3.5.1", "total"), 62);
    assert_eq!(int(&r, "applications", "3.5.5", "total"), 1);
    assert_eq!(int(&r, "applications", "3.6.1", "total"), 71);
    assert_eq!(int(&r, "applications", "3.6.2", "total"), 6);
    assert_eq!(int(&r, "applications", "3.6.3", "total"), 110);
    assert_eq!(int(&r, "applications", "3.7", "natural_person"), 2932);

    // 复议/诉讼: pdftotext writes 72 64 178 37 12 1 1 6 351 13 4 8 1 26 20. The PDF's page 5
    // shows 复议 72/64/178/37/351, 未经复议直接起诉 13/4/8/1/26, 复议后起诉 12/1/1/6/20; dealt
    // the other way round (直接起诉 12/1/1/6/20) the numbers add up just as well, so the text
    // cannot tell the two 诉讼 groups apart: the table is unreadable, and the report not blamed.
    let t = r.tables.iter().find(|t| t.id == "review_litigation").unwrap();
    assert_eq!(t.status, TableStatus::Unreadable);
    let d = r.diagnostics.iter().find(|d| d.code == "table.unreadable").expect("says why");
    assert!(d.message.contains("无法唯一还原"), "{}", d.message);
    assert_eq!(d.severity, Severity::Warning);

    // No error findings; prose figures agree with the tables; 信息处理费 reported.
    assert_eq!(codes(&r, Severity::Error), vec![]);
    assert!(!r.diagnostics.iter().any(|d| d.code == "section.incomplete" && d.section == Some("other")));
    // A 人民政府 report without 考核/评议/追究 gets the (warning) reminder.
    assert_eq!(
        codes(&r, Severity::Warning),
        vec![("section.incomplete", Some("overview")), ("table.unreadable", Some("review_litigation"))]
    );
}

/// The same report with one prose figure edited must be caught at the edited figure.
#[test]
fn huaian_prose_figures_are_compared_with_the_tables() {
    let text = fixture("real/huaian-szf-2024-pdftotext.txt");
    let cases = [
        ("公开申请 3119 件", "公开申请 3118 件", "1", "total", 3119, 3118),
        ("复 3050 件", "复 3051 件", "3.7", "total", 3050, 3051),
        ("结转申请 34 件", "结转申请 35 件", "2", "total", 34, 35),
        ("另有 103 件", "另有 13 件", "4", "total", 103, 13),
    ];
    for (from, to, row, col, expected, actual) in cases {
        assert_eq!(text.matches(from).count(), 1, "{from}");
        let edited = text.replace(from, to);
        let r = check_text(&edited, &Options::default());
        let found: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "text.table_mismatch").collect();
        assert_eq!(found.len(), 1, "{to}: {:?}", r.diagnostics);
        let d = found[0];
        assert!(d.cells.iter().any(|c| c.row == row && c.column == col), "{to}: {:?}", d.cells);
        assert_eq!(d.expected, Some(Number::Int(expected)));
        assert_eq!(d.actual, Some(Number::Int(actual)));
        let span = d.span.expect("points at the figure");
        let at = &edited[span.start..span.end];
        assert!(at.contains(&actual.to_string()) && at.ends_with('件'), "{to}: span covers {at:?}");
    }
}

/// A changed table cell in the PDF text is caught, with the cell among those reported.
#[test]
fn huaian_changed_cell_is_caught() {
    let text = fixture("real/huaian-szf-2024-pdftotext.txt");
    // 1.属于国家秘密 自然人 2 → 3
    let edited = text.replacen("1.属于国家秘密\n\n2\n", "1.属于国家秘密\n\n3\n", 1);
    assert_ne!(edited, text);
    let r = check_text(&edited, &Options::default());
    let hits: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| {
            d.severity == Severity::Error && d.cells.iter().any(|c| c.row == "3.3.1" && c.column == "natural_person")
        })
        .map(|d| d.code)
        .collect();
    assert!(hits.contains(&"table.row_sum"), "{hits:?}");
    assert!(hits.contains(&"table.column_sum"), "{hits:?}");
    let d = r.diagnostics.iter().find(|d| d.code == "table.column_sum").unwrap();
    assert_eq!(d.expected, Some(Number::Int(2933)));
    assert_eq!(d.actual, Some(Number::Int(2932)));
}

#[test]
fn shucheng_2016_narrative_pre_2019() {
    let (_, r) = check("seeds/shucheng-kjj-2016.txt");
    assert_eq!(r.document.era.map(|e| e.as_str()), Some("2008"));
    assert_eq!(r.document.year, Some(2016));
    assert_eq!(r.document.published.as_deref(), Some("2017-01-10"));
    assert_eq!(status(&r, "active_disclosure"), SectionStatus::Present);
    assert_eq!(status(&r, "fees"), SectionStatus::Missing);
    assert_eq!(status(&r, "review_litigation"), SectionStatus::Missing);
    assert_ne!(status(&r, "applications"), SectionStatus::Present);
    assert!(r.tables.is_empty(), "no national tables before 2019");
    let errs = codes(&r, Severity::Error);
    assert!(errs.contains(&("section.missing", Some("fees"))));
    assert!(errs.contains(&("section.missing", Some("review_litigation"))));
    assert!(!r.diagnostics.iter().any(|d| d.code == "doc.late"));
}

#[test]
fn loudi_2017_three_part_local_structure() {
    let (_, r) = check("seeds/loudi-jxw-2017.txt");
    assert_eq!(r.document.era.map(|e| e.as_str()), Some("2008"));
    assert_eq!(r.document.agency.as_deref(), Some("市经信委"));
    assert_eq!(status(&r, "problems"), SectionStatus::Present);
    for id in ["fees", "review_litigation", "other"] {
        assert_eq!(status(&r, id), SectionStatus::Missing, "{id}");
    }
    assert_ne!(status(&r, "applications"), SectionStatus::Present);
}

#[test]
fn zhangdian_2012_traditional_with_pinyin_noise() {
    let (text, r) = check("seeds/zhangdian-kjj-2012-traditional-pinyin.txt");
    assert_eq!(r.source.script, nianbao::result::Script::Traditional);
    assert_eq!(r.document.era.map(|e| e.as_str()), Some("2008"));
    assert_eq!(r.document.title.as_deref(), Some("张店区科学技术局2012年政府信息公开工作年度报告"));
    assert_eq!(r.document.agency.as_deref(), Some("张店区科学技术局"));
    assert_eq!(r.document.published.as_deref(), Some("2013-03-29"));
    for s in &r.sections {
        assert_eq!(s.status, SectionStatus::Present, "{}", s.id);
    }
    assert!(!r.diagnostics.iter().any(|d| d.code == "doc.late"));
    assert_eq!(codes(&r, Severity::Error), vec![]);
    // Section spans point at the user's own (traditional, annotated) characters.
    let fees = r.sections.iter().find(|s| s.id == "fees").unwrap().span.unwrap();
    assert!(text[fees.start..fees.end].contains("收費(fèi)"), "{}", &text[fees.start..fees.end]);
}

#[test]
fn zibo_work_plan_is_not_an_annual_report() {
    let (_, r) = check("seeds/zibo-kjj-2017-workplan-not-a-report.txt");
    assert!(!r.document.is_annual_report);
    assert!(r.sections.is_empty() && r.tables.is_empty());
    assert_eq!(r.diagnostics.len(), 1);
    assert_eq!(r.diagnostics[0].code, "doc.not_annual_report");
    assert_eq!(r.summary.errors, 1);
}

/// The deadline: the same jilin report published after 1月31日 is late for a department.
#[test]
fn late_publication_is_reported() {
    let text = fixture("seeds/jilin-kjj-2019.txt").replace("发布日期:2020-01-14", "发布日期:2020-02-14");
    let r = check_text(&text, &Options::default());
    let late: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "doc.late").collect();
    assert_eq!(late.len(), 1);
    assert_eq!(late[0].severity, Severity::Warning);
    assert!(late[0].message.contains("2020-01-31"), "{}", late[0].message);
    let s = late[0].span.unwrap();
    assert_eq!(&text[s.start..s.end], "2020-02-14");
}

/// A 2022 report filled in on the 2019 tables is "未按新格式编制".
#[test]
fn outdated_table_format_for_the_year() {
    let text = fixture("seeds/jilin-kjj-2019.txt").replace("吉林市科技局2019年", "吉林市科技局2022年");
    let r = check_text(&text, &Options::default());
    assert_eq!(r.document.era.map(|e| e.as_str()), Some("2021"));
    let d: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "doc.format_outdated").collect();
    assert_eq!(d.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(d[0].table, Some("active"));
    let active = r.tables.iter().find(|t| t.id == "active").unwrap();
    assert_eq!(active.variant.map(|v| v.as_str()), Some("2019"), "mapped on its own format");
    assert_eq!(active.cells.len(), 22);
}

#[test]
fn statistics_period_year_must_match_the_title() {
    let text = fixture("real/huaian-szf-2024-pdftotext.txt").replace("统计期限自 2024 年", "统计期限自 2023 年");
    let r = check_text(&text, &Options::default());
    let d: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "doc.year_mismatch").collect();
    assert_eq!(d.len(), 1, "{:?}", r.diagnostics);
    let s = d[0].span.unwrap();
    assert_eq!(&text[s.start..s.end], "2023");
}

#[test]
fn last_years_text_left_in_the_body_is_reported() {
    let text =
        fixture("seeds/jilin-kjj-2019.txt").replace("2019年,我局在市政府科技局网站", "2018年,我局在市政府科技局网站");
    let r = check_text(&text, &Options::default());
    let d: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "doc.year_mismatch").collect();
    assert_eq!(d.len(), 1, "{:?}", r.diagnostics);
    let s = d[0].span.unwrap();
    assert_eq!(&text[s.start..s.end], "2018");
}

/// The same PDF through `pdftotext -layout`: its 复议/诉讼 row keeps the columns' order, so the
/// table reads as page 5 of the PDF shows it, and the prose's 复议/诉讼 figures are compared with it.
#[test]
fn huaian_layout_text_reads_review_in_true_order_and_checks_its_prose() {
    let text = fixture("real/c-huaian-szf-2024-pdftotext-layout.txt");
    let r = check_text(&text, &Options::default());
    assert_eq!(codes(&r, Severity::Error), vec![]);
    let review = [
        ("review", [72, 64, 178, 37, 351]),
        ("litigation_direct", [13, 4, 8, 1, 26]),
        ("litigation_after_review", [12, 1, 1, 6, 20]),
    ];
    for (group, vals) in review {
        for (col, v) in ["upheld", "corrected", "other", "pending", "total"].iter().zip(vals) {
            assert_eq!(int(&r, "review_litigation", "data", &format!("{group}.{col}")), v, "{group}.{col}");
        }
    }
    let cases = [
        ("政府信息公开行政复议 351\n件", "政府信息公开行政复议 350\n件", "review.total", 351, 350),
        ("结果纠正 64 件", "结果纠正 63 件", "review.corrected", 64, 63),
        ("行政诉讼 46 件", "行政诉讼 47 件", "litigation_direct.total", 46, 47),
    ];
    for (from, to, col, expected, actual) in cases {
        assert_eq!(text.matches(from).count(), 1, "{from}");
        let edited = text.replace(from, to);
        let r = check_text(&edited, &Options::default());
        let found: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "text.table_mismatch").collect();
        assert_eq!(found.len(), 1, "{to}: {:?}", r.diagnostics);
        assert!(found[0].cells.iter().any(|c| c.row == "data" && c.column == col), "{to}: {:?}", found[0].cells);
        assert_eq!((found[0].expected, found[0].actual), (Some(Number::Int(expected)), Some(Number::Int(actual))));
    }
}

/// The same PDF through pdf.js `getTextContent`, one line per page with every heading and row run
/// together: its line breaks are restored where the format declares them, the three tables read
/// whole (table 四 in the PDF's order), and a changed cell is still caught.
#[test]
fn huaian_pdfjs_text_content_reads_as_the_pdf_shows_it() {
    let (text, r) = check("real/c-huaian-szf-2024-pdfjs-textcontent.txt");
    assert_eq!(codes(&r, Severity::Error), vec![]);
    assert!(r.sections.iter().all(|s| s.status == SectionStatus::Present), "{:?}", r.sections);
    assert_eq!(r.document.title.as_deref(), Some("淮安市人民政府2024年政府信息公开工作年度报告"));
    assert_eq!(int(&r, "applications", "3.3.2", "total"), 31);
    assert_eq!(int(&r, "applications", "3.6.1", "total"), 71);
    assert_eq!(int(&r, "review_litigation", "data", "litigation_direct.total"), 26);
    // "属于国家秘密 2 0 0 0 0 0 22.其他法律…": the row's total and the next row's number.
    let edited = text.replace("2 0 0 0 0 0 22.其他法律", "2 0 0 0 0 0 32.其他法律");
    let r = check_text(&edited, &Options::default());
    let errors: Vec<&str> = codes(&r, Severity::Error).iter().map(|(c, _)| *c).collect();
    assert_eq!(errors, vec!["table.column_sum", "table.row_sum"], "{:?}", r.diagnostics);
}

/// A 2021 report whose 申请 table keeps the 2019 format's single （六）其他处理 row: the table is
/// read in the 2019 format it fits (its sums hold) and the report is told its format is outdated,
/// not that two rows are missing. Made from the real 淮安 text by merging its three （六） rows.
#[test]
fn a_2021_report_with_the_2019_other_processing_row_is_outdated_not_missing_rows() {
    let text = fixture("real/c-huaian-szf-2024-pdfjs-textcontent.txt");
    let (from, to) = (text.find("（六）其他处理").expect("（六）"), text.find("（七）总计").expect("（七）"));
    let merged = format!("{}（六）其他处理 181 5 0 0 1 0 187{}", &text[..from], &text[to..]);
    let r = check_text(&merged, &Options::default());
    assert_eq!(codes(&r, Severity::Error), vec![("doc.format_outdated", Some("applications"))], "{:?}", r.diagnostics);
    let t = r.tables.iter().find(|t| t.id == "applications").expect("applications");
    assert_eq!(t.variant, Some(nianbao::Era::parse("2019").expect("2019")));
    assert_eq!(int(&r, "applications", "3.6", "total"), 187);
    // The 复议/诉讼 table is the same in both formats: nothing to call outdated there.
    let review = r.tables.iter().find(|t| t.id == "review_litigation").expect("review");
    assert_eq!(review.variant, Some(nianbao::Era::parse("2021").expect("2021")));
}

/// "规范性文件", the 2019 label, as the row label of a 2021 table: the row is the 2021 format's
/// 行政规范性文件 row, and the format is not called outdated.
#[test]
fn the_2019_row_label_inside_a_2021_table_is_the_same_row() {
    let text = fixture("real/c-huaian-szf-2024-pdftotext-layout.txt").replace("行政规范性文件", "规范性文件");
    let r = check_text(&text, &Options::default());
    assert_eq!(codes(&r, Severity::Error), vec![], "{:?}", r.diagnostics);
    assert_eq!(int(&r, "active", "20.1.normative_documents", "in_force"), 66);
}

/// Counts the prose qualifies are other quantities than the table's (rules.md §4): a subset
/// outcome the format does not count, a different scope, a running total. Inserted into the real
/// 淮安 text, none of them is a mismatch; an unqualified restatement still is.
#[test]
fn qualified_and_sub_counts_in_the_prose_are_not_table_figures() {
    let text = fixture("real/c-huaian-szf-2024-pdftotext-layout.txt");
    let at = text.find("（三）政府信息管理情况").expect("section 一（三）");
    let with = |s: &str| format!("{}{s}\n{}", &text[..at], &text[at..]);
    for s in [
        "所有办结的申请中，同意公开答复9件，同意部分公开答复3件。",
        "全市各部门备案的行政复议案件134件。",
        "历年累计受理政府信息公开申请9000件。",
        "共受理政府信息公开申请3119件，比上年增加200件。",
    ] {
        let r = check_text(&with(s), &Options::default());
        assert_eq!(codes(&r, Severity::Error), vec![], "{s}: {:?}", r.diagnostics);
    }
    let r = check_text(&with("本年度共办结政府信息公开申请3049件。"), &Options::default());
    assert_eq!(codes(&r, Severity::Error), vec![("text.table_mismatch", Some("applications"))]);
}

/// pdftotext's column-block order: the 申请 table's row labels, then its numbers one column after
/// another. Built from the real 淮安 text's own table: read by rows nothing adds up, read by
/// columns everything does, so the table is read by columns (and says it was reordered). With one
/// number changed no order adds up, and the table is unreadable rather than wrong.
#[test]
fn a_table_written_column_after_column_is_read_by_its_equations() {
    let text = fixture("real/c-huaian-szf-2024-pdftotext-layout.txt");
    let r = check_text(&text, &Options::default());
    let table = r.tables.iter().find(|t| t.id == "applications").expect("applications");
    let (rows, columns) = (25, 7);
    assert_eq!(table.cells.len(), rows * columns);
    let spec = nianbao::Era::latest().spec().tables.iter().find(|t| t.id == "applications").expect("spec");
    let labels: Vec<&str> = spec.blocks[0].rows.iter().map(|r| r.label.rsplit('·').next().unwrap_or(r.label)).collect();
    assert_eq!(labels.len(), rows);
    let by_columns = |cells: &[String]| {
        (0..columns)
            .map(|k| (0..rows).map(|r| cells[r * columns + k].as_str()).collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
    };
    let raw: Vec<String> = table.cells.iter().map(|c| c.raw.clone()).collect();
    let (from, to) = (text.find("申请人情况").expect("header"), text.find("四、政府信息公开行政复议").expect("四"));
    let rewrite = |cells: &[String]| {
        format!(
            "{}申请人情况\n自然人\n法人或其他组织\n总计\n{}\n{}\n{}",
            &text[..from],
            labels.join("\n"),
            by_columns(cells).join("\n"),
            &text[to..]
        )
    };
    let r = check_text(&rewrite(&raw), &Options::default());
    assert_eq!(codes(&r, Severity::Error), vec![], "{:?}", r.diagnostics);
    assert!(r.diagnostics.iter().any(|d| d.code == "table.reordered"));
    assert_eq!(int(&r, "applications", "3.3.2", "total"), 31);
    assert_eq!(int(&r, "applications", "3.7", "commercial"), 53);
    let mut changed = raw.clone();
    changed[3 * columns] = "1289".to_string(); // （一）予以公开·自然人 1288
    let r = check_text(&rewrite(&changed), &Options::default());
    assert_eq!(codes(&r, Severity::Error), vec![], "{:?}", r.diagnostics);
    let t = r.tables.iter().find(|t| t.id == "applications").expect("applications");
    assert_eq!(t.status, TableStatus::Unreadable);
}

/// One wrong number fails a row equation and a column equation that cross at it: the findings
/// name that cell and the value that makes every equation hold. Two wrong numbers, or a wrong
/// number only one equation sees, are not explained by one cell, and nothing more is said.
#[test]
fn the_one_cell_that_explains_the_failed_equations_is_named() {
    let text = fixture("real/c-huaian-szf-2024-pdftotext-layout.txt");
    let suggestions = |edited: &str| {
        let r = check_text(edited, &Options::default());
        let failed: Vec<_> = r.diagnostics.iter().filter(|d| d.code.starts_with("table.")).collect();
        assert!(!failed.is_empty(), "the edit is caught");
        failed.iter().map(|d| d.suggestion.as_ref().map(|s| (s.row.clone(), s.column, s.value))).collect::<Vec<_>>()
    };
    let one = |row: &str, column: &'static str, v: i64| Some((row.to_string(), column, Number::Int(v)));
    // （一）予以公开·自然人 1288 → 1298: its row's 总计 and its column's （七）总计 fail by 10.
    let edited = text.replacen("  1288  ", "  1298  ", 1);
    assert_eq!(suggestions(&edited), vec![one("3.1", "natural_person", 1288); 2]);
    // （七）总计·自然人 2932 → 2933: its row, its column and the balance.
    let edited = text.replacen("  2932  ", "  2933  ", 1);
    assert_eq!(suggestions(&edited), vec![one("3.7", "natural_person", 2932); 3]);
    // Two wrong numbers: no single cell explains them.
    let edited = text.replacen("  1288  ", "  1298  ", 1).replacen("  746  ", "  747  ", 1);
    assert!(suggestions(&edited).iter().all(Option::is_none));
    // 复议·结果维持 72 → 73: only its group's 总计 sees it, so 72 and 351 are equally suspect.
    let edited = text.replacen("\n72   64 ", "\n73   64 ", 1);
    let r = check_text(&edited, &Options::default());
    let group: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "table.group_total").collect();
    assert_eq!(group.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(group[0].suggestion, None);
}

/// 上海市人民政府办公厅 2019 (real/d-shanghai-bgt-2019.html): a whole page body whose tables leave
/// their zeros blank (`&nbsp;`), the 总计 column of table 三 blank in most rows. A blank last cell
/// of an HTML row is a cell, not a border: the table is read, not given up as unreadable.
fn check_page(path: &str) -> CheckResult {
    let bytes = std::fs::read(format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))).expect("fixture");
    nianbao::check_bytes(&bytes, &Options { name: path.to_string(), era: None })
}

#[test]
fn shanghai_2019_blank_last_cells_of_html_rows_are_cells() {
    let r = check_page("real/d-shanghai-bgt-2019.html");
    assert_eq!(table_status(&r, "applications"), TableStatus::Present, "{:?}", r.diagnostics);
    assert_eq!(int(&r, "applications", "1", "natural_person"), 821);
    assert_eq!(int(&r, "applications", "1", "total"), 859);
    assert_eq!(int(&r, "applications", "3.1", "natural_person"), 258);
    assert_eq!(int(&r, "applications", "3.1", "other_org"), 1);
    assert_eq!(value(&r, "applications", "3.1", "total"), None, "the blank 总计 cell");
    assert_eq!(int(&r, "applications", "3.7", "total"), 805);
    assert_eq!(int(&r, "applications", "4", "total"), 72);
}

/// The same report's prose: "信息公开类行政复议7件，诉讼9件，均获维持" — the 9 is 诉讼 (table: 9),
/// named without 行政; it is not a 行政复议 count (table: 7). Its "均获维持" does contradict the
/// table (2 复议 and 1 诉讼 尚未审结), but the 复议后起诉 cells it would be summed with are blank,
/// and a blank cell is no figure to compare with: nothing is said of it.
#[test]
fn shanghai_2019_a_bare_litigation_count_is_litigation() {
    let r = check_page("real/d-shanghai-bgt-2019.html");
    let found: Vec<&str> =
        r.diagnostics.iter().filter(|d| d.code == "text.table_mismatch").map(|d| d.message.as_str()).collect();
    assert!(found.is_empty(), "{found:?}");
}

/// 贺州市 2009 (real/d-hezhou-szf-2009-notice-page.txt): the report published inside the notice
/// that publishes it ("关于公布" / "贺州市2009年度政府信息公开工作年度报告的通知", then the report's
/// own title on a line of its own and the report). The page is that report, not a notice about
/// reports: its title is the report's.
#[test]
fn a_notice_that_publishes_the_report_carries_the_report() {
    let r = check_page("real/d-hezhou-szf-2009-notice-page.txt");
    assert!(r.document.is_annual_report, "{:?}", r.diagnostics);
    assert_eq!(r.document.title.as_deref(), Some("贺州市2009年度政府信息公开工作年度报告"));
    assert_eq!(r.document.year, Some(2009));
    assert!(!r.diagnostics.iter().any(|d| d.code == "doc.not_annual_report"));
}

/// 文庙街道 2011 (real/d-wenmiao-jd-2011-page.txt): a crawled page that lost some paragraph
/// breaks, so that headings stand inside a line after the sentence before them ("…的需要。 三、依申请
/// 公开政府信息情况 目前,暂无依申请公开事项。 四、行政复议和诉讼情况"). A section heading of the
/// format after a sentence's end begins its own line: 三 and 四 are sections (no numbering gap from
/// 二 to 六, 复议诉讼 reported, not just mentioned).
#[test]
fn section_headings_run_into_the_sentence_before_them_are_headings() {
    let r = check_page("real/d-wenmiao-jd-2011-page.txt");
    assert!(!r.diagnostics.iter().any(|d| d.code == "doc.numbering"), "{:?}", r.diagnostics);
    for id in ["active_disclosure", "applications", "fees", "review_litigation", "problems"] {
        assert_eq!(status(&r, id), SectionStatus::Present, "{id}: {:?}", r.sections);
    }
}

/// 福全镇 2011 (real/d-fuquan-zhen-2011-submission-page.txt): the report sent up inside the
/// town's cover report "关于报送《2011年政府信息公开年度报告》的报 告", which then prints the report
/// under its own title "2011年政府信息公开年度报告". The page is that report; the words before the
/// year in the cover's title ("关于报送《") are no agency.
#[test]
fn a_cover_report_that_sends_up_the_report_carries_the_report() {
    let r = check_page("real/d-fuquan-zhen-2011-submission-page.txt");
    assert!(r.document.is_annual_report);
    assert_eq!(r.document.title.as_deref(), Some("2011年政府信息公开年度报告"));
    assert!(!r.document.agency.as_deref().is_some_and(|a| a.contains('《') || a.contains("报送")), "{:?}", r.document);
}
