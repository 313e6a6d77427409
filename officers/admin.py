"""Django admin for administrators: officers, agencies, posts, scopes."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from . import profile_schema
from .models import Agency, BorderPost, CoordinatorScope, User
from .services import officer_set_role, role_privileges


class ScopeInline(admin.TabularInline):
    model = CoordinatorScope
    fk_name = "coordinator"
    extra = 0


@admin.register(User)
class OfficerAdmin(UserAdmin):
    list_display = ("username", "full_name_latin", "role", "country", "post", "agency")
    list_filter = ("role", "country", "post", "agency")
    search_fields = ("username", "full_name_latin", "full_name_native", "service_number")
    inlines = [ScopeInline]

    def save_model(self, request, obj, form, change):
        """The role's flags are set before the row is saved, so one edit is one profile change
        (``save_related`` then finds nothing left to change)."""
        for name, value in role_privileges(obj.role).items():
            setattr(obj, name, value)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        """A role set here gets the same privileges as through the services (Wagtail groups,
        superuser and staff flags), not just the field. After the form's own groups are saved,
        so they cannot undo it."""
        super().save_related(request, form, formsets, change)
        officer_set_role(user=form.instance, role=form.instance.role, actor=request.user)

    # The synced fields Django's own sections leave out, in the schema's order.
    fieldsets = UserAdmin.fieldsets + (
        (
            "Officer",
            {
                "fields": tuple(
                    f.name
                    for f in profile_schema.FIELDS
                    if f.name not in {n for _t, o in UserAdmin.fieldsets for n in o["fields"]}
                )
            },
        ),
    )


admin.site.register(Agency)
admin.site.register(BorderPost)
