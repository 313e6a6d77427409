{% load static %}// The content origin's service worker (served at /scorm-runtime/sw.js, scope /scorm-; ADR 0045).
importScripts(
{% include "offlinemode/workbox_imports.js" %}
  "{% static 'scormplayer/outbox.js' %}",
  "{% static 'scormplayer/content-worker.js' %}"
);
