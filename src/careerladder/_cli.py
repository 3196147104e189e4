"""
The ``careerladder`` command.

Exit codes follow ruff and mypy: 0 clean, 1 findings (an invalid ladder, a
difference), 2 a usage error or a file that cannot be read.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

import attrs

from ._formats._files import check_file, format_for, ladder_text, read_ladder
from ._formats._text import STDIN
from ._formats._write import atomic_writer, write_atomic
from ._limits import DEFAULT_LIMITS, Limits, paused_collector
from ._problems import LadderError, Problem, fail, format_path, suggest

if TYPE_CHECKING:
    # argparse names the type of its subcommand registry only privately.
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]  # noqa: SLF001
    from collections.abc import Callable, Iterable, Iterator, Sequence

    from ._assessment import Assessment
    from ._ladder import Ladder
    from ._model import Role

OK, FOUND, ERROR = 0, 1, 2
#: The reader of the output went away (``| head``): 128 + SIGPIPE, as a shell reports
#: any command that a closed pipe stops.
PIPE_CLOSED = 141

#: Problems that mean a file could not be read at all, rather than that it is invalid.
_UNREADABLE = {"unreadable", "not-utf8", "unknown-format"}

#: Every format a ladder is read from and written to, by suffix.
_FORMATS = (
    "YAML (.yaml, .yml), JSON (.json), TOML (.toml), CSV (.csv), XLSX (.xlsx) "
    "and CASE 1.1 (.case.json)"
)

#: The widest a table or a report line grows, however wide the terminal.
_WIDEST = 100
#: Below this many columns beside a deep branch, a tree line is left long rather than wrapped.
_NARROWEST = 24


class _Unwritable(Exception):  # noqa: N818 -- private; says what went wrong, not that it is one
    """An output file that cannot be written; the message names it, never a temporary file."""


def _unknown_format(name: str, doing: str) -> LadderError | None:
    """The problem of a file whose suffix names no format, saying what *doing* handles."""
    try:
        format_for(name)
    except LadderError:
        pass
    else:
        return None
    return fail(
        code="unknown-format",
        message=f"cannot tell the format of {name!r} from its suffix; {doing} {_FORMATS}",
        file=name,
    )


@contextlib.contextmanager
def _writing(target: str | Path) -> Iterator[None]:
    """Write *target* in the block; a failure names *target*, not a file beside it."""
    folder = Path(target).parent
    if not folder.is_dir():
        msg = f"cannot write {str(target)!r}: the directory {str(folder)!r} does not exist"
        raise _Unwritable(msg)
    try:
        yield
    except OSError as error:
        msg = f"cannot write {str(target)!r}: {error.strerror or error}"
        raise _Unwritable(msg) from None


def _limits(args: argparse.Namespace) -> Limits:
    return Limits(
        max_bytes=args.max_bytes,
        max_depth=args.max_depth,
        max_nodes=args.max_nodes,
        max_cells=args.max_cells,
    )


def _ignored(given: list[str]) -> set[str]:
    """The lint codes ``--ignore`` switches off; an unknown one is a usage error."""
    from ._check import LINT_CODES  # noqa: PLC0415 -- only for --ignore

    codes = {c.strip() for text in given for c in text.split(",") if c.strip()}
    for code in sorted(codes - set(LINT_CODES)):
        raise fail(
            code="unknown-code",
            message=f"unknown lint code {code!r} in --ignore"
            + suggest(code, LINT_CODES)
            + f"; the lint codes are {', '.join(LINT_CODES)}",
        )
    return codes


def _validate(args: argparse.Namespace, out: TextIO) -> int:
    problems: list[Problem] = []
    limits = _limits(args)
    ignored = _ignored(args.ignore)
    for name in args.files:
        if not args.follow_links and (outside := _link_outside(name)) is not None:
            problems.append(outside)
            continue
        problems += _check_one(name, args.stdin_format, limits)
    problems = [p for p in problems if not (p.severity == "warning" and p.code in ignored)]
    if args.strict:
        problems = [p if p.severity == "error" else _as_error(p) for p in problems]
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    _REPORTERS[args.format](problems, out)
    if args.format != "json":
        files = len(args.files)
        noun = "file" if files == 1 else "files"
        if problems:
            out.write(
                f"checked {files} {noun}: {_count(errors, 'error')}, "
                f"{_count(warnings, 'warning')}\n"
            )
        else:
            out.write(f"checked {files} {noun}: all valid\n")
    if any(p.code in _UNREADABLE for p in problems):
        return ERROR
    return FOUND if errors else OK


def _link_outside(name: str) -> Problem | None:
    """
    A problem if *name* goes through a symbolic link to a place outside the working directory.

    validate runs in CI on files a pull request may add: a link committed as
    ``ladder.yaml`` that points at ``/etc/passwd`` or a secret would otherwise
    put the start of that file into the public log. A path given outside the
    working directory is the caller's choice, and is read.
    """
    if name == STDIN:
        return None
    given = Path(os.path.abspath(name))  # noqa: PTH100 -- keeps the links, unlike resolve()
    try:
        real = given.resolve()
    except (OSError, RuntimeError):  # a loop of links: reading it says so
        return None
    here = Path.cwd().resolve()
    if real == given or real.is_relative_to(here) or not given.is_relative_to(Path.cwd()):
        return None
    return Problem(
        code="unreadable",
        message="the file is a symbolic link that leads out of the working directory; "
        "validate reads it only with --follow-links",
        file=name,
    )


def _as_error(problem: Problem) -> Problem:
    return attrs.evolve(problem, severity="error")


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _check_one(name: str, stdin_format: str, limits: Limits) -> list[Problem]:
    try:
        if name != STDIN and (unknown := _unknown_format(name, "validate reads")) is not None:
            return _preset_given(name) or list(unknown.problems)
        # A suffix that names no format is answered above; stdin's is a choice.
        kind = format_for(name, stdin_format if name == STDIN else None)
        return check_file(name, kind, limits)
    except OSError as error:
        return [
            Problem(
                code="unreadable",
                message=f"cannot read the file: {error.strerror or error}",
                file=name,
            )
        ]


def _preset_given(name: str) -> list[Problem]:
    """A problem if *name* is not a file but a preset's name, which validate does not take."""
    from . import presets  # noqa: PLC0415 -- only for a name with no known suffix

    if Path(name).exists() or name not in presets.names():
        return []
    return [
        Problem(
            code="unreadable",
            message=f"{name!r} is the name of a preset, not a file; validate checks files: "
            f"give a ladder file's path, or print the preset with 'careerladder show {name}'",
            file=name,
        )
    ]


def _report_text(problems: list[Problem], out: TextIO) -> None:
    out.writelines(f"{problem}\n" for problem in problems)


def _report_json(problems: list[Problem], out: TextIO) -> None:
    rows = [
        {
            "file": p.file,
            "line": p.line,
            "column": p.column,
            "path": format_path(p.path),
            "severity": p.severity,
            "code": p.code,
            "message": p.message,
        }
        for p in problems
    ]
    import json  # noqa: PLC0415 -- only for --format json: validate starts faster

    out.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")


def _escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def _report_github(problems: list[Problem], out: TextIO) -> None:
    for problem in problems:
        props = [f"file={_escape(problem.file or '', prop=True)}"]
        if problem.line is not None:
            props.append(f"line={problem.line}")
        if problem.column is not None:
            props.append(f"col={problem.column}")
        props.append(f"title={_escape('careerladder ' + problem.code, prop=True)}")
        out.write(f"::{problem.severity} {','.join(props)}::{_escape(problem.message)}\n")
    # GitHub shows only the first ten annotations of a step: also list them plainly.
    _report_text(problems, out)


_REPORTERS: dict[str, Callable[[list[Problem], TextIO], None]] = {
    "text": _report_text,
    "json": _report_json,
    "github": _report_github,
}


def _resolve(name: str, limits: Limits) -> Ladder:
    """Load *name* as a file if one exists, else as a preset."""
    if Path(name).exists():
        if (unknown := _unknown_format(name, "careerladder reads")) is not None:
            raise unknown
        return read_ladder(name, limits=limits)
    from . import presets  # noqa: PLC0415 -- only when a name is not a file

    if name in presets.names():
        return presets.load(name)
    known = presets.names()
    raise fail(
        code="unreadable",
        message=f"no file or preset named {name!r}{suggest(name, known)} "
        f"(presets: {', '.join(known)})",
    )


def _role(ladder: Ladder, key: str) -> Role:
    """The role *key* names; if none, a message that lists the roles to choose from."""
    try:
        return ladder.role(key)
    except LadderError:
        names = [name for role in ladder for name in (role.id, *role.titles)]
        shown = [role.id for role in ladder][:_ROLES_LISTED]
        more = len(ladder) - len(shown)
        listed = ", ".join(shown) + (f" and {more:,} more" if more else "")
        problem = Problem(
            code="unknown-role",
            message=f"no role {key!r} on ladder {ladder.id!r}{suggest(key, names)} "
            f"(roles: {listed}; give an id, a title or an alias)",
        )
        raise LadderError([problem]) from None


#: How many role ids a message lists before it counts the rest.
_ROLES_LISTED = 12


def _tree(ladder: Ladder, width: int | None = None) -> str:
    """
    The promotions as a tree from each role no promotion leads to, lateral moves as leaves.

    A role reached a second time says "see above" instead of repeating its
    branch. The walk keeps its own stack: a ladder may be thousands of rungs
    deep, far beyond Python's recursion limit. Given a *width*, a longer line
    goes on below, the tree's lines kept whole beside it.
    """
    lines: list[str] = []

    def add(prefix: str, branch: str, text: str, below: str) -> None:
        if width is None:
            lines.append(f"{prefix}{branch}{text}")
            return
        room = width - len(prefix) - len(branch)
        # Too deep to wrap usefully: a long line beats a column of single words.
        if len(text) <= room or room < _NARROWEST:
            lines.append(f"{prefix}{branch}{text}")
            return
        import textwrap  # noqa: PLC0415 -- only for long lines

        first, *rest = textwrap.wrap(
            text, room, subsequent_indent="    ", break_long_words=False, break_on_hyphens=False
        )
        lines.append(f"{prefix}{branch}{first}")
        lines.extend(f"{prefix}{below}{line[4:]}" for line in rest)

    add("", "", f"{ladder.name} ({ladder.id})", "    ")
    shown: set[str] = set()
    points = ladder.promotion_rule.kind == "points"  # the thresholds are the ladder
    roots = [role for role in ladder if not ladder.previous_roles(role)]
    # (role, prefix, last among its siblings, reached by a lateral move)
    stack = [(role, "", i == len(roots) - 1, False) for i, role in enumerate(roots)][::-1]
    while stack:
        role, prefix, last, moved = stack.pop()
        branch = "└── " if last else "├── "
        down = "    " if last else "│   "  # what goes on below this branch
        inner = prefix + down
        if moved:
            add(prefix, branch, f"↔ moves to {role.title}", down + "    ")
            continue
        grade = f" ({role.grade})" if role.grade else ""
        track = f" [{role.track}]" if role.track else ""
        entry = ", entry role" if role.entry else ""
        if points and role.min_points is not None:
            entry += f", from {role.min_points:g} points"
        label = f"{role.level}{grade}  {role.title} ({role.id}){track}{entry}"
        if role.id in shown:
            add(prefix, branch, f"{label}, see above", down + "    ")
            continue
        shown.add(role.id)
        steps = [(r, True) for r in ladder.lateral_roles(role)]
        steps += [(r, False) for r in ladder.next_roles(role)]
        # Below a role with branches, its line goes on beside the line down to them.
        add(prefix, branch, label, down + ("│   " if steps else "    "))
        stack += [(r, inner, i == len(steps) - 1, lateral) for i, (r, lateral) in enumerate(steps)][
            ::-1
        ]
    return "\n".join(lines) + "\n"


_RENDERERS: dict[str, Callable[[Ladder], str]] = {
    "markdown": lambda ladder: ladder.to_markdown(),
    "mermaid": lambda ladder: ladder.to_mermaid(),
    "dot": lambda ladder: ladder.to_dot(),
}


def _show(args: argparse.Namespace, out: TextIO) -> int:
    if args.as_ == "png" and not args.output:
        sys.stderr.write("careerladder: error: --as png writes a binary picture: add -o FILE\n")
        return ERROR
    ladder = _resolve(args.ladder, _limits(args))
    if args.as_ in {"png", "svg"}:
        from ._plot import picture as draw  # noqa: PLC0415 -- an optional extra

        picture = draw(ladder, args.as_)
        if args.output:
            with _writing(args.output):
                write_atomic(args.output, picture)
        else:
            out.write(picture.decode("utf-8"))
        return OK
    if args.as_ == "tree":
        # Wrapped for a person at a terminal; whole lines for a file, a pipe or grep.
        width = None if args.output else _terminal_width()
        text = _tree(ladder, None if width is None else min(width, _WIDEST))
    else:
        render = _RENDERERS.get(args.as_)
        text = render(ladder) if render else ladder_text(ladder, format_for("", args.as_))
    if args.output:
        with _writing(args.output):
            write_atomic(args.output, text.encode("utf-8"))
    else:
        out.write(text)
    return OK


def _convert(args: argparse.Namespace, _: TextIO) -> int:
    from ._formats._files import loss, write_ladder  # noqa: PLC0415 -- only this command

    try:
        ladder = _resolve(args.source, _limits(args))
    except LadderError as error:
        for problem in error.problems:
            sys.stderr.write(f"{problem}\n")
        unreadable = any(p.code in _UNREADABLE for p in error.problems)
        return ERROR if unreadable else FOUND
    # An unknown suffix is a clean error before any work.
    if (unknown := _unknown_format(args.target, "convert writes")) is not None:
        raise unknown
    kind = format_for(args.target)
    options = {"levels": args.levels} if kind.name in ("csv", "xlsx") else {}
    with _writing(args.target):
        write_ladder(ladder, args.target, kind, **options)
    sys.stderr.write(f"wrote {args.target}\n")
    # Never a silent loss: say what the target format has no place for.
    if (message := loss(ladder, args.target, kind)) is not None:
        sys.stderr.write(_wrap(message) + "\n")
    return OK


def _presets(_: argparse.Namespace, out: TextIO) -> int:
    from . import presets  # noqa: PLC0415 -- only this command needs them

    rows = [(name, presets.load(name)) for name in presets.names()]
    width = max(len(name) for name, _ in rows)
    counts = [_count(len(ladder), "role") for _, ladder in rows]
    wide = max(len(count) for count in counts)
    for (name, ladder), count in zip(rows, counts, strict=True):
        head = f"{name:<{width}}  {count:>{wide}}  "
        out.write(_wrap(head + ladder.name, indent=len(head)) + "\n")
    return OK


def _wrap(line: str, indent: int = 2) -> str:
    """*line* wrapped to the terminal, and never wider than `_WIDEST`."""
    width = min(_columns(), _WIDEST)
    if len(line) <= width and line.isprintable() and line == line.strip():
        return line  # what fill() would give, without loading textwrap on every run
    import textwrap  # noqa: PLC0415 -- only for long lines

    return textwrap.fill(
        line,
        width,
        subsequent_indent=" " * min(indent, width // 2),
        break_long_words=False,
        break_on_hyphens=False,
    )


def _readiness(args: argparse.Namespace, out: TextIO) -> int:
    from ._assessment_files import iter_assessments, load_assessment  # noqa: PLC0415
    from ._readiness import team_csv, team_readiness, write_readiness_csv  # noqa: PLC0415

    limits = _limits(args)
    ladder = _resolve(args.ladder, limits)
    role = None if args.role is None else _role(ladder, args.role).id
    current = None if args.current is None else _role(ladder, args.current)
    if current is not None and not (ladder.next_roles(current) or ladder.lateral_roles(current)):
        out.write(
            _wrap(
                f"No promotion or move leads from {current.title} ({current.id}) on "
                f"{ladder.id}, so "
                "there is no next role to compare with; give --role to compare with any role.",
                indent=0,
            )
            + "\n"
        )
        return OK
    many = Path(args.assessment).suffix.lower() == ".csv"
    # Read with the ladder, so that every problem is located in the file.
    people = (
        iter_assessments(args.assessment, ladder, limits=limits)
        if many
        else iter([load_assessment(args.assessment, ladder, limits=limits)])
    )
    if args.out:
        # Written beside the target and renamed at the end: a problem found
        # half-way through leaves no half-written report behind. Reports hold
        # no reference cycles, so the cycle collector would only rescan the
        # ladder, again and again.
        with (
            paused_collector(),
            _progress(args.assessment) as tick,
            _writing(args.out),
            atomic_writer(args.out) as raw,
        ):
            stream = io.TextIOWrapper(raw, encoding="utf-8", newline="")
            if args.best_fit is not None:
                fits = team_readiness(ladder, tick(people), best_fit=args.best_fit)
                count = write_readiness_csv(fits, stream)
            else:
                # Read against the ladder above: every level is already a number on its scale.
                count = team_csv(
                    ladder, tick(people), stream, role=role, current=current, checked=True
                )
            stream.flush()
            stream.detach()
        sys.stderr.write(f"wrote {_count(count, 'row')} to {args.out}\n")
        return OK
    with paused_collector():
        reports = team_readiness(ladder, people, role=role, current=current, best_fit=args.best_fit)
    if args.format == "markdown":
        out.write("\n\n".join(report.to_markdown() for report in reports) + "\n")
        return OK
    texts = ("\n".join(_wrap(line) for line in str(report).splitlines()) for report in reports)
    out.write("\n\n".join(texts) + "\n")
    return OK


class _Progress:
    """A progress bar on standard error, for a large team on a terminal."""

    WIDTH = 30

    def __init__(self, stream: TextIO, rows: int) -> None:
        self.stream = stream
        self.rows = max(rows, 1)  # data rows in the file, counted up front
        self.done = 0
        self.people = 0

    def draw(self, end: str = "") -> None:
        share = min(self.done / self.rows, 1.0)
        bar = "#" * round(share * self.WIDTH)
        self.stream.write(f"\r[{bar:<{self.WIDTH}}] {share:4.0%}  {self.people:,} people{end}")
        self.stream.flush()

    def __call__(self, people: Iterable[Assessment]) -> Iterator[Assessment]:
        for person in people:
            self.people += 1
            self.done += len(person.levels)
            if self.people % 2_000 == 0:
                self.draw()
            yield person
        self.done = self.rows
        self.draw("\n")


def _count_rows(source: str) -> int:
    """Data rows of a CSV file, counted as lines in large binary chunks."""
    lines = 0
    with Path(source).open("rb") as stream:
        while chunk := stream.read(1 << 22):
            lines += chunk.count(b"\n")
    return lines - 1  # the header


@contextlib.contextmanager
def _progress(source: str) -> Iterator[Callable[[Iterable[Assessment]], Iterable[Assessment]]]:
    large = Path(source).stat().st_size > 1_000_000
    if large and sys.stderr.isatty():
        yield _Progress(sys.stderr, _count_rows(source))
    else:
        yield lambda people: people


def _diff(args: argparse.Namespace, out: TextIO) -> int:
    from ._diff import diff  # noqa: PLC0415 -- analysis only

    limits = _limits(args)
    changes = diff(_resolve(args.old, limits), _resolve(args.new, limits))
    if args.format == "json":
        import json  # noqa: PLC0415 -- only for --format json

        out.write(json.dumps(changes.to_json(), indent=2, ensure_ascii=False, default=str) + "\n")
    else:
        out.write(
            (changes.to_markdown() if args.format == "markdown" else changes.to_text()) + "\n"
        )
    return FOUND if changes else OK


#: The width the map table keeps within.
MAP_WIDTH = 100


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _score(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 1:
        msg = f"expected a score from 0 to 1, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


def _map(args: argparse.Namespace, out: TextIO) -> int:
    from ._mapping import DEFAULT_MIN_SCORE, map_roles  # noqa: PLC0415 -- analysis only

    limits = _limits(args)
    a, b = _resolve(args.a, limits), _resolve(args.b, limits)
    min_score = DEFAULT_MIN_SCORE if args.min_score is None else args.min_score
    mapping = map_roles(a, b, min_score=min_score)
    if args.format == "json":
        import json  # noqa: PLC0415 -- only for --format json

        document = {
            "a": a.id,
            "b": b.id,
            "min_score": min_score,
            "roles": [
                {
                    "role": role_id,
                    "title": mapping.sources[role_id].title,
                    "matches": [
                        {
                            "role": m.target.id,
                            "title": m.target.title,
                            "score": round(m.score, 4),
                            "tied": m.tied,
                            "reasons": list(m.reasons),
                        }
                        for m in matches[: args.top]
                    ],
                }
                for role_id, matches in mapping.items()
            ],
        }
        out.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        return OK
    if args.format == "markdown":
        out.write(mapping.to_markdown(top=args.top))
        return OK
    import textwrap  # noqa: PLC0415 -- only for the text table

    from ._display import mapping_rows  # noqa: PLC0415 -- rendering only here

    # Titles are shortened to fit; the reasons wrap under their own column.
    header = (f"role of {a.id}", f"match in {b.id}", "score", "why")
    rows = [header, *mapping_rows(mapping, args.top)]
    widths = [min(max(len(row[i]) for row in rows), cap) for i, cap in enumerate((26, 30, 11))]
    why_width = MAP_WIDTH - sum(widths) - 2 * len(widths)
    for row in rows:
        cells = [_shorten(c, w).ljust(w) for c, w in zip(row, widths, strict=False)]
        lead = "  ".join(cells) + "  "
        lines = textwrap.wrap(row[3], why_width) or [""]
        out.write((lead + lines[0]).rstrip() + "\n")
        out.writelines(" " * len(lead) + line + "\n" for line in lines[1:])
    return OK


def _schema(_: argparse.Namespace, out: TextIO) -> int:
    from ._formats._schema import schema_text  # noqa: PLC0415 -- only this command needs it

    out.write(schema_text())
    return OK


def _positive(text: str) -> int:
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        value = 0
    if value < 1:
        msg = f"expected a whole number above 0, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


class _Formatter(argparse.HelpFormatter):
    """Wraps prose to the terminal, keeps indented lines; finds the width without `shutil`.

    A description is prose and wraps; an epilog's examples are indented lines,
    kept as they are, and its other lines are headings.

    argparse makes a formatter for every option it adds and, given no width,
    imports `shutil` (and with it the compression modules) to ask for one: a
    sizeable share of a short `validate`'s start-up.
    """

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        super().__init__(prog, indent_increment, max_help_position, width or _columns() - 2)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        import textwrap  # noqa: PLC0415 -- only for help

        lines = []
        for line in text.splitlines():
            if line.startswith(" "):
                lines.append(indent + line)
            else:
                lines += textwrap.wrap(
                    line,
                    width,
                    initial_indent=indent,
                    subsequent_indent=indent,
                    break_on_hyphens=False,
                ) or [""]
        return "\n".join(lines)


def _columns() -> int:
    """The terminal's width as `shutil.get_terminal_size` finds it, else 80."""
    return _terminal_width() or 80


def _terminal_width() -> int | None:
    """``COLUMNS`` if set to a width, else the terminal's on standard output, else None."""
    with contextlib.suppress(KeyError, ValueError):
        if (columns := int(os.environ["COLUMNS"])) > 0:
            return columns
    try:
        columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return None
    return columns or None


def _limit_options() -> argparse.ArgumentParser:
    limits = argparse.ArgumentParser(add_help=False, formatter_class=_Formatter)
    group = limits.add_argument_group(
        "limits", "bounds on the files read; a file over one is reported, not read"
    )
    for name, help_ in (
        ("bytes", "largest file, in bytes"),
        ("depth", "deepest nesting of lists and mappings"),
        ("nodes", "most values in a YAML file, each use of an anchor counted as a copy"),
        ("cells", "most cells a sheet of a matrix spans (rows times columns)"),
    ):
        default = getattr(DEFAULT_LIMITS, f"max_{name}")
        group.add_argument(
            f"--max-{name}",
            type=_positive,
            default=default,
            metavar="N",
            help=f"{help_} (default: {default:_})",
        )
    return limits


def _parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The command line's parser; only *argv*'s command when it starts with one (it is quicker)."""
    limits = _limit_options()
    parser = argparse.ArgumentParser(
        prog="careerladder",
        description="Describe, check and compare career ladders.",
        epilog="examples:\n  careerladder validate ladders/*.yaml\n"
        "  careerladder show six-step --as tree",
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="print the version and exit")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    adders: dict[str, Callable[[Commands, argparse.ArgumentParser], None]] = {
        "validate": _add_validate,
        "show": _add_show,
        "convert": _add_convert,
        "presets": lambda commands, _: _add_presets(commands),
        "readiness": _add_readiness,
        "diff": _add_diff,
        "map": _add_map,
        "schema": lambda commands, _: _add_schema(commands),
    }
    # Each subparser costs a millisecond or more, and validate runs on every commit.
    chosen = [argv[0]] if argv and argv[0] in adders else list(adders)
    for name in chosen:
        adders[name](commands, limits)
    return parser


def _add_validate(commands: Commands, limits: argparse.ArgumentParser) -> None:
    """The ``validate`` command."""
    validate = commands.add_parser(
        "validate",
        parents=[limits],
        help="check ladder files and report every problem",
        description="Check ladder files (YAML, JSON, TOML) and report every problem with "
        "its file, line and column. Exit 0 when all are valid, 1 when any is invalid, "
        "2 when a file cannot be read.",
        epilog="examples:\n  careerladder validate ladders/*.yaml\n"
        "  careerladder validate --strict --format github ladder.toml\n"
        "  cat ladder.json | careerladder validate --stdin-format json -",
        formatter_class=_Formatter,
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="ladder files; - for stdin")
    validate.add_argument(
        "--format",
        choices=sorted(_REPORTERS),
        default="text",
        help="text (file:line:column: severity code: message), a JSON array, or GitHub "
        "Actions annotations (default: text)",
    )
    validate.add_argument("--strict", action="store_true", help="treat lints (warnings) as errors")
    validate.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="CODE[,CODE]",
        help="switch these lint codes off, as a ladder's own 'ignore' list does",
    )
    validate.add_argument(
        "--stdin-format",
        choices=["yaml", "json", "toml"],
        default="yaml",
        help="format of the ladder read from - (default: yaml)",
    )
    validate.add_argument(
        "--follow-links",
        action="store_true",
        help="read files through symbolic links that lead out of the working directory "
        "(by default such a file is refused, exit 2)",
    )
    validate.set_defaults(run=_validate)


def _add_show(commands: Commands, limits: argparse.ArgumentParser) -> None:
    """The ``show`` command."""
    show = commands.add_parser(
        "show",
        parents=[limits],
        help="print a preset or a ladder file",
        description="Print a preset or a ladder file as a tree or in a file format.",
        epilog="examples:\n  careerladder show six-step\n"
        "  careerladder show ladder.yaml --as json -o ladder.json\n"
        "  careerladder show six-step --as mermaid\n"
        "  careerladder show six-step --as png -o six-step.png",
        formatter_class=_Formatter,
    )
    show.add_argument("ladder", metavar="NAME|FILE", help="a preset name or a ladder file")
    show.add_argument(
        "--as",
        dest="as_",
        choices=["tree", "yaml", "json", "toml", "markdown", "mermaid", "dot", "png", "svg"],
        default="tree",
        metavar="FORMAT",
        help="how to print it: tree (the default), yaml, json, toml, markdown, mermaid, dot, "
        "png or svg; png and svg need the plot extra, and png needs -o",
    )
    show.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    # Other commands say --format; show says --as. A hidden --format points there.
    show.add_argument("--format", action=_UseAs, help=argparse.SUPPRESS)
    show.set_defaults(run=_show)


def _add_convert(commands: Commands, limits: argparse.ArgumentParser) -> None:
    """The ``convert`` command."""
    convert = commands.add_parser(
        "convert",
        parents=[limits],
        help="convert a ladder between formats, by suffix",
        description="Read a ladder in one format and write it in another, each chosen by "
        "the file's suffix: .yaml/.yml, .json and .toml ladder files; .csv and .xlsx "
        "role x competency matrices (xlsx needs the xlsx extra); .case.json CASE 1.1 "
        "packages. The ladder is checked on the way: an invalid one exits 1, and nothing "
        "is written.",
        epilog="examples:\n  careerladder convert ladder.xlsx ladder.yaml\n"
        "  careerladder convert six-step six-step.csv --levels names\n"
        "  careerladder convert ladder.yaml ladder.case.json",
        formatter_class=_Formatter,
    )
    convert.add_argument("source", metavar="IN", help="a ladder in any format, or a preset name")
    convert.add_argument("target", metavar="OUT", help="the file to write")
    convert.add_argument(
        "--levels",
        choices=["numbers", "names"],
        default="numbers",
        help="how a matrix writes expected levels (default: numbers)",
    )
    convert.set_defaults(run=_convert)


def _add_presets(commands: Commands) -> None:
    """The ``presets`` command."""
    listing = commands.add_parser(
        "presets",
        help="list the preset ladders",
        description="List the preset ladders with their number of roles.",
        epilog="example:\n  careerladder presets",
        formatter_class=_Formatter,
    )
    listing.set_defaults(run=_presets)


def _add_readiness(commands: Commands, limits: argparse.ArgumentParser) -> None:
    """The ``readiness`` command."""
    readiness = commands.add_parser(
        "readiness",
        parents=[limits],
        help="how ready people are for a role or for their next step",
        description="Compare one person's assessment (YAML or JSON) or many people's (CSV "
        "with the columns person, competency, level) with a ladder: with --role, for that "
        "role; with --from, for each role it promotes to; otherwise for every role.",
        epilog="examples:\n  careerladder readiness six-step ada.yaml --role senior-pm\n"
        "  careerladder readiness ladder.yaml ada.yaml --from pm\n"
        "  careerladder readiness six-step people.csv --role pm --out report.csv",
        formatter_class=_Formatter,
    )
    readiness.add_argument("ladder", metavar="LADDER", help="a preset name or a ladder file")
    readiness.add_argument("assessment", metavar="ASSESSMENT", help="a .yaml, .json or .csv file")
    target = readiness.add_mutually_exclusive_group()
    target.add_argument("--role", metavar="R", help="the role to compare with")
    target.add_argument(
        "--from",
        dest="current",
        metavar="R",
        help="the current role: compare with the roles it is promoted or moves to",
    )
    target.add_argument(
        "--best-fit",
        nargs="?",
        type=_positive,
        const=3,
        metavar="N",
        help="the N roles (default 3) each person fits best, on every track",
    )
    readiness.add_argument(
        "--out", metavar="FILE", help="write CSV rows to FILE (with progress on a terminal)"
    )
    readiness.add_argument(
        "--format", choices=["text", "markdown"], default="text", help="how to print reports"
    )
    readiness.set_defaults(run=_readiness)


def _add_diff(commands: Commands, limits: argparse.ArgumentParser) -> None:
    """The ``diff`` command."""
    difference = commands.add_parser(
        "diff",
        parents=[limits],
        help="what changed between two ladders",
        description="Compare two ladders (files or presets): roles, competencies, "
        "promotions and expectations added, removed or changed. Exit 0 when they are the "
        "same, 1 when they differ, 2 on an error.",
        epilog="examples:\n  careerladder diff old.yaml new.yaml\n"
        "  careerladder diff --format markdown main.yaml ladder.yaml > comment.md",
        formatter_class=_Formatter,
    )
    difference.add_argument("old", metavar="OLD")
    difference.add_argument("new", metavar="NEW")
    difference.add_argument(
        "--format", choices=["text", "markdown", "json"], default="text", help="(default: text)"
    )
    difference.set_defaults(run=_diff)


def _add_map(commands: Commands, limits: argparse.ArgumentParser) -> None:
    """The ``map`` command."""
    mapping = commands.add_parser(
        "map",
        parents=[limits],
        help="which rung of ladder A is which rung of ladder B",
        description="Match each role of ladder A with the roles of ladder B, by titles as "
        "they read (function, seniority), track, position, grades and expectations, with "
        "the reasons. A role whose best match scores below --min-score has no equivalent.",
        epilog="example:\n  careerladder map six-step head-senior-director --top 2",
        formatter_class=_Formatter,
    )
    mapping.add_argument("a", metavar="A")
    mapping.add_argument("b", metavar="B")
    mapping.add_argument(
        "--top",
        type=_positive,
        default=1,
        metavar="N",
        help="matches to show per role (default: 1)",
    )
    mapping.add_argument(
        "--min-score",
        type=_score,
        default=None,
        metavar="S",
        # The default is written once, where the mapping is; it is not loaded
        # for the help, as every command builds this parser.
        help="leave out matches below S, from 0 to 1 (default: that of map_roles)",
    )
    mapping.add_argument(
        "--format", choices=["text", "markdown", "json"], default="text", help="(default: text)"
    )
    mapping.set_defaults(run=_map)


def _add_schema(commands: Commands) -> None:
    """The ``schema`` command."""
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the ladder file format",
        description="Print the JSON Schema (draft 2020-12) of ladder files, for editors "
        "and other tools.",
        epilog="example:\n  careerladder schema > careerladder.schema.json",
        formatter_class=_Formatter,
    )
    schema.set_defaults(run=_schema)


class _UseAs(argparse.Action):
    """An option show does not have, given as other commands spell it: say what to use."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,  # noqa: ARG002 -- argparse's signature
        values: object,
        option_string: str | None = None,
    ) -> None:
        parser.error(f"show has no {option_string} option; to choose the output, use --as {values}")


class _Version(argparse.Action):
    """Print the version; looked up only when asked, as the lookup is slow to import."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,  # noqa: ARG002 -- argparse's signature
        values: object,  # noqa: ARG002
        option_string: str | None = None,  # noqa: ARG002
    ) -> None:
        from importlib.metadata import version  # noqa: PLC0415 -- only for --version

        sys.stdout.write(f"careerladder {version('careerladder')}\n")
        parser.exit()


def main(argv: Sequence[str] | None = None) -> int:
    """
    Run the ``careerladder`` command with *argv* (default: ``sys.argv[1:]``).

    Returns:
        The exit code: 0 clean, 1 findings, 2 usage error or unreadable file.

    Example:
        >>> main(["validate", "examples/ladders/acme.yaml"])
        checked 1 file: all valid
        0
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = _parser(argv)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    out = sys.stdout
    try:
        code: int = args.run(args, out)
    except BrokenPipeError:
        # The reader went away (``| head``): nothing more can be said to it.
        return PIPE_CLOSED
    except LadderError as error:
        for problem in error.problems:
            sys.stderr.write(f"careerladder: {problem}\n")
        return ERROR
    except OSError as error:
        # Writes fail as _Unwritable: this is a file that cannot be read, said as validate says it.
        problem = Problem(
            code="unreadable",
            message=f"cannot read the file: {error.strerror or error}",
            file=None if error.filename is None else os.fsdecode(error.filename),
        )
        sys.stderr.write(f"careerladder: {problem}\n")
        return ERROR
    except (_Unwritable, ModuleNotFoundError) as error:
        # An output that cannot be written, or an optional extra not installed.
        sys.stderr.write(f"careerladder: error: {error}\n")
        return ERROR
    return code


def run() -> NoReturn:
    """
    The ``careerladder`` command itself: `main`, then a quick exit.

    Standard output and error are flushed, then the process ends without
    freeing its objects one by one, which takes longer than checking a small
    file (mypy's command ends the same way). From Python, call `main`.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # closed when the command started (``2>&-``)
            continue
        try:
            stream.flush()
        except BrokenPipeError:
            code = PIPE_CLOSED
        except (OSError, ValueError) as error:
            # A full disk, say: the output is lost, which must not pass for success.
            with contextlib.suppress(OSError, ValueError, AttributeError):
                sys.stderr.write(f"careerladder: error: cannot write the output: {error}\n")
                sys.stderr.flush()
            code = ERROR
    os._exit(code)
