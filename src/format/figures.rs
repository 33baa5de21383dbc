//! Figures the prose of a report restates from its tables (rules.md §4, `text.table_mismatch`):
//! the words that say which figure a clause states and the cells whose sum it must equal. The
//! 2019 and 2021 formats share these rows and columns (table 二's columns are the 2021 format's:
//! a 2019 table has no 制发/现行有效 cells and is not compared).

use super::{ACTIVE, APPLICATIONS, REVIEW_LITIGATION};

/// What a clause is about; it carries over to later clauses of the same sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Applications,
    Review,
    Litigation,
    /// Table 二's rows: 规章, 行政规范性文件, 行政许可, 行政处罚, 行政强制.
    Regulations,
    NormativeDocuments,
    Licensing,
    Penalty,
    Coercion,
}

/// The words that name a subject; the one named last in a clause is its subject.
pub const SUBJECTS: &[(&str, Subject)] = &[
    ("申请", Subject::Applications),
    ("行政复议", Subject::Review),
    ("行政诉讼", Subject::Litigation),
    // "行政复议7件，诉讼9件": 诉讼 named without 行政 after a 复议 count (上海市政府办公厅 2019).
    ("诉讼", Subject::Litigation),
    ("规章", Subject::Regulations),
    ("规范性文件", Subject::NormativeDocuments),
    ("行政许可", Subject::Licensing),
    ("行政处罚", Subject::Penalty),
    ("行政强制", Subject::Coercion),
];

/// A figure the prose may state: words that must all appear in the clause, and the cells whose
/// sum it must equal (any one of `cells` alternatives).
#[derive(Clone, Copy)]
pub struct Figure {
    pub subject: Subject,
    pub words: &'static [&'static [&'static str]],
    pub what: &'static str,
    pub table: &'static str,
    pub cells: &'static [&'static [(&'static str, &'static str)]],
}

/// The two litigation groups of the 复议/诉讼 table.
pub const LITIGATION_GROUPS: [&str; 2] = ["litigation_direct", "litigation_after_review"];

macro_rules! litigation {
    ($col:literal) => {
        &[&[("data", concat!("litigation_direct.", $col)), ("data", concat!("litigation_after_review.", $col))]]
    };
}

/// Words among a count's own words that make it another quantity than the table's: a subset
/// or a different scope ("备案的行政复议案件134件", "累计受理…", "同比增加…"), or an outcome the
/// format does not count ("所有办结的…中同意公开答复9件" is no 办结 figure). A 清理 counts what
/// one review of the documents found on its day ("清理并集中发布现行有效行政规范性文件393件"
/// against 470 at the year's end, 平潭 2023), not the year's figure.
pub const QUALIFIERS: &[&str] =
    &["备案", "累计", "历年", "同比", "环比", "比上年", "较上年", "比去年", "较去年", "同意", "告知", "清理"];

macro_rules! documents {
    ($subject:expr, $row:literal, $what:literal) => {
        [
            Figure {
                subject: $subject,
                words: &[&["制发"], &["制定"], &["印发"], &["出台"]],
                what: concat!($what, "本年制发件数"),
                table: ACTIVE,
                cells: &[&[(concat!("20.1.", $row), "issued")]],
            },
            Figure {
                subject: $subject,
                words: &[&["废止"]],
                what: concat!($what, "本年废止件数"),
                table: ACTIVE,
                cells: &[&[(concat!("20.1.", $row), "repealed")]],
            },
            Figure {
                subject: $subject,
                words: &[&["现行有效"]],
                what: concat!($what, "现行有效件数"),
                table: ACTIVE,
                cells: &[&[(concat!("20.1.", $row), "in_force")]],
            },
        ]
    };
}

macro_rules! decisions {
    ($subject:expr, $row:literal, $what:literal) => {
        Figure {
            subject: $subject,
            words: &[&["决定"]],
            what: concat!($what, "本年处理决定数量"),
            table: ACTIVE,
            cells: &[&[($row, "decisions")]],
        }
    };
}

const REGULATIONS: [Figure; 3] = documents!(Subject::Regulations, "regulations", "规章");
const NORMATIVE_DOCUMENTS: [Figure; 3] =
    documents!(Subject::NormativeDocuments, "normative_documents", "行政规范性文件");

/// Checked in order; the first figure whose words a clause contains is the one it states.
pub const FIGURES: &[Figure] = &[
    Figure {
        subject: Subject::Applications,
        words: &[&["上年", "结转"], &["上年度", "结转"]],
        what: "上年结转申请",
        table: APPLICATIONS,
        cells: &[&[("2", "total")]],
    },
    Figure {
        subject: Subject::Applications,
        words: &[&["下年", "结转"], &["下年", "顺延"], &["下一年", "结转"], &["下一年度", "继续办理"], &["结转下"]],
        what: "结转下年度",
        table: APPLICATIONS,
        cells: &[&[("4", "total")]],
    },
    Figure {
        subject: Subject::Applications,
        words: &[&["部分公开"]],
        what: "部分公开",
        table: APPLICATIONS,
        cells: &[&[("3.2", "total")]],
    },
    Figure {
        subject: Subject::Applications,
        words: &[&["不予公开"]],
        what: "不予公开",
        table: APPLICATIONS,
        cells: &[&[
            ("3.3.1", "total"),
            ("3.3.2", "total"),
            ("3.3.3", "total"),
            ("3.3.4", "total"),
            ("3.3.5", "total"),
            ("3.3.6", "total"),
            ("3.3.7", "total"),
            ("3.3.8", "total"),
        ]],
    },
    Figure {
        subject: Subject::Applications,
        words: &[&["无法提供"]],
        what: "无法提供",
        table: APPLICATIONS,
        cells: &[&[("3.4.1", "total"), ("3.4.2", "total"), ("3.4.3", "total")]],
    },
    Figure {
        subject: Subject::Applications,
        words: &[&["不予处理"]],
        what: "不予处理",
        table: APPLICATIONS,
        cells: &[&[("3.5.1", "total"), ("3.5.2", "total"), ("3.5.3", "total"), ("3.5.4", "total"), ("3.5.5", "total")]],
    },
    Figure {
        subject: Subject::Applications,
        words: &[&["予以公开"]],
        what: "予以公开",
        table: APPLICATIONS,
        cells: &[&[("3.1", "total")]],
    },
    Figure {
        subject: Subject::Applications,
        words: &[&["新收"], &["受理"], &["收到"], &["接收"], &["共收"]],
        what: "收到申请",
        table: APPLICATIONS,
        // Some reports count 新收 + 上年结转 as 收到.
        cells: &[&[("1", "total")], &[("1", "total"), ("2", "total")]],
    },
    Figure {
        subject: Subject::Applications,
        words: &[&["办结"], &["答复"], &["办理完毕"]],
        what: "办结申请",
        table: APPLICATIONS,
        cells: &[&[("3.7", "total")]],
    },
    Figure {
        subject: Subject::Review,
        words: &[&["维持"]],
        what: "行政复议结果维持",
        table: REVIEW_LITIGATION,
        cells: &[&[("data", "review.upheld")]],
    },
    Figure {
        subject: Subject::Review,
        words: &[&["纠正"]],
        what: "行政复议结果纠正",
        table: REVIEW_LITIGATION,
        cells: &[&[("data", "review.corrected")]],
    },
    Figure {
        subject: Subject::Review,
        words: &[&["其他"]],
        what: "行政复议其他结果",
        table: REVIEW_LITIGATION,
        cells: &[&[("data", "review.other")]],
    },
    Figure {
        subject: Subject::Review,
        words: &[&["未审结"], &["审理中"]],
        what: "行政复议尚未审结",
        table: REVIEW_LITIGATION,
        cells: &[&[("data", "review.pending")]],
    },
    Figure {
        subject: Subject::Review,
        words: &[&[]],
        what: "行政复议",
        table: REVIEW_LITIGATION,
        cells: &[&[("data", "review.total")]],
    },
    Figure {
        subject: Subject::Litigation,
        words: &[&["维持"]],
        what: "行政诉讼结果维持",
        table: REVIEW_LITIGATION,
        cells: litigation!("upheld"),
    },
    Figure {
        subject: Subject::Litigation,
        words: &[&["纠正"]],
        what: "行政诉讼结果纠正",
        table: REVIEW_LITIGATION,
        cells: litigation!("corrected"),
    },
    Figure {
        subject: Subject::Litigation,
        words: &[&["其他"]],
        what: "行政诉讼其他结果",
        table: REVIEW_LITIGATION,
        cells: litigation!("other"),
    },
    Figure {
        subject: Subject::Litigation,
        words: &[&["未审结"], &["审理中"]],
        what: "行政诉讼尚未审结",
        table: REVIEW_LITIGATION,
        cells: litigation!("pending"),
    },
    Figure {
        subject: Subject::Litigation,
        words: &[&[]],
        what: "行政诉讼",
        table: REVIEW_LITIGATION,
        cells: litigation!("total"),
    },
    // Table 二 (第二十条): counts of documents and of decisions. Only a count whose own words
    // name the column is compared ("制定规范性文件4件", "作出行政处罚决定9件"); "公开行政许可信息"
    // counts information items, not decisions, and names none.
    REGULATIONS[0],
    REGULATIONS[1],
    REGULATIONS[2],
    NORMATIVE_DOCUMENTS[0],
    NORMATIVE_DOCUMENTS[1],
    NORMATIVE_DOCUMENTS[2],
    decisions!(Subject::Licensing, "20.5.licensing", "行政许可"),
    decisions!(Subject::Penalty, "20.6.penalty", "行政处罚"),
    decisions!(Subject::Coercion, "20.6.coercion", "行政强制"),
];
