//! The declarations as plain data for front ends: the page and the widget label eras, tables,
//! rows and columns from this, never from a second copy in JavaScript (wasm `formats()`).

use serde::Serialize;

use super::{row_id, ERAS};

#[derive(Serialize)]
pub struct Formats {
    pub eras: Vec<EraView>,
}

#[derive(Serialize)]
pub struct EraView {
    pub id: &'static str,
    pub label: &'static str,
    pub first_year: u16,
    pub sections: Vec<Labelled>,
    pub tables: Vec<TableView>,
}

#[derive(Serialize)]
pub struct Labelled {
    pub id: String,
    pub title: &'static str,
}

#[derive(Serialize)]
pub struct TableView {
    pub id: &'static str,
    pub title: &'static str,
    pub short: &'static str,
    pub variant: &'static str,
    pub blocks: Vec<BlockView>,
    pub row_groups: Vec<RowGroup>,
    pub column_groups: Vec<ColumnGroup>,
}

#[derive(Serialize)]
pub struct BlockView {
    pub id: &'static str,
    /// "第二十条第（一）项"; empty for a table of one block.
    pub header: String,
    pub rows: Vec<Label>,
    pub columns: Vec<Label>,
}

/// A row or column: its id as in results, the format's label, and the label's last part
/// ("（三）不予公开·1.属于国家秘密" → "1.属于国家秘密") for a grid under group headers.
#[derive(Serialize)]
pub struct Label {
    pub id: String,
    pub label: &'static str,
    pub short: &'static str,
}

#[derive(Serialize)]
pub struct RowGroup {
    pub prefix: &'static str,
    pub label: &'static str,
}

#[derive(Serialize)]
pub struct ColumnGroup {
    pub columns: &'static [&'static str],
    pub label: &'static str,
}

fn label(id: String, label: &'static str) -> Label {
    Label { id, label, short: label.rsplit('·').next().unwrap_or(label) }
}

const ITEMS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// Every era, newest first, with its sections and tables.
pub fn formats() -> Formats {
    let eras = ERAS
        .iter()
        .map(|era| EraView {
            id: era.id,
            label: era.label,
            first_year: era.first_year,
            sections: era.sections.iter().map(|s| Labelled { id: s.id.to_string(), title: s.title }).collect(),
            tables: era
                .tables
                .iter()
                .map(|t| TableView {
                    id: t.id,
                    title: t.title,
                    short: t.short,
                    variant: t.variant,
                    blocks: t
                        .blocks
                        .iter()
                        .map(|b| BlockView {
                            id: b.id,
                            header: match b.article_item {
                                0 => String::new(),
                                n => format!("第二十条第（{}）项", ITEMS.get(usize::from(n) - 1).unwrap_or(&"")),
                            },
                            rows: b.rows.iter().map(|r| label(row_id(b, r), r.label)).collect(),
                            columns: b.columns.iter().map(|c| label(c.id.to_string(), c.label)).collect(),
                        })
                        .collect(),
                    row_groups: t.row_groups.iter().map(|&(prefix, label)| RowGroup { prefix, label }).collect(),
                    column_groups: t
                        .column_groups
                        .iter()
                        .map(|&(columns, label)| ColumnGroup { columns, label })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    Formats { eras }
}
