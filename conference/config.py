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
# A response sent with writes not committed: True raises, False logs a warning; None (the
# default) raises when TESTING (conference/common/database.py).
UNCOMMITTED_WRITES_FAIL = None

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

# Scaling (docs/domain.md section 3): the wording differs between areas. Each score stores the
# wording and polarity it was given under, so changing these never changes the meaning of old
# scores.
SCALING_QUESTION = (
    "On a scale of 0 to 10, where 10 means everyone agrees the children are safe enough for the "
    "child protection plan to end, and 0 means things are so bad that the children cannot stay "
    "at home, where are things today?"
)
SCALING_ZERO_MEANS = "Things are so bad that the children cannot stay at home"
SCALING_TEN_MEANS = "Everyone agrees the children are safe enough for the plan to end"
SCALING_POLARITY = "safe_at_10"  # or "risk_at_10", where 10 means the highest risk

# The age from which advocacy must be offered to a child (Havering 12; other areas 10 or 5).
ADVOCACY_AGE = 12

# Pictures of the child's work: stored here, outside static/, and served only to those who may
# see the case. None means instance/uploads.
UPLOAD_FOLDER = None
MAX_PICTURE_BYTES = 5 * 1024 * 1024
MAX_CONTENT_LENGTH = 6 * 1024 * 1024

# Plans: more actions than this in one plan gets a warning (a common local ceiling).
PLAN_ACTIONS_CEILING = 8

# Core groups (docs/domain.md section 2): at most this many weeks apart (many areas say 4).
CORE_GROUP_INTERVAL_WEEKS = 6
# Reports shared with parents before a conference, in working days.
REPORT_DAYS_BEFORE_INITIAL = 2
REPORT_DAYS_BEFORE_REVIEW = 5

# The Children in Need census: the council's three-digit local authority code (DfE LA number).
LA_CODE = "999"
