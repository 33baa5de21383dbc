// nianbao web page: wires the textarea, files and buttons to the wasm checker and renders results.
//
// Runs as a classic inline script after the wasm-bindgen "no-modules" glue (global `wasm_bindgen`)
// and after `NIANBAO_WASM` / `NIANBAO_SAMPLE` are defined, inside the function scope build.mjs
// wraps around www/shared.js (labels, verdict, sorting, loading the wasm) and this file. Everything
// lives inside this function so none of our names can collide with the glue's top-level declarations.
//
// Rules kept throughout: report text and results only reach the DOM through textContent /
// createElement (never innerHTML), and no inline styles or handlers appear in markup (strict CSP).
(function () {
  "use strict";

  // ---------------------------------------------------------------------------------------------
  // State and elements
  // ---------------------------------------------------------------------------------------------

  const $ = (id) => document.getElementById(id);
  const els = {
    body: document.body,
    banner: $("banner"),
    bannerTitle: $("banner-title"),
    bannerDetail: $("banner-detail"),
    textarea: $("report"),
    file: $("file"),
    sample: $("sample"),
    clear: $("clear"),
    era: $("era"),
    status: $("status"),
    verdict: $("verdict"),
    verdictLine: $("verdict-heading"),
    verdictSub: $("verdict-sub"),
    facts: $("facts"),
    exportButton: $("export"),
    printButton: $("print"),
    checklistBlock: $("checklist-block"),
    checklist: $("checklist"),
    coverage: $("coverage"),
    findingsBlock: $("findings-block"),
    findings: $("findings"),
    findingsCount: $("findings-count"),
    tablesBlock: $("tables-block"),
    tables: $("tables"),
    dropOverlay: $("drop-overlay"),
  };

  const DEBOUNCE_MS = 200;
  const FLASH_MS = 2500;

  let ready = false;
  let debounceTimer = 0;
  let lastResult = null;
  let currentFileName = ""; // shown in the status while the text came from a file
  let dragDepth = 0; // dragenter/dragleave fire for every child element; count to know when we left

  // ---------------------------------------------------------------------------------------------
  // Start-up
  // ---------------------------------------------------------------------------------------------

  async function init() {
    wireEvents();
    if (typeof NIANBAO_SAMPLE !== "string" || NIANBAO_SAMPLE === "") els.sample.hidden = true;
    try {
      await loadWasm(typeof wasm_bindgen === "function" ? wasm_bindgen : null, typeof NIANBAO_WASM === "string" ? NIANBAO_WASM : null);
    } catch (err) {
      showInitError(err);
      return;
    }
    fillEras();
    ready = true;
    els.body.dataset.state = "ready";
    window.nianbaoReadyMs = performance.now();
    window.nianbaoReady = true;
    setStatus("检查器已就绪。");
    // The browser may have restored text into the textarea (back/forward, reload): check it.
    if (els.textarea.value.trim() !== "") checkNow();
  }

  // The era selector offers 自动识别 and the eras the core declares, newest first.
  function fillEras() {
    const chosen = els.era.value;
    const options = [el("option", null, "自动识别")];
    options[0].value = "auto";
    for (const era of labelsOf(wasm_bindgen).eras) {
      const o = el("option", null, era.label);
      o.value = era.id;
      options.push(o);
    }
    els.era.replaceChildren(...options);
    els.era.value = options.some((o) => o.value === chosen) ? chosen : "auto";
  }

  // Never leave a blank page: say what blocked the checker and what would fix it.
  function showInitError(err) {
    els.body.dataset.state = "error";
    showBanner(
      "浏览器阻止了 WebAssembly，检查器无法启动。",
      "本页面需要支持 WebAssembly 的新版浏览器（Chrome、Edge、Firefox、Safari 的近期版本）；" +
        "如果页面由网站提供，其内容安全策略（Content-Security-Policy）须包含 'wasm-unsafe-eval'。" +
        "技术信息：" + errorText(err),
      "fatal"
    );
    setStatus("检查器未能加载。");
    for (const b of [els.sample, els.file, els.era]) b.disabled = true;
  }

  // ---------------------------------------------------------------------------------------------
  // Events
  // ---------------------------------------------------------------------------------------------

  function wireEvents() {
    els.textarea.addEventListener("input", handleInput);
    els.textarea.addEventListener("paste", handlePaste);
    els.file.addEventListener("change", handleFilePicked);
    els.sample.addEventListener("click", loadSample);
    els.clear.addEventListener("click", clearAll);
    els.era.addEventListener("change", checkNow);
    els.exportButton.addEventListener("click", exportJson);
    els.printButton.addEventListener("click", () => window.print());
    els.checklist.addEventListener("click", handleChecklistClick);
    els.findings.addEventListener("click", handleFindingClick);
    els.findings.addEventListener("keydown", activateOnEnter(handleFindingClick));
    els.checklist.addEventListener("keydown", activateOnEnter(handleChecklistClick));
    els.tables.addEventListener("click", handleCellClick);

    document.addEventListener("dragenter", handleDragEnter);
    document.addEventListener("dragover", handleDragOver);
    document.addEventListener("dragleave", handleDragLeave);
    document.addEventListener("drop", handleDrop);
  }

  function activateOnEnter(handler) {
    return (e) => {
      if (e.key === "Enter" || e.key === " ") {
        if (e.target.closest("[tabindex]")) {
          e.preventDefault();
          handler(e);
        }
      }
    };
  }

  function handleInput() {
    currentFileName = "";
    clearTimeout(debounceTimer);
    debounceTimer = setTimeout(checkNow, DEBOUNCE_MS);
  }

  // Paste from a web page or Word arrives as HTML: let the core turn its tables into rows the
  // checker reads, instead of the browser's flattened plain text. Plain text is inserted by us too
  // (not by the browser) so that synthetic paste events behave like real ones.
  function handlePaste(e) {
    const data = e.clipboardData;
    if (!data || !ready) return; // before start-up the browser pastes; init() checks the text later
    const html = data.getData("text/html");
    const plain = data.getData("text/plain");
    if (!html && !plain) return; // e.g. a pasted image: nothing we can use, let the browser decide
    e.preventDefault();
    const t0 = performance.now();
    let text = plain;
    if (html) {
      const extracted = safeCall(() => wasm_bindgen.check_bytes(utf8(html), Object.assign({ name: "clipboard.html" }, options())));
      if (extracted && typeof extracted.text === "string" && extracted.text.trim() !== "") text = extracted.text;
    }
    if (!text) return;
    const ta = els.textarea;
    ta.setRangeText(text, ta.selectionStart, ta.selectionEnd, "end");
    currentFileName = "";
    checkNow(performance.now() - t0);
  }

  function handleFilePicked() {
    const file = els.file.files && els.file.files[0];
    if (desk.takeFiles(els.file.files)) {
      els.file.value = "";
      return;
    }
    if (file) checkFile(file);
    els.file.value = ""; // picking the same file again must fire `change` again
  }

  function handleDragEnter(e) {
    if (!hasFiles(e)) return;
    dragDepth++;
    els.dropOverlay.hidden = false;
  }

  function handleDragOver(e) {
    if (!hasFiles(e)) return; // dragging selected text into the textarea keeps its default
    e.preventDefault(); // allows the drop (otherwise the browser would open the file)
    e.dataTransfer.dropEffect = "copy";
    els.dropOverlay.hidden = false;
  }

  function handleDragLeave(e) {
    if (!hasFiles(e)) return;
    dragDepth = Math.max(0, dragDepth - 1);
    if (dragDepth === 0) els.dropOverlay.hidden = true;
  }

  function handleDrop(e) {
    dragDepth = 0;
    els.dropOverlay.hidden = true;
    if (desk.takeDrop(e)) return; // two files or more, or a folder: the reviewer's table
    const files = e.dataTransfer && e.dataTransfer.files;
    if (!files || files.length === 0) return;
    e.preventDefault();
    checkFile(files[0]);
  }

  // ---- Reviewer's desk hook (www/reviewer.js) -------------------------------------------------
  // Many files go to the desk's table; a row comes back here to be shown in the full view, with
  // its result as the desk checked it (the later of two years carries the cross-year findings).
  const desk = createReviewerDesk({
    ready: () => ready,
    options,
    current: () => ({ name: currentFileName, result: lastResult }),
    open({ name, result, ms }) {
      clearTimeout(debounceTimer);
      const text = typeof result.text === "string" ? result.text : "";
      els.textarea.value = text;
      els.textarea.scrollTop = 0;
      currentFileName = name;
      // A textarea normalises line breaks (\r\n → \n); spans must point into what it holds.
      if (els.textarea.value !== text && !inputError(result)) {
        const fileSource = result.source;
        result = safeCall(() => wasm_bindgen.check(els.textarea.value, options()));
        if (!result) return;
        if (fileSource) result.source = fileSource;
      }
      finishCheck(result, ms);
    },
  });
  // ---- /Reviewer's desk hook -------------------------------------------------------------------

  function handleChecklistClick(e) {
    const item = e.target.closest("[data-section]");
    if (!item || !lastResult) return;
    const section = (lastResult.sections || []).find((s) => s.id === item.dataset.section);
    if (section && section.span) selectSpan(section.span);
  }

  function handleFindingClick(e) {
    const item = e.target.closest("[data-index]");
    if (!item || !lastResult) return;
    const diag = shownDiagnostics(lastResult)[Number(item.dataset.index)];
    if (!diag) return;
    if (diag.span) selectSpan(diag.span);
    if (diag.table && Array.isArray(diag.cells) && diag.cells.length) {
      flash(diag.cells.map((c) => els.tables.querySelector(cellSelector(diag.table, c.row, c.column))));
    } else if (diag.table) {
      flash([els.tables.querySelector('[data-table="' + cssEscape(diag.table) + '"]')]);
    }
    if (diag.section) flash([els.checklist.querySelector('[data-section="' + cssEscape(diag.section) + '"]')]);
  }

  function handleCellClick(e) {
    const cell = e.target.closest("[data-cell]");
    if (!cell || !lastResult) return;
    const [table, ...rest] = cell.dataset.cell.split("/");
    const column = rest.pop();
    const row = rest.join("/");
    const t = (lastResult.tables || []).find((x) => x.id === table);
    const c = t && (t.cells || []).find((x) => x.row === row && x.column === column);
    if (c && c.span) selectSpan(c.span);
  }

  // ---------------------------------------------------------------------------------------------
  // Checking
  // ---------------------------------------------------------------------------------------------

  function options() {
    return withProfile({ era: els.era.value || "auto" }, ruleProfile);
  }

  // Rule profile (a small control kept apart from the rest of the page): the loaded file's text
  // goes with every check (withProfile in shared.js); a malformed file is refused by the core.
  let ruleProfile = null;
  $("profile").addEventListener("change", async (e) => {
    const file = e.target.files && e.target.files[0];
    ruleProfile = file ? await readProfile(file) : null;
    checkNow();
  });

  // The core throws only when the options are wrong (its message says which and what is allowed);
  // a bug in it must not kill the page either. Either way the banner says what happened.
  function safeCall(fn) {
    try {
      return fn();
    } catch (err) {
      const e = describeCallError(err);
      if (e.usage) showRefused(e.message);
      else showBanner("检查时出现内部错误。", "请把报告文字和下面的信息反馈给开发者：" + e.message);
      setStatus("未能检查。");
      return null;
    }
  }

  // The core refused the options (e.g. an era it does not know): say so where the verdict goes,
  // not beside an older result.
  function showRefused(message) {
    showIdle();
    els.verdict.className = "verdict verdict-input";
    els.verdict.dataset.verdict = "refused";
    els.verdictLine.textContent = "未能检查";
    els.verdictSub.textContent = message;
    const fix = message.startsWith("规则配置文件") ? "请改正地方规则的配置文件后重新选择。" : "请在“格式”中另选一项，或选“自动识别”。";
    showBanner(message, fix);
  }

  // Checks the whole textarea now. `extraMs` adds time already spent (e.g. extracting a paste).
  function checkNow(extraMs) {
    clearTimeout(debounceTimer);
    if (!ready) return;
    const text = els.textarea.value;
    if (text.trim() === "") {
      showIdle();
      return;
    }
    const t0 = performance.now();
    const result = safeCall(() => wasm_bindgen.check(text, options()));
    const ms = performance.now() - t0 + (typeof extraMs === "number" ? extraMs : 0);
    if (result) finishCheck(result, ms);
  }

  async function checkFile(file) {
    if (!ready) {
      setStatus("检查器尚未加载完成，请稍候再试。");
      return;
    }
    setStatus("正在读取 " + file.name + " …");
    let bytes;
    try {
      bytes = await toBytes(file);
    } catch (err) {
      showBanner("无法读取文件“" + file.name + "”。", errorText(err));
      return;
    }
    const t0 = performance.now();
    let result = safeCall(() => wasm_bindgen.check_bytes(bytes, Object.assign({ name: file.name }, options())));
    if (!result) return;
    currentFileName = file.name;
    if (inputError(result) || typeof result.text !== "string" || result.text === "") {
      // Keep the user's previous text; finishCheck shows prominently why this file was not read.
      finishCheck(result, performance.now() - t0);
      return;
    }
    els.textarea.value = result.text;
    els.textarea.scrollTop = 0;
    // A textarea normalises line breaks (\r\n → \n); spans must point into what it holds.
    if (els.textarea.value !== result.text) {
      const fileSource = result.source;
      result = safeCall(() => wasm_bindgen.check(els.textarea.value, options()));
      if (!result) return;
      if (fileSource) result.source = fileSource; // still the file's name, format and encoding
    }
    finishCheck(result, performance.now() - t0);
  }

  function loadSample() {
    if (typeof NIANBAO_SAMPLE !== "string") return;
    els.textarea.value = NIANBAO_SAMPLE;
    els.textarea.scrollTop = 0;
    currentFileName = "";
    checkNow();
  }

  function clearAll() {
    clearTimeout(debounceTimer);
    els.textarea.value = "";
    currentFileName = "";
    hideBanner();
    showIdle();
    els.textarea.focus();
  }

  // Records the result for tests and export, renders it, and announces it.
  function finishCheck(result, ms) {
    lastResult = result;
    window.nianbaoLastCheckMs = ms;
    window.nianbaoLastResult = result;
    const error = inputError(result);
    if (error) showBanner(error.message, currentFileName ? "文件：" + currentFileName : "");
    else if (els.banner.dataset.kind !== "fatal") hideBanner();
    render(result);
    setStatus(statusText(result, ms));
    document.dispatchEvent(new CustomEvent("nianbao-checked"));
  }

  function statusText(result, ms) {
    const parts = [];
    const failed = !!inputError(result);
    if (currentFileName) {
      const kind = failed ? [] : sourceKind(result);
      parts.push("文件：" + currentFileName + (kind.length ? "（" + kind.join("，") + "）" : ""));
    }
    if (failed) parts.push("未能读取");
    else parts.push(els.textarea.value.length.toLocaleString("zh-CN") + " 字");
    parts.push("检查用时 " + formatMs(ms) + " 毫秒");
    return parts.join(" · ");
  }

  function formatMs(ms) {
    return ms < 10 ? ms.toFixed(1) : String(Math.round(ms));
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering
  // ---------------------------------------------------------------------------------------------

  function render(result) {
    els.exportButton.disabled = false;
    renderVerdict(result);
    renderFacts(result);
    const report = isReport(result);
    renderChecklist(report ? result : null);
    renderFindings(result);
    renderTables(report ? result : null);
  }

  function showIdle() {
    lastResult = null;
    els.exportButton.disabled = true;
    els.verdict.className = "verdict verdict-idle";
    els.verdictLine.textContent = "等待输入";
    els.verdictSub.textContent = "粘贴报告全文或选择文件后，这里会列出缺少的章节、统计表中对不上的数字和其他问题。";
    els.facts.hidden = true;
    els.checklistBlock.hidden = true;
    els.findingsBlock.hidden = true;
    els.tablesBlock.hidden = true;
    setStatus(ready ? "检查器已就绪。" : "正在加载检查器…");
  }

  function renderVerdict(result) {
    const v = summarise(result);
    let sub;
    if (v.kind === "input") {
      sub = currentFileName
        ? "文件“" + currentFileName + "”没有读取，左侧仍是之前的文字。"
        : "没有进行检查。";
    } else if (v.kind === "not-report") {
      sub = "这份文字看起来不是政府信息公开工作年度报告，未作章节和统计表检查。";
    } else {
      const c = coverageCounts(result);
      sub = "必备章节 " + c.present + "/" + c.required + " 已包含" + (v.counts.infos ? "；另有 " + v.counts.infos + " 条说明" : "") + "。";
    }
    els.verdict.className = "verdict verdict-" + v.kind;
    els.verdict.dataset.verdict = v.kind;
    els.verdictLine.textContent = v.line;
    els.verdictSub.textContent = sub;
  }

  function renderFacts(result) {
    const doc = result.document || {};
    const facts = [];
    if (doc.title) facts.push(["标题", doc.title]);
    if (doc.agency) facts.push(["机关", doc.agency]);
    if (doc.year != null) facts.push(["年度", doc.year + " 年"]);
    const era = doc.era ? labelsOf(wasm_bindgen).eraLabel(doc.era) : "";
    if (era) facts.push(["格式", era]);
    if (doc.published) facts.push(["发布日期", doc.published]);
    if (LEVEL_LABELS[doc.agency_level]) facts.push(["机关层级", LEVEL_LABELS[doc.agency_level]]);
    els.facts.replaceChildren();
    for (const [name, value] of facts) {
      const wrap = el("div", "fact");
      wrap.append(el("dt", null, name), el("dd", null, String(value)));
      els.facts.append(wrap);
    }
    els.facts.hidden = facts.length === 0;
  }

  function renderChecklist(result) {
    els.checklist.replaceChildren();
    const sections = result ? result.sections || [] : [];
    els.checklistBlock.hidden = sections.length === 0;
    if (!result) return;
    const c = coverageCounts(result);
    els.coverage.textContent = c.present + "/" + c.required;
    for (const s of sections) {
      const status = SECTION_STATUS[s.status] ? s.status : "missing";
      const li = el("li", "check-item status-" + status);
      li.dataset.section = s.id;
      li.dataset.status = status;
      li.append(
        el("span", "check-mark", SECTION_STATUS[status].mark),
        el("span", "check-title", s.title || s.heading || s.id),
        el("span", "check-word", SECTION_STATUS[status].word)
      );
      if (s.heading && s.title && s.heading !== s.title) {
        li.append(el("span", "check-heading", "原文：" + s.heading));
      }
      if (s.span) {
        li.tabIndex = 0;
        li.classList.add("clickable");
        li.title = "在原文中定位到第 " + s.span.line + " 行";
      }
      els.checklist.append(li);
    }
  }

  // Errors, then warnings, then notes; for a text that is not a report only the verdict's reason.
  function renderFindings(result) {
    els.findings.replaceChildren();
    const diags = shownDiagnostics(result);
    diags.forEach((d, index) => els.findings.append(renderFinding(d, index)));
    els.findingsCount.textContent = diags.length ? String(diags.length) : "";
    els.findingsBlock.hidden = diags.length === 0;
  }

  function renderFinding(d, index) {
    const f = findingParts(d);
    const li = el("li", "finding sev-" + f.severity);
    li.dataset.code = f.code;
    li.dataset.severity = f.severity;
    li.dataset.index = String(index); // index into shownDiagnostics(lastResult)
    const head = el("div", "finding-head");
    head.append(el("span", "sev-badge", f.badge), el("span", "finding-msg", f.message));
    li.append(head);
    if (f.hint) li.append(el("p", "finding-hint", f.hint));
    const meta = el("p", "finding-meta");
    if (f.line) meta.append(el("span", "finding-line", f.line));
    meta.append(el("code", "finding-code", f.code));
    li.append(meta);
    if (d.span || (d.cells && d.cells.length) || d.section) {
      li.tabIndex = 0;
      li.classList.add("clickable");
      if (d.span) li.title = "点击在原文中定位";
    }
    return li;
  }

  // ----- tables -----

  function renderTables(result) {
    els.tables.replaceChildren();
    const tables = result ? result.tables || [] : [];
    els.tablesBlock.hidden = tables.length === 0;
    if (!result) return;
    const marks = cellMarks(result);
    for (const t of tables) els.tables.append(renderTable(t, result, marks));
  }

  // Titles, rows, columns, blocks and groups are labelled from the core's declarations
  // (labelsOf → wasm formats()); an id the core does not declare is shown as it is.
  function renderTable(t, result, marks) {
    const labels = labelsOf(wasm_bindgen);
    const L = labels.table(t, result.document && result.document.era);
    const wrap = el("section", "stat-table status-" + t.status);
    wrap.dataset.table = t.id;
    // Not `data-status`: that attribute belongs to the checklist items (tests count them).
    wrap.dataset.tableStatus = t.status;
    const title = el("h4", "stat-title", t.title || (L && L.title) || t.id);
    const variant = t.variant ? labels.eraLabel(t.variant) : "";
    if (variant) title.append(el("span", "stat-variant", variant));
    wrap.append(title);

    if (t.status !== "present") {
      const diag = (result.diagnostics || []).find(
        (d) => d.table === t.id && (d.code === "table.missing" || d.code === "table.unreadable")
      );
      const word = t.status === "unreadable" ? TABLE_STATUS.unreadable : TABLE_STATUS.missing;
      const reason = diag ? diag.message : t.status === "unreadable" ? "表格文字无法对应到规定格式" : "报告中没有这张统计表";
      const p = el("p", "table-problem");
      p.append(el("strong", null, word + "："), document.createTextNode(reason));
      wrap.append(p);
      if (diag && diag.hint) wrap.append(el("p", "table-problem-hint", diag.hint));
      return wrap;
    }

    const cells = t.cells || [];
    if (canPivot(cells)) {
      wrap.append(renderPivotGrid(t.id, cells, marks, L));
      return wrap;
    }
    // A table of several blocks (主动公开: one per 第二十条 item, each with its own columns): one
    // small grid per block, captioned with the block's header.
    const blocks = groupBy(cells, (c) => blockOf(L, c.row));
    for (const [block, blockCells] of blocks) {
      const caption = blocks.size > 1 || block ? (L && L.blockHeader(block)) || block : null;
      wrap.append(renderGrid(t.id, blockCells, marks, caption, L));
    }
    return wrap;
  }

  function blockOf(L, row) {
    const declared = L ? L.blockOf(row) : null;
    if (declared !== null) return declared;
    const m = /^(\d+\.\d+)\.[a-z_]/.exec(row); // "20.1.regulations" of a row the core does not declare
    return m ? m[1] : "";
  }

  // The official review/litigation table is one row of 15 numbers under three header groups; that
  // is unreadable in a narrow column, so each group (行政复议, 行政诉讼…) becomes a row of 5 columns.
  function canPivot(cells) {
    return cells.length > 0 && cells.every((c) => c.row === cells[0].row && c.column.includes("."));
  }

  function renderPivotGrid(tableId, cells, marks, L) {
    const split = (column) => [column.slice(0, column.indexOf(".")), column.slice(column.indexOf(".") + 1)];
    const groups = [...groupBy(cells, (c) => split(c.column)[0]).keys()];
    const leaves = groupBy(cells, (c) => split(c.column)[1]);
    const byColumn = new Map(cells.map((c) => [c.column, c]));

    const scroller = el("div", "grid-scroll");
    const table = el("table", "grid grid-" + tableId);
    const thead = el("thead");
    const head = el("tr");
    const corner = el("th", "corner", "项目");
    corner.scope = "col";
    head.append(corner);
    for (const [leaf, leafCells] of leaves) head.append(headCell(leaf, columnLabel(L, leafCells[0].column, leafCells[0].row)));
    thead.append(head);
    const tbody = el("tbody");
    for (const g of groups) {
      const first = cells.find((c) => split(c.column)[0] === g);
      const tr = el("tr");
      const th = el("th", "row-label", (L && L.columnGroup(first.column)) || g);
      th.scope = "row";
      th.title = g;
      tr.append(th);
      for (const leaf of leaves.keys()) {
        const cell = byColumn.get(g + "." + leaf);
        tr.append(cell ? renderCell(tableId, cell, marks) : el("td", "na"));
      }
      tbody.append(tr);
    }
    table.append(thead, tbody);
    scroller.append(table);
    return scroller;
  }

  function groupBy(items, keyOf) {
    const map = new Map();
    for (const it of items) {
      const k = keyOf(it);
      if (!map.has(k)) map.set(k, []);
      map.get(k).push(it);
    }
    return map;
  }

  // Rows and columns in the order their cells first appear.
  function renderGrid(tableId, cells, marks, caption, L) {
    const rows = [...groupBy(cells, (c) => c.row).keys()];
    const columns = [...groupBy(cells, (c) => c.column).keys()];
    const byKey = new Map(cells.map((c) => [c.row + "\u0000" + c.column, c]));

    const scroller = el("div", "grid-scroll");
    const table = el("table", "grid grid-" + tableId);
    if (caption) table.append(el("caption", null, caption));
    table.append(renderHead(tableId, columns, rows[0], L));

    const tbody = el("tbody");
    const groupsShown = new Set();
    for (const row of rows) {
      // Merged group rows of the format (三、本年度办理结果, （三）不予公开…), once before their first row.
      for (const g of L ? L.rowGroups(row) : []) {
        if (groupsShown.has(g.prefix)) continue;
        groupsShown.add(g.prefix);
        const tr = el("tr", "group-row");
        const th = el("th", null, g.label);
        th.colSpan = columns.length + 1;
        th.scope = "rowgroup";
        tr.append(th);
        tbody.append(tr);
      }
      const tr = el("tr");
      if (tableId === "applications" && row === "3.7") tr.classList.add("total-row");
      const declared = L && L.row(row);
      const th = el("th", "row-label", declared ? declared.short : row);
      th.scope = "row";
      th.title = row + (declared ? " · " + declared.label : ""); // the id of rules.md, for people comparing with the CLI
      tr.append(th);
      for (const column of columns) {
        const cell = byKey.get(row + "\u0000" + column);
        tr.append(cell ? renderCell(tableId, cell, marks) : el("td", "na"));
      }
      tbody.append(tr);
    }
    table.append(tbody);
    scroller.append(table);
    return scroller;
  }

  function columnLabel(L, column, row) {
    const declared = L && L.column(column, row);
    return declared ? declared.short : column;
  }

  // Two header rows where the format groups columns (法人或其他组织 over the applicant kinds,
  // 行政复议/行政诉讼 over the review columns), one otherwise.
  function renderHead(tableId, columns, row, L) {
    const thead = el("thead");
    const groups = columns.map((c) => (L ? L.columnGroup(c) : ""));
    const corner = el("th", "corner", "项目");
    corner.scope = "col";
    if (!groups.some((g) => g)) {
      const tr = el("tr");
      tr.append(corner);
      for (const c of columns) tr.append(headCell(c, columnLabel(L, c, row)));
      thead.append(tr);
      return thead;
    }
    // Groups (merged) on top, leaf labels below; ungrouped columns span both.
    const top = el("tr");
    const bottom = el("tr");
    corner.rowSpan = 2;
    top.append(corner);
    for (let i = 0; i < columns.length; i++) {
      const g = groups[i];
      if (!g) {
        const th = headCell(columns[i], columnLabel(L, columns[i], row));
        th.rowSpan = 2;
        top.append(th);
        continue;
      }
      let span = 1;
      while (i + span < columns.length && groups[i + span] === g) span++;
      const th = el("th", "col-group", g);
      th.colSpan = span;
      th.scope = "colgroup";
      top.append(th);
      for (let k = 0; k < span; k++) bottom.append(headCell(columns[i + k], columnLabel(L, columns[i + k], row)));
      i += span - 1;
    }
    thead.append(top, bottom);
    return thead;
  }

  function headCell(column, label) {
    const th = el("th", "col-label", label);
    th.scope = "col";
    th.title = column; // the column id of rules.md
    return th;
  }

  function renderCell(tableId, cell, marks) {
    const td = el("td", "value");
    td.dataset.cell = tableId + "/" + cell.row + "/" + cell.column;
    const raw = typeof cell.raw === "string" ? cell.raw.trim() : "";
    const empty = cell.value === null || cell.value === undefined;
    let shown;
    if (!empty) shown = raw !== "" ? raw : String(cell.value);
    else shown = raw !== "" && !/^[-—–/／无]+$/.test(raw) ? raw : "—";
    td.append(el("span", "cell-value", shown));
    if (empty) td.classList.add("empty");

    const mark = marks.get(cellKey(tableId, cell.row, cell.column));
    if (mark) {
      td.classList.add(mark.severity === "error" ? "bad" : "warn");
      td.title = mark.messages.join("\n");
      if (mark.expected !== undefined) td.append(el("small", "cell-expected", "应为 " + mark.expected));
    }
    return td;
  }

  // Which cells each table diagnostic names, with the worst severity and the expected value.
  // The expected value belongs to the first cell of the equation (the 总计 cell of a sum); it is
  // shown there only when the diagnostic's actual value is that cell's own value. table.balance
  // compares two sums (一+二 with 三（七）+四), so no single cell has an expected value there.
  function cellMarks(result) {
    const values = new Map();
    for (const t of result.tables || []) {
      for (const c of t.cells || []) values.set(cellKey(t.id, c.row, c.column), c.value);
    }
    const marks = new Map();
    for (const d of result.diagnostics || []) {
      if (!d.table || !Array.isArray(d.cells) || (d.severity !== "error" && d.severity !== "warning")) continue;
      d.cells.forEach((c, i) => {
        const key = cellKey(d.table, c.row, c.column);
        let m = marks.get(key);
        if (!m) marks.set(key, (m = { severity: d.severity, messages: [], expected: undefined }));
        if (d.severity === "error") m.severity = "error";
        if (d.message && !m.messages.includes(d.message)) m.messages.push(d.message);
        const hasExpected = d.expected !== undefined && d.expected !== null && d.code !== "table.balance";
        const actualIsCell = d.actual === undefined || d.actual === null || Number(d.actual) === Number(values.get(key));
        if (i === 0 && hasExpected && actualIsCell && m.expected === undefined) m.expected = d.expected;
      });
    }
    return marks;
  }

  function cellKey(table, row, column) {
    return table + "/" + row + "/" + column;
  }

  function cellSelector(table, row, column) {
    return '[data-cell="' + cssEscape(cellKey(table, row, column)) + '"]';
  }

  function cssEscape(s) {
    return window.CSS && CSS.escape ? CSS.escape(String(s)) : String(s).replace(/["\\]/g, "\\$&");
  }

  // ---------------------------------------------------------------------------------------------
  // Selecting text in the textarea
  // ---------------------------------------------------------------------------------------------

  // Selects [start, end) and scrolls the textarea so the selection sits about a third from the top
  // (the offset is measured on an off-screen copy of the box: textareaOffset in shared.js).
  function selectSpan(span) {
    const ta = els.textarea;
    const len = ta.value.length;
    const start = Math.max(0, Math.min(len, Number(span.start) || 0));
    const end = Math.max(start, Math.min(len, Number(span.end) || 0));
    ta.focus();
    ta.setSelectionRange(start, end);
    const y = offsetOfIndex(ta, start);
    ta.scrollTop = Math.max(0, y - ta.clientHeight / 3);
  }

  let mirror = null;

  function offsetOfIndex(ta, index) {
    if (!mirror) {
      mirror = el("div", "textarea-mirror");
      mirror.setAttribute("aria-hidden", "true");
      document.body.append(mirror);
    }
    return textareaOffset(ta, index, mirror);
  }

  function flash(nodes) {
    for (const n of nodes) {
      if (!n) continue;
      n.classList.remove("flash");
      void n.offsetWidth; // restart the animation when clicked twice
      n.classList.add("flash");
      setTimeout(() => n.classList.remove("flash"), FLASH_MS);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Buttons, banner, status
  // ---------------------------------------------------------------------------------------------

  function exportJson() {
    if (!lastResult) return;
    // A BigInt (should a binding ever produce one for a 64-bit count) has no JSON form: write a number.
    const json = JSON.stringify(lastResult, (_, v) => (typeof v === "bigint" ? Number(v) : v), 2);
    const blob = new Blob([json + "\n"], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = exportName(lastResult.source && lastResult.source.name ? lastResult.source.name : currentFileName, "json");
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function showBanner(title, detail, kind) {
    if (els.banner.dataset.kind === "fatal" && kind !== "fatal") return; // keep the start-up error
    els.banner.dataset.kind = kind || "error";
    els.bannerTitle.textContent = title;
    els.bannerDetail.textContent = detail || "";
    els.bannerDetail.hidden = !detail;
    els.banner.hidden = false;
  }

  function hideBanner() {
    if (els.banner.dataset.kind === "fatal") return;
    els.banner.hidden = true;
    delete els.banner.dataset.kind;
  }

  function setStatus(text) {
    els.status.textContent = text;
  }

  init();
})();
