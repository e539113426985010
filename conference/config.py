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
# hide_parameters: a database error's text (and SQLAlchemy's log) would otherwise quote the
# values of the statement, children's names among them. The factory keeps it on whatever a
# deployment sets here.
SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True, "hide_parameters": True}
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
# Failed sign-ins (passwords and second-factor codes) allowed in a minute for one account from
# one address, and from one address whatever the accounts; never for an account alone, so that
# nobody can lock a real user out. Counted in the database, shared by every server process.
SIGN_IN_ATTEMPTS_PER_MINUTE = 5
SIGN_IN_ATTEMPTS_PER_ADDRESS_PER_MINUTE = 20
# Wrong second-factor codes for one account, from any address, in 15 minutes: then the code is
# refused for the rest of them (whoever gives them has the password; the user is told to wait).
SECOND_FACTOR_FAILURES_PER_ACCOUNT = 10
# How passwords are hashed (werkzeug's names): scrypt with its default cost. The tests use a
# cheaper scrypt (tests/helpers.py): thousands of sign-ins would otherwise cost minutes.
PASSWORD_HASH_METHOD = "scrypt"  # noqa: S105 (a method's name, not a password)
# Time-based codes from an authenticator app after the password, for accounts that sign in with
# a password. None means: required unless the app runs in debug mode (`make run`'s demo).
REQUIRE_SECOND_FACTOR = None
# The name the authenticator app shows beside the codes.
SECOND_FACTOR_ISSUER = "Child protection conferences"
# How many reverse proxies stand in front of the app (0: clients connect directly). They must
# set X-Forwarded-For, -Proto and -Host; the client's address is then the one they saw.
TRUSTED_PROXIES = 0

# Single sign-on with the council's OpenID Connect identity provider (Entra ID, Google Workspace,
# Okta): its issuer URL, e.g. "https://login.microsoftonline.com/<tenant id>/v2.0"; None means
# off. The provider only proves who someone is: administrators still create users and roles.
OIDC_ISSUER = None
OIDC_CLIENT_ID = None
OIDC_CLIENT_SECRET = None  # a secret: set it in instance/config.py or FLASK_OIDC_CLIENT_SECRET
OIDC_BUTTON_TEXT = "Sign in with your council account"
# Whether email and password sign-in stays open beside single sign-on (it must when OIDC_ISSUER
# is None).
LOCAL_SIGN_IN = True

# HTTP Strict Transport Security: a year, the value browsers' preload lists ask for; 0 sends none.
HSTS_SECONDS = 365 * 24 * 60 * 60

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

# Pictures of the child's work are kept in the database (StoredFile). UPLOAD_FOLDER is read only
# by migration 0011, which moves the pictures of older versions in from that folder (None means
# instance/uploads), and by its downgrade, which writes them back out.
UPLOAD_FOLDER = None
MAX_PICTURE_BYTES = 5 * 1024 * 1024
# A recording of the plan read aloud (issue 19), kept in the database too: 5MB is about 20
# minutes of speech at 32 kbit/s. Within MAX_CONTENT_LENGTH, which refuses anything larger.
MAX_AUDIO_BYTES = 5 * 1024 * 1024
# A translator's XLIFF file of a plan's family-facing text (issue 19): a plan's free text, even
# at its ceilings, with its translation in a script of three bytes a letter, is well under 2MB.
MAX_TRANSLATION_BYTES = 2 * 1024 * 1024
MAX_CONTENT_LENGTH = 6 * 1024 * 1024

# Autosaved drafts (conference/services/drafts.py): purged this many days after they were last
# saved (`flask purge-drafts`, run daily), and at most this many kept by one user.
DRAFTS_KEPT_DAYS = 30
DRAFTS_PER_USER = 100

# Printed documents: a render still running after this many seconds is stopped, and the user
# is told the document is too long to print. Keep it below the server's worker timeout
# (gunicorn's --timeout, 30 s by default). None renders in the server process with no limit.
PDF_TIME_LIMIT_SECONDS = 20

# Work done away from the page that asked for it (conference/common/queue.py): unset, on a
# background thread of each server process; "redis://host:6379/0", by `flask work-jobs` workers.
JOB_QUEUE_URL = None
JOB_QUEUE_NAME = "conference"  # one name for every server and worker of one service
# A finalised record's documents are made in the background as soon as it is finalised, so the
# first download is as quick as the rest.
DOCUMENTS_MADE_AHEAD = True

# Plans: more actions than this in one plan gets a warning (a common local ceiling).
PLAN_ACTIONS_CEILING = 8

# Core groups (docs/domain.md section 2): at most this many weeks apart (many areas say 4).
CORE_GROUP_INTERVAL_WEEKS = 6

# Statutory visits (docs/domain.md section 10): how often, in working days, the lead social
# worker sees each child on a child protection plan, unless the plan sets its own (many areas
# say 10 working days; some 4 weeks, which is 20).
STATUTORY_VISIT_WORKING_DAYS = 10
# Management oversight: a case counts as overseen when a manager recorded supervision on it
# within this many days.
OVERSIGHT_INTERVAL_DAYS = 30
# Reports shared with parents before a conference, in working days.
REPORT_DAYS_BEFORE_INITIAL = 2
REPORT_DAYS_BEFORE_REVIEW = 5

# The Children in Need census: the council's three-digit local authority code (DfE LA number).
LA_CODE = "999"
