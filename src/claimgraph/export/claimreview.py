"""Claims as schema.org ClaimReview JSON-LD (https://schema.org/ClaimReview).

claimgraph finds and attributes claims; it does not rate them, so no ``reviewRating`` is
given: the documents are a starting point for a fact-checker's review, carrying who made
the claim, where it appeared, and claimgraph's check-worthiness and certainty.
"""

from __future__ import annotations

from typing import Any

from ..model import Analysis, Article, Claim

__all__ = ["claim_review", "claim_reviews"]


def claim_review(claim: Claim, article: Article, claimant: str | None) -> dict[str, Any]:
    """One ClaimReview document for ``claim``, made in ``article`` by ``claimant`` (None: the author)."""
    appearance: dict[str, Any] = {"@type": "NewsArticle", "headline": article.title, "url": article.url,
                                  "datePublished": article.published}
    if article.outlet:
        appearance["publisher"] = {"@type": "Organization", "name": article.outlet}
    who = claimant or article.author or article.outlet
    item: dict[str, Any] = {"@type": "Claim", "appearance": {k: v for k, v in appearance.items() if v is not None}}
    if who:
        item["author"] = {"@type": "Thing", "name": who}
    if article.published:
        item["datePublished"] = article.published
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": claim.text,
        "itemReviewed": item,
        "additionalProperty": [
            {"@type": "PropertyValue", "name": "checkworthiness", "value": claim.checkworthiness},
            {"@type": "PropertyValue", "name": "certainty", "value": claim.certainty},
            {"@type": "PropertyValue", "name": "offsets", "value": f"{claim.start}-{claim.end}"},
            {"@type": "PropertyValue", "name": "article_id", "value": article.id},
        ],
    }


def claim_reviews(analysis: Analysis) -> list[dict[str, Any]]:
    """A ClaimReview document for every claim of an analysis."""
    sources = {a.id: (a.source.resolved or a.source.text) if a.source else None for a in analysis.attributions}
    return [claim_review(c, analysis.article, sources.get(c.attribution)) for c in analysis.claims]
