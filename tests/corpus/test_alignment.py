from __future__ import annotations

from claimgraph.corpus import compare_event, render_html, render_text, comparison_to_dict
from claimgraph.corpus.alignment import FigureReport, classify_figures
from claimgraph.model import Span
from tests.corpus._build import article

CONCERT = "Gunmen attacked the concert hall near Moscow. {n} people were killed, officials said."


def _toll(doc_id: str, outlet: str, day: str | None, n: str):
    return article(doc_id, CONCERT.format(n=n), outlet=outlet, published=day, figures=((n, "killed"),))


def _spans_ok(comparison, analyses):
    texts = {a.article.id: a.article.text for a in analyses}
    for aspect in (*comparison.figures, *([comparison.blame] if comparison.blame else [])):
        for r in aspect.reports:
            text = texts[r.article_id]
            assert text[r.span.start:r.span.end] == r.span.text
            assert text[r.sentence.start:r.sentence.end] == r.sentence.text
            assert r.sentence.start <= r.span.start <= r.span.end <= r.sentence.end


def test_toll_growing_over_successive_days_is_an_update():
    analyses = [_toll("a", "Outlet A", "2024-03-22", "40"), _toll("b", "Outlet B", "2024-03-23", "60"),
                _toll("c", "Outlet C", "2024-03-24", "137")]
    comparison = compare_event("ev", analyses)
    (fatalities,) = comparison.figures
    assert fatalities.name == "fatalities"
    assert fatalities.status == "update"
    assert {d.kind for d in fatalities.differences} == {"update"}
    assert [r.value for r in comparison.timeline] == [40, 60, 137]
    assert comparison.conflicts == 0
    _spans_ok(comparison, analyses)


def test_different_tolls_on_the_same_day_conflict():
    analyses = [_toll("b", "Outlet B", "2024-03-23", "60"), _toll("c", "Outlet C", "2024-03-23", "137")]
    comparison = compare_event("ev", analyses)
    (fatalities,) = comparison.figures
    assert fatalities.status == "conflict"
    assert comparison.conflicts == 1
    (difference,) = fatalities.differences
    assert {difference.first.span.text, difference.second.span.text} == {"60", "137"}


def test_equal_tolls_agree_and_a_later_smaller_toll_conflicts():
    same = compare_event("ev", [_toll("a", "A", "2024-03-23", "60"), _toll("b", "B", "2024-03-25", "60")])
    assert same.figures[0].status == "agreement"
    smaller = compare_event("ev", [_toll("a", "A", "2024-03-23", "60"), _toll("b", "B", "2024-03-25", "40")])
    assert smaller.figures[0].status == "conflict"


def test_undated_articles_cannot_be_ordered():
    comparison = compare_event("ev", [_toll("a", "A", None, "40"), _toll("b", "B", "2024-03-25", "137")])
    assert comparison.figures[0].status == "conflict"
    assert "undated" in comparison.figures[0].differences[0].reason


def test_approximate_figures_allow_some_slack():
    span = Span(start=0, end=2, text="40")
    base = dict(article_id="a", outlet="A", published="2024-03-23", role="fatalities", low=None, high=None,
                span=span, sentence=span)
    about = FigureReport(value=40, approximate=True, **base)
    exact = FigureReport(**{**base, "article_id": "b"}, value=43, approximate=False)
    assert classify_figures(about, exact).kind == "agreement"
    far = FigureReport(**{**base, "article_id": "b"}, value=60, approximate=False)
    assert classify_figures(about, far).kind == "conflict"


BLAME_ISIS = "The Islamic State claimed responsibility for the attack on the concert hall."
BLAME_UKRAINE = "Russian officials said Ukraine was behind the attack on the concert hall."


def test_blame_on_different_parties_the_same_day_conflicts():
    analyses = [
        article("a", BLAME_ISIS, outlet="A", published="2024-03-23",
                blames=(("The Islamic State", "claimed", "responsibility for the attack"),)),
        article("b", BLAME_UKRAINE, outlet="B", published="2024-03-23",
                blames=(("Russian officials", "said", "Ukraine was behind the attack"),)),
    ]
    comparison = compare_event("ev", analyses)
    assert comparison.blame is not None
    assert {r.party for r in comparison.blame.reports} == {"islamic state", "ukraine"}
    assert comparison.blame.status == "conflict"
    assert {r.said_by for r in comparison.blame.reports} == {"The Islamic State", "Russian officials"}
    _spans_ok(comparison, analyses)


def test_attributions_without_responsibility_are_not_blame():
    text = "The mayor said the concert hall would reopen next year."
    analysis = article("a", text, blames=(("The mayor", "said", "the concert hall would reopen next year"),))
    assert compare_event("ev", [analysis]).blame is None


def test_renderers_show_spans_and_escape_article_text():
    evil = "Gunmen <script>alert(1)</script> attacked the hall, and 60 people were killed."
    analyses = [article("a", evil, outlet="<b>Outlet</b>", published="2024-03-23", title="<i>t</i>",
                        figures=(("60", "killed"),)),
                _toll("b", "Outlet B", "2024-03-23", "137")]
    comparison = compare_event("ev", analyses)
    page = render_html(comparison)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<b>Outlet</b>" not in page and "<i>t</i>" not in page and "<mark>60</mark>" in page
    text = render_text(comparison)
    assert "fatalities [conflict]" in text and "137" in text
    data = comparison_to_dict(comparison)
    assert data["conflicts"] == 1 and data["figures"][0]["reports"][0]["span"]["text"] in {"60", "137"}


def test_an_event_without_figures_or_blame():
    comparison = compare_event("ev", [article("a", "Nothing to count here.")])
    assert comparison.figures == () and comparison.blame is None and comparison.conflicts == 0
    assert "Event ev" in render_text(comparison) and render_html(comparison).startswith("<!DOCTYPE html>")


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 500), st.sampled_from([None, "2024-03-22", "2024-03-23", "2024-03-25"]),
                          st.sampled_from(["killed", "injured", "missiles"])), min_size=0, max_size=6))
def test_any_set_of_reports_gives_valid_kinds_and_spans(reports):
    analyses = [article(f"a{i}", f"Reports said {n} {role} in the strike.", outlet=f"O{i}", published=day,
                        figures=((str(n), role),)) for i, (n, day, role) in enumerate(reports)]
    comparison = compare_event("ev", analyses)
    for aspect in comparison.figures:
        assert aspect.status in ("agreement", "update", "conflict")
        assert all(d.kind in ("agreement", "update", "conflict") for d in aspect.differences)
    _spans_ok(comparison, analyses)
    assert len(comparison.timeline) == len(reports)
