// The reviewer's desk of the page (www/reviewer.js) in a real browser, on the real reports of
// tests/fixtures: many files dropped or picked (a folder too) give one row each, rows sort, filter,
// open in the full view and come back; consecutive years pair; the table exports as the CLI's
// summary CSV and each report as a 意见书; 40 reports are checked in well under the bound; axe-core
// finds nothing; and not one network request is made.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { input, root, start, www } from "./harness.mjs";

const real = join(root, "tests", "fixtures", "real");
const shots = join(root, "target", "screenshots");
const realFile = (name) => readFileSync(join(real, name));
let browser;
let base;

before(async () => {
  browser = await start();
  base = browser.base;
  mkdirSync(shots, { recursive: true });
});

after(() => browser?.stop());

const open = (options = {}) => browser.open(base, { ready: "body[data-state=ready]", ...options });

/** Drops files ([name, bytes]) on the page together and waits for the desk's table. */
async function dropMany(page, files) {
  await page.evaluate(
    (files) =>
      new Promise((done) => {
        document.addEventListener("nianbao-desk-checked", () => done(), { once: true });
        const dt = new DataTransfer();
        for (const [name, bytes] of files) dt.items.add(new File([new Uint8Array(bytes)], name));
        for (const type of ["dragenter", "dragover", "drop"]) {
          document.querySelector("h1").dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
        }
      }),
    files.map(([n, b]) => [n, [...b]]),
  );
}

/** The rows as shown: [file, agency, year, level, verdict, errors, warnings]. */
const rows = (page) =>
  page.$$eval("#desk-rows tr:not([hidden])", (trs) =>
    trs.map((tr) => [tr.querySelector(".desk-open").textContent, ...[...tr.querySelectorAll("td")].slice(0, 6).map((td) => td.textContent)]),
  );

const THREE = ["huaian-szf-2024.pdf", "pingtan-2022.html", "a-guiyang-szf-2023-page.txt"];

test("three files dropped give three rows: agency, year, level, verdict and counts", async () => {
  const { page, context, errors } = await open();
  await dropMany(page, THREE.map((n) => [n, realFile(n)]));
  assert.equal(await page.isVisible("#desk"), true);
  assert.equal(await page.isVisible("main.layout"), false, "the table replaces the single-report view");
  const shown = await rows(page);
  assert.deepEqual(shown.map((r) => r[0]), THREE);
  const huaian = shown[0];
  assert.equal(huaian[1], "淮安市人民政府");
  assert.equal(huaian[2], "2024");
  assert.equal(huaian[3], "政府");
  for (const r of shown) {
    assert.match(r[4], /错误|提醒|未发现问题/, r.join(" | "));
    assert.match(r[5], /^\d+$/);
    assert.match(r[6], /^\d+$/);
  }
  assert.match(await page.textContent("#desk-status"), /已检查 3 个文件/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a file that cannot be read gets a row with the Chinese reason, never dropped silently", async () => {
  const { page, context, errors } = await open();
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  await dropMany(page, [["扫描件.png", png], ["pingtan-2023.html", realFile("pingtan-2023.html")], ["空.txt", Buffer.alloc(0)]]);
  const shown = await rows(page);
  assert.equal(shown.length, 3);
  const byName = Object.fromEntries(shown.map((r) => [r[0], r]));
  assert.match(byName["扫描件.png"][4], /[\u4e00-\u9fff]/, "a reason in Chinese");
  assert.equal(byName["扫描件.png"][5], "", "no counts for a file that was not checked");
  assert.match(byName["空.txt"][4], /空/);
  await page.selectOption("#desk-verdict", "input");
  assert.deepEqual((await rows(page)).map((r) => r[0]).sort(), ["扫描件.png", "空.txt"].sort());
  assert.deepEqual(errors, []);
  await context.close();
});

test("a picked folder is walked: every report under it, hidden files skipped, sorted by path", async () => {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-desk-"));
  try {
    const folder = join(dir, "县级报告");
    mkdirSync(join(folder, "2023"), { recursive: true });
    mkdirSync(join(folder, "2022"), { recursive: true });
    cpSync(join(real, "pingtan-2023.html"), join(folder, "2023", "pingtan.html"));
    cpSync(join(real, "pingtan-2022.html"), join(folder, "2022", "pingtan.html"));
    cpSync(join(real, "a-qu-tjj-2023-page.txt"), join(folder, "2023", "qu-tjj.txt"));
    writeFileSync(join(folder, ".DS_Store"), "x");
    writeFileSync(join(folder, "2023", "~$pingtan.docx"), "lock");
    const { page, context, errors } = await open();
    const checked = page.evaluate(() => new Promise((done) => document.addEventListener("nianbao-desk-checked", done, { once: true })));
    await page.setInputFiles("#folder", folder);
    await checked;
    const shown = await rows(page);
    assert.deepEqual(
      shown.map((r) => r[0]),
      ["县级报告/2022/pingtan.html", "县级报告/2023/pingtan.html", "县级报告/2023/qu-tjj.txt"],
    );
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a folder dragged onto the page is walked like a picked one (a real drag, through the DevTools protocol)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-drag-"));
  try {
    const folder = join(dir, "平潭");
    mkdirSync(join(folder, "旧"), { recursive: true });
    cpSync(join(real, "pingtan-2022.html"), join(folder, "2022.html"));
    cpSync(join(real, "pingtan-2023.html"), join(folder, "2023.html"));
    cpSync(join(real, "pingtan-2015.html"), join(folder, "旧", "2015.html"));
    writeFileSync(join(folder, ".hidden.txt"), "x");
    const { page, context, errors } = await open();
    const cdp = await context.newCDPSession(page);
    const checked = page.evaluate(() => new Promise((done) => document.addEventListener("nianbao-desk-checked", done, { once: true })));
    const data = { items: [], files: [folder], dragOperationsMask: 1 };
    for (const type of ["dragEnter", "dragOver", "drop"]) await cdp.send("Input.dispatchDragEvent", { type, x: 300, y: 300, data });
    await checked;
    const shown = await rows(page);
    assert.deepEqual(shown.map((r) => r[0]), ["平潭/2022.html", "平潭/2023.html", "平潭/旧/2015.html"]);
    assert.match(await page.textContent('#desk-rows tr[data-index="1"]'), /已对照上年：2022\.html/, "the folder's consecutive years are paired");
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("two years of one agency are paired by the core; the later row opens with its cross-year findings", async () => {
  const manifest = JSON.parse(input("manifest.json"));
  const { page, context, errors } = await open();
  await dropMany(page, [["this.txt", input("pair-this.txt")], ["last.txt", input("pair-last.txt")], ["huaian.pdf", realFile("huaian-szf-2024.pdf")]]);
  assert.match(await page.textContent('#desk-rows tr[data-index="0"]'), /已对照上年：last\.txt/);
  assert.doesNotMatch(await page.textContent('#desk-rows tr[data-index="1"]'), /已对照上年/);
  assert.match(await page.textContent("#desk-status"), /1 份已与同一机关上一年度的报告对照/);
  await page.click('#desk-rows tr[data-index="0"] .desk-open');
  await page.waitForFunction(() => window.nianbaoLastResult?.document?.year);
  const result = await page.evaluate(() => window.nianbaoLastResult);
  assert.equal(result.document.year, manifest.pair.year);
  assert.equal(await page.$$eval('[data-code="crossyear.carry_over"]', (e) => e.length), manifest.pair.carry_over);
  assert.equal(await page.$eval("textarea", (t) => t.value), input("pair-this.txt").toString("utf8"));
  assert.deepEqual(errors, []);
  await context.close();
});

test("one agency's report copied by another: both rows carry the region review's findings; a roster names who did not report", async () => {
  // The real 淮安 report, and the same text published as 宿迁's: copied text and identical tables.
  const huaian = readFileSync(join(root, "tests", "fixtures", "real", "huaian-szf-2024-pdftotext.txt"), "utf8");
  const copy = huaian.replaceAll("淮安", "宿迁");
  const { page, context, errors } = await open();
  await dropMany(page, [["huaian.txt", Buffer.from(huaian)], ["suqian.txt", Buffer.from(copy)], ["pingtan-2022.html", realFile("pingtan-2022.html")]]);
  const shown = await rows(page);
  assert.deepEqual(shown.map((r) => r[1]), ["淮安市人民政府", "宿迁市人民政府", "平潭综合实验区"]);
  await page.click('#desk-rows tr[data-index="1"] .desk-open');
  await page.waitForFunction(() => window.nianbaoLastResult?.document?.agency === "宿迁市人民政府");
  const codes = await page.evaluate(() => window.nianbaoLastResult.diagnostics.map((d) => d.code));
  assert.equal(codes.filter((c) => c === "batch.copied_text").length, 1, codes.join(" "));
  assert.ok(codes.includes("batch.tables_identical"), codes.join(" "));
  const copied = await page.textContent('[data-code="batch.copied_text"]');
  assert.match(copied, /huaian\.txt/, "names the other report");
  // The third report, not copied, gets no region finding.
  await page.click("#desk-back-button");
  await page.click('#desk-rows tr[data-index="2"] .desk-open');
  await page.waitForFunction(() => window.nianbaoLastResult?.document?.agency === "平潭综合实验区");
  const third = await page.evaluate(() => window.nianbaoLastResult.diagnostics.map((d) => d.code));
  assert.deepEqual(third.filter((c) => c.startsWith("batch.")), []);
  // A roster: the table is checked again with it; the one agency on it with no report gets a row
  // (and a CSV row, as the CLI's); the three that reported get none.
  await page.click("#desk-back-button");
  const rechecked = page.evaluate(() => new Promise((done) => document.addEventListener("nianbao-desk-checked", () => done(), { once: true })));
  await page.setInputFiles("#desk-roster", {
    name: "名单.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("机关,层级\n淮安市人民政府,人民政府\n宿迁市人民政府,人民政府\n平潭综合实验区,人民政府\n南京市人民政府,人民政府\n"),
  });
  await rechecked;
  const withRoster = await rows(page);
  assert.equal(withRoster.length, 4);
  assert.deepEqual(withRoster[3].slice(0, 2), ["（未报送）", "南京市人民政府"]);
  assert.match(withRoster[3][4], /没有年度报告/);
  assert.match(await page.textContent("#desk-status"), /名单“名单\.csv”中 1 个机关没有报告/);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#desk-csv")]);
  const lines = readFileSync(await download.path(), "utf8").slice(1).split("\r\n").filter(Boolean);
  const header = lines[0].split(",");
  const col = header.indexOf("batch.report_missing");
  const missingRow = lines.find((l) => l.includes("南京市人民政府")).split(",");
  assert.equal(missingRow[col], "1");
  assert.equal(missingRow[0], "");
  // A malformed roster is refused with its line; the table stays checked without it.
  const again = page.evaluate(() => new Promise((done) => document.addEventListener("nianbao-desk-checked", () => done(), { once: true })));
  await page.setInputFiles("#desk-roster", { name: "坏名单.csv", mimeType: "text/csv", buffer: Buffer.from("机关,层级\n淮安市人民政府,省级\n") });
  await again;
  assert.match(await page.textContent("#desk-status"), /名单“坏名单\.csv”无法使用：.*第 2 行/);
  assert.equal((await rows(page)).length, 3);
  assert.deepEqual(errors, []);
  await context.close();
});

test("rows sort by any column, filter by text and verdict, open in the full view and 返回列表 keeps the table", async () => {
  const { page, context, errors } = await open();
  const names = ["pingtan-2015.html", "pingtan-2025.html", "a-zengdu-kfq-2023-page.txt", "b-zj-gzw-2009-page.txt", "huaian-szf-2024.pdf"];
  await dropMany(page, names.map((n) => [n, realFile(n)]));
  await page.click('th[data-sort="year"] button');
  const years = (await rows(page)).map((r) => r[2]).filter(Boolean).map(Number);
  assert.ok(years.length >= 4, years.join());
  assert.deepEqual(years, years.slice().sort((a, b) => a - b));
  assert.equal(await page.getAttribute('th[data-sort="year"]', "aria-sort"), "ascending");
  await page.click('th[data-sort="year"] button');
  const down = (await rows(page)).map((r) => r[2]).filter(Boolean).map(Number);
  assert.deepEqual(down, years.slice().reverse());
  await page.click('th[data-sort="errors"] button');
  const errs = (await rows(page)).map((r) => r[5]).filter(Boolean).map(Number);
  assert.deepEqual(errs, errs.slice().sort((a, b) => a - b));

  // The sort menu (for phones, where the header row is hidden) sorts the same way.
  await page.selectOption("#desk-sort", "warnings:-1");
  const warns = (await rows(page)).map((r) => r[6]).filter(Boolean).map(Number);
  assert.deepEqual(warns, warns.slice().sort((a, b) => b - a));
  await page.click('th[data-sort="year"] button');
  assert.equal(await page.inputValue("#desk-sort"), "year", "the menu follows the header");
  await page.fill("#desk-filter", "pingtan");
  assert.deepEqual((await rows(page)).map((r) => r[0]).sort(), ["pingtan-2015.html", "pingtan-2025.html"]);
  await page.fill("#desk-filter", "");
  await page.selectOption("#desk-verdict", "errors");
  const withErrors = await rows(page);
  assert.ok(withErrors.length >= 1 && withErrors.every((r) => Number(r[5]) > 0), JSON.stringify(withErrors));
  await page.selectOption("#desk-verdict", "all");
  await page.fill("#desk-filter", "淮安");
  assert.deepEqual((await rows(page)).map((r) => r[0]), ["huaian-szf-2024.pdf"], "agencies are searched too");

  // Keyboard: Tab reaches the row's button, Enter opens it.
  await page.focus("#desk-filter");
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(() => document.activeElement?.classList.contains("desk-open"))) break;
  }
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "huaian-szf-2024.pdf");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => window.nianbaoLastResult?.document?.agency === "淮安市人民政府");
  assert.equal(await page.isVisible("main.layout"), true);
  assert.equal(await page.isVisible("#desk"), false);
  assert.match(await page.textContent("#desk-back"), /huaian-szf-2024\.pdf/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), "desk-back-button");
  assert.ok((await page.$eval("textarea", (t) => t.value)).includes("淮安市人民政府"));
  // The single result exports under its file's name.
  const [json] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
  assert.equal(json.suggestedFilename(), "nianbao-huaian-szf-2024.json");

  await page.getByRole("button", { name: "返回列表" }).click();
  assert.equal(await page.isVisible("#desk"), true);
  assert.equal(await page.inputValue("#desk-filter"), "淮安", "the filter is kept");
  assert.equal(await page.getAttribute('th[data-sort="year"]', "aria-sort"), "ascending", "the sort is kept");
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "huaian-szf-2024.pdf", "focus returns to the row");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the table exports as the CLI's summary CSV: BOM, the catalogue's columns, rows as shown", async () => {
  const { page, context, errors } = await open();
  await dropMany(page, THREE.map((n) => [n, realFile(n)]));
  await page.click('th[data-sort="name"] button');
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#desk-csv")]);
  assert.match(download.suggestedFilename(), /^nianbao-汇总-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = readFileSync(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 BOM for Excel");
  const lines = bytes.toString("utf8").slice(1).split("\r\n").filter(Boolean);
  const codes = await page.evaluate(() => wasm_bindgen.codes().map((c) => c.code));
  const front = ["file", "agency", "year", "era", "published", "format", "sections_missing", "errors", "warnings", "infos", "reason"];
  assert.equal(lines[0], [...front, ...codes].join(","));
  assert.equal(lines.length, 4);
  const files = lines.slice(1).map((l) => l.split(",")[0]);
  assert.deepEqual(files, THREE.slice().sort((a, b) => a.localeCompare(b, "zh-CN")), "in the table's order");
  const huaian = lines.find((l) => l.startsWith("huaian")).split(",");
  assert.equal(huaian[1], "淮安市人民政府");
  assert.equal(huaian[5], "pdf");
  // The same rows as the CLI's --summary for the same files: one core function makes both.
  // The CLI built last (cargo test builds the debug one; a stale build would have old columns).
  const cli = ["debug", "release"]
    .map((p) => join(root, "target", p, "nianbao"))
    .filter(existsSync)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  assert.ok(cli, "the CLI is built (cargo test builds it)");
  const out = join(mkdtempSync(join(tmpdir(), "nianbao-summary-")), "summary.csv");
  const run = spawnSync(cli, ["check", "--format", "json", "--summary", out, ...THREE], { cwd: real, encoding: "utf8" });
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  const cliLines = readFileSync(out, "utf8").slice(1).split("\r\n").filter(Boolean);
  assert.equal(cliLines[0], lines[0]);
  assert.deepEqual(lines.slice(1).sort(), cliLines.slice(1).sort());
  // Filtered rows are left out.
  await page.fill("#desk-filter", "pingtan");
  const [filtered] = await Promise.all([page.waitForEvent("download"), page.click("#desk-csv")]);
  assert.equal(readFileSync(await filtered.path(), "utf8").split("\r\n").filter(Boolean).length, 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a report's 意见书 names every finding's place in words, its line and the date checked", async () => {
  const { page, context, errors } = await open();
  const wrong = realFile("c-huaian-szf-2024-pdftotext-layout.txt").toString("utf8").replace("  1288  ", "  1298  ");
  await dropMany(page, [["淮安-改错.txt", Buffer.from(wrong)], ["pingtan-2022.html", realFile("pingtan-2022.html")]]);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.click('#desk-rows tr[data-index="0"] .desk-opinion'),
  ]);
  assert.equal(download.suggestedFilename(), "nianbao-意见书-淮安-改错.html");
  const html = readFileSync(await download.path(), "utf8");
  assert.match(html, /政府信息公开工作年度报告检查意见书/);
  assert.match(html, /淮安-改错\.txt/);
  assert.match(html, /淮安市人民政府/);
  assert.match(html, /\d{4}-\d{2}-\d{2}/);
  assert.match(html, /位置：表三（一）予以公开 · 自然人，第 \d+ 行/);
  assert.match(html, /很可能应为 1288/);
  assert.doesNotMatch(html, /<script/i, "a document to print, with no code");
  // The same from the full view.
  await page.click('#desk-rows tr[data-index="0"] .desk-open');
  await page.waitForSelector("#desk-back:not([hidden])");
  const [again] = await Promise.all([page.waitForEvent("download"), page.click("#desk-opinion")]);
  assert.equal(again.suggestedFilename(), download.suggestedFilename());
  assert.deepEqual(errors, []);
  await context.close();
});

test("40 real reports are checked and tabled in well under the bound", async () => {
  // Every web page and PDF of the corpus first, then its text files.
  const names = readdirSync(real)
    .filter((n) => /\.(txt|html|pdf|md)$/.test(n))
    .sort((a, b) => Number(/\.txt$/.test(a)) - Number(/\.txt$/.test(b)) || a.localeCompare(b));
  const picked = [];
  for (let i = 0; picked.length < 40; i++) picked.push(names[i % names.length]);
  const { page, context, errors } = await open();
  await dropMany(page, picked.map((n, i) => [String(i).padStart(2, "0") + "-" + n, realFile(n)]));
  const ms = await page.evaluate(() => window.nianbaoDeskMs);
  assert.equal((await rows(page)).length, 40);
  console.log(`desk: 40 real reports (${new Set(picked).size} distinct, ${picked.filter((n) => n.endsWith(".pdf")).length} PDF) checked and tabled in ${Math.round(ms)} ms`);
  assert.ok(ms < 5000, `${ms} ms`);
  assert.deepEqual(errors, []);
  await context.close();
});

test("axe-core: no violations on the reviewer's table; screenshots at 1400 and 390 px", async () => {
  const axe = readFileSync(join(www, "node_modules", "axe-core", "axe.min.js"), "utf8");
  for (const width of [1400, 390]) {
    // bypassCSP for this run only: the page's CSP (rightly) refuses the injected axe script.
    const { page, context, errors } = await open({ context: { bypassCSP: true, viewport: { width, height: 900 } } });
    await dropMany(page, ["huaian-szf-2024.pdf", "pingtan-2022.html", "pingtan-2023.html", "a-guiyang-szf-2023-page.txt", "b-fzja-2016-page.txt"].map((n) => [n, realFile(n)]));
    await page.screenshot({ path: join(shots, `desk-${width}.png`), fullPage: true });
    await page.addScriptTag({ content: axe });
    const violations = await page.evaluate(async () => (await window.axe.run(document)).violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0].target}`));
    assert.deepEqual(violations, [], `${width} px`);
    await page.click('#desk-rows tr[data-index="0"] .desk-open');
    await page.waitForSelector("#desk-back:not([hidden])");
    await page.screenshot({ path: join(shots, `desk-opened-${width}.png`) });
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test("not one network request was made", () => {
  assert.ok(browser.requests.length >= 8, `pages were loaded (${browser.requests.length} requests seen)`);
  assert.deepEqual(browser.requests.filter((u) => u !== base), []);
});
