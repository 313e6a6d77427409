"""Drawing helpers and the colours of the demo images (``make_demo_images.py`` draws them)."""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

# The loader takes the images from demodata/images/, and the PNGs are committed there
# (make_demo_images.py may be given another folder).
OUT = Path(__file__).resolve().parent.parent / "demodata" / "images"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
REGULAR = str(FONT_DIR / "DejaVuSans.ttf")
BOLD = str(FONT_DIR / "DejaVuSans-Bold.ttf")

DIAGRAM = (1200, 675)
COVER = (1200, 630)

WHITE = "#FFFFFF"
INK = "#1B1B1B"
GREY = "#5A5A5A"
PAPER = "#F6F4EF"

Draw = ImageDraw.ImageDraw
Font = ImageFont.FreeTypeFont
Point = tuple[int, int]
Colours = dict[str, str]

# One colour family per course so that learners can tell the courses apart at a glance.
TIP = {"dark": "#1D3557", "mid": "#2F6690", "light": "#DCE8F3", "accent": "#E76F26"}
WLC = {"dark": "#1E4D2B", "mid": "#3A7D44", "light": "#E1EFD8", "accent": "#D4A017"}
HRB = {"dark": "#3D2C5E", "mid": "#5E4B8B", "light": "#E8E3F3", "accent": "#1F8A8A"}


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(BOLD if bold else REGULAR, size)


def wrap(draw: Draw, text: str, fnt: Font, width: int) -> list[str]:
    """Split text into lines that fit within width pixels."""
    lines = []
    for para in text.split("\n"):
        line = ""
        for word in para.split():
            trial = f"{line} {word}".strip()
            if draw.textlength(trial, font=fnt) <= width:
                line = trial
            else:
                if line:
                    lines.append(line)
                line = word
        lines.append(line)
    return lines


def text_block(
    draw: Draw,
    xy: Point,
    text: str,
    fnt: Font,
    width: int,
    fill: str = INK,
    spacing: float = 1.25,
    align: str = "left",
) -> int:
    """Draw wrapped text and return the y coordinate below it."""
    x, y = xy
    step = int(fnt.size * spacing)
    for line in wrap(draw, text, fnt, width):
        lx = x + (width - draw.textlength(line, font=fnt)) / 2 if align == "center" else x
        draw.text((lx, y), line, font=fnt, fill=fill)
        y += step
    return y


def bullets(
    draw: Draw,
    xy: Point,
    items: list[str],
    fnt: Font,
    width: int,
    fill: str = INK,
    dot: str = INK,
    gap: int = 10,
) -> int:
    x, y = xy
    r = max(3, fnt.size // 5)
    for item in items:
        cy = y + fnt.size // 2 + 2
        draw.ellipse((x, cy - r, x + 2 * r, cy + r), fill=dot)
        y = text_block(draw, (x + 4 * r, y), item, fnt, width - 4 * r, fill=fill) + gap
    return y


def arrow(draw: Draw, start: Point, end: Point, fill: str, width: int = 6, head: int = 16) -> None:
    """Draw a straight arrow from start to end (horizontal or vertical)."""
    (x1, y1), (x2, y2) = start, end
    draw.line((x1, y1, x2, y2), fill=fill, width=width)
    if x1 == x2:
        d = 1 if y2 > y1 else -1
        pts = [(x2 - head, y2 - d * head), (x2 + head, y2 - d * head), (x2, y2 + d * 2)]
    else:
        d = 1 if x2 > x1 else -1
        pts = [(x2 - d * head, y2 - head), (x2 - d * head, y2 + head), (x2 + d * 2, y2)]
    draw.polygon(pts, fill=fill)


def header(
    draw: Draw, size: Point, title: str, colours: Colours, subtitle: str | None = None
) -> None:
    w, _ = size
    draw.rectangle((0, 0, w, 92), fill=colours["dark"])
    draw.rectangle((0, 92, w, 98), fill=colours["accent"])
    draw.text((40, 22 if subtitle is None else 12), title, font=font(34, True), fill=WHITE)
    if subtitle:
        draw.text((40, 56), subtitle, font=font(20), fill="#E6E6E6")


def footer(draw: Draw, size: Point, text: str, colours: Colours) -> None:
    w, h = size
    draw.rectangle((0, h - 52, w, h), fill=colours["light"])
    draw.text((40, h - 38), text, font=font(19), fill=colours["dark"])


def save(img: Image.Image, name: str) -> Path:
    """Save in palette mode; flat colours survive and the files stay small."""
    path = OUT / name  # read when called: make_demo_images.py may have set another folder
    pal = img.convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=0)
    pal.save(path, optimize=True)
    return path
