// nianbao web page: wires the textarea, files and buttons to the wasm checker and renders results.
//
// Runs as a classic inline script after the wasm-bindgen "no-modules" glue (global `wasm_bindgen`)
// and after `NIANBAO_MODULE` (the wasm's compilation, started at the top of <body>) and
// `NIANBAO_SAMPLE` are defined, inside the function scope build.mjs
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
    editor: $("editor"),
    skip: $("skip"),
    results: $("results"),
    backdrop: $("backdrop"),
    backdropText: $("backdrop-text"),
    markNote: $("mark-note"),
    markTip: $("mark-tip"),
    draftNote: $("draft-note"),
    markSteps: $("mark-steps"),
    markPrev: $("mark-prev"),
    markNext: $("mark-next"),
    announce: $("announce"),
    findingsHeading: $("findings-heading"),
    sevFilter: $("sev-filter"),
    printFile: $("print-file"),
    printDate: $("print-date"),
  };

  const DEBOUNCE_MS = 200;
  const FLASH_MS = 2500;

  let ready = false;
  let debounceTimer = 0;
  let lastResult = null;
  let currentFileName = ""; // shown in the status while the text came from a file
  let dragDepth = 0; // dragenter/dragleave fire for every child element; count to know when we left
  let replacing = false; // the page itself is replacing the text (its `input` event is not typing)
  let marks = []; // the findings placed in the text: { start, end, severity, message, index }, by start
  let marksText = ""; // the text `marks` are placed in, kept in step with edits (followEdit)
  let currentMark = -1; // index into `marks` of the finding last gone to (F8, a click)
  let lastAnnounced = "";
  let backdropFrame = 0;

  // ---------------------------------------------------------------------------------------------
  // Start-up
  // ---------------------------------------------------------------------------------------------

  // Two marks, both on the page's clock (performance.now(), tools/page_ready.mjs reads them):
  //   nianbaoInteractiveMs  the editor is wired: text can be typed or pasted, and is checked
  //                         once ready;
  //   nianbaoReadyMs        the checker is instantiated and the eras filled: text is checked.
  // The draft kept from an earlier visit is read after ready, not before: the first access to
  // localStorage costs 5–25 ms, which stood between the compiled module and ready (measured).
  // The wasm was compiled on the browser's other threads while the page was parsed (build.mjs
  // starts it at the top of <body>), so the await below usually finds it done; the line numbers
  // are drawn after it, so that the first layout of the page (20–75 ms in headless Chromium on a
  // shared machine, much of it opening CJK font faces) does not stand between the compiled module
  // and a working checker.
  async function init() {
    mark("script");
    wireEvents();
    if (typeof NIANBAO_SAMPLE !== "string" || NIANBAO_SAMPLE === "") els.sample.hidden = true;
    window.nianbaoInteractiveMs = performance.now();
    try {
      await loadWasm(typeof wasm_bindgen === "function" ? wasm_bindgen : null, typeof NIANBAO_MODULE === "object" ? NIANBAO_MODULE : null);
    } catch (err) {
      renderBackdrop();
      showInitError(err);
      return;
    }
    mark("wasm");
    fillEras();
    ready = true;
    els.body.dataset.state = "ready";
    window.nianbaoReadyMs = performance.now();
    window.nianbaoReady = true;
    mark("ready");
    setStatus("检查器已就绪。");
    // A draft kept from an earlier visit comes back (only when the box is still empty: the
    // browser may have restored text itself, on back/forward or a reload).
    if (els.textarea.value === "") {
      const draft = loadDraft();
      if (draft) {
        els.textarea.value = draft;
        draftRestored = true;
      }
    }
    if (els.textarea.value.trim() !== "") checkNow();
    else renderBackdrop();
  }

  // A point of the start-up on the page's timeline (tools/page_ready.mjs reads them).
  function mark(name) {
    if (typeof performance.mark === "function") performance.mark("nianbao:" + name);
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
    els.textarea.addEventListener("beforeinput", handleBeforeInput);
    document.addEventListener("keydown", handleUndoKeys);
    els.textarea.addEventListener("paste", handlePaste);
    els.file.addEventListener("change", handleFilePicked);
    els.sample.addEventListener("click", loadSample);
    els.clear.addEventListener("click", clearAll);
    els.era.addEventListener("change", checkNow);
    els.exportButton.addEventListener("click", exportJson);
    els.printButton.addEventListener("click", () => window.print());
    els.checklist.addEventListener("click", handleChecklistClick);
    els.findings.addEventListener("click", handleFindingClick);
    els.checklist.addEventListener("keydown", activateOnEnter(handleChecklistClick));
    els.tables.addEventListener("click", handleCellClick);
    els.tables.addEventListener("keydown", handleCellKey);
    els.sevFilter.addEventListener("change", applyFilter);
    els.skip.addEventListener("click", skipToResults);
    els.textarea.addEventListener("scroll", syncBackdropScroll);
    els.textarea.addEventListener("mousemove", handleEditorHover);
    els.textarea.addEventListener("mouseleave", () => (els.markTip.hidden = true));
    for (const type of ["keyup", "click", "select", "focus"]) els.textarea.addEventListener(type, showNoteAtCaret);
    els.textarea.addEventListener("blur", () => (els.markTip.hidden = true));
    document.addEventListener("keydown", handleGlobalKey);
    els.markPrev.addEventListener("click", () => stepMark(false, false));
    els.markNext.addEventListener("click", () => stepMark(true, false));
    window.addEventListener("resize", () => {
      syncBackdropBox();
      markOverflowingGrids();
    });
    if (typeof ResizeObserver === "function") new ResizeObserver(syncBackdropBox).observe(els.textarea);

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
    followEdit();
    if (replacing) return;
    currentFileName = "";
    draftRestored = false; // from now on the draft is what is being typed
    if (!backdropFrame) backdropFrame = requestAnimationFrame(() => {
      backdropFrame = 0;
      renderBackdrop();
    });
    clearTimeout(debounceTimer);
    debounceTimer = setTimeout(checkNow, DEBOUNCE_MS);
  }

  // Until the text is checked again (DEBOUNCE_MS after the typing stops), the marks of the last
  // check stay on their words: the edit is found as what the old and the new text do not share
  // at their start and end, marks after it move by its length (and lines), marks it touched are
  // taken away (they no longer say what is there). One pass over the text: a fraction of a
  // millisecond for a 30K-character report.
  function followEdit() {
    const text = els.textarea.value;
    const old = marksText;
    marksText = text;
    if (marks.length === 0 || old === text) return;
    const shared = Math.min(old.length, text.length);
    let head = 0;
    while (head < shared && old.charCodeAt(head) === text.charCodeAt(head)) head++;
    let tail = 0;
    while (tail < shared - head && old.charCodeAt(old.length - 1 - tail) === text.charCodeAt(text.length - 1 - tail)) tail++;
    const oldEnd = old.length - tail; // old [head, oldEnd) became new [head, text.length - tail)
    const delta = text.length - old.length;
    const lineDelta = newlines(text, head, text.length - tail) - newlines(old, head, oldEnd);
    const current = currentMark >= 0 ? marks[currentMark] : null;
    marks = marks.filter((m) => m.end <= head || m.start >= oldEnd);
    for (const m of marks) {
      if (m.start < oldEnd || m.end <= head) continue;
      m.start += delta;
      m.end += delta;
      if (typeof m.line === "number") m.line += lineDelta;
    }
    currentMark = current ? marks.indexOf(current) : -1;
  }

  function newlines(text, from, to) {
    let n = 0;
    for (let i = text.indexOf("\n", from); i >= 0 && i < to; i = text.indexOf("\n", i + 1)) n++;
    return n;
  }

  // The findings of a check placed in the text it was made of (the textarea's text now).
  function placeMarks(list) {
    marks = list;
    marksText = els.textarea.value;
    currentMark = -1;
  }

  // ----- undo -----
  // Every replacement of the user's text (paste, 示例报告, 清除, a dropped file, 改为) can be undone
  // with Ctrl+Z and redone with Ctrl+Shift+Z / Ctrl+Y. The page keeps the history itself: the
  // browser's own editing command (execCommand insertText) would put such replacements in the
  // textarea's history, but Chromium inserts multi-line text paragraph by paragraph, one `input`
  // event per line (seconds for a report). So the page takes over undo for the textarea: typing
  // is recorded in bursts (a pause, or a change between inserting and deleting, starts a new
  // step), and the browser's own undo (keys, the context menu) is replaced by this history.
  const UNDO_LIMIT = 200;
  const UNDO_CHARS = 40 * 1024 * 1024; // the texts kept, in total
  const undoStack = [];
  const redoStack = [];
  let lastEdit = { at: 0, kind: "" };

  function snapshot() {
    const ta = els.textarea;
    return { text: ta.value, start: ta.selectionStart, end: ta.selectionEnd, scroll: ta.scrollTop };
  }

  function remember() {
    undoStack.push(snapshot());
    redoStack.length = 0;
    let total = undoStack.reduce((n, s) => n + s.text.length, 0);
    while (undoStack.length > UNDO_LIMIT || (undoStack.length > 1 && total > UNDO_CHARS)) total -= undoStack.shift().text.length;
  }

  // Before the user's own edits: one undo step per burst of typing.
  function handleBeforeInput(e) {
    const type = e.inputType || "";
    if (type === "historyUndo" || type === "historyRedo") {
      e.preventDefault();
      if (type === "historyUndo") undo();
      else redo();
      return;
    }
    const kind = type.startsWith("delete") ? "delete" : type === "insertText" || type === "insertCompositionText" ? "insert" : type;
    const now = Date.now();
    if (now - lastEdit.at > 1000 || kind !== lastEdit.kind || (kind !== "insert" && kind !== "delete")) remember();
    lastEdit = { at: now, kind };
  }

  function handleUndoKeys(e) {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const key = e.key.toLowerCase();
    const isUndo = key === "z" && !e.shiftKey;
    const isRedo = (key === "z" && e.shiftKey) || key === "y";
    if (!isUndo && !isRedo) return;
    // Elsewhere than in the text (a button, the page), Ctrl+Z still means the report's text;
    // other fields keep their own undo.
    const t = e.target;
    if (t !== els.textarea && t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    e.preventDefault();
    if (isUndo) undo();
    else redo();
  }

  function undo() {
    if (undoStack.length === 0) return;
    redoStack.push(snapshot());
    restore(undoStack.pop());
  }

  function redo() {
    if (redoStack.length === 0) return;
    undoStack.push(snapshot());
    restore(redoStack.pop());
  }

  function restore(state) {
    const ta = els.textarea;
    ta.value = state.text;
    ta.focus({ preventScroll: true });
    ta.setSelectionRange(state.start, state.end);
    ta.scrollTop = state.scroll;
    lastEdit = { at: 0, kind: "" };
    currentFileName = "";
    checkNow();
  }

  // Replaces [start, end) (the whole text by default) as one undoable step.
  function replaceText(text, start, end) {
    const ta = els.textarea;
    if (start === undefined) {
      start = 0;
      end = ta.value.length;
    }
    remember();
    lastEdit = { at: 0, kind: "" };
    replacing = true;
    try {
      ta.focus({ preventScroll: true });
      ta.setRangeText(text, start, end, "end");
    } finally {
      replacing = false;
    }
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
    replaceText(text, ta.selectionStart, ta.selectionEnd);
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

  // A finding (a click, Enter or Space on its button) selects its characters in the text and
  // flashes its cells and section. A mouse click moves the focus into the text, ready for editing;
  // from the keyboard the focus stays on the finding, so stepping through the list goes on from there.
  function handleFindingClick(e) {
    const fix = e.target.closest("[data-fix]");
    if (fix) {
      applySuggestion(Number(fix.dataset.fix));
      return;
    }
    const toggle = e.target.closest("[data-toggle]");
    if (toggle) {
      const list = toggle.parentElement.querySelector(".finding-list");
      const open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      list.hidden = !open;
      return;
    }
    const item = e.target.closest("[data-index]");
    if (!item || !lastResult) return;
    const diag = shownDiagnostics(lastResult)[Number(item.dataset.index)];
    if (!diag) return;
    const byKeyboard = e.type === "keydown" || e.detail === 0;
    if (diag.span) selectSpan(diag.span, { focus: !byKeyboard });
    if (diag.table && Array.isArray(diag.cells) && diag.cells.length) {
      flash(diag.cells.map((c) => els.tables.querySelector(cellSelector(diag.table, c.row, c.column))));
    } else if (diag.table) {
      flash([els.tables.querySelector('[data-table="' + cssEscape(diag.table) + '"]')]);
    }
    if (diag.section) flash([els.checklist.querySelector('[data-section="' + cssEscape(diag.section) + '"]')]);
  }

  function cellOf(table, row, column) {
    const t = lastResult && (lastResult.tables || []).find((x) => x.id === table);
    return (t && (t.cells || []).find((x) => x.row === row && x.column === column)) || null;
  }

  function handleCellClick(e) {
    const cell = e.target.closest("[data-cell]");
    if (!cell || !lastResult) return;
    focusCell(cell, false);
    const [table, ...rest] = cell.dataset.cell.split("/");
    const column = rest.pop();
    const c = cellOf(table, rest.join("/"), column);
    if (c && c.span) selectSpan(c.span, { focus: e.detail !== 0 });
  }

  // The grid as a spreadsheet: one cell of each table is in the Tab order; arrows move, Enter goes
  // to the number in the text.
  function handleCellKey(e) {
    const cell = e.target.closest("[data-cell]");
    if (!cell) return;
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      handleCellClick({ target: cell, detail: 0 });
      return;
    }
    const moves = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    const rows = [...cell.closest("tbody").rows].filter((r) => r.querySelector("[data-cell]"));
    let r = rows.indexOf(cell.parentElement);
    let c = [...cell.parentElement.cells].indexOf(cell);
    r = Math.max(0, Math.min(rows.length - 1, r + move[0]));
    const cells = rows[r].cells;
    c = Math.max(1, Math.min(cells.length - 1, c + move[1]));
    const next = cells[c] && cells[c].dataset.cell ? cells[c] : cell;
    focusCell(next, true);
  }

  function focusCell(cell, focus) {
    const grid = cell.closest("table");
    for (const other of grid.querySelectorAll('[data-cell][tabindex="0"]')) other.tabIndex = -1;
    cell.tabIndex = 0;
    if (focus) cell.focus();
  }

  // 改为 1288: the suggested cell's characters in the text become the likely value, as an edit
  // the user can undo; then the report is checked again.
  function applySuggestion(index) {
    const diag = lastResult && shownDiagnostics(lastResult)[index];
    const sug = diag && diag.suggestion;
    const cell = sug && cellOf(sug.table, sug.row, sug.column);
    if (!cell || !cell.span) return;
    const ta = els.textarea;
    const start = Number(cell.span.start);
    const end = Number(cell.span.end);
    const old = ta.value.slice(start, end);
    // Only the digits: "1298 件" keeps its unit. A text changed since the check is left alone.
    const m = /\d[\d,，]*/.exec(old);
    if (!m || Number(m[0].replace(/[,，]/g, "")) !== Number(cell.value)) {
      setStatus("原文已改动，请等检查结果更新后再试。");
      return;
    }
    replaceText(String(sug.value), start + m.index, start + m.index + m[0].length);
    checkNow();
    const s2 = start + m.index;
    selectSpan({ start: s2, end: s2 + String(sug.value).length }, { focus: true });
    announce("已将“" + m[0] + "”改为 " + sug.value + "（可按 Ctrl+Z 撤销）。" + summarise(lastResult).line);
  }

  function skipToResults(e) {
    e.preventDefault();
    const target = !els.findingsBlock.hidden ? els.findingsHeading : els.results.querySelector("#verdict-heading");
    target.focus();
  }

  // F8 / Shift+F8: the next / previous finding in the text, as in editors.
  function handleGlobalKey(e) {
    if (e.key !== "F8" || marks.length === 0) return;
    e.preventDefault();
    stepMark(!e.shiftKey, true);
  }

  // The next (or previous) finding in the text from the caret, or from the one last gone to; round
  // from the last to the first. F8 focuses the text; the buttons a touch screen shows instead of
  // the F8 hint do not (that would open the phone's keyboard over the text): the range is shown
  // highlighted behind the text, and its message below it.
  function stepMark(forward, focus) {
    if (marks.length === 0) return;
    const ta = els.textarea;
    const here = document.activeElement === ta ? ta.selectionStart : currentMark >= 0 ? marks[currentMark].start : -1;
    let i;
    if (forward) {
      i = marks.findIndex((m, k) => m.start > here || (m.start === here && k > currentMark && currentMark >= 0 && document.activeElement !== ta));
      if (i < 0) i = 0;
    } else {
      i = -1;
      for (let k = marks.length - 1; k >= 0; k--) if (marks[k].start < here) { i = k; break; }
      if (i < 0) i = marks.length - 1;
    }
    goToMark(i, focus);
  }

  function goToMark(i, focus) {
    const m = marks[i];
    selectSpan(m, { focus });
    announce("第 " + (i + 1) + "/" + marks.length + " 个问题，第 " + m.line + " 行：" + SEVERITY_LABELS[m.severity] + "，" + m.message);
  }

  function announce(text) {
    if (text === lastAnnounced) return;
    lastAnnounced = text;
    els.announce.textContent = text;
  }

  // ---------------------------------------------------------------------------------------------
  // Drafts: kept in this browser only (localStorage), never sent anywhere
  // ---------------------------------------------------------------------------------------------

  const DRAFT_KEY = "nianbao-draft";
  let draftRestored = false;

  function storage() {
    try {
      return window.localStorage || null; // file:// pages and private modes may refuse it
    } catch (_) {
      return null;
    }
  }

  function loadDraft() {
    const store = storage();
    try {
      return (store && store.getItem(DRAFT_KEY)) || "";
    } catch (_) {
      return "";
    }
  }

  function saveDraft(text) {
    const store = storage();
    if (!store) {
      els.draftNote.textContent = "本浏览器不允许本地存储，草稿不会保存。";
      return;
    }
    try {
      if (text.trim() === "") store.removeItem(DRAFT_KEY);
      else store.setItem(DRAFT_KEY, text);
      els.draftNote.textContent =
        text.trim() === "" ? "" : draftRestored ? "已恢复上次的草稿（只保存在本浏览器中）。" : "草稿已保存在本浏览器中（不会上传）。";
    } catch (_) {
      els.draftNote.textContent = "草稿太大或浏览器存储已满，未能保存；刷新页面前请另行保存文字。";
    }
  }

  function forgetDraft() {
    draftRestored = false;
    const store = storage();
    try {
      if (store) store.removeItem(DRAFT_KEY);
    } catch (_) {
      /* nothing stored */
    }
    els.draftNote.textContent = "";
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
      saveDraft(text);
      placeMarks([]);
      renderBackdrop();
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
    replaceText(result.text);
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
    replaceText(NIANBAO_SAMPLE);
    els.textarea.scrollTop = 0;
    currentFileName = "";
    checkNow();
  }

  function clearAll() {
    clearTimeout(debounceTimer);
    replaceText("");
    currentFileName = "";
    forgetDraft();
    placeMarks([]);
    renderBackdrop();
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
    announce(summarise(result).line);
    saveDraft(els.textarea.value);
    els.printFile.textContent = currentFileName || "（粘贴的文字）";
    els.printDate.textContent = new Date().toLocaleString("zh-CN", { hour12: false });
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
    placeMarks(marksOf(result));
    renderBackdrop();
    showNoteAtCaret();
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

  // Findings grouped by where they are (the document, a section, a table, the prose), errors first;
  // within a group, four or more of one kind fold into one line with their count, opened on demand.
  // Each finding is a button whose name says what and where, so a screen reader's list of them
  // tells them apart.
  function renderFindings(result) {
    els.findings.replaceChildren();
    const diags = shownDiagnostics(result);
    const groups = groupBy(
      diags.map((d, index) => ({ d, index })),
      ({ d }) => (d.table ? "table:" + d.table : d.section ? "section:" + d.section : String(d.code || "").split(".")[0])
    );
    for (const [key, items] of groups) {
      const group = el("section", "finding-group");
      group.dataset.group = key;
      const title = el("h4", "group-title", groupTitle(key, result));
      group.append(title);
      const list = el("ul", "finding-list");
      for (const [, same] of groupBy(items, ({ d }) => d.code + "\u0000" + d.severity)) {
        if (same.length < 4) {
          for (const it of same) list.append(renderFinding(it.d, it.index, result));
          continue;
        }
        const f = findingParts(same[0].d);
        const li = el("li", "finding-fold sev-" + f.severity);
        li.dataset.severity = f.severity;
        li.dataset.kind = f.code;
        const toggle = el("button", "fold-toggle");
        toggle.type = "button";
        toggle.dataset.toggle = "";
        toggle.setAttribute("aria-expanded", "false");
        toggle.append(el("span", "sev-badge", f.badge), el("span", "finding-msg", foldLine(same.map((it) => it.d.message || ""), same.length, f.code)));
        const inner = el("ul", "finding-list");
        inner.hidden = true;
        for (const it of same) inner.append(renderFinding(it.d, it.index, result));
        li.append(toggle, inner);
        list.append(li);
      }
      group.append(list);
      els.findings.append(group);
    }
    els.findingsCount.textContent = diags.length ? String(diags.length) : "";
    els.findingsBlock.hidden = diags.length === 0;
    const n = countSeverities(result);
    const labels = { all: "全部 " + diags.length, error: "错误 " + n.errors, warning: "提醒 " + n.warnings };
    for (const input of els.sevFilter.querySelectorAll("input")) input.nextElementSibling.textContent = labels[input.value];
    applyFilter();
  }

  // "105 处“…为空，按 0 计算”": the words the messages share at their end, else the first message.
  function foldLine(messages, count, code) {
    let tail = messages[0];
    for (const m of messages) {
      let k = 0;
      while (k < tail.length && k < m.length && tail[tail.length - 1 - k] === m[m.length - 1 - k]) k++;
      tail = tail.slice(tail.length - k);
    }
    tail = tail.replace(/^[^\s，。、；]*?(?=\s|[为应缺未不])/, "").trim();
    return tail.length >= 4 ? count + " 处" + tail : count + " 条 " + code + "（如：" + messages[0] + "）";
  }

  function groupTitle(key, result) {
    const [kind, id] = key.split(":");
    if (kind === "table") {
      const t = (result.tables || []).find((x) => x.id === id);
      const L = t && labelsOf(wasm_bindgen).table(t, result.document && result.document.era);
      return "统计表：" + ((t && t.title) || (L && L.title) || id);
    }
    if (kind === "section") {
      const sec = (result.sections || []).find((x) => x.id === id);
      return "章节：" + ((sec && (sec.title || sec.heading)) || id);
    }
    return { input: "读取", doc: "全文", text: "正文与统计表", crossyear: "与上一年度对照", section: "章节", table: "统计表" }[kind] || "其他";
  }

  function applyFilter() {
    const chosen = (els.sevFilter.querySelector("input:checked") || { value: "all" }).value;
    for (const item of els.findings.querySelectorAll(".finding, .finding-fold")) {
      item.hidden = chosen !== "all" && item.dataset.severity !== chosen;
    }
    for (const group of els.findings.querySelectorAll(".finding-group")) {
      group.hidden = !group.querySelector(":scope > .finding-list > li:not([hidden])");
    }
  }

  // Where a finding is, in words: the core's place (表三（一）予以公开 · 自然人, 第五部分 …), then
  // 第 194 行 · 第 3 页.
  function placeOf(d) {
    const parts = [];
    if (d.place) parts.push(d.place);
    if (d.span && d.span.line) parts.push("第 " + d.span.line + " 行");
    if (d.span && d.span.page) parts.push("第 " + d.span.page + " 页");
    return parts.join(" · ");
  }

  function renderFinding(d, index, result) {
    const f = findingParts(d);
    const li = el("li", "finding sev-" + f.severity);
    li.dataset.code = f.code;
    li.dataset.severity = f.severity;
    li.dataset.index = String(index); // index into shownDiagnostics(lastResult)
    const place = placeOf(d);
    const main = el("button", "finding-main");
    main.type = "button";
    main.append(el("span", "sev-badge", f.badge), el("span", "finding-msg", f.message));
    if (place) main.append(el("span", "finding-place", place));
    main.append(el("code", "finding-code", f.code));
    if (!(d.span || (d.cells && d.cells.length) || d.section)) main.setAttribute("aria-disabled", "true");
    li.append(main);
    if (f.hint) li.append(el("p", "finding-hint", f.hint));
    const sug = d.suggestion;
    const cell = sug && cellOf(sug.table, sug.row, sug.column);
    if (cell && cell.span) {
      const fix = el("button", "button fix-button", "改为 " + sug.value);
      fix.type = "button";
      fix.dataset.fix = String(index);
      fix.setAttribute("aria-label", "把“" + (cell.raw || cell.value) + "”改为 " + sug.value + "（" + place + "）");
      li.append(fix);
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
    markOverflowingGrids();
  }

  // Wide grids scroll sideways under a visible hint; their second header row sticks below the
  // first; one cell of each grid (the likely wrong one, else the first) is in the Tab order.
  function markOverflowingGrids() {
    for (const scroller of els.tables.querySelectorAll(".grid-scroll")) {
      const over = scroller.scrollWidth > scroller.clientWidth + 1;
      scroller.classList.toggle("overflows", over);
      const hint = scroller.previousElementSibling;
      if (hint && hint.classList.contains("scroll-hint")) hint.hidden = !over;
      const rows = scroller.querySelectorAll("thead tr");
      if (rows.length > 1) {
        const h = rows[0].getBoundingClientRect().height;
        for (const th of rows[1].cells) th.style.top = h + "px";
      }
      if (!scroller.querySelector('[data-cell][tabindex="0"]')) {
        const first = scroller.querySelector("td.culprit[data-cell]") || scroller.querySelector("td.bad[data-cell]") || scroller.querySelector("[data-cell]");
        if (first) first.tabIndex = 0;
      }
    }
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

    const scroller = gridScroller((L && L.title) || tableId);
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
    return withHint(scroller);
  }

  function withHint(scroller) {
    const frag = document.createDocumentFragment();
    const hint = el("p", "scroll-hint", "表格较宽：左右滑动查看其余各列 →");
    hint.hidden = true;
    frag.append(hint, scroller);
    return frag;
  }

  function gridScroller(name) {
    const scroller = el("div", "grid-scroll");
    scroller.setAttribute("role", "region");
    scroller.setAttribute("aria-label", name + "（可滚动）");
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

    const scroller = gridScroller(((L && L.title) || tableId) + (caption ? " " + caption : ""));
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
    return withHint(scroller);
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

    td.tabIndex = -1; // one cell per grid is in the Tab order (markOverflowingGrids)
    const mark = marks.get(cellKey(tableId, cell.row, cell.column));
    if (mark) {
      // The cell a suggestion names is marked strongly; the other cells of its equations lightly.
      if (mark.culprit !== undefined) td.classList.add("bad", "culprit");
      else if (mark.severity === "error") td.classList.add(mark.suspect ? "bad-light" : "bad");
      else td.classList.add("warn");
      td.title = mark.messages.join("\n");
      const expected = mark.culprit !== undefined ? mark.culprit : mark.suspect ? undefined : mark.expected;
      if (expected !== undefined) td.append(el("small", "cell-expected", "应为 " + expected));
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
        if (d.suggestion) m.suspect = true;
      });
      const sug = d.suggestion;
      if (sug && sug.table === d.table) {
        const key = cellKey(sug.table, sug.row, sug.column);
        let m = marks.get(key);
        if (!m) marks.set(key, (m = { severity: "error", messages: [], expected: undefined }));
        m.severity = "error";
        m.culprit = sug.value;
        if (d.message && !m.messages.includes(d.message)) m.messages.push(d.message);
      }
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

  // Selects [start, end), scrolls the textarea so the selection sits about a third from the top
  // (the offset is measured on an off-screen copy of the box: textareaOffset in shared.js), then
  // scrolls the page so that line is on screen: on a phone the text is far above the findings.
  // The backdrop marks the range too, so it stays visible while the focus is elsewhere.
  function selectSpan(span, { focus = true } = {}) {
    const ta = els.textarea;
    const len = ta.value.length;
    const start = Math.max(0, Math.min(len, Number(span.start) || 0));
    const end = Math.max(start, Math.min(len, Number(span.end) || 0));
    if (focus) ta.focus({ preventScroll: true });
    ta.setSelectionRange(start, end);
    const y = offsetOfIndex(ta, start);
    ta.scrollTop = Math.max(0, y - ta.clientHeight / 3);
    syncBackdropScroll();
    const at = marks.findIndex((m) => m.start === start && m.end === end);
    currentMark = at;
    renderBackdrop({ start, end });
    const cs = getComputedStyle(ta);
    const line = parseFloat(cs.lineHeight) || 24;
    const top = ta.getBoundingClientRect().top + ta.clientTop + (parseFloat(cs.paddingTop) || 0) + y - ta.scrollTop;
    const view = window.innerHeight || document.documentElement.clientHeight;
    if (top < line || top > view - 2 * line) window.scrollBy(0, top - view / 3);
    showNoteAtCaret();
  }

  // ---------------------------------------------------------------------------------------------
  // The editor: line numbers and the findings drawn behind the (transparent) textarea
  // ---------------------------------------------------------------------------------------------

  // The findings that point into the text, in text order; errors and warnings only. A finding
  // about many lines (a table that could not be read, a thin section) is underlined on its first
  // line with text, its heading or the table's first row: underlining every line of it drew a
  // table in dashed pieces and hid the findings inside it. Its own range is still what a click on
  // the finding selects.
  function marksOf(result) {
    const text = els.textarea.value;
    const len = text.length;
    const out = [];
    shownDiagnostics(result).forEach((d, index) => {
      if (!d.span || (d.severity !== "error" && d.severity !== "warning")) return;
      let start = Number(d.span.start);
      let end = Number(d.span.end);
      if (!(start >= 0 && end > start && end <= len)) return;
      const firstLine = firstLineWithText(text, start, end);
      if (firstLine) [start, end] = firstLine;
      const line = typeof d.span.line === "number" ? d.span.line + newlines(text, Number(d.span.start), start) : d.span.line;
      out.push({ start, end, severity: d.severity, message: d.message || d.code, line, index });
    });
    // The likely wrong number itself, where a finding names it.
    shownDiagnostics(result).forEach((d, index) => {
      const sug = d.suggestion;
      const cell = sug && cellOf(sug.table, sug.row, sug.column);
      if (!cell || !cell.span) return;
      const start = Number(cell.span.start);
      const end = Number(cell.span.end);
      if (!(start >= 0 && end > start && end <= len) || out.some((m) => m.start === start && m.end === end)) return;
      const raw = cell.raw || String(cell.value);
      out.push({ start, end, severity: "error", message: "“" + raw + "”很可能应为 " + sug.value + "（" + d.message + "）", line: cell.span.line, index });
    });
    return out.sort((a, b) => a.start - b.start || b.end - a.end);
  }

  // [start, end) of the first line of [from, to) that has text, or null when [from, to) is one line.
  function firstLineWithText(text, from, to) {
    if (text.indexOf("\n", from) < 0 || text.indexOf("\n", from) >= to) return null;
    for (let a = from; a < to; ) {
      let b = text.indexOf("\n", a);
      if (b < 0 || b > to) b = to;
      if (text.slice(a, b).trim() !== "") return [a, b];
      a = b + 1;
    }
    return null;
  }

  // The backdrop holds the same text as the textarea, line by line (each line numbered in the
  // gutter, wrapped exactly as the textarea wraps it), with the findings' ranges as underlined
  // spans and `current` (the range last gone to) highlighted. Its own text is transparent.
  function renderBackdrop(current) {
    const text = els.textarea.value;
    const lines = text.split("\n");
    const frag = document.createDocumentFragment();
    let offset = 0;
    let k = 0; // the first mark that may touch this line
    const cur = current || (currentMark >= 0 && marks[currentMark]) || null;
    lines.forEach((line, i) => {
      const lineEnd = offset + line.length;
      const div = el("div", "ln");
      div.dataset.n = String(i + 1);
      // Boundaries inside the line: mark starts/ends and the current range.
      const ranges = [];
      while (k < marks.length && marks[k].end <= offset) k++;
      for (let j = k; j < marks.length && marks[j].start < lineEnd + 1; j++) {
        if (marks[j].end > offset) ranges.push({ s: marks[j].start, e: marks[j].end, cls: "mk mk-" + marks[j].severity, mark: j });
      }
      if (cur && cur.end > offset && cur.start <= lineEnd) ranges.push({ s: cur.start, e: Math.max(cur.end, cur.start + 1), cls: "mk-current" });
      if (ranges.length === 0) {
        div.textContent = line === "" ? "\u200b" : line;
      } else {
        const cuts = new Set([offset, lineEnd]);
        for (const r of ranges) {
          cuts.add(Math.max(offset, Math.min(lineEnd, r.s)));
          cuts.add(Math.max(offset, Math.min(lineEnd, r.e)));
        }
        const points = [...cuts].sort((a, b) => a - b);
        for (let p = 0; p + 1 < points.length; p++) {
          const a = points[p];
          const b = points[p + 1];
          const piece = text.slice(a, b);
          const over = ranges.filter((r) => r.s < b && r.e > a);
          if (over.length === 0) {
            div.append(document.createTextNode(piece));
            continue;
          }
          const span = el("span", over.map((r) => r.cls).join(" "), piece);
          const m = over.find((r) => r.mark !== undefined);
          if (m) span.dataset.mark = String(m.mark);
          if (over.some((r) => r.cls === "mk-current")) span.id = "current-mark";
          div.append(span);
        }
        if (line === "" && !div.firstChild) div.textContent = "\u200b";
      }
      frag.append(div);
      offset = lineEnd + 1;
    });
    els.backdropText.replaceChildren(frag);
    els.editor.dataset.lines = String(lines.length);
    els.markSteps.hidden = marks.length === 0;
    els.editor.classList.toggle("wide-gutter", lines.length >= 1000);
    syncBackdropBox();
  }

  // The backdrop covers the textarea's inner box (without its scrollbar) and scrolls with it.
  function syncBackdropBox() {
    const ta = els.textarea;
    const b = els.backdrop;
    b.style.top = ta.offsetTop + ta.clientTop + "px";
    b.style.left = ta.offsetLeft + ta.clientLeft + "px";
    b.style.width = ta.clientWidth + "px";
    b.style.height = ta.clientHeight + "px";
    syncBackdropScroll();
  }

  function syncBackdropScroll() {
    els.backdrop.scrollTop = els.textarea.scrollTop;
    els.backdrop.scrollLeft = els.textarea.scrollLeft;
  }

  // The message of the finding under the pointer, shown beside it.
  function handleEditorHover(e) {
    const hit = document.elementsFromPoint(e.clientX, e.clientY).find((n) => n.dataset && n.dataset.mark !== undefined);
    const m = hit && marks[Number(hit.dataset.mark)];
    if (!m) {
      els.markTip.hidden = true;
      return;
    }
    els.markTip.textContent = SEVERITY_LABELS[m.severity] + "：" + m.message;
    els.markTip.dataset.severity = m.severity;
    els.markTip.hidden = false;
    const r = hit.getBoundingClientRect();
    const pane = els.markTip.offsetParent ? els.markTip.offsetParent.getBoundingClientRect() : { left: 0, top: 0 };
    els.markTip.style.left = Math.max(0, r.left - pane.left) + "px";
    els.markTip.style.top = r.bottom - pane.top + 4 + "px";
  }

  // The message of the finding at the caret, below the editor (and read with the textarea).
  function showNoteAtCaret() {
    const ta = els.textarea;
    const at = ta.selectionStart;
    const m = marks.find((x) => x.start <= at && at <= x.end) || null;
    els.markNote.hidden = !m;
    if (m) {
      els.markNote.textContent = "第 " + m.line + " 行 · " + SEVERITY_LABELS[m.severity] + "：" + m.message;
      els.markNote.dataset.severity = m.severity;
    }
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
    downloadFile(json + "\n", exportName(lastResult.source && lastResult.source.name ? lastResult.source.name : currentFileName, "json"), "application/json");
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
