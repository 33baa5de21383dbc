//! Reports as they really arrive: HTML pages, Word clipboard fragments, .docx files, legacy
//! encodings. Each must give the same sections, cells and findings as the plain text of the same
//! report; broken files end in a clear message.

mod common;

use common::findings;
use common::formats::{self, merge, Merged};
use common::gen::{CellKey, Era, Layout, Report, Val, APPLICATIONS, ERAS, REVIEW_LITIGATION};
use nianbao::result::{CheckResult, Severity};
use nianbao::{check_bytes, check_text, Options};

fn check_file(bytes: &[u8], name: &str) -> CheckResult {
    check_bytes(bytes, &Options { name: name.to_string(), era: None })
}

fn assert_same(what: &str, as_text: &CheckResult, other: &CheckResult) {
    let (a, b) = (findings(as_text), findings(other));
    let only_text: Vec<_> = a.difference(&b).collect();
    let only_other: Vec<_> = b.difference(&a).collect();
    assert!(
        only_text.is_empty() && only_other.is_empty(),
        "{what}: text only {only_text:#?}\n{what} only {only_other:#?}"
    );
}

fn text_of(era: Era, seed: u64) -> (Report, String) {
    let rep = Report::generate(era, seed);
    let text = rep.render(Layout::TabRows);
    (rep, text)
}

/// A publication date within the deadline of the report in `text`.
fn published(text: &str) -> String {
    let at = text.find("年政府信息公开").expect("title");
    let year: u32 = text[at - 4..at].parse().expect("year in title");
    format!("{}-01-15", year + 1)
}

#[test]
fn tab_rows_merge_back_into_the_official_spans() {
    let (_, text) = text_of(Era::E2021, 1);
    let tables: Vec<Vec<Vec<String>>> = formats::parts(&text)
        .into_iter()
        .filter_map(|p| match p {
            formats::Part::Table(rows) => Some(rows),
            formats::Part::Line(_) => None,
        })
        .collect();
    let find = |grid: &[Vec<Option<Merged>>], text: &str| {
        grid.iter().flatten().flatten().find(|m| m.text.contains(text)).cloned()
    };
    let apps = merge(&tables[1]);
    assert_eq!(find(&apps, "申请人情况").unwrap().colspan, 7);
    assert_eq!(find(&apps, "法人或其他组织").unwrap().colspan, 5);
    assert_eq!(find(&apps, "自然人").unwrap().rowspan, 2);
    assert_eq!(find(&apps, "勾稽关系").map(|m| (m.rowspan, m.colspan)), Some((3, 3)));
    assert_eq!(find(&apps, "本年新收").unwrap().colspan, 3);
    assert_eq!(find(&apps, "本年度办理结果").unwrap().rowspan, 22, "3.1 … 3.7 of the 2021 format");
    assert_eq!(find(&apps, "（三）不予公开").unwrap().rowspan, 8);
    let active = merge(&tables[0]);
    assert_eq!(find(&active, "第二十条第（一）项").unwrap().colspan, 4);
    let licensing_row = active.iter().find(|row| row.iter().flatten().any(|m| m.text == "行政许可")).unwrap();
    assert_eq!(
        licensing_row.iter().flatten().map(|m| m.colspan).collect::<Vec<_>>(),
        [1, 3],
        "the number spans the row"
    );
    let review = merge(&tables[2]);
    assert_eq!(find(&review, "行政诉讼").unwrap().colspan, 10);
    assert_eq!(find(&review, "结果维持").unwrap().rowspan, 2);
}

#[test]
fn html_pages_read_like_the_text() {
    for era in ERAS {
        for seed in [1, 2, 3] {
            let (_, text) = text_of(era, seed);
            let page = formats::html_page(&text, "utf-8", &published(&text));
            let r = check_file(page.as_bytes(), "nianbao.html");
            assert_eq!(r.source.format, "html");
            assert_same(&format!("html page {} {seed}", era.as_str()), &check_text(&text, &Options::default()), &r);
            assert_eq!(r.summary.errors, 0, "{:?}", r.diagnostics);
        }
    }
}

#[test]
fn word_clipboard_fragments_read_like_the_text() {
    for era in ERAS {
        for seed in [4, 5] {
            let (_, text) = text_of(era, seed);
            let fragment = formats::word_clipboard_fragment(&text);
            // Pasted HTML has no file name: it is recognised by content.
            let r = check_file(fragment.as_bytes(), "");
            assert_eq!(r.source.format, "html");
            assert_same(&format!("clipboard {} {seed}", era.as_str()), &check_text(&text, &Options::default()), &r);
        }
    }
}

#[test]
fn docx_files_read_like_the_text() {
    for era in ERAS {
        for seed in [6, 7] {
            for auto_numbering in [false, true] {
                let (_, text) = text_of(era, seed);
                let file = formats::docx(&text, auto_numbering);
                let r = check_file(&file, "report.docx");
                assert_eq!(r.source.format, "docx");
                let what = format!("docx {} {seed} numbering {auto_numbering}", era.as_str());
                assert_same(&what, &check_text(&text, &Options::default()), &r);
            }
        }
    }
}

/// Traditional characters for a simplified text, each chosen so that it converts back.
fn traditional(text: &str) -> String {
    let mut back = std::collections::HashMap::new();
    for code in (0x4E00u32..0xA000).rev() {
        let Some(t) = char::from_u32(code) else { continue };
        if let Some(s) = nianbao::text::normalize::to_simplified(t) {
            let mut buf = [0u8; 4];
            let (_, _, unmappable) = encoding_rs::BIG5.encode(t.encode_utf8(&mut buf));
            if !unmappable {
                back.insert(s, t);
            }
        }
    }
    text.chars().map(|c| back.get(&c).copied().unwrap_or(c)).collect()
}

#[test]
fn legacy_and_unicode_encodings_read_like_the_text() {
    for era in ERAS {
        let (_, text) = text_of(era, 8);
        let as_text = check_text(&text, &Options::default());
        let utf16 = |le: bool| -> Vec<u8> {
            let bom: [u8; 2] = if le { [0xFF, 0xFE] } else { [0xFE, 0xFF] };
            bom.into_iter()
                .chain(text.encode_utf16().flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() }))
                .collect()
        };
        let (gbk, _, unmappable) = encoding_rs::GB18030.encode(&text);
        assert!(!unmappable);
        let cases: Vec<(&str, Vec<u8>, &str)> = vec![
            ("GB18030", gbk.into_owned(), "GB18030"),
            ("UTF-8 BOM", [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat(), "UTF-8"),
            ("UTF-16LE", utf16(true), "UTF-16LE"),
            ("UTF-16BE", utf16(false), "UTF-16BE"),
        ];
        for (what, bytes, encoding) in cases {
            let r = check_file(&bytes, "report.txt");
            assert_eq!(r.source.encoding, encoding, "{what}");
            assert_same(what, &as_text, &r);
        }
        // A GBK page that says so in its <meta>.
        let page = formats::html_page(&text, "gb2312", &published(&text));
        let (bytes, _, _) = encoding_rs::GB18030.encode(&page);
        let r = check_file(&bytes, "index.htm");
        assert_eq!((r.source.encoding, r.source.format), ("GB18030", "html"));
        assert_same("GBK page", &as_text, &r);

        // Big5 holds only traditional characters: the same report as a 繁體 mirror would publish it.
        let trad = traditional(&text);
        let (big5, _, unmappable) = encoding_rs::BIG5.encode(&trad);
        assert!(!unmappable, "the traditional text must be all Big5");
        let r = check_file(&big5, "report.txt");
        assert_eq!(r.source.encoding, "Big5");
        assert_eq!(r.source.script, nianbao::result::Script::Traditional);
        assert_same("Big5", &as_text, &r);
    }
}

/// A changed cell in an HTML or Word table is caught, as in the text.
#[test]
fn changed_cells_are_caught_in_html_and_docx() {
    for era in ERAS {
        let rep = Report::generate(era, 9);
        let keys: Vec<CellKey> = rep
            .cells()
            .into_iter()
            .map(|(k, _)| k)
            .filter(|k| k.table == APPLICATIONS || k.table == REVIEW_LITIGATION)
            .collect();
        for (i, key) in keys.iter().enumerate() {
            let old = rep.get(key.table, &key.row, key.column);
            let changed = rep.with_cell(key, old.bumped(1 + i as i64 % 5)).render(Layout::TabRows);
            let html = formats::html_page(&changed, "utf-8", &published(&changed));
            let docx = formats::docx(&changed, i % 2 == 0);
            for (what, r) in [("html", check_file(html.as_bytes(), "a.html")), ("docx", check_file(&docx, "a.docx"))] {
                let named = r.diagnostics.iter().any(|d| {
                    d.severity == Severity::Error && d.cells.iter().any(|c| c.row == key.row && c.column == key.column)
                });
                assert!(named, "{what} {} {key}: {:#?}", era.as_str(), r.diagnostics);
            }
        }
    }
}

#[test]
fn merged_label_spans_point_at_the_cell_text() {
    let (_, text) = text_of(Era::E2021, 10);
    let page = formats::html_page(&text, "utf-8", &published(&text));
    let ex = nianbao::read(page.as_bytes(), "a.html").unwrap();
    let r = nianbao::check_extracted(&ex, &Options::default());
    let total = r.cell("applications", "3.7", "total").unwrap();
    assert_eq!(&ex.text[total.span.start..total.span.end], total.raw);
    let line = ex.text.lines().nth(total.span.line - 1).unwrap();
    assert!(line.starts_with("三、本年度办理结果 | （七）总计 | "), "{line}");
}

fn input_error(r: &CheckResult) -> (&'static str, String) {
    assert!(r.is_unusable_input(), "{:?}", r.diagnostics);
    assert_eq!(r.diagnostics.len(), 1);
    (r.diagnostics[0].code, r.diagnostics[0].message.clone())
}

#[test]
fn broken_files_end_in_a_clear_message() {
    let (_, text) = text_of(Era::E2021, 11);
    let docx = formats::docx(&text, false);

    let truncated = check_file(&docx[..docx.len() / 2], "report.docx");
    let (code, message) = input_error(&truncated);
    assert_eq!(code, "input.broken");
    assert!(message.contains("文件不完整或已损坏"), "{message}");

    // 200 MB of XML that deflates to a few hundred KB.
    let bomb_xml = vec![b' '; 200 * 1024 * 1024];
    let bomb = formats::zip(&[("word/document.xml", &bomb_xml)]);
    assert!(bomb.len() < 1024 * 1024);
    let (code, message) = input_error(&check_file(&bomb, "report.docx"));
    assert_eq!(code, "input.too_large");
    assert!(message.contains("解压后超过 32 MB"), "{message}");

    let no_document = formats::zip(&[("[Content_Types].xml", b"<Types/>"), ("docProps/app.xml", b"<Properties/>")]);
    let (code, message) = input_error(&check_file(&no_document, "report.docx"));
    assert_eq!(code, "input.binary");
    assert!(message.contains("不是 Word 文档"), "{message}");
    let xlsx = formats::zip(&[("xl/workbook.xml", b"<workbook/>")]);
    assert!(input_error(&check_file(&xlsx, "report.docx")).1.contains("Excel"));

    let (code, message) = input_error(&check_file(b"\x00\x01\x02\x03binary\x00\xff\xfe\x00", "report.txt"));
    assert_eq!(code, "input.binary");
    assert!(message.contains("不是文本文件"), "{message}");
    assert!(input_error(&check_file(b"%PDF-1.7\n1 0 obj", "report.txt")).1.contains("PDF"));

    let empty_docx = formats::docx("", false);
    assert_eq!(input_error(&check_file(&empty_docx, "report.docx")).0, "input.empty");
}

#[test]
fn deeply_nested_html_is_read_not_refused() {
    let page =
        format!("<html><body>{}<p>一段文字</p>{}</body></html>", "<div>".repeat(10_000), "</div>".repeat(10_000));
    let r = check_file(page.as_bytes(), "deep.html");
    assert_eq!(r.source.format, "html");
    assert_eq!(r.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(), ["doc.not_annual_report"]);
    let tables = format!(
        "<html><body>{}<p>数据</p>{}</body></html>",
        "<table><tr><td>".repeat(5_000),
        "</td></tr></table>".repeat(5_000)
    );
    let r = check_file(tables.as_bytes(), "deep.html");
    // Read, and the nesting limit said, not silently applied.
    assert_eq!(r.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(), ["doc.not_annual_report", "input.nesting"]);
}

#[test]
fn a_fixture_pasted_as_html_paragraphs_reads_the_same() {
    // The 张店 page as a browser would copy it: each line a paragraph, the metadata a table.
    let text = common::fixture("seeds/zhangdian-kjj-2012-traditional-pinyin.txt");
    let mut html = String::from("<html><body>");
    for line in text.lines() {
        if let Some(cells) = line.strip_prefix('|') {
            let cells: Vec<&str> = cells.split('|').map(str::trim).collect();
            if cells.iter().all(|c| c.chars().all(|ch| ch == '-')) {
                continue;
            }
            html.push_str("<table><tr>");
            for c in cells {
                html.push_str(&format!("<td>{}</td>", formats::escape(c)));
            }
            html.push_str("</tr></table>");
        } else {
            html.push_str(&format!("<p>{}</p>", formats::escape(line)));
        }
    }
    html.push_str("</body></html>");
    let r = check_file(html.as_bytes(), "zhangdian.html");
    assert_eq!(r.document.published.as_deref(), Some("2013-03-29"));
    assert_eq!(r.document.agency.as_deref(), Some("张店区科学技术局"));
    assert_same("张店 as HTML", &check_text(&text, &Options::default()), &r);
    let _ = Val::int(0);
}
