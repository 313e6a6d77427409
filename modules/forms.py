"""The page editor's forms for quizzes and SCORM lessons."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from scormpackages.models import ScormPackage
from scormpackages.selectors import version_outline
from scormpackages.services import PackageRefused


class QuizPageForm(WagtailAdminPageForm):
    """Checks where a new quiz goes before Wagtail gives it its place: a page being created has
    no parent yet, so the model's ``clean()`` cannot, and publishing it would otherwise fail
    after the form was accepted."""

    def _post_clean(self):
        super()._post_clean()
        if not self.instance.path and self.parent_page is not None:
            try:
                self.instance.clean_placement(self.parent_page.specific)
            except ValidationError as error:
                self._update_errors(error)


def _package_label(package: ScormPackage) -> str:
    version = package.current
    return gettext("%(title)s · version %(number)s · SCORM %(scorm)s · %(scos)s SCO(s)") % {
        "title": package.title,
        "number": version.number,
        "scorm": version.scorm_version,
        "scos": len(version.structure.get("scos", [])),
    }


class ScormLessonPageForm(WagtailAdminPageForm):
    """A SCORM lesson plays a stored package, chosen here, or a .zip uploaded here: checked as
    hostile input by ``scormpackages`` once the rest of the form is valid (a refusal is shown
    at the upload, in the trainer's language, and keeps nothing). With "new version" ticked
    the upload replaces the chosen package's current version (same package, its history
    kept) for every lesson that plays it."""

    upload = forms.FileField(
        label=_("…or upload a SCORM package (.zip)"),
        required=False,
        help_text=_(
            "A SCORM 1.2 or 2004 package as your authoring tool exports it. It is checked and "
            "stored when you save; then it is in the list above for other lessons too."
        ),
    )
    upload_replaces = forms.BooleanField(
        label=_("The upload is a new version of the chosen package"),
        required=False,
        help_text=_(
            "Every lesson playing the chosen package plays the new version from the next "
            "launch; attempts already made stay with the version they were made on."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["package"]
        field.required = False
        field.queryset = ScormPackage.objects.filter(current__isnull=False).select_related(
            "current"
        )
        field.label_from_instance = _package_label
        field.help_text = _("Choose a stored package, or upload one below.")
        chosen = self.instance.package if self.instance.package_id else None
        if chosen is not None and chosen.current is not None:
            scos = [
                item["title"]
                for item in version_outline(chosen.current)["items"]
                if item["scorm_type"] == "sco"
            ]
            field.help_text = gettext("Now: %(package)s. It plays: %(scos)s.") % {
                "package": _package_label(chosen),
                "scos": "; ".join(scos),
            }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        upload, chosen = cleaned.get("upload"), cleaned.get("package")
        if upload is None and chosen is None and "package" not in self.errors:
            self.add_error("package", _("Choose a stored SCORM package or upload one."))
        if cleaned.get("upload_replaces") and (upload is None or chosen is None):
            self.add_error(
                "upload_replaces",
                _("Choose the package above and upload its new version below."),
            )
        return cleaned

    def _post_clean(self) -> None:
        super()._post_clean()
        upload = self.cleaned_data.get("upload")
        if upload is None or self.errors:  # only a form otherwise valid stores a package
            return
        from .services import scorm_package_upload  # services import the models, which import this

        replace = self.cleaned_data.get("package") if self.cleaned_data["upload_replaces"] else None
        try:
            package = scorm_package_upload(upload=upload.file, replace=replace, user=self.for_user)
        except PackageRefused as error:
            self.add_error("upload", str(error))
            return
        self.instance.package = package
        self.cleaned_data["package"] = package
