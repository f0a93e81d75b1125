"""The access token and ticket: cached centrally, refreshed before expiry, no stampede."""

import threading
import time

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command

from wenming.wechat import credentials, sdk
from wenming.wechat.conf import account


def test_token_is_fetched_once_and_then_served_from_the_cache(fake_wechat):
    values = {credentials.access_token.get() for _ in range(5)}
    assert values == {fake_wechat.tokens[-1]}
    assert fake_wechat.calls["/cgi-bin/token"] == 1
    entry = credentials.access_token.peek()
    assert 7100 < entry["expires_at"] - time.time() <= 7200


def test_token_is_refreshed_before_it_expires(fake_wechat):
    old = credentials.access_token.get()
    key = credentials.access_token.key(account())
    # Five minutes left: inside the refresh margin, still valid.
    cache.set(key, {"value": old, "expires_at": time.time() + 300}, 300)
    new = credentials.access_token.get()
    assert new != old
    assert fake_wechat.calls["/cgi-bin/token"] == 2


def test_while_another_process_refreshes_the_old_valid_token_is_used(fake_wechat):
    old = credentials.access_token.get()
    key = credentials.access_token.key(account())
    cache.set(key, {"value": old, "expires_at": time.time() + 300}, 300)
    cache.add(key + ":lock", "1", 30)  # another process holds the refresh lock
    assert credentials.access_token.get() == old
    assert fake_wechat.calls["/cgi-bin/token"] == 1


def test_concurrent_callers_fetch_once(fake_wechat):
    fake_wechat.token_delay = 0.3  # a slow upstream widens the race
    results, errors = [], []

    def worker():
        try:
            results.append(credentials.access_token.get())
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(results) == 8 and len(set(results)) == 1
    assert fake_wechat.calls["/cgi-bin/token"] == 1


def test_a_revoked_token_is_replaced_when_the_ticket_is_fetched(fake_wechat):
    token = credentials.access_token.get()
    fake_wechat.revoked.add(token)  # WeChat issued a newer token to someone else
    ticket = credentials.jsapi_ticket.get()
    assert ticket == f"TICKET_FOR_{credentials.access_token.get()}"
    assert credentials.access_token.get() != token
    assert fake_wechat.calls["/cgi-bin/token"] == 2


def test_wrong_secret_is_an_error_and_nothing_is_cached(fake_wechat, settings):
    settings.WECHAT = {**settings.WECHAT, "APP_SECRET": "wrong"}
    with pytest.raises(sdk.WechatError):
        credentials.access_token.get()
    assert credentials.access_token.peek() is None


def test_refresh_command_refreshes_both(fake_wechat, capsys):
    call_command("wechat-refresh")
    out = capsys.readouterr().out
    assert "access_token:" in out and "jsapi_ticket:" in out
    assert credentials.jsapi_ticket.peek()["value"].startswith("TICKET_FOR_")
    call_command("wechat-refresh")  # nothing near expiry: no new fetch
    assert fake_wechat.calls["/cgi-bin/token"] == 1
    assert fake_wechat.calls["/cgi-bin/ticket/getticket"] == 1


@pytest.mark.django_db
def test_refresh_command_refuses_when_off(wechat_off):
    with pytest.raises(CommandError, match="未配置"):
        call_command("wechat-refresh")
