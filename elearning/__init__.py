"""The Django project: settings, URL map, WSGI entry point, site-wide templates and static."""
