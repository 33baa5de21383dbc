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
use crate::result::{CellRef, Number, Suggestion};
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
    let mut grids: Vec<(usize, Grid, Option<Culprit>)> = Vec::new();
    for eq in table.spec.equations {
        let Some(bi) = table.spec.blocks.iter().position(|b| b.id == eq.block) else { continue };
        let k = match grids.iter().position(|(b, _, _)| *b == bi) {
            Some(k) => k,
            None => {
                let grid = Grid::new(table, &table.spec.blocks[bi]);
                let culprit = culprit(table, &grid, bi);
                grids.push((bi, grid, culprit));
                grids.len() - 1
            }
        };
        let (_, grid, culprit) = &grids[k];
        check_equation(table, grid, eq, (bi, &mut reported_empty), *culprit, out);
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

/// A cell (its grid index) and the value that would make every equation of its block hold.
type Culprit = (usize, i64);

/// The one cell that explains every failed equation of a block. When a row equation and a column
/// equation (or the balance) fail, the cell they share is the likely mistake, and the difference
/// gives its likely value. It is named only when the evidence is unambiguous: at least two
/// different equations fail, every failed instance contains the cell and asks of it the same
/// value, that value is a count (not negative), and with it every instance through the cell
/// holds. One cell exactly must qualify; otherwise nothing more is said than the failures.
fn culprit(table: &MappedTable, grid: &Grid, block: usize) -> Option<Culprit> {
    let value = |at: usize| grid.cells[at].map(|c| c.value.count());
    let instances: Vec<(&Equation, Vec<usize>, Vec<usize>)> = table
        .spec
        .equations
        .iter()
        .filter(|e| e.relation == Relation::Equal && table.spec.blocks.get(block).is_some_and(|b| b.id == e.block))
        .flat_map(|e| e.instances(grid.block).into_iter().map(move |(_, l, r)| (e, l, r)))
        .filter(|(_, l, r)| {
            l.iter().chain(r.iter()).all(|&at| grid.cells[at].is_some_and(|c| c.value != Value::Invalid))
        })
        .collect();
    let sum = |side: &[usize], with: Option<Culprit>| -> i64 {
        side.iter().map(|&at| with.filter(|(c, _)| *c == at).map_or_else(|| value(at).unwrap_or(0), |(_, v)| v)).sum()
    };
    let failing: Vec<&(&Equation, Vec<usize>, Vec<usize>)> =
        instances.iter().filter(|(_, l, r)| sum(l, None) != sum(r, None)).collect();
    let (first, rest) = failing.split_first()?;
    if !rest.iter().any(|(e, _, _)| !std::ptr::eq(*e, first.0)) {
        return None;
    }
    let mut found: Option<Culprit> = None;
    for &at in first.1.iter().chain(first.2.iter()) {
        // The value each failed instance asks of this cell.
        let asks = |(_, l, r): &&(&Equation, Vec<usize>, Vec<usize>)| -> Option<i64> {
            let (in_l, in_r) = (l.contains(&at), r.contains(&at));
            let v = value(at)?;
            match (in_l, in_r) {
                (true, false) => Some(v + sum(r, None) - sum(l, None)),
                (false, true) => Some(v + sum(l, None) - sum(r, None)),
                _ => None,
            }
        };
        let Some(v) = asks(first) else { continue };
        if v < 0 || Some(v) == value(at) || !rest.iter().all(|i| asks(i) == Some(v)) {
            continue;
        }
        let fixed = instances
            .iter()
            .filter(|(_, l, r)| l.contains(&at) || r.contains(&at))
            .all(|(_, l, r)| sum(l, Some((at, v))) == sum(r, Some((at, v))));
        if !fixed {
            continue;
        }
        if found.is_some() {
            return None;
        }
        found = Some((at, v));
    }
    found
}

fn check_equation(
    table: &MappedTable,
    grid: &Grid,
    eq: &Equation,
    reported: Reported,
    culprit: Option<Culprit>,
    out: &mut Findings,
) {
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
        let suggestion = culprit.filter(|(at, _)| all().any(|(_, k)| k == at)).and_then(|(at, v)| {
            let c = grid.cells[at]?;
            message.push_str(&format!("；{}“{}”很可能应为 {v}", cell_name(spec, c), c.value.count()));
            Some(Suggestion { table: spec.id, row: c.row.clone(), column: c.column.id, value: Number::Int(v) })
        });
        out.add(eq.code, message)
            .table(spec.id)
            .at(At::Norm(l[0].0.range.clone()))
            .hint(eq.hint)
            .cells(all().map(|(c, _)| cell_ref(c)))
            .expected(expected)
            .actual(actual)
            .suggestion(suggestion);
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
