{% load static %}// The content origin's service worker (served at /scorm-runtime/sw.js, scope /scorm-; ADR 0045).
importScripts(
  "{% static 'offlinemode/vendor/workbox-7.4.1/workbox-core.prod.js' %}",
  "{% static 'offlinemode/vendor/workbox-7.4.1/workbox-routing.prod.js' %}",
  "{% static 'offlinemode/vendor/workbox-7.4.1/workbox-strategies.prod.js' %}",
  "{% static 'offlinemode/vendor/workbox-7.4.1/workbox-precaching.prod.js' %}",
  "{% static 'offlinemode/vendor/workbox-7.4.1/workbox-range-requests.prod.js' %}",
  "{% static 'scormplayer/outbox.js' %}",
  "{% static 'scormplayer/content-worker.js' %}"
);
