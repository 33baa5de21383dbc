//! Many reports at once: the CLI's batch mode as a small library.
//!
//! Evaluators and researchers check a whole site's reports, hundreds or thousands of files in
//! folders, not one file at a time. This module is what `nianbao check DIR...` does, kept out of
//! `main.rs` so that it can be tested and benchmarked without a process:
//!
//! - [`collect_paths`] turns the command line's FILE and DIR arguments into the files to check.
//!   Files are recognised by content, not by name, so every regular, non-hidden file under a
//!   folder is a candidate, and [`crate::extract::extract`] decides what it is.
//! - [`check_all`] checks them on all cores. Checking one report is independent of every other,
//!   so a plain work queue (an atomic index over the list, one scoped thread per core) is all the
//!   parallelism needed. Results come back in the order of the list, whatever the scheduling, so
//!   that two runs give the same output byte for byte.
//! - [`pair_years`] finds the same agency's consecutive years in the batch and adds the
//!   cross-year findings (carry-over, repeated text, 现行有效件数) to the later year's result.
//! - [`write_summary`] and [`write_cells`] write CSV for spreadsheets: one row per file with a
//!   count per diagnostic code, and every table cell of the batch. The code columns are the
//!   catalogue's codes in its order, so that summaries of different batches line up column for
//!   column.
//!
//! A file that cannot be read or decoded is an [`Outcome`] like any other, whose result says why
//! (an `input.*` diagnostic): the batch goes on and the summary has a row for it.

use std::io::{self, Read, Write};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::check::{self, Options};
use crate::collection::text_cell;
use crate::profile::Profile;
use crate::region::{self, Member, Roster, RosterEntry, Sketch};
use crate::report::Report;
use crate::result::{CheckResult, Diagnostic, Number};

/// The argument that means standard input.
pub const STDIN: &str = "-";

pub use crate::collection::SUMMARY_COLUMNS;

/// One checked input: where it came from, its result, and the report its spans point into.
#[derive(Debug)]
pub struct Outcome {
    pub path: PathBuf,
    pub result: CheckResult,
    kept: Kept,
    /// The body's shingles for copying detection, when asked for ([`Review::copies`]).
    pub sketch: Option<Sketch>,
}

/// What a batch checks beyond each report on its own.
#[derive(Debug, Clone, Copy, Default)]
pub struct Review<'a> {
    /// The rule profile (the national rules when None).
    pub profile: Option<&'a Profile>,
    /// Whether reports are sketched for copying detection ([`review_region`]).
    pub copies: bool,
}

/// What is kept of an input after its check: the whole report where it may be one year of a
/// pair, else only its text.
#[derive(Debug)]
enum Kept {
    Report(Box<Report>),
    Text(String),
}

impl Outcome {
    /// The text as read from the file, which spans point into (empty when it could not be read).
    pub fn text(&self) -> &str {
        match &self.kept {
            Kept::Report(r) => &r.text,
            Kept::Text(t) => t,
        }
    }

    /// The analysed report, where it was kept for pairing.
    pub fn report(&self) -> Option<&Report> {
        match &self.kept {
            Kept::Report(r) => Some(r),
            Kept::Text(_) => None,
        }
    }

    /// Why the input could not be checked at all, in Chinese; None when it was checked.
    pub fn reason(&self) -> Option<&str> {
        self.result.not_checked_reason()
    }

    /// The CLI's exit status for this input alone: 0 no errors, 1 errors, 2 not checked.
    /// (`input.table_too_large` is a warning about a file that was checked: not 2.)
    pub fn exit_code(&self) -> u8 {
        if self.reason().is_some() {
            2
        } else if self.result.has_errors() {
            1
        } else {
            0
        }
    }
}

/// The files to check, from FILE and DIR arguments (and [`STDIN`]).
///
/// A FILE argument (or anything that is not a folder, even a missing path) is kept as given, so
/// that a wrong name gets its own "文件不存在" row. A DIR argument is walked recursively and
/// gives its regular files sorted by path. Hidden files and folders (`.git`, `.DS_Store`) and
/// Word's lock files (`~$报告.docx`) are skipped, as are sockets and pipes; a symbolic link to a
/// file is followed, one to a folder is not (no cycles). A folder that cannot be listed is kept
/// as a path, so that it gets a row with its reason. Arguments keep their order; a path met
/// twice is checked once.
pub fn collect_paths(args: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for arg in args {
        let is_dir = arg.as_os_str() != STDIN && std::fs::metadata(arg).is_ok_and(|m| m.is_dir());
        let found = if is_dir {
            let mut found = Vec::new();
            walk(arg, &mut found);
            found.sort();
            found
        } else {
            vec![arg.clone()]
        };
        out.extend(found.into_iter().filter(|p| seen.insert(p.clone())));
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        out.push(dir.to_path_buf());
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            out.push(path);
            continue;
        };
        if kind.is_dir() {
            walk(&path, out);
        } else if kind.is_file() {
            out.push(path);
        } else if kind.is_symlink() {
            match std::fs::metadata(&path) {
                Ok(m) if m.is_file() => out.push(path),
                Ok(_) => {}
                // A dangling link: reported as a file that cannot be read.
                Err(_) => out.push(path),
            }
        }
    }
}

/// The name an input is shown by: its path as given, or `<标准输入>`.
pub fn display_name(path: &Path) -> String {
    if path.as_os_str() == STDIN {
        "<标准输入>".to_string()
    } else {
        path.to_string_lossy().into_owned()
    }
}

/// Reads and checks one input. `opts.name` is ignored: each input is named by its path.
pub fn check_path(path: &Path, opts: &Options) -> Outcome {
    check_path_with(path, opts, &Review::default())
}

/// [`check_path`] under a profile, sketching the report when copying is to be detected.
pub fn check_path_with(path: &Path, opts: &Options, review: &Review) -> Outcome {
    let mut o = check_kept(path, opts, review.profile);
    if review.copies && o.result.document.is_annual_report {
        o.sketch = o.report().map(Sketch::of);
    }
    // Only annual reports take part in pairing: the others keep their text, not their report.
    if !o.result.document.is_annual_report {
        if let Kept::Report(r) = std::mem::replace(&mut o.kept, Kept::Text(String::new())) {
            o.kept = Kept::Text(r.text);
        }
    }
    o
}

/// Reads and checks last year's report for `--previous`: its report is kept whatever it is.
pub fn check_previous(path: &Path) -> Outcome {
    check_kept(path, &Options::default(), None)
}

fn check_kept(path: &Path, opts: &Options, profile: Option<&Profile>) -> Outcome {
    let opts = Options { name: display_name(path), era: opts.era };
    let bytes = if path.as_os_str() == STDIN {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map(|_| buf).map_err(|e| format!("无法读取标准输入：{e}"))
    } else {
        std::fs::read(path).map_err(|e| match std::fs::read_dir(path) {
            // A folder that could not be listed (reading it as a file says only "is a directory").
            Err(de) if path.is_dir() => format!("无法读取文件夹：{}", io_reason(&de)),
            _ => format!("无法读取文件：{}", io_reason(&e)),
        })
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(message) => {
            let result = check::not_checked(&opts, "input.unreadable", message);
            return Outcome { path: path.to_path_buf(), result, kept: Kept::Text(String::new()), sketch: None };
        }
    };
    // The checker does not panic on bad input; should a bug make it, one file must not end a
    // batch of thousands. The panic message is still printed by the default hook.
    let checked = std::panic::catch_unwind(|| check::check_file_with(&bytes, &opts, profile));
    let (result, report) = match checked {
        Ok(c) => (c.result, c.report),
        Err(_) => {
            let message = "检查这个文件时程序内部出错，未能完成检查；请把文件提供给开发者".to_string();
            (check::not_checked(&opts, "input.internal_error", message), None)
        }
    };
    let kept = match report {
        Some(r) => Kept::Report(Box::new(r)),
        None => Kept::Text(String::new()),
    };
    Outcome { path: path.to_path_buf(), result, kept, sketch: None }
}

/// A reason in Chinese for an I/O error.
pub fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "文件不存在".to_string(),
        io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
        _ if e.raw_os_error() == Some(21) => "这是一个文件夹".to_string(),
        _ => e.to_string(),
    }
}

/// Checks every path on all cores; `progress(done, total)` is called (from the worker threads)
/// after each file. Outcomes are in the order of `paths`.
pub fn check_all(paths: &[PathBuf], opts: &Options, progress: impl Fn(usize, usize) + Sync) -> Vec<Outcome> {
    check_all_with(paths, opts, &Review::default(), progress)
}

/// [`check_all`] under a profile, sketching reports when copying is to be detected.
pub fn check_all_with(
    paths: &[PathBuf],
    opts: &Options,
    review: &Review,
    progress: impl Fn(usize, usize) + Sync,
) -> Vec<Outcome> {
    par_map(paths, |p| check_path_with(p, opts, review), progress)
}

/// `f` over `items` on `available_parallelism` threads taking the next item from a shared
/// index; results in the order of `items`.
fn par_map<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&T) -> R + Sync,
    progress: impl Fn(usize, usize) + Sync,
) -> Vec<R> {
    let total = items.len();
    let threads = std::thread::available_parallelism().map_or(1, NonZeroUsize::get).min(total).max(1);
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let mut slots: Vec<Option<R>> = std::iter::repeat_with(|| None).take(total).collect();
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= total {
                            break mine;
                        }
                        mine.push((i, f(&items[i])));
                        progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                    }
                })
            })
            .collect();
        for w in workers {
            let finished = w.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
            for (i, r) in finished {
                slots[i] = Some(r);
            }
        }
    });
    slots.into_iter().map(|r| r.expect("every item was taken by a worker")).collect()
}

/// Pairs the same agency's consecutive years within the batch and adds the cross-year findings
/// to each later year's result ([`check::add_cross_year`]). Returns the pairs as
/// (previous, current) indexes into `outcomes`.
///
/// Reports pair when [`crate::consecutive`] says so: both annual reports, the same
/// agency as read from the title, years Y-1 and Y. When one agency has several files for a
/// year (the same report as .docx and as a web page), the first by path is the previous year of
/// every file of the next year. The comparisons run on all cores.
pub fn pair_years(outcomes: &mut [Outcome]) -> Vec<(usize, usize)> {
    pair_years_with(outcomes, None)
}

/// [`pair_years`] under a profile: its code settings apply to the cross-year findings too.
pub fn pair_years_with(outcomes: &mut [Outcome], profile: Option<&Profile>) -> Vec<(usize, usize)> {
    let keyed: Vec<(&Path, &CheckResult)> = outcomes.iter().map(|o| (o.path.as_path(), &o.result)).collect();
    let pairs = crate::collection::year_pairs(&keyed);
    let shared: &[Outcome] = outcomes;
    let updated = par_map(
        &pairs,
        |&(prev, cur)| {
            let (p, c) = (&shared[prev], &shared[cur]);
            let mut result = c.result.clone();
            if let (Some(previous), Some(current)) = (p.report(), c.report()) {
                check::add_cross_year(&mut result, current, previous, profile);
            }
            result
        },
        |_, _| {},
    );
    for (&(_, cur), result) in pairs.iter().zip(updated) {
        outcomes[cur].result = result;
    }
    pairs
}

/// Checks `current` with `previous` as its previous year, whatever their agencies and years
/// (`nianbao check --previous`).
pub fn add_previous(current: &mut Outcome, previous: &Outcome) {
    if let (Some(p), Kept::Report(c)) = (previous.report(), &current.kept) {
        check::add_cross_year(&mut current.result, c, p, None);
    }
}

/// A roster agency with no report in the batch, and its finding.
#[derive(Debug, Clone)]
pub struct Missing {
    pub entry: RosterEntry,
    pub finding: Diagnostic,
}

/// The whole-region review of a checked batch ([`crate::region`]): copying between agencies
/// (when the outcomes were sketched) and identical tables are added to the reports concerned,
/// and the roster's agencies with no report are returned. The profile's code settings apply.
pub fn review_region(outcomes: &mut [Outcome], roster: Option<&Roster>, profile: Option<&Profile>) -> Vec<Missing> {
    let names: Vec<String> = outcomes.iter().map(|o| display_name(&o.path)).collect();
    let added = {
        let members: Vec<Member> = outcomes
            .iter()
            .zip(&names)
            .map(|(o, name)| Member { name, result: &o.result, report: o.report(), sketch: o.sketch.as_ref() })
            .collect();
        region::review(&members)
    };
    for (i, d) in added {
        outcomes[i].result.diagnostics.push(d);
    }
    for o in outcomes.iter_mut() {
        match profile {
            Some(p) => p.adjust(&mut o.result),
            None => o.result.summarize(),
        }
    }
    let Some(roster) = roster else { return Vec::new() };
    let results: Vec<&CheckResult> = outcomes.iter().map(|o| &o.result).collect();
    region::missing(roster, &results)
        .into_iter()
        .filter_map(|entry| {
            let mut found = vec![region::missing_finding(entry)];
            if let Some(p) = profile {
                p.adjust_diagnostics(&mut found);
            }
            found.pop().map(|finding| Missing { entry: entry.clone(), finding })
        })
        .collect()
}

/// UTF-8 byte-order mark: without it, Excel in a Chinese locale reads the CSV as GBK.
const BOM: &str = "\u{FEFF}";

/// A CSV writer (the `csv` crate): RFC 4180 quoting (fields with a comma, quote or line break
/// quoted, quotes doubled) and CRLF line ends, after the byte-order mark.
fn csv_writer<W: Write>(mut out: W) -> io::Result<csv::Writer<W>> {
    out.write_all(BOM.as_bytes())?;
    Ok(csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out))
}

fn csv_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// The summary CSV: a header, then one row per outcome ([`crate::collection::summary_header`] and
/// [`crate::collection::summary_row`], shared with the page).
pub fn write_summary(out: &mut impl Write, outcomes: &[Outcome]) -> io::Result<()> {
    write_summary_region(out, outcomes, &[])
}

/// The summary CSV with a row for each roster agency with no report: no file, its name as the
/// agency, the finding's message as the reason, and 1 under `batch.report_missing`.
pub fn write_summary_region(out: &mut impl Write, outcomes: &[Outcome], missing: &[Missing]) -> io::Result<()> {
    let mut w = csv_writer(out)?;
    w.write_record(crate::collection::summary_header()).map_err(csv_error)?;
    for o in outcomes {
        w.write_record(crate::collection::summary_row(&display_name(&o.path), &o.result)).map_err(csv_error)?;
    }
    for m in missing {
        w.write_record(crate::collection::missing_row(&m.entry.name, &m.finding)).map_err(csv_error)?;
    }
    w.flush()
}

/// A cell's value as the report wrote it: the number (decimals with the digits written, "1.0"
/// stays "1.0"), empty when the cell is empty or not a number.
fn cell_value(value: Option<Number>, raw: &str) -> String {
    let Some(n) = value else { return String::new() };
    let written: String = raw.chars().filter(|c| c.is_ascii_digit() || matches!(c, '.' | '-')).collect();
    match written.parse::<f64>() {
        Ok(w) if w == n.as_f64() => written,
        _ => n.to_string(),
    }
}

/// Every table cell of the batch as CSV: file, table, row, column, value.
pub fn write_cells(out: &mut impl Write, outcomes: &[Outcome]) -> io::Result<()> {
    let mut w = csv_writer(out)?;
    w.write_record(["file", "table", "row", "column", "value"]).map_err(csv_error)?;
    for o in outcomes {
        let file = text_cell(&display_name(&o.path));
        for t in &o.result.tables {
            for c in &t.cells {
                w.write_record([file.as_str(), t.id, &c.row, c.column, &cell_value(c.value, &c.raw)])
                    .map_err(csv_error)?;
            }
        }
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(fields: &[&str]) -> String {
        let mut v = Vec::new();
        let mut w = csv_writer(&mut v).unwrap();
        w.write_record(fields).unwrap();
        drop(w);
        String::from_utf8(v).unwrap().trim_start_matches('\u{FEFF}').to_string()
    }

    #[test]
    fn csv_quoting_follows_rfc_4180() {
        assert_eq!(csv(&["a", "b c", "年报"]), "a,b c,年报\r\n");
        assert_eq!(csv(&["a,b", "say \"hi\"", "two\nlines", ""]), "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n");
    }

    #[test]
    fn formulas_are_defused_and_values_kept_as_written() {
        assert_eq!(text_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(text_cell("某某市统计局"), "某某市统计局");
        assert_eq!(cell_value(Some(Number::Dec(1.0)), "1.0万元"), "1.0");
        assert_eq!(cell_value(Some(Number::Int(-3)), "-3"), "-3");
        assert_eq!(cell_value(Some(Number::Int(12)), "１２"), "12");
        assert_eq!(cell_value(None, "—"), "");
    }

    #[test]
    fn par_map_keeps_the_order() {
        let items: Vec<u64> = (0..1000).collect();
        let done = AtomicUsize::new(0);
        let out = par_map(
            &items,
            |i| i * 2,
            |_, total| {
                assert_eq!(total, 1000);
                done.fetch_add(1, Ordering::Relaxed);
            },
        );
        assert_eq!(out, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        assert_eq!(done.into_inner(), 1000);
        assert!(par_map(&[] as &[u8], |_| 0, |_, _| {}).is_empty());
    }
}
