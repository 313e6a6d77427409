"""Forms for officers; their messages are in our catalogues so every regional language has them."""

from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Wrong user name or password. Check both and try again; capital letters matter."
        ),
        "inactive": _("This account is switched off. Ask your coordinator."),
    }
