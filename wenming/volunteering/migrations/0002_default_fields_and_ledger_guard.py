"""The default two-level service taxonomy (RULES.md §4) and, on PostgreSQL, the append-only ledger guard."""

from django.db import migrations

DEFAULT_FIELDS = [
    ("理论政策", ["理论宣讲", "政策宣传"]),
    ("教育服务", ["助学支教", "课业辅导", "家庭教育"]),
    ("文化文艺", ["文艺演出", "阅读推广", "非遗传承"]),
    ("科技科普", ["科普宣传", "数字助老"]),
    ("医疗卫生", ["义诊服务", "健康宣教", "应急救护"]),
    ("体育健身", ["赛事服务", "健身指导"]),
    ("网络电信", ["网络文明", "反诈宣传"]),
    ("公共服务", ["交通引导", "社区治理", "文明劝导"]),
    ("生态环保", ["垃圾分类", "河湖巡护"]),
    ("助老助残", ["关爱老人", "助残服务"]),
    ("关爱儿童", ["留守儿童关爱", "四点半课堂"]),
    ("应急救援", ["防汛抗灾", "疫情防控"]),
    ("法律服务", ["普法宣传", "法律援助"]),
]

GUARD = """
CREATE OR REPLACE FUNCTION volunteering_ledger_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the hours ledger is append-only (%%)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER volunteering_ledger_append_only
    BEFORE UPDATE OR DELETE ON volunteering_hoursentry
    FOR EACH ROW EXECUTE FUNCTION volunteering_ledger_append_only();
"""
UNGUARD = """
DROP TRIGGER IF EXISTS volunteering_ledger_append_only ON volunteering_hoursentry;
DROP FUNCTION IF EXISTS volunteering_ledger_append_only();
"""


def add_fields(apps, schema_editor):
    ServiceField = apps.get_model("volunteering", "ServiceField")
    for i, (name, children) in enumerate(DEFAULT_FIELDS):
        top, _ = ServiceField.objects.get_or_create(name=name, parent=None, defaults={"level": 1, "sort_order": i})
        for j, child in enumerate(children):
            ServiceField.objects.get_or_create(name=child, parent=top, defaults={"level": 2, "sort_order": j})


def guard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GUARD)


def unguard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNGUARD)


class Migration(migrations.Migration):
    dependencies = [("volunteering", "0001_volunteers_teams_projects_hours")]

    operations = [
        migrations.RunPython(add_fields, migrations.RunPython.noop),
        migrations.RunPython(guard, unguard),
    ]
