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
    from ._model import PromotionRule, Role


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
        ready: Whether the person reaches the role under the ladder's
            `PromotionRule`: every expectation met (the default rule), most of
            them, or enough points. Never true for a role with nothing to
            judge it by (see *judged*).
        score: From 0 to 1: the share of the role's expected levels the person
            reaches, each level counted once; under the points rule, the share
            of the role's ``min_points`` earned.
        gaps: The expectations not met, largest shortfall first.
        met: The competencies whose expectation is met, in the role's order.
        person: Who was assessed, if known.
        demonstrated: The level the person shows in each competency the role
            expects (0 where not assessed). Left out of the hash, as it is a
            mapping.
        step: In `Ladder.next_steps`, the kind of step to the role:
            ``"promotion"`` or ``"move"`` (lateral, same level).
        rule: The kind of rule that decided: ``"all"``, ``"most"`` or
            ``"points"``.
        reason: Why, in words, where the rule is not "all" or there was
            nothing to judge by: ``"13 of 20 points"``, ``"24 points, 20 needed"``.
        judged: False when there was nothing to judge the role by (it expects
            nothing, or has no ``min_points`` under the points rule).
        points: Under the points rule, the points the person earns.
        ladder: The ladder the report was made on, where it is known; pictures
            use it for the competencies' names and the top of each scale. Not
            compared.

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
    step: str | None = None
    rule: str = "all"
    reason: str = ""
    judged: bool = True
    points: float | None = None
    ladder: Ladder | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def verdict(self) -> str:
        """
        ``ready``, ``not ready``, or ``not judged`` when there was nothing to judge by.

        Example:
            >>> from careerladder import Assessment, Ladder, Role
            >>> ladder = Ladder(id="l", name="L", roles=[Role(id="a", title="A", level=1)])
            >>> ladder.readiness(Assessment(levels={}), "a").verdict
            'not judged'
        """
        if not self.judged:
            return "not judged"
        return "ready" if self.ready else "not ready"

    def _headline(self) -> str:
        who = f"{self.person} for " if self.person else ""
        why = f"; {self.reason}" if self.reason else ""
        title = f"{who}{self.role.title}{_grade(self.role)}"
        return f"{title}: {self.verdict} (score {self.score:.2f}{why})"

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
        lines = [self._headline()]
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
        title = f"{who}{self.role.title}{_grade(self.role)}"
        rows = [
            f"**{title}**{self._headline().removeprefix(title)}",
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

        return plot_readiness(self, ax, ladder or self.ladder)

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

    __slots__ = ("expected", "ladder", "role", "rule", "total")

    def __init__(self, role: Role, ladder: Ladder) -> None:
        self.role = role
        self.ladder = ladder
        self.rule = ladder.promotion_rule
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
        return (reached / self.total if self.total else 0.0), gaps, met

    def judge(self, levels: Mapping[str, int]) -> _Verdict:
        """Compare *levels* with the role, and judge them by the ladder's rule."""
        score, gaps, met = self.compare(levels)
        rule = self.rule
        if rule.kind == "points":
            # Every competency earns points, whatever the role expects of it.
            last = len(rule.points) - 1
            total = float(sum(rule.points[min(level, last)] for level in levels.values()))
            needed = self.role.min_points
            if needed is None:
                reason = "nothing to judge by: the role has no min_points under the points rule"
                return _Verdict(
                    ready=False,
                    score=0.0,
                    gaps=gaps,
                    met=met,
                    reason=reason,
                    judged=False,
                    points=total,
                )
            score = min(total / needed, 1.0) if needed > 0 else 1.0
            # "13 of 20 points" short of the mark; "24 points, 20 needed" past it.
            reason = (
                f"{total:g} points, {needed:g} needed"
                if total > needed
                else f"{total:g} of {needed:g} points"
            )
            return _Verdict(total >= needed, score, gaps, met, reason, points=total)
        if not self.expected:
            reason = "nothing to judge by: the role expects nothing"
            return _Verdict(ready=False, score=0.0, gaps=gaps, met=met, reason=reason, judged=False)
        if rule.kind == "most":
            return _Verdict(
                _most(rule, len(gaps), len(met)),
                score,
                gaps,
                met,
                _most_reason(rule, len(met), len(self.expected)),
            )
        return _Verdict(not gaps, score, gaps, met, "")

    def assess(self, levels: Mapping[str, int], person: str | None) -> Readiness:
        verdict = self.judge(levels)
        return Readiness(
            role=self.role,
            ready=verdict.ready,
            score=verdict.score,
            gaps=tuple(Gap(competency=c, expected=e, actual=a) for c, e, a in verdict.gaps),
            met=tuple(verdict.met),
            person=person,
            demonstrated={competency: levels.get(competency, 0) for competency, _ in self.expected},
            rule=self.rule.kind,
            reason=verdict.reason,
            judged=verdict.judged,
            points=verdict.points,
            ladder=self.ladder,
        )

    def row(self, levels: Mapping[str, int], person: str | None) -> tuple[float, list[str]]:
        """The score and the CSV row of `write_readiness_csv`, with no objects between."""
        verdict = self.judge(levels)
        return verdict.score, csv_row(
            person,
            role=self.role.id,
            ready=_word(verdict.ready, judged=verdict.judged),
            score=verdict.score,
            gaps=(f"{c} {a}/{e}" for c, e, a in verdict.gaps),
            reason=verdict.reason,
        )


@attrs.frozen
class _Verdict:
    ready: bool
    score: float
    gaps: list[tuple[str, int, int]]
    met: list[str]
    reason: str
    judged: bool = True
    points: float | None = None
    ladder: Ladder | None = attrs.field(default=None, eq=False, repr=False)


def _most(rule: PromotionRule, unmet: int, met: int) -> bool:
    within = rule.allowed_gaps is None or unmet <= rule.allowed_gaps
    share = rule.min_share is None or met / (met + unmet) >= rule.min_share
    return within and share


def _most_reason(rule: PromotionRule, met: int, expected: int) -> str:
    needs = []
    if rule.allowed_gaps is not None:
        needs.append(f"at most {rule.allowed_gaps} unmet")
    if rule.min_share is not None:
        needs.append(f"at least {rule.min_share:.0%} met")
    return f"{met} of {expected} expectations met; the rule asks {' and '.join(needs)}"


def _shortfall(gap: tuple[str, int, int]) -> int:
    return gap[2] - gap[1]  # largest shortfall first


def _ranked(report: Readiness) -> tuple[int, float]:
    """Most ready first: ready, then by score; roles not judged last."""
    return (_RANKS[_word(report.ready, judged=report.judged)], -report.score)


def _word(ready: bool, *, judged: bool) -> str:
    """The verdict as the CSV report writes it."""
    return "yes" if ready else "no" if judged else "not judged"


#: Verdicts, most ready first.
_RANKS = {"yes": 0, "no": 1, "not judged": 2}


def readiness(ladder: Ladder, assessment: Assessment, role: RoleKey) -> Readiness:
    """Compare one person's *assessment* with what *role* of *ladder* expects."""
    target = ladder.role(role)
    plan = _Plan(target, ladder)
    return plan.assess(assessment.resolve(ladder), assessment.person)


def next_steps(ladder: Ladder, assessment: Assessment, current: RoleKey) -> tuple[Readiness, ...]:
    """The readiness for each role *current* leads to, most ready first."""
    levels = assessment.resolve(ladder)
    steps = [(r, "promotion") for r in ladder.next_roles(current)]
    steps += [(r, "move") for r in ladder.lateral_roles(current)]
    reports = [
        attrs.evolve(_Plan(r, ladder).assess(levels, assessment.person), step=kind)
        for r, kind in steps
    ]
    return tuple(sorted(reports, key=_ranked))


def best_fit(ladder: Ladder, assessment: Assessment, top: int = 3) -> tuple[Readiness, ...]:
    """
    The roles *assessment* fits best, on every track: where does the person sit?

    The roles the person is ready for come first, most senior first; then the
    closest ones not yet reached, by score and by what is missing; roles with
    nothing to judge them by are left out.
    """
    levels = assessment.resolve(ladder)
    reports = [_Plan(role, ladder).assess(levels, assessment.person) for role in ladder]
    return tuple(_fitting(reports)[:top])


def _fitting(reports: Iterable[Readiness]) -> list[Readiness]:
    """Reports in best-fit order, those not judged left out."""
    judged = [r for r in reports if r.judged]
    ready = sorted((r for r in judged if r.ready), key=lambda r: (-r.role.level, -r.score))
    closest = sorted(
        (r for r in judged if not r.ready),
        key=lambda r: (-r.score, sum(g.shortfall for g in r.gaps), r.role.level),
    )
    return ready + closest


def team_readiness(
    ladder: Ladder,
    assessments: Iterable[Assessment],
    *,
    role: RoleKey | None = None,
    current: RoleKey | None = None,
    best_fit: int | None = None,
) -> Iterator[Readiness]:
    """
    Yield the readiness of many people, one assessment at a time.

    With *role*, each person is compared with that role; with *current*, with
    each role *current* promotes or moves to, most ready first; with
    *best_fit*, each person's best-fitting roles, that many at most (see
    `Ladder.best_fit`); with none, with every role of the ladder, lowest
    first. Assessments are read as the result is iterated, so a team of any
    size fits in memory.

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
        if best_fit is not None:
            reports = _fitting(reports)[:best_fit]
        elif current is not None:
            reports.sort(key=_ranked)
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
            rows.sort(key=lambda row: (_RANKS[row[1][2]], -row[0]))
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
        else [*ladder.next_roles(current), *ladder.lateral_roles(current)]
        if current is not None
        else list(ladder)
    )
    plans = [_Plan(target, ladder) for target in targets]

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


#: What a spreadsheet program may run as a formula at the start of a cell.
_FORMULA_START = frozenset("=+-@\t\r")


def spreadsheet_text(text: str) -> str:
    """
    *text* as a CSV cell that no spreadsheet program runs as a formula.

    A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
    return gets a ``'`` in front, as OWASP recommends against CSV injection.

    Example:
        >>> spreadsheet_text("=HYPERLINK(0)"), spreadsheet_text("Ada")
        ("'=HYPERLINK(0)", 'Ada')
    """
    return "'" + text if text[:1] in _FORMULA_START else text


#: The columns of `write_readiness_csv`.
CSV_COLUMNS = ("person", "role", "ready", "score", "missing")


def write_readiness_csv(reports: Iterable[Readiness], stream: TextIO) -> int:
    """
    Write readiness reports as CSV rows, as they come; return how many.

    The columns are ``person``, ``role`` (its id), ``ready`` (``yes``, ``no``
    or ``not judged``), ``score`` (to three decimals) and ``missing`` (the
    rule's reason where there is one, then each gap as ``competency
    actual/expected``, separated by ``;``). A person's name
    that a spreadsheet program would run as a formula (it starts with ``=``,
    ``+``, ``-``, ``@``, a tab or a carriage return) is written after a ``'``.

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
        writer.writerow(
            csv_row(
                report.person,
                role=report.role.id,
                ready=_word(report.ready, judged=report.judged),
                score=report.score,
                gaps=(f"{g.competency} {g.actual}/{g.expected}" for g in report.gaps),
                reason=report.reason,
            )
        )
        count += 1
    return count


def csv_row(  # noqa: PLR0913 -- the columns of one row
    person: str | None,
    *,
    role: str,
    ready: str,
    score: float,
    gaps: Iterable[str],
    reason: str,
) -> list[str]:
    """
    One row of the readiness CSV report.

    ``missing`` holds the rule's reason first, where there is one (``13 of 20
    points``), then each gap.
    """
    missing = ";".join([reason, *gaps] if reason else gaps)
    return [spreadsheet_text(person or ""), role, ready, f"{score:.3f}", missing]
