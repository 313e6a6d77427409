"""The countries the platform serves (ISO 3166-1 alpha-2), names translatable."""

from django.utils.translation import gettext_lazy as _

COUNTRIES = [
    ("BN", _("Brunei Darussalam")),
    ("KH", _("Cambodia")),
    ("FJ", _("Fiji")),
    ("ID", _("Indonesia")),
    ("LA", _("Lao PDR")),
    ("MY", _("Malaysia")),
    ("MM", _("Myanmar")),
    ("PG", _("Papua New Guinea")),
    ("PH", _("Philippines")),
    ("WS", _("Samoa")),
    ("SB", _("Solomon Islands")),
    ("TH", _("Thailand")),
    ("TL", _("Timor-Leste")),
    ("TO", _("Tonga")),
    ("VU", _("Vanuatu")),
    ("VN", _("Viet Nam")),
]
COUNTRY_NAMES = dict(COUNTRIES)
