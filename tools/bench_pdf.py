#!/usr/bin/env python3
"""`make bench-pdf`: our PDF reader against pdfplumber on the same PDFs, side by side.

For each PDF: the pages, our time per PDF natively (in-process, `benches/pdf.rs`: reading the PDF
alone, and the whole check), pdfplumber's time for `pdfplumber.open()` + `page.extract_tables()`
(its default, ruling-line "lattice" strategy) over all pages, and the table cells each recovers
correctly out of the true cells.

The PDFs: every PDF under tests/fixtures (the real 淮安 PDF, its qpdf copies in generated/, the
small "Hello" files), plus generated 2021 reports printed to PDF by Chromium (`--print-to-pdf`)
and exported by LibreOffice from their Word file, when those programs are installed; report 1's
page is also printed framed (a bordered layout table with the page's metadata rows) and with its
tables' borders removed, and its Word file with no borders is exported by LibreOffice (no ruling
lines in either: pdfplumber's "text" strategy is tried there too).

The true cells:
  - the 淮安 PDF and its copies: the cells checked from poppler's `pdftotext -layout` text of the
    same PDF (tests/fixtures/real/c-huaian-szf-2024-pdftotext-layout.txt, whose every table cell
    tests/fixtures/README.md describes and the arithmetic confirms), cross-checked here against the
    `cell` lines of tests/fixtures/expect/c.txt for the PDF;
  - a generated report: the cells checked from the HTML page it was printed from.
Ours are compared cell by cell (table, row, column → value). pdfplumber's tables have no row or
column names, so its numeric cells, in reading order, are aligned with the true values in table
order (difflib); a matched value counts as correct.

Usage: tools/bench_pdf.py BENCH_CMD...   (BENCH_CMD runs benches/pdf.rs, e.g. cargo bench ...)
"""

import difflib
import glob
import json
import logging
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

import pdfplumber

# pdfminer warns about every subset font without a FontBBox (Chromium's); keep the table readable.
logging.disable(logging.WARNING)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "target", "bench-pdf")
HUAIAN_TRUTH = "tests/fixtures/real/c-huaian-szf-2024-pdftotext-layout.txt"
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
TEXT_STRATEGY = {"vertical_strategy": "text", "horizontal_strategy": "text"}


def run_bench(cmd, files):
    out = subprocess.run(cmd + ["--bench"] + files, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    return {d["file"]: d for d in map(json.loads, out.splitlines()) if d}


def generate(cmd):
    """Generated reports as HTML, printed to PDF by Chromium and LibreOffice; {pdf: source}."""
    os.makedirs(OUT, exist_ok=True)
    subprocess.run(cmd + ["--bench", "--write", OUT], cwd=ROOT, check=True, capture_output=True)
    made = {}
    for html in sorted(glob.glob(os.path.join(OUT, "gen-*.html"))):
        base = os.path.splitext(os.path.basename(html))[0]
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if chromium:
            pdf = os.path.join(OUT, base + "-chromium.pdf")
            subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                            "--print-to-pdf=" + pdf, "file://" + html], capture_output=True, timeout=120)
            if os.path.exists(pdf):
                made[pdf] = html
        soffice = shutil.which("soffice")
        if soffice:
            lo = os.path.join(OUT, "libreoffice")
            env = dict(os.environ, HOME=os.path.join(OUT, "lo-home"))
            # As agencies make them: the Word file (bordered tables, as Word's default table
            # style draws them) exported by LibreOffice.
            docx = os.path.splitext(html)[0] + ".docx"
            if not os.path.exists(docx):
                continue
            subprocess.run([soffice, "--headless", "--convert-to", "pdf:writer_pdf_Export", "--outdir", lo, docx],
                           capture_output=True, env=env, timeout=180)
            pdf = os.path.join(lo, base + ".pdf")
            if os.path.exists(pdf):
                made[pdf] = html
    return made


def cell_map(cells):
    return {(t, r, c): v for t, r, c, v in cells}


def huaian_expectations():
    """The `cell` lines of expect/c.txt for the 淮安 PDF: {(table, row, column): value}."""
    text = open(os.path.join(ROOT, "tests/fixtures/expect/c.txt"), encoding="utf-8").read()
    block = text.split("[real/huaian-szf-2024.pdf]", 1)[1].split("\n[", 1)[0]
    out = {}
    for line in block.splitlines():
        m = re.match(r"cell (\S+) (.+) (\S+): (\S+)$", line)
        if m:
            out[(m[1], m[2], m[3])] = m[4]
    return out


def plumber(path, runs=3, settings=None):
    """pdfplumber: (pages, median ms of open + extract_tables on every page, numeric cells)."""
    times, numbers, pages = [], [], 0
    for _ in range(runs):
        start = time.perf_counter()
        with pdfplumber.open(path) as pdf:
            tables = [t for page in pdf.pages for t in page.extract_tables(settings or {})]
            pages = len(pdf.pages)
        times.append((time.perf_counter() - start) * 1e3)
        numbers = [c for t in tables for row in t for c in row
                   if c and NUMBER.match(re.sub(r"[\s,]", "", c))]
    return pages, statistics.median(times), [re.sub(r"[\s,]", "", c) for c in numbers]


def aligned(found, truth):
    return sum(b.size for b in difflib.SequenceMatcher(None, found, truth, autojunk=False).get_matching_blocks())


def main():
    cmd = sys.argv[1:]
    fixtures = sorted(os.path.relpath(p, ROOT) for p in glob.glob(os.path.join(ROOT, "tests/fixtures/**/*.pdf"),
                                                                  recursive=True))
    generated = generate(cmd)
    gen_pdfs = [os.path.relpath(p, ROOT) for p in generated]
    sources = [os.path.relpath(p, ROOT) for p in generated.values()]
    print(f"timing our reader on {len(fixtures) + len(gen_pdfs)} PDFs (benches/pdf.rs) …", file=sys.stderr)
    ours = run_bench(cmd, fixtures + gen_pdfs + sorted(set(sources)) + [HUAIAN_TRUTH])

    huaian = ours[HUAIAN_TRUTH]["cells"]
    expected = huaian_expectations()
    wrong = {k: v for k, v in expected.items() if cell_map(huaian).get(k) != v}
    if wrong:
        sys.exit(f"the true 淮安 cells disagree with expect/c.txt: {wrong}")
    truth_of = {p: huaian for p in fixtures if "huaian" in os.path.basename(p)}
    for pdf, html in generated.items():
        truth_of[os.path.relpath(pdf, ROOT)] = ours[os.path.relpath(html, ROOT)]["cells"]

    head = ("PDF", "pages", "ours: read ms", "ours: check ms", "pdfplumber ms", "speed-up", "ours: cells right",
            "pdfplumber: numeric cells (right)")
    rows = []
    for path in fixtures + gen_pdfs:
        print(f"pdfplumber on {path} …", file=sys.stderr)
        o = ours[path]
        try:
            pages, p_ms, numbers = plumber(path)
            p_err = None
        except Exception as e:  # a PDF pdfplumber cannot open (a user password)
            pages, p_ms, numbers, p_err = "?", None, [], type(e).__name__
        truth = truth_of.get(path)
        if not o["readable"]:
            ours_read, ours_check, ours_cells = "—", "—", "unreadable: " + ",".join(o["unusable"])
        else:
            ours_read, ours_check = f"{o['read_ms']:.2f}", f"{o['check_ms']:.2f}"
            if truth:
                tm, om = cell_map(truth), cell_map(o["cells"])
                right = sum(1 for k, v in tm.items() if om.get(k) == v)
                extra = len([k for k in om if k not in tm])
                ours_cells = f"{right}/{len(tm)}" + (f" (+{extra} extra)" if extra else "")
            else:
                ours_cells = f"{len(o['cells'])} (no tables expected)" if not o["cells"] else str(len(o["cells"]))
        if p_err:
            p_cells, p_time, speed = f"fails: {p_err}", "—", "—"
        else:
            p_time = f"{p_ms:.0f}"
            speed = f"{p_ms / o['check_ms']:.0f}×" if o["readable"] else "—"
            if truth:
                tv = [v for _, _, _, v in truth]
                p_cells = f"{len(numbers)} ({aligned(numbers, tv)}/{len(tv)})"
                # No ruling lines found: its "text" (stream) strategy too, untimed.
                if len(numbers) < len(tv) // 2:
                    _, _, text_numbers = plumber(path, runs=1, settings=TEXT_STRATEGY)
                    p_cells += f"; text strategy {len(text_numbers)} ({aligned(text_numbers, tv)}/{len(tv)})"
            else:
                p_cells = str(len(numbers))
        name = path.replace("tests/fixtures/", "").replace("target/bench-pdf/", "generated: ")
        rows.append((name, str(pages), ours_read, ours_check, p_time, speed, ours_cells, p_cells))

    print()
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in rows:
        print("| " + " | ".join(r) + " |")
    print()
    print(f"pdfplumber {pdfplumber.__version__}, Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} cores; ours: mean over ≥0.5 s in-process (bench profile); "
          "pdfplumber: median of 3 runs; speed-up = pdfplumber ÷ our whole check")


if __name__ == "__main__":
    main()
