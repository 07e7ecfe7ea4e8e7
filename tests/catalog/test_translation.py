"""Machine translation through an HTTP service, faked by a server on 127.0.0.1."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.urls import reverse

from techbridge.catalog import services
from techbridge.catalog.models import Technology
from tests.factories import TechnologyFactory, UserFactory

pytestmark = pytest.mark.django_db


class _FakeLibreTranslate(BaseHTTPRequestHandler):
    requests: list = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append(body)
        answer = {"translatedText": [f"[{body['target']}] {text}" for text in body["q"]]}
        payload = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def libretranslate(settings):
    server = HTTPServer(("127.0.0.1", 0), _FakeLibreTranslate)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _FakeLibreTranslate.requests = []
    settings.MT_BACKEND = "libretranslate"
    settings.MT_URL = f"http://127.0.0.1:{server.server_port}"
    yield _FakeLibreTranslate.requests
    server.shutdown()


def test_publish_queues_machine_translation_that_keeps_human_ones(libretranslate, worker, client):
    technology = TechnologyFactory(
        status="under_review",
        language="zh-hans",
        title="太阳能干燥机",
        problem="",
        benefits="",
        translations={"th": {"title": {"text": "เครื่องอบแห้ง", "kind": "human"}}},
    )
    services.listing_publish(user=UserFactory(is_staff=True), listing=technology)
    worker()
    technology = Technology.objects.get()
    assert technology.translations["th"]["title"] == {"text": "เครื่องอบแห้ง", "kind": "human"}
    assert technology.translations["th"]["summary"]["kind"] == "machine"
    assert technology.translations["km"]["title"] == {
        "text": "[km] 太阳能干燥机",
        "kind": "machine",
    }
    assert {r["target"] for r in libretranslate} == {
        "en",
        "id",
        "ms",
        "th",
        "vi",
        "my",
        "km",
        "lo",
        "tl",
    }
    assert "problem" not in technology.translations["km"]
    client.cookies["techbridge_language"] = "km"
    page = client.get(reverse("catalog:technology", args=[technology.pk])).content.decode()
    assert "[km] 太阳能干燥机" in page


def test_no_backend_means_no_task(worker, settings):
    settings.MT_BACKEND = "none"
    technology = TechnologyFactory(status="under_review")
    services.listing_publish(user=UserFactory(is_staff=True), listing=technology)
    from django_tasks_db.models import DBTaskResult

    assert not DBTaskResult.objects.filter(task_path__endswith="translate_listing").exists()
