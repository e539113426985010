"""Hypothesis settings for the property-based tests. `HYPOTHESIS_PROFILE=ci` tries 100 examples
of each property (CI sets it for its SQLite run); `ci-again` tries 50, for CI's second run of the
same suite on PostgreSQL (the forms' validation is the same code on both databases); the default,
for a run on a laptop, tries 25. With some 60 forms, 200 examples each took about half of the
SQLite run: CI must stay well inside its time."""

import os

from hypothesis import HealthCheck, settings

_SHARED = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    # No example database in the working tree: a failure prints the example to reproduce it.
    "database": None,
}
settings.register_profile("dev", max_examples=25, **_SHARED)
settings.register_profile("ci", max_examples=100, **_SHARED)
settings.register_profile("ci-again", max_examples=50, **_SHARED)

PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
