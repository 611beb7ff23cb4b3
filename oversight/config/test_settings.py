"""Settings for the test suite: a throwaway home and key, fast password hashing."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("OVERSIGHT_HOME", tempfile.mkdtemp(prefix="oversight-test-"))

from oversight.config.settings import *  # noqa: F403
from oversight.config.settings import STATIC_ROOT

STATIC_ROOT.mkdir(exist_ok=True)

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Tests build packs in place: a background thread would not see the test's transaction.
PACK_BUILDS = "inline"
