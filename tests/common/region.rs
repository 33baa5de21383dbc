//! A generated region for the whole-region review: one year's reports of ~200 agencies (the
//! departments of a district and its townships), each with prose of its own besides the shared
//! template, and problems planted on purpose: copied prose between agencies, a table copied
//! between agencies, and roster agencies with no report. Tests assert that exactly the planted
//! problems are found.

use std::collections::BTreeSet;

use super::gen::{Era, Layout, Report, Rng, APPLICATIONS};

const DEPARTMENTS: [&str; 25] = [
    "发展和改革局",
    "教育局",
    "科学技术局",
    "公安分局",
    "民政局",
    "司法局",
    "财政局",
    "人力资源和社会保障局",
    "自然资源局",
    "生态环境分局",
    "住房和城乡建设局",
    "交通运输局",
    "水利局",
    "农业农村局",
    "商务局",
    "文化和旅游局",
    "卫生健康委员会",
    "退役军人事务局",
    "应急管理局",
    "审计局",
    "市场监督管理局",
    "统计局",
    "医疗保障局",
    "城市管理局",
    "林业局",
];
const PLACE_FIRST: [&str; 15] =
    ["东", "西", "南", "北", "青", "长", "安", "和", "清", "白", "龙", "凤", "石", "金", "桃"];
const PLACE_SECOND: [&str; 12] =
    ["山镇", "河镇", "湖镇", "岭镇", "桥镇", "塘镇", "坪乡", "溪乡", "林乡", "坝乡", "港镇", "洲镇"];

/// Words for each agency's own prose: random sentences of these make text no other report has.
const SUBJECTS: [&str; 16] = [
    "我单位",
    "本机关",
    "领导小组",
    "办公室",
    "业务科室",
    "信息员队伍",
    "审核人员",
    "网站专栏",
    "政务新媒体",
    "公开专区",
    "值班人员",
    "法制机构",
    "档案室",
    "服务窗口",
    "联络员",
    "督查组",
];
const VERBS: [&str; 20] = [
    "梳理", "更新", "核对", "发布", "整改", "培训", "督办", "归档", "巡查", "调度", "统筹", "回访", "抽查", "修订",
    "汇编", "解读", "通报", "公示", "登记", "复核",
];
const OBJECTS: [&str; 24] = [
    "惠民补贴清单",
    "项目审批结果",
    "行政执法公示",
    "财政预决算",
    "重大决策草案",
    "专项资金分配",
    "招投标信息",
    "安全生产检查结果",
    "防汛物资台账",
    "民生实事进度",
    "农村集体三资",
    "征地补偿方案",
    "入学政策问答",
    "就业见习岗位",
    "养老服务目录",
    "医保报销流程",
    "河道巡查记录",
    "企业开办指南",
    "老旧小区改造计划",
    "乡村道路养护",
    "食品抽检结果",
    "村务公开栏目",
    "社会救助名单",
    "环境监测数据",
];
const ENDINGS: [&str; 8] = [
    "做到及时准确",
    "并留存工作记录",
    "形成闭环管理",
    "接受群众监督",
    "每季度集中检查",
    "逐项明确责任人",
    "按月通报进展",
    "纳入年度考核",
];

/// One generated agency.
#[derive(Clone, Debug)]
pub struct Agency {
    pub name: String,
    /// "department" or "township", as the roster writes the level.
    pub level: &'static str,
}

/// `n` agencies of one district (at most 25 + 180).
pub fn agencies(n: usize) -> Vec<Agency> {
    let mut out: Vec<Agency> =
        DEPARTMENTS.iter().map(|d| Agency { name: format!("某某区{d}"), level: "department" }).collect();
    for f in PLACE_FIRST {
        for s in PLACE_SECOND {
            out.push(Agency { name: format!("{f}{s}人民政府"), level: "township" });
        }
    }
    assert!(n <= out.len(), "at most {} agencies", out.len());
    out.truncate(n);
    out
}

/// `n` township-like agencies for larger regions (up to 2 700): "东西山镇人民政府".
pub fn many_agencies(n: usize) -> Vec<Agency> {
    let mut out = Vec::new();
    for f in PLACE_FIRST {
        for g in PLACE_FIRST {
            for s in PLACE_SECOND {
                out.push(Agency { name: format!("{f}{g}{s}人民政府"), level: "township" });
            }
        }
    }
    assert!(n <= out.len());
    out.truncate(n);
    out
}

/// About `sentences` sentences of prose that only this seed writes.
pub fn own_prose(seed: u64, sentences: usize) -> String {
    let mut rng = Rng::new(seed ^ 0x5eed_0f_9a05e);
    let mut pick = |words: &[&'static str]| words[rng.below(words.len() as u64) as usize];
    let mut out = String::new();
    for _ in 0..sentences {
        out.push_str(&format!(
            "{}{}{}、{}{}，{}。",
            pick(&SUBJECTS),
            pick(&VERBS),
            pick(&OBJECTS),
            pick(&VERBS),
            pick(&OBJECTS),
            pick(&ENDINGS)
        ));
    }
    out
}

/// The report of `agency` for `year`, whose 总体情况 opens with `prose`, with the tables of
/// `tables_from` (a report generated from another seed) when given.
pub fn report(agency: &Agency, year: u16, seed: u64, prose: &str, tables_from: Option<u64>) -> String {
    let mut r = Report::generate(Era::E2021, seed);
    r.agency = agency.name.clone();
    r.year = year;
    if let Some(other) = tables_from {
        let source = Report::generate(Era::E2021, other);
        for (key, v) in source.table_cells(APPLICATIONS) {
            r.set(&key, v);
        }
        r.sync_prose();
    }
    let text = r.render(Layout::TabRows);
    let at = text.find("一、总体情况\n").expect("section 一") + "一、总体情况\n".len();
    format!("{}{prose}\n{}", &text[..at], &text[at..])
}

/// A region of `n` agencies' reports for 2024 with planted problems, and its roster.
pub struct Region {
    /// (file name, text)
    pub files: Vec<(String, String)>,
    /// The roster CSV: every agency, plus `missing`.
    pub roster: String,
    /// Roster agencies with no report.
    pub missing: Vec<String>,
    /// Files whose prose was copied from, or into, another: unordered pairs of file names.
    pub copied: BTreeSet<(String, String)>,
    /// Files sharing the applications table: unordered pairs of file names.
    pub same_table: BTreeSet<(String, String)>,
}

fn pair(a: &str, b: &str) -> (String, String) {
    if a < b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

/// The region: `n` agencies (≥ 20). Planted: agency 3's prose copied whole into agency 11's
/// report; agency 5's prose copied into 17's with four of its sixteen sentences rewritten; agency
/// 8's prose copied into 13's and 19's (three reports alike); agency 2's applications table
/// copied into 14's report; the two agencies after the last on the roster, with no report. The
/// roster writes every seventh name in another form (人民政府 as 政府).
pub fn region(n: usize) -> Region {
    assert!(n >= 20);
    let agencies = agencies(n + 2);
    let (present, absent) = agencies.split_at(n);
    let file = |k: usize| format!("{k:03}-{}.txt", present[k].name);
    let mut prose: Vec<String> = (0..n).map(|k| own_prose(1000 + k as u64, 16)).collect();
    prose[11] = prose[3].clone();
    let rewritten = own_prose(9999, 16);
    let mut mixed: Vec<&str> = prose[5].split_inclusive('。').collect();
    let other: Vec<&str> = rewritten.split_inclusive('。').collect();
    for k in [2, 6, 9, 13] {
        mixed[k] = other[k];
    }
    prose[17] = mixed.concat();
    prose[13] = prose[8].clone();
    prose[19] = prose[8].clone();
    let files = (0..n)
        .map(|k| {
            let tables_from = (k == 14).then_some(2 + 500);
            (file(k), report(&present[k], 2024, 500 + k as u64, &prose[k], tables_from))
        })
        .collect();
    let mut roster = String::from("机关名称,层级\n");
    for (k, a) in present.iter().chain(absent).enumerate() {
        let name = if k % 7 == 0 { a.name.replace("人民政府", "政府") } else { a.name.clone() };
        roster.push_str(&format!("{name},{}\n", a.level));
    }
    let copied =
        [(3, 11), (5, 17), (8, 13), (8, 19), (13, 19)].iter().map(|&(a, b)| pair(&file(a), &file(b))).collect();
    Region {
        files,
        roster,
        missing: absent.iter().map(|a| a.name.clone()).collect(),
        copied,
        same_table: [pair(&file(2), &file(14))].into_iter().collect(),
    }
}
