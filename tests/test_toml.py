from __future__ import annotations

from hypothesis import given

from careerladder import Ladder, dumps
from careerladder._formats._toml import locate
from careerladder.testing import ladders

TEXT = '''\
# a comment with = and [brackets]
id = "l"
"quoted key" = 1
site.name = 'x'  # a dotted key
notes = """
[not a table]
key = "not a key"
"""
list = [
  "a", # ]
  "b",
]
inline = {a = 1, b = [2, 3]}

[[roles]]
id = "a"
  [roles.expectations]
  c = {level = 3, description = "x = y"}

[[roles]]
id = "b"
'single' = 2
'''


def test_keys_values_tables_and_arrays_of_tables() -> None:
    values, keys = locate(TEXT)
    assert values[("id",)] == (2, 6)
    assert values[("quoted key",)] == (3, 16)
    assert values[("site", "name")] == (4, 13)
    assert values[("notes",)] == (5, 9)
    assert ("key",) not in values
    assert ("not a table",) not in values
    assert values[("list",)] == (9, 8)
    assert values[("inline",)] == (13, 10)
    assert values[("roles", 0)] == (15, 1)
    assert values[("roles", 0, "id")] == (16, 6)
    assert values[("roles", 0, "expectations")] == (17, 3)
    assert values[("roles", 0, "expectations", "c")] == (18, 7)
    assert keys[("roles", 0, "expectations", "c")] == (18, 3)
    assert values[("roles", 1, "id")] == (21, 6)
    assert values[("roles", 1, "single")] == (22, 12)


def test_escapes_in_quoted_keys() -> None:
    values, _ = locate('"a\\u00e9" = 1\n')
    assert values[("a\u00e9",)] == (1, 13)


def test_empty_documents_and_strings_that_end_in_quotes() -> None:
    assert locate("") == ({(): (1, 1)}, {})
    values, _ = locate('a = """x""""\nb = \'\'\'y\'\'\'\nc = "q\\"q"\nd = 1.5\n')
    assert values[("b",)] == (2, 5)
    assert values[("c",)] == (3, 5)
    assert values[("d",)] == (4, 5)


@given(ladders(tracks=[None, "ic"]))
def test_every_role_and_competency_of_a_dump_is_found(ladder: Ladder) -> None:
    text = dumps(ladder, "toml")
    lines = text.splitlines()
    values, _ = locate(text)
    for i, role in enumerate(ladder.roles):
        line, column = values[("roles", i, "id")]
        assert lines[line - 1][column - 1 :].startswith(f'"{role.id}"')
        for expectation in role.expectations:
            line, _ = values[("roles", i, "expectations", expectation.competency)]
            assert expectation.competency in lines[line - 1]
    for i, competency in enumerate(ladder.competencies):
        line, column = values[("competencies", i, "name")]
        assert lines[line - 1][column - 1 :].startswith(f'"{competency.name}"')
