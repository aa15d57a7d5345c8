from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.corpus.near_duplicates import near_duplicate_groups, shingles

STORY = ("Officials said the fire started in a warehouse on the east side of the city late on Tuesday night "
         "and spread to three nearby homes before firefighters brought it under control early on Wednesday.")


def test_copies_group_and_different_texts_do_not():
    groups = near_duplicate_groups([STORY, "A different story about an election in a small town.", STORY + " AP"])
    assert groups == [[0, 2], [1]]


def test_empty_texts_are_never_duplicates():
    assert near_duplicate_groups(["", "", STORY]) == [[0], [1], [2]]
    assert near_duplicate_groups([]) == []


def test_shingles_of_short_text():
    assert len(shingles("two words")) == 1 and shingles("two words") == shingles("Two  words!")
    assert shingles("...") == set()


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(max_size=200), max_size=12))
def test_every_text_is_in_exactly_one_group(texts):
    groups = near_duplicate_groups(texts)
    flat = sorted(i for g in groups for i in g)
    assert flat == list(range(len(texts)))


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet="abcdefgh ", min_size=1, max_size=300).filter(lambda t: any(c != " " for c in t)))
def test_an_exact_copy_joins_its_original(text):
    groups = near_duplicate_groups([text, STORY, text])
    assert [0, 2] in groups
