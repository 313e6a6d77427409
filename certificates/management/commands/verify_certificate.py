"""``manage.py verify_certificate PAYLOAD_OR_CODE``: valid, revoked, expired or forged, offline."""

from django.core.management.base import BaseCommand

from certificates.selectors import verify_text

MESSAGES = {
    "valid": "VALID",
    "revoked": "REVOKED: the certificate has been withdrawn",
    "expired": "EXPIRED",
    "forged": "FORGED: the signature does not match",
    "unknown_issuer": "UNKNOWN ISSUER: signed by a node this one does not know",
    "not_ours": "NOT A CERTIFICATE of this platform",
    "not_found": "NOT FOUND: no certificate with this code on this node",
    "mistyped": "MISTYPED: the code's check character does not match",
}


class Command(BaseCommand):
    help = "Check a certificate from its code or its QR payload, with no network."

    def add_arguments(self, parser):
        parser.add_argument("text", help="the code (KH-2026-0001-7Q) or the QR text (EL1:...)")

    def handle(self, *args, **options):
        result = verify_text(options["text"])
        self.stdout.write(MESSAGES.get(result.status, result.status.upper()))
        if result.name:
            self.stdout.write(f"  holder:  {result.name}")
            self.stdout.write(f"  course:  {result.course}")
            self.stdout.write(f"  issued:  {result.issued_on}")
            if result.expires_on:
                self.stdout.write(f"  until:   {result.expires_on}")
            self.stdout.write(f"  code:    {result.code}")
        if result.status != "valid":
            raise SystemExit(1)
