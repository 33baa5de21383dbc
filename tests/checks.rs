//! Individual checks on small reports: cell domains, plausibility, inner requirements of
//! sections, order, and what happens to empty cells.

mod common;

use common::gen::{Blank, BlankPattern, CellKey, Era, Layout, Report, Val, ACTIVE, APPLICATIONS};
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

// ---------------------------------------------------------------- blank cells and their place

fn cell_value(r: &CheckResult, table: &str, row: &str, column: &str) -> Option<Number> {
    r.cell(table, row, column).unwrap_or_else(|| panic!("no cell {table} {row} {column}: {:?}", r.tables)).value
}

/// No error about a table (the small reports here lack sections on purpose).
fn assert_no_table_error(r: &CheckResult) {
    let errors: Vec<_> = r.diagnostics.iter().filter(|d| d.severity == Severity::Error && d.table.is_some()).collect();
    assert!(errors.is_empty(), "{errors:?}");
}

fn empty_cells(r: &CheckResult) -> Vec<String> {
    r.diagnostics
        .iter()
        .filter(|d| d.code == "table.cell_empty")
        .flat_map(|d| d.cells.iter().map(|c| format!("{}/{}", c.row, c.column)))
        .collect()
}

const REVIEW_HEAD: &str = "某某局2022年政府信息公开工作年度报告
一、总体情况
本年度工作正常。
四、政府信息公开行政复议、行政诉讼情况
";

/// " | " rows without a border: a blank first or last cell leaves a "|" at the line's edge, which
/// is that cell, not a border (before, both were dropped and the row read 13 numbers of 15).
#[test]
fn blank_first_and_last_cells_of_a_piped_row_keep_their_columns() {
    let text = format!(
        "{REVIEW_HEAD}行政复议 | 行政诉讼\n结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉\n\
         结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计\n\
          | 1 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | \n"
    );
    let r = check(&text);
    assert!(!codes(&r).contains(&"table.unreadable"), "{:?}", r.diagnostics);
    assert_eq!(cell_value(&r, "review_litigation", "data", "review.upheld"), None);
    assert_eq!(cell_value(&r, "review_litigation", "data", "review.corrected"), Some(Number::Int(1)));
    assert_eq!(cell_value(&r, "review_litigation", "data", "litigation_after_review.pending"), Some(Number::Int(0)));
    assert_eq!(cell_value(&r, "review_litigation", "data", "litigation_after_review.total"), None);
    assert_eq!(empty_cells(&r), ["data/review.upheld", "data/litigation_after_review.total"]);
    assert_no_table_error(&r);
}

/// The same row with a border on every line ("|…|", Markdown): the edges are the border, and the
/// blank cells are the ones inside it.
#[test]
fn a_bordered_row_keeps_its_blank_edge_cells_inside_the_border() {
    let text = format!(
        "{REVIEW_HEAD}| 行政复议 | 行政诉讼 |\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n\
         | | 1 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | |\n"
    );
    let r = check(&text);
    assert_eq!(empty_cells(&r), ["data/review.upheld", "data/litigation_after_review.total"], "{:?}", r.diagnostics);
    assert_no_table_error(&r);
}

/// Space-aligned text (pdftotext -layout): a data row that starts with "/" belongs to the table
/// (before, the header lines were joined into one label too long to anchor the table, which then
/// began at the first number, and the three "/" before it were lost).
#[test]
fn a_space_aligned_row_starting_with_slashes_is_read_whole() {
    let heads = "结果维持    结果纠正    其他结果    尚未审结    总计";
    let text = format!(
        "{REVIEW_HEAD}行政复议    行政诉讼\n{heads}    未经复议直接起诉    复议后起诉\n{heads}    {heads}\n\
         /    /    /    3    3    /    /    /    1    1    /    /    /    /    /\n"
    );
    let r = check(&text);
    assert!(!codes(&r).contains(&"table.unreadable"), "{:?}", r.diagnostics);
    assert_eq!(cell_value(&r, "review_litigation", "data", "review.upheld"), None);
    assert_eq!(cell_value(&r, "review_litigation", "data", "review.pending"), Some(Number::Int(3)));
    assert_eq!(empty_cells(&r).len(), 11);
    assert_no_table_error(&r);
}

/// The 复议/诉讼 table with its header and no number (cells blank, or "/"): table.blank, as for
/// the other tables, not table.missing (before: an error that the table was missing).
#[test]
fn a_review_table_with_no_number_is_blank_not_missing() {
    for row in ["", "/ | / | / | / | / | / | / | / | / | / | / | / | / | / | /\n"] {
        let text = format!(
            "{REVIEW_HEAD}行政复议\n行政诉讼\n结果维持\n结果纠正\n其他结果\n尚未审结\n总计\n未经复议直接起诉\n复议后起诉\n{row}"
        );
        let r = check(&text);
        let t = r.tables.iter().find(|t| t.id == "review_litigation").unwrap();
        assert_eq!(t.status, nianbao::result::TableStatus::Present, "{row:?}: {:?}", r.diagnostics);
        assert!(codes(&r).contains(&"table.blank") && !codes(&r).contains(&"table.missing"), "{:?}", r.diagnostics);
        assert!(empty_cells(&r).is_empty());
    }
    // Prose naming the table's subject is no table.
    let r = check(&format!("{REVIEW_HEAD}本年度未发生行政复议、行政诉讼。\n"));
    assert!(codes(&r).contains(&"table.missing"), "{:?}", r.diagnostics);
}

/// Tab rows (a Word copy): a row left blank has no tab left once its line is trimmed, and a
/// row's blank first or last cells are tabs at the line's ends; every cell keeps its column
/// (before, the row was a label without numbers and the table unreadable).
#[test]
fn a_tab_row_left_blank_is_read_as_empty_cells() {
    let rep = Report::generate(Era::E2021, 1).with_blanks(Blank::Empty, BlankPattern::Every, 1);
    let blank_rows: Vec<String> = common::gen::app_rows(Era::E2021)
        .into_iter()
        .filter(|row| {
            common::gen::APP_COLUMNS.iter().all(|(c, _)| rep.blank(&CellKey::new(APPLICATIONS, *row, c)).is_some())
        })
        .map(str::to_string)
        .collect();
    assert!(!blank_rows.is_empty());
    let r = check(&rep.render(Layout::TabRows));
    assert!(!codes(&r).contains(&"table.unreadable"), "{:?}", r.diagnostics);
    for row in &blank_rows {
        for (c, _) in common::gen::APP_COLUMNS {
            assert_eq!(cell_value(&r, APPLICATIONS, row, c), None, "{row} {c}");
        }
    }
    assert_no_table_error(&r);
}

/// pdftotext prose wrapped right after a figure ("…办结 0") is no table row: a table with every
/// cell "—" is blank (before, the prose "0" was taken for its first number, and every "—" was
/// reported as an empty cell of a table that had numbers).
#[test]
fn prose_ending_in_a_figure_is_not_a_table_value() {
    let rep = Report::generate(Era::E2021, 3).with_blank_table(APPLICATIONS, Blank::Dash);
    let text = rep.render(Layout::Pdf);
    assert!(text.contains("办结 0\n"), "the prose wraps after the figure");
    let r = check(&text);
    assert!(codes(&r).contains(&"table.blank"), "{:?}", r.diagnostics);
    assert!(empty_cells(&r).is_empty());
}
