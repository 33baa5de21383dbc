// A rule profile loaded in the page (the 地方规则 control): the core checks under it (the text
// goes through www/shared.js's withProfile as the `profile` option), and a malformed profile is
// refused with the core's Chinese message naming the line and key.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { fixture, root, start } from "./harness.mjs";

let browser;
before(async () => {
  browser = await start();
});
after(() => browser?.stop());

async function checked(page, action) {
  const done = page.evaluate(() => new Promise((ok) => document.addEventListener("nianbao-checked", () => ok(), { once: true })));
  await action();
  await done;
}

test("the 武威 profile adds its requirement; a malformed profile is refused by line and key", async () => {
  const { page, context, errors } = await browser.open(browser.base, { ready: "body[data-state=ready]" });
  const huaian = fixture("real/huaian-szf-2024-pdftotext.txt");
  await checked(page, () => page.fill("textarea", huaian));
  assert.equal(await page.$$eval('[data-code="profile.requirement"]', (e) => e.length), 0);

  const wuwei = readFileSync(join(root, "profiles", "wuwei-2025.toml"));
  await checked(page, () => page.setInputFiles("#profile", { name: "wuwei-2025.toml", mimeType: "text/plain", buffer: wuwei }));
  const result = await page.evaluate(() => window.nianbaoLastResult);
  const found = result.diagnostics.filter((d) => d.code === "profile.requirement").map((d) => d.message);
  assert.ok(found.includes("“一、总体情况”共 1296 字，超过武威市规定的 1000 字"), JSON.stringify(found));
  assert.ok((await page.$$eval('[data-code="profile.requirement"]', (e) => e.length)) >= 1);

  const bad = Buffer.from('name = "x"\n[codes]\n"doc.late" = "fatal"\n');
  await page.setInputFiles("#profile", { name: "bad.toml", mimeType: "text/plain", buffer: bad });
  await page.waitForFunction(() => document.body.textContent.includes("规则配置文件第 3 行（doc.late）有误"));
  assert.match(await page.textContent("body"), /未知的设置“fatal”/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the reviewer's table checks every file under the loaded profile, as the CLI's batch", async () => {
  const { page, context, errors } = await browser.open(browser.base, { ready: "body[data-state=ready]" });
  const huaian = fixture("real/huaian-szf-2024-pdftotext.txt");
  await checked(page, () => page.fill("textarea", huaian));
  const wuwei = readFileSync(join(root, "profiles", "wuwei-2025.toml"));
  await checked(page, () => page.setInputFiles("#profile", { name: "wuwei-2025.toml", mimeType: "text/plain", buffer: wuwei }));
  const desk = page.evaluate(() => new Promise((ok) => document.addEventListener("nianbao-desk-checked", () => ok(), { once: true })));
  await page.setInputFiles("#file", [
    { name: "huaian.txt", mimeType: "text/plain", buffer: Buffer.from(huaian) },
    { name: "pingtan-2023.html", mimeType: "text/html", buffer: readFileSync(join(root, "tests", "fixtures", "real", "pingtan-2023.html")) },
  ]);
  await desk;
  await page.click('#desk-rows tr[data-index="0"] .desk-open');
  await page.waitForFunction(() => window.nianbaoLastResult?.document?.agency === "淮安市人民政府");
  const found = await page.evaluate(() => window.nianbaoLastResult.diagnostics.filter((d) => d.code === "profile.requirement").map((d) => d.message));
  assert.ok(found.includes("“一、总体情况”共 1296 字，超过武威市规定的 1000 字"), JSON.stringify(found));
  assert.deepEqual(errors, []);
  await context.close();
});

test("no network request beyond the test server", () => {
  const own = (u) => u.startsWith(browser.base) || u.startsWith("data:") || u === "about:blank";
  assert.deepEqual(browser.requests.filter((u) => !own(u)), []);
});
