"""Builders for the store tests: articles and analyses holding every record type, offsets exact."""

from __future__ import annotations

from claimgraph.model import (
    Analysis,
    Article,
    Attribution,
    Claim,
    Cue,
    ErrorRecord,
    Event,
    Hedge,
    Place,
    Quantity,
    Sentence,
    Source,
    Span,
    Technique,
    TimeExpression,
)

TEXT = (
    "The US government said 137 people were killed in Krasnogorsk on 22 March 2024. "
    "Critics claimed the toll may be higher. "
    "This is a national disgrace."
)


def span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    """Offsets of ``needle`` in ``text`` (searching from ``after``)."""
    start = text.index(needle, after)
    return start, start + len(needle)


def make_article(text: str = TEXT, **meta: object) -> Article:
    fields = {"id": "art-1", "title": "Concert hall attack", "published": "2024-03-23", "outlet": "Wire"}
    fields.update(meta)
    return Article(text=text, **fields)  # type: ignore[arg-type]


def full_analysis(article: Article) -> Analysis:
    """An analysis of TEXT (or a text that contains it) with every record type filled in."""
    t = article.text

    def s(needle: str, after: int = 0) -> dict[str, object]:
        start, end = span(t, needle, after)
        return {"start": start, "end": end, "text": t[start:end]}

    first = "The US government said 137 people were killed in Krasnogorsk on 22 March 2024."
    second = "Critics claimed the toll may be higher."
    third = "This is a national disgrace."
    content1 = "137 people were killed in Krasnogorsk on 22 March 2024"
    content2 = "the toll may be higher"
    quantity = Quantity(**s("137 people"), value=137.0, unit="people", role="killed")
    place = Place(**s("Krasnogorsk"), name="Krasnogorsk", country="RU", lat=55.82, lon=37.33, precision="city")
    time = TimeExpression(**s("22 March 2024"), value="2024-03-22", precision="day")
    return Analysis(
        article=article,
        sentences=(
            Sentence(**s(first), checkworthiness=0.9),
            Sentence(**s(second), checkworthiness=0.4),
            Sentence(**s(third), checkworthiness=None),
        ),
        attributions=(
            Attribution(
                id="a1",
                source=Source(**s("The US government"), kind="government", resolved="United States government"),
                cue=Cue(**s("said"), cue_class="neutral"),
                content=Span(**s(content1)),
                certainty=0.9,
            ),
            Attribution(
                id="a2",
                source=Source(**s("Critics"), kind="other"),
                cue=Cue(**s("claimed"), cue_class="distancing"),
                content=Span(**s(content2)),
                certainty=0.4,
            ),
        ),
        claims=(
            Claim(id="c1", **s(content1), attribution="a1", checkworthiness=0.9, certainty=0.9),
            Claim(
                id="c2",
                **s(content2),
                attribution="a2",
                certainty=0.3,
                hedges=(Hedge(**s("may"), kind="hedge"),),
            ),
            Claim(id="c3", **s(third), attribution="author", checkworthiness=0.2, certainty=0.7),
        ),
        quantities=(quantity,),
        times=(time,),
        places=(place,),
        events=(
            Event(
                id="e1",
                type="mass_killing",
                trigger=Span(**s("killed")),
                actors=(),
                targets=(Span(**s("137 people")),),
                place=place,
                time=time,
                quantities=(quantity,),
            ),
        ),
        techniques=(
            Technique(**s("national disgrace"), technique="Loaded_Language", score=0.81),
            Technique(**s("disgrace"), technique="Name_Calling,Labeling", score=0.55),
        ),
        errors=(ErrorRecord(stage="claimgraph_events_v1", code="CG499", message="example error"),),
    )


