"""The forms of exam sessions: opening one, adding minutes, and the officer's code."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from modules.models import QuizPage
from officers.models import BorderPost, User


class _Officer(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        post = f" · {obj.post.name}" if obj.post_id else ""
        number = f" ({obj.service_number})" if obj.service_number else ""
        return f"{obj.display_name}{number}{post}"


class OpenForm(forms.Form):
    quiz = forms.ModelChoiceField(
        label=_("Quiz"),
        queryset=QuizPage.objects.none(),
        help_text=_("Quizzes marked “only in a supervised exam session”."),
    )
    post = forms.ModelChoiceField(label=_("Post"), queryset=BorderPost.objects.none())
    starts_at = forms.DateTimeField(
        label=_("Opens"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("By this server's clock."),
    )
    ends_at = forms.DateTimeField(
        label=_("Closes for new starts"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    officers = _Officer(
        label=_("Officers admitted"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Officers not yet enrolled in the quiz's course are enrolled."),
    )

    def __init__(self, *args, quizzes, posts, officers, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["quiz"].queryset = quizzes
        self.fields["post"].queryset = posts
        self.fields["officers"].queryset = officers


class AdmitForm(forms.Form):
    officers = _Officer(
        label=_("Admit more officers"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, officers, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officers"].queryset = officers


class ExtendForm(forms.Form):
    officer = forms.UUIDField(widget=forms.HiddenInput)
    minutes = forms.IntegerField(label=_("Minutes to add"), min_value=1, max_value=240)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Session code"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
