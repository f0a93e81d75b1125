"""Settings, read from the environment with safe local defaults.

WENMING_ENV=production switches to the hardened mode that passes ``wenming check --deploy``; it
requires SECRET_KEY, ALLOWED_HOSTS and REDIS_URL to be set and refuses to start without them.
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from wenming.core.env import (
    database_from_env,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent
# Runtime data (SQLite file, uploads, collected static) lives outside the package.
DATA_DIR = Path(env_str("WENMING_DATA_DIR", str(Path.cwd() / "var")))

WENMING_ENV = env_choice("WENMING_ENV", "development", ("development", "production", "test"))
PRODUCTION = WENMING_ENV == "production"

DEBUG = env_bool("DEBUG", not PRODUCTION)
if PRODUCTION and DEBUG:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("生产模式下 DEBUG 必须为 false (DEBUG must be false when WENMING_ENV=production)")

SECRET_KEY = env_str("SECRET_KEY", required=PRODUCTION) or "dev-only-not-secret-wenming-local-key-0123456789abcdef"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
if PRODUCTION and not ALLOWED_HOSTS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("生产模式需要设置 ALLOWED_HOSTS (ALLOWED_HOSTS is required in production)")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "wenming.core",
    "wenming.orgs",
    "wenming.people",
    "wenming.journal",
    "wenming.participation",
    "wenming.media",
    "wenming.points",
    "wenming.assessment",
    "wenming.honors",
    "wenming.wechat",
    "wenming.netcivility",
    "wenming.briefings",
    "wenming.volunteering",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "wenming.core.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

if PRODUCTION:
    # Static files served by the app servers themselves, compressed and cache-busted.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "wenming.urls"
WSGI_APPLICATION = "wenming.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wenming.core.context_processors.platform",
                "wenming.core.context_processors.console_nav",
            ],
        },
    }
]

DATABASES = {"default": database_from_env("DATABASE_URL", f"sqlite:///{DATA_DIR / 'wenming.sqlite3'}")}
if not env_str("DATABASE_URL"):
    DATA_DIR.mkdir(parents=True, exist_ok=True)
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Many readers, one writer: WAL and a busy timeout keep the demo server responsive.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update({"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"})
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Django's cursors bind on the client and are never prepared; this only lets the few
    # server-bound statements of wenming.core.db.hot_cursor (the popular vote) be prepared.
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 5
DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_DATABASE_NAME")} if env_str("TEST_DATABASE_NAME") else {}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL", required=PRODUCTION)
if REDIS_URL:
    if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"环境变量 REDIS_URL 格式错误 (malformed REDIS_URL): {REDIS_URL!r}")
    CACHES = {"default": {"BACKEND": "wenming.core.cache.RedisCache", "LOCATION": REDIS_URL}}
else:
    # Local default only: one process, nothing shared. Production requires REDIS_URL.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "wenming"}}

AUTH_USER_MODEL = "people.User"
LOGIN_URL = "people:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/uploads/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Upload limits (bytes). Per-feature limits live in WENMING below; these cap any request body.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Platform parameters an operator may tune; each feature reads its own key.
WENMING = {
    "PLATFORM_NAME": env_str("WENMING_PLATFORM_NAME", "溧阳掌上道德讲堂"),
    "IMAGE_MAX_BYTES": env_int("WENMING_IMAGE_MAX_BYTES", 5 * 1024 * 1024, minimum=1),
    "VIDEO_MAX_BYTES": env_int("WENMING_VIDEO_MAX_BYTES", 50 * 1024 * 1024, minimum=1),
    "AUDIO_MAX_BYTES": env_int("WENMING_AUDIO_MAX_BYTES", 20 * 1024 * 1024, minimum=1),
    # Assessment materials (plans, lesson plans, papers): PDF, Word, JPG or PNG.
    "DOCUMENT_MAX_BYTES": env_int("WENMING_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024, minimum=1),
    # Demo password login for citizens is for non-production only (votes need a verified person).
    "DEMO_LOGIN": env_bool("WENMING_DEMO_LOGIN", not PRODUCTION),
    # Participation: a comment counts when it has this many characters of real text; this many
    # open reports hide an item until an editor reviews it.
    "COMMENT_VALID_MIN_CHARS": env_int("WENMING_COMMENT_VALID_MIN_CHARS", 5, minimum=1),
    "FLAGS_TO_HIDE": env_int("WENMING_FLAGS_TO_HIDE", 3, minimum=1),
    # Honors voting: votes allowed per person and per IP address in any one minute (kept in the cache).
    "VOTE_RATE_PER_PERSON": env_int("WENMING_VOTE_RATE_PER_PERSON", 30, minimum=1),
    "VOTE_RATE_PER_IP": env_int("WENMING_VOTE_RATE_PER_IP", 600, minimum=1),
    # Proxies in front of the app servers that append to X-Forwarded-For (0: use the socket address).
    "VOTE_PROXY_COUNT": env_int("WENMING_VOTE_PROXY_COUNT", 0, minimum=0),
    # Dotted path of the SMS sender for phone confirmation; empty shows the code outside production.
    "SMS_SENDER": env_str("WENMING_SMS_SENDER", ""),
}

WECHAT = {
    "APP_ID": env_str("WECHAT_APP_ID", ""),
    "APP_SECRET": env_str("WECHAT_APP_SECRET", ""),
    "TOKEN": env_str("WECHAT_TOKEN", ""),
    "ENCODING_AES_KEY": env_str("WECHAT_ENCODING_AES_KEY", ""),
    # Tests point the client at a local fake server; production leaves this empty.
    "API_BASE_URL": env_str("WECHAT_API_BASE_URL", ""),
}

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # HTMX reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"

# --- Uploads: storage, serving, and the input guard ----------------------------------------------
# Uploaded files live behind Django's storage API: the local disk (MEDIA_ROOT) by default, an
# S3-compatible bucket with WENMING_STORAGE=s3. No folder of them is ever public: every link is a
# signed, expiring /files/<token>/ URL made by the |file_url filter, and private files (nomination
# evidence, assessment materials) are also checked against the viewer's permissions. docs/uploads.md.
WENMING_STORAGE = env_choice("WENMING_STORAGE", "filesystem", ("filesystem", "s3"))
# Both storages' url() is the signed link, so every .url (the admin's too) is checked alike.
STORAGES["default"] = {"BACKEND": "wenming.core.storage.FileSystemStorage"}
if WENMING_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "wenming.core.storage_s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("S3_BUCKET", required=True),
            # Empty for AWS itself; the endpoint of MinIO, OSS, COS... otherwise.
            "endpoint_url": env_str("S3_ENDPOINT_URL"),
            "region_name": env_str("S3_REGION"),
            # Empty: boto3 finds credentials itself (instance role, ~/.aws, AWS_* variables).
            "access_key": env_str("S3_ACCESS_KEY_ID"),
            "secret_key": env_str("S3_SECRET_ACCESS_KEY"),
            "location": env_str("S3_PREFIX", ""),
            # No ACL is sent: the bucket stays private and the app streams every file itself.
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
# How long a file link stays valid, in seconds (links are re-signed on every page view).
WENMING["FILE_URL_MAX_AGE"] = env_int("WENMING_FILE_URL_MAX_AGE", 6 * 3600, minimum=60)
# NUL and lone surrogates in a path, a query or a form answer 400 before any view sees them.
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "wenming.core.guard.InputGuardMiddleware")
# --- end of uploads block --------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# --- Login throttling and lockout (django-axes) ------------------------------------------------------
# Every password login, the Django admin's included, goes through the axes backend: failures are
# counted per account and per address (two separate counts, either one locks), and a lockout ends
# by itself after the cool-off. Failures during a lockout start the cool-off again, so a guesser
# that keeps trying stays out. Counts live in the database (shared by every app server).
from datetime import timedelta  # noqa: E402

INSTALLED_APPS += ["axes"]
AUTHENTICATION_BACKENDS = [
    "wenming.people.backends.ThrottledLoginBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("WENMING_LOGIN_FAILURE_LIMIT", 10, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("WENMING_LOGIN_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "wenming.core.net.client_ip"
# The attempt rows keep the name in a 255-character column: over-long names are cut (no account has one).
AXES_USERNAME_CALLABLE = "wenming.people.backends.attempted_username"
AXES_LOCKOUT_CALLABLE = "wenming.people.views.locked_out"
# Successful logins are not logged row by row (the audit journal and sessions say enough).
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# --- Second factor for staff (django-otp, TOTP) ------------------------------------------------------
# A person who has confirmed an authenticator app is asked for its code at every login; with
# WENMING_STAFF_OTP_REQUIRED (on by default in production) staff without one must enrol first.
# django-otp's own middleware is not used: it sets ``user.is_verified``, which our User already
# has as a property (a verified phone or WeChat identity); people.middleware does the gating.
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp"]
MIDDLEWARE += ["wenming.people.middleware.SecondFactorMiddleware"]
OTP_TOTP_ISSUER = WENMING["PLATFORM_NAME"]
WENMING["STAFF_OTP_REQUIRED"] = env_bool("WENMING_STAFF_OTP_REQUIRED", PRODUCTION)

# --- Content-Security-Policy (django-csp 4) ----------------------------------------------------------
# No inline script anywhere: every script is a static file of ours (htmx, the WeChat JS-SDK and the
# page scripts are vendored, no CDN). Violations are posted to our own endpoint and logged.
# WeChat's JS-SDK sends one statistics beacon as an image to open.weixin.qq.com inside WeChat.
# WENMING_CSP_MEDIA_ORIGINS adds the origins uploads are served from (S3-compatible storage).
from csp.constants import NONE, SELF  # noqa: E402

_CSP_MEDIA = env_list("WENMING_CSP_MEDIA_ORIGINS", [])
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "https://open.weixin.qq.com", *_CSP_MEDIA],
        "media-src": [SELF, *_CSP_MEDIA],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "report-uri": "/csp-report/",
    },
}
MIDDLEWARE += ["wenming.core.middleware.ContentSecurityPolicyMiddleware"]
WENMING["CSP_REPORT_MAX_BYTES"] = 16 * 1024
WENMING["CSP_REPORTS_PER_MINUTE"] = env_int("WENMING_CSP_REPORTS_PER_MINUTE", 60, minimum=1)

# Axes wants its middleware last, after every other one (it turns a lockout into the response).
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
