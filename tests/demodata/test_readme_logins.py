"""The README's table of demo logins lists exactly the logins ``make demo`` prints, with their
roles, and the commands it gives name the demo's own border posts."""

import re
from pathlib import Path

from django.core.management import call_command

from demodata.people import POSTS, demo_logins

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_logins() -> dict[str, str]:
    """User name -> role, from the README's table under "| user name | role | sees |"."""
    lines = README.read_text(encoding="utf-8").splitlines()
    start = lines.index("| user name | role | sees |") + 2
    found: dict[str, str] = {}
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        names, role = (cell.strip() for cell in line.strip("|").split("|")[:2])
        for name in re.findall(r"`([^`]+)`", names):
            assert name not in found, f"{name} is listed twice"
            found[name] = role
    return found


def test_the_readme_table_lists_every_demo_login_with_its_role():
    listed = readme_logins()
    printed = {login.username: str(login.role) for login in demo_logins()}
    assert sorted(listed) == sorted(printed)
    for name, role in printed.items():
        assert listed[name].startswith(role), (name, listed[name], role)


def test_load_demo_prints_the_same_logins_without_loading(capsys):
    call_command("load_demo", "--logins-only")
    out = capsys.readouterr().out
    printed = [line.split()[0] for line in out.splitlines() if line.startswith("  ")]
    assert printed[1:-1] == [login.username for login in demo_logins()]
    assert set(printed[1:-1]) == set(readme_logins())


def test_readme_commands_name_the_demos_post_codes():
    text = README.read_text(encoding="utf-8")
    codes = {post["code"] for post in POSTS}
    used = set(re.findall(r"--(?:post-code|for|post) ([a-z][\w-]*)", text))
    assert used, "the README names no post code"
    assert used <= codes, used - codes
