"""Settings for Bình dân học vụ số, read from the environment.

With nothing set, the site runs as the demo: SQLite, Channels' in-memory layer and a local-memory cache in
one Daphne process. `DATABASE_URL` and `REDIS_URL` switch to PostgreSQL and Redis. `DJANGO_ENV=production`
refuses to start with DEBUG on or without SECRET_KEY and turns on every deploy safeguard.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
if DJANGO_ENV not in {"development", "production"}:
    raise ImproperlyConfigured("DJANGO_ENV phải là 'development' hoặc 'production'.")
PRODUCTION = DJANGO_ENV == "production"

DEBUG = env.bool("DJANGO_DEBUG", default=False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("Không được bật DJANGO_DEBUG khi DJANGO_ENV=production.")

if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY", default="")
    if not SECRET_KEY:
        raise ImproperlyConfigured("Thiếu SECRET_KEY: chế độ production không chạy với khoá mặc định.")
else:
    # Demo only: production refuses to start without its own key.
    SECRET_KEY = env.str("SECRET_KEY", default="demo-only-key-2f9c8e1a7b6d4c3e9f0a1b2c3d4e5f60718293a4b5c6d7e8f9")

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "daphne",  # first, so `runserver` is Daphne's and serves WebSockets too
    "places",
    "learners",
    "courses",
    "livesessions",
    "quizzes",
    "reach",
    "operations",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "channels",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise: pages get the Content-Security-Policy, static files do not need one.
    "places.middleware.SiteCSPMiddleware",
    # Pages to phones on 3G go gzipped (WhiteNoise serves static files pre-compressed). Django masks CSRF
    # tokens per response, which is what BREACH needs against compressed pages.
    "config.middleware.TextGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "places.middleware.StaffIdleTimeoutMiddleware",
    "places.middleware.TwoFactorMiddleware",
    "places.audit.AuditActorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "learners.middleware.LearnerMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: turns a lockout into its page
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

ASGI_APPLICATION = "config.asgi.application"
WSGI_APPLICATION = None

# --- Database: SQLite for the demo, PostgreSQL when DATABASE_URL is set -------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the one demo process read while it writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
else:
    # Under ASGI each request runs in a thread of its own, so persistent connections are never reused (one
    # new PostgreSQL connection per request, the old ones left open): a bounded pool per process instead.
    # A crowd of phones then waits for a connection rather than exhausting PostgreSQL's max_connections.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # After PostgreSQL restarts every pooled connection is dead: the pool tests each one as it hands it out,
    # instead of each failing one request first (the failure drills recovered seconds later without it).
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("DB_POOL_MIN", default=2),
        "max_size": env.int("DB_POOL_MAX", default=16),
        "timeout": env.int("DB_POOL_TIMEOUT", default=10),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: channel layer and cache when REDIS_URL is set, in-memory otherwise -----------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [
                    {
                        "address": REDIS_URL,
                        # redis-py 8's 5 s read timeout equals the layer's 5 s blocking read and closes
                        # idle sockets; no read timeout here, the layer bounds its own reads.
                        "socket_timeout": None,
                        "max_connections": env.int("REDIS_MAX_CONNECTIONS", default=1000),
                    }
                ],
            },
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "bdhvs",
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Auth --------------------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out username+address before the password
    "django.contrib.auth.backends.ModelBackend",
]

# Staff sessions end after this many seconds without a request (places.middleware.StaffIdleTimeoutMiddleware,
# with a message); the server-side session lasts a little longer so that message is what staff see.
# Learners have no session: a signed cookie identifies them.
STAFF_IDLE_TIMEOUT = env.int("STAFF_IDLE_TIMEOUT", default=30 * 60)
SESSION_COOKIE_AGE = STAFF_IDLE_TIMEOUT + 5 * 60

# Login throttling (django-axes): 5 failures for one username from one address lock that pair for 15 minutes;
# a wrong two-factor code counts as a failure too. Behind a proxy, Daphne must pass the client's address
# (--proxy-headers) or every staff member would share the proxy's.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "places.middleware.staff_lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "otp_token"]

# Two-factor sign-in (django-otp, TOTP): the name a code app shows beside the account.
OTP_TOTP_ISSUER = "Bình dân học vụ số"

# --- Language and time: Vietnamese first ----------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- Static and media ----------------------------------------------------------------------------------
STATIC_URL = "/static/"
# Only production collects static files; the demo serves them from the source folders (WhiteNoise finders).
STATIC_ROOT = BASE_DIR / "staticfiles" if PRODUCTION else None
STATICFILES_DIRS = [BASE_DIR / "site" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
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
# The demo serves static files straight from the source folders, so no collectstatic is needed.
WHITENOISE_USE_FINDERS = not PRODUCTION
# Demo: Daphne serves uploaded media too; production leaves that to the reverse proxy.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=not PRODUCTION)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Wagtail -------------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Bình dân học vụ số"
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_USER_LOGIN_FORM = "config.forms.StaffLoginForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
# No Gravatar: it would send staff e-mail hashes to a third party, and the CSP allows our own images only.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Learners: identity by a signed long-lived cookie ---------------------------------------------------
LEARNER_COOKIE_NAME = "bdhvs_hocvien"
LEARNER_COOKIE_MAX_AGE = 2 * 365 * 24 * 3600
# The privacy notice promises it and `learners_anonymise_inactive` applies it.
LEARNER_RETENTION_MONTHS = env.int("LEARNER_RETENTION_MONTHS", default=24)

# --- Security ------------------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views opt back in to SAMEORIGIN themselves
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp 4): only our own scripts, no inline script anywhere on the public site
# (site/static/js/ holds what used to be inline). 'self' in connect-src also covers ws:/wss: to this host
# (CSP Level 3). The admin gets the same policy with CSP_ADMIN_OVERRIDES (places.middleware.SiteCSPMiddleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "media-src": [SELF],
        "manifest-src": [SELF],
        "worker-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Wagtail's admin, measured in Chromium (tests/security/test_csp_browser.py), needs three things more:
# - script-src 'unsafe-inline': Wagtail 8's date/time widgets and inline panels (the page editor, the class
#   scheduling form) write a small inline <script> per widget, and its chooser modals insert HTML with
#   scripts through jQuery; none carries a nonce. Still no 'unsafe-eval', and only staff reach these pages.
# - style-src 'unsafe-inline': the editor and its widgets set style attributes.
# - frame-ancestors 'self': the page editor shows the page's preview in a frame of the admin itself.
# img-src adds blob: for the preview of a picture being uploaded.
CSP_ADMIN_OVERRIDES = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "frame-ancestors": [SELF],
}
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# No names, phones, point tokens or cookies in any log line or error report (config/logging.py).
LOGGING_CONFIG = "config.logging.configure"
DEFAULT_EXCEPTION_REPORTER = "config.logging.PersonalDataExceptionReporter"
DEFAULT_EXCEPTION_REPORTER_FILTER = "config.logging.PersonalDataReporterFilter"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"personal_data": {"()": "config.logging.RedactPersonalData"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["personal_data"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Access lines carry paths only; point tokens travel in URL fragments, which browsers never send.
        "daphne": {"level": "WARNING"},
        # Wagtail's background tasks run inline here and would log two lines per saved object.
        "django_tasks": {"level": "WARNING"},
    },
}

SHORT_DATETIME_FORMAT = "d/m/Y H:i"
PRIVACY_CONTACT = env.str("PRIVACY_CONTACT", default="Ban Thường vụ Tỉnh đoàn (đơn vị vận hành trang)")
