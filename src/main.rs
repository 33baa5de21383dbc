//! The native CLI: `nianbao check [options] FILE|DIR... | -`.
//!
//! Exit status: 0 no error findings, 1 at least one error finding, 2 an input could not be
//! checked at all or the command line is wrong. Walking folders, checking in parallel, pairing
//! years, the region review and writing CSV and HTML live in the library (`nianbao::batch`,
//! `nianbao::region`, `nianbao::region_html`); this file parses arguments (clap), shows progress
//! (indicatif) and prints.

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Args, CommandFactory, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use nianbao::batch::{self, Missing, Outcome, Review};
use nianbao::region::Roster;
use nianbao::render::{self, Style};
use nianbao::result::{Era, Severity};
use nianbao::{Options, Profile};

const TOP_HELP: &str = "\
{before-help}nianbao {version}：检查政府信息公开工作年度报告的章节是否齐全、统计表数字是否相符。

用法：nianbao check [选项] 文件或文件夹... | -
      nianbao check --previous 上年报告 本年报告
      nianbao check --help（各选项的说明）

{options}";

const CHECK_HELP: &str = "\
用法：nianbao check [选项] 文件或文件夹... | -
      nianbao check --previous 上年报告 本年报告

检查政府信息公开工作年度报告的章节是否齐全、统计表数字是否相符。
  -                  从标准输入读取
  文件夹             检查其中（含子文件夹）的所有文件，按内容识别文本、网页、Word 和 PDF 文件

{options}

同一机关相邻年度的报告一起检查时，自动对照两年的报告；多个文件一起检查时，找出不同机关同一年度
之间雷同的正文和相同的统计表。
退出码：0 无错误；1 有错误；2 无法检查（文件无法读取、编码无法识别、参数错误）";

#[derive(Parser)]
#[command(
    name = "nianbao",
    version,
    help_template = TOP_HELP,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    arg_required_else_help = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// 显示帮助
    #[arg(short = 'h', long = "help", action = clap::ArgAction::Help, global = true, display_order = 100)]
    help: Option<bool>,
    /// 显示版本
    #[arg(short = 'V', long = "version", action = clap::ArgAction::Version)]
    version: Option<bool>,
}

#[derive(Subcommand)]
enum Command {
    /// 检查年度报告
    #[command(help_template = CHECK_HELP)]
    Check(CheckArgs),
}

#[derive(Args)]
struct CheckArgs {
    /// 输出格式：human（默认）、json、jsonl；text 输出从文件读出的文字（位置均指向这段文字）
    #[arg(long, value_name = "格式", default_value = "human", value_parser = parse_format, hide_default_value = true)]
    format: Format,
    /// 指定格式年代（auto、2008、2019、2021），默认按报告年度自动判断
    #[arg(long, value_name = "年代", value_parser = parse_era)]
    era: Option<EraOption>,
    /// 写出汇总表（CSV）：每个文件一行，含各类问题的个数
    #[arg(long, value_name = "文件")]
    summary: Option<PathBuf>,
    /// 写出所有统计表单元格（CSV）：文件、表、行、列、数值
    #[arg(long, value_name = "文件")]
    cells: Option<PathBuf>,
    /// 指定上一年度的报告，与本年报告对照（结转数、重复文字、现行有效件数）
    #[arg(long, value_name = "文件")]
    previous: Option<PathBuf>,
    /// 按地方规则检查（规则配置文件，TOML；见 profiles/）
    #[arg(long, value_name = "文件")]
    profile: Option<PathBuf>,
    /// 应发布报告的机关名单（CSV：机关名称、层级），列出没有报告的机关
    #[arg(long, value_name = "文件")]
    roster: Option<PathBuf>,
    /// 写出本批报告的区域汇总网页（一个离线 HTML 文件，可排序、筛选、打印）
    #[arg(long, value_name = "文件")]
    html: Option<PathBuf>,
    /// 要检查的文件或文件夹；- 从标准输入读取
    #[arg(value_name = "文件或文件夹", required = true)]
    inputs: Vec<PathBuf>,
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Human,
    Json,
    Jsonl,
    /// The text read from each file, which spans point into.
    Text,
}

/// `--era auto` is None: a value of its own, so that clap keeps it apart from "not given".
#[derive(Clone, Copy)]
struct EraOption(Option<Era>);

fn parse_format(s: &str) -> Result<Format, String> {
    match s {
        "human" => Ok(Format::Human),
        "json" => Ok(Format::Json),
        "jsonl" => Ok(Format::Jsonl),
        "text" => Ok(Format::Text),
        f => Err(format!("未知的输出格式“{f}”，可选 human、json、jsonl、text")),
    }
}

fn parse_era(s: &str) -> Result<EraOption, String> {
    Era::parse_option(s).map(EraOption)
}

/// A clap error in Chinese: what was wrong, for stderr.
fn usage_error(e: &clap::Error) -> String {
    let context = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        _ => String::new(),
    };
    match e.kind() {
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => match std::error::Error::source(e) {
            Some(reason) => reason.to_string(),
            None => format!("{} 的值“{}”无效", context(ContextKind::InvalidArg), context(ContextKind::InvalidValue)),
        },
        ErrorKind::UnknownArgument => format!("未知选项“{}”", context(ContextKind::InvalidArg)),
        ErrorKind::InvalidSubcommand => format!("未知命令“{}”", context(ContextKind::InvalidSubcommand)),
        ErrorKind::MissingRequiredArgument => "请给出要检查的文件或文件夹，或用 - 从标准输入读取".to_string(),
        ErrorKind::NoEquals | ErrorKind::InvalidUtf8 => format!("参数有误：{}", context(ContextKind::InvalidArg)),
        ErrorKind::ArgumentConflict => format!("{} 不能重复给出", context(ContextKind::InvalidArg)),
        _ => {
            let arg = context(ContextKind::InvalidArg);
            if arg.is_empty() {
                "命令行有误".to_string()
            } else {
                format!("{arg} 需要一个值")
            }
        }
    }
}

fn check_usage() -> String {
    let mut cmd = Cli::command();
    cmd.build();
    cmd.find_subcommand_mut("check").map(|c| c.render_help().to_string()).unwrap_or_default()
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            return match e.kind() {
                ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    print!("{}", e.render());
                    ExitCode::SUCCESS
                }
                _ => {
                    eprintln!("nianbao：{}\n\n{}", usage_error(&e), check_usage());
                    ExitCode::from(2)
                }
            };
        }
    };
    let Command::Check(args) = cli.command;
    if args.previous.is_some() && (args.inputs.len() != 1 || args.inputs[0].is_dir()) {
        eprintln!("nianbao：--previous 只能与一个本年报告文件一起使用\n\n{}", check_usage());
        return ExitCode::from(2);
    }
    match run(args) {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("nianbao：{message}");
            ExitCode::from(2)
        }
    }
}

/// Reads a file the command line names (a profile, a roster) as UTF-8 text.
fn read_text(path: &Path, what: &str) -> Result<String, String> {
    let bytes =
        std::fs::read(path).map_err(|e| format!("无法读取{what} {}：{}", path.display(), batch::io_reason(&e)))?;
    String::from_utf8(bytes).map_err(|_| format!("{what} {} 不是 UTF-8 文本", path.display()))
}

fn run(args: CheckArgs) -> Result<u8, String> {
    let opts = Options { name: String::new(), era: args.era.and_then(|e| e.0) };
    let profile = match &args.profile {
        Some(p) => Some(Profile::parse(&read_text(p, "规则配置文件")?).map_err(|e| format!("{}：{e}", p.display()))?),
        None => None,
    };
    let roster = match &args.roster {
        Some(p) => Some(Roster::parse(&read_text(p, "名单")?).map_err(|e| format!("{}：{e}", p.display()))?),
        None => None,
    };

    // The files being written or read as settings are not reports, even in a folder being checked.
    let outputs: Vec<PathBuf> = [&args.summary, &args.cells, &args.html, &args.profile, &args.roster]
        .into_iter()
        .flatten()
        .filter_map(canonical)
        .collect();
    let mut paths = batch::collect_paths(&args.inputs);
    if !outputs.is_empty() {
        paths.retain(|p| canonical(p).is_none_or(|c| !outputs.contains(&c)));
    }
    if paths.is_empty() {
        return Err("所给的文件夹中没有可检查的文件".to_string());
    }

    let review = Review { profile: profile.as_ref(), copies: paths.len() > 1 && args.previous.is_none() };
    let progress = progress_bar(paths.len());
    let mut outcomes = batch::check_all_with(&paths, &opts, &review, |done, _| progress.set_position(done as u64));
    progress.finish_and_clear();
    let mut worst = 0u8;
    let mut missing = Vec::new();
    match &args.previous {
        Some(previous) => {
            let previous = batch::check_previous(previous);
            if let Some(reason) = previous.reason() {
                eprintln!("nianbao：上年报告 {}：{reason}", previous.result.source.name);
                worst = 2;
            }
            batch::add_previous(&mut outcomes[0], &previous);
            if let Some(p) = &profile {
                p.adjust(&mut outcomes[0].result);
            }
        }
        None => {
            batch::pair_years_with(&mut outcomes, profile.as_ref());
            missing = batch::review_region(&mut outcomes, roster.as_ref(), profile.as_ref());
        }
    }

    for o in &outcomes {
        if let Some(reason) = o.reason() {
            eprintln!("nianbao：{}：{reason}", o.result.source.name);
        }
        worst = worst.max(o.exit_code());
    }
    if missing.iter().any(|m| m.finding.severity == Severity::Error) {
        worst = worst.max(1);
    }
    print_results(&outcomes, &missing, args.roster.as_deref(), args.format);

    if let Some(path) = &args.summary {
        worst = worst.max(write_file(path, |w| batch::write_summary_region(w, &outcomes, &missing)));
    }
    if let Some(path) = &args.cells {
        worst = worst.max(write_file(path, |w| batch::write_cells(w, &outcomes)));
    }
    if let Some(path) = &args.html {
        let page = nianbao::region_html::render(&outcomes, &missing);
        worst = worst.max(write_file(path, |w| w.write_all(page.as_bytes())));
    }
    Ok(worst)
}

/// Writes one output file; the exit status 2 (with the reason on stderr) when it cannot be written.
fn write_file(path: &Path, write: impl FnOnce(&mut BufWriter<File>) -> std::io::Result<()>) -> u8 {
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

fn print_results(outcomes: &[Outcome], missing: &[Missing], roster: Option<&Path>, format: Format) {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let roster_name = roster.map_or(String::new(), |p| p.display().to_string());
    match format {
        Format::Human => {
            let style = Style { color: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() };
            for o in outcomes {
                // Spans point into the extracted text: for HTML and Word, the text shown to the user.
                let _ = write!(out, "{}", render::render(&o.result, o.text(), &style));
            }
            for m in missing {
                let d = &m.finding;
                let severity = match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Info => "info",
                };
                let _ = writeln!(out, "{severity}[{}]: {}", d.code, d.message);
                let _ = writeln!(out, "  --> {roster_name}:{}", m.entry.line);
            }
            if outcomes.len() > 1 || !missing.is_empty() {
                let count = |code: u8| outcomes.iter().filter(|o| o.exit_code() == code).count();
                let absent = if missing.is_empty() {
                    String::new()
                } else {
                    format!("；名单中 {} 个机关没有报告", missing.len())
                };
                let _ = writeln!(
                    out,
                    "\n共检查 {} 个文件：{} 个未发现错误，{} 个有错误，{} 个无法检查{absent}",
                    outcomes.len(),
                    count(0),
                    count(1),
                    count(2)
                );
            }
        }
        Format::Jsonl | Format::Json | Format::Text => {
            match format {
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
                _ => {
                    let results: Vec<_> = outcomes.iter().map(|o| &o.result).collect();
                    let _ = writeln!(out, "{}", serde_json::to_string_pretty(&results).unwrap_or_default());
                }
            }
            // Results only on stdout, as the contract has them; the roster's gaps go to stderr.
            for m in missing {
                eprintln!("nianbao：{}:{}：{}", roster_name, m.entry.line, m.finding.message);
            }
        }
    }
    let _ = out.flush();
}

fn canonical(p: &PathBuf) -> Option<PathBuf> {
    std::fs::canonicalize(p).ok()
}

/// A progress bar on stderr, drawn only for a person watching: stderr is a terminal and the
/// `CI` variable is not set (indicatif draws at most 20 times a second).
fn progress_bar(total: usize) -> ProgressBar {
    let shown = total > 1 && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    if !shown {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("检查中 [{bar:30}] {pos}/{len}（每秒 {rate} 份）") {
        let style = style.with_key("rate", |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{:.0}", s.per_sec());
        });
        bar.set_style(style.progress_chars("#>-"));
    }
    bar
}
