"""The only code that touches the network: one polite, bounded HTTP GET.

Feed and article URLs are untrusted text, so every request is held to http(s), a redirect
limit (each target's scheme checked again), time limits and a streamed size cap. Requests to
one host are limited in number across threads, so one slow site never takes every worker.
"""

from __future__ import annotations

import email.utils
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpx

USER_AGENT = "tallywatch/0.1 (+https://github.com/tallywatch; news figure watcher)"
REDIRECT_STATUSES = {301, 302, 303, 307, 308}


@dataclass(frozen=True)
class FetchLimits:
    timeout_s: float = 20.0  # the whole request, body included
    connect_timeout_s: float = 10.0
    max_bytes: int = 5_000_000  # decoded, so a gzip bomb is cut off too
    max_redirects: int = 5
    per_host: int = 2  # concurrent requests to one host


def fetch_limits(config) -> FetchLimits:
    """The limits feeds.yaml sets under `http:`."""
    return FetchLimits(
        timeout_s=config.http.timeout,
        connect_timeout_s=min(10.0, config.http.timeout),
        max_bytes=int(config.http.max_size_mb * 1_000_000),
        per_host=config.http.per_host,
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
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """GET `url`; conditional when validators are given. Raises FetchError, never httpx's."""
        deadline = time.monotonic() + self.limits.timeout_s
        conditional = _conditional_headers(etag, last_modified)
        for _hop in range(self.limits.max_redirects + 1):
            check_scheme(url)
            response = self._get_once(url, conditional, deadline)
            if response.status not in REDIRECT_STATUSES:
                return _checked(response)
            location = response.headers.get("location")
            if not location:
                raise FetchError(f"HTTP {response.status} redirect without a Location", 502)
            url = urljoin(url, location)
        raise FetchError(f"more than {self.limits.max_redirects} redirects (a redirect loop?)")

    def _get_once(self, url: str, headers: dict[str, str], deadline: float) -> Fetched:
        host = urlsplit(url).hostname or ""
        slot = self._slot(host)
        if not slot.acquire(timeout=max(0.0, deadline - time.monotonic())):
            raise FetchError(f"timed out waiting for a free connection to {host}")
        try:
            return self._stream(url, headers, deadline)
        except httpx.TimeoutException:
            raise FetchError(f"timed out after {self.limits.timeout_s:g} s ({host})") from None
        except httpx.HTTPError as error:
            raise FetchError(f"cannot reach {host}: {_reason(error)}") from None
        finally:
            slot.release()

    def _stream(self, url: str, headers: dict[str, str], deadline: float) -> Fetched:
        with self._client.stream("GET", url, headers=headers) as response:
            names = {name.lower(): value for name, value in response.headers.items()}
            body = bytearray()
            if response.status_code == 200:
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > self.limits.max_bytes:
                        megabytes = self.limits.max_bytes / 1_000_000
                        raise FetchError(f"response larger than {megabytes:g} MB; cut off")
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


def check_scheme(url: str) -> None:
    """Only http and https with a host: a feed cannot send us to file://, ftp:// or a socket."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchError(f"refused to fetch {url[:80]!r}: only http and https URLs are fetched")


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
