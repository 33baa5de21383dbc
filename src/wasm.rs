//! The JavaScript API of the page and the widget. Thin on purpose: options are validated and
//! translated, the core checks, and the result of the output contract goes back with spans in
//! UTF-16 code units so that `textarea.setSelectionRange(start, end)` works.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::result::Diagnostic;
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

/// The reviewer's table of the page: many files checked one by one (so that the page can show
/// its progress between them), then the same agency's consecutive years paired and checked
/// against each other by the core's one pairing ([`crate::collection::year_pairs`], as the CLI),
/// and the rows of the CLI's `--summary` CSV.
///
/// The results kept are already in UTF-16 units (what JavaScript gets); the reports beside them
/// are in bytes, and the cross-year findings added by `pair` are converted on their own. No
/// result is cloned: that alone would add kilobytes of wasm to the page.
#[wasm_bindgen]
pub struct Batch {
    options: Options,
    /// The rule profile of the options (validated when the batch is made), applied to every
    /// finding as in the CLI's batch.
    profile: Option<Profile>,
    files: Vec<(String, crate::Checked)>,
    /// The roster's agencies with no report (set by `review`): a summary row each.
    missing: Vec<(String, Diagnostic)>,
}

#[derive(Serialize)]
struct Paired<'a> {
    previous: usize,
    current: usize,
    result: WithText<'a>,
}

#[derive(Serialize)]
struct ReviewOut<'a> {
    changed: Vec<Reviewed<'a>>,
    missing: Vec<Missing<'a>>,
}

#[derive(Serialize)]
struct Missing<'a> {
    name: &'a str,
    finding: &'a Diagnostic,
}

#[derive(Serialize)]
struct Reviewed<'a> {
    index: usize,
    result: WithText<'a>,
}

#[derive(Serialize)]
struct Summary {
    header: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

#[wasm_bindgen]
impl Batch {
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<Batch, JsError> {
        let profile = self::profile(&options)?;
        Ok(Batch { options: self::options(options)?, profile, files: Vec::new(), missing: Vec::new() })
    }

    /// Checks one file's bytes; the result (with `text`, as `check_bytes`) is the batch's next.
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> JsValue {
        let opts = Options { name: name.to_string(), era: self.options.era };
        let mut checked = crate::check_file_with(bytes, &opts, self.profile.as_ref());
        let crate::Checked { result, report } = &mut checked;
        result.spans_to_utf16(report.as_ref().map_or("", |r| r.text.as_str()));
        let value = to_js(&WithText { result: &checked.result, text: checked.text() });
        self.files.push((name.to_string(), checked));
        value
    }

    /// A file the browser could not read at all: its row says why (`input.unreadable`).
    pub fn add_unreadable(&mut self, name: &str, reason: &str) -> JsValue {
        let opts = Options { name: name.to_string(), era: self.options.era };
        let result = crate::not_checked(&opts, "input.unreadable", reason.to_string());
        let value = to_js(&WithText { result: &result, text: "" });
        self.files.push((name.to_string(), crate::Checked { result, report: None }));
        value
    }

    /// Pairs consecutive years (ties broken by file name) and adds the cross-year findings to
    /// each later year: `[{ previous, current, result }]`, indexes in the order files were added
    /// and the later year's new result (with `text`). Call once, after the last `add`.
    pub fn pair(&mut self) -> JsValue {
        let keyed: Vec<(&str, &CheckResult)> = self.files.iter().map(|(n, c)| (n.as_str(), &c.result)).collect();
        let pairs = crate::collection::year_pairs(&keyed);
        let mut paired = Vec::new();
        for (prev, cur) in pairs {
            let empty = || CheckResult::empty("", "text", "unknown", crate::result::Script::Simplified);
            let mut result = std::mem::replace(&mut self.files[cur].1.result, empty());
            let (Some(previous), Some(current)) = (&self.files[prev].1.report, &self.files[cur].1.report) else {
                self.files[cur].1.result = result;
                continue;
            };
            let kept = result.diagnostics.len();
            crate::add_cross_year(&mut result, current, previous, self.profile.as_ref());
            // Only the findings just added have spans in bytes.
            let mut added = empty();
            added.diagnostics = result.diagnostics.split_off(kept);
            added.spans_to_utf16(&current.text);
            result.diagnostics.append(&mut added.diagnostics);
            self.files[cur].1.result = result;
            paired.push((prev, cur));
        }
        let out: Vec<Paired> = paired
            .iter()
            .map(|&(previous, current)| Paired {
                previous,
                current,
                result: WithText { result: &self.files[current].1.result, text: self.files[current].1.text() },
            })
            .collect();
        to_js(&out)
    }

    /// The region review ([`crate::region::review`], as the CLI's batch): copying between
    /// agencies of one year and identical tables. Adds the findings to the reports concerned and
    /// returns `[{ index, result }]` for each report it changed (the new result, with `text`).
    /// With a roster (the text of a roster CSV, as the CLI's `--roster`), its agencies with no
    /// report come back as `missing: [{ name, level, finding }]` and get a summary row each; a
    /// malformed roster is an error naming its line. Returns `{ changed, missing }`. Call after
    /// `pair`.
    pub fn review(&mut self, roster: Option<String>) -> Result<JsValue, JsError> {
        let roster = match roster.as_deref() {
            Some(text) => Some(crate::region::Roster::parse(text).map_err(|m| JsError::new(&m))?),
            None => None,
        };
        let sketches: Vec<Option<crate::region::Sketch>> =
            self.files.iter().map(|(_, c)| c.report.as_ref().map(crate::region::Sketch::of)).collect();
        let added = {
            let members: Vec<crate::region::Member> = self
                .files
                .iter()
                .zip(&sketches)
                .map(|((name, c), sketch)| crate::region::Member {
                    name,
                    result: &c.result,
                    report: c.report.as_ref(),
                    sketch: sketch.as_ref(),
                })
                .collect();
            crate::region::review(&members)
        };
        let mut changed: Vec<usize> = Vec::new();
        for (i, d) in added {
            // The result is in UTF-16 units already; only the new finding is converted.
            let mut one = CheckResult::empty("", "text", "unknown", crate::result::Script::Simplified);
            one.diagnostics.push(d);
            one.spans_to_utf16(self.files[i].1.text());
            let result = &mut self.files[i].1.result;
            result.diagnostics.append(&mut one.diagnostics);
            result.summarize();
            if !changed.contains(&i) {
                changed.push(i);
            }
        }
        if let Some(p) = &self.profile {
            for &i in &changed {
                p.adjust(&mut self.files[i].1.result);
            }
        }
        self.missing.clear();
        if let Some(roster) = &roster {
            let results: Vec<&CheckResult> = self.files.iter().map(|(_, c)| &c.result).collect();
            for entry in crate::region::missing(roster, &results) {
                let mut found = vec![crate::region::missing_finding(entry)];
                if let Some(p) = &self.profile {
                    p.adjust_diagnostics(&mut found);
                }
                if let Some(d) = found.pop() {
                    self.missing.push((entry.name.clone(), d));
                }
            }
        }
        let out = ReviewOut {
            changed: changed
                .iter()
                .map(|&index| Reviewed {
                    index,
                    result: WithText { result: &self.files[index].1.result, text: self.files[index].1.text() },
                })
                .collect(),
            missing: self.missing.iter().map(|(name, finding)| Missing { name, finding }).collect(),
        };
        Ok(to_js(&out))
    }

    /// The summary of the CLI's `--summary` CSV: `{ header, rows }`, a row per file in the order
    /// they were added (the page writes the CSV in the order its table shows).
    pub fn summary(&self) -> JsValue {
        to_js(&Summary {
            header: crate::collection::summary_header(),
            rows: self
                .files
                .iter()
                .map(|(n, c)| crate::collection::summary_row(n, &c.result))
                .chain(self.missing.iter().map(|(name, d)| crate::collection::missing_row(name, d)))
                .collect(),
        })
    }
}
