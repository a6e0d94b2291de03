"""A 通报 printed: PDF (WeasyPrint, Noto Sans CJK) and docx (python-docx), for the bureau to stamp."""

import io

from django.template.loader import render_to_string

from .models import Bulletin

CJK_FONT = "Noto Sans CJK SC"


def bulletin_pdf(bulletin: Bulletin) -> bytes:
    from weasyprint import HTML

    html = render_to_string("reports/bulletin_pdf.html", {"b": bulletin, "sections": bulletin.sections()})
    return HTML(string=html).write_pdf()


def bulletin_docx(bulletin: Bulletin) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = CJK_FONT
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), CJK_FONT)  # Word picks East Asian text's font here

    def para(text, *, size=None, bold=False, align=None, indent=True):
        p = doc.add_paragraph()
        run = p.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if align is not None:
            p.alignment = align
        elif indent:
            p.paragraph_format.first_line_indent = Pt(24)
        return p

    para(bulletin.number, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(bulletin.title, size=18, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(f"{bulletin.recipients}：", indent=False)
    para(bulletin.opening)
    for heading, text in bulletin.sections():
        para(heading, bold=True)
        for line in text.splitlines():
            if line.strip():
                para(line.strip())
    para(bulletin.issuer, align=WD_ALIGN_PARAGRAPH.RIGHT)
    when = bulletin.issued_at or bulletin.approved_at or bulletin.created_at
    para(f"{when:%Y年%-m月%-d日}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    if bulletin.state != "issued":
        para(f"（{bulletin.get_state_display()}，未印发）", align=WD_ALIGN_PARAGRAPH.CENTER)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
