"""The app as the browser tests see it: built from the test configuration and served by gunicorn
in its own process (`gunicorn 'serve:app()'`), on the database named by TEST_DATABASE_URI."""

import os

from helpers import hold_today, make_config

from conference import create_app


def app():
    hold_today()
    return create_app(make_config(os.environ["TEST_DATABASE_URI"]))
