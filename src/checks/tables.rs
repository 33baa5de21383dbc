//! Each table of the era: present, readable, of the right format, every row there; then its
//! arithmetic ([`super::arithmetic`]).

use super::{arithmetic, At, Findings};
use crate::report::{MappedTable, Report};
use crate::result::{CellRef, TableStatus};

pub fn tables(report: &Report, out: &mut Findings) {
    for t in &report.tables {
        presence(report, t, out);
        if t.status == TableStatus::Present && !t.blank {
            arithmetic::check_table(report, t, out);
        }
    }
}

fn presence(report: &Report, t: &MappedTable, out: &mut Findings) {
    let Some(era) = report.era else { return };
    let spec = t.spec;
    let at = t.range.clone().map(At::Norm);
    match t.status {
        TableStatus::Missing => {
            if t.section_present {
                let heading = report.section(spec.section).and_then(|s| s.evidence.clone()).map(At::Text);
                out.add("table.missing", format!("“{}”部分没有统计表", spec.title))
                    .table(spec.id)
                    .section(spec.section)
                    .at_opt(heading);
            }
            return;
        }
        TableStatus::Unreadable => {
            let why = t.unreadable.as_deref().unwrap_or("无法对应到规定格式");
            out.add("table.unreadable", format!("“{}”统计表无法可靠读取：{why}", spec.title)).table(spec.id).at_opt(at);
            return;
        }
        TableStatus::Present => {}
    }
    let variant = spec.era();
    if variant < era && t.variant_evidence {
        out.add(
            "doc.format_outdated",
            format!(
                "“{}”统计表使用的是 {} 年格式，{} 年起应使用新格式（{}）",
                spec.title,
                variant.as_str(),
                era.as_str(),
                era.notice
            ),
        )
        .table(spec.id)
        .at_opt(at.clone());
    } else if variant > era && t.variant_evidence {
        out.add(
            "doc.format_mismatch",
            format!("“{}”统计表使用的是 {} 年格式，与报告年度不符", spec.title, variant.as_str()),
        )
        .table(spec.id)
        .at_opt(at.clone());
    }
    if t.blank {
        out.add("table.blank", format!("“{}”统计表的各行都在，但没有填写任何数字", spec.title))
            .table(spec.id)
            .at_opt(at);
        return;
    }
    for row in &t.missing_rows {
        let column = spec.blocks.iter().find(|b| row.starts_with(b.id)).map(|b| b.columns[0].id).unwrap_or("total");
        out.add("table.row_missing", format!("“{}”统计表缺少“{}”一行", spec.title, spec.row_label(row)))
            .table(spec.id)
            .at_opt(at.clone())
            .cells([CellRef { row: row.clone(), column }]);
    }
    if t.reordered {
        out.add(
            "table.reordered",
            format!("“{}”统计表的数字在文字提取中顺序被打乱，已按表内勾稽关系唯一还原", spec.title),
        )
        .table(spec.id)
        .at_opt(at);
    }
}
