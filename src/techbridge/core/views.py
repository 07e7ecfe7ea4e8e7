from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from techbridge.accounts.services import user_update_preferences
from techbridge.core import selectors
from techbridge.core.languages import ui_language_codes


def home(request: HttpRequest) -> HttpResponse:
    context = {
        "counts": selectors.platform_counts(),
        "by_country": selectors.organisations_per_country(),
    }
    return render(request, "core/home.html", context)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switches the UI language; signed-in users keep it as their preference."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language not in ui_language_codes():
        return response
    if request.user.is_authenticated:
        user_update_preferences(user=request.user, preferred_language=language)
    translation.activate(language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )
    return response


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    # No context processors or database here: the failure may be the database itself.
    from django.template.loader import get_template

    return HttpResponse(
        get_template("500.html").render({"LANGUAGE_CODE": translation.get_language()}), status=500
    )
