// The demo page: a pretend CMS editing form with <nianbao-check for="body"> under its body field.
// Publishing is blocked while the last check blocks it (the widget's `publish.blocked`: errors of
// the report; a file or table it could not read does not block unless the site says so with the
// widget's `blocking` attribute). Nothing is sent anywhere.
//
// Inline in dist/demo.html under a hash CSP: no inline handlers or style attributes; the page's CSS
// is applied here with a constructable stylesheet. Strings never contain a literal end-of-script
// tag (written "<\/script>") so that this file can be inlined as it is.
(function () {
  "use strict";

  const CSS = `
:root { color-scheme: light; }
html { background: #eef1f5; }
body {
  margin: 0; color: #1f2328; background: #eef1f5;
  font: 14px/1.6 "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif;
}
.cms-top {
  display: flex; align-items: center; gap: 10px; padding: 0 20px; height: 48px;
  background: #1d4f91; color: #fff;
}
.cms-brand { font-size: 16px; font-weight: 600; letter-spacing: 1px; }
.cms-demo-tag { font-size: 12px; padding: 0 6px; border: 1px solid rgba(255,255,255,.6); border-radius: 3px; }
.cms-user { margin-left: auto; font-size: 13px; opacity: .85; }
.cms-shell { display: flex; align-items: flex-start; max-width: 1200px; margin: 0 auto; }
.cms-nav { flex: none; width: 190px; padding: 16px 0; font-size: 13px; color: #424a53; }
.cms-nav-title { margin: 0 16px 8px; font-weight: 600; color: #1f2328; }
.cms-nav ul { list-style: none; margin: 0; padding: 0; }
.cms-nav li { padding: 4px 16px; }
.cms-nav li li { padding: 3px 0 3px 14px; }
.cms-nav .is-open > ul { margin-top: 4px; }
.cms-nav .is-current { color: #1d4f91; font-weight: 600; background: #dde7f5; border-radius: 3px; }
.cms-main { flex: 1 1 auto; min-width: 0; padding: 16px 20px 40px; }
.cms-crumbs { margin: 0 0 4px; font-size: 12px; color: #57606a; }
.cms-h1 { margin: 0 0 6px; font-size: 20px; font-weight: 600; }
.cms-intro { margin: 0 0 14px; font-size: 13px; color: #424a53; max-width: 60em; }
.cms-card {
  background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 16px 18px;
  box-shadow: 0 1px 2px rgba(31,35,40,.06);
}
.cms-row { margin: 0 0 14px; }
.cms-row-split { display: flex; gap: 16px; flex-wrap: wrap; }
.cms-row-split > div { flex: 1 1 200px; }
.cms-label { display: block; margin: 0 0 4px; font-size: 13px; font-weight: 600; }
.cms-input {
  display: block; width: 100%; box-sizing: border-box; padding: 6px 8px;
  font: inherit; color: inherit; background: #fff; border: 1px solid #afb8c1; border-radius: 4px;
}
.cms-input:focus { outline: 2px solid #1d4f91; outline-offset: -1px; border-color: #1d4f91; }
.cms-editor-tools {
  display: flex; gap: 2px; padding: 4px; border: 1px solid #afb8c1; border-bottom: 0;
  border-radius: 4px 4px 0 0; background: #f6f8fa; font-size: 12px; color: #57606a;
}
.cms-editor-tools span { padding: 1px 8px; border-radius: 3px; }
.cms-body {
  min-height: 320px; resize: vertical; border-radius: 0 0 4px 4px;
  font-size: 13px; line-height: 1.6; white-space: pre-wrap;
}
.cms-actions { display: flex; align-items: center; flex-wrap: wrap; gap: 10px; margin: 4px 0 0; }
.cms-btn {
  padding: 6px 18px; font: inherit; color: #1f2328; background: #f6f8fa;
  border: 1px solid #afb8c1; border-radius: 4px; cursor: pointer;
}
.cms-btn:hover { background: #eaeef2; }
.cms-btn-primary { color: #fff; background: #1d4f91; border-color: #1d4f91; }
.cms-btn-primary:hover { background: #173f74; }
.cms-btn[disabled], .cms-btn[disabled]:hover {
  color: #8c959f; background: #eaeef2; border-color: #d0d7de; cursor: not-allowed;
}
.cms-note { font-size: 13px; color: #a40e26; }
.cms-note.is-info { color: #57606a; }
.cms-status { margin: 8px 0 0; min-height: 1.6em; font-size: 13px; color: #116329; }
.cms-docs {
  margin: 28px 0 0; padding: 16px 18px; background: #fff; border: 1px solid #d0d7de; border-radius: 6px;
}
.cms-docs h2 { margin: 0 0 8px; font-size: 17px; }
.cms-docs h3 { margin: 20px 0 6px; font-size: 15px; }
.cms-docs p { margin: 0 0 8px; max-width: 62em; font-size: 13px; }
.cms-docs code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono CJK SC", monospace; font-size: 12px; }
.cms-docs p code { padding: 0 3px; background: #eff1f3; border-radius: 3px; }
.cms-docs pre {
  margin: 0 0 10px; padding: 10px 12px; overflow: auto; background: #f6f8fa;
  border: 1px solid #d0d7de; border-radius: 4px; line-height: 1.5;
}
.cms-callout { padding: 8px 10px; background: #fff8c5; border: 1px solid #e3c56e; border-radius: 4px; }
@media (max-width: 760px) {
  .cms-nav { display: none; }
  .cms-main { padding: 12px; }
}
`;

  function applyStyles() {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    } catch (_) {
      // Very old browsers: the demo works unstyled.
    }
  }

  // ----- the copy-paste snippets (set with textContent, so no HTML escaping is involved) -----

  const SNIPPETS = {
    "snippet-script": `<script src="/static/nianbao-check.js"><\/script>

<textarea id="body" name="body"></textarea>
<nianbao-check for="body"></nianbao-check>`,

    "snippet-block": `<script>
  const publish = document.getElementById("publish");
  document.querySelector("nianbao-check").addEventListener("nianbao-result", e => {
    // publish.blocked：按 blocking 属性的规则是否应禁止发布（默认：报告有错误；
    // 文件或表格未能读取不是报告的错误，不禁止）
    publish.disabled = e.detail.publish.blocked;
  });
<\/script>`,

    "snippet-csp": `Content-Security-Policy: script-src 'self' 'wasm-unsafe-eval'`,

    "snippet-api": `const checker = document.querySelector("nianbao-check");
// 检查任意文字（例如富文本编辑器的纯文本内容）
const result = await checker.check(editor.getText());
// 检查文件：.docx、.html、.txt（UTF-8、GB18030 等编码）
const fromFile = await checker.checkBytes(await file.arrayBuffer(), file.name);
console.log(result.summary.errors, result.diagnostics);`,

    "snippet-iframe": `<!-- origin= 填你的内容管理系统页面的来源，形如 https://cms.example.gov.cn -->
<iframe id="nianbao-frame" title="年报检查"
        src="/static/embed.html?origin=你的CMS来源"
        width="100%" height="260" frameborder="0"></iframe>`,

    "snippet-parent": `<script>
  const frame = document.getElementById("nianbao-frame");
  const CHECKER_ORIGIN = new URL(frame.src, location.href).origin;
  const publish = document.getElementById("publish");

  window.addEventListener("message", (event) => {
    // 只处理来自检查页的消息
    if (event.source !== frame.contentWindow || event.origin !== CHECKER_ORIGIN) return;
    const msg = event.data || {};
    if (msg.type === "nianbao-height") {
      frame.style.height = msg.height + "px";              // 随内容调整高度
    } else if (msg.type === "nianbao-result") {
      publish.disabled = msg.result.publish.blocked;      // 有错误时禁止发布
    }
  });

  // 把编辑器里的正文交给检查页（iframe 加载完成后）
  function checkText(text) {
    frame.contentWindow.postMessage({ type: "nianbao-check", text }, CHECKER_ORIGIN);
  }
  frame.addEventListener("load", () => checkText(editor.getText()));
<\/script>`,
  };

  function fillSnippets() {
    for (const [id, text] of Object.entries(SNIPPETS)) {
      const node = document.getElementById(id);
      if (node) node.textContent = text;
    }
  }

  // ----- the pretend CMS form -----

  const form = document.getElementById("article-form");
  const body = document.getElementById("body");
  const publish = document.getElementById("publish");
  const saveDraft = document.getElementById("save-draft");
  const note = document.getElementById("publish-note");
  const status = document.getElementById("form-status");
  const checker = document.querySelector("nianbao-check");
  const date = document.getElementById("date");

  let lastErrors = null; // errors of the last result, null before the first check
  let lastPublish = null; // the widget's decision for the last result (detail.publish)
  let checkerBroken = false;

  function updatePublish() {
    let disabled = false;
    let text = "";
    let info = false;
    if (body.value.trim() === "") {
      disabled = true;
      text = "请先填写正文";
      info = true;
    } else if (checkerBroken) {
      text = "年报检查未能运行，发布前请人工核对";
    } else if (lastPublish && lastPublish.blocked) {
      disabled = true;
      text = lastPublish.blocking.every((c) => c.startsWith("input.") || c === "table.unreadable")
        ? "年报检查未能读取报告（" + lastPublish.blocking.join("、") + "），按本站设置不能发布"
        : "年报检查发现 " + lastErrors + " 个错误，修正后才能发布";
    } else if (lastPublish && lastPublish.reading.length) {
      text = "年报检查有内容未能读取（不是报告的错误），发布前请人工核对";
      info = true;
    }
    publish.disabled = disabled;
    note.textContent = text;
    note.classList.toggle("is-info", info);
  }

  function wire() {
    checker.addEventListener("nianbao-result", (e) => {
      lastErrors = e.detail && e.detail.summary ? e.detail.summary.errors : 0;
      lastPublish = e.detail && e.detail.publish ? e.detail.publish : null;
      checkerBroken = false;
      updatePublish();
    });
    // The widget says `state="error"` when it cannot start (e.g. WebAssembly blocked).
    new MutationObserver(() => {
      checkerBroken = checker.getAttribute("state") === "error";
      updatePublish();
    }).observe(checker, { attributes: true, attributeFilter: ["state"] });

    body.addEventListener("input", () => {
      status.textContent = "";
      if (body.value.trim() === "") {
        lastErrors = null;
        lastPublish = null;
      }
      updatePublish();
    });

    form.addEventListener("submit", (e) => {
      e.preventDefault();
      if (publish.disabled) return;
      status.textContent = "（演示）已发布";
    });
    saveDraft.addEventListener("click", () => {
      status.textContent = "（演示）草稿已保存";
    });
  }

  applyStyles();
  fillSnippets();
  if (date && !date.value) date.valueAsDate = new Date();
  if (form && body && publish && checker) {
    wire();
    updatePublish();
  }
})();
