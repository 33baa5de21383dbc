//! The PDF object layer: objects parsed from bytes, the cross-reference table that says where
//! each object is (xref tables, xref streams, hybrid files, /Prev chains, object streams), a
//! repair scan for files whose xref is broken, decryption (`crypt`), stream filters (Flate and LZW
//! with PNG predictors, RunLength, ASCIIHex, ASCII85), the page tree, and content-stream operators.
//!
//! Written for reading reports, not for rendering: objects are owned values, parsed once and
//! cached. Hostile files meet limits everywhere: nesting depth, reference chains, xref sections,
//! object stream sizes and the bytes inflated all have caps, and a file that breaks them is read
//! as far as it goes or refused; nothing loops or recurses without a bound.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::crypt::{Crypt, CryptError};
use super::{PdfError, MAX_INFLATED_BYTES, MAX_PAGES};

/// An object stream's decoded data, and its objects' numbers and offsets in it.
type ObjectStream = (Vec<u8>, Vec<(u32, usize)>);
/// A level of the page tree being walked: its kids, the next kid, and the media box and
/// resources its pages inherit.
type PageTreeLevel = (Vec<Object>, usize, Option<Object>, Option<Object>);

/// Arrays and dictionaries nested deeper than this end the parse.
const MAX_NESTING: usize = 64;
/// Objects resolved inside the resolution of another (indirect /Length, object streams).
const MAX_RESOLVE_DEPTH: usize = 16;
/// xref sections followed through /Prev and /XRefStm.
const MAX_XREF_SECTIONS: usize = 256;
/// Objects an object stream may hold.
const MAX_OBJSTM_OBJECTS: usize = 100_000;
/// Depth of the page tree.
const MAX_TREE_DEPTH: usize = 64;

#[derive(Clone, Debug, PartialEq)]
pub enum Object {
    Null,
    Bool(bool),
    Num(f64),
    Str(Vec<u8>),
    Name(Vec<u8>),
    Array(Vec<Object>),
    Dict(Dict),
    Stream(Rc<Stream>),
    Ref(u32, u16),
}

/// A dictionary: keys (names without the slash) in file order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dict(pub Vec<(Vec<u8>, Object)>);

impl Dict {
    /// The value of a key as written (a reference is not followed).
    pub fn get(&self, key: &[u8]) -> Option<&Object> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

/// A stream: its dictionary and its data as stored (decrypted, not decoded).
#[derive(Debug, PartialEq)]
pub struct Stream {
    pub dict: Dict,
    pub data: Vec<u8>,
}

impl Object {
    pub fn as_num(&self) -> Option<f64> {
        match self {
            Object::Num(n) => Some(*n),
            _ => None,
        }
    }
    pub fn as_name(&self) -> Option<&[u8]> {
        match self {
            Object::Name(n) => Some(n),
            _ => None,
        }
    }
    pub fn as_str(&self) -> Option<&[u8]> {
        match self {
            Object::Str(s) => Some(s),
            _ => None,
        }
    }
    /// A dictionary, or a stream's.
    pub fn as_dict(&self) -> Option<&Dict> {
        match self {
            Object::Dict(d) => Some(d),
            Object::Stream(s) => Some(&s.dict),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&[Object]> {
        match self {
            Object::Array(a) => Some(a),
            _ => None,
        }
    }
}

fn is_white(c: u8) -> bool {
    matches!(c, 0 | b'\t' | b'\n' | 0x0c | b'\r' | b' ')
}

fn is_delim(c: u8) -> bool {
    matches!(c, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

fn is_regular(c: u8) -> bool {
    !is_white(c) && !is_delim(c)
}

fn hex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

/// What the lexer read: an object, or a bare keyword (`obj`, `stream`, an operator).
#[derive(Debug)]
pub enum Token<'a> {
    Obj(Object),
    Keyword(&'a [u8]),
}

pub struct Lexer<'a> {
    pub b: &'a [u8],
    pub pos: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(b: &'a [u8], pos: usize) -> Self {
        Lexer { b, pos: pos.min(b.len()) }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn skip_white(&mut self) {
        while let Some(c) = self.peek() {
            if is_white(c) {
                self.pos += 1;
            } else if c == b'%' {
                while self.peek().is_some_and(|c| c != b'\n' && c != b'\r') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn run(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self.peek().is_some_and(is_regular) {
            self.pos += 1;
        }
        &self.b[start..self.pos]
    }

    /// The next token; None at the end. `refs`: `1 0 R` is a reference (not in content streams).
    pub fn token(&mut self, refs: bool) -> Option<Token<'a>> {
        self.token_at(refs, 0)
    }

    fn token_at(&mut self, refs: bool, depth: usize) -> Option<Token<'a>> {
        self.skip_white();
        let c = self.peek()?;
        let obj = match c {
            b'/' => {
                self.pos += 1;
                let raw = self.run();
                let mut name = Vec::with_capacity(raw.len());
                let mut i = 0;
                while i < raw.len() {
                    match (raw[i], raw.get(i + 1).and_then(|&c| hex(c)), raw.get(i + 2).and_then(|&c| hex(c))) {
                        (b'#', Some(h), Some(l)) => {
                            name.push(h << 4 | l);
                            i += 3;
                        }
                        (c, _, _) => {
                            name.push(c);
                            i += 1;
                        }
                    }
                }
                Object::Name(name)
            }
            b'(' => Object::Str(self.literal()),
            b'<' if self.b.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                if depth >= MAX_NESTING {
                    self.pos = self.b.len();
                    return None;
                }
                Object::Dict(self.dict(refs, depth + 1))
            }
            b'<' => {
                self.pos += 1;
                let mut digits = Vec::new();
                while let Some(c) = self.peek() {
                    self.pos += 1;
                    if c == b'>' {
                        break;
                    }
                    digits.extend(hex(c));
                }
                Object::Str(digits.chunks(2).map(|p| p[0] << 4 | p.get(1).copied().unwrap_or(0)).collect())
            }
            b'[' => {
                self.pos += 1;
                if depth >= MAX_NESTING {
                    self.pos = self.b.len();
                    return None;
                }
                let mut items = Vec::new();
                loop {
                    self.skip_white();
                    match self.peek() {
                        None => break,
                        Some(b']') => {
                            self.pos += 1;
                            break;
                        }
                        _ => match self.token_at(refs, depth + 1) {
                            Some(Token::Obj(o)) => items.push(o),
                            Some(Token::Keyword(_)) => {}
                            None => break,
                        },
                    }
                }
                Object::Array(items)
            }
            b'+' | b'-' | b'.' | b'0'..=b'9' => {
                let (n, int) = self.number();
                if refs && int && n >= 0.0 {
                    let save = self.pos;
                    self.skip_white();
                    if self.peek().is_some_and(|c| c.is_ascii_digit()) {
                        let (g, gint) = self.number();
                        self.skip_white();
                        if gint
                            && self.peek() == Some(b'R')
                            && !self.b.get(self.pos + 1).is_some_and(|&c| is_regular(c))
                        {
                            self.pos += 1;
                            return Some(Token::Obj(Object::Ref(n.min(u32::MAX as f64) as u32, g.min(65535.0) as u16)));
                        }
                    }
                    self.pos = save;
                }
                Object::Num(n)
            }
            _ if is_regular(c) => {
                let word = self.run();
                match word {
                    b"true" => Object::Bool(true),
                    b"false" => Object::Bool(false),
                    b"null" => Object::Null,
                    _ => return Some(Token::Keyword(word)),
                }
            }
            // A stray delimiter: a keyword of its own, so the reader moves on.
            _ => {
                self.pos += 1;
                return Some(Token::Keyword(&self.b[self.pos - 1..self.pos]));
            }
        };
        Some(Token::Obj(obj))
    }

    /// The next object; None at the end or at a keyword.
    pub fn object(&mut self, refs: bool) -> Option<Object> {
        match self.token(refs)? {
            Token::Obj(o) => Some(o),
            Token::Keyword(_) => None,
        }
    }

    fn dict(&mut self, refs: bool, depth: usize) -> Dict {
        let mut entries: Vec<(Vec<u8>, Object)> = Vec::new();
        loop {
            self.skip_white();
            match (self.peek(), self.b.get(self.pos + 1)) {
                (None, _) => break,
                (Some(b'>'), Some(b'>')) => {
                    self.pos += 2;
                    break;
                }
                _ => {}
            }
            match self.token_at(refs, depth) {
                Some(Token::Obj(Object::Name(key))) => {
                    self.skip_white();
                    if self.b[self.pos..].starts_with(b">>") {
                        break;
                    }
                    match self.token_at(refs, depth) {
                        Some(Token::Obj(v)) => {
                            if let Some(e) = entries.iter_mut().find(|(k, _)| *k == key) {
                                e.1 = v;
                            } else {
                                entries.push((key, v));
                            }
                        }
                        Some(Token::Keyword(_)) => {}
                        None => break,
                    }
                }
                Some(_) => {}
                None => break,
            }
        }
        Dict(entries)
    }

    /// A number: its value and whether it was written as an integer.
    fn number(&mut self) -> (f64, bool) {
        let start = self.pos;
        if matches!(self.peek(), Some(b'+' | b'-')) {
            self.pos += 1;
        }
        // Some writers double the sign ("--5"): the extra ones are dropped.
        while matches!(self.peek(), Some(b'+' | b'-')) {
            self.pos += 1;
        }
        let (mut int, mut frac, mut scale, mut dot) = (0f64, 0f64, 1f64, false);
        while let Some(c) = self.peek() {
            match c {
                b'0'..=b'9' if dot => {
                    scale /= 10.0;
                    frac += (c - b'0') as f64 * scale;
                }
                b'0'..=b'9' => int = int * 10.0 + (c - b'0') as f64,
                b'.' if !dot => dot = true,
                _ => break,
            }
            self.pos += 1;
        }
        let n = int + frac;
        (if self.b[start] == b'-' { -n } else { n }, !dot)
    }

    fn literal(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut depth = 1usize;
        while let Some(c) = self.peek() {
            self.pos += 1;
            match c {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                b'\\' => {
                    let Some(e) = self.peek() else { break };
                    self.pos += 1;
                    let byte = match e {
                        b'n' => b'\n',
                        b'r' => b'\r',
                        b't' => b'\t',
                        b'b' => 8,
                        b'f' => 12,
                        b'0'..=b'7' => {
                            let mut v = (e - b'0') as u32;
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + (d - b'0') as u32;
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            v as u8
                        }
                        // A line continuation.
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                            continue;
                        }
                        b'\n' => continue,
                        other => other,
                    };
                    out.push(byte);
                    continue;
                }
                b'\r' => {
                    if self.peek() == Some(b'\n') {
                        self.pos += 1;
                    }
                    out.push(b'\n');
                    continue;
                }
                _ => {}
            }
            out.push(c);
        }
        out
    }
}

/// A content stream's operators with their operands.
pub struct Ops<'a> {
    lex: Lexer<'a>,
}

impl<'a> Ops<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Ops { lex: Lexer::new(data, 0) }
    }

    /// The next operator, its operands in `operands`; None at the end.
    pub fn next(&mut self, operands: &mut Vec<Object>) -> Option<&'a [u8]> {
        operands.clear();
        loop {
            match self.lex.token(false)? {
                Token::Obj(o) => operands.push(o),
                Token::Keyword(b"BI") => {
                    self.skip_inline_image();
                    return Some(b"BI");
                }
                Token::Keyword(op) => return Some(op),
            }
        }
    }

    /// An inline image: its dictionary up to ID, its data up to EI.
    fn skip_inline_image(&mut self) {
        let b = self.lex.b;
        while let Some(t) = self.lex.token(false) {
            if matches!(t, Token::Keyword(b"ID")) {
                break;
            }
        }
        let mut i = self.lex.pos + 1;
        while i + 2 <= b.len() {
            if &b[i..i + 2] == b"EI" && is_white(b[i - 1]) && b.get(i + 2).is_none_or(|&c| !is_regular(c)) {
                self.lex.pos = i + 2;
                return;
            }
            i += 1;
        }
        self.lex.pos = b.len();
    }
}

/// Where an object is.
#[derive(Clone, Copy, Debug)]
enum Entry {
    /// At a byte offset, with a generation.
    At(usize, u16),
    /// In an object stream (its number), at an index.
    InStream(u32),
}

/// An open PDF file.
pub struct Doc<'a> {
    data: &'a [u8],
    xref: RefCell<HashMap<u32, Entry>>,
    /// The table from a scan of the whole file, made when an xref offset turns out wrong.
    scanned: RefCell<Option<HashMap<u32, Entry>>>,
    pub trailer: Dict,
    crypt: Option<Crypt>,
    /// The /Encrypt dictionary's own object: never decrypted.
    encrypt_obj: Option<u32>,
    cache: RefCell<HashMap<u32, Object>>,
    depth: Cell<usize>,
    /// Bytes inflated for object and xref streams.
    inflated: Cell<usize>,
}

/// A page: its dictionary, media box and resources (inherited through the page tree).
pub struct Page {
    pub media: [f64; 4],
    pub resources: Dict,
    pub contents: Object,
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

impl<'a> Doc<'a> {
    pub fn open(data: &'a [u8]) -> Result<Doc<'a>, PdfError> {
        let mut doc = Doc {
            data,
            xref: RefCell::new(HashMap::new()),
            scanned: RefCell::new(None),
            trailer: Dict::default(),
            crypt: None,
            encrypt_obj: None,
            cache: RefCell::new(HashMap::new()),
            depth: Cell::new(0),
            inflated: Cell::new(0),
        };
        let read = rfind(data, b"startxref").and_then(|at| {
            let mut lex = Lexer::new(data, at + 9);
            let offset = lex.object(false)?.as_num()?;
            doc.read_xref(offset as usize)
        });
        let mut repaired = false;
        match read {
            Some(trailer) if trailer.get(b"Root").is_some() => doc.trailer = trailer,
            _ => {
                doc.repair()?;
                repaired = true;
            }
        }
        doc.decryption()?;
        if !repaired && doc.catalog().is_none() {
            doc.cache.borrow_mut().clear();
            doc.repair()?;
            doc.decryption()?;
            repaired = true;
        }
        if repaired {
            doc.index_object_streams();
        }
        if doc.catalog().is_none() {
            return Err(PdfError::Broken);
        }
        Ok(doc)
    }

    fn catalog(&self) -> Option<Dict> {
        self.get(&self.trailer, b"Root").as_dict().cloned()
    }

    fn decryption(&mut self) -> Result<(), PdfError> {
        self.crypt = None;
        self.encrypt_obj = None;
        let Some(enc) = self.trailer.get(b"Encrypt").cloned() else { return Ok(()) };
        if let Object::Ref(n, _) = enc {
            self.encrypt_obj = Some(n);
        }
        let Some(dict) = self.resolve(&enc).as_dict().cloned() else { return Ok(()) };
        let id = self.get(&self.trailer, b"ID");
        let id = id.as_array().and_then(|a| a.first()).and_then(Object::as_str).unwrap_or(&[]);
        self.crypt = Some(Crypt::new(&dict, id).map_err(|e| match e {
            CryptError::Password => PdfError::Password,
            CryptError::Unsupported => PdfError::Encryption,
        })?);
        Ok(())
    }

    /// Reads the xref sections from `offset` back through /Prev; the newest trailer, or None
    /// when the first section cannot be read.
    fn read_xref(&self, offset: usize) -> Option<Dict> {
        let mut trailer: Option<Dict> = None;
        let mut seen = HashSet::new();
        let mut next = Some(offset);
        while let Some(off) = next.take() {
            if !seen.insert(off) || seen.len() > MAX_XREF_SECTIONS {
                break;
            }
            let Some(t) = self.xref_section(off) else { break };
            if let Some(stm) = t.get(b"XRefStm").and_then(Object::as_num) {
                if seen.insert(stm as usize) {
                    self.xref_section(stm as usize);
                }
            }
            next = t.get(b"Prev").and_then(Object::as_num).map(|p| p as usize);
            match &mut trailer {
                None => trailer = Some(t),
                // Keys the newest trailer lacks come from older ones.
                Some(newest) => {
                    for (k, v) in t.0 {
                        if newest.get(&k).is_none() {
                            newest.0.push((k, v));
                        }
                    }
                }
            }
        }
        trailer
    }

    fn add(&self, num: u32, entry: Entry) {
        self.xref.borrow_mut().entry(num).or_insert(entry);
    }

    /// One xref section (a table and its trailer, or an xref stream); its trailer dictionary.
    fn xref_section(&self, off: usize) -> Option<Dict> {
        let mut lex = Lexer::new(self.data, off);
        lex.skip_white();
        if self.data[lex.pos..].starts_with(b"xref") {
            lex.pos += 4;
            loop {
                match lex.token(false)? {
                    Token::Keyword(b"trailer") => return lex.object(true)?.as_dict().cloned(),
                    Token::Obj(Object::Num(start)) => {
                        let count = lex.object(false)?.as_num()?;
                        for i in 0..count.max(0.0) as u64 {
                            let (Some(Object::Num(o)), Some(Object::Num(g))) = (lex.object(false), lex.object(false))
                            else {
                                return None;
                            };
                            let kind = lex.token(false)?;
                            let num = start as u64 + i;
                            if matches!(kind, Token::Keyword(b"n")) && o > 0.0 && num < u32::MAX as u64 {
                                self.add(num as u32, Entry::At(o as usize, g as u16));
                            }
                        }
                    }
                    _ => return None,
                }
            }
        }
        // An xref stream.
        let (_, _, obj) = self.indirect_at(off, None)?;
        let Object::Stream(s) = obj else { return None };
        if s.dict.get(b"Type").and_then(Object::as_name) != Some(b"XRef") {
            return None;
        }
        let w: Vec<usize> =
            s.dict.get(b"W")?.as_array()?.iter().map(|o| o.as_num().unwrap_or(0.0).clamp(0.0, 8.0) as usize).collect();
        let width: usize = w.iter().sum();
        if w.len() < 3 || width == 0 {
            return None;
        }
        let data = self.decode_limited(&s)?;
        let size = s.dict.get(b"Size").and_then(Object::as_num).unwrap_or(0.0);
        let index: Vec<f64> = match s.dict.get(b"Index").and_then(Object::as_array) {
            Some(a) => a.iter().filter_map(Object::as_num).collect(),
            None => vec![0.0, size],
        };
        let mut rows = data.chunks_exact(width);
        for pair in index.chunks_exact(2) {
            for i in 0..pair[1].max(0.0) as u64 {
                let Some(row) = rows.next() else { break };
                let mut fields = [0u64; 3];
                let mut at = 0;
                for (f, &n) in fields.iter_mut().zip(&w) {
                    *f = row[at..at + n].iter().fold(0, |v, &b| v << 8 | b as u64);
                    at += n;
                }
                let kind = if w[0] == 0 { 1 } else { fields[0] };
                let num = pair[0] as u64 + i;
                if num >= u32::MAX as u64 {
                    break;
                }
                match kind {
                    1 => self.add(num as u32, Entry::At(fields[1] as usize, fields[2] as u16)),
                    2 => self.add(num as u32, Entry::InStream(fields[1] as u32)),
                    _ => {}
                }
            }
        }
        Some(s.dict.clone())
    }

    /// The objects of a file whose xref cannot be used: every "N G obj" in it, and the last
    /// trailer (or xref stream, or catalog) that names a root.
    fn repair(&mut self) -> Result<(), PdfError> {
        let table = self.scan();
        if table.is_empty() {
            return Err(PdfError::Broken);
        }
        *self.xref.borrow_mut() = table;
        self.cache.borrow_mut().clear();
        let mut trailer: Option<Dict> = None;
        let mut at = 0;
        while let Some(p) = find(self.data, b"trailer", at) {
            at = p + 7;
            if let Some(Object::Dict(d)) = Lexer::new(self.data, at).object(true) {
                if d.get(b"Root").is_some() {
                    trailer = Some(d);
                }
            }
        }
        if trailer.is_none() {
            let mut nums: Vec<(usize, u32, u16)> = Vec::new();
            for (&n, e) in self.xref.borrow().iter() {
                if let Entry::At(off, g) = *e {
                    nums.push((off, n, g));
                }
            }
            nums.sort_unstable();
            for (off, n, g) in nums {
                // A cheap look before a parse: only xref streams and catalogs matter here.
                let head = &self.data[off..self.data.len().min(off + 4096)];
                if find(head, b"/XRef", 0).is_none() && find(head, b"/Catalog", 0).is_none() {
                    continue;
                }
                let Some((_, _, o)) = self.indirect_at(off, Some(n)) else { continue };
                let Some(d) = o.as_dict() else { continue };
                match d.get(b"Type").and_then(Object::as_name) {
                    Some(b"XRef") if d.get(b"Root").is_some() => trailer = Some(d.clone()),
                    Some(b"Catalog") if trailer.is_none() => {
                        trailer = Some(Dict(vec![(b"Root".to_vec(), Object::Ref(n, g))]))
                    }
                    _ => {}
                }
            }
        }
        self.trailer = trailer.ok_or(PdfError::Broken)?;
        Ok(())
    }

    /// Every "N G obj" of the file, the last of each number winning.
    fn scan(&self) -> HashMap<u32, Entry> {
        let b = self.data;
        let mut table = HashMap::new();
        let mut at = 0;
        while let Some(p) = find(b, b"obj", at) {
            at = p + 3;
            if b.get(p + 3).is_some_and(|&c| is_regular(c)) {
                continue;
            }
            // Back over " G ", then "N".
            let mut i = p;
            let back_white = |i: &mut usize| {
                let s = *i;
                while *i > 0 && is_white(b[*i - 1]) {
                    *i -= 1;
                }
                *i < s
            };
            let back_digits = |i: &mut usize| {
                let s = *i;
                while *i > 0 && b[*i - 1].is_ascii_digit() && s - *i < 10 {
                    *i -= 1;
                }
                *i < s
            };
            if !back_white(&mut i) {
                continue;
            }
            let gen_end = i;
            if !back_digits(&mut i) {
                continue;
            }
            let gen_start = i;
            if !back_white(&mut i) {
                continue;
            }
            let num_end = i;
            if !back_digits(&mut i) || (i > 0 && is_regular(b[i - 1]) && !b[i - 1].is_ascii_digit()) {
                continue;
            }
            let parse = |s: &[u8]| std::str::from_utf8(s).ok().and_then(|s| s.parse::<u64>().ok());
            let (Some(num), Some(gen)) = (parse(&b[i..num_end]), parse(&b[gen_start..gen_end])) else { continue };
            if num < u32::MAX as u64 && gen <= 65535 {
                table.insert(num as u32, Entry::At(i, gen as u16));
            }
        }
        table
    }

    /// After a repair: objects in object streams that the scan cannot see.
    fn index_object_streams(&self) {
        let mut nums: Vec<u32> = self.xref.borrow().keys().copied().collect();
        nums.sort_unstable();
        for n in nums {
            let Some(Entry::At(off, _)) = self.xref.borrow().get(&n).copied() else { continue };
            let head = &self.data[off..self.data.len().min(off + 4096)];
            if find(head, b"/ObjStm", 0).is_none() {
                continue;
            }
            if let Object::Stream(s) = self.load(n) {
                if let Some((_, offsets)) = self.object_stream(&s) {
                    for (num, _) in offsets {
                        self.add(num, Entry::InStream(n));
                    }
                }
            }
        }
    }

    /// The object `N G obj` at a byte offset, checked to be `expect` when given.
    fn indirect_at(&self, off: usize, expect: Option<u32>) -> Option<(u32, u16, Object)> {
        let mut lex = Lexer::new(self.data, off);
        let num = lex.object(false)?.as_num()?;
        let gen = lex.object(false)?.as_num()?;
        if !matches!(lex.token(false)?, Token::Keyword(b"obj")) || expect.is_some_and(|e| e as f64 != num) {
            return None;
        }
        let (num, gen) = (num as u32, gen as u16);
        let mut obj = match lex.token(true) {
            Some(Token::Obj(o)) => o,
            _ => Object::Null,
        };
        let is_stream = matches!(lex.token(false), Some(Token::Keyword(b"stream")));
        let decrypt = self.crypt.as_ref().filter(|_| self.encrypt_obj != Some(num));
        if let (true, Object::Dict(dict)) = (is_stream, &obj) {
            let b = self.data;
            let mut start = lex.pos;
            if b.get(start) == Some(&b'\r') {
                start += 1;
            }
            if b.get(start) == Some(&b'\n') {
                start += 1;
            }
            let len = self.resolve(dict.get(b"Length").unwrap_or(&Object::Null)).as_num();
            let declared = len.map(|l| start.saturating_add(l.max(0.0) as usize)).filter(|&end| {
                let mut l = Lexer::new(b, end);
                end <= b.len() && matches!(l.token(false), Some(Token::Keyword(b"endstream")))
            });
            let end = declared.unwrap_or_else(|| {
                let mut end = find(b, b"endstream", start).unwrap_or(b.len());
                if end > start && b[end - 1] == b'\n' {
                    end -= 1;
                }
                if end > start && b[end - 1] == b'\r' {
                    end -= 1;
                }
                end
            });
            let mut data = b[start..end].to_vec();
            let kind = dict.get(b"Type").and_then(Object::as_name);
            let identity = match dict.get(b"Filter") {
                Some(Object::Name(n)) => n == b"Crypt",
                Some(Object::Array(a)) => a.first().and_then(Object::as_name) == Some(b"Crypt"),
                _ => false,
            };
            if let (Some(c), false, false) = (decrypt, kind == Some(b"XRef"), identity) {
                data = c.decrypt(&data, num, gen, true);
            }
            obj = Object::Stream(Rc::new(Stream { dict: dict.clone(), data }));
        }
        if let Some(c) = decrypt {
            decrypt_strings(&mut obj, c, num, gen);
        }
        Some((num, gen, obj))
    }

    /// Object `num`: parsed once, then from the cache. Null when it is missing or broken.
    pub fn load(&self, num: u32) -> Object {
        if let Some(o) = self.cache.borrow().get(&num) {
            return o.clone();
        }
        if self.depth.get() >= MAX_RESOLVE_DEPTH {
            return Object::Null;
        }
        self.depth.set(self.depth.get() + 1);
        let entry = self.xref.borrow().get(&num).copied();
        let obj = match entry {
            Some(Entry::At(off, _)) => match self.indirect_at(off, Some(num)) {
                Some((_, _, o)) => Some(o),
                None => {
                    // A wrong offset: where the scan of the file finds it.
                    let mut scanned = self.scanned.borrow_mut();
                    let table = scanned.get_or_insert_with(|| self.scan());
                    match table.get(&num) {
                        Some(&Entry::At(o, _)) if o != off => {
                            drop(scanned);
                            self.indirect_at(o, Some(num)).map(|(_, _, o)| o)
                        }
                        _ => None,
                    }
                }
            },
            Some(Entry::InStream(sn)) if sn != num => {
                if let Object::Stream(s) = self.load(sn) {
                    if let Some((data, offsets)) = self.object_stream(&s) {
                        // All of its objects at once, for the stream is decoded once.
                        let mut cache = self.cache.borrow_mut();
                        for (n, off) in offsets {
                            let mine = matches!(self.xref.borrow().get(&n), Some(Entry::InStream(s)) if *s == sn);
                            if mine && !cache.contains_key(&n) {
                                let o = Lexer::new(&data, off).object(true).unwrap_or(Object::Null);
                                cache.insert(n, o);
                            }
                        }
                    }
                }
                self.cache.borrow().get(&num).cloned()
            }
            _ => None,
        };
        self.depth.set(self.depth.get() - 1);
        let obj = obj.unwrap_or(Object::Null);
        self.cache.borrow_mut().insert(num, obj.clone());
        obj
    }

    /// An object stream's decoded data and its objects' numbers and offsets in it.
    fn object_stream(&self, s: &Stream) -> Option<ObjectStream> {
        let n = s.dict.get(b"N")?.as_num()? as usize;
        let first = s.dict.get(b"First")?.as_num()? as usize;
        let data = self.decode_limited(s)?;
        let mut lex = Lexer::new(&data, 0);
        let mut offsets = Vec::new();
        for _ in 0..n.min(MAX_OBJSTM_OBJECTS) {
            let (Some(Object::Num(num)), Some(Object::Num(off))) = (lex.object(false), lex.object(false)) else {
                break;
            };
            offsets.push((num as u32, first.saturating_add(off as usize)));
        }
        Some((data, offsets))
    }

    /// An object with references followed.
    pub fn resolve(&self, o: &Object) -> Object {
        let mut o = o.clone();
        for _ in 0..MAX_RESOLVE_DEPTH {
            match o {
                Object::Ref(n, _) => o = self.load(n),
                _ => return o,
            }
        }
        Object::Null
    }

    /// A dictionary's value, references followed; Null when missing.
    pub fn get(&self, d: &Dict, key: &[u8]) -> Object {
        d.get(key).map(|o| self.resolve(o)).unwrap_or(Object::Null)
    }

    pub fn dict(&self, d: &Dict, key: &[u8]) -> Option<Dict> {
        match self.get(d, key) {
            Object::Dict(d) => Some(d),
            _ => None,
        }
    }

    pub fn stream(&self, d: &Dict, key: &[u8]) -> Option<Rc<Stream>> {
        match self.get(d, key) {
            Object::Stream(s) => Some(s),
            _ => None,
        }
    }

    pub fn array(&self, d: &Dict, key: &[u8]) -> Option<Vec<Object>> {
        match self.get(d, key) {
            Object::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn num(&self, d: &Dict, key: &[u8]) -> Option<f64> {
        self.get(d, key).as_num()
    }

    pub fn name(&self, d: &Dict, key: &[u8]) -> Option<Vec<u8>> {
        match self.get(d, key) {
            Object::Name(n) => Some(n),
            _ => None,
        }
    }

    /// A stream of the object layer (xref, object streams) decoded, counted against the limit.
    fn decode_limited(&self, s: &Stream) -> Option<Vec<u8>> {
        let data = self.decode(s)?;
        self.inflated.set(self.inflated.get() + data.len());
        (self.inflated.get() <= MAX_INFLATED_BYTES).then_some(data)
    }

    /// A stream's data decoded through its filters; None for a filter we do not read. Flate
    /// output is capped at MAX_INFLATED_BYTES; a damaged Flate stream gives what inflated.
    pub fn decode(&self, s: &Stream) -> Option<Vec<u8>> {
        let filters = match self.get(&s.dict, b"Filter") {
            Object::Name(n) => vec![Object::Name(n)],
            Object::Array(a) => a,
            _ => Vec::new(),
        };
        let parms = match self.get(&s.dict, b"DecodeParms") {
            Object::Array(a) => a,
            p => vec![p],
        };
        let mut data = s.data.clone();
        for (i, f) in filters.iter().enumerate().take(8) {
            let parm = parms.get(i).map(|p| self.resolve(p)).unwrap_or(Object::Null);
            data = match self.resolve(f).as_name()? {
                b"FlateDecode" | b"Fl" => {
                    let out = match miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&data, MAX_INFLATED_BYTES) {
                        Ok(d) => d,
                        Err(e) if e.status != miniz_oxide::inflate::TINFLStatus::HasMoreOutput => e.output,
                        Err(_) => return None,
                    };
                    match parm.as_dict() {
                        Some(p) => predict(out, p)?,
                        None => out,
                    }
                }
                b"ASCIIHexDecode" | b"AHx" => {
                    let digits: Vec<u8> = data.iter().take_while(|&&c| c != b'>').filter_map(|&c| hex(c)).collect();
                    digits.chunks(2).map(|p| p[0] << 4 | p.get(1).copied().unwrap_or(0)).collect()
                }
                b"ASCII85Decode" | b"A85" => ascii85(&data),
                b"LZWDecode" | b"LZW" => {
                    let early =
                        parm.as_dict().and_then(|p| p.get(b"EarlyChange")).and_then(Object::as_num) != Some(0.0);
                    let out = lzw(&data, early, MAX_INFLATED_BYTES)?;
                    match parm.as_dict() {
                        Some(p) => predict(out, p)?,
                        None => out,
                    }
                }
                b"RunLengthDecode" | b"RL" => run_length(&data, MAX_INFLATED_BYTES)?,
                b"Crypt" => data,
                _ => return None,
            };
        }
        Some(data)
    }

    /// The pages in order, with inherited media boxes and resources. Too many is TooComplex.
    pub fn pages(&self) -> Result<Vec<Page>, PdfError> {
        let catalog = self.catalog().ok_or(PdfError::Broken)?;
        let mut pages = Vec::new();
        let mut seen = HashSet::new();
        let root = catalog.get(b"Pages").cloned().unwrap_or(Object::Null);
        let mut stack: Vec<PageTreeLevel> = Vec::new();
        stack.push((vec![root], 0, None, None));
        while let Some(top) = stack.last_mut() {
            let Some(kid) = top.0.get(top.1).cloned() else {
                stack.pop();
                continue;
            };
            top.1 += 1;
            if let Object::Ref(n, _) = kid {
                if !seen.insert(n) {
                    continue;
                }
            }
            let Some(node) = self.resolve(&kid).as_dict().cloned() else { continue };
            let media = node.get(b"MediaBox").cloned().or_else(|| top.2.clone());
            let resources = node.get(b"Resources").cloned().or_else(|| top.3.clone());
            let is_tree = node.get(b"Type").and_then(Object::as_name) != Some(b"Page");
            match self.get(&node, b"Kids") {
                Object::Array(kids) if is_tree => {
                    if stack.len() < MAX_TREE_DEPTH {
                        stack.push((kids, 0, media, resources));
                    }
                }
                _ => {
                    if pages.len() >= MAX_PAGES {
                        return Err(PdfError::TooComplex);
                    }
                    pages.push(self.page(&node, media, resources));
                }
            }
        }
        if pages.is_empty() {
            // A broken page tree: every page object of the file, in the order of their numbers.
            let mut nums: Vec<u32> = self.xref.borrow().keys().copied().collect();
            nums.sort_unstable();
            for n in nums {
                let Object::Dict(d) = self.load(n) else { continue };
                if d.get(b"Type").and_then(Object::as_name) == Some(b"Page") {
                    if pages.len() >= MAX_PAGES {
                        return Err(PdfError::TooComplex);
                    }
                    let parent = self.dict(&d, b"Parent").unwrap_or_default();
                    let media = d.get(b"MediaBox").or(parent.get(b"MediaBox")).cloned();
                    let resources = d.get(b"Resources").or(parent.get(b"Resources")).cloned();
                    pages.push(self.page(&d, media, resources));
                }
            }
        }
        Ok(pages)
    }

    fn page(&self, d: &Dict, media: Option<Object>, resources: Option<Object>) -> Page {
        let v: Vec<f64> = media
            .map(|m| self.resolve(&m))
            .and_then(|m| m.as_array().map(|a| a.iter().map(|o| self.resolve(o).as_num().unwrap_or(0.0)).collect()))
            .unwrap_or_default();
        let media = match v[..] {
            [a, b, c, d] => [a.min(c), b.min(d), a.max(c), b.max(d)],
            _ => [0.0, 0.0, 595.0, 842.0],
        };
        let resources = resources.and_then(|r| self.resolve(&r).as_dict().cloned()).unwrap_or_default();
        Page { media, resources, contents: d.get(b"Contents").cloned().unwrap_or(Object::Null) }
    }
}

/// Strings of an object decrypted in place (streams' data is decrypted when read).
fn decrypt_strings(o: &mut Object, c: &Crypt, num: u32, gen: u16) {
    // Iteratively, as objects nest up to MAX_NESTING deep.
    let mut stack = vec![o];
    while let Some(o) = stack.pop() {
        match o {
            Object::Str(s) => *s = c.decrypt(s, num, gen, false),
            Object::Array(a) => stack.extend(a.iter_mut()),
            Object::Dict(d) => stack.extend(d.0.iter_mut().map(|(_, v)| v)),
            _ => {}
        }
    }
}

/// LZW data decoded as PDF (and TIFF) write it: codes of 9 to 12 bits, most significant bit
/// first, 256 clearing the table and 257 ending the data. With `early` (/EarlyChange 1, the
/// default) the code width grows one code early. None when the output would pass `limit`;
/// a code that cannot be (damaged data) ends the data there.
pub fn lzw(data: &[u8], early: bool, limit: usize) -> Option<Vec<u8>> {
    const CLEAR: usize = 256;
    const END: usize = 257;
    const SIZE: usize = 4096;
    // Each code's string: the code before it, its last byte, its first byte and its length.
    let mut prefix = vec![0u16; SIZE];
    let mut last = vec![0u8; SIZE];
    let mut first = vec![0u8; SIZE];
    let mut len = vec![0u32; SIZE];
    for b in 0..256 {
        (last[b], first[b], len[b]) = (b as u8, b as u8, 1);
    }
    let (mut next, mut width, mut prev) = (END + 1, 9u32, None::<usize>);
    let (mut acc, mut bits) = (0u32, 0u32);
    let mut out: Vec<u8> = Vec::new();
    let mut bytes = data.iter();
    loop {
        while bits < width {
            let Some(&b) = bytes.next() else {
                return Some(out);
            };
            acc = acc << 8 | b as u32;
            bits += 8;
        }
        let code = (acc >> (bits - width)) as usize & ((1 << width) - 1);
        bits -= width;
        acc &= (1 << bits) - 1;
        if code == CLEAR {
            (next, width, prev) = (END + 1, 9, None);
            continue;
        }
        if code == END {
            return Some(out);
        }
        if let Some(p) = prev {
            // The new entry: the previous string and the first byte of this one (of the
            // previous one when this is the entry being made).
            if code > next || (code == next && next >= SIZE) {
                return Some(out);
            }
            if next < SIZE {
                let head = if code == next { first[p] } else { first[code] };
                (prefix[next], last[next], first[next], len[next]) = (p as u16, head, first[p], len[p] + 1);
                next += 1;
                if next + early as usize >= 1 << width && width < 12 {
                    width += 1;
                }
            }
        } else if code > END {
            return Some(out);
        }
        let n = len[code] as usize;
        if out.len() + n > limit {
            return None;
        }
        out.resize(out.len() + n, 0);
        let (mut k, mut at) = (code, out.len());
        for _ in 0..n {
            at -= 1;
            out[at] = last[k];
            k = prefix[k] as usize;
        }
        prev = Some(code);
    }
}

/// RunLength data decoded: a length byte n below 128 copies the n + 1 bytes after it, above
/// 128 repeats the byte after it 257 − n times, 128 ends the data. None past `limit`.
pub fn run_length(data: &[u8], limit: usize) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let n = data[i] as usize;
        i += 1;
        match n {
            128 => break,
            0..=127 => {
                let run = &data[i..(i + n + 1).min(data.len())];
                out.extend_from_slice(run);
                i += run.len();
            }
            _ => {
                let Some(&b) = data.get(i) else { break };
                out.resize(out.len() + 257 - n, b);
                i += 1;
            }
        }
        if out.len() > limit {
            return None;
        }
    }
    Some(out)
}

/// The PNG (10–15) and TIFF (2, 8-bit) predictors of Flate and LZW data.
fn predict(data: Vec<u8>, p: &Dict) -> Option<Vec<u8>> {
    let get = |k: &[u8], d: f64| p.get(k).and_then(Object::as_num).unwrap_or(d).max(0.0) as usize;
    let predictor = get(b"Predictor", 1.0);
    if predictor < 2 {
        return Some(data);
    }
    let (colors, bpc, columns) =
        (get(b"Colors", 1.0).clamp(1, 32), get(b"BitsPerComponent", 8.0).clamp(1, 16), get(b"Columns", 1.0));
    let bpp = (colors * bpc).div_ceil(8).max(1);
    let row = (colors * bpc).checked_mul(columns)?.div_ceil(8);
    if row == 0 {
        return Some(Vec::new());
    }
    if predictor == 2 {
        let mut data = data;
        if bpc == 8 {
            for line in data.chunks_mut(row) {
                for i in bpp..line.len() {
                    line[i] = line[i].wrapping_add(line[i - bpp]);
                }
            }
        }
        return Some(data);
    }
    let mut out = Vec::with_capacity(data.len());
    let mut prev = vec![0u8; row];
    for line in data.chunks(row + 1) {
        let (kind, line) = (line[0], &line[1..]);
        let mut cur = vec![0u8; row];
        for i in 0..line.len() {
            let a = if i >= bpp { cur[i - bpp] } else { 0 };
            let b = prev[i];
            let c = if i >= bpp { prev[i - bpp] } else { 0 };
            cur[i] = line[i].wrapping_add(match kind {
                1 => a,
                2 => b,
                3 => ((a as u16 + b as u16) / 2) as u8,
                4 => {
                    let p = a as i16 + b as i16 - c as i16;
                    let (pa, pb, pc) = ((p - a as i16).abs(), (p - b as i16).abs(), (p - c as i16).abs());
                    if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    }
                }
                _ => 0,
            });
        }
        out.extend_from_slice(&cur[..line.len()]);
        prev = cur;
    }
    Some(out)
}

fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    let (mut group, mut n) = (0u64, 0);
    for &c in data {
        match c {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group = group * 85 + (c - b'!') as u64;
                n += 1;
                if n == 5 {
                    out.extend_from_slice(&(group as u32).to_be_bytes());
                    (group, n) = (0, 0);
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        for _ in n..5 {
            group = group * 85 + 84;
        }
        out.extend_from_slice(&(group as u32).to_be_bytes()[..n - 1]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &[u8]) -> Object {
        Lexer::new(s, 0).object(true).unwrap()
    }

    #[test]
    fn objects_parse() {
        assert_eq!(parse(b"  -12.5 "), Object::Num(-12.5));
        assert_eq!(parse(b"12 0 R"), Object::Ref(12, 0));
        assert_eq!(parse(b"/A#20b"), Object::Name(b"A b".to_vec()));
        assert_eq!(parse(b"(a\\(b\\)\\101\\\nc\r\nd)"), Object::Str(b"a(b)Ac\nd".to_vec()));
        assert_eq!(parse(b"<48 6 5 5>"), Object::Str(b"HeP".to_vec()));
        let d = parse(b"<< /K [1 2 0 R (x) null true] /L << /M 3 >> >>");
        let d = d.as_dict().unwrap();
        assert_eq!(d.get(b"K").unwrap().as_array().unwrap().len(), 5);
        assert_eq!(d.get(b"L").unwrap().as_dict().unwrap().get(b"M"), Some(&Object::Num(3.0)));
    }

    #[test]
    fn deep_nesting_ends() {
        let deep = "[".repeat(100_000);
        let _ = Lexer::new(deep.as_bytes(), 0).object(true);
        let deep = "<<".repeat(100_000);
        let _ = Lexer::new(deep.as_bytes(), 0).object(true);
    }

    #[test]
    fn content_operators_and_inline_images() {
        let mut ops = Ops::new(b"1 0 0 1 5 6 cm BI /W 1 /H 1 ID \x00EI\x01 EI (x) Tj");
        let mut operands = Vec::new();
        assert_eq!(ops.next(&mut operands), Some(&b"cm"[..]));
        assert_eq!(operands.len(), 6);
        assert_eq!(ops.next(&mut operands), Some(&b"BI"[..]));
        assert_eq!(ops.next(&mut operands), Some(&b"Tj"[..]));
        assert_eq!(operands, vec![Object::Str(b"x".to_vec())]);
        assert_eq!(ops.next(&mut operands), None);
    }

    /// The example of the PDF reference (7.4.4.2): "-----A---B" is the codes 256 45 258 258 65
    /// 259 66 257 in 9 bits.
    #[test]
    fn lzw_decodes_the_reference_example() {
        let data = [0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01];
        assert_eq!(lzw(&data, true, 100).unwrap(), b"-----A---B");
        // Capped: past the limit is refused, not truncated.
        assert_eq!(lzw(&data, true, 5), None);
        // Damaged: a code not yet made ends the data there; no data, nothing.
        assert_eq!(lzw(&[0x80, 0x0B, 0x7F, 0xFF], true, 100).unwrap(), b"-");
        assert_eq!(lzw(&[], true, 100).unwrap(), b"");
    }

    /// Codes written by an encoder that keeps the decoder's width, for both EarlyChange values,
    /// through the 10-, 11- and 12-bit widths and a table reset.
    #[test]
    fn lzw_widths_and_early_change() {
        /// The bits written, and the decoder's state: its next code, its width, and whether
        /// a code follows a clear.
        struct Writer {
            out: Vec<u8>,
            acc: u64,
            bits: u32,
            next: usize,
            width: u32,
            fresh: bool,
            early: bool,
        }
        impl Writer {
            fn put(&mut self, code: usize) {
                self.acc = self.acc << self.width | code as u64;
                self.bits += self.width;
                while self.bits >= 8 {
                    self.out.push((self.acc >> (self.bits - 8)) as u8);
                    self.bits -= 8;
                }
            }
            fn code(&mut self, code: usize) {
                self.put(code);
                if !self.fresh && self.next < 4096 {
                    self.next += 1;
                    if self.next + self.early as usize >= 1 << self.width && self.width < 12 {
                        self.width += 1;
                    }
                }
                self.fresh = false;
            }
            fn clear(&mut self) {
                self.put(256);
                (self.next, self.width, self.fresh) = (258, 9, true);
            }
        }
        fn encode(data: &[u8], early: bool) -> Vec<u8> {
            let mut w = Writer { out: Vec::new(), acc: 0, bits: 0, next: 258, width: 9, fresh: true, early };
            let fresh_table = || (0..256usize).map(|b| (vec![b as u8], b)).collect::<std::collections::HashMap<_, _>>();
            let mut table = fresh_table();
            w.clear();
            let mut run: Vec<u8> = Vec::new();
            for &c in data {
                let mut longer = run.clone();
                longer.push(c);
                if run.is_empty() || table.contains_key(&longer) {
                    run = longer;
                    continue;
                }
                w.code(table[&run]);
                let code = table.len() + 2;
                table.insert(longer, code);
                run = vec![c];
                if table.len() + 2 >= 4000 {
                    w.code(table[&run]);
                    run.clear();
                    w.clear();
                    table = fresh_table();
                }
            }
            if !run.is_empty() {
                w.code(table[&run]);
            }
            w.put(257);
            let pad = (8 - w.bits % 8) % 8;
            w.width = pad;
            w.put(0);
            w.out
        }
        // Varied bytes, so the table fills and is reset.
        let data: Vec<u8> = (0..60_000u32).map(|i| ((i * 7919) % 251 ^ (i / 13)) as u8).collect();
        for early in [true, false] {
            let coded = encode(&data, early);
            assert_eq!(lzw(&coded, early, usize::MAX).unwrap(), data, "EarlyChange {}", early as u8);
            // Read with the other EarlyChange, the widths go wrong.
            assert_ne!(lzw(&coded, !early, usize::MAX).unwrap(), data);
        }
        // A bomb: 1 MB of zeros in about 3 KB of codes, refused past the cap.
        let bomb = encode(&vec![0; 1 << 20], true);
        assert!(bomb.len() < 4096, "{}", bomb.len());
        assert!(lzw(&bomb, true, 100_000).is_none());
    }

    #[test]
    fn run_length_decodes_and_is_capped() {
        let data = [2, b'a', b'b', b'c', 254, b'x', 0, b'y', 128, 5, b'z'];
        assert_eq!(run_length(&data, 100).unwrap(), b"abcxxxy");
        assert_eq!(run_length(&data, 4), None);
        // Cut short: what is there.
        assert_eq!(run_length(&[4, b'a', b'b'], 100).unwrap(), b"ab");
        assert_eq!(run_length(&[200], 100).unwrap(), b"");
        // A bomb: 1 KB of run bytes would make 64 KB, past a 60 KB cap.
        assert!(run_length(&[129, 0].repeat(512), 60 * 1024).is_none());
    }

    #[test]
    fn png_predictor() {
        let p = Dict(vec![(b"Predictor".to_vec(), Object::Num(12.0)), (b"Columns".to_vec(), Object::Num(2.0))]);
        assert_eq!(predict(vec![2, 1, 2, 2, 1, 1], &p), Some(vec![1, 2, 2, 3]));
    }
}
