//! A page's content stream interpreted as far as reading needs: where each character is drawn
//! and which straight lines are drawn (the rules of tables). Colours, images and clipping are
//! ignored; text positions follow the text and graphics matrices exactly.

use std::collections::HashMap;
use std::rc::Rc;

use super::font::Font;
use super::objects::{Dict, Doc, Object, Ops};
use super::{Budget, PdfError};

/// Nested form XObjects followed; deeper ones are skipped.
const MAX_FORM_DEPTH: usize = 8;
/// Saved graphics states (q without Q) kept; more are ignored.
const MAX_SAVED_STATES: usize = 256;

/// One character drawn, in page space with y growing downwards (top of the page is 0).
#[derive(Debug, Clone)]
pub struct Glyph {
    pub x0: f64,
    pub x1: f64,
    /// Baseline.
    pub y: f64,
    pub size: f64,
    pub text: String,
}

/// A straight axis-aligned line drawn on the page: a table rule.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rule {
    pub fn horizontal(&self) -> bool {
        (self.y1 - self.y0).abs() <= (self.x1 - self.x0).abs()
    }
}

#[derive(Default)]
pub struct PageContent {
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    /// Characters drawn with fonts that have no Unicode mapping.
    pub unmapped: usize,
    /// Images drawn (a scanned page is one).
    pub images: usize,
}

type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    hscale: f64,
    leading: f64,
    rise: f64,
    /// The stroke and fill colours are (nearly) white: rules drawn in them are invisible.
    stroke_white: bool,
    fill_white: bool,
}

pub struct Interpreter<'a, 'b> {
    doc: &'b Doc<'a>,
    budget: &'b mut Budget,
    /// Fonts by their object number.
    fonts: HashMap<u32, Rc<Font>>,
    out: PageContent,
    page_top: f64,
    state: State,
    saved: Vec<State>,
    tm: Matrix,
    tlm: Matrix,
    path: Vec<Vec<(f64, f64)>>,
}

impl<'a, 'b> Interpreter<'a, 'b> {
    pub fn new(doc: &'b Doc<'a>, budget: &'b mut Budget, base: Matrix, page_top: f64) -> Self {
        let state = State {
            ctm: base,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            hscale: 1.0,
            leading: 0.0,
            rise: 0.0,
            stroke_white: false,
            fill_white: false,
        };
        Interpreter {
            doc,
            budget,
            fonts: HashMap::new(),
            out: PageContent::default(),
            page_top,
            state,
            saved: Vec::new(),
            tm: IDENTITY,
            tlm: IDENTITY,
            path: Vec::new(),
        }
    }

    pub fn finish(self) -> PageContent {
        self.out
    }

    /// Runs a content stream with its resources.
    pub fn run(&mut self, data: &[u8], fonts: &Dict, xobjects: &Dict, depth: usize) -> Result<(), PdfError> {
        let mut ops = Ops::new(data);
        let mut operands: Vec<Object> = Vec::new();
        while let Some(op) = ops.next(&mut operands) {
            self.budget.operations += 1;
            if self.budget.operations > super::MAX_OPERATIONS {
                return Err(PdfError::TooComplex);
            }
            let n = |i: usize| operands.get(i).and_then(Object::as_num).unwrap_or(0.0);
            match op {
                b"q" if self.saved.len() < MAX_SAVED_STATES => {
                    self.saved.push(self.state.clone());
                }
                b"Q" => {
                    if let Some(s) = self.saved.pop() {
                        self.state = s;
                    }
                }
                b"cm" => {
                    let m = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    self.state.ctm = mul(&m, &self.state.ctm);
                }
                b"g" | b"rg" | b"k" | b"G" | b"RG" | b"K" | b"sc" | b"scn" | b"SC" | b"SCN" => {
                    let white = white(op, &operands);
                    if op[0].is_ascii_lowercase() {
                        self.state.fill_white = white;
                    } else {
                        self.state.stroke_white = white;
                    }
                }
                b"m" => {
                    let p = apply(&self.state.ctm, n(0), n(1));
                    if self.path.len() < 10_000 {
                        self.path.push(vec![p]);
                    }
                }
                b"l" => {
                    let p = apply(&self.state.ctm, n(0), n(1));
                    if let Some(sub) = self.path.last_mut().filter(|s| s.len() < 10_000) {
                        sub.push(p);
                    }
                }
                b"c" | b"v" | b"y" => {
                    // A curve is no rule: break the subpath.
                    let k = operands.len();
                    let p = apply(&self.state.ctm, n(k.saturating_sub(2)), n(k.saturating_sub(1)));
                    if self.path.len() < 10_000 {
                        self.path.push(vec![p]);
                    }
                }
                b"h" => {
                    if let Some(sub) = self.path.last_mut() {
                        if let Some(&first) = sub.first() {
                            sub.push(first);
                        }
                    }
                }
                b"re" => {
                    let (x, y, w, h) = (n(0), n(1), n(2), n(3));
                    let c = &self.state.ctm;
                    let sub = vec![
                        apply(c, x, y),
                        apply(c, x + w, y),
                        apply(c, x + w, y + h),
                        apply(c, x, y + h),
                        apply(c, x, y),
                    ];
                    if self.path.len() < 10_000 {
                        self.path.push(sub);
                    }
                }
                b"S" | b"s" => {
                    if !self.state.stroke_white {
                        self.stroke_path();
                    }
                    self.path.clear();
                }
                b"f" | b"F" | b"f*" => {
                    if !self.state.fill_white {
                        self.fill_path();
                    }
                    self.path.clear();
                }
                b"B" | b"B*" | b"b" | b"b*" => {
                    if !self.state.stroke_white {
                        self.stroke_path();
                    }
                    if !self.state.fill_white {
                        self.fill_path();
                    }
                    self.path.clear();
                }
                b"n" => self.path.clear(),
                b"BT" => {
                    self.tm = IDENTITY;
                    self.tlm = IDENTITY;
                }
                b"Tf" => {
                    if let Some(Object::Name(name)) = operands.first() {
                        self.state.font = self.font(fonts, name);
                    }
                    self.state.size = n(1);
                }
                b"Tc" => self.state.char_spacing = n(0),
                b"Tw" => self.state.word_spacing = n(0),
                b"Tz" => self.state.hscale = n(0) / 100.0,
                b"TL" => self.state.leading = n(0),
                b"Ts" => self.state.rise = n(0),
                b"Td" => self.next_line(n(0), n(1)),
                b"TD" => {
                    self.state.leading = -n(1);
                    self.next_line(n(0), n(1));
                }
                b"Tm" => {
                    self.tm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    self.tlm = self.tm;
                }
                b"T*" => self.next_line(0.0, -self.state.leading),
                b"Tj" => {
                    if let Some(Object::Str(s)) = operands.first() {
                        self.show(s);
                    }
                }
                b"'" => {
                    self.next_line(0.0, -self.state.leading);
                    if let Some(Object::Str(s)) = operands.first() {
                        self.show(s);
                    }
                }
                b"\"" => {
                    self.state.word_spacing = n(0);
                    self.state.char_spacing = n(1);
                    self.next_line(0.0, -self.state.leading);
                    if let Some(Object::Str(s)) = operands.get(2) {
                        self.show(s);
                    }
                }
                b"TJ" => {
                    if let Some(Object::Array(a)) = operands.first() {
                        self.show_array(a);
                    }
                }
                b"BI" => self.out.images += 1,
                b"Do" => {
                    if let Some(Object::Name(name)) = operands.first() {
                        self.xobject(xobjects, name, depth)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn font(&mut self, fonts: &Dict, name: &[u8]) -> Option<Rc<Font>> {
        // Fonts are cached by their object number; a direct font dictionary is loaded each time.
        let num = match fonts.get(name) {
            Some(Object::Ref(n, _)) => Some(*n),
            _ => None,
        };
        if let Some(f) = num.and_then(|n| self.fonts.get(&n)) {
            return Some(f.clone());
        }
        let dict = self.doc.dict(fonts, name)?;
        let font = Rc::new(Font::load(self.doc, &dict));
        if let Some(n) = num {
            self.fonts.insert(n, font.clone());
        }
        Some(font)
    }

    fn xobject(&mut self, xobjects: &Dict, name: &[u8], depth: usize) -> Result<(), PdfError> {
        let doc = self.doc;
        let Some(stream) = doc.stream(xobjects, name) else { return Ok(()) };
        let dict = &stream.dict;
        match doc.name(dict, b"Subtype").as_deref() {
            Some(b"Image") => self.out.images += 1,
            Some(b"Form") if depth < MAX_FORM_DEPTH => {
                let Some(data) = doc.decode(&stream) else { return Ok(()) };
                self.budget.take(data.len())?;
                let saved = (self.state.clone(), self.tm, self.tlm);
                if let Some(m) = doc.array(dict, b"Matrix") {
                    let v: Vec<f64> = m.iter().filter_map(|o| doc.resolve(o).as_num()).collect();
                    if v.len() == 6 {
                        self.state.ctm = mul(&[v[0], v[1], v[2], v[3], v[4], v[5]], &self.state.ctm);
                    }
                }
                let resources = doc.dict(dict, b"Resources").unwrap_or_default();
                let saved_depth = self.saved.len();
                let fonts = doc.dict(&resources, b"Font").unwrap_or_default();
                let xobjects = doc.dict(&resources, b"XObject").unwrap_or_default();
                self.run(&data, &fonts, &xobjects, depth + 1)?;
                self.saved.truncate(saved_depth);
                (self.state, self.tm, self.tlm) = saved;
            }
            _ => {}
        }
        Ok(())
    }

    fn next_line(&mut self, tx: f64, ty: f64) {
        self.tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.tlm);
        self.tm = self.tlm;
    }

    fn show_array(&mut self, a: &[Object]) {
        for item in a {
            match item {
                Object::Str(s) => self.show(s),
                Object::Num(n) => {
                    let tx = -n / 1000.0 * self.state.size * self.state.hscale;
                    self.tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &self.tm);
                }
                _ => {}
            }
        }
    }

    fn show(&mut self, bytes: &[u8]) {
        let Some(font) = self.state.font.clone() else { return };
        let st = &self.state;
        for code in font.codes(bytes) {
            let w0 = font.width(&code) / 1000.0;
            let space = if code.bytes == 1 && code.code == 32 { st.word_spacing } else { 0.0 };
            let tx = (w0 * st.size + st.char_spacing + space) * st.hscale;
            let trm = mul(&[st.size * st.hscale, 0.0, 0.0, st.size, 0.0, st.rise], &mul(&self.tm, &st.ctm));
            let (x0, y0) = (trm[4], trm[5]);
            let (x1, _) = apply(&mul(&self.tm, &st.ctm), tx, st.rise);
            let size = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
            match font.text(&code) {
                Some(text) => {
                    if !text.trim().is_empty() && self.out.glyphs.len() < super::MAX_GLYPHS {
                        self.out.glyphs.push(Glyph {
                            x0: x0.min(x1),
                            x1: x0.max(x1),
                            y: self.page_top - y0,
                            size,
                            text,
                        });
                    }
                }
                None => self.out.unmapped += 1,
            }
            self.tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &self.tm);
        }
    }

    fn push_rule(&mut self, (x0, y0): (f64, f64), (x1, y1): (f64, f64)) {
        if self.out.rules.len() >= super::MAX_RULES {
            return;
        }
        let (top0, top1) = (self.page_top - y0, self.page_top - y1);
        let rule = Rule { x0: x0.min(x1), y0: top0.min(top1), x1: x0.max(x1), y1: top0.max(top1) };
        let (w, h) = (rule.x1 - rule.x0, rule.y1 - rule.y0);
        // Axis-aligned lines only; a dot is no rule.
        if (h <= 1.0 && w > 2.0) || (w <= 1.0 && h > 2.0) {
            self.out.rules.push(rule);
        }
    }

    fn stroke_path(&mut self) {
        let path = std::mem::take(&mut self.path);
        for sub in &path {
            for pair in sub.windows(2) {
                self.push_rule(pair[0], pair[1]);
            }
        }
    }

    /// Filled thin rectangles are rules too (Word draws cell borders so).
    fn fill_path(&mut self) {
        let path = std::mem::take(&mut self.path);
        for sub in &path {
            if sub.len() < 4 {
                continue;
            }
            let xs = sub.iter().map(|p| p.0);
            let ys = sub.iter().map(|p| p.1);
            let (x0, x1) = (xs.clone().fold(f64::MAX, f64::min), xs.fold(f64::MIN, f64::max));
            let (y0, y1) = (ys.clone().fold(f64::MAX, f64::min), ys.fold(f64::MIN, f64::max));
            let (w, h) = (x1 - x0, y1 - y0);
            if h <= 3.0 && w > 2.0 {
                let y = (y0 + y1) / 2.0;
                self.push_rule((x0, y), (x1, y));
            } else if w <= 3.0 && h > 2.0 {
                let x = (x0 + x1) / 2.0;
                self.push_rule((x, y0), (x, y1));
            }
        }
    }
}

/// Whether a colour operator sets (nearly) white.
fn white(op: &[u8], operands: &[Object]) -> bool {
    let v: Vec<f64> = operands.iter().filter_map(Object::as_num).collect();
    match (op, v.len()) {
        (b"k" | b"K", 4) => v.iter().all(|c| *c < 0.1),
        (_, 1 | 3) => v.iter().all(|c| *c > 0.9),
        _ => false,
    }
}
