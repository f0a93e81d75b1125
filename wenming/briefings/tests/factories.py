"""Briefing test helpers on top of the named personas: a provincial office and its staff."""

import io
from dataclasses import dataclass
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from wenming.briefings import actions
from wenming.orgs.models import Unit
from wenming.people import actions as people_actions
from wenming.people.choices import Role
from wenming.testing.factories import UnitFactory, UserFactory


@dataclass
class Office:
    """江苏省文明办's editor and reviewer, and 溧阳市's liaison (a county office)."""

    province: Unit
    editor: object
    reviewer: object
    county_liaison: object
    city_liaison: object


def office(personas) -> Office:
    cached = getattr(personas, "_office", None)
    if cached:
        return cached
    editor = UserFactory(username="prov_editor", display_name="省文明办编辑")
    reviewer = UserFactory(username="prov_reviewer", display_name="省文明办审核员")
    county_liaison = UserFactory(username="county_liaison", display_name="溧阳市文明办联络员")
    city_liaison = UserFactory(username="city_liaison", display_name="常州市文明办联络员")
    people_actions.grant_role(editor, Role.EDITOR, personas.province)
    people_actions.grant_role(reviewer, Role.REVIEWER, personas.province)
    for person in (county_liaison, city_liaison):
        people_actions.grant_role(person, Role.LIAISON)
    personas.county.liaison = county_liaison
    personas.county.save()
    personas.city.liaison = city_liaison
    personas.city.save()
    personas._office = Office(personas.province, editor, reviewer, county_liaison, city_liaison)
    return personas._office


def submit(personas, *, title="溧阳市：文明实践进万家", unit=None, body="<p>正文</p>", files=()):
    o = office(personas)
    unit = unit or personas.county
    actor = o.county_liaison if unit == personas.county else (o.city_liaison if unit == personas.city else personas.admin)
    return actions.submit_manuscript(unit, actor=actor, title=title, body=body, author="王明", checked_by="李华",
                                     contact="0519-1234567", wanted_section="工作交流", files=files)


def draft_issue(personas, *, year=2022, number=36, on=None):
    o = office(personas)
    on = on or date(year, 12, 28)
    return actions.create_briefing(
        actor=o.editor, unit=personas.province, title="江苏精神文明建设简报", year=year, number=number, date=on,
        issuer="江苏省文明办", report_to="中央文明办\n省文明委主任、副主任、委员",
        send_to="各设区市、县（市、区）文明委、文明办\n省文明委成员单位", document_number="苏简字1004号", print_run=400,
    )


def articles_section(issue):
    return issue.sections.get(kind="articles")


def published_issue(personas, *, year=2022, number=36, on=None, titles=("溧阳市：文明实践进万家",)):
    o = office(personas)
    issue = draft_issue(personas, year=year, number=number, on=on)
    for title in titles:
        m = submit(personas, title=title)
        actions.adopt(m, issue, articles_section(issue), actor=o.editor)
    actions.sign_off(issue, actor=o.reviewer)
    return actions.publish(issue, actor=o.editor)


def png_upload(name="photo.png"):
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(buf, "PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


def docx_upload(name="稿件.docx"):
    from docx import Document

    buf = io.BytesIO()
    document = Document()
    document.add_paragraph("稿件正文")
    document.save(buf)
    return SimpleUploadedFile(name, buf.getvalue())


def pdf_upload(name="稿件.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")


__all__ = ["UnitFactory", "office"]
