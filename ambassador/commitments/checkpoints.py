"""Named points inside background jobs where a test can stop a run, e.g. to kill its worker there.

A checkpoint does nothing unless the ``AMBASSADOR_JOB_CHECKPOINT_DIR`` setting names a directory;
only the test settings read it (from the environment), so production runs never pause. When set,
``checkpoint("name")`` appends the process id to ``<dir>/name.reached`` and then waits while
``<dir>/name.hold`` exists, for at most ``AMBASSADOR_JOB_CHECKPOINT_TIMEOUT`` seconds (default 60),
so a test that forgets the hold file slows a job down but never hangs it.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from django.conf import settings


def _directory() -> Path | None:
    directory = getattr(settings, "AMBASSADOR_JOB_CHECKPOINT_DIR", None)
    return Path(directory) if directory else None


def checkpoint(name: str) -> None:
    """Records that the job reached ``name`` and pauses while a test holds it there."""
    directory = _directory()
    if directory is None:
        return
    with (directory / f"{name}.reached").open("a") as reached:
        reached.write(f"{os.getpid()}\n")
    hold = directory / f"{name}.hold"
    deadline = time.monotonic() + getattr(settings, "AMBASSADOR_JOB_CHECKPOINT_TIMEOUT", 60)
    while hold.exists() and time.monotonic() < deadline:
        time.sleep(0.05)


def times_reached(directory: Path, name: str) -> list[int]:
    """Process ids that reached the checkpoint, in order (for tests)."""
    path = Path(directory) / f"{name}.reached"
    return [int(line) for line in path.read_text().split()] if path.exists() else []
