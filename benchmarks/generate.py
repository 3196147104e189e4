"""
Generate the benchmark's inputs: a large ladder and a large team.

Usage: python benchmarks/generate.py [--roles N] [--tracks N] [--competencies N]
       [--people N] [--out DIR]

The ladder has ``roles`` roles in ``tracks`` tracks of equal length, promotions
up each track and every tenth role promoted across to the next track, and every
role expects every competency (so 5,000 roles and 50 competencies make 250,000
expectations; ``--per-role`` lowers that). It is written as YAML and JSON. The
team is a CSV of ``people`` people with one row per competency.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

import careerladder
from careerladder import Competency, Expectation, Ladder, Promotion, Role

HERE = Path(__file__).parent


def ladder(roles: int, tracks: int, competencies: int, per_role: int, seed: int = 1) -> Ladder:
    """Build a large valid ladder: tracks of rising levels with cross-track promotions."""
    rng = random.Random(seed)
    catalogue = [Competency(id=f"c{i:03}", name=f"Competency {i}") for i in range(competencies)]
    length = max(roles // tracks, 1)
    members: list[Role] = []
    promotions: list[Promotion] = []
    for t in range(tracks):
        for step in range(length):
            chosen = rng.sample(catalogue, min(per_role, competencies))
            members.append(
                Role(
                    id=f"t{t:03}-l{step:02}",
                    title=f"Track {t} level {step}",
                    level=step + 1,
                    track=f"track-{t:03}",
                    expectations=[
                        Expectation(competency=c.id, level=min(5, 1 + step // 2)) for c in chosen
                    ],
                )
            )
            if step:
                promotions.append(
                    Promotion(source=f"t{t:03}-l{step - 1:02}", target=f"t{t:03}-l{step:02}")
                )
            if step and t + 1 < tracks and (t + step) % 10 == 0:
                promotions.append(
                    Promotion(source=f"t{t:03}-l{step - 1:02}", target=f"t{t + 1:03}-l{step:02}")
                )
    return Ladder(
        id="benchmark",
        name="Benchmark job architecture",
        competencies=catalogue,
        roles=members,
        promotions=promotions,
    )


def team(path: Path, people: int, ladder: Ladder, seed: int = 2) -> None:
    """Write a CSV of *people* people, each assessed on every competency."""
    rng = random.Random(seed)
    ids = [c.id for c in ladder.competencies]
    names = list(ladder.scale)
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(["person", "competency", "level"])
        for p in range(people):
            person = f"person-{p:06}"
            for competency in ids:
                level = rng.randint(1, len(names))
                writer.writerow([person, competency, names[level - 1] if p % 7 == 0 else level])


def main(argv: list[str] | None = None) -> None:
    """Write benchmark.yaml, benchmark.json and people.csv."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--roles", type=int, default=5_000)
    parser.add_argument("--tracks", type=int, default=500)
    parser.add_argument("--competencies", type=int, default=50)
    parser.add_argument("--per-role", type=int, default=20)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=HERE / "data")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    big = ladder(args.roles, args.tracks, args.competencies, args.per_role)
    careerladder.dump(big, args.out / "benchmark.yaml")
    careerladder.dump(big, args.out / "benchmark.json")
    team(args.out / "people.csv", args.people, big)
    print(
        f"{len(big):,} roles, {len(big.promotions):,} promotions, "
        f"{sum(len(r.expectations) for r in big.roles):,} expectations -> {args.out}"
    )


if __name__ == "__main__":
    main()
