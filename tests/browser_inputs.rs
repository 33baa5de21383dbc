//! Writes the files the browser tests (tests/browser/) drop and paste into the page, made by the
//! same generator as the Rust tests, and checks natively what the page must then show. `make
//! test` runs this before the browser tests; they fail, never skip, without these files.

mod common;

use common::formats;
use common::gen::{CellKey, Era, Layout, Report, APPLICATIONS};
use nianbao::result::Severity;
use nianbao::{check_bytes, check_text, Options};

fn out_dir() -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser-inputs");
    std::fs::create_dir_all(&dir).expect("target/ is writable");
    dir
}

#[test]
fn writes_the_inputs_of_the_browser_tests() {
    let dir = out_dir();
    let rep = Report::generate(Era::E2021, 21);
    let text = rep.render(Layout::TabRows);

    // An HTML page whose （七）总计·总计 is one more than its rows add up to.
    let key = CellKey::new(APPLICATIONS, "3.7", "total");
    let right = rep.get(APPLICATIONS, "3.7", "total");
    let wrong = rep.with_cell(&key, right.bumped(1)).render(Layout::TabRows);
    let page = formats::html_page(&wrong, "utf-8", "2023-01-10");
    let r = check_bytes(page.as_bytes(), &Options { name: "wrong-total.html".into(), era: None });
    let marked = r.diagnostics.iter().any(|d| {
        d.severity == Severity::Error
            && d.code == "table.column_sum"
            && d.cells.iter().any(|c| c.row == "3.7" && c.column == "total")
    });
    assert!(marked, "{:?}", r.diagnostics);
    std::fs::write(dir.join("wrong-total.html"), &page).unwrap();

    // The same clean report as a .docx (list-numbered headings) and as GB18030 text.
    let docx = formats::docx(&text, true);
    assert_eq!(check_bytes(&docx, &Options { name: "r.docx".into(), era: None }).summary.errors, 0);
    std::fs::write(dir.join("report.docx"), &docx).unwrap();
    let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
    let r = check_bytes(&gbk, &Options { name: "r.txt".into(), era: None });
    assert_eq!((r.source.encoding, r.summary.errors), ("GB18030", 0));
    std::fs::write(dir.join("report-gb18030.txt"), &gbk).unwrap();

    // A report whose text carries markup that must stay text in the page.
    let hostile = format!(
        "{}\n<script>window.__xss = 1</script><img src=x onerror=\"window.__xss = 2\">\n",
        common::fixture("seeds/jilin-kjj-2019.txt")
    )
    .replacen("一、总体情况", "一、总体情况<img src=x onerror=\"window.__xss = 3\">", 1);
    std::fs::write(dir.join("hostile.txt"), &hostile).unwrap();

    // A report of about 30 KB for the timing the browser test reports.
    let mut long = String::new();
    let overview =
        "本年度，本机关认真贯彻落实《条例》，扎实推进政务公开各项工作，主动公开政府信息，依法办理政府信息公开申请。";
    let (head, tail) = text.split_at(text.find("二、主动公开政府信息情况").unwrap());
    long.push_str(head);
    while long.len() + tail.len() < 30 * 1024 {
        long.push_str(overview);
        long.push('\n');
    }
    long.push_str(tail);
    assert_eq!(check_text(&long, &Options::default()).summary.errors, 0);
    std::fs::write(dir.join("report-30kb.txt"), &long).unwrap();

    // One agency's reports for two consecutive years, for the page's cross-year check.
    let last = Report::generate(Era::E2021, 41);
    let mut this = Report::generate(Era::E2021, 42);
    this.agency = last.agency.clone();
    this.year = last.year + 1;
    let (last_text, this_text) = (last.render(Layout::TabRows), this.render(Layout::TabRows));
    let paired = nianbao::check_pair(&last_text, &this_text, &Options::default());
    let carry_over = paired.diagnostics.iter().filter(|d| d.code == "crossyear.carry_over").count();
    assert!(carry_over > 0);
    std::fs::write(dir.join("pair-last.txt"), &last_text).unwrap();
    std::fs::write(dir.join("pair-this.txt"), &this_text).unwrap();

    let manifest = serde_json::json!({
        "pair": { "carry_over": carry_over, "year": this.year },
        "agency": rep.agency,
        "year": rep.year,
        "wrong_total": { "cell": "applications/3.7/total", "expected": right.number(), "actual": right.bumped(1).number() },
    });
    std::fs::write(dir.join("manifest.json"), manifest.to_string()).unwrap();
}
