"""
Job titles read as a person reads them.

"Sr. PM", "Senior Product Manager" and "Senior Manager, Product Management"
are three different strings, two rungs and two tracks. `parse_title` turns a
title into its function, its seniority and its track, using one table of
words, `TitleVocabulary`, that users can extend with their own.
"""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

#: Separators between words: everything but letters, digits and the decimal point.
_SEPARATORS = re.compile(r"[^\w.]+|_")
_ROMAN = MappingProxyType(
    {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _frozen(value: Mapping[str, object]) -> MappingProxyType[str, object]:
    return MappingProxyType(dict(value))


def _word_set(value: Iterable[str]) -> frozenset[str]:
    return frozenset(value)


@attrs.frozen(kw_only=True)
class Rank:
    """
    One seniority word of the vocabulary.

    Attributes:
        track: ``ic`` or ``management``.
        rank: Where it sits on one scale shared by both tracks: 2 is a
            title with no seniority word (Product Manager), 3 senior, 4
            staff or manager, 6 director, 8 VP, 10 chief.
        plural: How "both …" reads: ``directors``, ``senior``.

    Example:
        >>> from careerladder import TitleVocabulary
        >>> TitleVocabulary.default().ranks["director"]
        Rank(track='management', rank=6.0, plural='directors')

    .. versionadded:: 0.1.0
    """

    track: str
    rank: float = attrs.field(converter=float)
    plural: str


def _rank(track: str, rank: float, plural: str) -> Rank:
    return Rank(track=track, rank=rank, plural=plural)


_IC, _MANAGEMENT = "ic", "management"

# The one table of words. Every word is in lowercase; phrases are matched
# longest first, after abbreviations are spelled out.
_ABBREVIATIONS = {
    "sr": "senior",
    "snr": "senior",
    "jr": "junior",
    "jnr": "junior",
    "assoc": "associate",
    "prin": "principal",
    "dir": "director",
    "mgr": "manager",
    "mngr": "manager",
    "mgmt": "management",
    "eng": "engineering",
    "engr": "engineer",
    "dev": "developer",
    "swe": "software engineer",
    "sde": "software development engineer",
    "vp": "vice president",
    "avp": "associate vice president",
    "svp": "senior vice president",
    "evp": "executive vice president",
    "pm": "product manager",
    "apm": "associate product manager",
    "gpm": "group product manager",
    "tpm": "technical program manager",
    "pmm": "product marketing manager",
    "po": "product owner",
    "em": "engineering manager",
    "sre": "site reliability engineer",
    "qa": "quality assurance",
    "ml": "machine learning",
    "ux": "user experience",
    "ui": "user interface",
    "cpo": "chief product officer",
    "cto": "chief technology officer",
    "ceo": "chief executive officer",
    "coo": "chief operating officer",
    "cfo": "chief financial officer",
    "cmo": "chief marketing officer",
    "cio": "chief information officer",
    "ciso": "chief information security officer",
}

_FUNCTIONS = {
    "product": "product",
    "products": "product",
    "product management": "product",
    "engineering": "engineering",
    "software engineering": "engineering",
    "software development": "engineering",
    "development": "engineering",
    "technology": "engineering",
    "tech": "engineering",
    "information": "engineering",
    "information security": "security",
    "security": "security",
    "machine learning": "engineering",
    "quality assurance": "engineering",
    "design": "design",
    "product design": "design",
    "user experience": "design",
    "user interface": "design",
    "user experience design": "design",
    "data": "data",
    "data science": "data",
    "data engineering": "data",
    "analytics": "data",
    "research": "research",
    "user research": "design",
    "program management": "program management",
    "programme management": "program management",
    "programs": "program management",
    "project management": "project management",
    "projects": "project management",
    "marketing": "marketing",
    "product marketing": "marketing",
    "sales": "sales",
    "operations": "operations",
    "operating": "operations",
    "finance": "finance",
    "financial": "finance",
    "executive": "executive",
}

_ROLES = {
    "product manager": "product",
    "product owner": "product",
    "engineer": "engineering",
    "software engineer": "engineering",
    "software development engineer": "engineering",
    "site reliability engineer": "engineering",
    "developer": "engineering",
    "software developer": "engineering",
    "programmer": "engineering",
    "architect": "engineering",
    "member of technical staff": "engineering",
    "designer": "design",
    "product designer": "design",
    "researcher": "research",
    "user researcher": "design",
    "user experience researcher": "design",
    "data scientist": "data",
    "scientist": "data",
    "analyst": "data",
    "data analyst": "data",
    "data engineer": "data",
    "program manager": "program management",
    "programme manager": "program management",
    "technical program manager": "program management",
    "project manager": "project management",
    "product marketing manager": "marketing",
}

_RANKS = {
    "intern": _rank(_IC, 0, "interns"),
    "apprentice": _rank(_IC, 0, "apprentices"),
    "junior": _rank(_IC, 1, "junior"),
    "associate": _rank(_IC, 1, "associates"),
    "graduate": _rank(_IC, 1, "graduates"),
    "senior": _rank(_IC, 3, "senior"),
    "staff": _rank(_IC, 4, "staff"),
    "senior staff": _rank(_IC, 4.5, "senior staff"),
    "lead": _rank(_IC, 4.5, "leads"),
    # A team lead runs a team, below a manager; a tech lead is the IC rank above.
    "team lead": _rank(_MANAGEMENT, 3.5, "team leads"),
    "team leader": _rank(_MANAGEMENT, 3.5, "team leaders"),
    "principal": _rank(_IC, 5, "principal"),
    "senior principal": _rank(_IC, 5.5, "senior principal"),
    "distinguished": _rank(_IC, 6.5, "distinguished"),
    "fellow": _rank(_IC, 7.5, "fellows"),
    "manager": _rank(_MANAGEMENT, 4, "managers"),
    "senior manager": _rank(_MANAGEMENT, 4.5, "senior managers"),
    "group manager": _rank(_MANAGEMENT, 5, "group managers"),
    # Medium's Snowflake puts a group lead beside staff, a senior group lead beside principal.
    "group lead": _rank(_MANAGEMENT, 4, "group leads"),
    "senior group lead": _rank(_MANAGEMENT, 5, "senior group leads"),
    "associate director": _rank(_MANAGEMENT, 5.5, "associate directors"),
    "director": _rank(_MANAGEMENT, 6, "directors"),
    "senior director": _rank(_MANAGEMENT, 7, "senior directors"),
    "head": _rank(_MANAGEMENT, 7.5, "heads"),
    "vice president": _rank(_MANAGEMENT, 8, "VPs"),
    "associate vice president": _rank(_MANAGEMENT, 7.5, "associate VPs"),
    "senior vice president": _rank(_MANAGEMENT, 9, "SVPs"),
    "executive vice president": _rank(_MANAGEMENT, 9.5, "EVPs"),
    "chief": _rank(_MANAGEMENT, 10, "chiefs"),
}

#: The short names seniorities go by in `Title.seniority`.
_SENIORITY_NAMES = {
    "vice president": "vp",
    "associate vice president": "avp",
    "senior vice president": "svp",
    "executive vice president": "evp",
}

_TRACKS = {
    "ic": _IC,
    "individual contributor": _IC,
    "individual contributors": _IC,
    "contributor": _IC,
    "engineer": _IC,
    "engineers": _IC,
    "developer": _IC,
    "specialist": _IC,
    "technical": _IC,
    "expert": _IC,
    "maker": _IC,
    "management": _MANAGEMENT,
    "manager": _MANAGEMENT,
    "managers": _MANAGEMENT,
    "people manager": _MANAGEMENT,
    "people managers": _MANAGEMENT,
    "people management": _MANAGEMENT,
    "people leader": _MANAGEMENT,
    "people leadership": _MANAGEMENT,
    "mgmt": _MANAGEMENT,
    "leadership": _MANAGEMENT,
}

#: Words that carry no meaning in a title.
_FILLERS = ("of", "the", "and", "for", "in", "officer", "to")


@attrs.frozen(kw_only=True)
class TitleVocabulary:
    """
    The words `parse_title` knows: one table, extendable.

    Every key is lowercase; a key of several words is a phrase. Phrases
    are matched longest first, after abbreviations are spelled out.

    Attributes:
        abbreviations: A word and what it stands for: ``sr`` is ``senior``,
            ``gpm`` is ``group product manager``.
        functions: A phrase and the function it names: ``product
            management`` and ``product`` are both ``product``.
        roles: A noun that names a job on the individual-contributor side,
            with its function: ``product manager`` is ``product``,
            ``developer`` is ``engineering``. "Product Manager" is thus a
            function, not a management rank.
        ranks: A seniority word or phrase with its `Rank`: its track and its
            place on the shared scale.
        tracks: What a role's ``track`` field can say, and the track it
            means: ``people-manager`` and ``mgmt`` mean ``management``.
        fillers: Words that carry no meaning (``of``, ``officer``).

    Example:
        >>> from careerladder import TitleVocabulary, parse_title
        >>> words = TitleVocabulary.default().extend(
        ...     abbreviations={"pd": "product designer"}, functions={"brand": "marketing"}
        ... )
        >>> parse_title("Senior PD", vocabulary=words).function
        'design'
        >>> parse_title("Director of Brand", vocabulary=words).function
        'marketing'

    .. versionadded:: 0.1.0
    """

    abbreviations: Mapping[str, str] = attrs.field(converter=_frozen)
    functions: Mapping[str, str] = attrs.field(converter=_frozen)
    roles: Mapping[str, str] = attrs.field(converter=_frozen)
    ranks: Mapping[str, Rank] = attrs.field(converter=_frozen)
    tracks: Mapping[str, str] = attrs.field(converter=_frozen)
    fillers: frozenset[str] = attrs.field(converter=_word_set)

    @classmethod
    def default(cls) -> TitleVocabulary:
        """
        The vocabulary `parse_title` uses unless told otherwise.

        Example:
            >>> from careerladder import TitleVocabulary
            >>> TitleVocabulary.default().abbreviations["gpm"]
            'group product manager'
        """
        return _DEFAULT

    def extend(  # noqa: PLR0913 -- one keyword per table
        self,
        *,
        abbreviations: Mapping[str, str] | None = None,
        functions: Mapping[str, str] | None = None,
        roles: Mapping[str, str] | None = None,
        ranks: Mapping[str, Rank] | None = None,
        tracks: Mapping[str, str] | None = None,
        fillers: Iterable[str] = (),
    ) -> TitleVocabulary:
        """
        Return a vocabulary with these words added, or given a new meaning.

        Example:
            >>> from careerladder import Rank, TitleVocabulary, parse_title
            >>> words = TitleVocabulary.default().extend(
            ...     ranks={"maestro": Rank(track="ic", rank=5, plural="maestros")}
            ... )
            >>> parse_title("Senior Maestro", vocabulary=words).seniority
            'maestro'
        """
        return TitleVocabulary(
            abbreviations={**self.abbreviations, **(abbreviations or {})},
            functions={**self.functions, **(functions or {})},
            roles={**self.roles, **(roles or {})},
            ranks={**self.ranks, **(ranks or {})},
            tracks={**self.tracks, **(tracks or {})},
            fillers=self.fillers | set(fillers),
        )

    def track(self, text: str | None) -> str | None:
        """
        What a role's ``track`` field means: ``ic``, ``management`` or ``None``.

        Example:
            >>> from careerladder import TitleVocabulary
            >>> words = TitleVocabulary.default()
            >>> words.track("People-Manager"), words.track("IC"), words.track("platform")
            ('management', 'ic', None)
        """
        if text is None:
            return None
        return self.tracks.get(" ".join(_words(text)))

    def seniority(self, name: str | None) -> Rank | None:
        """
        The `Rank` of a seniority as ``Title.seniority`` names it, or ``None``.

        Example:
            >>> from careerladder import TitleVocabulary
            >>> TitleVocabulary.default().seniority("vp").rank
            8.0
        """
        if name is None:
            return None
        return self.ranks.get(_LONG_NAMES.get(name, name))

    @property
    def _phrases(self) -> dict[tuple[str, ...], tuple[str, str]]:
        # Each phrase as its words, with the kind of thing it names.
        found: dict[tuple[str, ...], tuple[str, str]] = {}
        # A word of a rank phrase is a modifier on its own: "group" in "Group PM".
        modifiers = {word: word for phrase in self.ranks for word in phrase.split()}
        for kind, table in (
            ("rank", modifiers),
            ("filler", {word: word for word in self.fillers}),
            ("function", self.functions),
            ("rank", {word: word for word in self.ranks}),
            ("role", self.roles),
        ):
            for phrase, meaning in table.items():
                found[tuple(phrase.split())] = (kind, meaning)
        return found


_LONG_NAMES = {short: long for long, short in _SENIORITY_NAMES.items()}

_DEFAULT = TitleVocabulary(
    abbreviations=_ABBREVIATIONS,
    functions=_FUNCTIONS,
    roles=_ROLES,
    ranks=_RANKS,
    tracks=_TRACKS,
    fillers=_FILLERS,
)


@attrs.frozen(kw_only=True)
class Title:
    """
    A job title as `parse_title` reads it.

    Attributes:
        text: The title as given.
        function: The normalized function (``product``, ``engineering``,
            ``design``, ``data``, ``program management`` …), or ``None``.
        seniority: The normalized seniority word (``junior``, ``senior``,
            ``staff``, ``principal``, ``manager``, ``group manager``,
            ``director``, ``vp``, ``chief`` …), or ``None`` when the title
            has none.
        track: ``ic``, ``management``, or ``None`` when the title does not
            tell.
        grade: The number a title ends with ("Engineer II" is 2,
            "Engineering Manager 2" is 2), or ``None``.
        rank: Where the title sits on the scale shared by both tracks (see
            `Rank`): its seniority's rank, 2 for a job noun with neither a
            seniority word nor a grade ("Product Manager"), else ``None``.

    Example:
        >>> from careerladder import parse_title
        >>> parse_title("Sr. PM")
        Title(text='Sr. PM', function='product', seniority='senior', track='ic', grade=None, rank=3.0)

    .. versionadded:: 0.1.0
    """  # noqa: E501

    text: str
    function: str | None
    seniority: str | None
    track: str | None
    grade: int | float | None = None
    rank: float | None = None


def _words(text: str) -> list[str]:
    return [word.strip(".") for word in _SEPARATORS.split(text.casefold()) if word.strip(".")]


def _grade(word: str) -> int | float | None:
    if word in _ROMAN:
        return _ROMAN[word]
    if _NUMBER.fullmatch(word):
        number = float(word)
        return int(number) if number.is_integer() else number
    return None


def _match(
    words: list[str], phrases: dict[tuple[str, ...], tuple[str, str]], longest: int
) -> list[tuple[str, str, tuple[str, ...]]]:
    # Each phrase found, longest first from the left: (kind, meaning, words).
    found = []
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            phrase = tuple(words[i : i + size])
            hit = phrases.get(phrase)
            if hit is not None:
                found.append((*hit, phrase))
                i += size
                break
        else:
            i += 1  # a word the vocabulary does not know says nothing
    return found


def _seniority(modifiers: list[str], manager_noun: bool, vocabulary: TitleVocabulary) -> str | None:
    # "Group" alone is no rank, but "Group Product Manager" is a group manager.
    if manager_noun and any(word not in vocabulary.ranks for word in modifiers):
        modifiers = [*modifiers, "manager"]
    best: tuple[int, float, str] | None = None
    for start in range(len(modifiers)):
        for end in range(start + 1, len(modifiers) + 1):
            phrase = " ".join(modifiers[start:end])
            rank = vocabulary.ranks.get(phrase)
            if rank is not None and (best is None or (end - start, rank.rank) > best[:2]):
                best = (end - start, rank.rank, phrase)
    return None if best is None else best[2]


def parse_title(text: str, *, vocabulary: TitleVocabulary | None = None) -> Title:
    """
    Read a job title: its function, seniority, track and grade.

    Abbreviations are spelled out (Sr., VP, PM, GPM, EM, CPO …), word order
    and punctuation do not matter ("Director, Product Management" reads as
    "Director of Product Management"), a roman or arabic number at the end
    is a grade, and synonyms name one function ("Product", "Product
    Management" and "PM" are all ``product``). "Product Manager", "Program
    Manager" and "Project Manager" name a function on the individual
    contributor side; "Group Product Manager" is a management rank. Words
    the vocabulary does not know are skipped.

    Args:
        text: The title.
        vocabulary: The words to read it with; `TitleVocabulary.default()`
            unless given.

    Returns:
        The `Title`.

    Example:
        >>> from careerladder import parse_title
        >>> title = parse_title("Director, Product Management")
        >>> title.function, title.seniority, title.track
        ('product', 'director', 'management')
        >>> parse_title("Software Engineer III").grade
        3
        >>> parse_title("Group PM").seniority
        'group manager'
        >>> parse_title("CTO").function, parse_title("CTO").seniority
        ('engineering', 'chief')

    .. versionadded:: 0.1.0
    """
    words = vocabulary or _DEFAULT
    raw = _words(text)
    grade = None
    # A trailing number is a grade, unless it is all there is ("V" alone).
    if len(raw) > 1 and (found := _grade(raw[-1])) is not None:
        grade = found
        raw = raw[:-1]
        if raw[-1] in {"level", "grade"} and len(raw) > 1:
            raw = raw[:-1]
    expanded = [part for word in raw for part in words.abbreviations.get(word, word).split()]
    phrases = words._phrases  # noqa: SLF001 -- the vocabulary's own index
    hits = _match(expanded, phrases, max(len(phrase) for phrase in phrases))
    functions = [meaning for kind, meaning, _ in hits if kind in {"function", "role"}]
    roles = [phrase for kind, _, phrase in hits if kind == "role"]
    manager_noun = any(phrase[-1] == "manager" for phrase in roles)
    modifiers = [meaning for kind, meaning, _ in hits if kind == "rank"]
    seniority = _seniority(modifiers, manager_noun, words)
    rank = words.ranks[seniority] if seniority is not None else None
    track = rank.track if rank is not None else (_IC if roles else None)
    if rank is not None:
        level: float | None = rank.rank
    elif roles and grade is None:
        level = 2.0
    else:
        level = None
    return Title(
        text=text,
        function=functions[0] if functions else None,
        seniority=_SENIORITY_NAMES.get(seniority, seniority) if seniority else None,
        track=track,
        grade=grade,
        rank=level,
    )
