//! One engine for every table equation, plus the cell domain and the township rule.
//!
//! Equations are declared in `format` as Σ lhs (= or ≤) Σ rhs swept over the rows or columns of
//! a block; this module evaluates each instance and, on a violation, reports every cell of it
//! with the expected (right-hand) and actual (left-hand) values. Empty cells an arithmetic
//! equation needs are reported once and counted as 0, as rules.md §3.4 asks; rows the text lacks
//! are reported as missing elsewhere and their equations skipped.

use super::{At, Findings};
use crate::format::{AgencyLevel, BlockSpec, CellKind, Equation, Relation, Sweep, TableSpec};
use crate::report::{Cell, MappedTable, Report};
use crate::result::{CellRef, Number};
use crate::text::value::Value;

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

pub fn check_table(report: &Report, table: &MappedTable, out: &mut Findings) {
    check_domain(report, table, out);
    let mut reported_empty = Vec::new();
    // Each block's grid is built once, for all of its equations.
    let mut grids: Vec<(usize, Grid)> = Vec::new();
    for eq in table.spec.equations {
        let Some(bi) = table.spec.blocks.iter().position(|b| b.id == eq.block) else { continue };
        let k = match grids.iter().position(|(b, _)| *b == bi) {
            Some(k) => k,
            None => {
                grids.push((bi, Grid::new(table, &table.spec.blocks[bi])));
                grids.len() - 1
            }
        };
        check_equation(table, &grids[k].1, eq, (bi, &mut reported_empty), out);
    }
    check_township(report, table, out);
}

/// The cells of one block by (row, column) position of its format.
struct Grid<'t> {
    block: &'static BlockSpec,
    cells: Vec<Option<&'t Cell>>,
}

impl<'t> Grid<'t> {
    fn new(table: &'t MappedTable, block: &'static BlockSpec) -> Grid<'t> {
        let width = block.columns.len();
        let mut cells = vec![None; block.rows.len() * width];
        for c in &table.cells {
            let r = block.rows.iter().position(|r| crate::format::is_row_id(block, r, &c.row));
            let k = block.columns.iter().position(|k| k.id == c.column.id);
            if let (Some(r), Some(k)) = (r, k) {
                cells[r * width + k] = Some(c);
            }
        }
        Grid { block, cells }
    }

    /// Every instance of `eq`: the line it applies to, and its two sides as (cell, grid index);
    /// an instance is None where a cell is missing.
    #[allow(clippy::type_complexity)]
    fn instances(&self, eq: &Equation) -> Vec<(usize, Option<(Vec<(&'t Cell, usize)>, Vec<(&'t Cell, usize)>)>)> {
        let side = |at: &[usize]| at.iter().map(|&k| self.cells[k].map(|c| (c, k))).collect::<Option<Vec<_>>>();
        eq.instances(self.block).into_iter().map(|(line, lhs, rhs)| (line, side(&lhs).zip(side(&rhs)))).collect()
    }

    /// Where an instance is, for its message: the row, or the column, it sweeps.
    fn line_label(&self, eq: &Equation, line: usize) -> &'static str {
        match eq.sweep {
            Sweep::EachRow if self.block.rows.len() == 1 => {
                eq.lhs.first().and_then(|id| self.block.columns.iter().find(|c| c.id == *id)).map_or("", |c| c.label)
            }
            Sweep::EachRow => self.block.rows[line].label,
            Sweep::EachColumn => self.block.columns[line].label,
        }
    }
}

/// Empty cells already reported, by (block, grid index), so that each is reported once.
type Reported<'a> = (usize, &'a mut Vec<(usize, usize)>);

fn check_equation(table: &MappedTable, grid: &Grid, eq: &Equation, reported: Reported, out: &mut Findings) {
    let spec = table.spec;
    let (bi, reported_empty) = reported;
    for (line, sides) in grid.instances(eq) {
        // A row the text lacks is reported as missing; its equations are not evaluated.
        let Some((l, r)) = sides else { continue };
        let all = || l.iter().chain(r.iter());
        if all().any(|(c, _)| c.value == Value::Invalid) {
            continue;
        }
        let mut had_empty = false;
        if eq.relation == Relation::Equal {
            for &(c, at) in all() {
                if c.value == Value::Empty {
                    had_empty = true;
                    if !reported_empty.contains(&(bi, at)) {
                        reported_empty.push((bi, at));
                        out.add("table.cell_empty", format!("{} 为空，按 0 计算", cell_name(spec, c)))
                            .table(spec.id)
                            .at(At::Norm(c.range.clone()))
                            .cells([cell_ref(c)]);
                    }
                }
            }
        }
        let sum = |side: &[(&Cell, usize)]| side.iter().map(|(c, _)| c.value.count()).sum::<i64>();
        let (actual, expected) = (sum(&l), sum(&r));
        if eq.relation.holds(actual, expected) {
            continue;
        }
        let mut message = eq
            .message
            .replace("{at}", grid.line_label(eq, line))
            .replace("{expected}", &expected.to_string())
            .replace("{actual}", &actual.to_string());
        if had_empty {
            message.push_str("（空格按 0 计）");
        }
        out.add(eq.code, message)
            .table(spec.id)
            .at(At::Norm(l[0].0.range.clone()))
            .hint(eq.hint)
            .cells(all().map(|(c, _)| cell_ref(c)))
            .expected(expected)
            .actual(actual);
    }
}

fn check_domain(report: &Report, table: &MappedTable, out: &mut Findings) {
    let spec = table.spec;
    for c in &table.cells {
        let problem = match (&c.value, c.column.kind) {
            (Value::Invalid, _) => Some("不是数字"),
            (Value::Number(Number::Dec(_)), CellKind::Count | CellKind::SignedCount) => Some("应为整数"),
            (Value::Number(n), CellKind::Count | CellKind::Money) if n.as_f64() < 0.0 => Some("不应为负数"),
            _ => None,
        };
        if let Some(problem) = problem {
            let raw = report.raw(c.range.clone());
            out.add("table.cell_invalid", format!("{}“{}”{}", cell_name(spec, c), raw, problem))
                .table(spec.id)
                .at(At::Norm(c.range.clone()))
                .cells([cell_ref(c)]);
        }
    }
}

/// 乡镇、街道 make no 规章 (rules.md §3.1): a warning, since the number is possible but unlikely.
fn check_township(report: &Report, table: &MappedTable, out: &mut Findings) {
    if report.facts.agency_level != AgencyLevel::Township || table.spec.id != crate::format::ACTIVE {
        return;
    }
    let nonzero: Vec<&Cell> =
        table.cells.iter().filter(|c| c.row == "20.1.regulations" && c.value.count() > 0).collect();
    if let Some(first) = nonzero.first() {
        let listed: Vec<String> = nonzero.iter().map(|c| format!("{} {}", c.column.label, c.value.count())).collect();
        out.add("table.implausible", format!("乡镇、街道不能制定规章，但规章一行填有 {}", listed.join("、")))
            .table(table.spec.id)
            .at(At::Norm(first.range.clone()))
            .hint("核对是否应填入规范性文件一行")
            .cells(nonzero.iter().map(|c| cell_ref(c)));
    }
}
