"""``manage.py import_officers``: the same rules as the page, exit status 1 with the errors when
any row is bad, ``--dry-run``, ``--json``, and ``--as`` a coordinator's scope."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from officers.models import BorderPost, ProfileRecord, User

from .conftest import csv_bytes, khmer, row, thai, xlsx_bytes

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_officers", *args, stdout=out, stderr=err)
    except SystemExit as exit:
        return int(exit.code or 0), out.getvalue(), err.getvalue()
    except CommandError as error:  # the command line prints it and exits 1
        return 1, out.getvalue(), str(error)
    return 0, out.getvalue(), err.getvalue()


def test_dry_run_prints_what_it_would_do_and_writes_nothing(people, write):
    path = write("officers.csv", csv_bytes([thai("TH-1"), khmer("KH-1")]))
    users = User.objects.count()
    code, out, _err = run(str(path), "--dry-run")
    assert code == 0
    assert "line 2: New officer th-th-1" in out and "line 3: New officer kh-kh-1" in out
    assert "Would do: 2 rows, 0 errors." in out
    assert User.objects.count() == users


def test_errors_exit_1_and_write_nothing_json_names_row_and_column(people, write):
    path = write("officers.csv", csv_bytes([thai("TH-1"), thai("TH-2", post="nowhere")]))
    users = User.objects.count()
    code, out, _err = run(str(path), "--json")
    assert code == 1
    report = json.loads(out)
    assert report["ok"] is False and report["errors"] == 1
    assert report["rows"][1]["line"] == 3
    assert report["rows"][1]["errors"] == [
        {"column": "post", "message": "No border post has the code “nowhere”."}
    ]
    assert User.objects.count() == users
    code, _out, err = run(str(path))
    assert code == 1 and "error [post] No border post has the code “nowhere”." in err


def test_import_writes_the_sheet_and_a_second_run_changes_nothing(people, write, tmp_path):
    path = write("officers.xlsx", xlsx_bytes([list(thai("TH-1").values())]))
    sheet = tmp_path / "passwords.pdf"
    code, out, _err = run(str(path), "--json", "--sheet", str(sheet))
    assert code == 0
    report = json.loads(out)
    assert (report["created"], report["updated"], report["unchanged"]) == (1, 0, 0)
    assert report["sheet"] == str(sheet) and sheet.read_bytes().startswith(b"%PDF-")
    assert oct(sheet.stat().st_mode & 0o777) == "0o600"
    officer = User.objects.get(username="th-th-1")
    assert officer.must_change_password
    records = ProfileRecord.objects.count()
    code, out, _err = run(str(path), "--json")
    assert code == 0
    assert json.loads(out)["created"] == 0 and json.loads(out)["unchanged"] == 1
    assert ProfileRecord.objects.count() == records


def test_as_a_coordinator_a_post_outside_scope_is_refused(people, write, tmp_path):
    path = write("officers.csv", csv_bytes([thai("TH-1"), thai("LA-1", post="la-v")]))
    code, out, _err = run(str(path), "--as", "coord", "--json")
    assert code == 1
    assert json.loads(out)["rows"][1]["errors"][0]["message"] == (
        "Border post la-v is outside your scope."
    )
    assert not User.objects.filter(service_number__in=["TH-1", "LA-1"]).exists()
    # An administrator may import it.
    code, _out, _err = run(str(path), "--sheet", str(tmp_path / "sheet.pdf"))
    assert code == 0
    assert User.objects.filter(service_number__in=["TH-1", "LA-1"]).count() == 2


def test_a_coordinator_cannot_change_an_officer_outside_scope(people, write):
    people["learner_la"].service_number = "LA-1"
    people["learner_la"].save()
    path = write(
        "officers.csv",
        csv_bytes([row(full_name_latin="X", service_number="LA-1", post="la-v", rank="Major")]),
    )
    code, _out, err = run(str(path), "--as", "coord")
    assert code == 1 and "outside your scope" in err
    people["learner_la"].refresh_from_db()
    assert people["learner_la"].rank == ""


def test_refused_file_and_unknown_user(people, write):
    path = write("officers.png", b"\x89PNG\r\n")
    code, out, _err = run(str(path), "--json")
    assert code == 1 and "not a spreadsheet" in json.loads(out)["refused"]
    code, _out, err = run(str(path), "--as", "learner")
    assert code == 1 and "learner is not an active coordinator or administrator." in err


NAMES = {  # country -> (post, own-script name, Latin name)
    "TH": ("th-a", "สมชาย ใจดี", "Somchai Jaidee"),
    "KH": ("kh-p", "សុខា ចាន់", "Sokha Chan"),
    "LA": ("la-v", "ຄຳລາ ພົມມະວົງ", "Khamla Phommavong"),
    "MM": ("mm-m", "အောင် ကျော်", "Aung Kyaw"),
    "VN": ("vn-l", "Nguyễn Văn An", "Nguyen Van An"),
}


def five_scripts(count: int, bad: set[int]) -> bytes:
    rows = []
    for n in range(count):
        country = list(NAMES)[n % 5]
        post, native, latin = NAMES[country]
        values = row(
            full_name_native=native,
            full_name_latin=f"{latin} {n}",
            service_number=f"{country}-{n}",
            post=post,
        )
        if n in bad:  # a name in own script in the Latin column
            values["full_name_latin"] = NAMES["TH"][1] if country == "VN" else native
        rows.append(values)
    return csv_bytes(rows)


def test_500_officers_in_five_scripts(people, write, tmp_path):
    BorderPost.objects.create(code="mm-m", name="Myawaddy", country="MM")
    BorderPost.objects.create(code="vn-l", name="Lao Cai", country="VN")
    bad = {0, 1, 2, 3, 499}  # Thai, Khmer, Lao, Myanmar, Vietnamese
    users = User.objects.count()
    code, out, _err = run(str(write("bad.csv", five_scripts(500, bad))), "--json")
    report = json.loads(out)
    assert code == 1 and report["errors"] == 5
    assert [r["line"] for r in report["rows"] if r["errors"]] == [2, 3, 4, 5, 501]
    assert User.objects.count() == users
    good = write("good.csv", five_scripts(500, set()))
    code, out, _err = run(str(good), "--json", "--sheet", str(tmp_path / "sheet.pdf"))
    assert code == 0 and json.loads(out)["created"] == 500
    assert User.objects.count() == users + 500
    code, out, _err = run(str(good), "--json")
    assert code == 0 and json.loads(out)["created"] == 0 and json.loads(out)["unchanged"] == 500


def test_a_sheet_that_cannot_be_made_leaves_no_officer_and_no_file(
    people, write, tmp_path, settings, monkeypatch
):
    import rosters.slips

    settings.ELEARNING_ROSTER_SLIPS_APART = 1
    monkeypatch.setattr(rosters.slips, "_settings_module", lambda: "elearning.settings.missing")
    path = write("officers.csv", csv_bytes([thai("TH-1"), khmer("KH-1")]))
    sheet = tmp_path / "passwords.pdf"
    users = User.objects.count()
    code, _out, err = run(str(path), "--sheet", str(sheet))
    assert code == 1
    assert "Nothing was imported: the sheet of initial passwords could not be made." in err
    assert User.objects.count() == users and not sheet.exists()
