"""Forms for coordinators; choices are limited to what lies in the coordinator's scope."""

import uuid

from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage
from officers.forms import scoped_post_field


def search_field(label: str | Promise, help_text: str | Promise) -> forms.CharField:
    """A search box: words that each must match, up to 100 characters."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=100,
        help_text=help_text,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class ProgressFilterForm(forms.Form):
    course = forms.ModelChoiceField(queryset=CoursePage.objects.none(), label=_("Course"))
    post = scoped_post_field()
    q = search_field(
        _("Search"), _("Name (in any script), service number, user name or border post.")
    )

    def __init__(self, *args, courses, posts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses
        self.fields["post"].queryset = posts


class DashboardFilterForm(forms.Form):
    """What the dashboard counts: choices limited to the viewer's scope; dates from the form,
    "today" from the server (the view's default end date)."""

    country = forms.ChoiceField(label=_("Country"), required=False)
    post = scoped_post_field()
    course = forms.ModelChoiceField(
        queryset=CoursePage.objects.none(),
        label=_("Course"),
        required=False,
        empty_label=_("All courses"),
    )
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    days = forms.IntegerField(
        label=_("Expiring within (days)"), required=False, min_value=1, max_value=3650
    )
    q = search_field(
        _("Search the tables"), _("A course, border post, agency, country or quiz name.")
    )

    def __init__(self, *args, courses, posts, countries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses
        self.fields["post"].queryset = posts
        self.fields["country"].choices = [("", _("All countries in my scope")), *countries]

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data


class EnrolForm(forms.Form):
    course = forms.ModelChoiceField(queryset=CoursePage.objects.none(), label=_("Course"))

    def __init__(self, *args, courses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses


class PasswordResetForm(forms.Form):
    new_password1 = forms.CharField(
        label=_("New password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html(),
    )
    new_password2 = forms.CharField(
        label=_("New password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("new_password1") != data.get("new_password2"):
            raise forms.ValidationError(_("The two passwords differ."))
        return data


class AuditFilterForm(forms.Form):
    """The audit page's filters: who, which action, about whom, on which node, when."""

    actor = forms.CharField(label=_("Who"), required=False, max_length=100)
    action = forms.ChoiceField(label=_("Action"), required=False)
    officer = forms.CharField(label=_("About officer"), required=False, max_length=100)
    node = forms.TypedChoiceField(
        label=_("Node"), required=False, coerce=uuid.UUID, empty_value=None
    )
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, actions: list[str], nodes: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Any action"))] + [(a, a) for a in actions]
        self.fields["node"].choices = [("", _("Every node"))] + nodes
