//! Batch mode as a user runs it: `nianbao check DIR --summary s.csv --cells c.csv`, on a folder
//! of generated reports of many agencies and consecutive years, some with known faults, plus
//! files that cannot be checked; and `--previous` on a pair of files.
//!
//! Every report of an agency continues the one before: this year's 上年结转 is last year's
//! 结转下年度 and this year's 现行有效件数 follows from last year's, so that a clean pair gives no
//! cross-year finding and every finding in the summary is one of the planted faults. Each report
//! gets its own filler paragraph (phrases in random order), because the generator's prose is one
//! template: without it every second year would read as a repetition of the first.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::formats;
use common::gen::{CellKey, Era, Layout, Report, Rng, Val, ACTIVE, APPLICANTS, APPLICATIONS};
use nianbao::batch;

fn nianbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao")).args(args).env_remove("CI").output().expect("binary runs")
}

fn utf8(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

/// A fresh, empty folder under the system's temp dir, removed when dropped.
struct TempDir(PathBuf);

impl std::ops::Deref for TempDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn temp_dir(name: &str) -> TempDir {
    let dir = std::env::temp_dir().join(format!("nianbao-batch-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    TempDir(dir)
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// RFC 4180 records of a CSV file written by nianbao: it must start with a UTF-8 BOM and end
/// its lines with CRLF.
fn read_csv(path: &Path) -> Vec<Vec<String>> {
    let s = std::fs::read_to_string(path).unwrap();
    let s = s.strip_prefix('\u{FEFF}').expect("CSV starts with a BOM for Excel");
    let mut records = Vec::new();
    let (mut record, mut field) = (Vec::new(), String::new());
    let mut chars = s.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => assert_eq!(chars.next(), Some('\n'), "CRLF line ends"),
            (false, '\n') => panic!("bare LF outside quotes"),
            (false, c) => field.push(c),
        }
        if !quoted && c == '\r' {
            record.push(std::mem::take(&mut field));
            records.push(std::mem::take(&mut record));
        }
    }
    assert!(record.is_empty() && field.is_empty(), "the last record ends with CRLF");
    records
}

// ------------------------------------------------------------------ reports

const PHRASES: [&str; 40] = [
    "坚持", "深化", "推进", "规范", "完善", "机制", "平台", "政务", "服务", "质量", "水平", "群众", "企业", "便利",
    "透明", "协同", "数字", "栏目", "专题", "回应", "关切", "队伍", "制度", "流程", "标准", "目录", "维护", "安全",
    "审查", "渠道", "热线", "留言", "统筹", "联动", "优化", "提升", "加强", "落实", "健全", "创新",
];

/// A paragraph of about 2 700 characters that no other seed repeats (12-character shingles of
/// random two-character phrases do not recur), with no figures and no words the checks read.
fn filler(seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut s = String::new();
    for _ in 0..150 {
        let n = rng.range(6, 10);
        for k in 0..n {
            s.push_str(PHRASES[rng.below(PHRASES.len() as u64) as usize]);
            if k == n / 2 {
                s.push('，');
            }
        }
        s.push('。');
    }
    s
}

/// The report's text with the filler paragraph at the start of 一、总体情况.
fn report_text(r: &Report, layout: Layout, filler_seed: u64) -> String {
    let t = r.render(layout);
    let heading = "一、总体情况\n";
    assert!(t.contains(heading), "{layout:?} has the heading on a line of its own");
    t.replacen(heading, &format!("{heading}{}\n", filler(filler_seed)), 1)
}

fn app(row: &str, col: &'static str) -> CellKey {
    CellKey::new(APPLICATIONS, row, col)
}

/// Makes `r` continue `prev` (the year before): 上年结转 = last year's 结转下年度, and
/// 现行有效件数 = last year's + 制发 − 废止 (2021 format on both sides). Tables stay consistent.
fn continue_from(prev: &Report, r: &mut Report) {
    for col in APPLICANTS {
        let carried = prev.get(APPLICATIONS, "4", col).n;
        r.set(&app("2", col), Val::int(carried));
        // 一 = （七） + 四 − 二 must stay ≥ 0: more 予以公开 when last year carried over much.
        let room = r.get(APPLICATIONS, "3.7", col).n + r.get(APPLICATIONS, "4", col).n;
        if carried > room {
            let more = r.get(APPLICATIONS, "3.1", col).n + carried - room;
            r.set(&app("3.1", col), Val::int(more));
        }
    }
    if prev.era == Era::E2021 && r.era == Era::E2021 {
        for row in ["20.1.regulations", "20.1.normative_documents"] {
            let before = prev.get(ACTIVE, row, "in_force").n;
            let issued = r.get(ACTIVE, row, "issued").n;
            let repealed = r.get(ACTIVE, row, "repealed").n.min(before + issued);
            r.set(&CellKey::new(ACTIVE, row, "repealed"), Val::int(repealed));
            r.set(&CellKey::new(ACTIVE, row, "in_force"), Val::int(before + issued - repealed));
        }
    }
    r.rebalance();
    r.sync_prose();
}

/// Sets one applications cell and keeps the table and the prose consistent.
fn set_consistent(r: &mut Report, row: &str, col: &'static str, v: i64) {
    r.set(&app(row, col), Val::int(v));
    r.rebalance();
    r.sync_prose();
}

/// One agency's reports for `years`, each continuing the year before when there is one.
fn series(agency: &str, years: &[u16], seed: u64) -> Vec<Report> {
    let mut out: Vec<Report> = Vec::new();
    for (k, &year) in years.iter().enumerate() {
        let mut r = Report::generate(Era::from_year(year), seed * 100 + k as u64);
        r.agency = agency.to_string();
        r.year = year;
        r.sync_prose();
        if let Some(prev) = out.last().filter(|p| p.year + 1 == year) {
            continue_from(prev, &mut r);
        }
        out.push(r);
    }
    out
}

/// A file of the batch and what its summary row must say.
struct Planned {
    /// Path under the batch folder.
    path: String,
    bytes: Vec<u8>,
    report: Option<Report>,
    /// The file's format as the checker should recognise it.
    format: &'static str,
    /// Code → count; every code not listed must be 0.
    expect: BTreeMap<&'static str, usize>,
    /// Part of the Chinese reason, for files that cannot be checked.
    reason: Option<&'static str>,
    /// Publication date the file carries (HTML pages).
    published: Option<String>,
}

const CITIES: [&str; 10] =
    ["杭州市", "宁波市", "温州市", "嘉兴市", "湖州市", "绍兴市", "金华市", "衢州市", "舟山市", "台州市"];
const DEPARTMENTS: [&str; 5] = ["科学技术局", "交通运输局", "统计局", "农业农村局", "生态环境局"];

const CHANGED_CELL: (usize, u16) = (0, 2022);
const REMOVED_SECTION: (usize, u16) = (1, 2023);
const CARRY_OVER_THIS_YEAR: (usize, u16) = (2, 2021);
const CARRY_OVER_LAST_YEAR: (usize, u16) = (3, 2023);
const REPEATED_TEXT: (usize, u16) = (4, 2022);
const DUPLICATE_YEAR: (usize, u16) = (5, 2022);
const GAP: usize = 6;

/// The batch: 50 agencies with consecutive years of 2019–2024 (the first seven with known faults
/// all six years), in every text layout and as HTML pages, .docx files without an extension and
/// GB18030 text, faults planted in a few; then an image, an empty file, a dangling link, and
/// hidden files and a hidden folder that are not inputs.
///
/// - 杭州市科学技术局 2022: one table cell changed (（一）予以公开·商业企业 + 1);
/// - 宁波市科学技术局 2023: section 五 removed (so its numbering skips from 四 to 六);
/// - 温州市科学技术局 2021: 上年结转·自然人 one more than 2020's 结转下年度 (across formats);
/// - 嘉兴市科学技术局 2023: 结转下年度·商业企业 one more, so that 2024 disagrees with it;
/// - 湖州市科学技术局 2022: the 2021 report's text with 2022's numbers;
/// - 绍兴市科学技术局 2022 twice: `2022-a` consistent, `2022-b` with a changed 结转下年度; 2023
///   pairs with `2022-a`, the first by path, so it has no finding;
/// - 金华市科学技术局 2019 and 2021 only: not consecutive, not compared, though they disagree.
fn plan() -> Vec<Planned> {
    let mut files = Vec::new();
    let mut n = 0usize;
    let mut add =
        |files: &mut Vec<Planned>, stem: String, r: &Report, filler_seed: u64, expect: &[(&'static str, usize)]| {
            n += 1;
            let (path, bytes, format, published) = match n % 10 {
                0 => {
                    let date = format!("{}-01-15", r.year + 1);
                    let page = formats::html_page(&report_text(r, Layout::TabRows, filler_seed), "utf-8", &date);
                    (format!("{stem}.html"), page.into_bytes(), "html", Some(date))
                }
                // Word files are recognised by their bytes, whatever (or without) their name.
                3 => (stem, formats::docx(&report_text(r, Layout::TabRows, filler_seed), n % 20 == 3), "docx", None),
                6 => {
                    let t = report_text(r, Layout::PipeRows, filler_seed);
                    (format!("{stem}.txt"), encoding_rs::GB18030.encode(&t).0.into_owned(), "text", None)
                }
                _ => {
                    (format!("{stem}.txt"), report_text(r, Layout::ALL[n % 6], filler_seed).into_bytes(), "text", None)
                }
            };
            files.push(Planned {
                path,
                bytes,
                report: Some(r.clone()),
                format,
                expect: expect.iter().copied().collect(),
                reason: None,
                published,
            });
        };
    for k in 0..50 {
        let agency = format!("{}{}", CITIES[k % 10], DEPARTMENTS[k / 10]);
        let dir = if k % 2 == 0 {
            format!("reports/{agency}")
        } else {
            format!("reports/{}/{}", CITIES[k % 10], DEPARTMENTS[k / 10])
        };
        let years: Vec<u16> = match k {
            GAP => vec![2019, 2021],
            0..=6 => (2019..=2024).collect(),
            _ => (2019 + (k % 3) as u16..=2024).collect(),
        };
        let mut reports = series(&agency, &years, k as u64 + 1);
        let at = |year: u16| years.iter().position(|&y| y == year).unwrap();
        let mut fillers: Vec<u64> = years.iter().map(|&y| (k as u64) * 10_000 + y as u64).collect();
        let mut expect: Vec<Vec<(&'static str, usize)>> = vec![Vec::new(); years.len()];
        let mut extra: Option<Report> = None;
        match k {
            k if k == CHANGED_CELL.0 => {
                let i = at(CHANGED_CELL.1);
                let key = app("3.1", "commercial");
                reports[i] = reports[i].with_cell(&key, reports[i].get(APPLICATIONS, "3.1", "commercial").bumped(1));
                expect[i] = vec![("table.row_sum", 1), ("table.column_sum", 1)];
            }
            k if k == REMOVED_SECTION.0 => {
                let i = at(REMOVED_SECTION.1);
                reports[i] = reports[i].without_section("problems");
                // Its headings now go 四、六、: the numbering skips too.
                expect[i] = vec![("section.missing", 1), ("doc.numbering", 1)];
            }
            k if k == CARRY_OVER_THIS_YEAR.0 => {
                let i = at(CARRY_OVER_THIS_YEAR.1);
                let v = reports[i - 1].get(APPLICATIONS, "4", "natural_person").n + 1;
                set_consistent(&mut reports[i], "2", "natural_person", v);
                // The column and the 总计 column disagree with last year.
                expect[i] = vec![("crossyear.carry_over", 2)];
            }
            k if k == CARRY_OVER_LAST_YEAR.0 => {
                let i = at(CARRY_OVER_LAST_YEAR.1);
                let v = reports[i].get(APPLICATIONS, "4", "commercial").n + 1;
                set_consistent(&mut reports[i], "4", "commercial", v);
                expect[i + 1] = vec![("crossyear.carry_over", 2)];
            }
            k if k == REPEATED_TEXT.0 => {
                let i = at(REPEATED_TEXT.1);
                fillers[i] = fillers[i - 1];
                expect[i] = vec![("crossyear.repetition", 1)];
            }
            k if k == DUPLICATE_YEAR.0 => {
                let mut b = reports[at(DUPLICATE_YEAR.1)].clone();
                let v = b.get(APPLICATIONS, "4", "natural_person").n + 1;
                set_consistent(&mut b, "4", "natural_person", v);
                extra = Some(b);
            }
            GAP => {
                let v = reports[0].get(APPLICATIONS, "4", "natural_person").n + 1;
                set_consistent(&mut reports[1], "2", "natural_person", v);
            }
            _ => {}
        }
        for (i, r) in reports.iter().enumerate() {
            let stem = if k == DUPLICATE_YEAR.0 && r.year == DUPLICATE_YEAR.1 {
                format!("{dir}/{}-a", r.year)
            } else {
                format!("{dir}/{}", r.year)
            };
            add(&mut files, stem, r, fillers[i], &expect[i]);
            if let Some(b) = extra.as_ref().filter(|_| r.year == DUPLICATE_YEAR.1) {
                add(&mut files, format!("{dir}/{}-b", r.year), b, fillers[i] + 5_000, &[]);
            }
        }
    }
    let unusable = |path: &str, bytes: &[u8], code: &'static str, reason: &'static str| Planned {
        path: path.to_string(),
        bytes: bytes.to_vec(),
        report: None,
        format: "",
        expect: [(code, 1)].into_iter().collect(),
        reason: Some(reason),
        published: None,
    };
    files.push(unusable("reports/scan.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0", "input.binary", "PNG 图片"));
    files.push(unusable("reports/杭州市/empty.txt", b"", "input.empty", "输入为空"));
    // A dangling symbolic link: written by `write_batch`, as a file that cannot be read.
    files.push(unusable("reports/gone.txt", b"", "input.unreadable", "文件不存在"));
    files
}

/// Files that are not inputs: hidden ones, a hidden folder, a Word lock file.
const NOT_INPUTS: [&str; 4] = ["reports/.hidden.txt", "reports/.git/config", "reports/杭州市/~$2022.docx", ".DS_Store"];

fn write_batch(dir: &Path, files: &[Planned]) {
    for f in files {
        if f.path.ends_with("gone.txt") {
            std::os::unix::fs::symlink(dir.join("reports/nowhere.txt"), dir.join(&f.path)).unwrap();
        } else {
            write(&dir.join(&f.path), &f.bytes);
        }
    }
    // A real report under each hidden name: it would be a row if it were read.
    for p in NOT_INPUTS {
        write(&dir.join(p), &files[1].bytes);
    }
}

fn severity(code: &str) -> &'static str {
    match code {
        "crossyear.carry_over" | "crossyear.repetition" | "doc.numbering" => "warning",
        "crossyear.in_force" => "info",
        _ => "error",
    }
}

#[test]
fn a_folder_of_reports_gives_a_summary_row_per_file_and_pairs_consecutive_years() {
    let files = plan();
    let reports: Vec<&Report> = files.iter().filter_map(|f| f.report.as_ref()).collect();
    assert!(reports.len() >= 250, "a batch of a few hundred reports: {}", reports.len());
    // Agencies differ in their numbers: pairing by year alone would find many carry-over
    // mismatches, so none in the summary means pairing kept to one agency.
    let across = reports
        .iter()
        .flat_map(|a| reports.iter().map(move |b| (a, b)))
        .filter(|(a, b)| a.agency != b.agency && a.year + 1 == b.year)
        .filter(|(a, b)| a.get(APPLICATIONS, "4", "total") != b.get(APPLICATIONS, "2", "total"))
        .count();
    assert!(across > 1000, "{across}");

    let root = temp_dir("folder");
    let input = root.join("in");
    write_batch(&input, &files);
    let (summary, cells) = (root.join("s.csv"), root.join("c.csv"));
    let o = nianbao(&[
        "check",
        input.to_str().unwrap(),
        "--summary",
        summary.to_str().unwrap(),
        "--cells",
        cells.to_str().unwrap(),
        "--format",
        "jsonl",
    ]);
    let stderr = utf8(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "errors found, and three files could not be checked: {stderr}");
    assert!(!stderr.contains("检查中"), "no progress bar when stderr is piped: {stderr}");

    // Rows in path order, whatever the thread scheduling.
    let name = |f: &Planned| input.join(&f.path).to_string_lossy().into_owned();
    let mut expected_order: Vec<PathBuf> = files.iter().map(|f| input.join(&f.path)).collect();
    expected_order.sort();
    let expected_order: Vec<String> = expected_order.iter().map(|p| p.to_string_lossy().into_owned()).collect();

    let rows = read_csv(&summary);
    let header: Vec<&str> = batch::SUMMARY_COLUMNS.iter().copied().chain(summary_codes()).collect();
    assert_eq!(rows[0], header);
    assert_eq!(
        &rows[0][..11],
        [
            "file",
            "agency",
            "year",
            "era",
            "published",
            "format",
            "sections_missing",
            "errors",
            "warnings",
            "infos",
            "reason"
        ]
    );
    let rows = &rows[1..];
    assert_eq!(rows.len(), files.len(), "one row per file, none for hidden files");
    let order: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(order, expected_order);

    let column = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let by_name: BTreeMap<&str, &Vec<String>> = rows.iter().map(|r| (r[0].as_str(), r)).collect();
    let mut problems = Vec::new();
    for f in &files {
        let row = by_name[name(f).as_str()];
        let field = |c: &str| row[column(c)].as_str();
        let mut want: BTreeMap<&str, String> = BTreeMap::new();
        for code in summary_codes() {
            want.insert(code, f.expect.get(code).copied().unwrap_or(0).to_string());
        }
        for sev in ["error", "warning", "info"] {
            let n: usize = f.expect.iter().filter(|(c, _)| severity(c) == sev).map(|(_, n)| n).sum();
            want.insert(
                if sev == "error" {
                    "errors"
                } else if sev == "warning" {
                    "warnings"
                } else {
                    "infos"
                },
                n.to_string(),
            );
        }
        match &f.report {
            Some(r) => {
                want.insert("agency", r.agency.clone());
                want.insert("year", r.year.to_string());
                want.insert("era", r.era.as_str().to_string());
                want.insert("published", f.published.clone().unwrap_or_default());
                want.insert("format", f.format.to_string());
                let missing = if f.expect.contains_key("section.missing") { "problems" } else { "" };
                want.insert("sections_missing", missing.to_string());
                want.insert("reason", String::new());
            }
            None => {
                for c in ["agency", "year", "era", "published", "format", "sections_missing"] {
                    want.insert(c, String::new());
                }
                let reason = field("reason");
                if !reason.contains(f.reason.unwrap()) {
                    problems.push(format!("{}: reason {reason:?}", f.path));
                }
            }
        }
        for (c, v) in want {
            if field(c) != v {
                problems.push(format!("{}: {c} = {:?}, expected {v:?}", f.path, field(c)));
            }
        }
    }
    assert!(problems.is_empty(), "{} differences:\n{}", problems.len(), problems.join("\n"));

    // Cross-year findings only where planted: never on an agency's first year, never on 金华's
    // 2021 (its 2020 is missing), and 绍兴's 2023 compared with 2022-a, the first by path.
    let crossyear: BTreeSet<&str> = rows
        .iter()
        .filter(|r| summary_codes().iter().enumerate().any(|(k, c)| c.starts_with("crossyear.") && r[11 + k] != "0"))
        .map(|r| r[column("agency")].as_str())
        .collect();
    assert_eq!(crossyear, ["温州市科学技术局", "嘉兴市科学技术局", "湖州市科学技术局"].into_iter().collect());

    // stdout: one JSON result per line, in the same order; stderr: the three reasons.
    let lines: Vec<serde_json::Value> = utf8(&o.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), files.len());
    let names: Vec<&str> = lines.iter().map(|v| v["source"]["name"].as_str().unwrap()).collect();
    assert_eq!(names, expected_order);
    let carry: Vec<&serde_json::Value> = lines
        .iter()
        .flat_map(|v| v["diagnostics"].as_array().unwrap())
        .filter(|d| d["code"] == "crossyear.carry_over")
        .collect();
    assert_eq!(carry.len(), 4);
    assert!(
        carry.iter().all(|d| d["expected"].as_i64().unwrap().abs_diff(d["actual"].as_i64().unwrap()) == 1),
        "{carry:?}"
    );
    for reason in ["PNG 图片", "输入为空", "gone.txt：无法读取文件：文件不存在"] {
        assert!(stderr.contains(reason), "{reason}: {stderr}");
    }

    // Cells: every cell of every report, one row each.
    let cells = read_csv(&cells);
    assert_eq!(cells[0], ["file", "table", "row", "column", "value"]);
    let total: usize = reports.iter().map(|r| r.cells().len()).sum();
    assert_eq!(cells.len() - 1, total);
    let cell = |f: &Planned, table: &str, row: &str, col: &str| -> String {
        let file = name(f);
        let found: Vec<&Vec<String>> =
            cells.iter().filter(|c| c[0] == file && c[1] == table && c[2] == row && c[3] == col).collect();
        assert_eq!(found.len(), 1, "{file} {table} {row} {col}");
        found[0][4].clone()
    };
    let changed = files
        .iter()
        .find(|f| f.report.as_ref().is_some_and(|r| r.agency == "杭州市科学技术局" && r.year == CHANGED_CELL.1))
        .unwrap();
    let r = changed.report.as_ref().unwrap();
    assert_eq!(
        cell(changed, "applications", "3.1", "commercial"),
        r.get(APPLICATIONS, "3.1", "commercial").n.to_string()
    );
    assert_eq!(cell(changed, "applications", "3.7", "total"), r.get(APPLICATIONS, "3.7", "total").n.to_string());
    // Money as written, "12.0" included, in HTML, .docx and every text layout.
    for f in files.iter().filter(|f| f.report.is_some()).step_by(7) {
        let r = f.report.as_ref().unwrap();
        let (row, col) =
            if r.era == Era::E2021 { ("20.8.fees", "amount_wan_yuan") } else { ("20.9.procurement", "amount") };
        let v = r.get(ACTIVE, row, col);
        assert_eq!(cell(f, "active", row, col), format!("{}.{}", v.n / 10, v.n % 10), "{}", f.path);
        assert_eq!(
            cell(f, "review_litigation", "data", "review.total"),
            r.get("review_litigation", "data", "review.total").n.to_string()
        );
    }
    // Nothing for the files that could not be read.
    assert!(cells.iter().all(|c| !c[0].ends_with("scan.png") && !c[0].ends_with("empty.txt")));
}

/// Two reports of one agency, last year's and this year's, whose carry-over disagrees in the
/// 自然人 column; this year's agency is `spelled` in its title.
fn pair_with_mismatch(spelled: &str) -> (String, String) {
    let mut reports = series("杭州市统计局", &[2022, 2023], 77);
    let v = reports[0].get(APPLICATIONS, "4", "natural_person").n + 2;
    set_consistent(&mut reports[1], "2", "natural_person", v);
    reports[1].agency = spelled.to_string();
    reports[1].sync_prose();
    (report_text(&reports[0], Layout::TabRows, 1), report_text(&reports[1], Layout::PipeRows, 2))
}

fn codes(result: &serde_json::Value) -> Vec<&str> {
    result["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect()
}

#[test]
fn previous_compares_a_pair_of_files_even_when_the_agency_is_spelled_differently() {
    let dir = temp_dir("previous");
    let (last, this) = pair_with_mismatch("杭州统计局");
    let (last_path, this_path) = (dir.join("2022.txt"), dir.join("2023.txt"));
    write(&last_path, last.as_bytes());
    write(&this_path, this.as_bytes());
    let (last_path, this_path) = (last_path.to_str().unwrap(), this_path.to_str().unwrap());

    let o = nianbao(&["check", "--format", "jsonl", "--previous", last_path, this_path]);
    assert_eq!(o.status.code(), Some(0), "carry-over findings are warnings: {}", utf8(&o.stderr));
    let lines: Vec<serde_json::Value> = utf8(&o.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 1, "only this year's result");
    let r = &lines[0];
    assert_eq!(r["source"]["name"], this_path);
    assert_eq!(r["document"]["agency"], "杭州统计局");
    assert_eq!(codes(r), ["crossyear.carry_over", "crossyear.carry_over"]);
    assert_eq!(r["summary"]["warnings"], 2);
    let d = &r["diagnostics"][0];
    assert_eq!((d["cells"][0]["row"].as_str(), d["cells"][0]["column"].as_str()), (Some("2"), Some("natural_person")));
    assert_eq!(d["expected"].as_i64().unwrap() + 2, d["actual"].as_i64().unwrap());

    // Human output shows the finding in this year's text.
    let o = nianbao(&["check", "--previous", last_path, this_path]);
    let out = utf8(&o.stdout);
    assert!(out.contains("warning[crossyear.carry_over]: 上年报告“结转下年度继续办理·自然人”为"), "{out}");
    assert!(out.contains("2023.txt："), "{out}");

    // Checked together without --previous, the two are different agencies: no comparison ...
    let o = nianbao(&["check", "--format", "jsonl", last_path, this_path]);
    let lines: Vec<serde_json::Value> = utf8(&o.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().all(|r| codes(r).is_empty()), "{lines:?}");
    // ... and spelled the same, plain FILE arguments are paired like a folder's files.
    let (last, this) = pair_with_mismatch("杭州市统计局");
    write(&dir.join("same-2023.txt"), this.as_bytes());
    write(&dir.join("same-2022.txt"), last.as_bytes());
    let same = dir.join("same-2023.txt");
    let o =
        nianbao(&["check", "--format", "jsonl", same.to_str().unwrap(), dir.join("same-2022.txt").to_str().unwrap()]);
    let lines: Vec<serde_json::Value> = utf8(&o.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines[0]["source"]["name"], same.to_str().unwrap(), "FILE arguments keep their order");
    assert_eq!(codes(&lines[0]), ["crossyear.carry_over", "crossyear.carry_over"]);
    assert!(codes(&lines[1]).is_empty());

    // A previous year that cannot be read: this year is still checked, and the exit status says so.
    let o = nianbao(&["check", "--format", "jsonl", "--previous", "/no/such/2022.txt", this_path]);
    assert_eq!(o.status.code(), Some(2));
    assert!(utf8(&o.stderr).contains("上年报告 /no/such/2022.txt：无法读取文件：文件不存在"), "{}", utf8(&o.stderr));
    assert_eq!(utf8(&o.stdout).lines().count(), 1);
    // --previous takes one file of this year.
    for args in [
        &["check", "--previous", last_path, this_path, this_path][..],
        &["check", "--previous", last_path, dir.to_str().unwrap()],
    ] {
        let o = nianbao(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(utf8(&o.stderr).contains("--previous 只能与一个本年报告文件一起使用"), "{}", utf8(&o.stderr));
    }
}

#[test]
fn files_and_folders_can_be_mixed() {
    let dir = temp_dir("mixed");
    let mut r = Report::generate(Era::E2021, 5);
    r.agency = "宁波市统计局".into();
    let clean = report_text(&r, Layout::CellPerLineBlank, 3);
    for p in ["b/2.txt", "b/sub/1.txt", "b/1.txt", "b/.cache/x.txt", "a.txt", "c.txt"] {
        write(&dir.join(p), clean.as_bytes());
    }
    let p = |s: &str| dir.join(s);
    // Arguments keep their order; a folder gives its files sorted by path; a file met twice is
    // checked once; hidden folders are skipped; a missing file is kept to be reported.
    let got = batch::collect_paths(&[p("c.txt"), p("b"), p("a.txt"), p("b/1.txt"), p("missing.txt")]);
    assert_eq!(got, [p("c.txt"), p("b/1.txt"), p("b/2.txt"), p("b/sub/1.txt"), p("a.txt"), p("missing.txt")]);

    // Output files written into the folder being checked are not inputs on the next run.
    let summary = p("b/summary.csv");
    for _ in 0..2 {
        let o = nianbao(&[
            "check",
            p("c.txt").to_str().unwrap(),
            p("b").to_str().unwrap(),
            "--summary",
            summary.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", utf8(&o.stderr));
        assert_eq!(utf8(&o.stderr), "", "nothing on stderr: no progress bar when piped, no reasons");
        let out = utf8(&o.stdout);
        assert!(out.ends_with("共检查 4 个文件：4 个未发现错误，0 个有错误，0 个无法检查\n"), "{out}");
        let rows = read_csv(&summary);
        let files: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
        let want = [p("c.txt"), p("b/1.txt"), p("b/2.txt"), p("b/sub/1.txt")];
        assert_eq!(files, want.iter().map(|p| p.to_str().unwrap()).collect::<Vec<_>>());
    }

    // A summary that cannot be written: the reason, and exit status 2.
    let o = nianbao(&["check", p("a.txt").to_str().unwrap(), "--summary", p("no/such/s.csv").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(utf8(&o.stderr).contains("无法写入"), "{}", utf8(&o.stderr));

    // A folder with nothing to check is a usage error.
    std::fs::create_dir_all(p("empty/.git")).unwrap();
    let o = nianbao(&["check", p("empty").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(utf8(&o.stderr).contains("没有可检查的文件"), "{}", utf8(&o.stderr));
}

#[test]
fn progress_bar_only_on_a_terminal_outside_ci() {
    let dir = temp_dir("progress");
    let r = Report::generate(Era::E2019, 9);
    for k in 0..3 {
        write(&dir.join(format!("{k}.txt")), report_text(&r, Layout::TabRows, k).as_bytes());
    }
    // `script` runs the command on a pseudo-terminal, as a person would.
    let cmd = format!("{} check {} --format jsonl", env!("CARGO_BIN_EXE_nianbao"), dir.display());
    let on_terminal = |ci: Option<&str>| {
        let mut c = Command::new("script");
        c.args(["-qec", &cmd, "/dev/null"]).env_remove("CI");
        if let Some(v) = ci {
            c.env("CI", v);
        }
        c.output()
    };
    let Ok(o) = on_terminal(None) else {
        eprintln!("`script` (util-linux) is not installed: the terminal case is not tested");
        return;
    };
    let out = utf8(&o.stdout);
    // indicatif's bar, redrawn in place ("\r" and erase-line before each redraw).
    assert!(out.contains("检查中 [") && out.contains("\r\x1b[2K检查中 [") && out.contains("3/3"), "{out:?}");
    let o = on_terminal(Some("true")).unwrap();
    assert!(!utf8(&o.stdout).contains("检查中"), "no progress bar under CI");
}

/// The summary's code columns are the catalogue's codes, each once, and the columns of earlier
/// versions keep their places (new codes are appended), so summaries of different batches and
/// versions line up.
#[test]
fn every_diagnostic_code_has_a_summary_column() {
    let listed = summary_codes();
    let unique: BTreeSet<&str> = listed.iter().copied().collect();
    assert_eq!(unique.len(), listed.len(), "no code listed twice");
    let first_version = [
        "input.empty",
        "input.too_large",
        "input.binary",
        "input.encoding",
        "input.broken",
        "input.unreadable",
        "input.internal_error",
        "input.table_too_large",
        "input.nesting",
        "doc.not_annual_report",
        "doc.year_unknown",
        "doc.year_mismatch",
        "doc.late",
        "doc.format_outdated",
        "doc.format_mismatch",
        "section.missing",
        "section.mentioned_only",
        "section.out_of_order",
        "section.incomplete",
        "table.missing",
        "table.unreadable",
        "table.row_missing",
        "table.cell_empty",
        "table.cell_invalid",
        "table.row_sum",
        "table.column_sum",
        "table.balance",
        "table.group_total",
        "table.implausible",
        "table.reordered",
        "text.table_mismatch",
        "crossyear.carry_over",
        "crossyear.repetition",
        "crossyear.in_force",
    ];
    assert_eq!(&listed[..first_version.len()], first_version, "columns never move");
}

/// The summary's code columns.
fn summary_codes() -> Vec<&'static str> {
    nianbao::catalogue::CODES.iter().map(|c| c.code).collect()
}
