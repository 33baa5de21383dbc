// embed.html: the checker as an iframe, for CMSs that strip <script> from their pages.
//
// Runs after the nianbao-check.js bundle (which defines <nianbao-check>), inside a function scope
// of its own with www/shared.js before it (build.mjs). The parent page talks to it with postMessage:
//   parent → here   { type: "nianbao-check", text }     fills the textarea and checks it
//   here → parent   { type: "nianbao-result", result }  after every check
//                   { type: "nianbao-height", height }  whenever the page's height changes
// With ?origin=https://cms.example only that origin's messages are accepted and messages are sent
// only to it; without it, messages from the parent window are accepted from any origin and sent
// with targetOrigin "*".
//
// Inline under a hash CSP: no inline handlers or style attributes; CSS applied via adoptedStyleSheets.
(function () {
  "use strict";

  const CSS = `
:root { color-scheme: light; }
html { background: transparent; }
body {
  margin: 0; padding: 2px; color: #1f2328; background: transparent;
  font: 14px/1.6 "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif;
}
#report {
  display: block; width: 100%; box-sizing: border-box; height: 180px; min-height: 80px; margin: 0;
  padding: 8px 10px; resize: vertical; color: #1f2328; background: #fff;
  font: 13px/1.6 "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif;
  border: 1px solid #afb8c1; border-radius: 4px;
}
#report:focus { outline: 2px solid #0969da; outline-offset: -1px; border-color: #0969da; }
body.dragging #report { outline: 2px dashed #0969da; outline-offset: -3px; background: #eef5ff; }
nianbao-check { margin: 6px 0 0; }
.visually-hidden {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
`;

  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  } catch (_) {
    // No constructable stylesheets: the page works unstyled.
  }

  const textarea = document.getElementById("report");
  const widget = document.querySelector("nianbao-check");
  const framed = window.parent !== window;
  // Which findings block publishing, as the parent says (?blocking=errors%20input.*): the widget's
  // `blocking` attribute; the result posted to the parent carries the decision in `publish`.
  const blockingParam = new URLSearchParams(location.search).get("blocking");
  if (blockingParam !== null) widget.setAttribute("blocking", blockingParam);

  // The parent's origin, when the embedding page named it. An origin that does not parse disables
  // messaging altogether rather than falling back to "any origin".
  const originParam = new URLSearchParams(location.search).get("origin");
  let parentOrigin = null; // null: any origin ("*")
  let messaging = framed;
  if (originParam !== null) {
    try {
      parentOrigin = new URL(originParam).origin;
      if (parentOrigin === "null") throw new Error("opaque origin");
    } catch (_) {
      messaging = false;
      console.warn("nianbao embed: the origin parameter is not a valid origin; postMessage is disabled:", originParam);
    }
  }

  function post(message) {
    if (!messaging) return;
    try {
      window.parent.postMessage(message, parentOrigin || "*");
    } catch (_) {
      // A result that cannot be cloned (should never happen: results are plain data): send JSON's copy.
      try {
        window.parent.postMessage(JSON.parse(JSON.stringify(message)), parentOrigin || "*");
      } catch (err) {
        console.warn("nianbao embed: could not post a message to the parent:", err);
      }
    }
  }

  // ----- results and height to the parent -----

  let extracting = 0; // while > 0, results are only a step of reading a file/paste: not posted

  widget.addEventListener("nianbao-result", (e) => {
    if (extracting > 0) return;
    post({ type: "nianbao-result", result: e.detail });
  });

  let lastHeight = -1;
  function sendHeight() {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === lastHeight) return;
    lastHeight = height;
    post({ type: "nianbao-height", height });
  }
  if (framed) {
    if (typeof ResizeObserver === "function") new ResizeObserver(sendHeight).observe(document.documentElement);
    if (document.readyState === "complete") sendHeight();
    else window.addEventListener("load", sendHeight, { once: true });
  }

  // ----- messages from the parent -----

  window.addEventListener("message", (event) => {
    if (!messaging || event.source !== window.parent) return;
    if (parentOrigin && event.origin !== parentOrigin) return;
    const msg = event.data;
    if (!msg || typeof msg !== "object" || msg.type !== "nianbao-check") return;
    const text = typeof msg.text === "string" ? msg.text : String(msg.text == null ? "" : msg.text);
    textarea.value = text;
    textarea.scrollTop = 0;
    checkTextarea();
  });

  function whenReady() {
    return window.customElements ? customElements.whenDefined("nianbao-check") : Promise.reject(new Error("no custom elements"));
  }

  // Checks what the textarea holds (a textarea normalises line breaks, so spans then fit it).
  function checkTextarea() {
    whenReady()
      .then(() => widget.check(textarea.value))
      .catch(() => {}); // the widget shows why on screen
  }

  // Reads a file or an HTML fragment with the checker; resolves to the result (with `.text`).
  function extract(bytes, name) {
    extracting++;
    return whenReady()
      .then(() => widget.checkBytes(bytes, name))
      .finally(() => {
        extracting--;
      });
  }

  // ----- paste into the textarea: keep the tables of Word and web pages -----

  // The browser's plain text of a pasted table loses its rows and columns; the checker's reading
  // of the HTML keeps them. The text it read is inserted instead of the browser's.
  textarea.addEventListener("paste", (e) => {
    const data = e.clipboardData;
    if (!data) return;
    const html = data.getData("text/html");
    const plain = data.getData("text/plain");
    if (!html) return; // plain text: the browser pastes it and the widget checks on `input`
    e.preventDefault();
    const start = textarea.selectionStart;
    const end = textarea.selectionEnd;
    const insert = (text) => {
      textarea.setRangeText(text, start, end, "end");
      checkTextarea();
    };
    extract(utf8(html), "clipboard.html").then(
      (result) => insert(!inputError(result) && typeof result.text === "string" && result.text.trim() !== "" ? result.text : plain),
      () => insert(plain)
    );
  });

  // ----- files dropped anywhere on the page (the widget handles drops onto itself) -----

  let dragDepth = 0;

  document.addEventListener("dragenter", (e) => {
    if (!hasFiles(e)) return;
    dragDepth++;
    document.body.classList.add("dragging");
  });
  document.addEventListener("dragleave", (e) => {
    if (!hasFiles(e)) return;
    dragDepth = Math.max(0, dragDepth - 1);
    if (dragDepth === 0) document.body.classList.remove("dragging");
  });
  document.addEventListener("dragover", (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault(); // otherwise the browser would open the file in this frame
    e.dataTransfer.dropEffect = "copy";
  });
  document.addEventListener("drop", (e) => {
    dragDepth = 0;
    document.body.classList.remove("dragging");
    const files = e.dataTransfer && e.dataTransfer.files;
    if (!files || files.length === 0) return;
    e.preventDefault();
    const file = files[0];
    extract(file, file.name).then(
      (result) => {
        if (inputError(result) || typeof result.text !== "string" || result.text === "") {
          // Not readable (a scanned PDF, an image…): the widget shows why; the textarea keeps its text.
          post({ type: "nianbao-result", result });
          return;
        }
        textarea.value = result.text;
        textarea.scrollTop = 0;
        checkTextarea();
      },
      () => {}
    );
  });
})();
