"""Server time of the web search page at scale, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/web.py [--articles 100000] [--backends sqlite,postgresql] [--dir .bench] [--seed 7]

Uses the generated archive of benchmarks/benchdb.py per backend (made once and kept: SQLite
``DIR/sqlite-N-sSEED.db``, PostgreSQL ``mediamon_bench_N_sSEED``; articles in English,
Russian, Azerbaijani and Turkish with the store's search documents), then requests the
search page (``GET /?…``) of the app that ``mediamon serve`` runs, in process through
Starlette's TestClient (no network: the time is the app's, with its read-only connection,
queries, highlighting and template), 2 warm-up requests and 15 timed ones per case;
prints the median and the slowest. Target: under 200 ms at 100,000 articles.
"""

from __future__ import annotations

import argparse
import html
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchdb import archive
from benchgen import ROOT, WORDS

sys.path.insert(0, str(ROOT))

RUNS = 15
#: A case's parameter: reach the page by following this many "Older →" links from the first (not timed).
FOLLOW = "follow"
BOOLEAN = f"({WORDS['az'][9]} OR {WORDS['az'][12]}) -{WORDS['az'][20]} lang:az {WORDS['az'][30][:4]}*"


def cases() -> dict[str, dict[str, str]]:
    common, medium, rare = WORDS["az"][9], WORDS["ru"][300], WORDS["en"][2_000]
    return {
        "newest 20, no query": {},
        f"common word {common!r}": {"q": common},
        "common word, page 50 by its Older links": {"q": common, FOLLOW: "49"},
        "common word, page=50 typed in": {"q": common, "page": "50"},
        f"medium word {medium!r}": {"q": medium},
        f"rare word {rare!r}": {"q": rare},
        "2 words + source + language": {"q": f"energy {WORDS['en'][100]}", "source": "source_01", "lang": "en"},
        "phrase + OR + NOT": {"q": f'"{WORDS["en"][5]} {WORDS["en"][6]}" OR {WORDS["en"][7]} -{WORDS["en"][8]}'},
        "prefix* + dates": {"q": WORDS["ru"][0][:4] + "*", "since": "2025-03-01", "until": "2025-06-30"},
        f"boolean with lang: {BOOLEAN!r}": {"q": BOOLEAN},
        "author filter 'петров' (a common name)": {"author": "петров"},
        "author filter 'Anna Lee 3' (one author)": {"author": "Anna Lee 3"},
    }


def page_times(url: str) -> list[str]:
    from starlette.testclient import TestClient

    from crawler.web.app import create_app
    from crawler.web.db import read_only_engine

    engine = read_only_engine(url)
    lines = []
    with TestClient(create_app(engine)) as client:
        for name, params in cases().items():
            target = client.build_request("GET", "/", params={k: v for k, v in params.items() if k != FOLLOW}).url
            for _ in range(int(params.get(FOLLOW, 0))):
                target = target.join(
                    html.unescape(re.findall(r'href="([^"]+)" rel="next"', client.get(target).text)[0])
                )
            for _ in range(2):
                response = client.get(target)
                assert response.status_code == 200, (name, response.status_code, response.text[:300])
            runs = []
            for _ in range(RUNS):
                began = time.perf_counter()
                client.get(target)
                runs.append((time.perf_counter() - began) * 1000)
            found = response.text.split('class="summary">', 1)[1].split("</span>", 1)[0].split("<span>")[-1]
            lines.append(
                f"  {name:<45} median {statistics.median(runs):6.1f} ms  slowest {max(runs):6.1f} ms  ({found})"
            )
    engine.dispose()
    return lines


def bench_backend(backend: str, count: int, seed: int, directory: Path) -> list[str]:
    print(f"{backend}: archive of {count:,} articles…", file=sys.stderr)
    url, seconds = archive(backend, count, seed, directory)
    made = f"generated in {seconds:.0f} s" if seconds else "reused"
    return [f"{backend}: search page at {count:,} articles ({made})", *page_times(url)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000, help="How many articles to generate.")
    parser.add_argument("--backends", default="sqlite,postgresql", help="Comma-separated: sqlite, postgresql.")
    parser.add_argument("--dir", type=Path, default=ROOT / ".bench", help="Where generated SQLite archives are kept.")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", help="Time the page on this database as it is, instead of generated ones.")
    args = parser.parse_args()
    if args.db:
        print("\n".join([f"search page on {args.db}", *page_times(args.db)]))
        return
    report: list[str] = []
    for backend in args.backends.split(","):
        report += bench_backend(backend.strip(), args.articles, args.seed, args.dir)
    print("\n".join(report))


if __name__ == "__main__":
    main()
