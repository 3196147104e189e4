from __future__ import annotations

import careerladder
from careerladder import presets, testing


def test_all_is_exactly_the_public_api() -> None:
    assert len(set(careerladder.__all__)) == len(careerladder.__all__)
    # careerladder.testing needs hypothesis, so it is imported only on demand.
    public = {name for name in dir(careerladder) if not name.startswith("_") and name != "testing"}
    assert public == set(careerladder.__all__)


def test_submodules_export_what_they_document() -> None:
    assert presets.__all__ == ["load", "names"]
    assert testing.__all__ == [
        "assessments",
        "competencies",
        "grades",
        "ids",
        "ladders",
        "levels",
        "references",
        "roles",
    ]


def test_titles_are_public() -> None:
    for name in ("Rank", "Title", "TitleVocabulary", "parse_title"):
        assert name in careerladder.__all__
        assert getattr(careerladder, name).__module__ == "careerladder._titles"
    assert careerladder.__all__ == sorted(careerladder.__all__, key=_isort)


def _isort(name: str) -> tuple[int, str]:
    # Constants, then classes, then functions and modules, as ruff sorts __all__.
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)
