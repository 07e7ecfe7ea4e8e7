"""Steps every browser test takes: signing in, and submitting a form that navigates."""

from tests.factories import PASSWORD


def login(page, base: str, email: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(base + "/**")


def submit(page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)
