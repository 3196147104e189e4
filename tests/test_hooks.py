"""The pre-commit hook the repository ships: its default pattern catches ladders only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

HOOKS = Path(__file__).parent.parent / ".pre-commit-hooks.yaml"


def pattern() -> re.Pattern[str]:
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert hook["id"] == "careerladder-validate"
    return re.compile(hook["files"])


@pytest.mark.parametrize(
    "path",
    [
        "pyproject.toml",
        "package.json",
        "package-lock.json",
        "tsconfig.json",
        ".pre-commit-config.yaml",
        ".pre-commit-hooks.yaml",
        ".github/workflows/ci.yml",
        ".github/workflows/release.yaml",
        ".github/dependabot.yml",
        ".gitlab-ci.yml",
        "docker-compose.yml",
        "mkdocs.yml",
        ".readthedocs.yaml",
        "Cargo.toml",
        "config/settings.yaml",
        "deploy/helm/values.yaml",
        "src/app/data.json",
        "ladders/README.md",
        "ladders/matrix.xlsx",
        "myladders/x.yaml",
        "docs/ladder.md",
    ],
)
def test_the_hook_leaves_other_files_alone(path: str) -> None:
    # pre-commit matches the pattern with re.search against the path from the repository root.
    assert pattern().search(path) is None


@pytest.mark.parametrize(
    "path",
    [
        "ladders/engineering.yaml",
        "ladders/product.yml",
        "ladders/design.toml",
        "ladders/data.json",
        "ladders/product.case.json",
        "ladders/2024/engineering.yaml",
        "hr/ladders/engineering.yaml",
        "engineering.ladder.yaml",
        "people/product.ladder.yml",
        "people/design.ladder.toml",
        "people/data.ladder.json",
    ],
)
def test_the_hook_checks_ladders(path: str) -> None:
    assert pattern().search(path) is not None


def test_the_ci_page_shows_the_pattern() -> None:
    page = (HOOKS.parent / "docs" / "ci.md").read_text(encoding="utf-8")
    assert f"\n{pattern().pattern}\n" in page
