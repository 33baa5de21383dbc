//! Human output for the terminal, in the style of rustc: the code, a Chinese message, the line
//! with the offending text underlined, then a coverage checklist and a one-line verdict.

use std::fmt::Write;

use crate::result::*;

pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

/// Terminal columns a character takes: CJK and full-width forms take two.
fn width(c: char) -> usize {
    match c as u32 {
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 => 2,
        _ => 1,
    }
}

fn text_width(s: &str) -> usize {
    s.chars().map(width).sum()
}

pub fn render(result: &CheckResult, source: &str, style: &Style) -> String {
    let mut out = String::new();
    for d in &result.diagnostics {
        render_diagnostic(&mut out, d, &result.source.name, source, style);
    }
    if result.document.is_annual_report {
        render_coverage(&mut out, result, style);
    }
    let _ = writeln!(out, "{}", verdict(result, style));
    out
}

fn render_diagnostic(out: &mut String, d: &Diagnostic, name: &str, source: &str, style: &Style) {
    let (label, color) = match d.severity {
        Severity::Error => ("error", "1;31"),
        Severity::Warning => ("warning", "1;33"),
        Severity::Info => ("info", "1;36"),
    };
    let _ = writeln!(out, "{}: {}", style.paint(color, &format!("{label}[{}]", d.code)), d.message);
    if let Some(span) = &d.span {
        let gutter = span.line.to_string().len();
        let pad = " ".repeat(gutter);
        let _ = writeln!(out, "{pad}{} {name}:{}:{}", style.paint("1;34", "-->"), span.line, span.column);
        let line_start = source[..span.start.min(source.len())].rfind('\n').map(|i| i + 1).unwrap_or(0);
        let line_end = source[line_start..].find('\n').map(|i| line_start + i).unwrap_or(source.len());
        let line = source[line_start..line_end].trim_end_matches('\r');
        let bar = style.paint("1;34", "|");
        let _ = writeln!(out, "{pad} {bar}");
        let _ = writeln!(out, "{} {bar} {}", style.paint("1;34", &span.line.to_string()), line);
        let start = span.start.clamp(line_start, line_start + line.len());
        let end = span.end.clamp(start, line_start + line.len());
        let lead = text_width(&source[line_start..start]);
        let marks = text_width(&source[start..end]).max(1);
        let _ = writeln!(out, "{pad} {bar} {}{}", " ".repeat(lead), style.paint(color, &"^".repeat(marks)));
    }
    if let Some(p) = &d.place {
        let _ = writeln!(out, "  = 位置：{p}");
    }
    if let Some(h) = &d.hint {
        let _ = writeln!(out, "  = 提示：{h}");
    }
    out.push('\n');
}

fn render_coverage(out: &mut String, r: &CheckResult, style: &Style) {
    let era = r.document.era.map(|e| e.as_str()).unwrap_or("?");
    let _ = writeln!(out, "章节（{era} 年格式）");
    for s in &r.sections {
        let (mark, note) = match s.status {
            SectionStatus::Present => (style.paint("32", "✓"), String::new()),
            SectionStatus::Mentioned => (style.paint("33", "~"), " — 仅提及，未报告".to_string()),
            SectionStatus::Missing => (style.paint("31", "✗"), " — 缺少".to_string()),
        };
        let _ = writeln!(out, "  {mark} {}{note}", s.title);
    }
    if !r.tables.is_empty() {
        let _ = writeln!(out, "表格");
        for t in &r.tables {
            let (mark, note) = match t.status {
                TableStatus::Present => {
                    let v = t.variant.map(|v| v.as_str()).unwrap_or("?");
                    (style.paint("32", "✓"), format!("（{v} 年格式，读到 {} 格）", t.cells.len()))
                }
                TableStatus::Missing => (style.paint("31", "✗"), " — 缺少".to_string()),
                TableStatus::Unreadable => (style.paint("31", "?"), " — 无法读取".to_string()),
            };
            let _ = writeln!(out, "  {mark} {}{note}", t.title);
        }
    }
}

/// One line that reads like a verdict: "report.txt：吉林市科技局 2019 年度报告 — 发现 3 个错误、2 个提醒".
pub fn verdict(r: &CheckResult, style: &Style) -> String {
    let name = if r.source.name.is_empty() { "<输入>" } else { r.source.name.as_str() };
    let doc = &r.document;
    let what = match (&doc.agency, doc.year) {
        _ if r.is_unusable_input() => "无法检查".to_string(),
        _ if !doc.is_annual_report => "不是年度报告".to_string(),
        (Some(a), Some(y)) => format!("{a} {y} 年度报告"),
        (None, Some(y)) => format!("{y} 年度报告"),
        (Some(a), None) => format!("{a} 年度报告"),
        (None, None) => "年度报告".to_string(),
    };
    let s = &r.summary;
    let counts = if s.errors == 0 && s.warnings == 0 {
        style.paint("1;32", "未发现问题")
    } else {
        let e = format!("{} 个错误", s.errors);
        let w = format!("{} 个提醒", s.warnings);
        format!(
            "发现 {}、{}",
            if s.errors > 0 { style.paint("1;31", &e) } else { e },
            if s.warnings > 0 { style.paint("1;33", &w) } else { w }
        )
    };
    let coverage = if s.sections_required > 0 {
        format!("（章节 {}/{}）", s.sections_present, s.sections_required)
    } else {
        String::new()
    };
    format!("{name}：{what} — {counts}{coverage}")
}
