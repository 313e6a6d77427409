"""Officers, their roles and the scope a coordinator manages.

Stage of the flow: who takes part. An officer (learner) has a profile in their own script and in
Latin letters, an agency, a rank, a country and a border post. Trainers author in Wagtail;
coordinators see and manage only the officers of the countries or posts in their scope;
administrators see everything.
"""

from django.apps import AppConfig


class OfficersConfig(AppConfig):
    name = "officers"
    verbose_name = "Officers and roles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save

        from .models import User
        from .receivers import profile_record_on_save

        post_save.connect(
            profile_record_on_save, sender=User, dispatch_uid="officers_profile_record"
        )
