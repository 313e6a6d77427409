"""The service worker and the web app manifest at the site's root (a service worker's scope is
its own path and below), and the offline endpoints under ``/offline/``."""

urlpatterns: list = []
