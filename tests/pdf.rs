//! The PDF reader: the real 淮安 report read from its PDF (cells, sections, findings), and the
//! messages for PDFs that cannot be read (broken, scanned, fonts without Unicode).

use nianbao::result::{CheckResult, Severity};
use nianbao::{check_bytes, Options};

fn huaian() -> Vec<u8> {
    std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/real/huaian-szf-2024.pdf")).unwrap()
}

fn check(bytes: &[u8], name: &str) -> CheckResult {
    check_bytes(bytes, &Options { name: name.into(), era: None })
}

fn value(r: &CheckResult, table: &str, row: &str, column: &str) -> Option<f64> {
    r.cell(table, row, column).and_then(|c| c.value).map(|v| v.as_f64())
}

#[test]
fn huaian_pdf_reads_like_its_report() {
    let r = check(&huaian(), "huaian-szf-2024.pdf");
    assert_eq!(r.document.era.map(|e| e.as_str()), Some("2021"));
    assert_eq!(r.document.year, Some(2024));
    let errors: Vec<_> = r.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| &d.message).collect();
    assert!(errors.is_empty(), "{errors:?}");
    for id in ["overview", "active_disclosure", "applications", "review_litigation", "problems", "other"] {
        let s = r.sections.iter().find(|s| s.id == id).unwrap();
        assert_eq!(serde_json::to_value(s.status).unwrap(), "present", "{id}");
    }
    for table in ["active", "applications", "review_litigation"] {
        let t = r.tables.iter().find(|t| t.id == table).unwrap();
        assert_eq!(serde_json::to_value(t.status).unwrap(), "present", "{table}");
    }
    let cells = [
        ("active", "20.1.regulations", "issued", 1.0),
        ("active", "20.1.normative_documents", "in_force", 66.0),
        ("active", "20.5.licensing", "decisions", 447228.0),
        ("active", "20.6.coercion", "decisions", 88283.0),
        ("active", "20.8.fees", "amount_wan_yuan", 96171.6),
        ("applications", "1", "total", 3119.0),
        ("applications", "1", "natural_person", 3001.0),
        ("applications", "2", "total", 34.0),
        ("applications", "3.2", "total", 454.0),
        ("applications", "3.3.3", "total", 5.0),
        ("applications", "3.4.1", "total", 769.0),
        ("applications", "3.4.2", "total", 11.0),
        ("applications", "3.6.1", "total", 71.0),
        ("applications", "3.7", "total", 3050.0),
        ("applications", "3.7", "commercial", 53.0),
        ("applications", "4", "total", 103.0),
    ];
    for (table, row, column, expected) in cells {
        assert_eq!(value(&r, table, row, column), Some(expected), "{table} {row} {column}");
    }
    // Every cell of table 三 is read: 25 rows × 7 columns.
    let t = r.tables.iter().find(|t| t.id == "applications").unwrap();
    assert_eq!(t.cells.iter().filter(|c| c.value.is_some()).count(), 175);
}

#[test]
fn huaian_pdf_review_row_in_its_true_order() {
    let r = check(&huaian(), "huaian-szf-2024.pdf");
    let row: Vec<Option<f64>> = ["review", "litigation_direct", "litigation_after_review"]
        .iter()
        .flat_map(|g| ["upheld", "corrected", "other", "pending", "total"].map(move |c| format!("{g}.{c}")))
        .map(|col| value(&r, "review_litigation", "data", &col))
        .collect();
    let expected = [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20].map(|v| Some(v as f64));
    assert_eq!(row, expected);
    // Read from the rules, not recovered from the table's arithmetic.
    assert!(!r.diagnostics.iter().any(|d| d.code.starts_with("table.") && d.severity == Severity::Error));
}

#[test]
fn huaian_pdf_text_has_no_page_numbers_and_joined_tables() {
    let checked = nianbao::check_file(&huaian(), &Options { name: "x.pdf".into(), era: None });
    let text = checked.text();
    assert!(text.starts_with("淮安市人民政府\n2024年政府信息公开工作年度报告\n"), "{}", &text[..200]);
    assert!(!text.lines().any(|l| l.trim().trim_matches(['-', ' ']).parse::<u32>().is_ok()), "a page number is left");
    // Table 三 is one table over pages 4 and 5, its cut label joined.
    assert!(text.contains("三、本年度办理结果 | （四）无法提供 | 2.没有现成信息需要另行制作 | 11 |"));
    assert!(text.contains("\n72 | 64 | 178 | 37 | 351 | 13 | 4 | 8 | 1 | 26 | 12 | 1 | 1 | 6 | 20\n"));
    assert_eq!(checked.result.source.format, "pdf");
}

/// A PDF of the given objects (numbered from 1; object 1 is the catalog), with a valid xref.
fn pdf(objects: &[&[u8]]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    out
}

fn stream(content: &str) -> Vec<u8> {
    format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()).into_bytes()
}

fn one_page(content: &str, resources: &str, extra: &[&[u8]]) -> Vec<u8> {
    let page =
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources {resources} >>");
    let content = stream(content);
    let mut objects: Vec<&[u8]> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        page.as_bytes(),
        &content,
    ];
    objects.extend_from_slice(extra);
    pdf(&objects)
}

fn only_error(r: &CheckResult) -> (&str, &str) {
    assert_eq!(r.diagnostics.len(), 1, "{:?}", r.diagnostics);
    (r.diagnostics[0].code, &r.diagnostics[0].message)
}

#[test]
fn a_simple_font_pdf_is_read() {
    let bytes = one_page(
        "BT /F1 12 Tf 72 770 Td (Hello PDF 2024) Tj 0 -20 Td [(12)-600(34)] TJ ET",
        "<< /Font << /F1 5 0 R >> >>",
        &[b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"],
    );
    let checked = nianbao::check_file(&bytes, &Options { name: "a.pdf".into(), era: None });
    assert_eq!(checked.text(), "Hello PDF 2024\n12 34\n");
}

#[test]
fn broken_pdfs_get_a_chinese_message() {
    let r = check(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer garbage", "broken.pdf");
    let (code, message) = only_error(&r);
    assert_eq!(code, "input.broken");
    assert!(message.contains("PDF 文件无法读取"), "{message}");
    // A truncated real file: read as far as it goes, or refused; never a panic.
    let bytes = huaian();
    for cut in [100, 5_000, bytes.len() / 2, bytes.len() - 100] {
        let r = check(&bytes[..cut], "cut.pdf");
        assert!(r.is_unusable_input() || r.summary.errors < 100);
    }
}

#[test]
fn a_pdf_without_text_is_a_scan() {
    let image = stream("\u{0}\u{0}\u{0}");
    let image = String::from_utf8(image).unwrap().replace(
        "<< /Length",
        "<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length",
    );
    let bytes = one_page("q 595 0 0 842 0 0 cm /Im1 Do Q", "<< /XObject << /Im1 5 0 R >> >>", &[image.as_bytes()]);
    let r = check(&bytes, "scan.pdf");
    let (code, message) = only_error(&r);
    assert_eq!(code, "input.no_text");
    assert!(message.contains("扫描件"), "{message}");
}

#[test]
fn a_pdf_whose_fonts_have_no_unicode_says_so() {
    let bytes = one_page(
        "BT /F1 12 Tf 72 770 Td <0E850E86> Tj ET",
        "<< /Font << /F1 5 0 R >> >>",
        &[
            b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
        ],
    );
    let r = check(&bytes, "nounicode.pdf");
    let (code, message) = only_error(&r);
    assert_eq!(code, "input.no_text");
    assert!(message.contains("ToUnicode"), "{message}");
}

#[test]
fn a_pdf_with_a_deflate_bomb_is_refused_or_bounded() {
    // 64 MB of spaces inflated from a small stream: past the limit, refused with a message.
    let zeros = vec![b' '; 70 * 1024 * 1024];
    let packed = miniz_compress(&zeros);
    let mut content = format!("<< /Length {} /Filter /FlateDecode >>\nstream\n", packed.len()).into_bytes();
    content.extend_from_slice(&packed);
    content.extend_from_slice(b"\nendstream");
    let page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>";
    let bytes =
        pdf(&[b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page, &content]);
    let r = check(&bytes, "bomb.pdf");
    let (code, _) = only_error(&r);
    assert!(code == "input.too_large" || code == "input.no_text", "{code}");
}

fn miniz_compress(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 9)
}

fn generated(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/generated/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn text_of(bytes: &[u8]) -> String {
    nianbao::check_file(bytes, &Options { name: "x.pdf".into(), era: None }).text().to_string()
}

/// qpdf's copies of the 淮安 PDF (tests/fixtures/generated/README.md): encrypted with an owner
/// password and the empty user password, and rewritten with an xref stream and object streams;
/// and a copy whose content streams and ToUnicode CMaps are LZW (both EarlyChange values, a PNG
/// predictor) and RunLength encoded. Each reads exactly like the plain file: the same text, the
/// same result.
#[test]
fn encrypted_and_object_stream_copies_read_like_the_plain_pdf() {
    let plain = huaian();
    let text = text_of(&plain);
    let result = serde_json::to_value(check(&plain, "x.pdf")).unwrap();
    for name in [
        "huaian-rc4-40.pdf",
        "huaian-rc4-128.pdf",
        "huaian-aes-128.pdf",
        "huaian-aes-256.pdf",
        "huaian-object-streams.pdf",
        "huaian-lzw-runlength.pdf",
    ] {
        let bytes = generated(name);
        assert_ne!(bytes, plain);
        assert_eq!(text_of(&bytes), text, "{name}");
        assert_eq!(serde_json::to_value(check(&bytes, "x.pdf")).unwrap(), result, "{name}");
    }
}

#[test]
fn small_encrypted_pdfs_read() {
    // AES-256 with the deprecated R5 hash; AES-128 with its objects in an object stream.
    for name in ["hello-aes-256-r5.pdf", "hello-aes-128-object-streams.pdf"] {
        assert_eq!(text_of(&generated(name)), "Hello PDF 2024\n12 34\n", "{name}");
    }
}

#[test]
fn a_pdf_with_a_user_password_needs_it() {
    for name in ["hello-user-password.pdf", "hello-user-password-rc4.pdf"] {
        let r = check(&generated(name), name);
        let (code, message) = only_error(&r);
        assert_eq!(code, "input.broken", "{name}");
        assert!(message.contains("密码"), "{message}");
    }
}

#[test]
fn a_pdf_with_a_broken_xref_is_repaired() {
    let bytes = one_page(
        "BT /F1 12 Tf 72 770 Td (Hello PDF 2024) Tj ET",
        "<< /Font << /F1 5 0 R >> >>",
        &[b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"],
    );
    // Offsets all wrong: every object is found by its "N 0 obj".
    let text = String::from_utf8(bytes.clone()).unwrap();
    let shifted = text.replacen("%PDF-1.4\n", "%PDF-1.4\n% a comment that moves every object\n", 1);
    assert_eq!(text_of(shifted.as_bytes()), "Hello PDF 2024\n");
    // No xref and no startxref at all.
    let cut = &text[..text.find("xref\n").unwrap()];
    let no_xref = format!("{cut}trailer\n<< /Root 1 0 R >>\n%%EOF\n");
    assert_eq!(text_of(no_xref.as_bytes()), "Hello PDF 2024\n");
    // A /Length that is wrong, and one that is an indirect object.
    let wrong = text.replacen("/Length ", "/Length 9", 1);
    assert_eq!(text_of(wrong.as_bytes()), "Hello PDF 2024\n");
    let length = cut.find("/Length ").unwrap() + 8;
    let digits = cut[length..].find(' ').unwrap();
    let indirect = format!(
        "{}6 0 R{}6 0 obj {} endobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
        &cut[..length],
        &cut[length + digits..],
        &cut[length..length + digits]
    );
    assert_eq!(text_of(indirect.as_bytes()), "Hello PDF 2024\n");
}

#[test]
fn hostile_pdfs_end_with_a_message() {
    // A page tree that is its own kid, a reference cycle, deep nesting, and an xref /Prev loop.
    let cases: Vec<Vec<u8>> = vec![
        pdf(&[b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R 1 0 R] /Count 1 >>"]),
        pdf(&[b"<< /Type /Catalog /Pages 2 0 R >>", b"3 0 R", b"2 0 R"]),
        {
            let deep = format!("<< /Type /Catalog /Pages 2 0 R /X {} >>", "[".repeat(50_000));
            pdf(&[deep.as_bytes(), b"<< /Type /Pages /Kids [] /Count 0 >>"])
        },
        {
            let mut b = pdf(&[b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] >>"]);
            let xref = String::from_utf8_lossy(&b).rfind("xref\n").unwrap();
            let s = String::from_utf8(b).unwrap().replace("/Root 1 0 R", &format!("/Root 1 0 R /Prev {xref}"));
            b = s.into_bytes();
            b
        },
    ];
    for bytes in cases {
        let r = check(&bytes, "hostile.pdf");
        let (code, _) = only_error(&r);
        assert!(code == "input.broken" || code == "input.no_text", "{code}");
    }
}

/// Spans of a PDF's findings, cells, sections and tables name the PDF page they are on (1-based),
/// as a reader holding the printed report looks them up: the 淮安 PDF's table 二 is on page 3,
/// table 三 starts on page 4 (its rows from 2. 没有现成信息 on are on page 5, in the table that
/// started on page 4), table 四 and section 五 on page 5, section 六 on page 6. Text has no pages.
#[test]
fn spans_in_a_pdf_carry_their_page() {
    let r = check(&huaian(), "huaian.pdf");
    let table_page = |id: &str| r.tables.iter().find(|t| t.id == id).and_then(|t| t.span).and_then(|s| s.page);
    assert_eq!(table_page("active"), Some(3));
    assert_eq!(table_page("applications"), Some(4));
    assert_eq!(table_page("review_litigation"), Some(5));
    let section_page = |id: &str| r.sections.iter().find(|s| s.id == id).and_then(|s| s.span).and_then(|s| s.page);
    assert_eq!(section_page("overview"), Some(1));
    assert_eq!(section_page("problems"), Some(5));
    assert_eq!(section_page("other"), Some(6));
    let cell_page = |row: &str| r.cell("applications", row, "total").map(|c| c.span.page);
    assert_eq!(cell_page("1"), Some(Some(4)));
    let text = check_bytes(b"\xef\xbb\xbf2024\xe5\xb9\xb4", &Options::default());
    assert!(text.diagnostics.iter().filter_map(|d| d.span).all(|s| s.page.is_none()));
}
