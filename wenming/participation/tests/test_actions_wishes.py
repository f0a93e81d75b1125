import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from wenming.participation import actions, queries
from wenming.participation.actions import ParticipationError
from wenming.participation.choices import ClaimStatus, LeadKind
from wenming.participation.models import WishClaim
from wenming.testing.factories import UserFactory

from .factories import LeadFactory, image_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def wish(personas):
    return LeadFactory(author=personas.citizen, unit=personas.town, accepted=True)


def test_claim_fulfil_confirm_evaluate(personas, wish):
    p = personas
    claim = actions.claim_wish(p.citizen2, wish)
    assert claim.status == ClaimStatus.CLAIMED and claim.claimed_at
    claim = actions.fulfil_claim(p.citizen2, claim, photo=image_upload())
    assert claim.status == ClaimStatus.FULFILLED and claim.fulfilled_at and claim.photo
    claim = actions.confirm_claim(p.citizen, claim)
    assert claim.status == ClaimStatus.CONFIRMED and claim.confirmed_at
    claim = actions.evaluate_claim(p.citizen, claim, stars=5, text="非常感谢")
    assert claim.status == ClaimStatus.EVALUATED and claim.stars == 5 and claim.evaluated_at
    assert [e.verb.split(".")[1] for e in queries.history(wish)][:4] == ["evaluate", "confirm", "fulfil", "claim"]


def test_only_one_active_claim_and_release_frees_the_wish(personas, wish):
    p = personas
    claim = actions.claim_wish(p.citizen2, wish)
    other = UserFactory()
    with pytest.raises(ParticipationError, match="已被认领"):
        actions.claim_wish(other, wish)
    with pytest.raises(PermissionDenied):
        actions.release_claim(other, claim)
    actions.release_claim(p.citizen2, claim)
    second = actions.claim_wish(other, wish)
    assert queries.active_claim(wish) == second
    assert WishClaim.objects.count() == 2


def test_database_enforces_one_active_claim(personas, wish):
    WishClaim.objects.create(lead=wish, claimant=personas.citizen2)
    with pytest.raises(IntegrityError), transaction.atomic():
        WishClaim.objects.create(lead=wish, claimant=personas.liaison)


def test_steps_in_the_wrong_order_or_by_the_wrong_person_are_refused(personas, wish):
    p = personas
    with pytest.raises(ParticipationError, match="不能认领自己"):
        actions.claim_wish(p.citizen, wish)
    claim = actions.claim_wish(p.citizen2, wish)
    with pytest.raises(ParticipationError, match="不能进行此操作"):
        actions.confirm_claim(p.citizen, claim)
    with pytest.raises(PermissionDenied):
        actions.fulfil_claim(p.citizen, claim, photo=image_upload())
    with pytest.raises(ParticipationError, match="请上传"):
        actions.fulfil_claim(p.citizen2, claim, photo=None)
    with pytest.raises(ParticipationError, match="不是有效的图片"):
        from django.core.files.uploadedfile import SimpleUploadedFile

        actions.fulfil_claim(p.citizen2, claim, photo=SimpleUploadedFile("x.png", b"not an image"))
    claim = actions.fulfil_claim(p.citizen2, claim, photo=image_upload())
    with pytest.raises(ParticipationError, match="不能进行此操作"):
        actions.release_claim(p.citizen2, claim)
    with pytest.raises(PermissionDenied):
        actions.confirm_claim(p.citizen2, claim)
    claim = actions.confirm_claim(p.citizen, claim)
    for stars in (0, 6):
        with pytest.raises(ParticipationError, match="1 到 5 星"):
            actions.evaluate_claim(p.citizen, claim, stars=stars)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CONFIRMED


def test_database_refuses_stars_out_of_range(personas, wish):
    claim = WishClaim.objects.create(lead=wish, claimant=personas.citizen2)
    with pytest.raises(IntegrityError), transaction.atomic():
        WishClaim.objects.filter(pk=claim.pk).update(stars=6)


def test_pending_wishes_and_activity_leads_cannot_be_claimed(personas):
    p = personas
    pending = LeadFactory(author=p.citizen, unit=p.town)
    with pytest.raises(ParticipationError, match="尚未公开"):
        actions.claim_wish(p.citizen2, pending)
    activity = LeadFactory(author=p.citizen, unit=p.town, kind=LeadKind.ACTIVITY, accepted=True)
    with pytest.raises(ParticipationError, match="只有微心愿"):
        actions.claim_wish(p.citizen2, activity)


def test_a_liaison_claims_for_their_unit_only(personas, wish):
    p = personas
    with pytest.raises(PermissionDenied):
        actions.claim_wish(p.liaison, wish, unit=p.dept)
    claim = actions.claim_wish(p.liaison_edu, wish, unit=p.dept)
    assert claim.unit == p.dept
