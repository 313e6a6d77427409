"""The words answers are written with (``qtypes.text.Words``) in the active language: the translated
"True"/"False" labels the questions show, "between ... and ...", and numbers written the
language's way (Django's formats)."""

from __future__ import annotations

from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from .qtypes.text import Words, plain_number


def _number(value: Decimal) -> str:
    return formats.number_format(Decimal(plain_number(value)), use_l10n=True)


def words() -> Words:
    return Words(
        true=_("True"),
        false=_("False"),
        between=_("between %(low)s and %(high)s"),
        number=_number,
    )
