"""Course bundles: size overhead over the media they carry, export and import time, and the size
of updates, between two real nodes (a hub and a post, each its own data directory and SQLite
database), ending with a pull over HTTP.

    .venv/bin/python bench/bundles.py                 # the demo courses, plus a 20 MB video
    .venv/bin/python bench/bundles.py --video-mb 50

The hub is ``bench/_server.BenchServer`` (production settings, ``load_demo``, gunicorn); the post
is a second data directory with ``ELEARNING_NODE_ROLE=post``, enrolled by code over HTTP. Every
step is a ``manage.py`` command in a fresh process, so each time includes Django's start-up
(printed on its own). The demo's images are small PNGs; a lesson video of random bytes (as
incompressible as real video) is added to TIP-101 to show a realistic course. See
bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _server import ROOT, SETTINGS, BenchServer

# Runs inside ``manage.py shell`` at the hub: a lesson video of random bytes in TIP-101's first
# lesson (a document, as lesson video is), published as a new revision.
ADD_VIDEO = """
import json, os, uuid
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from courses.models import CoursePage
from modules.models import LessonPage
course = CoursePage.objects.get(code="TIP-101", locale__language_code="en")
lesson = LessonPage.objects.descendant_of(course).order_by("path").first()
size = int(os.environ["BENCH_VIDEO_BYTES"])
video = get_document_model().objects.create(
    title="Interview at the border (video)",
    file=ContentFile(os.urandom(size), name="interview.mp4"),
)
body = list(lesson.body.raw_data)
body.append({"type": "video", "id": str(uuid.uuid4()), "value": {
    "title": "Interview", "file": video.pk, "captions": None, "poster": None,
    "transcript": "<p>The officer asks where the travellers are going.</p>"}})
lesson.body = json.dumps(body)
lesson.save_revision().publish()
"""

# One lesson's text changes (no file changes).
CHANGE_TEXT = """
import json
from courses.models import CoursePage
from modules.models import LessonPage
course = CoursePage.objects.get(code="TIP-101", locale__language_code="en")
lesson = LessonPage.objects.descendant_of(course).order_by("path")[1]
body = list(lesson.body.raw_data)
for block in body:
    if block["type"] == "text":
        block["value"] += "<p>Corrected after the 2026 review.</p>"
        break
lesson.body = json.dumps(body)
lesson.save_revision().publish()
"""

# One image the course uses gets a new file (same image, new bytes).
REPLACE_IMAGE = """
import io
from PIL import Image as Picture
from django.core.files.images import ImageFile
from wagtail.images import get_image_model
image = get_image_model().objects.get(title__contains="tip-indicators")
picture = Picture.open(image.file.path).convert("RGB")
picture.putpixel((0, 0), (255, 0, 0))
buffer = io.BytesIO()
picture.save(buffer, format="PNG")
image.file.delete(save=False)
image.file = ImageFile(io.BytesIO(buffer.getvalue()), name="tip-indicators-v2.png")
image.save()
"""

CONTAINER_FACTS = """
import json, os
from nodes.container import open_container
c = open_container(os.environ["BENCH_BUNDLE"], kinds={"bundle"})
manifest = next(p for p in c.parts if p.name == "manifest.json")
print(json.dumps({"size": c.size, "parts": len(c.parts) - 1,
                  "media": sum(p.size for p in c.parts if p.name != "manifest.json"),
                  "manifest": manifest.size}))
"""


# Times the service itself, without Django's start-up.
EXPORT = """
import json, os, time
from pathlib import Path
from coursebundles.services import bundle_export
since = os.environ.get("BENCH_SINCE")
started = time.perf_counter()
bundle_export(course_code=os.environ["BENCH_CODE"], path=Path(os.environ["BENCH_BUNDLE"]),
              since=Path(since) if since else None)
print(json.dumps({"seconds": time.perf_counter() - started}))
"""

IMPORT = """
import json, os, time
from pathlib import Path
from coursebundles.services import BundleError, bundle_import
started = time.perf_counter()
try:
    message = bundle_import(path=Path(os.environ["BENCH_BUNDLE"])).message
except BundleError as error:
    message = "refused: " + str(error)
print(json.dumps({"seconds": time.perf_counter() - started, "message": message}))
"""


class Post:
    """A second node: its own data directory and database, the post role."""

    def __init__(self, hub: BenchServer):
        self.data_dir = Path(tempfile.mkdtemp(prefix="elearning-bench-post-"))
        self.env = {**hub.env, "ELEARNING_DATA_DIR": str(self.data_dir)}
        self.env["ELEARNING_NODE_ROLE"] = "post"
        self.env.pop("DATABASE_URL", None)

    def manage(self, *args: str, env: dict | None = None) -> tuple[str, float]:
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=1800,
            check=False,
        )
        seconds = time.perf_counter() - started
        if done.returncode:
            sys.exit(f"post: manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout, seconds

    def close(self) -> None:
        shutil.rmtree(self.data_dir, ignore_errors=True)


def hub_manage(hub: BenchServer, *args: str, env: dict | None = None) -> tuple[str, float]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**hub.env, **(env or {})},
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode:
        sys.exit(f"hub: manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout, seconds


def facts(hub: BenchServer, path: Path) -> dict:
    out, _seconds = hub_manage(hub, "shell", "-c", CONTAINER_FACTS, env={"BENCH_BUNDLE": str(path)})
    return json.loads(out.strip().splitlines()[-1])


def export(hub: BenchServer, code: str, target: Path, since: Path | None = None) -> float:
    env = {"BENCH_CODE": code, "BENCH_BUNDLE": str(target), "BENCH_SINCE": str(since or "")}
    out, _seconds = hub_manage(hub, "shell", "-c", EXPORT, env=env)
    return json.loads(out.strip().splitlines()[-1])["seconds"]


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.2f}%" if whole else "—"


def row(label: str, f: dict, seconds: float) -> str:
    framing = f["size"] - f["media"] - f["manifest"]
    return (
        f"{label:<30}{f['size'] / 1e3:>10.1f}{f['media'] / 1e3:>10.1f}{f['parts']:>6}"
        f"{f['manifest'] / 1e3:>10.1f}{framing:>11}{percent(framing, f['media']):>9}"
        f"{percent(f['size'] - f['media'], f['media']):>9}{seconds:>9.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--video-mb", type=float, default=20, help="lesson video added (20)")
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="bench-bundles-"))
    post = None
    try:
        print("Starting the hub (migrate, load_demo, collectstatic, gunicorn)...", file=sys.stderr)
        with BenchServer(learners=1, workers=1, threads=4) as hub:
            bundles = export_bundles(hub, out, args.video_mb)
            print("\nStarting the post (migrate, enrol by code over HTTP)...", file=sys.stderr)
            post = Post(hub)
            enrol(hub, post, out)
            import_at_post(post, *bundles)
    finally:
        if post is not None:
            post.close()
        shutil.rmtree(out, ignore_errors=True)
    print(f"settings: {SETTINGS}; python {sys.version.split()[0]}; cores: {os.cpu_count()}")
    print("command: " + " ".join([Path(sys.executable).name, *sys.argv]))


def export_bundles(hub: BenchServer, out: Path, video_mb: float) -> tuple[Path, Path, Path]:
    """Exports each demo course, then TIP-101 with a video, and two updates of it; prints a row
    for each. The full bundle and the two updates, in that order."""
    header = (
        f"{'bundle':<30}{'size kB':>10}{'media kB':>10}{'files':>6}{'text kB':>10}"
        f"{'framing B':>11}{'framing':>9}{'all':>9}{'export s':>9}"
    )
    print(header)
    print("-" * len(header))
    for code in ("TIP-101", "HRB-101", "WLC-101"):
        target = out / f"{code}.bundle"
        seconds = export(hub, code, target)
        print(row(f"{code} (demo images only)", facts(hub, target), seconds), flush=True)

    hub_manage(
        hub,
        "shell",
        "-c",
        ADD_VIDEO,
        env={"BENCH_VIDEO_BYTES": str(int(video_mb * 1e6))},
    )
    full = out / "TIP-101-full.bundle"
    seconds = export(hub, "TIP-101", full)
    print(row(f"TIP-101 + {video_mb:g} MB video", facts(hub, full), seconds))

    hub_manage(hub, "shell", "-c", CHANGE_TEXT)
    text_update = out / "TIP-101-text.bundle"
    seconds = export(hub, "TIP-101", text_update, since=full)
    print(row("update: one lesson's text", facts(hub, text_update), seconds))

    hub_manage(hub, "shell", "-c", REPLACE_IMAGE)
    image_update = out / "TIP-101-image.bundle"
    seconds = export(hub, "TIP-101", image_update, since=text_update)
    print(row("update: one image replaced", facts(hub, image_update), seconds))
    print(
        "text: the gzip-compressed manifest (the course's pages, questions and "
        "templates in every language); framing: container header and signature; "
        "%: of the media carried; all: everything but the media"
    )
    return full, text_update, image_update


def enrol(hub: BenchServer, post: Post, out: Path) -> None:
    """Migrates the post and enrols it with the hub by code over HTTP."""
    post.manage("migrate", "--noinput")
    invite, _s = hub_manage(
        hub,
        "enrol_post",
        "--name",
        "Bench post",
        "--post-code",
        "bench-post",
        "--country",
        "TH",
        "--url",
        hub.base_url,
        "-o",
        str(out / "post.enrol"),
    )
    code = re.search(r"--code (\S+)", invite).group(1)
    post.manage("enrol", "--hub", hub.base_url, "--code", code)


def import_at_post(post: Post, full: Path, text_update: Path, image_update: Path) -> None:
    """Imports the bundles at the post (again, updates, an older one), then pulls over HTTP;
    prints a row for each and the size of the post's media folder."""
    print(f"\n{'import at the post':<34}{'seconds':>10}  result")
    for label, path in (
        ("full bundle", full),
        ("same bundle again", full),
        ("update: one lesson's text", text_update),
        ("update: one image replaced", image_update),
        ("an older bundle", text_update),
    ):
        text, _s = post.manage("shell", "-c", IMPORT, env={"BENCH_BUNDLE": str(path)})
        result = json.loads(text.strip().splitlines()[-1])
        print(f"{label:<34}{result['seconds']:>10.2f}  {result['message'][:120]}", flush=True)

    text, seconds = post.manage("pull_bundles")
    lines = " | ".join(text.strip().splitlines())
    print(f"{'pull_bundles over HTTP (command)':<34}{seconds:>10.2f}  {lines[:200]}")
    text, seconds = post.manage("pull_bundles")
    print(f"{'pull_bundles, nothing new':<34}{seconds:>10.2f}  {text.strip()[:110]}")
    _text, startup = post.manage("shell", "-c", "pass")
    print(f"(the two pull_bundles times include {startup:.1f} s of Django start-up)")
    media = sum(f.stat().st_size for f in (post.data_dir / "media").rglob("*") if f.is_file())
    print(f"\npost media folder after all imports: {media / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
