import factory

from wenming.wechat.choices import ReplyKind
from wenming.wechat.models import KeywordReply


class KeywordReplyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeywordReply

    keyword = factory.Sequence(lambda n: f"关键词{n}")
    kind = ReplyKind.TEXT
    text = factory.Sequence(lambda n: f"回复{n}")
    link = ""
