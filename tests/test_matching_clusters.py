"""Clusters are the connected "same claim" pairs, by each pair's latest decision, whatever the sequence of
decisions; every decision stays recorded. A property over sequences, on a real SQLite file (no encoder needed)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.store import Store
from workbench.store.accounts import OPERATOR

from .conftest import make_split

CLAIMS = 6
decisions = st.lists(
    st.tuples(
        st.integers(0, CLAIMS - 1), st.integers(0, CLAIMS - 1), st.sampled_from(["same", "different", "undone"])
    ).filter(lambda d: d[0] != d[1]),
    max_size=25,
)


def _components(latest: dict[tuple[int, int], str]) -> dict[int, frozenset[int]]:
    parent = list(range(CLAIMS))

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    for (a, b), decision in latest.items():
        if decision == "same":
            parent[find(a)] = find(b)
    groups: dict[int, set[int]] = {}
    for node in range(CLAIMS):
        groups.setdefault(find(node), set()).add(node)
    return {n: frozenset(g) for g in groups.values() if len(g) > 1 for n in g}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sequence=decisions)
def test_clusters_follow_the_latest_decision_of_each_pair(tmp_path_factory, sequence) -> None:
    path: Path = tmp_path_factory.mktemp("clusters") / "workbench.db"
    with Store(path) as store:
        ids = []
        for n in range(CLAIMS):  # one claim per article: every pair is from two articles
            text = f"Claim number {n} says {n * 7} things happened."
            store.add_article(make_split(text, [("claim", text)]), title=f"A{n}")
            ids += [c.id for c in store.segments(max(a.id for a in store.articles()))]
        latest: dict[tuple[int, int], str] = {}
        for a, b, decision in sequence:
            store.decide_match(ids[a], ids[b], decision, by=OPERATOR)
            latest[(min(a, b), max(a, b))] = decision
        expected = _components(latest)
        clusters = store.cluster_ids()
        assert {ids.index(c) for c in clusters} == set(expected)
        for node, group in expected.items():
            assert clusters[ids[node]] == min(ids[m] for m in group)
            assert set(store.cluster_members(ids[node])) == {ids[m] for m in group}
        recorded = sum(len(store.match_history(i)) for i in ids)
        assert recorded == 2 * len(sequence)  # each decision listed under both its claims, none lost
