"""The service worker, the web app manifest, the "On this device" page and a course's offline
manifest. (Placeholders until issue 15's "save" part fills them in.)"""

from django.http import HttpResponse


def service_worker(request):
    return HttpResponse(status=501)


def web_manifest(request):
    return HttpResponse(status=501)


def on_this_device(request):
    return HttpResponse(status=501)


def course_manifest(request, course_id: int):
    return HttpResponse(status=501)
