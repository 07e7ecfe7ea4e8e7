from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from techbridge.accounts import forms, services
from techbridge.accounts.models import User


@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:home")
    initial = {
        "preferred_language": request.LANGUAGE_CODE,
        "time_zone": settings.TIME_ZONE,
    }
    form = forms.SignUpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_sign_up(
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password"],
                preferred_language=form.cleaned_data["preferred_language"],
                time_zone=form.cleaned_data["time_zone"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("accounts:sign_up_done")
    return render(request, "accounts/sign_up.html", {"form": form})


def sign_up_done(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/sign_up_done.html")


def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user = services.user_verify_email(token=token)
    except ValidationError as error:
        return render(
            request, "accounts/verify_failed.html", {"error": error.messages[0]}, status=400
        )
    if not request.user.is_authenticated:
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Your e-mail address is confirmed. Welcome!"))
    return redirect("organisations:mine")


@require_http_methods(["GET", "POST"])
def resend_verification(request: HttpRequest) -> HttpResponse:
    form = forms.ResendVerificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = User.objects.filter(
            email__iexact=form.cleaned_data["email"], email_verified_at__isnull=True, is_active=True
        ).first()
        if user is not None:
            services.user_verification_send(user=user)
        # Same answer whether or not the address exists: no account discovery.
        return redirect("accounts:sign_up_done")
    return render(request, "accounts/resend_verification.html", {"form": form})


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = forms.LoginForm
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = forms.QueuedPasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    form = forms.ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.user_update_preferences(
            user=request.user,
            full_name=form.cleaned_data["full_name"],
            preferred_language=form.cleaned_data["preferred_language"],
            time_zone=form.cleaned_data["time_zone"],
        )
        messages.success(request, _("Your profile is saved."))
        response = redirect("accounts:profile")
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, request.user.preferred_language, samesite="Lax"
        )
        return response
    return render(request, "accounts/profile.html", {"form": form, "now": timezone.now()})
