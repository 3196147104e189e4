from __future__ import annotations

import attrs
import pytest

from careerladder import Competency, Expectation, Promotion, Reference, Role


def test_classes_are_frozen_and_take_keywords_only() -> None:
    role = Role(id="pm", title="PM", level=1)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        role.title = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Role("pm", "PM", 1)  # type: ignore[call-arg]


def test_equal_by_value_and_hashable() -> None:
    a = Role(
        id="pm",
        title="PM",
        level=1,
        aliases=["P"],
        expectations=[Expectation(competency="c", level=2)],
    )
    b = Role(
        id="pm",
        title="PM",
        level=1,
        aliases=("P",),
        expectations=(Expectation(competency="c", level=2),),
    )
    assert a == b
    assert hash(a) == hash(b)
    assert len({a, b}) == 1


def test_a_single_string_is_one_item_not_its_characters() -> None:
    assert Role(id="pm", title="PM", level=1, aliases="Product Owner").aliases == ("Product Owner",)
    assert Competency(id="c", name="C", sources="ref").sources == ("ref",)
    assert Promotion(source="a", target="b", criteria="Shipped").criteria == ("Shipped",)


def test_role_titles_and_expectation_lookup() -> None:
    role = Role(
        id="pm",
        title="PM",
        level=1,
        aliases=["Product Owner"],
        expectations=[Expectation(competency="c", level=2)],
    )
    assert role.titles == ("PM", "Product Owner")
    assert role.expectation("c") == Expectation(competency="c", level=2)
    assert role.expectation("other") is None


def test_promotion_pair_and_reference_defaults() -> None:
    assert Promotion(source="a", target="b").pair == ("a", "b")
    assert Reference(id="r", title="T").author is None
