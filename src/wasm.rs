//! The JavaScript API of the page and the widget: `check(text, options)` and
//! `check_bytes(bytes, options)`. Thin on purpose: options in, the contract's result out, with
//! spans in UTF-16 code units so that `textarea.setSelectionRange(start, end)` works.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::result::{CheckResult, Era};
use crate::Options;

#[derive(Deserialize, Default)]
#[serde(default)]
struct JsOptions {
    name: String,
    era: Option<String>,
}

impl JsOptions {
    fn from_js(value: JsValue) -> Options {
        let o: JsOptions = serde_wasm_bindgen::from_value(value).unwrap_or_default();
        Options { name: o.name, era: o.era.as_deref().and_then(Era::parse) }
    }
}

/// `check_bytes` adds the text it read from the file: spans point into it.
#[derive(Serialize)]
struct WithText<'a> {
    #[serde(flatten)]
    result: &'a CheckResult,
    text: &'a str,
}

fn to_js<T: Serialize>(value: &T) -> JsValue {
    // Plain objects (not Maps), so results are ordinary JSON-like values in JavaScript.
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&serializer).unwrap_or(JsValue::NULL)
}

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// Checks report text as the user has it (typed or pasted).
#[wasm_bindgen]
pub fn check(text: &str, options: JsValue) -> JsValue {
    let mut result = crate::check_text(text, &JsOptions::from_js(options));
    result.spans_to_utf16(text);
    to_js(&result)
}

/// Checks this year's report text with last year's report of the same agency beside it: the
/// result of `text` plus the cross-year findings (carry-over, repeated text, 现行有效件数).
#[wasm_bindgen]
pub fn check_pair(previous_text: &str, text: &str, options: JsValue) -> JsValue {
    let mut result = crate::check_pair(previous_text, text, &JsOptions::from_js(options));
    result.spans_to_utf16(text);
    to_js(&result)
}

/// Checks a file's bytes (.txt/.html/.docx, any supported encoding); the result carries the
/// text read from the file in `text`.
#[wasm_bindgen]
pub fn check_bytes(bytes: &[u8], options: JsValue) -> JsValue {
    let opts = JsOptions::from_js(options);
    match crate::extract::extract(bytes, &opts.name) {
        Ok(ex) => {
            let mut result = crate::check_extracted(&ex, &opts);
            result.spans_to_utf16(&ex.text);
            to_js(&WithText { result: &result, text: &ex.text })
        }
        Err(e) => to_js(&WithText { result: &crate::check::unusable(&opts, e), text: "" }),
    }
}
