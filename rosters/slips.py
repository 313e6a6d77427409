"""The sheet of initial passwords: one slip per new officer, cut apart and handed out by the
coordinator. Laid out by ``certificates.rendering.render_document`` in the vendored fonts, so a
Thai, Khmer, Lao or Myanmar name prints as it is written.

A large import lays its slips out while it writes the officers (``SlipPress``): WeasyPrint takes
about a third of an import's time (9 ms a slip here), and in a process of its own it runs on the
machine's other core while this one writes the next rows."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
import unicodedata
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from types import TracebackType

from django.conf import settings

from certificates.rendering import RenderError, pdf_join, render_document, script_lang

# Slips laid out per WeasyPrint document: memory stays flat for a file of thousands of new
# officers (a layout is freed once its chunk is written), as for certificates.
CHUNK_SIZE = 300


@dataclass(frozen=True)
class Slip:
    native: str  # name in the officer's own script ("" if none)
    latin: str
    username: str
    password: str
    post: str
    address: str  # where the officer logs in


def slips_pdf(*, slips: list[Slip], language: str) -> bytes:
    """The slips as one PDF, labels in ``language`` (the coordinator's)."""
    rows = [
        {
            "native": unicodedata.normalize("NFC", s.native),
            "native_lang": script_lang(s.native, language),
            "latin": unicodedata.normalize("NFC", s.latin),
            "username": s.username,
            "password": s.password,
            "post": s.post,
            "address": s.address,
        }
        for s in slips
    ]
    return render_document(
        template="rosters/pdf/slips.html",
        stylesheet="rosters/pdf/slips.css",
        contexts=[
            {"slips": rows[start : start + CHUNK_SIZE]} for start in range(0, len(rows), CHUNK_SIZE)
        ],
        language=language,
    )


class SlipPress:
    """Slips handed in one by one (``add``) and the PDF of them all, in order (``pdf``).

    With ``apart`` (a large import), every ``chunk`` slips are laid out in a child process while
    the caller goes on: a *spawned* one, which shares nothing with this process (not its
    database connections inside their transaction, not a web worker's threads); it sets Django
    up once (about a second, which is why a small import lays its slips out here at the end) and
    lays out chunk after chunk. The plain passwords reach it through a pipe, never a file.
    ``pdf`` raises RenderError if a chunk could not be laid out or the child died: the caller
    then writes nothing. Leaving the ``with`` block stops the child; so does this process's
    death (a web worker killed past its timeout): the child does not wait for it for ever."""

    def __init__(self, *, language: str, apart: bool, chunk: int | None = None):
        self.language = language
        self.chunk = chunk or CHUNK_SIZE
        self._waiting: list[Slip] = []
        self._parts: list[Future[bytes]] = []
        self._pool = (
            ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_child_ready,
                initargs=(_settings_module(), os.getpid()),
            )
            if apart
            else None
        )

    def __enter__(self) -> SlipPress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._pool is not None:
            # After an error the chunk being laid out is not waited for: the child exits once
            # it is done, and its slips go nowhere.
            self._pool.shutdown(wait=kind is None, cancel_futures=True)

    def add(self, slip: Slip) -> None:
        self._waiting.append(slip)
        if self._pool is not None and len(self._waiting) >= self.chunk:
            self._send()

    def pdf(self) -> bytes:
        """The PDF of every slip added, in the order they came."""
        if self._pool is None:
            return slips_pdf(slips=self._waiting, language=self.language)
        if self._waiting:
            self._send()
        try:
            return pdf_join([part.result() for part in self._parts])
        except BrokenProcessPool as error:
            raise RenderError(f"The process laying out the slips stopped: {error}") from error

    def _send(self) -> None:
        assert self._pool is not None
        try:
            self._parts.append(
                self._pool.submit(slips_pdf, slips=self._waiting, language=self.language)
            )
        except BrokenProcessPool as error:
            raise RenderError(f"The process laying out the slips stopped: {error}") from error
        self._waiting = []


def _settings_module() -> str:
    """The settings the child sets Django up with: this process's (the module Django was set up
    from; ``settings.SETTINGS_MODULE`` is None while a test overrides settings)."""
    return os.environ.get("DJANGO_SETTINGS_MODULE") or settings.SETTINGS_MODULE


def _child_ready(settings_module: str, parent: int) -> None:
    """Set-up of the child that lays slips out (``SlipPress``)."""
    threading.Thread(target=_leave_with, args=(parent,), daemon=True).start()
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    import django

    django.setup()


def _leave_with(parent: int) -> None:
    """End this child once ``parent`` is gone. Killed outright, a parent cannot say so, and the
    child would wait on its pipe for ever (with its memory, at a post that has little)."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)
