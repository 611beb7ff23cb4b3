"""Most-similar forces from crime mix and size: the documented distance, worked by hand."""

from __future__ import annotations

import math

import pytest

from oversight.analysis.similarity import (
    Profile,
    Weights,
    mix_shares,
    most_similar,
    rank_candidates,
)


def _profiles():
    return [
        Profile("home", {"burglary": 0.2, "violence": 0.5, "asb": 0.3}, 500_000, "2011 Census"),
        Profile("twin", {"burglary": 0.2, "violence": 0.5, "asb": 0.3}, 520_000, "2019"),
        Profile("mix-only", {"burglary": 0.21, "violence": 0.49, "asb": 0.3}, 2_000_000, "2019"),
        Profile("size-only", {"burglary": 0.4, "violence": 0.3, "asb": 0.3}, 500_000, "2019"),
        Profile("far", {"burglary": 0.05, "violence": 0.8, "asb": 0.15}, 80_000, "2019"),
    ]


def test_an_identical_force_is_nearest_with_distance_zero_in_mix():
    home, *others = _profiles()
    ranked = rank_candidates(home, others)
    assert ranked[0].force == "twin"
    assert ranked[0].mix_distance == pytest.approx(0.0)
    assert ranked[-1].force == "far"
    assert [c.rank for c in ranked] == [1, 2, 3, 4]


def test_distance_is_the_weighted_root_mean_square_of_standardised_features():
    home, *others = _profiles()
    pool = [home, *others]

    def z(values):
        mean = sum(values) / len(values)
        sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))
        return [(v - mean) / sd for v in values]

    cats = ["asb", "burglary", "violence"]
    zs = {c: z([p.mix[c] for p in pool]) for c in cats}
    sizes = z([math.log10(p.population) for p in pool])
    i = 3  # size-only
    mix_d = math.sqrt(sum((zs[c][0] - zs[c][i]) ** 2 for c in cats) / 3)
    size_d = abs(sizes[0] - sizes[i])
    found = {c.force: c for c in rank_candidates(home, others)}["size-only"]
    assert found.mix_distance == pytest.approx(mix_d)
    assert found.size_distance == pytest.approx(size_d)
    assert found.distance == pytest.approx(math.sqrt((mix_d**2 + size_d**2) / 2))


def test_weights_move_the_choice_between_mix_and_size():
    home, *others = _profiles()
    on_mix = rank_candidates(home, others, weights=Weights(mix=1, size=0))
    on_size = rank_candidates(home, others, weights=Weights(mix=0, size=1))
    order_mix = [c.force for c in on_mix]
    order_size = [c.force for c in on_size]
    assert order_mix.index("mix-only") < order_mix.index("size-only")
    assert order_size.index("size-only") < order_size.index("mix-only")


def test_each_peer_carries_its_reasons():
    home, *others = _profiles()
    twin = most_similar(home, others, k=1)[0]
    assert twin.reasons[0].startswith("crime mix 1st closest of 4 (distance 0.00)")
    assert twin.reasons[1] == (
        "population 520,000 (2019) against 500,000 (2011 Census): within 4 %"
    )
    far = rank_candidates(home, others)[-1]
    assert "6.2 times smaller" in far.reasons[1]
    assert "widest gap violence 80.0 % against 50.0 %" in far.reasons[0]


def test_a_force_without_population_is_compared_on_mix_alone_and_says_so():
    home, *others = _profiles()
    others.append(Profile("unknown-size", {"burglary": 0.2, "violence": 0.5, "asb": 0.3}))
    found = {c.force: c for c in rank_candidates(home, others)}["unknown-size"]
    assert found.size_distance is None
    assert found.distance == pytest.approx(found.mix_distance)
    assert "no population: chosen on crime mix alone" in found.reasons


def test_most_similar_returns_k_and_breaks_ties_by_slug():
    home = Profile("home", {"a": 0.5, "b": 0.5}, 100)
    others = [Profile(s, {"a": 0.5, "b": 0.5}, 100) for s in ("zeta", "alpha", "mid")]
    others.append(Profile("odd", {"a": 0.9, "b": 0.1}, 100))
    assert [c.force for c in most_similar(home, others, k=2)] == ["alpha", "mid"]


def test_mix_shares_are_proportions_of_the_total():
    assert mix_shares({"a": 3, "b": 1}) == {"a": 0.75, "b": 0.25}
    assert mix_shares({}) == {}
