#!/usr/bin/env python3
"""Writes tests/fixtures/generated/huaian-lzw-runlength.pdf: the real 淮安 PDF with its page
content streams and its fonts' ToUnicode CMaps re-encoded with the LZW and RunLength filters,
as old PDF writers (and some scanners' software) wrote them:

  pages 1, 3, 5   LZWDecode, EarlyChange 1 (the default), after a PNG "Up" predictor
                  (/DecodeParms << /Predictor 12 /Columns 64 >>)
  pages 2, 4      LZWDecode with /DecodeParms << /EarlyChange 0 >>
  page 6          RunLengthDecode
  ToUnicode CMaps alternately LZWDecode (EarlyChange 1) and RunLengthDecode

qpdf (through pikepdf) decodes every re-encoded stream back and the script checks it equals the
original, so the encoders here are checked by a decoder that is not ours (qpdf reads no
predictor after LZW: there its LZW part is checked alone; nor RunLength: pdfminer's decoder
checks it).

Usage: python -m venv target/venv && target/venv/bin/pip install pikepdf pdfminer.six
       target/venv/bin/python tools/gen_pdf_filters.py
"""

import os

import pikepdf
from pdfminer.runlength import rldecode
from pikepdf import Dictionary, Name

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(ROOT, "tests/fixtures/real/huaian-szf-2024.pdf")
OUT = os.path.join(ROOT, "tests/fixtures/generated/huaian-lzw-runlength.pdf")


def lzw(data, early=True):
    """LZW codes of 9-12 bits, MSB first; the width follows the decoder's table, which lags the
    encoder's by one entry; a clear code before the table is full."""
    out = bytearray()
    acc = bits = 0
    state = {"next": 258, "width": 9, "fresh": True}

    def put(code, width):
        nonlocal acc, bits
        acc = (acc << width) | code
        bits += width
        while bits >= 8:
            out.append((acc >> (bits - 8)) & 0xFF)
            bits -= 8
        acc &= (1 << bits) - 1

    def emit(code):
        put(code, state["width"])
        if not state["fresh"] and state["next"] < 4096:
            state["next"] += 1
            if state["next"] + (1 if early else 0) >= (1 << state["width"]) and state["width"] < 12:
                state["width"] += 1
        state["fresh"] = False

    def clear():
        put(256, state["width"])
        state.update(next=258, width=9, fresh=True)
        return {bytes([i]): i for i in range(256)}

    table = clear()
    run = b""
    for c in data:
        longer = run + bytes([c])
        if not run or longer in table:
            run = longer
            continue
        emit(table[run])
        table[longer] = len(table) + 2
        run = bytes([c])
        if len(table) + 2 >= 4000:
            emit(table[run])
            run = b""
            table = clear()
    if run:
        emit(table[run])
    put(257, state["width"])
    if bits:
        put(0, 8 - bits)
    return bytes(out)


def run_length(data):
    out = bytearray()
    i = 0
    while i < len(data):
        j = i
        while j < len(data) and j - i < 128 and data[j] == data[i]:
            j += 1
        if j - i >= 3:
            out += bytes([257 - (j - i), data[i]])
            i = j
            continue
        j = i
        while j < len(data) and j - i < 128 and not (j + 2 < len(data) and data[j] == data[j + 1] == data[j + 2]):
            j += 1
        out += bytes([j - i - 1]) + data[i:j]
        i = j
    out.append(128)
    return bytes(out)


def png_up(data, columns):
    rows = [data[i:i + columns] for i in range(0, len(data), columns)]
    out = bytearray()
    prev = bytes(columns)
    for row in rows:
        row = row + bytes(columns - len(row))
        out.append(2)
        out += bytes((row[k] - prev[k]) & 0xFF for k in range(columns))
        prev = row
    return bytes(out)


def rewrite(stream, how):
    data = stream.read_bytes()
    if how == "lzw-up":
        # The PNG predictor pads the last row; a content stream ends in whitespace anyway.
        data = data + b" " * (-len(data) % 64)
        predicted = png_up(data, 64)
        coded = lzw(predicted)
        # qpdf reads no predictor after LZW: its LZW is checked alone, the predictor by the tests.
        stream.write(coded, filter=Name.LZWDecode)
        assert stream.read_bytes() == predicted, how
        stream.write(coded, filter=Name.LZWDecode, decode_parms=Dictionary(Predictor=12, Columns=64))
        return
    elif how == "lzw-0":
        stream.write(lzw(data, early=False), filter=Name.LZWDecode, decode_parms=Dictionary(EarlyChange=0))
    elif how == "lzw":
        stream.write(lzw(data), filter=Name.LZWDecode)
    else:
        coded = run_length(data)
        # qpdf reads no RunLength: pdfminer's decoder checks it.
        assert rldecode(coded) == data, how
        stream.write(coded, filter=Name.RunLengthDecode)
        return
    assert stream.read_bytes() == data, how


def main():
    pdf = pikepdf.open(SOURCE)
    kinds = {0: "lzw-up", 2: "lzw-up", 4: "lzw-up", 1: "lzw-0", 3: "lzw-0", 5: "rl"}
    for n, page in enumerate(pdf.pages):
        contents = page.obj.Contents
        for stream in (contents if isinstance(contents, pikepdf.Array) else [contents]):
            rewrite(stream, kinds[n])
    cmaps = {}
    for page in pdf.pages:
        for font in page.obj.Resources.get("/Font", {}).values():
            if "/ToUnicode" in font:
                cmaps[font.ToUnicode.objgen] = font.ToUnicode
    for k, (_, cmap) in enumerate(sorted(cmaps.items())):
        rewrite(cmap, "lzw" if k % 2 == 0 else "rl")
    pdf.save(OUT, compress_streams=False, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    print(OUT, os.path.getsize(OUT), "bytes;", len(cmaps), "ToUnicode CMaps")


if __name__ == "__main__":
    main()
