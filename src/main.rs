//! The native CLI: `nianbao check [options] FILE|DIR... | -`.
//!
//! Exit status: 0 no error findings, 1 at least one error finding, 2 an input could not be
//! checked at all or the command line is wrong. Walking folders, checking in parallel, pairing
//! years and writing CSV live in `nianbao::batch`; this file parses arguments and prints.

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use nianbao::batch::{self, Outcome};
use nianbao::render::{self, Style};
use nianbao::result::Era;
use nianbao::Options;

const USAGE: &str = "用法：nianbao check [选项] 文件或文件夹... | -
      nianbao check --previous 上年报告 本年报告

检查政府信息公开工作年度报告的章节是否齐全、统计表数字是否相符。
  -                  从标准输入读取
  文件夹             检查其中（含子文件夹）的所有文件，按内容识别文本、网页和 Word 文件
  --format           输出格式：human（默认）、json、jsonl；text 输出从文件读出的文字（位置均指向这段文字）
  --era              指定格式年代，默认按报告年度自动判断
  --summary 文件     写出汇总表（CSV）：每个文件一行，含各类问题的个数
  --cells 文件       写出所有统计表单元格（CSV）：文件、表、行、列、数值
  --previous 文件    指定上一年度的报告，与本年报告对照（结转数、重复文字、现行有效件数）

同一机关相邻年度的报告一起检查时，自动对照两年的报告。
退出码：0 无错误；1 有错误；2 无法检查（文件无法读取、编码无法识别、参数错误）";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Human,
    Json,
    Jsonl,
    /// The text read from each file, which spans point into.
    Text,
}

struct Args {
    format: Format,
    era: Option<Era>,
    inputs: Vec<PathBuf>,
    summary: Option<PathBuf>,
    cells: Option<PathBuf>,
    previous: Option<PathBuf>,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut it = args.iter();
    match it.next().map(String::as_str) {
        Some("check") => {}
        Some("-h" | "--help" | "help") | None => return Err(String::new()),
        Some(other) => return Err(format!("未知命令“{other}”")),
    }
    let mut parsed =
        Args { format: Format::Human, era: None, inputs: Vec::new(), summary: None, cells: None, previous: None };
    while let Some(a) = it.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (a.as_str(), None),
        };
        let mut value = |name: &str| inline.clone().or_else(|| it.next().cloned()).ok_or(format!("{name} 需要一个值"));
        match flag {
            "--format" => {
                parsed.format = match value("--format")?.as_str() {
                    "human" => Format::Human,
                    "json" => Format::Json,
                    "jsonl" => Format::Jsonl,
                    "text" => Format::Text,
                    f => return Err(format!("未知的输出格式“{f}”，可选 human、json、jsonl、text")),
                }
            }
            "--era" => {
                parsed.era = Era::parse_option(&value("--era")?)?;
            }
            "--summary" => parsed.summary = Some(value("--summary")?.into()),
            "--cells" => parsed.cells = Some(value("--cells")?.into()),
            "--previous" => parsed.previous = Some(value("--previous")?.into()),
            "-h" | "--help" => return Err(String::new()),
            f if f.starts_with("--") => return Err(format!("未知选项“{f}”")),
            _ => parsed.inputs.push(a.into()),
        }
    }
    if parsed.inputs.is_empty() {
        return Err("请给出要检查的文件或文件夹，或用 - 从标准输入读取".to_string());
    }
    if parsed.previous.is_some() && (parsed.inputs.len() != 1 || parsed.inputs[0].is_dir()) {
        return Err("--previous 只能与一个本年报告文件一起使用".to_string());
    }
    Ok(parsed)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args = match parse_args(&args) {
        Ok(a) => a,
        Err(msg) => {
            if msg.is_empty() {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            eprintln!("nianbao：{msg}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let opts = Options { name: String::new(), era: args.era };

    // The CSV files being written are not inputs, even when they sit in a folder being checked.
    let outputs: Vec<PathBuf> = [&args.summary, &args.cells].into_iter().flatten().filter_map(canonical).collect();
    let mut paths = batch::collect_paths(&args.inputs);
    if !outputs.is_empty() {
        paths.retain(|p| canonical(p).is_none_or(|c| !outputs.contains(&c)));
    }
    if paths.is_empty() {
        eprintln!("nianbao：所给的文件夹中没有可检查的文件");
        return ExitCode::from(2);
    }

    let progress = Progress::new(paths.len());
    let mut outcomes = batch::check_all(&paths, &opts, |done, total| progress.show(done, total));
    progress.finish();
    let mut worst = 0u8;
    match &args.previous {
        Some(previous) => {
            let previous = batch::check_previous(previous);
            if let Some(reason) = previous.reason() {
                eprintln!("nianbao：上年报告 {}：{reason}", previous.result.source.name);
                worst = 2;
            }
            batch::add_previous(&mut outcomes[0], &previous);
        }
        None => {
            batch::pair_years(&mut outcomes);
        }
    }

    for o in &outcomes {
        if let Some(reason) = o.reason() {
            eprintln!("nianbao：{}：{reason}", o.result.source.name);
        }
        worst = worst.max(o.exit_code());
    }
    print_results(&outcomes, args.format);

    if let Some(path) = &args.summary {
        worst = worst.max(write_csv(path, |w| batch::write_summary(w, &outcomes)));
    }
    if let Some(path) = &args.cells {
        worst = worst.max(write_csv(path, |w| batch::write_cells(w, &outcomes)));
    }
    ExitCode::from(worst)
}

/// Writes one CSV file; the exit status 2 (with the reason on stderr) when it cannot be written.
fn write_csv(path: &Path, write: impl FnOnce(&mut BufWriter<File>) -> std::io::Result<()>) -> u8 {
    let written = File::create(path).and_then(|f| {
        let mut w = BufWriter::new(f);
        write(&mut w)?;
        w.flush()
    });
    match written {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("nianbao：无法写入 {}：{}", path.display(), batch::io_reason(&e));
            2
        }
    }
}

fn print_results(outcomes: &[Outcome], format: Format) {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match format {
        Format::Human => {
            let style = Style { color: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() };
            for o in outcomes {
                // Spans point into the extracted text: for HTML and Word, the text shown to the user.
                let _ = write!(out, "{}", render::render(&o.result, o.text(), &style));
            }
            if outcomes.len() > 1 {
                let count = |code: u8| outcomes.iter().filter(|o| o.exit_code() == code).count();
                let _ = writeln!(
                    out,
                    "\n共检查 {} 个文件：{} 个未发现错误，{} 个有错误，{} 个无法检查",
                    outcomes.len(),
                    count(0),
                    count(1),
                    count(2)
                );
            }
        }
        Format::Jsonl => {
            for o in outcomes {
                let _ = writeln!(out, "{}", serde_json::to_string(&o.result).unwrap_or_default());
            }
        }
        Format::Text => {
            for o in outcomes {
                let _ = write!(out, "{}", o.text());
            }
        }
        Format::Json => {
            let results: Vec<_> = outcomes.iter().map(|o| &o.result).collect();
            let _ = writeln!(out, "{}", serde_json::to_string_pretty(&results).unwrap_or_default());
        }
    }
    let _ = out.flush();
}

fn canonical(p: &PathBuf) -> Option<PathBuf> {
    std::fs::canonicalize(p).ok()
}

/// A progress bar on stderr, drawn only for a person watching: stderr is a terminal and the
/// `CI` variable is not set. Redrawn at most ten times a second.
struct Progress {
    shown: bool,
    start: Instant,
    last: Mutex<Option<Instant>>,
}

impl Progress {
    fn new(total: usize) -> Progress {
        let shown = total > 1 && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        Progress { shown, start: Instant::now(), last: Mutex::new(None) }
    }

    fn show(&self, done: usize, total: usize) {
        if !self.shown {
            return;
        }
        let Ok(mut last) = self.last.lock() else { return };
        let now = Instant::now();
        if done < total && last.is_some_and(|t| now - t < Duration::from_millis(100)) {
            return;
        }
        *last = Some(now);
        const WIDTH: usize = 30;
        let filled = done * WIDTH / total.max(1);
        let rate = done as f64 / (now - self.start).as_secs_f64().max(1e-3);
        eprint!(
            "\r检查中 [{}{}] {done}/{total}（每秒 {rate:.0} 份）\x1b[K",
            "#".repeat(filled),
            "-".repeat(WIDTH - filled)
        );
    }

    fn finish(&self) {
        if self.shown {
            eprint!("\r\x1b[K");
        }
    }
}
