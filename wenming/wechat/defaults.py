"""Rows every installation starts with (used by the data migration and the demo)."""

from .choices import SURVEY_KEYWORD, SURVEY_PATH, ReplyKind


def ensure_survey_keyword(model) -> None:
    """考核 → the follow-promotion survey (seed 003 §一.3); kept if staff changed it."""
    model.objects.get_or_create(
        keyword=SURVEY_KEYWORD,
        defaults={
            "kind": ReplyKind.LINK,
            "text": "感谢关注！请点击下方链接，选择您所在的地区并提交（每个微信号限参与一次）。",
            "link": SURVEY_PATH,
        },
    )
