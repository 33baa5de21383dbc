// <nianbao-check>: the embeddable checker for 政府信息公开工作年度报告.
//
// Runs inside the bundle's function scope (dist/nianbao-check.js), after the wasm-bindgen
// "no-modules" glue (a local `wasm_bindgen`), `const NIANBAO_WASM = "<base64>"`, www/wasm.js
// (compiling it) and www/shared.js (labels, verdict, sorting, instantiating the wasm). Nothing is
// put on the page's globals except the custom element name `nianbao-check`.
//
//   <textarea id="body"></textarea>
//   <nianbao-check for="body"></nianbao-check>
//
// Attributes:  for="ID"  (in)  — the field whose text is checked (textarea/input/.value, or a
//                                contenteditable's innerText), on connect and on input/change;
//              blocking   (in)  — which findings block publishing: space-separated codes
//                                ("table.unreadable"), families ("input.*") or "errors" (every
//                                error that is not a reading problem); default "errors", so a
//                                file or table the checker could not read never blocks;
//              state      (out) — idle | loading | ready | error;
//              errors, warnings (out) — counts of the last result;
//              blocked    (out) — present while the last result blocks publishing.
// Event:       nianbao-result — detail is the result (output-contract.md) plus `publish`:
//              { blocked, rule, blocking: codes that block, reading: codes of reading problems };
//              bubbles, composed.
// Methods:     check(text) → Promise<result>; checkBytes(bytes|ArrayBuffer|Blob, name?) → Promise<result>.
// Parts:       verdict, details, finding (data-code, data-severity), message, facts, findings,
//              sections, tables, drop.
//
// Rules kept throughout: results reach the DOM only through textContent/createElement (never
// innerHTML), styles come only from a constructable stylesheet (a strict style-src allows it), and
// the WebAssembly is decoded and compiled only when the first check is needed, once per page.
(() => {
  "use strict";

  const TAG = "nianbao-check";
  // Included twice (two CMS plugins, a theme and a page…): the first definition wins, quietly.
  if (typeof window === "undefined" || !window.customElements || !window.HTMLElement) return;
  if (window.customElements.get(TAG)) return;

  const DEBOUNCE_MS = 300;
  const FIELD_RETRY_FRAMES = 10;
  const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif';
  const MONO = 'ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono CJK SC", monospace';

  // ---------------------------------------------------------------------------------------------
  // Style: `all: initial` on the host plus explicit values on every inner element, so neither the
  // host page's inherited properties nor its universal selectors change the widget. Declarations
  // marked !important on :host beat the page's !important ones (inner context wins for important).
  // ---------------------------------------------------------------------------------------------

  const CSS = `
:host {
  all: initial;
  display: block !important;
  visibility: visible !important;
  position: relative;
  margin: 6px 0;
  font-family: ${FONT};
  font-size: 13px;
  line-height: 1.5;
  color: #1f2328;
}
:host([hidden]) { display: none !important; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.box {
  display: block; position: relative; margin: 0; padding: 4px 6px;
  font-family: ${FONT}; font-size: 13px; font-weight: 400; font-style: normal; line-height: 1.5;
  color: #1f2328; background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px;
  text-align: left; direction: ltr; writing-mode: horizontal-tb; white-space: normal;
  letter-spacing: normal; word-spacing: normal; text-transform: none; text-indent: 0;
  text-decoration: none; text-shadow: none; cursor: auto; visibility: visible; opacity: 1;
  overflow-wrap: anywhere;
}
.box.kind-error { background: #fff5f5; border-color: #e5a3a8; }
.box.kind-warning { background: #fff9e6; border-color: #e3c56e; }
.box.kind-ok { background: #f0faf2; border-color: #9bd3a8; }
.box.kind-reading { background: #f6f8fa; border-color: #afb8c1; }
.box.dragging { outline: 2px dashed #0969da; outline-offset: -3px; background: #eef5ff; }
.bar { display: flex; flex-wrap: wrap; align-items: center; gap: 2px 10px; margin: 0; padding: 0; }
button {
  all: unset; box-sizing: border-box; display: inline-block; cursor: pointer;
  font-family: ${FONT}; font-size: 13px; line-height: 1.5; color: inherit; border-radius: 4px;
}
button:focus-visible, .drop:focus-visible { outline: 2px solid #0969da; outline-offset: 1px; }
button[disabled] { cursor: default; }
.verdict {
  display: flex; flex: 1 1 18em; align-items: baseline; gap: 6px; min-width: 0;
  margin: 0; padding: 2px 2px; font-weight: 600; color: #1f2328;
}
.verdict .dot {
  display: inline-block; flex: none; width: 9px; height: 9px; border-radius: 50%;
  background: #8c959f; transform: translateY(-1px);
}
.verdict .line { display: inline; flex: 0 1 auto; min-width: 0; color: inherit; font-weight: 600; }
/* The expand/collapse cue is generated content, so the verdict's textContent is the verdict alone
   (aria-expanded says the same to assistive technology). */
.verdict::after {
  content: "详情 ▾"; content: "详情 ▾" / "";
  display: inline; flex: none; font-weight: 400; font-size: 12px; color: #0969da;
  text-decoration: none;
}
.verdict[aria-expanded="true"]::after { content: "收起 ▴"; content: "收起 ▴" / ""; }
.verdict[disabled]::after { content: none; display: none; }
.verdict:hover::after { text-decoration: underline; }
.kind-error .verdict { color: #a40e26; }
.kind-error .dot { background: #cf222e; }
.kind-warning .verdict { color: #7d4e00; }
.kind-warning .dot { background: #d4a72c; }
.kind-ok .verdict { color: #116329; }
.kind-ok .dot { background: #1a7f37; }
.kind-reading .verdict { color: #424a53; }
.kind-reading .dot { background: #6e7781; }
.kind-loading .dot { background: #8c959f; }
.drop {
  display: inline-flex; flex: none; align-items: baseline; gap: 4px; margin: 0; padding: 0 2px;
  font-size: 12px; font-weight: 400; color: #57606a; border-radius: 4px; cursor: default;
}
.drop .pick { font-size: 12px; color: #0969da; text-decoration: underline; }
.file { display: none !important; }
.message {
  display: block; margin: 4px 0 2px; padding: 6px 8px; font-size: 13px; font-weight: 400;
  color: #82071e; background: #ffebe9; border: 1px solid #ff8182; border-radius: 4px;
}
code {
  display: inline; font-family: ${MONO}; font-size: 12px; color: inherit;
  background: rgba(175, 184, 193, 0.25); padding: 0 3px; border-radius: 3px;
}
.details {
  display: block; margin: 4px 0 0; padding: 6px 2px 2px; border-top: 1px solid #d0d7de;
  max-height: 26em; overflow: auto; font-weight: 400;
}
.facts, .sections, .tables, .note {
  display: block; margin: 0 0 4px; padding: 0; font-size: 12px; color: #57606a; font-weight: 400;
}
.label { display: inline; color: #1f2328; font-weight: 600; }
.findings { display: block; list-style: none; margin: 0 0 6px; padding: 0; }
.finding {
  display: block; margin: 0 0 4px; padding: 3px 6px; background: #ffffff;
  border: 1px solid #d8dee4; border-left-width: 3px; border-radius: 4px; list-style: none;
}
.finding.sev-error { border-left-color: #cf222e; }
.finding.sev-warning { border-left-color: #d4a72c; }
.finding.sev-info { border-left-color: #8c959f; }
.badge {
  display: inline-block; margin: 0 6px 0 0; padding: 0 5px; font-size: 12px; font-weight: 600;
  line-height: 1.6; border-radius: 3px; color: #ffffff; background: #6e7781; vertical-align: 1px;
}
.sev-error .badge { background: #cf222e; }
.sev-warning .badge { background: #9a6700; }
.msg { display: inline; color: #1f2328; font-weight: 400; }
.where { display: inline; margin: 0 0 0 6px; font-size: 12px; color: #57606a; }
button.where { color: #0969da; text-decoration: underline; }
.hint { display: block; margin: 1px 0 0; font-size: 12px; color: #57606a; }
.reading { display: block; margin: 1px 0 0; font-size: 12px; color: #424a53; font-weight: 600; }
.fix { display: block; margin: 2px 0 0; font-size: 13px; color: #0a3069; font-weight: 600; }
.chip { display: inline; margin: 0 8px 0 0; color: #57606a; white-space: normal; }
.chip.st-present { color: #116329; }
.chip.st-missing, .chip.st-unreadable { color: #a40e26; font-weight: 600; }
.chip.st-mentioned { color: #7d4e00; font-weight: 600; }
.mirror {
  display: block; position: fixed; top: 0; left: 0; height: 0; overflow: hidden;
  visibility: hidden; pointer-events: none;
}
`;

  let sharedSheet = null;

  function adoptStyles(shadow) {
    try {
      if (!sharedSheet) {
        sharedSheet = new CSSStyleSheet();
        sharedSheet.replaceSync(CSS);
      }
      shadow.adoptedStyleSheets = [sharedSheet];
    } catch (_) {
      // Browsers without constructable stylesheets (before Safari 16.4): a <style> element, which a
      // strict style-src may block; the widget then works unstyled.
      const style = document.createElement("style");
      style.textContent = CSS;
      shadow.append(style);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The checker: one lazy initialisation for every widget on the page
  // ---------------------------------------------------------------------------------------------

  let initPromise = null;

  function loadChecker() {
    if (!initPromise) {
      initPromise = loadWasm(wasm_bindgen, NIANBAO_WASM);
    }
    return initPromise;
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers
  // ---------------------------------------------------------------------------------------------

  // The one-line verdict and its colour (error, warning, ok).
  // A file the checker could not read is a reading problem, not the report's error: said so,
  // in grey, not red (and it does not block publishing unless the host says so: `blocking`).
  function verdict(result) {
    const v = summarise(result);
    if (v.kind === "input") return { kind: "reading", line: "未能读取，不是报告的错误" };
    if (v.kind === "not-report") return { kind: "error", line: v.line };
    const missing = (result.sections || []).filter((s) => s.status === "missing").length;
    const unread = (result.diagnostics || []).some((d) => d.code === "table.unreadable");
    const kind = v.kind === "errors" ? "error" : v.kind === "warnings" ? "warning" : "ok";
    return {
      kind,
      line: v.line + (missing > 0 ? " · 缺少 " + missing + " 个章节" : "") + (unread ? " · 有统计表未能读取（不是报告的错误）" : ""),
    };
  }

  function readField(field) {
    if (typeof field.value === "string") return field.value;
    if (typeof field.innerText === "string") return field.innerText;
    return field.textContent || "";
  }

  // ---------------------------------------------------------------------------------------------
  // The element
  // ---------------------------------------------------------------------------------------------

  class NianbaoCheck extends HTMLElement {
    static get observedAttributes() {
      return ["for", "blocking"];
    }

    constructor() {
      super();
      const shadow = this.attachShadow({ mode: "open" });
      adoptStyles(shadow);

      const box = el("div", "box kind-idle");
      box.setAttribute("part", "box");

      const bar = el("div", "bar");
      const verdict = el("button", "verdict");
      verdict.type = "button";
      verdict.setAttribute("part", "verdict");
      verdict.setAttribute("aria-expanded", "false");
      verdict.setAttribute("aria-controls", "details");
      verdict.disabled = true;
      const dot = el("span", "dot");
      dot.setAttribute("aria-hidden", "true");
      const line = el("span", "line");
      line.setAttribute("aria-live", "polite");
      verdict.append(dot, line);

      const drop = el("span", "drop");
      drop.setAttribute("part", "drop");
      drop.tabIndex = 0;
      drop.title = "可把 .docx、PDF、.html、.txt 文件拖到这里，或点这里后按 Ctrl+V 粘贴；只检查，不改动编辑框";
      const pick = el("button", "pick", "选择文件");
      pick.type = "button";
      const file = el("input", "file");
      file.type = "file";
      file.accept = ".txt,.html,.htm,.docx,.pdf,text/plain,text/html,application/pdf";
      file.tabIndex = -1;
      file.setAttribute("aria-hidden", "true");
      drop.append(el("span", null, "拖入或粘贴报告 ·"), pick, file);
      bar.append(verdict, drop);

      const message = el("p", "message");
      message.setAttribute("part", "message");
      message.setAttribute("role", "alert");
      message.hidden = true;

      const details = el("div", "details");
      details.id = "details";
      details.setAttribute("part", "details");
      details.hidden = true;

      const mirror = el("div", "mirror");
      mirror.setAttribute("aria-hidden", "true");

      box.append(bar, message, details, mirror);
      shadow.append(box);

      this._els = { box, verdict, line, drop, pick, file, message, details, mirror };
      this._field = null; // the bound element
      this._fieldId = null; // the id it was found by
      this._timer = 0; // debounce of input events
      this._waiting = null; // { id, frame, tries, observer, onReady } while the field is not found
      this._result = null;
      this._checked = null; // { text, from, name } of the last result
      this._expanded = false;
      this._dragDepth = 0;
      this._onFieldInput = () => {
        clearTimeout(this._timer);
        this._timer = setTimeout(() => this._checkField(), DEBOUNCE_MS);
      };
      this._onFieldChange = () => {
        clearTimeout(this._timer);
        this._checkField();
      };

      verdict.addEventListener("click", () => this._toggle());
      pick.addEventListener("click", () => file.click());
      file.addEventListener("change", () => {
        const f = file.files && file.files[0];
        file.value = "";
        if (f) this._quiet(this._checkBlob(f, "file"));
      });
      details.addEventListener("click", (e) => {
        const target = e.target instanceof Element ? e.target.closest("button.where") : null;
        if (target && target.dataset.start) this._locate(Number(target.dataset.start), Number(target.dataset.end));
      });
      shadow.addEventListener("paste", (e) => this._onPaste(e));
      this.addEventListener("dragenter", (e) => this._onDragEnter(e));
      this.addEventListener("dragover", (e) => this._onDragOver(e));
      this.addEventListener("dragleave", (e) => this._onDragLeave(e));
      this.addEventListener("drop", (e) => this._onDrop(e));

      this._showIdle(false);
    }

    connectedCallback() {
      if (!this.hasAttribute("state")) this.setAttribute("state", "idle");
      this._bind();
    }

    disconnectedCallback() {
      this._unbind();
    }

    attributeChangedCallback(name, oldValue, newValue) {
      if (name === "blocking") {
        if (this._result) this._decide(this._result);
        return;
      }
      if (name !== "for" || oldValue === newValue || !this.isConnected) return;
      this._unbind();
      this._bind();
    }

    // ----- public API -----

    /** Checks `text`, shows the result and fires `nianbao-result`. Resolves to the result. */
    check(text) {
      const t = text == null ? "" : String(text);
      return this._run((api) => api.check(t, { era: "auto" }), { text: t, from: "text", name: "" });
    }

    /** Checks a file's bytes (.docx/.pdf/.html/.txt, any supported encoding); `result.text` is the text read. */
    async checkBytes(bytes, name) {
      const n = name != null ? String(name) : typeof File !== "undefined" && bytes instanceof File ? bytes.name : "";
      const data = await toBytes(bytes);
      return this._run((api) => api.check_bytes(data, { name: n }), { text: null, from: "bytes", name: n });
    }

    // ----- the bound field -----

    _lookup(id) {
      const root = this.getRootNode();
      let found = root && typeof root.getElementById === "function" ? root.getElementById(id) : null;
      if (!found && root !== document) found = document.getElementById(id);
      return found;
    }

    _bind() {
      const id = this.getAttribute("for");
      if (!id) {
        this._showIdle();
        return;
      }
      if (this._field && this._fieldId === id && this._field.isConnected) return;
      const field = this._lookup(id);
      if (field) this._attach(field, id);
      else this._waitFor(id);
    }

    _attach(field, id) {
      this._stopWaiting();
      this._field = field;
      this._fieldId = id;
      field.addEventListener("input", this._onFieldInput);
      field.addEventListener("change", this._onFieldChange);
      this._checkField();
    }

    _unbind() {
      clearTimeout(this._timer);
      this._stopWaiting();
      if (this._field) {
        this._field.removeEventListener("input", this._onFieldInput);
        this._field.removeEventListener("change", this._onFieldChange);
      }
      this._field = null;
      this._fieldId = null;
    }

    // The field may be rendered after the widget (editors that build their DOM in script): look
    // again on the next frames, on DOMContentLoaded, and whenever the document changes.
    _waitFor(id) {
      this._stopWaiting();
      const w = { id, frame: 0, tries: 0, observer: null, onReady: null };
      this._waiting = w;
      const attempt = () => {
        if (this._waiting !== w) return true;
        const field = this._lookup(id);
        if (field) {
          this._attach(field, id);
          return true;
        }
        return false;
      };
      const onFrame = () => {
        w.frame = 0;
        if (attempt()) return;
        if (++w.tries < FIELD_RETRY_FRAMES) w.frame = requestAnimationFrame(onFrame);
        else if (document.readyState !== "loading") this._showNotFound(id);
      };
      w.frame = requestAnimationFrame(onFrame);
      if (document.readyState === "loading") {
        w.onReady = () => {
          if (!attempt()) this._showNotFound(id);
        };
        document.addEventListener("DOMContentLoaded", w.onReady, { once: true });
      }
      if (typeof MutationObserver === "function") {
        w.observer = new MutationObserver(() => attempt());
        w.observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["id"] });
      }
      this._showIdle();
    }

    _stopWaiting() {
      const w = this._waiting;
      if (!w) return;
      this._waiting = null;
      if (w.frame) cancelAnimationFrame(w.frame);
      if (w.observer) w.observer.disconnect();
      if (w.onReady) document.removeEventListener("DOMContentLoaded", w.onReady);
    }

    _checkField() {
      clearTimeout(this._timer);
      const field = this._field;
      if (!field) return;
      if (!field.isConnected) {
        // The editor replaced its field: find the new one.
        this._unbind();
        this._bind();
        return;
      }
      const text = readField(field);
      if (text.trim() === "") {
        this._checked = null;
        this._result = null;
        this._showIdle();
        return;
      }
      const last = this._checked;
      if (this._result && last && last.from === "field" && last.text === text) return; // unchanged
      this._quiet(this._run((api) => api.check(text, { era: "auto" }), { text, from: "field", name: "" }));
    }

    // ----- running a check -----

    async _run(call, meta) {
      let api;
      if (!this._ready) {
        this.setAttribute("state", "loading");
        this._setVerdict("loading", "年报检查：正在加载检查器…", false);
      }
      try {
        api = await loadChecker();
      } catch (err) {
        this._showInitError(err);
        throw err;
      }
      this._ready = true;
      let result;
      try {
        result = call(api);
      } catch (err) {
        this._showCallError(err);
        throw err;
      }
      if (!result || typeof result !== "object") {
        const err = new Error("检查器没有返回结果");
        this._showRuntimeError(err);
        throw err;
      }
      this._result = result;
      this._checked = { text: meta.text !== null ? meta.text : typeof result.text === "string" ? result.text : "", from: meta.from, name: meta.name };
      this._render();
      const n = countSeverities(result);
      this.setAttribute("state", "ready");
      this.setAttribute("errors", String(n.errors));
      this.setAttribute("warnings", String(n.warnings));
      this._decide(result);
      this.dispatchEvent(new CustomEvent("nianbao-result", { detail: result, bubbles: true, composed: true }));
      return result;
    }

    // Whether the result blocks publishing under the host's `blocking` rule: on the result
    // (`publish`, in the event's detail) and as the `blocked` attribute.
    _decide(result) {
      result.publish = publishDecision(result, this.getAttribute("blocking"));
      this.toggleAttribute("blocked", result.publish.blocked);
    }

    // Checks started by the widget itself (typing, drop, paste) report failures on screen only.
    _quiet(promise) {
      promise.catch(() => {});
    }

    async _checkBlob(blob, from) {
      let data;
      try {
        data = new Uint8Array(await blob.arrayBuffer());
      } catch (err) {
        this._showMessage("无法读取文件“" + (blob.name || "") + "”：" + ((err && err.message) || err));
        throw err;
      }
      const name = blob.name || "";
      return this._run((api) => api.check_bytes(data, { name }), { text: null, from, name });
    }

    // ----- paste and drop onto the widget (never into the bound field) -----

    _onPaste(e) {
      const data = e.clipboardData;
      if (!data) return;
      const files = data.files;
      if (files && files.length > 0) {
        e.preventDefault();
        this._quiet(this._checkBlob(files[0], "file"));
        return;
      }
      const html = data.getData("text/html");
      const plain = data.getData("text/plain");
      if (!html && !plain) return;
      e.preventDefault();
      if (html) {
        const bytes = utf8(html);
        this._quiet(this._run((api) => api.check_bytes(bytes, { name: "clipboard.html" }), { text: null, from: "paste", name: "" }));
      } else {
        this._quiet(this._run((api) => api.check(plain, { era: "auto" }), { text: plain, from: "paste", name: "" }));
      }
    }

    _usableDrag(e) {
      const types = e.dataTransfer ? Array.from(e.dataTransfer.types || []) : [];
      return types.includes("Files") || types.includes("text/plain") || types.includes("text/html");
    }

    _onDragEnter(e) {
      if (!this._usableDrag(e)) return;
      this._dragDepth++;
      this._els.box.classList.add("dragging");
    }

    _onDragOver(e) {
      if (!this._usableDrag(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
      this._els.box.classList.add("dragging");
    }

    _onDragLeave(e) {
      if (!this._usableDrag(e)) return;
      this._dragDepth = Math.max(0, this._dragDepth - 1);
      if (this._dragDepth === 0) this._els.box.classList.remove("dragging");
    }

    _onDrop(e) {
      this._dragDepth = 0;
      this._els.box.classList.remove("dragging");
      const dt = e.dataTransfer;
      if (!dt) return;
      if (dt.files && dt.files.length > 0) {
        e.preventDefault();
        e.stopPropagation();
        this._quiet(this._checkBlob(dt.files[0], "file"));
        return;
      }
      const html = dt.getData("text/html");
      const plain = dt.getData("text/plain");
      if (!html && !plain) return;
      e.preventDefault();
      e.stopPropagation();
      if (html) {
        const bytes = utf8(html);
        this._quiet(this._run((api) => api.check_bytes(bytes, { name: "dropped.html" }), { text: null, from: "paste", name: "" }));
      } else {
        this._quiet(this._run((api) => api.check(plain, { era: "auto" }), { text: plain, from: "paste", name: "" }));
      }
    }

    // ----- display -----

    _setVerdict(kind, text, expandable) {
      const e = this._els;
      e.box.className = "box kind-" + kind + (e.box.classList.contains("dragging") ? " dragging" : "");
      e.line.textContent = text;
      e.verdict.disabled = !expandable;
      if (!expandable) {
        e.details.hidden = true;
        e.verdict.setAttribute("aria-expanded", "false");
      } else {
        e.details.hidden = !this._expanded;
        e.verdict.setAttribute("aria-expanded", String(this._expanded));
      }
    }

    _toggle() {
      if (this._els.verdict.disabled) return;
      this._expanded = !this._expanded;
      this._els.details.hidden = !this._expanded;
      this._els.verdict.setAttribute("aria-expanded", String(this._expanded));
    }

    _showIdle(setAttributes = true) {
      if (this._initFailed) return; // keep saying why the checker cannot run
      if (setAttributes) {
        this.setAttribute("state", "idle");
        this.removeAttribute("errors");
        this.removeAttribute("warnings");
        this.removeAttribute("blocked");
      }
      this._els.message.hidden = true;
      this._els.details.replaceChildren();
      const bound = this.getAttribute("for");
      this._setVerdict("idle", bound ? "年报检查：输入报告全文后自动检查" : "年报检查：把报告文件拖到这里，或点这里后粘贴全文", false);
    }

    _showNotFound(id) {
      if (this._field || this._result) return;
      this._setVerdict("idle", "年报检查：页面上没有 id 为“" + id + "”的编辑框", false);
    }

    _showMessage(text) {
      const m = this._els.message;
      m.replaceChildren(document.createTextNode(text));
      m.hidden = false;
    }

    _showInitError(err) {
      this._initFailed = true;
      this.setAttribute("state", "error");
      this.removeAttribute("errors");
      this.removeAttribute("warnings");
      const kind = initFailureKind(err);
      const m = this._els.message;
      m.replaceChildren();
      if (kind === "no-wasm") {
        this._setVerdict("error", "年报检查无法运行：浏览器不支持 WebAssembly", false);
        m.append("此浏览器不支持 WebAssembly，年报检查无法运行。请使用新版 Chrome、Edge、Firefox 或 Safari。");
      } else if (kind === "csp") {
        this._setVerdict("error", "年报检查无法运行：页面的安全策略阻止了 WebAssembly", false);
        m.append(
          "本页面的内容安全策略（Content-Security-Policy）阻止了 WebAssembly，年报检查无法运行。" +
            "需要的改动只有一处：在 script-src 中加入 ",
          el("code", null, "'wasm-unsafe-eval'"),
          "。"
        );
      } else {
        this._setVerdict("error", "年报检查无法运行：检查器未能加载", false);
        m.append(
          "年报检查器未能加载（" + errorText(err) + "）。" +
            "如果本页面设置了内容安全策略（Content-Security-Policy），请在 script-src 中加入 ",
          el("code", null, "'wasm-unsafe-eval'"),
          "。"
        );
      }
      m.hidden = false;
    }

    _showRuntimeError(err) {
      this.setAttribute("state", "error");
      this._setVerdict("error", "年报检查出错", false);
      this._showMessage("检查时出错：" + errorText(err) + "。请刷新页面后重试。");
    }

    // A call the core refused (its message says why, e.g. an unknown era) or a failure inside it.
    _showCallError(err) {
      const e = describeCallError(err);
      if (!e.usage) {
        this._showRuntimeError(err);
        return;
      }
      this.setAttribute("state", "error");
      this._setVerdict("error", "年报检查未能进行", false);
      this._showMessage(e.message);
    }

    _render() {
      const result = this._result;
      const e = this._els;
      e.message.hidden = true;
      const v = verdict(result);
      this._setVerdict(v.kind, "年报检查：" + v.line, true);

      const report = isReport(result);
      const parts = [];

      const facts = this._factsLine(result, report);
      if (facts) parts.push(facts);

      // Findings: errors, then warnings, then notes. For a non-report only the verdict's reason.
      const shown = shownDiagnostics(result);
      const locatable = this._canLocate();
      if (shown.length) {
        const ol = el("ol", "findings");
        ol.setAttribute("part", "findings");
        for (const d of shown) ol.append(this._finding(d, locatable));
        parts.push(ol);
      }

      if (report) {
        const sections = result.sections || [];
        if (sections.length) parts.push(this._sectionsLine(result, sections));
        const tables = result.tables || [];
        if (tables.length) parts.push(this._tablesLine(result, tables));
      }
      if (!shown.length && report) parts.push(el("p", "note", "没有发现问题。"));
      e.details.replaceChildren(...parts);
    }

    _factsLine(result, report) {
      const doc = result.document || {};
      const bits = [];
      if (report) {
        if (doc.agency) bits.push(doc.agency);
        if (doc.year != null) bits.push(doc.year + " 年度");
        const era = doc.era ? labelsOf(wasm_bindgen).eraLabel(doc.era) : "";
        if (era) bits.push("按 " + era + "检查");
        if (doc.published) bits.push("发布于 " + doc.published);
      }
      const c = this._checked || {};
      if (c.from === "file" || c.from === "bytes" || c.from === "paste") {
        const kind = sourceKind(result);
        let what = c.from === "paste" ? "粘贴的内容" : c.name ? "文件“" + c.name + "”" : "文件";
        if (kind.length && c.from !== "paste") what += "（" + kind.join("，") + "）";
        bits.push("检查的是" + what + (this._field ? "，编辑框未改动" : ""));
      }
      if (!bits.length) return null;
      const p = el("p", "facts", bits.join(" · "));
      p.setAttribute("part", "facts");
      return p;
    }

    _finding(d, locatable) {
      const f = findingParts(d);
      const li = el("li", "finding sev-" + f.severity);
      li.setAttribute("part", "finding");
      li.dataset.code = f.code;
      li.dataset.severity = f.severity;
      li.append(el("span", "badge", f.badge), el("span", "msg", f.message));
      const span = d.span;
      if (f.line) {
        const label = f.line;
        if (locatable && Number.isFinite(span.start) && Number.isFinite(span.end)) {
          const b = el("button", "where", label);
          b.type = "button";
          b.title = "在编辑框中选中这一处";
          b.dataset.start = String(span.start);
          b.dataset.end = String(span.end);
          li.append(b);
        } else {
          li.append(el("span", "where", label));
        }
      }
      if (d.suggestion && d.suggestion.value != null) {
        const fix = el("span", "fix", "很可能应为 " + d.suggestion.value + (f.place ? "（" + f.place + "）" : ""));
        fix.setAttribute("part", "suggestion");
        li.append(fix);
      }
      if (isReadingProblem(d)) {
        li.dataset.reading = "";
        li.append(el("span", "reading", d.code === "table.unreadable" ? "未能读取这张表，不是报告的错误" : "未能读取文件，不是报告的错误"));
      }
      if (f.hint) li.append(el("span", "hint", f.hint));
      return li;
    }

    _sectionsLine(result, sections) {
      const p = el("p", "sections");
      p.setAttribute("part", "sections");
      const c = coverageCounts(result);
      p.append(el("span", "label", "必备章节 " + c.present + "/" + c.required + "："));
      const missing = sections.filter((x) => x.status === "missing");
      const mentioned = sections.filter((x) => x.status === "mentioned");
      if (!missing.length && !mentioned.length) {
        p.append(el("span", "chip st-present", "齐全"));
        return p;
      }
      for (const x of missing) p.append(el("span", "chip st-missing", SECTION_STATUS.missing.word + "“" + (x.title || x.heading || x.id) + "”"));
      for (const x of mentioned) p.append(el("span", "chip st-mentioned", SECTION_STATUS.mentioned.word + "“" + (x.title || x.heading || x.id) + "”"));
      return p;
    }

    _tablesLine(result, tables) {
      const labels = labelsOf(wasm_bindgen);
      const docEra = result.document && result.document.era;
      const p = el("p", "tables");
      p.setAttribute("part", "tables");
      p.append(el("span", "label", "统计表："));
      for (const t of tables) {
        const status = TABLE_STATUS[t.status] ? t.status : "missing";
        const L = labels.table(t, docEra);
        const chip = el("span", "chip st-" + status, ((L && L.short) || t.title || t.id) + " " + TABLE_STATUS[status]);
        chip.dataset.table = String(t.id);
        chip.dataset.tableStatus = status;
        if (t.title) chip.title = t.title;
        p.append(chip);
      }
      return p;
    }

    // ----- selecting a finding in the bound field -----

    _canLocate() {
      const f = this._field;
      const c = this._checked;
      return !!f && !!c && typeof f.setSelectionRange === "function" && typeof f.value === "string" && f.value === c.text;
    }

    _locate(start, end) {
      const f = this._field;
      if (!f || typeof f.setSelectionRange !== "function") return;
      const len = f.value.length;
      const a = Math.max(0, Math.min(len, start || 0));
      const b = Math.max(a, Math.min(len, end || 0));
      f.focus({ preventScroll: true });
      f.setSelectionRange(a, b);
      if (f.scrollHeight > f.clientHeight) {
        const y = this._offsetOf(f, a);
        if (Number.isFinite(y)) f.scrollTop = Math.max(0, y - f.clientHeight / 3);
      }
      if (typeof f.scrollIntoView === "function") f.scrollIntoView({ block: "nearest" });
    }

    // Vertical offset of character `index` inside a textarea, measured on a hidden copy that
    // lives in our shadow root.
    _offsetOf(ta, index) {
      return textareaOffset(ta, index, this._els.mirror);
    }
  }

  window.customElements.define(TAG, NianbaoCheck);
})();
