// Prints the real pingtan-*.html reports with Chromium's page.pdf (A4), as a reader prints a
// report page: once as they are (NAME-ruled.pdf) and once with every table border switched off
// by CSS (NAME-bare.pdf), each with no page margins (page.pdf's default) and again with the
// print dialog's margins of about 1 cm (NAME-ruled-margins.pdf, NAME-bare-margins.pdf), so
// the page breaks fall elsewhere. Used by tests/printed_pdf.rs: node tests/printed_pdf.mjs OUT_DIR.
import { createRequire } from "node:module";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const { chromium } = createRequire(join(here, "..", "www", "package.json"))("playwright-core");
const out = process.argv[2];
const dir = join(here, "fixtures", "real");
const BARE = "table,td,th,tr{border:none!important;border-collapse:collapse} td,th{border-width:0!important}";

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage();
  for (const f of readdirSync(dir).filter((n) => n.startsWith("pingtan-") && n.endsWith(".html"))) {
    for (const mode of ["ruled", "bare"]) {
      await page.setContent(readFileSync(join(dir, f), "utf8"), { waitUntil: "domcontentloaded" });
      if (mode === "bare") await page.addStyleTag({ content: BARE });
      const name = `${f.replace(/\.html$/, "")}-${mode}`;
      await page.pdf({ path: join(out, `${name}.pdf`), format: "A4" });
      const margin = { top: "1cm", bottom: "1cm", left: "1cm", right: "1cm" };
      await page.pdf({ path: join(out, `${name}-margins.pdf`), format: "A4", margin });
    }
  }
} finally {
  await browser.close();
}
