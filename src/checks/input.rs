//! Limits reached while reading the input: findings, never a silently shortened result.

use super::Findings;
use crate::input::{MAX_TABLE_CELLS, MAX_TABLE_DEPTH, MAX_TABLE_TEXT};
use crate::report::Report;

pub fn limits(report: &Report, out: &mut Findings) {
    let limits = report.source.limits;
    if limits.truncated_tables > 0 {
        out.add(
            "input.table_too_large",
            format!(
                "有 {} 个表格过大（超过 {} 个单元格或 {} MB 文字），超出部分未读取",
                limits.truncated_tables,
                MAX_TABLE_CELLS,
                MAX_TABLE_TEXT / 1048576
            ),
        );
    }
    if limits.too_deep_tables > 0 {
        out.add(
            "input.nesting",
            format!("有 {} 个表格嵌套超过 {} 层，已按普通文字读取", limits.too_deep_tables, MAX_TABLE_DEPTH),
        );
    }
}
