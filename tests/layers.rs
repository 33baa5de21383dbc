//! The crate's modules form layers, and a module imports only from layers below it: the order
//! lib.rs declares them in. An upward import (a stage reaching into a later one) is how a pipeline
//! loses its shape, so it fails here rather than in review.

use std::collections::BTreeSet;
use std::path::Path;

/// Lowest first; modules of one row may use each other only when they are the same module.
const LAYERS: &[&str] = &[
    "text",
    "input",
    "format",
    "result",
    "report",
    "catalogue",
    "checks",
    "profile",
    "check",
    "collection",
    "region",
    "batch",
    "render",
    "region_html",
    "wasm",
];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// (from, to) for every `crate::to` path in a module `from` of src/.
fn edges() -> BTreeSet<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut edges = BTreeSet::new();
    for f in files {
        let rel = f.strip_prefix(&src).unwrap();
        let top = rel.iter().next().unwrap().to_string_lossy().trim_end_matches(".rs").to_string();
        if top == "lib" || top == "main" {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        for line in text.lines().map(|l| l.split("//").next().unwrap()) {
            for (at, _) in line.match_indices("crate::") {
                let name: String =
                    line[at + 7..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                // Lower-case names are modules; the crate root's re-exports belong to `check`.
                let to = if LAYERS.contains(&name.as_str()) { name } else { "check".to_string() };
                if to != top {
                    edges.insert((top.clone(), to));
                }
            }
        }
    }
    edges
}

#[test]
fn no_module_imports_from_a_later_layer() {
    let layer = |m: &str| LAYERS.iter().position(|l| *l == m).unwrap_or_else(|| panic!("module {m} has no layer"));
    let edges = edges();
    assert!(edges.len() > 15, "{edges:?}");
    let upward: Vec<&(String, String)> = edges.iter().filter(|(from, to)| layer(from) <= layer(to)).collect();
    assert!(upward.is_empty(), "imports from a later layer: {upward:?}");
}
