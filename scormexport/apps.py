"""SCORM export: our Wagtail courses as SCORM 1.2 or 2004 packages for another LMS.

Stage of the flow: carry a course to another LMS. ``scorm_export`` (or the admin's "Export as
SCORM") writes one .zip: each lesson a self-contained page (its media, our fonts and CSS, its
knowledge checks marked in the browser, a small runtime script that reports completion to the
LMS), each quiz an assessment page that reports score and success, and an ``imsmanifest.xml``
written by the pure ``scormexport.manifest``. Reads courses, modules and quizzes; writes nothing
in the database.
"""

from django.apps import AppConfig


class ScormExportConfig(AppConfig):
    name = "scormexport"
    verbose_name = "SCORM export"
    default_auto_field = "django.db.models.BigAutoField"
