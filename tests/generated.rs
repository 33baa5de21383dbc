//! Generated reports: complete and consistent reports of eras 2019 and 2021 in every text layout
//! of rules.md §6, checked clean; then with one cell changed, one section removed, or one table
//! removed, checked for exactly the finding that change must cause.

mod common;

use common::compare::{cell_diff, errors, fmt_diags};
use common::gen::{
    app_rows, outcome_rows, CellKey, Era, Layout, Report, ACTIVE, APPLICANTS, APPLICATIONS, ERAS, REVIEW_GROUPS,
    REVIEW_LITIGATION, REVIEW_PARTS, SECTIONS, TABLE_IDS,
};
use nianbao::result::{CheckResult, SectionStatus, TableStatus};
use nianbao::{check_text, Options};

fn check(text: &str) -> CheckResult {
    check_text(text, &Options::default())
}

/// Seeds of the reports each (era, layout) test runs on.
const SEEDS: [u64; 6] = [1, 2, 3, 42, 1000, 0xDEAD_BEEF];

fn label(era: Era, layout: Layout, seed: u64) -> String {
    format!("era {} layout {:?} seed {}", era.as_str(), layout, seed)
}

// ---------------------------------------------------------------- what is checked

/// Everything wrong with the check of a clean report; empty when all is right.
fn clean_problems(rep: &Report, layout: Layout, seed: u64) -> Vec<String> {
    let r = check(&rep.render(layout));
    let mut p = Vec::new();
    let what = label(rep.era, layout, seed);
    if !errors(&r).is_empty() {
        p.push(format!("{what}: clean report gave errors:\n{}", fmt_diags(&r)));
    }
    if r.document.era.map(|e| e.as_str()) != Some(rep.era.as_str()) {
        p.push(format!("{what}: era read as {:?}", r.document.era));
    }
    for (id, _) in SECTIONS {
        match r.sections.iter().find(|s| s.id == id) {
            Some(s) if s.status == SectionStatus::Present => {}
            s => p.push(format!("{what}: section {id} is {:?}", s.map(|s| s.status))),
        }
    }
    for id in TABLE_IDS {
        let Some(t) = r.tables.iter().find(|t| t.id == id) else {
            p.push(format!("{what}: no table {id} in the result"));
            continue;
        };
        if t.status != TableStatus::Present || t.variant.map(|v| v.as_str()) != Some(rep.era.as_str()) {
            p.push(format!("{what}: table {id} is {:?}, variant {:?}", t.status, t.variant));
        }
        let diff = cell_diff(rep, &r, id);
        if !diff.is_empty() {
            p.push(format!("{what}: table {id} read differently from what was generated:\n{diff}"));
        }
    }
    p
}

/// Checks the report with `key` changed by `delta`. Cells under an equation must be named by an
/// error; `active` cells (no equation) must be read back exactly, with the rest of the table.
fn mutation_problem(rep: &Report, layout: Layout, seed: u64, key: &CellKey, delta: i64) -> Option<String> {
    let old = rep.get(key.table, &key.row, key.column);
    let new = old.bumped(delta);
    let m = rep.with_cell(key, new);
    let r = check(&m.render(layout));
    let what = format!("{}: {key} {} -> {}", label(rep.era, layout, seed), old.render(), new.render());
    if key.table == ACTIVE {
        let diff = cell_diff(&m, &r, ACTIVE);
        if !diff.is_empty() {
            return Some(format!("{what}: active table not read back exactly:\n{diff}"));
        }
        // No equation constrains `active`: changing a cell must not add an error.
        let before = check(&rep.render(layout));
        let known: Vec<(&str, &String)> = errors(&before).iter().map(|d| (d.code, &d.message)).collect();
        if errors(&r).iter().any(|d| !known.contains(&(d.code, &d.message))) {
            return Some(format!("{what}: new errors after changing an active cell:\n{}", fmt_diags(&r)));
        }
        return None;
    }
    let named = errors(&r).iter().any(|d| d.cells.iter().any(|c| c.row == key.row && c.column == key.column));
    (!named).then(|| format!("{what}: no error names the changed cell; diagnostics:\n{}", fmt_diags(&r)))
}

fn section_removal_problems(rep: &Report, layout: Layout, seed: u64) -> Vec<String> {
    let mut p = Vec::new();
    for (id, _) in SECTIONS {
        let r = check(&rep.without_section(id).render(layout));
        let what = format!("{}: without section {id}", label(rep.era, layout, seed));
        let errs = errors(&r);
        let missing = errs.iter().filter(|d| d.code == "section.missing" && d.section == Some(id)).count();
        if missing != 1 || errs.len() != 1 {
            p.push(format!("{what}: expected exactly one error, section.missing for {id}; got:\n{}", fmt_diags(&r)));
        }
        if r.sections.iter().find(|s| s.id == id).map(|s| s.status) != Some(SectionStatus::Missing) {
            p.push(format!("{what}: status {:?}", r.sections.iter().find(|s| s.id == id).map(|s| s.status)));
        }
    }
    p
}

fn table_removal_problems(rep: &Report, layout: Layout, seed: u64) -> Vec<String> {
    let mut p = Vec::new();
    for id in TABLE_IDS {
        let r = check(&rep.without_table(id).render(layout));
        let what = format!("{}: without table {id}", label(rep.era, layout, seed));
        let errs = errors(&r);
        let missing = errs.iter().filter(|d| d.code == "table.missing" && d.table == Some(id)).count();
        if missing != 1 || errs.len() != 1 {
            p.push(format!("{what}: expected exactly one error, table.missing for {id}; got:\n{}", fmt_diags(&r)));
        }
        let status = r.tables.iter().find(|t| t.id == id).map(|t| t.status);
        if status != Some(TableStatus::Missing) {
            p.push(format!("{what}: table status {status:?}"));
        }
        if r.sections.iter().filter(|s| s.status == SectionStatus::Present).count() != 6 {
            p.push(format!("{what}: not all six sections present"));
        }
    }
    p
}

fn assert_none(problems: Vec<String>) {
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}

// ---------------------------------------------------------------- one module per era × layout

macro_rules! era_layout_tests {
    ($($name:ident: $era:expr, $layout:expr;)*) => {$(
        mod $name {
            use super::*;

            #[test]
            fn clean_reports_read_exactly() {
                let mut p = Vec::new();
                for seed in SEEDS {
                    p.extend(clean_problems(&Report::generate($era, seed), $layout, seed));
                }
                assert_none(p);
            }

            /// Every cell of one report changed in turn.
            #[test]
            fn every_changed_cell_is_found() {
                let rep = Report::generate($era, 7);
                let mut p = Vec::new();
                for (k, (key, _)) in rep.cells().into_iter().enumerate() {
                    p.extend(mutation_problem(&rep, $layout, 7, &key, 1 + (k as i64 % 9)));
                }
                assert_none(p);
            }

            #[test]
            fn removed_section_is_reported_exactly() {
                let mut p = Vec::new();
                for seed in [5, 6] {
                    p.extend(section_removal_problems(&Report::generate($era, seed), $layout, seed));
                }
                assert_none(p);
            }

            #[test]
            fn removed_table_is_reported_exactly() {
                let mut p = Vec::new();
                for seed in [5, 6] {
                    p.extend(table_removal_problems(&Report::generate($era, seed), $layout, seed));
                }
                assert_none(p);
            }
        }
    )*};
}

era_layout_tests! {
    e2019_cell_per_line_blank: Era::E2019, Layout::CellPerLineBlank;
    e2019_cell_per_line_pipe: Era::E2019, Layout::CellPerLinePipe;
    e2019_split_headers: Era::E2019, Layout::SplitHeaders;
    e2019_pipe_rows: Era::E2019, Layout::PipeRows;
    e2019_tab_rows: Era::E2019, Layout::TabRows;
    e2019_pdf: Era::E2019, Layout::Pdf;
    e2019_space_aligned: Era::E2019, Layout::SpaceAligned;
    e2019_markdown: Era::E2019, Layout::Markdown;
    e2021_cell_per_line_blank: Era::E2021, Layout::CellPerLineBlank;
    e2021_cell_per_line_pipe: Era::E2021, Layout::CellPerLinePipe;
    e2021_split_headers: Era::E2021, Layout::SplitHeaders;
    e2021_pipe_rows: Era::E2021, Layout::PipeRows;
    e2021_tab_rows: Era::E2021, Layout::TabRows;
    e2021_pdf: Era::E2021, Layout::Pdf;
    e2021_space_aligned: Era::E2021, Layout::SpaceAligned;
    e2021_markdown: Era::E2021, Layout::Markdown;
}

/// pdftotext prints a table that follows a paragraph on the same page with its first cell on the
/// line right after the paragraph's last line (cf. the 淮安 fixture, where "第二十条 第（一）项"
/// follows the heading line directly). The tables must read the same as with a blank line.
#[test]
fn pdf_table_right_after_prose_reads_exactly() {
    let mut p = Vec::new();
    for era in ERAS {
        for seed in SEEDS {
            let mut rep = Report::generate(era, seed);
            rep.pdf_table_follows_prose = true;
            p.extend(clean_problems(&rep, Layout::Pdf, seed));
        }
    }
    assert_none(p);
}

/// The review table as a PDF may print it: each group's header words just before its five
/// numbers, numbers in reading order. A report with one wrong number must get an error naming
/// it; the numbers as written must not be re-dealt into another order that happens to add up.
#[test]
fn pdf_review_headers_between_groups_changed_cell_is_found() {
    let mut p = Vec::new();
    for era in ERAS {
        for seed in 0..12u64 {
            let mut rep = Report::generate(era, seed);
            rep.pdf_review_headers_between_groups = true;
            p.extend(clean_problems(&rep, Layout::Pdf, seed));
            for (k, (key, _)) in rep.table_cells(REVIEW_LITIGATION).into_iter().enumerate() {
                let delta = 1 + ((seed as i64 + k as i64) % 9);
                p.extend(mutation_problem(&rep, Layout::Pdf, seed, &key, delta));
            }
        }
    }
    assert_none(p);
}

// ---------------------------------------------------------------- property test

mod property {
    use super::*;
    use proptest::prelude::*;
    use proptest::sample::Index;
    use proptest::test_runner::Config;

    proptest! {
        #![proptest_config(Config { cases: 192, max_shrink_iters: 64, failure_persistence: None, ..Config::default() })]

        /// Any report, any layout, any cell changed by 1..=9: an equation cell is named by an
        /// error, an `active` cell is read back as changed.
        #[test]
        fn any_changed_cell_is_found(era in 0usize..2, layout in 0usize..6, seed in any::<u64>(), pick in any::<Index>(), delta in 1i64..=9) {
            let rep = Report::generate(ERAS[era], seed);
            let cells = rep.cells();
            let (key, _) = &cells[pick.index(cells.len())];
            if let Some(problem) = mutation_problem(&rep, Layout::ALL[layout], seed, key, delta) {
                return Err(TestCaseError::fail(problem));
            }
        }
    }
}

// ---------------------------------------------------------------- the generator itself

/// The generated numbers satisfy every equation of rules.md §3, and only the official labels
/// are written. (Checked without the checker, so that its findings are the checker's.)
#[test]
fn generator_is_consistent() {
    for era in ERAS {
        for seed in 0..200u64 {
            let rep = Report::generate(era, seed);
            let g = |t: &str, r: &str, c: &str| rep.get(t, r, c).n;
            assert!(match era {
                Era::E2019 => (2019..=2020).contains(&rep.year),
                _ => rep.year >= 2022,
            });
            let rows = app_rows(era);
            assert_eq!(rows.len(), if era == Era::E2019 { 23 } else { 25 });
            for row in &rows {
                let s: i64 = APPLICANTS.iter().map(|c| g(APPLICATIONS, row, c)).sum();
                assert_eq!(g(APPLICATIONS, row, "total"), s, "row_sum {row}");
            }
            for col in APPLICANTS.iter().chain(["total"].iter()) {
                let s: i64 = outcome_rows(era).iter().map(|r| g(APPLICATIONS, r, col)).sum();
                assert_eq!(g(APPLICATIONS, "3.7", col), s, "column_sum {col}");
                assert_eq!(
                    g(APPLICATIONS, "1", col) + g(APPLICATIONS, "2", col),
                    g(APPLICATIONS, "3.7", col) + g(APPLICATIONS, "4", col),
                    "balance {col}"
                );
            }
            for (k, v) in rep.cells() {
                if !(k.table == ACTIVE && k.column == "change") {
                    assert!(v.n >= 0, "{k} negative");
                }
            }
            for grp in REVIEW_GROUPS {
                let s: i64 = REVIEW_PARTS.iter().map(|p| g(REVIEW_LITIGATION, "data", &format!("{grp}.{p}"))).sum();
                assert_eq!(g(REVIEW_LITIGATION, "data", &format!("{grp}.total")), s);
            }
            let text = rep.render(Layout::CellPerLineBlank);
            for l in [
                "一、本年新收政府信息公开申请数量",
                "二、上年结转政府信息公开申请数量",
                "（一）予以公开",
                "1.属于国家秘密",
                "（七）总计",
                "四、结转下年度继续办理",
                "三、本年度办理结果",
                "（三）不予公开",
                "（四）无法提供",
                "（五）不予处理",
                "（六）其他处理",
                "报告所列数据的统计期限自",
            ] {
                assert!(text.contains(l), "missing label {l}");
            }
            assert!(text.starts_with(&format!("{}{}年政府信息公开工作年度报告\n", rep.agency, rep.year)));
            assert_eq!(text.contains("逾期不补正"), era == Era::E2021);
            assert_eq!(text.contains("本年新制作数量"), era == Era::E2019);
            if era == Era::E2021 {
                assert!(text.contains("信息处理费"));
            }
            // The overview restates row 1's total.
            assert!(text.contains(&format!("全年共受理申请{}件", g(APPLICATIONS, "1", "total"))));
        }
    }
}

/// Every layout carries the same numbers, and each has its own marks.
#[test]
fn layouts_render_the_same_numbers() {
    for era in ERAS {
        let rep = Report::generate(era, 11);
        let numbers = |layout: Layout| -> Vec<String> {
            let text = rep.render(layout);
            let start = text.find("二、主动公开政府信息情况").unwrap();
            let end = text.find("五、存在的主要问题及改进情况").unwrap();
            // Space-aligned columns are four spaces apart.
            let mut v: Vec<String> = text[start..end]
                .replace("    ", "\t")
                .split(['\n', '\t', '|'])
                .map(str::trim)
                .filter(|s| !s.is_empty() && (s.parse::<f64>().is_ok() || s.ends_with("万元")))
                .map(str::to_string)
                .collect();
            v.sort();
            v
        };
        let base = numbers(Layout::CellPerLineBlank);
        for layout in Layout::ALL {
            assert_eq!(numbers(layout), base, "{layout:?}");
        }
        assert!(rep.render(Layout::CellPerLinePipe).contains("\n|\n"));
        assert!(rep.render(Layout::SplitHeaders).contains("\n商业企\n业\n"));
        let mut once = rep.clone();
        once.pipe_repeat_groups = false;
        let mut repeated = rep.clone();
        repeated.pipe_repeat_groups = true;
        assert!(repeated
            .render(Layout::PipeRows)
            .contains("\n三、本年度办理结果 | （三）不予公开 | 2.其他法律行政法规禁止公开 | "));
        assert!(once.render(Layout::PipeRows).contains("\n2.其他法律行政法规禁止公开 | "));
        assert!(once.render(Layout::PipeRows).contains("\n（三）不予公开 | 1.属于国家秘密 | "));
        assert!(rep.render(Layout::TabRows).contains("\t\t2.其他法律行政法规禁止公开\t"));
        let pdf = rep.render(Layout::Pdf);
        assert!(
            pdf.contains("\n-3-\n")
                && pdf.contains("（一）予以公开\n（二）部分公开（区分处理的，只计这一情\n形，不计其他情形）")
        );
    }
}

/// A changed value is read back even where no equation can notice it, and the prose figure
/// stays the generated one (so editing row 1 also contradicts the overview).
#[test]
fn with_cell_changes_only_the_table() {
    let rep = Report::generate(Era::E2021, 3);
    let key = CellKey::new(APPLICATIONS, "1", "total");
    let old = rep.get(APPLICATIONS, "1", "total");
    let m = rep.with_cell(&key, old.bumped(5));
    assert_eq!(m.get(APPLICATIONS, "1", "total").n, old.n + 5);
    let text = m.render(Layout::CellPerLineBlank);
    assert!(text.contains(&format!("全年共受理申请{}件", old.n)));
}
