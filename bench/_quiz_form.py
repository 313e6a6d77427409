"""The quiz attempt form as a learner's browser sees it, for ``quiz_submissions.py``: its inputs
(``parse_attempt_form``) and random answers a guessing learner gives (``choose_answers``). It
reads the page's inputs only, never an answer key."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from html.parser import HTMLParser

SHORT_ANSWERS = ("passport", "visa", "customs", "stamp", "border", "permit", "ตรวจ", "")


@dataclass
class Field:
    kind: str  # radio, checkbox, select, text, numeric
    name: str
    values: list[str] = field(default_factory=list)


class _AttemptForm(HTMLParser):
    """The inputs of ``<form id="quiz-form">``: answer fields named ``q-...``, and the hidden
    page number ``q``."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, Field] = {}
        self.page = "1"
        self._in_form = False
        self._select: Field | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("id") == "quiz-form":
            self._in_form = True
        if not self._in_form:
            return
        name = a.get("name", "")
        if tag == "input" and name == "q" and a.get("type") == "hidden":
            self.page = a.get("value", "1")
        elif tag == "input" and name.startswith("q-"):
            kind = a.get("type", "text")
            if kind == "text" and a.get("inputmode") == "decimal":
                kind = "numeric"
            found = self.fields.setdefault(name, Field(kind, name))
            if kind in ("radio", "checkbox"):
                found.values.append(a.get("value", ""))
        elif tag == "select" and name.startswith("q-"):
            self._select = self.fields.setdefault(name, Field("select", name))
        elif tag == "option" and self._select is not None and a.get("value"):
            self._select.values.append(a["value"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "form":
            self._in_form = False


def parse_attempt_form(html: str) -> tuple[str, list[Field]]:
    parser = _AttemptForm()
    parser.feed(html)
    return parser.page, list(parser.fields.values())


def choose_answers(fields: list[Field], rng: random.Random) -> dict[str, str | list[str]]:
    """Random answers, as a learner guessing would give: one option of a radio group, some
    boxes of a checkbox group, a number, a word; the selects of one question (matching,
    ordering: ``q-<qid>-<item>``) get different options where there are enough, so an ordering
    is a permutation. About one question in ten is left blank."""
    answers: dict[str, str | list[str]] = {}
    groups: dict[str, list[Field]] = {}
    for f in fields:
        if f.kind == "select":
            groups.setdefault(f.name.rsplit("-", 1)[0], []).append(f)
            continue
        if rng.random() < 0.1:
            continue
        if f.kind == "radio" and f.values:
            answers[f.name] = rng.choice(f.values)
        elif f.kind == "checkbox" and f.values:
            ticked = [v for v in f.values if rng.random() < 0.5]
            answers[f.name] = ticked or [rng.choice(f.values)]
        elif f.kind == "numeric":
            answers[f.name] = str(rng.choice((rng.randint(0, 100), round(rng.uniform(0, 50), 1))))
        elif f.kind == "text":
            answers[f.name] = rng.choice(SHORT_ANSWERS)
    for selects in groups.values():
        if rng.random() < 0.1:
            continue
        options = selects[0].values
        if not options:
            continue
        if all(s.values == options for s in selects) and len(options) >= len(selects):
            picked = rng.sample(options, len(selects))
        else:
            picked = [rng.choice(s.values or options) for s in selects]
        answers.update({s.name: value for s, value in zip(selects, picked, strict=True)})
    return answers
