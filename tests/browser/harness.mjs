// What the browser tests share: Debian's chromium through playwright-core, a static server on
// 127.0.0.1 for dist/ and the tests' own host pages, and a record of every request made.

import assert from "node:assert/strict";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const dist = join(root, "dist");
export const inputs = join(root, "target", "browser-inputs");
export const www = join(root, "www");
const { chromium } = createRequire(join(www, "package.json"))("playwright-core");

export const fixture = (p) => readFileSync(join(root, "tests", "fixtures", p), "utf8");
export const input = (name) => readFileSync(join(inputs, name));

/** Starts chromium and a server of `routes` (path → { body, headers }) plus dist/ files. */
/** Pastes clipboard data ({ "text/plain": …, "text/html": … }, or a plain string) into the page's
 *  textarea and waits for the check it starts. */
export async function paste(page, data) {
  const items = typeof data === "string" ? { "text/plain": data } : data;
  await page.evaluate(
    (items) =>
      new Promise((done) => {
        document.addEventListener("nianbao-checked", () => done(), { once: true });
        const dt = new DataTransfer();
        for (const [type, value] of Object.entries(items)) dt.setData(type, value);
        const textarea = document.querySelector("textarea");
        textarea.focus();
        textarea.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
      }),
    items,
  );
}

/** Drops one file on the page (on `selector`, the page's heading by default: anywhere but the
 *  textarea) and waits for the check it starts. */
export async function drop(page, name, bytes, selector = "h1") {
  await page.evaluate(
    ({ name, bytes, selector }) =>
      new Promise((done) => {
        document.addEventListener("nianbao-checked", () => done(), { once: true });
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(bytes)], name));
        const target = document.querySelector(selector) ?? document.body;
        for (const type of ["dragenter", "dragover", "drop"]) {
          target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
        }
      }),
    { name, bytes: [...bytes], selector },
  );
}

export async function start(routes = {}) {
  assert.ok(existsSync(join(dist, "index.html")), "dist/ is missing: run `make dist`");
  assert.ok(existsSync(join(inputs, "manifest.json")), "target/browser-inputs is missing: run `cargo test --test browser_inputs`");
  const types = { html: "text/html; charset=utf-8", js: "text/javascript; charset=utf-8" };
  const server = createServer((req, res) => {
    const path = req.url.split("?")[0];
    const route = routes[path];
    const file = join(dist, path === "/" ? "index.html" : path.slice(1));
    if (route) {
      res.writeHead(200, { "content-type": types.html, ...route.headers });
      res.end(route.body);
    } else if (!path.includes("..") && existsSync(file)) {
      res.writeHead(200, { "content-type": types[file.split(".").pop()] ?? "application/octet-stream" });
      res.end(readFileSync(file));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const requests = [];
  return {
    base,
    requests,
    /** A fresh context and page at `url`; `errors` collects page errors and dialogs. `viewport`
     *  and `touch` size the window; `init` is a function run in the page before its scripts;
     *  `context` holds further options of the browser context. */
    async open(url, { ready, viewport = { width: 1280, height: 900 }, touch = false, init, context: options } = {}) {
      const context = await browser.newContext({ viewport, hasTouch: touch, isMobile: touch, ...options });
      if (init) await context.addInitScript(init);
      context.on("request", (r) => requests.push(r.url()));
      const page = await context.newPage();
      const errors = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      page.on("dialog", (d) => {
        errors.push(`dialog: ${d.message()}`);
        d.dismiss();
      });
      await page.goto(url);
      if (ready) await page.waitForSelector(ready, { timeout: 15000 });
      return { page, context, errors };
    },
    async stop() {
      await browser.close();
      server.close();
    },
  };
}
