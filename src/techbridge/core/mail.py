"""E-mail is rendered in the recipient's language and sent by the worker, never in a request."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from techbridge.core.tasks import send_email


def email_render(*, template: str, context: dict, language: str) -> tuple[str, str]:
    with translation.override(language):
        full_context = {"site_url": settings.SITE_URL, **context}
        subject = render_to_string(f"emails/{template}_subject.txt", full_context)
        body = render_to_string(f"emails/{template}_body.txt", full_context)
    return " ".join(subject.split()), body


def email_enqueue(*, to: str, template: str, context: dict, language: str) -> None:
    """Call inside the transaction that causes the e-mail: a rollback discards it."""
    subject, body = email_render(template=template, context=context, language=language)
    send_email.enqueue(to=[to], subject=subject, body=body)
