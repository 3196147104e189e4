"""
Problems found in a ladder, and the one exception that carries them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable  # noqa: TC003 -- attrs reads the annotations
from typing import Any, Literal, TypeAlias

import attrs

Severity = Literal["error", "warning"]

DocPath: TypeAlias = tuple[Any, ...]
"""Keys and indexes from a document's root: ``("roles", 3, "expectations", "communication")``.

Keys are usually strings, but a YAML key may be any plain value."""


def _doc_path(value: str | Iterable[Any]) -> DocPath:
    # A path may be given as it is printed, for convenience.
    return parse_path(value) if isinstance(value, str) else tuple(value)


@attrs.frozen(kw_only=True, order=False)
class Problem:
    """
    One thing wrong with a ladder, and where it is.

    Attributes:
        severity: ``"error"`` for a broken invariant, ``"warning"`` for a lint.
        code: A stable short name for the kind of problem, such as
            ``unknown-competency``; safe to match on in scripts.
        message: What is wrong, where, and what would be right.
        path: Where in the document: the keys and indexes from its root, such
            as ``("roles", 3, "expectations", "communication")``. It may be
            given as it is printed, ``"roles[3].expectations.communication"``;
            ``format_path`` prints it.
        file: The file the problem was found in, when the ladder came from one.
        line: 1-based line in *file*, where known.
        column: 1-based column in *file*, where known.

    Example:
        >>> problem = Problem(
        ...     severity="error",
        ...     code="unknown-role",
        ...     message="unknown role 'cpo' in promotions[0].target",
        ...     path="promotions[0].target",
        ... )
        >>> problem.path
        ('promotions', 0, 'target')
        >>> print(problem)
        error unknown-role: unknown role 'cpo' in promotions[0].target
        >>> print(attrs.evolve(problem, file="acme.yaml", line=12, column=5))
        acme.yaml:12:5: error unknown-role: unknown role 'cpo' in promotions[0].target

    .. versionadded:: 0.1.0
    """

    severity: Severity = "error"
    code: str
    message: str
    path: DocPath = attrs.field(default=(), converter=_doc_path)
    file: str | None = None
    line: int | None = None
    column: int | None = None

    @property
    def location(self) -> str:
        """
        ``file:line:column`` as far as it is known; empty when nothing is.

        Example:
            >>> Problem(code="x", message="m", file="a.yaml", line=3).location
            'a.yaml:3'
        """
        parts = [str(p) for p in (self.file, self.line, self.column) if p is not None]
        return ":".join(parts)

    def __str__(self) -> str:
        """Render as ``file:line:column: severity code: message``."""
        location = self.location
        prefix = f"{location}: " if location else ""
        return f"{prefix}{self.severity} {self.code}: {self.message}"


def by_place(problem: Problem) -> tuple[str, int, int]:
    """Order problems by file, line and column; unlocated ones first, in turn."""
    return (problem.file or "", problem.line or 0, problem.column or 0)


class LadderError(ValueError):
    """
    A ladder, or the file it came from, is invalid.

    The one base exception for every invalid ladder or config. It carries
    **every** problem found, not only the first; ``str(error)`` lists them one
    per line.

    Args:
        problems: The problems found (at least one), a single `Problem`, or a
            message, which becomes one problem with the code ``invalid``.

    Attributes:
        problems: The problems, sorted by file, line and column.

    Example:
        >>> error = LadderError(
        ...     [
        ...         Problem(code="duplicate-id", message="duplicate role id 'pm' in roles[1].id"),
        ...         Problem(
        ...             code="unknown-role", message="unknown role 'vp' in promotions[0].target"
        ...         ),
        ...     ]
        ... )
        >>> print(error)
        error duplicate-id: duplicate role id 'pm' in roles[1].id
        error unknown-role: unknown role 'vp' in promotions[0].target
        >>> [p.code for p in error.problems]
        ['duplicate-id', 'unknown-role']
        >>> isinstance(error, ValueError)
        True
        >>> print(LadderError("the ladder has no roles"))
        error invalid: the ladder has no roles

    .. versionadded:: 0.1.0
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: str | Problem | Iterable[Problem]) -> None:
        if isinstance(problems, str):
            problems = Problem(code="invalid", message=problems)
        found = (problems,) if isinstance(problems, Problem) else tuple(problems)
        if not found:
            msg = "LadderError needs at least one problem"
            raise TypeError(msg)
        self.problems = tuple(sorted(found, key=by_place))
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[LadderError], tuple[tuple[Problem, ...]]]:
        # Keep the problems when the error is pickled (multiprocessing, caches).
        return (type(self), (self.problems,))


def fail(  # noqa: PLR0913 -- the fields of one problem
    code: str,
    message: str,
    *,
    path: str | Iterable[Any] = (),
    file: str | None = None,
    line: int | None = None,
    column: int | None = None,
) -> LadderError:
    """
    The error of one problem: the common case, in one call.

    Example:
        >>> print(fail("unknown-role", "no role 'cpo'", file="a.yaml", line=2, column=3))
        a.yaml:2:3: error unknown-role: no role 'cpo'
    """
    return LadderError(
        Problem(code=code, message=message, path=path, file=file, line=line, column=column)
    )


def hint(word: str, candidates: Iterable[str], otherwise: str) -> str:
    """
    Suggest the closest candidate, else list a few, else say *otherwise*.

    Example:
        >>> hint("vp", ["pm", "senior-pm"], "add it")
        '; expected one of: pm, senior-pm'
        >>> hint("senior-pn", ["pm", "senior-pm"], "add it")
        "; did you mean 'senior-pm'?"
        >>> hint("x", [], "add it")
        '; add it'
    """
    known = sorted({c for c in candidates if c})
    if found := suggest(word, known):
        return found
    if 0 < len(known) <= 8:
        return f"; expected one of: {', '.join(known)}"
    return f"; {otherwise}"


class Hints:
    """
    `hint`, at most *budget* times; then only *otherwise*.

    A hostile document can hold thousands of misspelt ids, each compared with
    thousands of candidates: suggestions stop after the first few, so the work
    stays linear in the document.

    Example:
        >>> hints = Hints(budget=1)
        >>> hints("senior-pn", ["pm", "senior-pm"], "add it"), hints("pn", ["pm"], "add it")
        ("; did you mean 'senior-pm'?", '; add it')
    """

    def __init__(self, budget: int = 50) -> None:
        self.left = budget

    def __call__(self, word: str, candidates: Iterable[str], otherwise: str) -> str:
        """Suggest as `hint` does, while the budget lasts."""
        if self.left <= 0:
            return f"; {otherwise}"
        self.left -= 1
        return hint(word, candidates, otherwise)


def format_path(parts: Iterable[object]) -> str:
    """
    Write a document path the way problems show it.

    Example:
        >>> format_path(["roles", 3, "expectations", "communication"])
        'roles[3].expectations.communication'
        >>> format_path(["references", "a key"])
        "references['a key']"
        >>> format_path(["Roles!B3"])
        'Roles!B3'
    """
    parts = tuple(parts)
    if len(parts) == 1 and isinstance(parts[0], str):
        return parts[0]  # a lone key (or a cell, such as Roles!B3) reads as it is
    out = ""
    for part in parts:
        if not isinstance(part, str | int) or isinstance(part, bool):
            out += f"[{part!r}]"  # a YAML key that is null, a boolean or a number
            continue
        if isinstance(part, str) and len(part) > _LONG_KEY:
            part = part[: _LONG_KEY - 3] + "..."  # noqa: PLW2901 -- a path stays readable
        if isinstance(part, int):
            out += f"[{part}]"
        elif _PLAIN_KEY.match(part):
            out += f".{part}" if out else part
        else:
            out += f"[{part!r}]"
    return out


_PATH_PART = re.compile(r"\.?([^.\[\]]+)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]")


def parse_path(text: str) -> DocPath:
    """
    Read a path as `format_path` writes it.

    Example:
        >>> parse_path("roles[3].expectations.communication")
        ('roles', 3, 'expectations', 'communication')
        >>> parse_path("references['a key']")
        ('references', 'a key')
    """
    return tuple(
        int(index) if index else key or quoted for key, index, quoted in _PATH_PART.findall(text)
    )


def quote(value: object) -> str:
    """
    Quote a value for a message, shortening a long string.

    Example:
        >>> quote("pm"), quote(3)
        ("'pm'", '3')
        >>> print(quote("x" * 100))
        'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' (100 characters)
    """
    if isinstance(value, str) and len(value) > _SHOWN:
        return f"{value[: _SHOWN - 12] + '...'!r} ({len(value):,} characters)"
    return repr(value)


_PLAIN_KEY = re.compile(r"[A-Za-z0-9_$-]+\Z")
#: Longer keys are shortened in paths.
_LONG_KEY = 60
#: Longer strings are shortened when a message quotes them.
_SHOWN = 60
#: Words longer than this get no suggestion: nobody mistypes a paragraph.
_LONGEST = 100
#: Above this many candidates, suggestions consider only similar ones.
_MANY = 2_000


def suggest(word: str, candidates: Iterable[str]) -> str:
    """
    Return ``"; did you mean 'x'?"`` for the closest candidate, or ``""``.

    Example:
        >>> suggest("influense", ["influence", "execution"])
        "; did you mean 'influence'?"
        >>> suggest("zzz", ["influence"])
        ''
    """
    found = close_match(word, candidates)
    return f"; did you mean {found!r}?" if found is not None else ""


def close_match(word: str, candidates: Iterable[str]) -> str | None:
    """
    The candidate closest to *word*, if one is close enough to be a misspelling.

    Example:
        >>> close_match("titel", ["title", "level"])
        'title'
    """
    folded = word.casefold()
    if len(folded) > _LONGEST:
        return None
    by_folded = {c.casefold(): c for c in candidates}
    if len(by_folded) > _MANY:
        # Comparing with every id of a huge ladder costs seconds per typo:
        # compare only with ids that start alike and are about as long.
        by_folded = {
            c: original
            for c, original in by_folded.items()
            if c[:1] == folded[:1] and abs(len(c) - len(folded)) <= 2
        }
    import difflib  # noqa: PLC0415 -- only when something is misspelt

    matches = difflib.get_close_matches(folded, by_folded, n=1, cutoff=0.6)
    return by_folded[matches[0]] if matches else None
