"""The whole check, in the virtual environment: lint, migrations, pytest on SQLite and PostgreSQL.

PostgreSQL + pgvector comes from the pip-installed `pgserver` unless
TECHBRIDGE_TEST_DATABASE_URL names a server. Extra arguments go to pytest.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
NO_TESTS_COLLECTED = 5


def step(title: str, *args: str, env: dict | None = None) -> int:
    print(f"\n=== {title}", flush=True)
    started = time.monotonic()
    code = subprocess.run(list(args), cwd=ROOT, env=env).returncode
    print(f"=== {title}: exit {code} in {time.monotonic() - started:.0f}s", flush=True)
    return code


def pytest(title: str, extra: list[str], env: dict) -> int:
    code = step(title, PYTHON, "-m", "pytest", *extra, env=env)
    if code == NO_TESTS_COLLECTED:
        print(f"=== {title}: no tests were collected; that is a failure here", flush=True)
    return code


def main() -> int:
    extra = sys.argv[1:]
    base_env = {**os.environ, "TECHBRIDGE_MODE": "development", "TECHBRIDGE_EMAIL": "memory"}
    base_env.pop("TECHBRIDGE_DATABASE_URL", None)
    for title, args in [
        ("ruff lint", [PYTHON, "-m", "ruff", "check", "."]),
        ("ruff format", [PYTHON, "-m", "ruff", "format", "--check", "."]),
        ("migrations", [PYTHON, "manage.py", "makemigrations", "--check", "--dry-run"]),
    ]:
        if step(title, *args, env=base_env) != 0:
            return 1

    sqlite_env = {**base_env}
    sqlite_env.pop("TECHBRIDGE_TEST_DATABASE_URL", None)
    results = {"sqlite": pytest("pytest on SQLite", extra, sqlite_env)}

    postgres_env = {**base_env}
    server = None
    data_dir = None
    if not postgres_env.get("TECHBRIDGE_TEST_DATABASE_URL"):
        import pgserver

        data_dir = tempfile.mkdtemp(prefix="techbridge-pg-")
        server = pgserver.get_server(data_dir, cleanup_mode="stop")
        postgres_env["TECHBRIDGE_TEST_DATABASE_URL"] = server.get_uri()
    try:
        results["postgres"] = pytest("pytest on PostgreSQL + pgvector", extra, postgres_env)
    finally:
        if server is not None:
            server.cleanup()
        if data_dir:
            shutil.rmtree(data_dir, ignore_errors=True)

    print("\n=== summary: " + ", ".join(f"{db}: exit {code}" for db, code in results.items()))
    return 0 if all(code == 0 for code in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
