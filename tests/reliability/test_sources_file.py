"""A broken sources file is one line naming the entry and the field, exit 2, never a traceback."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from crawler.cli import main
from crawler.exitcodes import ExitCode

GOOD = 'name = "site"\nhomepage = "https://site.example/"\nlanguages = ["en"]\n'


def _run(tmp_path, content: bytes):
    path = tmp_path / "sources.toml"
    path.write_bytes(content)
    return CliRunner().invoke(main, ["--sources", str(path), "sources", "--format", "csv"])


def _one_line(result) -> str:
    assert result.exit_code == ExitCode.USAGE, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    return lines[0]


def test_a_file_that_is_not_utf8_is_one_line(tmp_path):
    line = _one_line(_run(tmp_path, ("[[source]]\n" + GOOD + 'title = "Новости"\n').encode("cp1251")))
    assert "is not UTF-8 text" in line and "offset" in line


@pytest.mark.parametrize(
    ("selector", "field"),
    [
        ("div[", "selectors.headline"),
        ("h1 >> p", "selectors.headline"),
        ("xpath://h1[", "selectors.headline"),
        ("xpath:///", "selectors.headline"),
        ("xpath:foo(", "selectors.headline"),
        ("p:nth-child(x)", "selectors.headline"),
    ],
)
def test_an_invalid_selector_names_the_entry_and_field(tmp_path, selector, field):
    toml = "[[source]]\n" + GOOD + f"[source.selectors]\nheadline = {selector!r}\n".replace("'", '"')
    line = _one_line(_run(tmp_path, toml.encode()))
    assert line.startswith(f"Error: source 'site': field '{field}' is not a valid selector"), line


@pytest.mark.parametrize(
    "domain",
    [
        ".",
        "",
        "..",
        ".com",
        "com",
        "*",
        "*.example.com",
        "a..b",
        "http://site.example",
        "site.example/x",
        "site example.com",
        "-bad.example",
        "site.example:0",
        "site.example:99999",
        "site.example:x",
    ],
)
def test_a_nonsense_allowed_domain_names_the_entry_and_field(tmp_path, domain):
    toml = "[[source]]\n" + GOOD + f"allowed_domains = [{domain!r}]\n".replace("'", '"')
    line = _one_line(_run(tmp_path, toml.encode()))
    assert line.startswith("Error: source 'site': field 'allowed_domains'"), line


@pytest.mark.parametrize(
    "domain",
    [
        "site.example",
        "www.site.example",
        "localhost",
        "127.0.0.1",
        "127.0.0.1:8080",
        "пример.рф",
        "xn--e1afmkfd.xn--p1ai",
    ],
)
def test_real_domains_are_accepted(tmp_path, domain):
    toml = "[[source]]\n" + GOOD + f"allowed_domains = [{domain!r}]\n".replace("'", '"')
    result = _run(tmp_path, toml.encode())
    assert result.exit_code == 0, result.output


def test_good_selectors_are_accepted(tmp_path):
    toml = (
        "[[source]]\n"
        + GOOD
        + '[source.selectors]\nheadline = "h1.title"\nbyline = "xpath://span[@class=\'by\']/text()"\n'
    )
    assert _run(tmp_path, toml.encode()).exit_code == 0
