"""Size check run by `make lint`: no application Python file over 600 lines, no function over 80.

Application code is every ``.py`` file of the repository except migrations, ``tests/`` and
hidden folders (``.venv``); ``bench/`` and ``scripts/`` count. Each offender is printed as
``path:line: what`` and the exit status is 1; a clean tree prints nothing and exits 0.

    python scripts/check_sizes.py [ROOT]
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

MAX_FILE_LINES = 600
MAX_FUNCTION_LINES = 80


def application_files(root: Path) -> Iterator[Path]:
    """The Python files under ``root`` that count as application code, in path order."""
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        if parts[0] == "tests" or "migrations" in parts:
            continue
        if any(part.startswith(".") or part == "__pycache__" for part in parts):
            continue
        yield path


def _functions(
    node: ast.AST, prefix: str = ""
) -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """Every function and method in ``node`` with its dotted name (``Class.method``,
    ``outer.inner``), nested ones included."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            name = f"{prefix}{child.name}"
            if not isinstance(child, ast.ClassDef):
                yield name, child
            yield from _functions(child, f"{name}.")
        else:
            yield from _functions(child, prefix)


def offences(path: Path, relative: str) -> Iterator[tuple[str, str]]:
    """(allowlist key, message) for each limit ``path`` is over."""
    source = path.read_text(encoding="utf-8")
    lines = len(source.splitlines())
    if lines > MAX_FILE_LINES:
        yield relative, f"{relative}:1: file has {lines} lines (limit {MAX_FILE_LINES})"
    for name, function in _functions(ast.parse(source, filename=relative)):
        length = (function.end_lineno or function.lineno) - function.lineno + 1
        if length > MAX_FUNCTION_LINES:
            yield (
                f"{relative}::{name}",
                f"{relative}:{function.lineno}: function {name} has {length} lines "
                f"(limit {MAX_FUNCTION_LINES})",
            )


def main(argv: list[str]) -> int:
    root = Path(argv[0] if argv else Path(__file__).resolve().parent.parent)
    failed = False
    for path in application_files(root):
        relative = path.relative_to(root).as_posix()
        for _key, message in offences(path, relative):
            print(message)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
