//! The same report as an HTML page, a Word clipboard fragment and a .docx file, made from the
//! generator's tab-separated text, so that every format carries exactly the same numbers.
//!
//! Tab rows leave merged cells blank, as a copy from Word does. [`merge`] turns those blanks back
//! into the merges the official format draws: labels spanning rows (三、本年度办理结果) and
//! columns (申请人情况), a number spanning the empty columns after it (行政许可 | 8). HTML gets
//! rowspan/colspan, Word gets gridSpan/vMerge.

/// A cell of a merged grid: its text and how far it spans.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub text: String,
    pub rowspan: usize,
    pub colspan: usize,
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.trim_start_matches('-').chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// Tab rows with blank continuations → a grid of cells with spans; `None` where a cell spans into.
pub fn merge(rows: &[Vec<String>]) -> Vec<Vec<Option<Merged>>> {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut grid: Vec<Vec<Option<Merged>>> = Vec::new();
    // Who covers each position: (row, column) of the cell's origin.
    let mut owner: Vec<Vec<Option<(usize, usize)>>> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let cell = |c: usize| row.get(c).map(String::as_str).unwrap_or("");
        // A value cell: a number, a "/" or "—" standing for an unfilled one, or a cell the
        // generator marks blank (`gen::BLANK_CELL`), a value cell with no text.
        let is_value = |s: &str| is_number(s) || ["/", "—", super::gen::BLANK_CELL].contains(&s);
        let first_number = (0..width).find(|&c| is_value(cell(c)));
        grid.push(vec![None; width]);
        owner.push(vec![None; width]);
        for c in 0..width {
            if owner[r][c].is_some() {
                continue;
            }
            let text = cell(c);
            if !text.is_empty() {
                let text = if text == super::gen::BLANK_CELL { "" } else { text };
                grid[r][c] = Some(Merged { text: text.to_string(), rowspan: 1, colspan: 1 });
                owner[r][c] = Some((r, c));
                continue;
            }
            // Left: the cell before, if it starts in this row.
            let left = c.checked_sub(1).and_then(|l| owner[r][l]).filter(|&(or, _)| or == r);
            // Up: the label above, if it starts at this column and all its columns are blank here.
            let up = r.checked_sub(1).and_then(|u| owner[u][c]).filter(|&(or, oc)| {
                let o = grid[or][oc].as_ref().expect("owners are origins");
                oc == c && !is_number(&o.text) && (c..c + o.colspan).all(|k| cell(k).is_empty())
            });
            let trailing = (c..width).all(|k| cell(k).is_empty());
            let choice = match first_number {
                // Header rows: a label above reaches down; otherwise the one on the left across.
                None => up.map(|o| (o, true)).or(left.map(|o| (o, false))),
                // Label part of a data row: across first, then down.
                Some(n) if c < n => left.map(|o| (o, false)).or(up.map(|o| (o, true))),
                // After the numbers only blanks: the last cell spans them.
                Some(_) if trailing => left.map(|o| (o, false)),
                Some(_) => None,
            };
            match choice {
                Some(((or, oc), true)) => {
                    let o = grid[or][oc].as_mut().expect("owners are origins");
                    o.rowspan += 1;
                    owner[r][c..c + o.colspan].fill(Some((or, oc)));
                }
                Some(((or, oc), false)) => {
                    grid[or][oc].as_mut().expect("owners are origins").colspan += 1;
                    owner[r][c] = Some((or, oc));
                }
                None => {
                    grid[r][c] = Some(Merged { text: String::new(), rowspan: 1, colspan: 1 });
                    owner[r][c] = Some((r, c));
                }
            }
        }
    }
    grid
}

/// A block of the report text: a paragraph line, or a table of tab rows.
pub enum Part {
    Line(String),
    Table(Vec<Vec<String>>),
}

/// The generator's tab-rows text, as paragraphs and tables.
pub fn parts(tab_text: &str) -> Vec<Part> {
    let mut out: Vec<Part> = Vec::new();
    for line in tab_text.lines() {
        if line.contains('\t') {
            let row: Vec<String> = line.split('\t').map(str::to_string).collect();
            match out.last_mut() {
                Some(Part::Table(rows)) => rows.push(row),
                _ => out.push(Part::Table(vec![row])),
            }
        } else if !line.trim().is_empty() {
            out.push(Part::Line(line.to_string()));
        } else if matches!(out.last(), Some(Part::Table(_))) {
            out.push(Part::Line(String::new()));
        }
    }
    out.retain(|p| !matches!(p, Part::Line(l) if l.is_empty()));
    out
}

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn span_attrs(m: &Merged) -> String {
    let mut a = String::new();
    if m.rowspan > 1 {
        a.push_str(&format!(" rowspan=\"{}\"", m.rowspan));
    }
    if m.colspan > 1 {
        a.push_str(&format!(" colspan={}", m.colspan));
    }
    a
}

/// A government page: chrome, navigation, scripts, the report in a layout table.
pub fn html_page(tab_text: &str, charset: &str, published: &str) -> String {
    let mut body = String::new();
    for part in parts(tab_text) {
        match part {
            Part::Line(l) if l.contains("年度报告") && body.is_empty() => {
                body.push_str(&format!("<h1 class=\"title\">{}</h1>\n", escape(&l)));
                body.push_str(&format!(
                    "<div class=\"info\">发布时间：{published}&nbsp;&nbsp;点击数：<span id=hits>123</span></div>\n"
                ));
            }
            Part::Line(l) => body.push_str(&format!("<p style=\"text-indent:2em\">{}</p>\n", escape(&l))),
            Part::Table(rows) => {
                body.push_str("<table border=\"1\" cellspacing=\"0\" style=\"width:100%\"><tbody>\n");
                for row in merge(&rows) {
                    body.push_str("<tr>");
                    for m in row.iter().flatten() {
                        body.push_str(&format!(
                            "<td{}><p align=center><span>{}</span></p></td>",
                            span_attrs(m),
                            escape(&m.text)
                        ));
                    }
                    body.push_str("</tr>\n");
                }
                body.push_str("</tbody></table>\n");
            }
        }
    }
    format!(
        "<!DOCTYPE html>\n<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset={charset}\">\n\
         <title>年报 - 某某市人民政府</title>\n<style>td {{ border: 1px solid #000 }} p {{ margin: 0 }}</style>\n\
         <script>var nav = '<p>一、总体情况</p>'; if (a < b) {{ go(); }}</script></head>\n<body>\n\
         <div class=\"top\"><nav><a href=\"/\">首页</a> &gt; <a href=\"/xxgk\">信息公开</a> &gt; 年报</nav></div>\n\
         <table class=\"layout\" width=\"1000\"><tr><td class=\"content\">\n{body}</td></tr></table>\n\
         <div class=\"footer\"><p>扫一扫在手机打开当前页</p></div>\n</body></html>\n"
    )
}

/// How a government CMS page puts the report on paper: the kinds of frame drawn around it, and
/// of tables without rules, that its print to PDF shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageStyle {
    /// [`html_page`] as it is: the layout table without borders.
    Plain,
    /// The layout table bordered, with the page's metadata rows (索引号, 发布机构…) above the
    /// report's cell, as many 信息公开 pages print: the report's tables sit inside a cell
    /// of a ruled table, a few points inside its border.
    MetadataTable,
    /// The report in a bordered box (a `<div>` with a border and padding): the box is cut
    /// at each page break, the tables are inside it, clear of its border.
    BorderedBox,
    /// The layout table bordered and collapsed, no padding, and the report's tables as wide as
    /// it, collapsed too: their outer borders are the frame's border.
    FlushFrame,
    /// No rules at all: the report's tables drawn without borders (CSS `border: none`), cells
    /// aligned only by their positions.
    Borderless,
}

impl PageStyle {
    pub const FRAMED: [PageStyle; 3] = [PageStyle::MetadataTable, PageStyle::BorderedBox, PageStyle::FlushFrame];
}

/// [`html_page`] in a page style.
pub fn html_page_styled(tab_text: &str, charset: &str, published: &str, style: PageStyle) -> String {
    let page = html_page(tab_text, charset, published);
    let css = |extra: &str| page.replace("p { margin: 0 }</style>", &format!("p {{ margin: 0 }} {extra}</style>"));
    let layout = "<table class=\"layout\" width=\"1000\"><tr><td class=\"content\">";
    match style {
        PageStyle::Plain => page,
        PageStyle::MetadataTable => page.replace(
            layout,
            "<table class=\"layout\" width=\"100%\" border=\"1\" cellspacing=\"0\">\
             <tr><td>索引号</td><td>113208000141604980/2024-00012</td><td>发布机构</td><td>某某市人民政府办公室</td></tr>\
             <tr><td>生成日期</td><td>2024-01-15</td><td>公开方式</td><td>主动公开</td></tr>\
             <tr><td class=\"content\" colspan=\"4\">",
        ),
        PageStyle::BorderedBox => css(".box { border: 2px solid #333; padding: 16px }")
            .replace(layout, "<div class=\"box\"><table class=\"layout\"><tr><td class=\"content\">")
            .replace("</td></tr></table>\n<div class=\"footer\">", "</td></tr></table></div>\n<div class=\"footer\">"),
        PageStyle::FlushFrame => css(
            "table { border-collapse: collapse } table.layout { width: 100%; border: 1px solid #000 } \
             td.content { padding: 0; border: 1px solid #000 } td { padding: 0 }",
        )
        .replace(layout, "<table class=\"layout\"><tr><td class=\"content\">"),
        PageStyle::Borderless => css("table, td { border: none !important }"),
    }
}

/// What Word puts on the clipboard: MsoNormal paragraphs, o:p, spans, a conditional comment.
pub fn word_clipboard_fragment(tab_text: &str) -> String {
    let para = |t: &str| {
        format!(
            "<p class=MsoNormal style='text-indent:24.0pt'><span style='font-size:12.0pt;font-family:仿宋_GB2312'>{}<o:p></o:p></span></p>\r\n",
            escape(t).replace(' ', "&nbsp;")
        )
    };
    let mut body = String::new();
    for part in parts(tab_text) {
        match part {
            Part::Line(l) => body.push_str(&para(&l)),
            Part::Table(rows) => {
                body.push_str("<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;border:none'>\r\n");
                for row in merge(&rows) {
                    body.push_str(" <tr style='height:20.0pt'>\r\n");
                    for m in row.iter().flatten() {
                        body.push_str(&format!(
                            "  <td width=60{} valign=top style='width:45.0pt;border:solid windowtext 1.0pt'>\r\n  <p class=MsoNormal align=center><span lang=EN-US>{}<o:p></o:p></span></p>\r\n  </td>\r\n",
                            span_attrs(m),
                            if m.text.is_empty() { "&nbsp;".to_string() } else { escape(&m.text) }
                        ));
                    }
                    body.push_str(" </tr>\r\n");
                }
                body.push_str("</table>\r\n");
            }
        }
    }
    format!(
        "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><meta name=Generator content=\"Microsoft Word 15\">\
         <!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->\
         <style><!-- p.MsoNormal {{margin:0cm;}} --></style></head><body lang=ZH-CN><!--StartFragment-->\r\n{body}<!--EndFragment--></body></html>"
    )
}

/// Escapes text for Word XML.
fn w_text(t: &str) -> String {
    format!("<w:r><w:rPr><w:rFonts w:hint=\"eastAsia\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>", escape(t))
}

/// Section headings "一、…" numbered by Word's list feature rather than typed.
const NUMBERING_XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;

/// The body of word/document.xml. With `auto_numbering`, headings "一、…" lose their typed number
/// and get a list number instead.
pub fn document_xml(tab_text: &str, auto_numbering: bool) -> String {
    const HEADINGS: [&str; 6] = ["一、", "二、", "三、", "四、", "五、", "六、"];
    let mut body = String::new();
    for part in parts(tab_text) {
        match part {
            Part::Line(l) => {
                let numbered = HEADINGS.iter().find_map(|h| l.strip_prefix(h)).filter(|_| auto_numbering);
                match numbered {
                    Some(rest) => body.push_str(&format!(
                        "<w:p><w:pPr><w:pStyle w:val=\"2\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>{}</w:p>",
                        w_text(rest)
                    )),
                    None => body.push_str(&format!("<w:p><w:pPr><w:ind w:firstLine=\"640\"/></w:pPr>{}</w:p>", w_text(&l))),
                }
            }
            Part::Table(rows) => {
                let grid = merge(&rows);
                let width = grid.iter().map(Vec::len).max().unwrap_or(0);
                body.push_str("<w:tbl><w:tblPr><w:tblStyle w:val=\"a3\"/></w:tblPr><w:tblGrid>");
                body.push_str(&"<w:gridCol w:w=\"900\"/>".repeat(width));
                body.push_str("</w:tblGrid>");
                for (r, row) in grid.iter().enumerate() {
                    body.push_str("<w:tr>");
                    let mut c = 0;
                    while c < row.len() {
                        let (props, text, span) = match &row[c] {
                            Some(m) => {
                                let merge = if m.rowspan > 1 { "<w:vMerge w:val=\"restart\"/>" } else { "" };
                                (format!("<w:gridSpan w:val=\"{}\"/>{merge}", m.colspan), m.text.clone(), m.colspan)
                            }
                            // Spanned into from above: Word writes a continuing cell of the same width.
                            None => match (0..r).rev().find_map(|u| grid[u][c].as_ref().map(|m| (u, m))) {
                                Some((u, m)) if u + m.rowspan > r => (
                                    format!("<w:gridSpan w:val=\"{}\"/><w:vMerge/>", m.colspan),
                                    String::new(),
                                    m.colspan,
                                ),
                                _ => {
                                    c += 1;
                                    continue;
                                }
                            },
                        };
                        body.push_str(&format!("<w:tc><w:tcPr><w:tcW w:w=\"900\" w:type=\"dxa\"/>{props}</w:tcPr><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>{}</w:p></w:tc>", if text.is_empty() { String::new() } else { w_text(&text) }));
                        c += span.max(1);
                    }
                    body.push_str("</w:tr>");
                }
                body.push_str("</w:tbl>");
            }
        }
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"><w:body>{body}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>"
    )
}

/// A .docx file of the report.
pub fn docx(tab_text: &str, auto_numbering: bool) -> Vec<u8> {
    docx_of(&document_xml(tab_text, auto_numbering), auto_numbering)
}

/// A .docx file of the report as an agency's Word file is laid out for print: every table as
/// wide as the text column (its columns share 9 000 twips, so the 15 columns of the review table
/// fit an A4 page and long labels wrap in narrow cells), every cell border drawn (the "网格型"
/// table style): what LibreOffice prints as ruling lines in a PDF.
pub fn docx_with_borders(tab_text: &str) -> Vec<u8> {
    docx_laid_out(tab_text, "single")
}

/// [`docx_with_borders`] with every border switched off (`w:val="nil"`): tables a reader can
/// only rebuild from where the text stands, as many agencies' Word files draw them.
pub fn docx_without_borders(tab_text: &str) -> Vec<u8> {
    docx_laid_out(tab_text, "nil")
}

/// [`docx_with_borders`] with a note row ("注：…") just above the table row that starts with
/// `before`: one cell spanning every column of its table, as Word's merged cells draw it.
pub fn docx_with_note_row(tab_text: &str, before: &str, note: &str) -> Vec<u8> {
    let doc = laid_out_xml(tab_text, "single");
    let at = doc.find(&format!("<w:t xml:space=\"preserve\">{before}")).or_else(|| doc.find(before)).expect("the row");
    let row = doc[..at].rfind("<w:tr>").expect("its row");
    let table = doc[..at].rfind("<w:tbl>").expect("its table");
    let columns = doc[table..at].matches("<w:gridCol ").count();
    let cell = format!(
        "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"{columns}\"/></w:tcPr><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc></w:tr>",
        escape(note)
    );
    docx_of(&format!("{}{cell}{}", &doc[..row], &doc[row..]), false)
}

fn docx_laid_out(tab_text: &str, border: &str) -> Vec<u8> {
    docx_of(&laid_out_xml(tab_text, border), false)
}

fn laid_out_xml(tab_text: &str, border: &str) -> String {
    const BORDERS: &str = "<w:tblW w:w=\"9000\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\" w:sz=\"4\"/><w:bottom w:val=\"single\" w:sz=\"4\"/><w:right w:val=\"single\" w:sz=\"4\"/><w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/></w:tblBorders>";
    let borders = BORDERS.replace("\"single\"", &format!("\"{border}\""));
    let doc = document_xml(tab_text, false).replace("<w:tblStyle w:val=\"a3\"/>", &borders);
    let mut tables = doc.split("<w:tbl>");
    let mut out = tables.next().unwrap_or_default().to_string();
    for table in tables {
        let columns = table.matches("<w:gridCol ").count().max(1);
        let width = format!("w:w=\"{}\"", 9000 / columns);
        out.push_str("<w:tbl>");
        out.push_str(&table.replace("<w:tcW w:w=\"900\" w:type=\"dxa\"/>", "").replace("w:w=\"900\"", &width));
    }
    out
}

fn docx_of(doc: &str, auto_numbering: bool) -> Vec<u8> {
    let content_types = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", content_types.as_bytes()),
        ("_rels/.rels", rels.as_bytes()),
        ("word/document.xml", doc.as_bytes()),
    ];
    if auto_numbering {
        entries.push(("word/numbering.xml", NUMBERING_XML.as_bytes()));
    }
    zip_entries(&entries, true, true)
}

/// A zip archive of `(name, content)` entries, deflated, with a central directory.
pub fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    zip_with(entries, true)
}

/// The CRC-32 of a zip entry (our reader ignores it; LibreOffice refuses a file without it).
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// A zip archive of `(name, content)` entries, deflated or stored (method 8 or 0).
pub fn zip_with(entries: &[(&str, &[u8])], deflate: bool) -> Vec<u8> {
    zip_entries(entries, deflate, false)
}

/// A zip archive, with the entries' CRC-32 when `crc` (the bombs of the limit tests leave it 0:
/// our reader does not check it, and it would take long on their hundreds of MB).
fn zip_entries(entries: &[(&str, &[u8])], deflate: bool, crc: bool) -> Vec<u8> {
    let method = if deflate { 8u8 } else { 0 };
    let mut out = Vec::new();
    let mut directory = Vec::new();
    for (name, content) in entries {
        let data = if deflate { miniz_oxide::deflate::compress_to_vec(content, 6) } else { content.to_vec() };
        let offset = out.len() as u32;
        let sizes = [
            if crc { crc32(content) } else { 0 }.to_le_bytes(),
            (data.len() as u32).to_le_bytes(),
            (content.len() as u32).to_le_bytes(),
        ]
        .concat();
        out.extend_from_slice(b"PK\x03\x04\x14\0\0\0");
        out.extend_from_slice(&[method, 0, 0, 0, 0, 0]);
        out.extend_from_slice(&sizes);
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&data);
        directory.extend_from_slice(b"PK\x01\x02\x14\0\x14\0\0\0");
        directory.extend_from_slice(&[method, 0, 0, 0, 0, 0]);
        directory.extend_from_slice(&sizes);
        directory.extend_from_slice(&(name.len() as u16).to_le_bytes());
        directory.extend_from_slice(&[0; 12]);
        directory.extend_from_slice(&offset.to_le_bytes());
        directory.extend_from_slice(name.as_bytes());
    }
    let dir_offset = out.len() as u32;
    out.extend_from_slice(&directory);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(directory.len() as u32).to_le_bytes());
    out.extend_from_slice(&dir_offset.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}
