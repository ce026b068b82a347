"""Daphne under cProfile in EVERY thread, for finding where a benchmark's server time goes.

`python -m cProfile daphne` sees only the event-loop thread, but Django views run in asgiref's worker threads
and the live hub writes from its own. This wrapper gives each thread its own profiler and, on SIGUSR1
(sent when the measured phase is over), merges them into one pstats file:

    .venv/bin/python tests/load/profiled_daphne.py OUT.prof -e tcp:port=8120:interface=127.0.0.1 config.asgi:application
    .venv/bin/python -c "import pstats; pstats.Stats('OUT.prof').sort_stats('cumulative').print_stats(25)"

Times are each thread's CPU time (time.thread_time), so waiting for PostgreSQL or for the GIL does not count.

live_bench.py --profile OUT.prof does this for its Daphne process and prints the top entries.
"""

import cProfile
import os
import pstats
import signal
import sys
import threading
import time

_profiles: list[cProfile.Profile] = []
_lock = threading.Lock()


def _profile() -> cProfile.Profile:
    # CPU time of the thread, not wall time: on a shared 2-core machine waiting would swamp the picture.
    return cProfile.Profile(time.thread_time)


def _start_in_thread(frame, event, arg):
    profile = _profile()
    with _lock:
        _profiles.append(profile)
    profile.enable()  # replaces this bootstrap hook for the rest of the thread


def _dump(path: str) -> None:
    merged = None
    with _lock:
        profiles = list(_profiles)
    for profile in profiles:
        profile.create_stats()
        if not profile.stats:
            continue
        if merged is None:
            merged = pstats.Stats(profile)
        else:
            merged.add(profile)
    if merged is not None:
        merged.dump_stats(path + ".part")
        os.replace(path + ".part", path)  # complete, or not there at all


def main() -> None:
    out, args = sys.argv[1], sys.argv[2:]
    from daphne.cli import CommandLineInterface

    def dump_now(signum, frame):
        threading.setprofile(None)
        _dump(out)

    signal.signal(signal.SIGUSR1, dump_now)
    threading.setprofile(_start_in_thread)
    main_profile = _profile()
    _profiles.append(main_profile)
    main_profile.enable()
    CommandLineInterface().run(args)


if __name__ == "__main__":
    main()
