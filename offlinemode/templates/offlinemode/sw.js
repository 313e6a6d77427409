{% load static %}// The service worker (served at /sw.js by offlinemode.views.service_worker; ADR 0041).
// Workbox's modules, idb, the database, the activity queue, then this site's own code, which
// reads its settings from offlineWorkerConfig (offlinemode.views.worker_config).
self.offlineWorkerConfig = {{ worker_config|safe }};
importScripts(
{% include "offlinemode/workbox_imports.js" %}
  "{% static 'offlinemode/vendor/workbox-7.4.1/workbox-cacheable-response.prod.js' %}",
  "{% static 'offlinemode/vendor/idb-8.0.4/idb.umd.js' %}",
  "{% static 'offlinemode/db.js' %}",
  "{% static 'offlinemode/queue.js' %}",
  "{% static 'offlinemode/sw/worker.js' %}"
);
