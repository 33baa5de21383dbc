//! What the CLI's batch and the page's reviewer's table share (`nianbao::collection`): the
//! pairing of one agency's consecutive years and the summary rows, on real reports.

mod common;

use nianbao::collection::{summary_header, summary_row, year_pairs};
use nianbao::{check_bytes, CheckResult, Options};

fn check(path: &str) -> CheckResult {
    let bytes = std::fs::read(common::fixture_path(path)).unwrap();
    check_bytes(&bytes, &Options { name: path.to_string(), era: None })
}

#[test]
fn consecutive_years_pair_and_the_first_by_key_is_the_previous_year() {
    let (y2022, y2023, other) =
        (check("real/pingtan-2022.html"), check("real/pingtan-2023.html"), check("real/a-qu-tjj-2023-page.txt"));
    assert_eq!(y2022.document.agency, y2023.document.agency);
    // In any order of the list: indexes are of the list, the previous year first.
    assert_eq!(year_pairs(&[("b", &y2023), ("c", &other), ("a", &y2022)]), vec![(2, 0)]);
    assert_eq!(year_pairs(&[("a", &y2022), ("b", &y2023)]), vec![(0, 1)]);
    // The same 2022 report twice (a .docx and its web page): the first by key is compared.
    assert_eq!(year_pairs(&[("z-2022", &y2022), ("m-2023", &y2023), ("a-2022", &y2022)]), vec![(2, 1)]);
    // Not consecutive, or another agency: no pair.
    assert!(year_pairs(&[("a", &y2023), ("b", &other)]).is_empty());
    assert!(year_pairs(&[("a", &check("real/pingtan-2015.html")), ("b", &y2023)]).is_empty());
}

#[test]
fn a_summary_row_per_report_with_the_catalogue_columns() {
    let header = summary_header();
    assert_eq!(&header[..3], &["file", "agency", "year"]);
    assert_eq!(header.len(), 11 + nianbao::catalogue::CODES.len());
    let r = check("real/huaian-szf-2024.pdf");
    let row = summary_row("=淮安.pdf", &r);
    assert_eq!(row.len(), header.len());
    let field = |name: &str| row[header.iter().position(|h| *h == name).unwrap()].as_str();
    assert_eq!(field("file"), "'=淮安.pdf", "a name like a formula is defused");
    assert_eq!((field("agency"), field("year"), field("format"), field("reason")), ("淮安市人民政府", "2024", "pdf", ""));
    assert_eq!(field("errors"), r.summary.errors.to_string());
    let unreadable = check_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", &Options { name: "x.png".into(), era: None });
    let row = summary_row("x.png", &unreadable);
    assert!(!row[10].is_empty() && row[5].is_empty(), "{row:?}");
}
