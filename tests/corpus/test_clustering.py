from __future__ import annotations

import numpy as np

from claimgraph.corpus import ClusterConfig, cluster_analyses, cluster_id, list_events
from claimgraph.corpus.clustering import _blocking_matrix, _candidate_pairs, _vectorize_views, sparse_average_linkage
from claimgraph.corpus.features import extract_features
from tests.corpus._build import article

QUAKE_CHILE = [
    "A magnitude 8.8 earthquake struck central Chile near Concepcion on Saturday, killing 700 people in Maule.",
    "Rescuers in Concepcion searched collapsed buildings after the 8.8 Chile earthquake; Maule was hit hardest.",
    "Chile's president Michelle Bachelet toured Concepcion, where the 8.8 quake destroyed homes in Maule.",
]
QUAKE_JAPAN = [
    "A magnitude 9.0 earthquake struck off Sendai in northeastern Japan, and a tsunami flooded Miyagi.",
    "Tsunami waves hit Sendai after the 9.0 Japan earthquake; Prime Minister Naoto Kan called it a crisis in Miyagi.",
    "Naoto Kan said Japan faced its worst crisis as the Sendai earthquake and tsunami left Miyagi in ruins.",
]


def _corpus():
    chile = [article(f"chile{i}", t, published=f"2010-02-{27 + i}") for i, t in enumerate(QUAKE_CHILE)]
    japan = [article(f"japan{i}", t, published=f"2011-03-{11 + i}") for i, t in enumerate(QUAKE_JAPAN)]
    return chile + japan


def test_two_earthquakes_stay_apart():
    clusters = cluster_analyses(_corpus())
    groups = {frozenset(c.members) for c in clusters}
    assert frozenset({"chile0", "chile1", "chile2"}) in groups
    assert frozenset({"japan0", "japan1", "japan2"}) in groups


def test_two_shootings_in_one_city_stay_apart_by_names_and_dates():
    first = [
        "Gunman Tom Alder shot four people at the Elm Street mall in Denver on Monday, police said.",
        "Police named Tom Alder as the Denver mall shooter who wounded four at Elm Street.",
    ]
    second = [
        "A shooting at Union Station in Denver left two dead; police arrested Maria Brook.",
        "Maria Brook was charged over the Union Station shooting in Denver that killed two.",
    ]
    analyses = [article(f"a{i}", t, published="2019-05-06") for i, t in enumerate(first)]
    analyses += [article(f"b{i}", t, published="2021-08-14") for i, t in enumerate(second)]
    groups = {frozenset(c.members) for c in cluster_analyses(analyses)}
    assert groups == {frozenset({"a0", "a1"}), frozenset({"b0", "b1"})}


def test_empty_corpus_and_articles_without_dates_or_text():
    assert cluster_analyses([]) == []
    assert list_events([]) == []
    undated = [article("x", QUAKE_CHILE[0]), article("y", QUAKE_CHILE[1]), article("z", "")]
    clusters = cluster_analyses(undated)
    assert sorted(m for c in clusters for m in c.members) == ["x", "y", "z"]
    assert {"x", "y"} <= set(next(c.members for c in clusters if "x" in c.members))


def test_syndicated_copies_are_linked_not_counted_twice():
    story = " ".join(QUAKE_CHILE)
    analyses = [article("agency", story, outlet="Agency"), article("copy", story + " (Reuters)", outlet="Paper"),
                article("other", QUAKE_CHILE[2], outlet="Other")]
    clusters = cluster_analyses(analyses)
    (cluster,) = [c for c in clusters if "agency" in c.members]
    assert ("agency", "copy") in cluster.duplicates


def test_cluster_ids_are_stable_and_do_not_depend_on_order():
    corpus = _corpus()
    forward = {c.id: c.members for c in cluster_analyses(corpus)}
    backward = {c.id: c.members for c in cluster_analyses(list(reversed(corpus)))}
    assert forward == backward
    for cid, members in forward.items():
        assert cid == cluster_id(members)


def test_blocking_bounds_the_candidate_pairs():
    features = list(extract_features(_corpus() * 1))
    config = ClusterConfig(max_candidates=2)
    views = _vectorize_views([f.features for f in features], config.weights)
    pairs = _candidate_pairs(_blocking_matrix(views), config)
    assert len(pairs) <= len(features) * config.max_candidates
    assert all(i < j for i, j in pairs.tolist())


def test_sparse_average_linkage_counts_missing_pairs_as_zero():
    # 0-1 and 1-2 are similar but 0-2 has no edge: average linkage of {0,1} with 2 is 0.45.
    pairs = np.array([[0, 1], [1, 2]])
    scores = np.array([0.9, 0.9])
    weights = np.ones(3)
    assert len(set(sparse_average_linkage(3, pairs, scores, weights, threshold=0.5))) == 2
    assert len(set(sparse_average_linkage(3, pairs, scores, weights, threshold=0.4))) == 1
    assert sparse_average_linkage(0, np.empty((0, 2), dtype=int), np.empty(0), np.ones(0), 0.5) == []


def test_event_listing_reports_place_type_outlets_and_conflicts():
    text = "An earthquake hit Concepcion in Chile on Saturday. {n} people were killed."
    analyses = [
        article("a", text.format(n="700") + " " + QUAKE_CHILE[0], outlet="A", published="2010-02-27",
                figures=(("700", "killed"),), places=(("Concepcion", "CL"),), event_type="earthquake",
                when=("Saturday", "2010-02-27")),
        article("b", text.format(n="300") + " " + QUAKE_CHILE[1], outlet="B", published="2010-02-27",
                figures=(("300", "killed"),), places=(("Concepcion", "CL"),), event_type="earthquake"),
    ]
    (summary,) = list_events(analyses)
    assert (summary.date, summary.place, summary.type, summary.articles) == ("2010-02-27", "Concepcion", "earthquake", 2)
    assert summary.outlets == ("A", "B") and summary.conflicts == 1
    from claimgraph.corpus import event_comparison, render_html, render_text

    comparison = event_comparison(analyses, summary.id)
    assert (comparison.event.id, comparison.event.date, comparison.event.place) == (summary.id, "2010-02-27", "Concepcion")
    (slot,) = comparison.slots
    assert slot.verdict == "conflict"
    assert "people killed [conflict]" in render_text(comparison)
    assert ">700</mark>" in render_html(comparison)


def test_articles_sharing_no_name_stay_apart_despite_common_types_and_numbers():
    from claimgraph.corpus.clustering import cluster_features
    from claimgraph.corpus.features import DocFeatures

    shared = ("t:attack", "t:arrest", "n:4", "n:60", "w:killed", "w:said", "w:officials")
    a = DocFeatures(doc_id="a", day=None, features=(*shared, "e:moscow", "p:moscow", "w:concert"))
    b = DocFeatures(doc_id="b", day=None, features=(*shared, "e:valletta", "p:valletta", "w:silo"))
    assert len(cluster_features([a, b])) == 2
    c = DocFeatures(doc_id="c", day=None, features=(*shared, "e:moscow", "p:moscow", "w:silo"))
    assert len(cluster_features([a, c])) == 1


def _docs(prefix: str, shared: tuple[str, ...], specific: tuple[str, ...], n: int = 5, keep: int = 0, own: int = 6):
    """``n`` reports: all of ``shared``, ``keep`` of ``specific`` in turn (all when 0), and words of their own."""
    from claimgraph.corpus.features import DocFeatures

    keep = keep or len(specific)
    return [DocFeatures(doc_id=f"{prefix}{i}", day=None,
                        features=(*shared, *(specific[(i + k) % len(specific)] for k in range(keep)),
                                  *(f"w:{prefix}{i}own{k}" for k in range(own))))
            for i in range(n)]


FIRE = ("w:fire", "w:blaze", "w:firefighters", "w:arson", "w:damage", "e:alaska", "p:alaska", "w:building")


def test_two_fires_of_one_kind_and_place_split_into_their_events():
    # Undated, both in Alaska, both fires: only their specifics (place, building, weekday,
    # toll) tell them apart. The topic level gathers them; the split inside the block parts them.
    from claimgraph.corpus.clustering import cluster_features

    church = _docs("c", FIRE, ("e:wasilla", "e:bible church", "w:friday", "n:1000000", "w:church", "e:palin"), keep=3)
    dairy = _docs("d", FIRE, ("e:palmer", "e:matanuska", "w:tuesday", "w:dairy", "w:warehouse", "n:1935"), keep=3)
    unsplit = ClusterConfig(min_subevent=100)
    assert len(cluster_features(church + dairy, config=unsplit)) == 1
    groups = {frozenset(c.members) for c in cluster_features(church + dairy)}
    assert groups == {frozenset(f.doc_id for f in church), frozenset(f.doc_id for f in dairy)}
    # A block too large to compare all its pairs blocks again, with the same outcome here.
    reblocked = ClusterConfig(max_dense_block=2)
    assert {frozenset(c.members) for c in cluster_features(church + dairy, config=reblocked)} == groups


def test_an_event_does_not_split_along_its_wire_stories():
    # Two agencies' reports of one fire, each rewritten five times: every rewrite keeps
    # its agency's details. Counted in stories, those details are one report's, not an event's.
    from claimgraph.corpus.clustering import cluster_features

    event = (*FIRE, "e:wasilla", "e:bible church", "w:friday", "w:church")
    ap = _docs("a", event, ("e:kroon", "w:pastor", "w:crafts", "n:40"), own=1)
    reuters = _docs("r", event, ("e:steele", "w:chief", "w:suspicious", "n:30"), own=1)
    assert len(cluster_features(ap + reuters)) == 1
    by_article = ClusterConfig(story_threshold=2.0)  # no stories: each article counts alone
    assert len(cluster_features(ap + reuters, config=by_article)) == 2


def test_block_weights_ignore_what_every_story_shares():
    from claimgraph.corpus.clustering import _local_views

    bags = [("w:fire", "e:wasilla"), ("w:fire", "e:wasilla"), ("w:fire", "e:palmer"), ("w:fire", "e:palmer")]
    views = {v.name: v for v in _local_views(bags, [0, 1, 2, 3], {"words": 1.0, "names": 1.0})}
    assert views["words"].matrix.nnz == 0  # "fire" is in every story: no weight
    assert views["names"].matrix.nnz == 4
    merged = {v.name: v for v in _local_views(bags, [0, 0, 2, 2], {"words": 1.0, "names": 1.0})}
    assert merged["names"].matrix.nnz == 0  # each name is now one story's: it links nothing


def test_event_members_list_each_article_with_its_url_in_order_of_publication():
    import dataclasses

    analyses = [dataclasses.replace(a, article=dataclasses.replace(a.article, url=f"https://example.org/{a.article.id}",
                                                                    language="de" if a.article.id == "chile2" else "en"))
                for a in _corpus()[:3]]
    analyses.insert(0, analyses.pop())  # stored order is not publication order
    (summary,) = list_events(analyses)
    assert [m.id for m in summary.members] == ["chile0", "chile1", "chile2"]
    assert summary.members[0].url == "https://example.org/chile0" and summary.members[0].published == "2010-02-27"
    assert summary.language == "en"


ATTACK_MOSCOW = [
    ("Gunmen open fire at Crocus City Hall near Moscow",
     "Attackers in combat fatigues shot concertgoers at the Crocus City Hall venue in Krasnogorsk. "
     "At least 40 people were killed, officials said.", "2024-03-22"),
    ("Death toll in Moscow concert hall attack rises to 115",
     "Russian investigators said the number of dead at the Crocus City Hall music venue outside Moscow had risen. "
     "Rescuers were still searching the burned building.", "2024-03-24"),
    ("Four suspects charged over Crocus concert massacre",
     "A Moscow court charged four men with terrorism over the shooting at the Crocus City Hall. "
     "The toll stood at 137, the authorities said.", "2024-03-26"),
]
ATTACK_KERMAN = [
    ("Twin blasts hit memorial for Soleimani in Kerman",
     "Two explosions tore through a crowd marking the anniversary of Qassem Soleimani's death in Kerman, Iran. "
     "Dozens of people were killed.", "2024-01-03"),
    ("Iran mourns victims of Kerman bombings",
     "Iran held funerals for those killed in the two bombings near the Soleimani shrine in Kerman. "
     "The toll was put at 84.", "2024-01-05"),
    ("Islamic State claims Kerman attack",
     "The Islamic State group said it carried out the twin bombings in Kerman that killed scores at the "
     "Soleimani commemoration in Iran.", "2024-01-04"),
]


def test_short_reports_days_apart_form_one_event_and_another_attack_stays_apart():
    analyses = [article(f"{prefix}{i}", body, title=title, published=day)
                for prefix, reports in (("moscow", ATTACK_MOSCOW), ("kerman", ATTACK_KERMAN))
                for i, (title, body, day) in enumerate(reports)]
    groups = sorted(c.members for c in cluster_analyses(analyses))
    assert groups == [("kerman0", "kerman1", "kerman2"), ("moscow0", "moscow1", "moscow2")]


def test_parts_of_a_block_that_pool_alike_join_again():
    import numpy as np
    import scipy.sparse as sp

    from claimgraph.corpus.clustering import _join_parts, _View

    # Four reports, two parts per pair of rows; parts 0 and 1 pool to the same words, part 2 not.
    rows = sp.csr_matrix(np.array([[1, 0, 0], [0, 1, 0], [1, 1, 0], [0, 0, 1]], dtype=np.float32))
    views = [_View(matrix=rows, name="words", weight=1.0, always=True)]
    parts = [[0, 1], [2], [3]]
    weights, days = np.ones(4), [None] * 4
    joined = _join_parts(parts, views, weights, days, ClusterConfig(part_threshold=0.5))
    assert sorted(joined) == [[0, 1, 2], [3]]
    assert _join_parts(parts, views, weights, days, ClusterConfig(part_threshold=2.0)) == parts
