//! nianbao checks 政府信息公开工作年度报告: which required sections a report covers and whether
//! its three statistical tables add up.
//!
//! The core is a pipeline, one module per stage:
//!
//! ```text
//! bytes ─ input ─→ text ─ report ─→ Report ─ checks ─→ findings ─→ CheckResult
//!   (readers: text, HTML, Word)  (document, facts, sections,   (one list of checks,
//!                                  tables mapped onto the era's  a sink that takes severity
//!                                  format)                       and hints from the catalogue)
//! ```
//!
//! - [`input`]: the readers, one list; each turns bytes into text or a reason in Chinese.
//! - [`text`]: normalisation with a map back to the user's characters, lines, search, numbers.
//! - [`format`]: the eras as data: sections, tables, rows, columns, equations, deadlines.
//! - [`report`]: the analysed report, built once per input; checks and cross-year read it.
//! - [`checks`]: the checks, one list, writing to one findings sink.
//! - [`catalogue`]: every diagnostic code once, with severity, hint and rule.
//! - [`profile`]: a locality's rule profile (deadlines, code settings, declared requirements).
//! - [`region`]: the whole-region review of many reports (roster, copying, identical tables).
//! - [`result`]: the output contract (`docs/output-contract.md`).
//!
//! Every stage returns values; nothing panics on bad input, and an input that cannot be checked
//! yields a result whose diagnostics say why. Front ends (the CLI, the wasm binding) only
//! translate.
//!
//! ```
//! let text = "某某县统计局2022年政府信息公开工作年度报告\n一、总体情况\n本年度未收到申请。";
//! let result = nianbao::check_text(text, &nianbao::Options::default());
//! assert!(result.document.is_annual_report);
//! assert_eq!(result.document.year, Some(2022));
//! assert!(result.diagnostics.iter().any(|d| d.code == "section.missing" && d.section == Some("other")));
//! ```

// Layers, lowest first; a module imports only from the layers before it (see tests/layers.rs):
// text, input, format, result, report, catalogue, checks, check, then the front ends.
#[cfg(not(target_arch = "wasm32"))]
pub mod batch;
pub mod catalogue;
mod check;
pub mod collection;
pub mod checks;
pub mod format;
pub mod input;
pub mod profile;
pub mod region;
#[cfg(not(target_arch = "wasm32"))]
pub mod region_html;
#[cfg(not(target_arch = "wasm32"))]
pub mod render;
pub mod report;
pub mod result;
pub mod text;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use check::{
    add_cross_year, analyse, check_bytes, check_extracted, check_file, check_file_with, check_pair, check_pair_with,
    check_report, check_report_with, check_text, check_text_with, not_checked, unusable, Checked, Options,
};
pub use checks::crossyear::{consecutive, repeated_share};
pub use format::{formats, Era};
pub use input::{read, InputError, MAX_INPUT_BYTES};
pub use profile::{Profile, ProfileError};
pub use report::Report;
pub use result::CheckResult;
