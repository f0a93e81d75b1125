"""The issue's state machine: draft → signed off → published, and its refusals."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from wenming.briefings import actions
from wenming.briefings.choices import BriefingStatus
from wenming.briefings.models import Briefing
from wenming.journal.models import DomainEvent

from .factories import articles_section, draft_issue, office, submit

pytestmark = pytest.mark.django_db


def test_new_issue_has_the_default_sections_in_order(personas):
    issue = draft_issue(personas)
    assert list(issue.sections.values_list("title", "kind", "position")) == [
        ("工作交流", "articles", 1), ("用稿通报", "adoption_report", 2)]
    section = actions.add_section(issue, actor=office(personas).editor, title="经验做法")
    assert list(issue.sections.order_by("position").values_list("title", flat=True)) == ["工作交流", "经验做法", "用稿通报"]
    assert section.position == 2


def test_an_issue_number_already_used_that_year_is_refused(personas):
    draft_issue(personas, year=2022, number=36)
    with pytest.raises(actions.BriefingError, match="2022年第36期已经存在"):
        draft_issue(personas, year=2022, number=36)
    other = draft_issue(personas, year=2023, number=36, on=date(2023, 1, 5))
    with pytest.raises(actions.BriefingError, match="已经存在"):
        actions.update_briefing(other, actor=office(personas).editor, year=2022, date=date(2022, 12, 30))
    with pytest.raises(actions.BriefingError, match="日期须在2023年内"):
        actions.update_briefing(other, actor=office(personas).editor, date=date(2022, 12, 30))
    assert Briefing.objects.count() == 2 and Briefing.objects.get(pk=other.pk).date == date(2023, 1, 5)


def test_sign_off_needs_a_reviewer_and_a_piece(personas):
    o = office(personas)
    issue = draft_issue(personas)
    with pytest.raises(actions.BriefingError, match="还没有稿件"):
        actions.sign_off(issue, actor=o.reviewer)
    actions.adopt(submit(personas), issue, articles_section(issue), actor=o.editor)
    with pytest.raises(PermissionDenied):
        actions.sign_off(issue, actor=o.editor)
    issue = actions.sign_off(issue, actor=o.reviewer)
    assert issue.status == BriefingStatus.SIGNED_OFF and issue.signed_off_by == o.reviewer


def test_publish_only_after_sign_off_and_an_edit_withdraws_it(personas):
    o = office(personas)
    issue = draft_issue(personas)
    actions.adopt(submit(personas), issue, articles_section(issue), actor=o.editor)
    with pytest.raises(actions.BriefingError, match="不能改为"):
        actions.publish(issue, actor=o.editor)
    actions.sign_off(issue, actor=o.reviewer)
    actions.update_briefing(issue, actor=o.editor, print_run=450)
    issue.refresh_from_db()
    assert issue.status == BriefingStatus.DRAFT and issue.signed_off_by is None
    actions.sign_off(issue, actor=o.reviewer)
    issue = actions.publish(issue, actor=o.editor)
    assert issue.status == BriefingStatus.PUBLISHED and issue.pdf.name.endswith(".pdf") and issue.docx.name.endswith(".docx")
    assert issue.snapshot["number"] == 36 and issue.snapshot["print_run"] == 450
    assert DomainEvent.objects.filter(type="briefing_published", data__briefing="2022-36").exists()
    with pytest.raises(actions.BriefingError, match="不能改为"):
        actions.publish(issue, actor=o.editor)
    with pytest.raises(actions.BriefingError, match="已印发"):
        actions.add_section(issue, actor=o.editor, title="新栏目")


def test_removing_a_piece_from_a_draft_puts_it_back_in_review(personas):
    o = office(personas)
    issue = draft_issue(personas)
    m = submit(personas)
    adoption = actions.adopt(m, issue, articles_section(issue), actor=o.editor)
    actions.remove_placement(adoption, actor=o.editor)
    m.refresh_from_db()
    assert m.status == "in_review" and m.first_adopted_at is None
