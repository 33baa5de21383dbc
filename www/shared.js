// What the page (app.js), the widget (widget.js) and the iframe form (embed.js) have in common:
// loading the wasm, the words shown for the result's ids, counting and summarising a result,
// ordering findings, recognising input errors, the text parts of one finding, file bytes.
//
// A classic-script fragment, not a module (Chromium refuses module imports from file://):
// build.mjs puts it inside each bundle's function scope, before the front end's own script, so
// every name here is local to that bundle and nothing reaches `window`. Declarations only: loading
// this file does nothing, so a bundle included twice stays harmless.
//
// Labels of eras, tables, rows and columns are not here: they come from the core
// (`wasm_bindgen.formats()`, see formatLabels below), so they are declared once, in Rust.

// -----------------------------------------------------------------------------------------------
// Words for the ids of docs/output-contract.md
// -----------------------------------------------------------------------------------------------

const SEVERITY_LABELS = { error: "错误", warning: "提醒", info: "说明" };
const SEVERITY_RANK = { error: 0, warning: 1, info: 2 };
const SECTION_STATUS = {
  present: { mark: "✓", word: "已包含" },
  mentioned: { mark: "~", word: "仅提及" },
  missing: { mark: "✗", word: "缺少" },
};
const TABLE_STATUS = { present: "已读取", missing: "缺少", unreadable: "无法读取" };
const FORMAT_LABELS = { text: "纯文本", html: "网页", docx: "Word", pdf: "PDF" };
const LEVEL_LABELS = { department: "部门", government: "政府", township: "乡镇" };

// -----------------------------------------------------------------------------------------------
// Labels of eras, tables, rows and columns: from the core's declarations (wasm formats())
// -----------------------------------------------------------------------------------------------

// An index over `formats` (wasm_bindgen.formats(): { eras: [{ id, label, tables: [...] }] }).
//   eras               the eras, newest first
//   eraLabel(id)       "2021 年格式"; "" for an unknown id
//   table(t, docEra)   the labels of result table `t` (read as `t.variant`, in a report of era
//                      `docEra`), or null when no era declares it
function formatLabels(formats) {
  const eras = formats && Array.isArray(formats.eras) ? formats.eras : [];
  const eraById = new Map(eras.map((e) => [String(e.id), e]));
  const views = new Map(); // the table declarations, indexed once each
  const specOf = (eraId, tableId) => {
    const era = eraById.get(String(eraId));
    return (era && (era.tables || []).find((t) => t.id === tableId)) || null;
  };
  return {
    eras,
    eraLabel(id) {
      const era = eraById.get(String(id));
      return era ? era.label : "";
    },
    table(t, docEra) {
      // The layout the table was read as names its era (variant); then the report's era; then any.
      let spec = specOf(t.variant, t.id) || specOf(docEra, t.id);
      for (const era of eras) spec = spec || specOf(era.id, t.id);
      if (!spec) return null;
      if (!views.has(spec)) views.set(spec, tableLabels(spec));
      return views.get(spec);
    },
  };
}

// The labels of one declared table: rows and columns by id, its blocks, row and column groups.
function tableLabels(spec) {
  const rows = new Map(); // row id → { label, short, block }
  const columns = new Map(); // block id + "\u0000" + column id, and column id → { label, short }
  const blocks = new Map(); // block id → header
  for (const b of spec.blocks || []) {
    blocks.set(b.id, b.header || "");
    for (const r of b.rows || []) rows.set(r.id, { label: r.label, short: r.short || r.label, block: b.id });
    for (const c of b.columns || []) {
      const label = { label: c.label, short: c.short || c.label };
      columns.set(b.id + "\u0000" + c.id, label);
      if (!columns.has(c.id)) columns.set(c.id, label);
    }
  }
  const rowGroups = spec.row_groups || [];
  const columnGroups = spec.column_groups || [];
  return {
    title: spec.title,
    short: spec.short,
    /** The row's label: { label, short, block }, or null for a row the format does not declare. */
    row: (id) => rows.get(id) || null,
    /** The column's label, in the block of row `rowId` when given: { label, short }, or null. */
    column: (id, rowId) => {
      const row = rowId !== undefined ? rows.get(rowId) : null;
      return (row && columns.get(row.block + "\u0000" + id)) || columns.get(id) || null;
    },
    /** The id of the block row `rowId` belongs to ("20.1"; "" in a table of one block). */
    blockOf: (rowId) => (rows.has(rowId) ? rows.get(rowId).block : null),
    /** The header of a block ("第二十条第（一）项"), "" when the block has none. */
    blockHeader: (id) => blocks.get(id) || "",
    /** Merged group rows over row `rowId`, outermost first: [{ prefix, label }]. */
    rowGroups: (rowId) => rowGroups.filter((g) => rowId.startsWith(g.prefix + ".")).sort((a, b) => a.prefix.length - b.prefix.length),
    /** The header over column `id` (法人或其他组织, 行政复议…), or "" when it stands alone. */
    columnGroup: (id) => {
      const g = columnGroups.find((g) => (g.columns || []).includes(id));
      return g ? g.label : "";
    },
  };
}

// The labels of the core in `bindgen` (loaded), computed once per bundle.
let coreLabels = null;
function labelsOf(bindgen) {
  if (!coreLabels) coreLabels = formatLabels(bindgen && typeof bindgen.formats === "function" ? bindgen.formats() : null);
  return coreLabels;
}

// -----------------------------------------------------------------------------------------------
// Loading the checker
// -----------------------------------------------------------------------------------------------

/** Instantiates the wasm with the wasm-bindgen glue `bindgen`; resolves to it. `wasm` is the
 *  compilation the page started early (a promise of a WebAssembly.Module, see www/wasm.js and
 *  build.mjs), or the base64 the build carries, compiled here (the widget, which starts lazily). */
async function loadWasm(bindgen, wasm) {
  if (typeof bindgen !== "function") throw new Error("wasm_bindgen glue is missing");
  if (typeof wasm === "string") wasm = compileWasm(wasm);
  if (!wasm || typeof wasm.then !== "function") throw new Error("NIANBAO_WASM is missing");
  await bindgen({ module_or_path: await wasm });
  return bindgen;
}

// Which start-up failure this is: "csp" (the page's policy forbids compiling WebAssembly),
// "no-wasm" (the browser has none), or "other".
function initFailureKind(err) {
  if (err && err.nianbaoKind) return err.nianbaoKind;
  const text = String((err && err.message) || err || "");
  if (/content.security.policy|unsafe-eval|\bCSP\b/i.test(text)) return "csp";
  if (err && (err.name === "EvalError" || err.name === "CompileError") && /refused|blocked|disallow/i.test(text)) return "csp";
  return "other";
}

/** The message of anything thrown. */
function errorText(err) {
  return String((err && err.message) || err);
}

// What a call of check/check_bytes/check_pair threw. The core throws an Error whose message is
// for the user (in Chinese) when the options are wrong, e.g. an unknown era; a failure inside the
// core (a panic) arrives as a WebAssembly.RuntimeError. { usage: true } for the first kind.
function describeCallError(err) {
  const panic = typeof WebAssembly === "object" && !!WebAssembly && err instanceof WebAssembly.RuntimeError;
  return { usage: err instanceof Error && !panic, message: errorText(err) };
}

// -----------------------------------------------------------------------------------------------
// Reading a result
// -----------------------------------------------------------------------------------------------

function isInputError(d) {
  return !!d && typeof d.code === "string" && d.code.startsWith("input.") && d.severity === "error";
}

/** The diagnostic saying the input could not be read (not a .docx, a PDF, too large…), if any. */
function inputError(result) {
  return (result.diagnostics || []).find(isInputError);
}

/** Whether the result is of a readable annual report (sections and tables were checked). */
function isReport(result) {
  return !inputError(result) && !(result.document && result.document.is_annual_report === false);
}

function countSeverities(result) {
  const n = { errors: 0, warnings: 0, infos: 0 };
  for (const d of result.diagnostics || []) {
    if (d.severity === "error") n.errors++;
    else if (d.severity === "warning") n.warnings++;
    else if (d.severity === "info") n.infos++;
  }
  const s = result.summary || {};
  if (typeof s.errors === "number") n.errors = s.errors;
  if (typeof s.warnings === "number") n.warnings = s.warnings;
  return n;
}

function coverageCounts(result) {
  const sections = result.sections || [];
  const s = result.summary || {};
  return {
    present: typeof s.sections_present === "number" ? s.sections_present : sections.filter((x) => x.status === "present").length,
    required: typeof s.sections_required === "number" ? s.sections_required : sections.length,
  };
}

// The verdict: kind is input | not-report | errors | warnings | ok; line is its one line.
function summarise(result) {
  const n = countSeverities(result);
  const error = inputError(result);
  if (error) return { kind: "input", line: error.message || "无法读取输入", counts: n, inputError: error };
  if (result.document && result.document.is_annual_report === false) return { kind: "not-report", line: "不是年度报告", counts: n };
  if (n.errors > 0) return { kind: "errors", line: "发现 " + n.errors + " 个错误" + (n.warnings ? "、" + n.warnings + " 个提醒" : ""), counts: n };
  if (n.warnings > 0) return { kind: "warnings", line: "未发现错误，有 " + n.warnings + " 个提醒", counts: n };
  return { kind: "ok", line: "未发现问题", counts: n };
}

// Errors first, then warnings, then notes; the core's order is kept inside each group.
function sortDiagnostics(diags) {
  return (diags || [])
    .map((d, i) => [d, i])
    .sort((a, b) => (SEVERITY_RANK[a[0].severity] ?? 3) - (SEVERITY_RANK[b[0].severity] ?? 3) || a[1] - b[1])
    .map((p) => p[0]);
}

// The findings a front end lists: all of them, sorted; for a text that is not a report only the
// verdict's reason (doc.not_annual_report), when there is one.
function shownDiagnostics(result) {
  const sorted = sortDiagnostics(result.diagnostics);
  if (isReport(result) || inputError(result)) return sorted;
  return sorted.some((d) => d.code === "doc.not_annual_report") ? sorted.filter((d) => d.code === "doc.not_annual_report") : sorted;
}

// The text parts of one finding: severity (normalised), its word, the message, the hint, where.
function findingParts(d) {
  const severity = SEVERITY_LABELS[d.severity] ? d.severity : "info";
  return {
    severity,
    badge: SEVERITY_LABELS[severity],
    message: d.message || String(d.code || ""),
    hint: d.hint || "",
    code: String(d.code || ""),
    line: d.span && d.span.line ? "第 " + d.span.line + " 行" : "",
    page: d.span && d.span.page ? "第 " + d.span.page + " 页" : "",
    place: d.place || "",
  };
}

/** What the source was read as, e.g. ["Word"] or ["纯文本", "GB18030"]. */
function sourceKind(result) {
  const src = result.source || {};
  return [FORMAT_LABELS[src.format] || src.format, src.encoding].filter((x) => x && x !== "unknown");
}

// -----------------------------------------------------------------------------------------------
// Bytes
// -----------------------------------------------------------------------------------------------

/** A Uint8Array of a Uint8Array, ArrayBuffer, typed array/DataView, Blob or File. */
async function toBytes(bytes) {
  if (bytes instanceof Uint8Array) return bytes;
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  if (ArrayBuffer.isView(bytes)) return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (typeof Blob !== "undefined" && bytes instanceof Blob) return new Uint8Array(await bytes.arrayBuffer());
  throw new TypeError("expected a Uint8Array, an ArrayBuffer or a Blob");
}

const utf8 = (text) => new TextEncoder().encode(text);

// -----------------------------------------------------------------------------------------------
// The DOM
// -----------------------------------------------------------------------------------------------

/** An element with a class and text (text only ever through textContent). */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/** Whether a drag carries files (dragging selected text keeps the browser's default). */
function hasFiles(e) {
  return !!e.dataTransfer && Array.from(e.dataTransfer.types || []).includes("Files");
}

// Vertical offset of character `index` inside textarea `ta`, measured on `mirror`, a hidden element
// styled like the textarea: browsers do not scroll a textarea to a programmatic selection, and
// soft-wrapped long lines make "line number × line height" wrong.
function textareaOffset(ta, index, mirror) {
  const cs = getComputedStyle(ta);
  const copy = [
    "boxSizing", "paddingTop", "paddingRight", "paddingBottom", "paddingLeft",
    "borderTopWidth", "borderRightWidth", "borderBottomWidth", "borderLeftWidth", "borderStyle",
    "fontFamily", "fontSize", "fontWeight", "fontStyle", "lineHeight", "letterSpacing",
    "wordSpacing", "tabSize", "textIndent", "whiteSpace", "wordBreak", "overflowWrap",
  ];
  for (const p of copy) mirror.style[p] = cs[p];
  // The textarea's content box is narrower by its scrollbar.
  const scrollbar = ta.offsetWidth - ta.clientWidth - (parseFloat(cs.borderLeftWidth) || 0) - (parseFloat(cs.borderRightWidth) || 0);
  mirror.style.width = ta.offsetWidth - Math.max(0, scrollbar) + "px";
  mirror.textContent = ta.value.slice(0, index);
  const marker = el("span", null, "\u200b");
  mirror.append(marker);
  const y = marker.offsetTop - (parseFloat(cs.paddingTop) || 0);
  mirror.textContent = "";
  if (Number.isFinite(y) && y >= 0) return y;
  // Fallback: count lines.
  const line = ta.value.slice(0, index).split("\n").length - 1;
  return line * (parseFloat(cs.lineHeight) || 20);
}

// -----------------------------------------------------------------------------------------------
// Rule profiles (a locality's rules, README "Rule profiles"): the text of a profile file goes to
// the core as the `profile` option; the core validates it and throws a Chinese message naming the
// line and key when it is malformed, which the front end shows like any refused option.
// -----------------------------------------------------------------------------------------------

// `options` with the profile text added when one is loaded (`profile`: { name, text } or null).
function withProfile(options, profile) {
  return profile && profile.text ? Object.assign({}, options, { profile: profile.text }) : options;
}

// A profile file read as text: { name, text }.
async function readProfile(file) {
  return { name: file.name, text: await file.text() };
}

// -----------------------------------------------------------------------------------------------
// Files written for the user (exports): named after what they hold, made in the browser
// -----------------------------------------------------------------------------------------------

/** Today as 2026-12-01 (the user's local date). */
function isoDate(date) {
  const d = date || new Date();
  const two = (n) => String(n).padStart(2, "0");
  return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
}

/** A download's name from the checked file's: "淮安 2024.pdf" → "nianbao-淮安 2024.json". */
function exportName(fileName, ext) {
  const base = String(fileName || "")
    .replace(/^.*[\\/]/, "")
    .replace(/\.[A-Za-z0-9]{1,5}$/, "")
    .replace(/[\u0000-\u001f<>:"|?*]/g, "_")
    .trim();
  return "nianbao-" + (base || "result") + "." + ext;
}

/** One CSV record (RFC 4180, CRLF), as the CLI writes it. */
function csvRecord(fields) {
  return (
    fields
      .map((f) => {
        const s = String(f ?? "");
        return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
      })
      .join(",") + "\r\n"
  );
}

/** Saves `content` as a file named `name` (a link to a blob: nothing leaves the browser). */
function downloadFile(content, name, type) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The 意见书 of one checked report as a whole HTML document for print: the file, agency, year,
 * date checked, verdict, then every finding with its place in words and its line (and page).
 * Built with the DOM (text only through textContent) and serialised.
 */
function opinionDocument(result, fileName, checkedAt) {
  const doc = document.implementation.createHTMLDocument("年报检查意见书");
  doc.documentElement.lang = "zh-CN";
  const style = doc.createElement("style");
  style.textContent =
    "body{font-family:'Noto Serif CJK SC','SimSun',serif;max-width:48em;margin:2em auto;color:#000;line-height:1.6}" +
    "h1{font-size:1.5em;text-align:center}table{border-collapse:collapse;width:100%}" +
    "th,td{border:1px solid #000;padding:.3em .5em;text-align:left;vertical-align:top}" +
    "th{width:7em;font-weight:normal}ol li{margin:.6em 0}.where{color:#333}";
  doc.head.append(style);
  const add = (parent, tag, text) => {
    const node = doc.createElement(tag);
    if (text !== undefined) node.textContent = text;
    parent.append(node);
    return node;
  };
  const d = result.document || {};
  const verdict = summarise(result);
  add(doc.body, "h1", "政府信息公开工作年度报告检查意见书");
  const facts = add(doc.body, "table");
  for (const [k, v] of [
    ["文件", fileName || (result.source && result.source.name) || ""],
    ["机关", d.agency || "未识别"],
    ["年度", d.year ? d.year + " 年" : "未识别"],
    ["检查日期", isoDate(checkedAt)],
    ["结论", verdict.line],
  ]) {
    const tr = add(facts, "tr");
    add(tr, "th", k);
    add(tr, "td", v);
  }
  const shown = shownDiagnostics(result);
  add(doc.body, "h2", shown.length ? "发现的问题（" + shown.length + " 项）" : "未发现问题");
  const list = add(doc.body, "ol");
  for (const diag of shown) {
    const p = findingParts(diag);
    const li = add(list, "li");
    add(li, "strong", "【" + p.badge + "】");
    li.append(doc.createTextNode(p.message));
    const where = [p.place, p.line, p.page].filter(Boolean).join("，");
    if (where) add(li, "div", "位置：" + where).className = "where";
    if (p.hint) add(li, "div", "建议：" + p.hint);
  }
  add(doc.body, "p", "本意见书由“年报检查”在浏览器中生成，报告内容未上传。");
  return "<!DOCTYPE html>\n" + doc.documentElement.outerHTML;
}

// -----------------------------------------------------------------------------------------------
// Publishing (the widget and its iframe form): which findings block, as the host decides
// -----------------------------------------------------------------------------------------------

/** A problem of reading the file (input.*, a table that could not be read), not of the report. */
function isReadingProblem(d) {
  const code = String((d && d.code) || "");
  return code.startsWith("input.") || code === "table.unreadable";
}

/**
 * Whether a result blocks publishing under the host's rule `blocking`: space-separated words,
 * each a code ("table.unreadable"), a family ("input.*"), or "errors" (every error-severity
 * finding that is not a reading problem). Absent or empty: "errors", so a file or a table the
 * checker could not read never blocks by default. Returns { blocked, rule, blocking: codes that
 * block, reading: codes of reading problems } (codes listed once each).
 */
function publishDecision(result, blocking) {
  const words = String(blocking || "").trim().split(/\s+/).filter(Boolean);
  const rule = words.length ? words : ["errors"];
  const matches = (d) =>
    rule.some((w) =>
      w === "errors" ? d.severity === "error" && !isReadingProblem(d) : w.endsWith(".*") ? d.code.startsWith(w.slice(0, -1)) : d.code === w,
    );
  const diags = (result && result.diagnostics) || [];
  const unique = (list) => Array.from(new Set(list.map((d) => d.code)));
  const blockingCodes = unique(diags.filter(matches));
  return { blocked: blockingCodes.length > 0, rule: rule.join(" "), blocking: blockingCodes, reading: unique(diags.filter(isReadingProblem)) };
}
