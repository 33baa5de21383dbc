//! Shared helpers for the integration tests: a generator of complete, internally consistent
//! annual reports (eras 2019 and 2021) in the text layouts of rules.md §6, and helpers to compare
//! a check result with what was generated.
//!
//! The generator declares the official formats itself (labels from rules.md), independently of
//! `src/format`, so that the tests check the checker against the spec and not against itself.

#![allow(dead_code)]

pub mod formats;
pub mod region;

/// Every fixture report, by its path under tests/fixtures.
pub const FIXTURES: [&str; 6] = [
    "seeds/jilin-kjj-2019.txt",
    "seeds/loudi-jxw-2017.txt",
    "seeds/shucheng-kjj-2016.txt",
    "seeds/zhangdian-kjj-2012-traditional-pinyin.txt",
    "seeds/zibo-kjj-2017-workplan-not-a-report.txt",
    "real/huaian-szf-2024-pdftotext.txt",
];

/// Path of a file in tests/fixtures. A missing fixture fails the test: these never skip.
pub fn fixture_path(path: &str) -> String {
    let full = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    assert!(std::path::Path::new(&full).exists(), "fixture {full} must exist");
    full
}

/// The text of a file in tests/fixtures.
pub fn fixture(path: &str) -> String {
    let full = fixture_path(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("fixture {full} unreadable: {e}"))
}

/// Everything a check says, except where: the document's facts, sections, tables and cells,
/// and findings. Two readings of one report (text and Word, source and PDF) must say the same.
pub fn findings(r: &nianbao::result::CheckResult) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    out.insert(format!("doc {:?} {:?} {:?}", r.document.year, r.document.era, r.document.agency_level));
    for s in &r.sections {
        out.insert(format!("section {} {:?}", s.id, s.status));
    }
    for t in &r.tables {
        out.insert(format!("table {} {:?} {:?}", t.id, t.status, t.variant));
        for c in &t.cells {
            out.insert(format!("cell {}/{}/{} = {:?}", t.id, c.row, c.column, c.value));
        }
    }
    for d in &r.diagnostics {
        let cells: Vec<String> = d.cells.iter().map(|c| format!("{}/{}", c.row, c.column)).collect();
        out.insert(format!(
            "finding {} {:?} {:?} {:?} {:?} {:?} {:?}",
            d.code, d.severity, d.section, d.table, cells, d.expected, d.actual
        ));
    }
    out
}

pub mod gen {
    use std::collections::BTreeMap;

    /// The eras the generator writes, declared here, apart from the checker's `format`.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum Era {
        E2008,
        E2019,
        E2021,
    }

    impl Era {
        pub fn from_year(year: u16) -> Era {
            match year {
                0..=2018 => Era::E2008,
                2019 | 2020 => Era::E2019,
                _ => Era::E2021,
            }
        }

        pub fn as_str(self) -> &'static str {
            match self {
                Era::E2008 => "2008",
                Era::E2019 => "2019",
                Era::E2021 => "2021",
            }
        }
    }
    use nianbao::result::Number;

    pub const ACTIVE: &str = "active";
    pub const APPLICATIONS: &str = "applications";
    pub const REVIEW_LITIGATION: &str = "review_litigation";
    pub const TABLE_IDS: [&str; 3] = [ACTIVE, APPLICATIONS, REVIEW_LITIGATION];

    /// Section ids in the official order, with their canonical headings.
    pub const SECTIONS: [(&str, &str); 6] = [
        ("overview", "一、总体情况"),
        ("active_disclosure", "二、主动公开政府信息情况"),
        ("applications", "三、收到和处理政府信息公开申请情况"),
        ("review_litigation", "四、政府信息公开行政复议、行政诉讼情况"),
        ("problems", "五、存在的主要问题及改进情况"),
        ("other", "六、其他需要报告的事项"),
    ];

    /// The section a table stands under.
    pub fn section_of_table(table: &str) -> &'static str {
        match table {
            ACTIVE => "active_disclosure",
            APPLICATIONS => "applications",
            REVIEW_LITIGATION => "review_litigation",
            _ => panic!("unknown table {table}"),
        }
    }

    pub const ERAS: [Era; 2] = [Era::E2019, Era::E2021];

    /// Stands for a truly blank table cell in tab rows that `formats` turns into HTML or Word
    /// (where tab rows' blanks are otherwise merged cells): a cell of its own with no text.
    pub const BLANK_CELL: &str = "\u{2400}";

    /// How the tables are laid out as text (rules.md §6).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Layout {
        /// One cell per line, a blank line between cells (copy from a web page).
        CellPerLineBlank,
        /// One cell per line, a line holding only "|" between cells.
        CellPerLinePipe,
        /// One cell per line with blank lines, header words split over two lines.
        SplitHeaders,
        /// One table row per line, cells separated by " | ", merged group labels repeated.
        PipeRows,
        /// One table row per line, tab-separated, merged cells left empty (Word/Excel copy).
        TabRows,
        /// pdftotext of the official PDF: cells one per line, split headers, page footers inside
        /// tables, row labels of the applications table displaced after other rows' numbers.
        Pdf,
        /// One table row per line, columns aligned with runs of spaces (pdftotext -layout, a PDF
        /// viewer's copy); merged cells left out.
        SpaceAligned,
        /// Markdown tables as PDF/OCR converters write them: "|a|b|" rows, a "|---|" rule after
        /// each table's first row, merged cells empty.
        Markdown,
        /// A PDF viewer's text layer (pdf.js textContent joined per page): every line of a page
        /// run together with no separator ("…。一、总体情况2024年…", a row's total glued to the
        /// next row's label or number), a row's cells one space apart, a page per line that
        /// starts with its footer "- k -".
        TextContent,
    }

    impl Layout {
        pub const ALL: [Layout; 9] = [
            Layout::CellPerLineBlank,
            Layout::CellPerLinePipe,
            Layout::SplitHeaders,
            Layout::PipeRows,
            Layout::TabRows,
            Layout::Pdf,
            Layout::SpaceAligned,
            Layout::Markdown,
            Layout::TextContent,
        ];
    }

    /// A cell value as the report writes it: an integer, or a decimal with one fractional digit,
    /// optionally with a unit.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct Val {
        /// The integer, or the amount in tenths when `tenths`.
        pub n: i64,
        pub tenths: bool,
        pub unit: &'static str,
    }

    impl Val {
        pub fn int(n: i64) -> Val {
            Val { n, tenths: false, unit: "" }
        }

        pub fn dec_tenths(t: i64, unit: &'static str) -> Val {
            Val { n: t, tenths: true, unit }
        }

        /// The value the checker should read.
        pub fn number(&self) -> Number {
            if self.tenths {
                Number::Dec(self.n as f64 / 10.0)
            } else {
                Number::Int(self.n)
            }
        }

        pub fn render(&self) -> String {
            if self.tenths {
                let sign = if self.n < 0 { "-" } else { "" };
                let a = self.n.abs();
                format!("{sign}{}.{}{}", a / 10, a % 10, self.unit)
            } else {
                format!("{}{}", self.n, self.unit)
            }
        }

        /// The value plus `d` units (for decimals: plus `d`.0).
        pub fn bumped(&self, d: i64) -> Val {
            Val { n: self.n + if self.tenths { d * 10 } else { d }, ..*self }
        }
    }

    /// How a report writes a cell it leaves unfilled (rules.md §3.4): the cell stands for 0, and
    /// the checker must read it as empty, not as 0.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Blank {
        /// Nothing at all: an empty cell.
        Empty,
        Slash,
        Dash,
    }

    impl Blank {
        pub const ALL: [Blank; 3] = [Blank::Empty, Blank::Slash, Blank::Dash];

        pub fn text(self) -> &'static str {
            match self {
                Blank::Empty => "",
                Blank::Slash => "/",
                Blank::Dash => "—",
            }
        }
    }

    /// Which zeros a report leaves blank.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum BlankPattern {
        /// Some rows: every row whose cells are all 0 is left wholly blank, and about half of the
        /// other rows leave their zeros blank.
        Rows,
        /// About half of the columns of each table leave their zeros blank.
        Columns,
        /// Every 0 of every table is left blank.
        Every,
    }

    impl BlankPattern {
        pub const ALL: [BlankPattern; 3] = [BlankPattern::Rows, BlankPattern::Columns, BlankPattern::Every];
    }

    #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub struct CellKey {
        pub table: &'static str,
        pub row: String,
        pub column: &'static str,
    }

    impl CellKey {
        pub fn new(table: &'static str, row: impl Into<String>, column: &'static str) -> CellKey {
            CellKey { table, row: row.into(), column }
        }
    }

    impl std::fmt::Display for CellKey {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "{}[{}][{}]", self.table, self.row, self.column)
        }
    }

    // ---------------------------------------------------------------- formats (rules.md §3)

    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Kind {
        Count,
        Signed,
        Money,
    }

    pub struct ActiveBlock {
        pub id: &'static str,
        /// "一" of "第二十条第（一）项".
        pub item: &'static str,
        /// (column id, header, kind, colspan in the 3-wide value area)
        pub columns: &'static [(&'static str, &'static str, Kind, usize)],
        /// (row id, label)
        pub rows: &'static [(&'static str, &'static str)],
    }

    const PROJECT_COLS_2019: &[(&str, &str, Kind, usize)] = &[
        ("previous", "上一年项目数量", Kind::Count, 1),
        ("change", "本年增/减", Kind::Signed, 1),
        ("decisions", "处理决定数量", Kind::Count, 1),
    ];

    pub const ACTIVE_2019: &[ActiveBlock] = &[
        ActiveBlock {
            id: "20.1",
            item: "一",
            columns: &[
                ("new_made", "本年新制作数量", Kind::Count, 1),
                ("new_published", "本年新公开数量", Kind::Count, 1),
                ("total_published", "对外公开总数量", Kind::Count, 1),
            ],
            rows: &[("regulations", "规章"), ("normative_documents", "规范性文件")],
        },
        ActiveBlock {
            id: "20.5",
            item: "五",
            columns: PROJECT_COLS_2019,
            rows: &[("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")],
        },
        ActiveBlock {
            id: "20.6",
            item: "六",
            columns: PROJECT_COLS_2019,
            rows: &[("penalty", "行政处罚"), ("coercion", "行政强制")],
        },
        ActiveBlock {
            id: "20.8",
            item: "八",
            columns: &[("previous", "上一年项目数量", Kind::Count, 1), ("change", "本年增/减", Kind::Signed, 2)],
            rows: &[("fees", "行政事业性收费")],
        },
        ActiveBlock {
            id: "20.9",
            item: "九",
            columns: &[("projects", "采购项目数量", Kind::Count, 1), ("amount", "采购总金额", Kind::Money, 2)],
            rows: &[("procurement", "政府集中采购")],
        },
    ];

    pub const ACTIVE_2021: &[ActiveBlock] = &[
        ActiveBlock {
            id: "20.1",
            item: "一",
            columns: &[
                ("issued", "本年制发件数", Kind::Count, 1),
                ("repealed", "本年废止件数", Kind::Count, 1),
                ("in_force", "现行有效件数", Kind::Count, 1),
            ],
            rows: &[("regulations", "规章"), ("normative_documents", "行政规范性文件")],
        },
        ActiveBlock {
            id: "20.5",
            item: "五",
            columns: &[("decisions", "本年处理决定数量", Kind::Count, 3)],
            rows: &[("licensing", "行政许可")],
        },
        ActiveBlock {
            id: "20.6",
            item: "六",
            columns: &[("decisions", "本年处理决定数量", Kind::Count, 3)],
            rows: &[("penalty", "行政处罚"), ("coercion", "行政强制")],
        },
        ActiveBlock {
            id: "20.8",
            item: "八",
            columns: &[("amount_wan_yuan", "本年收费金额（单位：万元）", Kind::Money, 3)],
            rows: &[("fees", "行政事业性收费")],
        },
    ];

    pub fn active_blocks(era: Era) -> &'static [ActiveBlock] {
        match era {
            Era::E2019 => ACTIVE_2019,
            Era::E2021 => ACTIVE_2021,
            Era::E2008 => panic!("no tables in era 2008"),
        }
    }

    /// (column id, header) of the applications table.
    pub const APP_COLUMNS: [(&str, &str); 7] = [
        ("natural_person", "自然人"),
        ("commercial", "商业企业"),
        ("research", "科研机构"),
        ("social_welfare", "社会公益组织"),
        ("legal_service", "法律服务机构"),
        ("other_org", "其他"),
        ("total", "总计"),
    ];

    pub const APPLICANTS: [&str; 6] =
        ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org"];

    pub const CHECK_NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

    /// Groups of the 三、本年度办理结果 rows: (group label, [(row id, label)]); a group label of
    /// "" is a row of its own (label spans both label columns).
    pub fn outcome_groups(era: Era) -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
        let mut g = vec![
            ("", vec![("3.1", "（一）予以公开")]),
            ("", vec![("3.2", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")]),
            (
                "（三）不予公开",
                vec![
                    ("3.3.1", "1.属于国家秘密"),
                    ("3.3.2", "2.其他法律行政法规禁止公开"),
                    ("3.3.3", "3.危及“三安全一稳定”"),
                    ("3.3.4", "4.保护第三方合法权益"),
                    ("3.3.5", "5.属于三类内部事务信息"),
                    ("3.3.6", "6.属于四类过程性信息"),
                    ("3.3.7", "7.属于行政执法案卷"),
                    ("3.3.8", "8.属于行政查询事项"),
                ],
            ),
            (
                "（四）无法提供",
                vec![
                    ("3.4.1", "1.本机关不掌握相关政府信息"),
                    ("3.4.2", "2.没有现成信息需要另行制作"),
                    ("3.4.3", "3.补正后申请内容仍不明确"),
                ],
            ),
            (
                "（五）不予处理",
                vec![
                    ("3.5.1", "1.信访举报投诉类申请"),
                    ("3.5.2", "2.重复申请"),
                    ("3.5.3", "3.要求提供公开出版物"),
                    ("3.5.4", "4.无正当理由大量反复申请"),
                    ("3.5.5", "5.要求行政机关确认或重新出具已获取信息"),
                ],
            ),
        ];
        match era {
            Era::E2019 => g.push(("", vec![("3.6", "（六）其他处理")])),
            _ => g.push((
                "（六）其他处理",
                vec![
                    ("3.6.1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
                    ("3.6.2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
                    ("3.6.3", "3.其他"),
                ],
            )),
        }
        g.push(("", vec![("3.7", "（七）总计")]));
        g
    }

    pub const ROW_1: &str = "一、本年新收政府信息公开申请数量";
    pub const ROW_2: &str = "二、上年结转政府信息公开申请数量";
    pub const ROW_4: &str = "四、结转下年度继续办理";
    pub const OUTCOME_GROUP: &str = "三、本年度办理结果";

    /// Row ids of the applications table in order.
    pub fn app_rows(era: Era) -> Vec<&'static str> {
        let mut v = vec!["1", "2"];
        for (_, rows) in outcome_groups(era) {
            v.extend(rows.iter().map(|r| r.0));
        }
        v.push("4");
        v
    }

    /// Outcome rows summed into （七）总计.
    pub fn outcome_rows(era: Era) -> Vec<&'static str> {
        app_rows(era).into_iter().filter(|r| r.starts_with("3.") && *r != "3.7").collect()
    }

    pub const REVIEW_GROUPS: [&str; 3] = ["review", "litigation_direct", "litigation_after_review"];
    pub const REVIEW_PARTS: [&str; 4] = ["upheld", "corrected", "other", "pending"];
    pub const REVIEW_HEADS: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

    /// The 15 column ids of the review table, in reading order.
    pub fn review_columns() -> Vec<&'static str> {
        let mut v = Vec::new();
        for g in REVIEW_GROUPS {
            for c in ["upheld", "corrected", "other", "pending", "total"] {
                v.push(leak(format!("{g}.{c}")));
            }
        }
        v
    }

    fn leak(s: String) -> &'static str {
        use std::collections::HashMap;
        use std::sync::Mutex;
        static INTERNED: Mutex<Option<HashMap<String, &'static str>>> = Mutex::new(None);
        let mut g = INTERNED.lock().unwrap();
        let map = g.get_or_insert_with(HashMap::new);
        if let Some(s) = map.get(&s) {
            return s;
        }
        let l: &'static str = Box::leak(s.clone().into_boxed_str());
        map.insert(s, l);
        l
    }

    // ---------------------------------------------------------------- random numbers

    /// splitmix64: deterministic and dependency-free.
    pub struct Rng(u64);

    impl Rng {
        pub fn new(seed: u64) -> Rng {
            Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
        }

        pub fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }

        /// Uniform in 0..n.
        pub fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }

        /// Uniform in lo..=hi.
        pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
            lo + self.below((hi - lo + 1) as u64) as i64
        }

        /// 0 with probability `zero_pct`%, else 1..=hi.
        pub fn sparse(&mut self, zero_pct: u64, hi: i64) -> i64 {
            if self.below(100) < zero_pct {
                0
            } else {
                self.range(1, hi)
            }
        }
    }

    // ---------------------------------------------------------------- the report

    const AGENCIES: [&str; 4] = ["某某市科学技术局", "某某市交通运输局", "某某县农业农村局", "某某市统计局"];

    #[derive(Clone, Debug)]
    pub struct Report {
        pub era: Era,
        pub year: u16,
        pub agency: String,
        /// Table cells as rendered.
        values: BTreeMap<CellKey, Val>,
        /// Cells holding 0 that the tables write blank, "/" or "—" instead (none by default; see
        /// `with_blanks`). Their value stays 0 for the arithmetic; the checker reads them as empty.
        blanks: BTreeMap<CellKey, Blank>,
        /// Tab rows only: a truly blank cell written as [`BLANK_CELL`], so that the HTML and Word
        /// files made from the text (`formats`) keep it as a cell of its own rather than a merge.
        pub mark_blank_cells: bool,
        /// Cell values the prose restates (the generated ones: editing a cell leaves the prose).
        prose: BTreeMap<CellKey, Val>,
        /// 信息处理费 in 元 stated in 六 (2021 era); None: "未收取".
        pub fee_yuan: Option<i64>,
        omit_sections: Vec<&'static str>,
        omit_tables: Vec<&'static str>,
        /// Pdf layout only: the first table cell on the line right after the prose (no blank
        /// line), as pdftotext prints a table that follows a paragraph on the same page.
        pub pdf_table_follows_prose: bool,
        /// PipeRows layout: merged group labels repeated on every row they span (true), or
        /// written once, as leading cells of their first row (false).
        pub pipe_repeat_groups: bool,
        /// Pdf layout: the review table's header words of each group printed just before that
        /// group's numbers (numbers still in reading order), instead of all headers first.
        pub pdf_review_headers_between_groups: bool,
    }

    impl Report {
        /// A complete, consistent report of `era` with numbers drawn from `seed`.
        pub fn generate(era: Era, seed: u64) -> Report {
            assert!(era != Era::E2008, "the generator writes eras 2019 and 2021");
            let mut rng = Rng::new(seed);
            let year = match era {
                Era::E2019 => 2019 + rng.below(2) as u16,
                _ => 2022 + rng.below(4) as u16,
            };
            let agency = AGENCIES[rng.below(AGENCIES.len() as u64) as usize].to_string();
            let mut values = BTreeMap::new();

            for b in active_blocks(era) {
                for (row, _) in b.rows {
                    let rid = format!("{}.{}", b.id, row);
                    for (col, _, kind, _) in b.columns {
                        let v = match kind {
                            Kind::Count => Val::int(rng.range(0, 50)),
                            Kind::Signed => Val::int(rng.range(-5, 5)),
                            Kind::Money => {
                                let unit = if era == Era::E2019 { "万元" } else { "" };
                                Val::dec_tenths(rng.range(1, 999), unit)
                            }
                        };
                        values.insert(CellKey::new(ACTIVE, rid.clone(), col), v);
                    }
                    if b.id == "20.1" && era == Era::E2019 {
                        // 新公开 ≤ 对外公开总数 (plausibility, rules.md §3.1).
                        let np = values[&CellKey::new(ACTIVE, rid.clone(), "new_published")].n;
                        values.insert(
                            CellKey::new(ACTIVE, rid.clone(), "total_published"),
                            Val::int(np + rng.range(0, 30)),
                        );
                    }
                }
            }

            for row in outcome_rows(era) {
                for col in APPLICANTS {
                    let v = if row == "3.1" { rng.sparse(40, 8) } else { rng.sparse(70, 3) };
                    values.insert(CellKey::new(APPLICATIONS, row, col), Val::int(v));
                }
            }
            for col in APPLICANTS {
                values.insert(CellKey::new(APPLICATIONS, "4", col), Val::int(rng.sparse(60, 3)));
                values.insert(CellKey::new(APPLICATIONS, "2", col), Val::int(0));
            }
            for g in REVIEW_GROUPS {
                for p in REVIEW_PARTS {
                    values.insert(
                        CellKey::new(REVIEW_LITIGATION, "data", leak(format!("{g}.{p}"))),
                        Val::int(rng.sparse(60, 4)),
                    );
                }
            }
            let mut r = Report {
                era,
                year,
                agency,
                values,
                blanks: BTreeMap::new(),
                mark_blank_cells: false,
                prose: BTreeMap::new(),
                fee_yuan: None,
                omit_sections: Vec::new(),
                omit_tables: Vec::new(),
                pdf_table_follows_prose: false,
                pipe_repeat_groups: true,
                pdf_review_headers_between_groups: false,
            };
            r.rebalance();
            // 上年结转 no larger than what the balance allows, then 新收 follows.
            for col in APPLICANTS {
                let room = r.get(APPLICATIONS, "3.7", col).n + r.get(APPLICATIONS, "4", col).n;
                let carried = rng.range(0, room.min(3));
                r.values.insert(CellKey::new(APPLICATIONS, "2", col), Val::int(carried));
            }
            r.rebalance();
            if era != Era::E2019 && rng.below(2) == 0 {
                r.fee_yuan = Some(rng.range(1, 500));
            }
            r.pipe_repeat_groups = rng.below(2) == 0;
            r.sync_prose();
            r
        }

        /// Recomputes every derived cell from the free ones: 总计 of each applications row,
        /// （七）总计, 一 (= （七） + 四 − 二), and the review totals.
        pub fn rebalance(&mut self) {
            let era = self.era;
            for col in APPLICANTS {
                let s: i64 = outcome_rows(era).iter().map(|r| self.get(APPLICATIONS, r, col).n).sum();
                self.values.insert(CellKey::new(APPLICATIONS, "3.7", col), Val::int(s));
                let one = s + self.get(APPLICATIONS, "4", col).n - self.get(APPLICATIONS, "2", col).n;
                assert!(one >= 0, "一 would be negative in column {col}");
                self.values.insert(CellKey::new(APPLICATIONS, "1", col), Val::int(one));
            }
            for row in app_rows(era) {
                let s: i64 = APPLICANTS.iter().map(|c| self.get(APPLICATIONS, row, c).n).sum();
                self.values.insert(CellKey::new(APPLICATIONS, row, "total"), Val::int(s));
            }
            for g in REVIEW_GROUPS {
                let s: i64 =
                    REVIEW_PARTS.iter().map(|p| self.get(REVIEW_LITIGATION, "data", &format!("{g}.{p}")).n).sum();
                self.values.insert(CellKey::new(REVIEW_LITIGATION, "data", leak(format!("{g}.total"))), Val::int(s));
            }
        }

        /// Makes the prose restate the current table values.
        pub fn sync_prose(&mut self) {
            self.prose = self.values.clone();
        }

        pub fn get(&self, table: &str, row: &str, column: &str) -> Val {
            *self
                .values
                .iter()
                .find(|(k, _)| k.table == table && k.row == row && k.column == column)
                .unwrap_or_else(|| panic!("no cell {table}[{row}][{column}]"))
                .1
        }

        fn prose_int(&self, table: &str, row: &str, column: &str) -> i64 {
            self.prose
                .iter()
                .find(|(k, _)| k.table == table && k.row == row && k.column == column)
                .map(|(_, v)| v.n)
                .unwrap_or(0)
        }

        /// Sets one cell (explicit numbers); derived cells are not touched (see `rebalance`).
        pub fn set(&mut self, key: &CellKey, v: Val) {
            assert!(self.values.contains_key(key), "no cell {key}");
            self.values.insert(key.clone(), v);
            // A value written in is no longer blank (unless it is 0 and stays unfilled).
            if v.n != 0 {
                self.blanks.remove(key);
            }
        }

        /// The report with some of its zeros written as `blank` instead of "0", chosen by
        /// `pattern` and `seed`. Values (and so every equation and the prose) are unchanged.
        pub fn with_blanks(&self, blank: Blank, pattern: BlankPattern, seed: u64) -> Report {
            let mut r = self.clone();
            let mut rng = Rng::new(seed ^ 0x0B1A_4C00);
            let cells = self.cells();
            let zero = |(_, v): &&(CellKey, Val)| v.n == 0;
            let mut rows: Vec<(&str, &str)> = cells.iter().map(|(k, _)| (k.table, k.row.as_str())).collect();
            rows.dedup();
            let mut columns: Vec<(&str, &str)> = cells.iter().map(|(k, _)| (k.table, k.column)).collect();
            columns.sort();
            columns.dedup();
            let chosen: Vec<(&str, &str)> = match pattern {
                BlankPattern::Every => Vec::new(),
                BlankPattern::Rows => rows
                    .iter()
                    .copied()
                    .filter(|&(t, row)| {
                        let whole = cells.iter().filter(|(k, _)| k.table == t && k.row == row).all(|(_, v)| v.n == 0);
                        // Drawn for every row, so that the choice of one row leaves the others'.
                        rng.below(2) == 0 || whole
                    })
                    .collect(),
                BlankPattern::Columns => columns.iter().copied().filter(|_| rng.below(2) == 0).collect(),
            };
            for (k, _) in cells.iter().filter(zero) {
                let take = match pattern {
                    BlankPattern::Every => true,
                    BlankPattern::Rows => chosen.contains(&(k.table, k.row.as_str())),
                    BlankPattern::Columns => chosen.contains(&(k.table, k.column)),
                };
                if take {
                    r.blanks.insert(k.clone(), blank);
                }
            }
            r
        }

        /// The report with every cell of `table` 0 and left blank: a table with nothing filled in.
        pub fn with_blank_table(&self, table: &'static str, blank: Blank) -> Report {
            let mut r = self.clone();
            for (k, _) in self.table_cells(table) {
                r.values.insert(k.clone(), Val { n: 0, ..self.values[&k] });
                r.blanks.insert(k, blank);
            }
            r.rebalance();
            r.sync_prose();
            r
        }

        /// The report with every cell written as its number.
        pub fn clear_blanks(&mut self) {
            self.blanks.clear();
        }

        /// How a cell is left blank, if it is.
        pub fn blank(&self, key: &CellKey) -> Option<Blank> {
            self.blanks.get(key).copied()
        }

        /// Every blank cell and how it is written.
        pub fn blank_cells(&self) -> Vec<(CellKey, Blank)> {
            self.blanks.iter().map(|(k, b)| (k.clone(), *b)).collect()
        }

        /// The text of a cell as the tables write it.
        pub fn written(&self, key: &CellKey) -> String {
            match self.blanks.get(key) {
                Some(Blank::Empty) if self.mark_blank_cells => BLANK_CELL.to_string(),
                Some(b) => b.text().to_string(),
                None => self.values[key].render(),
            }
        }

        /// The report with one table cell replaced (the prose keeps the generated figures).
        pub fn with_cell(&self, key: &CellKey, v: Val) -> Report {
            let mut r = self.clone();
            r.set(key, v);
            r
        }

        /// The report without one section: heading, prose and its table.
        pub fn without_section(&self, id: &'static str) -> Report {
            assert!(SECTIONS.iter().any(|s| s.0 == id), "unknown section {id}");
            let mut r = self.clone();
            r.omit_sections.push(id);
            r
        }

        /// The report without one table; its section heading and prose stay.
        pub fn without_table(&self, id: &'static str) -> Report {
            assert!(TABLE_IDS.contains(&id), "unknown table {id}");
            let mut r = self.clone();
            r.omit_tables.push(id);
            r
        }

        fn table_shown(&self, table: &str) -> bool {
            !self.omit_tables.contains(&table) && !self.omit_sections.contains(&section_of_table(table))
        }

        /// Every cell in table order: (key, value).
        pub fn cells(&self) -> Vec<(CellKey, Val)> {
            self.keys()
                .into_iter()
                .map(|k| {
                    let v = self.values[&k];
                    (k, v)
                })
                .collect()
        }

        /// Cells of one table, in table order.
        pub fn table_cells(&self, table: &str) -> Vec<(CellKey, Val)> {
            self.cells().into_iter().filter(|(k, _)| k.table == table).collect()
        }

        fn keys(&self) -> Vec<CellKey> {
            let mut out = Vec::new();
            for b in active_blocks(self.era) {
                for (row, _) in b.rows {
                    for (col, ..) in b.columns {
                        out.push(CellKey::new(ACTIVE, format!("{}.{}", b.id, row), col));
                    }
                }
            }
            for row in app_rows(self.era) {
                for (col, _) in APP_COLUMNS {
                    out.push(CellKey::new(APPLICATIONS, row, col));
                }
            }
            for col in review_columns() {
                out.push(CellKey::new(REVIEW_LITIGATION, "data", col));
            }
            out
        }

        // ------------------------------------------------------------ text

        fn paragraphs(&self, section: &str) -> Vec<String> {
            let a = &self.agency;
            let y = self.year;
            let app = |row: &str| self.prose_int(APPLICATIONS, row, "total");
            let rev = |col: &str| self.prose_int(REVIEW_LITIGATION, "data", col);
            match section {
                "overview" => vec![format!(
                    "{y}年，{a}认真贯彻落实《条例》，扎实推进政务公开各项工作，及时发布政府信息，依法办理申请公开事项。全年共受理申请{}件，办结{}件。政府信息管理规范有序，政府网站和政务新媒体等平台建设持续加强，监督保障机制不断健全。",
                    app("1"),
                    app("3.7")
                )],
                "active_disclosure" => vec![format!(
                    "本年度，{a}通过门户网站及时发布规章、规范性文件以及行政许可、行政处罚、行政强制、行政事业性收费等方面的信息，有关数据见下表。"
                )],
                "applications" => vec![format!(
                    "本年度共收到政府信息公开申请{}件，上年结转{}件；办结{}件，结转下年度继续办理{}件。各类申请均在法定期限内答复，办理结果见下表。",
                    app("1"),
                    app("2"),
                    app("3.7"),
                    app("4")
                )],
                "review_litigation" => vec![format!(
                    "本年度因政府信息公开工作被申请行政复议{}件，被提起行政诉讼{}件。本机关依法积极应诉，认真履行复议决定和裁判文书确定的义务，具体情况见下表。",
                    rev("review.total"),
                    rev("litigation_direct.total") + rev("litigation_after_review.total")
                )],
                // Each year's 五 is its own (an agency that repeats last year's 五 is flagged).
                "problems" => vec![match y % 3 {
                    0 => format!(
                        "{a}政府信息公开工作仍存在一些不足：公开内容的规范性有待提高，政策解读形式较为单一。下一步，将加强业务培训，完善发布审核机制，不断提升公开质量。"
                    ),
                    1 => format!(
                        "本年度{a}基层公开专栏更新不够及时，答复文书格式不统一。今后将按月检查专栏，统一答复文书范本，并组织经办人员集中学习。"
                    ),
                    _ => format!(
                        "一是政务新媒体内容同质化，二是重点领域信息公开的深度不够。针对这些问题，{a}将建立选题机制，细化重点领域公开目录，逐项明确责任科室。"
                    ),
                }],
                "other" => match (self.era, self.fee_yuan) {
                    (Era::E2019, _) => vec!["本年度无其他需要报告的事项。".to_string()],
                    (_, None) => vec!["本年度未收取信息处理费。无其他需要报告的事项。".to_string()],
                    (_, Some(f)) => vec![format!("本年度依照《政府信息公开信息处理费管理办法》共收取信息处理费{f}元。无其他需要报告的事项。")],
                },
                _ => unreachable!(),
            }
        }

        fn intro(&self) -> String {
            let y = self.year;
            format!(
                "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和国务院办公厅政府信息公开办公室有关要求编制。报告所列数据的统计期限自{y}年1月1日至{y}年12月31日。本报告电子版可在{}门户网站查阅。",
                self.agency
            )
        }

        pub fn title(&self) -> String {
            format!("{}{}年政府信息公开工作年度报告", self.agency, self.year)
        }

        /// The full text of the report in `layout`.
        pub fn render(&self, layout: Layout) -> String {
            if layout == Layout::TextContent {
                return self.text_content();
            }
            let pdf = layout == Layout::Pdf;
            let mut out: Vec<String> = Vec::new();
            let mut footer = 2;
            if pdf {
                out.push(self.agency.clone());
                out.push(pdf_spacing(&format!("{}年政府信息公开工作年度报告", self.year)));
                out.push(String::new());
                out.extend(pdf_wrap(&self.intro()));
            } else {
                out.push(self.title());
                out.push(String::new());
                out.push(self.intro());
                out.push(String::new());
            }
            for (id, heading) in SECTIONS {
                if self.omit_sections.contains(&id) {
                    continue;
                }
                out.push(heading.to_string());
                for p in self.paragraphs(id) {
                    if pdf {
                        let mut lines = pdf_wrap(&p);
                        if id == "problems" && lines.len() > 1 {
                            // A page break inside a paragraph, as pdftotext prints it.
                            lines.insert(1, String::new());
                            lines.insert(1, format!("-{footer}-"));
                            footer += 1;
                        }
                        out.extend(lines);
                    } else {
                        out.push(p);
                    }
                }
                let table = match id {
                    "active_disclosure" => Some(ACTIVE),
                    "applications" => Some(APPLICATIONS),
                    "review_litigation" => Some(REVIEW_LITIGATION),
                    _ => None,
                };
                if let Some(t) = table.filter(|t| self.table_shown(t)) {
                    if !pdf || !self.pdf_table_follows_prose {
                        out.push(String::new());
                    }
                    let lines = match (layout, t) {
                        (Layout::Pdf, ACTIVE) => self.pdf_active(&mut footer),
                        (Layout::Pdf, APPLICATIONS) => self.pdf_applications(&mut footer),
                        (Layout::Pdf, _) => self.pdf_review(&mut footer),
                        _ => self.grid(t).render(layout, self),
                    };
                    out.extend(lines);
                }
                if !pdf {
                    out.push(String::new());
                }
            }
            if pdf {
                out.push(String::new());
                out.push(format!("-{footer}-"));
            }
            let mut s = out.join("\n");
            s.push('\n');
            s
        }

        /// The space-aligned text as pdf.js gives it: lines of a page run together, cells one
        /// space apart, 30 lines to a page.
        fn text_content(&self) -> String {
            let aligned = self.render(Layout::SpaceAligned);
            let lines: Vec<String> = aligned
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| l.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" "))
                .collect();
            let pages: Vec<String> =
                lines.chunks(30).enumerate().map(|(k, page)| format!("- {} -{}", k + 1, page.concat())).collect();
            pages.join("\n")
        }

        // ------------------------------------------------------------ tables as grids

        fn grid(&self, table: &str) -> Grid {
            match table {
                ACTIVE => self.active_grid(),
                APPLICATIONS => self.applications_grid(),
                _ => review_grid(),
            }
        }

        fn active_grid(&self) -> Grid {
            let mut g = Grid::new(4);
            let mut r = 0;
            for b in active_blocks(self.era) {
                g.add(r, 0, 1, 4, Content::Header, format!("第二十条第（{}）项", b.item));
                r += 1;
                g.add(r, 0, 1, 1, Content::Header, "信息内容");
                let mut c = 1;
                for (_, head, _, span) in b.columns {
                    g.add(r, c, 1, *span, Content::Header, *head);
                    c += span;
                }
                r += 1;
                for (row, label) in b.rows {
                    g.add(r, 0, 1, 1, Content::RowLabel, *label);
                    let mut c = 1;
                    for (col, _, _, span) in b.columns {
                        g.add(
                            r,
                            c,
                            1,
                            *span,
                            Content::Value(CellKey::new(ACTIVE, format!("{}.{}", b.id, row), col)),
                            "",
                        );
                        c += span;
                    }
                    r += 1;
                }
            }
            g
        }

        fn applications_grid(&self) -> Grid {
            let era = self.era;
            let mut g = Grid::new(10);
            g.add(0, 0, 3, 3, Content::Header, CHECK_NOTE);
            g.add(0, 3, 1, 7, Content::Header, "申请人情况");
            g.add(1, 3, 2, 1, Content::Header, "自然人");
            g.add(1, 4, 1, 5, Content::Header, "法人或其他组织");
            g.add(1, 9, 2, 1, Content::Header, "总计");
            for (k, (_, h)) in APP_COLUMNS[1..6].iter().enumerate() {
                g.add(2, 4 + k, 1, 1, Content::Header, *h);
            }
            let values = |g: &mut Grid, r: usize, row: &str| {
                for (k, (col, _)) in APP_COLUMNS.iter().enumerate() {
                    g.add(r, 3 + k, 1, 1, Content::Value(CellKey::new(APPLICATIONS, row, col)), "");
                }
            };
            g.add(3, 0, 1, 3, Content::RowLabel, ROW_1);
            values(&mut g, 3, "1");
            g.add(4, 0, 1, 3, Content::RowLabel, ROW_2);
            values(&mut g, 4, "2");
            let groups = outcome_groups(era);
            let n: usize = groups.iter().map(|(_, rows)| rows.len()).sum();
            let mut r = 5;
            g.add(r, 0, n, 1, Content::Group, OUTCOME_GROUP);
            for (group, rows) in groups {
                if group.is_empty() {
                    g.add(r, 1, 1, 2, Content::RowLabel, rows[0].1);
                    values(&mut g, r, rows[0].0);
                    r += 1;
                } else {
                    g.add(r, 1, rows.len(), 1, Content::Group, group);
                    for (id, label) in rows {
                        g.add(r, 2, 1, 1, Content::RowLabel, label);
                        values(&mut g, r, id);
                        r += 1;
                    }
                }
            }
            g.add(r, 0, 1, 3, Content::RowLabel, ROW_4);
            values(&mut g, r, "4");
            g
        }

        // ------------------------------------------------------------ pdftotext

        fn v(&self, table: &str, row: &str, col: &str) -> String {
            let key = self.values.keys().find(|k| k.table == table && k.row == row && k.column == col);
            self.written(key.unwrap_or_else(|| panic!("no cell {table}[{row}][{col}]")))
        }

        fn pdf_values(&self, out: &mut Vec<String>, row: &str) {
            for (col, _) in APP_COLUMNS {
                out.push(self.v(APPLICATIONS, row, col));
                out.push(String::new());
            }
        }

        fn pdf_active(&self, footer: &mut u32) -> Vec<String> {
            let mut out = Vec::new();
            for b in active_blocks(self.era) {
                out.push(format!("第二十条 第（{}）项", b.item));
                out.push(String::new());
                if b.id == "20.6" {
                    out.push(format!("-{footer}-"));
                    out.push(String::new());
                    *footer += 1;
                }
                out.push("信息内容".into());
                out.push(String::new());
                for (_, head, ..) in b.columns {
                    out.push(head.to_string());
                    out.push(String::new());
                }
                for (row, label) in b.rows {
                    out.push(label.to_string());
                    out.push(String::new());
                    for (col, ..) in b.columns {
                        out.push(self.v(ACTIVE, &format!("{}.{}", b.id, row), col));
                        out.push(String::new());
                    }
                }
            }
            out
        }

        /// The applications table as pdftotext prints the official PDF (cf. the 淮安 2024
        /// fixture): header words split, the labels of （一）（二） and of the last rows of （五）
        /// and （六） printed after other rows' numbers, a page footer inside.
        fn pdf_applications(&self, footer: &mut u32) -> Vec<String> {
            let era = self.era;
            let mut out: Vec<String> = Vec::new();
            let push = |out: &mut Vec<String>, lines: &[&str]| out.extend(lines.iter().map(|s| s.to_string()));
            push(
                &mut out,
                &[
                    "申请人情况",
                    "（本列数据的勾稽关系为：第一项加第二项之和，",
                    "等于第三项加第四项之和）",
                    "",
                    "法人或其他组织",
                    "自然人",
                    "",
                    "商业企",
                    "业",
                    "",
                    "科研机",
                    "构",
                    "",
                    "社会公益",
                    "组织",
                    "",
                    "总计",
                    "",
                    "法律服务",
                    "其他",
                    "",
                    "机构",
                    "",
                ],
            );
            let labelled = |s: &Self, out: &mut Vec<String>, label: &str, row: &str| {
                out.push(label.to_string());
                out.push(String::new());
                s.pdf_values(out, row);
            };
            labelled(self, &mut out, ROW_1, "1");
            labelled(self, &mut out, ROW_2, "2");
            // （一）（二）: numbers here, labels later.
            self.pdf_values(&mut out, "3.1");
            self.pdf_values(&mut out, "3.2");
            let groups = outcome_groups(era);
            for (id, label) in &groups[2].1 {
                labelled(self, &mut out, label, id);
                if *id == "3.3.6" {
                    // A page break between two rows.
                    out.push(format!("-{footer}-"));
                    out.push(String::new());
                    *footer += 1;
                }
            }
            let (id, label) = groups[3].1[0];
            labelled(self, &mut out, label, id);
            push(
                &mut out,
                &[
                    "（一）予以公开",
                    "（二）部分公开（区分处理的，只计这一情",
                    "形，不计其他情形）",
                    "",
                    "三、",
                    "本",
                    "年",
                    "度",
                    "办",
                    "理",
                    "",
                    "（三）不",
                    "予公开",
                    "",
                    "结",
                    "果",
                    "",
                    "（四）无",
                    "",
                ],
            );
            out.push(format!("-{footer}-"));
            out.push(String::new());
            *footer += 1;
            push(&mut out, &["法提供", ""]);
            for (id, label) in &groups[3].1[1..] {
                labelled(self, &mut out, label, id);
            }
            for (id, label) in &groups[4].1[..4] {
                labelled(self, &mut out, label, id);
            }
            // 5. of （五） and the rows of （六）: numbers here, labels after 四.
            self.pdf_values(&mut out, "3.5.5");
            for (id, _) in &groups[5].1 {
                self.pdf_values(&mut out, id);
            }
            labelled(self, &mut out, "（七）总计", "3.7");
            labelled(self, &mut out, ROW_4, "4");
            push(&mut out, &["（五）不", "予处理", "", "5.要求行政机关确认或重新出", "具已获取信息"]);
            match era {
                Era::E2019 => push(&mut out, &["", "（六）其他处理", ""]),
                _ => push(
                    &mut out,
                    &[
                        "1、申请人无正当理由逾期不补",
                        "正、行政机关不再处理其政府信",
                        "息公开申请",
                        "（六）其",
                        "他处理",
                        "",
                        "2、申请人逾期未按收费通知要",
                        "求缴纳费用、行政机关不再处理",
                        "其政府信息公开申请",
                        "",
                        "3、其他",
                        "",
                    ],
                ),
            }
            out
        }

        /// The review table: header words split over lines, then the 15 numbers in reading
        /// order, a page footer between; or (`pdf_review_headers_between_groups`) each group's
        /// header words just before its five numbers.
        fn pdf_review(&self, footer: &mut u32) -> Vec<String> {
            let mut out: Vec<String> = Vec::new();
            let heads = |out: &mut Vec<String>| {
                for h in REVIEW_HEADS {
                    match split_word(h) {
                        Some((a, b)) => {
                            out.push(a.to_string());
                            out.push(b.to_string());
                        }
                        None => out.push(h.to_string()),
                    }
                    out.push(String::new());
                }
            };
            let cols = review_columns();
            let numbers = |out: &mut Vec<String>, g: usize| {
                for col in &cols[g * 5..g * 5 + 5] {
                    out.push(self.v(REVIEW_LITIGATION, "data", col));
                    out.push(String::new());
                }
            };
            let mut page = |out: &mut Vec<String>| {
                out.push(format!("-{footer}-"));
                out.push(String::new());
                *footer += 1;
            };
            if self.pdf_review_headers_between_groups {
                for l in ["行政复议", "", "行政诉讼", ""] {
                    out.push(l.to_string());
                }
                for (g, group_head) in ["", "未经复议直接起诉", "复议后起诉"].iter().enumerate() {
                    if g == 2 {
                        page(&mut out);
                    }
                    if !group_head.is_empty() {
                        out.push(group_head.to_string());
                        out.push(String::new());
                    }
                    heads(&mut out);
                    numbers(&mut out, g);
                }
            } else {
                for l in ["行政复议", "", "行政诉讼", "", "未经复议直接起诉", "", "复议后起诉", ""]
                {
                    out.push(l.to_string());
                }
                for _ in 0..3 {
                    heads(&mut out);
                }
                page(&mut out);
                for g in 0..3 {
                    numbers(&mut out, g);
                }
            }
            out
        }
    }

    fn review_grid() -> Grid {
        let mut g = Grid::new(15);
        g.add(0, 0, 1, 5, Content::Header, "行政复议");
        g.add(0, 5, 1, 10, Content::Header, "行政诉讼");
        for (k, h) in REVIEW_HEADS.iter().enumerate() {
            g.add(1, k, 2, 1, Content::Header, *h);
        }
        g.add(1, 5, 1, 5, Content::Header, "未经复议直接起诉");
        g.add(1, 10, 1, 5, Content::Header, "复议后起诉");
        for k in 0..10 {
            g.add(2, 5 + k, 1, 1, Content::Header, REVIEW_HEADS[k % 5]);
        }
        for (k, col) in review_columns().into_iter().enumerate() {
            g.add(3, k, 1, 1, Content::Value(CellKey::new(REVIEW_LITIGATION, "data", col)), "");
        }
        g
    }

    /// Where pdftotext breaks a header word over two lines (cell width), as in the fixture.
    pub fn split_word(w: &str) -> Option<(&'static str, &'static str)> {
        Some(match w {
            "本年新制作数量" => ("本年新", "制作数量"),
            "本年新公开数量" => ("本年新", "公开数量"),
            "对外公开总数量" => ("对外公开", "总数量"),
            "上一年项目数量" => ("上一年", "项目数量"),
            "处理决定数量" => ("处理决定", "数量"),
            "本年制发件数" => ("本年制", "发件数"),
            "本年废止件数" => ("本年废", "止件数"),
            "现行有效件数" => ("现行有", "效件数"),
            "本年处理决定数量" => ("本年处理", "决定数量"),
            "本年收费金额（单位：万元）" => ("本年收费金额", "（单位：万元）"),
            "采购项目数量" => ("采购项目", "数量"),
            "采购总金额" => ("采购总", "金额"),
            "商业企业" => ("商业企", "业"),
            "科研机构" => ("科研机", "构"),
            "社会公益组织" => ("社会公益", "组织"),
            "法律服务机构" => ("法律服务", "机构"),
            "法人或其他组织" => ("法人或其", "他组织"),
            "结果维持" => ("结果", "维持"),
            "结果纠正" => ("结果", "纠正"),
            "其他结果" => ("其他", "结果"),
            "尚未审结" => ("尚未", "审结"),
            "未经复议直接起诉" => ("未经复议", "直接起诉"),
            "复议后起诉" => ("复议后", "起诉"),
            CHECK_NOTE => ("（本列数据的勾稽关系为：第一项加第二项之和，", "等于第三项加第四项之和）"),
            "三、本年度办理结果" => ("三、本年度", "办理结果"),
            "（三）不予公开" => ("（三）不", "予公开"),
            "（四）无法提供" => ("（四）无", "法提供"),
            "（五）不予处理" => ("（五）不", "予处理"),
            "（六）其他处理" => ("（六）其", "他处理"),
            _ => return None,
        })
    }

    /// pdftotext puts a space between CJK text and ASCII digits ("2024 年").
    pub fn pdf_spacing(s: &str) -> String {
        let mut out = String::new();
        let mut prev: Option<char> = None;
        for c in s.chars() {
            if let Some(p) = prev {
                let digit_boundary = (p.is_ascii_digit() && is_cjk(c)) || (is_cjk(p) && c.is_ascii_digit());
                if digit_boundary {
                    out.push(' ');
                }
            }
            out.push(c);
            prev = Some(c);
        }
        out
    }

    fn is_cjk(c: char) -> bool {
        matches!(c as u32, 0x4E00..=0x9FFF)
    }

    /// A paragraph as pdftotext lines of about 30 characters, never breaking inside a number,
    /// never leaving a line that would read as a bare table value.
    pub fn pdf_wrap(p: &str) -> Vec<String> {
        let text = pdf_spacing(p);
        'width: for width in 30..40 {
            let chars: Vec<char> = text.chars().collect();
            let mut lines = Vec::new();
            let mut i = 0;
            while i < chars.len() {
                let mut j = (i + width).min(chars.len());
                while j < chars.len() && (chars[j].is_ascii_digit() || chars[j] == ' ') && j > i {
                    j += 1;
                }
                let line: String = chars[i..j].iter().collect();
                lines.push(line.trim().to_string());
                i = j;
            }
            for l in &lines {
                let bare: String = l.chars().filter(|c| !c.is_whitespace()).collect();
                let body = bare.trim_end_matches(['件', '元', '个', '项', '条', '次']);
                let digits = bare.chars().take_while(|c| c.is_ascii_digit()).count();
                let numbered = (1..=2).contains(&digits) && bare[digits..].starts_with(['.', '、']);
                if body.is_empty() || body.chars().all(|c| c.is_ascii_digit() || c == '.') || numbered {
                    continue 'width;
                }
            }
            return lines;
        }
        panic!("no safe wrapping for {p}");
    }

    // ---------------------------------------------------------------- grid rendering

    #[derive(Clone, Debug)]
    pub enum Content {
        /// Column headers and table headers.
        Header,
        /// A merged label spanning several rows (三、本年度办理结果, （三）不予公开…).
        Group,
        RowLabel,
        Value(CellKey),
    }

    #[derive(Clone, Debug)]
    pub struct GCell {
        pub r: usize,
        pub c: usize,
        pub rs: usize,
        pub cs: usize,
        pub text: String,
        pub content: Content,
    }

    /// A table as the official format draws it: cells with row and column spans.
    pub struct Grid {
        pub width: usize,
        pub cells: Vec<GCell>,
    }

    impl Grid {
        fn new(width: usize) -> Grid {
            Grid { width, cells: Vec::new() }
        }

        fn add(&mut self, r: usize, c: usize, rs: usize, cs: usize, content: Content, text: impl Into<String>) {
            self.cells.push(GCell { r, c, rs, cs, text: text.into(), content });
        }

        fn rows(&self) -> usize {
            self.cells.iter().map(|c| c.r + c.rs).max().unwrap_or(0)
        }

        fn text(&self, cell: &GCell, report: &Report) -> String {
            match &cell.content {
                Content::Value(k) => report.written(k),
                _ => cell.text.clone(),
            }
        }

        /// Cells in document order (HTML order: by row, then column; merged cells once).
        fn dom(&self) -> Vec<&GCell> {
            let mut v: Vec<&GCell> = self.cells.iter().collect();
            v.sort_by_key(|c| (c.r, c.c));
            v
        }

        pub fn render(&self, layout: Layout, report: &Report) -> Vec<String> {
            match layout {
                Layout::CellPerLineBlank | Layout::CellPerLinePipe | Layout::SplitHeaders => {
                    let sep = if layout == Layout::CellPerLinePipe { "|" } else { "" };
                    let mut out = Vec::new();
                    for (k, cell) in self.dom().into_iter().enumerate() {
                        if k > 0 {
                            out.push(sep.to_string());
                        }
                        let text = self.text(cell, report);
                        let split = matches!(cell.content, Content::Header | Content::Group)
                            .then(|| split_word(&text))
                            .flatten()
                            .filter(|_| layout == Layout::SplitHeaders);
                        match split {
                            Some((a, b)) => {
                                out.push(a.to_string());
                                out.push(b.to_string());
                            }
                            None => out.push(text),
                        }
                    }
                    out
                }
                Layout::PipeRows => {
                    // Each row's own cells, preceded by the group labels that span into it.
                    (0..self.rows())
                        .map(|r| {
                            let mut cells: Vec<&GCell> = self
                                .cells
                                .iter()
                                .filter(|c| {
                                    let spans_into = matches!(c.content, Content::Group) && c.r < r && r < c.r + c.rs;
                                    c.r == r || (report.pipe_repeat_groups && spans_into)
                                })
                                .collect();
                            cells.sort_by_key(|c| c.c);
                            cells.iter().map(|c| self.text(c, report)).collect::<Vec<_>>().join(" | ")
                        })
                        .collect()
                }
                Layout::TabRows | Layout::SpaceAligned | Layout::Markdown => {
                    let rows = (0..self.rows()).map(|r| {
                        let mut row = vec![String::new(); self.width];
                        for c in self.cells.iter().filter(|c| c.r == r) {
                            row[c.c] = self.text(c, report);
                        }
                        row
                    });
                    match layout {
                        Layout::TabRows => rows.map(|row| row.join("\t")).collect(),
                        Layout::SpaceAligned => rows
                            .map(|row| row.into_iter().filter(|c| !c.is_empty()).collect::<Vec<_>>().join("    "))
                            .collect(),
                        _ => {
                            let mut out = Vec::new();
                            for (k, row) in rows.enumerate() {
                                out.push(format!("|{}|", row.join("|")));
                                if k == 0 {
                                    out.push(format!("|{}|", vec!["---"; self.width].join("|")));
                                }
                            }
                            out
                        }
                    }
                }
                Layout::Pdf | Layout::TextContent => {
                    unreachable!("these layouts render whole reports by their own functions")
                }
            }
        }
    }
}

/// Helpers to compare check results with generated reports.
pub mod compare {
    use std::collections::BTreeSet;

    use nianbao::result::{CheckResult, Number, Severity};

    use super::gen::{Report, Val};

    pub fn num(n: Option<Number>) -> String {
        match n {
            None => "empty".into(),
            Some(Number::Int(i)) => format!("{i}"),
            Some(Number::Dec(d)) => format!("{d:.4}"),
        }
    }

    pub fn val(v: Val) -> String {
        num(Some(v.number()))
    }

    /// (row, column, value) of every cell the checker read for `table`.
    pub fn read_cells(r: &CheckResult, table: &str) -> BTreeSet<(String, String, String)> {
        r.tables
            .iter()
            .filter(|t| t.id == table)
            .flat_map(|t| t.cells.iter())
            .map(|c| (c.row.clone(), c.column.to_string(), num(c.value)))
            .collect()
    }

    pub fn expected_cells(rep: &Report, table: &str) -> BTreeSet<(String, String, String)> {
        rep.table_cells(table)
            .into_iter()
            .map(|(k, v)| {
                let read = if rep.blank(&k).is_some() { num(None) } else { val(v) };
                (k.row, k.column.to_string(), read)
            })
            .collect()
    }

    /// Differences between the generated and the read cells of a table, empty when equal.
    pub fn cell_diff(rep: &Report, r: &CheckResult, table: &str) -> String {
        let exp = expected_cells(rep, table);
        let got = read_cells(r, table);
        let mut s = String::new();
        for e in exp.difference(&got) {
            s.push_str(&format!("    expected {e:?}\n"));
        }
        for g in got.difference(&exp) {
            s.push_str(&format!("    read     {g:?}\n"));
        }
        s
    }

    pub fn errors(r: &CheckResult) -> Vec<&nianbao::result::Diagnostic> {
        r.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect()
    }

    pub fn fmt_diags(r: &CheckResult) -> String {
        let mut s = String::new();
        for d in &r.diagnostics {
            let cells: Vec<String> = d.cells.iter().map(|c| format!("{}/{}", c.row, c.column)).collect();
            s.push_str(&format!(
                "    {:?} {} [{}{}] {}{}\n",
                d.severity,
                d.code,
                d.section.unwrap_or(""),
                d.table.map(|t| format!(" table={t}")).unwrap_or_default(),
                d.message,
                if cells.is_empty() { String::new() } else { format!(" cells={}", cells.join(",")) }
            ));
        }
        s
    }
}
