"""wenming explain: every entry of a unit or a person in a month, with date, rule, source, amount."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from wenming.core.periods import Month
from wenming.points import actions

from .helpers import ev

pytestmark = pytest.mark.django_db


def _explain(*args) -> list[str]:
    out = StringIO()
    call_command("explain", "--scheme", "liyang-2017", "--month", "2017-03", *args, stdout=out)
    return out.getvalue().splitlines()


def test_unit_explanation_lists_every_entry_and_the_total(liyang, personas):
    ev("article_published", (2017, 3, 6, 7, 0), unit=personas.town, article="A", position=1, key="web:article:1")
    ev("article_stats", (2017, 4, 9, 7, 0), article="A", reads_72h=3000, likes=0, key="web:stats:1")
    ev("like", (2017, 3, 2, 10, 0), person=personas.citizen, target="s:1", key="web:like:1")
    actions.adjust_points(scheme=liyang, month=Month(2017, 3), actor=personas.admin, unit=personas.town,
                          amount=1, reason="补录")
    lines = _explain("--unit", "溧城镇")
    assert lines[0] == "日期\t规则\t来源\t分值"
    assert "2017-03-02\t2.like 点赞\tweb:like:1\t0.05" in lines
    assert "2017-03-06\t1.headline 工作日头条（第1条）\tweb:article:1\t10" in lines
    assert any(line.startswith("2017-04-09\t1.reads 72小时阅读量") and line.endswith("web:stats:1\t5") for line in lines)
    assert any("adjust 人工调整：补录" in line and line.endswith("\t1") for line in lines)
    assert lines[-1] == "合计\t\t\t16.05"


def test_person_explanation(liyang, personas):
    ev("like", (2017, 3, 2, 10, 0), person=personas.citizen, target="s:1", key="web:like:9")
    assert _explain("--person", "citizen")[1:] == ["2017-03-02\t2.like 点赞\tweb:like:9\t0.05", "合计\t\t\t0.05"]


def test_unknown_subject(liyang):
    with pytest.raises(CommandError, match="单位不存在"):
        _explain("--unit", "火星镇")
    with pytest.raises(CommandError, match="没有此人"):
        _explain("--person", "nobody")
