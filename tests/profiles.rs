//! Rule profiles (`nianbao::profile`, `--profile`, profiles/): the two shipped examples change
//! the verdicts they should, and a malformed profile is an error naming its line and key.

mod common;

use common::gen::{Era, Layout, Report};
use nianbao::result::{CheckResult, Severity};
use nianbao::{check_pair_with, check_text, check_text_with, Options, Profile};

fn profile(name: &str) -> Profile {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles").join(name);
    Profile::parse(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A generated 2024 report of `agency`, published on `published` (the page's 发布日期 line),
/// with `overview` added to its 总体情况.
fn report(agency: &str, published: &str, overview: &str) -> String {
    let mut r = Report::generate(Era::E2021, 7);
    r.agency = agency.to_string();
    r.year = 2024;
    let text = r.render(Layout::TabRows);
    let text = text.replacen("一、总体情况\n", &format!("一、总体情况\n{overview}\n"), 1);
    format!("发布日期：{published}\n{text}")
}

fn codes(r: &CheckResult, code: &str) -> Vec<(Severity, String)> {
    r.diagnostics.iter().filter(|d| d.code == code).map(|d| (d.severity, d.message.clone())).collect()
}

#[test]
fn suqian_gives_departments_until_the_end_of_march() {
    let suqian = profile("suqian.toml");
    let march = report("某某市统计局", "2025-03-15", "");
    let national = check_text(&march, &Options::default());
    assert_eq!(national.document.agency_level, nianbao::format::AgencyLevel::Department);
    assert_eq!(
        codes(&national, "doc.late"),
        [(Severity::Warning, "发布日期 2025-03-15 晚于法定期限 2025-01-31".to_string())]
    );
    let local = check_text_with(&march, &Options::default(), Some(&suqian));
    assert_eq!(codes(&local, "doc.late"), []);
    assert_eq!(local.summary.warnings + 1, national.summary.warnings);

    // April is late under both, and the finding says whose deadline it is.
    let april = report("某某市统计局", "2025-04-02", "");
    let local = check_text_with(&april, &Options::default(), Some(&suqian));
    assert_eq!(
        codes(&local, "doc.late"),
        [(Severity::Warning, "发布日期 2025-04-02 晚于宿迁市规定的期限 2025-03-31".to_string())]
    );
    let d = local.diagnostics.iter().find(|d| d.code == "doc.late").unwrap();
    assert!(d.hint.as_deref().unwrap().contains("宿迁市规定的发布期限"), "{:?}", d.hint);
    assert!(d.span.is_some());
}

#[test]
fn suqian_counts_repetition_as_an_error() {
    let suqian = profile("suqian.toml");
    let last = report("某某市统计局", "2024-01-20", "").replace("2024", "2023");
    let this = report("某某市统计局", "2025-01-20", "");
    let national = check_pair_with(&last, &this, &Options::default(), None);
    let rep = codes(&national, "crossyear.repetition");
    assert_eq!(rep.len(), 1);
    assert_eq!(rep[0].0, Severity::Warning);
    let local = check_pair_with(&last, &this, &Options::default(), Some(&suqian));
    assert_eq!(codes(&local, "crossyear.repetition"), [(Severity::Error, rep[0].1.clone())]);
    assert_eq!(local.summary.errors, national.summary.errors + 1);
}

#[test]
fn wuwei_caps_the_overview_and_asks_for_its_counts() {
    let wuwei = profile("wuwei-2025.toml");
    let stated = "（一）主动公开。全年发布政策解读12篇，回应关切8次。（二）依申请公开。（三）政府信息管理。现行有效规范性文件5件。（四）平台建设。设立政务公开专区2个。（五）监督保障。";
    let short = report("某某市统计局", "2026-01-20", stated);
    let r = check_text_with(&short, &Options::default(), Some(&wuwei));
    assert_eq!(codes(&r, "profile.requirement"), []);

    let long = report("某某市统计局", "2026-01-20", &format!("{stated}{}", common::region::own_prose(3, 40)));
    let r = check_text_with(&long, &Options::default(), Some(&wuwei));
    let found = codes(&r, "profile.requirement");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].1.starts_with("“一、总体情况”共 ") && found[0].1.ends_with(" 字，超过武威市规定的 1000 字"),
        "{found:?}"
    );
    let d = r.diagnostics.iter().find(|d| d.code == "profile.requirement").unwrap();
    assert_eq!(d.section, Some("overview"));
    assert!(d.hint.as_deref().unwrap().contains("武政办发〔2025〕54号"), "{:?}", d.hint);

    // The plain generated overview ("全年共受理申请…政府信息管理规范有序，…平台建设持续加强，监督
    // 保障机制不断健全") names three of the five aspects, and none of the counts.
    let plain = report("某某市统计局", "2026-01-20", "");
    let r = check_text_with(&plain, &Options::default(), Some(&wuwei));
    let messages: Vec<String> = codes(&r, "profile.requirement").into_iter().map(|f| f.1).collect();
    assert_eq!(
        messages,
        [
            "“一、总体情况”未写到“主动公开”、“依申请公开”",
            "“一、总体情况”未写明“政策解读/解读”、“回应关切/回应”、“现行有效”、“政务公开专区/公开专区”的数量",
        ]
    );
}

/// The real 淮安 2024 report: its 总体情况 is over 1,000 characters (1,296 counted, whitespace
/// not counted), which 武威's rule would not allow; the national rules say nothing of it.
#[test]
fn wuwei_on_a_real_report() {
    let text = common::fixture("real/huaian-szf-2024-pdftotext.txt");
    let r = check_text_with(&text, &Options::default(), Some(&profile("wuwei-2025.toml")));
    let found: Vec<String> = codes(&r, "profile.requirement").into_iter().map(|f| f.1).collect();
    assert!(found.contains(&"“一、总体情况”共 1296 字，超过武威市规定的 1000 字".to_string()), "{found:?}");
    assert!(codes(&check_text(&text, &Options::default()), "profile.requirement").is_empty());
}

#[test]
fn codes_can_be_turned_off_or_given_another_severity() {
    let text = report("某某市统计局", "2025-03-15", "");
    let p = Profile::parse("name = \"测试\"\n[codes]\n\"doc.late\" = \"off\"\n").unwrap();
    assert_eq!(codes(&check_text_with(&text, &Options::default(), Some(&p)), "doc.late"), []);
    let p = Profile::parse("name = \"测试\"\n[codes]\n\"doc.late\" = \"error\"\n").unwrap();
    let r = check_text_with(&text, &Options::default(), Some(&p));
    assert_eq!(codes(&r, "doc.late").len(), 1);
    assert_eq!(codes(&r, "doc.late")[0].0, Severity::Error);
    assert!(r.has_errors());
}

#[test]
fn malformed_profiles_name_their_line_and_key() {
    let cases: &[(&str, &str)] = &[
        ("", "规则配置文件有误：缺少 name（规则的名称，如 name = \"宿迁市\"）"),
        ("name = 宿迁\n", "规则配置文件第 1 行（name）有误：无法识别的值“宿迁”（字符串请加引号；不支持小数和日期）"),
        ("name = \"宿迁\n", "规则配置文件第 1 行（name）有误：字符串缺少结尾的引号"),
        ("name = \"x\"\ncolour = \"red\"\n", "规则配置文件第 2 行（colour）有误：没有这个键；可用的键：name、source，以及 [deadlines]、[codes]、[[requirement]]"),
        ("name = \"x\"\n[deadlines]\ndepartment = \"3月31日\"\n", "规则配置文件第 3 行（department）有误：期限“3月31日”应写成“月-日”，如 \"03-31\"（次年的这一天）"),
        ("name = \"x\"\n[deadlines]\ndepartment = \"02-30\"\n", "规则配置文件第 3 行（department）有误：期限“02-30”应写成“月-日”，如 \"03-31\"（次年的这一天）"),
        ("name = \"x\"\n[deadlines]\ncounty = \"03-31\"\n", "规则配置文件第 3 行（county）有误：未知的机关层级“county”，可选 department（部门）、government（人民政府）、township（乡镇街道）、other（其他）"),
        ("name = \"x\"\n\n[codes]\n\"doc.lateness\" = \"off\"\n", "规则配置文件第 4 行（doc.lateness）有误：诊断代码表中没有这个代码（见 README 的代码表）"),
        ("name = \"x\"\n[codes]\n\"doc.late\" = \"fatal\"\n", "规则配置文件第 3 行（doc.late）有误：未知的设置“fatal”，可选 off（关闭）、error、warning、info"),
        ("name = \"x\"\n[[requirement]]\nname = \"篇幅\"\nsection = \"summary\"\nmax_chars = 1000\n", "规则配置文件第 4 行（section）有误：未知的部分“summary”，可选 overview（一、总体情况）、active_disclosure（二、主动公开政府信息情况）、applications（三、收到和处理政府信息公开申请情况）、review_litigation（四、政府信息公开行政复议、行政诉讼情况）、problems（五、存在的主要问题及改进情况）、other（六、其他需要报告的事项）"),
        ("name = \"x\"\n[[requirement]]\nname = \"篇幅\"\nmax_chars = \"1000\"\n", "规则配置文件第 4 行（max_chars）有误：应是正整数（字数上限）"),
        ("name = \"x\"\n[[requirement]]\nname = \"篇幅\"\n", "规则配置文件第 2 行（requirement）有误：要求中应至少有 max_chars、keywords、counts 之一"),
        ("name = \"x\"\n[[requirement]]\nname = \"词\"\nkeywords = [\"主动公开\" \"依申请公开\"]\n", "规则配置文件第 4 行（keywords）有误：数组的元素之间应以逗号分隔，却是“\"”"),
        ("name = \"x\"\n[requirement]\nname = \"词\"\n", "规则配置文件第 2 行（requirement）有误：应写成 [[requirement]]，而不是 [requirement]"),
        ("name = \"x\"\n[rules]\n", "规则配置文件第 2 行（rules）有误：没有这个表；可用的表：[deadlines]、[codes]、[[requirement]]"),
        ("name = \"x\"\nname = \"y\"\n", "规则配置文件第 2 行（name）有误：键重复出现"),
        ("name = \"x\"\ndeadlines.department = \"03-31\"\n", "规则配置文件第 2 行（deadlines）有误：不支持带点的键名（a.b = …）；请用 [表名] 分组"),
        ("name = \"x\"\n[codes]\n\"doc.late\" = { level = \"error\" }\n", "规则配置文件第 3 行（doc.late）有误：不支持内联表（{ … }）；请用 [表名] 或 [[表名]]"),
        ("name = \"x\" trailing\n", "规则配置文件第 1 行（name）有误：值后面多出了“t”（每行只能写一个“键 = 值”）"),
        ("name = \"x\"\n[codes]\n\"input.empty\" = \"off\"\n", "规则配置文件第 3 行（input.empty）有误：无法读取的输入（input.*）不能关闭或改变级别"),
    ];
    for (text, want) in cases {
        let e = Profile::parse(text).expect_err(text);
        assert_eq!(&e.to_string(), want, "{text:?}");
    }
}

#[test]
fn the_shipped_profiles_read_and_cite_their_sources() {
    let s = profile("suqian.toml");
    assert_eq!((s.name.as_str(), s.deadlines.len(), s.codes.len()), ("宿迁市", 2, 1));
    let w = profile("wuwei-2025.toml");
    assert_eq!((w.name.as_str(), w.source.as_str(), w.requirements.len()), ("武威市", "武政办发〔2025〕54号", 3));
    assert_eq!(w.requirements[0].max_chars, Some(1000));
}

/// The CLI's `--profile`: the verdict changes, and a malformed file stops the run (exit 2)
/// with its path, line and key, not a check under the national rules.
#[test]
fn the_cli_takes_a_profile() {
    let dir = std::env::temp_dir().join(format!("nianbao-profile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let report_path = dir.join("report.txt");
    std::fs::write(&report_path, report("某某市统计局", "2025-03-15", "")).unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let run = |args: &[&str]| std::process::Command::new(env!("CARGO_BIN_EXE_nianbao")).args(args).output().unwrap();
    let o = run(&["check", report_path.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("warning[doc.late]"));
    let o = run(&["check", "--profile", &format!("{root}/profiles/suqian.toml"), report_path.to_str().unwrap()]);
    assert!(!String::from_utf8_lossy(&o.stdout).contains("doc.late"));
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, "name = \"x\"\n[codes]\n\"doc.late\" = \"fatal\"\n").unwrap();
    let o = run(&["check", "--profile", bad.to_str().unwrap(), report_path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(o.stdout, b"");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad.toml：规则配置文件第 3 行（doc.late）有误：未知的设置“fatal”"), "{err}");
}
