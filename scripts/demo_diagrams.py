"""The demo courses' teaching diagrams, one function a PNG (``make_demo_images.py`` runs them)."""

from demo_drawing import (
    DIAGRAM,
    GREY,
    HRB,
    INK,
    PAPER,
    TIP,
    WHITE,
    WLC,
    arrow,
    bullets,
    font,
    footer,
    header,
    save,
    text_block,
)
from PIL import Image, ImageDraw

# --------------------------------------------------------------------------------------------
# TIP-101 diagrams
# --------------------------------------------------------------------------------------------


def tip_act_means_purpose() -> None:
    c = TIP
    img = Image.new("RGB", DIAGRAM, PAPER)
    d = ImageDraw.Draw(img)
    header(d, DIAGRAM, "The three elements of trafficking in persons", c)
    boxes = [
        ("ACT", "What is done", "Recruitment, transport, transfer, harbouring or receipt"),
        (
            "MEANS",
            "How it is done",
            "Force, threats, abduction, fraud, deception, abuse of "
            "power or vulnerability, payments to a controller",
        ),
        (
            "PURPOSE",
            "Why it is done",
            "Exploitation: sexual exploitation, forced labour, slavery, servitude, organ removal",
        ),
    ]
    bw, bh, top = 320, 270, 130
    xs = [40, 440, 840]
    for (label, sub, body), x in zip(boxes, xs, strict=True):
        d.rounded_rectangle(
            (x, top, x + bw, top + bh), radius=18, fill=WHITE, outline=c["mid"], width=4
        )
        d.rounded_rectangle((x, top, x + bw, top + 70), radius=18, fill=c["mid"])
        d.rectangle((x, top + 50, x + bw, top + 70), fill=c["mid"])
        d.text((x + 24, top + 16), label, font=font(34, True), fill=WHITE)
        d.text((x + 24, top + 86), sub, font=font(22, True), fill=c["dark"])
        text_block(d, (x + 24, top + 124), body, font(21), bw - 48, fill=INK)
    for x in (368, 768):
        d.text((x + 18, top + 100), "+", font=font(64, True), fill=c["accent"])
    arrow(d, (600, top + bh + 8), (600, top + bh + 52), c["dark"])
    d.rounded_rectangle((250, 460, 950, 520), radius=14, fill=c["dark"])
    text_block(
        d,
        (250, 474),
        "= TRAFFICKING IN PERSONS (adult victim)",
        font(26, True),
        700,
        fill=WHITE,
        align="center",
    )
    d.rounded_rectangle(
        (40, 540, 1160, 612), radius=12, fill="#FDE7D8", outline=c["accent"], width=3
    )
    text_block(
        d,
        (64, 552),
        "Child under 18: ACT + PURPOSE is enough. Means are not required, and consent "
        "(of the child or the parents) is irrelevant.",
        font(21, True),
        1070,
        fill="#7A2E00",
    )
    footer(d, DIAGRAM, "Source: Palermo Protocol (2000), Article 3; ACTIP (2015), Article 2", c)
    save(img, "tip-act-means-purpose.png")


def tip_indicators() -> None:
    c = TIP
    img = Image.new("RGB", DIAGRAM, PAPER)
    d = ImageDraw.Draw(img)
    header(
        d,
        DIAGRAM,
        "Indicators of trafficking at the border",
        c,
        "No single indicator is proof. Look for combinations.",
    )
    panels = [
        (
            "DOCUMENTS",
            [
                "Passport or tickets held by a companion",
                "Visa does not fit the stated purpose",
                "Does not know employer or address",
                "Age in document does not match",
            ],
        ),
        (
            "BEHAVIOUR",
            [
                "Companion answers or watches closely",
                "Rehearsed or identical answers",
                "Fear, injuries or exhaustion",
                "Talks of a debt or recruitment fee",
            ],
        ),
        (
            "TRAVEL PATTERN",
            [
                "Ticket paid by a third party, in cash",
                "Route makes no sense for the purpose",
                "Young group with one older escort",
                "Escort has made many similar trips",
            ],
        ),
    ]
    pw, top = 360, 124
    for i, (title, items) in enumerate(panels):
        x = 40 + i * (pw + 20)
        d.rounded_rectangle(
            (x, top, x + pw, top + 420), radius=16, fill=WHITE, outline=c["mid"], width=3
        )
        d.rounded_rectangle((x, top, x + pw, top + 62), radius=16, fill=c["mid"])
        d.rectangle((x, top + 40, x + pw, top + 62), fill=c["mid"])
        d.ellipse((x + 18, top + 12, x + 56, top + 50), fill=c["accent"])
        d.text((x + 29, top + 15), str(i + 1), font=font(26, True), fill=WHITE)
        d.text((x + 70, top + 16), title, font=font(26, True), fill=WHITE)
        bullets(d, (x + 22, top + 88), items, font(23), pw - 44, dot=c["accent"], gap=22)
    footer(
        d,
        DIAGRAM,
        "Several indicators together = reasonable grounds for a private, separate conversation",
        c,
    )
    save(img, "tip-indicators.png")


def tip_referral() -> None:
    c = TIP
    img = Image.new("RGB", DIAGRAM, PAPER)
    d = ImageDraw.Draw(img)
    header(
        d,
        DIAGRAM,
        "From suspicion to support: the referral pathway",
        c,
        "What the frontline officer does at the post",
    )
    steps = [
        ("Identify", "Note the indicators that give reasonable grounds"),
        ("Protect", "Separate from the companion; meet urgent needs"),
        ("Inform", "Explain next steps in a language understood"),
        ("Refer", "Call the anti-trafficking focal point; child protection for children"),
        ("Record", "Referral form, notes, documents handed over"),
        ("Follow up", "Confirm the receiving agency has taken over"),
    ]
    cw, gap, top = 160, 35, 160
    for i, (title, body) in enumerate(steps):
        x = 40 + i * (cw + gap)
        fill = c["accent"] if i == 3 else c["mid"]
        d.rounded_rectangle(
            (x, top, x + cw, top + 330), radius=16, fill=WHITE, outline=fill, width=4
        )
        d.ellipse((x + cw / 2 - 34, top + 20, x + cw / 2 + 34, top + 88), fill=fill)
        num = str(i + 1)
        nw = d.textlength(num, font=font(36, True))
        d.text((x + cw / 2 - nw / 2, top + 32), num, font=font(36, True), fill=WHITE)
        text_block(
            d, (x + 8, top + 104), title, font(23, True), cw - 16, fill=c["dark"], align="center"
        )
        text_block(d, (x + 14, top + 150), body, font(19), cw - 28, fill=INK, align="center")
        if i < len(steps) - 1:
            arrow(
                d, (x + cw + 4, top + 54), (x + cw + gap - 6, top + 54), c["dark"], width=5, head=10
            )
    footer(
        d,
        DIAGRAM,
        "Formal identification: designated agency or multidisciplinary team "
        "(national referral mechanism)",
        c,
    )
    save(img, "tip-referral.png")


# --------------------------------------------------------------------------------------------
# WLC-101 diagrams
# --------------------------------------------------------------------------------------------


def wlc_cites_appendices() -> None:
    c = WLC
    img = Image.new("RGB", DIAGRAM, PAPER)
    d = ImageDraw.Draw(img)
    header(
        d,
        DIAGRAM,
        "CITES Appendices at a glance",
        c,
        "Which documents must travel with a listed specimen",
    )
    cols = [
        (
            "APPENDIX I",
            "#9B2226",
            "Threatened with extinction",
            "Export AND import permit. Trade for primarily commercial purposes is not allowed.",
            "All 8 pangolin species, tigers, Asian elephant, rhinos (most populations), "
            "radiated tortoise, helmeted hornbill, slow lorises",
        ),
        (
            "APPENDIX II",
            "#CA6702",
            "Trade must be controlled",
            "Export permit or re-export certificate from the exporting country.",
            "Siamese rosewood, agarwood, many parrots, reptiles, corals and orchids",
        ),
        (
            "APPENDIX III",
            "#0A6E6E",
            "Listed by one country asking for help",
            "Export permit from the listing country; certificate of origin from others.",
            "Species named by individual range States",
        ),
    ]
    cw, top = 360, 124
    for i, (title, colour, what, docs, examples) in enumerate(cols):
        x = 40 + i * (cw + 20)
        d.rounded_rectangle(
            (x, top, x + cw, top + 448), radius=16, fill=WHITE, outline=colour, width=4
        )
        d.rounded_rectangle((x, top, x + cw, top + 64), radius=16, fill=colour)
        d.rectangle((x, top + 44, x + cw, top + 64), fill=colour)
        d.text((x + 22, top + 14), title, font=font(30, True), fill=WHITE)
        y = text_block(d, (x + 22, top + 80), what, font(22, True), cw - 44, fill=colour)
        d.text((x + 22, y + 8), "DOCUMENTS", font=font(16, True), fill=GREY)
        y = text_block(d, (x + 22, y + 32), docs, font(20), cw - 44)
        d.text((x + 22, y + 10), "EXAMPLES", font=font(16, True), fill=GREY)
        text_block(d, (x + 22, y + 34), examples, font(20), cw - 44)
    footer(
        d,
        DIAGRAM,
        "Listings change at each Conference of the Parties: always check the current Appendices",
        c,
    )
    save(img, "wlc-cites-appendices.png")


def wlc_concealment() -> None:
    c = WLC
    img = Image.new("RGB", DIAGRAM, PAPER)
    d = ImageDraw.Draw(img)
    header(d, DIAGRAM, "Where wildlife is hidden: red flags by route", c)
    panels = [
        (
            "Air passengers and baggage",
            [
                "Heavy bags for a short trip; X-ray shows organic shapes",
                "Live reptiles or tortoises taped, in socks or boxes",
                "Birds sedated in tubes or plastic bottles",
            ],
        ),
        (
            "Air cargo, courier and post",
            [
                "Vague descriptions: 'handicrafts', 'samples', 'dried seafood'",
                "New shipper, cash payment, indirect routing",
                "Smell, movement or noise from parcels",
            ],
        ),
        (
            "Sea containers",
            [
                "Declared as timber, plastic waste, frozen fish or cashew nuts",
                "Weight or density does not match the declaration",
                "Consignee new or linked to earlier seizures",
            ],
        ),
        (
            "Trucks, cars and river crossings",
            [
                "Hidden compartments, false floors, fuel tanks",
                "Animals under farm produce or in cool boxes",
                "Night crossings at informal landing points",
            ],
        ),
    ]
    pw, ph = 550, 240
    for i, (title, items) in enumerate(panels):
        x = 40 + (i % 2) * (pw + 20)
        y = 118 + (i // 2) * (ph + 14)
        d.rounded_rectangle(
            (x, y, x + pw, y + ph), radius=14, fill=WHITE, outline=c["mid"], width=3
        )
        d.rectangle((x, y + 14, x + 10, y + ph - 14), fill=c["accent"])
        d.text((x + 28, y + 16), title, font=font(25, True), fill=c["dark"])
        bullets(d, (x + 28, y + 62), items, font(20), pw - 50, dot=c["mid"], gap=10)
    footer(
        d,
        DIAGRAM,
        "Use risk profiles, X-ray and detector dogs; compare declaration, weight and route",
        c,
    )
    save(img, "wlc-concealment.png")


def wlc_chain_of_custody() -> None:
    c = WLC
    img = Image.new("RGB", DIAGRAM, PAPER)
    d = ImageDraw.Draw(img)
    header(
        d,
        DIAGRAM,
        "Seizure to court: the chain of custody",
        c,
        "Every link must be recorded or the evidence may be excluded",
    )
    steps = [
        ("1  Detect", "Stop, do not disturb; note time and place"),
        ("2  Secure", "Cordon off; gloves and safety first"),
        ("3  Record", "Photograph in place; count and weigh"),
        ("4  Seal and label", "Unique exhibit number on every bag"),
        ("5  Transfer", "Signed hand-over form for each move"),
        ("6  Store", "Locked store with an entry log"),
        ("7  Identify", "Expert or lab species identification, DNA"),
        ("8  Court", "Exhibits and records produced intact"),
    ]
    bw, bh, gap = 255, 150, 40
    for i, (title, body) in enumerate(steps):
        row, col = divmod(i, 4)
        if row == 1:
            col = 3 - col  # snake layout: second row runs right to left
        x = 40 + col * (bw + gap)
        y = 128 + row * (bh + 70)
        fill = c["accent"] if i == 7 else c["mid"]
        d.rounded_rectangle((x, y, x + bw, y + bh), radius=14, fill=WHITE, outline=fill, width=4)
        d.rounded_rectangle((x, y, x + bw, y + 48), radius=14, fill=fill)
        d.rectangle((x, y + 30, x + bw, y + 48), fill=fill)
        d.text((x + 16, y + 10), title, font=font(23, True), fill=WHITE)
        text_block(d, (x + 16, y + 60), body, font(20), bw - 32)
        if i in (0, 1, 2):
            arrow(
                d,
                (x + bw + 4, y + bh / 2),
                (x + bw + gap - 6, y + bh / 2),
                c["dark"],
                width=5,
                head=11,
            )
        elif i in (4, 5, 6):
            arrow(d, (x - 4, y + bh / 2), (x - gap + 6, y + bh / 2), c["dark"], width=5, head=11)
        elif i == 3:
            arrow(
                d, (x + bw / 2, y + bh + 6), (x + bw / 2, y + bh + 60), c["dark"], width=5, head=11
            )
    d.rounded_rectangle(
        (40, 520, 1160, 606), radius=12, fill=c["light"], outline=c["dark"], width=2
    )
    text_block(
        d,
        (64, 532),
        "At every hand-over write down: WHO handed over, to WHOM, WHAT "
        "(exhibit numbers, seal intact?), WHEN and WHERE, and both signatures.",
        font(21, True),
        1070,
        fill=c["dark"],
    )
    save(img, "wlc-chain-of-custody.png")


# --------------------------------------------------------------------------------------------
# HRB-101 diagrams
# --------------------------------------------------------------------------------------------


def hrb_screening_steps() -> None:
    c = HRB
    img = Image.new("RGB", DIAGRAM, PAPER)
    d = ImageDraw.Draw(img)
    header(
        d,
        DIAGRAM,
        "Protection-sensitive screening at the border",
        c,
        "Identify needs first, then refer each person to the right procedure",
    )
    steps = [
        ("1  Receive", "Immediate needs: water, food, first aid, safety"),
        ("2  Inform", "Explain rights and process in a language understood"),
        ("3  Screen", "Short individual interview; note needs and risks"),
        ("4  Refer", "Hand over to the competent authority"),
    ]
    top, bw, bh = 120, 430, 104
    for i, (title, body) in enumerate(steps):
        y = top + i * (bh + 18)
        d.rounded_rectangle(
            (40, y, 40 + bw, y + bh), radius=14, fill=WHITE, outline=c["mid"], width=4
        )
        d.rectangle((40, y + 12, 50, y + bh - 12), fill=c["accent"])
        d.text((66, y + 12), title, font=font(25, True), fill=c["dark"])
        text_block(d, (66, y + 50), body, font(19), bw - 44)
        if i < len(steps) - 1:
            arrow(d, (255, y + bh + 2), (255, y + bh + 14), c["dark"], width=4, head=8)
    routes = [
        "Asylum seeker or fears return: asylum authority / UNHCR",
        "Unaccompanied or separated child: child protection",
        "Possible victim of trafficking: anti-trafficking unit",
        "Survivor of violence, or serious medical need: health and social services",
        "Stateless person or no documents: competent authority",
        "No protection need: regular immigration procedures",
    ]
    d.line((470, 582, 540, 582), fill=c["dark"], width=5)
    d.line((540, 150, 540, 582), fill=c["dark"], width=5)
    for i, text in enumerate(routes):
        y = 118 + i * 80
        colour = c["mid"] if i < 5 else GREY
        arrow(d, (540, y + 34), (590, y + 34), c["dark"], width=4, head=9)
        d.rounded_rectangle(
            (596, y, 1160, y + 68), radius=12, fill=c["light"], outline=colour, width=3
        )
        text_block(d, (614, y + 10), text, font(19, True), 530, fill=c["dark"])
    footer(
        d,
        DIAGRAM,
        "No return before screening is complete: non-refoulement applies at the "
        "border and in transit zones",
        c,
    )
    save(img, "hrb-screening-steps.png")


def hrb_use_of_force() -> None:
    c = HRB
    img = Image.new("RGB", DIAGRAM, PAPER)
    d = ImageDraw.Draw(img)
    header(
        d,
        DIAGRAM,
        "Use of force: six questions to ask",
        c,
        "UN Code of Conduct (1979) and Basic Principles on Force and Firearms (1990)",
    )
    tiles = [
        ("Legality", "Does the law allow this force, for this purpose, by me?"),
        ("Necessity", "Is force the only way? Have I tried words and warnings?"),
        ("Proportionality", "Is the harm I may cause less than the harm I prevent?"),
        ("Precaution", "Have I planned to avoid force and to limit injury?"),
        ("Non-discrimination", "Would I act the same whoever this person was?"),
        ("Accountability", "Will I report it, and give medical help at once?"),
    ]
    tw, th = 357, 186
    for i, (title, q) in enumerate(tiles):
        col, row = i % 3, i // 3
        x = 40 + col * (tw + 24)
        y = 120 + row * (th + 18)
        d.rounded_rectangle(
            (x, y, x + tw, y + th), radius=16, fill=WHITE, outline=c["mid"], width=4
        )
        d.ellipse((x + 20, y + 20, x + 68, y + 68), fill=c["accent"])
        n = str(i + 1)
        d.text(
            (x + 44 - d.textlength(n, font=font(28, True)) / 2, y + 27),
            n,
            font=font(28, True),
            fill=WHITE,
        )
        d.text((x + 80, y + 30), title, font=font(24, True), fill=c["dark"])
        text_block(d, (x + 24, y + 88), q, font(21), tw - 48)
    d.rounded_rectangle((40, 534, 1160, 630), radius=12, fill="#F9E0E0", outline="#9B2226", width=3)
    text_block(
        d,
        (60, 552),
        "Firearms: only against an imminent threat of death or serious "
        "injury, and only when less extreme means are insufficient.",
        font(20, True),
        1090,
        fill="#7A1010",
    )
    save(img, "hrb-use-of-force.png")


def hrb_detention_safeguards() -> None:
    c = HRB
    img = Image.new("RGB", DIAGRAM, PAPER)
    d = ImageDraw.Draw(img)
    header(
        d,
        DIAGRAM,
        "Safeguards for anyone held at a border post",
        c,
        "Detention is a last resort, lawful, necessary, proportionate and as short as possible",
    )
    items = [
        "Told the reasons, in a language they understand",
        "Entered in the custody register with times",
        "Access to a lawyer and to legal aid",
        "Consulate informed if they wish",
        "Family or a person of their choice told",
        "Medical check and care when needed",
        "Access to UNHCR for asylum seekers",
        "Women, men and children held separately",
        "Families kept together; children not detained",
        "Decision reviewed by a court or judge",
    ]
    cw, rh = 550, 86
    for i, text in enumerate(items):
        col, row = i % 2, i // 2
        x = 40 + col * (cw + 20)
        y = 118 + row * (rh + 8)
        d.rounded_rectangle(
            (x, y, x + cw, y + rh), radius=12, fill=WHITE, outline=c["mid"], width=3
        )
        d.rounded_rectangle((x + 16, y + 22, x + 58, y + 64), radius=8, fill=c["accent"])
        d.line((x + 25, y + 44, x + 35, y + 55, x + 51, y + 31), fill=WHITE, width=6)
        text_block(d, (x + 76, y + 16), text, font(22), cw - 96)
    footer(
        d,
        DIAGRAM,
        "ICCPR Art. 9 and 10; Vienna Convention on Consular Relations Art. 36; "
        "CRC Art. 37; Body of Principles (1988)",
        c,
    )
    save(img, "hrb-detention-safeguards.png")
