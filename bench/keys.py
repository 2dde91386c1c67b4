"""Time the dashboard's keys while many feeds are polled (issue 12: p95 < 100 ms, max < 150).

A real HTTP server on 127.0.0.1 serves 40 RSS 2.0 feeds of 20 items each, every reply slow
(its body streamed over 0.5-2.5 s). The real app polls them (its scheduler, then "r" for every
source now) with the seeds folder, on a fresh database, headless at 120x40. Meanwhile a
thread, standing in for the terminal's input thread, sends one key every 0.2-0.5 s ("1"/"2",
"down", "c", "o", ...) and waits until the app has handled it and repainted, until every
feed has been polled.

How a key is timed: `pilot.press` is not used, because after sending the key it waits for the
*process* to be idle (Textual's `wait_for_idle` compares CPU time with wall time, in 20 ms
sleeps, up to 1 s), and the polls' threads keep the process busy, so it measures the polls, not
the key. Instead the key event is posted from another thread exactly as the driver's input
thread does (`driver.send_message`), so a blocked event loop delays it as it would a real key.
The clock starts there and stops at the first frame (`App._display`, where Textual hands a
frame to the terminal) by which every widget the key's action asked to refresh has been
painted again, so an unrelated frame in between does not stop it. Headless, each frame is also
rendered to its terminal text here, as a real terminal would need.

`--profile` also samples the event loop's thread whenever it has not turned for 50 ms and
names the code it was running; `--asyncio-debug` turns on asyncio's slow-callback log (debug
mode, which slows every future down by taking a stack at its creation).

Ends with one line: `key_ms_p50=X key_ms_p95=Y key_ms_max=Z polls_during=N`.
"""

from __future__ import annotations

import asyncio
import collections
import logging
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

FEEDS = 40
ITEMS = 20
KEYS = ["1", "down", "2", "c", "1", "o", "2", "down", "1", "up", "2", "l"]
SAMPLES = 60  # at most; keys stop when every feed has been polled and none is in flight
GAP_S = (0.2, 0.5)  # between keys
KEY_TIMEOUT_S = 2.0
DEADLINE_S = 85.0  # the whole run; a watchdog ends it past this
STALL_S = 0.05  # --profile: a loop that has not turned for this long is blocked

CLAIMS = [
    ("Foro Penal says {n} political prisoners remain in custody in {place}", "held"),
    ("{n} political prisoners are still held in {place}, according to Foro Penal", "held"),
    ("Justicia, Encuentro y Perdón counts {n} political prisoners in {place}", "held"),
    ("The government says {n} political prisoners have been released in {place}", "released"),
    ("Interior minister says {n} prisoners were freed under the amnesty in {place}", "released"),
    ("Foro Penal has verified {n} releases of political prisoners in {place} since January", ""),
    ("Rights groups report {n} new arrests of political prisoners in {place}", "arrested"),
]
PLACES = ["Venezuela"] * 5 + ["Nicaragua", "Cuba"]
MONTHS = ["Jan", "Feb"]


# -- the feeds -------------------------------------------------------------------------------


def feed_body(feed: int, port: int) -> bytes:
    rng = random.Random(feed)
    items = []
    for item in range(ITEMS):
        template, _metric = rng.choice(CLAIMS)
        place = rng.choice(PLACES)
        base = {"Venezuela": 640, "Nicaragua": 73, "Cuba": 1000}[place]
        n = max(1, base + rng.randint(-200, 200))
        title = template.format(n=n, place=place)
        day = rng.randint(1, 28)
        month = rng.choice(MONTHS)
        description = (
            f"{title}. The figure was given on {day} {month} 2026; relatives waited outside the"
            f" prisons. Earlier counts put the total at {n + rng.randint(5, 90)}."
        )
        link = f"http://127.0.0.1:{port}/news/{feed}/{item}"
        items.append(
            f"<item><guid>{link}</guid><title>{escape(title)}</title><link>{link}</link>"
            f"<description>{escape(description)}</description>"
            f"<pubDate>Mon, {day:02d} {month} 2026 {rng.randint(6, 20):02d}:00:00 GMT</pubDate>"
            "</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Feed {feed}</title><link>http://127.0.0.1:{port}/</link>"
        f"<description>News</description>{''.join(items)}</channel></rss>"
    ).encode()


class FeedServer:
    """40 slow feeds on 127.0.0.1; counts requests served and open."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.active = 0
        self.most_active = 0
        self.served = 0
        self.http = _Server(("127.0.0.1", 0), _handler(self))
        self.port = self.http.server_address[1]
        self.bodies = {f"/feed/{n:02d}.xml": feed_body(n, self.port) for n in range(FEEDS)}
        self.thread = threading.Thread(target=self.http.serve_forever, args=(0.05,), daemon=True)

    def url(self, feed: int) -> str:
        return f"http://127.0.0.1:{self.port}/feed/{feed:02d}.xml"

    def start(self) -> FeedServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.http.shutdown()
        self.http.server_close()


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a client that hung up (the app shutting down) is not news


def _handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            body = server.bodies.get(self.path)
            with server.lock:
                server.active += 1
                server.most_active = max(server.most_active, server.active)
            try:
                if body is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                total = random.uniform(0.5, 2.5)  # slow: 20% before the headers, then a trickle
                time.sleep(total * 0.2)
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                chunks = 8
                size = -(-len(body) // chunks)
                for start in range(0, len(body), size):
                    time.sleep(total * 0.8 / chunks)
                    self.wfile.write(body[start : start + size])
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                with server.lock:
                    server.active -= 1
                    server.served += 1

        def log_message(self, *args) -> None:
            pass

    return Handler


def config_text(server: FeedServer) -> str:
    lines = ["sources:", "  - name: Seed articles", f"    path: {REPO / 'seeds'}"]
    for n in range(FEEDS):
        lines += [
            f"  - name: Feed {n:02d}",
            f"    url: {server.url(n)}",
            "    interval: 1h",
            "    full_article: false",
        ]
    # 40 feeds would be on 40 hosts; here they share one, so allow more than 2 at once.
    lines += ["http:", "  per_host: 8"]
    return "\n".join(lines) + "\n"


# -- the profile: what the event loop's thread runs while it does not turn -----------------


class LoopStallSampler:
    """Beats on the loop every 5 ms; a thread samples the loop thread's stack when it is late.

    Each sample is named by the outermost and innermost frames of this repository's code on
    the loop thread's stack (and the widget being rendered, if any). Each stall also says how
    much of it the loop thread spent on the CPU: near 100% is code running on the loop, much
    less is the loop waiting for the GIL held by the polls' threads.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.loop_thread = threading.get_ident()
        self.cpu_clock = time.pthread_getcpuclockid(self.loop_thread)
        self.beat = time.perf_counter()
        self.stop = threading.Event()
        self.samples: collections.Counter[str] = collections.Counter()
        self.activities: collections.Counter[str] = collections.Counter()
        self.stacks: dict[str, list[str]] = {}
        self.stalls: list[tuple] = []  # (wall s, loop thread CPU s, samples by what ran)
        self.current: collections.Counter[str] = collections.Counter()
        self.thread = threading.Thread(target=self._watch, name="stall-sampler", daemon=True)

    def start(self) -> None:
        self._tick()
        self.thread.start()

    def _tick(self) -> None:
        if not self.stop.is_set():
            self.beat = time.perf_counter()
            self.loop.call_later(0.005, self._tick)

    def _watch(self) -> None:
        stall = None  # (wall, loop thread CPU) when the loop last turned in time
        last_good = (time.perf_counter(), time.clock_gettime(self.cpu_clock))
        while not self.stop.wait(0.005):
            now, cpu = time.perf_counter(), time.clock_gettime(self.cpu_clock)
            if now - self.beat < STALL_S:
                if stall is not None:
                    self.stalls.append((now - stall[0], cpu - stall[1], self.current))
                    self.current = collections.Counter()
                    stall = None
                last_good = (now, cpu)
                continue
            if stall is None:
                stall = last_good
            frame = sys._current_frames().get(self.loop_thread)
            if frame is not None:
                self._sample(frame)

    def _sample(self, frame) -> None:
        from textual.widget import Widget

        frames = []
        while frame is not None:
            frames.append(frame)
            frame = frame.f_back
        frames.reverse()  # outermost first
        ours = [f for f in frames if _ours(f.f_code.co_filename)]
        if ours:  # the handler of this repository that runs, and where it is
            activity = _name(ours[0])
            detail = _name(ours[-1]) if ours[-1] is not ours[0] else ""
        else:  # the handler Textual called (after its last `invoke`)
            called = [i for i, f in enumerate(frames) if f.f_code.co_name == "_invoke"]
            handler = frames[called[-1] + 1] if called and called[-1] + 1 < len(frames) else None
            activity = "textual " + (_name(handler) if handler else _name(frames[-1]))
            detail = ""
        widget = next(
            (
                type(f.f_locals["self"]).__name__
                for f in reversed(frames)
                if isinstance(f.f_locals.get("self"), Widget)
            ),
            None,
        )
        if widget and not detail:
            detail = f"in {widget}"
        self.activities[activity] += 1
        self.current[f"{activity} > {detail}" if detail else activity] += 1
        label = f"{activity} > {detail}" if detail else activity
        self.samples[label] += 1
        if label not in self.stacks:
            self.stacks[label] = [_name(f) + f":{f.f_lineno}" for f in frames[-30:]]

    def report(self) -> None:
        stalls = sorted(self.stalls, reverse=True)
        wall = sum(stall[0] for stall in stalls)
        cpu = sum(stall[1] for stall in stalls)
        print(
            f"# loop stalls over {STALL_S * 1000:.0f} ms: {len(stalls)}, {wall:.2f}s in all,"
            f" loop thread on CPU {100 * cpu / max(wall, 1e-9):.0f}% of it; longest"
            f" {[round(stall[0] * 1000) for stall in stalls[:8]]} ms",
            file=sys.stderr,
        )
        for wall_s, _cpu, what in stalls[:5]:
            shares = ", ".join(f"{label} x{count}" for label, count in what.most_common(4))
            print(f"#   a {wall_s * 1000:.0f} ms stall: {shares}", file=sys.stderr)
        total = sum(self.samples.values()) or 1
        print("# share of stalled time, by handler on the loop:", file=sys.stderr)
        for label, count in self.activities.most_common(8):
            print(f"#   {100 * count / total:4.0f}%  {label}", file=sys.stderr)
        print("# and by where in it:", file=sys.stderr)
        for label, count in self.samples.most_common(15):
            print(f"#   {100 * count / total:4.0f}%  {label}", file=sys.stderr)
        for label, _count in self.samples.most_common(4):
            print(f"# stack of {label}:", file=sys.stderr)
            for line in self.stacks[label][-14:]:
                print(f"#     {line}", file=sys.stderr)


def _ours(filename: str) -> bool:
    return (
        filename.startswith(str(REPO)) and "/.venv/" not in filename and "/bench/" not in filename
    )


def _name(frame) -> str:
    filename = frame.f_code.co_filename
    shown = Path(filename).relative_to(REPO) if _ours(filename) else Path(filename).name
    return f"{shown}:{frame.f_code.co_name}"


# -- the measurement ------------------------------------------------------------------------


class KeyTimer:
    """One key at a time: sent from a thread, done when a frame shows what its action changed.

    While the key's action runs, the widgets it asks to refresh are noted (those on screen);
    the clock stops at the first frame after every one of them has been painted again (given
    to the compositor after the action). So an unrelated frame in between does not count, and
    a widget that other work keeps refreshing is not waited for twice.
    """

    def __init__(self, app) -> None:
        from textual.widget import Widget

        self.app = app
        self.sent_at = 0.0
        self.acted_at: float | None = None
        self.recording = False
        self.touched: set = set()
        self.pending: set = set()
        self.done = threading.Event()
        self.done_at = 0.0
        self.frames = 0
        self.terminal_s = 0.0  # spent making frames' terminal text
        timer = self
        original_refresh = Widget.refresh

        def refresh(widget, *args, **kwargs):
            if timer.recording:
                timer.touched.add(widget)
            return original_refresh(widget, *args, **kwargs)

        Widget.refresh = refresh
        self.restore = lambda: setattr(Widget, "refresh", original_refresh)

        screen = app.screen
        compositor = screen._compositor
        original_update_widgets = compositor.update_widgets

        def update_widgets(widgets) -> None:
            if screen in widgets:
                self.pending.clear()  # the whole screen is painted
            else:
                self.pending.difference_update(widgets)
            return original_update_widgets(widgets)

        compositor.update_widgets = update_widgets
        original_dispatch, original_display = app._dispatch_action, app._display

        async def dispatch(namespace, action_name, params):
            if not self.sent_at or self.acted_at is not None:
                return await original_dispatch(namespace, action_name, params)
            self.touched = set()
            self.recording = True
            try:
                handled = await original_dispatch(namespace, action_name, params)
            finally:
                self.recording = False
            on_screen = compositor.visible_widgets
            self.pending = {w for w in self.touched if w is screen or w in on_screen}
            self.acted_at = time.perf_counter()
            screen.call_after_refresh(self._finish_if_painted)  # if no frame is needed
            return handled

        def display(shown_screen, renderable) -> None:
            original_display(shown_screen, renderable)
            if renderable is not None and app.is_headless:
                render_segments = getattr(renderable, "render_segments", None)
                if render_segments is not None:  # the terminal text a real screen would get
                    started = time.perf_counter()
                    render_segments(app.console)
                    self.terminal_s += time.perf_counter() - started
            self.frames += 1
            self._finish_if_painted()

        app._dispatch_action, app._display = dispatch, display

    def _finish_if_painted(self) -> None:
        if self.acted_at is not None and not self.done.is_set() and not self.pending:
            self.done_at = time.perf_counter()
            self.done.set()

    def press(self, key: str) -> tuple[float, float] | None:
        """From a thread other than the loop's: (ms to handled, ms to repainted), or None."""
        from textual import events

        self.done.clear()
        self.acted_at = None
        self.pending = set()
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(self.app)
        self.sent_at = time.perf_counter()
        self.app._driver.send_message(event)
        sent_at = self.sent_at
        finished = self.done.wait(KEY_TIMEOUT_S)
        self.sent_at = 0.0
        if not finished:
            waiting = [type(widget).__name__ for widget in self.pending]
            print(
                f"# {key!r} not shown in {KEY_TIMEOUT_S}s; still waiting: {waiting}",
                file=sys.stderr,
            )
            return None
        return ((self.acted_at or self.done_at) - sent_at) * 1000, (self.done_at - sent_at) * 1000


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


async def run(db_path: Path, config, server: FeedServer, profile: bool) -> dict:
    from app.ingest.schedule import PollScheduler
    from app.tui.app import TallywatchApp

    polls: list[list[float | None]] = []  # [started, ended] of each poll that ran
    original_poll = PollScheduler._poll

    def counted_poll(scheduler, name):  # the job, in a thread of the scheduler's pool
        span = [time.perf_counter(), None]
        polls.append(span)
        try:
            result = original_poll(scheduler, name)
        finally:
            span[1] = time.perf_counter()
        if result is None:  # the stop came before it started: not a poll
            polls.remove(span)
        return result

    PollScheduler._poll = counted_poll
    loop = asyncio.get_running_loop()
    sampler = None
    if "--asyncio-debug" in sys.argv[1:]:  # its own overhead (a stack per future) is large
        loop.set_debug(True)
        loop.slow_callback_duration = STALL_S
        logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="# %(message)s")
    if profile:
        sampler = LoopStallSampler(loop)
        sampler.start()

    app = TallywatchApp(db_path=db_path, config=config, poll_on_start=True)
    async with app.run_test(size=(120, 40)) as pilot:
        started = time.perf_counter()
        while app.dashboard.data is None:  # the first paint of the (empty) database
            await asyncio.sleep(0.02)
        await pilot.pause()
        timer = KeyTimer(app)
        print(f"# app ready in {time.perf_counter() - started:.1f}s", file=sys.stderr)

        in_flight_seen: list[int] = []
        server_open: list[int] = []
        results: list[tuple[str, float, float]] = []
        timeouts: list[str] = []

        def press_keys() -> None:
            rng = random.Random(6)
            first = timer.press("r")  # poll every source now: "a poll of many feeds"
            if first is not None:
                print(f"# 'r' (poll now): {first[1]:.1f} ms", file=sys.stderr)
            for n in range(SAMPLES):
                time.sleep(rng.uniform(*GAP_S))
                in_flight = sum(1 for span in list(polls) if span[1] is None)
                if not app.is_running or (server.served >= FEEDS and not in_flight):
                    break  # the poll of every feed is over
                key = KEYS[n % len(KEYS)]
                in_flight_seen.append(in_flight)
                server_open.append(server.active)
                timed = timer.press(key)
                if timed is None:
                    timeouts.append(key)
                else:
                    results.append((key, *timed))

        measure_start = time.perf_counter()
        presser = threading.Thread(target=press_keys, name="keys", daemon=True)
        presser.start()  # its own thread: the default executor's few workers run the polls
        while presser.is_alive():
            await asyncio.sleep(0.1)
        measure_end = time.perf_counter()
        if sampler is not None:
            sampler.stop.set()
        frames = timer.frames
        timer.restore()
        print(f"# frames' terminal text took {timer.terminal_s:.2f}s in all", file=sys.stderr)
        data = app.dashboard.data
        if data is not None:
            print(
                f"# at the end: {data.stored} figures stored, {data.total} shown,"
                f" {len(data.analysis.findings)} findings",
                file=sys.stderr,
            )
        app.scheduler.shutdown()
        try:
            await asyncio.wait_for(app.scheduler.wait_idle(), 15)
        except TimeoutError:
            print("# polls still running at the end", file=sys.stderr)

    PollScheduler._poll = original_poll
    during = [span for span in polls if span[0] < measure_end and (span[1] or 1e18) > measure_start]
    if sampler is not None:
        sampler.report()
    return {
        "results": results,
        "timeouts": timeouts,
        "in_flight": in_flight_seen,
        "server_open": server_open,
        "polls_during": len(during),
        "polls": len(polls),
        "seconds": measure_end - measure_start,
        "frames": frames,
    }


def main() -> None:
    profile = "--profile" in sys.argv[1:]
    from app.config import parse_config

    folder = Path(tempfile.mkdtemp(prefix="tallywatch-keys-"))
    server = FeedServer().start()

    def give_up() -> None:
        print(f"# gave up after {DEADLINE_S:.0f}s", file=sys.stderr)
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
        os._exit(1)

    watchdog = threading.Timer(DEADLINE_S, give_up)
    watchdog.daemon = True
    watchdog.start()
    try:
        config = parse_config(config_text(server), base_dir=folder)
        config = config.model_copy(update={"snapshots": str(folder / "snapshots")})
        out = asyncio.run(run(folder / "keys.db", config, server, profile))
    finally:
        watchdog.cancel()
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)

    results = out["results"]
    painted = [ms for _key, _acted, ms in results] + [KEY_TIMEOUT_S * 1000] * len(out["timeouts"])
    acted = [ms for _key, ms, _painted in results] or [0.0]
    by_key = collections.defaultdict(list)
    for key, _acted, ms in results:
        by_key[key].append(ms)
    print(
        f"# {len(painted)} keys over {out['seconds']:.1f}s, {len(out['timeouts'])} timed out;"
        f" handled p50 {statistics.median(acted):.1f} ms, max {max(acted):.1f} ms;"
        f" {out['frames']} frames",
        file=sys.stderr,
    )
    for key, values in sorted(by_key.items()):
        print(
            f"#   {key!r:7} n={len(values):2d} p50={statistics.median(values):6.1f}"
            f" max={max(values):6.1f} ms",
            file=sys.stderr,
        )
    busy = sum(1 for n in out["in_flight"] if n)
    print(
        f"# polls in flight when a key was sent: {busy}/{len(out['in_flight'])} keys"
        f" (most {max(out['in_flight'], default=0)}); server requests open:"
        f" most {max(out['server_open'], default=0)}, served {server.served},"
        f" most at once {server.most_active}; polls run {out['polls']}",
        file=sys.stderr,
    )
    print(
        f"key_ms_p50={percentile(painted, 0.5):.1f} key_ms_p95={percentile(painted, 0.95):.1f}"
        f" key_ms_max={max(painted):.1f} polls_during={out['polls_during']}"
    )


if __name__ == "__main__":
    main()
