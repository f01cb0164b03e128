"""The yearly report as a .docx for the last edits in Word, WPS or LibreOffice.

The OOXML is written directly with :mod:`zipfile` (no extra dependency): A4 with the 公文 margins
(上37mm 下35mm 左28mm 右26mm), styles whose East Asian fonts are 仿宋 (body, tables), 黑体 (title and part
headings, outline level 1) and 楷体 (sub-heads （一）…, outline level 2), the tables as real Word tables
with merged cells (``w:gridSpan`` across, ``w:vMerge`` down; header rows repeat on a new page) and
the page number "- n -" in the footer as a PAGE field.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from zwgk_desktop.core.fileutil import atomic_path

from ._render_common import (
    PART_HEADINGS,
    PART_KEYS,
    Cell,
    Grid,
    clean,
    is_subhead,
    report_grids,
    report_title,
    section_paragraphs,
)

FANGSONG = "仿宋"
HEITI = "黑体"
KAITI = "楷体"
LATIN = "Times New Roman"
TWIPS_PER_MM = 1440 / 25.4
PAGE_W, PAGE_H = 11906, 16838  # A4 in twips
MARGINS = {"top": 37, "bottom": 35, "left": 28, "right": 26}  # mm
TEXT_W = PAGE_W - round(MARGINS["left"] * TWIPS_PER_MM) - round(MARGINS["right"] * TWIPS_PER_MM)
TABLE_SZ = 18  # half-points: 9 pt

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
</Types>"""

ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PKG_REL}">
<Relationship Id="rId1" Type="{DOC_REL}/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="{DOC_REL}/extended-properties" Target="docProps/app.xml"/>
</Relationships>"""

DOC_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PKG_REL}">
<Relationship Id="rId1" Type="{DOC_REL}/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="{DOC_REL}/settings" Target="settings.xml"/>
<Relationship Id="rId3" Type="{DOC_REL}/footer" Target="footer1.xml"/>
</Relationships>"""

SETTINGS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="{W_NS}">
<w:defaultTabStop w:val="420"/>
<w:characterSpacingControl w:val="compressPunctuation"/>
<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>
</w:settings>"""

APP = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">
<Application>zwgk-desktop</Application>
</Properties>"""


def _fonts(east_asia: str) -> str:
    return (f'<w:rFonts w:ascii="{LATIN}" w:hAnsi="{LATIN}" w:eastAsia="{east_asia}" w:cs="{LATIN}" '
            f'w:hint="eastAsia"/>')


def _style(style_id: str, name: str, font: str, half_points: int, *, ppr: str = "", based: bool = True) -> str:
    base = '<w:basedOn w:val="Normal"/>' if based else ""
    return (f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>{base}'
            f'<w:qFormat/><w:pPr>{ppr}</w:pPr>'
            f'<w:rPr>{_fonts(font)}<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr></w:style>')


def styles_xml() -> str:
    body_ppr = '<w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/>'
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W_NS}">'
        f'<w:docDefaults><w:rPrDefault><w:rPr>{_fonts(FANGSONG)}<w:sz w:val="32"/><w:szCs w:val="32"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>'
        + _style("Normal", "Normal", FANGSONG, 32, ppr=body_ppr, based=False).replace(
            'w:styleId="Normal">', 'w:default="1" w:styleId="Normal">')
        + _style("Title", "Title", HEITI, 44, ppr='<w:spacing w:after="360" w:line="240" w:lineRule="auto"/>'
                 '<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>')
        + _style("Heading1", "heading 1", HEITI, 32,
                 ppr='<w:keepNext/><w:spacing w:line="560" w:lineRule="exact"/><w:outlineLvl w:val="0"/>')
        + _style("Heading2", "heading 2", KAITI, 32,
                 ppr='<w:keepNext/><w:spacing w:line="560" w:lineRule="exact"/><w:outlineLvl w:val="1"/>')
        + _style("TableText", "Table Text", FANGSONG, TABLE_SZ,
                 ppr='<w:snapToGrid w:val="0"/><w:spacing w:line="240" w:lineRule="auto"/>'
                     '<w:ind w:firstLineChars="0" w:firstLine="0"/>')
        + _style("Footer", "footer", FANGSONG, 28,
                 ppr='<w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/>'
                     '<w:jc w:val="center"/>')
        + '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        '<w:left w:w="28" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="28" w:type="dxa"/>'
        '</w:tblCellMar></w:tblPr></w:style>'
        '</w:styles>'
    )


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _para(text: str, style: str, *, jc: str = "") -> str:
    jc_xml = f'<w:jc w:val="{jc}"/>' if jc else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{jc_xml}</w:pPr>{_run(text)}</w:p>'


def _cell_xml(cell: Cell | None, width: int, *, span: int, vmerge: str) -> str:
    tcpr = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        tcpr += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        tcpr += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        tcpr += "<w:vMerge/>"
    tcpr += '<w:vAlign w:val="center"/>'
    if cell is None:
        return f'<w:tc><w:tcPr>{tcpr}</w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr></w:p></w:tc>'
    jc = "left" if cell.kind == "label" else "center"
    return f'<w:tc><w:tcPr>{tcpr}</w:tcPr>{_para(cell.text, "TableText", jc=jc)}</w:tc>'


def table_xml(grid: Grid) -> str:
    total = sum(grid.widths)
    widths = [round(TEXT_W * w / total) for w in grid.widths]
    origin: dict[tuple[int, int], Cell] = {}
    for c in grid.cells:
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                origin[(r, k)] = c
    border = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                     for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    out = [f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
           f'<w:tblBorders>{border}</w:tblBorders><w:tblLayout w:type="fixed"/>'
           '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
           'w:noHBand="0" w:noVBand="0"/></w:tblPr><w:tblGrid>']
    out += [f'<w:gridCol w:w="{w}"/>' for w in widths]
    out.append("</w:tblGrid>")
    for r in range(grid.rows):
        trpr = "<w:cantSplit/>" + ("<w:tblHeader/>" if r < grid.header_rows else "")
        out.append(f"<w:tr><w:trPr>{trpr}</w:trPr>")
        for k in range(grid.cols):
            c = origin.get((r, k))
            if c is not None and c.col != k:
                continue  # inside a horizontal span
            span = c.colspan if c else 1
            width = sum(widths[k:k + span])
            if c is None:
                out.append(_cell_xml(None, width, span=1, vmerge=""))
            elif c.row == r:
                out.append(_cell_xml(c, width, span=span, vmerge="restart" if c.rowspan > 1 else ""))
            else:
                out.append(_cell_xml(None, width, span=span, vmerge="continue"))
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _section_xml(text: str | None) -> list[str]:
    return [_para(p, "Heading2" if is_subhead(p) else "Normal") for p in section_paragraphs(text)]


def document_xml(report: dict[str, Any]) -> str:
    sections = report.get("sections") or {}
    grids = report_grids(report)
    body: list[str] = [_para(report_title(report), "Title")]
    body += _section_xml(report.get("preamble"))
    for key in PART_KEYS:
        body.append(_para(PART_HEADINGS[key], "Heading1"))
        body += _section_xml(sections.get(key))
        if key in grids:
            body.append(table_xml(grids[key]))
            body.append('<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr></w:p>')  # a table never ends the body
    m = {side: round(mm * TWIPS_PER_MM) for side, mm in MARGINS.items()}
    sect = (f'<w:sectPr><w:footerReference w:type="default" r:id="rId3"/>'
            f'<w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/>'
            f'<w:pgMar w:top="{m["top"]}" w:right="{m["right"]}" w:bottom="{m["bottom"]}" w:left="{m["left"]}" '
            'w:header="851" w:footer="992" w:gutter="0"/><w:cols w:space="425"/>'
            '<w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{"".join(body)}{sect}</w:body></w:document>')


def footer_xml() -> str:
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
             '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
             '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
            f'<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>{_run("- ")}{field}{_run(" -")}</w:p></w:ftr>')


def core_xml(report: dict[str, Any]) -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f'<dc:title>{escape(report_title(report))}</dc:title>'
            f'<dc:creator>{escape(clean(report.get("office")))}</dc:creator></cp:coreProperties>')


def write_docx(report: dict[str, Any], path: Path) -> Path:
    """Write the report as a .docx to ``path`` (temp name, fsync, rename); returns ``path``."""
    target = Path(path)
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "docProps/core.xml": core_xml(report),
        "docProps/app.xml": APP,
        "word/_rels/document.xml.rels": DOC_RELS,
        "word/document.xml": document_xml(report),
        "word/styles.xml": styles_xml(),
        "word/settings.xml": SETTINGS,
        "word/footer1.xml": footer_xml(),
    }
    with atomic_path(target) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, xml in parts.items():
            zf.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), xml.encode("utf-8"),
                        compress_type=zipfile.ZIP_DEFLATED)
    return target
