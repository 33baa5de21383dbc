//! The body of every fuzz target and the properties it checks. The libFuzzer targets
//! (fuzz/fuzz_targets/*.rs) call these, and so does tests/fuzz_regressions.rs (through
//! `#[path]`), so the seeds and every minimised finding go through exactly the same code on
//! stable as under the fuzzer.
//!
//! Beyond "no panic", each target checks what every result promises: a summary that counts its
//! diagnostics, an unusable input that says why in exactly one `input.*` error, spans on char
//! boundaries of the text they point into with the right line and column, and the same answer
//! from the file API as from the stage it wraps.

#![allow(dead_code)]

use nianbao::input::{self, docx::DocxError, Decoded, Extracted, InputError};
use nianbao::result::{CheckResult, SectionStatus, Severity, Span};
use nianbao::{check_bytes, check_pair, check_text, Options};

/// Every result: its summary counts its diagnostics and sections; an input that could not be
/// checked has exactly one diagnostic, an `input.*` error, and nothing else.
pub fn assert_consistent(r: &CheckResult) {
    let count = |s: Severity| r.diagnostics.iter().filter(|d| d.severity == s).count();
    assert_eq!(r.summary.errors, count(Severity::Error), "errors in summary");
    assert_eq!(r.summary.warnings, count(Severity::Warning), "warnings in summary");
    assert_eq!(r.summary.infos, count(Severity::Info), "infos in summary");
    let present = r.sections.iter().filter(|s| s.status == SectionStatus::Present).count();
    assert_eq!(r.summary.sections_present, present, "sections_present");
    assert_eq!(r.summary.sections_required, r.sections.len(), "sections_required");
    for d in &r.diagnostics {
        assert!(!d.message.is_empty(), "{} without a message", d.code);
    }
    if r.is_unusable_input() {
        assert_eq!(r.diagnostics.len(), 1, "unusable input: {:?}", r.diagnostics);
        assert!(r.sections.is_empty() && r.tables.is_empty());
    }
    if !r.document.is_annual_report {
        assert!(r.sections.is_empty() && r.tables.is_empty(), "a non-report has no sections or tables");
    }
}

/// Every span of `r` and what it belongs to, in one fixed order.
fn spans(r: &CheckResult) -> Vec<(&str, Span)> {
    let mut out: Vec<(&str, Span)> = Vec::new();
    out.extend(r.diagnostics.iter().filter_map(|d| Some((d.code, d.span?))));
    out.extend(r.sections.iter().filter_map(|s| Some((s.id, s.span?))));
    for t in &r.tables {
        out.extend(t.span.map(|s| (t.id, s)));
        out.extend(t.cells.iter().map(|c| (c.row.as_str(), c.span)));
    }
    out
}

/// Every span of `r` lies in `text`, on char boundaries, with the line and column of its start;
/// a cell's `raw` is the text of its span; and converted to UTF-16 (as the wasm binding hands
/// them to JavaScript), each span covers the same characters.
pub fn assert_spans_in(r: &CheckResult, text: &str) {
    let mut line_starts = vec![0];
    line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    for (what, s) in spans(r) {
        assert!(s.start <= s.end && s.end <= text.len(), "{what}: span {s:?} outside {} bytes", text.len());
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "{what}: span {s:?} splits a char");
        let line = line_starts.partition_point(|&l| l <= s.start);
        assert_eq!(s.line, line, "{what}: line of {s:?}");
        let column = text[line_starts[line - 1]..s.start].chars().count() + 1;
        assert_eq!(s.column, column, "{what}: column of {s:?}");
    }
    for t in &r.tables {
        for c in &t.cells {
            assert_eq!(c.raw, &text[c.span.start..c.span.end], "raw of cell {}/{}", c.row, c.column);
        }
    }
    // UTF-16 units before each char boundary.
    let mut units = vec![0usize; text.len() + 1];
    let mut n = 0;
    for (i, c) in text.char_indices() {
        units[i] = n;
        n += c.len_utf16();
    }
    units[text.len()] = n;
    let mut utf16 = r.clone();
    utf16.spans_to_utf16(text);
    for ((what, s), (_, u)) in spans(r).into_iter().zip(spans(&utf16)) {
        assert_eq!(
            (u.start, u.end, u.line, u.column),
            (units[s.start], units[s.end], s.line, s.column),
            "{what}: UTF-16"
        );
    }
}

/// The result of `check_text`, checked.
fn checked_text(s: &str, opts: &Options) -> CheckResult {
    let r = check_text(s, opts);
    assert_consistent(&r);
    assert_spans_in(&r, s);
    assert_eq!(r.is_unusable_input(), s.trim().is_empty() || s.len() > input::MAX_INPUT_BYTES);
    r
}

/// What the `text` target ran: this text's result, and the cross-year result when it ran one.
pub struct TextRun {
    pub result: CheckResult,
    pub pair: Option<CheckResult>,
}

/// `text`: UTF-8 → `check_text`. A form feed splits the input into last year's and this year's
/// report for `check_pair` (the seed `pair.txt` is one), and one input in eight is split in half
/// for it, so the cross-year code sees arbitrary pairs too.
pub fn text(data: &[u8]) -> Option<TextRun> {
    let s = std::str::from_utf8(data).ok()?;
    let result = checked_text(s, &Options::default());
    let halves = match s.find('\u{c}') {
        Some(i) => Some((&s[..i], &s[i + 1..])),
        None if data.len().is_multiple_of(8) => {
            let mid = (0..=s.len() / 2).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0);
            Some(s.split_at(mid))
        }
        None => None,
    };
    let pair = halves.map(|(previous, current)| {
        let r = check_pair(previous, current, &Options::default());
        assert_consistent(&r);
        assert_spans_in(&r, current);
        // The pair adds cross-year findings to this year's result, and nothing else.
        let alone = check_text(current, &Options::default());
        assert!(r.diagnostics.len() >= alone.diagnostics.len());
        assert!(r.diagnostics.iter().skip(alone.diagnostics.len()).all(|d| d.code.starts_with("crossyear.")));
        r
    });
    Some(TextRun { result, pair })
}

/// What the `html` target ran: the text read from the markup, and its result.
pub struct HtmlRun {
    pub text: String,
    pub result: CheckResult,
}

/// `html`: bytes → (lossy UTF-8) → `html_to_text` → `check_text`.
pub fn html(data: &[u8]) -> HtmlRun {
    let src = String::from_utf8_lossy(data);
    let text = input::html::html_to_text(&src).0;
    // The writer's layout: whole lines, at most one blank line in a row, none leading.
    assert!(text.is_empty() || text.ends_with('\n'), "text does not end its last line");
    assert!(!text.starts_with('\n') && !text.contains("\n\n\n"), "more than one blank line");
    let result = checked_text(&text, &Options::default());
    HtmlRun { text, result }
}

/// What the `docx` target ran.
pub struct DocxRun {
    pub text: Result<String, DocxError>,
    pub result: CheckResult,
}

/// `docx`: bytes → `docx_to_text`, and `check_bytes` as a .docx. The two must agree: a zip is
/// read as Word exactly when `docx_to_text` reads it, and the spans point into its text.
pub fn docx(data: &[u8]) -> DocxRun {
    let text = input::docx::docx_to_text(data).map(|(text, _limits)| text);
    let result = check_bytes(data, &Options { name: "a.docx".into(), era: None });
    assert_consistent(&result);
    assert_eq!(result.source.name, "a.docx");
    if data.starts_with(b"PK") && data.len() <= input::MAX_INPUT_BYTES {
        match &text {
            Ok(t) if !t.trim().is_empty() => {
                assert!(!result.is_unusable_input(), "read by docx_to_text, refused by check_bytes");
                assert_eq!(result.source.format, "docx");
                assert_spans_in(&result, t);
            }
            _ => assert!(result.is_unusable_input(), "not read by docx_to_text, checked by check_bytes"),
        }
    }
    DocxRun { text, result }
}

/// What the `pdf` target ran.
pub struct PdfRun {
    pub text: Result<String, input::pdf::PdfError>,
    pub result: CheckResult,
}

/// `pdf`: bytes → `pdf_to_text`, and `check_bytes` as "a.pdf". What the reader reads is checked
/// and its spans point into that text; what it refuses is one `input.*` error. Never a panic,
/// never a hang (reference cycles, deep nesting and bombs end with a message).
pub fn pdf(data: &[u8]) -> PdfRun {
    let text = input::pdf::pdf_to_text(data).map(|(text, _limits, _pages)| text);
    let result = check_bytes(data, &Options { name: "a.pdf".into(), era: None });
    assert_consistent(&result);
    if input::pdf::is_pdf(data) && data.len() <= input::MAX_INPUT_BYTES {
        match &text {
            Ok(t) if !t.trim().is_empty() => {
                assert!(!result.is_unusable_input(), "read by pdf_to_text, refused by check_bytes");
                assert_eq!(result.source.format, "pdf");
                assert_spans_in(&result, t);
            }
            _ => assert!(result.is_unusable_input(), "not read by pdf_to_text, checked by check_bytes"),
        }
    }
    PdfRun { text, result }
}

/// What the `decode` target ran.
pub struct DecodeRun {
    pub decoded: Result<Decoded, InputError>,
    pub extracted: Result<Extracted, InputError>,
}

/// `decode`: bytes → `decode`, and `extract` with a name that hints nothing. Unless the bytes
/// are a zip (read as .docx) or a PDF, extract decodes exactly as `decode` does.
pub fn decode(data: &[u8]) -> DecodeRun {
    let decoded = input::text::decode(data);
    let extracted = input::read(data, "x");
    if let Ok(d) = &decoded {
        assert!(!d.text.trim().is_empty(), "decoded to blank text");
    }
    if let Ok(ex) = &extracted {
        assert!(!ex.text.trim().is_empty(), "extracted blank text");
    }
    if !data.starts_with(b"PK\x03\x04") && !input::pdf::is_pdf(data) {
        match (&decoded, &extracted) {
            (Err(e), x) => assert_eq!(x.as_ref().err(), Some(e), "extract and decode disagree"),
            (Ok(d), Ok(ex)) => {
                assert_eq!(ex.encoding, d.encoding);
                if ex.format == "text" {
                    assert_eq!(ex.text, d.text);
                }
            }
            // Markup with no text in it.
            (Ok(_), Err(e)) => assert_eq!(e, &InputError::Empty),
        }
    }
    DecodeRun { decoded, extracted }
}
