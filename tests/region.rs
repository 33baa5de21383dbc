//! The supervisor's whole-region review (`nianbao::region`, `batch::review_region`, the CLI's
//! `--roster` and `--html`): on a generated region of 200 agencies with planted problems, exactly
//! the planted ones are found; on the real corpus checked as one batch, none.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use nianbao::batch::{self, Outcome, Review};
use nianbao::region::Roster;
use nianbao::Options;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-region-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The generated region written to a folder: (folder, region).
fn region_dir(name: &str, n: usize) -> (PathBuf, common::region::Region) {
    let dir = temp_dir(name);
    let region = common::region::region(n);
    for (file, text) in &region.files {
        std::fs::write(dir.join(file), text).unwrap();
    }
    (dir, region)
}

fn file_name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

/// Batch findings as (file, code, the other file it names), the other as a file name.
fn batch_findings(outcomes: &[Outcome]) -> BTreeSet<(String, String, String)> {
    let names: Vec<String> = outcomes.iter().map(|o| file_name(&o.path)).collect();
    let mut out = BTreeSet::new();
    for o in outcomes {
        for d in o.result.diagnostics.iter().filter(|d| d.code.starts_with("batch.")) {
            let others: Vec<&String> =
                names.iter().filter(|n| **n != file_name(&o.path) && d.message.contains(n.as_str())).collect();
            assert_eq!(others.len(), 1, "one other report named: {}", d.message);
            out.insert((file_name(&o.path), d.code.to_string(), others[0].clone()));
        }
    }
    out
}

fn both_ways(pairs: &BTreeSet<(String, String)>, code: &str) -> BTreeSet<(String, String, String)> {
    pairs
        .iter()
        .flat_map(|(a, b)| [(a.clone(), code.to_string(), b.clone()), (b.clone(), code.to_string(), a.clone())])
        .collect()
}

fn review(dir: &Path, roster: Option<&Roster>) -> (Vec<Outcome>, Vec<batch::Missing>) {
    let paths = batch::collect_paths(&[dir.to_path_buf()]);
    let review = Review { profile: None, copies: true };
    let mut outcomes = batch::check_all_with(&paths, &Options::default(), &review, |_, _| {});
    batch::pair_years(&mut outcomes);
    let missing = batch::review_region(&mut outcomes, roster, None);
    (outcomes, missing)
}

#[test]
fn a_region_of_200_reports_gives_exactly_the_planted_problems() {
    let (dir, region) = region_dir("planted", 200);
    let roster = Roster::parse(&region.roster).unwrap();
    assert_eq!(roster.entries.len(), 202);
    let (outcomes, missing) = review(&dir, Some(&roster));
    assert_eq!(outcomes.len(), 200);

    // The generated reports read as their agencies' 2024 reports, so the review has its inputs.
    for (o, (file, text)) in outcomes.iter().zip(&region.files) {
        assert_eq!(&file_name(&o.path), file);
        let agency = text.lines().next().unwrap().trim_end_matches("2024年政府信息公开工作年度报告");
        assert_eq!(o.result.document.agency.as_deref(), Some(agency), "{file}");
        assert_eq!(o.result.document.year, Some(2024), "{file}");
        assert!(o.sketch.is_some(), "{file}");
    }

    let mut want = both_ways(&region.copied, "batch.copied_text");
    want.extend(both_ways(&region.same_table, "batch.tables_identical"));
    assert_eq!(batch_findings(&outcomes), want);

    let got: Vec<&str> = missing.iter().map(|m| m.entry.name.as_str()).collect();
    assert_eq!(got, region.missing.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(missing.iter().all(|m| m.finding.code == "batch.report_missing"
        && m.finding.message.contains(&m.entry.name)
        && m.finding.severity == nianbao::result::Severity::Error));

    // The message names the other report and the share; the hint quotes the shared passages.
    let copied = outcomes.iter().find(|o| file_name(&o.path).starts_with("011-")).unwrap();
    let d = copied.result.diagnostics.iter().find(|d| d.code == "batch.copied_text").unwrap();
    assert!(
        d.message.starts_with("正文有 ")
            && d.message.contains("003-某某区公安分局.txt（某某区公安分局 2024 年度报告）"),
        "{}",
        d.message
    );
    assert!(d.hint.as_deref().unwrap().starts_with("相同最长的段落：“"), "{:?}", d.hint);
    assert!(d.span.is_some());
    let same = outcomes.iter().find(|o| file_name(&o.path).starts_with("014-")).unwrap();
    let d = same.result.diagnostics.iter().find(|d| d.code == "batch.tables_identical").unwrap();
    assert_eq!(d.table, Some("applications"));
    assert!(d.message.contains("收到和处理政府信息公开申请情况"), "{}", d.message);

    // Without a roster, nothing is missing; without sketches, no copying is looked for.
    let (_, none) = review(&dir, None);
    assert!(none.is_empty());
    let paths = batch::collect_paths(&[dir.clone()]);
    let mut plain = batch::check_all(&paths, &Options::default(), |_, _| {});
    batch::review_region(&mut plain, None, None);
    let codes: BTreeSet<String> = batch_findings(&plain).into_iter().map(|f| f.1).collect();
    assert_eq!(codes, BTreeSet::from(["batch.tables_identical".to_string()]));
}

/// The real reports of tests/fixtures checked as one batch: no agency copied another, no table
/// is another agency's. (The 淮安 2024 report is there in seven extractions: one agency, so
/// never compared with itself.)
#[test]
fn the_real_corpus_as_one_batch_has_no_batch_findings() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let (outcomes, _) = review(&dir, None);
    assert!(outcomes.len() > 60, "{}", outcomes.len());
    let sketched = outcomes.iter().filter(|o| o.sketch.is_some()).count();
    assert!(sketched > 40, "{sketched}");
    assert_eq!(batch_findings(&outcomes), BTreeSet::new());
}

#[test]
fn rosters_are_read_strictly() {
    let r = Roster::parse("机关名称\t层级\n某某区教育局\t部门\n东山镇政府\t乡镇\n").unwrap();
    assert_eq!(r.entries.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(), ["某某区教育局", "东山镇政府"]);
    assert_eq!(Roster::parse("某某区教育局,部门\n,部门\n").unwrap_err(), "名单第 2 行缺少机关名称");
    assert_eq!(Roster::parse("某某区教育局\n某某区教育局\n").unwrap_err(), "名单第 2 行的“某某区教育局”重复出现");
    assert_eq!(Roster::parse("机关名称,层级\n").unwrap_err(), "名单中没有机关");
}

fn nianbao(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao")).args(args).output().expect("binary runs")
}

/// The CLI over the region: the roster's gaps printed and in the summary, the HTML report
/// written (tests/browser/region.test.mjs opens it), exit status 1 for the missing reports.
#[test]
fn the_cli_reviews_a_region() {
    let (dir, region) = region_dir("cli", 40);
    let out = temp_dir("cli-out");
    let roster = out.join("roster.csv");
    std::fs::write(&roster, &region.roster).unwrap();
    let (html, summary) = (out.join("region.html"), out.join("summary.csv"));
    let o = nianbao(&[
        "check",
        dir.to_str().unwrap(),
        "--roster",
        roster.to_str().unwrap(),
        "--html",
        html.to_str().unwrap(),
        "--summary",
        summary.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8(o.stdout).unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    for name in &region.missing {
        assert!(stdout.contains(&format!("error[batch.report_missing]: 名单中的“{name}”")), "{stdout}");
    }
    assert!(stdout.contains("warning[batch.copied_text]"), "{stdout}");
    let last = stdout.lines().last().unwrap();
    assert!(
        last.starts_with("共检查 40 个文件：") && last.ends_with("0 个无法检查；名单中 2 个机关没有报告"),
        "{last}"
    );
    let csv = std::fs::read_to_string(&summary).unwrap();
    let header: Vec<&str> = csv.trim_start_matches('\u{FEFF}').lines().next().unwrap().split(',').collect();
    let col = header.iter().position(|h| *h == "batch.report_missing").unwrap();
    let rows: Vec<Vec<&str>> = csv.lines().skip(1).map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 42);
    let missing_rows: Vec<&str> = rows.iter().filter(|r| r[col] == "1").map(|r| r[1]).collect();
    assert_eq!(missing_rows, region.missing.iter().map(String::as_str).collect::<Vec<_>>());
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("Content-Security-Policy") && page.contains("connect-src 'none'"));
    assert!(!page.contains("src=\"http") && !page.contains("href=\"http"), "nothing from the network");

    // A roster that cannot be read: its line, exit status 2.
    std::fs::write(&roster, "机关名称,层级\n某某区教育局,区级\n").unwrap();
    let o = nianbao(&["check", dir.to_str().unwrap(), "--roster", roster.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("名单第 2 行的层级“区级”无法识别"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// The region report the browser test opens from disk, and what it must show.
#[test]
fn writes_the_region_report_for_the_browser_test() {
    let (dir, region) = region_dir("browser", 200);
    let roster = Roster::parse(&region.roster).unwrap();
    let (outcomes, missing) = review(&dir, Some(&roster));
    let page = nianbao::region_html::render(&outcomes, &missing);
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser-inputs");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("region.html"), &page).unwrap();
    let agency = |file: &str| {
        outcomes.iter().find(|o| file_name(&o.path) == file).and_then(|o| o.result.document.agency.clone()).unwrap()
    };
    let copied: BTreeSet<String> = region.copied.iter().flat_map(|(a, b)| [agency(a), agency(b)]).collect();
    let tables: BTreeSet<String> = region.same_table.iter().flat_map(|(a, b)| [agency(a), agency(b)]).collect();
    let expected = serde_json::json!({
        "reports": outcomes.len(),
        "copied": copied,
        "tables_identical": tables,
        "missing": region.missing,
    });
    std::fs::write(out.join("region-expected.json"), expected.to_string()).unwrap();
}
