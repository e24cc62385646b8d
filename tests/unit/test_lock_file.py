"""requirements.lock (what make install installs) pins every dependency pyproject.toml names, with hashes.

`make install` installs the lock with --require-hashes and mediamon itself with --no-deps: a dependency
added to pyproject.toml without `make lock` would be missing from every install, and this test says so.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")


def lock_pins(text: str) -> dict[str, tuple[Version, int]]:
    """Name -> (pinned version, number of hashes) of every requirement in a pip-compile lock."""
    pins: dict[str, tuple[Version, int]] = {}
    name = None
    for line in text.splitlines():
        if match := PIN.match(line):
            name = canonicalize_name(match.group(1))
            pins[name] = (Version(match.group(2)), 0)
        elif name is not None and line.strip().startswith("--hash=sha256:"):
            version, hashes = pins[name]
            pins[name] = (version, hashes + 1)
        elif not line.startswith(" "):
            name = None
    return pins


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    names = [*project["project"]["dependencies"], *project["project"]["optional-dependencies"]["dev"]]
    return [Requirement(r) for r in [*names, *project["build-system"]["requires"]]]


def test_every_declared_dependency_is_pinned_within_its_bounds_with_hashes() -> None:
    pins = lock_pins((ROOT / "requirements.lock").read_text(encoding="utf-8"))
    for requirement in declared():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement} is not in requirements.lock: run make lock"
        version, hashes = pins[name]
        assert requirement.specifier.contains(version, prereleases=True), f"{name}=={version} outside {requirement}"
        assert hashes > 0, f"{name} has no hash"
    assert all(hashes > 0 for _, hashes in pins.values())


def test_the_reader_sees_a_missing_pin_and_a_missing_hash() -> None:
    text = "alembic==1.20.1 \\\n    --hash=sha256:ab\n    # via mediamon\nclick==8.5.1\n"
    assert lock_pins(text) == {"alembic": (Version("1.20.1"), 1), "click": (Version("8.5.1"), 0)}
