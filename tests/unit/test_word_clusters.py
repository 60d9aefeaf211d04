"""Word-cluster features for the tok2vec (core.word_clusters)."""

from __future__ import annotations

import numpy
import pytest
import spacy

from core import word_clusters
from core.word_clusters import (
    CLUSTER_TABLE,
    cluster_multi_hash_embed,
    cluster_path_prefix,
    create_word_cluster_lookups,
)

ATTRS = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]


def english_with_clusters(clusters: dict[str, int]) -> spacy.Language:
    nlp = spacy.blank("en")
    nlp.vocab.lookups.add_table(CLUSTER_TABLE, clusters)
    return nlp


@pytest.mark.parametrize(
    ("cluster", "bits", "expected"),
    [
        (0b1011, 2, 0b101),  # path 011 -> its first two bits 01, leading 1 kept
        (0b1011, 3, 0b1011),  # the whole path
        (0b1011, 6, 0b1011),  # a path shorter than the prefix stays as it is
        (0b1110100, 4, 0b11101),
        (0, 6, 0),  # unknown word
        (1, 6, 1),  # the root
    ],
)
def test_cluster_path_prefix(cluster: int, bits: int, expected: int) -> None:
    assert cluster_path_prefix(cluster, bits) == expected


def test_prefixes_of_different_lengths_never_collide() -> None:
    # "0" and "00" are different classes; the leading 1 keeps them apart
    assert cluster_path_prefix(0b10, 1) != cluster_path_prefix(0b100, 2)


def test_cluster_columns_read_the_word_then_its_lower_case() -> None:
    nlp = english_with_clusters({"the": 0b1011, "said": 0b1110100, "Kestria": 0b1101101101})
    doc = nlp.make_doc("The envoy said Kestria")
    columns = word_clusters._cluster_columns(doc, prefix_bits=[2])
    assert columns.tolist() == [
        [0b1011, 0b101],  # "The" is not in the table, "the" is
        [0, 0],  # not in the table at all
        [0b1110100, 0b111],
        [0b1101101101, 0b110],  # as written; "kestria" would not be found
    ]


def test_cluster_columns_hold_each_prefix_in_order() -> None:
    nlp = english_with_clusters({"said": 0b1110100})
    columns = word_clusters._cluster_columns(nlp.make_doc("said"), prefix_bits=[2, 4, 8])
    assert columns.tolist() == [[0b1110100, 0b111, 0b11101, 0b1110100]]


def test_cluster_columns_are_zero_without_a_table_or_tokens() -> None:
    nlp = spacy.blank("en")
    assert word_clusters._cluster_columns(nlp.make_doc("The envoy"), [6]).tolist() == [
        [0, 0],
        [0, 0],
    ]
    assert word_clusters._cluster_columns(nlp.make_doc(""), [6]).shape == (0, 2)


def embed_model(width: int = 8):
    return cluster_multi_hash_embed(
        width=width, attrs=ATTRS, rows=[50, 20, 20, 20], cluster_rows=[40, 10], prefix_bits=3
    )


def test_the_embedding_gives_one_vector_per_token() -> None:
    nlp = english_with_clusters({"envoy": 0b11010})
    docs = [nlp.make_doc("The envoy spoke ."), nlp.make_doc("Yes")]
    model = embed_model()
    model.initialize(X=docs)
    vectors = model.predict(docs)
    assert [array.shape for array in vectors] == [(4, 8), (1, 8)]


def test_the_embedding_takes_several_prefixes() -> None:
    nlp = english_with_clusters({"envoy": 0b11010})
    model = cluster_multi_hash_embed(
        width=8, attrs=ATTRS, rows=[50, 20, 20, 20], cluster_rows=[40, 5, 10], prefix_bits=[2, 4]
    )
    docs = [nlp.make_doc("The envoy spoke")]
    model.initialize(X=docs)
    assert model.predict(docs)[0].shape == (3, 8)


def test_the_embedding_reads_the_cluster() -> None:
    # the same word in two vocabularies that cluster it differently gets different vectors
    model = embed_model()
    like_a_verb = english_with_clusters({"zorbed": 0b1110100})
    like_a_place = english_with_clusters({"zorbed": 0b10110100110})
    unclustered = spacy.blank("en")
    docs = [vocab.make_doc("zorbed") for vocab in (like_a_verb, like_a_place, unclustered)]
    model.initialize(X=docs)
    first, second, third = (model.predict([doc])[0] for doc in docs)
    assert not numpy.allclose(first, second)
    assert not numpy.allclose(first, third)


def test_the_embedding_checks_its_row_counts() -> None:
    with pytest.raises(ValueError, match="Mismatched"):
        cluster_multi_hash_embed(8, ATTRS, [10, 10], cluster_rows=[10, 10])
    with pytest.raises(ValueError, match="cluster_rows"):
        cluster_multi_hash_embed(8, ATTRS, [10, 10, 10, 10], cluster_rows=[10])
    with pytest.raises(ValueError, match="cluster_rows"):
        cluster_multi_hash_embed(8, ATTRS, [10] * 4, cluster_rows=[10, 10], prefix_bits=[4, 8])


def test_the_lookups_keep_the_most_frequent_words() -> None:
    table = create_word_cluster_lookups(max_words=50).get_table(CLUSTER_TABLE)
    assert len(table) == 50
    assert table.get("the")  # the commonest English words
    assert table.get("and")
    assert table.get("underlined") is None  # too rare for the first fifty


def test_a_pipeline_with_cluster_features_survives_a_round_trip(tmp_path) -> None:
    nlp = english_with_clusters({"envoy": 0b11010, "said": 0b1110100})
    nlp.add_pipe(
        "tok2vec",
        config={
            "model": {
                "@architectures": "spacy.Tok2Vec.v2",
                "embed": {
                    "@architectures": "readout.ClusterMultiHashEmbed.v1",
                    "width": 8,
                    "attrs": ATTRS,
                    "rows": [50, 20, 20, 20],
                    "cluster_rows": [40, 10],
                    "prefix_bits": 3,
                },
                "encode": {
                    "@architectures": "spacy.MaxoutWindowEncoder.v2",
                    "width": 8,
                    "depth": 1,
                    "window_size": 1,
                    "maxout_pieces": 2,
                },
            }
        },
    )
    nlp.initialize()
    before = nlp("The envoy said").tensor
    nlp.to_disk(tmp_path / "pipeline")
    reloaded = spacy.load(tmp_path / "pipeline")
    assert reloaded.vocab.lookups.get_table(CLUSTER_TABLE).get("said") == 0b1110100
    assert numpy.allclose(reloaded("The envoy said").tensor, before)


def test_an_extractor_saved_with_one_prefix_number_still_reads() -> None:
    # the first trained pipelines stored prefix_bits as a single number
    nlp = english_with_clusters({"envoy": 0b11010})
    extractor = word_clusters.cluster_feature_extractor(ATTRS, [3])
    extractor.attrs["prefix_bits"] = 3
    features = extractor.predict([nlp.make_doc("envoy")])[0]
    assert features[0, len(ATTRS) :].tolist() == [0b11010, 0b1101]
