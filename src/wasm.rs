//! The JavaScript API of the page and the widget. Thin on purpose: options are validated and
//! translated, the core checks, and the result of the output contract goes back with spans in
//! UTF-16 code units so that `textarea.setSelectionRange(start, end)` works.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::{CheckResult, Era, Options, Profile};

#[derive(Deserialize, Default)]
#[serde(default)]
struct JsOptions {
    name: String,
    era: Option<String>,
    /// The text of a rule profile file (TOML, see `crate::profile`); the national rules when absent.
    profile: Option<String>,
}

/// The rule profile of the options, validated: a malformed one is an error naming its line and
/// key, never a silent fallback to the national rules.
fn profile(value: &JsValue) -> Result<Option<Profile>, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let o: JsOptions =
        serde_wasm_bindgen::from_value(value.clone()).map_err(|e| JsError::new(&format!("选项无效：{e}")))?;
    match o.profile.as_deref() {
        None => Ok(None),
        Some(text) => Profile::parse(text).map(Some).map_err(|e| JsError::new(&e.to_string())),
    }
}

/// Options from JavaScript; an option the core does not know is an error, not ignored.
fn options(value: JsValue) -> Result<Options, JsError> {
    let o: JsOptions = if value.is_undefined() || value.is_null() {
        JsOptions::default()
    } else {
        serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("选项无效：{e}")))?
    };
    let era = match o.era.as_deref() {
        None => None,
        Some(e) => Era::parse_option(e).map_err(|m| JsError::new(&m))?,
    };
    Ok(Options { name: o.name, era })
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
pub fn check(text: &str, options: JsValue) -> Result<JsValue, JsError> {
    let profile = self::profile(&options)?;
    let mut result = crate::check_text_with(text, &self::options(options)?, profile.as_ref());
    result.spans_to_utf16(text);
    Ok(to_js(&result))
}

/// Checks this year's report text with last year's report of the same agency beside it.
#[wasm_bindgen]
pub fn check_pair(previous_text: &str, text: &str, options: JsValue) -> Result<JsValue, JsError> {
    let profile = self::profile(&options)?;
    let mut result = crate::check_pair_with(previous_text, text, &self::options(options)?, profile.as_ref());
    result.spans_to_utf16(text);
    Ok(to_js(&result))
}

/// Checks a file's bytes (.txt/.html/.docx, any supported encoding); the result carries the
/// text read from the file in `text`.
#[wasm_bindgen]
pub fn check_bytes(bytes: &[u8], options: JsValue) -> Result<JsValue, JsError> {
    let profile = self::profile(&options)?;
    let mut checked = crate::check_file_with(bytes, &self::options(options)?, profile.as_ref());
    let text = checked.report.as_ref().map_or("", |r| r.text.as_str());
    checked.result.spans_to_utf16(text);
    Ok(to_js(&WithText { result: &checked.result, text }))
}

/// The eras with their sections and tables (labels of rows and columns) for display.
#[wasm_bindgen]
pub fn formats() -> JsValue {
    to_js(&crate::formats())
}

/// Every diagnostic code with its severity, meaning, rule and default hint.
#[wasm_bindgen]
pub fn codes() -> JsValue {
    to_js(&crate::catalogue::CODES)
}
