"""Cache throttles (core.throttle) and the SMS code helpers built on them (core.sms_codes)."""

import threading
import uuid

import pytest
import redis
from django.core.cache import cache
from django.core.exceptions import ValidationError

from wenming.core import sms_codes
from wenming.core.throttle import Throttle

REDIS = "redis://127.0.0.1:6379/13"


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def on_redis(settings):
    """The default cache on Redis, under a key prefix of this test alone (others share the server)."""
    try:
        redis.Redis.from_url(REDIS).ping()
    except redis.ConnectionError:
        pytest.fail("Redis is part of the production stack and must run for this test (redis://127.0.0.1:6379)")
    prefix = f"test-throttle-{uuid.uuid4().hex}"
    settings.CACHES = {"default": {"BACKEND": "wenming.core.cache.RedisCache", "LOCATION": REDIS, "KEY_PREFIX": prefix}}
    yield
    client = redis.Redis.from_url(REDIS)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_a_throttle_counts_each_subject_apart():
    throttle = Throttle("t", 3, 60)
    assert [throttle.hit("a") for _ in range(4)] == [1, 2, 3, 4]
    assert throttle.exceeded("a")
    assert not throttle.exceeded("b")
    assert throttle.hit("b") == 1
    assert throttle.hit(None) == 0 and not throttle.exceeded(None)


def test_a_new_window_starts_from_zero(monkeypatch):
    throttle = Throttle("w", 2, 60)
    monkeypatch.setattr("wenming.core.throttle.time.time", lambda: 1_000_020.0)
    throttle.hit("a")
    throttle.hit("a")
    assert throttle.exceeded("a")
    monkeypatch.setattr("wenming.core.throttle.time.time", lambda: 1_000_080.0)
    assert not throttle.exceeded("a")
    assert throttle.retry_after() == 60 - 1_000_080 % 60


def test_on_redis_concurrent_hits_are_all_counted(on_redis, monkeypatch):
    monkeypatch.setattr("wenming.core.throttle.time.time", lambda: 1_000_020.0)  # one window throughout
    throttle = Throttle("race", 10_000, 60)
    seen: list[int] = []
    lock = threading.Lock()

    def hammer():
        mine = [throttle.hit("phone") for _ in range(25)]
        with lock:
            seen.extend(mine)

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(seen) == list(range(1, 201))  # every hit got its own count: none lost, none twice
    assert throttle.count("phone") == 200


def test_sms_sending_is_limited_per_phone_and_per_address(on_redis, monkeypatch):
    monkeypatch.setattr("wenming.core.throttle.time.time", lambda: 1_000_020.0)  # no window ends mid-test
    sms_codes.allow_send("13800000001", "203.0.113.7")
    with pytest.raises(ValidationError, match="一分钟后再试"):
        sms_codes.allow_send("13800000001", "198.51.100.9")  # the same phone from elsewhere
    for number in range(2, sms_codes.SEND_PER_ADDRESS_HOUR.limit + 1):
        sms_codes.allow_send(f"138000000{number:02d}", "203.0.113.7")
    with pytest.raises(ValidationError, match="一小时后再试"):
        sms_codes.allow_send("13900000000", "203.0.113.7")  # a fresh phone, but a busy address
    sms_codes.allow_send("13900000000", "198.51.100.9")


def test_sms_sending_is_limited_per_phone_in_an_hour(monkeypatch):
    clock = [1_000_000.0]
    monkeypatch.setattr("wenming.core.throttle.time.time", lambda: clock[0])
    for _ in range(sms_codes.SEND_PER_PHONE_HOUR.limit):
        sms_codes.allow_send("13800000001", None)
        clock[0] += 61  # past the per-minute limit, within the hour
    with pytest.raises(ValidationError, match="一小时后再试"):
        sms_codes.allow_send("13800000001", None)


def test_wrong_codes_stop_checking_per_phone_and_per_address(monkeypatch):
    monkeypatch.setattr("wenming.core.throttle.time.time", lambda: 1_000_020.0)
    for _ in range(sms_codes.CHECK_FAILURES_PER_PHONE.limit):
        sms_codes.allow_check("13800000001", "203.0.113.7")
        sms_codes.note_wrong_code("13800000001", "203.0.113.7")
    with pytest.raises(ValidationError, match="错误次数过多"):
        sms_codes.allow_check("13800000001", "198.51.100.9")
    for number in range(sms_codes.CHECK_FAILURES_PER_ADDRESS.limit):
        sms_codes.note_wrong_code(f"137{number:08d}", "192.0.2.1")
    with pytest.raises(ValidationError, match="错误次数过多"):
        sms_codes.allow_check("13600000000", "192.0.2.1")
    sms_codes.allow_check("13600000000", "192.0.2.2")


def test_codes_are_six_digits_and_bound_to_purpose_subject_and_phone():
    code = sms_codes.new_code()
    assert len(code) == 6 and code.isdigit()
    stored = sms_codes.code_hash("phone", 7, "13800000001", code)
    assert code not in stored
    assert sms_codes.codes_match(stored, "phone", 7, "13800000001", f" {code} ")
    assert not sms_codes.codes_match(stored, "login", 7, "13800000001", code)
    assert not sms_codes.codes_match(stored, "phone", 8, "13800000001", code)
    assert not sms_codes.codes_match(stored, "phone", 7, "13800000002", code)
