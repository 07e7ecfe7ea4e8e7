from unittest.mock import patch

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.management.commands import db_worker

from techbridge.matching.index import process_index_reset
from techbridge.matching.suggestions import suggestions_reset
from techbridge.organisations.enums import MemberRole
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogues(django_db_blocker):
    call_command("compile_catalogues", verbosity=0)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_search_index():
    # The process-wide index follows the database; each test's database starts anew.
    process_index_reset()
    suggestions_reset()
    yield
    process_index_reset()
    suggestions_reset()


def drain_task_queue() -> None:
    """Runs the real database worker in batch mode until the queue is empty.

    In-process, inside the test's transaction: the worker's periodic connection recycling
    would end that transaction, so only that call is switched off here. The worker as a
    separate process is tested on its own (tests/core/test_worker_process.py).
    """
    with patch.object(db_worker, "close_old_connections", lambda: None):
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


@pytest.fixture
def worker():
    return drain_task_queue


@pytest.fixture
def outbox():
    mail.outbox = []
    return mail.outbox


@pytest.fixture
def organisation(db):
    return OrganisationFactory(country="TH")


@pytest.fixture
def roles(db, organisation):
    """One user per role that matters for an organisation in Thailand."""
    admin = MembershipFactory(organisation=organisation, role=MemberRole.ADMIN).user
    member = MembershipFactory(organisation=organisation, role=MemberRole.MEMBER).user
    return {
        "anonymous": None,
        "unverified": UserFactory(email_verified_at=None),
        "outsider": UserFactory(),
        "member": member,
        "admin": admin,
        "focal_point": UserFactory(focal_point_country="TH"),
        "other_focal_point": UserFactory(focal_point_country="VN"),
        "staff": UserFactory(is_staff=True),
    }


@pytest.fixture
def client_for(client):
    def make(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return make
