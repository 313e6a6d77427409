"""Guessing certificate codes finds no holder. Country, year, node character and serials (which
count up) can all be guessed; the eight secret characters cannot. With the codes of before
(``CC-YYYY-NNNN-XK``), 20 guesses found 6 holders."""

import secrets

from certificates.codes import check_code, make_code
from certificates.models import Certificate
from certificates.selectors import verify_text
from certificates.services import certificate_issue
from officers.services import officer_create

HOLDERS = 150
GUESSES = 10_000


def test_ten_thousand_well_formed_guesses_find_no_holder(course_tree, people, posts):
    for n in range(HOLDERS):
        holder = officer_create(username=f"officer{n}", password="x", post=posts["th"])
        certificate_issue(
            holder=holder, course=course_tree.course, actor=people["admin"], reason="in person"
        )
    issued = list(Certificate.objects.values_list("code", flat=True))
    assert len(issued) == HOLDERS
    # What an attacker can learn from one certificate they hold: everything but the secret.
    country, year, _serial, *_rest = issued[0].split("-")
    node_char = issued[0][-2]
    found = []
    for _ in range(GUESSES):
        guess = make_code(
            country=country,
            year=int(year),
            serial=secrets.randbelow(HOLDERS) + 1,  # a serial that was issued
            node_char=node_char,
            secret=secrets.token_bytes(16),
        )
        assert check_code(guess).ok  # well-formed: it passes the check character
        status = verify_text(guess).status
        if status != "not_found":
            found.append((guess, status))
    assert found == []
    # The holders' own codes are still found.
    assert {verify_text(code).status for code in issued[:5]} == {"valid"}
