//! The one reader of numbers as reports write them: table cells ("1,234", "96171.6", "—", "/")
//! and the counts prose states. Every stage that needs a cell as a number asks [`Value`].

use serde::Serialize;

/// A table value as written: counts are integers, money may be decimal.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Number {
    Int(i64),
    Dec(f64),
}

impl Number {
    pub fn as_f64(self) -> f64 {
        match self {
            Number::Int(i) => i as f64,
            Number::Dec(d) => d,
        }
    }
}

impl std::fmt::Display for Number {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Number::Int(i) => write!(f, "{i}"),
            Number::Dec(d) => write!(f, "{d}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Number(Number),
    /// Blank, "—", "-", "/", "无": recorded as empty, not as 0.
    Empty,
    /// Text where a number belongs ("约5", "若干").
    Invalid,
}

impl Value {
    /// The value as a count for arithmetic: empty cells count as 0 (rules.md §3.4), money is
    /// rounded to whole units.
    pub fn count(&self) -> i64 {
        match self {
            Value::Number(n) => n.as_f64().round() as i64,
            _ => 0,
        }
    }

    /// The number written, if any.
    pub fn number(&self) -> Option<Number> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }
}

const EMPTY_MARKERS: &[&str] = &["", "—", "——", "-", "--", "―", "–", "/", "\\", "无", "空", "/ ", "—/—", "×"];
const UNITS: &[&str] = &["万元", "亿元", "元", "件", "个", "项", "条", "次", "%"];

/// Reads a cell's text as a value, or None when it is a label.
pub fn parse_value(s: &str) -> Option<Value> {
    let s = s.trim();
    if EMPTY_MARKERS.contains(&s) {
        return Some(Value::Empty);
    }
    let mut body = s;
    for u in UNITS {
        if let Some(b) = body.strip_suffix(u) {
            body = b.trim_end();
            break;
        }
    }
    let (neg, digits) = match body.as_bytes().first()? {
        b'-' => (true, &body[1..]),
        b'+' => (false, &body[1..]),
        _ => (false, body),
    };
    let digits = digits.trim_start();
    let d = digits.as_bytes();
    if d.is_empty() || !d[0].is_ascii_digit() {
        return None;
    }
    // Digits with thousands commas before an optional decimal point: "1,234", "160.5964".
    let dot = d.iter().position(|&c| c == b'.');
    let whole = &d[..dot.unwrap_or(d.len())];
    let fraction = dot.map(|p| &d[p + 1..]);
    if !whole.iter().all(|&c| c.is_ascii_digit() || c == b',') || whole.last() == Some(&b',') {
        return None;
    }
    if fraction.is_some_and(|f| f.is_empty() || !f.iter().all(u8::is_ascii_digit)) {
        return None;
    }
    // No report counts to 10^15; longer numbers are damage, and keeping values below that keeps
    // every sum of a table far inside i64.
    if whole.iter().filter(|c| c.is_ascii_digit()).count() > 15 {
        return Some(Value::Invalid);
    }
    let int = whole.iter().filter(|c| c.is_ascii_digit()).fold(0i64, |v, &c| v * 10 + i64::from(c - b'0'));
    let sign = if neg { -1 } else { 1 };
    match fraction {
        None => Some(Value::Number(Number::Int(sign * int))),
        // Parsed as written (without commas), so the value is the nearest double to the text.
        Some(_) => {
            let v: f64 =
                if whole.contains(&b',') { digits.replace(',', "").parse().ok()? } else { digits.parse().ok()? };
            Some(Value::Number(Number::Dec(sign as f64 * v)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values() {
        assert_eq!(parse_value("805"), Some(Value::Number(Number::Int(805))));
        assert_eq!(parse_value("-3"), Some(Value::Number(Number::Int(-3))));
        assert_eq!(parse_value("160.5964万元"), Some(Value::Number(Number::Dec(160.5964))));
        assert_eq!(parse_value("251000元"), Some(Value::Number(Number::Int(251000))));
        assert_eq!(parse_value("1,234"), Some(Value::Number(Number::Int(1234))));
        assert_eq!(parse_value("1,234.5"), Some(Value::Number(Number::Dec(1234.5))));
        assert_eq!(parse_value("96171.6"), Some(Value::Number(Number::Dec(96171.6))));
        assert_eq!(parse_value("0.1"), Some(Value::Number(Number::Dec(0.1))));
        assert_eq!(parse_value("12,"), None);
        assert_eq!(parse_value("1.2.3"), None);
        assert_eq!(parse_value("99999999999999999999"), Some(Value::Invalid));
        assert_eq!(parse_value("—"), Some(Value::Empty));
        assert_eq!(parse_value("/"), Some(Value::Empty));
        assert_eq!(parse_value("1.属于国家秘密"), None);
        assert_eq!(parse_value("规章"), None);
        assert_eq!(parse_value("1."), None);
    }
}
