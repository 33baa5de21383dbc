//! The CLI as a user runs it: exit codes, output formats, and clear messages on bad input.

mod common;

use std::io::Write;

use common::fixture_path;
use std::process::{Command, Output, Stdio};

fn nianbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao")).args(args).output().expect("binary runs")
}

fn nianbao_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn temp_file(name: &str, bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("nianbao-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

#[test]
fn human_output_points_at_the_problem() {
    let o = nianbao(&["check", &fixture_path("seeds/jilin-kjj-2019.txt")]);
    assert_eq!(o.status.code(), Some(1), "errors found → 1");
    let out = stdout(&o);
    assert!(out.contains("error[section.missing]: 缺少“六、其他需要报告的事项”"), "{out}");
    assert!(out.contains("error[table.missing]"), "{out}");
    assert!(out.contains("✗ 六、其他需要报告的事项 — 缺少"), "{out}");
    assert!(out.contains("✓ 主动公开政府信息情况（2019 年格式，读到 22 格）"), "{out}");
    assert!(out.contains("吉林市科技局 2019 年度报告 — 发现 3 个错误、0 个提醒（章节 5/6）"), "{out}");
    assert!(!out.contains("\x1b["), "no colour when piped");
}

#[test]
fn human_output_underlines_the_offending_text() {
    let text = std::fs::read_to_string(fixture_path("real/huaian-szf-2024-pdftotext.txt"))
        .unwrap()
        .replace("公开申请 3119 件", "公开申请 3118 件");
    let path = temp_file("huaian-edited.txt", text.as_bytes());
    let o = nianbao(&["check", &path]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let at = out.find("error[text.table_mismatch]").expect("mismatch reported");
    let block: Vec<&str> = out[at..].lines().take(6).collect();
    assert!(block[0].contains("正文称收到申请为 3118 件，表格中为 3119"), "{block:?}");
    assert!(block[1].contains("huaian-edited.txt:"), "{block:?}");
    let source_line = block[3];
    let carets = block[4];
    assert!(source_line.contains("全市共受理政府信息公开申请 3118 件"), "{block:?}");
    // The carets stand under "3118 件" (CJK characters are two columns wide).
    let caret_start = carets.find('^').unwrap();
    let prefix_width = |s: &str| s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum::<usize>();
    let figure_at = source_line.find("3118").unwrap();
    assert_eq!(prefix_width(&carets[..caret_start]), prefix_width(&source_line[..figure_at]), "{block:?}");
    assert_eq!(carets.matches('^').count(), "3118 件".chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum::<usize>());
}

#[test]
fn clean_report_exits_zero_and_json_is_the_contract() {
    let o = nianbao(&["check", "--format", "json", &fixture_path("real/huaian-szf-2024-pdftotext.txt")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let r = &v[0];
    assert_eq!(r["schema_version"], 1);
    assert_eq!(r["document"]["era"], "2021");
    assert_eq!(r["document"]["year"], 2024);
    assert_eq!(r["summary"]["errors"], 0);
    assert_eq!(r["sections"].as_array().unwrap().len(), 6);
    let apps = r["tables"].as_array().unwrap().iter().find(|t| t["id"] == "applications").unwrap();
    let total = apps["cells"].as_array().unwrap().iter().find(|c| c["row"] == "3.7" && c["column"] == "total").unwrap();
    assert_eq!(total["value"], 3050);
    assert_eq!(total["raw"], "3050");
}

#[test]
fn jsonl_gives_one_result_per_line_and_worst_exit_code() {
    let o = nianbao(&[
        "check",
        "--format=jsonl",
        &fixture_path("real/huaian-szf-2024-pdftotext.txt"),
        &fixture_path("seeds/jilin-kjj-2019.txt"),
        &fixture_path("seeds/zibo-kjj-2017-workplan-not-a-report.txt"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["summary"]["errors"], 0);
    assert_eq!(lines[1]["summary"]["errors"], 3);
    assert_eq!(lines[2]["document"]["is_annual_report"], false);
}

#[test]
fn reads_standard_input() {
    let text = std::fs::read(fixture_path("seeds/zhangdian-kjj-2012-traditional-pinyin.txt")).unwrap();
    let o = nianbao_stdin(&["check", "--format", "json", "-"], &text);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v[0]["document"]["agency"], "张店区科学技术局");
    assert_eq!(v[0]["source"]["name"], "<标准输入>");
}

#[test]
fn unusable_inputs_exit_two_with_a_chinese_reason() {
    let cases: [(&str, &[u8], &str); 4] = [
        ("empty.txt", b"", "输入为空"),
        ("blank.txt", b"  \n\n\t ", "输入为空"),
        ("report.txt", b"\x00\x01\x02\x03\xFF\xFEbinary\x00\x00", "不是文本文件"),
        ("scan.txt", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", "PDF"),
    ];
    for (name, bytes, says) in cases {
        let o = nianbao(&["check", &temp_file(name, bytes)]);
        assert_eq!(o.status.code(), Some(2), "{name}");
        assert!(stderr(&o).contains(says), "{name}: {}", stderr(&o));
    }
    let gbk = temp_file(
        "gbk.txt",
        b"\xd5\xfe\xb8\xae\xd0\xc5\xcf\xa2\xb9\xab\xbf\xaa\xb9\xa4\xd7\xf7\xc4\xea\xb6\xc8\xb1\xa8\xb8\xe6",
    );
    // GBK bytes of "政府信息公开工作年度报告" are read as GB18030 ...
    let o = nianbao(&["check", "--format", "json", &gbk]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v[0]["source"]["encoding"], "GB18030");
    // ... while bytes that read as Chinese in no supported encoding are refused.
    let unknown = temp_file("unknown.txt", &b"\x80\xff\x80\xfe abc \x80\xff".repeat(20));
    let o = nianbao(&["check", &unknown]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("编码"), "{}", stderr(&o));
}

#[test]
fn missing_files_and_bad_usage_exit_two() {
    let o = nianbao(&["check", "/no/such/report.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("文件不存在"), "{}", stderr(&o));
    for args in [
        &["check"][..],
        &["check", "--format", "xml", "a.txt"],
        &["check", "--era", "1999", "a.txt"],
        &["lint", "a.txt"],
    ] {
        let o = nianbao(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("用法"), "{args:?}: {}", stderr(&o));
    }
    let o = nianbao(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("nianbao check"));
}

#[test]
fn era_can_be_forced() {
    let o = nianbao(&["check", "--format", "json", "--era", "2008", &fixture_path("seeds/jilin-kjj-2019.txt")]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v[0]["document"]["era"], "2008");
    let ids: Vec<&str> = v[0]["sections"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["active_disclosure", "applications", "fees", "review_litigation", "problems", "other"]);
}

#[test]
fn checks_html_and_docx_files() {
    use common::formats;
    use common::gen::{Era, Layout, Report};
    let text = Report::generate(Era::E2021, 12).render(Layout::TabRows);
    let page = temp_file("report.html", formats::html_page(&text, "utf-8", "2023-01-10").as_bytes());
    let docx = temp_file("report.docx", &formats::docx(&text, true));
    let o = nianbao(&["check", "--format", "json", &page, &docx]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v[0]["source"]["format"], "html");
    assert_eq!(v[1]["source"]["format"], "docx");
    for r in v.as_array().unwrap() {
        assert_eq!(r["summary"]["sections_present"], 6);
        assert_eq!(r["tables"].as_array().unwrap().iter().filter(|t| t["status"] == "present").count(), 3);
    }
    // A misnamed file is read by what it is.
    let misnamed = temp_file("report.txt", &formats::docx(&text, false));
    let o = nianbao(&["check", "--format", "json", &misnamed]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v[0]["source"]["format"], "docx");
    // Human output quotes the text as read from the file, not its markup.
    let o = nianbao(&["check", &docx]);
    assert!(stdout(&o).contains("✓ 收到和处理政府信息公开申请情况（2021 年格式，读到 175 格）"), "{}", stdout(&o));

    let bomb = temp_file("bomb.docx", &formats::zip(&[("word/document.xml", &vec![b' '; 64 * 1024 * 1024])]));
    let o = nianbao(&["check", &bomb]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("解压后超过"), "{}", stderr(&o));
}
