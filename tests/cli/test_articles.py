"""End-to-end tests of analyze, ingest and search through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.serialize import validate

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "port-fire.txt"


def _run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def test_analyze_json_is_schema_valid_with_matching_offsets():
    result = _run("analyze", str(EXAMPLE), "--published", "2025-04-03", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    validate(document)
    text = document["article"]["text"]
    assert document["article"]["published"] == "2025-04-03"
    for sentence in document["sentences"]:
        assert text[sentence["start"]:sentence["end"]] == sentence["text"]


def test_analyze_stdin_text_and_html(tmp_path: Path):
    result = _run("analyze", "-", "--format", "text", input="Police said <b>two</b> men were arrested.\n")
    assert result.exit_code == 0, result.output
    assert "Police said" in result.stdout
    out = tmp_path / "report.html"
    result = _run("analyze", "-", "--format", "html", "-o", str(out), input="A <script>x</script> test.\n")
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "<script>x" not in page and "&lt;script&gt;x" in page


def test_analyze_jsonl_gives_one_document_per_line(tmp_path: Path):
    source = tmp_path / "a.jsonl"
    source.write_text('{"text": "One article."}\n{"text": "Another one.", "title": "T"}\n', encoding="utf-8")
    result = _run("analyze", str(source), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["article"]["text"] for d in lines] == ["One article.", "Another one."]


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"", "CG101"), (b"\x00\x01\x02\x03binary\x00\xff" * 20, "CG102")],
)
def test_analyze_bad_file_is_one_line_with_code(tmp_path: Path, content: bytes, code: str):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = _run("analyze", str(path))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error {code}: ") and "bad.txt" in lines[0]


def test_analyze_too_large_file_names_the_limit(tmp_path: Path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 400, encoding="utf-8")
    result = _run("analyze", str(path), "--max-bytes", "1000")
    assert result.exit_code == 1
    assert result.stderr.startswith("error CG103: ") and "--max-bytes" in result.stderr


def test_analyze_refuses_loopback_url_unless_allowed():
    result = _run("analyze", "http://127.0.0.1:9/article")
    assert result.exit_code == 1 and result.stderr.startswith("error CG201: ")
    assert "--allow-private" in result.stderr
    result = _run("analyze", "http://127.0.0.1:9/article", "--allow-private")
    assert result.exit_code == 1 and result.stderr.startswith("error CG200: ")


def test_wrong_usage_exits_2():
    result = _run("analyze", str(EXAMPLE), "--format", "pdf")
    assert result.exit_code == 2
    assert _run("search").exit_code == 2


def test_ingest_keeps_good_lines_reports_bad_one_and_is_idempotent(tmp_path: Path):
    db = tmp_path / "cg.db"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The mayor said the bridge will reopen in May.", encoding="utf-8")
    (corpus / "feed.jsonl").write_text(
        '{"text": "Officials said 12 people were injured in Lyon.", "outlet": "X"}\n'
        "{not json\n"
        '{"text": "The union claims the plant was unsafe.", "outlet": "Y"}\n',
        encoding="utf-8",
    )
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    result = _run("ingest", str(corpus), "--db", str(db))
    assert result.exit_code == 1
    assert "feed.jsonl, line 2" in result.stderr and "empty.txt" in result.stderr
    assert "3 new, 0 already stored, 2 skipped" in result.stderr
    again = _run("ingest", str(corpus), "--db", str(db))
    assert "0 new, 3 already stored, 2 skipped" in again.stderr
    found = _run("search", "injured", "--db", str(db), "--json")
    assert found.exit_code == 0, found.output
    hits = json.loads(found.stdout)["hits"]
    assert len(hits) == 1 and hits[0]["outlet"] == "X"


def test_text_view_shows_ranges_readably():
    from claimgraph.cli._views import _range

    assert _range(60.0, None) == "≥ 60"
    assert _range(None, 100.0) == "≤ 100"
    assert _range(40.0, 60.0) == "40–60"
    assert _range(6000.0, 6000.0) == "6,000–6,000"
    assert _range(None, None) == ""


def test_search_filters_by_source_cue_class_and_author_claims(tmp_path: Path):
    db = tmp_path / "cg.db"
    source = tmp_path / "two.jsonl"
    source.write_text(
        '{"text": "The mayor claims that the bridge is safe. Engineers said the cables were rusty.", "outlet": "A"}\n'
        '{"text": "The storm surely destroyed the harbour. It will probably return next year.", "outlet": "B"}\n',
        encoding="utf-8",
    )
    assert _run("ingest", str(source), "--db", str(db)).exit_code == 0

    def outlets(*filters: str) -> list[str]:
        result = _run("search", "--db", str(db), "--json", *filters)
        assert result.exit_code == 0, result.output
        return [hit["outlet"] for hit in json.loads(result.stdout)["hits"]]

    assert outlets("--source", "mayor") == ["A"]
    assert outlets("--cue-class", "distancing") == ["A"]
    assert outlets("--author-only") == ["B"]
    assert outlets("--source", "nobody at all") == []
    assert _run("search", "--db", str(db), "--cue-class", "sceptical").exit_code == 2


def test_cli_profile_choices_are_the_pipeline_profiles() -> None:
    from claimgraph.cli._common import Profile
    from claimgraph.pipeline import PROFILES

    assert tuple(profile.value for profile in Profile) == PROFILES


_PAGES = {
    "en.html": ("en", "Storm leaves thousands without power",
                "A storm cut power to thousands of homes along the coast on Monday night, the electricity company "
                "said. Engineers worked through the night to restore the lines, and officials said most homes would "
                "have power again by Wednesday."),
    "fr.html": ("fr", "La tempête prive des milliers de foyers d'électricité",
                "Une tempête a privé d'électricité des milliers de foyers sur la côte lundi soir, a indiqué la "
                "compagnie d'électricité. Les techniciens ont travaillé toute la nuit pour rétablir les lignes, et "
                "les autorités ont déclaré que la plupart des foyers retrouveraient le courant mercredi."),
    # a template that declares English on a German page: the text overrules it
    "de.html": ("en", "Sturm lässt Tausende ohne Strom zurück",
                "Ein Sturm hat am Montagabend Tausende Haushalte an der Küste ohne Strom gelassen, teilte der "
                "Energieversorger mit. Techniker arbeiteten die ganze Nacht, um die Leitungen wiederherzustellen, "
                "und die Behörden erklärten, die meisten Haushalte würden bis Mittwoch wieder Strom haben."),
    "ru.html": (None, "Шторм оставил тысячи домов без света",
                "Шторм в понедельник вечером оставил без электричества тысячи домов на побережье, сообщила "
                "энергетическая компания. Техники работали всю ночь, чтобы восстановить линии, и власти заявили, "
                "что большинство домов снова получат электричество к среде."),
}


def test_ingest_of_mixed_languages_reports_each_and_analyses_only_english(tmp_path: Path):
    corpus = tmp_path / "pages"
    corpus.mkdir()
    for name, (lang, title, body) in _PAGES.items():
        attr = f' lang="{lang}"' if lang else ""
        (corpus / name).write_text(
            f"<!doctype html><html{attr}><head><meta charset='utf-8'><title>{title}</title></head><body><article>"
            f"<h1>{title}</h1><p>{body}</p><p>{body}</p></article></body></html>", encoding="utf-8")
    db = tmp_path / "cg.db"
    result = _run("ingest", str(corpus), "--db", str(db), "--profile", "fast")
    assert result.exit_code == 0, result.output
    assert "Storm leaves thousands without power: language en (declared and detected" in result.stderr
    assert "): analysed" in result.stderr
    for lang in ("fr", "de", "ru"):
        assert f": language {lang} (" in result.stderr
    assert result.stderr.count("stored, not analysed (language not supported yet)") == 3
    from claimgraph.store import open_store

    with open_store(db) as store:
        analyses = {a.article.language: a for a in store.iter_analyses()}
    assert set(analyses) == {"en", "fr", "de", "ru"}
    assert analyses["en"].attributions and not analyses["en"].errors
    for lang in ("fr", "de", "ru"):
        (error,) = analyses[lang].errors
        assert error.code == "CG111"
        assert error.message.startswith(f"language {lang} is not supported yet: stored, not analysed")
        assert not analyses[lang].sentences and not analyses[lang].attributions
    assert analyses["de"].article.language_source == "detected"
    found = _run("search", "--language", "fr", "--db", str(db), "--json")
    assert [h["title"] for h in json.loads(found.stdout)["hits"]] == [_PAGES["fr.html"][1]]
    assert _run("search", "--language", "english", "--db", str(db)).exit_code != 0
