// The page in a real browser (Debian's chromium, driven by playwright-core): paste, drop, click,
// the single file from file://, hostile report text, a wasm-blocking CSP, and not one network
// request through all of it. Inputs come from tests/browser_inputs.rs (cargo test writes them).

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

import { dist as distDir, drop, fixture, input, paste, root, start } from "./harness.mjs";

const dist = join(distDir, "index.html");
const shots = join(root, "target", "screenshots");
let browser;
let base;

before(async () => {
  const html = readFileSync(dist, "utf8");
  // The same page with 'wasm-unsafe-eval' taken out of its CSP: the page must say why it stops.
  const noWasm = html.replace(" 'wasm-unsafe-eval'", "");
  assert.notEqual(noWasm, html);
  browser = await start({ "/no-wasm.html": { body: noWasm } });
  base = browser.base;
  mkdirSync(shots, { recursive: true });
});

after(() => browser?.stop());

const open = (url = base, { ready = true } = {}) => browser.open(url, { ready: ready ? "body[data-state=ready]" : undefined });

const textareaValue = (page) => page.$eval("textarea", (t) => t.value);
const count = (page, selector) => page.$$eval(selector, (els) => els.length);

test("pasting a seed report shows its coverage and findings", async () => {
  const { page, context, errors } = await open();
  await paste(page, { "text/plain": fixture("seeds/jilin-kjj-2019.txt") });
  assert.equal(await count(page, '[data-section="overview"][data-status="present"]'), 1);
  assert.equal(await count(page, '[data-section="other"][data-status="missing"]'), 1);
  assert.equal(await count(page, '[data-status="present"]'), 5);
  assert.equal(await count(page, '[data-code="section.missing"]'), 1);
  assert.equal(await count(page, '[data-code="table.missing"]'), 2);
  assert.equal(await count(page, '[data-cell^="active/20.1.normative_documents/"]'), 3);
  assert.match(await page.textContent("body"), /发现 3 个错误/);
  const result = await page.evaluate(() => window.nianbaoLastResult);
  assert.equal(result.document.agency, "吉林市科技局");
  assert.deepEqual(errors, []);
  await context.close();
});

test("pasted HTML with a wrong total marks that cell and shows the expected value", async () => {
  const manifest = JSON.parse(input("manifest.json"));
  const { page, context, errors } = await open();
  await paste(page, { "text/html": input("wrong-total.html").toString("utf8"), "text/plain": "（纯文本）" });
  const cell = page.locator(`[data-cell="${manifest.wrong_total.cell}"]`);
  assert.match(await cell.getAttribute("class"), /\bbad\b/);
  assert.match(await cell.textContent(), new RegExp(String(manifest.wrong_total.expected)));
  // The table arrived as a table: the textarea holds its rows, not the markup.
  const text = await textareaValue(page);
  assert.match(text, /（七）总计 \| /);
  assert.doesNotMatch(text, /<td|<table/);
  assert.equal(await count(page, '[data-code="table.column_sum"]'), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test("dropping a .docx and a GB18030 .txt checks each", async () => {
  const manifest = JSON.parse(input("manifest.json"));
  const { page, context, errors } = await open();
  await drop(page, "年报.docx", input("report.docx"));
  let text = await textareaValue(page);
  assert.ok(text.includes(`${manifest.agency}${manifest.year}年政府信息公开工作年度报告`), text.slice(0, 200));
  assert.ok(text.startsWith(`${manifest.agency}`));
  assert.match(text, /^一、总体情况$/m, "Word's list number is written out");
  assert.equal(await count(page, '[data-status="present"]'), 6);
  assert.equal(await count(page, '[data-cell^="applications/"]'), 175);
  let result = await page.evaluate(() => window.nianbaoLastResult);
  assert.equal(result.summary.errors, 0);

  await drop(page, "年报-gbk.txt", input("report-gb18030.txt"));
  text = await textareaValue(page);
  assert.ok(text.includes(manifest.agency), "GB18030 decoded by the browser");
  result = await page.evaluate(() => window.nianbaoLastResult);
  assert.equal(result.source.encoding, "GB18030");
  assert.equal(result.summary.errors, 0);

  // A broken PDF: a visible Chinese message, and the report text stays.
  await drop(page, "scan.pdf", Buffer.from("%PDF-1.7\n1 0 obj\n"));
  assert.match(await page.textContent("body"), /PDF/);
  assert.equal(await textareaValue(page), text);
  assert.deepEqual(errors, []);
  await context.close();
});

test("dropping the real 淮安 PDF reads it in the page, tables from their rules", async () => {
  const { page, context, errors } = await open();
  const pdf = readFileSync(join(root, "tests", "fixtures", "real", "huaian-szf-2024.pdf"));
  await drop(page, "淮安.pdf", pdf);
  const text = await textareaValue(page);
  assert.ok(text.startsWith("淮安市人民政府\n2024年政府信息公开工作年度报告\n"), text.slice(0, 100));
  assert.ok(text.includes("\n72 | 64 | 178 | 37 | 351 | 13 | 4 | 8 | 1 | 26 | 12 | 1 | 1 | 6 | 20\n"));
  const result = await page.evaluate(() => window.nianbaoLastResult);
  assert.equal(result.source.format, "pdf");
  assert.equal(result.summary.errors, 0);
  assert.equal(await count(page, '[data-status="present"]'), 6);
  // The check itself, in the page's wasm: read the PDF, check the report (median of 5).
  const ms = await page.evaluate((b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const times = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      wasm_bindgen.check_bytes(bytes, { name: "淮安.pdf" });
      times.push(performance.now() - t0);
    }
    return times.sort((a, b) => a - b)[2];
  }, pdf.toString("base64"));
  console.log(`淮安 PDF (6 pages) read and checked in the page: median ${ms.toFixed(1)} ms`);
  // An encrypted copy (AES-256, owner password only) reads the same.
  await drop(page, "淮安-aes.pdf", readFileSync(join(root, "tests", "fixtures", "generated", "huaian-aes-256.pdf")));
  assert.equal(await textareaValue(page), text);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the page stays within its size budget: 400 KB gzipped", () => {
  const size = gzipSync(readFileSync(join(distDir, "index.html")), { level: 9 }).length;
  console.log(`index.html gzip ${(size / 1024).toFixed(1)} KB`);
  assert.ok(size <= 400 * 1024, `index.html is ${(size / 1024).toFixed(1)} KB gzipped`);
});

// Two files or more dropped together go to the reviewer's table, which pairs consecutive years:
// tests/browser/desk.test.mjs.

test("the grid, the facts and the era selector are labelled from the core's formats()", async () => {
  const { page, context, errors } = await open();
  await drop(page, "年报.docx", input("report.docx"));
  const seen = await page.evaluate(() => {
    const formats = wasm_bindgen.formats();
    const result = window.nianbaoLastResult;
    const table = result.tables.find((t) => t.id === "applications");
    const era = formats.eras.find((e) => e.id === table.variant);
    const spec = era.tables.find((t) => t.id === "applications");
    const rows = spec.blocks.flatMap((b) => b.rows);
    const columns = spec.blocks.flatMap((b) => b.columns);
    const rowHeader = (row) => document.querySelector(`[data-cell^="applications/${row}/"]`).closest("tr").querySelector("th.row-label");
    const grid = document.querySelector('[data-table="applications"] table');
    return {
      eras: formats.eras.map((e) => [e.id, e.label]),
      options: [...document.querySelectorAll("#era option")].map((o) => [o.value, o.textContent]),
      docEra: formats.eras.find((e) => e.id === result.document.era).label,
      facts: document.querySelector("#facts").textContent,
      rows: rows.filter((r) => document.querySelector(`[data-cell^="applications/${r.id}/"]`)).map((r) => ({ want: r.short, full: r.label, shown: rowHeader(r.id).textContent, title: rowHeader(r.id).title })),
      groups: spec.row_groups.map((g) => g.label),
      groupRows: [...grid.querySelectorAll("tr.group-row")].map((tr) => tr.textContent),
      columns: columns.map((c) => c.short),
      columnHeads: [...grid.querySelectorAll("th.col-label")].map((th) => th.textContent),
      columnGroups: spec.column_groups.map((g) => g.label),
      columnGroupHeads: [...grid.querySelectorAll("th.col-group")].map((th) => th.textContent),
      title: spec.title,
      shownTitle: document.querySelector('[data-table="applications"] .stat-title').firstChild.textContent,
      variant: document.querySelector('[data-table="applications"] .stat-variant').textContent,
      variantLabel: era.label,
    };
  });
  assert.ok(seen.eras.length >= 3, JSON.stringify(seen.eras));
  assert.deepEqual(seen.options, [["auto", "自动识别"], ...seen.eras]);
  assert.match(seen.facts, new RegExp(seen.docEra));
  assert.ok(seen.rows.length >= 20, `${seen.rows.length} rows`);
  for (const r of seen.rows) {
    assert.equal(r.shown, r.want);
    assert.ok(r.title.endsWith(" · " + r.full), r.title);
  }
  assert.deepEqual(seen.groupRows, seen.groups);
  // Header cells in document order: the two-row ones (自然人, 总计) come before the grouped ones.
  assert.deepEqual([...seen.columnHeads].sort(), [...seen.columns].sort());
  assert.deepEqual(seen.columnGroupHeads, seen.columnGroups);
  assert.equal(seen.shownTitle, seen.title);
  assert.equal(seen.variant, seen.variantLabel);
  assert.deepEqual(errors, []);
  await context.close();
});

test("an era the core does not know gets the core's message, not a blank page", async () => {
  const { page, context, errors } = await open();
  await paste(page, { "text/plain": fixture("seeds/jilin-kjj-2019.txt") });
  assert.match(await page.textContent("#verdict-heading"), /发现 3 个错误/);
  // The selector offers only the core's eras; a stale or edited page could still send another.
  const expected = await page.evaluate(() => {
    const select = document.querySelector("#era");
    const option = document.createElement("option");
    option.value = "2030";
    option.textContent = "2030";
    select.append(option);
    select.value = "2030";
    select.dispatchEvent(new Event("change"));
    try {
      wasm_bindgen.check("某某局2022年政府信息公开工作年度报告", { era: "2030" });
      return null;
    } catch (err) {
      return err.message;
    }
  });
  assert.ok(expected, "check() throws on an unknown era");
  assert.match(expected, /2030/);
  assert.equal(await page.textContent("#banner-title"), expected);
  assert.equal(await page.isVisible("#banner"), true);
  assert.equal(await page.textContent("#verdict-heading"), "未能检查");
  assert.equal(await page.textContent("#verdict-sub"), expected);
  assert.equal(await page.isVisible("#findings-block"), false, "the older result is not shown beside the message");
  assert.equal(await page.getAttribute("body", "data-state"), "ready");

  // Back to 自动识别: checked again, the message goes.
  await page.evaluate(() => {
    const select = document.querySelector("#era");
    select.value = "auto";
    select.dispatchEvent(new Event("change"));
  });
  assert.match(await page.textContent("#verdict-heading"), /发现 3 个错误/);
  assert.equal(await page.isVisible("#banner"), false);
  assert.deepEqual(errors, []);
  await context.close();
});

test("clicking a finding selects the offending characters", async () => {
  const { page, context } = await open();
  const report = fixture("real/huaian-szf-2024-pdftotext.txt").replace("公开申请 3119 件", "公开申请 3118 件");
  await paste(page, { "text/plain": report });
  await page.click('[data-code="text.table_mismatch"]');
  const selected = await page.$eval("textarea", (t) => t.value.slice(t.selectionStart, t.selectionEnd));
  assert.equal(selected, "3118 件");
  const focused = await page.evaluate(() => document.activeElement?.tagName);
  assert.equal(focused, "TEXTAREA");
  await context.close();
});

test("report text with markup is shown as text, never run", async () => {
  const { page, context, errors } = await open();
  await drop(page, "hostile.txt", input("hostile.txt"));
  assert.match(await textareaValue(page), /<script>window.__xss = 1<\/script>/);
  await paste(page, { "text/plain": input("hostile.txt").toString("utf8") });
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await count(page, 'img[src="x"]'), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the single file works opened from disk", async () => {
  const { page, context, errors } = await open(pathToFileURL(dist).href);
  await paste(page, { "text/plain": fixture("seeds/zhangdian-kjj-2012-traditional-pinyin.txt") });
  assert.equal(await count(page, '[data-status="present"]'), 6);
  const result = await page.evaluate(() => window.nianbaoLastResult);
  assert.equal(result.document.agency, "张店区科学技术局");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a CSP without wasm-unsafe-eval gets an explanation, not a blank page", async () => {
  const { page, context } = await open(base + "no-wasm.html", { ready: false });
  await page.waitForSelector("body[data-state=error]", { timeout: 15000 });
  assert.match(await page.textContent("body"), /wasm-unsafe-eval/);
  await context.close();
});

test("sample, timings and screenshots", async () => {
  const { page, context, errors } = await open();
  const readyMs = await page.evaluate(() => window.nianbaoReadyMs);
  await page.getByRole("button", { name: "示例报告" }).click();
  await page.waitForFunction(() => window.nianbaoLastResult?.document?.agency === "淮安市人民政府");
  await page.screenshot({ path: join(shots, "page.png"), fullPage: true });
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: join(shots, "print.png"), fullPage: true });
  await page.emulateMedia({ media: "screen" });

  const long = input("report-30kb.txt").toString("utf8");
  const timings = [];
  for (let i = 0; i < 5; i++) {
    // A paste replaces the selection: select all, so each check is of the 30 KB report alone.
    await page.$eval("textarea", (t) => t.select());
    await paste(page, { "text/plain": i % 2 ? long : long + " " });
    timings.push(await page.evaluate(() => window.nianbaoLastCheckMs));
  }
  timings.sort((a, b) => a - b);
  console.log(`page ready ${readyMs.toFixed(0)} ms; check of a ${(long.length / 1024).toFixed(0)}K-character report: median ${timings[2].toFixed(1)} ms`);
  assert.deepEqual(errors, []);
  await context.close();
});

test("typing checks live, and the result exports as JSON", async () => {
  const { page, context, errors } = await open();
  await page.click("textarea");
  const checked = page.evaluate(() => new Promise((done) => document.addEventListener("nianbao-checked", done, { once: true })));
  await page.keyboard.type("某某局2022年政府信息公开工作年度报告\n一、总体情况\n", { delay: 5 });
  await checked;
  await page.waitForFunction(() => window.nianbaoLastResult?.document?.agency === "某某局");
  assert.equal(await count(page, '[data-section="overview"][data-status="present"]'), 1);
  assert.equal(await count(page, '[data-section="other"][data-status="missing"]'), 1);

  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
  assert.equal(download.suggestedFilename(), "nianbao-result.json");
  const exported = JSON.parse(readFileSync(await download.path(), "utf8"));
  assert.equal(exported.schema_version, 1);
  assert.equal(exported.document.year, 2022);
  assert.deepEqual(errors, []);
  await context.close();
});

test("not one network request was made", () => {
  const file = pathToFileURL(dist).href;
  const allowed = (url) => url === base || url === base + "no-wasm.html" || url === file || url.startsWith("data:");
  assert.ok(browser.requests.length >= 8, `pages were loaded (${browser.requests.length} requests seen)`);
  assert.deepEqual(browser.requests.filter((u) => !allowed(u)), []);
});
