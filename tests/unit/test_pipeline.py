"""The training data converters (invented inputs), the entity rules, the shipped pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.vocab import Vocab

from core import nlp as core_nlp
from training.scripts import convert

# An invented two-paragraph document: a multi-word token ("Dana's"), SpaceAfter=No, a flat
# name after a title, and GUM-style entity brackets in the MISC column.
CONLLU = """# newdoc id = doc-a
# newpar
# sent_id = doc-a-1
# text = Minister Dana Reyes arrived.
1\tMinister\tminister\tPROPN\tNNP\t_\t2\tcompound\t_\tEntity=(1-person-new-x-y
2\tDana\tDana\tPROPN\tNNP\t_\t4\tnsubj\t_\t_
3\tReyes\tReyes\tPROPN\tNNP\t_\t2\tflat\t_\tEntity=1)
4\tarrived\tarrive\tVERB\tVBD\tTense=Past\t0\troot\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

# newpar
# sent_id = doc-a-2
# text = Dana's team left Norland.
1-2\tDana's\t_\t_\t_\t_\t_\t_\t_\t_
1\tDana\tDana\tPROPN\tNNP\t_\t3\tnmod:poss\t_\tEntity=(2-person-giv-x-y)
2\t's\t's\tPART\tPOS\t_\t1\tcase\t_\t_
3\tteam\tteam\tNOUN\tNN\t_\t4\tnsubj\t_\t_
4\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\t_
5\tNorland\tNorland\tPROPN\tNNP\t_\t4\tobj\t_\tEntity=(3-place-new-x-y)|SpaceAfter=No
6\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

"""


@pytest.fixture
def conllu_file(tmp_path: Path) -> Path:
    path = tmp_path / "invented.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    return path


def test_read_conllu_words_spaces_heads_paragraphs(conllu_file: Path) -> None:
    first, second = convert.read_conllu(conllu_file)
    assert [t.form for t in second.tokens] == ["Dana", "'s", "team", "left", "Norland", "."]
    assert [t.space_after for t in second.tokens] == [False, True, True, True, False, True]
    assert [t.head for t in first.tokens] == [2, 4, 2, 0, 4]
    assert first.doc_id == "doc-a"
    assert first.paragraph_start
    assert second.paragraph_start


def test_sentences_to_doc_keeps_annotation(conllu_file: Path) -> None:
    sentences = convert.read_conllu(conllu_file)
    sentences[0].ents = [(1, 3, "PERSON")]
    sentences[1].ents = None  # unknown: missing, not "no entities"
    doc = convert.sentences_to_doc(Vocab(), sentences)
    assert doc.text == "Minister Dana Reyes arrived. Dana's team left Norland."
    assert [s.text for s in doc.sents] == [
        "Minister Dana Reyes arrived.",
        "Dana's team left Norland.",
    ]
    assert doc[1].dep_ == "nsubj"
    assert doc[5].dep_ == "nmod"
    assert doc[3].dep_ == "ROOT"
    assert doc[1].head.i == 3
    assert doc[8].head.i == 8
    assert [(e.text, e.label_) for e in doc.ents] == [("Dana Reyes", "PERSON")]
    assert doc[5].ent_iob_ == ""
    assert doc[0].ent_iob_ == "O"


def test_document_text_puts_paragraphs_on_lines(conllu_file: Path) -> None:
    sentences = convert.read_conllu(conllu_file)
    sentences[1].paragraph_start = True
    assert (
        convert.document_text(sentences)
        == "Minister Dana Reyes arrived.\nDana's team left Norland."
    )
    assert "\n" not in convert.document_text(sentences, line_breaks=False)


@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        (["B-PER", "I-PER", "O", "B-LOC"], [(0, 2, "PER"), (3, 4, "LOC")]),  # IOB2
        (["I-ORG", "I-ORG", "O", "I-MISC"], [(0, 2, "ORG"), (3, 4, "MISC")]),  # IOB1
        (["B-PER", "B-PER", "I-ORG"], [(0, 1, "PER"), (1, 2, "PER"), (2, 3, "ORG")]),
        (["O", "O"], []),
    ],
)
def test_iob_spans(tags: list[str], spans: list[tuple[int, int, str]]) -> None:
    assert convert.iob_spans(tags) == spans


def test_gum_entities_take_the_name_from_the_mention(conllu_file: Path) -> None:
    first, second = convert.read_conllu(conllu_file)
    assert convert.gum_entity_spans(first) == [(0, 3, "person")]
    words = [t.form for t in first.tokens]
    assert [(words[s], words[e - 1], label) for s, e, label in convert.gum_entities(first)] == [
        ("Dana", "Reyes", "PERSON")  # the title is left out: head + flat dependents
    ]
    assert convert.gum_entities(second) == [(0, 1, "PERSON"), (4, 5, "GPE")]


@pytest.mark.parametrize(
    ("mention", "label", "expected"),
    [
        ("Foreign Secretary Dana Reyes", "PERSON", [("Dana Reyes", "PERSON")]),
        (
            "Gen. Omar Hale , commander of the Northern Task Force",
            "PERSON",
            [("Omar Hale", "PERSON")],
        ),
        ("the Northern Task Force spokesman", "PERSON", []),
        ("He", "PERSON", []),
        ("the regime", "ORG", []),
        ("the Government of Norland", "ORG", [("Government of Norland", "ORG")]),
        ("the United States", "ORG", [("United States", "GPE")]),
        ("Iraqi security forces", "ORG", [("Iraqi", "NORP")]),
        ("Norland tactical units", "ORG", []),
        ("eastern Kesh", "GPE", [("Kesh", "GPE")]),
        ("Kesh , Syria", "GPE", [("Kesh", "GPE"), ("Syria", "GPE")]),
        ("citizens from Jordan and Iraq", "ORG", [("Jordan", "GPE"), ("Iraq", "GPE")]),
        ("Petty Officer Omar Hale", "PERSON", [("Omar Hale", "PERSON")]),
    ],
)
def test_normalize_mention(mention: str, label: str, expected: list[tuple[str, str]]) -> None:
    words = mention.split()
    spans = convert.normalize_mention(words, 0, len(words), label)
    assert [(" ".join(words[s:e]), lab) for s, e, lab in spans] == expected


def test_resolve_overlaps_is_independent_of_the_hash_seed() -> None:
    """Longest first; two labels over the same words: the one given first wins, always (a
    set-based dedup once let the process's hash seed pick, so GUM gold changed per run)."""
    spans = [(5, 7, "ORG"), (0, 3, "PERSON"), (5, 7, "GPE"), (1, 2, "ORG"), (0, 3, "PERSON")]
    assert convert.resolve_overlaps(spans) == [(0, 3, "PERSON"), (5, 7, "ORG")]
    swapped = [(5, 7, "GPE"), (5, 7, "ORG"), (0, 3, "PERSON")]
    assert convert.resolve_overlaps(swapped) == [(0, 3, "PERSON"), (5, 7, "GPE")]


def test_iob_files_map_labels(tmp_path: Path) -> None:
    path = tmp_path / "invented.conll"
    path.write_text(
        "-DOCSTART- O\n\nDana I-PER\nReyes I-PER\nvisited O\nKesh I-LOC\nwith O\n"
        "German I-MISC\nofficials O\n. O\n\nHe O\nliked O\nJazzfest I-MISC\n. O\n",
        encoding="utf-8",
    )
    first, second = convert.read_iob_columns(path)
    sentence = convert.iob_sentence(first, "d", 0, convert.wikigold_mapper)
    assert sentence.ents == [(0, 2, "PERSON"), (3, 4, "GPE"), (5, 6, "NORP")]
    assert not sentence.has_syntax
    assert convert.iob_sentence(second, "d", 1, convert.wikigold_mapper).ents == []
    assert convert.guess_spaces(["Hello", ",", "world", "."]) == [False, True, False, False]


def test_sparse_annotation_leaves_unannotated_names_unknown() -> None:
    pairs = [
        *(("Foreign", "B-Person"), ("Secretary", "I-Person"), ("Omar", "I-Person")),
        *(("Hale", "I-Person"), ("met", "O"), ("Minister", "O"), ("Kesh", "B-Location")),
        *(("and", "O"), ("Norland", "O"), (".", "O")),
    ]
    sentence = convert.iob_sentence(pairs, "d", 0, convert.re3d_mapper, sparse=True)
    doc = convert.sentences_to_doc(Vocab(), [sentence])
    # the title inside the mention and the title word outside it are known non-names;
    # only the unannotated name "Norland" is unknown
    assert [t.ent_iob_ for t in doc] == [*"OOBIOOBO", "", "O"]
    dense = convert.iob_sentence(pairs, "d", 0, convert.re3d_mapper)
    assert [t.ent_iob_ for t in convert.sentences_to_doc(Vocab(), [dense])] == [*"OOBIOOBOOO"]


def test_re3d_split_is_fixed_and_disjoint(tmp_path: Path) -> None:
    for source in ("alpha", "beta"):
        folder = tmp_path / "conll" / source
        folder.mkdir(parents=True)
        for n in range(9):
            (folder / f"{source}{n}.conll").write_text("Kesh B-Location\n", encoding="utf-8")
    split = convert.re3d_split(tmp_path)
    assert split == convert.re3d_split(tmp_path)
    names = [{p.name for p in split[part]} for part in ("train", "dev", "test")]
    assert sum(len(n) for n in names) == 18
    assert not (names[0] & names[2])
    assert not (names[1] & names[2])
    assert not (names[0] & names[1])
    assert {p.parent.name for p in split["test"]} == {"alpha", "beta"}


# ---------------------------------------------------------------- entity rules


@pytest.fixture(scope="module")
def rules_nlp():
    """Blank English with the project's entity rules (the NER itself is not needed)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("ner")  # untrained, never run: the rules go in front of it
    core_nlp.add_entity_rules(nlp)
    return nlp


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("General Omar Hale met reporters.", [("Omar Hale", "PERSON")]),
        ("Foreign Minister Dana Reyes spoke.", [("Dana Reyes", "PERSON")]),
        ("The General Assembly met.", []),
        ("Minister of Foreign Affairs Dana Reyes spoke.", [("Dana Reyes", "PERSON")]),
        ("US Secretary of State Omar Hale spoke.", [("Omar Hale", "PERSON")]),
        ("DEFENSE MINISTER LEE visited.", [("LEE", "PERSON")]),
        ("President Mohammed bin Salman spoke.", [("Mohammed bin Salman", "PERSON")]),
        ("Foreign Minister Ibrahim al-Jaafari spoke.", [("Ibrahim al-Jaafari", "PERSON")]),
        ("Foreign Minister Omar al- spoke.", [("Omar", "PERSON")]),
        ("The Member States agreed.", []),
        ("Envoy for the Global Coalition to Counter Daesh Omar Hale", []),
        ("The minister spoke.", []),
    ],
)
def test_titled_names(rules_nlp, text: str, expected: list[tuple[str, str]]) -> None:
    with rules_nlp.select_pipes(enable=[core_nlp.TITLED_NAMES]):
        doc = rules_nlp(text)
    assert [(e.text, e.label_) for e in doc.ents] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("China and the United States talked.", [("China", "GPE"), ("United States", "GPE")]),
        ("BEIJING, July 8 -- Talks ended.", [("BEIJING", "GPE")]),
        ("Chinese officials met Americans.", [("Chinese", "NORP"), ("Americans", "NORP")]),
        (
            "The Ministry of Foreign Affairs of Norland said so.",
            [("Ministry of Foreign Affairs", "ORG")],
        ),
        ("The Northern Theater Command said so.", [("Northern Theater Command", "ORG")]),
        ("The ministry said so.", []),
    ],
)
def test_entity_ruler_from_data(rules_nlp, text: str, expected: list[tuple[str, str]]) -> None:
    with rules_nlp.select_pipes(enable=[core_nlp.ENTITY_RULER]):
        doc = rules_nlp(text)
    assert [(e.text, e.label_) for e in doc.ents] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks ended\nThe sides met.", ["Talks ended\n", "The sides met."]),
        ("Talks ended.\n\nThe sides met.", ["Talks ended.\n\n", "The sides met."]),
        ("Talks ended and the sides met.", ["Talks ended and the sides met."]),
    ],
)
def test_line_breaks_end_sentences_without_empty_ones(text: str, expected: list[str]) -> None:
    doc = core_nlp.load_pipeline("blank")(text)
    assert [s.text_with_ws for s in doc.sents] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Syrian Democratic Forces advanced.", []),
        ("They met the Government of Iraq.", []),
        ("They sailed the Gulf of Oman.", []),
        ("Chinese President Xi spoke in Iraq.", [("Chinese", "NORP"), ("Iraq", "GPE")]),
        ("Iraq and Syria agreed.", [("Iraq", "GPE"), ("Syria", "GPE")]),
    ],
)
def test_places_inside_longer_names_are_left_to_the_ner(
    rules_nlp, text: str, expected: list[tuple[str, str]]
) -> None:
    with rules_nlp.select_pipes(enable=[core_nlp.ENTITY_RULER, core_nlp.NAME_PARTS]):
        doc = rules_nlp(text)
    assert [(e.text, e.label_) for e in doc.ents] == expected


def test_blank_pipeline_has_no_entity_rules() -> None:
    assert core_nlp.ENTITY_RULER not in core_nlp.load_pipeline("blank").pipe_names


# ---------------------------------------------------------------- the shipped pipeline


@pytest.fixture(scope="module")
def shipped_nlp():
    if not (core_nlp.SHIPPED_PIPELINE / "meta.json").exists():
        pytest.skip("pipelines/readout_en is not built")
    return core_nlp.load_pipeline(str(core_nlp.SHIPPED_PIPELINE))


def test_shipped_pipeline_meta_names_sources_and_licence(shipped_nlp) -> None:
    meta = shipped_nlp.meta
    assert meta["name"] == "readout_en"
    assert meta["license"] == "CC BY-SA 4.0"
    credited = " ".join(source["name"] for source in meta["sources"])
    for name in ("EWT", "Universal NER", "GUM", "re3d"):
        assert name in credited
    assert "readout_scores" in meta


def test_shipped_pipeline_parses_an_invented_release(shipped_nlp) -> None:
    text = (
        "KESH, March 3 -- Norland and China held talks on Tuesday.\n"
        "General Omar Hale said that the two sides would meet again in Beijing."
    )
    doc = shipped_nlp(text)
    assert core_nlp.has_parse(doc)
    sentences = [sent.text.strip() for sent in doc.sents]
    assert sentences[-1] == text.splitlines()[1]  # the line break starts a sentence
    assert next(t for t in doc if t.text == "held").dep_ == "ROOT"
    said = next(t for t in doc if t.text == "said")
    assert said.dep_ == "ROOT"
    subjects = [c for c in said.children if c.dep_ == "nsubj"]
    assert len(subjects) == 1
    # the subject is the name, headed on either word (UD heads a flat name on its first)
    subject = subjects[0]
    assert subject.text in ("Omar", "Hale")
    assert "Omar Hale" in doc[subject.left_edge.i : subject.right_edge.i + 1].text
    assert any(c.dep_ == "ccomp" for c in said.children)
    assert said.tag_ == "VBD"
    assert said.pos_ == "VERB"
    assert said.lemma_ == "say"
    ents = {(e.text, e.label_) for e in doc.ents}
    assert {("Omar Hale", "PERSON"), ("China", "GPE"), ("Beijing", "GPE")} <= ents
    assert "readout_en" in core_nlp.describe_pipeline(shipped_nlp)
