//! A tolerant tokenizer for HTML and the XML inside .docx files.
//!
//! Reports arrive as whole government pages, as clipboard fragments from Chrome or Word, and as
//! Word's own XML. None of it can be trusted to be well formed: unclosed tags, stray "<", Word's
//! `<![if !supportLists]>`, `<o:p>`, entities without semicolons. The tokenizer never fails; it
//! yields tags and text, and leaves structure to its callers. It keeps no stack, so nesting depth
//! costs nothing here.

use std::borrow::Cow;

/// One piece of markup. Names are lower-cased, prefixes kept ("o:p", "w:gridspan"). Names and
/// values are borrowed from the source unless lower-casing or an entity changes them: a .docx
/// holds a tag every few bytes, and allocating each name and attribute was most of its reading.
#[derive(Debug, Clone, PartialEq)]
pub enum Token<'a> {
    Start { name: Cow<'a, str>, attrs: Vec<(Cow<'a, str>, Cow<'a, str>)>, self_closing: bool },
    End { name: Cow<'a, str> },
    Text(&'a str),
}

impl Token<'_> {
    pub fn attr(&self, key: &str) -> Option<&str> {
        match self {
            Token::Start { attrs, .. } => attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_ref()),
            _ => None,
        }
    }
}

/// Elements whose content is raw text in HTML: read to their end tag, never as markup.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp"];

pub struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
    /// HTML raw-text handling (off for XML, where "<script>" means nothing).
    html: bool,
    /// Inside a raw-text element: the end tag that closes it.
    raw_until: Option<String>,
}

impl<'a> Tokenizer<'a> {
    pub fn html(src: &'a str) -> Tokenizer<'a> {
        Tokenizer { src, pos: 0, html: true, raw_until: None }
    }

    pub fn xml(src: &'a str) -> Tokenizer<'a> {
        Tokenizer { src, pos: 0, html: false, raw_until: None }
    }
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            let rest = &self.src[self.pos..];
            if rest.is_empty() {
                return None;
            }
            if let Some(end_tag) = self.raw_until.take() {
                // Raw text runs to "</name" in any case; the end tag itself comes next.
                let close = find_ascii_ci(rest, &format!("</{end_tag}")).unwrap_or(rest.len());
                self.pos += close;
                if close > 0 {
                    return Some(Token::Text(&rest[..close]));
                }
                continue;
            }
            if !rest.starts_with('<') {
                let end = rest.find('<').unwrap_or(rest.len());
                self.pos += end;
                return Some(Token::Text(&rest[..end]));
            }
            // Comments, CDATA, doctype, Word's <![if …]> and processing instructions.
            if let Some(after) = rest.strip_prefix("<!--") {
                self.pos += 4 + after.find("-->").map_or(after.len(), |i| i + 3);
                continue;
            }
            if let Some(after) = rest.strip_prefix("<![CDATA[") {
                let end = after.find("]]>").unwrap_or(after.len());
                self.pos += 9 + (end + 3).min(after.len());
                return Some(Token::Text(&after[..end]));
            }
            if rest.starts_with("<!") || rest.starts_with("<?") {
                self.pos += rest.find('>').map_or(rest.len(), |i| i + 1);
                continue;
            }
            match parse_tag(rest) {
                Some((token, len)) => {
                    self.pos += len;
                    if let Token::Start { name, self_closing: false, .. } = &token {
                        if self.html && RAW_TEXT.contains(&name.as_ref()) {
                            self.raw_until = Some(name.to_string());
                        }
                    }
                    return Some(token);
                }
                // A "<" that opens no tag ("a < b") is text.
                None => {
                    self.pos += 1;
                    return Some(Token::Text(&rest[..1]));
                }
            }
        }
    }
}

fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.len() > h.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, ':' | '-' | '_' | '.')
}

/// A tag at the start of `s` ("<td colspan=2>", "</p>", "<br/>"), and its length.
fn parse_tag(s: &str) -> Option<(Token<'_>, usize)> {
    let b = s.as_bytes();
    let closing = b.get(1) == Some(&b'/');
    let name_start = if closing { 2 } else { 1 };
    // Names, keys and their ends are ASCII: bytes are compared, not decoded characters.
    let name_len = b[name_start..].iter().take_while(|&&c| is_name_char(c as char)).count();
    if name_len == 0 || !s[name_start..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let name = lowercase(&s[name_start..name_start + name_len]);
    let mut i = name_start + name_len;
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            self_closing = b[i] == b'/';
            i += 1;
        }
        if i >= b.len() {
            // An unclosed tag at the end of input ends there.
            break;
        }
        if b[i] == b'>' {
            i += 1;
            break;
        }
        self_closing = false;
        let key_len =
            b[i..].iter().position(|&c| c.is_ascii_whitespace() || matches!(c, b'=' | b'>' | b'/')).unwrap_or(s.len() - i);
        let key_len = key_len.max(1);
        let key = lowercase(&s[i..i + key_len]);
        i += key_len;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = Cow::Borrowed("");
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i] as char;
                let end = s[i + 1..].find(q).map_or(s.len(), |e| i + 1 + e);
                value = decoded(&s[i + 1..end]);
                i = (end + 1).min(s.len());
            } else {
                let end = b[i..].iter().position(|&c| c.is_ascii_whitespace() || c == b'>').map_or(s.len(), |e| i + e);
                value = decoded(&s[i..end]);
                i = end;
            }
        }
        attrs.push((key, value));
    }
    let token = if closing { Token::End { name } } else { Token::Start { name, attrs, self_closing } };
    Some((token, i))
}

/// `s` lower-cased, borrowed when it has no capitals (all of Word's XML).
fn lowercase(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// [`decode_entities`], borrowed when there is no reference to decode.
fn decoded(s: &str) -> Cow<'_, str> {
    if s.contains('&') {
        Cow::Owned(decode_entities(s))
    } else {
        Cow::Borrowed(s)
    }
}

/// Named entities that occur in report pages; numeric ones are decoded in general.
const ENTITIES: &[(&str, char)] = &[
    ("nbsp", '\u{00A0}'),
    ("lt", '<'),
    ("gt", '>'),
    ("amp", '&'),
    ("quot", '"'),
    ("apos", '\''),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("hellip", '…'),
    ("middot", '·'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("thinsp", '\u{2009}'),
    ("times", '×'),
    ("divide", '÷'),
    ("yen", '¥'),
    ("copy", '©'),
    ("reg", '®'),
    ("deg", '°'),
    ("plusmn", '±'),
    ("permil", '‰'),
    ("bull", '•'),
];

/// Text with character references replaced; unknown ones are kept as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let body_end = rest[1..].find(|c: char| !c.is_ascii_alphanumeric() && c != '#').map_or(rest.len(), |e| e + 1);
        let body = &rest[1..body_end];
        let decoded = if let Some(num) = body.strip_prefix('#') {
            let n = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse().ok(),
            };
            n.and_then(char::from_u32).filter(|&c| c != '\0')
        } else {
            ENTITIES.iter().find(|(name, _)| *name == body).map(|(_, c)| *c)
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[body_end..];
                rest = rest.strip_prefix(';').unwrap_or(rest);
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(src: &str) -> Vec<String> {
        Tokenizer::html(src)
            .map(|t| match t {
                Token::Start { name, .. } => format!("<{name}>"),
                Token::End { name } => format!("</{name}>"),
                Token::Text(s) => s.to_string(),
            })
            .collect()
    }

    #[test]
    fn tolerant_tags_and_text() {
        assert_eq!(names("<P class=MsoNormal>一、<o:p></o:p></p>"), ["<p>", "一、", "<o:p>", "</o:p>", "</p>"]);
        assert_eq!(names("<td colspan=\"2\" rowspan=3>5</td>")[0], "<td>");
        assert_eq!(names("a < b <!-- x --> c"), ["a ", "<", " b ", " c"]);
        assert_eq!(names("<![if !supportLists]>一、<![endif]>总体"), ["一、", "总体"]);
        assert_eq!(names("<script>if (a<b) {}</script>正文"), ["<script>", "if (a<b) {}", "</script>", "正文"]);
        assert_eq!(names("<td"), ["<td>"]);
    }

    #[test]
    fn attributes() {
        let t = Tokenizer::html("<td colspan=\"2\" ROWSPAN=3 nowrap>").next().unwrap();
        assert_eq!(t.attr("colspan"), Some("2"));
        assert_eq!(t.attr("rowspan"), Some("3"));
        assert_eq!(t.attr("nowrap"), Some(""));
    }

    #[test]
    fn entities() {
        assert_eq!(decode_entities("a&nbsp;b&#20013;&#x6587;&lt;&amp;&unknown;"), "a\u{a0}b中文<&&unknown;");
        assert_eq!(decode_entities("&#0;&"), "&#0;&");
    }
}
