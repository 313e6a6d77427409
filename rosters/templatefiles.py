"""The spreadsheet template a coordinator downloads: the columns ``rosters.sheets`` reads, in
order, and an example row in Thai and one in Khmer, as .xlsx (openpyxl) and as CSV (UTF-8
with a byte-order mark, so Excel opens the Thai and Khmer names as they are written)."""

from __future__ import annotations

import csv
import io

from .sheets import KEYS

EXAMPLES = (
    {
        "full_name_native": "สมชาย ใจดี",
        "full_name_latin": "Somchai Jaidee",
        "service_number": "1234567",
        "agency": "Immigration Bureau",
        "rank": "Police Lieutenant",
        "country": "TH",
        "post": "th-aranyaprathet",
        "language": "th",
        "email": "somchai.j@immigration.example",
        "cohort": "",
        "courses": "TIP-101; DOC-201",
    },
    {
        "full_name_native": "សុខា ចាន់",
        "full_name_latin": "Sokha Chan",
        "service_number": "KH-0042",
        "agency": "General Department of Immigration",
        "rank": "Captain",
        "country": "KH",
        "post": "kh-poipet",
        "language": "km",
        "email": "",
        "cohort": "",
        "courses": "TIP-101",
    },
)


def template_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(KEYS)
    for example in EXAMPLES:
        writer.writerow([example[key] for key in KEYS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def template_xlsx() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("officers")
    sheet.append(list(KEYS))
    for example in EXAMPLES:
        # Service numbers as text: Excel would drop a leading zero of a number.
        sheet.append([example[key] for key in KEYS])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
