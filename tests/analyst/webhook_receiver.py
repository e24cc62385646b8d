"""A webhook receiver on 127.0.0.1 for the watch tests (a fixture that tests/analyst/conftest.py exposes)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class Receiver:
    """Answers each POST with the next status of ``statuses`` (then 200), after ``delay`` seconds.

    ``acknowledged`` holds the bodies answered with 200; ``received`` every body read.
    """

    def __init__(self) -> None:
        self.statuses: list[int] = []
        self.delay = 0.0
        self.hang = threading.Event()  # set: hold each request until released
        self.release = threading.Event()
        self.got_one = threading.Event()
        self.received: list[dict] = []
        self.acknowledged: list[dict] = []
        self.lock = threading.Lock()
        self.authorization: list[str | None] = []

    def matches(self) -> list[tuple[str, int]]:
        return [(body["watch"], m["article_id"]) for body in self.acknowledged for m in body["matches"]]


@pytest.fixture
def receiver() -> Iterator[tuple[Receiver, str]]:
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            with state.lock:
                state.received.append(body)
                state.authorization.append(self.headers.get("Authorization"))
                status = state.statuses.pop(0) if state.statuses else 200
            state.got_one.set()
            if state.hang.is_set():
                state.release.wait(60)
                return  # the client is gone: no answer
            time.sleep(state.delay)
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()
            if status == 200:
                with state.lock:
                    state.acknowledged.append(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state, f"http://127.0.0.1:{server.server_address[1]}/hook"
    state.release.set()
    server.shutdown()
    server.server_close()
