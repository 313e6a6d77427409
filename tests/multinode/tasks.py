"""A task for the deployment tests: one that takes a while, and leaves a file when it is done."""

import time
from pathlib import Path

from django_tasks import task


@task()
def nap(seconds: float, mark: str) -> None:
    time.sleep(seconds)
    Path(mark).write_text("done")
