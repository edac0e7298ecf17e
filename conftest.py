"""Settings for the whole test run: the tests under tests/ and the docstring examples in src/dyad.

Built knowledge and lexicons go to a cache folder of the run's own (unless DYAD_CACHE_DIR is
given), so a test run never reads, fills or evicts the user's cache (README, "Start-up cache");
the CLI tests' subprocesses inherit it.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

if "DYAD_CACHE_DIR" not in os.environ:
    os.environ["DYAD_CACHE_DIR"] = _cache = tempfile.mkdtemp(prefix="dyad-test-cache-")
    atexit.register(shutil.rmtree, _cache, ignore_errors=True)
