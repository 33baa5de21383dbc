//! Every finding's place in words ("表三（一）予以公开 · 自然人"), as a reader of the printed
//! report finds it without line numbers: derived from the labels the era's format declares.

mod common;

use common::fixture;
use nianbao::result::CheckResult;
use nianbao::{check_text, Options};

fn check(path: &str) -> CheckResult {
    check_text(&fixture(path), &Options { name: path.to_string(), era: None })
}

fn places(r: &CheckResult, code: &str) -> Vec<String> {
    r.diagnostics.iter().filter(|d| d.code == code).map(|d| d.place.clone().unwrap_or_default()).collect()
}

#[test]
fn the_wrong_cell_is_named_by_its_table_row_and_column() {
    // 1288 → 1298 in （一）予以公开·自然人 of a real report: both failed equations name that cell.
    let text = fixture("real/c-huaian-szf-2024-pdftotext-layout.txt").replacen("  1288  ", "  1298  ", 1);
    let r = check_text(&text, &Options::default());
    let failed: Vec<_> = r.diagnostics.iter().filter(|d| d.suggestion.is_some()).collect();
    assert_eq!(failed.len(), 2, "{:?}", r.diagnostics);
    for d in failed {
        assert_eq!(d.place.as_deref(), Some("表三（一）予以公开 · 自然人"), "{}", d.message);
    }
}

#[test]
fn sections_rows_of_numbered_items_and_whole_tables_are_named() {
    let r = check("real/a-songmutang-zhen-2022-page.txt");
    assert!(places(&r, "section.missing").contains(&"第五部分 存在的主要问题及改进情况".to_string()));
    // The excerpt ends inside table 二: its cut-off 收费 row is not missing. Followed by a section,
    // the same table lacks that row.
    assert_eq!(places(&r, "table.row_missing"), Vec::<String>::new());
    assert_eq!(places(&r, "table.implausible"), vec!["表二 第（一）项 规章"]);
    let text = format!("{}\n五、存在的主要问题及改进情况\n无。\n", fixture("real/a-songmutang-zhen-2022-page.txt"));
    let r = check_text(&text, &Options::default());
    assert_eq!(places(&r, "table.row_missing"), vec!["表二 第（八）项 行政事业性收费 · 本年收费金额（单位：万元）"]);
    let r = check("real/a-changchun-bm-2023-page.txt");
    assert_eq!(places(&r, "text.table_mismatch"), vec!["表三 一、本年新收政府信息公开申请数量 · 总计"]);
    let unreadable: Vec<String> = ["real/a-beijie-jd-2025-page.txt", "real/a-qu-tjj-2023-page.txt"]
        .iter()
        .flat_map(|p| places(&check(p), "table.missing"))
        .collect();
    assert!(unreadable.iter().all(|p| p.starts_with('表') && p.contains("情况")), "{unreadable:?}");
}

/// Over the whole real corpus: a finding about a section or a table always has a place, one
/// that begins as the report numbers its parts, and a finding about the whole document none.
#[test]
fn every_finding_of_the_corpus_about_a_part_has_its_place() {
    let dir = format!("{}/tests/fixtures/real", env!("CARGO_MANIFEST_DIR"));
    let mut named = 0;
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let bytes = std::fs::read(entry.path()).unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let r = nianbao::check_bytes(&bytes, &Options { name: name.clone(), era: None });
        for d in &r.diagnostics {
            match (d.table, d.section, d.place.as_deref()) {
                (Some(_), _, Some(p)) => assert!(p.starts_with('表'), "{name} {}: {p}", d.code),
                (None, Some(_), Some(p)) => assert!(p.starts_with('第') && p.contains("部分 "), "{name}: {p}"),
                (None, None, None) => continue,
                other => panic!("{name} {}: {other:?}", d.code),
            }
            named += 1;
        }
    }
    assert!(named > 150, "{named}");
}
