"""Demo data: ``manage.py load_demo`` loads real courses, posts, officers and a login per role.

Not a stage of the flow: it drives the other apps' services, as a trainer, coordinator and
officers would, so the demo exercises the same code paths as real use.
"""

from django.apps import AppConfig


class DemodataConfig(AppConfig):
    name = "demodata"
    verbose_name = "Demo data"
