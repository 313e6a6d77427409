"""Draw the demo course images (covers and teaching diagrams) with Pillow.

Run ``python3 scripts/make_demo_images.py [FOLDER]`` from anywhere; it needs Pillow (which
WeasyPrint already needs) and Debian's DejaVu fonts (``fonts-dejavu-core``). Every PNG is
written to FOLDER, by default ``demodata/images/``, where ``load_demo`` takes them from and where
they are committed, so ``make demo`` does not run this. They are saved in palette mode so that
each file stays small enough to ship in an offline course bundle. Text is English only; the Thai
course reuses the same files with translated alt text and captions. Helpers are in
``demo_drawing.py``, the diagrams in ``demo_diagrams.py``; a new image is a function there, a
call in ``main`` and its file name in a course's YAML (``demodata/content/``).
"""

import sys
from collections.abc import Callable
from pathlib import Path

import demo_drawing
from demo_diagrams import (
    hrb_detention_safeguards,
    hrb_screening_steps,
    hrb_use_of_force,
    tip_act_means_purpose,
    tip_indicators,
    tip_referral,
    wlc_chain_of_custody,
    wlc_cites_appendices,
    wlc_concealment,
)
from demo_drawing import (
    COVER,
    HRB,
    TIP,
    WHITE,
    WLC,
    Colours,
    Draw,
    font,
    save,
    text_block,
)
from PIL import Image, ImageDraw

# --------------------------------------------------------------------------------------------
# Covers
# --------------------------------------------------------------------------------------------


def cover(
    name: str,
    code: str,
    title: str,
    tagline: str,
    colours: Colours,
    motif: Callable[[Draw, Colours], None],
) -> None:
    img = Image.new("RGB", COVER, colours["dark"])
    d = ImageDraw.Draw(img)
    motif(d, colours)
    d.rectangle((0, 0, 720, COVER[1]), fill=colours["dark"])
    d.rectangle((720, 0, 728, COVER[1]), fill=colours["accent"])
    d.rounded_rectangle((60, 70, 60 + 190, 70 + 52), radius=10, fill=colours["accent"])
    d.text((80, 78), code, font=font(30, True), fill=WHITE)
    y = text_block(d, (60, 170), title, font(46, True), 620, fill=WHITE, spacing=1.2)
    text_block(d, (60, y + 24), tagline, font(24), 620, fill="#E6E6E6")
    d.text((60, 560), "Training for frontline border officers", font=font(20), fill="#C8C8C8")
    save(img, name)


def motif_tip(d: Draw, c: Colours) -> None:
    # Border barrier and a line of travellers: the checkpoint where identification happens.
    d.rectangle((728, 0, 1200, 630), fill=c["mid"])
    d.rectangle((760, 380, 1170, 400), fill=WHITE)
    for i in range(6):
        x = 770 + i * 68
        d.rectangle((x, 380, x + 34, 400), fill=c["accent"])
    d.rectangle((760, 400, 776, 520), fill=WHITE)
    for i, x in enumerate((820, 900, 980, 1060)):
        scale = 1.0 if i != 2 else 0.75
        head = int(26 * scale)
        top = 260 + (0 if i != 2 else 30)
        d.ellipse((x - head, top - 2 * head, x + head, top), fill=c["light"])
        d.rounded_rectangle(
            (x - int(32 * scale), top + 8, x + int(32 * scale), top + int(110 * scale)),
            radius=18,
            fill=c["light"],
        )
    d.ellipse((1040, 50, 1150, 160), outline=c["accent"], width=10)
    d.line((1135, 145, 1180, 190), fill=c["accent"], width=14)


def motif_wlc(d: Draw, c: Colours) -> None:
    # Overlapping scales, a nod to the pangolin, the most trafficked wild mammal group.
    d.rectangle((728, 0, 1200, 630), fill=c["mid"])
    for row in range(-1, 14):
        for col in range(-1, 7):
            x = 736 + col * 72 + (36 if row % 2 else 0)
            y = row * 44
            fill = c["light"] if (row * 3 + col) % 4 else c["accent"]
            d.rounded_rectangle(
                (x, y, x + 72, y + 84), radius=36, fill=fill, outline=c["mid"], width=5
            )


def motif_hrb(d: Draw, c: Colours) -> None:
    # A shield over an open gate: protection at the border.
    d.rectangle((728, 0, 1200, 630), fill=c["mid"])
    for i in range(5):
        d.rounded_rectangle((780 + i * 80, 470, 830 + i * 80, 520), radius=10, fill=c["light"])
    shield = [(965, 110), (1085, 150), (1075, 300), (965, 400), (855, 300), (845, 150)]
    d.polygon(shield, fill=c["light"])
    inner = [(965, 140), (1058, 172), (1050, 292), (965, 370), (880, 292), (872, 172)]
    d.polygon(inner, fill=c["accent"])
    d.line((915, 250, 955, 295, 1020, 205), fill=WHITE, width=16, joint="curve")


def main() -> None:
    if len(sys.argv) > 1:  # another folder, e.g. to compare with the committed images
        demo_drawing.OUT = Path(sys.argv[1]).resolve()
        demo_drawing.OUT.mkdir(parents=True, exist_ok=True)
    cover(
        "tip-cover.png",
        "TIP-101",
        "Identifying and referring victims of trafficking",
        "Indicators, safe first conversations and referral at land, air and sea borders",
        TIP,
        motif_tip,
    )
    cover(
        "wlc-cover.png",
        "WLC-101",
        "Detecting and seizing illegal wildlife at the border",
        "CITES, commonly trafficked species, concealment, live animals and chain of custody",
        WLC,
        motif_wlc,
    )
    cover(
        "hrb-cover.png",
        "HRB-101",
        "Human rights in border management",
        "Non-refoulement, screening, children, use of force, detention and searches",
        HRB,
        motif_hrb,
    )
    tip_act_means_purpose()
    tip_indicators()
    tip_referral()
    wlc_cites_appendices()
    wlc_concealment()
    wlc_chain_of_custody()
    hrb_screening_steps()
    hrb_use_of_force()
    hrb_detention_safeguards()
    for path in sorted(demo_drawing.OUT.glob("*.png")):
        print(f"{path.name:32s} {path.stat().st_size // 1024:4d} KB")


if __name__ == "__main__":
    main()
