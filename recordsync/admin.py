"""Django admin for administrators: the records sync refused here, with the reason (read only:
they are kept for a person to look at, never applied)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from elearning.templatetags.localdates import local_datetime

from .models import RejectedRecord


@admin.register(RejectedRecord)
class RejectedRecordAdmin(admin.ModelAdmin):
    list_display = ("table", "origin", "seq", "reason", "rejected")
    list_filter = ("table",)
    search_fields = ("reason",)
    readonly_fields = ("table", "origin", "seq", "data", "reason", "rejected_at")

    @admin.display(description=_("rejected at"), ordering="rejected_at")
    def rejected(self, record):
        """In the reader's language, as every date we print (elearning.localdates)."""
        return local_datetime(record.rejected_at)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
