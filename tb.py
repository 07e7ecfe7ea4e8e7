#!/usr/bin/env python3
"""techbridge in one command. Needs only Python 3.11 and pip.

python3 tb.py start    install, migrate SQLite, load demo data, run worker + web on :8000
python3 tb.py test     install, lint, then the whole test suite on SQLite and PostgreSQL
"""

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"
REQUIREMENTS = {
    "run": ROOT / "requirements" / "run.txt",
    "test": ROOT / "requirements" / "test.txt",
}


def say(message: str) -> None:
    print(f"\033[1m[techbridge]\033[0m {message}", flush=True)


def run(*args: str | Path, **kwargs) -> None:
    subprocess.run([str(a) for a in args], check=True, cwd=ROOT, **kwargs)


def ensure_environment(kind: str) -> None:
    """Creates .venv and installs the pinned requirements once per change of the lock file."""
    if sys.version_info[:2] != (3, 11):
        say(f"warning: techbridge is built for Python 3.11, this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        say("creating the virtual environment in .venv")
        run(sys.executable, "-m", "venv", VENV)
    lock = REQUIREMENTS[kind]
    digest = hashlib.sha256(lock.read_bytes() + (ROOT / "pyproject.toml").read_bytes()).hexdigest()
    stamp = VENV / f".installed-{kind}"
    if not stamp.exists() or stamp.read_text() != digest:
        say(f"installing pinned packages from {lock.relative_to(ROOT)} (first run takes a minute)")
        run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", lock)
        run(PYTHON, "-m", "pip", "install", "--quiet", "--no-deps", "-e", ".")
        stamp.write_text(digest)
    manage("compile_catalogues", "--verbosity", "0")


def manage(*args: str, env: dict | None = None) -> None:
    run(PYTHON, "manage.py", *args, env=env)


def start(argv: list[str]) -> int:
    port = argv[0] if argv else "8000"
    ensure_environment("run")
    manage("migrate", "--no-input", "--verbosity", "0")
    manage("load_demo")
    manage("schedule_daily")
    # Links in e-mails must point at the port actually served.
    env = {"TECHBRIDGE_SITE_URL": f"http://127.0.0.1:{port}", **os.environ}
    say("starting the task worker")
    worker = subprocess.Popen(
        [str(PYTHON), "manage.py", "db_worker", "--interval", "1", "--no-reload"], cwd=ROOT, env=env
    )
    say(f"serving on http://127.0.0.1:{port}/  (e-mails are written to var/mail/; Ctrl+C stops)")
    server = subprocess.Popen(
        [str(PYTHON), "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
    )
    try:
        while server.poll() is None and worker.poll() is None:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        for process in (server, worker):
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
        for process in (server, worker):
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
    return 0


def ensure_chromium() -> None:
    if shutil.which("chromium") or os.environ.get("TECHBRIDGE_CHROMIUM"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say("installing Debian's chromium for the browser tests")
        run("apt-get", "update", "-qq")
        run(
            "apt-get",
            "install",
            "-y",
            "-qq",
            "chromium",
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
        return
    say("Debian's chromium is missing: install it (apt-get install chromium) for the browser tests")
    sys.exit(2)


def test(argv: list[str]) -> int:
    ensure_environment("test")
    ensure_chromium()
    return subprocess.run([str(PYTHON), "scripts/run_tests.py", *argv], cwd=ROOT).returncode


def main() -> int:
    commands = {"start": start, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        return 2
    return commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
