"""SCORM export: our Wagtail courses as SCORM 1.2 or 2004 packages for another LMS.

Stage of the flow: carry a course to another LMS. ``scorm_export`` (or, later, the admin's
button) writes one .zip: each lesson a self-contained page (its media, our fonts and CSS, a
small runtime script that reports completion to the LMS) and an ``imsmanifest.xml`` written by
the pure ``scormexport.manifest``. Reads courses and modules; writes nothing in the database.
"""

from django.apps import AppConfig


class ScormExportConfig(AppConfig):
    name = "scormexport"
    verbose_name = "SCORM export"
    default_auto_field = "django.db.models.BigAutoField"
