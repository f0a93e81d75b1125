"""A realistic synthetic month of events for the points benchmark, as JSON Lines.

Usage: python bench/generate.py OUT.jsonl [EVENTS] [PEOPLE]
Defaults: 1,000,000 events over 100,000 people, March 2017, the 27 Liyang units. One join per
person (spread over the units by their follower targets), then person acts (likes dominate),
the official account's articles with their stats, livestreams and reposts. Deterministic (seeded).
"""

import json
import random
import sys
import tomllib
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

SCHEME = Path(__file__).resolve().parent.parent / "wenming" / "schemes" / "liyang-2017.toml"
START = datetime(2017, 3, 1, tzinfo=ZoneInfo("Asia/Shanghai"))
SECONDS = 31 * 24 * 3600
ACTS = [("like", 0.66), ("comment_valid", 0.2), ("share", 0.08), ("share_accepted", 0.04), ("lead_accepted", 0.02)]


def units() -> list[tuple[str, int]]:
    with SCHEME.open("rb") as fh:
        data = tomllib.load(fh)
    return [(u["name"], int(u["target"])) for u in data["units"]]


def generate(out: Path, events: int = 1_000_000, people: int = 100_000, seed: int = 2017) -> int:
    rng = random.Random(seed)
    names, weights = zip(*units(), strict=True)
    people = min(people, max(events // 10, 1))
    unit_events = max(events // 1000, 8)  # articles, livestreams and reposts: about 0.1 %
    acts = events - people - unit_events
    kinds, kind_weights = zip(*ACTS, strict=True)
    written = 0

    def at(offset: float) -> str:
        return (START + timedelta(seconds=int(offset))).isoformat()

    with out.open("w", encoding="utf-8") as fh:

        def emit(obj):
            nonlocal written
            fh.write(json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n")
            written += 1

        for p in range(people):
            emit({"id": f"j{p}", "type": "join_group", "at": at(rng.random() * 86400), "person": f"u{p}",
                  "unit": rng.choices(names, weights)[0]})
        choices = rng.choices(kinds, kind_weights, k=acts)
        for n, kind in enumerate(choices):
            emit({"id": f"a{n}", "type": kind, "at": at(86400 + rng.random() * (SECONDS - 86400)),
                  "person": f"u{rng.randrange(people)}"})
        per_kind = unit_events // 8
        for n in range(per_kind):
            day = 86400 * (n % 31)
            emit({"id": f"ap{n}", "type": "article_published", "at": at(day + 7 * 3600), "article": f"A{n}",
                  "unit": rng.choice(names), "position": 1 + n % 4})
            emit({"id": f"as{n}", "type": "article_stats", "at": at(day + 79 * 3600), "article": f"A{n}",
                  "reads_72h": int(rng.lognormvariate(8, 1.2)), "likes": int(rng.lognormvariate(3.5, 1))})
            emit({"id": f"ld{n}", "type": "livestream_declared", "at": at(day), "livestream": f"L{n}",
                  "unit": rng.choice(names)})
            emit({"id": f"lh{n}", "type": "livestream_held", "at": at(day + 3600 * 20), "livestream": f"L{n}"})
            emit({"id": f"ls{n}", "type": "livestream_stats", "at": at(day + 3600 * 92), "livestream": f"L{n}",
                  "clicks_72h": int(rng.lognormvariate(9, 1))})
            for r in range(3):
                emit({"id": f"r{n}-{r}", "type": "repost", "at": at(day + 3600 * (8 + r)), "repost": f"R{n}-{r}",
                      "unit": rng.choice(names), "level": rng.choice(["local", "prefecture", "province", "national"]),
                      "prefecture_channel": rng.random() < 0.2, "reads_72h": int(rng.lognormvariate(7, 1))})
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    p = int(sys.argv[3]) if len(sys.argv) > 3 else 100_000
    print(generate(target, n, p))
