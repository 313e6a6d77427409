from django import forms
from django.utils.translation import gettext_lazy as _


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File from the USB stick"))


class PacketForForm(forms.Form):
    """At headquarters: which post a packet is for."""

    post = forms.ModelChoiceField(
        label=_("Border post"), queryset=None, empty_label=None, to_field_name="node_id"
    )

    def __init__(self, *args, **kwargs):
        from nodes.models import NodeRole, Peer

        super().__init__(*args, **kwargs)
        self.fields["post"].queryset = Peer.objects.filter(role=NodeRole.POST)
