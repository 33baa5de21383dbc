//! The region at a glance: `nianbao check DIR --html region.html`.
//!
//! One self-contained, offline HTML file a 政务公开办 can open from disk, mail or print: the
//! region's table (agency, year, level, verdict, one column per problem kind found), sortable
//! and filterable; a bar chart of the problem kinds (inline SVG, drawn here); and each report's
//! findings one click away. Like the page (www/build.mjs), it carries a strict
//! Content-Security-Policy: `default-src 'none'`, `connect-src 'none'`, its one inline script
//! and its one style allowed by their SHA-256 hashes. The data is a JSON block the script reads;
//! every text from a report is shown with `textContent`, never as HTML.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::batch::{display_name, Missing, Outcome};
use crate::catalogue::CODES;
use crate::format::AgencyLevel;
use crate::result::Severity;

#[derive(Serialize)]
struct Row {
    file: String,
    agency: String,
    year: Option<u16>,
    level: &'static str,
    verdict: &'static str,
    /// 0 no problem, 1 warnings only, 2 errors, 3 not checked, 4 no report.
    rank: u8,
    errors: usize,
    warnings: usize,
    counts: BTreeMap<&'static str, usize>,
    findings: Vec<Finding>,
}

#[derive(Serialize)]
struct Finding {
    severity: &'static str,
    code: &'static str,
    message: String,
    hint: String,
    line: Option<usize>,
}

#[derive(Serialize)]
struct Data {
    codes: Vec<(&'static str, &'static str)>,
    rows: Vec<Row>,
}

fn level_name(l: AgencyLevel) -> &'static str {
    match l {
        AgencyLevel::Department => "部门",
        AgencyLevel::Government => "人民政府",
        AgencyLevel::Township => "乡镇街道",
        AgencyLevel::Unknown => "",
    }
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "错误",
        Severity::Warning => "提醒",
        Severity::Info => "说明",
    }
}

fn rows(outcomes: &[Outcome], missing: &[Missing]) -> Vec<Row> {
    let mut rows = Vec::new();
    for o in outcomes {
        let r = &o.result;
        let d = &r.document;
        let (verdict, rank) = if o.reason().is_some() {
            ("无法检查", 3)
        } else if !d.is_annual_report {
            ("不是年度报告", 2)
        } else if r.summary.errors > 0 {
            ("有错误", 2)
        } else if r.summary.warnings > 0 {
            ("有提醒", 1)
        } else {
            ("未发现问题", 0)
        };
        let mut counts = BTreeMap::new();
        for f in &r.diagnostics {
            *counts.entry(f.code).or_insert(0) += 1;
        }
        rows.push(Row {
            file: display_name(&o.path),
            agency: d.agency.clone().unwrap_or_default(),
            year: d.year,
            level: level_name(d.agency_level),
            verdict,
            rank,
            errors: r.summary.errors,
            warnings: r.summary.warnings,
            counts,
            findings: r
                .diagnostics
                .iter()
                .map(|f| Finding {
                    severity: severity_name(f.severity),
                    code: f.code,
                    message: f.message.clone(),
                    hint: f.hint.clone().unwrap_or_default(),
                    line: f.span.map(|s| s.line),
                })
                .collect(),
        });
    }
    for m in missing {
        let f = &m.finding;
        rows.push(Row {
            file: String::new(),
            agency: m.entry.name.clone(),
            year: None,
            level: level_name(m.entry.level),
            verdict: "未发布",
            rank: 4,
            errors: usize::from(f.severity == Severity::Error),
            warnings: usize::from(f.severity == Severity::Warning),
            counts: BTreeMap::from([(f.code, 1)]),
            findings: vec![Finding {
                severity: severity_name(f.severity),
                code: f.code,
                message: f.message.clone(),
                hint: f.hint.clone().unwrap_or_default(),
                line: None,
            }],
        });
    }
    rows
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Reports per problem kind as horizontal bars: (code, reports) largest first.
fn chart(kinds: &[(&'static str, usize)]) -> String {
    if kinds.is_empty() {
        return "<p>没有发现问题。</p>".to_string();
    }
    let max = kinds.iter().map(|k| k.1).max().unwrap_or(1).max(1);
    let (label_w, bar_w, row_h) = (230usize, 420usize, 22usize);
    let height = kinds.len() * row_h + 8;
    let mut svg = format!(
        "<svg id=\"chart\" role=\"img\" aria-label=\"各类问题涉及的报告数\" width=\"{}\" height=\"{height}\" viewBox=\"0 0 {} {height}\" xmlns=\"http://www.w3.org/2000/svg\">",
        label_w + bar_w + 60,
        label_w + bar_w + 60
    );
    for (i, (code, n)) in kinds.iter().enumerate() {
        let y = i * row_h + 4;
        let w = (n * bar_w / max).max(2);
        svg.push_str(&format!(
            "<g class=\"bar\" data-code=\"{code}\"><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{code}</text><rect x=\"{label_w}\" y=\"{y}\" width=\"{w}\" height=\"{}\"></rect><text x=\"{}\" y=\"{}\">{n}</text></g>",
            label_w - 8,
            y + 14,
            row_h - 6,
            label_w + w + 6,
            y + 14
        ));
    }
    svg.push_str("</svg>");
    svg
}

const STYLE: &str = r#"
body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;margin:24px;color:#1d1d1f}
h1{font-size:22px;margin:0 0 4px}
.sub{color:#555;margin:0 0 16px}
.totals span{display:inline-block;margin-right:18px}
#chart text{font-size:12px;fill:#333}
#chart rect{fill:#c0392b}
.controls{margin:16px 0;display:flex;gap:12px;flex-wrap:wrap;align-items:center}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f2f2f2;cursor:pointer;user-select:none;position:sticky;top:0}
th[aria-sort=ascending]::after{content:" ▲"}
th[aria-sort=descending]::after{content:" ▼"}
td.n{text-align:right}
td.zero{color:#bbb}
tr.rank2 td.verdict,tr.rank3 td.verdict,tr.rank4 td.verdict{color:#b00020;font-weight:bold}
tr.rank1 td.verdict{color:#8a5a00}
tr.details td{background:#fafafa}
tr.details ul{margin:4px 0;padding-left:20px}
button.open{font:inherit;background:none;border:none;color:#0645ad;cursor:pointer;padding:0;text-align:left}
@media print{.controls{display:none}th{position:static}tr.details{display:table-row!important}body{margin:0}}
"#;

const SCRIPT: &str = r#"
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("data").textContent);
  var body = document.getElementById("rows");
  var head = document.getElementById("head");
  var kinds = data.codes;
  var sortKey = "rank", sortDir = -1;
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  var columns = [
    ["agency", "机关"], ["year", "年度"], ["level", "层级"], ["verdict", "结论"],
    ["errors", "错误"], ["warnings", "提醒"]
  ].concat(kinds.map(function (k) { return ["code:" + k[0], k[0], k[1]]; }));
  var tr = el("tr");
  columns.forEach(function (c) {
    var th = el("th", c[1]);
    th.dataset.key = c[0];
    if (c[2]) th.title = c[2];
    th.tabIndex = 0;
    th.addEventListener("click", function () { sortBy(c[0]); });
    th.addEventListener("keydown", function (e) { if (e.key === "Enter") sortBy(c[0]); });
    tr.appendChild(th);
  });
  head.appendChild(tr);
  var kindSelect = document.getElementById("kind");
  kinds.forEach(function (k) { var o = el("option", k[0]); o.value = k[0]; kindSelect.appendChild(o); });
  function value(row, key) {
    if (key.indexOf("code:") === 0) return row.counts[key.slice(5)] || 0;
    if (key === "verdict") return row.rank;
    var v = row[key];
    return v === null || v === undefined ? "" : v;
  }
  function sortBy(key) {
    if (sortKey === key) sortDir = -sortDir; else { sortKey = key; sortDir = key === "agency" || key === "level" ? 1 : -1; }
    render();
  }
  function shown(row) {
    var q = document.getElementById("q").value.trim();
    var verdict = document.getElementById("verdict").value;
    var kind = kindSelect.value;
    if (q && (row.agency + " " + row.file).indexOf(q) < 0) return false;
    if (verdict && row.verdict !== verdict) return false;
    if (kind && !row.counts[kind]) return false;
    return true;
  }
  function render() {
    Array.prototype.forEach.call(head.querySelectorAll("th"), function (th) {
      if (th.dataset.key === sortKey) th.setAttribute("aria-sort", sortDir > 0 ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    });
    var rows = data.rows.slice().sort(function (a, b) {
      var x = value(a, sortKey), y = value(b, sortKey);
      if (typeof x === "string" && typeof y === "string" && x !== y) return sortDir * x.localeCompare(y, "zh");
      if (x < y) return -sortDir;
      if (x > y) return sortDir;
      return (a.agency + a.file).localeCompare(b.agency + b.file, "zh");
    });
    body.textContent = "";
    var count = 0;
    rows.forEach(function (row) {
      if (!shown(row)) return;
      count++;
      var tr = el("tr", null, "report rank" + row.rank);
      var details = el("tr", null, "details");
      details.hidden = true;
      var name = el("td");
      var open = el("button", row.agency || row.file || "（未识别机关）", "open");
      open.title = row.file ? row.file + "：点击查看问题" : "点击查看";
      open.setAttribute("aria-expanded", "false");
      open.addEventListener("click", function () {
        details.hidden = !details.hidden;
        open.setAttribute("aria-expanded", String(!details.hidden));
      });
      name.appendChild(open);
      tr.appendChild(name);
      tr.appendChild(el("td", row.year));
      tr.appendChild(el("td", row.level));
      tr.appendChild(el("td", row.verdict, "verdict"));
      tr.appendChild(el("td", row.errors, "n" + (row.errors ? "" : " zero")));
      tr.appendChild(el("td", row.warnings, "n" + (row.warnings ? "" : " zero")));
      kinds.forEach(function (k) {
        var n = row.counts[k[0]] || 0;
        var td = el("td", n, "n" + (n ? "" : " zero"));
        td.dataset.code = k[0];
        tr.appendChild(td);
      });
      var cell = el("td");
      cell.colSpan = columns.length;
      if (row.file) cell.appendChild(el("div", "文件：" + row.file));
      var list = el("ul");
      row.findings.forEach(function (f) {
        var li = el("li");
        li.dataset.code = f.code;
        li.appendChild(el("strong", f.severity + "[" + f.code + "]"));
        li.appendChild(document.createTextNode(" " + f.message + (f.line ? "（第 " + f.line + " 行）" : "")));
        if (f.hint) li.appendChild(el("div", "提示：" + f.hint, "hint"));
        list.appendChild(li);
      });
      if (!row.findings.length) list.appendChild(el("li", "未发现问题"));
      cell.appendChild(list);
      details.appendChild(cell);
      body.appendChild(tr);
      body.appendChild(details);
    });
    document.getElementById("count").textContent = "显示 " + count + " / " + data.rows.length + " 行";
  }
  ["q", "verdict", "kind"].forEach(function (id) {
    document.getElementById(id).addEventListener("input", render);
    document.getElementById(id).addEventListener("change", render);
  });
  render();
})();
"#;

fn hash(text: &str) -> String {
    let digest = crate::input::pdf::crypt::sha256(text.as_bytes());
    base64(&digest)
}

fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(T[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The region report of a checked batch and its roster gaps, as one HTML file.
pub fn render(outcomes: &[Outcome], missing: &[Missing]) -> String {
    let rows = rows(outcomes, missing);
    // Problem kinds in the catalogue's order, each with the number of reports that have it.
    let kinds: Vec<(&'static str, usize)> = CODES
        .iter()
        .map(|c| (c.code, rows.iter().filter(|r| r.counts.contains_key(c.code)).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    let mut by_size = kinds.clone();
    by_size.sort_by(|a, b| b.1.cmp(&a.1));
    let data = Data {
        codes: kinds.iter().map(|(c, _)| (*c, CODES.iter().find(|d| d.code == *c).map_or("", |d| d.when))).collect(),
        rows,
    };
    // A JSON data block: "<" escaped so that nothing in a report can end the element.
    let json = serde_json::to_string(&data)
        .unwrap_or_else(|_| "{\"codes\":[],\"rows\":[]}".to_string())
        .replace('<', "\\u003c");
    let policy = format!(
        "default-src 'none'; script-src 'sha256-{}'; style-src 'sha256-{}'; img-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'",
        hash(SCRIPT),
        hash(STYLE)
    );
    let count = |rank: u8| data.rows.iter().filter(|r| r.rank == rank).count();
    let years: std::collections::BTreeSet<u16> = data.rows.iter().filter_map(|r| r.year).collect();
    let years: Vec<String> = years.iter().map(u16::to_string).collect();
    let verdicts = ["未发现问题", "有提醒", "有错误", "不是年度报告", "无法检查", "未发布"];
    let options: String = verdicts.iter().map(|v| format!("<option value=\"{v}\">{v}</option>")).collect();
    format!(
        "<!DOCTYPE html>
<html lang=\"zh-CN\">
<head>
<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">
<meta charset=\"utf-8\">
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">
<title>政府信息公开工作年度报告 区域检查汇总</title>
<style>{STYLE}</style>
</head>
<body>
<h1>政府信息公开工作年度报告 区域检查汇总</h1>
<p class=\"sub\">年度：{years}；共 {files} 个文件。本页由 nianbao 在本机生成，不联网。</p>
<p class=\"totals\"><span>未发现问题 <b id=\"n-ok\">{ok}</b></span><span>有提醒 <b>{warn}</b></span><span>有错误 <b id=\"n-err\">{err}</b></span><span>无法检查 <b>{bad}</b></span><span>名单中未发布 <b id=\"n-missing\">{absent}</b></span></p>
<h2>各类问题涉及的报告数</h2>
{chart}
<h2>各机关报告</h2>
<div class=\"controls\">
<label>查找机关 <input id=\"q\" type=\"search\" placeholder=\"机关名称或文件名\"></label>
<label>结论 <select id=\"verdict\"><option value=\"\">全部</option>{options}</select></label>
<label>问题类型 <select id=\"kind\"><option value=\"\">全部</option></select></label>
<span id=\"count\"></span>
</div>
<table>
<thead id=\"head\"></thead>
<tbody id=\"rows\"></tbody>
</table>
<script type=\"application/json\" id=\"data\">{json}</script>
<script>{SCRIPT}</script>
</body>
</html>
",
        years = escape(&years.join("、")),
        files = outcomes.len(),
        ok = count(0),
        warn = count(1),
        err = count(2),
        bad = count(3),
        absent = count(4),
        chart = chart(&by_size),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_of_a_digest() {
        assert_eq!(super::base64(b"abc"), "YWJj");
        assert_eq!(super::base64(b"ab"), "YWI=");
        // sha256("") in base64, as a CSP hash of an empty script would be.
        assert_eq!(super::hash(""), "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    }
}
