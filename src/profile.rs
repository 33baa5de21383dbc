//! Rule profiles: a locality's own rules on top of the national ones.
//!
//! The national rules (条例, the era's format) are the default profile. A 政务公开办 that sets
//! its own rules (宿迁 gives departments until 3月31日; 武威 caps 总体情况 at 1,000 characters
//! and requires certain counts) writes them in a profile file, and the CLI (`--profile`) and the
//! page (`check(text, { profile })`) check against them. A profile can:
//! - change the publication deadline per agency level (`[deadlines]`);
//! - turn a code off or change its severity (`[codes]`);
//! - add declared requirements (`[[requirement]]`): a section's length limit, keywords it must
//!   contain, figures it must state. Their findings are `profile.requirement`.
//!
//! The file is TOML, of a declared subset read by the small parser below, because the page must
//! load it too and a general TOML crate costs the wasm far more than these few hundred lines:
//! comments, `key = value` with bare or quoted keys, `[table]` and `[[array of tables]]`
//! headers, and values that are strings ("…" with the usual escapes, or '…'), integers,
//! booleans and arrays of these (over several lines if wanted). Dotted keys, inline tables,
//! dates, floats and multi-line strings are not accepted: they are an error naming the line,
//! never silently skipped. So is every key the profile does not know, a wrong type, a duplicate
//! key, an unknown code, section, level or severity. A malformed profile never falls back to the
//! national rules.

use std::fmt;

use crate::checks::{At, Findings};
use crate::format::{AgencyLevel, Era};
use crate::report::Report;
use crate::result::{CheckResult, Diagnostic, Severity};

/// A profile read from its file.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    /// Shown in findings: "宿迁市".
    pub name: String,
    /// The published source the profile follows, quoted in the hints of its findings.
    pub source: String,
    /// Deadlines by agency level, as "MM-DD" of the year after the report year.
    pub deadlines: Vec<(AgencyLevel, String)>,
    /// Codes turned off or given another severity, in file order.
    pub codes: Vec<(&'static str, Setting)>,
    pub requirements: Vec<Requirement>,
}

/// What a profile does to a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    Off,
    Severity(Severity),
}

/// A declared requirement: on `section` (the whole report when None), for reports of agencies at
/// `level` (all when None).
#[derive(Debug, Clone, Default)]
pub struct Requirement {
    /// Named in the finding: "总体情况篇幅".
    pub name: String,
    pub section: Option<&'static str>,
    pub level: Option<AgencyLevel>,
    /// Largest number of characters of the section's body (whitespace not counted).
    pub max_chars: Option<usize>,
    /// Words that must all appear.
    pub keywords: Vec<String>,
    /// Things whose number must be stated: a word (or alternatives joined by `|`) followed, in
    /// the same clause, by a figure (or 未/无/没有, a stated nothing).
    pub counts: Vec<String>,
}

/// A malformed profile: the line (1-based, 0 when the whole file) and key it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileError {
    pub line: usize,
    pub key: String,
    pub message: String,
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.key.is_empty()) {
            (0, _) => write!(f, "规则配置文件有误：{}", self.message),
            (l, true) => write!(f, "规则配置文件第 {l} 行有误：{}", self.message),
            (l, false) => write!(f, "规则配置文件第 {l} 行（{}）有误：{}", self.key, self.message),
        }
    }
}

impl std::error::Error for ProfileError {}

fn err(line: usize, key: &str, message: impl Into<String>) -> ProfileError {
    ProfileError { line, key: key.to_string(), message: message.into() }
}

// ------------------------------------------------------------------ the TOML subset

#[derive(Debug, Clone, PartialEq)]
enum Value {
    Str(String),
    Int(i64),
    Bool(bool),
    Array(Vec<Value>),
}

impl Value {
    fn kind(&self) -> &'static str {
        match self {
            Value::Str(_) => "字符串",
            Value::Int(_) => "整数",
            Value::Bool(_) => "true/false",
            Value::Array(_) => "数组",
        }
    }
}

#[derive(Debug)]
struct Entry {
    line: usize,
    key: String,
    value: Value,
}

/// A `[name]` or `[[name]]` header and the entries under it ("" for the top of the file).
#[derive(Debug)]
struct Table {
    name: String,
    line: usize,
    array: bool,
    entries: Vec<Entry>,
}

struct Parser<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    line: usize,
}

impl Parser<'_> {
    fn peek(&mut self) -> Option<char> {
        self.chars.peek().copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.chars.next();
        if c == Some('\n') {
            self.line += 1;
        }
        c
    }

    /// Spaces and tabs (and, where `newlines`, line breaks and comments).
    fn skip_space(&mut self, newlines: bool) {
        while let Some(c) = self.peek() {
            match c {
                ' ' | '\t' | '\r' => {
                    self.bump();
                }
                '\n' if newlines => {
                    self.bump();
                }
                '#' if newlines => self.skip_comment(),
                _ => break,
            }
        }
    }

    fn skip_comment(&mut self) {
        while self.peek().is_some_and(|c| c != '\n') {
            self.bump();
        }
    }

    /// After a value or header: only a comment may follow on its line.
    fn end_of_line(&mut self, key: &str) -> Result<(), ProfileError> {
        self.skip_space(false);
        match self.peek() {
            None | Some('\n') => Ok(()),
            Some('#') => {
                self.skip_comment();
                Ok(())
            }
            Some(c) => Err(err(self.line, key, format!("值后面多出了“{c}”（每行只能写一个“键 = 值”）"))),
        }
    }

    fn key(&mut self) -> Result<String, ProfileError> {
        let line = self.line;
        let key = match self.peek() {
            Some('"') => self.basic_string("")?,
            Some('\'') => self.literal_string("")?,
            _ => {
                let mut k = String::new();
                while let Some(c) = self.peek().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-')) {
                    k.push(c);
                    self.bump();
                }
                k
            }
        };
        if key.is_empty() {
            let found = self.peek().map_or("行尾".to_string(), |c| format!("“{c}”"));
            return Err(err(line, "", format!("这里应是键名，却是{found}")));
        }
        self.skip_space(false);
        if self.peek() == Some('.') {
            return Err(err(line, &key, "不支持带点的键名（a.b = …）；请用 [表名] 分组"));
        }
        Ok(key)
    }

    fn basic_string(&mut self, key: &str) -> Result<String, ProfileError> {
        let line = self.line;
        self.bump();
        if self.peek() == Some('"') {
            self.bump();
            if self.peek() == Some('"') {
                return Err(err(line, key, "不支持多行字符串（\"\"\"…\"\"\"）"));
            }
            return Ok(String::new());
        }
        let mut s = String::new();
        loop {
            match self.bump() {
                None | Some('\n') => return Err(err(line, key, "字符串缺少结尾的引号")),
                Some('"') => return Ok(s),
                Some('\\') => {
                    let c = match self.bump() {
                        Some('n') => '\n',
                        Some('t') => '\t',
                        Some('r') => '\r',
                        Some('"') => '"',
                        Some('\\') => '\\',
                        Some('u') => {
                            let hex: String = (0..4).filter_map(|_| self.bump()).collect();
                            u32::from_str_radix(&hex, 16)
                                .ok()
                                .and_then(char::from_u32)
                                .ok_or_else(|| err(line, key, format!("无效的转义“\\u{hex}”")))?
                        }
                        other => {
                            let shown = other.map(String::from).unwrap_or_default();
                            return Err(err(line, key, format!("无效的转义“\\{shown}”")));
                        }
                    };
                    s.push(c);
                }
                Some(c) => s.push(c),
            }
        }
    }

    fn literal_string(&mut self, key: &str) -> Result<String, ProfileError> {
        let line = self.line;
        self.bump();
        let mut s = String::new();
        loop {
            match self.bump() {
                None | Some('\n') => return Err(err(line, key, "字符串缺少结尾的引号")),
                Some('\'') => return Ok(s),
                Some(c) => s.push(c),
            }
        }
    }

    fn value(&mut self, key: &str) -> Result<Value, ProfileError> {
        let line = self.line;
        match self.peek() {
            Some('"') => self.basic_string(key).map(Value::Str),
            Some('\'') => self.literal_string(key).map(Value::Str),
            Some('[') => {
                self.bump();
                let mut items = Vec::new();
                loop {
                    self.skip_space(true);
                    match self.peek() {
                        Some(']') => {
                            self.bump();
                            return Ok(Value::Array(items));
                        }
                        None => return Err(err(line, key, "数组缺少结尾的“]”")),
                        _ => {}
                    }
                    items.push(self.value(key)?);
                    self.skip_space(true);
                    match self.peek() {
                        Some(',') => {
                            self.bump();
                        }
                        Some(']') => {}
                        None => return Err(err(line, key, "数组缺少结尾的“]”")),
                        Some(c) => return Err(err(self.line, key, format!("数组的元素之间应以逗号分隔，却是“{c}”"))),
                    }
                }
            }
            Some('{') => Err(err(line, key, "不支持内联表（{ … }）；请用 [表名] 或 [[表名]]")),
            None | Some('\n') | Some('#') => Err(err(line, key, "缺少值")),
            _ => {
                let mut word = String::new();
                while let Some(c) = self.peek().filter(|c| !matches!(c, ',' | ']' | '#' | '\n' | ' ' | '\t' | '\r')) {
                    word.push(c);
                    self.bump();
                }
                match word.as_str() {
                    "true" => Ok(Value::Bool(true)),
                    "false" => Ok(Value::Bool(false)),
                    w => {
                        let digits = w.replace('_', "");
                        digits.parse::<i64>().map(Value::Int).map_err(|_| {
                            err(line, key, format!("无法识别的值“{w}”（字符串请加引号；不支持小数和日期）"))
                        })
                    }
                }
            }
        }
    }
}

/// Tables of the file in order; the first is the top of the file (name "").
fn parse_tables(text: &str) -> Result<Vec<Table>, ProfileError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut p = Parser { chars: text.chars().peekable(), line: 1 };
    let mut tables = vec![Table { name: String::new(), line: 0, array: false, entries: Vec::new() }];
    loop {
        p.skip_space(true);
        let Some(c) = p.peek() else { break };
        let line = p.line;
        if c == '[' {
            p.bump();
            let array = p.peek() == Some('[');
            if array {
                p.bump();
            }
            p.skip_space(false);
            let name = p.key()?;
            for _ in 0..1 + array as usize {
                if p.bump() != Some(']') {
                    return Err(err(line, &name, "表头缺少结尾的“]”"));
                }
            }
            p.end_of_line(&name)?;
            if !array && tables.iter().any(|t| t.name == name) {
                return Err(err(line, &name, format!("表 [{name}] 重复出现")));
            }
            tables.push(Table { name, line, array, entries: Vec::new() });
            continue;
        }
        let key = p.key()?;
        if p.bump() != Some('=') {
            return Err(err(line, &key, "键名后应是“=”"));
        }
        p.skip_space(false);
        let value = p.value(&key)?;
        p.end_of_line(&key)?;
        let table = tables.last_mut().expect("the top table is always there");
        if table.entries.iter().any(|e| e.key == key) {
            return Err(err(line, &key, "键重复出现"));
        }
        table.entries.push(Entry { line, key, value });
    }
    Ok(tables)
}

// ------------------------------------------------------------------ the profile's schema

fn string(e: &Entry) -> Result<&str, ProfileError> {
    match &e.value {
        Value::Str(s) => Ok(s),
        v => Err(err(e.line, &e.key, format!("应是字符串（加引号），却是{}", v.kind()))),
    }
}

fn strings(e: &Entry) -> Result<Vec<String>, ProfileError> {
    let Value::Array(items) = &e.value else {
        return Err(err(e.line, &e.key, format!("应是字符串数组，如 [\"甲\", \"乙\"]，却是{}", e.value.kind())));
    };
    items
        .iter()
        .map(|v| match v {
            Value::Str(s) if !s.trim().is_empty() => Ok(s.trim().to_string()),
            Value::Str(_) => Err(err(e.line, &e.key, "数组中有空字符串")),
            v => Err(err(e.line, &e.key, format!("数组的元素应是字符串，却有{}", v.kind()))),
        })
        .collect()
}

const LEVELS: &[(&str, AgencyLevel)] = &[
    ("department", AgencyLevel::Department),
    ("government", AgencyLevel::Government),
    ("township", AgencyLevel::Township),
    ("other", AgencyLevel::Unknown),
];

fn level(e: &Entry, name: &str) -> Result<AgencyLevel, ProfileError> {
    LEVELS.iter().find(|(n, _)| *n == name).map(|(_, l)| *l).ok_or_else(|| {
        err(e.line, &e.key, format!("未知的机关层级“{name}”，可选 department（部门）、government（人民政府）、township（乡镇街道）、other（其他）"))
    })
}

/// "MM-DD", a real day of the year (29 February allowed).
fn month_day(e: &Entry) -> Result<String, ProfileError> {
    let s = string(e)?;
    let ok = s.len() == 5
        && s.as_bytes()[2] == b'-'
        && match (s[..2].parse::<u32>(), s[3..].parse::<u32>()) {
            (Ok(m), Ok(d)) => {
                (1..=12).contains(&m) && d >= 1 && d <= [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m as usize - 1]
            }
            _ => false,
        };
    if ok {
        Ok(s.to_string())
    } else {
        Err(err(e.line, &e.key, format!("期限“{s}”应写成“月-日”，如 \"03-31\"（次年的这一天）")))
    }
}

fn section_id(e: &Entry) -> Result<&'static str, ProfileError> {
    let s = string(e)?;
    let sections = Era::latest().sections;
    sections.iter().find(|spec| spec.id == s).map(|spec| spec.id).ok_or_else(|| {
        let ids: Vec<String> = sections.iter().map(|spec| format!("{}（{}）", spec.id, spec.title)).collect();
        err(e.line, &e.key, format!("未知的部分“{s}”，可选 {}", ids.join("、")))
    })
}

fn unknown_key(e: &Entry, table: &str, known: &str) -> ProfileError {
    let place = if table.is_empty() { String::new() } else { format!("[{table}] 中") };
    err(e.line, &e.key, format!("{place}没有这个键；可用的键：{known}"))
}

impl Profile {
    /// Reads a profile file; every mistake is an error naming its line and key.
    pub fn parse(text: &str) -> Result<Profile, ProfileError> {
        let mut profile = Profile::default();
        for table in parse_tables(text)? {
            match (table.name.as_str(), table.array) {
                ("", _) => {
                    for e in &table.entries {
                        match e.key.as_str() {
                            "name" => profile.name = string(e)?.trim().to_string(),
                            "source" => profile.source = string(e)?.trim().to_string(),
                            _ => {
                                return Err(unknown_key(
                                    e,
                                    "",
                                    "name、source，以及 [deadlines]、[codes]、[[requirement]]",
                                ))
                            }
                        }
                    }
                }
                ("deadlines", false) => {
                    for e in &table.entries {
                        let l = level(e, &e.key)?;
                        profile.deadlines.push((l, month_day(e)?));
                    }
                }
                ("codes", false) => {
                    for e in &table.entries {
                        let Some(code) = crate::catalogue::lookup(&e.key) else {
                            return Err(err(e.line, &e.key, "诊断代码表中没有这个代码（见 README 的代码表）"));
                        };
                        let setting = match string(e)? {
                            "off" => Setting::Off,
                            "error" => Setting::Severity(Severity::Error),
                            "warning" => Setting::Severity(Severity::Warning),
                            "info" => Setting::Severity(Severity::Info),
                            s => {
                                return Err(err(
                                    e.line,
                                    &e.key,
                                    format!("未知的设置“{s}”，可选 off（关闭）、error、warning、info"),
                                ))
                            }
                        };
                        if code.code.starts_with("input.") {
                            return Err(err(e.line, &e.key, "无法读取的输入（input.*）不能关闭或改变级别"));
                        }
                        profile.codes.push((code.code, setting));
                    }
                }
                ("requirement", true) => profile.requirements.push(requirement(&table)?),
                ("deadlines" | "codes", true) | ("requirement", false) => {
                    let (one, two) = (format!("[{}]", table.name), format!("[[{}]]", table.name));
                    let (want, got) = if table.array { (one, two) } else { (two, one) };
                    return Err(err(table.line, &table.name, format!("应写成 {want}，而不是 {got}")));
                }
                (name, _) => {
                    return Err(err(table.line, name, "没有这个表；可用的表：[deadlines]、[codes]、[[requirement]]"))
                }
            }
        }
        if profile.name.is_empty() {
            return Err(err(0, "name", "缺少 name（规则的名称，如 name = \"宿迁市\"）"));
        }
        Ok(profile)
    }

    /// Applies the profile to a report's result: its deadlines, its requirements, then its code
    /// settings. Run once per result, after the single-report checks.
    pub fn apply(&self, report: &Report, result: &mut CheckResult) {
        if report.is_annual_report() {
            let mut findings = Findings::new(report);
            // A deadline of the profile replaces the national one (and its finding).
            if self.deadline(report, &mut findings).is_some() {
                result.diagnostics.retain(|d| d.code != "doc.late");
            }
            for req in &self.requirements {
                req.check(report, &mut findings, self);
            }
            result.diagnostics.extend(findings.into_diagnostics());
        }
        self.adjust(result);
    }

    /// The profile's code settings on `result` (codes off removed, severities changed), with
    /// the summary counted again. Idempotent: run again after cross-year findings are added.
    pub fn adjust(&self, result: &mut CheckResult) {
        self.adjust_diagnostics(&mut result.diagnostics);
        result.summarize();
    }

    /// The profile's code settings on findings that belong to no report (the batch's).
    pub fn adjust_diagnostics(&self, diagnostics: &mut Vec<Diagnostic>) {
        for (code, setting) in &self.codes {
            match setting {
                Setting::Off => diagnostics.retain(|d| d.code != *code),
                Setting::Severity(s) => {
                    diagnostics.iter_mut().filter(|d| d.code == *code).for_each(|d| d.severity = *s)
                }
            }
        }
    }

    /// The profile's deadline for the report's agency level: None when the profile sets none
    /// (the national one stands), else whether the report is late under it (a `doc.late`
    /// finding is added when it is).
    fn deadline(&self, report: &Report, out: &mut Findings) -> Option<bool> {
        let facts = &report.facts;
        let (_, month_day) = self.deadlines.iter().find(|(l, _)| *l == facts.agency_level)?;
        let (Some((year, _)), Some((published, at))) = (&facts.year, &facts.published) else {
            return Some(false);
        };
        let deadline = format!("{}-{month_day}", year + 1);
        let late = published.as_str() > deadline.as_str();
        if late {
            out.add("doc.late", format!("发布日期 {published} 晚于{}规定的期限 {deadline}", self.name))
                .at(At::Norm(at.clone()))
                .hint(self.cite(&format!("{}规定的发布期限", self.name)));
        }
        Some(late)
    }

    fn cite(&self, what: &str) -> String {
        if self.source.is_empty() {
            what.to_string()
        } else {
            format!("{what}（{}）", self.source)
        }
    }
}

fn requirement(table: &Table) -> Result<Requirement, ProfileError> {
    let mut r = Requirement::default();
    for e in &table.entries {
        match e.key.as_str() {
            "name" => r.name = string(e)?.trim().to_string(),
            "section" => r.section = Some(section_id(e)?),
            "level" => r.level = Some(level(e, string(e)?)?),
            "max_chars" => match e.value {
                Value::Int(n) if n > 0 => r.max_chars = Some(n as usize),
                _ => return Err(err(e.line, &e.key, "应是正整数（字数上限）")),
            },
            "keywords" => r.keywords = strings(e)?,
            "counts" => r.counts = strings(e)?,
            _ => return Err(unknown_key(e, "requirement", "name、section、level、max_chars、keywords、counts")),
        }
    }
    if r.max_chars.is_none() && r.keywords.is_empty() && r.counts.is_empty() {
        return Err(err(table.line, "requirement", "要求中应至少有 max_chars、keywords、counts 之一"));
    }
    if r.name.is_empty() {
        return Err(err(table.line, "requirement", "缺少 name（要求的名称，在提示中显示）"));
    }
    Ok(r)
}

impl Requirement {
    fn check(&self, report: &Report, out: &mut Findings, profile: &Profile) {
        if self.level.is_some_and(|l| l != report.facts.agency_level) {
            return;
        }
        let doc = &report.doc;
        // The lines the requirement reads: the section's body, or the whole report.
        let (lines, place, at) = match self.section {
            Some(id) => {
                let Some(s) = report.section(id).filter(|s| s.heading_line.is_some()) else {
                    // A missing section is already section.missing; nothing to measure here.
                    return;
                };
                let heading = s.heading_line.map(|l| doc.lines[l].range.clone());
                (s.body.clone(), format!("“{}”", s.spec.title), heading)
            }
            None => (0..doc.lines.len(), "报告".to_string(), None),
        };
        let body: Vec<&str> = doc.lines[lines.clone()].iter().map(|l| doc.line_text(l)).collect();
        let hint = profile.cite(&format!("{}的要求：{}", profile.name, self.name));
        if let Some(max) = self.max_chars {
            let chars: usize = body.iter().map(|t| t.chars().filter(|c| !c.is_whitespace()).count()).sum();
            if chars > max {
                out.add("profile.requirement", format!("{place}共 {chars} 字，超过{}规定的 {max} 字", profile.name))
                    .at_opt(at.clone().map(At::Norm))
                    .section_opt(self.section)
                    .hint(hint.clone());
            }
        }
        // Lines joined without a break: a PDF wraps "政策\n解读" anywhere.
        let joined = body.concat();
        let missing: Vec<&str> =
            self.keywords.iter().filter(|k| !crate::text::search::contains(&joined, k)).map(String::as_str).collect();
        if !missing.is_empty() {
            out.add("profile.requirement", format!("{place}未写到{}", quoted(&missing)))
                .at_opt(at.clone().map(At::Norm))
                .section_opt(self.section)
                .hint(hint.clone());
        }
        let unstated: Vec<&str> =
            self.counts.iter().filter(|c| !states_count(&joined, c)).map(String::as_str).collect();
        if !unstated.is_empty() {
            let names: Vec<String> = unstated.iter().map(|c| c.replace('|', "/")).collect();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            out.add("profile.requirement", format!("{place}未写明{}的数量", quoted(&names)))
                .at_opt(at.map(At::Norm))
                .section_opt(self.section)
                .hint(hint);
        }
    }
}

fn quoted(items: &[&str]) -> String {
    items.iter().map(|i| format!("“{i}”")).collect::<Vec<_>>().join("、")
}

/// Whether `text` states a number for `what` (alternatives joined by `|`): one of its words,
/// then a figure (or 未/无/没有) before the clause ends, within 24 characters.
fn states_count(text: &str, what: &str) -> bool {
    what.split('|').map(str::trim).filter(|w| !w.is_empty()).any(|word| {
        text.match_indices(word).any(|(at, _)| {
            let after = &text[at + word.len()..];
            for c in after.chars().take(24) {
                if c.is_ascii_digit() {
                    return true;
                }
                if matches!(c, '。' | '；' | ';' | '\n' | '，' | ',') {
                    break;
                }
            }
            let before: String = text[..at].chars().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
            let clause = before.rsplit(['。', '；', '，', '\n']).next().unwrap_or("");
            let after_clause: String =
                after.chars().take_while(|c| !matches!(c, '。' | '；' | '，' | '\n')).take(24).collect();
            ["未", "无", "没有"].iter().any(|n| clause.contains(n) || after_clause.contains(n))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_need_a_figure_in_the_clause() {
        assert!(states_count("本年度发布规章0件，现行有效数量12件。", "现行有效"));
        assert!(states_count("政策解读发布 35 条", "政策解读|解读"));
        assert!(!states_count("加强政策解读工作，提升解读质量。全年发布信息100条", "政策解读"));
        assert!(states_count("本年度未设立政务公开专区。", "政务公开专区"));
    }

    #[test]
    fn values_of_the_subset() {
        let t = parse_tables("a = \"x\\\"y\" # c\nb = [\n 'p', \"q\", # note\n]\nc = 1_000\nd = true\n").unwrap();
        let e = &t[0].entries;
        assert_eq!(e[0].value, Value::Str("x\"y".into()));
        assert_eq!(e[1].value, Value::Array(vec![Value::Str("p".into()), Value::Str("q".into())]));
        assert_eq!(e[2].value, Value::Int(1000));
        assert_eq!(e[3].value, Value::Bool(true));
        assert_eq!(e[1].line, 2);
    }
}
