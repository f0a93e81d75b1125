"""Prepare the vote benchmark: one campaign with candidates, N phone-verified voters, and a
logged-in session for each (written where the server reads sessions: the cache in production).

Usage: python bench/votes/prepare.py <voters> <candidates> <out.json>
"""

import json
import os
import sys
from importlib import import_module

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wenming.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.utils import timezone  # noqa: E402

from wenming.honors.choices import NominationStatus  # noqa: E402
from wenming.honors.models import Campaign, Nomination  # noqa: E402
from wenming.orgs.choices import UnitKind  # noqa: E402
from wenming.orgs.models import Unit  # noqa: E402
from wenming.people.models import User  # noqa: E402


def main(voters: int, candidates: int, out: str) -> None:
    now = timezone.now()
    region, _ = Unit.objects.get_or_create(name="压测市", parent=None, defaults={"kind": UnitKind.COUNTY})
    campaign = Campaign.objects.create(
        name="压测好人榜", kind="monthly", region=region, start_level="county", top_level="county"
    )
    owner = User.objects.create(username="bench-owner", password=make_password(None))
    cands = Nomination.objects.bulk_create(
        [
            Nomination(
                campaign=campaign,
                category="助人为乐",
                nominee_name=f"候选人{i}",
                region=region,
                story="压测",
                nominator=owner,
                level="county",
                status=NominationStatus.CANDIDATE,
                created_at=now,
            )
            for i in range(candidates)
        ]
    )
    unusable = make_password(None)
    users = User.objects.bulk_create(
        [
            User(username=f"bench{i:05d}", password=unusable, phone=f"139{i:08d}", phone_verified_at=now)
            for i in range(voters)
        ],
        batch_size=1000,
    )
    engine = import_module(settings.SESSION_ENGINE)
    sessions = []
    for user in users:
        store = engine.SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        sessions.append([user.pk, store.session_key])
    with open(out, "w") as fh:
        json.dump(
            {"cookie": settings.SESSION_COOKIE_NAME, "voters": sessions, "candidates": [c.pk for c in cands]},
            fh,
        )
    print(f"prepared {len(sessions)} verified voters with sessions and {len(cands)} candidates")


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])
