"""Dates in the viewer's language (elearning.localdates): the month as a word in every
configured language, ISO 8601 where CLDR has no data, datetimes in the viewer's time zone."""

import datetime
import zoneinfo

import pytest
from django.conf import settings

from elearning.localdates import format_local_date, format_local_datetime

DAY = datetime.date(2026, 12, 3)
MOMENT = datetime.datetime(2026, 12, 3, 12, 56, tzinfo=datetime.UTC)
BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")  # UTC+7: 19:56 the same day

DATES = {
    "en": ("Dec 3, 2026", "December 3, 2026"),
    "th": ("3 ธ.ค. 2026", "3 ธันวาคม 2026"),
    "km": ("3 ធ្នូ 2026", "3 ធ្នូ 2026"),
    "lo": ("3 ທ.ວ. 2026", "3 ທັນວາ 2026"),
    "vi": ("3 thg 12, 2026", "3 tháng 12, 2026"),
    "my": ("2026 ဒီ 3", "2026 ဒီဇင်ဘာ 3"),
    "id": ("3 Des 2026", "3 Desember 2026"),
}
DATETIMES = {
    "en": "Dec 3, 2026, 7:56\u202fPM",  # CLDR puts a narrow no-break space before PM
    "th": "3 ธ.ค. 2026 19:56",
    "km": "3 ធ្នូ 2026, 7:56 PM",
    "lo": "3 ທ.ວ. 2026, 19:56",
    "vi": "19:56 3 thg 12, 2026",
    "my": "2026 ဒီ 3 19:56",
    "id": "3 Des 2026 19.56",
}


def test_every_configured_language_is_covered():
    assert {code for code, _name in settings.LANGUAGES} <= set(DATES)


@pytest.mark.parametrize("language", sorted(DATES))
def test_a_date_names_its_month_in_the_language(language):
    medium, long = DATES[language]
    assert format_local_date(DAY, language) == medium
    assert format_local_date(DAY, language, style="long") == long
    assert "12/03" not in medium and "03/12" not in medium


@pytest.mark.parametrize("language", sorted(DATETIMES))
def test_a_datetime_is_in_the_viewers_time_zone(language):
    assert format_local_datetime(MOMENT, language, BANGKOK) == DATETIMES[language]


def test_the_day_of_a_datetime_is_the_viewers_day():
    late = datetime.datetime(2026, 12, 3, 20, 0, tzinfo=datetime.UTC)
    assert format_local_date(late, "en", BANGKOK) == "Dec 4, 2026"
    assert format_local_date(late, "en", datetime.UTC) == "Dec 3, 2026"


@pytest.mark.parametrize("language", ["tlh", "xx", "", "not a language"])
def test_a_language_without_cldr_data_falls_back_to_iso(language):
    assert format_local_date(DAY, language) == "2026-12-03"
    assert format_local_datetime(MOMENT, language, BANGKOK) == "2026-12-03 19:56"


def test_regional_codes_as_django_writes_them():
    assert format_local_date(DAY, "pt-br") == "3 de dez. de 2026"
    assert format_local_date(DAY, "zh-hans") == "2026年12月3日"


def test_a_language_whose_medium_date_is_numeric_gets_the_month_as_a_word():
    assert format_local_date(DAY, "de") == "3. Dezember 2026"


def test_an_unknown_style_is_refused():
    with pytest.raises(ValueError, match="Unknown date style"):
        format_local_date(DAY, "en", style="short")
