"""One node of a multi-node test, as a long-lived process: ``python -m tests.multinode.driver``.

The environment names the node (``ELEARNING_DATA_DIR``, ``ELEARNING_NODE_ROLE``,
``DJANGO_SETTINGS_MODULE``); the process sets Django up once and then answers one JSON request
per line on standard input with one JSON line on the protocol channel (the original standard
output; anything else the code prints goes to standard error, which the harness sends to a log
file). Requests:

``{"op": "call", "command": NAME, "args": [...]}``
    ``call_command`` with captured output: ``{"ok", "stdout", "stderr", "error", "exit_code"}``.
``{"op": "fn", "name": NAME, "kwargs": {...}}``
    a function of ``tests.multinode.actions`` (services and selectors run on this node):
    ``{"ok": true, "result": ...}`` or ``{"ok": false, "error": traceback}``.

Starting a ``manage.py`` process costs 2-3 s; this process pays it once per node.
"""

from __future__ import annotations

import io
import json
import os
import sys
import traceback


def _protocol_channel():
    """The original stdout for answers; fd 1 and ``sys.stdout`` then point at stderr, so a stray
    print can never corrupt an answer."""
    channel = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return channel


def _call(command: str, args: list[str]) -> dict:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    out, err = io.StringIO(), io.StringIO()
    answer = {"ok": True, "error": "", "exit_code": 0}
    real_stderr = sys.stderr
    sys.stderr = err  # progress bars write to sys.stderr directly
    try:
        call_command(command, *args, stdout=out, stderr=err)
    except CommandError as error:
        answer.update(ok=False, error=str(error), exit_code=getattr(error, "returncode", 1))
    except SystemExit as error:
        code = error.code if isinstance(error.code, int) else 1
        answer.update(ok=code == 0, exit_code=code)
    finally:
        sys.stderr = real_stderr
    answer.update(stdout=out.getvalue(), stderr=err.getvalue())
    return answer


def _fn(name: str, kwargs: dict) -> dict:
    from tests.multinode import actions

    function = getattr(actions, name, None)
    if function is None or name.startswith("_"):
        return {"ok": False, "error": f"no action called {name}"}
    return {"ok": True, "result": function(**kwargs)}


def main() -> None:
    channel = _protocol_channel()
    import django

    django.setup()
    from django.db import connections

    channel.write(json.dumps({"ok": True, "ready": True}) + "\n")
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            request = json.loads(line)
            if request["op"] == "call":
                answer = _call(request["command"], [str(a) for a in request.get("args", [])])
            elif request["op"] == "fn":
                answer = _fn(request["name"], request.get("kwargs", {}))
            else:
                answer = {"ok": False, "error": f"unknown op {request['op']!r}"}
        except Exception:
            answer = {"ok": False, "error": traceback.format_exc()}
        # Other processes (a runserver, a killed import) write the same SQLite file: start
        # every request with a fresh connection rather than a cached one.
        connections.close_all()
        channel.write(json.dumps(answer, default=str) + "\n")
    connections.close_all()


if __name__ == "__main__":
    main()
