"""The page editor's form for quizzes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm


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
