"""What ``sync.py`` measured, printed: each step, each budget of issue 13 beside its figure, the
post's peak memory at two backlog sizes, the comparison with ``dumpdata``/``loaddata``, sizes,
checks and the machine."""

from __future__ import annotations

import argparse
import platform
import shlex
import statistics
import sys
from importlib.metadata import version

from _machine import machine_summary

BUDGET_SECONDS = 10.0  # 100,000 records post -> hub by USB (issue 13)
HTTP_BUDGET_SECONDS = 20.0  # 100,000 records over HTTP
NOOP_BUDGET_SECONDS = 1.0  # a sync with nothing new, less Django's start-up
DJANGO_RATIO_BUDGET = 10.0  # dumpdata + loaddata over export + copy + import, at least
USB_STICK_BYTES_PER_SECOND = 10e6  # a cheap USB 2 stick writing; for an estimate only
SMALL_BACKLOG = 20_000  # the second backlog size memory is measured at (sync.py)


def report(args: argparse.Namespace, m: dict) -> bool:
    report_setup(m)
    report_steps(m)
    budgets = report_budgets(m)
    report_memory(m)
    report_comparison(m)
    report_sizes(m)
    checks = report_checks(m)
    report_outputs(m)
    report_machine(m)
    return all(ok for _name, ok in checks) and all(budgets)


def report_setup(m: dict) -> None:
    startup = m["startup"]
    print(f"\nRecord sync, border post -> headquarters: {m['records']:,} records")
    print(f"  courses at the post by: {m['courses_by']}")
    print(
        "  records at the post:    " + ", ".join(f"{k} {v:,}" for k, v in m["post_counts"].items())
    )
    print(f"  seeding:                {m['seeded'].splitlines()[0]}")
    print(
        f"\n  Django start-up (manage.py check, median of {len(m['startups'])}): "
        f"{startup:.2f} s  ({', '.join(f'{s:.2f}' for s in m['startups'])}); "
        "'less start-up' subtracts it (the commands print no time of their own)"
    )


def step_row(m: dict, label: str, seconds: float, *, note: str = "") -> None:
    n, startup = m["records"], m["startup"]
    inner = seconds - startup
    # Within the start-up's own spread, the rate without it means nothing.
    rate = f"{n / inner:>9,.0f}" if inner > 0.1 else f"{'-':>9}"
    print(f"  {label:<38} {seconds:>7.2f}  {inner:>7.2f}  {n / seconds:>9,.0f}  {rate}  {note}")


def report_steps(m: dict) -> None:
    n, startup = m["records"], m["startup"]
    print(
        f"\n  {'step':<38} {'wall s':>7}  {'less':>7}  {'rec/s':>9}  {'rec/s':>9}"
        f"\n  {'':<38} {'':>7}  {'start-up':>7}  {'wall':>9}  {'less s-u':>9}"
    )
    usb_total = m["export"].seconds + m["copy_s"] + m["import"].seconds
    step_row(m, "sync_export at the post", m["export"].seconds)
    copy_mb_s = m["packet_bytes"] / m["copy_s"] / 1e6
    print(
        f"  {'copy of the packet (fsync)':<38} {m['copy_s']:>7.2f}  {'':>7}  "
        f"{n / m['copy_s']:>9,.0f}  {'':>9}  {copy_mb_s:,.0f} MB/s on this disk; a stick "
        f"writing 10 MB/s: ~{m['packet_bytes'] / USB_STICK_BYTES_PER_SECOND:.1f} s"
    )
    step_row(m, "sync_import at the hub", m["import"].seconds)
    verdict = "OK" if usb_total < BUDGET_SECONDS else "OVER BUDGET"
    step_row(
        m,
        "total post -> hub by USB",
        usb_total,
        note=f"budget {BUDGET_SECONDS:.0f} s: {verdict}",
    )
    step_row(m, "sync --hub URL (HTTP, all records)", m["http"].seconds)
    noop = statistics.median(m["noops"])
    print(
        f"  {'sync --hub URL, nothing new':<38} {noop:>7.2f}  {noop - startup:>7.2f}  "
        f"{'':>9}  {'':>9}  median of {', '.join(f'{s:.2f}' for s in m['noops'])}"
    )
    step_row(m, "dumpdata at the post", m["dump"].seconds)
    step_row(m, "loaddata at a fresh hub", m["load"].seconds)


def report_budgets(m: dict) -> list[bool]:
    """Each budget of issue 13 beside its figure; True for each one met."""
    startup = m["startup"]
    usb = m["export"].seconds + m["copy_s"] + m["import"].seconds
    django = m["dump"].seconds + m["load"].seconds
    usb_inner = usb - 2 * startup
    django_inner = django - 2 * startup
    http = m["http"].seconds
    noop = statistics.median(m["noops"]) - startup
    rows = [
        ("post -> hub by USB, wall", usb, f"< {BUDGET_SECONDS:.0f} s", usb < BUDGET_SECONDS),
        (
            "dumpdata + loaddata / USB, wall",
            django / usb,
            f">= {DJANGO_RATIO_BUDGET:.0f} x",
            django / usb >= DJANGO_RATIO_BUDGET,
        ),
        (
            "  the same, less start-up",
            django_inner / usb_inner,
            f">= {DJANGO_RATIO_BUDGET:.0f} x",
            django_inner / usb_inner >= DJANGO_RATIO_BUDGET,
        ),
        (
            "HTTP sync, all records, wall",
            http,
            f"< {HTTP_BUDGET_SECONDS:.0f} s",
            http < HTTP_BUDGET_SECONDS,
        ),
        (
            "sync with nothing new, less start-up",
            noop,
            f"< {NOOP_BUDGET_SECONDS:.0f} s",
            noop < NOOP_BUDGET_SECONDS,
        ),
    ]
    # Processor time of the same commands (the hub's under gunicorn is not counted): on a busy
    # machine wall time is mostly waiting for a core, processor time is the work itself.
    cpu = m["export"].cpu_s + m["import"].cpu_s
    django_cpu = m["dump"].cpu_s + m["load"].cpu_s
    startup_cpu = m["startup_cpu"]
    rows += [
        ("post -> hub by USB, CPU s", cpu, f"< {BUDGET_SECONDS:.0f} s", cpu < BUDGET_SECONDS),
        ("  of which sync_export", m["export"].cpu_s, "(part)", True),
        ("  of which sync_import", m["import"].cpu_s, "(part)", True),
        (
            "dumpdata + loaddata / USB, CPU",
            django_cpu / cpu,
            f">= {DJANGO_RATIO_BUDGET:.0f} x",
            django_cpu / cpu >= DJANGO_RATIO_BUDGET,
        ),
        (
            "  the same, less start-up CPU",
            (django_cpu - 2 * startup_cpu) / (cpu - 2 * startup_cpu),
            f">= {DJANGO_RATIO_BUDGET:.0f} x",
            (django_cpu - 2 * startup_cpu) / (cpu - 2 * startup_cpu) >= DJANGO_RATIO_BUDGET,
        ),
        (
            "HTTP sync, the post's CPU s",
            m["http"].cpu_s,
            "(hub apart)",
            True,
        ),
    ]
    print(f"\n  Budgets (issue 13; start-up CPU {startup_cpu:.2f} s):")
    for label, figure, budget, ok in rows:
        print(f"    {label:<38} {figure:>8.2f}  budget {budget:<8} {'OK' if ok else 'OVER'}")
    return [ok for _label, _figure, _budget, ok in rows]


def report_memory(m: dict) -> None:
    """Peak memory of the post's commands at two backlog sizes: flat means a ratio near 1."""
    n = m["records"]
    print(f"\n  Peak memory at the post (ru_maxrss), backlog {SMALL_BACKLOG:,} and {n:,}:")
    for label, small, large in (
        ("sync_export", m["small_export"], m["export"]),
        ("sync --hub URL", m["small_http"], m["http"]),
    ):
        print(
            f"    {label:<16} {small.peak_kib / 1024:7.1f} MiB  {large.peak_kib / 1024:7.1f} MiB"
            f"  ratio {large.peak_kib / small.peak_kib:.2f} for {n / SMALL_BACKLOG:.0f} x the "
            "records"
        )


def ratio(ours: float, theirs: float) -> str:
    return f"{ours / theirs:.2f}" if ours > 0 and theirs > 0 else "n/a"


def report_comparison(m: dict) -> None:
    startup = m["startup"]
    e, d = m["export"].seconds, m["dump"].seconds
    i, lo = m["import"].seconds, m["load"].seconds
    print("\n  Ours / Django's (below 1: ours is faster or smaller):")
    print(
        f"    export:  sync_export / dumpdata      wall {ratio(e, d)}   "
        f"less start-up {ratio(e - startup, d - startup)}"
    )
    print(
        f"    import:  sync_import / loaddata      wall {ratio(i, lo)}   "
        f"less start-up {ratio(i - startup, lo - startup)}"
    )
    print(f"    size:    packet / dumpdata JSON      {ratio(m['packet_bytes'], m['dump_bytes'])}")


def report_sizes(m: dict) -> None:
    n = m["records"]
    packet, raw = m["packet_bytes"], m["raw_bytes"]
    print("\n  Sizes:")
    print(f"    packet:                 {packet / 1e6:8.2f} MB  {packet / n:7.1f} bytes/record")
    print(
        f"    raw rows as JSON:       {raw / 1e6:8.2f} MB  {raw / n:7.1f} bytes/record  "
        f"(packet is {packet / raw:.2f} x raw)"
    )
    print(
        f"    raw rows, gzip -6:      {m['raw_gzip_bytes'] / 1e6:8.2f} MB  "
        f"{m['raw_gzip_bytes'] / n:7.1f} bytes/record"
    )
    print(
        f"    dumpdata JSON:          {m['dump_bytes'] / 1e6:8.2f} MB  "
        f"{m['dump_bytes'] / n:7.1f} bytes/record  (with the {m['users_dumped']:,} officers "
        "the records point at, natural keys)"
    )
    for bundle in m["bundles"]:
        print(f"    bundle {bundle['code']}:  {bundle['said']}")


def report_checks(m: dict) -> list[tuple[str, bool]]:
    checks = [
        ("the packet's import added every record", m["hub_counts"] == m["post_counts"]),
        ("HTTP sync added every record", m["hub_http_counts"] == m["post_counts"]),
        ("loaddata added every record", m["hub_load_counts"] == m["post_counts"]),
        (
            "nothing refused at import",
            not m["import_summary"].get("rejected") and not m["import_summary"].get("refused"),
        ),
    ]
    print("\n  Checks (counted at each hub, rows whose origin is the post):")
    for name, ok in checks:
        print(f"    {'OK    ' if ok else 'FAILED'} {name}")
    if not checks[0][1]:
        print(f"      post {m['post_counts']}\n      hub  {m['hub_counts']}")
    if not checks[1][1]:
        print(f"      hub after HTTP {m['hub_http_counts']}")
    return checks


def report_outputs(m: dict) -> None:
    print("\n  Output of the commands:")
    for label, run in (("sync_export", m["export"]), ("sync --hub", m["http"])):
        for line in run.stdout.strip().splitlines():
            print(f"    {label}: {line}")
    summary = m["import_summary"]
    print(
        f"    sync_import --json: received {summary.get('received')}, new {summary.get('new')}, "
        f"already present {summary.get('already_present')}, "
        f"rejected {len(summary.get('rejected') or [])}"
    )


def report_machine(m: dict) -> None:
    print("\n  Machine and commands:")
    print(f"    cores:     {machine_summary()}")
    print(
        f"    software:  Python {platform.python_version()}, Django {version('django')}, "
        f"Wagtail {version('wagtail')}, gunicorn {version('gunicorn')}, SQLite "
        f"{__import__('sqlite3').sqlite_version}"
    )
    if "database" in m:
        print(f"    database:  the hub's is {m['database']}")
    print(f"    hub:       {m['server_command']} (production settings)")
    if "compiled" in m:
        print(f"    modules:   {m['compiled']}")
    before, after = m["load_average"]
    print(
        f"    load:      {before[0]:.1f} at the start, {after[0]:.1f} at the end (1-minute load "
        "average: other work on the machine slows every figure)"
    )
    print(f"    setup:     {', '.join(f'{k} {v:.1f} s' for k, v in m['timings'].items())}")
    print(f"    command:   {shlex.join(sys.orig_argv)}")
