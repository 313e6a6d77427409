"""The admin's "Export as SCORM" form: which course, format, language and (optionally) module.
A course the user may not edit is not offered; a language with no published version of the
course, or a module of another course, is refused at its field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage
from modules.models import ModulePage

from .manifest import SCORM12, SCORM2004
from .selectors import course_in_language, course_modules, editable_courses, module_in_course


class ModuleChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        course = obj.get_parent().specific
        return f"{getattr(course, 'code', course.title)}: {obj.title}"


class ExportForm(forms.Form):
    course = forms.ModelChoiceField(
        queryset=CoursePage.objects.none(),
        label=_("Course"),
        error_messages={
            "invalid_choice": _("There is no such course, or you may not edit it."),
            "required": _("Choose a course."),
        },
    )
    fmt = forms.ChoiceField(
        label=_("Format"),
        choices=[(SCORM2004, "SCORM 2004 (4th edition)"), (SCORM12, "SCORM 1.2")],
        initial=SCORM2004,
        help_text=_("SCORM 2004 unless the other platform only takes SCORM 1.2."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    module = ModuleChoice(
        queryset=ModulePage.objects.none(),
        required=False,
        label=_("Module"),
        empty_label=_("The whole course"),
        error_messages={"invalid_choice": _("There is no such module.")},
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        courses = editable_courses(user)
        self.fields["course"].queryset = courses  # type: ignore[attr-defined]
        self.fields["module"].queryset = course_modules(courses)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        course, language, module = data.get("course"), data.get("language"), data.get("module")
        if course is None:
            return data
        if language and course_in_language(course=course, language=language) is None:
            self.add_error(
                "language",
                _("The course %(code)s has no published version in %(language)s.")
                % {"code": course.code, "language": dict(settings.LANGUAGES)[language]},
            )
        if module is not None and module_in_course(course=course, page_id=module.pk) is None:
            self.add_error("module", _("This module is not part of the course chosen."))
        return data
