"""The actor registry: names as sources write them (IS, ISIL, Daesh …) resolved to actor ids."""

import re

import pytest


@pytest.mark.parametrize(("name", "actor_id"), [
    ("ISIS", "is"), ("Daesh", "is"), ("Islamic State", "is"), ("ISIL", "is"),
    ("New Syria Army", "nsa"), ("NSA", "nsa"),
    ("US-backed Kurdish-led forces", "sdf"), ("SDF", "sdf"),
    ("regime", "syrian-government"), ("Assad's forces", "syrian-government"),
    ("U.S.-led coalition", "us-led-coalition"), ("Russia", "russia"), ("rebels", "rebels"),
])  # fmt: skip
def test_aliases_resolve(seed, name, actor_id):
    assert seed.resolve_actor(name) == actor_id


def test_unknown_names_resolve_to_nothing(seed):
    assert seed.resolve_actor("Hezbollah") is None


def test_registry_is_complete_and_colour_safe(seed_tables):
    registry = seed_tables["actors"].set_index("actor_id")
    assert registry.loc["nsa", "parent"] == "rebels"
    colours = registry["color"].tolist()
    assert len(set(colours)) == len(colours)
    assert all(re.fullmatch(r"#[0-9A-F]{6}", c) for c in colours)
    okabe_ito = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00",
                 "#CC79A7"}  # fmt: skip
    assert set(colours) <= okabe_ito
