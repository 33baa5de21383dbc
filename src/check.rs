//! The pipeline from text to result, and the document-level checks (year, deadline, coverage).

use std::ops::Range;

use crate::decode::{self, DecodeError};
use crate::document::{Document, LineKind};
use crate::extract::Extracted;
use crate::facts::{self, Facts};
use crate::normalize::{self, NormText};
use crate::result::*;
use crate::sections::{self, FoundSection};
use crate::tables::{self, tokens::Value, MappedTable};

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// File name shown in results; also a hint for the kind of file.
    pub name: String,
    /// Force an era instead of deriving it from the report year.
    pub era: Option<Era>,
}

/// Checks a file's bytes of any supported kind (text, HTML, .docx) and encoding.
pub fn check_bytes(bytes: &[u8], opts: &Options) -> CheckResult {
    match crate::extract::extract(bytes, &opts.name) {
        Ok(ex) => check_extracted(&ex, opts),
        Err(e) => unusable(opts, e),
    }
}

/// Checks this year's report `text` with last year's report of the same agency beside it: the
/// result of `text`, plus the cross-year findings (carry-over, repetition, 现行有效件数).
pub fn check_pair(previous_text: &str, text: &str, opts: &Options) -> CheckResult {
    let previous = check_text(previous_text, &Options { name: String::new(), era: None });
    let mut result = check_text(text, opts);
    add_cross_year(&mut result, text, &previous, previous_text);
    result
}

/// Adds the cross-year findings of `result` (checked from `text`) against last year's report.
pub fn add_cross_year(result: &mut CheckResult, text: &str, previous: &CheckResult, previous_text: &str) {
    if result.is_unusable_input() || previous.is_unusable_input() || !result.document.is_annual_report {
        return;
    }
    let found = crate::crossyear::compare(
        &crate::crossyear::Checked { text: previous_text, result: previous },
        &crate::crossyear::Checked { text, result },
    );
    result.diagnostics.extend(found);
    result.summary = summarize(&result.diagnostics, &result.sections);
}

/// Checks text already extracted from a file; spans point into `ex.text`.
pub fn check_extracted(ex: &Extracted, opts: &Options) -> CheckResult {
    // Extracted text obeys the same limit as pasted text.
    if ex.text.len() > decode::MAX_INPUT_BYTES {
        return unusable(opts, DecodeError::TooLarge(ex.text.len()));
    }
    let mut result = check_decoded(&ex.text, ex.encoding, opts);
    result.source.format = ex.format.as_str();
    // Limits reached while reading are findings, never a silently shortened result.
    let limits = ex.limits;
    if limits.truncated_tables > 0 {
        let message = format!(
            "有 {} 个表格过大（超过 {} 个单元格或 {} MB 文字），超出部分未读取",
            limits.truncated_tables,
            crate::extract::MAX_TABLE_CELLS,
            crate::extract::MAX_TABLE_TEXT / 1048576
        );
        result.diagnostics.push(Diagnostic::warning("input.table_too_large", message));
    }
    if limits.too_deep_tables > 0 {
        let message = format!(
            "有 {} 个表格嵌套超过 {} 层，已按普通文字读取",
            limits.too_deep_tables,
            crate::extract::MAX_TABLE_DEPTH
        );
        result.diagnostics.push(Diagnostic::warning("input.nesting", message));
    }
    result.summary = summarize(&result.diagnostics, &result.sections);
    result
}

/// Checks text the caller already has (pasted into the page, read from stdin).
pub fn check_text(text: &str, opts: &Options) -> CheckResult {
    if text.len() > decode::MAX_INPUT_BYTES {
        return unusable(opts, DecodeError::TooLarge(text.len()));
    }
    if text.trim().is_empty() {
        return unusable(opts, DecodeError::Empty);
    }
    check_decoded(text, "UTF-8", opts)
}

/// The result for an input that could not be checked at all: one `input.*` diagnostic saying why.
pub fn unusable(opts: &Options, e: DecodeError) -> CheckResult {
    let mut r = empty_result(opts, "unknown", Script::Simplified);
    r.diagnostics.push(Diagnostic::error(e.code(), e.message()));
    r.summary = summarize(&r.diagnostics, &r.sections);
    r
}

fn empty_result(opts: &Options, encoding: &'static str, script: Script) -> CheckResult {
    CheckResult {
        schema_version: SCHEMA_VERSION,
        source: SourceInfo { name: opts.name.clone(), format: "text", encoding, script },
        document: DocumentFacts::default(),
        sections: Vec::new(),
        tables: Vec::new(),
        diagnostics: Vec::new(),
        summary: Summary::default(),
    }
}

/// Maps normalised ranges of the document (or of a view of it) to spans of the original text.
pub struct Locator<'a> {
    source: &'a str,
    line_starts: Vec<usize>,
    norm: &'a NormText,
}

impl<'a> Locator<'a> {
    fn new(source: &'a str, norm: &'a NormText) -> Locator<'a> {
        let mut line_starts = vec![0];
        line_starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        Locator { source, line_starts, norm }
    }

    pub fn original(&self, r: Range<usize>) -> Span {
        let line = self.line_starts.partition_point(|&s| s <= r.start).max(1);
        let line_start = self.line_starts[line - 1];
        let start = r.start.min(self.source.len());
        let column = self.source.get(line_start..start).map(|s| s.chars().count()).unwrap_or(0) + 1;
        Span { start: r.start, end: r.end, line, column }
    }

    pub fn in_view(&self, view: &NormText, r: Range<usize>) -> Span {
        self.original(view.original_range(r))
    }
}

impl crate::rules::Locate for Locator<'_> {
    fn span(&self, range: &Range<usize>) -> Span {
        self.original(self.norm.original_range(range.clone()))
    }

    fn raw(&self, range: &Range<usize>) -> &str {
        self.source.get(self.norm.original_range(range.clone())).unwrap_or("")
    }
}

fn check_decoded(text: &str, encoding: &'static str, opts: &Options) -> CheckResult {
    let norm = normalize::normalize(text);
    let script = if norm.traditional_chars >= 10 && norm.traditional_chars * 25 > norm.cjk_chars {
        Script::Traditional
    } else {
        Script::Simplified
    };
    let doc = Document::parse(norm);
    let loc = Locator::new(text, &doc.norm);
    let facts = facts::read_facts(&doc);
    let mut result = empty_result(opts, encoding, script);
    let mut diags = Vec::new();

    result.document = DocumentFacts {
        is_annual_report: facts.is_annual_report,
        title: facts.title.as_ref().map(|t| t.0.clone()),
        agency: facts.agency.clone(),
        agency_level: facts.agency_level,
        year: facts.year.as_ref().map(|y| y.0),
        era: None,
        published: facts.published.as_ref().map(|p| p.0.clone()),
        index_number: doc.meta.index_number.clone(),
    };

    if !facts.is_annual_report {
        let title = facts.title.as_ref().map(|t| format!("“{}”", t.0)).unwrap_or_else(|| "输入内容".to_string());
        diags.push(
            Diagnostic::error(
                "doc.not_annual_report",
                format!("{title}看起来不是政府信息公开工作年度报告，未作章节和表格检查"),
            )
            .with_span(facts.title.as_ref().map(|t| loc.span_of(&t.1)))
            .with_hint("年度报告应以“××年政府信息公开工作年度报告”为题，并按条例第五十条列出各部分"),
        );
        result.summary = summarize(&diags, &[]);
        result.diagnostics = diags;
        return result;
    }

    let era = opts.era.or_else(|| facts.era()).unwrap_or_else(|| guess_era(&doc));
    result.document.era = Some(era);
    if facts.year.is_none() {
        diags.push(
            Diagnostic::warning("doc.year_unknown", format!("未找到报告年度，按 {} 年格式检查", era.as_str()))
                .with_hint("标题应写明年度，如“2024年政府信息公开工作年度报告”"),
        );
    }

    // Pre-2019 reports have no national tables, so their prose is their whole body; later ones
    // are searched for section words in the whole text, then read as prose without the tables.
    let (found, mapped, prose) = if era == Era::E2008 {
        let body = body_view(&doc, &[]);
        (sections::find_sections(&doc, era, &body), Vec::new(), body)
    } else {
        let found = sections::find_sections(&doc, era, &doc.norm);
        let mapped = tables::read_tables(&doc, era, &found);
        let table_ranges: Vec<Range<usize>> = mapped.iter().filter_map(|t| t.range.clone()).collect();
        let prose = body_view(&doc, &table_ranges);
        (found, mapped, prose)
    };

    check_year(&facts, &prose, &loc, &mut diags);
    check_deadline(&facts, era, &loc, &mut diags);
    check_sections(&doc, era, &facts, &found, &loc, &mut diags);
    for t in &mapped {
        let heading = found.iter().find(|s| s.spec.id == t.spec.section).and_then(|s| s.evidence.clone());
        check_table_presence(t, era, heading.map(|r| loc.original(r)), &loc, &mut diags);
        if t.status == TableStatus::Present {
            crate::rules::check_table(t, facts.agency_level, &loc, &mut diags);
        }
    }
    crate::narrative::check_narrative(&prose, &mapped, &|r| loc.in_view(&prose, r), &mut diags);

    result.sections = found
        .iter()
        .map(|s| SectionResult {
            id: s.spec.id,
            title: s.spec.title,
            status: s.status,
            heading: s.heading_line.map(|l| doc.line_text(&doc.lines[l]).to_string()),
            span: s.evidence.clone().map(|r| loc.original(r)),
        })
        .collect();
    result.tables = mapped.iter().map(|t| table_result(t, era, text, &loc)).collect();
    result.summary = summarize(&diags, &result.sections);
    result.diagnostics = diags;
    result
}

impl Locator<'_> {
    fn span_of(&self, r: &Range<usize>) -> Span {
        crate::rules::Locate::span(self, r)
    }
}

/// Without a year, the tables' own words tell the era; a report without tables is pre-2019.
fn guess_era(doc: &Document) -> Era {
    let t = &doc.norm.text;
    if ["本年制发", "现行有效件数", "逾期不补正"].iter().any(|w| t.contains(w)) {
        Era::E2021
    } else if ["本年新制作", "对外公开总数量"].iter().any(|w| t.contains(w)) {
        Era::E2019
    } else if t.contains("第二十条") || t.contains("本年新收政府信息公开申请") {
        Era::E2021
    } else {
        Era::E2008
    }
}

/// The report's running text: lines that are not chrome, page furniture or inside `exclude`,
/// with lines wrapped by a PDF joined back (no separator) and headings ending their line.
fn body_view(doc: &Document, exclude: &[Range<usize>]) -> NormText {
    let parts = doc.lines.iter().filter_map(|line| {
        let kept = matches!(line.kind, LineKind::Text | LineKind::Heading(_))
            && !exclude.iter().any(|r| r.start <= line.range.start && line.range.end <= r.end);
        // A heading ends its clause even when the next line goes on without punctuation.
        let sep = matches!(&line.kind, LineKind::Heading(h) if !h.inline_body).then_some('\n');
        kept.then(|| (line.range.clone(), sep))
    });
    doc.norm.view(parts)
}

fn check_year(facts: &Facts, prose: &NormText, loc: &Locator<'_>, out: &mut Vec<Diagnostic>) {
    let Some((year, yr)) = &facts.year else { return };
    if let Some((p, pr)) = &facts.period_year {
        if p != year {
            out.push(
                Diagnostic::error("doc.year_mismatch", format!("统计期限写的是 {p} 年，而报告年度为 {year} 年"))
                    .with_span(Some(loc.span_of(pr)))
                    .with_hint(format!("标题在第 {} 行；核对标题年份与统计期限", loc.span_of(yr).line)),
            );
        }
    }
    // "2018年，我局……" opening a sentence of a 2019 report: last year's text left in.
    for (start, raw) in crate::text::sentences(&prose.text) {
        let sentence = raw.trim_start();
        let offset = start + (raw.len() - sentence.len());
        // Only sentences that open with a year: "2018年，……".
        let b = sentence.as_bytes();
        if b.len() < 7 || !b[..4].iter().all(u8::is_ascii_digit) || !sentence[4..].starts_with('年') {
            continue;
        }
        let Some((y, _)) = facts::year_in(&sentence[..7]) else { continue };
        if y >= *year {
            continue;
        }
        let after = sentence[4..].trim_start_matches(['年', '度', ',', '，']);
        let opens_statement =
            ["我", "本", "全", "市", "县", "区", "局", "委", "共"].iter().any(|w| after.starts_with(w));
        let compares =
            ["比", "较", "相比", "同比", "以来", "至今", "以前", "之前"].iter().any(|w| sentence.contains(w));
        if opens_statement && !compares {
            out.push(
                Diagnostic::error("doc.year_mismatch", format!("正文以“{y}年”叙述本年度工作，而报告年度为 {year} 年"))
                    .with_span(Some(loc.in_view(prose, offset..offset + 4)))
                    .with_hint("可能沿用了上一年报告的文字；核对年份"),
            );
        }
    }
}

/// 第四十九条 (2019 条例) and 第三十一条 (2008 条例) deadlines.
fn check_deadline(facts: &Facts, era: Era, loc: &Locator<'_>, out: &mut Vec<Diagnostic>) {
    let (Some((year, _)), Some((published, pr))) = (&facts.year, &facts.published) else { return };
    let next = year + 1;
    let (deadline, rule) = match (era, facts.agency_level) {
        (Era::E2008, _) => (format!("{next}-03-31"), "2008年条例第三十一条：每年3月31日前公布"),
        (_, AgencyLevel::Department) => {
            (format!("{next}-01-31"), "条例第四十九条：县级以上人民政府部门每年1月31日前公布")
        }
        (_, AgencyLevel::Government) => {
            (format!("{next}-03-31"), "条例第四十九条：县级以上地方人民政府每年3月31日前公布")
        }
        // 乡镇/街道 are not named in 第四十九条; their deadline is set locally.
        (_, AgencyLevel::Township) => return,
        (_, AgencyLevel::Unknown) => (format!("{next}-03-31"), "条例第四十九条：最迟于每年3月31日前公布"),
    };
    if published.as_str() > deadline.as_str() {
        out.push(
            Diagnostic::warning("doc.late", format!("发布日期 {published} 晚于法定期限 {deadline}"))
                .with_span(Some(loc.span_of(pr)))
                .with_hint(rule),
        );
    }
}

fn check_sections(
    doc: &Document,
    era: Era,
    facts: &Facts,
    found: &[FoundSection],
    loc: &Locator<'_>,
    out: &mut Vec<Diagnostic>,
) {
    for s in found {
        match s.status {
            SectionStatus::Missing => out.push(
                Diagnostic::error("section.missing", format!("缺少“{}”", s.spec.title))
                    .with_section(s.spec.id)
                    .with_hint(missing_hint(era, s.spec.id)),
            ),
            SectionStatus::Mentioned => out.push(
                Diagnostic::warning(
                    "section.mentioned_only",
                    format!("提到了“{}”的内容，但没有报告具体情况", s.spec.title),
                )
                .with_section(s.spec.id)
                .with_hint("单列一部分，写明本年度的具体情况；没有发生的也应写明“未发生”"),
            ),
            SectionStatus::Present => {}
        }
    }
    // Headings in the official order.
    if era != Era::E2008 {
        let mut last: Option<&FoundSection> = None;
        for s in found.iter().filter(|s| s.heading_line.is_some()) {
            if let Some(prev) = last {
                if s.heading_line < prev.heading_line {
                    out.push(
                        Diagnostic::warning(
                            "section.out_of_order",
                            format!("“{}”排在“{}”之前，与规定顺序不符", s.spec.title, prev.spec.title),
                        )
                        .with_section(s.spec.id)
                        .with_span(s.evidence.clone().map(|r| loc.original(r)))
                        .with_hint("按一至六的顺序排列各部分"),
                    );
                }
            }
            if last.is_none_or(|p| s.heading_line > p.heading_line) {
                last = Some(s);
            }
        }
    }
    let present = |id: &str| found.iter().find(|s| s.spec.id == id && s.status == SectionStatus::Present);
    let text = &doc.norm.text;
    if era == Era::E2021 {
        if let Some(other) = present("other") {
            let body: String = doc.lines[other.body.clone()].iter().map(|l| doc.line_text(l)).collect();
            let reported = text.contains("处理费") || ["收费", "收取", "费用"].iter().any(|w| body.contains(w));
            if !reported {
                out.push(
                    Diagnostic::warning("section.incomplete", "“六、其他需要报告的事项”未报告信息处理费的收取情况")
                        .with_section("other")
                        .with_span(other.evidence.clone().map(|r| loc.original(r)))
                        .with_hint("依《政府信息公开信息处理费管理办法》写明收取金额，未收取的写明“未收取信息处理费”"),
                );
            }
        }
    }
    if era != Era::E2008 && facts.agency_level == AgencyLevel::Government {
        if let Some(overview) = present("overview") {
            let absent: Vec<&str> = ["考核", "评议", "追究"].into_iter().filter(|w| !text.contains(w)).collect();
            if !absent.is_empty() {
                let words: Vec<String> = absent
                    .iter()
                    .map(|w| match *w {
                        "考核" => "工作考核".to_string(),
                        "评议" => "社会评议".to_string(),
                        _ => "责任追究".to_string(),
                    })
                    .collect();
                out.push(
                    Diagnostic::warning("section.incomplete", format!("人民政府的年度报告应报告{}结果情况，未找到", words.join("、")))
                        .with_section("overview")
                        .with_span(overview.evidence.clone().map(|r| loc.original(r)))
                        .with_hint("条例第五十条第（四）项：政府信息公开工作考核、社会评议和责任追究结果情况（30号格式列入“监督保障”）"),
                );
            }
        }
    }
}

fn missing_hint(era: Era, id: &str) -> &'static str {
    match (era, id) {
        (Era::E2008, _) => "2008年条例第三十二条要求报告这一事项；没有发生的也应写明",
        (_, "other") => "第五十条第（六）项；没有其他事项的也应写明，并报告信息处理费收取情况",
        _ => "按国办公开办函规定的格式补上这一部分",
    }
}

fn check_table_presence(
    t: &MappedTable,
    era: Era,
    heading: Option<Span>,
    loc: &Locator<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let spec = t.spec;
    let span = t.range.as_ref().map(|r| loc.span_of(r));
    match t.status {
        TableStatus::Missing => {
            if t.section_present {
                out.push(
                    Diagnostic::error("table.missing", format!("“{}”部分没有统计表", spec.title))
                        .with_table(spec.id)
                        .with_section(spec.section)
                        .with_span(heading)
                        .with_hint("按格式附上统计表；若表格是图片，请改为文字表格"),
                );
            }
            return;
        }
        TableStatus::Unreadable => {
            out.push(
                Diagnostic::error(
                    "table.unreadable",
                    format!(
                        "“{}”统计表无法可靠读取：{}",
                        spec.title,
                        t.unreadable.as_deref().unwrap_or("无法对应到规定格式")
                    ),
                )
                .with_table(spec.id)
                .with_span(span)
                .with_hint("确认表格的行列与规定格式一致，或从原始文件复制表格"),
            );
            return;
        }
        TableStatus::Present => {}
    }
    if spec.variant < era && !spec.variant_keys.is_empty() {
        out.push(
            Diagnostic::error(
                "doc.format_outdated",
                format!(
                    "“{}”统计表使用的是 {} 年格式，{} 年起应使用新格式（国办公开办函〔2021〕30号）",
                    spec.title,
                    spec.variant.as_str(),
                    era.as_str()
                ),
            )
            .with_table(spec.id)
            .with_span(span)
            .with_hint("未按新格式编制：按30号文的表格重新编制"),
        );
    } else if spec.variant > era && !spec.variant_keys.is_empty() {
        out.push(
            Diagnostic::warning(
                "doc.format_mismatch",
                format!("“{}”统计表使用的是 {} 年格式，与报告年度不符", spec.title, spec.variant.as_str()),
            )
            .with_table(spec.id)
            .with_span(span)
            .with_hint("核对报告年度与表格格式"),
        );
    }
    for row in &t.missing_rows {
        let mut d =
            Diagnostic::error("table.row_missing", format!("“{}”统计表缺少“{}”一行", spec.title, spec.row_label(row)))
                .with_table(spec.id)
                .with_span(span)
                .with_hint("按规定格式补上这一行；没有发生的填 0");
        d.cells = vec![CellRef {
            row: row.clone(),
            column: spec.blocks.iter().find(|b| row.starts_with(b.id)).map(|b| b.columns[0].id).unwrap_or("total"),
        }];
        out.push(d);
    }
    if t.reordered {
        out.push(
            Diagnostic::info(
                "table.reordered",
                format!("“{}”统计表的数字在文字提取中顺序被打乱，已按表内勾稽关系唯一还原", spec.title),
            )
            .with_table(spec.id)
            .with_span(span),
        );
    }
}

fn table_result(t: &MappedTable, era: Era, source: &str, loc: &Locator<'_>) -> TableResult {
    // A table identical in every format (复议/诉讼) takes the report's era as its variant.
    let variant = if t.spec.variant_keys.is_empty() { era } else { t.spec.variant };
    TableResult {
        id: t.spec.id,
        title: t.spec.title,
        status: t.status,
        variant: (t.status != TableStatus::Missing).then_some(variant),
        span: t.range.as_ref().map(|r| loc.span_of(r)),
        cells: t
            .cells
            .iter()
            .map(|c| {
                let span = loc.span_of(&c.range);
                CellResult {
                    row: c.row.clone(),
                    column: c.column.id,
                    value: match c.value {
                        Value::Number(n) => Some(n),
                        _ => None,
                    },
                    raw: source.get(span.start..span.end).unwrap_or("").to_string(),
                    span,
                }
            })
            .collect(),
    }
}

fn summarize(diags: &[Diagnostic], sections: &[SectionResult]) -> Summary {
    let count = |s: Severity| diags.iter().filter(|d| d.severity == s).count();
    Summary {
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
        sections_present: sections.iter().filter(|s| s.status == SectionStatus::Present).count(),
        sections_required: sections.len(),
    }
}
