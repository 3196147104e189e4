"""
Readiness: how far one person's assessment is from what a role expects.
"""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, TextIO, cast

import attrs

from ._assessment import plain_levels
from ._problems import LadderError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    from matplotlib.axes import Axes

    from ._assessment import Assessment
    from ._ladder import Ladder, RoleKey
    from ._model import Role


@attrs.frozen(kw_only=True)
class Gap:
    """
    One expectation a person does not meet yet.

    Attributes:
        competency: The competency's id.
        expected: The level the role expects.
        actual: The level the person demonstrates; 0 if not assessed.

    Example:
        >>> Gap(competency="communication", expected=4, actual=2).shortfall
        2

    .. versionadded:: 0.1.0
    """

    competency: str
    expected: int
    actual: int

    @property
    def shortfall(self) -> int:
        """How many levels are missing."""
        return self.expected - self.actual


@attrs.frozen(kw_only=True)
class Readiness:
    """
    How ready one person is for one role.

    Attributes:
        role: The role assessed against.
        ready: Whether every expectation of the role is met.
        score: From 0 to 1: the share of the role's expected levels the person
            reaches, each level counted once (1 when the role expects nothing).
        gaps: The expectations not met, largest shortfall first.
        met: The competencies whose expectation is met, in the role's order.
        person: Who was assessed, if known.
        demonstrated: The level the person shows in each competency the role
            expects (0 where not assessed). Left out of the hash, as it is a
            mapping.
        step: In `Ladder.next_steps`, the kind of step to the role:
            ``"promotion"`` or ``"move"`` (lateral, same level).

    Example:
        >>> from careerladder import Assessment, presets
        >>> ladder = presets.load("six-step")
        >>> ada = Assessment(levels={"communication": 3, "leadership": 2}, person="Ada")
        >>> report = ladder.readiness(ada, "pm")
        >>> report.ready, round(report.score, 2)
        (False, 0.12)
        >>> report.gaps[0]
        Gap(competency='strategic-thinking', expected=3, actual=0)

    .. versionadded:: 0.1.0
    """

    role: Role
    ready: bool
    score: float
    gaps: tuple[Gap, ...]
    met: tuple[str, ...]
    person: str | None = None
    demonstrated: Mapping[str, int] = attrs.field(factory=dict, hash=False)
    #: From `Ladder.next_steps`: ``"promotion"`` or ``"move"`` (a lateral move).
    step: str | None = None

    def to_text(self) -> str:
        """
        Render as plain text: the verdict, then what is met and what is missing.

        Example:
            >>> from careerladder import Assessment, presets
            >>> ladder = presets.load("six-step")
            >>> levels = {e.competency: e.level for e in ladder.role("apm").expectations}
            >>> levels["communication"] = 1
            >>> print(ladder.readiness(Assessment(levels=levels, person="Bo"), "apm").to_text())
            Bo for Associate Product Manager: not ready (score 0.94)
            missing: communication 1 of 2 (1 short)
            met: collaboration-influence, decision-making, customer-focus, data-analysis, business-acumen, continuous-learning, product-execution, problem-solving
        """  # noqa: E501
        who = f"{self.person} for " if self.person else ""
        verdict = "ready" if self.ready else "not ready"
        lines = [f"{who}{self.role.title}{_grade(self.role)}: {verdict} (score {self.score:.2f})"]
        if self.gaps:
            lines.append("missing: " + ", ".join(_gap_text(g) for g in self.gaps))
        if self.met:
            lines.append("met: " + ", ".join(self.met))
        return "\n".join(lines)

    def to_markdown(self) -> str:
        """
        Render as a Markdown table of every expectation of the role.

        Example:
            >>> from careerladder import Assessment, presets
            >>> ladder = presets.load("six-step")
            >>> report = ladder.readiness(Assessment(levels={"communication": 4}), "cpo")
            >>> print(report.to_markdown().splitlines()[0])
            **Chief Product Officer**: not ready (score 0.06)
        """
        who = f"{self.person} for " if self.person else ""
        verdict = "ready" if self.ready else "not ready"
        rows = [
            f"**{who}{self.role.title}{_grade(self.role)}**: {verdict} (score {self.score:.2f})",
            "",
            "| Competency | Expected | Demonstrated | Missing |",
            "|---|---|---|---|",
        ]
        gaps = {gap.competency: gap for gap in self.gaps}
        for expectation in self.role.expectations:
            gap = gaps.get(expectation.competency)
            actual = self.demonstrated.get(expectation.competency, gap.actual if gap else "met")
            missing = str(gap.shortfall) if gap else ""
            rows.append(
                f"| {expectation.competency} | {expectation.level} | {actual} | {missing} |"
            )
        return "\n".join(rows)

    def plot(self, ax: Axes | None = None, *, ladder: Ladder | None = None) -> Axes:
        """
        Draw expected against demonstrated levels with matplotlib (the ``plot`` extra).

        One pair of bars per expectation of the role: the expected level, and
        the demonstrated one in green where it is met and red where it falls
        short.

        Args:
            ax: The axes to draw on; by default a new figure sized to fit.
            ladder: The ladder the report was made on: rows then show the
                competencies' names, and the level axis runs to the top of its
                scale (without it: the ids, and the default scale's top).

        Returns:
            The axes drawn on.

        Example:
            >>> from careerladder import Assessment, presets
            >>> ladder = presets.load("six-step")
            >>> report = ladder.readiness(Assessment(levels={"communication": 3}), "apm")
            >>> ax = report.plot()
            >>> len(ax.get_yticklabels()) == len(report.role.expectations)
            True

        .. versionadded:: 0.1.0
        """
        from ._plot import plot_readiness  # noqa: PLC0415 -- an optional extra

        return plot_readiness(self, ax, ladder)

    def _repr_html_(self) -> str:
        """Show the report as a table in Jupyter."""
        from ._display import readiness_html  # noqa: PLC0415 -- rendering on demand

        return readiness_html(self)

    def _repr_markdown_(self) -> str:
        """Show the report as Markdown where HTML is not wanted."""
        return self.to_markdown()

    def __str__(self) -> str:
        """Render as `to_text` does."""
        return self.to_text()


def _grade(role: Role) -> str:
    return f" ({role.grade})" if role.grade else ""


def _gap_text(gap: Gap) -> str:
    # 0 is both "not assessed" and "not yet": said as the number, as the CSV report says it.
    return f"{gap.competency} {gap.actual} of {gap.expected} ({gap.shortfall} short)"


class _Plan:
    """What one role expects, laid out once for comparing many people with it."""

    __slots__ = ("expected", "role", "total")

    def __init__(self, role: Role) -> None:
        self.role = role
        self.expected = [(e.competency, e.level) for e in role.expectations]
        self.total = sum(level for _, level in self.expected)

    def compare(
        self, levels: Mapping[str, int]
    ) -> tuple[float, list[tuple[str, int, int]], list[str]]:
        """The score, the gaps as ``(competency, expected, actual)`` and the met competencies."""
        gaps = []
        met = []
        reached = 0
        get = levels.get
        for competency, expected in self.expected:
            actual = get(competency, 0)
            if actual < expected:
                gaps.append((competency, expected, actual))
                reached += actual
            else:
                met.append(competency)
                reached += expected
        gaps.sort(key=_shortfall)
        return (reached / self.total if self.total else 1.0), gaps, met

    def assess(self, levels: Mapping[str, int], person: str | None) -> Readiness:
        score, gaps, met = self.compare(levels)
        return Readiness(
            role=self.role,
            ready=not gaps,
            score=score,
            gaps=tuple(Gap(competency=c, expected=e, actual=a) for c, e, a in gaps),
            met=tuple(met),
            person=person,
            demonstrated={competency: levels.get(competency, 0) for competency, _ in self.expected},
        )

    def row(self, levels: Mapping[str, int], person: str | None) -> tuple[float, list[str]]:
        """The score and the CSV row of `write_readiness_csv`, with no objects between."""
        score, gaps, _ = self.compare(levels)
        missing = ";".join(f"{c} {a}/{e}" for c, e, a in gaps)
        return score, [person or "", self.role.id, "no" if gaps else "yes", f"{score:.3f}", missing]


def _shortfall(gap: tuple[str, int, int]) -> int:
    return gap[2] - gap[1]  # largest shortfall first


def assess(role: Role, levels: Mapping[str, int], person: str | None) -> Readiness:
    """Compare resolved *levels* with what *role* expects."""
    return _Plan(role).assess(levels, person)


def readiness(ladder: Ladder, assessment: Assessment, role: RoleKey) -> Readiness:
    """Compare one person's *assessment* with what *role* of *ladder* expects."""
    target = ladder.role(role)
    return assess(target, assessment.resolve(ladder), assessment.person)


def next_steps(ladder: Ladder, assessment: Assessment, current: RoleKey) -> tuple[Readiness, ...]:
    """The readiness for each role *current* leads to, most ready first."""
    levels = assessment.resolve(ladder)
    steps = [(r, "promotion") for r in ladder.next_roles(current)]
    steps += [(r, "move") for r in ladder.lateral_roles(current)]
    reports = [attrs.evolve(assess(r, levels, assessment.person), step=kind) for r, kind in steps]
    return tuple(sorted(reports, key=lambda report: -report.score))


def team_readiness(
    ladder: Ladder,
    assessments: Iterable[Assessment],
    *,
    role: RoleKey | None = None,
    current: RoleKey | None = None,
) -> Iterator[Readiness]:
    """
    Yield the readiness of many people, one assessment at a time.

    With *role*, each person is compared with that role; with *current*, with
    each role *current* promotes to, most ready first; with neither, with
    every role of the ladder, lowest first. Assessments are read as the result
    is iterated, so a team of any size fits in memory.

    Raises:
        LadderError: If an assessment names a competency the ladder does not
            measure, or a level off its scale; the message names the person.

    Example:
        >>> from careerladder import iter_assessments, presets, team_readiness
        >>> ladder = presets.load("six-step")
        >>> people = iter_assessments("examples/assessments/team.csv")
        >>> [
        ...     (r.person, r.role.id, round(r.score, 2))
        ...     for r in team_readiness(ladder, people, role="pm")
        ... ]
        [('Ada', 'pm', 0.28), ('Grace', 'pm', 0.19), ('Linus', 'pm', 0.12)]

    .. versionadded:: 0.1.0
    """
    for plans, levels, person in _team(ladder, assessments, role, current):
        reports = [plan.assess(levels, person) for plan in plans]
        if current is not None:
            reports.sort(key=lambda report: -report.score)
        yield from reports


def team_csv(  # noqa: PLR0913 -- internal; every option is keyword-only
    ladder: Ladder,
    assessments: Iterable[Assessment],
    stream: TextIO,
    *,
    role: RoleKey | None = None,
    current: RoleKey | None = None,
    checked: bool = False,
) -> int:
    """
    Write what `write_readiness_csv` writes for `team_readiness`, faster.

    The rows are made straight from the comparison, without the report
    objects in between; a team of 100,000 people is five million levels.
    *checked* says the assessments were read against *ladder*, so that
    their levels are known to be numbers on its scale.
    """
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for plans, levels, person in _team(ladder, assessments, role, current, checked=checked):
        rows = [plan.row(levels, person) for plan in plans]
        if current is not None:
            rows.sort(key=lambda row: -row[0])
        writer.writerows(row for _, row in rows)
        count += len(rows)
    return count


def _team(
    ladder: Ladder,
    assessments: Iterable[Assessment],
    role: RoleKey | None,
    current: RoleKey | None,
    *,
    checked: bool = False,
) -> Iterator[tuple[list[_Plan], Mapping[str, int], str | None]]:
    """Each person's checked levels, with the plans of the roles to compare them with."""
    if role is not None and current is not None:
        msg = "give role or current, not both"
        raise TypeError(msg)
    targets = (
        [ladder.role(role)]
        if role is not None
        else list(ladder.next_roles(current))
        if current is not None
        else list(ladder)
    )
    plans = [_Plan(target) for target in targets]

    if checked:
        for assessment in assessments:
            yield plans, cast("Mapping[str, int]", assessment.levels), assessment.person
        return
    for assessment in assessments:
        levels = assessment.levels
        # Most assessments hold only known competencies at numeric levels: check
        # that in bulk, and resolve names (or report problems) only otherwise.
        if plain_levels(levels, ladder):
            resolved = cast("Mapping[str, int]", levels)
        else:
            resolved = _levels_of(assessment, ladder)
        yield plans, resolved, assessment.person


def _levels_of(assessment: Assessment, ladder: Ladder) -> dict[str, int]:
    try:
        return assessment.resolve(ladder)
    except LadderError as error:
        who = f"the assessment of {assessment.person!r}" if assessment.person else "the assessment"
        raise LadderError(
            attrs.evolve(p, message=f"{p.message} ({who})") for p in error.problems
        ) from None


#: The columns of `write_readiness_csv`.
CSV_COLUMNS = ("person", "role", "ready", "score", "missing")


def write_readiness_csv(reports: Iterable[Readiness], stream: TextIO) -> int:
    """
    Write readiness reports as CSV rows, as they come; return how many.

    The columns are ``person``, ``role`` (its id), ``ready`` (``yes`` or
    ``no``), ``score`` (to three decimals) and ``missing`` (each gap as
    ``competency actual/expected``, separated by ``;``).

    Example:
        >>> import io
        >>> from careerladder import Assessment, presets, team_readiness, write_readiness_csv
        >>> ladder = presets.load("six-step")
        >>> out = io.StringIO()
        >>> people = [Assessment(levels={"communication": 2}, person="Bo")]
        >>> write_readiness_csv(team_readiness(ladder, people, role="apm"), out)
        1
        >>> print(out.getvalue().splitlines()[1][:59])
        Bo,apm,no,0.118,collaboration-influence 0/2;decision-making
    """
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for report in reports:
        missing = ";".join(f"{g.competency} {g.actual}/{g.expected}" for g in report.gaps)
        writer.writerow(
            [
                report.person or "",
                report.role.id,
                "yes" if report.ready else "no",
                f"{report.score:.3f}",
                missing,
            ]
        )
        count += 1
    return count
