//! Inputs that are not reports, and inputs that are not even text: the checker says so clearly
//! and never panics.

mod common;

use common::fixture;
use nianbao::result::{CheckResult, Severity};
use nianbao::{check_bytes, check_text, Options};
use proptest::prelude::*;

fn assert_well_formed(input: &str, r: &CheckResult) {
    let ok = |s: usize, e: usize| s <= e && e <= input.len() && input.is_char_boundary(s) && input.is_char_boundary(e);
    for d in &r.diagnostics {
        assert!(!d.message.is_empty());
        if let Some(s) = &d.span {
            assert!(ok(s.start, s.end), "{} span {:?}", d.code, s);
            assert!(s.line >= 1 && s.column >= 1);
        }
    }
    for t in &r.tables {
        for c in &t.cells {
            assert!(ok(c.span.start, c.span.end));
        }
    }
    assert_eq!(r.summary.errors, r.diagnostics.iter().filter(|d| d.severity == Severity::Error).count());
}

fn not_a_report(text: &str) {
    let r = check_text(text, &Options::default());
    assert!(!r.document.is_annual_report, "{text:.40}");
    assert_eq!(r.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(), ["doc.not_annual_report"]);
    assert!(r.sections.is_empty(), "no list of missing sections for a non-report");
    assert!(r.diagnostics[0].message.contains("不是政府信息公开工作年度报告"));
}

#[test]
fn work_plans_notices_guides_and_prose_are_not_reports() {
    not_a_report(&fixture("seeds/zibo-kjj-2017-workplan-not-a-report.txt"));
    not_a_report(
        "关于做好2023年政府信息公开工作年度报告编制和发布工作的通知\n\n各县区人民政府，市各部门：\n\
         根据《中华人民共和国政府信息公开条例》规定，现就做好2023年政府信息公开工作年度报告编制和发布工作通知如下：\n\
         一、总体要求\n各单位要高度重视年度报告编制工作，严格按照格式要求编制。\n\
         二、时间安排\n市政府各部门应于2024年1月31日前公布本部门年度报告。\n\
         三、工作要求\n年度报告应包括主动公开、依申请公开、行政复议和行政诉讼等情况。\n",
    );
    not_a_report(
        "某某市教育局政府信息公开指南\n\n一、主动公开\n（一）公开范围\n本机关主动公开的政府信息包括机构职能、政策文件等。\n\
         （二）公开方式\n通过政府网站公开。\n二、依申请公开\n（一）受理机构\n申请人可向本机关办公室提出申请。\n\
         （二）申请的提交\n申请人可以通过信函、网络等方式提交申请。\n三、监督和救济\n申请人认为侵犯其合法权益的，可以依法申请行政复议或者提起行政诉讼。\n",
    );
    not_a_report(
        "2024年全市政务公开工作要点\n\n一、加强政策解读。各部门要落实政策解读与文件起草同步。（市政府办公室牵头，各部门配合）\n\
         二、推进基层政务公开标准化规范化。（市政务服务局牵头，各县区政府配合）\n\
         三、优化政府网站建设。（市大数据局牵头，各部门配合）\n",
    );
    not_a_report(
        "今年春天来得格外早。三月初，河边的柳树已经抽出新芽，农民们忙着春耕备播。\n\
         据气象部门介绍，今年全市平均气温较常年偏高1.5摄氏度，降水偏少两成。\n\
         专家提醒，要注意防范春季干旱，合理安排农业生产。\n",
    );
    not_a_report("The quick brown fox jumps over the lazy dog.\nLorem ipsum dolor sit amet.\n");
    not_a_report("12345\n67890\n");
}

/// A report need not name itself if it follows the format's structure.
#[test]
fn structure_alone_makes_a_report() {
    let text = "2022年度工作情况\n一、总体情况\n本年度我局认真落实条例。\n二、主动公开政府信息情况\n见下表。\n\
                三、收到和处理政府信息公开申请情况\n本年度未收到申请。\n四、政府信息公开行政复议、行政诉讼情况\n无。\n\
                五、存在的主要问题及改进情况\n公开质量有待提高。\n六、其他需要报告的事项\n本年度未收取信息处理费。\n";
    let r = check_text(text, &Options::default());
    assert!(r.document.is_annual_report);
    assert_eq!(r.summary.sections_present, 6);
}

#[test]
fn empty_and_undecodable_inputs_say_why() {
    for (bytes, code, words) in [
        (&b""[..], "input.empty", "输入为空"),
        (b" \r\n\t\n", "input.empty", "输入为空"),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "input.binary", "PNG 图片"),
        (b"PK\x03\x04\x14\0\0\0", "input.broken", "已损坏"),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "input.binary", ".doc"),
        (b"\x80\xff\x80\xfe abc \x80\xff\x80\xff", "input.encoding", "编码"),
    ] {
        let r = check_bytes(bytes, &Options::default());
        assert!(r.is_unusable_input());
        assert_eq!(r.diagnostics.len(), 1);
        assert_eq!(r.diagnostics[0].code, code);
        assert!(r.diagnostics[0].message.contains(words), "{}", r.diagnostics[0].message);
    }
    let r = check_text("", &Options::default());
    assert_eq!(r.diagnostics[0].code, "input.empty");
}

#[test]
fn huge_input_is_refused_with_a_message() {
    let big = "年".repeat(nianbao::MAX_INPUT_BYTES / 3 + 1);
    let r = check_text(&big, &Options::default());
    assert_eq!(r.diagnostics[0].code, "input.too_large");
    assert!(r.diagnostics[0].message.contains("MB"));
}

/// Many lines of the same odd shapes: a megabyte of headings, of "|" and one long line. The
/// result must come back (and be a plain "not a report"), not hang.
#[test]
fn pathological_shapes_finish() {
    for text in
        ["一、\n".repeat(200_000), "|".repeat(1_000_000), "政府信息公开".repeat(100_000), "1\n\n".repeat(100_000)]
    {
        let r = check_text(&text, &Options::default());
        assert_well_formed(&text, &r);
        assert!(!r.document.is_annual_report);
    }
}

/// Found by `damaged_docx_is_checked_without_panic` in CI: this damaged .docx hung the check
/// (before the fixes to unclosed deep tables and to inflated numbers).
#[test]
fn damaged_docx_found_by_the_property_test_ends() {
    let text = common::gen::Report::generate(common::gen::Era::E2021, 1).render(common::gen::Layout::TabRows);
    let mut docx = common::formats::docx(&text, true);
    for (at, b) in [(71991usize, 209u8), (47218, 164), (86905, 44), (85930, 65)] {
        let len = docx.len();
        docx[at % len] = b;
    }
    let r = check_bytes(&docx, &Options { name: "a.docx".into(), era: None });
    assert!(!r.diagnostics.is_empty(), "{:?}", r.source);
}

proptest! {
    // Shrinking is capped so that a failure reports in seconds, within CI time.
    #![proptest_config(ProptestConfig { cases: 256, max_shrink_iters: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_string_is_checked_without_panic(s in "\\PC{0,400}") {
        let r = check_text(&s, &Options::default());
        assert_well_formed(&s, &r);
    }

    #[test]
    fn any_bytes_are_checked_without_panic(b in proptest::collection::vec(any::<u8>(), 0..600)) {
        let r = check_bytes(&b, &Options::default());
        prop_assert!(r.summary.errors >= 1 || !r.is_unusable_input());
    }

    /// Table-ish alphabets reach the table mapper's corners (runs, labels, row lines).
    #[test]
    fn table_shaped_noise_is_checked_without_panic(
        s in "(一、总体情况\n|二、主动公开政府信息情况\n|三、收到和处理政府信息公开申请情况\n|四、政府信息公开行政复议、行政诉讼情况\n|第二十条第\\(一\\)项\n|规章\n|（七）总计\n|行政复议\n|[0-9]{1,3}\n|\n|\\|\n| \\| 1 \\| 2\n|\t3\t\n|—\n|-4-\n|2021年政府信息公开工作年度报告\n){0,80}"
    ) {
        let r = check_text(&s, &Options::default());
        assert_well_formed(&s, &r);
    }

    /// Markup of every shape through the HTML reader.
    #[test]
    fn any_markup_is_read_without_panic(
        s in "(<table>|</table>|<tr>|</tr>|<td rowspan=[0-9]{1,4} colspan=[0-9]{1,3}>|</td>|<p>|</p>|<br/>|<script>|</script>|<!--|-->|<![if x]>|&nbsp;|&#[0-9]{1,8};|&#x[0-9a-f]{1,6};|<|>|\"|规章|[0-9]{1,3}|一、总体情况|第二十条第\\(一\\)项| ){0,120}"
    ) {
        let html = format!("<html><body>{s}</body></html>");
        let r = check_bytes(html.as_bytes(), &Options { name: "a.html".into(), era: None });
        prop_assert!(!r.diagnostics.is_empty());
    }

    /// A valid .docx with bytes overwritten or cut off: a message, never a panic.
    #[test]
    fn damaged_docx_is_checked_without_panic(cut in 0usize..100_000, flips in proptest::collection::vec((0usize..100_000, any::<u8>()), 0..8)) {
        let text = common::gen::Report::generate(common::gen::Era::E2021, 1).render(common::gen::Layout::TabRows);
        let mut docx = common::formats::docx(&text, true);
        for (at, b) in flips {
            let len = docx.len();
            docx[at % len] = b;
        }
        docx.truncate(cut.max(4));
        let r = check_bytes(&docx, &Options { name: "a.docx".into(), era: None });
        prop_assert!(!r.diagnostics.is_empty() || r.summary.sections_present > 0);
    }

    /// Real reports with a slice cut out or pasted twice.
    #[test]
    fn mangled_fixtures_are_checked_without_panic(which in 0usize..6, a in 0usize..10_000, b in 0usize..10_000, dup in any::<bool>()) {
        let text = fixture(common::FIXTURES[which]);
        let floor = |i: usize| (0..=i.min(text.len())).rev().find(|&k| text.is_char_boundary(k)).unwrap_or(0);
        let (x, y) = (floor(a.min(b)), floor(a.max(b)));
        let mangled = if dup {
            format!("{}{}{}", &text[..y], &text[x..y], &text[y..])
        } else {
            format!("{}{}", &text[..x], &text[y..])
        };
        let r = check_text(&mangled, &Options::default());
        assert_well_formed(&mangled, &r);
    }
}
