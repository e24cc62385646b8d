"""Crawl benchmark: how close does mediamon come to the machine's limit? Five crawls of one site, side by side.

Run: ``.venv/bin/python benchmarks/crawl.py [--articles 5000] [--page-kb 60] [--growth] [--repeat 3]``

1. baseline: a bare Scrapy spider that follows the sitemaps and runs plain
   ``trafilatura.extract`` on each article, writing nothing;
2. ``mediamon crawl`` end to end into SQLite;
3. the same into PostgreSQL;
4. two baseline processes side by side, each on half the sitemaps: what the bare spider gets
   out of this machine with two processes (the ceiling that crawl 5 is measured against);
5. ``mediamon crawl --workers 2 --redis`` into PostgreSQL.

The site (``benchmarks/sitegen.py``: ~60 KB pages with boilerplate, JSON-LD, 8 to 15
paragraphs) is served by a separate process: a small asyncio static server (nginx is not
required), whose raw throughput is measured first with a concurrent fetch loop so that it
is known not to be the bottleneck. Each crawl runs as a subprocess; we measure wall time,
CPU seconds (``RUSAGE_CHILDREN``: the crawl and its worker processes) and peak RSS sampled
with psutil over the process tree, and the CPU the local PostgreSQL and Redis servers spend
meanwhile (from ``/proc``, where they run on this machine). ``--growth`` adds a mediamon SQLite crawl stopped at
1,000 articles, for the memory growth from 1,000 to N articles.

Needs PostgreSQL (``--pg``, a server URL; a scratch database is created and dropped) and
Redis (``--redis``; keys under a unique prefix, deleted afterwards) for crawls 3 and 5;
they are skipped with a note when the service is missing.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

REPO = Path(__file__).resolve().parents[1]
FAST = ["-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16"]
CONCURRENCY = 16
#: The crawls, in the order of a round. ``baseline2``: two baseline processes, each on half the
#: sitemap: what two processes of the bare spider get out of this machine (the ceiling for --workers 2).
KINDS = ("baseline", "sqlite", "postgresql", "baseline2", "workers")

# -- the static server (a separate process) ------------------------------------------------------


async def _serve(directory: Path, origin: bytes) -> None:
    """Serve ``directory`` over HTTP/1.1 keep-alive; absolute links to ``origin`` point here."""
    types = {".html": b"text/html; charset=utf-8", ".xml": b"application/xml", ".txt": b"text/plain"}

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                path = head.split(b" ", 2)[1].split(b"?", 1)[0].decode()
                file = directory / path.lstrip("/")
                if file.is_dir():
                    file = file / "index.html"
                if ".." not in path and file.is_file():
                    body, status = file.read_bytes().replace(origin, base), b"200 OK"
                else:
                    body, status = b"not found", b"404 Not Found"
                content_type = types.get(file.suffix, b"application/octet-stream")
                writer.write(
                    b"HTTP/1.1 " + status + b"\r\nContent-Type: " + content_type
                    + b"\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
                )  # fmt: skip
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=512)
    port = server.sockets[0].getsockname()[1]
    base = f"http://127.0.0.1:{port}".encode()
    print(port, flush=True)
    async with server:
        await server.serve_forever()


def start_server(directory: Path, host: str) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(directory), "--host", host], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    port = int(process.stdout.readline())
    return process, f"http://127.0.0.1:{port}"


def server_throughput(base_url: str, paths: Sequence[str], seconds: float = 3.0) -> float:
    """Pages per second the server delivers to CONCURRENCY keep-alive clients (threads)."""
    netloc = urlsplit(base_url).netloc
    stop = time.monotonic() + seconds
    counts = [0] * CONCURRENCY

    def client(number: int) -> None:
        connection = http.client.HTTPConnection(netloc)
        index = number
        while time.monotonic() < stop:
            connection.request("GET", paths[index % len(paths)])
            connection.getresponse().read()
            counts[number] += 1
            index += CONCURRENCY
        connection.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CONCURRENCY)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.monotonic() - started)


# -- the baseline spider (run in a subprocess: one reactor per process) -------------------------


def run_baselines(base_url: str, parts: int) -> None:
    """``parts`` bare baseline processes side by side, each on its share of the sitemap; prints the total."""
    command = [sys.executable, __file__, "--baseline", base_url, "--parts", str(parts)]
    processes = [
        subprocess.Popen([*command, "--part", str(part)], stdout=subprocess.PIPE, text=True) for part in range(parts)
    ]
    outputs = [process.communicate()[0] for process in processes]
    print(json.dumps({"articles": sum(json.loads(out.strip().splitlines()[-1])["articles"] for out in outputs)}))


def run_baseline(base_url: str, part: int = 0, parts: int = 1) -> None:
    """A bare SitemapSpider: sitemaps → pages → ``trafilatura.extract``; prints the article count.

    With ``parts`` > 1 it crawls every ``parts``-th article of the sitemaps (from ``part``).
    """
    import trafilatura
    from scrapy.crawler import CrawlerProcess
    from scrapy.spiders import SitemapSpider

    class Baseline(SitemapSpider):
        name = "baseline"
        sitemap_urls = (f"{base_url}/robots.txt",)
        extracted = 0

        def sitemap_filter(self, entries):
            for index, entry in enumerate(entries):
                if parts == 1 or entries.type == "sitemapindex" or index % parts == part:
                    yield entry

        def parse(self, response):  # a Scrapy callback that yields nothing
            if trafilatura.extract(response.text):
                Baseline.extracted += 1
            return
            yield

    process = CrawlerProcess(
        {
            "CONCURRENT_REQUESTS": CONCURRENCY,
            "CONCURRENT_REQUESTS_PER_DOMAIN": CONCURRENCY,
            "DOWNLOAD_DELAY": 0,
            "AUTOTHROTTLE_ENABLED": False,
            "COOKIES_ENABLED": False,
            "TELNETCONSOLE_ENABLED": False,
            "LOG_LEVEL": "INFO",
            "LOG_FILE": os.devnull,
        }
    )
    process.crawl(Baseline)
    process.start()
    print(json.dumps({"articles": Baseline.extracted}))


# -- measuring --------------------------------------------------------------------------------


@dataclass
class Measurement:
    name: str
    articles: int
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    peak_process_mb: float
    exit_code: int
    service_cpu_seconds: float | None = None  # the local PostgreSQL and Redis servers meanwhile

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def cpu_per_article_ms(self) -> float:
        return 1000 * self.cpu_seconds / self.articles if self.articles else float("nan")

    @property
    def service_cpu_per_article_ms(self) -> float:
        if self.service_cpu_seconds is None or not self.articles:
            return float("nan")
        return 1000 * self.service_cpu_seconds / self.articles


def service_cpu_seconds() -> float | None:
    """CPU seconds the local PostgreSQL and Redis servers have used (exited backends included); None if unseen.

    They share the machine's cores with the crawl, so their work on its behalf (the full-text
    index, the upserts, the frontier) is part of what a crawl costs. Other clients of the
    same servers add to it.
    """
    import psutil

    total, found = 0.0, False
    for process in psutil.process_iter(["name"]):
        if process.info["name"] in ("postgres", "redis-server"):
            try:
                times = process.cpu_times()
            except psutil.Error:
                continue
            total += times.user + times.system + times.children_user + times.children_system
            found = True
    return total if found else None


def measure(name: str, command: Sequence[str], env: dict[str, str]) -> tuple[Measurement, str]:
    """Run ``command``; wall time, CPU of it and its children, peak RSS of its process tree (psutil, 0.1 s)."""
    import psutil

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    services_before = service_cpu_seconds()
    started = time.monotonic()
    process = subprocess.Popen(list(command), cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak_total = peak_single = 0
    handle = psutil.Process(process.pid)
    output: list[bytes] = []
    reader = threading.Thread(target=lambda: output.append(process.stdout.read()))  # type: ignore[union-attr]
    errors: list[bytes] = []
    error_reader = threading.Thread(target=lambda: errors.append(process.stderr.read()))  # type: ignore[union-attr]
    reader.start()
    error_reader.start()
    while process.poll() is None:
        try:
            rss = [p.memory_info().rss for p in [handle, *handle.children(recursive=True)]]
        except psutil.Error:
            rss = []
        if rss:
            peak_total = max(peak_total, sum(rss))
            peak_single = max(peak_single, max(rss))
        time.sleep(0.1)
    seconds = time.monotonic() - started
    reader.join()
    error_reader.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    services_after = service_cpu_seconds()
    services = services_after - services_before if services_before is not None and services_after else None
    text = b"".join(output).decode(errors="replace")
    if process.returncode not in (0, 1):
        sys.stderr.write(f"{name}: exit code {process.returncode}\n{text}\n{b''.join(errors).decode()[-3000:]}\n")
    mb = 1024 * 1024
    measurement = Measurement(name, 0, seconds, cpu, peak_total / mb, peak_single / mb, process.returncode, services)
    return measurement, text


def count_articles(url: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as connection:
        count = connection.execute(text("SELECT count(*) FROM articles")).scalar_one()
    engine.dispose()
    return int(count)


# -- the run ----------------------------------------------------------------------------------


def _new_pg_database(server_url: str) -> tuple[str, str] | None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"mediamon_bench_{uuid.uuid4().hex[:10]}"
    try:
        admin = create_engine(server_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5})
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
    except Exception as exc:  # noqa: BLE001 - no server: the PostgreSQL crawls are skipped
        print(f"PostgreSQL not available ({type(exc).__name__}); its crawls are skipped")
        return None
    return name, make_url(server_url).set(database=name).render_as_string(hide_password=False)


def _drop_pg_database(server_url: str, name: str) -> None:
    from sqlalchemy import create_engine, text

    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _redis_ok(url: str) -> bool:
    from crawler.runtime.frontier.connection import check_redis

    problem = check_redis(url)
    if problem:
        print(f"Redis not available ({problem}); the workers crawl is skipped")
    return problem is None


def _mediamon(sources_file: Path, db: str, *extra: str) -> list[str]:
    """The ``mediamon crawl`` command line: the installed command next to this Python, else the module."""
    script = Path(sys.executable).with_name("mediamon")
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "crawler.cli"]
    return [*command, "--sources", str(sources_file), "crawl", *FAST, "--db", db, *extra]


def report(
    results: list[Measurement], server_rate: float, growth: tuple[Measurement, Measurement] | None, repeat: int = 1
) -> None:
    base = next((m for m in results if m.name == "baseline"), None)
    header = (
        f"{'crawl':<26}{'articles':>9}{'seconds':>9}{'art/s':>8}{'× base':>8}{'CPU ms/art':>11}"
        f"{'× base':>8}{'+PG/Redis':>10}{'peak MB':>9}{'max proc':>9}  target"
    )
    print("\n" + header + "\n" + "-" * len(header))
    for m in results:
        ratio = m.rate / base.rate if base and base.rate else float("nan")
        cpu_ratio = m.cpu_per_article_ms / base.cpu_per_article_ms if base and base.articles else float("nan")
        if base is None:
            target = "(no baseline in this run)"
        elif m.name.startswith("mediamon sqlite") or m.name.startswith("mediamon postgresql"):
            target = f"≥0.85× → {'met' if ratio >= 0.85 else 'MISSED'}; <300 MB → "
            target += "met" if m.peak_process_mb < 300 else "MISSED"
        elif m.name.startswith("mediamon 2 workers"):
            target = f"≥1.6× → {'met' if ratio >= 1.6 else 'MISSED'}"
        else:
            target = ""
        print(
            f"{m.name:<26}{m.articles:>9}{m.seconds:>9.1f}{m.rate:>8.1f}{ratio:>8.2f}{m.cpu_per_article_ms:>11.1f}"
            f"{cpu_ratio:>8.2f}{m.service_cpu_per_article_ms:>10.1f}{m.peak_rss_mb:>9.0f}{m.peak_process_mb:>9.0f}"
            f"  {target}"
        )
    print(
        "\nCPU ms/art: the crawl's processes; +PG/Redis: what the local PostgreSQL and Redis servers spent meanwhile"
        " (also on the same cores; nan where they are not visible). '2 baseline processes' is what two bare"
        " spiders, each on half the sitemap, get out of this machine: the ceiling for --workers 2."
    )
    print(f"Static server: {server_rate:.0f} pages/s to {CONCURRENCY} keep-alive clients (raw fetch loop).")
    if base and server_rate < 3 * base.rate:
        print("WARNING: the server is less than 3× faster than the baseline crawl: it may be the bottleneck.")
    if growth:
        small, large = growth
        change = (large.peak_process_mb - small.peak_process_mb) / small.peak_process_mb
        verdict = "met" if change < 0.20 else "MISSED"
        print(
            f"Memory growth (mediamon sqlite, one process): {small.peak_process_mb:.0f} MB at {small.articles} "
            f"articles → {large.peak_process_mb:.0f} MB at {large.articles}: {change:+.0%} (target < +20%: {verdict})"
        )
    if repeat > 1:
        print(f"Each row is the median of {repeat} interleaved trials (by articles per second).")
    print(f"CPUs: {os.cpu_count()}; the crawls share them with the server, PostgreSQL and Redis.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--page-kb", type=float, default=60)
    parser.add_argument("--pg", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--only", help=f"Comma-separated, of {','.join(KINDS)}")
    parser.add_argument("--growth", action="store_true", help="Also crawl 1,000 articles for the memory growth.")
    parser.add_argument("--repeat", type=int, default=1, help="Trials of each crawl, interleaved; the median shows.")
    parser.add_argument("--site", type=Path, help="Reuse (or keep) the generated site in this directory.")
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--host", help=argparse.SUPPRESS)
    parser.add_argument("--baseline", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--parts", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--part", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        asyncio.run(_serve(args.serve, f"https://{args.host}".encode()))
        return
    if args.baseline and args.parts > 1 and args.part is None:
        run_baselines(args.baseline, args.parts)
        return
    if args.baseline:
        run_baseline(args.baseline, args.part or 0, args.parts)
        return
    run(args)


def run(args: argparse.Namespace) -> None:
    from benchmarks.sitegen import DEFAULT_HOST, GeneratedSite, generate_site
    from crawler.sources import dump_sources

    only = set((args.only or ",".join(KINDS)).split(","))
    with tempfile.TemporaryDirectory(prefix="mediamon-bench-") as scratch_name:
        scratch = Path(scratch_name)
        site_dir = args.site or scratch / "site"
        if (site_dir / "sitemap.xml").is_file():
            site = GeneratedSite(site_dir, DEFAULT_HOST, len(list((site_dir / "news").iterdir())))
            print(f"Reusing the site in {site_dir} ({site.articles} articles)")
        else:
            started = time.monotonic()
            site = generate_site(site_dir, args.articles, page_kb=args.page_kb)
            print(f"Generated {site.articles} articles in {time.monotonic() - started:.0f} s ({site_dir})")
        server, base_url = start_server(site.directory, site.host)
        try:
            paths = [site.article_path(n) for n in range(min(site.articles, 2000))]
            server_rate = server_throughput(base_url, paths)
            print(f"Static server at {base_url}: {server_rate:.0f} pages/s")
            sources_file = scratch / "sources.toml"
            sources_file.write_text(dump_sources([site.source(base_url)]), encoding="utf-8")
            env = {**os.environ, "MEDIAMON_DATA_DIR": str(scratch / "var"), "PYTHONPATH": str(REPO)}
            crawls = _Crawls(args, scratch, sources_file, base_url, env)
            kinds = [k for k in KINDS if k in only]
            trials: dict[str, list[Measurement]] = {}
            growth = None
            # Trials are interleaved (baseline, sqlite, ... then again) so that a slow spell of a
            # shared machine hits every kind alike; the median trial of each kind is reported.
            for trial in range(1, args.repeat + 1):
                for kind in kinds:
                    m = crawls.measure(kind)
                    if m is not None:
                        trials.setdefault(m.name, []).append(m)
                        print(f"  trial {trial}: {m.name}: {m.articles} articles in {m.seconds:.1f} s ({m.rate:.0f}/s)")
            if args.growth and "sqlite" in only:
                small = crawls.measure("sqlite", max_articles=1000)
                if small is not None and "mediamon sqlite" in trials:
                    growth = (small, _median(trials["mediamon sqlite"]))
        finally:
            server.terminate()
            server.wait()
        report([_median(ms) for ms in trials.values()], server_rate, growth, args.repeat)
        report_rounds(trials)


def report_rounds(trials: dict[str, list[Measurement]]) -> None:
    """Each crawl's rate against the baseline of the same round: a slow spell of the machine hits both alike."""
    base = trials.get("baseline")
    if not base or len(base) < 2:
        return
    print("\nRatio to the baseline of the same round (median, then each round):")
    for name, measurements in trials.items():
        if name == "baseline":
            continue
        ratios = [m.rate / b.rate for m, b in zip(measurements, base, strict=False) if b.rate]
        if ratios:
            rounds = " ".join(f"{r:.2f}" for r in ratios)
            print(f"  {name:<26}{sorted(ratios)[len(ratios) // 2]:>6.2f}   ({rounds})")


def _median(measurements: list[Measurement]) -> Measurement:
    return sorted(measurements, key=lambda m: m.rate)[len(measurements) // 2]


class _Crawls:
    """Runs one crawl of a kind on a fresh database each time."""

    def __init__(
        self, args: argparse.Namespace, scratch: Path, sources_file: Path, base_url: str, env: dict[str, str]
    ) -> None:
        self.args, self.scratch, self.sources_file, self.base_url, self.env = args, scratch, sources_file, base_url, env
        self.count = 0
        self.redis_ok: bool | None = None

    def measure(self, kind: str, max_articles: int | None = None) -> Measurement | None:
        from storage.migrate import upgrade

        self.count += 1
        extra = ["--max-articles", str(max_articles)] if max_articles else []
        if kind in ("baseline", "baseline2"):
            command = [sys.executable, __file__, "--baseline", self.base_url]
            name = "baseline"
            if kind == "baseline2":
                command, name = [*command, "--parts", "2"], "2 baseline processes"
            m, out = measure(name, command, self.env)
            m.articles = json.loads(out.strip().splitlines()[-1])["articles"] if out.strip() else 0
            return m
        if kind == "sqlite":
            db = f"sqlite:///{self.scratch / f'bench-{self.count}.db'}"
            upgrade(db)
            name = f"mediamon sqlite {max_articles}" if max_articles else "mediamon sqlite"
            m, _ = measure(name, _mediamon(self.sources_file, db, *extra), self.env)
            m.articles = count_articles(db)
            return m
        if kind == "workers":
            if self.redis_ok is None:
                self.redis_ok = _redis_ok(self.args.redis)
            if not self.redis_ok:
                return None
        pg = _new_pg_database(self.args.pg)
        if pg is None:
            return None
        try:
            upgrade(pg[1])
            if kind == "postgresql":
                m, _ = measure("mediamon postgresql", _mediamon(self.sources_file, pg[1]), self.env)
            else:
                prefix = f"mediamon-bench-{uuid.uuid4().hex[:8]}:"
                options = ["--workers", "2", "--redis", self.args.redis, "-s", f"MEDIAMON_REDIS_PREFIX={prefix}"]
                options += ["-s", "MAX_IDLE_TIME_BEFORE_CLOSE=2"]
                m, _ = measure("mediamon 2 workers redis", _mediamon(self.sources_file, pg[1], *options), self.env)
                _delete_redis_keys(self.args.redis, prefix)
            m.articles = count_articles(pg[1])
            return m
        finally:
            _drop_pg_database(self.args.pg, pg[0])


def _delete_redis_keys(url: str, prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(url)
    for key in client.scan_iter(f"{prefix}*"):
        client.delete(key)
    client.close()


if __name__ == "__main__":
    main()
