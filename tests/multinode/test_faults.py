"""Randomised fault injection across real nodes: two posts make random learner activity, and
their packets reach headquarters duplicated, out of order, cut off at random offsets, carried
through the other post, or through an import process killed at a random moment. After every
round the posts deliver properly, and headquarters must hold exactly the union of what the posts
made: nothing lost, nothing twice, nothing refused, nothing left waiting.

The seed is printed; ``ELEARNING_FAULT_SEED=N`` replays a run, ``ELEARNING_FAULT_ROUNDS=N``
changes the number of rounds.
"""

from __future__ import annotations

import json
import os
import random
import signal
import threading
import time
from collections import Counter
from pathlib import Path

from tests.multinode.harness import Node, carry, truncate

ROUNDS = int(os.environ.get("ELEARNING_FAULT_ROUNDS", "15"))
SEED = int(os.environ.get("ELEARNING_FAULT_SEED", random.randrange(1_000_000)))
COURSES = ["WLC-101", "HRB-101"]


def kill_during_import(node: Node, packet: Path, rng: random.Random) -> str:
    """Start ``manage.py sync_import`` and SIGKILL it: either at a random moment of its start
    and checks, or just after it reports its first chunk applied. Returns what was hit."""
    process = node.spawn("sync_import", packet)
    applying = threading.Event()

    def watch() -> None:
        seen = ""
        while chunk := process.stderr.read(1):
            seen = (seen + chunk)[-20:]
            if "Applying" in seen:
                applying.set()

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    if rng.random() < 0.3:
        applying.wait(timeout=rng.uniform(0.3, 3.0))
        moment = "while applying" if applying.is_set() else "while starting"
    else:
        applying.wait(timeout=60)
        time.sleep(rng.uniform(0, 0.05))
        moment = "while applying"
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    else:
        moment = "after it finished"
    process.wait()
    watcher.join(timeout=5)
    process.stdout.close()
    process.stderr.close()
    return moment


def from_posts(hub: Node, posts: list[Node]) -> set:
    ids = {post.node_id for post in posts}
    return {record for record in hub.records() if record[1] in ids}


def assert_union(hub: Node, posts: list[Node], own: dict[str, set]) -> None:
    """The hub holds exactly what the posts made, once each, with nothing held back."""
    held = from_posts(hub, posts)
    made = set().union(*own.values())
    assert held == made, (
        f"lost: {sorted(made - held)[:10]}, extra: {sorted(held - made)[:10]} (seed {SEED})"
    )
    twice = [key for key, n in Counter(r[:3] for r in hub.records()).items() if n > 1]
    assert not twice, f"one (table, origin, seq) twice: {twice[:10]} (seed {SEED})"
    assert hub.fn("sync_backlog") == {"pending": 0, "rejected": []}, SEED


def test_randomised_faults_lose_and_duplicate_nothing(network):
    print(f"fault injection seed {SEED} ({ROUNDS} rounds)")
    rng = random.Random(SEED)
    hub = network.hub()
    posts = [
        network.enrolled_post(
            hub, "poipet", post_name="Poipet", country="KH", post_code="kh-poipet", courses=COURSES
        ),
        network.enrolled_post(
            hub,
            "aranya",
            post_name="Aranyaprathet",
            country="TH",
            post_code="th-aranyaprathet",
            courses=COURSES,
        ),
    ]
    codes = {"poipet": "kh-poipet", "aranya": "th-aranyaprathet"}
    for post in posts:  # each post learns the other's key: it may carry the other's packets
        carry(hub, post, network.files, f"roster-{post.name}", "--for", post.node_id)
    hub_own = {r for r in hub.records() if r[1] == hub.node_id}
    pool: list[tuple[Node, Path]] = []  # every packet ever written: old ones come back too
    log = Counter()
    seconds: Counter = Counter()

    for round_no in range(1, ROUNDS + 1):
        for post in posts:
            done = post.fn(
                "random_activity",
                seed=rng.randrange(1 << 30),
                steps=rng.randint(2, 6),
                prefix=f"{post.name[:2]}{round_no}x",
                post_code=codes[post.name],
            )
            log.update(step.split()[0] for step in done)
            for extra in range(rng.randint(1, 2)):
                packet = network.files / f"r{round_no}-{post.name}-{extra}.packet"
                post.call("sync_export", "-o", packet)
                pool.append((post, packet))
        own = {post.name: post.own_records() for post in posts}
        hub_before = hub.records()

        deliveries = rng.sample(pool, k=min(len(pool), rng.randint(2, 5)))
        for sender, packet in deliveries:  # in random order, old packets among them
            fault = rng.choice(["duplicate", "truncate", "truncate", "relay", "kill", "plain"])
            if fault == "kill" and log["kill"] >= ROUNDS // 3:
                fault = "duplicate"  # a process start costs seconds: bound the total
            log[fault] += 1
            started = time.monotonic()
            if fault == "truncate":
                cut = network.files / f"cut-{round_no}-{packet.name}"
                truncate(packet, cut, rng.randrange(0, packet.stat().st_size))
                records = hub.records()
                result = hub.call("sync_import", cut, check=False)
                assert not result.ok and result.error, (packet, result.output, SEED)
                assert hub.records() == records, SEED
            elif fault == "kill":
                log[kill_during_import(hub, packet, rng)] += 1
            elif fault == "relay":
                other = next(p for p in posts if p is not sender)
                summary = json.loads(other.call("sync_import", packet, "--json").stdout)
                assert summary["new"] == 0 and not summary["rejected"], summary
            else:
                for _time in range(2 if fault == "duplicate" else 1):
                    summary = json.loads(hub.call("sync_import", packet, "--json").stdout)
                    assert not summary["rejected"], (summary, SEED)
            seconds[fault] += time.monotonic() - started
        assert hub.records() >= hub_before, f"a record disappeared (seed {SEED})"
        if rng.random() < 0.5:  # headquarters answers: later packets carry only what is new
            post = rng.choice(posts)
            carry(hub, post, network.files, f"r{round_no}-ack-{post.name}", "--for", post.node_id)
            log["ack"] += 1

        # Proper delivery: each post's newest packet, by USB stick.
        for post in posts:
            summary = carry(post, hub, network.files, f"r{round_no}-final-{post.name}")
            assert not summary["rejected"], (summary, SEED)
        for post in posts:
            assert post.own_records() == own[post.name], f"{post.name} changed (seed {SEED})"
        assert_union(hub, posts, own)
        assert {r for r in hub.records() if r[1] == hub.node_id} >= hub_own
    print(f"faults and activity: {dict(log)}")
    print(f"seconds spent per fault: { {k: round(v, 1) for k, v in seconds.items()} }")
    assert log["truncate"] and log["duplicate"] and log["kill"]
