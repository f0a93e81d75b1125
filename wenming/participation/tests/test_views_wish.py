import pytest
from django.urls import reverse

from wenming.participation.choices import ClaimStatus
from wenming.participation.models import WishClaim

from .factories import LeadFactory, image_upload

pytestmark = pytest.mark.django_db


def test_the_wish_steps_through_the_pages(client, personas):
    p = personas
    wish = LeadFactory(author=p.citizen, unit=p.town, accepted=True)
    page = reverse("participation:item", args=["lead", wish.pk])
    client.force_login(p.citizen2)
    assert "我来认领" in client.get(page).content.decode()
    client.post(reverse("participation:claim", args=[wish.pk]))
    claim = WishClaim.objects.get()
    response = client.post(reverse("participation:fulfil", args=[claim.pk]), {}, follow=True)
    assert "请上传心愿实现的照片" in response.content.decode()
    client.post(reverse("participation:fulfil", args=[claim.pk]), {"photo": image_upload()})
    client.force_login(p.citizen)
    client.post(reverse("participation:confirm", args=[claim.pk]))
    response = client.post(reverse("participation:evaluate", args=[claim.pk]), {"stars": "9"}, follow=True)
    assert "请选择 1 到 5 星" in response.content.decode()
    client.post(reverse("participation:evaluate", args=[claim.pk]), {"stars": "4", "text": "谢谢"})
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.EVALUATED and claim.stars == 4


def test_release_through_the_page(client, personas):
    p = personas
    wish = LeadFactory(author=p.citizen, unit=p.town, accepted=True)
    client.force_login(p.citizen2)
    client.post(reverse("participation:claim", args=[wish.pk]))
    claim = WishClaim.objects.get()
    client.post(reverse("participation:release", args=[claim.pk]))
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.RELEASED


def test_someone_else_cannot_confirm(client, personas):
    p = personas
    wish = LeadFactory(author=p.citizen, unit=p.town, accepted=True)
    claim = WishClaim.objects.create(lead=wish, claimant=p.citizen2)
    client.force_login(p.liaison)
    assert client.post(reverse("participation:release", args=[claim.pk])).status_code == 403
