// Builds the web files into dist/:
//   index.html        the page as ONE file: style, wasm-bindgen glue, wasm (base64) and app inline,
//                     so it works opened from disk (file://), where Chromium refuses module imports
//                     and fetch(), as well as served
//   nianbao-check.js  the widget: one classic script with the wasm inside, safe to include twice
//   embed.html        the widget as an iframe form, for CMSs that strip scripts
//   demo.html         a CMS-like editing form that uses the widget, with copy-paste snippets
//   package.json, nianbao-check.d.ts, README.md: the widget as an npm package (npm pack dist)
//
// Every page's Content-Security-Policy allows exactly its own inline scripts and style (by hash),
// WebAssembly, and nothing else: no network at all, no inline event handlers, no eval.
//
// Usage: node www/build.mjs <glue.js> <module_bg.wasm> <dist-dir>

import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const [gluePath, wasmPath, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error("usage: node www/build.mjs <glue.js> <module_bg.wasm> <dist-dir>");
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
  // Optimised already from this very input (a rebuild of the web files alone): keep it.
  if (existsSync(out) && statSync(out).mtimeMs > statSync(input).mtimeMs) return readFileSync(out);
  const features = ["--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext"];
  execFileSync(wasmOpt, ["-Oz", ...features, input, "-o", out]);
  return readFileSync(out);
}

const read = (name) => readFileSync(join(here, name), "utf8");
const sha256 = (text) => "'sha256-" + createHash("sha256").update(text, "utf8").digest("base64") + "'";
// "</script" inside inline data would end the element early.
const scriptSafe = (js) => js.replace(/<\/script/gi, "<\\/script");

function csp({ scripts = [], styles = [], self = false }) {
  const origin = self ? "'self' " : "";
  return [
    "default-src 'none'",
    `script-src ${origin}${scripts.map(sha256).join(" ")} 'wasm-unsafe-eval'`,
    styles.length ? `style-src ${styles.map(sha256).join(" ")}` : "style-src 'none'",
    "img-src data:",
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join("; ");
}

/** `html` with each placeholder line replaced, and a CSP meta as the first thing in <head>. */
function assemble(name, replacements, policy) {
  let html = read(name);
  for (const [marker, content] of Object.entries(replacements)) {
    if (!html.includes(marker)) throw new Error(`www/${name} lacks ${marker}`);
    html = html.replace(marker, () => content);
  }
  if (!/<head[^>]*>/i.test(html)) throw new Error(`www/${name} has no <head>`);
  return html.replace(/<head[^>]*>/i, (head) => `${head}\n<meta http-equiv="Content-Security-Policy" content="${policy}">`);
}

const inline = (scripts) => scripts.map((s) => `<script>${s}</script>`).join("\n");

// What the front ends share (www/shared.js): a fragment of declarations put before a front end's
// own script inside one function scope, so each bundle carries its own copy and nothing of it
// reaches `window`. Its script hash is computed like any other inline script's (csp below).
const shared = read("shared.js");
const withShared = (frontEnd) => `(function () {\n"use strict";\n${shared}\n${frontEnd}\n})();\n`;

const wasm = optimize(wasmPath);
const glue = readFileSync(gluePath, "utf8");
// The wasm travels gzipped, then base64: base64 hides the wasm's byte patterns from the gzip a
// server (or our size budget) applies to the whole file, so base64 of the raw wasm gzips to about
// 350 KB, while base64 of the gzipped wasm stays at about its gzip size (280 KB). The browser
// inflates it with its own DecompressionStream and compiles it as it inflates (www/wasm.js): no
// code of ours, no network.
const wasmBase64 = gzipSync(wasm, { level: 9 }).toString("base64");
const wasmData = `const NIANBAO_WASM = "${wasmBase64}";\n`;
const wasmLoader = read("wasm.js");
mkdirSync(outDir, { recursive: true });
const written = [];
const write = (name, content) => {
  writeFileSync(join(outDir, name), content);
  written.push(name);
};

// The page. The wasm comes first, at the top of <body>: its base64 in a data block (a script
// element of a type the browser does not run, so the JavaScript parser never scans those 330 KB),
// then a small script that only starts compiling it (NIANBAO_MODULE, a promise of the module).
// The browser compiles it on background threads while it parses and paints the markup and loads
// the glue and app.js at the end of <body>, which await that promise (app.js init).
{
  const style = read("style.css");
  const wasmBlock = `<script type="application/octet-stream" id="nianbao-wasm">${wasmBase64}</script>`;
  const boot = `const NIANBAO_MODULE = (function () {
"use strict";
if (typeof performance.mark === "function") performance.mark("nianbao:boot");
${wasmLoader}
const compiling = compileWasm(document.getElementById("nianbao-wasm").textContent);
compiling.then(() => typeof performance.mark === "function" && performance.mark("nianbao:compiled"), () => {});
return compiling;
})();
`;
  const data = `const NIANBAO_SAMPLE = ${JSON.stringify(read("sample.txt"))};\n`;
  const [bootScript, ...scripts] = [boot, glue, data, withShared(read("reviewer.js") + "\n" + read("app.js"))].map(scriptSafe);
  const html = assemble(
    "index.html",
    {
      "<!-- NIANBAO:STYLE -->": `<style>${style}</style>`,
      "<!-- NIANBAO:BOOT -->": wasmBlock + "\n" + inline([bootScript]),
      "<!-- NIANBAO:SCRIPTS -->": inline(scripts),
    },
    csp({ scripts: [bootScript, ...scripts], styles: [style] }),
  );
  write("index.html", html);
  write("nianbao.wasm", wasm);
}

// The widget: everything inside one function, so that the glue's top-level `let wasm_bindgen`
// and the shared declarations are local and a second include of the script declares nothing twice.
const widget = scriptSafe(`(function () {\n"use strict";\n${glue}\n${wasmData}${wasmLoader}\n${shared}\n${read("widget.js")}\n})();\n`);
write("nianbao-check.js", widget);
{
  const embedScript = scriptSafe(withShared(read("embed.js")));
  const scripts = [widget, embedScript];
  write("embed.html", assemble("embed.html", { "<!-- NIANBAO:SCRIPTS -->": inline(scripts) }, csp({ scripts })));
}
{
  const demoScript = scriptSafe(read("demo.js"));
  const html = assemble(
    "demo.html",
    { "<!-- NIANBAO:DEMO_SCRIPT -->": inline([demoScript]) },
    csp({ scripts: [demoScript], self: true }),
  );
  write("demo.html", html);
}

// The widget as a package a front-end developer can vendor or `npm install` from a tarball.
{
  const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(here, "..", "Cargo.toml"), "utf8"))[1];
  const pkg = {
    name: "nianbao-check",
    version,
    description: "检查政府信息公开工作年度报告的网页插件（章节与统计表），全部在浏览器中完成",
    license: "MIT OR Apache-2.0",
    main: "nianbao-check.js",
    types: "nianbao-check.d.ts",
    exports: {
      ".": { types: "./nianbao-check.d.ts", default: "./nianbao-check.js" },
      "./embed.html": "./embed.html",
      "./package.json": "./package.json",
    },
    files: ["nianbao-check.js", "nianbao-check.d.ts", "embed.html", "demo.html", "index.html", "README.md"],
    sideEffects: true,
  };
  write("package.json", JSON.stringify(pkg, null, 2) + "\n");
  copyFileSync(join(here, "package", "nianbao-check.d.ts"), join(outDir, "nianbao-check.d.ts"));
  copyFileSync(join(here, "package", "README.md"), join(outDir, "README.md"));
}

const kb = (n) => (n / 1024).toFixed(1) + " KB";
const sizes = (name) => {
  const bytes = readFileSync(join(outDir, name));
  return `${name} ${kb(bytes.length)} (gzip ${kb(gzipSync(bytes, { level: 9 }).length)})`;
};
for (const name of ["nianbao.wasm", "index.html", "nianbao-check.js", "embed.html"]) console.log(sizes(name));
