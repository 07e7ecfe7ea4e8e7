import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from techbridge.core.mail import email_enqueue

pytestmark = pytest.mark.django_db


class Rollback(Exception):
    pass


def test_email_enqueued_in_rolled_back_transaction_is_never_sent(worker, outbox):
    with pytest.raises(Rollback), transaction.atomic():
        email_enqueue(
            to="a@example.org",
            template="join_request_approved",
            context={"organisation": "X"},
            language="en",
        )
        raise Rollback
    assert DBTaskResult.objects.count() == 0
    worker()
    assert outbox == []


def test_email_enqueued_in_committed_transaction_is_sent_once(worker, outbox):
    with transaction.atomic():
        email_enqueue(
            to="a@example.org",
            template="join_request_approved",
            context={"organisation": "Mekong Lab & Co"},
            language="en",
        )
    worker()
    worker()
    assert len(outbox) == 1
    assert outbox[0].subject == "You are now a member of Mekong Lab & Co"


def test_database_is_ready_for_vectors_on_postgresql():
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT extversion FROM pg_extension WHERE extname = 'vector'")
            assert cursor.fetchone() is not None
        else:
            cursor.execute("PRAGMA journal_mode")
            assert connection.vendor == "sqlite"
