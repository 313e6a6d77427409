"""Log-in, log-out, own password and interface language."""

from django.conf import settings
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import activate
from django.views.decorators.http import require_http_methods

from .forms import LoginForm
from .landing import landing_url_name
from .services import officer_password_change, officer_set_language


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        """Without a safe ``next``: the landing page of the user's role (``landing``)."""
        user = self.request.user
        return reverse(landing_url_name(role=user.role, is_superuser=user.is_superuser))


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change.html"
    success_url = reverse_lazy("my_learning")

    def form_valid(self, form):
        officer_password_change(user=form.user, new_password=form.cleaned_data["new_password1"])
        update_session_auth_hash(self.request, form.user)
        return HttpResponseRedirect(self.get_success_url())


def _safe_next(request, value: str | None) -> str:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return "/"


@require_http_methods(["GET", "POST"])
def set_language(request):
    """Choose the interface language (GET shows the choices, each in its own script: the only
    page that loads every script's font); remembered on the profile and in a cookie."""
    if request.method == "GET":
        next_url = _safe_next(request, request.GET.get("next"))
        return render(request, "registration/language.html", {"next": next_url})
    language = request.POST.get("language", "")
    response = HttpResponseRedirect(_safe_next(request, request.POST.get("next")))
    if language in dict(settings.LANGUAGES):
        if request.user.is_authenticated:
            officer_set_language(user=request.user, language=language)
        activate(language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600, samesite="Lax"
        )
    return response
