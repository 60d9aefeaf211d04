"""Brown word clusters as extra input features for the project's tok2vec.

A small CNN trained on ~300,000 treebank words has seen few of the words an analyst's release
uses. Brown clusters (a hierarchical clustering of words by the contexts they occur in, built
from a large unlabelled corpus) tell it that an unseen word behaves like seen ones: "stressed"
and "underlined" share a path, so do "Beijing" and "Manila". They are a classic semi-supervised
feature for tagging, parsing and NER (Koo et al. 2008; Ratinov and Roth 2009; Owoputi et al.
2013). spaCy's `spacy-lookups-data` ships English clusters (`en_lexeme_cluster`, one million
words, 1,000 clusters, each an integer whose bits after the leading 1 are the cluster's path).

Two pieces, both registered with spaCy so a pipeline's `config.cfg` can name them:

- `readout.word_cluster_lookups.v1` (misc): the cluster table for `[initialize.lookups]`,
  trimmed to the most frequent words so the trained pipeline stays small. spaCy saves it with
  the pipeline's vocab, so a trained pipeline never depends on the lookups package at run time.
- `readout.ClusterMultiHashEmbed.v1` (architecture): spaCy's `MultiHashEmbed.v2` with more
  embedded columns per token: the word's full cluster and one or more of its path prefixes
  (coarser classes).

Import this module before loading a pipeline whose config names them (`core.nlp` does).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Sequence
from importlib import resources

import numpy
from spacy.attrs import LOWER, ORTH
from spacy.lookups import Lookups
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import (
    HashEmbed,
    Maxout,
    Model,
    chain,
    concatenate,
    list2ragged,
    ragged2list,
    with_array,
)
from thinc.types import Floats2d, Ints2d

CLUSTER_TABLE = "lexeme_cluster"


def cluster_path_prefix(cluster: int, bits: int) -> int:
    """The cluster's first `bits` path bits, with the leading 1 kept (so lengths never collide).

    Args:
        cluster: a Brown cluster id (0 = unknown word).
        bits: how many path bits to keep.

    Returns:
        The prefix as an id of the same form; the cluster itself when its path is that short.
    """
    path_length = cluster.bit_length() - 1
    if path_length <= bits:
        return cluster
    return cluster >> (path_length - bits)


def load_cluster_table(max_words: int) -> dict[str, int]:
    """The English Brown clusters of the `max_words` most frequent words.

    Args:
        max_words: how many words to keep, by the frequency table shipped beside the clusters.

    Returns:
        Word (as written) -> cluster id.
    """
    data = resources.files("spacy_lookups_data") / "data"
    with gzip.open(data / "en_lexeme_cluster.json.gz", "rt", encoding="utf-8") as handle:
        clusters: dict[str, int] = json.load(handle)
    with gzip.open(data / "en_lexeme_prob.json.gz", "rt", encoding="utf-8") as handle:
        log_probabilities: dict[str, float] = json.load(handle)
    ranked = sorted(
        (word for word in clusters if clusters[word]),
        key=lambda word: log_probabilities.get(word, -100.0),
        reverse=True,
    )
    return {word: clusters[word] for word in ranked[:max_words]}


@registry.misc("readout.word_cluster_lookups.v1")
def create_word_cluster_lookups(max_words: int = 150_000) -> Lookups:
    """The lookups for `[initialize.lookups]`: one table of word clusters."""
    lookups = Lookups()
    lookups.add_table(CLUSTER_TABLE, load_cluster_table(max_words))
    return lookups


def cluster_feature_extractor(
    attrs: Sequence[str | int], prefix_bits: Sequence[int]
) -> Model[list[Doc], list[Ints2d]]:
    """spaCy's FeatureExtractor with more columns: the word's cluster and its path prefixes."""
    return Model(
        "extract_features_with_clusters",
        _extract_features_with_clusters,
        attrs={"columns": list(attrs), "prefix_bits": list(prefix_bits)},
    )


def _extract_features_with_clusters(
    model: Model, docs: list[Doc], is_train: bool
) -> tuple[list[Ints2d], Callable]:
    columns = model.attrs["columns"]
    prefix_bits = model.attrs["prefix_bits"]
    if isinstance(prefix_bits, int):  # saved by the first version, which took one prefix
        prefix_bits = [prefix_bits]
    features = [
        model.ops.asarray2i(
            numpy.hstack([_attribute_columns(doc, columns), _cluster_columns(doc, prefix_bits)]),
            dtype="uint64",
        )
        for doc in docs
    ]
    return features, lambda d_features: []


def _attribute_columns(doc: Doc, columns: list[str | int]) -> numpy.ndarray:
    values = doc.to_array(columns)
    return values.reshape((len(doc), len(columns))).astype("uint64")


def _cluster_columns(doc: Doc, prefix_bits: Sequence[int]) -> numpy.ndarray:
    """One row per token: its cluster, then each prefix (a word not in the table: lower case)."""
    table = doc.vocab.lookups.get_table(CLUSTER_TABLE, None)
    columns = numpy.zeros((len(doc), 1 + len(prefix_bits)), dtype="uint64")
    if table is None or not len(doc):
        return columns
    for index, (orth, lower) in enumerate(doc.to_array([ORTH, LOWER]).tolist()):
        cluster = table.get(orth, 0) or table.get(lower, 0)
        columns[index] = [cluster] + [cluster_path_prefix(cluster, bits) for bits in prefix_bits]
    return columns


@registry.architectures("readout.ClusterMultiHashEmbed.v1")
def cluster_multi_hash_embed(
    width: int,
    attrs: list[str | int],
    rows: list[int],
    cluster_rows: list[int],
    prefix_bits: int | list[int] = 6,
) -> Model[list[Doc], list[Floats2d]]:
    """spaCy's MultiHashEmbed.v2 (no static vectors) plus embedded word-cluster columns.

    Args:
        width: output width, also each embedding table's width.
        attrs: token attributes to embed, as in MultiHashEmbed.
        rows: rows of each attribute's table.
        cluster_rows: rows of the full-cluster table, then of each prefix's.
        prefix_bits: path bits kept for each coarse cluster column (one number or several).

    Returns:
        A model from docs to one (tokens x width) array per doc.
    """
    if len(rows) != len(attrs):
        raise ValueError(f"Mismatched lengths: {len(rows)} vs {len(attrs)}")
    prefixes = [prefix_bits] if isinstance(prefix_bits, int) else list(prefix_bits)
    if len(cluster_rows) != 1 + len(prefixes):
        raise ValueError(
            f"cluster_rows needs {1 + len(prefixes)} numbers (the cluster, then each prefix), "
            f"got {len(cluster_rows)}"
        )
    all_rows = list(rows) + list(cluster_rows)
    # Seeds as in spaCy's MultiHashEmbed (8, 9, ...), so the attribute tables hash alike.
    embeddings = [
        HashEmbed(width, row_count, column=index, seed=8 + index, dropout=0.0)
        for index, row_count in enumerate(all_rows)
    ]
    return chain(
        cluster_feature_extractor(attrs, prefixes),
        list2ragged(),
        with_array(concatenate(*embeddings)),
        with_array(Maxout(width, width * len(embeddings), nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    )
