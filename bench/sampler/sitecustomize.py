"""A poor man's sampling profiler for the bench's server workers (no py-spy on the machine).

Put this folder on ``PYTHONPATH`` and set ``PAC_BENCH_SAMPLE=DIR``: every Python process started so (the
`pac-server serve` supervisor and its workers) samples the stacks of all its threads every 2 ms and writes
``DIR/<pid>.txt`` (every 5 s and at exit): per function, the share of busy samples where it is on the stack
(cumulative) and on top (self). Threads waiting (selectors, locks, queues) are not counted as busy.
"""

import os

if os.environ.get("PAC_BENCH_SAMPLE"):
    import atexit
    import collections
    import sys
    import threading
    import time

    _OUT = os.environ["PAC_BENCH_SAMPLE"]
    _IDLE = ("select", "poll", "wait", "_worker", "get", "accept", "epoll", "run_forever", "_run_once", "sleep",
             "acquire", "recv_into", "readinto")
    _cum: collections.Counter = collections.Counter()
    _self: collections.Counter = collections.Counter()
    _busy = [0]

    def _name(code) -> str:  # noqa: ANN001
        return f"{code.co_filename.rsplit('site-packages/', 1)[-1].rsplit('scale16/', 1)[-1]}:{code.co_name}"

    def _dump() -> None:
        total = max(_busy[0], 1)
        lines = [f"busy samples {_busy[0]}", "== cumulative"]
        lines += [f"{n / total:6.1%} {name}" for name, n in _cum.most_common(120)]
        lines += ["== self"] + [f"{n / total:6.1%} {name}" for name, n in _self.most_common(80)]
        with open(os.path.join(_OUT, f"{os.getpid()}.txt"), "w") as f:
            f.write("\n".join(lines) + "\n")

    def _sample() -> None:
        me = threading.get_ident()
        last = time.monotonic()
        while True:
            time.sleep(0.002)
            for ident, frame in sys._current_frames().items():
                if ident == me:
                    continue
                top = frame.f_code.co_name
                if top in _IDLE:
                    continue
                _busy[0] += 1
                _self[_name(frame.f_code)] += 1
                seen = set()
                while frame is not None:
                    name = _name(frame.f_code)
                    if name not in seen:
                        seen.add(name)
                        _cum[name] += 1
                    frame = frame.f_back
            if time.monotonic() - last > 5:
                last = time.monotonic()
                _dump()

    threading.Thread(target=_sample, daemon=True, name="bench-sampler").start()
    atexit.register(_dump)

if os.environ.get("PAC_BENCH_PROFILE"):
    # Timing of the write transaction (waiting for the clock lock, holding it, the COMMIT) and a cProfile of
    # core.push / core.pull calls in the thread that runs them, written to DIR/<pid>.prof and DIR/<pid>.times.
    import atexit
    import contextlib
    import cProfile
    import functools
    import pstats
    import threading
    import time

    _DIR = os.environ["PAC_BENCH_PROFILE"]
    _stats: list = []
    _times: dict = {"lock_wait": [], "locked": [], "commit": [], "push": [], "pull": []}
    _lock = threading.Lock()

    from pac_desktop.server import core as _core
    from pac_desktop.server import db as _db

    _original_wt = _db.write_transaction

    @contextlib.contextmanager
    def _timed_write_transaction(engine):  # noqa: ANN001, ANN202
        t0 = time.perf_counter()
        cm = _original_wt(engine)
        conn = cm.__enter__()
        t1 = time.perf_counter()
        try:
            yield conn
        except BaseException:
            cm.__exit__(*sys.exc_info())
            raise
        t2 = time.perf_counter()
        cm.__exit__(None, None, None)
        t3 = time.perf_counter()
        with _lock:
            _times["lock_wait"].append(t1 - t0)
            _times["locked"].append(t2 - t1)
            _times["commit"].append(t3 - t2)

    import sys

    _db.write_transaction = _timed_write_transaction

    def _profiled(name, fn):  # noqa: ANN001, ANN202
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            prof = cProfile.Profile(time.thread_time)
            t0 = time.perf_counter()
            prof.enable()
            try:
                return fn(*args, **kwargs)
            finally:
                prof.disable()
                with _lock:
                    _times[name].append(time.perf_counter() - t0)
                    _stats.append(prof)
        return wrapper

    def _watch() -> None:  # the bench touches DIR/dump when the run is over: write the files then
        while not os.path.exists(os.path.join(_DIR, "dump")):
            time.sleep(0.5)
        _dump_profile()

    threading.Thread(target=_watch, daemon=True, name="bench-profile").start()

    if os.environ.get("PAC_BENCH_PROFILE_ALL"):  # every thread profiled, from its start (the event loop too)
        _main_prof = cProfile.Profile(time.thread_time)
        _stats.append(_main_prof)
        _main_prof.enable()
        _run = threading.Thread.run

        def _profiled_run(self):  # noqa: ANN001, ANN202
            if self.name.startswith("bench-"):
                return _run(self)
            prof = cProfile.Profile(time.thread_time)
            with _lock:
                _stats.append(prof)
            prof.enable()
            try:
                return _run(self)
            finally:
                prof.disable()

        threading.Thread.run = _profiled_run
        from anyio._backends import _asyncio as _anyio_asyncio

        _wrun = _anyio_asyncio.WorkerThread.run

        def _profiled_wrun(self):  # noqa: ANN001, ANN202
            prof = cProfile.Profile(time.thread_time)
            with _lock:
                _stats.append(prof)
            prof.enable()
            try:
                return _wrun(self)
            finally:
                prof.disable()

        _anyio_asyncio.WorkerThread.run = _profiled_wrun
    else:
        _core.push = _profiled("push", _core.push)
        _core.pull = _profiled("pull", _core.pull)

    def _dump_profile() -> None:
        with _lock:
            profiles = list(_stats)
        if not profiles:
            return
        for p in profiles:
            try:
                p.create_stats()
            except Exception:  # noqa: BLE001
                pass
        st = pstats.Stats(profiles[0])
        for p in profiles[1:]:
            st.add(p)
        st.dump_stats(os.path.join(_DIR, f"{os.getpid()}.prof"))
        with open(os.path.join(_DIR, f"{os.getpid()}.times"), "w") as f:
            for k, v in _times.items():
                if v:
                    v = sorted(v)
                    f.write(f"{k}: n={len(v)} sum={sum(v):.2f}s p50={v[len(v)//2]*1000:.1f}ms "
                            f"p95={v[int(len(v)*0.95)]*1000:.1f}ms max={v[-1]*1000:.1f}ms\n")

    atexit.register(_dump_profile)
