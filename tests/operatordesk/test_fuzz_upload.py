"""Property-based fuzzing (Hypothesis) of the operator's upload: whatever the file (any bytes,
any size around the limit), the page queues it or refuses it in words, and a refused upload
leaves nothing behind: no job, no stored copy, no temporary file."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http.multipartparser import MultiPartParser
from django.urls import reverse
from hypothesis import HealthCheck, example, given
from hypothesis import settings as fuzz_settings
from hypothesis import strategies as st

from operatordesk.models import OperatorJob

LIMIT = 20_000


@fuzz_settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    # Names Django's own test upload cannot carry ("/", "a/b", ".", ".."): its multipart parser
    # keeps only the last part of a client's file name anyway, so they reach the page as names
    # without a folder, which this strategy makes.
    name=st.text(min_size=1, max_size=80).filter(
        lambda n: "\0" not in n and "/" not in n and n not in {".", ".."}
    ),
    size=st.one_of(st.integers(0, 2 * LIMIT), st.sampled_from([LIMIT, LIMIT + 1])),
    fill=st.binary(min_size=1, max_size=64),
)
@example(name="\U00018cd6", size=LIMIT + 1, fill=b"\0")  # a name Django's parser drops
@example(name="bundle.zip", size=LIMIT + 1, fill=b"\0")
@example(name="\x1f", size=LIMIT + 1, fill=b"\0")  # found by Hypothesis: not a file name
def test_an_upload_is_queued_or_refused_and_a_refusal_writes_nothing(
    client, people, settings, tmp_path, name, size, fill
):
    settings.ELEARNING_OPERATOR_UPLOAD_MAX = LIMIT
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1_000
    temporary = tmp_path / "upload-tmp"
    temporary.mkdir(exist_ok=True)
    settings.FILE_UPLOAD_TEMP_DIR = str(temporary)
    incoming = Path(settings.GENERATED_ROOT) / "operatordesk" / "incoming"
    before = set(incoming.glob("*")) if incoming.exists() else set()
    client.force_login(people["admin"])
    data = (fill * (size // len(fill) + 1))[:size]

    page = client.post(
        reverse("operatordesk:start", args=["bundle_import"]),
        {"bundle-file": SimpleUploadedFile(name, data)},
    )

    assert list(temporary.iterdir()) == []
    if page.status_code == 302:
        assert size <= LIMIT
        job = OperatorJob.objects.get()
        Path(job.incoming).unlink()
        job.delete()
    else:
        assert page.status_code == 400
        if size > LIMIT and MultiPartParser.sanitize_file_name(None, name):
            assert "the most this computer takes" in page.content.decode()
        elif size > LIMIT:
            # Django's parser drops a file whose name sanitizes to nothing ("\\", a lone
            # space-like character) unread: the page asks for a file.
            assert "This field is required" in page.content.decode()
        assert not OperatorJob.objects.exists()
    after = set(incoming.glob("*")) if incoming.exists() else set()
    assert after == before
