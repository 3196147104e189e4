"""
Which rung of one ladder is which rung of another.

The same title means different things at different companies, and different
titles can name the same rung. A match weighs what a person comparing two
ladders would look at: the titles as `parse_title` reads them (function and
seniority), the track, the position on what each ladder covers, the grades,
and how alike the expectations are over the competencies both ladders rate.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import TYPE_CHECKING

import attrs

from ._titles import Title, TitleVocabulary, parse_title

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ._ladder import Ladder
    from ._model import Role

#: How much each signal counts, before renormalizing over the ones available.
WEIGHTS = {"title": 0.35, "track": 0.2, "position": 0.25, "grade": 0.2, "profile": 0.2}

#: Below this score a role has no equivalent.
DEFAULT_MIN_SCORE = 0.5

#: A score is multiplied by this when the two titles name different functions.
DIFFERENT_FUNCTIONS = 0.5

#: A score is multiplied by this when the two roles are on different tracks.
DIFFERENT_TRACKS = 0.8

#: Seniority ranks this far apart (on the scale shared by both tracks) are unalike.
_RANK_SPAN = 3.0

#: Grades of one system this far apart are unalike: one grade apart is a third alike.
_GRADE_SPAN = 1.5

#: Shared competencies at which the expectation profile counts half its weight.
_HALF_WEIGHT_AT = 3

_TIE = 1e-9
_WORD = re.compile(r"[a-z0-9]+")
_GRADE = re.compile(r"([a-z]*)\s*(\d+(?:\.\d+)?)")


@attrs.frozen(kw_only=True)
class RoleMatch:
    """
    How well a role of one ladder matches a role of another.

    Attributes:
        source: The role of the first ladder.
        target: The role of the second.
        score: From 0 to 1; 1 for the same title, track, position and
            expectations.
        reasons: Why, in words: titles, track, position, grades,
            expectation profile, and a tie if there is one.
        tied: Whether another role of the second ladder has the same best
            score for *source*: neither is the answer alone.

    Example:
        >>> from careerladder import map_roles, presets
        >>> matches = map_roles(presets.load("six-step"), presets.load("seven-step-gpm"))
        >>> best = matches["director-product"][0]
        >>> best.target.id, best.reasons[0], best.tied
        ('director-product', "same title 'Director of Product'", False)

    .. versionadded:: 0.1.0
    """

    source: Role
    target: Role
    score: float
    reasons: tuple[str, ...]
    tied: bool = False


class RoleMapping(dict[str, tuple[RoleMatch, ...]]):
    """
    What `map_roles` returns: each role id of the first ladder with its matches, best first.

    A plain `dict` that also renders itself: as a table in Jupyter, and as
    Markdown, each role with its best matches, or "no equivalent".

    Example:
        >>> from careerladder import map_roles, presets
        >>> mapping = map_roles(presets.load("six-step"), presets.load("seven-step-gpm"))
        >>> print(mapping.to_markdown(top=1).splitlines()[2])
        | Associate Product Manager | Associate Product Manager (apm) | 1.00 | same title 'Associate Product Manager'; both IC; rung 1 of 6 here, rung 1 of 7 there; both associates; expectations 100% alike over 6 shared competencies |

    .. versionadded:: 0.1.0
    """  # noqa: E501

    __slots__ = ("sources",)

    def __init__(self, sources: Iterable[Role] = ()) -> None:
        """Start empty, knowing the roles of the first ladder by id."""
        super().__init__()
        #: The roles of the first ladder, by id.
        self.sources: dict[str, Role] = {role.id: role for role in sources}

    def to_markdown(self, top: int = 2) -> str:
        """Render the best *top* matches of each role as a Markdown table."""
        from ._display import mapping_markdown  # noqa: PLC0415 -- rendering on demand

        return mapping_markdown(self, top)

    def _repr_html_(self) -> str:
        """Show the best two matches of each role as a table in Jupyter."""
        from ._display import mapping_html  # noqa: PLC0415 -- rendering on demand

        return mapping_html(self)

    def _repr_markdown_(self) -> str:
        """Show the best two matches of each role as Markdown."""
        return self.to_markdown()


@attrs.frozen(kw_only=True)
class _Rung:
    """What the mapping knows of one role on its ladder."""

    role: Role
    titles: tuple[Title, ...]  # the title, then each alias
    function: str | None
    track: str | None
    rank: float | None  # on the shared seniority scale; estimated from neighbours if need be
    position: float  # 0 at the lowest whole level, 1 at the highest
    step: float  # whole rungs from the lowest, a decimal level in between
    rung: int  # 1 for the lowest distinct level
    rungs: int


def _track_name(track: str) -> str:
    return "IC" if track == "ic" else track


def _index(ladder: Ladder, words: TitleVocabulary) -> dict[str, _Rung]:
    roles = list(ladder)
    titles = {r.id: tuple(parse_title(t, vocabulary=words) for t in r.titles) for r in roles}
    # A ladder's own function fills in for titles that name none ("Senior Director").
    counts = Counter(t[0].function for t in titles.values() if t[0].function).most_common(2)
    ladder_function = (
        counts[0][0] if counts and (len(counts) == 1 or counts[0][1] > counts[1][1]) else None
    )
    # A ladder that puts every role on one track says nothing about IC or
    # management with it (the product presets call every rung "management"),
    # so there the titles tell the track; on a ladder with several tracks the
    # field does.
    explicit = {r.id: words.track(r.track) for r in roles}
    several = len({t for t in explicit.values() if t}) > 1
    # Whole levels are the rungs; a decimal level (GitLab's 9.5) sits between
    # two of them and shifts nothing above it.
    wholes = sorted({math.floor(r.level) for r in roles})
    levels = sorted({r.level for r in roles})
    span = max(len(wholes) - 1, 1)

    def where(level: float) -> float:
        return wholes.index(math.floor(level)) + level - math.floor(level)

    # The rank a role's titles tell: its title's, else the first alias's that tells one
    # ("Engineer 4", also known as "Staff Engineer").
    told = {r.id: next((t.rank for t in titles[r.id] if t.rank is not None), None) for r in roles}
    tracks = {
        r.id: (explicit[r.id] or titles[r.id][0].track)
        if several
        else (titles[r.id][0].track or explicit[r.id])
        for r in roles
    }
    # Rungs whose titles tell a rank anchor the others: those of the role's own track
    # where there are some (a group lead beside a senior engineer is no guide to
    # the engineers below), else all.
    anchors: dict[str | None, dict[float, list[float]]] = {}
    for role in roles:
        rank = told[role.id]
        if rank is not None:
            for key in {None, tracks[role.id]}:
                anchors.setdefault(key, {}).setdefault(where(role.level), []).append(rank)
    known = {
        key: sorted((x, sum(ranks) / len(ranks)) for x, ranks in points.items())
        for key, points in anchors.items()
    }
    index = {}
    for role in roles:
        title = titles[role.id][0]
        track = tracks[role.id]
        rank = told[role.id]
        if rank is None:
            rank = _estimate(known.get(track) or known.get(None, []), where(role.level))
        index[role.id] = _Rung(
            role=role,
            titles=titles[role.id],
            function=title.function or ladder_function,
            track=track,
            rank=rank,
            position=where(role.level) / span,
            step=where(role.level),
            rung=levels.index(role.level) + 1,
            rungs=len(levels),
        )
    return index


def _anchor(a: dict[str, _Rung], b: dict[str, _Rung]) -> tuple[dict[str, _Rung], dict[str, _Rung]]:
    """
    Give ranks to a ladder whose titles tell none, when the other's titles do.

    Its lowest rung is taken to start where the other ladder starts, one
    rank per rung above it: an ordinary ladder. A ladder of four bare
    levels then ends near senior, not at the other ladder's top.
    """

    def anchored(index: dict[str, _Rung]) -> bool:
        return any(r.rank is not None for r in index.values())

    def ranked(index: dict[str, _Rung], other: dict[str, _Rung]) -> dict[str, _Rung]:
        base = min(r.rank for r in other.values() if r.rank is not None)
        return {key: attrs.evolve(r, rank=base + r.step) for key, r in index.items()}

    if anchored(a) and not anchored(b):
        return a, ranked(b, a)
    if anchored(b) and not anchored(a):
        return ranked(a, b), b
    return a, b


def _estimate(known: list[tuple[float, float]], x: float) -> float | None:
    """The rank at rung *x*, between the ranks titles give to the rungs around it."""
    if not known:
        return None
    below = [point for point in known if point[0] <= x]
    above = [point for point in known if point[0] >= x]
    if below and above:
        (x0, r0), (x1, r1) = below[-1], above[0]
        return r0 if x1 == x0 else r0 + (r1 - r0) * (x - x0) / (x1 - x0)
    # Beyond the last title that tells: one rank per rung.
    x0, r0 = below[-1] if below else above[0]
    return max(r0 + x - x0, 0.0)


def _closeness(a: float, b: float) -> float:
    return max(0.0, 1 - abs(a - b) / _RANK_SPAN)


def _normal(text: str) -> str:
    return " ".join(w for w in _WORD.findall(text.casefold()) if w not in {"and", "the", "of"})


def _title_signal(a: _Rung, b: _Rung) -> tuple[float, str | None, bool]:
    """The title evidence, its reason, and whether the functions differ."""
    # The best reading over titles and aliases; of two equal, the one that tells more.
    best: tuple[float, int, str | None, bool] = (-1.0, 0, None, False)
    for i, ta in enumerate(a.titles):
        for j, tb in enumerate(b.titles):
            if _normal(ta.text) == _normal(tb.text):
                note = "" if i == j == 0 else " (an alias)"
                return 1.0, f"same title {ta.text!r}{note}", False
            value, told, reason, different = _read(
                ta, tb, a if i == 0 else None, b if j == 0 else None
            )
            if reason is not None and (i or j):
                reason += f" (reading {(ta.text if i else tb.text)!r})"
            if (value, told) > best[:2]:
                best = (value, told, reason, different)
    return best[0], best[2], best[3]


def _read(
    ta: Title, tb: Title, a: _Rung | None, b: _Rung | None
) -> tuple[float, int, str | None, bool]:
    """A reading's value, how many things it compared, its reason, and different functions."""
    # The main title may borrow its ladder's function; an alias speaks for itself.
    fa = a.function if a is not None else ta.function
    fb = b.function if b is not None else tb.function
    # A title with no seniority word ("Engineer II") is as senior as its rung: a
    # "Fellow" is not at the level of "Engineer I" for want of a word saying otherwise.
    rank_a = ta.rank if ta.rank is not None or a is None else a.rank
    rank_b = tb.rank if tb.rank is not None or b is None else b.rank
    parts, values = [], []
    if ta.seniority is not None and ta.seniority == tb.seniority:
        parts.append(f"same seniority: {ta.seniority}")
    elif rank_a is not None and rank_b is not None and (ta.seniority or tb.seniority):
        here, there = ta.seniority or "no seniority word", tb.seniority or "no seniority word"
        parts.append(f"seniority: {here} here, {there} there")
    # What the words themselves tell counts first among equal readings.
    guessed = 0
    if rank_a is not None and rank_b is not None and (ta.rank, tb.rank) != (None, None):
        values.append(_closeness(rank_a, rank_b))
        guessed = ta.rank is None or tb.rank is None
    if ta.grade is not None and tb.grade is not None:
        values.append(_closeness(ta.grade, tb.grade))
        parts.append(
            f"same title grade: {ta.grade}"
            if ta.grade == tb.grade
            else f"title grade {ta.grade} here, {tb.grade} there"
        )
    different = False
    if fa is not None and fb is not None:
        if fa == fb:
            parts.append(f"same function: {fa}")
            values.append(1.0)
        else:
            parts.append(f"different functions: {fa} here, {fb} there")
            values.append(0.0)
            different = True
    if not values:
        # Two titles that tell nothing, and differ: neither for nor against.
        return 0.5, 0, None, False
    # Other words for the same reading come just short of the same words.
    value = 0.99 * sum(values) / len(values)
    return value, len(values) - guessed, "; ".join(parts), different


def _track_signal(a: _Rung, b: _Rung, others: list[_Rung]) -> tuple[float, str] | None:
    if a.track is None or b.track is None:
        return None
    if a.track == b.track:
        return 1.0, f"both {_track_name(a.track)}"
    near = [o for o in others if o.rank is not None and a.rank is not None]
    close = [o for o in near if abs(o.rank - a.rank) <= 1]  # type: ignore[operator]
    if close and all(o.track != a.track for o in close):
        return 0.0, (f"{_track_name(a.track)} role; the closest rungs are {_track_name(b.track)}")
    return 0.0, f"{_track_name(a.track)} role here, {_track_name(b.track)} there"


def _position_signal(a: _Rung, b: _Rung, both_anchored: bool) -> float:
    if both_anchored and a.rank is not None and b.rank is not None:
        return _closeness(a.rank, b.rank)
    return 1 - abs(a.position - b.position)


def _position_reason(a: _Rung, b: _Rung, words: TitleVocabulary) -> str:
    text = f"rung {a.rung} of {a.rungs} here, rung {b.rung} of {b.rungs} there"
    sa, sb = a.titles[0].seniority, b.titles[0].seniority
    if sa is not None and sa == sb:
        rank = words.seniority(sa)
        text += f"; both {rank.plural if rank else sa}"
    return text


def _grade(label: str | None) -> tuple[str, float] | None:
    if label is None:
        return None
    found = _GRADE.fullmatch(label.strip().casefold())
    return (found.group(1), float(found.group(2))) if found else None


def _comparable_grades(a: Ladder, b: Ladder) -> bool:
    """Whether the two ladders grade on one system: half their labels or more in common."""
    ga = {r.grade.strip().casefold() for r in a.roles if r.grade}
    gb = {r.grade.strip().casefold() for r in b.roles if r.grade}
    return bool(ga and gb) and 2 * len(ga & gb) >= min(len(ga), len(gb))


def _grade_signal(a: Role, b: Role) -> tuple[float, str] | None:
    ga, gb = _grade(a.grade), _grade(b.grade)
    if ga is None or gb is None or ga[0] != gb[0]:
        return None
    if ga[1] == gb[1]:
        return 1.0, f"same grade {a.grade}"
    alike = max(0.0, 1 - abs(ga[1] - gb[1]) / _GRADE_SPAN)
    return alike, f"grade {a.grade} here, {b.grade} there"


def _shared_competencies(a: Ladder, b: Ladder) -> dict[str, str]:
    """Each competency of *a* with the competency of *b* that means the same."""
    by_id = {c.id: c.id for c in b.competencies}
    by_name = {_normal(c.name): c.id for c in b.competencies}
    shared: dict[str, str] = {}
    for competency in a.competencies:
        match = by_id.get(competency.id) or by_name.get(_normal(competency.name))
        if match is not None and match not in shared.values():
            shared[competency.id] = match
    return shared


def _profile_signal(
    a: Ladder, ra: Role, b: Ladder, rb: Role, shared: dict[str, str]
) -> tuple[float, float, str] | None:
    """How alike the expectations are, with the weight the evidence deserves."""

    def share(level: int, ladder: Ladder, competency: str) -> float:
        # Each competency on its own scale: the same step counts alike on a
        # scale of three and on one of five.
        steps = len(ladder.scale_of(competency))
        return (level - 1) / (steps - 1) if steps > 1 else 1.0

    expected_b = {e.competency: e.level for e in rb.expectations}
    pairs = [
        (
            share(e.level, a, e.competency),
            share(expected_b[shared[e.competency]], b, shared[e.competency]),
        )
        for e in ra.expectations
        if e.competency in shared and shared[e.competency] in expected_b
    ]
    if not pairs:
        return None
    alike = 1 - sum(abs(x - y) for x, y in pairs) / len(pairs)
    weight = len(pairs) / (len(pairs) + _HALF_WEIGHT_AT)
    if len(pairs) == 1:
        return alike, weight, "one shared competency only, weighed lightly"
    return alike, weight, f"expectations {alike:.0%} alike over {len(pairs)} shared competencies"


def _match(
    a: Ladder,
    ra: _Rung,
    b: Ladder,
    rb: _Rung,
    context: _Context,
) -> RoleMatch:
    signals: dict[str, tuple[float, float]] = {}  # name: (value, weight)
    reasons = []
    title, title_reason, different = _title_signal(ra, rb)
    signals["title"] = (title, WEIGHTS["title"])
    if title_reason:
        reasons.append(title_reason)
    track = _track_signal(ra, rb, context.rungs_b)
    if track is not None:
        signals["track"] = (track[0], WEIGHTS["track"])
        reasons.append(track[1])
    if ra.rungs > 1 and rb.rungs > 1:  # a single rung has no position to compare
        value = _position_signal(ra, rb, context.anchored)
        signals["position"] = (value, WEIGHTS["position"])
    reasons.append(_position_reason(ra, rb, context.words))
    if context.grades:
        grade = _grade_signal(ra.role, rb.role)
        if grade is not None:
            signals["grade"] = (grade[0], WEIGHTS["grade"])
            reasons.append(grade[1])
    profile = _profile_signal(a, ra.role, b, rb.role, context.shared)
    if profile is not None:
        signals["profile"] = (profile[0], WEIGHTS["profile"] * profile[1])
        reasons.append(profile[2])
    total = sum(weight for _, weight in signals.values())
    score = sum(value * weight for value, weight in signals.values()) / total
    if different:
        score *= DIFFERENT_FUNCTIONS
    if track is not None and not track[0]:
        score *= DIFFERENT_TRACKS
    return RoleMatch(source=ra.role, target=rb.role, score=score, reasons=tuple(reasons))


@attrs.frozen(kw_only=True)
class _Context:
    words: TitleVocabulary
    rungs_b: list[_Rung]
    anchored: bool
    grades: bool
    shared: dict[str, str]


def _ties(source: Role, matches: list[RoleMatch]) -> list[RoleMatch]:
    """Mark the matches that share the best score, and say so in their reasons."""
    best = [m for m in matches if matches[0].score - m.score <= _TIE]
    # Of equal scores, a title written exactly alike, then the same role id, goes first:
    # a ladder mapped to itself maps each role to itself alone.
    for field in ("title", "id"):
        closer = [m for m in best if getattr(m.target, field) == getattr(source, field)]
        if closer and len(closer) < len(best):
            chosen = {id(m) for m in closer}
            matches = closer + [m for m in matches if id(m) not in chosen]
            best = closer
    if len(best) < 2:  # a tie takes two
        return matches
    marked = []
    for match in best:
        others = ", ".join(
            f"{m.target.title} ({m.target.id})" for m in best if m.target is not match.target
        )
        reasons = (*match.reasons, f"tied with {others}")
        marked.append(attrs.evolve(match, reasons=reasons, tied=True))
    return marked + matches[len(best) :]


def map_roles(
    a: Ladder,
    b: Ladder,
    *,
    min_score: float = DEFAULT_MIN_SCORE,
    vocabulary: TitleVocabulary | None = None,
) -> RoleMapping:
    """
    Match every role of ladder *a* with the roles of ladder *b*, best first.

    Each pair is scored from 0 to 1 as a weighted mean of the signals both
    roles give (see the mapping page of the docs for each with an example):

    - **title** (0.35): the titles as `parse_title` reads them, the best
      reading over titles and aliases. The same words count 1; the same
      function and seniority in other words 0.99; otherwise the mean of
      function (same or not), seniority and title grade (closeness on the
      scale both tracks share). Titles that tell nothing count 0.5. Titles
      of different functions also halve the whole score.
    - **track** (0.2): 1 when both roles are on the same track (``ic`` or
      ``management``, compared by meaning), else 0.
    - **position** (0.25): how close the two rungs are on what each ladder
      covers: by the seniority their titles give (estimated between titled
      rungs for the others) when both ladders have titles that tell, else
      by the share of the way up each ladder.
    - **grade** (0.2): where both ladders grade roles on one system (half
      their labels or more in common): 1 for the same grade, a third for
      one apart.
    - **profile** (up to 0.2): how alike the expected levels are, over the
      competencies both roles rate (same id or a name that reads alike),
      weighed by how many there are.

    Args:
        a: The ladder whose roles are looked up.
        b: The ladder to find them on.
        min_score: Matches below this score are left out; a role with
            none has no equivalent on *b*: an empty tuple.
        vocabulary: The words titles are read with.

    Returns:
        Each role id of *a*, lowest level first, with its matches, best
        first. Matches that share the best score are marked ``tied``,
        unless one of them has the title written exactly as the role's (or,
        among those, its id): that one comes first, alone, so a ladder mapped
        to itself maps each role to itself.

    Example:
        >>> from careerladder import map_roles, presets
        >>> matches = map_roles(
        ...     presets.load("head-senior-director"), presets.load("seven-step-gpm")
        ... )
        >>> [(m.target.id, round(m.score, 2)) for m in matches["senior-director-product"]]
        [('director-product', 0.84), ('vp-product', 0.84), ('group-pm', 0.66), ('cpo', 0.54)]
        >>> print(matches["senior-director-product"][0].reasons[0])
        seniority: senior director here, director there; same function: product
        >>> matches["cpo"][0].tied
        False

    .. versionadded:: 0.1.0
    """
    words = vocabulary or TitleVocabulary.default()
    index_a, index_b = _anchor(_index(a, words), _index(b, words))
    context = _Context(
        words=words,
        rungs_b=list(index_b.values()),
        anchored=all(r.rank is not None for r in (*index_a.values(), *index_b.values())),
        grades=_comparable_grades(a, b),
        shared=_shared_competencies(a, b),
    )
    result = RoleMapping(a)
    for ra in index_a.values():
        matches = [_match(a, ra, b, rb, context) for rb in index_b.values()]
        matches = [m for m in matches if m.score >= min_score]
        # Equal scores are a tie, reported as such; this order only makes the output stable.
        matches.sort(key=lambda m: (-round(m.score, 9), m.target.level, m.target.id))
        result[ra.role.id] = tuple(_ties(ra.role, matches)) if matches else ()
    return result
