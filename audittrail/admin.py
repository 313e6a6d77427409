"""The trail in the Django admin: read only (entries and checkpoints are immutable records)."""

from django.contrib import admin

from .models import AuditCheckpoint, AuditEntry


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(_ReadOnly):
    list_display = ("recorded_at", "actor_name", "action", "officer", "subject", "chain_index")
    list_filter = ("action", "officer_country")
    search_fields = ("actor_name", "action", "subject")


@admin.register(AuditCheckpoint)
class AuditCheckpointAdmin(_ReadOnly):
    list_display = ("recorded_at", "origin_node", "chain_index")
