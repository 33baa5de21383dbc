//! What the document says about itself: title, agency and its level, report year, era,
//! publication date, and whether it is an annual report at all (rules.md §1, §5).

use std::ops::Range;

use crate::format::{AgencyLevel, Era};
use crate::text::document::{Document, LineKind};
use crate::text::search as text;

#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub is_annual_report: bool,
    pub title: Option<(String, Range<usize>)>,
    pub agency: Option<String>,
    pub agency_level: AgencyLevel,
    pub year: Option<(u16, Range<usize>)>,
    /// The statistics period's year ("统计期限自2019年1月1日…"), when stated.
    pub period_year: Option<(u16, Range<usize>)>,
    pub published: Option<(String, Range<usize>)>,
}

impl Facts {
    pub fn era(&self) -> Option<Era> {
        self.year.as_ref().map(|(y, _)| Era::from_year(*y))
    }
}

/// Words of a report's name for itself.
fn names_annual_report(t: &str) -> bool {
    // A title or line is asked for seven words: its signature first. (The whole text is asked
    // too, whose signature would hold every bit.)
    let chars = (t.len() <= 600).then(|| text::Chars::of(t));
    let has = |w: &str| chars.map_or_else(|| text::contains(t, w), |c| c.contains(t, w));
    let report = ["年度报告", "年报", "年度工作报告"].iter().any(|w| has(w)) || (has("年度") && has("工作报告"));
    report && ["信息公开", "政务公开"].iter().any(|w| has(w))
}

/// Titles of documents that resemble reports but are not (rules.md §5): the last words say what
/// a document is.
fn is_other_document_title(t: &str) -> bool {
    let t = t.trim_end_matches(['。', ' ', ')', '》']);
    ["通知", "方案", "要点", "意见", "指南", "目录", "计划", "函", "办法", "规定", "决算", "预算", "格式"]
        .iter()
        .any(|w| t.ends_with(w))
        || t.starts_with("关于印发")
        || t.starts_with("关于做好")
}

pub fn read_facts(doc: &Document) -> Facts {
    let mut facts = Facts::default();
    let content: Vec<usize> = doc
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| matches!(l.kind, LineKind::Text | LineKind::Heading(_)))
        .map(|(i, _)| i)
        .take(TITLE_LINES)
        .collect();

    facts.title = find_title(doc, &content);
    if let Some(published) = facts.title.as_ref().and_then(|(t, _)| published_report_title(doc, &content, t)) {
        facts.title = Some(published);
    }
    if facts.title.is_none() {
        facts.title = doc.meta.title.clone().filter(|(t, _)| names_annual_report(t));
    }
    let title_text = facts.title.as_ref().map(|(t, _)| t.as_str()).unwrap_or("");
    let text = &doc.norm.text;

    facts.year =
        facts.title.as_ref().and_then(|(t, r)| year_in(t).map(|(y, yr)| (y, r.start + yr.start..r.start + yr.end)));
    facts.period_year = statistics_period_year(text);
    if facts.year.is_none() {
        facts.year = facts.period_year.clone().or_else(|| body_report_year(text)).or_else(|| body_year(doc));
    }

    facts.published = doc.meta.published.clone().or_else(|| doc.meta.issued.clone());

    let work_plan_markers = text.matches("牵头").count() + text.matches("配合落实").count();
    // Rules about reports, with a sample report to fill in: "本制度自发布之日起试行", "（参考样本）".
    let rules_about_reports = ["参考样本", "(样本)", "（样本）"].iter().any(|w| text.contains(w))
        || (["本制度", "本办法", "本规定"].iter().any(|w| text.contains(w)) && text.contains("第二条"));
    let first = content.first().map(|&i| doc.line_text(&doc.lines[i])).unwrap_or("");
    // The last words of a title name the kind of document: "关于做好…年度报告编制工作的通知" is a notice.
    let titled_other =
        is_other_document_title(title_text) || (first.chars().count() <= 60 && is_other_document_title(first));
    let titled_report = names_annual_report(title_text) && !titled_other;
    // Before the year in a report's title stands its agency; a notice's title has other words there.
    facts.agency = facts
        .title
        .as_ref()
        .filter(|_| titled_report)
        .and_then(|(t, _)| agency_from_title(t))
        .or_else(|| doc.meta.agency.clone())
        .or_else(|| agency_line(doc, &content))
        .or_else(|| agency_in_preamble(text));
    let agency_in_title = titled_report && facts.title.as_ref().is_some_and(|(t, _)| agency_from_title(t).is_some());
    facts.agency_level = match facts.agency.as_deref() {
        // "本报告由南平市人民政府信息公开工作领导小组办公室…编制": a government's office compiles the
        // government's report; an office reporting for itself names itself in its title.
        Some(name) if !agency_in_title && is_government_office(name) => AgencyLevel::Government,
        Some(name) => agency_level(name),
        None => level_from_self_reference(text),
    };
    let headings = national_headings(doc);
    let tables = national_table_anchors(text);
    // Judged by content: a report pasted without its title, or its tables alone, is still one.
    let structured = headings >= 4 || (headings >= 3 && tables >= 1) || tables >= 2 || (headings >= 2 && tables >= 1);
    facts.is_annual_report = if rules_about_reports {
        false
    } else if titled_report {
        true
    } else if titled_other || work_plan_markers >= 3 {
        structured && work_plan_markers < 3 && !titled_other
    } else {
        structured
            || (headings >= 1 && speaks_of_itself(text))
            || (headings >= 2 && facts.year.is_some() && names_annual_report(text))
    };
    facts
}

/// The report a notice publishes, or a cover report sends up, when the page carries it: a notice
/// titled "…关于公布" / "X的通知" whose body has a line that is X itself ("贺州市2009年度政府信息公开
/// 工作年度报告", 贺州 2009) publishes the report X and prints it below; so does a cover report
/// "关于报送《X》的报告" (福全镇 2011). That line is the document's title. A notice about reports
/// ("关于认真做好2021年…年度报告编制发布工作的通知") names no report of its own, and no line of its
/// body is the name it gives.
fn published_report_title(doc: &Document, content: &[usize], title: &str) -> Option<(String, Range<usize>)> {
    let named = title.strip_suffix("的通知").or_else(|| title.strip_suffix("的报告"))?;
    let named = ["关于公布", "关于发布", "关于报送", "关于上报", "公布", "发布", "报送", "上报"]
        .iter()
        .find_map(|p| named.strip_prefix(p))
        .unwrap_or(named);
    let bare = |t: &str| -> String { t.chars().filter(|c| !c.is_whitespace() && !matches!(c, '《' | '》')).collect() };
    let named = bare(named);
    if !names_annual_report(&named) || year_in(&named).is_none() || is_other_document_title(&named) {
        return None;
    }
    content.iter().map(|&i| &doc.lines[i]).find_map(|line| {
        let (t, at) = title_text(doc.line_text(line));
        (bare(t) == named).then(|| (named.clone(), line.range.start + at..line.range.start + at + t.len()))
    })
}

/// A report's preamble speaks of itself: "编制本报告", "本年度报告中所列数据…", with the 条例 or
/// the format notice it follows. Notices about reports speak of "年度报告" in general instead.
fn speaks_of_itself(text: &str) -> bool {
    let head = text::head(text, 600);
    ["本报告", "本年度报告"].iter().any(|w| head.contains(w))
        && ["政府信息公开条例", "国办公开办函", "政府信息公开工作年度报告"].iter().any(|w| head.contains(w))
}

/// How many of the national tables' own header words the text holds.
fn national_table_anchors(text: &str) -> usize {
    let first = ["第二十条第(一)项", "第二十条第（一）项"].iter().any(|w| text.contains(w));
    let second = text.contains("本年新收政府信息公开申请") || text.contains("勾稽关系");
    let third = text.contains("未经复议直接起诉") || text.contains("复议后起诉");
    usize::from(first) + usize::from(second) + usize::from(third)
}

/// How many content lines from the top may hold the title: a web page saved whole puts its
/// site navigation (a few dozen short lines) before it.
const TITLE_LINES: usize = 80;

/// Labels a page puts before its title ("信息名称 | …", "标题：…", "# …" in Markdown).
const TITLE_LABELS: &[&str] = &["信息名称", "文件名称", "标题", "题名", "名称"];

/// A line's text without a label or Markdown marks before the title, and the label's length.
fn title_text(t: &str) -> (&str, usize) {
    let bare = t.trim_start_matches(['#', ' ', '|', '*']);
    let mut at = t.len() - bare.len();
    let mut rest = bare;
    for label in TITLE_LABELS {
        if let Some(r) = bare.strip_prefix(label) {
            let value = r.trim_start_matches([' ', ':', '|', '\t']);
            if value.len() < r.len() {
                at += bare.len() - value.len();
                rest = value;
                break;
            }
        }
    }
    (rest.trim_end_matches(['。', ' ', '|', '*']), at)
}

/// A line that files the page under a column or category, never a title: "栏目：政府信息公开年报".
fn is_category_line(t: &str) -> bool {
    ["栏目", "所属栏目", "分类", "主题分类", "当前位置", "所在位置"].iter().any(|w| t.starts_with(w))
}

/// A line that may be part of a title printed over several lines: short words, no sentence, no
/// table rule.
fn title_part(t: &str) -> bool {
    !t.is_empty()
        && t.chars().count() <= 40
        && t.chars().any(crate::text::normalize::is_cjk)
        && !t.contains(['。', ',', '，', ';', '：', ':', '|', '-', '\t'])
        && !is_category_line(t)
}

/// The report's own title, possibly printed over two or three lines ("淮安市人民政府" /
/// "2024年政府信息公开工作年度报告"; "道县文广新局2013年度信息公开工作" / "年度报告"). A title
/// with a year wins over one without (a breadcrumb's "政府信息公开年报" names the column), and
/// one that names its agency wins over one that does not.
fn find_title(doc: &Document, content: &[usize]) -> Option<(String, Range<usize>)> {
    let line = |k: usize| &doc.lines[content[k]];
    // What is asked of each line is asked once: its title text, whether it names the report,
    // whether it can be part of a longer title (the windows of one to three lines overlap).
    let parts: Vec<(&str, usize)> = (0..content.len()).map(|k| title_text(doc.line_text(line(k)))).collect();
    let names: Vec<bool> = parts.iter().map(|(t, _)| names_annual_report(t)).collect();
    let mut is_part: Vec<Option<bool>> = vec![None; content.len()];
    let mut best: Option<(u8, String, Range<usize>)> = None;
    for k in 0..content.len() {
        for span in 1..=3 {
            if k + span > content.len() {
                break;
            }
            let parts = &parts[k..k + span];
            if span > 1 && !(k..k + span).all(|j| *is_part[j].get_or_insert_with(|| title_part(parts[j - k].0))) {
                break;
            }
            let title: std::borrow::Cow<str> =
                if span == 1 { parts[0].0.into() } else { parts.iter().map(|(t, _)| *t).collect::<String>().into() };
            let named = if span == 1 { names[k] } else { names_annual_report(&title) };
            if !named || title.chars().count() > 80 || is_category_line(doc.line_text(line(k))) {
                continue;
            }
            // Lines join into a title when only together they name the report ("…信息公开工作" /
            // "年度报告"), or when an agency stands above a title that starts with its year.
            if span > 1 {
                let (first, last) = (parts[0].0, parts[span - 1].0);
                // "西安市阎良区机关事务服务中心" / "政府信息公开工作2021年度报告".
                let agency_above =
                    span == 2 && agency_level(first) != AgencyLevel::Unknown && agency_from_title(last).is_none();
                // "硚口区人民政府汉正街道办事处2025年" / "政府信息公开工作年度报告".
                let year_above = span == 2
                    && year_in(first).is_some()
                    && (first.ends_with('年') || first.ends_with("年度"))
                    && year_in(last).is_none();
                let completes = !names[k..k + span].iter().any(|&n| n) && last.contains("报告");
                if !agency_above && !year_above && !completes {
                    continue;
                }
            }
            let score = u8::from(year_in(&title).is_some()) * 2 + u8::from(agency_from_title(&title).is_some());
            let start = line(k).range.start + parts[0].1;
            let end = if span == 1 { start + parts[0].0.len() } else { line(k + span - 1).range.end };
            if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
                best = Some((score, title.into_owned(), start..end));
            }
            // A full title on one line is not improved by the lines after it.
            if names[k] {
                break;
            }
        }
    }
    if let Some((_, title, range)) = best {
        // Spaces inside a title are layout ("2024   年" from a PDF): the title is its words.
        return Some((title.chars().filter(|c| !c.is_whitespace()).collect(), range));
    }
    // A document that is not a report still has a title: the first short line.
    content.first().map(|&i| &doc.lines[i]).and_then(|line| {
        let t = doc.line_text(line);
        (t.chars().count() <= 60).then(|| (t.to_string(), line.range.clone()))
    })
}

/// The first plausible year "YYYY年" in `t`.
pub fn year_in(t: &str) -> Option<(u16, Range<usize>)> {
    let b = t.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && t[i + 4..].starts_with('年')
        {
            let y: u16 = t[i..i + 4].parse().ok()?;
            if (2000..=2100).contains(&y) {
                return Some((y, i..i + 4));
            }
        }
        i += 1;
    }
    None
}

/// The statistics period's year: "统计期限自2019年1月1日", "所列统计数据的期限自2024年…",
/// "统计时限为…", "数据统计期限从…".
fn statistics_period_year(text: &str) -> Option<(u16, Range<usize>)> {
    for key in ["期限", "时限", "期间", "时间范围"] {
        let mut from = 0;
        while let Some(i) = text[from..].find(key).map(|i| from + i) {
            from = i + key.len();
            // "统计" stands shortly before the key.
            let look_back = text[..i].char_indices().rev().nth(11).map_or(0, |(b, _)| b);
            if !text[look_back..i].contains("统计") {
                continue;
            }
            if let Some((y, r)) = year_in(text::head(&text[from..], 8)) {
                return Some((y, from + r.start..from + r.end));
            }
        }
    }
    None
}

/// "2019年度政府信息公开…" / "2019年政府信息公开工作" in the body.
fn body_report_year(text: &str) -> Option<(u16, Range<usize>)> {
    let mut from = 0;
    while let Some((y, r)) = year_in(&text[from..]) {
        let abs = from + r.start..from + r.end;
        let after = &text[abs.end..];
        let after = after.strip_prefix("年度").or_else(|| after.strip_prefix('年')).unwrap_or(after);
        if after.starts_with("政府信息公开") || after.starts_with("政务公开工作年度报告") {
            return Some((y, abs));
        }
        from = abs.end;
    }
    None
}

/// The year a body states when nothing names the report's year: "截至2023年12月31日", or the
/// first sentence that opens with a year ("2019年，我乡……"), as reports open their 总体情况.
fn body_year(doc: &Document) -> Option<(u16, Range<usize>)> {
    let text = &doc.norm.text;
    for key in ["截至", "截止", "截止到", "截至到"] {
        let mut from = 0;
        while let Some(i) = text[from..].find(key).map(|i| from + i) {
            from = i + key.len();
            let rest = &text[from..];
            if let Some((y, r)) = year_in(text::head(rest, 6)) {
                if rest[r.end..].starts_with("年12月31日") {
                    return Some((y, from + r.start..from + r.end));
                }
            }
        }
    }
    doc.lines.iter().filter(|l| matches!(l.kind, LineKind::Text)).find_map(|l| {
        let t = doc.line_text(l);
        let b = t.as_bytes();
        let opens = b.len() >= 7 && b[..4].iter().all(u8::is_ascii_digit) && t[4..].starts_with('年');
        let (y, r) = if opens { year_in(&t[..7])? } else { return None };
        let after = t[r.end..].trim_start_matches(['年', '度']);
        // "2019年，我乡…", "2023年以来"; not "2023年1月1日起施行…".
        let statement = after.starts_with([',', '，']) || after.starts_with("以来") || after.starts_with('我');
        statement.then(|| (y, l.range.start + r.start..l.range.start + r.end))
    })
}

/// Words a title puts between its agency and the kind of report.
const REPORT_WORDS: &[&str] = &["政府信息公开", "信息公开", "政务公开"];

/// The agency is what the title says before the year ("吉林市科技局2019年…" → 吉林市科技局), or
/// between the year and the report's words ("2022年上海市政府信息公开…" → 上海市人民政府).
fn agency_from_title(title: &str) -> Option<String> {
    let (_, r) = year_in(title)?;
    let mut before = title[..r.start].trim().trim_end_matches(['(', '（']).trim();
    before = before.strip_prefix("关于").unwrap_or(before);
    for w in ["政府信息公开工作", "信息公开工作", "政务公开工作"] {
        before = before.strip_suffix(w).unwrap_or(before);
    }
    if !before.is_empty() && before.chars().count() <= 40 {
        return Some(before.to_string());
    }
    let after = title[r.end..].trim_start_matches(['年', '度']);
    let end = REPORT_WORDS.iter().filter_map(|w| after.find(w)).min()?;
    let name = &after[..end];
    // "上海市政府信息公开": the 市 (or 省, 县, 区) governs; its 人民政府 reports.
    let place = ["省", "市", "县", "区", "州", "自治区", "盟", "旗"].iter().any(|e| name.ends_with(e));
    let name = if place { format!("{name}人民政府") } else { name.to_string() };
    (!name.is_empty() && name.chars().count() <= 30).then_some(name)
}

/// An agency standing alone on a line at the top, before the body ("浑南区国资局").
fn agency_line(doc: &Document, content: &[usize]) -> Option<String> {
    content.iter().take(6).map(|&i| doc.line_text(&doc.lines[i])).find_map(|t| {
        let t = title_text(t).0;
        (title_part(t) && t.chars().count() <= 30 && agency_level(t) != AgencyLevel::Unknown && year_in(t).is_none())
            .then(|| t.to_string())
    })
}

/// The preamble names the agency: "现公布昭通市人民政府2023年政府信息公开工作年度报告",
/// "现公布《贵阳市2023年…》", "本年度报告由国家机关事务管理局根据《条例》…编制".
fn agency_in_preamble(text: &str) -> Option<String> {
    let head = text::head(text, 800);
    let known = |name: &str| {
        let name = name.trim().trim_start_matches(['《', '“']);
        (!name.is_empty() && name.chars().count() <= 30 && agency_level(name) != AgencyLevel::Unknown)
            .then(|| name.to_string())
    };
    for key in ["现公布", "现将", "现予公布"] {
        let Some(i) = head.find(key) else { continue };
        let rest = &head[i + key.len()..];
        let window = text::head(rest, 60);
        if let Some(name) = year_in(window).and_then(|(_, r)| known(&window[..r.start])) {
            return Some(name);
        }
    }
    for key in ["报告由", "本报告是"] {
        let Some(i) = head.find(key) else { continue };
        let rest = &head[i + key.len()..];
        let Some(end) = ["根据", "依据", "按照", "编制", "汇总"].iter().filter_map(|w| rest.find(w)).min()
        else {
            continue;
        };
        if let Some(name) = known(&rest[..end]) {
            return Some(name);
        }
    }
    None
}

/// Without a name, how the report speaks of itself tells the level: "我乡", "我镇", "我街道" are
/// townships, "我局", "我委" departments; a report that speaks for "全区", "全市" and neither is
/// its government's. (Taking a department for a government only relaxes its deadline, so the
/// weaker evidence errs on the safe side.)
fn level_from_self_reference(text: &str) -> AgencyLevel {
    let head = text::head(text, 3000);
    let says = |words: &[&str]| words.iter().any(|w| head.contains(w));
    // "我街按照全区…的总体要求" (黄陂 2020), "我街办未接到" (驼峰路 2020): a street speaks of itself
    // as 我街 and of its district as 全区; its own word decides.
    let township = says(&["我乡", "我镇", "我街", "本乡", "本镇", "本街道", "全街", "全镇", "全乡"]);
    let department = says(&["我局", "我委", "本局", "我办", "我中心"]);
    let government = says(&["全区", "全市", "全县", "全省", "全州", "全旗"]);
    match (township, department, government) {
        (true, false, _) => AgencyLevel::Township,
        (false, true, _) => AgencyLevel::Department,
        (false, false, true) => AgencyLevel::Government,
        _ => AgencyLevel::Unknown,
    }
}

/// "…人民政府办公室", "…人民政府信息公开工作领导小组办公室", "…省人民政府办公厅".
fn is_government_office(name: &str) -> bool {
    name.contains("政府") && (name.ends_with("办公室") || name.ends_with("办公厅"))
}

/// Level of an agency from its name (第四十九条 deadlines differ by level).
pub fn agency_level(name: &str) -> AgencyLevel {
    let n = name.trim();
    let township_ends = ["镇人民政府", "乡人民政府", "镇政府", "乡政府", "街道办事处", "街道办", "街道", "镇", "乡"];
    if township_ends.iter().any(|e| n.ends_with(e)) && !n.ends_with("城乡") {
        return AgencyLevel::Township;
    }
    if n.ends_with("人民政府") || n.ends_with("政府") {
        return AgencyLevel::Government;
    }
    // A place's own report ("福州市晋安区2016年…") is its government's.
    if ["省", "市", "县", "区", "州", "自治区", "盟", "旗"].iter().any(|e| n.ends_with(e)) && !n.ends_with("社区")
    {
        return AgencyLevel::Government;
    }
    // 开发区、新区、综合实验区 and their 管委会 govern an area as a local government does.
    let areas = ["开发区", "新区", "实验区", "示范区", "高新区", "园区", "合作区"];
    let governs_area = areas.iter().any(|a| n.ends_with(a))
        || (["管委会", "管理委员会", "工作委员会"].iter().any(|e| n.ends_with(e))
            && areas.iter().any(|a| n.contains(a)));
    if governs_area {
        return AgencyLevel::Government;
    }
    let department_ends = [
        "局",
        "委",
        "委员会",
        "办",
        "办公室",
        "办公厅",
        "厅",
        "部",
        "署",
        "院",
        "中心",
        "所",
        "站",
        "队",
        "会",
        "处",
        "馆",
        "司",
    ];
    if department_ends.iter().any(|e| n.ends_with(e)) {
        return AgencyLevel::Department;
    }
    AgencyLevel::Unknown
}

/// How many lines are headings of the national format's sections; a structural sign of a report.
fn national_headings(doc: &Document) -> usize {
    let specs = Era::latest().sections;
    let mut seen = [false; 8];
    for line in &doc.lines {
        if let LineKind::Heading(h) = &line.kind {
            let t = doc.text(&h.title);
            let chars = text::Chars::of(t);
            for (k, s) in specs.iter().enumerate() {
                if super::sections::heading_matches_in(s, t, chars) {
                    seen[k] = true;
                }
            }
        }
    }
    seen.iter().filter(|&&b| b).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels() {
        assert_eq!(agency_level("吉林市科技局"), AgencyLevel::Department);
        assert_eq!(agency_level("淮安市人民政府"), AgencyLevel::Government);
        assert_eq!(agency_level("淮安市人民政府办公室"), AgencyLevel::Department);
        assert_eq!(agency_level("城关镇人民政府"), AgencyLevel::Township);
        assert_eq!(agency_level("新华街道办事处"), AgencyLevel::Township);
        assert_eq!(agency_level("报告"), AgencyLevel::Unknown);
        assert_eq!(agency_level("平潭综合实验区"), AgencyLevel::Government);
        assert_eq!(agency_level("南京徐庄高新技术产业开发区管理委员会"), AgencyLevel::Government);
        assert_eq!(agency_level("杨凌示范区审计局"), AgencyLevel::Department);
        assert_eq!(agency_level("南京市规划和自然资源委员会"), AgencyLevel::Department);
    }
}
