"""city_network (models/marts/network/city_network.sql) agrees with networkx 3.6.1.

PageRank (damping 0.85) and HITS are computed in SQL by a fixed number of power iterations, 2^8 = 256, taken by
repeated squaring of their matrices, the same on every engine (docs/architecture.md#city-network): four
squarings in city_network_powers, four in city_network. networkx computes them on the same graph, city_flows
between different nodes weighted by transfers, at tol=1e-12, and every score agrees to 1e-6. The fixed number
of iterations is checked to be enough: power iteration from the same start reaches a change below 1e-10 in
fewer steps on the built data. Degrees, strengths and the within-city share are recomputed from city_flows.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import networkx as nx
import numpy as np
import pytest

from bi_support import ROOT, built

MODELS = [ROOT / "models" / "marts" / "network" / f"{name}.sql" for name in ("city_network_powers", "city_network")]
AGREEMENT = 1e-6


def _iterations() -> int:
    """The power iterations the SQL takes: 2 to the number of squarings in the two models."""
    squarings = [int(re.search(r"set squarings = (\d+)", m.read_text(encoding="utf-8")).group(1)) for m in MODELS]
    return 2 ** sum(squarings)


@pytest.fixture(scope="module")
def network():
    with duckdb.connect(str(built().warehouse), read_only=True) as con:
        nodes = [r[0] for r in con.execute("select city from marts.dim_cities order by display_order").fetchall()]
        flows = con.execute("select source_city, destination_city, transfers from marts.city_flows").fetchall()
        cursor = con.execute("select * from marts.city_network")
        names = [d[0] for d in cursor.description]
        rows = {r[0]: dict(zip(names, r)) for r in cursor.fetchall()}
    graph = nx.DiGraph()
    graph.add_nodes_from(nodes)
    for source, destination, transfers in flows:
        if source != destination:
            graph.add_edge(source, destination, weight=float(transfers))
    return nodes, flows, graph, rows


def test_one_row_per_node(network):
    nodes, _, _, rows = network
    assert sorted(rows) == sorted(nodes)
    assert len(nodes) == 12


def test_pagerank_agrees_with_networkx(network):
    nodes, _, graph, rows = network
    expected = nx.pagerank(graph, alpha=0.85, weight="weight", tol=1e-12, max_iter=10_000)
    for node in nodes:
        assert rows[node]["pagerank"] == pytest.approx(expected[node], abs=AGREEMENT), node
    assert sum(rows[n]["pagerank"] for n in nodes) == pytest.approx(1.0, abs=1e-12)


def test_hits_agrees_with_networkx(network):
    nodes, _, graph, rows = network
    hubs, authorities = nx.hits(graph, tol=1e-12, max_iter=10_000, normalized=True)
    for node in nodes:
        assert rows[node]["hub_score"] == pytest.approx(hubs[node], abs=AGREEMENT), node
        assert rows[node]["authority_score"] == pytest.approx(authorities[node], abs=AGREEMENT), node


def _matrix(nodes, graph) -> np.ndarray:
    index = {n: i for i, n in enumerate(nodes)}
    a = np.zeros((len(nodes), len(nodes)))
    for source, destination, data in graph.edges(data=True):
        a[index[source], index[destination]] = data["weight"]
    return a


def test_fixed_iterations_reach_a_change_below_1e_10(network):
    """The SQL's fixed step counts exceed what power iteration from x = 1/N needs on this data."""
    nodes, _, graph, _ = network
    a = _matrix(nodes, graph)
    n = len(nodes)
    out = a.sum(axis=1, keepdims=True)
    p = np.where(out > 0, a / np.where(out > 0, out, 1), 1.0 / n)
    x, pagerank_steps = np.full(n, 1.0 / n), 0
    while True:
        pagerank_steps += 1
        new = 0.15 / n + 0.85 * (x @ p)
        change, x = np.abs(new - x).sum(), new
        if change < 1e-10:
            break
    hits_steps = 0
    for matrix in (a.T @ a, a @ a.T):
        score, steps = np.full(n, 1.0 / n), 0
        while True:
            steps += 1
            new = matrix @ score
            new /= new.sum()
            change, score = np.abs(new - score).sum(), new
            if change < 1e-10:
                break
        hits_steps = max(hits_steps, steps)
    assert pagerank_steps <= _iterations() == 256
    assert hits_steps <= _iterations()
    # PageRank's bound holds on any graph: the L1 change after k steps is at most 2 x 0.85^k.
    assert 2 * 0.85 ** _iterations() < 1e-10


def test_degrees_strengths_and_within_city_share(network):
    nodes, flows, _, rows = network
    for node in nodes:
        out_edges = [(d, t) for s, d, t in flows if s == node and d != node]
        in_edges = [(s, t) for s, d, t in flows if d == node and s != node]
        row = rows[node]
        assert row["destination_cities"] == len(out_edges)
        assert row["source_cities"] == len(in_edges)
        assert row["transfers_to_other_cities"] == sum(t for _, t in out_edges)
        assert row["transfers_from_other_cities"] == sum(t for _, t in in_edges)
        if node == "大湾区外":
            assert row["within_city_share"] is None
            continue
        own = sum(t for s, d, t in flows if s == d == node)
        touching = own + row["transfers_from_other_cities"] + row["transfers_to_other_cities"]
        assert row["within_city_transfers"] == own
        assert row["within_city_share"] == pytest.approx(own / touching, rel=1e-12)


def test_what_the_docs_say_about_guangzhou_and_shenzhen(network):
    """docs/architecture.md#city-network reports these ranks: keep it true."""
    _, _, _, rows = network
    assert rows["广州"]["hub_rank"] == 1
    assert rows["深圳"]["authority_rank"] == 1
    assert rows["深圳"]["pagerank_rank"] == 1
    assert rows["广州"]["pagerank_rank"] == 5
    assert rows["广州"]["authority_rank"] == 7
    text = Path(ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert "## City network" in text


@pytest.mark.parametrize(("table", "power"), [("city_network_matrices", 1), ("city_network_powers", 16)])
def test_matrices_and_their_16th_powers(network, table, power):
    """PageRank's transition matrix, AᵀA and AAᵀ, and their 16th powers, each scaled to sum to 1."""
    nodes, _, graph, _ = network
    a = _matrix(nodes, graph)
    n = len(nodes)
    out = a.sum(axis=1, keepdims=True)
    p = np.where(out > 0, a / np.where(out > 0, out, 1), 1.0 / n)
    expected = {
        "pagerank": np.linalg.matrix_power(0.85 * p + 0.15 / n, power),
        "authority": np.linalg.matrix_power(a.T @ a, power),
        "hub": np.linalg.matrix_power(a @ a.T, power),
    }
    with duckdb.connect(str(built().warehouse), read_only=True) as con:
        got = con.execute(f"select measure, from_city, to_city, iterations, weight from marts.{table}").fetchall()
    index = {node: i for i, node in enumerate(nodes)}
    seen = {measure: np.zeros((n, n)) for measure in expected}
    for measure, source, destination, iterations, weight in got:
        assert iterations == power
        seen[measure][index[source], index[destination]] = weight
    for measure, matrix in expected.items():
        np.testing.assert_allclose(seen[measure], matrix / matrix.sum(), rtol=1e-9, atol=1e-15, err_msg=measure)
