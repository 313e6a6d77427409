#!/usr/bin/env python3
"""Make the demo's narrated video and audio clip, with WebVTT captions, from text.

Text in: ``demodata/recordings/narration.json`` (one list of sentences per clip). Files out,
next to it: ``<name>.webm`` (video: VP9 and Opus, 640x360, the clip's still image behind the
voice) or ``<name>.ogg`` (audio: Opus), and ``<name>.en.vtt`` whose cues are timed from the
length of each spoken sentence, so the captions say exactly what the voice says, when it says
it. WebM/VP9/Opus because Debian's Chromium plays it (it may lack H.264 and AAC).

Needs Debian's ``espeak-ng`` and ``ffmpeg``; run ``python3 scripts/make_demo_media.py`` from
anywhere. The outputs are committed, so ``make demo`` does not need either tool. Speech and
encoding are deterministic for the same text and tool versions (bit-exact flags, no metadata).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

ESPEAK = shutil.which("espeak-ng") or "/usr/bin/espeak-ng"
FFMPEG = shutil.which("ffmpeg") or "/usr/bin/ffmpeg"
FOLDER = Path(__file__).resolve().parent.parent / "demodata" / "recordings"
SPEC = FOLDER / "narration.json"
RATE = 22050  # espeak-ng's own sample rate
SIZE = (640, 360)


def timestamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def webvtt(cues: list[tuple[float, float, str]]) -> str:
    lines = ["WEBVTT", ""]
    for number, (start, end, text) in enumerate(cues, 1):
        lines += [str(number), f"{timestamp(start)} --> {timestamp(end)}", text, ""]
    return "\n".join(lines)


def speak(text: str, *, voice: str, wpm: int, out: Path) -> None:
    subprocess.run(  # noqa: S603 (our own text, our own tool)
        [ESPEAK, "-v", voice, "-s", str(wpm), "-w", str(out), text],
        check=True,
    )


def narrate(spec: dict, clip: dict, work: Path) -> tuple[Path, list[tuple[float, float, str]]]:
    """One WAV of every sentence with a pause after each, and the cue of each sentence."""
    pause = b"\x00\x00" * round(RATE * spec["pause_seconds"])
    frames, cues, clock = [], [], 0.0
    for number, sentence in enumerate(clip["sentences"]):
        part = work / f"{clip['name']}-{number}.wav"
        speak(sentence, voice=spec["voice"], wpm=spec["words_per_minute"], out=part)
        with wave.open(str(part), "rb") as wav:
            if (wav.getframerate(), wav.getsampwidth(), wav.getnchannels()) != (RATE, 2, 1):
                sys.exit(f"espeak-ng wrote an unexpected WAV format for {part.name}")
            length = wav.getnframes() / RATE
            frames.append(wav.readframes(wav.getnframes()) + pause)
        cues.append((clock, clock + length, sentence))
        clock += length + spec["pause_seconds"]
    whole = work / f"{clip['name']}.wav"
    with wave.open(str(whole), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(b"".join(frames))
    return whole, cues


BITEXACT = ["-map_metadata", "-1", "-fflags", "+bitexact", "-flags", "+bitexact"]
OPUS = ["-c:a", "libopus", "-b:a", "24k", "-ac", "1"]


def encode(clip: dict, voice: Path, seconds: float) -> Path:
    if clip["kind"] == "video":
        out = FOLDER / f"{clip['name']}.webm"
        width, height = SIZE
        scale = (
            f"scale={width}:{height}:force_original_aspect_ratio=decrease,"
            f"pad={width}:{height}:(ow-iw)/2:(oh-ih)/2:white,format=yuv420p"
        )
        video = ["-c:v", "libvpx-vp9", "-crf", "50", "-b:v", "0", "-row-mt", "0", "-g", "50"]
        inputs = ["-loop", "1", "-framerate", "5", "-i", str(FOLDER / clip["image"])]
        command = [*inputs, "-i", str(voice), "-vf", scale, *video, *OPUS, "-t", f"{seconds:.3f}"]
    else:
        out = FOLDER / f"{clip['name']}.ogg"
        command = ["-i", str(voice), *OPUS]
    subprocess.run(  # noqa: S603 (our own files, our own tool)
        [FFMPEG, "-v", "error", "-y", "-threads", "1", *command, *BITEXACT, str(out)],
        check=True,
    )
    return out


def main() -> None:
    missing = [tool for tool in ("espeak-ng", "ffmpeg") if shutil.which(tool) is None]
    if missing:
        sys.exit(
            f"Install Debian's {' and '.join(missing)} first (apt-get install {' '.join(missing)})"
        )
    spec = json.loads(SPEC.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        for clip in spec["clips"]:
            voice, cues = narrate(spec, clip, Path(tmp))
            with wave.open(str(voice), "rb") as wav:
                length = wav.getnframes() / RATE
            media = encode(clip, voice, length)
            captions = FOLDER / f"{clip['name']}.en.vtt"
            captions.write_text(webvtt(cues), encoding="utf-8")
            seconds = cues[-1][1]
            size = media.stat().st_size + captions.stat().st_size
            print(f"{media.name}: {seconds:.1f} s, {size / 1024:.0f} KiB with {captions.name}")


if __name__ == "__main__":
    main()
