"""Safety: the token (bearer header, login cookie), the read-only connection, errors as pages, `serve`'s checks."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from starlette.testclient import TestClient

from crawler.web.auth import COOKIE

TOKEN = "s3cret-token-for-the-tests"


@pytest.fixture
def guarded(web_engine) -> TestClient:
    from crawler.web.app import create_app

    with TestClient(create_app(web_engine, token=TOKEN), raise_server_exceptions=False) as test_client:
        yield test_client


def test_without_the_token_pages_ask_for_it(guarded):
    page = guarded.get("/sources", headers={"accept": "text/html"}, follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login?next=%2Fsources"
    api = guarded.get("/export.csv")
    assert api.status_code == 401 and "sources" not in api.text
    assert guarded.get("/", headers={"authorization": "Bearer wrong"}).status_code == 401
    assert guarded.get("/", headers={"authorization": f"Basic {TOKEN}"}).status_code == 401
    guarded.cookies.set(COOKIE, TOKEN)
    assert guarded.get("/").status_code == 401  # the cookie is not the token itself
    guarded.cookies.clear()
    assert guarded.get("/static/style.css").status_code == 200
    assert guarded.get("/login").status_code == 200


def test_the_bearer_header_opens_every_page(guarded, ids):
    headers = {"authorization": f"Bearer {TOKEN}"}
    for path in ("/", "/sources", "/runs", f"/runs/{ids['bad_run']}", "/export.csv"):
        assert guarded.get(path, headers=headers).status_code == 200, path


def test_the_login_form_sets_an_http_only_cookie(guarded):
    wrong = guarded.post("/login", data={"token": "nope", "next": "/runs"})
    assert wrong.status_code == 401 and "not the right one" in wrong.text
    assert COOKIE not in guarded.cookies
    done = guarded.post("/login", data={"token": TOKEN, "next": "/runs?status=failed"}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/runs?status=failed"
    cookie = done.headers["set-cookie"]
    assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower() and TOKEN not in cookie
    assert guarded.get("/sources").status_code == 200  # the client keeps the cookie
    elsewhere = guarded.post("/login", data={"token": TOKEN, "next": "//evil.invalid/"}, follow_redirects=False)
    assert elsewhere.headers["location"] == "/"  # no open redirect


def test_the_app_connection_refuses_writes(web_engine, client):
    with web_engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM articles")) == 5
    for statement in ("UPDATE articles SET headline = 'changed'", "DELETE FROM crawl_runs", "CREATE TABLE t (x int)"):
        with pytest.raises(SQLAlchemyError, match=r"(?i)read-only|readonly"), web_engine.begin() as connection:
            connection.execute(text(statement))
    with web_engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM articles WHERE headline = 'changed'")) == 0
    for method in (client.post, client.put, client.delete):
        response = method("/")
        assert response.status_code == 405 and "only read" in response.text


def test_a_database_that_goes_away_is_a_503_page(sqlite_url, tmp_path):
    from web_data import store

    from crawler.web.app import create_app
    from crawler.web.db import read_only_engine
    from storage.migrate import upgrade

    url = sqlite_url
    upgrade(url)
    store(url)
    moved = tmp_path / "moved.db"
    engine = read_only_engine(url)
    Path(url.removeprefix("sqlite:///")).rename(moved)
    with TestClient(create_app(engine), raise_server_exceptions=False) as test_client:
        page = test_client.get("/")
    engine.dispose()
    assert page.status_code == 503 and "database unavailable" in page.text and "Traceback" not in page.text


def test_serve_refuses_other_hosts_without_a_token(archive):
    from crawler.cli import main

    runner = CliRunner()
    env = {"MEDIAMON_WEB_TOKEN": ""}
    result = runner.invoke(main, ["serve", "--db", archive[0], "--host", "0.0.0.0"], env=env)
    assert result.exit_code == 2 and "MEDIAMON_WEB_TOKEN" in result.output
    short = runner.invoke(main, ["serve", "--db", archive[0], "--host", "0.0.0.0"], env={"MEDIAMON_WEB_TOKEN": "short"})
    assert short.exit_code == 2 and "at least 16" in short.output


def test_serve_names_a_missing_database(tmp_path):
    from crawler.cli import main

    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "no SQLite database at" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_local_serving_answers_local_host_names_only(web_engine):
    from crawler.cli.serve import LOCAL_NAMES
    from crawler.web.app import create_app

    with TestClient(create_app(web_engine, hosts=LOCAL_NAMES), base_url="http://127.0.0.1:8000") as local:
        assert local.get("/sources").status_code == 200
        assert local.get("/sources", headers={"host": "localhost:8000"}).status_code == 200
        rebound = local.get("/sources", headers={"host": "attacker.invalid:8000"})
        assert rebound.status_code == 400 and "lenta_ru" not in rebound.text


def test_serve_runs_uvicorn_on_localhost(archive):
    port = _free_port()
    env = {**os.environ, "MEDIAMON_WEB_TOKEN": ""}
    command = [sys.executable, "-m", "crawler.cli", "serve", "--db", archive[0], "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                page = httpx.get(f"http://127.0.0.1:{port}/sources", timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read()
                assert time.monotonic() < deadline, "the server did not answer within 60 s"
                time.sleep(0.2)
        assert page.status_code == 200 and "lenta_ru" in page.text
        assert "default-src 'self'" in page.headers["content-security-policy"]
        taken = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
        assert taken.returncode == 2 and f"cannot listen on 127.0.0.1:{port}" in taken.stderr
        assert "Traceback" not in taken.stderr
    finally:
        server.terminate()
        server.wait(timeout=30)
