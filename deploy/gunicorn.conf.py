"""gunicorn's settings for each app server (deploy/systemd/conference-app@.service):

    gunicorn --config deploy/gunicorn.conf.py --bind 127.0.0.1:8001

The environment (deploy/conference.env.example) holds the app's own settings.
"""

import os
from pathlib import Path

# Printing reads its templates and fonts relative to the project folder: started anywhere
# else, every print starts cold (README, "Limits").
chdir = str(Path(__file__).resolve().parents[1])
wsgi_app = "wsgi:app"

# Sync workers, one or two per core: the work is CPU-bound Python, and threads made every page
# slower on two cores (bench/README.md, "Load"). Set GUNICORN_WORKERS for a bigger machine.
worker_class = "sync"
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))

# Above the app's PDF_TIME_LIMIT_SECONDS (20): a document that takes too long is stopped by the
# app, which says so, before gunicorn kills the worker (and nginx waits 60 s, longer still).
timeout = 30
graceful_timeout = 30

# Nothing the service writes is readable by other users (README, "Set up and start").
umask = 0o077

# gunicorn's control socket is one path per user ($HOME/.gunicorn/gunicorn.ctl): a second app
# server on the machine would take it over from the first. Nothing here uses it.
control_socket_disable = True

# To the journal. Addresses hold only ids and random keys, never a name (README, "What the
# service keeps out of logs and files"); the client's address is in nginx's log.
accesslog = "-"
errorlog = "-"
