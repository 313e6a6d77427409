"""The hasher of generated initial passwords (``rosters``), and only of those.

Django's default PBKDF2 takes a million iterations (about 0.25 s of CPU a password here) because
a password a person chooses is guessable: the work factor is what protects it. A generated
initial password is 12 characters drawn by ``secrets`` from 31 (about 59 bits): what protects
it is its entropy. At 20,000 iterations one guess costs 40,000 SHA-256 blocks, so searching
half of 2^59 takes a GPU doing 10^10 blocks a second about a million years, and the password
is replaced at the first log-in anyway (``must_change_password``), when Django also re-hashes
it with the default hasher (this one is not first in ``PASSWORD_HASHERS``). A file of 5,000
new officers then hashes in seconds instead of 20 minutes. See docs/decisions/0032.
"""

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class InitialPasswordHasher(PBKDF2PasswordHasher):
    algorithm = "pbkdf2_sha256_initial"
    iterations = 20_000


INITIAL_PASSWORD_HASHER = InitialPasswordHasher.algorithm
