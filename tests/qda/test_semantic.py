"""The semantic coder: codebook representations, calibration, reasons, language flags, learning
from decisions, the ensemble and the cross-validated evaluation, with the real sentence model."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from tariqa.cli import app
from tariqa.errors import UsageError
from tariqa.io import plan, read_inputs
from tariqa.model import Code, Coding
from tariqa.qda import embedding
from tariqa.qda.autocode import decisions
from tariqa.qda.corpus import Corpus
from tariqa.qda.embedding import Embedder, EmbeddingOptions
from tariqa.qda.ensemble import EnsembleOptions, combine
from tariqa.qda.evaluate import EvaluationOptions, Labelled, cross_validate
from tariqa.qda.semantic import Decision, SemanticCoder, SemanticOptions
from tariqa.reference import DEFAULT_CODEBOOK
from tests.conftest import small_record, write_yaml
from tests.qda.semantic_env import require_semantic

require_semantic()
runner = CliRunner()


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Embedder]:
    """One embedder for the module, also serving the library's default (so the CLI does not
    build the graph again in each test's own data folder)."""
    shared = Embedder(options=EmbeddingOptions(cache=tmp_path_factory.mktemp("models")))
    embedding._EMBEDDERS[EmbeddingOptions()] = shared
    yield shared
    embedding._EMBEDDERS.pop(EmbeddingOptions(), None)


@pytest.fixture(scope="module")
def codebook() -> list[Code]:
    return [item.entity for item in read_inputs(plan([DEFAULT_CODEBOOK]))]  # type: ignore[misc]


SPORT = Code(
    id="sport",
    name="Sport",
    definition="Matches, tournaments and athletes.",
    examples=["The national football teams will play a friendly match.", "Young athletes competed in the games."],
)
WEATHER = Code(
    id="weather",
    name="Weather",
    definition="Rain, sunshine, storms and temperatures.",
    examples=["Heavy rain fell on the capital.", "The storm brought strong winds and snow."],
)


def test_the_codebook_alone_finds_themes_with_reasons(model: Embedder, codebook: list[Code]) -> None:
    coder = SemanticCoder(codebook, embed=model.embed)
    texts = [
        "The two navies will train together in the Caspian next spring.",
        "Gas exports through the new pipeline will double by 2030.",
        "The foreign ministers will meet again next year in Baku.",
        "The weather in the capital was mild and sunny.",
    ]
    result = coder.suggest(texts)
    themes = {(s.index, s.theme) for s in result.suggestions}
    assert (0, "defence") in themes and (1, "economy") in themes and (2, "institution") in themes
    assert not any(s.index == 3 for s in result.suggestions)
    for s in result.suggestions:
        assert coder.top_of(s.code) == s.theme and 0.4 <= s.score <= 1
        assert len(s.reasons) == 2 and s.reasons[0].similarity >= s.reasons[1].similarity
        assert all(r.source in {"definition", "inclusion", "keywords", "example"} for r in s.reasons)
    assert result.flagged == [] and result.skipped == ()


def test_scores_are_standardised_against_a_background(model: Embedder, codebook: list[Code]) -> None:
    """The similarity part of every theme has its background texts near z = 0: a threshold
    means the same for each theme."""
    coder = SemanticCoder(codebook, embed=model.embed)
    unrelated = ["The hall was decorated with flowers.", "Photographs were taken before lunch."]
    scores, english = coder.scores(unrelated)
    assert english.all() and (scores < coder.options.threshold).all()
    means = [coder.background[t][0] for t in coder.themes]
    assert all(0 < spread < 0.2 for _, spread in coder.background.values())
    assert max(means) - min(means) < 0.25


def test_sentences_not_in_english_are_flagged_and_change_nothing(model: Embedder, codebook: list[Code]) -> None:
    coder = SemanticCoder(codebook, embed=model.embed)
    english = ["Trade between the three countries grew by a third.", "The ministers condemned terrorism."]
    turkish = "Üç ülke arasındaki ticaret hacmi üçte bir arttı."
    alone = coder.suggest(english)
    mixed = coder.suggest([english[0], turkish, english[1]])
    assert mixed.flagged == [1]
    assert not any(s.index == 1 for s in mixed.suggestions)
    moved = [(0 if s.index == 0 else 1, s.code, s.score) for s in mixed.suggestions]
    assert moved == [(s.index, s.code, s.score) for s in alone.suggestions]


def test_a_code_without_description_or_examples_is_named_and_skipped(model: Embedder) -> None:
    vague = Code(id="misc", name="Miscellaneous", definition="Miscellaneous")
    texts = ["The teams played football in the rain.", "Miscellaneous other matters were discussed."]
    with_it = SemanticCoder([SPORT, WEATHER, vague], embed=model.embed)
    without = SemanticCoder([SPORT, WEATHER], embed=model.embed)
    assert with_it.skipped == ("misc",) and without.skipped == ()
    assert "misc" not in with_it.themes
    got, expected = with_it.suggest(texts), without.suggest(texts)
    assert got.skipped == ("misc",)
    assert [(s.index, s.code, s.score) for s in got.suggestions] == [
        (s.index, s.code, s.score) for s in expected.suggestions
    ]
    with pytest.raises(UsageError, match="no code"):
        SemanticCoder([vague], embed=model.embed)
    with pytest.raises(UsageError, match="empty"):
        SemanticCoder([], embed=model.embed)


def test_decisions_move_the_scores(model: Embedder) -> None:
    coder = SemanticCoder([SPORT, WEATHER], embed=model.embed)
    chess = "The grandmasters met for the final round of the chess championship."
    flood = "The river flooded the stadium car park after the downpour."
    sport = coder.themes.index("sport")
    before = coder.scores([chess, flood])[0][:, sport]
    used = coder.learn(
        [
            Decision("Chess players from ten countries took part in the open tournament.", "sport", True),
            Decision("The chess olympiad will be held in Baku.", "sport", True),
            Decision("The football pitch was under water after the storm.", "sport", False),
            Decision("Floods closed the stadium for a week.", "sport", False),
            Decision("Futbol maçı yarın oynanacak.", "sport", True),  # not English: not used
            Decision("Anything", "unknown-code", True),  # not in the codebook: not used
        ]
    )
    after = coder.scores([chess, flood])[0][:, sport]
    assert used == 4
    assert after[0] > before[0] + 0.05 and after[1] < before[1] - 0.05
    reasons = coder.suggestion(0, "sport", float(after[0]), model.embed([chess])[0]).reasons
    assert reasons[0].source == "coded" and "chess" in reasons[0].text.lower()


def test_decisions_from_a_study(codebook: list[Code]) -> None:
    text = "Trade grew fast. The weather was fine. Terrorism was condemned."
    corpus = Corpus(
        documents={},
        texts={"d": text},
        codes={c.id: c for c in codebook},
        codings=[Coding(document="d", start=0, end=16, code="economy-trade", coder="a")],
    )
    rejected = [Coding(document="d", start=39, end=62, code="threat", coder="rules", status="rejected")]
    found = decisions(corpus, rejected)
    assert Decision("Trade grew fast.", "economy-trade", True) in found
    assert Decision("Terrorism was condemned.", "threat", False) in found
    assert Decision("The weather was fine.", "economy", False) in found
    assert Decision("Trade grew fast.", "economy", False) not in found
    assert Decision("Trade grew fast.", "threat", False) in found


def test_the_ensemble_is_a_weighted_mean_of_what_can_be_read() -> None:
    rules = np.array([[0.6, 0.0], [0.0, 0.0]])
    semantic = np.array([[0.2, 0.8], [0.9, 0.9]])
    english = np.array([True, False])
    model = np.array([[0.4, 0.1], [0.7, 0.1]])
    got = combine(rules=rules, semantic=semantic, english=english, model=model, options=EnsembleOptions())
    assert np.allclose(got, [[0.4, 0.3], [0.35, 0.05]])
    alone = combine(rules=rules, semantic=semantic, english=english, model=None)
    assert np.allclose(alone, [[0.4, 0.4], [0.0, 0.0]])
    with pytest.raises(UsageError):
        EnsembleOptions(rules=0, semantic=0, model=0)


SENTENCES = [
    ("Gas exports through the pipeline will rise.", {"economy"}),
    ("Trade between the partners doubled.", {"economy"}),
    ("New railways will link the three capitals.", {"economy"}),
    ("Investment by Turkish firms keeps growing.", {"economy"}),
    ("Electricity will flow through a new cable.", {"economy"}),
    ("Customs checks at the border will be simplified.", {"economy"}),
    ("The ministers condemned terrorism in all its forms.", {"threat"}),
    ("Separatist groups threaten the whole region.", {"threat"}),
    ("Extremist propaganda online is a common danger.", {"threat"}),
    ("The war next door worries all three governments.", {"threat"}),
    ("Armed groups near the border endanger every partner.", {"threat"}),
    ("The danger of a wider conflict was discussed.", {"threat"}),
    ("Photographs were taken in the garden.", set()),
    ("Lunch was served at one o'clock.", set()),
]


def test_cross_validation_per_method_and_theme(model: Embedder, codebook: list[Code]) -> None:
    labelled = [Labelled(t, frozenset(s)) for t, s in SENTENCES]
    result = cross_validate(labelled, codebook, options=EvaluationOptions(folds=2), embed=model.embed)
    assert {s.method for s in result.scores} == {"rules", "semantic", "model", "auto"}
    by = {(s.method, s.theme): s for s in result.scores}
    assert by[("semantic", "economy")].labelled == 6 and by[("semantic", "threat")].labelled == 6
    assert by[("semantic", "economy")].f1 > 0.5 and by[("rules", "threat")].recall > 0.5
    assert 0 <= result.macro_f1("auto") <= 1 and result.sentences == 14 and result.folds == 2
    zero = cross_validate(
        labelled, codebook, options=EvaluationOptions(methods=("semantic",), learn=False), embed=model.embed
    )
    assert {s.method for s in zero.scores} == {"semantic"}
    with pytest.raises(UsageError, match="not evaluated"):
        zero.macro_f1("rules")


def test_cross_validation_by_code(model: Embedder, codebook: list[Code]) -> None:
    """At level code each code is scored on its own: the semantic coder's code is the nearest
    of its theme, the rules' the code whose keyword matched."""
    by_code = {"economy": "economy-energy", "threat": "threat-terrorism"}
    labelled = [
        Labelled(t, frozenset(by_code[x] for x in s)) for t, s in SENTENCES[:2] + SENTENCES[6:7] + SENTENCES[12:]
    ]
    labelled += [Labelled("Oil and gas from the Caspian will reach Europe.", frozenset({"economy-energy"}))] * 2
    labelled += [Labelled("Terrorist groups were condemned by all three.", frozenset({"threat-terrorism"}))] * 2
    options = EvaluationOptions(folds=2, level="code", methods=("rules", "semantic"))
    result = cross_validate(labelled, codebook, options=options, embed=model.embed)
    rows = {(s.method, s.theme): s for s in result.scores}
    assert ("rules", "economy-energy") in rows and ("semantic", "threat") in rows
    assert rows[("rules", "economy-energy")].labelled == 4 and rows[("rules", "economy-energy")].recall > 0
    assert rows[("semantic", "economy-energy")].predicted > 0
    with pytest.raises(UsageError, match="level"):
        EvaluationOptions(level="paragraph")


def test_cross_validation_refuses_bad_input(model: Embedder, codebook: list[Code]) -> None:
    with pytest.raises(UsageError, match="no labelled sentences"):
        cross_validate([], codebook, embed=model.embed)
    with pytest.raises(UsageError, match="not top-level codes"):
        cross_validate([Labelled("x", frozenset({"nonsense"}))] * 3, codebook, embed=model.embed)
    with pytest.raises(UsageError, match="unknown method"):
        EvaluationOptions(methods=("magic",))
    with pytest.raises(UsageError, match="threshold"):
        SemanticOptions(threshold=1.5)


# ---------------------------------------------------------------------- through the command line

TEXT = (
    "The ministers condemned terrorism and separatism.\n\n"
    "Gas exports through the new pipeline will double, and freight trains will cross the three countries.\n\n"
    "Üç ülke arasındaki ticaret hacmi üçte bir arttı.\n"
)


def run(db: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", db, *args])
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "qda.db")
    data = small_record()
    data["document_texts"] = [{"id": "atp-baku-2017", "text": TEXT}]
    write_yaml(tmp_path / "r.yaml", data)
    assert run(path, "import", str(tmp_path / "r.yaml"))[0] == 0
    assert run(path, "codebook", "import")[0] == 0
    return path


def codings(db: str) -> list[dict[str, object]]:
    """Every stored coding with the text it codes."""
    from tariqa.storage import open_store

    with open_store(db) as store:
        text = store.document_text("atp-baku-2017")
        return [c.to_record() | {"text": text[c.start : c.end]} for c in store.codings()]


def test_code_auto_semantic_and_auto(model: Embedder, db: str) -> None:
    code, _, err = run(db, "code", "auto", "--method", "semantic")
    assert code == 0, err
    assert "not in English" in err and "atp-baku-2017:" in err
    found = codings(db)
    assert {c["coder"] for c in found} == {"semantic"}
    assert all(str(c["memo"]).startswith("semantic ") and "nearest" in str(c["memo"]) for c in found)
    assert not any("ticaret" in str(c["text"]) for c in found)  # flagged, not coded
    tops = {str(c["code"]).split("-")[0] for c in found}
    assert {"threat", "economy"} <= tops
    code, _, err = run(db, "code", "auto", "--method", "auto")
    assert code == 0, err
    auto = [c for c in codings(db) if c["coder"] == "auto"]
    assert any("rules:" in str(c["memo"]) and "semantic" in str(c["memo"]) for c in auto)
    assert any("ticaret" in str(c["text"]) and "not English" in str(c["memo"]) for c in auto)  # rules code it


def test_code_evaluate_compares_methods_per_theme(model: Embedder, db: str) -> None:
    import json

    assert run(db, "code", "add", "atp-baku-2017", "0", "49", "threat-terrorism", "--coder", "aylin")[0] == 0
    assert run(db, "code", "add", "atp-baku-2017", "51", "151", "economy-energy", "--coder", "aylin")[0] == 0
    code, out, err = run(db, "code", "evaluate", "--method", "rules,semantic", "--folds", "2", "--output", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert {r["method"] for r in rows} == {"rules", "semantic"}
    threat = next(r for r in rows if r["method"] == "rules" and r["theme"] == "threat")
    assert threat["labelled"] == 1 and threat["recall"] == 1.0
    code, _, err = run(db, "code", "evaluate", "--method", "magic")
    assert code == 2 and "unknown method" in err


def test_a_missing_extra_is_named_and_nothing_is_written(
    model: Embedder, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(embedding._EMBEDDERS, EmbeddingOptions())
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    code, _, err = run(db, "code", "auto", "--method", "semantic")
    assert code == 2 and "tariqa[semantic]" in err
    assert codings(db) == []


def test_an_empty_corpus_is_a_clear_error(model: Embedder, tmp_path: Path) -> None:
    path = str(tmp_path / "empty.db")
    assert run(path, "codebook", "import")[0] == 0
    code, _, err = run(path, "code", "auto", "--method", "semantic")
    assert code == 2 and "no documents" in err
    code, _, err = run(path, "code", "evaluate", "--method", "rules,semantic")
    assert code == 2 and "no labelled sentences" in err
