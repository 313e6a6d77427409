"""Forms for cohorts and assignments; choices are limited to the coordinator's scope (the
services check it again, whatever a form sent)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage
from officers.countries import COUNTRIES
from officers.forms import scoped_post_field
from officers.models import BorderPost, User

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def homes_for(viewer: User, posts, countries: list[str]) -> list[tuple[str, str]]:
    """The choices of where a cohort belongs: ``countries``, ``posts`` and, for an
    administrator, no place."""
    names = dict(COUNTRIES)
    choices = [("", str(_("Nowhere in particular")))] if viewer.is_administrator else []
    choices += [(f"country:{code}", str(names.get(code, code))) for code in countries]
    choices += [(f"post:{post.code}", f"{post.name} ({post.code})") for post in posts]
    return choices


class CohortForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    home = forms.ChoiceField(label=_("Belongs to"), required=False)

    def __init__(self, *args, viewer: User, posts, countries: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.posts = {post.code: post for post in posts}
        self.fields["home"].choices = homes_for(viewer, posts, countries)
        self.fields["home"].required = not viewer.is_administrator

    def place(self) -> tuple[BorderPost | None, str]:
        home = self.cleaned_data["home"]
        if home.startswith("post:"):
            return self.posts[home.removeprefix("post:")], ""
        return None, home.removeprefix("country:")


class RenameForm(forms.Form):
    name = forms.CharField(label=_("New name"), max_length=200)


class AssignForm(forms.Form):
    course = forms.ModelChoiceField(queryset=CoursePage.objects.none(), label=_("Course"))
    due_on = forms.DateField(
        label=_("Due on"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Leave empty for no due date."),
    )

    def __init__(self, *args, courses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses


class ListFilterForm(forms.Form):
    """The assignments list's filters beside its search: a status on today, a course, a post of
    the viewer's scope. A value not offered is left out (the list shows more, never an error)."""

    course = forms.ModelChoiceField(
        queryset=CoursePage.objects.none(),
        label=_("Course"),
        required=False,
        empty_label=_("All courses"),
    )
    post = scoped_post_field()

    def __init__(self, *args, courses, posts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses
        self.fields["post"].queryset = posts

    def filters(self) -> dict:
        """The keyword arguments of ``selectors.assignments_in_scope`` these filters give."""
        self.is_valid()
        course = self.cleaned_data.get("course")
        return {
            "course_key": course.translation_key if course is not None else None,
            "post": self.cleaned_data.get("post"),
        }


class DueForm(forms.Form):
    due_on = forms.DateField(label=_("Due on"), required=False, widget=DATE_INPUT)
