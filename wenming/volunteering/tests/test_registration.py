"""Registration: ID checks per document type, encryption at rest, one volunteer per number, audited reveal."""

import threading

import pytest
from cryptography.fernet import Fernet
from django.db import connection, connections
from django.utils import timezone

from wenming.core import crypto
from wenming.journal.models import AuditEntry
from wenming.testing.factories import UserFactory
from wenming.volunteering import actions, idnumbers
from wenming.volunteering.errors import VolunteeringError
from wenming.volunteering.models import Volunteer

from .factories import make_volunteer, resident_id

# Published examples of valid numbers (GB 11643 check digits 'X' and a digit).
VALID = ["11010519491231002X", "44052419800101001" + idnumbers.gb11643_check_digit("44052419800101001"), "32048119900307002" + idnumbers.gb11643_check_digit("32048119900307002")]


@pytest.mark.parametrize("number", VALID)
def test_valid_resident_ids(number):
    assert idnumbers.id_errors("resident", number) == []


@pytest.mark.parametrize(
    ("number", "message"),
    [("110105194912310021", "校验位"), ("11010519491231002", "18 位"), ("11010519491331002X", "出生日期"),
     ("11010520991231002X", "出生日期"), ("01010519491231002X", "18 位"), ("", "请填写")],
)
def test_invalid_resident_ids(number, message):
    assert message in idnumbers.id_errors("resident", number)[0]


def test_every_wrong_check_digit_is_caught():
    first17 = "32048119900307123"
    right = idnumbers.gb11643_check_digit(first17)
    for wrong in "0123456789X":
        assert bool(idnumbers.id_errors("resident", first17 + wrong)) == (wrong != right)


def test_lowercase_x_and_spaces_are_normalised():
    assert idnumbers.id_errors("resident", " 11010519491231002x ") == []


@pytest.mark.parametrize(
    ("id_type", "good", "bad"),
    [("passport", "E12345678", "E1-2!"), ("hk_macao", "H12345678", "H1234567"), ("hk_macao", "M1234567890", "X12345678"),
     ("taiwan", "12345678", "1234567")],
)
def test_other_documents_have_their_own_format(id_type, good, bad):
    assert idnumbers.id_errors(id_type, good) == []
    assert "格式不正确" in idnumbers.id_errors(id_type, bad)[0]


def test_masking():
    assert idnumbers.mask_id("32048119900307123X") == "320481********123X"
    assert idnumbers.mask_id("E12345678") == "E******78"


def test_crypto_round_trip_and_keyed_hash(monkeypatch):
    token = crypto.encrypt("32048119900307123X")
    assert "3204811990" not in token and crypto.decrypt(token) == "32048119900307123X"
    h1 = crypto.lookup_hash("x", "p")
    monkeypatch.setenv(crypto.ENV_NAME, Fernet.generate_key().decode())
    assert crypto.lookup_hash("x", "p") != h1
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token)


def test_rotation_keeps_old_values_readable(monkeypatch):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    monkeypatch.setenv(crypto.ENV_NAME, old)
    token = crypto.encrypt("secret")
    monkeypatch.setenv(crypto.ENV_NAME, f"{new},{old}")
    assert crypto.decrypt(token) == "secret"


def test_production_needs_the_key(monkeypatch, settings):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.delenv(crypto.ENV_NAME, raising=False)
    settings.PRODUCTION = True
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt("x")


@pytest.mark.django_db
def test_registration_stores_the_number_encrypted_and_masked(personas):
    number = resident_id(7)
    v = make_volunteer(personas.citizen, id_number=number, phone="13912345678")
    v.refresh_from_db()
    assert v.id_masked == number[:6] + "********" + number[-4:]
    assert v.phone_masked == "139****5678"
    assert number not in v.id_number_encrypted and "13912345678" not in v.phone_encrypted
    with connection.cursor() as cur:
        cur.execute("SELECT * FROM volunteering_volunteer")
        assert not any(number in str(col) for col in cur.fetchone())
    assert v.number == f"320481{timezone.localtime(v.registered_at).year}000001"
    assert v.birth_date.isoformat() == "1990-03-07"


@pytest.mark.django_db
def test_numbers_follow_the_format_setting(personas, settings):
    settings.WENMING_VOLUNTEERING = {"number_region": "320400", "number_format": "ZY-{region}-{year}-{seq:04d}"}
    v1, v2 = make_volunteer(), make_volunteer()
    assert v1.number.startswith("ZY-320400-") and v1.number.endswith("-0001") and v2.number.endswith("-0002")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kw", "message"),
    [({"id_number": "110105194912310021"}, "校验位"), ({"consent": False}, "隐私条款"), ({"phone": "12345"}, "手机号"),
     ({"real_name": " "}, "姓名"), ({"id_type": "alien"}, "证件类型")],
)
def test_bad_registrations_change_nothing(personas, kw, message):
    data = {"real_name": "王志愿", "id_type": "resident", "id_number": resident_id(), "phone": "13912345678",
            "consent": True, **kw}
    with pytest.raises(VolunteeringError, match=message):
        actions.register_volunteer(personas.citizen, **data)
    assert not Volunteer.objects.exists()


@pytest.mark.django_db
def test_one_volunteer_per_id_number(personas):
    number = resident_id(9)
    make_volunteer(personas.citizen, id_number=number)
    with pytest.raises(VolunteeringError, match="已注册"):
        make_volunteer(personas.citizen2, id_number=number.lower())
    with pytest.raises(VolunteeringError, match="您已注册"):
        make_volunteer(personas.citizen)
    assert Volunteer.objects.count() == 1


@pytest.mark.django_db
def test_reveal_is_audited_with_a_reason_and_refused_to_others(personas, world):
    number = resident_id(11)
    v = make_volunteer(personas.citizen, id_number=number)
    actions.join_team(v, world.team)
    with pytest.raises(VolunteeringError, match="原因"):
        actions.reveal_id_number(v, actor=world.team_admin, reason="")
    with pytest.raises(VolunteeringError, match="权限"):
        actions.reveal_id_number(v, actor=world.other_admin, reason="核对保险")
    with pytest.raises(VolunteeringError, match="权限"):
        actions.reveal_id_number(v, actor=personas.citizen2, reason="好奇")
    assert actions.reveal_id_number(v, actor=world.team_admin, reason="购买活动保险") == number
    assert actions.reveal_id_number(v, actor=world.center_admin, reason="核对身份") == number
    entries = AuditEntry.objects.filter(verb="volunteering.reveal_id").order_by("id")
    assert [(e.actor, e.reason) for e in entries] == [(world.team_admin, "购买活动保险"), (world.center_admin, "核对身份")]


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_of_one_number_make_one_volunteer(on_postgres):
    number = resident_id(21)
    users = [UserFactory() for _ in range(6)]
    barrier = threading.Barrier(len(users))
    outcomes = []

    def register(user):
        try:
            barrier.wait()
            actions.register_volunteer(user, real_name="同号", id_type="resident", id_number=number,
                                       phone="13912345678", consent=True)
            outcomes.append("ok")
        except VolunteeringError as exc:
            outcomes.append(exc.message)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("ok") == 1 and outcomes.count("该证件号码已注册为志愿者") == 5
    assert Volunteer.objects.count() == 1
