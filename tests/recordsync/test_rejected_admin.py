"""The administrator's list of refused records dates them in the reader's language."""

import datetime
import uuid

from officers.services import officer_set_language
from recordsync.models import RejectedRecord


def test_refused_records_are_dated_in_the_administrators_language(login, people):
    RejectedRecord.objects.create(
        table="profile_record",
        origin=uuid.uuid4(),
        seq=7,
        data={},
        reason="Not applied.",
        rejected_at=datetime.datetime(2026, 12, 3, 12, 56, tzinfo=datetime.UTC),
    )
    admin = people["admin"]
    for language, shown in [("en", "Dec 3, 2026, 12:56\u202fPM"), ("lo", "3 ທ.ວ. 2026, 12:56")]:
        officer_set_language(user=admin, language=language)
        page = login(admin).get("/django-admin/recordsync/rejectedrecord/")
        assert page.status_code == 200
        text = page.content.decode()
        assert shown in text and "Dec. 3, 2026" not in text, language
