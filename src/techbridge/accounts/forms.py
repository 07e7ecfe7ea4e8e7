from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from techbridge.accounts import services
from techbridge.accounts.models import User, time_zone_choices
from techbridge.core.mail import email_enqueue


def client_ip(request) -> str | None:
    if settings.BEHIND_PROXY and request.META.get("HTTP_X_FORWARDED_FOR"):
        # The proxy appends the address it saw; earlier entries are client-controlled.
        return request.META["HTTP_X_FORWARDED_FOR"].split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR")


class SignUpForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"))
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters; not only digits; not a common password."),
    )
    password_again = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    preferred_language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=time_zone_choices)

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this e-mail address already exists."))
        return email

    def clean(self) -> dict:
        cleaned = super().clean()
        password = cleaned.get("password")
        if password and password != cleaned.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        elif password:
            candidate = User(email=cleaned.get("email", ""), full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("E-mail address or password is wrong."),
        "inactive": _("This account is disabled."),
        "throttled": _(
            "Too many failed sign-ins. Wait %(minutes)s minutes or reset your password."
        ),
        "unverified": _("Please confirm your e-mail address first: follow the link we sent you."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("E-mail address")

    def clean(self) -> dict:
        email = (self.cleaned_data.get("username") or "").strip().lower()
        ip_address = client_ip(self.request) if self.request else None
        if email and services.login_is_throttled(email=email, ip_address=ip_address):
            raise forms.ValidationError(
                self.error_messages["throttled"],
                code="throttled",
                params={"minutes": settings.LOGIN_FAILURE_WINDOW_MINUTES},
            )
        self.cleaned_data["username"] = email
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            services.login_failure_record(email=email, ip_address=ip_address)
            raise
        services.login_failures_clear(email=email)
        return cleaned

    def confirm_login_allowed(self, user: User) -> None:
        super().confirm_login_allowed(user)
        if not user.is_verified:
            raise forms.ValidationError(self.error_messages["unverified"], code="unverified")


class ResendVerificationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "preferred_language", "time_zone"]


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, but the e-mail goes through the worker in the user's language."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ) -> None:
        user = context["user"]
        email_enqueue(
            to=to_email,
            template="password_reset",
            context={
                "name": user.full_name,
                "link": settings.SITE_URL
                + reverse(
                    "accounts:password_reset_confirm",
                    kwargs={"uidb64": context["uid"], "token": context["token"]},
                ),
            },
            language=user.preferred_language,
        )
