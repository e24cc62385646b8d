"""Archive benchmark: what the WARC archive costs a crawl, and the rates of import-warc and reextract.

Run: ``.venv/bin/python benchmarks/archive.py [--articles 5000] [--page-kb 60] [--memory-gb 1]``

1. ``mediamon crawl`` of a generated site (``benchmarks/sitegen.py``, served as in
   ``benchmarks/crawl.py``) into SQLite with the archive on, and with ``--no-archive``:
   the crawl rate, and the archive's bytes per article on disk;
2. ``mediamon import-warc`` of a WARC of the same pages (``benchmarks/warcgen.py``, gzip per
   record, one response and one request record per page) into an empty SQLite database;
3. ``mediamon reextract`` over the crawl's captures (nothing changes: the full read, extract
   and compare path without writes), and ``--dry-run`` of the same;
4. with ``--memory-gb``: peak RSS of ``import-warc`` over a WARC of that size (pages of other
   sites and some of the source's, as in a CC-NEWS file) against one a tenth of its size.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.crawl import FAST, Measurement, measure, start_server
from benchmarks.sitegen import generate_site
from benchmarks.warcgen import article_pages, write_warc


def _command(*args: str) -> list[str]:
    script = Path(sys.executable).with_name("mediamon")
    return [
        str(script) if script.is_file() else sys.executable,
        *([] if script.is_file() else ["-m", "crawler.cli"]),
        *args,
    ]


def _db(directory: Path, name: str) -> str:
    from storage.migrate import upgrade

    url = f"sqlite:///{directory / name}.db"
    upgrade(url)
    return url


def _count(url: str) -> int:
    from benchmarks.crawl import count_articles

    return count_articles(url)


def _line(what: str, m: Measurement, articles: int, extra: str = "") -> str:
    rate = articles / m.seconds if m.seconds else 0
    return (
        f"| {what} | {articles} | {m.seconds:.1f} | {rate:.0f} | {m.cpu_seconds:.1f} | {m.peak_rss_mb:.0f} | {extra} |"
    )


def run(args: argparse.Namespace) -> None:
    import os

    from crawler.sources import dump_sources

    work = Path(tempfile.mkdtemp(prefix="mediamon-archive-bench-"))
    site = generate_site(work / "site", args.articles, page_kb=args.page_kb)
    server, base = start_server(site.directory, site.host)
    lines = [
        "| step | articles | seconds | articles/s | CPU s | peak RSS MB | notes |",
        "|---|---|---|---|---|---|---|",
    ]
    try:
        served = work / "served.toml"
        served.write_text(dump_sources([site.source(base)]), encoding="utf-8")
        for archive in (True, False):
            data = work / ("var-archive" if archive else "var-plain")
            db = _db(work, data.name)
            extra = [] if archive else ["--no-archive"]
            env = {**os.environ, "MEDIAMON_DATA_DIR": str(data)}
            m, _ = measure("crawl", _command("--sources", str(served), "crawl", *FAST, "--db", db, *extra), env)
            stored = _count(db)
            note = "archive off"
            if archive:
                files = list((data / "archive").rglob("*.warc.gz"))
                size = sum(f.stat().st_size for f in files)
                note = f"archive: {size / 1e6:.1f} MB in {len(files)} file(s), {size / stored / 1024:.1f} KB/article"
                crawled_db, crawled_env = db, env
            lines.append(_line(f"crawl{'' if archive else ' --no-archive'}", m, stored, note))
        warc = write_warc(work / "pages.warc.gz", article_pages(args.articles, page_kb=args.page_kb))
        own = work / "own.toml"
        own.write_text(dump_sources([site.source()]), encoding="utf-8")
        db = _db(work, "imported")
        env = {**os.environ, "MEDIAMON_DATA_DIR": str(work / "var-import")}
        m, _ = measure("import", _command("--sources", str(own), "import-warc", "--db", db, str(warc)), env)
        note = f"WARC {warc.stat().st_size / 1e6:.1f} MB, {2 * args.articles} records + warcinfo"
        lines.append(_line("import-warc", m, _count(db), note))
        for dry in (False, True):
            flags = ["--dry-run"] if dry else []
            m, out = measure(
                "reextract", _command("--sources", str(served), "reextract", "--db", crawled_db, *flags), crawled_env
            )
            lines.append(
                _line(
                    f"reextract{' --dry-run' if dry else ''}", m, _count(crawled_db), out.strip().splitlines()[0][:60]
                )
            )
        if args.memory_gb:
            lines += _memory(work, own, args.memory_gb, args.page_kb)
    finally:
        server.terminate()
        server.wait()
    print("\n".join(lines))
    print(f"\n(work files in {work})")


def _memory(work: Path, sources_file: Path, gigabytes: float, page_kb: float) -> list[str]:
    """Peak RSS of import-warc over WARCs of 1/10 and all of ``gigabytes`` (10 other-site pages per source page)."""
    import os

    lines = []
    sample = write_warc(work / "sample.warc.gz", article_pages(200, page_kb=page_kb), other_sites=10)
    per_page = sample.stat().st_size / 200
    for share in (0.1, 1.0):
        pages = int(gigabytes * share * 1e9 / per_page)
        warc = write_warc(work / f"big-{share}.warc.gz", article_pages(pages, page_kb=page_kb), other_sites=10)
        db = _db(work, f"memory-{share}")
        env = {**os.environ, "MEDIAMON_DATA_DIR": str(work / f"var-memory-{share}")}
        m, _ = measure(
            "memory",
            _command("--sources", str(sources_file), "import-warc", "--no-archive", "--db", db, str(warc)),
            env,
        )
        lines.append(
            _line(
                f"import-warc {warc.stat().st_size / 1e9:.2f} GB",
                m,
                _count(db),
                f"{11 * pages} response records, peak RSS {m.peak_rss_mb:.0f} MB",
            )
        )
        warc.unlink()
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--page-kb", type=float, default=60)
    parser.add_argument("--memory-gb", type=float, default=0)
    run(parser.parse_args())


if __name__ == "__main__":
    main()
