"""The load process: C concurrent keep-alive clients post votes for D seconds.

Mix: a quarter of requests repeat an earlier (voter, candidate) pair; a few pairs are sent by
several clients at the same moment. Prints votes/s, p50/p99, status counts, then writes the
distinct pairs that got a definite answer (201-style 200 or 409) for the final count check.

Two ways to drive it:
- rate 0 (saturation): every client sends its next vote as soon as the last is answered, which
  finds the most the server can answer; latency is then mostly time spent queued.
- rate R (paced): the C clients together offer R requests per second, each on a fixed schedule
  (a person tapping 投票 every C/R seconds). Latency is measured from the moment a request was
  due, not when it was sent, so a server that falls behind is charged for the wait (no
  coordinated omission): the figures are what voters would see at that offered load.

Usage: python bench/votes/load.py <host:port> <prepared.json> <concurrency> <seconds> <result.json>
       [rate] [earlier-result.json]
"""

import asyncio
import json
import random
import sys
import time
from collections import Counter

CSRF = "benchcsrftokenbenchcsrftoken0123"  # 32 characters: Django accepts the unmasked secret


async def one_client(host, port, state, deadline, interval, due):
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.monotonic() < deadline:
            wait = due - time.monotonic()
            if wait > 0:  # paced: not due yet (and in both modes, the common start)
                await asyncio.sleep(wait)
            pair = state["next_pair"]()
            voter, session, cand = pair
            body = f"candidate={cand}".encode()
            head = (
                f"POST /honors/api/votes/ HTTP/1.1\r\nHost: {host}\r\n"
                f"Cookie: {state['cookie']}={session}; csrftoken={CSRF}\r\nX-CSRFToken: {CSRF}\r\n"
                f"User-Agent: bench-votes/1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                f"Content-Length: {len(body)}\r\n\r\n"
            ).encode()
            key = (voter, cand)
            state["inflight"][key] += 1
            if state["inflight"][key] > 1:
                state["overlapping"] += 1
            started = due if interval else time.monotonic()
            due += interval
            writer.write(head + body)
            await writer.drain()
            # The head in one read (cheaper than a readline per header: this process shares the CPU).
            try:
                head_in = await reader.readuntil(b"\r\n\r\n")
            except (asyncio.IncompleteReadError, ConnectionError):
                head_in = b""
            status_line, _, headers = head_in.partition(b"\r\n")
            headers = headers.lower()
            at = headers.find(b"content-length:")
            length = int(headers[at + 15 : headers.index(b"\r\n", at)]) if at >= 0 else 0
            close = b"connection: close" in headers
            if length:
                await reader.readexactly(length)
            elapsed = time.monotonic() - started
            state["inflight"][key] -= 1
            status = int(status_line.split()[1]) if status_line else 599
            state["lat"].append(elapsed)
            state["status"][status] += 1
            if status in (200, 409):
                state["answered"].add(key)
            if status == 200:
                state["sent"].append(pair)
            if close or not status_line:
                writer.close()
                reader, writer = await asyncio.open_connection(host, port)
    finally:
        writer.close()


def main():
    address, prepared, concurrency, seconds, out = sys.argv[1:6]
    rate = float(sys.argv[6]) if len(sys.argv) > 6 else 0.0
    host, port = address.split(":")
    data = json.load(open(prepared))
    voters, cands = data["voters"], data["candidates"]
    rng = random.Random(f"wenming-votes-{rate}")  # each phase its own voters, pairs and duplicates
    sent: list = []
    echoes: list = []
    # Pairs already used, here or by an earlier phase (its result file), so that a new vote is new
    # and the duplicates are the quarter chosen below, not chance collisions that grow with time.
    drawn = {tuple(p) for p in json.load(open(sys.argv[7]))["pairs"]} if len(sys.argv) > 7 else set()

    def fresh_pair():
        for _ in range(100):
            voter, session = rng.choice(voters)
            cand = rng.choice(cands)
            if (voter, cand) not in drawn:
                break
        drawn.add((voter, cand))
        return voter, session, cand

    def next_pair():
        if echoes:
            return echoes.pop()
        roll = rng.random()
        if roll < 0.25 and sent:
            return rng.choice(sent)  # a duplicate of an earlier accepted vote
        pair = fresh_pair()
        if roll > 0.98:
            echoes.append(pair)  # the next client sends the same pair while this one is in flight
        return pair

    state = {
        "cookie": data["cookie"],
        "next_pair": next_pair,
        "sent": sent,
        "lat": [],
        "status": Counter(),
        "answered": set(),
        "inflight": Counter(),
        "overlapping": 0,
    }

    clients = int(concurrency)
    interval = clients / rate if rate else 0.0

    async def run():
        start = time.monotonic() + 0.5  # every connection open before the first vote is due
        deadline = start + float(seconds)
        # Each client's first vote falls at its own point of the first interval, spreading the load.
        await asyncio.gather(
            *(
                one_client(host, int(port), state, deadline, interval, start + interval * i / clients)
                for i in range(clients)
            )
        )

    began, cpu_began = time.monotonic(), time.process_time()
    asyncio.run(run())
    wall, cpu = time.monotonic() - began, time.process_time() - cpu_began
    lat = sorted(state["lat"])
    total = len(lat)
    status = state["status"]
    wall -= 0.5  # the connection set-up before the first vote was due
    mode = f"paced, offering {rate:.0f} req/s" if rate else "saturation, no pause between votes"
    print(
        f"requests: {total} in {wall:.1f}s = {total / wall:.0f} req/s with {concurrency} concurrent clients ({mode})"
    )
    print(
        f"votes recorded (200): {status[200]} = {status[200] / wall:.0f} votes/s; duplicates refused (409): {status[409]}"
    )
    print(
        f"latency p50: {lat[total // 2] * 1000:.1f} ms, p99: {lat[int(total * 0.99)] * 1000:.1f} ms, max: {lat[-1] * 1000:.1f} ms"
    )
    print(
        f"server errors (5xx): {sum(n for s, n in status.items() if s >= 500)}; all statuses: {dict(sorted(status.items()))}"
    )
    print(f"load process CPU: {cpu:.1f}s over {wall:.1f}s = {cpu / wall:.0%} of one core")
    print(f"same-pair requests that overlapped another in flight: {state['overlapping']}")
    json.dump(
        {
            "pairs": sorted(state["answered"]),
            "created": status[200],
            "rps": status[200] / wall,
            "requests": total,
            "answered_rps": (status[200] + status[409]) / wall,
            "offered": rate,
            "p50_ms": lat[total // 2] * 1000,
            "p99_ms": lat[int(total * 0.99)] * 1000,
            "errors": sum(n for s, n in status.items() if s >= 500),
        },
        open(out, "w"),
    )


if __name__ == "__main__":
    main()
