//! The native CLI: `nianbao check [--format human|json|jsonl] [--era auto|2008|2019|2021] FILE... | -`.
//!
//! Exit status: 0 no error findings, 1 at least one error finding, 2 an input could not be
//! checked at all or the command line is wrong.

use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

use nianbao::render::{self, Style};
use nianbao::result::Era;
use nianbao::{check_extracted, CheckResult, Options};

const USAGE: &str = "用法：nianbao check [--format human|json|jsonl] [--era auto|2008|2019|2021] 文件... | -

检查政府信息公开工作年度报告的章节是否齐全、统计表数字是否相符。
  -             从标准输入读取
  --format      输出格式：human（默认）、json、jsonl
  --era         指定格式年代，默认按报告年度自动判断

退出码：0 无错误；1 有错误；2 无法检查（文件无法读取、编码无法识别、参数错误）";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Human,
    Json,
    Jsonl,
}

struct Args {
    format: Format,
    era: Option<Era>,
    files: Vec<String>,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut it = args.iter();
    match it.next().map(String::as_str) {
        Some("check") => {}
        Some("-h" | "--help" | "help") | None => return Err(String::new()),
        Some(other) => return Err(format!("未知命令“{other}”")),
    }
    let mut parsed = Args { format: Format::Human, era: None, files: Vec::new() };
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
                    f => return Err(format!("未知的输出格式“{f}”，可选 human、json、jsonl")),
                }
            }
            "--era" => {
                let v = value("--era")?;
                parsed.era = match v.as_str() {
                    "auto" => None,
                    e => Some(Era::parse(e).ok_or(format!("未知的格式年代“{e}”，可选 auto、2008、2019、2021"))?),
                }
            }
            "-h" | "--help" => return Err(String::new()),
            f if f.starts_with("--") => return Err(format!("未知选项“{f}”")),
            _ => parsed.files.push(a.clone()),
        }
    }
    if parsed.files.is_empty() {
        return Err("请给出要检查的文件，或用 - 从标准输入读取".to_string());
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
    let style = Style { color: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() };
    let mut results: Vec<CheckResult> = Vec::new();
    let mut worst = 0u8;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for file in &args.files {
        let (bytes, name) = if file == "-" {
            let mut buf = Vec::new();
            if let Err(e) = std::io::stdin().read_to_end(&mut buf) {
                eprintln!("nianbao：无法读取标准输入：{e}");
                worst = 2;
                continue;
            }
            (buf, "<标准输入>".to_string())
        } else {
            match std::fs::read(file) {
                Ok(b) => (b, file.clone()),
                Err(e) => {
                    eprintln!("nianbao：无法读取文件 {file}：{}", io_reason(&e));
                    worst = 2;
                    continue;
                }
            }
        };
        let opts = Options { name, era: args.era };
        let extracted = nianbao::extract::extract(&bytes, &opts.name);
        let result = match &extracted {
            Ok(ex) => check_extracted(ex, &opts),
            Err(e) => nianbao::check::unusable(&opts, e.clone()),
        };
        let code = if result.is_unusable_input() {
            for d in &result.diagnostics {
                eprintln!("nianbao：{}：{}", result.source.name, d.message);
            }
            2
        } else if result.has_errors() {
            1
        } else {
            0
        };
        worst = worst.max(code);
        match args.format {
            Format::Human => {
                // Spans point into the extracted text: for HTML and Word, the text shown to the user.
                let text = extracted.as_ref().map(|ex| ex.text.as_str()).unwrap_or("");
                let _ = write!(out, "{}", render::render(&result, text, &style));
            }
            Format::Jsonl => {
                let _ = writeln!(out, "{}", serde_json::to_string(&result).unwrap_or_default());
            }
            Format::Json => results.push(result),
        }
    }
    if args.format == Format::Json {
        let _ = writeln!(out, "{}", serde_json::to_string_pretty(&results).unwrap_or_default());
    }
    ExitCode::from(worst)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "文件不存在".to_string(),
        std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
        _ if e.raw_os_error() == Some(21) => "这是一个文件夹".to_string(),
        _ => e.to_string(),
    }
}
