// The region report (`nianbao check DIR --html region.html`) opened from disk in Chromium: no
// network request at all, the CSP lets its own script run, and every problem planted in the
// generated region (tests/region.rs writes the file and what it must show) is on the page:
// copied prose, a copied table, agencies of the roster with no report.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

import { inputs, start } from "./harness.mjs";

const file = join(inputs, "region.html");
let browser;
let expected;

before(async () => {
  assert.ok(existsSync(file), "target/browser-inputs/region.html is missing: run `cargo test --test region`");
  expected = JSON.parse(readFileSync(join(inputs, "region-expected.json"), "utf8"));
  browser = await start();
});
after(async () => browser && (await browser.stop()));

/** Agencies of the shown rows whose `code` column is non-zero. */
async function agenciesWith(page, code) {
  return page.$$eval(`#rows tr.report`, (rows, code) => rows
    .filter((tr) => Number(tr.querySelector(`td[data-code="${code}"]`)?.textContent ?? 0) > 0)
    .map((tr) => tr.querySelector("button.open").textContent), code);
}

test("the region report shows every planted problem, from disk, offline", async () => {
  const url = pathToFileURL(file).href;
  const { page, context, errors } = await browser.open(url, { ready: "#rows tr.report" });
  const csp = [];
  page.on("console", (m) => /Content Security Policy/i.test(m.text()) && csp.push(m.text()));

  // One row per report and per missing agency; the chart has a bar per problem kind.
  assert.equal(await page.$$eval("#rows tr.report", (r) => r.length), expected.reports + expected.missing.length);
  for (const code of ["batch.copied_text", "batch.tables_identical", "batch.report_missing"]) {
    assert.equal(await page.$$eval(`#chart g.bar[data-code="${code}"]`, (g) => g.length), 1, code);
  }
  assert.deepEqual((await agenciesWith(page, "batch.copied_text")).sort(), [...expected.copied].sort());
  assert.deepEqual((await agenciesWith(page, "batch.tables_identical")).sort(), [...expected.tables_identical].sort());
  assert.deepEqual((await agenciesWith(page, "batch.report_missing")).sort(), [...expected.missing].sort());
  assert.equal(await page.textContent("#n-missing"), String(expected.missing.length));

  // Filtering by problem kind keeps those rows only; a click opens a report's findings.
  await page.selectOption("#kind", "batch.copied_text");
  assert.equal(await page.$$eval("#rows tr.report", (r) => r.length), expected.copied.length);
  const first = page.locator("#rows tr.report button.open").first();
  await first.click();
  const details = page.locator("#rows tr.details:not([hidden])");
  assert.equal(await details.count(), 1);
  assert.match(await details.textContent(), /batch\.copied_text\].*正文有 \d+% 与 .*相同/);
  assert.match(await details.textContent(), /提示：相同最长的段落：“/);

  // Sorting by a column orders the rows by it.
  await page.selectOption("#kind", "");
  await page.click('th[data-key="agency"]');
  const names = await page.$$eval("#rows tr.report button.open", (b) => b.map((x) => x.textContent));
  assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, "zh")));

  // Searching by name.
  await page.fill("#q", expected.missing[0]);
  assert.deepEqual(await page.$$eval("#rows tr.report td.verdict", (t) => t.map((x) => x.textContent)), ["未发布"]);

  // Printable: the controls are hidden in print.
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.$eval(".controls", (c) => getComputedStyle(c).display), "none");

  assert.deepEqual(errors, []);
  assert.deepEqual(csp, []);
  // The file itself is the only thing loaded.
  assert.deepEqual(browser.requests.filter((u) => u !== url), []);
  await context.close();
});
