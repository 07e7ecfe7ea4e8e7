import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

from techbridge.config.env import SETTINGS_DOC

ROOT = Path(__file__).resolve().parents[2]


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("TECHBRIDGE_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key(tmp_path):
    result = _run(
        ["check"],
        TECHBRIDGE_MODE="production",
        TECHBRIDGE_ALLOWED_HOSTS="techbridge.example.org",
        TECHBRIDGE_DATA_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "TECHBRIDGE_SECRET_KEY is required in production mode" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    result = _run(
        ["check"],
        TECHBRIDGE_MODE="production",
        TECHBRIDGE_SECRET_KEY=secrets.token_urlsafe(50),
        TECHBRIDGE_DATA_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "TECHBRIDGE_ALLOWED_HOSTS is required in production mode" in result.stderr


def test_production_check_deploy_is_clean(tmp_path):
    result = _run(
        ["check", "--deploy", "--fail-level", "WARNING"],
        TECHBRIDGE_MODE="production",
        TECHBRIDGE_SECRET_KEY=secrets.token_urlsafe(50),
        TECHBRIDGE_ALLOWED_HOSTS="techbridge.example.org",
        TECHBRIDGE_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_bad_boolean_setting_is_reported_by_name(tmp_path):
    result = _run(["check"], TECHBRIDGE_HTTPS="maybe", TECHBRIDGE_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "TECHBRIDGE_HTTPS must be true or false, not 'maybe'" in result.stderr


def test_every_setting_is_documented_in_readme():
    readme = (ROOT / "README.md").read_text("utf-8")
    documented = set(re.findall(r"`TECHBRIDGE_([A-Z_]+)`", readme))
    assert set(SETTINGS_DOC) <= documented, set(SETTINGS_DOC) - documented
