// The reviewer's desk: many reports at once, as a 政务公开办 reviewer checks a county's 40
// department reports. One row per file (agency, year, level, verdict, counts), sorted and
// filtered in place; a row opens its report in the page's full view and 返回列表 comes back with
// the table as it was. Consecutive years of one agency are paired by the core (wasm `Batch`, the
// CLI's pairing), so that the later year carries the cross-year findings. Exports: the table as
// the CLI's summary CSV (the core gives its header and rows) and each report's 意见书.
//
// A declaration only, like shared.js: build.mjs puts it in the page's bundle before app.js, which
// calls createReviewerDesk once with its hooks (see "Reviewer's desk hook" in app.js). Text from
// files reaches the DOM only through textContent.

/**
 * hooks: ready() → whether the checker is loaded; options() → the page's check options;
 * open({ name, result, ms }) → shows one checked report (checked in `ms`) in the full view;
 * current() → { name, result } of the full view now (edited since, or another file dropped).
 */
function createReviewerDesk(hooks) {
  const $ = (id) => document.getElementById(id);
  const els = {
    desk: $("desk"),
    status: $("desk-status"),
    filter: $("desk-filter"),
    verdict: $("desk-verdict"),
    sort: $("desk-sort"),
    csv: $("desk-csv"),
    close: $("desk-close"),
    table: $("desk-table"),
    body: $("desk-rows"),
    back: $("desk-back"),
    backButton: $("desk-back-button"),
    backName: $("desk-back-name"),
    opinion: $("desk-opinion"),
    roster: $("desk-roster"),
  };
  // The order of the verdicts when sorting by them: the worst first.
  const VERDICT_RANK = { input: 0, errors: 1, "not-report": 2, warnings: 3, ok: 4 };
  let entries = []; // { index, name, result, verdict, row, previous }
  let summary = null; // { header, rows } of the core
  let sort = { key: "index", dir: 1 };
  let opened = null;
  let checkedAt = new Date();
  let lastFiles = null; // the files of the table, checked again when a roster is chosen
  let roster = null; // { name, text } of the roster CSV (agencies expected to report)

  // A folder picker beside the page's file picker (webkitdirectory: every file under the folder).
  const folderPick = el("span", "file-pick");
  folderPick.append(el("span", "button", "选择文件夹…"));
  folderPick.firstChild.setAttribute("aria-hidden", "true");
  const folderInput = el("input");
  folderInput.type = "file";
  folderInput.id = "folder";
  folderInput.multiple = true;
  folderInput.webkitdirectory = true;
  folderInput.setAttribute("aria-label", "选择一个文件夹，检查其中全部报告");
  folderPick.append(folderInput);
  const filePick = document.querySelector(".file-pick");
  if (filePick) filePick.after(folderPick);
  folderInput.addEventListener("change", () => {
    const files = Array.from(folderInput.files || [])
      .map((file) => ({ file, name: file.webkitRelativePath || file.name }))
      .filter((f) => !f.name.split("/").some(hiddenName))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    folderInput.value = "";
    if (files.length) checkAll(files);
  });

  for (const th of els.table.querySelectorAll("th[data-sort]")) {
    const button = el("button", "desk-sort", th.textContent);
    button.type = "button";
    th.textContent = "";
    th.append(button);
    button.addEventListener("click", () => sortBy(th.dataset.sort));
  }
  els.filter.addEventListener("input", applyFilter);
  els.verdict.addEventListener("change", applyFilter);
  // The same sorts as the column headers, for phones (where rows are cards without a header row).
  els.sort.addEventListener("change", () => {
    const [key, dir] = els.sort.value.split(":");
    sort = { key, dir: Number(dir) || 1 };
    arrange();
  });
  els.csv.addEventListener("click", exportCsv);
  // A roster: the table is checked again with it, and each agency on it with no report gets a
  // row of its own (batch.report_missing), as the CLI's --roster.
  els.roster.addEventListener("change", async () => {
    const file = els.roster.files && els.roster.files[0];
    if (!file) return;
    roster = { name: file.name, text: await file.text() };
    if (lastFiles) checkAll(lastFiles);
  });
  els.close.addEventListener("click", closeDesk);
  els.backButton.addEventListener("click", backToList);
  // The full view's 意见书 is of what it shows now, edits included.
  els.opinion.addEventListener("click", () => {
    const now = hooks.current();
    if (now && now.result) exportOpinion({ name: now.name || (opened && opened.name) || "", result: now.result });
  });
  document.addEventListener("nianbao-checked", () => {
    const now = hooks.current();
    if (!els.back.hidden && now && now.name) els.backName.textContent = backLabel(now.name);
  });
  els.body.addEventListener("click", (e) => {
    const tr = e.target.closest("tr[data-index]");
    if (tr && !e.target.closest(".desk-opinion")) openEntry(entries[Number(tr.dataset.index)]);
  });

  // Files of a drop: folders are walked (DataTransferItem.webkitGetAsEntry), hidden files and
  // Word's lock files skipped as the CLI does. Entries must be taken during the drop event.
  async function filesOfDrop(dataTransfer) {
    const items = Array.from(dataTransfer.items || []).filter((i) => i.kind === "file");
    const roots = items.map((i) => (typeof i.webkitGetAsEntry === "function" ? i.webkitGetAsEntry() : null));
    if (!roots.length || roots.some((r) => !r)) return Array.from(dataTransfer.files || []).map((file) => ({ file, name: file.name }));
    const out = [];
    async function walk(entry, path) {
      if (hiddenName(entry.name)) return;
      if (entry.isFile) {
        try {
          out.push({ file: await new Promise((ok, fail) => entry.file(ok, fail)), name: path + entry.name });
        } catch (err) {
          out.push({ file: null, name: path + entry.name, reason: "浏览器无法读取这个文件：" + errorText(err) });
        }
      } else if (entry.isDirectory) {
        const reader = entry.createReader();
        const children = [];
        for (;;) {
          const batch = await new Promise((ok, fail) => reader.readEntries(ok, fail)).catch(() => []);
          if (!batch.length) break;
          children.push(...batch);
        }
        children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const child of children) await walk(child, path + entry.name + "/");
      }
    }
    for (const r of roots) await walk(r, "");
    return out;
  }

  /** Whether a drop is for the desk (two files or more, or a folder); if so it is taken. */
  function takeDrop(e) {
    const dt = e.dataTransfer;
    if (!dt) return false;
    const items = Array.from(dt.items || []).filter((i) => i.kind === "file");
    const entries = items.map((i) => (typeof i.webkitGetAsEntry === "function" ? i.webkitGetAsEntry() : null));
    const many = items.length >= 2 || (dt.files && dt.files.length >= 2) || entries.some((x) => x && x.isDirectory);
    if (!many) return false;
    e.preventDefault();
    // webkitGetAsEntry only works during the event: the walk starts from the entries taken now.
    const taken = { items: items.map((item, k) => ({ kind: "file", webkitGetAsEntry: () => entries[k] })), files: dt.files };
    filesOfDrop(taken).then(checkAll);
    return true;
  }

  /** Files picked with the page's picker (`multiple`): two or more go to the desk. */
  function takeFiles(fileList) {
    const files = Array.from(fileList || []);
    if (files.length < 2) return false;
    checkAll(files.map((file) => ({ file, name: file.name })));
    return true;
  }

  // Hidden files and folders (.git, .DS_Store) and Word's lock files (~$报告.docx), as the CLI skips them.
  function hiddenName(name) {
    return name.startsWith(".") || name.startsWith("~$");
  }

  const pause = () => new Promise((ok) => setTimeout(ok, 0));

  async function checkAll(files) {
    if (!hooks.ready()) {
      showDesk();
      els.status.textContent = "检查器尚未加载完成，请稍候再试。";
      return;
    }
    const t0 = performance.now();
    showDesk();
    lastFiles = files;
    let rosterError = "";
    entries = [];
    opened = null;
    els.body.textContent = "";
    checkedAt = new Date();
    let batch;
    try {
      batch = new wasm_bindgen.Batch(hooks.options());
    } catch (err) {
      els.status.textContent = describeCallError(err).message;
      return;
    }
    try {
      for (let i = 0; i < files.length; i++) {
        const f = files[i];
        const tFile = performance.now();
        let result;
        if (!f.file) {
          result = batch.add_unreadable(f.name, f.reason || "浏览器无法读取这个文件");
        } else {
          let bytes = null;
          try {
            bytes = await toBytes(f.file);
          } catch (err) {
            result = batch.add_unreadable(f.name, "浏览器无法读取这个文件：" + errorText(err));
          }
          if (bytes) result = batch.add(f.name, bytes);
        }
        entries.push({ index: i, name: f.name, result, previous: "", ms: performance.now() - tFile });
        if (i % 8 === 7) {
          els.status.textContent = "正在检查 " + (i + 1) + " / " + files.length + " …";
          await pause();
        }
      }
      for (const p of batch.pair()) {
        entries[p.current].result = p.result;
        entries[p.current].previous = entries[p.previous].name;
      }
      // Copying between agencies and identical tables, and the roster's agencies with no
      // report (the CLI's region review).
      let reviewed;
      try {
        reviewed = batch.review(roster ? roster.text : undefined);
      } catch (err) {
        rosterError = "名单“" + roster.name + "”无法使用：" + describeCallError(err).message;
        roster = null;
        els.roster.value = "";
        reviewed = batch.review(undefined);
      }
      for (const r of reviewed.changed) entries[r.index].result = r.result;
      for (const m of reviewed.missing) {
        const result = {
          document: { agency: m.name, is_annual_report: true },
          diagnostics: [m.finding],
          sections: [],
          tables: [],
          text: "",
        };
        entries.push({ index: entries.length, name: "（未报送）", result, previous: "", ms: 0, missing: true });
      }
      summary = batch.summary();
    } finally {
      batch.free();
    }
    for (const e of entries) {
      e.verdict = summarise(e.result);
      if (e.missing) e.verdict.line = "没有年度报告（名单中有）";
    }
    renderRows();
    const ms = performance.now() - t0;
    window.nianbaoDeskMs = ms;
    const n = entries.filter((e) => !e.missing).length;
    const missing = entries.length - n;
    const paired = entries.filter((e) => e.previous).length;
    els.status.textContent =
      "已检查 " + n + " 个文件" + (paired ? "，其中 " + paired + " 份已与同一机关上一年度的报告对照" : "") +
      (roster ? "；名单“" + roster.name + "”中 " + missing + " 个机关没有报告" : "") +
      (rosterError ? "；" + rosterError : "") +
      " · 用时 " + Math.round(ms) + " 毫秒";
    document.dispatchEvent(new CustomEvent("nianbao-desk-checked"));
  }

  function cellsOf(e) {
    const d = e.result.document || {};
    const unread = e.verdict.kind === "input";
    return {
      name: e.name,
      agency: d.agency || "",
      year: d.year || "",
      level: LEVEL_LABELS[d.agency_level] || "",
      verdict: e.verdict.line,
      errors: unread ? "" : e.verdict.counts.errors,
      warnings: unread ? "" : e.verdict.counts.warnings,
    };
  }

  function renderRows() {
    els.body.textContent = "";
    for (const e of entries) {
      const c = cellsOf(e);
      const tr = el("tr");
      tr.dataset.index = String(e.index);
      tr.dataset.kind = e.verdict.kind;
      const first = el("th");
      first.scope = "row";
      const open = el("button", "desk-open", c.name);
      open.type = "button";
      open.setAttribute("aria-label", "打开 " + c.name + "：" + c.verdict);
      first.append(open);
      if (e.previous) first.append(el("span", "desk-note", "已对照上年：" + e.previous.replace(/^.*\//, "")));
      // data-label: the column's name, shown beside the value where the rows become cards (phones).
      const cell = (className, text, label) => {
        const td = el("td", className, text);
        td.dataset.label = label;
        return td;
      };
      const verdict = cell("desk-verdict-cell", c.verdict, "结论");
      verdict.dataset.kind = e.verdict.kind;
      tr.append(first, cell("", c.agency, "机关"), cell("num", c.year, "年度"), cell("", c.level, "层级"));
      tr.append(verdict, cell("num", c.errors, "错误"), cell("num", c.warnings, "提醒"));
      const actions = el("td");
      const opinion = el("button", "button desk-opinion", "意见书");
      opinion.type = "button";
      opinion.setAttribute("aria-label", c.name + " 的意见书");
      opinion.addEventListener("click", () => exportOpinion(e));
      actions.append(opinion);
      tr.append(actions);
      e.row = tr;
    }
    arrange();
  }

  function sortBy(key) {
    sort = sort.key === key ? { key, dir: -sort.dir } : { key, dir: 1 };
    // The menu shows the same sort when it has it, else nothing chosen.
    const value = key + (sort.dir < 0 ? ":-1" : "");
    const option = Array.from(els.sort.options).find((o) => o.value === value);
    if (option) els.sort.value = value;
    else els.sort.selectedIndex = -1;
    arrange();
  }

  function sortValue(e, key) {
    if (key === "index") return e.index;
    if (key === "verdict") return VERDICT_RANK[e.verdict.kind] ?? 9;
    const v = cellsOf(e)[key];
    return v === "" ? null : v;
  }

  // Rows in the order of the chosen column (empty values last), then filtered.
  function arrange() {
    const ordered = entries.slice().sort((a, b) => {
      const x = sortValue(a, sort.key);
      const y = sortValue(b, sort.key);
      if (x === null || y === null) return x === y ? a.index - b.index : x === null ? 1 : -1;
      const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "zh-CN");
      return c * sort.dir || a.index - b.index;
    });
    for (const th of els.table.querySelectorAll("th[data-sort]")) {
      if (th.dataset.sort === sort.key) th.setAttribute("aria-sort", sort.dir > 0 ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    }
    els.body.append(...ordered.map((e) => e.row));
    applyFilter();
  }

  /** The rows as shown: in the table's order, without those the filters hide. */
  function shownEntries() {
    return Array.from(els.body.children)
      .filter((tr) => !tr.hidden)
      .map((tr) => entries[Number(tr.dataset.index)]);
  }

  function applyFilter() {
    const words = els.filter.value.trim().toLowerCase();
    const kind = els.verdict.value;
    let shown = 0;
    for (const e of entries) {
      const c = cellsOf(e);
      const text = [c.name, c.agency, c.year, c.level, c.verdict].join(" ").toLowerCase();
      const visible = (!words || text.includes(words)) && (kind === "all" || e.verdict.kind === kind);
      e.row.hidden = !visible;
      if (visible) shown++;
    }
    els.table.dataset.shown = String(shown);
    const caption = els.table.querySelector("caption");
    if (caption) caption.textContent = "共 " + entries.length + " 个文件" + (shown < entries.length ? "，显示 " + shown + " 个" : "");
  }

  function exportCsv() {
    if (!summary) return;
    const lines = [csvRecord(summary.header)].concat(shownEntries().map((e) => csvRecord(summary.rows[e.index])));
    downloadFile("\ufeff" + lines.join(""), "nianbao-汇总-" + isoDate(checkedAt) + ".csv", "text/csv;charset=utf-8");
  }

  function exportOpinion(e) {
    const html = opinionDocument(e.result, e.name, checkedAt);
    downloadFile(html, exportName("意见书-" + e.name.replace(/^.*\//, ""), "html"), "text/html;charset=utf-8");
  }

  function showDesk() {
    document.body.dataset.view = "desk";
    els.desk.hidden = false;
    els.back.hidden = true;
  }

  function openEntry(e) {
    if (!e) return;
    opened = e;
    document.body.dataset.view = "report";
    els.desk.hidden = true;
    els.back.hidden = false;
    hooks.open({ name: e.name, result: e.result, ms: e.ms });
    els.backName.textContent = backLabel(e.name);
    els.backButton.focus();
  }

  function backLabel(name) {
    return name + (opened && opened.previous && name === opened.name ? "（已对照上年：" + opened.previous + "）" : "");
  }

  function backToList() {
    const row = opened && opened.row;
    showDesk();
    const button = row && row.querySelector(".desk-open");
    if (button) button.focus();
  }

  function closeDesk() {
    delete document.body.dataset.view;
    els.desk.hidden = true;
    els.back.hidden = true;
    entries = [];
    summary = null;
    opened = null;
  }

  return { takeDrop, takeFiles };
}
