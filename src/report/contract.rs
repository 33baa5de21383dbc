//! A report as the output contract shows it (`docs/output-contract.md`): facts, sections and
//! table cells with spans in the user's text. Diagnostics are added by the checks.

use super::{MappedTable, Report};
use crate::result::{CellResult, CheckResult, DocumentFacts, SectionResult, TableResult, TableStatus};

impl Report {
    pub fn result(&self) -> CheckResult {
        let source = &self.source;
        let mut r = CheckResult::empty(&source.name, source.format, source.encoding, self.script);
        let facts = &self.facts;
        r.document = DocumentFacts {
            is_annual_report: facts.is_annual_report,
            title: facts.title.as_ref().map(|t| t.0.clone()),
            agency: facts.agency.clone(),
            agency_level: facts.agency_level,
            year: facts.year.as_ref().map(|y| y.0),
            era: self.era,
            published: facts.published.as_ref().map(|p| p.0.clone()),
            index_number: self.doc.meta.index_number.clone(),
        };
        r.sections = self
            .sections
            .iter()
            .map(|s| SectionResult {
                id: s.spec.id,
                title: s.spec.title,
                status: s.status,
                heading: s.heading_line.map(|l| self.doc.line_text(&self.doc.lines[l]).to_string()),
                span: s.evidence.clone().map(|r| self.span_of_text(r)),
            })
            .collect();
        r.tables = self.tables.iter().map(|t| self.table_result(t)).collect();
        r
    }

    fn table_result(&self, t: &MappedTable) -> TableResult {
        // A table whose variant the text did not tell (复议/诉讼 is the same in every format)
        // takes the report's era as its variant.
        let variant = if t.variant_evidence { Some(t.spec.era()) } else { self.era };
        TableResult {
            id: t.spec.id,
            title: t.spec.title,
            status: t.status,
            variant: variant.filter(|_| t.status != TableStatus::Missing),
            span: t.range.clone().map(|r| self.span_of_norm(r)),
            cells: t
                .cells
                .iter()
                .map(|c| {
                    let span = self.span_of_norm(c.range.clone());
                    CellResult {
                        row: c.row.clone(),
                        column: c.column.id,
                        value: c.value.number(),
                        raw: self.text.get(span.start..span.end).unwrap_or("").to_string(),
                        span,
                    }
                })
                .collect(),
        }
    }
}
