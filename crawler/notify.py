"""Where a watch's matches go besides stdout: a webhook (JSON POST, retried with backoff) or an e-mail.

SMTP settings come from the environment: ``MEDIAMON_SMTP_HOST`` (needed for ``mailto:``),
``MEDIAMON_SMTP_PORT`` (25; 587 with STARTTLS, 465 with TLS), ``MEDIAMON_SMTP_TLS``
(``none``, ``starttls`` or ``ssl``), ``MEDIAMON_SMTP_USER``, ``MEDIAMON_SMTP_PASSWORD`` (never
printed or logged) and ``MEDIAMON_SMTP_FROM``. The webhook's attempts, first delay and timeout:
``MEDIAMON_WEBHOOK_ATTEMPTS`` (4), ``MEDIAMON_WEBHOOK_BACKOFF`` (1 s, doubled each time),
and the time allowed for an answer from the webhook or the SMTP server: ``MEDIAMON_NOTIFY_TIMEOUT`` (10 s).
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import smtplib
import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from email.message import EmailMessage
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

TLS_MODES = ("none", "starttls", "ssl")


class DeliveryFailed(Exception):
    """A notification that did not get through (its message holds no secret)."""


def check_target(target: str) -> str:
    """The target if it is an http(s) URL or ``mailto:ADDRESS``; else a ValueError with the reason."""
    if target.startswith("mailto:"):
        address = target.removeprefix("mailto:")
        if "@" not in address or any(c in address for c in " ,;<>\r\n"):
            raise ValueError(f"--notify: {address!r} is not one e-mail address")
        return target
    parts = urlsplit(target)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"--notify: {masked_target(target)!r} is neither an http(s) URL nor mailto:ADDRESS")
    return target


def masked_target(target: str | None) -> str:
    """The target with a URL's password hidden (for lists, logs and events)."""
    if not target or target.startswith("mailto:"):
        return target or ""
    parts = urlsplit(target)
    if parts.password is None:
        return target
    netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def _env_number(env: Mapping[str, str], name: str, default: float) -> float:
    try:
        return float(env.get(name, default))
    except ValueError:
        raise DeliveryFailed(f"{name} must be a number") from None


def post_webhook(url: str, payload: Mapping[str, Any], env: Mapping[str, str] | None = None) -> int:
    """POST the payload as JSON; retry with doubling delays on a network error or a 5xx/429. Returns the attempts."""
    env = os.environ if env is None else env
    attempts = max(1, int(_env_number(env, "MEDIAMON_WEBHOOK_ATTEMPTS", 4)))
    delay = _env_number(env, "MEDIAMON_WEBHOOK_BACKOFF", 1.0)
    timeout = _env_number(env, "MEDIAMON_NOTIFY_TIMEOUT", 10.0)
    body = json.dumps(payload, ensure_ascii=False).encode()
    headers = {"Content-Type": "application/json", "User-Agent": "mediamon"}
    parts = urlsplit(url)
    if parts.username is not None:  # user:password@ in the URL: HTTP basic authentication
        secret = f"{unquote(parts.username)}:{unquote(parts.password or '')}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(secret).decode()
        url = urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
    problem = ""
    for attempt in range(1, attempts + 1):
        request = urllib.request.Request(url, data=body, method="POST", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                response.read()
            return attempt
        except urllib.error.HTTPError as exc:
            problem = f"HTTP {exc.code}"
            if exc.code < 500 and exc.code != 429:
                break  # the receiver refuses it: asking again will not help
        except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            problem = str(reason) or type(reason).__name__
        if attempt < attempts:
            time.sleep(delay * 2 ** (attempt - 1))
    raise DeliveryFailed(f"webhook {masked_target(url)} failed after {attempt} attempt(s): {problem}")


def send_mail(address: str, subject: str, text: str, env: Mapping[str, str] | None = None) -> None:
    """Send one plain-text mail through the SMTP server of the environment."""
    env = os.environ if env is None else env
    host = env.get("MEDIAMON_SMTP_HOST")
    if not host:
        raise DeliveryFailed("mailto: needs MEDIAMON_SMTP_HOST (and MEDIAMON_SMTP_PORT/TLS/USER/PASSWORD as needed)")
    tls = env.get("MEDIAMON_SMTP_TLS", "none").lower()
    if tls not in TLS_MODES:
        raise DeliveryFailed(f"MEDIAMON_SMTP_TLS must be one of {', '.join(TLS_MODES)}, not {tls!r}")
    port = int(_env_number(env, "MEDIAMON_SMTP_PORT", {"none": 25, "starttls": 587, "ssl": 465}[tls]))
    message = EmailMessage()
    message["From"] = env.get("MEDIAMON_SMTP_FROM") or f"mediamon@{socket.gethostname()}"
    message["To"] = address
    message["Subject"] = subject
    message.set_content(text)
    user, password = env.get("MEDIAMON_SMTP_USER"), env.get("MEDIAMON_SMTP_PASSWORD")
    try:
        smtp_class = smtplib.SMTP_SSL if tls == "ssl" else smtplib.SMTP
        with smtp_class(host, port, timeout=_env_number(env, "MEDIAMON_NOTIFY_TIMEOUT", 10.0)) as smtp:
            if tls == "starttls":
                smtp.starttls(context=ssl.create_default_context())
            if user:
                smtp.login(user, password or "")
            smtp.send_message(message)
    except (smtplib.SMTPException, OSError) as exc:
        detail = str(exc).replace(password, "***") if password else str(exc)
        raise DeliveryFailed(
            f"mail to {address} through {host}:{port} failed: {detail or type(exc).__name__}"
        ) from None


def mail_text(watch: str, query: str, matches: Sequence[Mapping[str, Any]]) -> tuple[str, str]:
    """The subject and body of a watch's mail."""
    subject = f"mediamon watch {watch}: {len(matches)} new article(s)"
    lines = [f"New articles matching {query!r}:", ""]
    for match in matches:
        when = (match.get("date_published") or "")[:10]
        lines += [f"- {match.get('headline') or '(no headline)'} [{match.get('source')}, {when}]", f"  {match['url']}"]
    return subject, "\n".join(lines) + "\n"
