"""The row rules on their own (pure: rows and what exists in, actions and problems out), for
the cases the pages show less directly: scripts with combining marks, blank cells of an update,
course codes, user names."""

from __future__ import annotations

from rosters.checks import Action, Existing, Known, check_rows, course_codes, username_for
from rosters.sheets import SheetRow, clean_text

from .conftest import row


def known(**overrides) -> Known:
    values = {
        "posts": {"th-a": "TH", "kh-p": "KH", "la-v": "LA", "mm-m": "MM", "vn-l": "VN"},
        "scope_posts": frozenset({"th-a", "kh-p", "la-v", "mm-m", "vn-l"}),
        "countries": {"th": "TH", "thailand": "TH", "kh": "KH"},
        "country_names": {"TH": "Thailand", "KH": "Cambodia", "LA": "Lao PDR"},
        "agencies": {("TH", "immigration bureau"): "Immigration Bureau"},
        "languages": {"th": "th", "ไทย": "th", "km": "km", "en": "en"},
        "courses": frozenset({"TIP-101"}),
        "officers": {},
        "names": {},
    }
    return Known(**{**values, **overrides})


def one(values: dict, k: Known | None = None):
    return check_rows([SheetRow(line=2, values=values)], k or known()).rows[0]


def codes(result) -> list[tuple[str, str]]:
    return [(p.column, p.code) for p in result.problems]


def test_names_with_combining_marks_in_their_own_script_pass():
    for post, native, latin in [
        ("th-a", "สมศักดิ์ วงศ์ใหญ่", "Somsak Wongyai"),
        ("kh-p", "សុខា ចាន់", "Sokha Chan"),
        ("la-v", "ຄຳລາ ພົມມະວົງ", "Khamla Phommavong"),
        ("mm-m", "အောင် ကျော်", "Aung Kyaw"),
        ("vn-l", "Nguyễn Văn An", "Nguyễn Văn An"),  # Vietnamese is Latin, accents included
    ]:
        values = row(full_name_native=native, full_name_latin=latin, service_number="1", post=post)
        assert codes(one(values)) == [], native


def test_wrong_script_in_each_name_field():
    values = row(full_name_native="Khamla", full_name_latin="ຄຳລາ", service_number="1", post="la-v")
    assert codes(one(values)) == [
        ("full_name_latin", "latin_not_latin"),
        ("full_name_native", "native_is_latin"),
    ]


def test_blank_cells_of_an_existing_officer_change_nothing_and_new_courses_are_an_update():
    existing = Existing(
        uuid="u",
        username="th-1",
        name="Somchai",
        values={
            "full_name_native": "สมชาย",
            "full_name_latin": "Somchai",
            "agency": "Immigration Bureau",
            "rank": "Major",
            "post": "th-a",
            "language": "th",
        },
        in_scope=True,
        is_learner=True,
        courses=frozenset({"TIP-101"}),
    )
    k = known(officers={("TH", "1"): existing})
    same = row(full_name_latin="Somchai", service_number="1", post="th-a", courses="tip-101")
    result = one(same, k)
    assert (result.action, result.changes, result.courses) == (Action.UNCHANGED, (), ())
    thai_language = {**same, "language": "ไทย", "agency": "immigration bureau"}
    assert one(thai_language, k).action == Action.UNCHANGED
    promoted = {**same, "rank": "Colonel"}
    assert one(promoted, k).changes == ("rank",)
    k2 = known(officers={("TH", "1"): existing}, courses=frozenset({"TIP-101", "DOC-201"}))
    assert one({**same, "courses": "TIP-101; DOC-201"}, k2).courses == ("DOC-201",)


def test_course_codes_usernames_and_cell_text():
    assert course_codes(" tip-101 ; DOC-201,tip-101;") == ("TIP-101", "DOC-201")
    assert username_for("TH", "IMM/2026 0042") == "th-imm-2026-0042"
    assert clean_text(1234567.0) == "1234567"
    assert clean_text("  สมชาย   ใจดี ") == "สมชาย ใจดี"


def test_checking_a_file_reads_the_database_in_as_many_queries_for_5_rows_as_for_60(
    db, people, course_tree
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from rosters.services import roster_check
    from rosters.sheets import Sheet

    from .conftest import khmer, thai

    def queries(n: int) -> int:
        rows = [
            SheetRow(line=i + 2, values=(thai if i % 2 else khmer)(f"N-{i}", courses="TST-101"))
            for i in range(n)
        ]
        with CaptureQueriesContext(connection) as captured:
            check = roster_check(viewer=people["coordinator"], sheet=Sheet(columns=(), rows=rows))
        assert check.ok
        return len(captured)

    assert queries(5) == queries(60)


def test_an_email_cell_holds_one_address_or_is_an_error_at_its_cell():
    base = {"full_name_native": "สมชาย", "full_name_latin": "Somchai", "post": "th-a"}
    good = row(service_number="1", email="somchai.j@immigration.example", **base)
    assert codes(one(good)) == []
    assert one(good).resolved["email"] == "somchai.j@immigration.example"
    for wrong in ["somchai", "somchai@", "a@b.c, d@e.f", "Somchai <s@x.org>", "s@localhost"]:
        assert codes(one(row(service_number="1", email=wrong, **base))) == [
            ("email", "email_invalid")
        ], wrong
