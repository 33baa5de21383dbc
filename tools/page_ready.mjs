// How long the single-file page takes to become usable, measured in headless Chromium the way the
// browser tests launch it (same flags), opened from disk (file://) as a clerk would open it.
//
// Each of N loads runs in a fresh browser context (no cache shared between loads), and reads the
// page's own clock: the navigation timing (responseEnd, domInteractive, DOMContentLoaded), the
// first paint and first contentful paint, `window.nianbaoInteractiveMs` (the editor takes text)
// and `window.nianbaoReadyMs` (the wasm is instantiated: the checker can check). A trivial page is
// loaded the same way first, so that the browser's own cost of a navigation is visible beside ours.
//
// With --trace FILE, one more load is recorded as a DevTools trace (open it in chrome://tracing or
// the Performance panel), and the renderer's main-thread events are summed by name, the longest
// tasks listed with what runs inside them (tracing slows the load: read it for proportions).
//
// What it showed (December 2026, headless Chromium 156, 2 shared cores): before the wasm was
// started at the top of <body>, the wasm's inflation (Blob.stream(), one main-thread task per
// 64 KB) waited behind the parser and the first layout, and the base64 decoding loop took 10–15 ms;
// the first layout of the page costs 15–35 ms of CJK font faces (regular, bold and the editor's
// monospace, each opened in a fresh renderer), so first paint with text comes after ready.
//
// Usage: node tools/page_ready.mjs [--runs N] [--page dist/index.html] [--trace target/page.trace.json]
// (`make bench-page`; not part of `make test`: the figures depend on the machine and its load.)

import { createRequire } from "node:module";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { chromium } = createRequire(join(root, "www", "package.json"))("playwright-core");

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const runs = Number(opt("--runs", "20"));
// Several --page: their loads are interleaved, so that a busy machine weighs on each alike.
const pagePaths = args.flatMap((a, i) => (a === "--page" ? [resolve(root, args[i + 1])] : []));
if (!pagePaths.length) pagePaths.push(resolve(root, "dist/index.html"));
const pagePath = pagePaths[0];
const tracePath = opt("--trace", null);
for (const p of pagePaths) {
  if (!existsSync(p)) {
    console.error(`${p} is missing: run \`make dist\``);
    process.exit(2);
  }
}

const tmp = join(root, "target", "tmp");
mkdirSync(tmp, { recursive: true });
const trivial = join(tmp, "trivial.html");
writeFileSync(trivial, '<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8"><title>t</title><p>空白页</p>\n');

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});

// The page's timings, read once it is ready (or, for the trivial page, once it has loaded).
function timings() {
  const nav = performance.getEntriesByType("navigation")[0];
  const paint = Object.fromEntries(performance.getEntriesByType("paint").map((p) => [p.name, p.startTime]));
  return {
    responseEnd: nav.responseEnd,
    domInteractive: nav.domInteractive,
    dcl: nav.domContentLoadedEventEnd,
    firstPaint: paint["first-paint"] ?? NaN,
    fcp: paint["first-contentful-paint"] ?? NaN,
    ...Object.fromEntries(performance.getEntriesByType("mark").filter((m) => m.name.startsWith("nianbao:")).map((m) => [m.name, m.startTime])),
    interactive: window.nianbaoInteractiveMs ?? NaN,
    ready: window.nianbaoReadyMs ?? NaN,
    // Ready and on the screen: what a person sees as usable.
    "ready+painted": Math.max(window.nianbaoReadyMs ?? NaN, paint["first-contentful-paint"] ?? NaN),
  };
}

async function load(file, { waitReady }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(pathToFileURL(file).href);
  // A page without the checker (an experiment's stripped copy) is done when loaded.
  const done = () =>
    window.nianbaoReady === true || document.body.dataset.state === "error" || (document.readyState === "complete" && !document.querySelector("script"));
  if (waitReady) await page.waitForFunction(done, null, { timeout: 15000 });
  // Paint entries arrive after the frame is presented: give them a frame.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  const t = await page.evaluate(timings);
  await context.close();
  return t;
}

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (x) => (Number.isFinite(x) ? x.toFixed(0).padStart(5) : "    –");

function table(title, samples) {
  console.log(`\n${title} (${samples.length} loads, ms from navigation start)`);
  console.log("                   median   min   max");
  for (const key of [...new Set(samples.flatMap((s) => Object.keys(s)))]) {
    const xs = samples.map((s) => s[key]).filter((x) => Number.isFinite(x));
    if (!xs.length) continue;
    console.log(`  ${key.padEnd(16)} ${fmt(median(xs))} ${fmt(Math.min(...xs))} ${fmt(Math.max(...xs))}`);
  }
}

// One warm-up load of each (the first launch of a renderer process pays for itself).
await load(trivial, { waitReady: false });
for (const p of pagePaths) await load(p, { waitReady: true });

const base = [];
const ours = pagePaths.map(() => []);
for (let i = 0; i < runs; i++) {
  base.push(await load(trivial, { waitReady: false }));
  for (const [k, p] of pagePaths.entries()) ours[k].push(await load(p, { waitReady: true }));
}
table("trivial page (the browser's own navigation)", base.map(({ interactive, ready, ...rest }) => rest));
for (const [k, p] of pagePaths.entries()) table(p.replace(root + "/", ""), ours[k]);

if (tracePath) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await browser.startTracing(page, {
    categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "v8.execute", "blink", "loading", "disabled-by-default-v8.compile"],
  });
  await page.goto(pathToFileURL(pagePath).href);
  await page.waitForFunction(() => window.nianbaoReady === true, null, { timeout: 15000 });
  const trace = await browser.stopTracing();
  await context.close();
  writeFileSync(tracePath, trace);
  summariseTrace(JSON.parse(trace.toString("utf8")));
  console.log(`\ntrace written to ${tracePath}`);
}

await browser.close();

// The main thread's complete events (ph X) of the renderer up to the mark "ready", summed by name
// (self time not separated: nested events count in their parents too, so read it as a profile tree
// flattened, the largest first).
function summariseTrace(json) {
  const events = json.traceEvents || json;
  const main = events.find((e) => e.name === "thread_name" && e.args && e.args.name === "CrRendererMain");
  if (!main) return console.log("no renderer main thread in the trace");
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === "X" && e.dur);
  const nav = events.find((e) => e.pid === main.pid && (e.name === "navigationStart" || e.name === "fetchStart"));
  const t0 = nav ? nav.ts : Math.min(...onMain.map((e) => e.ts));
  const byName = new Map();
  for (const e of onMain) {
    const k = e.name;
    const cur = byName.get(k) || { total: 0, count: 0, first: Infinity };
    cur.total += e.dur / 1000;
    cur.count += 1;
    cur.first = Math.min(cur.first, (e.ts - t0) / 1000);
    byName.set(k, cur);
  }
  console.log("\nrenderer main thread, by event (ms total, count, first start from navigation):");
  for (const [name, v] of [...byName].sort((a, b) => b[1].total - a[1].total).slice(0, 30)) {
    console.log(`  ${name.padEnd(40)} ${v.total.toFixed(1).padStart(7)} ${String(v.count).padStart(5)} ${v.first.toFixed(1).padStart(8)}`);
  }
  // The top-level tasks in order, so the sequence parse → script → layout → wasm can be read.
  const tasks = onMain.filter((e) => e.name === "RunTask" || e.name === "ThreadControllerImpl::RunTask").sort((a, b) => a.ts - b.ts);
  console.log("\nlongest top-level tasks (start, duration, what runs inside):");
  for (const task of [...tasks].sort((a, b) => b.dur - a.dur).slice(0, 12).sort((a, b) => a.ts - b.ts)) {
    const inside = onMain
      .filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && e.dur > 2000)
      .map((e) => `${e.name} ${(e.dur / 1000).toFixed(1)}`)
      .slice(0, 8);
    console.log(`  ${((task.ts - t0) / 1000).toFixed(1).padStart(7)} ${(task.dur / 1000).toFixed(1).padStart(7)}  ${inside.join(", ")}`);
  }
}
