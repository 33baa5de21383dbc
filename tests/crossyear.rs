//! Two reports of one agency: carry-over, 现行有效件数, and repeated text, measured on pairs
//! whose overlap is known.

mod common;

use common::fixture;
use common::gen::{Era, Layout, Report};
use nianbao::repeated_share;
use nianbao::result::{Number, Severity};
use nianbao::{check_pair, check_text, Options};

/// The prose paragraphs of a fixture (lines long enough not to be table cells).
fn prose(path: &str) -> Vec<String> {
    fixture(path)
        .lines()
        .map(str::trim)
        .filter(|l| l.chars().count() >= 30 && !l.contains('|'))
        .map(String::from)
        .collect()
}

#[test]
fn repetition_of_different_reports_is_near_zero() {
    let share = repeated_share(
        &fixture("seeds/zhangdian-kjj-2012-traditional-pinyin.txt"),
        &fixture("seeds/jilin-kjj-2019.txt"),
    );
    assert!(share < 0.05, "{share}");
    let share = repeated_share(&fixture("seeds/loudi-jxw-2017.txt"), &fixture("seeds/shucheng-kjj-2016.txt"));
    assert!(share < 0.05, "{share}");
}

#[test]
fn the_same_report_but_for_the_year_is_all_repetition() {
    let last = fixture("seeds/jilin-kjj-2019.txt");
    let this = last.replace("2019", "2020").replace("2020-01-14", "2021-01-12");
    assert!(repeated_share(&last, &this) > 0.97);
    let r = check_pair(&last, &this, &Options::default());
    let d: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "crossyear.repetition").collect();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].severity, Severity::Warning);
    assert!(
        d[0].message.contains("100%") || d[0].message.contains("99%") || d[0].message.contains("98%"),
        "{}",
        d[0].message
    );
    let span = d[0].span.expect("points at the longest repeated passage");
    assert!(span.end - span.start > 300, "{span:?}");
    assert!(this[span.start..span.end].contains("政务公开"));
}

#[test]
fn half_repeated_reads_about_half() {
    let a = prose("real/huaian-szf-2024-pdftotext.txt").concat();
    let b = prose("seeds/loudi-jxw-2017.txt").concat();
    let c = prose("seeds/shucheng-kjj-2016.txt").concat();
    let half = |s: &str, n: usize| s.chars().take(n).collect::<String>();
    let n = 600;
    // Last year: A then C. This year: the same first part of A, then B of the same length.
    let last = format!("一、总体情况\n{}\n{}\n", half(&a, n), half(&c, n));
    let this = format!("一、总体情况\n{}\n{}\n", half(&a, n), half(&b, n));
    let share = repeated_share(&last, &this);
    // Whitespace is not counted: the repeated part is A's characters among all of this year's.
    let counted = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count() as f64;
    let expected = counted(&half(&a, n)) / (counted(&half(&a, n)) + counted(&half(&b, n)));
    assert!((0.4..=0.6).contains(&expected), "{expected}");
    assert!((share - expected).abs() < 0.02, "share {share}, expected {expected}");
    // Up to the limit it is not a finding.
    let r = check_pair(&last, &this, &Options::default());
    assert!(!r.diagnostics.iter().any(|d| d.code == "crossyear.repetition"));
}

fn int(v: Option<Number>) -> Option<i64> {
    match v {
        Some(Number::Int(i)) => Some(i),
        _ => None,
    }
}

#[test]
fn carry_over_and_in_force_follow_last_year() {
    let last = Report::generate(Era::E2021, 31);
    let mut this = Report::generate(Era::E2021, 32);
    this.agency = last.agency.clone();
    this.year = last.year + 1;
    let (last_text, this_text) = (last.render(Layout::TabRows), this.render(Layout::TabRows));
    let (prev, cur) = (check_text(&last_text, &Options::default()), check_text(&this_text, &Options::default()));
    assert!(nianbao::consecutive(&prev, &cur));

    let r = check_pair(&last_text, &this_text, &Options::default());
    // A carry-over warning on exactly the columns where last year's 四 differs from this year's 二.
    let columns = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"];
    let differing: Vec<&str> = columns
        .iter()
        .copied()
        .filter(|c| {
            int(prev.cell("applications", "4", c).and_then(|x| x.value))
                != int(cur.cell("applications", "2", c).and_then(|x| x.value))
        })
        .collect();
    assert!(!differing.is_empty(), "independent seeds differ somewhere");
    let warned: Vec<&str> =
        r.diagnostics.iter().filter(|d| d.code == "crossyear.carry_over").map(|d| d.cells[0].column).collect();
    assert_eq!(warned, differing);
    assert!(r.diagnostics.iter().filter(|d| d.code == "crossyear.carry_over").all(|d| d.severity == Severity::Warning));

    // 现行有效件数 = last year's + 制发 − 废止, per row, as an info finding where it does not hold.
    for row in ["20.1.regulations", "20.1.normative_documents"] {
        let get = |r: &nianbao::CheckResult, c: &str| int(r.cell("active", row, c).and_then(|x| x.value)).unwrap();
        let expected = get(&prev, "in_force") + get(&cur, "issued") - get(&cur, "repealed");
        let info =
            r.diagnostics.iter().find(|d| d.code == "crossyear.in_force" && d.cells.iter().any(|c| c.row == row));
        assert_eq!(info.is_some(), get(&cur, "in_force") != expected, "{row}");
        if let Some(d) = info {
            assert_eq!(d.severity, Severity::Info);
            assert_eq!(d.expected, Some(Number::Int(expected)));
        }
    }
    // The report's own findings are unchanged by the comparison.
    assert_eq!(r.summary.errors, cur.summary.errors);
}

/// Found by the batch tests: tables (labels and masked numbers) are the same every year and
/// must not count as repeated text. Two reports with different prose and the same tables.
#[test]
fn tables_do_not_count_as_repeated_text() {
    for layout in [Layout::TabRows, Layout::CellPerLineBlank, Layout::PipeRows] {
        let last = Report::generate(Era::E2021, 51).render(layout);
        let this = Report::generate(Era::E2021, 52).render(layout);
        // Different prose: this year's paragraphs replaced by another report's.
        let other: Vec<String> = prose("seeds/loudi-jxw-2017.txt");
        let mut k = 0;
        let this: String = this
            .lines()
            .map(|l| {
                if l.chars().count() > 40 && !l.contains(['\t', '|']) {
                    k += 1;
                    other[k % other.len()].clone()
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        // What repeats is headings and stock phrases, not the tables.
        let share = repeated_share(&last, &this);
        assert!(share < 0.2, "{layout:?}: {share}");
        let r = check_pair(&last, &this, &Options::default());
        assert!(!r.diagnostics.iter().any(|d| d.code == "crossyear.repetition"), "{layout:?}: {:?}", r.diagnostics);
    }
}
