"""
What changed between two versions of a ladder.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Literal

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from ._ladder import Ladder
    from ._model import Move, Promotion

Kind = Literal["added", "removed", "changed", "reordered"]
Part = Literal["ladder", "competency", "role", "promotion", "move", "expectation", "reference"]


@attrs.frozen(kw_only=True)
class Change:
    """
    One difference between two ladders.

    Attributes:
        kind: ``added``, ``removed``, ``changed`` or ``reordered``.
        part: What changed: ``ladder`` (its id, name, description, scale or
            ignored lint codes), ``competency``, ``role`` (its grade, entry
            flag, level or any other field), ``promotion``, ``move`` (a
            lateral move), ``expectation`` or ``reference``.
        key: Which one: a competency, role or reference id, ``source ->
            target`` for a promotion or a move, ``role / competency`` for an
            expectation, or the ladder field's name.
        old: The value before (``None`` when added).
        new: The value after (``None`` when removed).

    Example:
        >>> Change(kind="added", part="role", key="vp", new="VP").describe()
        "added role 'vp'"

    .. versionadded:: 0.1.0
    """

    kind: Kind
    part: Part
    key: str
    old: Any = None
    new: Any = None

    def describe(self) -> str:
        """Say what changed in a short sentence."""
        return f"{self.kind} {self.part} {self.key!r}"

    def summary(self) -> str:
        """
        The change in a few words: the fields that changed, or what was added or removed.

        Example:
            >>> Change(kind="changed", part="ladder", key="name", old="A", new="B").summary()
            'value: A → B'
        """
        if self.kind == "changed":
            return "; ".join(f"{n}: {_short(o)} → {_short(w)}" for n, o, w in self.details())
        value = self.new if self.kind == "added" else self.old
        return getattr(value, "title", None) or getattr(value, "name", None) or ""

    def details(self) -> list[tuple[str, Any, Any]]:
        """The fields that differ, as ``(field, old, new)``; empty unless changed."""
        if self.kind != "changed":
            return []
        if attrs.has(type(self.old)):
            return [
                (field.name, getattr(self.old, field.name), getattr(self.new, field.name))
                for field in attrs.fields(type(self.old))
                if getattr(self.old, field.name) != getattr(self.new, field.name)
            ]
        return [("value", self.old, self.new)]


def _short(value: Any) -> str:  # noqa: ANN401 -- any field's value
    if value in ((), ""):
        return "(none)"
    text = ", ".join(map(str, value)) if isinstance(value, tuple) else str(value)
    return text if len(text) <= 80 else text[:77] + "..."


@attrs.frozen
class LadderDiff:
    """
    Every difference between two ladders; falsy when there is none.

    Roles, competencies and references are matched by id, promotions and
    lateral moves by their two roles, and expectations by role and competency.

    Example:
        >>> import attrs
        >>> from careerladder import diff, presets
        >>> old = presets.load("six-step")
        >>> raised = attrs.evolve(old.expectation("pm", "communication"), level=4)
        >>> new = old.add_expectation("pm", raised)
        >>> changes = diff(old, new)
        >>> bool(changes), len(changes)
        (True, 1)
        >>> print(changes.to_text())
        changed expectation 'pm / communication'
          level: 3 -> 4
        >>> bool(diff(old, old))
        False

    .. versionadded:: 0.1.0
    """

    changes: tuple[Change, ...]

    def __bool__(self) -> bool:
        """Whether anything changed."""
        return bool(self.changes)

    def __len__(self) -> int:
        """Return the number of changes."""
        return len(self.changes)

    def __iter__(self) -> Iterator[Change]:
        """Iterate over the changes."""
        return iter(self.changes)

    def to_text(self) -> str:
        """Render one line per change, with the fields that changed indented below."""
        if not self.changes:
            return "no changes"
        lines = []
        for change in self.changes:
            details = change.details()
            if [name for name, _, _ in details] == ["value"]:
                _, old, new = details[0]
                lines.append(f"{change.describe()}: {_short(old)} -> {_short(new)}")
                continue
            lines.append(change.describe())
            lines += [f"  {name}: {_short(old)} -> {_short(new)}" for name, old, new in details]
        return "\n".join(lines)

    def to_markdown(self) -> str:
        """
        Render as Markdown for a pull-request comment: a summary, then a table.

        Example:
            >>> from careerladder import diff, presets
            >>> old = presets.load("six-step")
            >>> print(diff(old, old.remove_role("cpo")).to_markdown())
            **2 changes** to the ladder: 1 role removed, 1 promotion removed.
            <BLANKLINE>
            | Change | What | Which | Details |
            |---|---|---|---|
            | removed | role | `cpo` | Chief Product Officer |
            | removed | promotion | `vp-product -> cpo` |  |
        """
        from ._display import diff_markdown  # noqa: PLC0415 -- rendering on demand

        return diff_markdown(self)

    def _repr_html_(self) -> str:
        """Show the changes as a table in Jupyter."""
        from ._display import diff_html  # noqa: PLC0415 -- rendering on demand

        return diff_html(self)

    def _repr_markdown_(self) -> str:
        """Show the changes as Markdown where HTML is not wanted."""
        return self.to_markdown()

    def to_json(self) -> list[dict[str, Any]]:
        """
        Return the changes as JSON-ready dictionaries.

        Each has ``kind``, ``part``, ``key`` and ``fields``: for a change, the
        fields that differ with their old and new values.
        """
        return [
            {
                "kind": change.kind,
                "part": change.part,
                "key": change.key,
                "fields": {
                    name: {"old": _plain(old), "new": _plain(new)}
                    for name, old, new in change.details()
                },
            }
            for change in self.changes
        ]


def _plain(value: Any) -> Any:  # noqa: ANN401 -- any field's value
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    try:
        json.dumps(value)
    except TypeError:
        return str(value)
    return value


def _matched(
    part: Part,
    old: dict[str, Any],
    new: dict[str, Any],
    changes: list[Change],
    *,
    ordered: bool = True,
) -> None:
    for key, value in old.items():
        if key not in new:
            changes.append(Change(kind="removed", part=part, key=key, old=value))
        elif new[key] != value:
            changes.append(Change(kind="changed", part=part, key=key, old=value, new=new[key]))
    changes += [
        Change(kind="added", part=part, key=key, new=value)
        for key, value in new.items()
        if key not in old
    ]
    before = [k for k in old if k in new]
    after = [k for k in new if k in old]
    if ordered and before != after:
        changes.append(
            Change(kind="reordered", part=part, key=f"{part}s", old=tuple(before), new=tuple(after))
        )


def _edges(
    part: Part,
    old: Iterable[Promotion | Move],
    new: Iterable[Promotion | Move],
    changes: list[Change],
) -> None:
    _matched(
        part,
        {f"{e.source} -> {e.target}": e for e in old},
        {f"{e.source} -> {e.target}": e for e in new},
        changes,
        ordered=False,  # promotions, moves and expectations are sets
    )


def diff(old: Ladder, new: Ladder) -> LadderDiff:
    """
    Return every difference between two versions of a ladder.

    The result is empty exactly when the ladders are equal.

    Example:
        >>> from careerladder import diff, presets
        >>> six = presets.load("six-step")
        >>> print(diff(six, six.remove_promotion("pm", "senior-pm")).to_text())
        removed promotion 'pm -> senior-pm'

    .. versionadded:: 0.1.0
    """
    changes: list[Change] = []
    for name in ("id", "name", "description", "scale", "promotion_rule", "ignore"):
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            changes.append(Change(kind="changed", part="ladder", key=name, old=before, new=after))
    _matched(
        "competency",
        {c.id: c for c in old.competencies},
        {c.id: c for c in new.competencies},
        changes,
    )

    def shallow(ladder: Ladder) -> dict[str, Any]:
        # Expectations are compared one by one below.
        return {role.id: attrs.evolve(role, expectations=()) for role in ladder.roles}

    _matched("role", shallow(old), shallow(new), changes)
    _edges("promotion", old.promotions, new.promotions, changes)
    _edges("move", old.moves, new.moves, changes)
    # The expectations of a role added or removed go with it, unlisted.
    kept = {r.id for r in old.roles} & {r.id for r in new.roles}
    _matched(
        "expectation",
        {f"{r.id} / {e.competency}": e for r in old.roles if r.id in kept for e in r.expectations},
        {f"{r.id} / {e.competency}": e for r in new.roles if r.id in kept for e in r.expectations},
        changes,
        ordered=False,
    )
    _matched(
        "reference",
        {r.id: r for r in old.references},
        {r.id: r for r in new.references},
        changes,
    )
    return LadderDiff(tuple(changes))
