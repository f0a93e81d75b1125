from django.db import migrations


def add_survey_keyword(apps, schema_editor):
    from wenming.wechat.defaults import ensure_survey_keyword

    ensure_survey_keyword(apps.get_model("wechat", "KeywordReply"))


class Migration(migrations.Migration):
    dependencies = [("wechat", "0001_keyword_replies_and_inbound_log")]

    operations = [migrations.RunPython(add_survey_keyword, migrations.RunPython.noop)]
