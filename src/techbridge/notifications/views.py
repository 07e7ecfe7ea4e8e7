from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from techbridge.notifications import selectors, services
from techbridge.notifications.forms import PreferencesForm

PAGE_SIZE = 30


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_of(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    items = selectors.notification_items(notifications=page)
    return render(request, "notifications/inbox.html", {"page": page, "items": items})


def unread_badge(request: HttpRequest) -> HttpResponse:
    """The nav's unread count, fetched by htmx after the page loads (no query per page)."""
    count = selectors.unread_count(user=request.user) if request.user.is_authenticated else 0
    return render(request, "notifications/_badge.html", {"unread": count})


@login_required
@require_POST
def mark_read(request: HttpRequest) -> HttpResponse:
    pks = [int(pk) for pk in request.POST.getlist("pk") if pk.isdigit()]
    services.notifications_mark_read(user=request.user, pks=pks or None)
    return redirect("notifications:inbox")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    current = services.preferences_of(user=request.user)
    form = PreferencesForm(request.POST or None, initial=current)
    if request.method == "POST" and form.is_valid():
        services.preferences_update(user=request.user, values=form.cleaned_data)
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
