//! The browser build's PDF reader, for now: none. The PDF object parser the native reader uses
//! would take the page past its size budget (see README, "PDF files"), so in the browser a PDF
//! falls through to the binary check, whose message asks for the report's text instead.

use super::{Extracted, Input, InputError};

pub fn read(_: &Input) -> Option<Result<Extracted, InputError>> {
    None
}
