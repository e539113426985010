"""Configuration defaults. No secrets here: deployments override in `instance/config.py` or with
`FLASK_`-prefixed environment variables (see the README)."""

from datetime import timedelta

COUNCIL_NAME = "Demo Borough Council"
SERVICE_NAME = "Child protection conferences"
PHASE = "Beta"
PHASE_BANNER_HTML = (
    'This is a new service. <a class="govuk-link" href="mailto:feedback@example.org">'
    "Tell us what you think</a> so we can improve it."
)

# The SQLite file in instance/ is filled in by the factory; DATABASE_URL switches to PostgreSQL.
SQLALCHEMY_DATABASE_URI = None
SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

# Sign-in and sessions.
IDLE_TIMEOUT = timedelta(minutes=30)
PERMANENT_SESSION_LIFETIME = IDLE_TIMEOUT
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = None  # None means: Secure unless the app runs in debug mode.
REMEMBER_COOKIE_DURATION = timedelta(0)
SIGN_IN_ATTEMPTS_PER_MINUTE = 5

# Flask-Limiter. Several server processes must share a store: use Redis in production.
RATELIMIT_STORAGE_URI = "memory://"
RATELIMIT_HEADERS_ENABLED = False

WTF_CSRF_TIME_LIMIT = None  # The token lives as long as the (idle-limited) session.
