//! One engine for every table equation, plus the cell domain and plausibility checks.
//!
//! Equations are declared in `format` as Σ lhs = Σ rhs swept over rows or columns; this module
//! evaluates each instance and, on a violation, reports every cell of it with the expected and
//! actual values. Empty cells a constraint needs are reported once and counted as 0, as rules.md
//! §3.4 asks; rows the text lacks are reported as missing and their equations skipped.

use std::collections::{HashMap, HashSet};

use crate::format::{CellKind, Equation, Sweep, TableSpec};
use crate::result::{AgencyLevel, CellRef, Diagnostic, Number, Severity};
use crate::tables::tokens::Value;
use crate::tables::{Cell, MappedTable};

/// Converts a normalised range to a result span.
pub trait Locate {
    fn span(&self, range: &std::ops::Range<usize>) -> crate::result::Span;
}

fn cell_ref(c: &Cell) -> CellRef {
    CellRef { row: c.row.clone(), column: c.column.id }
}

/// Human name of a cell: "（七）总计·自然人".
pub fn cell_name(spec: &TableSpec, c: &Cell) -> String {
    format!("{}·{}", spec.row_label(&c.row), c.column.label)
}

pub fn check_table(table: &MappedTable, agency_level: AgencyLevel, loc: &dyn Locate, out: &mut Vec<Diagnostic>) {
    let spec = table.spec;
    let index: HashMap<(&str, &str), &Cell> = table.cells.iter().map(|c| ((c.row.as_str(), c.column.id), c)).collect();
    check_domain(table, loc, out);

    let mut reported_empty: HashSet<(&str, &str)> = HashSet::new();
    for eq in spec.equations {
        for instance in instances(spec, eq) {
            let lhs: Option<Vec<&Cell>> = instance.0.iter().map(|k| index.get(&(k.0.as_str(), k.1)).copied()).collect();
            let rhs: Option<Vec<&Cell>> = instance.1.iter().map(|k| index.get(&(k.0.as_str(), k.1)).copied()).collect();
            let (Some(lhs), Some(rhs)) = (lhs, rhs) else { continue };
            let all: Vec<&Cell> = lhs.iter().chain(rhs.iter()).copied().collect();
            if all.iter().any(|c| c.value == Value::Invalid) {
                continue;
            }
            let mut had_empty = false;
            for c in &all {
                if c.value == Value::Empty {
                    had_empty = true;
                    if reported_empty.insert((c.row.as_str(), c.column.id)) {
                        out.push(
                            Diagnostic::warning("table.cell_empty", format!("{} 为空，按 0 计算", cell_name(spec, c)))
                                .with_table(spec.id)
                                .with_span(Some(loc.span(&c.range)))
                                .with_hint("填写数字；没有发生的填 0"),
                        );
                        out.last_mut().expect("just pushed").cells.push(cell_ref(c));
                    }
                }
            }
            let sum = |cells: &[&Cell]| cells.iter().map(|c| numeric(&c.value)).sum::<i64>();
            let (actual, expected) = (sum(&lhs), sum(&rhs));
            if actual == expected {
                continue;
            }
            let at = instance.2;
            let mut message =
                eq.message.replace("{at}", &at).replace("{expected}", &expected.to_string()).replace("{actual}", &actual.to_string());
            if had_empty {
                message.push_str("（空格按 0 计）");
            }
            let mut d = Diagnostic::error(eq.code, message)
                .with_table(spec.id)
                .with_span(Some(loc.span(&lhs[0].range)))
                .with_hint(eq.hint);
            d.cells = all.iter().map(|c| cell_ref(c)).collect();
            d.expected = Some(Number::Int(expected));
            d.actual = Some(Number::Int(actual));
            out.push(d);
        }
    }
    check_plausibility(table, agency_level, &index, loc, out);
}

fn numeric(v: &Value) -> i64 {
    match v {
        Value::Number(n) => n.as_f64().round() as i64,
        _ => 0,
    }
}

type Key = (String, &'static str);

/// Every concrete instance of an equation: (lhs cells, rhs cells, where).
fn instances(spec: &TableSpec, eq: &Equation) -> Vec<(Vec<Key>, Vec<Key>, String)> {
    let block = &spec.blocks[0];
    match eq.sweep {
        Sweep::EachRow => block
            .rows
            .iter()
            .filter_map(|r| {
                let row = crate::format::row_id(block, r);
                let col = |id: &&str| block.columns.iter().find(|c| c.id == *id).map(|c| (row.clone(), c.id));
                let lhs: Option<Vec<Key>> = eq.lhs.iter().map(col).collect();
                let rhs: Option<Vec<Key>> = eq.rhs.iter().map(col).collect();
                let at = if block.rows.len() == 1 {
                    block.columns.iter().find(|c| c.id == eq.lhs[0]).map(|c| c.label).unwrap_or("").to_string()
                } else {
                    r.label.to_string()
                };
                Some((lhs?, rhs?, at))
            })
            .collect(),
        Sweep::EachColumn => block
            .columns
            .iter()
            .map(|c| {
                let keys = |ids: &[&str]| ids.iter().map(|r| (r.to_string(), c.id)).collect::<Vec<Key>>();
                (keys(eq.lhs), keys(eq.rhs), c.label.to_string())
            })
            .collect(),
    }
}

fn check_domain(table: &MappedTable, loc: &dyn Locate, out: &mut Vec<Diagnostic>) {
    let spec = table.spec;
    for c in &table.cells {
        let problem = match (&c.value, c.column.kind) {
            (Value::Invalid, _) => Some("不是数字"),
            (Value::Number(Number::Dec(_)), CellKind::Count | CellKind::SignedCount) => Some("应为整数"),
            (Value::Number(n), CellKind::Count | CellKind::Money) if n.as_f64() < 0.0 => Some("不应为负数"),
            _ => None,
        };
        if let Some(problem) = problem {
            let raw = loc_text(loc, c);
            let mut d = Diagnostic::error("table.cell_invalid", format!("{}“{}”{}", cell_name(spec, c), raw, problem))
                .with_table(spec.id)
                .with_span(Some(loc.span(&c.range)))
                .with_hint("件数填非负整数；没有发生的填 0");
            d.cells.push(cell_ref(c));
            out.push(d);
        }
    }
}

fn loc_text(_loc: &dyn Locate, c: &Cell) -> String {
    match &c.value {
        Value::Number(n) => n.to_string(),
        Value::Empty => String::new(),
        Value::Invalid => "…".to_string(),
    }
}

/// Warnings, not errors: numbers that are possible but unlikely (rules.md §3.1).
fn check_plausibility(
    table: &MappedTable,
    level: AgencyLevel,
    index: &HashMap<(&str, &str), &Cell>,
    loc: &dyn Locate,
    out: &mut Vec<Diagnostic>,
) {
    let spec = table.spec;
    if spec.id != crate::format::ACTIVE {
        return;
    }
    if level == AgencyLevel::Township {
        for c in table.cells.iter().filter(|c| c.row == "20.1.regulations") {
            if numeric(&c.value) > 0 {
                let mut d = Diagnostic::warning(
                    "table.implausible",
                    format!("乡镇、街道不能制定规章，但 {} 为 {}", cell_name(spec, c), numeric(&c.value)),
                )
                .with_table(spec.id)
                .with_span(Some(loc.span(&c.range)))
                .with_hint("核对是否应填入规范性文件一行");
                d.cells.push(cell_ref(c));
                out.push(d);
            }
        }
    }
    for row in ["20.1.regulations", "20.1.normative_documents"] {
        let (Some(new), Some(total)) = (index.get(&(row, "new_published")), index.get(&(row, "total_published"))) else {
            continue;
        };
        let (n, t) = (numeric(&new.value), numeric(&total.value));
        if n > t {
            let mut d = Diagnostic::warning(
                "table.implausible",
                format!("{}：本年新公开数量 {} 大于对外公开总数量 {}", spec.row_label(row), n, t),
            )
            .with_table(spec.id)
            .with_span(Some(loc.span(&new.range)))
            .with_hint("对外公开总数量应包含本年新公开的数量");
            d.cells = vec![cell_ref(new), cell_ref(total)];
            d.expected = Some(Number::Int(t));
            d.actual = Some(Number::Int(n));
            d.severity = Severity::Warning;
            out.push(d);
        }
    }
}
