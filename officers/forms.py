"""Forms for officers; their messages are in our catalogues so every regional language has them."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import BorderPost


def scoped_post_field() -> forms.ModelChoiceField:
    """A choice of one border post, or all of them; the form limits it to the viewer's scope
    (the coordinators' lists' filters)."""
    return forms.ModelChoiceField(
        queryset=BorderPost.objects.none(),
        label=_("Border post"),
        required=False,
        empty_label=_("All posts in my scope"),
    )


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Wrong user name or password. Check both and try again; capital letters matter."
        ),
        "inactive": _("This account is switched off. Ask your coordinator."),
    }
