"""A hand-built compare/2 document with hostile strings, for the comparison pages."""

from __future__ import annotations

EVIL = "<script>alert('cmp')</script>\"><img src=x onerror=alert('cmp')>"


def compare_doc(ids: list[str], texts: dict[str, str]) -> dict:
    a, b = ids[0], ids[1]

    def span(aid: str, word: str) -> dict:
        start = texts[aid].find(word)
        start = max(start, 0)
        return {"article_id": aid, "start": start, "end": start + len(word), "text": texts[aid][start:start + len(word)]}

    return {
        "schema": "compare/2",
        "event": {"id": "ev-test", "title": f"Fire {EVIL}", "type": "disaster", "place": f"Valletta {EVIL}",
                  "date": "2025-04-01"},
        "articles": [
            {"id": a, "outlet": f"Outlet A {EVIL}", "published": "2025-04-01", "url": "javascript:alert('u')",
             "title": f"Title {EVIL}"},
            {"id": b, "outlet": "Outlet B", "published": "2025-04-02", "url": "https://b.example/story", "title": "B"},
        ],
        "slots": [{"id": "s1", "label": f"fatalities {EVIL}", "role": "fatalities", "referent": "workers", "unit": None,
                   "verdict": "conflict", "verdict_reason": f"2 vs 4 on different days {EVIL}",
                   "members": [{**span(a, "fire"), "value": 2.0, "low": None, "high": None,
                                "reported_at": "2025-04-01", "source": f"department {EVIL}"},
                               {**span(b, "fire"), "value": 4.0, "low": None, "high": None,
                                "reported_at": "2025-04-02", "source": None}]}],
        "blame": [{"party": f"Harbour Bulk {EVIL}", "kind": "responsibility", "verdict": "conflict",
                   "members": [{**span(b, "union"), "by": f"the union {EVIL}", "framing": "attributed"}]}],
        "claims": [{"id": "c1", "text": f"The operator ignored warnings {EVIL}",
                    "members": [{**span(a, "fire"), "framing": "hedged", "source": None},
                                {"article_id": a, "start": 0, "end": 0, "text": "", "framing": "absent", "source": None},
                                {**span(b, "union"), "framing": "attributed", "source": "the union"}]}],
    }
