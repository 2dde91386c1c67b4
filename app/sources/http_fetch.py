"""The only code that touches the network: one polite, bounded HTTP GET.

Feed and article URLs are untrusted text, so every URL is validated before any request and
held to http(s), with a redirect limit (each target checked again), one deadline for the
whole request (headers included; a poll may set an earlier one) and a size cap counted as
the body is inflated (bounded_body.py). Requests to one host are limited in number across
threads, so one slow site never takes every worker.
"""

from __future__ import annotations

import email.utils
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpx

from app.sources.bounded_body import BadEncoding, BodyTooLarge, Inflater, Watchdog
from app.untrusted_text import visible

USER_AGENT = "tallywatch/0.1 (+https://github.com/tallywatch; news figure watcher)"
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
HIDDEN_LOCATION = "x-tallywatch-location"


@dataclass(frozen=True)
class FetchLimits:
    timeout_s: float = 20.0  # the whole request, headers and body, redirects included
    connect_timeout_s: float = 10.0
    max_bytes: int = 5_000_000  # decoded, so a gzip bomb is cut off too
    max_redirects: int = 5
    per_host: int = 2  # concurrent requests to one host
    poll_timeout_s: float = 40.0  # a whole poll: the feed and its article pages


def fetch_limits(config) -> FetchLimits:
    """The limits feeds.yaml sets under `http:`."""
    return FetchLimits(
        timeout_s=config.http.timeout,
        connect_timeout_s=min(10.0, config.http.timeout),
        max_bytes=int(config.http.max_size_mb * 1_000_000),
        per_host=config.http.per_host,
        poll_timeout_s=config.http.poll_timeout,
    )


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes  # empty on 304

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


class FetchError(Exception):
    """A request that gave no usable body, said in words; `retry_after_s` when the server asked."""

    def __init__(self, message: str, status: int | None = None, retry_after_s: float | None = None):
        super().__init__(message)
        self.status = status
        self.retry_after_s = retry_after_s


@dataclass
class Fetcher:
    """One HTTP client shared by the threads that poll; close it when done."""

    limits: FetchLimits = field(default_factory=FetchLimits)

    def __post_init__(self) -> None:
        timeout = httpx.Timeout(self.limits.timeout_s, connect=self.limits.connect_timeout_s)
        self._client = httpx.Client(
            timeout=timeout,
            follow_redirects=False,  # followed by hand, to check each target
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
            trust_env=False,  # no proxy or .netrc from the environment
            # A new connection per request: the watchdog learns its socket as it is made.
            limits=httpx.Limits(max_keepalive_connections=0),
            event_hooks={"response": [_hide_location]},
        )
        self._host_slots: dict[str, threading.BoundedSemaphore] = {}
        self._slots_lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        deadline: float | None = None,
    ) -> Fetched:
        """GET `url`; conditional when validators are given; over by `deadline` (a monotonic
        time, a poll's) if that comes before the request's own. Raises FetchError only."""
        budget = _Budget(self.limits, deadline)
        conditional = _conditional_headers(etag, last_modified)
        for _hop in range(self.limits.max_redirects + 1):
            check_scheme(url)
            response = self._get_once(url, conditional, budget)
            if response.status not in REDIRECT_STATUSES:
                return _checked(response)
            location = response.headers.get(HIDDEN_LOCATION)
            if not location:
                raise FetchError(f"HTTP {response.status} redirect without a Location", 502)
            try:
                url = urljoin(url, location)
            except ValueError:  # urllib on a malformed host ("http://[::1")
                raise FetchError(f"refused to fetch {location[:80]!r}: not a valid URL") from None
        raise FetchError(f"more than {self.limits.max_redirects} redirects (a redirect loop?)")

    def _get_once(self, url: str, headers: dict, budget: _Budget) -> Fetched:
        host = urlsplit(url).hostname or ""
        slot = self._slot(host)
        if not slot.acquire(timeout=max(0.0, budget.slot_deadline - time.monotonic())):
            raise FetchError(f"timed out waiting for a free connection to {host}")
        deadline, limit = budget.request_deadline()
        watchdog = Watchdog(deadline - time.monotonic())
        try:
            with watchdog:
                return self._stream(url, headers, deadline, watchdog)
        except (httpx.HTTPError, httpx.StreamError) as error:
            if watchdog.fired or isinstance(error, httpx.TimeoutException):
                raise FetchError(f"timed out {limit} ({host})") from None
            raise FetchError(f"cannot reach {host}: {_reason(error)}") from None
        except (BodyTooLarge, BadEncoding) as problem:
            raise FetchError(str(problem)) from None
        finally:
            slot.release()

    def _stream(self, url: str, headers: dict, deadline: float, watchdog: Watchdog) -> Fetched:
        extensions = {"trace": watchdog.trace}
        with self._client.stream("GET", url, headers=headers, extensions=extensions) as response:
            names = {name.lower(): value for name, value in response.headers.items()}
            body = bytearray()
            if response.status_code == 200:
                inflater = Inflater(names.get("content-encoding"), self.limits.max_bytes)
                for raw in response.iter_raw(65_536):
                    body += inflater.feed(raw)
                    if time.monotonic() > deadline:
                        raise httpx.ReadTimeout("body too slow")
            elif response.status_code == 304:
                response.read()  # no body, by HTTP; read, the connection goes back to the pool
            return Fetched(str(response.url), response.status_code, names, bytes(body))

    def _slot(self, host: str) -> threading.BoundedSemaphore:
        with self._slots_lock:
            if host not in self._host_slots:
                self._host_slots[host] = threading.BoundedSemaphore(self.limits.per_host)
            return self._host_slots[host]


class _Budget:
    """The time of one request. A free connection to its host may be waited for until the
    poll's deadline (else one timeout); the request's own timeout starts once it has one, so
    a slow neighbour on the same host costs a wait, not the request. The poll's deadline
    caps both."""

    def __init__(self, limits: FetchLimits, poll_deadline: float | None) -> None:
        self.limits = limits
        self.poll_deadline = poll_deadline
        self.slot_deadline = poll_deadline or time.monotonic() + limits.timeout_s
        self._started: float | None = None

    def request_deadline(self) -> tuple[float, str]:
        """The deadline (redirects included) and how to say it ran out."""
        if self._started is None:
            self._started = time.monotonic()
        own = self._started + self.limits.timeout_s
        if self.poll_deadline is not None and self.poll_deadline < own:
            return self.poll_deadline, f"when the poll's {self.limits.poll_timeout_s:g} s ran out"
        return own, f"after {self.limits.timeout_s:g} s"


def _hide_location(response: httpx.Response) -> None:
    """httpx parses a redirect's Location even when it does not follow it, and raises on a
    hostile one; ours is checked by check_scheme before it is followed."""
    if "location" in response.headers:
        response.headers[HIDDEN_LOCATION] = response.headers.pop("location")


def check_scheme(url: str) -> None:
    """Only a valid http or https URL with a host, checked before any request: a feed cannot
    send us to file://, ftp://, data: or a socket, nor hand httpx a URL it cannot parse."""
    refused = f"refused to fetch {url[:80]!r}"
    if any(char.isspace() for char in url) or visible(url) != url:
        raise FetchError(f"{refused}: the URL holds spaces, control or invisible characters")
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, TypeError) as error:
        raise FetchError(f"{refused}: not a valid URL ({error})") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise FetchError(f"{refused}: only http and https URLs are fetched")


def _conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _checked(response: Fetched) -> Fetched:
    if response.status in (200, 304):
        return response
    reason = httpx.codes.get_reason_phrase(response.status) or "error"
    retry_after = None
    if response.status in (429, 503):
        retry_after = parse_retry_after(response.headers.get("retry-after"))
    message = f"HTTP {response.status} {reason}"
    if retry_after is not None:
        message += f" (the server asks to wait {retry_after:.0f} s)"
    raise FetchError(message, response.status, retry_after)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _reason(error: httpx.HTTPError) -> str:
    """The innermost cause in words: 'Name or service not known', 'Connection refused'."""
    cause: BaseException = error
    while cause.__cause__ is not None or cause.__context__ is not None:
        cause = cause.__cause__ or cause.__context__
    text = str(cause) or str(error) or type(error).__name__
    return text.split("] ", 1)[-1] if text.startswith("[Errno") else text
