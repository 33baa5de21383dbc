#!/usr/bin/env bash
# The three "How do I add…" recipes of the README, tried end to end: a toy era, a toy check and
# a toy input reader are added to a copy of this repository exactly as the README says, the
# files each one touches are counted against the README's numbers, and a probe test in the copy
# shows that the CLI core uses all three. Nothing in this repository is changed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
copy="$work/nianbao"
mkdir -p "$copy"
(cd "$root" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf -) | tar -xf - -C "$copy"
cd "$copy"
git init -q && git add -A && git -c user.name=recipes -c user.email=recipes@localhost commit -qm base

touched() { git status --porcelain | wc -l | tr -d ' '; }
commit() { git add -A && git -c user.name=recipes -c user.email=recipes@localhost commit -qm "$1"; }
expect() { # what, files touched, files the README says
  if [ "$2" != "$3" ]; then echo "recipes: $1 touched $2 files, the README says $3" >&2; git status --short >&2; exit 1; fi
  echo "recipes: $1: $2 files, as the README says"
}

# 1. A national format: one new data file and its entry in ERAS.
sed -e 's/Era `2021`: reports for 2021 on, in the format of 国办公开办函〔2021〕30号/Era `2031`: a toy format for the recipe test/' \
    -e 's/id: "2021"/id: "2031"/; s/first_year: 2021/first_year: 2031/; s/label: "2021 年格式"/label: "2031 年格式"/' \
    -e 's/variant: "2021"/variant: "2031"/g' src/format/era2021.rs > src/format/era2031.rs
python3 - <<'PY'
import pathlib
p = pathlib.Path("src/format/mod.rs")
s = p.read_text()
s = s.replace("mod era2021;\n", "mod era2021;\nmod era2031;\n", 1)
s = s.replace("pub static ERAS: &[EraSpec] = &[", "pub static ERAS: &[EraSpec] = &[era2031::ERA, ", 1)
p.write_text(s)
PY
expect "a new era" "$(touched)" 2
commit era

# 2. A check: one function (here in a new file, with its mod line), one list entry, one catalogue row.
cat > src/checks/exclamation.rs <<'RS'
//! A toy check: exclamation marks have no place in a government report.

use super::{At, Findings};
use crate::report::Report;

pub fn exclamation(report: &Report, out: &mut Findings) {
    for (at, _) in report.prose.text.match_indices('!') {
        out.add("text.exclamation", "报告中不宜使用感叹号").at(At::Prose(at..at + 1));
    }
}
RS
python3 - <<'PY'
import pathlib
p = pathlib.Path("src/checks/mod.rs")
s = p.read_text()
s = s.replace("mod document;\n", "mod document;\nmod exclamation;\n", 1)
s = s.replace('    Check { name: "narrative",', '    Check { name: "exclamation", scope: Scope::Reports, run: exclamation::exclamation },\n    Check { name: "narrative",', 1)
p.write_text(s)
p = pathlib.Path("src/catalogue.rs")
s = p.read_text()
s = s.replace('\n}\n\n/// The declaration of `code`.', '\n    "text.exclamation" Warning "an exclamation mark in the prose",\n        "toy", "删去感叹号";\n}\n\n/// The declaration of `code`.', 1)
p.write_text(s)
PY
expect "a new check" "$(touched)" 3
commit check

# 3. An input reader: one new file and its entry in READERS.
cat > src/input/toy.rs <<'RS'
//! A toy reader: files that start with "TOY" and a line break, the rest being UTF-8 text.

use super::{Extracted, Input, InputError, Limits};

pub fn read(input: &Input) -> Option<Result<Extracted, InputError>> {
    let rest = input.bytes.strip_prefix(b"TOY\n")?;
    let text = String::from_utf8(rest.to_vec()).map_err(|_| InputError::UnknownEncoding);
    Some(text.map(|text| Extracted { text, format: "toy", encoding: "UTF-8", limits: Limits::default(), pages: Vec::new() }))
}
RS
python3 - <<'PY'
import pathlib
p = pathlib.Path("src/input/mod.rs")
s = p.read_text()
s = s.replace("pub mod text;\n", "pub mod text;\npub mod toy;\n", 1)
s = s.replace('    Reader { format: "docx", read: docx::read },', '    Reader { format: "toy", read: toy::read },\n    Reader { format: "docx", read: docx::read },', 1)
p.write_text(s)
PY
expect "a new reader" "$(touched)" 2
commit reader

# The generated code tables follow the catalogue.
NIANBAO_WRITE_DOCS=1 cargo test -q --test catalogue >/dev/null 2>&1 || true

# The probe: the CLI's core uses all three.
cat > tests/recipe_probe.rs <<'RS'
mod common;

#[test]
fn the_toy_era_check_and_reader_are_used() {
    let text = common::fixture("real/huaian-szf-2024-pdftotext.txt").replace("2024", "2032").replace("2025", "2033");
    let r = nianbao::check_text(&text, &nianbao::Options::default());
    assert_eq!(r.document.era.map(|e| e.as_str()), Some("2031"));
    assert!(r.tables.iter().filter(|t| t.id != "review_litigation").all(|t| t.variant.map(|v| v.as_str()) == Some("2031")));
    assert!(!r.diagnostics.iter().any(|d| d.code == "doc.format_outdated"), "{:?}", r.diagnostics);
    let f = nianbao::formats();
    assert_eq!((f.eras[0].id, f.eras[0].label), ("2031", "2031 年格式"));
    assert_eq!(nianbao::Era::parse_option("2031").unwrap().map(|e| e.as_str()), Some("2031"));

    let shouting = text.replace("均在法定期限内予以答复。", "均在法定期限内予以答复!");
    let r = nianbao::check_text(&shouting, &nianbao::Options::default());
    let d = r.diagnostics.iter().find(|d| d.code == "text.exclamation").expect("the toy check ran");
    assert_eq!(d.severity, nianbao::result::Severity::Warning);
    assert_eq!(&shouting[d.span.unwrap().start..d.span.unwrap().end], "!");

    let bytes = [b"TOY\n".as_slice(), text.as_bytes()].concat();
    let r = nianbao::check_bytes(&bytes, &nianbao::Options::default());
    assert_eq!(r.source.format, "toy");
    assert_eq!(r.document.era.map(|e| e.as_str()), Some("2031"));
}
RS
out=$(CARGO_TARGET_DIR="$root/target/recipes" cargo test -q --test recipe_probe --test catalogue --test layers 2>&1) || {
  echo "$out" >&2
  exit 1
}
passed=$(echo "$out" | sed -n 's/^test result: ok\. \([0-9]*\) passed.*/\1/p' | awk '{s+=$1} END {print s}')
echo "the toy era, check and reader build and are used"
echo "recipes: $passed passed, 0 failed"
