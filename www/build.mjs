// Builds dist/index.html: the page as ONE file, with the style, the wasm-bindgen glue, the
// wasm (base64) and the app inline, so that it works opened from disk (file://), where Chromium
// refuses module imports and fetch(), as well as served.
//
// Its Content-Security-Policy allows exactly these inline scripts and this style (by hash),
// WebAssembly, and nothing else: no network at all, no inline event handlers, no eval.
//
// Usage: node www/build.mjs <glue.js> <module_bg.wasm> <out.html>

import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const [gluePath, wasmPath, outPath] = process.argv.slice(2);
if (!outPath) {
  console.error("usage: node www/build.mjs <glue.js> <module_bg.wasm> <out.html>");
  process.exit(2);
}

// wasm-opt where it is installed (npm binaryen; Debian's 108 breaks the output in Chromium).
function optimize(input) {
  const wasmOpt = join(here, "node_modules", ".bin", "wasm-opt");
  if (!existsSync(wasmOpt)) {
    console.log("wasm-opt not installed (npm ci in www/): using the wasm as built");
    return readFileSync(input);
  }
  const out = input.replace(/\.wasm$/, ".opt.wasm");
  execFileSync(wasmOpt, ["-Os", "--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext", input, "-o", out]);
  return readFileSync(out);
}

const sha256 = (text) => "'sha256-" + createHash("sha256").update(text, "utf8").digest("base64") + "'";
// "</script" inside inline data would end the element early.
const scriptSafe = (js) => js.replace(/<\/script/gi, "<\\/script");

const wasm = optimize(wasmPath);
const glue = readFileSync(gluePath, "utf8");
const sample = readFileSync(join(here, "sample.txt"), "utf8");
const app = readFileSync(join(here, "app.js"), "utf8");
const style = readFileSync(join(here, "style.css"), "utf8");
const data =
  `const NIANBAO_WASM = "${wasm.toString("base64")}";\n` +
  `const NIANBAO_SAMPLE = ${scriptSafe(JSON.stringify(sample))};\n`;
const scripts = [glue, data, app].map(scriptSafe);

const csp = [
  "default-src 'none'",
  `script-src ${scripts.map(sha256).join(" ")} 'wasm-unsafe-eval'`,
  `style-src ${sha256(style)}`,
  "img-src data:",
  "connect-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
].join("; ");

let html = readFileSync(join(here, "index.html"), "utf8");
const replace = (marker, content) => {
  if (!html.includes(marker)) throw new Error(`www/index.html lacks ${marker}`);
  html = html.replace(marker, () => content);
};
replace("<!-- NIANBAO:STYLE -->", `<style>${style}</style>`);
replace("<!-- NIANBAO:SCRIPTS -->", scripts.map((s) => `<script>${s}</script>`).join("\n"));
if (!/<head[^>]*>/i.test(html)) throw new Error("www/index.html has no <head>");
html = html.replace(/<head[^>]*>/i, (head) => `${head}\n<meta http-equiv="Content-Security-Policy" content="${csp}">`);

mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, html);
writeFileSync(join(dirname(outPath), "nianbao.wasm"), wasm);

const kb = (n) => (n / 1024).toFixed(1) + " KB";
console.log(`wasm ${kb(wasm.length)} (gzip ${kb(gzipSync(wasm, { level: 9 }).length)})`);
console.log(`${outPath} ${kb(Buffer.byteLength(html))} (gzip ${kb(gzipSync(html, { level: 9 }).length)})`);
