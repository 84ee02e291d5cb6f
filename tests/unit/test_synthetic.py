"""benchmarks/make_synthetic.py: a synthetic dataset the app can load, checked like curated data."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest

from frontline.config import PROJECT_ROOT
from frontline.io.dataset import read_dataset

EVENTS = 600


@pytest.fixture(scope="module")
def synthetic():
    path = PROJECT_ROOT / "benchmarks" / "make_synthetic.py"
    spec = importlib.util.spec_from_file_location("make_synthetic", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


@pytest.fixture(scope="module")
def made(synthetic, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("synthetic")
    return out, synthetic.generate(EVENTS, out, seed=7)


@pytest.fixture(scope="module")
def tables(made) -> dict[str, pd.DataFrame]:
    out, _ = made
    return read_dataset(out / "data", out / "seeds")  # raises unless every check passes


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_counts_add_up(made, tables):
    _, summary = made
    events, aid = tables["control_events"], tables["aid_deliveries"]
    assert len(events) + len(aid) == EVENTS
    assert (summary["control_events"], summary["aid_deliveries"]) == (len(events), len(aid))
    assert 0.8 < len(events) / EVENTS < 0.9
    assert summary["places"] == len(tables["places"]) >= EVENTS // 40
    assert summary["sources"] == len(tables["sources"])
    assert summary["actors"] == len(tables["actors"]) >= 10


def test_places_are_towns_and_facilities_of_syria_and_iraq(tables):
    places = tables["places"]
    assert set(places["country"]) <= {"SY", "IQ"}
    assert not set(places["kind"]) & {"admin1", "country", "region"}


def test_every_quote_is_in_the_source_it_cites(made, tables):
    out, _ = made
    sources = tables["sources"].set_index("source_id")
    for name in ("control_events", "aid_deliveries"):
        for source_ids, quote in tables[name][["source_ids", "quote"]].itertuples(index=False):
            (source_id,) = source_ids
            text = (out / "seeds" / sources.loc[source_id, "text_path"]).read_text("utf-8")
            assert quote in text
    assert set(sources["publisher"]) == {"Synthetic benchmark data"}


def test_histories_run_forward_within_the_five_years(tables):
    events = tables["control_events"].sort_values("event_id")
    assert events["date"].between("2012-01-01", "2016-12-31").all()
    assert events.groupby("place_id")["date"].is_monotonic_increasing.all()
    assert events["date_text"].isna().all()
    assert {"captured", "besieged", "held", "attacked"} <= set(events["event_type"])
    claims = events[events["status"].isin(["claimed", "disputed"])]
    assert len(claims) and claims["claimed_by"].notna().all()
    assert events.loc[events["status"] == "confirmed", "confirmed_by"].notna().all()


def test_convoys_share_ids_and_actors_keep_to_their_country(tables):
    aid = tables["aid_deliveries"]
    assert aid["convoy_id"].value_counts().max() > 1
    assert aid["organisations"].map(len).min() >= 1
    country = tables["places"].set_index("place_id")["country"]
    events = tables["control_events"]
    where = events["place_id"].map(country)
    assert not set(events.loc[where == "IQ", "actor_id"].dropna()) & {"syrian-government", "fsa"}
    assert not set(events.loc[where == "SY", "actor_id"].dropna()) & {"iraqi-forces", "pmf"}
    assert tables["actors"]["color"].is_unique


def test_the_same_seed_gives_the_same_files_another_seed_others(synthetic, made, tmp_path):
    out, _ = made
    synthetic.generate(EVENTS, tmp_path / "same", seed=7)
    assert _files(tmp_path / "same") == _files(out)
    synthetic.generate(EVENTS, tmp_path / "other", seed=8)
    other = tmp_path / "other" / "data" / "control_events.csv"
    assert other.read_bytes() != (out / "data" / "control_events.csv").read_bytes()
