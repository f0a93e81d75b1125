"""Manuscript acts: submit, review, adopt, refuse with a reason, adopt again higher; their refusals."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from wenming.briefings import actions
from wenming.briefings.choices import Level, ManuscriptStatus, Origin
from wenming.briefings.models import Adoption, Attachment, Manuscript
from wenming.journal.models import AuditEntry, DomainEvent
from wenming.testing.factories import UnitFactory, shanghai

from .factories import articles_section, docx_upload, draft_issue, office, pdf_upload, png_upload, submit

pytestmark = pytest.mark.django_db


def test_county_liaison_submits_a_county_piece_with_files(personas):
    m = submit(personas, body='<p onclick="steal()">好<script>x()</script><a href="javascript:x">链接</a></p>',
               files=[png_upload(), docx_upload(), pdf_upload()])
    assert m.origin == Origin.COUNTY and m.region == personas.county and m.status == ManuscriptStatus.SUBMITTED
    assert "script" not in m.body and "onclick" not in m.body and "javascript" not in m.body and "好" in m.body
    assert sorted(Attachment.objects.filter(manuscript=m).values_list("kind", flat=True)) == ["docx", "image", "pdf"]
    assert DomainEvent.objects.filter(type="manuscript_submitted", key=f"web:manuscript_submitted:{m.pk}").exists()
    assert AuditEntry.objects.filter(verb="briefings.manuscript_submitted", target_id=str(m.pk)).exists()


def test_origin_follows_the_unit(personas):
    o = office(personas)
    assert submit(personas, unit=personas.city).origin == Origin.CITY
    town_piece = actions.submit_manuscript(personas.town, actor=personas.liaison, title="镇里的稿")
    assert (town_piece.origin, town_piece.region) == (Origin.COUNTY, personas.county)
    sector = UnitFactory(name="省审计厅", parent=personas.province)
    assert actions.origin_for_unit(sector) == (Origin.SECTOR, None, "省审计厅")
    assert actions.origin_for_unit(o.province) == (Origin.GENERAL, None, "")


@pytest.mark.parametrize("name,content", [
    ("伪装.pdf", b"MZ\x90\x00 this is an exe"),
    ("伪装.docx", b"PK\x03\x04 not really a word file"),
    ("伪装.png", b"%PDF-1.4 a pdf named png"),
    ("脚本.html", b"<script></script>"),
])
def test_attachment_judged_by_content_refused_and_nothing_kept(personas, name, content):
    with pytest.raises(actions.BriefingError) as exc:
        submit(personas, files=[SimpleUploadedFile(name, content)])
    assert name in str(exc.value)
    assert not Manuscript.objects.exists() and not Attachment.objects.exists()


def test_someone_elses_unit_is_refused(personas):
    office(personas)
    with pytest.raises(PermissionDenied):
        actions.submit_manuscript(personas.county, actor=personas.liaison, title="越权")


def test_review_then_not_adopted_with_a_reason(personas):
    o = office(personas)
    m = submit(personas)
    m = actions.start_review(m, actor=o.editor)
    assert m.status == ManuscriptStatus.IN_REVIEW
    with pytest.raises(actions.BriefingError, match="原因"):
        actions.not_adopt(m, actor=o.editor, reason="  ")
    m = actions.not_adopt(m, actor=o.editor, reason="与本期主题不符")
    assert m.status == ManuscriptStatus.NOT_ADOPTED and m.reason == "与本期主题不符"
    assert AuditEntry.objects.filter(verb="briefings.not_adopted", reason="与本期主题不符").exists()


def test_not_adopted_piece_must_be_reviewed_again_before_adoption(personas):
    o = office(personas)
    issue = draft_issue(personas)
    m = actions.not_adopt(submit(personas), actor=o.editor, reason="重复")
    with pytest.raises(actions.BriefingError, match="不能改为"):
        actions.adopt(m, issue, articles_section(issue), actor=o.editor)
    actions.start_review(m, actor=o.editor)
    adoption = actions.adopt(m, issue, articles_section(issue), actor=o.editor)
    m.refresh_from_db()
    assert m.status == ManuscriptStatus.ADOPTED and m.reason == "" and m.first_adopted_at == adoption.adopted_at


def test_editor_of_another_region_may_not_adopt(personas):
    office(personas)
    issue = draft_issue(personas)
    with pytest.raises(PermissionDenied):
        actions.adopt(submit(personas), issue, articles_section(issue), actor=personas.outsider_editor)


def test_adopt_places_in_order_and_once_per_issue(personas):
    o = office(personas)
    issue = draft_issue(personas)
    first, second = submit(personas, title="甲"), submit(personas, title="乙")
    a1 = actions.adopt(first, issue, articles_section(issue), actor=o.editor)
    a2 = actions.adopt(second, issue, articles_section(issue), actor=o.editor)
    assert (a1.position, a2.position, a1.level) == (1, 2, Level.PROVINCIAL)
    with pytest.raises(actions.BriefingError, match="已在"):
        actions.adopt(first, issue, articles_section(issue), actor=o.editor)
    report = issue.sections.get(kind="adoption_report")
    with pytest.raises(actions.BriefingError, match="不放稿件"):
        actions.adopt(submit(personas, title="丙"), issue, report, actor=o.editor)
    actions.move_placement(a2, actor=o.editor, delta=-1)
    assert list(Adoption.objects.filter(briefing=issue).order_by("position").values_list("manuscript__title", flat=True)) == ["乙", "甲"]
    assert DomainEvent.objects.filter(type="manuscript_adopted").count() == 2


def test_adopt_again_only_at_a_higher_level(personas):
    o = office(personas)
    issue = draft_issue(personas)
    m = submit(personas)
    with pytest.raises(actions.BriefingError, match="先被录用"):
        actions.adopt_at_level(m, Level.NATIONAL, actor=o.editor, at=shanghai(2022, 12, 30, 9, 0), outlet="中国文明网")
    actions.adopt(m, issue, articles_section(issue), actor=o.editor, at=shanghai(2022, 12, 1, 9, 0))
    for level in (Level.CITY, Level.PROVINCIAL):
        with pytest.raises(actions.BriefingError, match="更高"):
            actions.adopt_at_level(m, level, actor=o.editor, at=shanghai(2022, 12, 30, 9, 0), outlet="某刊")
    higher = actions.adopt_at_level(m, Level.NATIONAL, actor=o.editor, at=shanghai(2023, 1, 5, 9, 0), outlet="中国文明网")
    m.refresh_from_db()
    assert higher.level == Level.NATIONAL and m.first_adopted_at == shanghai(2022, 12, 1, 9, 0)


def test_a_manuscript_without_a_region_for_its_level_is_refused(personas):
    with pytest.raises(actions.BriefingError, match="县"):
        actions.import_manuscript(external_id="x", title="稿", origin=Origin.COUNTY, region=None, sector="",
                                  submitted_at=shanghai(2022, 1, 1, 9, 0))
    with pytest.raises(actions.BriefingError, match="设区市"):
        actions.import_manuscript(external_id="x", title="稿", origin=Origin.CITY, region=personas.county, sector="",
                                  submitted_at=shanghai(2022, 1, 1, 9, 0))
    assert not Manuscript.objects.exists()
