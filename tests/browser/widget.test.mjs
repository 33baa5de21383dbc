// The widget as agencies embed it: <nianbao-check> on a CMS-like form, under hostile host CSS,
// included twice, under a CSP without 'wasm-unsafe-eval', as an iframe form, as the README's
// snippet, and as a package whose types compile. No network request through any of it.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { dist, fixture, input, root, start, www } from "./harness.mjs";

const field = `<textarea id="f"></textarea><nianbao-check for="f"></nianbao-check>`;
const hostPages = {
  // Host CSS that would break anything it reaches, and the script included twice.
  "/host-aggressive.html": {
    body: `<!DOCTYPE html><html><head><meta charset="utf-8"><style>
      * { display: inline !important; color: rgb(255, 0, 0) !important; font-size: 30px !important;
          font-family: serif !important; border: 3px dotted blue !important; }
      nianbao-check { all: unset; }</style></head><body>${field}
      <script src="nianbao-check.js"></script><script src="nianbao-check.js"></script></body></html>`,
  },
  // A host that records its globals before the widget's script runs.
  "/host-globals.html": {
    body: `<!DOCTYPE html><html><head><meta charset="utf-8">
      <script>window.__before = Object.getOwnPropertyNames(window);</script></head><body>${field}
      <script src="nianbao-check.js"></script></body></html>`,
  },
  // A host whose CSP lacks 'wasm-unsafe-eval'.
  "/host-strict.html": {
    headers: { "content-security-policy": "default-src 'none'; script-src 'self'; style-src 'self'" },
    body: `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${field}<script src="nianbao-check.js"></script></body></html>`,
  },
};

let browser;

before(async () => {
  // The README's snippet, served as written: its script path /static/… maps to dist/.
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const snippet = /<!-- widget-snippet -->\s*```html\n([\s\S]*?)```/.exec(readme);
  assert.ok(snippet, "README.md has the widget snippet");
  hostPages["/snippet.html"] = { body: `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${snippet[1]}</body></html>` };
  hostPages["/static/nianbao-check.js"] = {
    headers: { "content-type": "text/javascript; charset=utf-8" },
    body: readFileSync(join(dist, "nianbao-check.js")),
  };
  browser = await start(hostPages);
  mkdirSync(join(root, "target", "screenshots"), { recursive: true });
  // The iframe form, embedded by a parent page that only records what it is told.
  hostPages["/parent.html"] = {
    body: `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
      <iframe id="embed" src="embed.html?origin=${encodeURIComponent(browser.base.slice(0, -1))}" width="600" height="300"></iframe>
      <script>
        window.messages = [];
        addEventListener("message", (e) => { if (e.origin === location.origin) window.messages.push(e.data); });
      </script></body></html>`,
  };
});

after(() => browser?.stop());

/** The widget's state, error and warning counts, and the text of a shadow part. */
const widget = (page, part = "verdict") =>
  page.$eval("nianbao-check", (el, part) => ({
    state: el.getAttribute("state"),
    errors: el.getAttribute("errors"),
    text: el.shadowRoot?.querySelector(`[part~="${part}"]`)?.textContent ?? "",
  }), part);

const nextResult = (page) =>
  page.evaluate(() => new Promise((done) => document.addEventListener("nianbao-result", (e) => done(e.detail.summary), { once: true })));

test("the demo form blocks publishing while the report has errors", async () => {
  const { page, context, errors } = await browser.open(browser.base + "demo.html");
  let result = nextResult(page);
  await page.fill("#body", fixture("seeds/jilin-kjj-2019.txt"));
  assert.equal((await result).errors, 3);
  assert.equal(await page.$eval("#publish", (b) => b.disabled), true);
  assert.match((await widget(page)).text, /3 个错误/);
  await page.$eval("nianbao-check", (el) => el.shadowRoot.querySelector('[part~="verdict"]').click());
  await page.screenshot({ path: join(root, "target", "screenshots", "widget-demo.png"), fullPage: true });

  result = nextResult(page);
  await page.fill("#body", fixture("real/huaian-szf-2024-pdftotext.txt"));
  assert.equal((await result).errors, 0);
  assert.equal(await page.$eval("#publish", (b) => b.disabled), false);
  assert.equal((await widget(page)).errors, "0");
  assert.deepEqual(errors, []);
  await context.close();
});

/** The next result's `publish` decision (the event's detail). */
const nextPublish = (page) =>
  page.evaluate(() => new Promise((done) => document.addEventListener("nianbao-result", (e) => done(e.detail.publish), { once: true })));

test("a table or file the checker could not read is a reading problem: it blocks only when the host says so", async () => {
  const { page, context, errors } = await browser.open(browser.base + "demo.html");
  // A real report whose 依申请 table the checker cannot read reliably: no error of the report.
  const text = fixture("real/huaian-szf-2024-pdftotext.txt");
  let publish = nextPublish(page);
  await page.fill("#body", text);
  assert.deepEqual(await publish, { blocked: false, rule: "errors", blocking: [], reading: ["table.unreadable"] });
  assert.equal(await page.$eval("#publish", (b) => b.disabled), false, "publishing is not blocked by default");
  assert.match(await page.textContent("#publish-note"), /未能读取（不是报告的错误）/);
  assert.match((await widget(page)).text, /有统计表未能读取（不是报告的错误）/);
  await page.$eval("nianbao-check", (el) => el.shadowRoot.querySelector('[part~="verdict"]').click());
  const finding = await page.$eval("nianbao-check", (el) => el.shadowRoot.querySelector('[data-code="table.unreadable"]').textContent);
  assert.match(finding, /未能读取这张表，不是报告的错误/);
  assert.equal(await page.$eval("nianbao-check", (el) => el.hasAttribute("blocked")), false);

  // The host says a table that could not be read blocks: it does, and says which code.
  await page.$eval("nianbao-check", (el) => el.setAttribute("blocking", "errors table.unreadable"));
  publish = nextPublish(page);
  await page.fill("#body", text + "\n");
  assert.deepEqual(await publish, { blocked: true, rule: "errors table.unreadable", blocking: ["table.unreadable"], reading: ["table.unreadable"] });
  assert.equal(await page.$eval("#publish", (b) => b.disabled), true);
  assert.equal(await page.$eval("nianbao-check", (el) => el.hasAttribute("blocked")), true);
  assert.match(await page.textContent("#publish-note"), /未能读取报告（table\.unreadable）/);

  // A file that cannot be read at all (an image): shown as a reading problem, not blocking by
  // default, blocking under "input.*".
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
  const checkPng = (blocking) =>
    page.$eval(
      "nianbao-check",
      async (el, { png, blocking }) => {
        el.setAttribute("blocking", blocking);
        const r = await el.checkBytes(new Uint8Array(png), "扫描件.png");
        return { publish: r.publish, verdict: el.shadowRoot.querySelector('[part~="verdict"]').textContent, blocked: el.hasAttribute("blocked") };
      },
      { png, blocking },
    );
  const plain = await checkPng("");
  assert.equal(plain.publish.blocked, false);
  assert.ok(plain.publish.reading.length === 1 && plain.publish.reading[0].startsWith("input."), JSON.stringify(plain.publish));
  assert.match(plain.verdict, /未能读取，不是报告的错误/);
  assert.equal(plain.blocked, false);
  const strict = await checkPng("errors input.*");
  assert.equal(strict.publish.blocked, true);
  assert.deepEqual(strict.publish.blocking, plain.publish.reading);
  assert.equal(strict.blocked, true);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the widget shows the likely value of the one wrong cell, with its place in words", async () => {
  const { page, context, errors } = await browser.open(browser.base + "demo.html");
  const wrong = fixture("real/c-huaian-szf-2024-pdftotext-layout.txt").replace("  1288  ", "  1298  ");
  const publish = nextPublish(page);
  await page.fill("#body", wrong);
  assert.equal((await publish).blocked, true, "a wrong number is the report's error: it blocks");
  await page.$eval("nianbao-check", (el) => el.shadowRoot.querySelector('[part~="verdict"]').click());
  const fixes = await page.$eval("nianbao-check", (el) => [...el.shadowRoot.querySelectorAll('[part~="suggestion"]')].map((n) => n.textContent));
  assert.equal(fixes.length, 2, "the row's and the column's findings");
  for (const fix of fixes) assert.equal(fix, "很可能应为 1288（表三（一）予以公开 · 自然人）");
  await page.screenshot({ path: join(root, "target", "screenshots", "widget-suggestion.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test("axe-core: no violations on the demo (with a result shown) and the iframe form", async () => {
  const axe = readFileSync(join(www, "node_modules", "axe-core", "axe.min.js"), "utf8");
  // bypassCSP for this run only: the pages' CSPs (rightly) refuse the injected axe script.
  for (const path of ["demo.html", "embed.html"]) {
    const { page, context, errors } = await browser.open(browser.base + path, { context: { bypassCSP: true } });
    const field = path === "demo.html" ? "#body" : "#report";
    const publish = nextPublish(page);
    await page.fill(field, fixture("seeds/jilin-kjj-2019.txt"));
    await publish;
    await page.$eval("nianbao-check", (el) => el.shadowRoot.querySelector('[part~="verdict"]').click());
    await page.addScriptTag({ content: axe });
    const violations = await page.evaluate(async () => (await window.axe.run(document)).violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0].target}`));
    assert.deepEqual(violations, [], path);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test("aggressive host CSS does not break the widget, and two includes do not throw", async () => {
  const { page, context, errors } = await browser.open(browser.base + "host-aggressive.html");
  const result = nextResult(page);
  await page.fill("#f", fixture("seeds/jilin-kjj-2019.txt"));
  assert.equal((await result).errors, 3);
  const style = await page.$eval("nianbao-check", (el) => {
    const verdict = el.shadowRoot.querySelector('[part~="verdict"]');
    const s = getComputedStyle(verdict);
    return { display: s.display, color: s.color, size: s.fontSize, height: verdict.getBoundingClientRect().height };
  });
  assert.notEqual(style.display, "inline");
  assert.notEqual(style.color, "rgb(255, 0, 0)");
  assert.notEqual(style.size, "30px");
  assert.ok(style.height > 0 && style.height < 200, `verdict height ${style.height}`);
  assert.equal(await page.evaluate(() => customElements.get("nianbao-check") !== undefined), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the widget puts nothing on window but its element, the shared code included", async () => {
  const { page, context, errors } = await browser.open(browser.base + "host-globals.html");
  const result = nextResult(page);
  await page.fill("#f", fixture("seeds/jilin-kjj-2019.txt"));
  assert.equal((await result).errors, 3);
  const added = await page.evaluate(() => Object.getOwnPropertyNames(window).filter((n) => !window.__before.includes(n) && n !== "__before"));
  assert.deepEqual(added, []);
  // Nor lexical globals (let/const/class at a script's top level are not window properties).
  const names = ["wasm_bindgen", "NIANBAO_WASM", "summarise", "loadWasm", "SEVERITY_LABELS", "formatLabels", "el", "NianbaoCheck"];
  const leaked = await page.evaluate((names) => names.filter((n) => { try { return (0, eval)("typeof " + n) !== "undefined"; } catch (_) { return true; } }), names);
  assert.deepEqual(leaked, []);
  assert.equal(await page.evaluate(() => customElements.get("nianbao-check") !== undefined), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test("methods check text and files for scripts", async () => {
  const { page, context } = await browser.open(browser.base + "host-aggressive.html");
  const summary = await page.$eval("nianbao-check", async (el, text) => (await el.check(text)).summary, fixture("seeds/zibo-kjj-2017-workplan-not-a-report.txt"));
  assert.equal(summary.errors, 1);
  const docx = [...input("report.docx")];
  const fromFile = await page.$eval("nianbao-check", async (el, bytes) => {
    const r = await el.checkBytes(new Uint8Array(bytes), "年报.docx");
    return { format: r.source.format, errors: r.summary.errors, present: r.summary.sections_present };
  }, docx);
  assert.deepEqual(fromFile, { format: "docx", errors: 0, present: 6 });
  await context.close();
});

test("a PDF dropped on the widget is read and checked there, the field left as it was", async () => {
  const { page, context } = await browser.open(browser.base + "host-aggressive.html");
  const pdf = [...readFileSync(join(root, "tests", "fixtures", "real", "huaian-szf-2024.pdf"))];
  const r = await page.$eval("nianbao-check", (el, bytes) => new Promise((done) => {
    el.addEventListener("nianbao-result", (e) => done(e.detail), { once: true });
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], "淮安.pdf", { type: "application/pdf" }));
    for (const type of ["dragenter", "dragover", "drop"]) {
      el.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true, composed: true }));
    }
  }), pdf);
  assert.equal(r.source.format, "pdf");
  assert.equal(r.summary.errors, 0);
  assert.equal(r.summary.sections_present, 6);
  assert.ok(r.text.startsWith("淮安市人民政府\n2024年政府信息公开工作年度报告\n"), String(r.text).slice(0, 80));
  assert.equal(await page.$eval("#f", (f) => f.value), "");
  await context.close();
});

test("the widget names tables and eras as the core's formats() does", async () => {
  const { page, context, errors } = await browser.open(browser.base + "host-aggressive.html");
  const docx = [...input("report.docx")];
  const shown = await page.$eval("nianbao-check", async (el, bytes) => {
    const r = await el.checkBytes(new Uint8Array(bytes), "年报.docx");
    const chips = [...el.shadowRoot.querySelectorAll("[data-table]")].map((c) => [c.dataset.table, c.textContent]);
    const facts = el.shadowRoot.querySelector('[part~="facts"]').textContent;
    return { chips, facts, era: r.document.era, variants: Object.fromEntries(r.tables.map((t) => [t.id, t.variant])) };
  }, docx);
  // The core's declarations, read on the page (whose wasm_bindgen is a global; the widget's is not).
  const index = await browser.open(browser.base, { ready: "body[data-state=ready]" });
  const formats = await index.page.evaluate(() => wasm_bindgen.formats());
  await index.context.close();
  const eraLabel = formats.eras.find((e) => e.id === shown.era).label;
  assert.match(shown.facts, new RegExp("按 " + eraLabel + "检查"));
  assert.ok(shown.chips.length >= 3, JSON.stringify(shown.chips));
  for (const [id, text] of shown.chips) {
    const spec = formats.eras.find((e) => e.id === shown.variants[id]).tables.find((t) => t.id === id);
    assert.equal(text, spec.short + " 已读取");
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("a host CSP without wasm-unsafe-eval gets the one change it needs", async () => {
  const { page, context } = await browser.open(browser.base + "host-strict.html");
  await page.fill("#f", fixture("seeds/jilin-kjj-2019.txt"));
  await page.waitForFunction(() => document.querySelector("nianbao-check").getAttribute("state") === "error", null, { timeout: 15000 });
  const shadowText = await page.$eval("nianbao-check", (el) => el.shadowRoot.textContent);
  assert.match(shadowText, /'wasm-unsafe-eval'/);
  await context.close();
});

test("the iframe form posts results and its height to the parent", async () => {
  const { page, context } = await browser.open(browser.base + "parent.html");
  const frame = await (await page.waitForSelector("#embed")).contentFrame();
  await frame.waitForSelector("nianbao-check");
  await page.evaluate((text) => document.querySelector("#embed").contentWindow.postMessage({ type: "nianbao-check", text }, "*"), fixture("seeds/jilin-kjj-2019.txt"));
  await page.waitForFunction(() => window.messages.some((m) => m.type === "nianbao-result"), null, { timeout: 15000 });
  const messages = await page.evaluate(() => window.messages);
  const result = messages.find((m) => m.type === "nianbao-result").result;
  assert.equal(result.summary.errors, 3);
  assert.equal(result.document.agency, "吉林市科技局");
  assert.ok(messages.some((m) => m.type === "nianbao-height" && m.height > 50), JSON.stringify(messages.map((m) => m.type)));
  await context.close();
});

test("the README snippet works as written", async () => {
  const { page, context, errors } = await browser.open(browser.base + "snippet.html");
  const result = nextResult(page);
  await page.fill("#body", fixture("seeds/jilin-kjj-2019.txt"));
  assert.equal((await result).errors, 3);
  assert.equal(await page.$eval("#publish", (b) => b.disabled), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the package declares its files and its types compile", () => {
  const pkg = JSON.parse(readFileSync(join(dist, "package.json"), "utf8"));
  assert.equal(pkg.name, "nianbao-check");
  assert.equal(pkg.exports["."].types, "./nianbao-check.d.ts");
  const packed = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", dist], { encoding: "utf8" }));
  const files = packed[0].files.map((f) => f.path).sort();
  assert.deepEqual(files, ["README.md", "demo.html", "embed.html", "index.html", "nianbao-check.d.ts", "nianbao-check.js", "package.json"]);

  // A host's TypeScript using the element, its event and the result shape.
  const dir = mkdtempSync(join(tmpdir(), "nianbao-types-"));
  writeFileSync(
    join(dir, "host.ts"),
    `import type { CheckResult, EmbedMessage } from ${JSON.stringify(join(dist, "nianbao-check"))};
     const el = document.querySelector("nianbao-check")!;
     el.addEventListener("nianbao-result", (e) => { const errors: number = e.detail.summary.errors; console.log(errors); });
     el.check("text").then((r: CheckResult) => r.diagnostics.filter((d) => d.severity === "error").map((d) => d.cells?.length));
     addEventListener("message", (e: MessageEvent<EmbedMessage>) => { if (e.data.type === "nianbao-height") console.log(e.data.height + 1); });
     export {};`,
  );
  execFileSync(join(www, "node_modules", ".bin", "tsc"), ["--noEmit", "--strict", "--lib", "dom,es2020", "--module", "es2020", "--moduleResolution", "bundler", join(dir, "host.ts")], { encoding: "utf8" });
});

test("the widget made no network request", () => {
  const own = (url) => url.startsWith(browser.base) || url.startsWith("data:");
  assert.ok(browser.requests.length >= 6);
  assert.deepEqual(browser.requests.filter((u) => !own(u)), []);
  // The wasm travels inside the script: it is never fetched, from anywhere.
  assert.deepEqual(browser.requests.filter((u) => /\.wasm\b/.test(u)), []);
});
