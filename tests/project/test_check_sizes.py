"""The size check `make lint` runs (scripts/check_sizes.py): a file over 600 lines or a function
over 80 fails the check, naming file, line and function; a tree within the limits passes."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _check(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_sizes.py"), str(tree)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def _function(name: str, lines: int, indent: str = "") -> str:
    """A function of exactly ``lines`` lines, its ``def`` line included."""
    body = "".join(f"{indent}    x{i} = {i}\n" for i in range(lines - 2))
    return f"{indent}def {name}():\n{body}{indent}    return 0\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_tree_within_the_limits_passes(tmp_path):
    _write(tmp_path / "app" / "services.py", "\n" * 598 + _function("edge", 2))
    _write(tmp_path / "app" / "selectors.py", _function("longest", 80))
    result = _check(tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_a_601_line_file_fails_naming_the_file(tmp_path):
    _write(tmp_path / "app" / "services.py", "x = 1\n" * 601)
    result = _check(tmp_path)
    assert result.returncode == 1
    assert result.stdout == "app/services.py:1: file has 601 lines (limit 600)\n"


def test_an_81_line_function_fails_naming_it(tmp_path):
    source = "class Report:\n" + _function("rows", 81, indent="    ")
    _write(tmp_path / "bench" / "report.py", "import os\n\n\n" + source)
    result = _check(tmp_path)
    assert result.returncode == 1
    assert result.stdout == "bench/report.py:5: function Report.rows has 81 lines (limit 80)\n"


def test_migrations_tests_and_hidden_folders_are_not_application_code(tmp_path):
    big = "x = 1\n" * 700
    _write(tmp_path / "app" / "migrations" / "0001_initial.py", big)
    _write(tmp_path / "tests" / "app" / "test_long.py", _function("test_long", 120))
    _write(tmp_path / ".venv" / "lib" / "site.py", big)
    result = _check(tmp_path)
    assert (result.returncode, result.stdout) == (0, "")


def test_the_repository_is_within_the_limits():
    result = _check(ROOT)
    assert (result.returncode, result.stdout) == (0, "")
