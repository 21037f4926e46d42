#!/usr/bin/env python3
"""Writes a corpus of hostile and messy input files (issue 12) into a folder.

    python3 tools/hostile.py OUT_DIR [--small]

--small writes only the files under 200 KB (the ones kept in tests/data/hostile); without it the
zip bombs (1-8 MB each, up to 1 GB once decompressed) are written too. Each file's name says what
it is; tools/hostile-check.sh runs the program on every one.
"""
import os, struct, sys, zlib

import csv
_SAMPLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets", "sample", "sample-county.csv")
with open(_SAMPLE, encoding="utf-8") as _f:
    _rows = list(csv.reader(_f))
HEADER, ROW = _rows[0], _rows[1]  # the sample county's header and its first school (S01)


def deflate_stream(chunks):
    """Raw deflate of an iterable of byte chunks; returns (data, crc, size)."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    out, crc, size = [], 0, 0
    for ch in chunks:
        crc = zlib.crc32(ch, crc)
        size += len(ch)
        out.append(c.compress(ch))
    out.append(c.flush())
    return b"".join(out), crc & 0xFFFFFFFF, size


def zip_bytes(entries, lie=None):
    """entries: [(name, chunks)]; lie: {name: declared uncompressed size} to forge."""
    local, central, offset = [], [], 0
    for name, chunks in entries:
        if isinstance(chunks, (bytes, str)):
            chunks = [chunks.encode() if isinstance(chunks, str) else chunks]
        data, crc, size = deflate_stream(chunks)
        declared = (lie or {}).get(name, size)
        n = name.encode()
        h = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data),
                        min(declared, 0xFFFFFFFF), len(n), 0) + n
        local.append(h + data)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc,
                                   len(data), min(declared, 0xFFFFFFFF), len(n), 0, 0, 0, 0, 0,
                                   offset) + n)
        offset += len(h) + len(data)
    cd = b"".join(central)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(cd), offset, 0)
    return b"".join(local) + cd + end


def xlsx(sheet_xml, shared=None, lie=None, sheets=None, others=None):
    """A minimal xlsx: sheet_xml is the <sheetData> content (str/bytes or a chunk iterable)."""
    sheets = sheets or [("Sheet1", "visible")]
    ct = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          + "".join(f'<Override PartName="/xl/worksheets/sheet{i+1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in range(len(sheets)))
          + ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' if shared is not None else "")
          + '</Types>')
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    wb = ('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
          + "".join(f'<sheet name="{n}" sheetId="{i+1}" state="{s}" r:id="rId{i+1}"/>' for i, (n, s) in enumerate(sheets))
          + '</sheets></workbook>')
    wbrels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              + "".join(f'<Relationship Id="rId{i+1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i+1}.xml"/>' for i in range(len(sheets)))
              + (f'<Relationship Id="rId{len(sheets)+1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' if shared is not None else "")
              + '</Relationships>')
    head = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    tail = b'</sheetData></worksheet>'
    if isinstance(sheet_xml, str):
        sheet_xml = [sheet_xml.encode()]
    elif isinstance(sheet_xml, bytes):
        sheet_xml = [sheet_xml]
    parts = [("[Content_Types].xml", ct), ("_rels/.rels", rels), ("xl/workbook.xml", wb),
             ("xl/_rels/workbook.xml.rels", wbrels)]
    parts.append(("xl/worksheets/sheet1.xml", (x for it in ([head], sheet_xml, [tail]) for x in it)))
    for i in range(1, len(sheets)):
        parts.append((f"xl/worksheets/sheet{i+1}.xml", head + (others or "").encode() + tail))
    if shared is not None:
        parts.append(("xl/sharedStrings.xml", shared))
    return zip_bytes(parts, lie)


def istr(ref, s):
    return f'<c r="{ref}" t="inlineStr"><is><t>{s}</t></is></c>'


def col(i):
    s = ""
    i += 1
    while i:
        i, m = divmod(i - 1, 26)
        s = chr(65 + m) + s
    return s


def header_row():
    return '<row r="1">' + "".join(istr(f"{col(i)}1", h) for i, h in enumerate(HEADER) if h) + "</row>"


def school_row(r, name=None, enrolment=None):
    vals = list(ROW)
    if name:
        vals[1] = name
    if enrolment is not None:
        vals[6] = enrolment
    cells = ""
    for i, v in enumerate(vals):
        if v == "" or i >= len(HEADER) or not HEADER[i]:
            continue
        try:
            float(v)
            cells += f'<c r="{col(i)}{r}"><v>{v}</v></c>'
        except ValueError:
            cells += istr(f"{col(i)}{r}", v)
    return f'<row r="{r}">{cells}</row>'


def ods(rows_xml):
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               '<office:body><office:spreadsheet><table:table table:name="Sheet1">'
               + rows_xml + '</table:table></office:spreadsheet></office:body></office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    # mimetype first and stored in real files; deflated here, which readers accept.
    return zip_bytes([("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
                      ("content.xml", content), ("META-INF/manifest.xml", manifest)])


def ods_cell(v):
    if isinstance(v, str):
        return f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'


def small(out):
    w = lambda name, data: open(os.path.join(out, name), "wb").write(data if isinstance(data, bytes) else data.encode())
    base = header_row() + school_row(2)
    w("xlsx-cell-at-XFD1048576.xlsx", xlsx(base + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'))
    w("xlsx-row-4000000000.xlsx", xlsx(base + '<row r="4000000000"><c r="A4000000000"><v>1</v></c></row>'))
    w("xlsx-column-ZZZZZZ.xlsx", xlsx(base + '<row r="3"><c r="ZZZZZZ3"><v>1</v></c></row>'))
    w("xlsx-A1-and-XFD20000.xlsx", xlsx(base + '<row r="20000"><c r="XFD20000"><v>1</v></c></row>'))
    for name, count in [("1e10", "10000000000"), ("u64max", str(2**64 - 1)), ("overflow", "9" * 40)]:
        sst = f'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{count}" uniqueCount="{count}"><si><t>甲</t></si></sst>'
        w(f"xlsx-sharedstrings-count-{name}.xlsx", xlsx(base, shared=sst))
    w("xlsx-hidden-first-sheet.xlsx", xlsx(header_row() + school_row(2, "隐藏表里的学校", enrolment="9999"),
                                          sheets=[("隐藏", "hidden"), ("可见", "visible")], others=base))
    w("xlsx-veryhidden-only.xlsx", xlsx(base, sheets=[("很隐藏", "veryHidden")]))
    w("xlsx-dimension-lies.xlsx", xlsx('<dimension ref="A1:XFD1048576"/>' + base))
    stale = header_row() + school_row(2).replace('<c r="G2"><v>1450</v></c>', '<c r="G2"><f>SUM(ZZ1:ZZ9)</f><v>0</v></c>')
    w("xlsx-stale-formula.xlsx", xlsx(stale))
    w("xlsx-enrolment-1e308.xlsx", xlsx(header_row() + school_row(2, enrolment="1e308")))
    w("xlsx-not-a-zip.xlsx", b"PK\x03\x04" + b"\x00" * 100)
    w("xlsx-truncated.xlsx", xlsx(base)[:-40])
    # ODS: one row repeated 10,000 times, its cell 1,000 times (10 M cells).
    rep = ('<table:table-row>' + "".join(ods_cell(h) for h in HEADER if h) + '</table:table-row>'
           '<table:table-row table:number-rows-repeated="10000">'
           '<table:table-cell table:number-columns-repeated="1000" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>'
           '</table:table-row>')
    w("ods-repeated-10000x1000.ods", ods(rep))
    rep2 = ('<table:table-row>' + "".join(ods_cell(h) for h in HEADER if h) + '</table:table-row>'
            '<table:table-row table:number-rows-repeated="1000000000">'
            '<table:table-cell table:number-columns-repeated="1000000" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>'
            '</table:table-row>')
    w("ods-repeated-1e9x1e6.ods", ods(rep2))
    # JSON: every record has a key of its own (the union of keys grows with the records).
    recs = ",".join('{"学校标识码":"S%d","学校名称":"校%d","学校类型":"小学","小学在校生数":600,"k%d":1}' % (i, i, i) for i in range(1100))
    w("json-own-key-per-record.json", "[" + recs + "]")
    w("json-deep-nesting.json", "[" * 100000 + "]" * 100000)
    w("json-number-1e400.json", '[{"学校标识码":"S1","学校名称":"甲","学校类型":"小学","小学在校生数":1e400}]')
    # CSV
    hdr = ",".join(HEADER)
    row = ",".join('"%s"' % v if "," in v else v for v in ROW)
    w("csv-extra-field.csv", hdr + "\n" + row + "\n" + row.replace("S01,", "S99,").replace(",1450,", ",1,104,") + "\n")
    w("csv-semicolon-decimal-comma.csv", ";".join(HEADER) + "\n" + ";".join(ROW).replace(";7300;", ";7018,8;") + "\n")
    # The worked example's first two schools, the first named only 学校, in GBK.
    example = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "worked-example-cv.csv")
    lines = open(example, encoding="utf-8").read().splitlines()[:3]
    lines[1] = lines[1].replace("小学1", "学校")
    lines[2] = lines[2].replace("小学2", "W2")
    w("csv-gbk-short.csv", ("\n".join(lines) + "\n").encode("gbk"))
    w("csv-enrolment-1e308.csv", hdr + "\n" + row.replace(",1450,", ",1e308,") + "\n")
    w("csv-enrolment-negative.csv", hdr + "\n" + row.replace(",1450,", ",-1450,") + "\n")
    w("csv-nul-bytes.csv", b"\x00" * 5000)
    w("csv-binary-garbage.csv", bytes(range(256)) * 50)
    w("csv-only-bom.csv", b"\xef\xbb\xbf")
    w("csv-unclosed-quote.csv", hdr + '\nS01,"城关第一小学,小学,1450\n')
    # Scenarios (run with the sample): a change that would be ignored, a misspelt key.
    w("scenario-set-primary-on-junior.json", '{"name":"x","changes":[{"op":"set","school_id":"J01","field":"students_primary","value":5}]}')
    w("scenario-misspelt-key.json", '{"name":"x","changes":[{"op":"add","school_id":"S01","field":"teachers","ammount":5}]}')
    w("scenario-nan.json", '{"name":"x","changes":[{"op":"add","school_id":"S01","field":"teachers","amount":NaN}]}')


def big(out):
    w = lambda name, data: open(os.path.join(out, name), "wb").write(data)
    hr = header_row().encode()
    # 200 M small cells: rows of 1,000 cells with no references, repeated.
    row = b"<row>" + b"<c><v>1</v></c>" * 1000 + b"</row>"
    w("bomb-200M-cells.xlsx", xlsx(iter([hr] + [row] * 200000)))
    # 100 M shared strings, declaring a small count.
    sst = iter([b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">']
               + [b"<si><t>a</t></si>" * 10000] * 10000 + [b"</sst>"])
    w("bomb-100M-shared-strings.xlsx", xlsx(hr + b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>', shared=sst))
    # One cell of 1 GB.
    w("bomb-1GB-cell.xlsx", xlsx(iter([hr, b'<row r="2"><c r="A2" t="inlineStr"><is><t>'] + [b"a" * (1 << 20)] * 1024 + [b"</t></is></c></row>"])))
    # 1 GB of whitespace between rows.
    w("bomb-1GB-whitespace.xlsx", xlsx(iter([hr] + [b" " * (1 << 20)] * 1024)))
    # Under the 1 GiB a workbook may declare: 12 M cells; 30 M shared strings; a 900 MB cell;
    # 900 MB of whitespace.
    w("bomb-12M-cells.xlsx", xlsx(iter([hr] + [row] * 12000)))
    sst = iter([b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">']
               + [b"<si><t>a</t></si>" * 10000] * 3000 + [b"</sst>"])
    w("bomb-30M-shared-strings.xlsx", xlsx(hr + b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>', shared=sst))
    w("bomb-900MB-cell.xlsx", xlsx(iter([hr, b'<row r="2"><c r="A2" t="inlineStr"><is><t>'] + [b"a" * (1 << 20)] * 900 + [b"</t></is></c></row>"])))
    w("bomb-900MB-whitespace.xlsx", xlsx(iter([hr] + [b" " * (1 << 20)] * 900)))
    # An entry declaring 1 KB that holds 1 GB (the pre-check trusts declared sizes; the reader must not).
    w("bomb-lying-size.xlsx", xlsx(iter([hr] + [b" " * (1 << 20)] * 1024), lie={"xl/worksheets/sheet1.xml": 1000}))
    # CSV: 3 M columns; one 100 MB cell.
    w("csv-3M-columns.csv", b",".join([b"x"] * 3000000) + b"\n")
    w("csv-100MB-cell.csv", ",".join(HEADER).encode() + b"\n" + b"a" * (100 << 20) + b",,\n")


if __name__ == "__main__":
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    small(out)
    if "--small" not in sys.argv:
        big(out)
