import os
import shutil

import pytest

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium_path() -> str:
    path = os.environ.get("TECHBRIDGE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        pytest.fail("Debian's chromium is required for browser tests: apt-get install chromium")
    return path


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; the ORM calls the test makes
    # between page actions are still synchronous.
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            instance = playwright.chromium.launch(
                executable_path=_chromium_path(), args=CHROMIUM_FLAGS
            )
            yield instance
            instance.close()
    finally:
        # Subprocess tests (e.g. check --deploy) must not inherit this.
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser, tmp_path):
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Transactional tests flush every table when they end, including the taxonomies the
    migrations seed; a browser test that runs after one would find empty sector lists
    (regression: the catalogue and competition browser tests failed in the full suite only)."""
    from django.core.management import call_command

    request.getfixturevalue("transactional_db")
    call_command("seed_taxonomies", verbosity=0)
