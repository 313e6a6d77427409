from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from nodes.models import Peer


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File from the USB stick"))


NO_POST_YET = _(
    "No border post is enrolled yet, so there is no post to write a packet for. Enrol a post "
    "first: “python manage.py enrol_post --post-code CODE -o FILE.enrol” here, then "
    "“python manage.py enrol FILE.enrol --code CODE” at the post."
)


class PacketForForm(forms.Form):
    """At headquarters: which post a packet is for, among the posts it can seal one to."""

    post = forms.ModelChoiceField(
        label=_("Border post"),
        queryset=None,
        empty_label=None,
        to_field_name="node_id",
        error_messages={
            "required": _("Choose the border post the packet is for."),
            "invalid_choice": _("That border post is not enrolled here: choose one in the list."),
        },
    )

    def __init__(self, *args: Any, recipients: QuerySet[Peer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["post"].queryset = recipients
        if not recipients.exists():
            self.fields["post"].error_messages["required"] = NO_POST_YET
