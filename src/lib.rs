//! nianbao checks 政府信息公开工作年度报告: which required sections a report covers and whether
//! its three statistical tables add up.
//!
//! The core is a pipeline, one module per stage:
//!
//! bytes → [`extract`] ([`decode`], HTML, .docx) → [`document`] (lines: headings, prose, table cells, chrome) over
//! [`normalize`]d text → [`facts`] (year, era, agency) → [`sections`] → [`tables`] mapped onto the
//! era's [`format`] → [`rules`] and [`narrative`] checks → [`result`].
//!
//! Every stage returns values; nothing panics on bad input, and an input that cannot be checked
//! yields a result whose diagnostics say why. Front ends (the CLI, the wasm binding) are thin.

#[cfg(not(target_arch = "wasm32"))]
pub mod batch;
pub mod check;
pub mod crossyear;
pub mod decode;
pub mod document;
pub mod extract;
pub mod facts;
pub mod format;
pub mod narrative;
pub mod normalize;
#[cfg(not(target_arch = "wasm32"))]
pub mod render;
pub mod result;
pub mod rules;
pub mod sections;
pub mod tables;
pub mod text;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use check::{check_bytes, check_extracted, check_pair, check_text, Options};
pub use result::CheckResult;
