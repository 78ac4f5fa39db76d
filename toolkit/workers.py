"""Worker processes that never outlive the command that started them.

`toolkit build` and `toolkit check FILE…` fork a pool of workers. Forked workers share
the pool's pipes with their parent, so when the parent is killed outright (SIGKILL, the
out-of-memory killer) no end-of-file ever reaches them: they would sleep forever, each
holding a few hundred megabytes. Each worker therefore watches its parent and exits when
it is gone.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor

#: How often a worker looks whether its parent is still there, in seconds.
WATCH_INTERVAL = 0.5


def _exit_with(parent: int) -> None:
    """In a worker: exit as soon as ``parent`` is no longer this process's parent (it
    died, and the worker was handed to another process)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(WATCH_INTERVAL)
        os._exit(1)  # nothing of the worker's is worth finishing: its caller is gone

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def forked_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` forked processes, each of which exits when this one dies."""
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_exit_with,
        initargs=(os.getpid(),),
    )
