"""An issue frozen as plain data: what the PDF, the DOCX and the published page are made from.

The snapshot is built once, when the issue is published; everything printed afterwards reads it,
never the live rows, so a later edit of a manuscript or a late adoption changes no printed issue.
"""

from django.utils.translation import gettext as _

from .choices import SectionKind
from .content import clean_body
from .models import Briefing
from .queries import report_for_issue

MASTHEAD_NOTE = "工作资料 注意保存"


def date_text(day) -> str:
    return f"{day.year} 年 {day.month} 月 {day.day} 日"


def report_block(report, year: int) -> dict:
    return {
        "heading": _("%(year)s 年稿件采用情况统计") % {"year": year},
        "total": report.total,
        "cities": [{"region": r.region, "city_level": r.city_level, "county_level": r.county_level}
                   for r in report.cities],
        "general": report.general,
        "sectors": [[name, n] for name, n in report.sectors],
    }


def build_snapshot(briefing: Briefing) -> dict:
    sections = []
    report = report_for_issue(briefing)
    for section in briefing.sections.order_by("position"):
        entry = {"title": section.title, "kind": section.kind, "articles": []}
        if section.kind == SectionKind.ADOPTION_REPORT:
            entry["report"] = report_block(report, briefing.year)
        else:
            placed = section.placements.select_related("manuscript__region").order_by("position")
            entry["articles"] = [
                {"title": a.manuscript.display_title, "body": clean_body(a.manuscript.body), "author": a.manuscript.author,
                 "source": a.manuscript.source_label}
                for a in placed
            ]
        sections.append(entry)
    return {
        "note": MASTHEAD_NOTE,
        "title": briefing.title,
        "year": briefing.year,
        "number": briefing.number,
        "number_text": _("第 %(number)s 期") % {"number": briefing.number},
        "issuer": briefing.issuer,
        "date": briefing.date.isoformat(),
        "date_text": date_text(briefing.date),
        "sections": sections,
        "report_to": [line.strip() for line in briefing.report_to.splitlines() if line.strip()],
        "send_to": [line.strip() for line in briefing.send_to.splitlines() if line.strip()],
        "document_number": briefing.document_number,
        "print_run": briefing.print_run,
        "foot": foot_line(briefing.document_number, briefing.print_run),
    }


def foot_line(document_number: str, print_run: int) -> str:
    """（苏简字 1004 号 共印 400 份）, from a document number like 苏简字1004号."""
    parts = []
    if document_number:
        parts.append(document_number)
    if print_run:
        parts.append(_("共印 %(n)s 份") % {"n": print_run})
    return f"（{' '.join(parts)}）" if parts else ""
