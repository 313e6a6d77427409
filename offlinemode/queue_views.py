"""A device's signing key, and the activity queued offline. (Placeholders until issue 15's
"queue" part fills them in.)"""

from django.http import HttpResponse


def device_register(request):
    return HttpResponse(status=501)


def activity(request):
    return HttpResponse(status=501)
