// Compiling the checker's wasm from what the build carries (build.mjs): base64 of the gzipped
// wasm, inflated by the browser's own DecompressionStream. Nothing is fetched: the bytes are in
// the page, and the Response below is built from memory only to feed the streaming compiler.
//
// A classic-script fragment of declarations, put by build.mjs where the wasm must start:
//   - the page: in a small script of its own at the top of <body>, before the markup, so that the
//     wasm compiles on the browser's background threads while the page is parsed, laid out and
//     painted and while app.js loads (the page's start-up measured 30–50 ms faster so);
//   - the widget and the iframe form: inside their bundle, beside www/shared.js (loadWasm), used
//     when the first widget needs the checker.

// The browser's own base64 decoder where it has one (Chromium 140, Firefox 133, Safari 18.2): the
// byte-by-byte loop below took 10–15 ms for the wasm in Chromium at start-up (not yet optimised),
// the native one about 1 ms.
function base64ToBytes(b64) {
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(b64);
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** A promise of the compiled WebAssembly.Module. A gzipped payload is inflated as a stream and
 *  compiled as it inflates (WebAssembly.compileStreaming of a Response typed application/wasm);
 *  a plain wasm (magic "\0asm") is compiled from its bytes. Failures (no WebAssembly, no
 *  DecompressionStream, a CSP refusing WebAssembly) reject the promise; they are reported where
 *  it is awaited (loadWasm), so the rejection is marked handled here. */
function compileWasm(base64) {
  const compiling = (async () => {
    if (typeof WebAssembly !== "object" || !WebAssembly || typeof WebAssembly.compile !== "function") {
      const err = new Error("WebAssembly is not available in this browser");
      err.nianbaoKind = "no-wasm";
      throw err;
    }
    const bytes = base64ToBytes(base64);
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return WebAssembly.compile(bytes);
    if (typeof DecompressionStream !== "function") {
      const err = new Error("DecompressionStream is not available in this browser");
      err.nianbaoKind = "no-wasm";
      throw err;
    }
    // A stream of the one chunk in memory, not Blob.stream(): a Blob is read in 64 KB pieces, each
    // delivered by a task of the main thread, which is busy parsing and laying out the page then
    // (the compile finished 60–100 ms after it started that way, 15–20 ms this way).
    const whole = new ReadableStream({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    });
    const stream = whole.pipeThrough(new DecompressionStream("gzip"));
    const response = new Response(stream, { headers: { "content-type": "application/wasm" } });
    if (typeof WebAssembly.compileStreaming === "function") return WebAssembly.compileStreaming(response);
    return WebAssembly.compile(await response.arrayBuffer());
  })();
  compiling.catch(() => {});
  return compiling;
}
