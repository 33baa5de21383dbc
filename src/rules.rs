//! One engine for every table equation, plus the cell domain and plausibility checks.
//!
//! Equations are declared in `format` as Σ lhs = Σ rhs swept over rows or columns; this module
//! evaluates each instance and, on a violation, reports every cell of it with the expected and
//! actual values. Empty cells a constraint needs are reported once and counted as 0, as rules.md
//! §3.4 asks; rows the text lacks are reported as missing and their equations skipped.

use crate::format::{CellKind, Sweep, TableSpec};
use crate::result::{AgencyLevel, CellRef, Diagnostic, Number, Severity};
use crate::tables::tokens::Value;
use crate::tables::{Cell, MappedTable};

/// Where normalised ranges are in the user's text.
pub trait Locate {
    fn span(&self, range: &std::ops::Range<usize>) -> crate::result::Span;
    /// The user's own text at a normalised range.
    fn raw(&self, range: &std::ops::Range<usize>) -> &str;
}

fn cell_ref(c: &Cell) -> CellRef {
    CellRef { row: c.row.clone(), column: c.column.id }
}

/// Human name of a cell: "（七）总计·自然人"; in a one-row table, its column: "行政复议·总计".
pub fn cell_name(spec: &TableSpec, c: &Cell) -> String {
    if spec.blocks.len() == 1 && spec.blocks[0].rows.len() == 1 {
        c.column.label.to_string()
    } else {
        format!("{}·{}", spec.row_label(&c.row), c.column.label)
    }
}

pub fn check_table(table: &MappedTable, agency_level: AgencyLevel, loc: &dyn Locate, out: &mut Vec<Diagnostic>) {
    let spec = table.spec;
    check_domain(table, loc, out);
    if !spec.equations.is_empty() {
        check_equations(table, loc, out);
    }
    check_plausibility(table, agency_level, loc, out);
}

/// The cells of a single-block table by (row, column) position of its format.
struct Grid<'t> {
    cells: Vec<Option<&'t Cell>>,
    width: usize,
}

impl<'t> Grid<'t> {
    fn new(table: &'t MappedTable) -> Grid<'t> {
        let block = &table.spec.blocks[0];
        let width = block.columns.len();
        let mut cells = vec![None; block.rows.len() * width];
        for c in &table.cells {
            let r = block.rows.iter().position(|r| crate::format::is_row_id(block, r, &c.row));
            let k = block.columns.iter().position(|k| k.id == c.column.id);
            if let (Some(r), Some(k)) = (r, k) {
                cells[r * width + k] = Some(c);
            }
        }
        Grid { cells, width }
    }

    fn at(&self, row: usize, col: usize) -> Option<&'t Cell> {
        self.cells[row * self.width + col]
    }
}

/// Position of a row or column id in the block.
type IdIndex<'a> = dyn Fn(&str) -> Option<usize> + 'a;

fn check_equations(table: &MappedTable, loc: &dyn Locate, out: &mut Vec<Diagnostic>) {
    let spec = table.spec;
    let block = &spec.blocks[0];
    let grid = Grid::new(table);
    let row_index = |id: &str| block.rows.iter().position(|r| r.id == id);
    let col_index = |id: &str| block.columns.iter().position(|c| c.id == id);
    let mut reported_empty = vec![false; grid.cells.len()];
    for eq in spec.equations {
        // Each instance: the (row, column) positions of its two sides, and where it applies.
        let (lines, names): (usize, &IdIndex) = match eq.sweep {
            Sweep::EachRow => (block.rows.len(), &col_index),
            Sweep::EachColumn => (block.columns.len(), &row_index),
        };
        let (Some(lhs), Some(rhs)) = (
            eq.lhs.iter().map(|id| names(id)).collect::<Option<Vec<usize>>>(),
            eq.rhs.iter().map(|id| names(id)).collect::<Option<Vec<usize>>>(),
        ) else {
            continue;
        };
        for line in 0..lines {
            let cell = |k: usize| match eq.sweep {
                Sweep::EachRow => grid.at(line, k).map(|c| (c, line * grid.width + k)),
                Sweep::EachColumn => grid.at(k, line).map(|c| (c, k * grid.width + line)),
            };
            // A row the text lacks is reported as missing; its equations are not evaluated.
            let (Some(l), Some(r)) = (
                lhs.iter().map(|&k| cell(k)).collect::<Option<Vec<_>>>(),
                rhs.iter().map(|&k| cell(k)).collect::<Option<Vec<_>>>(),
            ) else {
                continue;
            };
            let all = || l.iter().chain(r.iter());
            if all().any(|(c, _)| c.value == Value::Invalid) {
                continue;
            }
            let mut had_empty = false;
            for &(c, at) in all() {
                if c.value == Value::Empty {
                    had_empty = true;
                    if !std::mem::replace(&mut reported_empty[at], true) {
                        let mut d =
                            Diagnostic::warning("table.cell_empty", format!("{} 为空，按 0 计算", cell_name(spec, c)))
                                .with_table(spec.id)
                                .with_span(Some(loc.span(&c.range)))
                                .with_hint("填写数字；没有发生的填 0");
                        d.cells.push(cell_ref(c));
                        out.push(d);
                    }
                }
            }
            let sum = |side: &[(&Cell, usize)]| side.iter().map(|(c, _)| numeric(&c.value)).sum::<i64>();
            let (actual, expected) = (sum(&l), sum(&r));
            if actual == expected {
                continue;
            }
            let at = match eq.sweep {
                Sweep::EachRow if block.rows.len() == 1 => block.columns[lhs[0]].label,
                Sweep::EachRow => block.rows[line].label,
                Sweep::EachColumn => block.columns[line].label,
            };
            let mut message = eq
                .message
                .replace("{at}", at)
                .replace("{expected}", &expected.to_string())
                .replace("{actual}", &actual.to_string());
            if had_empty {
                message.push_str("（空格按 0 计）");
            }
            let mut d = Diagnostic::error(eq.code, message)
                .with_table(spec.id)
                .with_span(Some(loc.span(&l[0].0.range)))
                .with_hint(eq.hint);
            d.cells = all().map(|(c, _)| cell_ref(c)).collect();
            d.expected = Some(Number::Int(expected));
            d.actual = Some(Number::Int(actual));
            out.push(d);
        }
    }
}

fn numeric(v: &Value) -> i64 {
    match v {
        Value::Number(n) => n.as_f64().round() as i64,
        _ => 0,
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
            let raw = loc.raw(&c.range);
            let mut d = Diagnostic::error("table.cell_invalid", format!("{}“{}”{}", cell_name(spec, c), raw, problem))
                .with_table(spec.id)
                .with_span(Some(loc.span(&c.range)))
                .with_hint("件数填非负整数；没有发生的填 0");
            d.cells.push(cell_ref(c));
            out.push(d);
        }
    }
}

/// Warnings, not errors: numbers that are possible but unlikely (rules.md §3.1).
fn check_plausibility(table: &MappedTable, level: AgencyLevel, loc: &dyn Locate, out: &mut Vec<Diagnostic>) {
    let spec = table.spec;
    if spec.id != crate::format::ACTIVE {
        return;
    }
    if level == AgencyLevel::Township {
        let nonzero: Vec<&Cell> =
            table.cells.iter().filter(|c| c.row == "20.1.regulations" && numeric(&c.value) > 0).collect();
        if let Some(first) = nonzero.first() {
            let listed: Vec<String> =
                nonzero.iter().map(|c| format!("{} {}", c.column.label, numeric(&c.value))).collect();
            let mut d = Diagnostic::warning(
                "table.implausible",
                format!("乡镇、街道不能制定规章，但规章一行填有 {}", listed.join("、")),
            )
            .with_table(spec.id)
            .with_span(Some(loc.span(&first.range)))
            .with_hint("核对是否应填入规范性文件一行");
            d.cells = nonzero.iter().map(|c| cell_ref(c)).collect();
            out.push(d);
        }
    }
    for row in ["20.1.regulations", "20.1.normative_documents"] {
        let (Some(new), Some(total)) = (table.cell(row, "new_published"), table.cell(row, "total_published")) else {
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
