// Security of the page and the widget: what the built pages' CSPs allow, what the front-end
// code may never do, the iframe form's origin check, and hostile report text in the widget.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { dist, fixture, start, www } from "./harness.mjs";

let browser;

before(async () => {
  browser = await start({
    "/hostile-host.html": {
      body: `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
        <textarea id="f"></textarea><nianbao-check for="f"></nianbao-check>
        <script src="nianbao-check.js"></script></body></html>`,
    },
  });
});

after(() => browser?.stop());

function cspOf(file) {
  const html = readFileSync(join(dist, file), "utf8");
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  assert.ok(meta, `${file} carries a CSP`);
  return Object.fromEntries(
    meta[1].split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]),
  );
}

test("the built pages' CSPs allow no network, no inline code but their own, no eval", () => {
  for (const file of ["index.html", "embed.html", "demo.html"]) {
    const csp = cspOf(file);
    assert.deepEqual(csp["default-src"], ["'none'"], file);
    assert.deepEqual(csp["connect-src"], ["'none'"], file);
    assert.deepEqual(csp["form-action"], ["'none'"], file);
    for (const source of csp["script-src"]) {
      assert.match(source, /^'sha256-[A-Za-z0-9+/=]+'$|^'wasm-unsafe-eval'$|^'self'$/, `${file}: ${source}`);
    }
    for (const values of Object.values(csp)) {
      assert.ok(!values.includes("'unsafe-inline'") && !values.includes("'unsafe-eval'") && !values.includes("*"), file);
    }
  }
  assert.ok(!cspOf("index.html")["script-src"].includes("'self'"), "the page loads no script file at all");
});

test("front-end code never writes HTML from data, never evaluates strings", () => {
  const sources = readdirSync(www).filter((f) => /\.(js|html)$/.test(f) && f !== "build.mjs");
  assert.ok(sources.length >= 7, sources.join(", "));
  for (const file of sources) {
    const code = readFileSync(join(www, file), "utf8");
    const forbidden = [
      [/\.innerHTML\s*=(?!=)/, "innerHTML assignment"],
      [/\.outerHTML\s*=(?!=)/, "outerHTML assignment"],
      [/insertAdjacentHTML|createContextualFragment|document\.write/, "HTML insertion"],
      [/\beval\s*\(|new\s+Function\s*\(/, "eval"],
      [/set(Timeout|Interval)\s*\(\s*["'`]/, "string timer"],
      [/\son[a-z]+\s*=\s*["']/i, "inline event handler"],
      [/https?:\/\/(?!127\.0\.0\.1|localhost|cms\.example|你的)/, "remote address"],
    ];
    for (const [pattern, what] of forbidden) {
      const hit = pattern.exec(code);
      assert.equal(hit, null, `${file}: ${what} at “${hit && code.slice(Math.max(0, hit.index - 30), hit.index + 40)}”`);
    }
  }
});

test("front-end code declares no format labels of its own: they come from the core's formats()", () => {
  const sources = readdirSync(www).filter((f) => /\.js$/.test(f) && f !== "build.mjs");
  // Era, table, row, column and block labels of src/format/; the words of shared.js are not these.
  const labels = ["年格式", "年条例", "依申请公开表", "收到和处理政府信息公开申请情况", "属于国家秘密", "本年新收", "法人或其他组织", "行政复议", "第二十条", "规范性文件", "本年制发件数"];
  for (const file of sources) {
    // Comments may name them; code may not.
    const code = readFileSync(join(www, file), "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
    for (const label of labels) assert.ok(!code.includes(label), `${file} declares “${label}”`);
  }
});

test("the iframe form ignores messages from any origin but the one it was given", async () => {
  const own = browser.base.slice(0, -1);
  const foreign = browser.base.replace("127.0.0.1", "localhost");
  const parent = `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
    <iframe id="embed" src="${own}/embed.html?origin=${encodeURIComponent(own)}"></iframe>
    <script>window.messages = []; addEventListener("message", (e) => window.messages.push(e.data));</script></body></html>`;
  // The same parent page, served from a different origin (localhost, not 127.0.0.1).
  const { page, context } = await browser.open(foreign + "hostile-host.html");
  await page.setContent(parent);
  const frame = await (await page.waitForSelector("#embed")).contentFrame();
  await frame.waitForSelector("nianbao-check");
  await page.evaluate((text) => document.querySelector("#embed").contentWindow.postMessage({ type: "nianbao-check", text }, "*"), fixture("seeds/jilin-kjj-2019.txt"));
  await page.waitForTimeout(1500);
  assert.equal(await frame.$eval("textarea", (t) => t.value), "", "text from a foreign origin is not taken");
  const types = await page.evaluate(() => window.messages.map((m) => m && m.type));
  assert.ok(!types.includes("nianbao-result"), JSON.stringify(types));
  await context.close();
});

test("hostile report text in the widget stays text", async () => {
  const { page, context, errors } = await browser.open(browser.base + "hostile-host.html");
  const hostile = fixture("seeds/jilin-kjj-2019.txt").replace(
    "一、总体情况",
    '一、总体情况<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>',
  ) + '\n六、其他需要报告的事项"><img src=x onerror=window.__xss=3>\n';
  const result = page.evaluate(() => new Promise((done) => document.addEventListener("nianbao-result", (e) => done(e.detail), { once: true })));
  await page.fill("#f", hostile);
  await result;
  await page.$eval("nianbao-check", (el) => el.shadowRoot.querySelector('[part~="verdict"]').click());
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.$eval("nianbao-check", (el) => el.shadowRoot.querySelectorAll("img, script").length), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the reviewer's table: hostile file names and text stay text, in the table and in the exports; nothing is requested", async () => {
  const { page, context, errors } = await browser.open(browser.base, { ready: "body[data-state=ready]" });
  const before = browser.requests.length;
  const hostile = fixture("seeds/jilin-kjj-2019.txt").replace("一、总体情况", '一、总体情况<img src=x onerror="window.__xss=1">');
  const files = [
    ['<img src=x onerror="window.__xss=2">.txt', hostile],
    ['=HYPERLINK("http://127.0.0.1/x","点我").txt', fixture("seeds/loudi-jxw-2017.txt")],
    ["普通.txt", fixture("seeds/shucheng-kjj-2016.txt")],
  ];
  await page.evaluate(
    (files) =>
      new Promise((done) => {
        document.addEventListener("nianbao-desk-checked", () => done(), { once: true });
        const dt = new DataTransfer();
        for (const [name, text] of files) dt.items.add(new File([text], name));
        for (const type of ["dragenter", "dragover", "drop"]) document.body.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
      }),
    files,
  );
  assert.equal(await page.$$eval("#desk img, #desk script", (n) => n.length), 0);
  assert.equal(await page.textContent('#desk-rows tr[data-index="0"] .desk-open'), files[0][0]);
  const [csv] = await Promise.all([page.waitForEvent("download"), page.click("#desk-csv")]);
  const lines = readFileSync(await csv.path(), "utf8").split("\r\n");
  assert.ok(lines.some((l) => l.startsWith(`"'=HYPERLINK(""http://127.0.0.1/x"",""点我"").txt"`)), "a name that looks like a formula is defused, as the CLI does");
  const [opinion] = await Promise.all([page.waitForEvent("download"), page.click('#desk-rows tr[data-index="0"] .desk-opinion')]);
  const html = readFileSync(await opinion.path(), "utf8");
  assert.ok(!/<img|<script/i.test(html), "the 意见书 has the name and the text as text");
  assert.ok(html.includes("&lt;img src=x"), "the name is there, escaped");
  await page.click('#desk-rows tr[data-index="0"] .desk-open');
  await page.waitForSelector("#desk-back:not([hidden])");
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.deepEqual(browser.requests.slice(before), [], "nothing after the page itself: not the files, not the exports");
  assert.deepEqual(errors, []);
  await context.close();
});

test("no network request beyond the test server", () => {
  const own = (u) => u.startsWith(browser.base) || u.startsWith(browser.base.replace("127.0.0.1", "localhost")) || u.startsWith("data:") || u === "about:blank";
  assert.deepEqual(browser.requests.filter((u) => !own(u)), []);
});
