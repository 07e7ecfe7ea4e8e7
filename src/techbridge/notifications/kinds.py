"""Every kind of notice: its preference group and its one-line title. Titles are rendered in
the reader's language when shown or e-mailed; payloads hold codes, not translated text."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from techbridge.notifications.enums import Group


@dataclass(frozen=True)
class Kind:
    group: str
    title: Promise


KINDS: dict[str, Kind] = {
    "deal_interest": Kind(
        Group.DEALS, _("New interest in “%(listing)s”: please accept or decline the introduction")
    ),
    "deal_accepted": Kind(
        Group.DEALS, _("Introduction accepted for “%(listing)s”: contacts are now shown")
    ),
    "deal_declined": Kind(Group.DEALS, _("Interest in “%(listing)s” was declined: %(reason)s")),
    "deal_stage": Kind(Group.DEALS, _("The deal on “%(listing)s” moved to: %(stage)s")),
    "deal_closed": Kind(Group.DEALS, _("The deal on “%(listing)s” was closed: %(reason)s")),
    "deal_expired": Kind(Group.DEALS, _("Interest in “%(listing)s” expired without an answer")),
    "deal_message": Kind(Group.MESSAGES, _("New message in the deal on “%(listing)s”")),
    "deal_reminder": Kind(
        Group.REMINDERS,
        _("The deal on “%(listing)s” has waited %(days)s days at the stage: %(stage)s"),
    ),
    "deal_follow_up": Kind(
        Group.REMINDERS, _("How did the deal on “%(listing)s” turn out? One question")
    ),
    "match_digest": Kind(Group.MATCHES, _("New recommended matches for your listings: %(count)s")),
}


def kinds_in(groups: set[str]) -> list[str]:
    return [name for name, kind in KINDS.items() if kind.group in groups]


def _labels(values: dict) -> dict:
    from techbridge.deals.enums import Reason, Stage

    if values.get("stage") in Stage.values:
        values["stage"] = str(Stage(values["stage"]).label)
    if values.get("reason") in Reason.values:
        label = str(Reason(values["reason"]).label)
        text = values.get("reason_text", "")
        values["reason"] = f"{label} ({text})" if text else label
    return values


class _Default(dict):
    def __missing__(self, key: str) -> str:
        return ""


def notification_title(*, kind: str, payload: dict) -> str:
    """In the active language; unknown kinds fall back to their code."""
    definition = KINDS.get(kind)
    if definition is None:
        return kind
    return str(definition.title) % _Default(_labels(dict(payload)))
