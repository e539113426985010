"""Hypothesis settings for the property-based tests. `HYPOTHESIS_PROFILE=ci` tries 200 examples
of each property (CI sets it for its SQLite run); `ci-again` tries 50, for CI's second run of the
same suite on PostgreSQL (the forms' validation is the same code on both databases, and the run
must stay well inside CI's time); the default, for a run on a laptop, tries 25."""

import os

from hypothesis import HealthCheck, settings

_SHARED = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    # No example database in the working tree: a failure prints the example to reproduce it.
    "database": None,
}
settings.register_profile("dev", max_examples=25, **_SHARED)
settings.register_profile("ci", max_examples=200, **_SHARED)
settings.register_profile("ci-again", max_examples=50, **_SHARED)

PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
