"""Base settings: every setting lives here; dev, test and production only override.

Every deployment knob is an environment variable with a safe default; README.md lists them in
one table. ``ELEARNING_DATA_DIR`` holds everything a node writes (SQLite database, media, node
keys, generated files), so a border-post machine is backed up by copying one folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DATA_DIR = Path(env_str("ELEARNING_DATA_DIR", str(BASE_DIR))).resolve()

# "hub" (headquarters: authoring, certificate authority, reports) or "post" (border post).
NODE_ROLE = env_str("ELEARNING_NODE_ROLE", "hub")
if NODE_ROLE not in {"hub", "post"}:
    raise ValueError(f"ELEARNING_NODE_ROLE must be 'hub' or 'post', not {NODE_ROLE!r}")
NODE_KEY_DIR = DATA_DIR / "keys"
# At the hub: its address as posts reach it, written into enrolment files for `manage.py sync`.
ELEARNING_HUB_URL = env_str("ELEARNING_HUB_URL", "")
# Sync bounds: a request body, chunks (of 500 records) per HTTP request, records waiting for
# others to arrive, chunks carried for other posts. Temporary storage never grows past them.
ELEARNING_SYNC_MAX_BODY = int(env_str("ELEARNING_SYNC_MAX_BODY", str(64 * 1024 * 1024)))
ELEARNING_SYNC_CHUNKS_PER_REQUEST = int(env_str("ELEARNING_SYNC_CHUNKS_PER_REQUEST", "20"))
ELEARNING_SYNC_MAX_PENDING = int(env_str("ELEARNING_SYNC_MAX_PENDING", "100000"))
ELEARNING_SYNC_MAX_RELAY_CHUNKS = int(env_str("ELEARNING_SYNC_MAX_RELAY_CHUNKS", "20000"))
# The country letters of certificate codes when an officer has no country (e.g. "HQ").
ELEARNING_CERTIFICATE_COUNTRY = env_str("ELEARNING_CERTIFICATE_COUNTRY", "HQ")

INSECURE_DEFAULT_SECRET_KEY = "django-insecure-elearning-development-key-do-not-use-in-production"
SECRET_KEY = env_str("DJANGO_SECRET_KEY", INSECURE_DEFAULT_SECRET_KEY)
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    # Our apps, one per stage of the flow (docs/architecture.md).
    "nodes",
    "audittrail",
    "officers",
    "courses",
    "questionbank",
    "modules",
    "quizzes",
    "learning",
    "certificates",
    "coursebundles",
    "scormexport",
    "scormpackages",
    "recordsync",
    "operatordesk",
    "coordination",
    "rosters",
    "assignments",
    "scormplayer",
    "examsessions",
    "offlinemode",
    "demodata",
    # Wagtail. Five of its apps through our configs, which leave out Wagtail's web API
    # (elearning/wagtailapps.py, ADR 0038).
    "elearning.wagtailapps.RedirectsConfig",
    "wagtail_localize",
    "wagtail.sites",
    "wagtail.users",
    "elearning.wagtailapps.SnippetsConfig",
    "elearning.wagtailapps.DocumentsConfig",
    "elearning.wagtailapps.ImagesConfig",
    "wagtail.search",
    "elearning.wagtailapps.LocalesConfig",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Django and the rest.
    "axes",
    "django_ratelimit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # The SCORM content origin (ADR 0024): first, so no cookie is read or set there.
    "scormplayer.middleware.ContentOriginMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # At its memory limit a node answers 503 before any view runs (elearning.memoryguard).
    "elearning.memoryguard.MemoryGuardMiddleware",
    # Pages compress to a quarter, which counts on a 400 kbit/s link.
    "elearning.middleware.PageGZipMiddleware",
    "elearning.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "officers.middleware.PreferredLanguageMiddleware",
    # Uploads to Wagtail's page editor bounded while they stream (a SCORM lesson's package).
    "elearning.uploads.PageFormUploadLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "officers.middleware.IdleSessionMiddleware",
    "officers.middleware.PasswordChangeRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "elearning.urls"
WSGI_APPLICATION = "elearning.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "elearning" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "officers.context_processors.navigation",
                "offlinemode.context_processors.offline",
            ],
            # Dates in the viewer's language (elearning is a project package, not an app).
            "libraries": {"localdates": "elearning.templatetags.localdates"},
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env_str("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock when a transaction starts, so concurrent writers queue
    # instead of failing half-way with "database is locked"; WAL lets readers go on meanwhile.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-256;"
        ),
    }
    # Each kept connection (one per thread of each worker) has a page cache of its own, 2 MB by
    # default: copies of pages the operating system already caches once for every process, and
    # dropped anyway (WAL) whenever another connection has written. 256 KiB each: a post's worker
    # of 8 threads that had read every lesson once held 18 MiB less of its own (57 -> 39 MiB);
    # a lesson page's CPU did not move beyond the noise (bench/README.md, issue 13).
    # Connections are kept per thread (DATABASE_CONN_MAX_AGE) as on PostgreSQL: opening one
    # costs SQLite a read of the schema, 1.8 ms of CPU, half of what a kept lesson page costs
    # (ADR 0037). gunicorn's master closes its own before it forks (serverhooks.before_fork).
    # A node on SQLite never talks to PostgreSQL, yet Django REST framework (which Wagtail's
    # admin API loads with the URLs) imports psycopg for its optional PostgreSQL fields: 9 MiB
    # and 90 modules in every process. Made unimportable here, it is as if not installed, which
    # DRF allows for (ADR 0038).
    sys.modules.setdefault("psycopg", None)  # type: ignore[assignment]
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: the pages' queries are short, and compiling a plan cost a country
    # coordinator's progress summary a third of its time at a region's size (bench/region.py).
    # A random read priced as the cached read it is on a hub whose indexes fit in memory (1.1,
    # not the spinning disk's 4): the dashboard then reaches a country's attempts through its
    # officers' index entries instead of reading the region's (ADR 0042).
    # Large values (quiz snapshots, about 15 KB each) compressed with LZ4 rather than pglz: a hub
    # importing a post's 15,738 attempts spent 4.9 s of the server's time compressing them with
    # pglz, 1.9 s with LZ4 (issue 13; Debian's PostgreSQL 14 and later is built with it).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        "-c jit=off -c random_page_cost=1.1 -c default_toast_compression=lz4"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "officers.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Django's hashers, the default first, then the one for generated initial passwords only
# (officers/hashers.py says why it may be lighter; every other password uses the default).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "officers.hashers.InitialPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "my_learning"
LOGOUT_REDIRECT_URL = "login"

# Who the client is (lock-out and rate limits ask ``elearning.clientip.client_ip``): the
# connection's address, or behind the hub's reverse proxy (ELEARNING_BEHIND_PROXY=1) the address
# that proxy appended last to X-Forwarded-For. Never set it without such a proxy: the header is
# the client's to forge.
ELEARNING_BEHIND_PROXY = env_bool("ELEARNING_BEHIND_PROXY", False)

# django-axes: lock a user name *from one client address* after repeated failures. Locking by
# name alone let anyone lock any account (the coordinator's too) for the cool-off; locking by
# address alone would lock a whole training room, which shares one address, after one officer's
# typos. A coordinator's password reset lifts the lock.
AXES_FAILURE_LIMIT = int(env_str("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(env_str("AXES_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "elearning.clientip.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# Rate limits per client (elearning.ratelimits): django-ratelimit counts in a cache that every
# worker shares. At a post that is the node's own database (its table made by migrate); a hub
# may point ELEARNING_RATELIMIT_CACHE at another backend with an atomic incr (e.g.
# django.core.cache.backends.redis.RedisCache with ELEARNING_RATELIMIT_CACHE_LOCATION).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": {
        "BACKEND": env_str("ELEARNING_RATELIMIT_CACHE", "elearning.cache.CounterDatabaseCache"),
        "LOCATION": env_str("ELEARNING_RATELIMIT_CACHE_LOCATION", "elearning_ratelimit"),
        "TIMEOUT": 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
    # Course outlines and rendered lesson bodies (modules.contentcache): content only, per
    # revision and language, made unreachable on every publish. At a post a file cache under the
    # data directory: shared by the workers, no server, and no write to the SQLite database the
    # learner records need. A hub with several app servers points it at one cache they all
    # share (README, "Caches"), or a publish on one server would not reach the others.
    "pages": {
        "BACKEND": env_str("ELEARNING_PAGE_CACHE", "elearning.cache.PageFileCache"),
        "LOCATION": env_str("ELEARNING_PAGE_CACHE_LOCATION", str(DATA_DIR / "cache" / "pages")),
        "TIMEOUT": 7 * 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    },
}
RATELIMIT_USE_CACHE = "ratelimit"
RATELIMIT_IP_META_KEY = "elearning.clientip.client_ip"
# "N/s", "N/m", "N/h" or "N/d" per client (an address, or a logged-in officer).
ELEARNING_RATE_LIMITS = {
    "verify": env_str("ELEARNING_RATE_VERIFY", "30/m"),
    "qr_photo": env_str("ELEARNING_RATE_QR_PHOTO", "10/m"),
    "enrol": env_str("ELEARNING_RATE_ENROL", "10/h"),
    "sync": env_str("ELEARNING_RATE_SYNC", "600/h"),
    "bundles": env_str("ELEARNING_RATE_BUNDLES", "120/h"),
    # Activity queued offline and device keys (offlinemode): per officer.
    "offline": env_str("ELEARNING_RATE_OFFLINE", "300/h"),
}
# Our cache backend is not on django-ratelimit's list, but its incr is atomic (elearning.cache,
# tested in tests/project/test_rate_limits.py).
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]

# Languages of the interface. Burmese is Unicode Myanmar script ("my"), never Zawgyi.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("th", "ไทย"),
    ("km", "ខ្មែរ"),
    ("lo", "ລາວ"),
    ("vi", "Tiếng Việt"),
    ("my", "မြန်မာ"),
    ("id", "Bahasa Indonesia"),
]
_enabled = env_list("ELEARNING_LANGUAGES", ",".join(code for code, _name in LANGUAGES))
LANGUAGES = [(code, name) for code, name in LANGUAGES if code in _enabled or code == "en"]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# Translations (wagtail-localize, ADR 0015) stay drafts until a trainer publishes them: a course
# copied into Thai but not yet translated must not reach Thai officers as English text.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("DJANGO_TIME_ZONE", "UTC")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "elearning" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_PERMISSIONS = 0o640
# The largest bundle or packet the operator's page takes (bytes); refused while it streams.
ELEARNING_OPERATOR_UPLOAD_MAX = int(env_str("ELEARNING_OPERATOR_UPLOAD_MAX", str(4 * 1024**3)))
# The largest QR photo /verify/ takes (bytes), and its most pixels (read from the header).
ELEARNING_QR_PHOTO_MAX_BYTES = int(env_str("ELEARNING_QR_PHOTO_MAX_BYTES", str(15 * 1024**2)))
ELEARNING_QR_PHOTO_MAX_PIXELS = int(env_str("ELEARNING_QR_PHOTO_MAX_PIXELS", "12000000"))
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Behind nginx (the hub): media and SCORM package files are sent by nginx after the app has
# checked access, with X-Accel-Redirect to PREFIX/media/... or PREFIX/scorm/... (internal
# locations, deploy/nginx-hub.conf). Empty (a post, the tests): the app sends them itself.
ELEARNING_MEDIA_ACCEL_PREFIX = env_str("ELEARNING_MEDIA_ACCEL_PREFIX", "")
# Inside a memory limit (cgroup), new requests are refused (503, Retry-After) once the node's
# processes hold this fraction of it (0: never). The cgroup folder is found from
# /proc/self/cgroup unless ELEARNING_MEMORY_CGROUP names it.
ELEARNING_MEMORY_REFUSE_AT = float(env_str("ELEARNING_MEMORY_REFUSE_AT", "0.9"))
ELEARNING_MEMORY_CGROUP = env_str("ELEARNING_MEMORY_CGROUP", "")
# Imported SCORM packages' files (ADR 0023): outside MEDIA_ROOT on purpose, so the platform's
# /media/ never serves third-party HTML and scripts on its own origin.
ELEARNING_SCORM_ROOT = Path(env_str("ELEARNING_SCORM_ROOT", str(DATA_DIR / "scorm")))
# What a SCORM upload may be (ADR 0022): the zip, its entries, their sum once extracted, the
# compression ratio, and one file (the manifest included) read into memory.
ELEARNING_SCORM_MAX_BYTES = int(env_str("ELEARNING_SCORM_MAX_BYTES", str(1024**3)))
ELEARNING_SCORM_MAX_ENTRIES = int(env_str("ELEARNING_SCORM_MAX_ENTRIES", "20000"))
ELEARNING_SCORM_MAX_TOTAL = int(env_str("ELEARNING_SCORM_MAX_TOTAL", str(2 * 1024**3)))
ELEARNING_SCORM_MAX_RATIO = int(env_str("ELEARNING_SCORM_MAX_RATIO", "100"))
ELEARNING_SCORM_MAX_MANIFEST = int(env_str("ELEARNING_SCORM_MAX_MANIFEST", str(16 * 1024**2)))

WAGTAIL_SITE_NAME = "Border Officer E-Learning"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "direct"
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "docx",
    "xlsx",
    "pptx",
    "odt",
    "txt",
    "mp4",
    "webm",
    "mp3",
    "ogg",
    "m4a",
    "vtt",
]

WAGTAIL_PASSWORD_RESET_ENABLED = False  # No e-mail at a border post: coordinators reset.
WAGTAILADMIN_PERMITTED_LANGUAGES = [(c, n) for c, n in LANGUAGES if c in {"en", "th", "vi", "id"}]
WAGTAIL_ENABLE_UPDATE_CHECK = False  # No request to any other host.
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# Long work (batches of certificates) runs as tasks in the database: no broker at a border
# post. A worker runs beside the web server: ``manage.py db_worker`` (``make demo`` starts one).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Generated files (certificate batches) are kept this many days, then removed.
ELEARNING_GENERATED_DAYS = int(env_str("ELEARNING_GENERATED_DAYS", "14"))
GENERATED_ROOT = DATA_DIR / "generated"

# Officers from spreadsheets (rosters): the largest file and the most rows a coordinator's
# upload or ``import_officers`` takes, how long an upload waits for its confirmation and a
# sheet of initial passwords for its download, and where both are kept (never served as media).
ELEARNING_ROSTER_MAX_BYTES = int(env_str("ELEARNING_ROSTER_MAX_BYTES", str(5 * 1024**2)))
ELEARNING_ROSTER_MAX_ROWS = int(env_str("ELEARNING_ROSTER_MAX_ROWS", "10000"))
ELEARNING_ROSTER_UPLOAD_HOURS = int(env_str("ELEARNING_ROSTER_UPLOAD_HOURS", "24"))
ELEARNING_ROSTER_SHEET_MINUTES = int(env_str("ELEARNING_ROSTER_SHEET_MINUTES", "30"))
# A confirmed import runs in the task worker. One still unfinished after this many minutes was
# stopped (a restart, a power cut: its transaction rolled back, nothing of it is kept), and its
# file may be confirmed again. 10,000 rows take about 3 minutes on a post's two cores.
ELEARNING_ROSTER_IMPORT_MINUTES = int(env_str("ELEARNING_ROSTER_IMPORT_MINUTES", "30"))
# From this many new officers an import lays their slips out in a process of its own, beside
# the rows it writes (rosters.slips.SlipPress): below, the child's start (about 1 s) would cost
# more than it saves.
ELEARNING_ROSTER_SLIPS_APART = int(env_str("ELEARNING_ROSTER_SLIPS_APART", "300"))
ELEARNING_ROSTER_ROOT = DATA_DIR / "rosters"

# Assignments and recertification (assignments): notices on My learning and at log-in this many
# days before a due date or a certificate's expiry. E-mailed reminders (``send_reminders``) only
# where a mail server is configured (EMAIL_HOST, at the hub): a post has none, and sends nothing.
ELEARNING_RECERTIFICATION_NOTICE_DAYS = int(env_str("ELEARNING_RECERTIFICATION_NOTICE_DAYS", "60"))
ELEARNING_ASSIGNMENT_NOTICE_DAYS = int(env_str("ELEARNING_ASSIGNMENT_NOTICE_DAYS", "7"))
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = int(env_str("EMAIL_PORT", "587"))
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "elearning@localhost")

# SCORM packages (third-party code) play from a separate origin (ADR 0024): the same process
# answers a second host name (the hub, behind its proxy) or port (a post), and serves only
# package files there, to a per-launch token, with no cookie. SCORM_PLATFORM_ORIGINS are the
# origins the platform's pages are served from (the only ones that may frame package files).
# Cookies do not tell ports apart: a second host name (or address) isolates better than a port.
SCORM_CONTENT_ORIGIN = env_str("ELEARNING_SCORM_CONTENT_ORIGIN", "http://localhost:8000")
SCORM_PLATFORM_ORIGINS = env_list("ELEARNING_SCORM_PLATFORM_ORIGINS", "http://127.0.0.1:8000")
SCORM_LAUNCH_TOKEN_SECONDS = int(env_str("ELEARNING_SCORM_LAUNCH_HOURS", "8")) * 3600
# A SCORM lesson saved for offline play (ADR 0045): its launch's token lasts this long.
SCORM_OFFLINE_TOKEN_SECONDS = int(env_str("ELEARNING_SCORM_OFFLINE_DAYS", "14")) * 86400

# Host-only cookies (no Domain): never sent to another host name, such as the content origin.
SESSION_COOKIE_DOMAIN = None
CSRF_COOKIE_DOMAIN = None
SESSION_COOKIE_HTTPONLY = True
# Set (HttpOnly) in a browser where the officer saved a course for offline use: only there do
# pages carry the offline scripts (offlinemode, issue 15). Lesson pages kept per officer
# (learning.pagecache) are kept apart by it.
OFFLINE_COOKIE = "elearning_offline"
# Shared PCs: a session ends when the browser closes, and after this many minutes without a
# request (officers.middleware.IdleSessionMiddleware): learners soon, staff later.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
ELEARNING_SESSION_IDLE_MINUTES = int(env_str("ELEARNING_SESSION_IDLE_MINUTES", "30"))
ELEARNING_STAFF_SESSION_IDLE_MINUTES = int(env_str("ELEARNING_STAFF_SESSION_IDLE_MINUTES", "120"))
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        # The task worker (db_worker) logs a line or two per task at INFO; Wagtail queues one
        # per page published, so a quiet worker by default (its warnings and errors still show).
        "tasks": {
            "class": "logging.StreamHandler",
            "level": env_str("ELEARNING_TASK_LOG_LEVEL", "WARNING"),
        },
    },
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "WARNING")},
    "loggers": {
        name: {"handlers": ["tasks"], "propagate": False}
        for name in ("django_tasks", "django_tasks_db")
    },
}
