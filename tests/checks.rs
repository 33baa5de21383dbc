//! Individual checks on small reports: cell domains, plausibility, inner requirements of
//! sections, order, and what happens to empty cells.

mod common;

use common::gen::{CellKey, Era, Layout, Report, Val, ACTIVE};
use nianbao::result::{AgencyLevel, CheckResult, Number, Severity};
use nianbao::{check_text, Options};

fn check(text: &str) -> CheckResult {
    check_text(text, &Options::default())
}

fn codes(r: &CheckResult) -> Vec<&'static str> {
    r.diagnostics.iter().map(|d| d.code).collect()
}

const REVIEW_ROW_TABLE: &str = "某某局2022年政府信息公开工作年度报告
一、总体情况
本年度工作正常。
四、政府信息公开行政复议、行政诉讼情况
| 行政复议 | | | | | 行政诉讼 |
| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
| CELLS |
";

fn review_table(cells: &str) -> String {
    REVIEW_ROW_TABLE.replace("CELLS", cells)
}

#[test]
fn text_and_negative_counts_are_invalid_cells() {
    let text = review_table("1 | 约2 | 0 | -1 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0");
    let r = check(&text);
    let invalid: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "table.cell_invalid").collect();
    assert_eq!(invalid.len(), 2, "{:?}", r.diagnostics);
    assert_eq!(invalid[0].cells[0].column, "review.corrected");
    assert!(invalid[0].message.contains("“约2”不是数字"), "{}", invalid[0].message);
    let s = invalid[0].span.unwrap();
    assert_eq!(&text[s.start..s.end], "约2");
    assert_eq!(invalid[1].cells[0].column, "review.pending");
    assert!(invalid[1].message.contains("不应为负数"));
    // The equation with an invalid cell is not evaluated (no arithmetic blamed on it).
    assert!(!codes(&r).contains(&"table.group_total"), "{:?}", r.diagnostics);
}

#[test]
fn empty_cells_are_reported_and_counted_as_zero() {
    let r = check(&review_table("1 | — | 0 | 0 | 2 | 0 | 0 | 0 | 0 | 0 | / | 0 | 0 | 0 | 0"));
    let empty: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "table.cell_empty").collect();
    assert_eq!(empty.len(), 2);
    assert_eq!(empty[0].severity, Severity::Warning);
    assert_eq!(
        r.cell("review_litigation", "data", "review.corrected").unwrap().value,
        None,
        "recorded as empty, not 0"
    );
    let sum: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "table.group_total").collect();
    assert_eq!(sum.len(), 1);
    assert_eq!(sum[0].expected, Some(Number::Int(1)));
    assert_eq!(sum[0].actual, Some(Number::Int(2)));
    assert!(sum[0].message.contains("空格按 0 计"), "{}", sum[0].message);
    assert!(sum[0].message.starts_with("行政复议·总计 应为 1"), "{}", sum[0].message);
    assert_eq!(sum[0].cells.len(), 5);
}

#[test]
fn township_reporting_regulations_is_implausible() {
    let mut rep = Report::generate(Era::E2021, 3);
    rep.agency = "城关镇人民政府".to_string();
    let key = CellKey::new(ACTIVE, "20.1.regulations", "issued");
    rep.set(&key, Val::int(2));
    rep.set(&CellKey::new(ACTIVE, "20.1.regulations", "repealed"), Val::int(0));
    rep.set(&CellKey::new(ACTIVE, "20.1.regulations", "in_force"), Val::int(0));
    let r = check(&rep.render(Layout::PipeRows));
    assert_eq!(r.document.agency_level, AgencyLevel::Township);
    let d: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "table.implausible").collect();
    assert_eq!(d.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(d[0].severity, Severity::Warning);
    assert_eq!(d[0].cells.len(), 1);
    assert!(d[0].cells.iter().any(|c| c.row == "20.1.regulations" && c.column == "issued"));
    assert!(d[0].message.contains("本年制发件数 2"), "{}", d[0].message);
    // 乡镇 deadlines are local: no lateness finding whatever the date.
    assert!(!codes(&r).contains(&"doc.late"));
}

#[test]
fn government_report_must_cover_assessment_review_and_accountability() {
    let mut rep = Report::generate(Era::E2021, 4);
    rep.agency = "某某县人民政府".to_string();
    let text = rep.render(Layout::CellPerLineBlank);
    let r = check(&text);
    assert_eq!(r.document.agency_level, AgencyLevel::Government);
    let d: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "section.incomplete").collect();
    assert_eq!(d.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(d[0].section, Some("overview"));
    assert!(d[0].message.contains("工作考核、社会评议、责任追究"), "{}", d[0].message);

    let covered = text.replacen(
        "一、总体情况\n",
        "一、总体情况\n本年度开展政府信息公开工作考核、社会评议，未发生责任追究情况。\n",
        1,
    );
    assert_ne!(covered, text);
    assert!(!codes(&check(&covered)).contains(&"section.incomplete"));
}

#[test]
fn fee_must_be_reported_from_2021() {
    let rep = Report::generate(Era::E2021, 5);
    let text = rep.render(Layout::TabRows);
    let six = text.find("六、其他需要报告的事项\n").unwrap() + "六、其他需要报告的事项\n".len();
    let without = format!("{}无其他需要报告的事项。\n", &text[..six]);
    let r = check(&without);
    let d: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "section.incomplete").collect();
    assert_eq!(d.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(d[0].section, Some("other"));
    assert_eq!(d[0].severity, Severity::Warning);
    assert!(check(&text).diagnostics.iter().all(|d| d.code != "section.incomplete"));
}

#[test]
fn sections_out_of_order_are_reported() {
    let rep = Report::generate(Era::E2019, 6);
    let text = rep.render(Layout::PipeRows);
    let five = text.find("五、存在的主要问题及改进情况").unwrap();
    let six = text.find("六、其他需要报告的事项").unwrap();
    // Swap 五 and 六.
    let swapped = format!("{}{}{}", &text[..five], &text[six..], &text[five..six]);
    let r = check(&swapped);
    let d: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "section.out_of_order").collect();
    assert_eq!(d.len(), 1, "{:?}", r.diagnostics);
    // 六 now stands before 五.
    assert_eq!(d[0].section, Some("other"));
    assert_eq!(r.summary.sections_present, 6);
}

#[test]
fn a_2019_report_with_2021_tables_is_a_variant_mismatch_not_an_error() {
    let rep = Report::generate(Era::E2021, 8);
    let text = rep.render(Layout::PipeRows).replacen(&format!("{}年", rep.year), "2020年", 1);
    let r = check(&text);
    assert_eq!(r.document.year, Some(2020));
    let variants: Vec<_> = r.tables.iter().map(|t| (t.id, t.variant.map(|v| v.as_str()))).collect();
    assert!(variants.contains(&("active", Some("2021"))), "{variants:?}");
    assert!(variants.contains(&("applications", Some("2021"))), "{variants:?}");
    assert!(codes(&r).contains(&"doc.format_mismatch"), "{:?}", r.diagnostics);
    assert!(!codes(&r).contains(&"doc.format_outdated"));
}

#[test]
fn missing_year_is_a_warning_and_the_tables_choose_the_era() {
    let rep = Report::generate(Era::E2021, 9);
    let text = rep.render(Layout::PipeRows);
    let title_end = text.find('\n').unwrap();
    let untitled = format!("{}政府信息公开工作年度报告{}", rep.agency, &text[title_end..])
        .replace(&format!("{}年", rep.year), "本年");
    let r = check(&untitled);
    assert_eq!(r.document.year, None, "{:?}", r.document);
    assert!(codes(&r).contains(&"doc.year_unknown"));
    assert_eq!(r.document.era.map(|e| e.as_str()), Some("2021"));
}
