"""Read the demo content: YAML files in ``demodata/content/``, checked before anything is built.

``courses.yaml`` lists the course folders in the order ``load_demo`` builds them. Each folder has
``course.yaml`` (what does not depend on the language) and one ``<language>.yaml`` per language of
its ``languages`` list, the first being the original. ``certificate.yaml`` is the courses'
certificate template. JSON Schemas in ``content/schema/`` describe every file (an editor with a
YAML plug-in checks as one types); this module checks them too, and that each translation mirrors
its original (same modules, lessons and questions in the same order; a lesson's body is the
translator's own), that the images and narrated clips named exist, and that a course with
``tests`` has a question bank in every language.
A file that fails raises ``ContentError`` naming the file, the line and the place in it.

Pure: no Django; reads only the folders it is handed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any, NoReturn

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match
from referencing import Registry, Resource

CONTENT_DIR = Path(__file__).resolve().parent / "content"
SCHEMA_DIR = CONTENT_DIR / "schema"
# libyaml's parser when PyYAML was built with it (the wheels are), else the pure-Python one.
_LOADER = yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader
ORIGINAL_ONLY = {"lesson": ("minutes",), "quiz": ("slug", "pass_mark")}


class ContentError(ValueError):
    """A demo content file that cannot be loaded; the message says which and where."""


@cache
def _validator(name: str) -> Draft202012Validator:
    schemas = {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in SCHEMA_DIR.glob("*.schema.json")
    }
    registry: Registry = Registry().with_resources(
        (uri, Resource.from_contents(schema)) for uri, schema in schemas.items()
    )
    return Draft202012Validator(schemas[f"{name}.schema.json"], registry=registry)


def place(path: list[str | int]) -> str:
    """``["modules", 0, "lessons", 1]`` -> ``modules[0].lessons[1]``; ``[]`` -> the whole file."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else f".{step}"
    return text.lstrip(".") or "the whole file"


def _line(node: yaml.Node | None, path: list[str | int]) -> int:
    """The line (from 1) of the deepest node along ``path`` in the composed YAML document."""
    line = node.start_mark.line if node is not None else 0
    for step in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            node = node.value[step] if step < len(node.value) else None
        else:
            node = None
        if node is None:
            break
        line = node.start_mark.line
    return line + 1


class _File:
    """One content file, read and checked against its schema."""

    def __init__(self, path: Path, schema: str) -> None:
        self.path = path
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise ContentError(f"{self.name}: cannot be read ({error.strerror}).") from None
        except UnicodeDecodeError as error:
            raise ContentError(f"{self.name}: not UTF-8 text (byte {error.start}).") from None
        self.text = text
        try:
            self.data: Any = yaml.load(text, Loader=_LOADER)  # noqa: S506 (a safe loader)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f", line {mark.line + 1} column {mark.column + 1}" if mark else ""
            problem = getattr(error, "problem", None) or str(error)
            raise ContentError(f"{self.name}{where}: not valid YAML: {problem}.") from None
        found = best_match(_validator(schema).iter_errors(self.data))
        if found is not None:
            self.fail(list(found.absolute_path), found.message)

    @property
    def name(self) -> str:
        parts = self.path.parts
        return "/".join(parts[parts.index("demodata") :]) if "demodata" in parts else str(self.path)

    def fail(self, path: list[str | int], message: str) -> NoReturn:
        line = _line(yaml.compose(self.text, Loader=_LOADER), path)
        raise ContentError(f"{self.name}, line {line} ({place(path)}): {message}")


def _blocks(text: dict[str, Any]) -> Iterator[tuple[list[str | int], dict[str, Any]]]:
    """Every lesson body block of a language file, with its place."""
    for m, module in enumerate(text["modules"]):
        for n, lesson in enumerate(module["lessons"]):
            for b, block in enumerate(lesson["body"]):
                yield ["modules", m, "lessons", n, "body", b], block


def _questions(text: dict[str, Any]) -> Iterator[tuple[list[str | int], list[dict[str, Any]]]]:
    """Each list of questions in a language file (module quizzes, then the bank), and its place."""
    for m, module in enumerate(text["modules"]):
        if "questions" in module.get("quiz", {}):
            yield ["modules", m, "quiz", "questions"], module["quiz"]["questions"]
    if "bank" in text:
        yield ["bank", "questions"], text["bank"]["questions"]


def _media_check(file: _File, images: Path, clips: set[str]) -> None:
    for where, block in _blocks(file.data):
        if block["type"] == "image" and not (images / block["file"]).is_file():
            file.fail([*where, "file"], f"no image {block['file']!r} in {images.name}/.")
        if block["type"] in {"video", "audio"} and block["clip"] not in clips:
            file.fail([*where, "clip"], f"no clip {block['clip']!r} in narration.json.")


def _original_check(file: _File, course: dict[str, Any]) -> None:
    """The original gives what translations inherit: lesson minutes, quiz slugs and pass marks."""
    for m, module in enumerate(file.data["modules"]):
        for n, lesson in enumerate(module["lessons"]):
            if "minutes" not in lesson:
                file.fail(["modules", m, "lessons", n], "'minutes' is a required property")
        for key in ("slug", "pass_mark"):
            if "quiz" in module and key not in module["quiz"]:
                file.fail(["modules", m, "quiz"], f"{key!r} is a required property")
    _tests_check(file, course)


def _tests_check(file: _File, course: dict[str, Any]) -> None:
    """A course with a pre- and post-test has a bank and the tests' text in each language, and
    the bank has enough questions for each draw."""
    keys = ("bank", "pre_test", "post_test")
    if "tests" not in course:
        for key in keys:
            if key in file.data:
                file.fail([key], f"course.yaml has no 'tests', so {key!r} would not be used.")
        return
    for key in keys:
        if key not in file.data:
            file.fail([], f"{key!r} is a required property (course.yaml has 'tests')")
    size = len(file.data["bank"]["questions"])
    for kind in ("pre", "post"):
        if course["tests"][kind]["draw"] > size:
            file.fail(["bank", "questions"], f"the {kind}-test draws more than the {size} here.")


def _translation_check(file: _File, original: _File, course: dict[str, Any]) -> None:
    """A translation has the original's modules, lessons and questions, in order (a lesson's
    body is its own: a translation may leave out a narrated clip, say)."""
    source, text = original.data, file.data
    if len(text["modules"]) != len(source["modules"]):
        file.fail(["modules"], f"{len(source['modules'])} modules expected, as in {original.name}.")
    for m, (module, theirs) in enumerate(zip(text["modules"], source["modules"], strict=True)):
        here: list[str | int] = ["modules", m]
        if module["slug"] != theirs["slug"]:
            file.fail([*here, "slug"], f"{theirs['slug']!r} expected, as in {original.name}.")
        if ("quiz" in module) != ("quiz" in theirs):
            file.fail(here, f"has a quiz only if the module in {original.name} has one.")
        slugs = [lesson["slug"] for lesson in theirs["lessons"]]
        if [lesson["slug"] for lesson in module["lessons"]] != slugs:
            file.fail([*here, "lessons"], f"lessons {slugs} expected, as in {original.name}.")
        for n, lesson in enumerate(module["lessons"]):
            _original_only(file, [*here, "lessons", n], lesson, "lesson")
        if "quiz" in module:
            _original_only(file, [*here, "quiz"], module["quiz"], "quiz")
    theirs_questions = dict((place(where), qs) for where, qs in _questions(source))
    for where, questions in _questions(file.data):
        kinds = [q["type"] for q in theirs_questions.get(place(where), [])]
        if [q["type"] for q in questions] != kinds:
            file.fail(where, f"questions of types {kinds} expected, in order.")
    _tests_check(file, course)


def _original_only(file: _File, where: list[str | int], value: dict[str, Any], kind: str) -> None:
    for key in ORIGINAL_ONLY[kind]:
        if key in value:
            file.fail([*where, key], f"{key!r} is given by the original language's file only.")


def _narration_clips(recordings: Path) -> set[str]:
    spec = json.loads((recordings / "narration.json").read_text(encoding="utf-8"))
    return {clip["name"] for clip in spec["clips"]}


def course_read(folder: Path, *, images: Path, recordings: Path, original: str) -> dict[str, Any]:
    """One course folder: ``course.yaml``'s fields, and ``texts``, language -> its file's data
    (the original, which must be the ``original`` language, first)."""
    meta = _File(folder / "course.yaml", "course")
    if meta.data["languages"][0] != original:
        meta.fail(["languages", 0], f"{original!r} expected: courses are written in it first.")
    if meta.data["slug"] != folder.name:
        meta.fail(["slug"], f"{folder.name!r} expected: the course's folder is named after it.")
    if not (images / meta.data["cover_image"]).is_file():
        meta.fail(["cover_image"], f"no image {meta.data['cover_image']!r} in {images.name}/.")
    clips = _narration_clips(recordings)
    languages = meta.data["languages"]
    files = {language: _File(folder / f"{language}.yaml", "language") for language in languages}
    source = files[languages[0]]
    _original_check(source, meta.data)
    for file in files.values():
        _media_check(file, images, clips)
        if file is not source:
            _translation_check(file, source, meta.data)
    return {**meta.data, "texts": {language: file.data for language, file in files.items()}}


def courses_read(
    folder: Path = CONTENT_DIR, *, images: Path, recordings: Path, original: str
) -> list[dict[str, Any]]:
    """Every demo course, in ``courses.yaml``'s order, read and checked; each is written in
    ``original`` (the site's default language) first."""
    index = _File(folder / "courses.yaml", "courses")
    return [
        course_read(folder / name, images=images, recordings=recordings, original=original)
        for name in index.data["courses"]
    ]


def certificate_read(folder: Path = CONTENT_DIR) -> dict[str, Any]:
    """The courses' certificate template: its name and, per language, its text."""
    data: dict[str, Any] = _File(folder / "certificate.yaml", "certificate").data
    return data
