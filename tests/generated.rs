//! Generated reports: complete and consistent reports of eras 2019 and 2021 in every text layout
//! of rules.md §6, checked clean; then with one cell changed, one section removed, or one table
//! removed, checked for exactly the finding that change must cause.

mod common;

use common::compare::{cell_diff, errors, fmt_diags};
use common::gen::{
    app_rows, outcome_rows, Blank, BlankPattern, CellKey, Era, Layout, Report, ACTIVE, APPLICANTS, APPLICATIONS, ERAS,
    REVIEW_GROUPS, REVIEW_LITIGATION, REVIEW_PARTS, SECTIONS, TABLE_IDS,
};
use nianbao::result::{CheckResult, SectionStatus, Severity, TableStatus};
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

// ---------------------------------------------------------------- blank cells (rules.md §3.4)

/// How a table written in some layout comes to the checker: as that layout's text, or as an HTML
/// page or a Word file made from the tab rows (`common::formats`), which keep every cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Medium {
    Text(Layout),
    Html,
    Docx,
}

impl Medium {
    fn check(self, rep: &Report) -> CheckResult {
        let options = nianbao::Options { name: String::new(), era: None };
        match self {
            Medium::Text(layout) => check(&rep.render(layout)),
            Medium::Html | Medium::Docx => {
                let mut marked = rep.clone();
                marked.mark_blank_cells = true;
                let text = marked.render(Layout::TabRows);
                if self == Medium::Html {
                    let page = common::formats::html_page(&text, "utf-8", &format!("{}-01-15", rep.year + 1));
                    nianbao::check_bytes(page.as_bytes(), &nianbao::Options { name: "r.html".into(), ..options })
                } else {
                    let file = common::formats::docx(&text, false);
                    nianbao::check_bytes(&file, &nianbao::Options { name: "r.docx".into(), ..options })
                }
            }
        }
    }

    /// Whether a cell written as `blank` keeps its place, so that the checker can tell which cell
    /// it is. "/" and "—" are written, so every layout keeps them. A truly empty cell keeps its
    /// place where the layout draws the cell's borders: " | " rows, tab rows, Markdown, HTML and
    /// Word cells. One cell per line (blank lines or "|" lines between cells, pdftotext) an empty
    /// cell is just one more blank line, and space-aligned rows (the generator's columns are four
    /// spaces apart, not aligned to fixed positions) leave no trace of it.
    fn keeps_place(self, blank: Blank) -> bool {
        match self {
            Medium::Text(layout) => {
                blank != Blank::Empty || matches!(layout, Layout::PipeRows | Layout::TabRows | Layout::Markdown)
            }
            Medium::Html | Medium::Docx => true,
        }
    }
}

/// Tables where every cell is in an equation (so every empty cell of them is `table.cell_empty`):
/// 申请 (row_sum, column_sum, balance) and 复议/诉讼 (group_total). `active` has no equation.
fn constrained(table: &str) -> bool {
    table == APPLICATIONS || table == REVIEW_LITIGATION
}

/// Everything wrong with the check of `rep` (consistent, some zeros written blank) in `medium`,
/// compared with the true outcome:
/// - a table whose every cell is blank: `table.blank`, nothing added up;
/// - a table with a truly empty cell in a medium that loses its place: `table.unreadable` (a
///   warning; the reading is in doubt, not the report), no arithmetic;
/// - otherwise the table reads exactly, blank cells empty (not 0), each blank cell that an
///   equation needs reported once as `table.cell_empty` (a warning), and no other finding.
///
/// Never an error. Findings that have nothing to do with blanks are those of the same report with
/// every cell written as a number.
fn blank_problems(rep: &Report, medium: Medium, what: &str) -> Vec<String> {
    let r = medium.check(rep);
    let mut p = Vec::new();
    if !errors(&r).is_empty() {
        p.push(format!("{what}: errors:\n{}", fmt_diags(&r)));
    }
    let blanks = rep.blank_cells();
    for id in TABLE_IDS {
        let cells = rep.table_cells(id);
        let blank: Vec<&(CellKey, Blank)> = blanks.iter().filter(|(k, _)| k.table == id).collect();
        let all_blank = blank.len() == cells.len();
        let lost = blank.iter().any(|(_, b)| !medium.keeps_place(*b));
        let found = |code: &str| -> Vec<&nianbao::result::Diagnostic> {
            r.diagnostics.iter().filter(|d| d.code == code && d.table == Some(id)).collect()
        };
        let status = r.tables.iter().find(|t| t.id == id).map(|t| t.status);
        let mut expect_empty: Vec<(String, String)> = Vec::new();
        let (want_status, want_unreadable, want_blank) = if all_blank {
            (TableStatus::Present, 0, 1)
        } else if lost {
            (TableStatus::Unreadable, 1, 0)
        } else {
            let diff = cell_diff(rep, &r, id);
            if !diff.is_empty() {
                p.push(format!("{what}: table {id} read differently from what was generated:\n{diff}"));
            }
            if constrained(id) {
                expect_empty = blank.iter().map(|(k, _)| (k.row.clone(), k.column.to_string())).collect();
            }
            (TableStatus::Present, 0, 0)
        };
        if status != Some(want_status) {
            p.push(format!("{what}: table {id} is {status:?}, expected {want_status:?}"));
        }
        let (unreadable, blank_table) = (found("table.unreadable"), found("table.blank"));
        if unreadable.len() != want_unreadable || blank_table.len() != want_blank {
            p.push(format!(
                "{what}: table {id}: {} table.unreadable, {} table.blank; expected {want_unreadable} and {want_blank}",
                unreadable.len(),
                blank_table.len()
            ));
        }
        let mut got_empty: Vec<(String, String)> = found("table.cell_empty")
            .iter()
            .flat_map(|d| d.cells.iter().map(|c| (c.row.clone(), c.column.to_string())))
            .collect();
        got_empty.sort();
        expect_empty.sort();
        if got_empty != expect_empty {
            p.push(format!(
                "{what}: table {id}: table.cell_empty for {} cells, expected {}: reported {:?}, expected {:?}",
                got_empty.len(),
                expect_empty.len(),
                got_empty.iter().filter(|c| !expect_empty.contains(c)).collect::<Vec<_>>(),
                expect_empty.iter().filter(|c| !got_empty.contains(c)).collect::<Vec<_>>()
            ));
        }
        if r.diagnostics.iter().any(|d| {
            d.severity != Severity::Warning && ["table.cell_empty", "table.unreadable", "table.blank"].contains(&d.code)
        }) {
            p.push(format!("{what}: blank-cell findings must be warnings:\n{}", fmt_diags(&r)));
        }
    }
    let others = |r: &CheckResult| -> Vec<(String, Option<&str>)> {
        let mut v: Vec<(String, Option<&str>)> = r
            .diagnostics
            .iter()
            .filter(|d| !["table.cell_empty", "table.unreadable", "table.blank"].contains(&d.code))
            .map(|d| (d.code.to_string(), d.table))
            .collect();
        v.sort();
        v
    };
    let mut numbers = rep.clone();
    numbers.clear_blanks();
    let base = medium.check(&numbers);
    if others(&r) != others(&base) {
        p.push(format!(
            "{what}: findings other than blank cells differ from the report written with numbers:\n{}\nwith numbers:\n{}",
            fmt_diags(&r),
            fmt_diags(&base)
        ));
    }
    p
}

/// The blank cells of `rep` in a medium that keeps their place: a changed number is still caught.
/// Every cell of the equation tables is changed in turn (a blank cell changed is written as the
/// number); each must be named by an error.
fn blank_mutation_problems(rep: &Report, medium: Medium, what: &str, stride: usize) -> Vec<String> {
    let mut p = Vec::new();
    let cells: Vec<(CellKey, _)> = rep.cells().into_iter().filter(|(k, _)| constrained(k.table)).collect();
    for (k, (key, old)) in cells.into_iter().enumerate().filter(|(k, _)| k % stride == 0) {
        let new = old.bumped(1 + (k as i64 % 9));
        let m = rep.with_cell(&key, new);
        let r = medium.check(&m);
        let named = errors(&r).iter().any(|d| d.cells.iter().any(|c| c.row == key.row && c.column == key.column));
        if !named {
            p.push(format!(
                "{what}: {key} {}{} -> {}: no error names the changed cell; diagnostics:\n{}",
                old.render(),
                rep.blank(&key).map(|b| format!(" (written “{}”)", b.text())).unwrap_or_default(),
                new.render(),
                fmt_diags(&r)
            ));
        }
    }
    p
}

fn blank_cell_problems(era: Era, medium: Medium) -> Vec<String> {
    let mut p = Vec::new();
    for seed in SEEDS {
        let rep = Report::generate(era, seed);
        for (k, pattern) in BlankPattern::ALL.into_iter().enumerate() {
            for blank in Blank::ALL {
                let b = rep.with_blanks(blank, pattern, seed.wrapping_add(k as u64));
                let what = format!("era {} {medium:?} seed {seed} {pattern:?} “{}”", era.as_str(), blank.text());
                assert!(!b.blank_cells().is_empty(), "{what}: nothing left blank");
                p.extend(blank_problems(&b, medium, &what));
            }
        }
    }
    // Whole tables left blank, one at a time.
    for id in TABLE_IDS {
        for blank in Blank::ALL {
            let b = Report::generate(era, 3).with_blank_table(id, blank);
            let what = format!("era {} {medium:?} table {id} all “{}”", era.as_str(), blank.text());
            p.extend(blank_problems(&b, medium, &what));
        }
    }
    // A changed number among blanks: caught wherever the blanks keep their place.
    for blank in Blank::ALL.into_iter().filter(|b| medium.keeps_place(*b)) {
        for pattern in [BlankPattern::Rows, BlankPattern::Every] {
            let b = Report::generate(era, 7).with_blanks(blank, pattern, 7);
            let what = format!("era {} {medium:?} {pattern:?} “{}”", era.as_str(), blank.text());
            p.extend(blank_mutation_problems(&b, medium, &what, 3));
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

            /// Zeros written blank, "/" or "—" (rules.md §3.4): read as empty where the layout
            /// keeps the cell's place, else the table is unreadable; never an error.
            #[test]
            fn blank_cells_read_as_the_layout_allows() {
                assert_none(blank_cell_problems($era, Medium::Text($layout)));
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
    e2019_text_content: Era::E2019, Layout::TextContent;
    e2021_cell_per_line_blank: Era::E2021, Layout::CellPerLineBlank;
    e2021_cell_per_line_pipe: Era::E2021, Layout::CellPerLinePipe;
    e2021_split_headers: Era::E2021, Layout::SplitHeaders;
    e2021_pipe_rows: Era::E2021, Layout::PipeRows;
    e2021_tab_rows: Era::E2021, Layout::TabRows;
    e2021_pdf: Era::E2021, Layout::Pdf;
    e2021_space_aligned: Era::E2021, Layout::SpaceAligned;
    e2021_markdown: Era::E2021, Layout::Markdown;
    e2021_text_content: Era::E2021, Layout::TextContent;
}

#[test]
fn blank_cells_in_html_pages() {
    for era in ERAS {
        assert_none(blank_cell_problems(era, Medium::Html));
    }
}

#[test]
fn blank_cells_in_word_files() {
    for era in ERAS {
        assert_none(blank_cell_problems(era, Medium::Docx));
    }
}

/// The generator's blank cells: only zeros, chosen by pattern, and written as asked in every layout.
#[test]
fn generator_blanks_only_zeros() {
    for era in ERAS {
        for seed in 0..40u64 {
            let rep = Report::generate(era, seed);
            for pattern in BlankPattern::ALL {
                let b = rep.with_blanks(Blank::Slash, pattern, seed);
                let blanks = b.blank_cells();
                assert!(blanks.iter().all(|(k, _)| rep.get(k.table, &k.row, k.column).n == 0));
                let zeros = rep.cells().into_iter().filter(|(_, v)| v.n == 0).count();
                match pattern {
                    BlankPattern::Every => assert_eq!(blanks.len(), zeros),
                    _ => assert!(!blanks.is_empty() && blanks.len() < zeros, "{pattern:?} seed {seed}"),
                }
                if pattern == BlankPattern::Rows {
                    // Every row of zeros is wholly blank.
                    for row in app_rows(era) {
                        let cells: Vec<_> =
                            rep.table_cells(APPLICATIONS).into_iter().filter(|(k, _)| k.row == row).collect();
                        if cells.iter().all(|(_, v)| v.n == 0) {
                            assert!(cells.iter().all(|(k, _)| b.blank(k).is_some()), "row {row}");
                        }
                    }
                }
            }
        }
    }
    let rep = Report::generate(Era::E2021, 1).with_blanks(Blank::Dash, BlankPattern::Every, 1);
    let piped = rep.render(Layout::PipeRows);
    assert!(piped.contains(" | — | "), "{piped}");
    let empty = Report::generate(Era::E2021, 1).with_blanks(Blank::Empty, BlankPattern::Every, 1);
    assert!(empty.render(Layout::PipeRows).contains(" |  | "));
    assert!(empty.render(Layout::Markdown).contains("||"));
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

        /// Any report, any layout, any pattern of zeros left blank, "/" or "—": the outcome the
        /// layout allows (`blank_problems`), exactly.
        #[test]
        fn any_blank_cells_read_as_the_layout_allows(era in 0usize..2, medium in 0usize..10, seed in any::<u64>(), pattern in 0usize..3, blank in 0usize..3) {
            let medium = match medium {
                8 => Medium::Html,
                9 => Medium::Docx,
                k => Medium::Text(Layout::ALL[k]),
            };
            let (pattern, blank) = (BlankPattern::ALL[pattern], Blank::ALL[blank]);
            let rep = Report::generate(ERAS[era], seed).with_blanks(blank, pattern, seed);
            let what = format!("era {} {medium:?} seed {seed} {pattern:?} “{}”", ERAS[era].as_str(), blank.text());
            let problems = blank_problems(&rep, medium, &what);
            if !problems.is_empty() {
                return Err(TestCaseError::fail(problems.join("\n")));
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
        // TextContent runs cells together on purpose; it is checked against its source below.
        for layout in Layout::ALL.into_iter().filter(|&l| l != Layout::TextContent) {
            assert_eq!(numbers(layout), base, "{layout:?}");
        }
        // The text layer keeps every line of the space-aligned text, in order, run together.
        let aligned = rep.render(Layout::SpaceAligned);
        let flat: String = rep
            .render(Layout::TextContent)
            .split('\n')
            .map(|page| page.split_once('-').and_then(|(_, p)| p.split_once('-')).map_or("", |(_, p)| p))
            .collect();
        let words = |s: &str| s.split_whitespace().collect::<String>();
        assert_eq!(words(&flat), words(&aligned));
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
