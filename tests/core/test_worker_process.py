"""The task worker as operators run it: a separate `manage.py db_worker` process."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection, transaction
from django_tasks_db.models import DBTaskResult

from techbridge.core.mail import email_enqueue

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    host = db["HOST"] or db.get("OPTIONS", {}).get("host", "")
    port = f":{db['PORT']}" if db["PORT"] else ""
    credentials = f"{db['USER']}:{quote(db['PASSWORD'] or '')}"
    return f"postgres://{credentials}@{quote(host, safe='')}{port}/{db['NAME']}"


def _run_worker_process(tmp_path: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TECHBRIDGE_")}
    env.update(
        TECHBRIDGE_DATABASE_URL=_database_url(),
        TECHBRIDGE_EMAIL="file",
        TECHBRIDGE_DATA_DIR=str(tmp_path),
    )
    return subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _sent_messages(tmp_path: Path) -> list[str]:
    """Messages, not files: Django's file backend names a file by the second and the backend
    object's id, so two messages sent within one second can share a file (regression: the
    catch-up test counted 2 files for 3 messages)."""
    mail_dir = tmp_path / "mail"
    if not mail_dir.exists():
        return []
    text = "".join(p.read_text("utf-8") for p in sorted(mail_dir.glob("*.log")))
    return [m for m in text.split("-" * 79 + "\n") if m.strip()]


def test_worker_process_sends_committed_and_never_rolled_back_work(tmp_path):
    with transaction.atomic():
        email_enqueue(
            to="kept@example.org",
            template="join_request_approved",
            context={"organisation": "Kept"},
            language="en",
        )
    try:
        with transaction.atomic():
            email_enqueue(
                to="lost@example.org",
                template="join_request_approved",
                context={"organisation": "Lost"},
                language="en",
            )
            raise RuntimeError("the request failed after enqueueing")
    except RuntimeError:
        pass

    result = _run_worker_process(tmp_path)

    assert result.returncode == 0, result.stderr
    messages = _sent_messages(tmp_path)
    assert len(messages) == 1
    assert "To: kept@example.org" in messages[0]
    assert "lost@example.org" not in "".join(messages)
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["SUCCESSFUL"]


def test_worker_process_catches_up_after_being_down(tmp_path):
    for n in range(3):
        with transaction.atomic():
            email_enqueue(
                to=f"queued{n}@example.org",
                template="join_request_approved",
                context={"organisation": "Queued"},
                language="en",
            )
    assert _run_worker_process(tmp_path).returncode == 0
    assert len(_sent_messages(tmp_path)) == 3
    assert _run_worker_process(tmp_path).returncode == 0
    assert len(_sent_messages(tmp_path)) == 3
