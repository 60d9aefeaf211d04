"""How the statement extractor scales with the number of cues in one sentence.

    .venv/bin/python -m bench.cue_storm [--cues 250 1000 2000]

A hostile or badly exported file can hold one "sentence" with thousands of reporting verbs
(a transcript without full stops, a table flattened to one line). Every step that compares
each cue with every other cue makes such a file quadratic; this prints CPU seconds per size
so a regression shows as a curve, not as a timed test. The text is invented.
"""

from __future__ import annotations

import argparse
import time

from core.nlp import load_pipeline
from core.schema import Metadata
from core.statements import extract_statements

CLAUSE = "Minister Quill said the talks were useful and stressed that trade matters, and"


def storm_text(cues: int) -> str:
    """One line of ``cues`` reporting clauses (two cue verbs each, no full stop)."""
    return " ".join([CLAUSE] * (cues // 2)) + " ended."


def measure(cues: int) -> tuple[int, int, float]:
    """Characters, statements found and CPU seconds of one extraction."""
    nlp = load_pipeline("blank")
    doc = nlp(storm_text(cues))
    started = time.process_time()
    found = extract_statements(doc, meta=Metadata()).statements
    return len(doc.text), len(found), time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cues", type=int, nargs="+", default=[250, 1000, 2000, 4000])
    args = parser.parse_args()
    print("| cues in one sentence | characters | statements | extraction CPU s |")
    print("|---|---|---|---|")
    for cues in args.cues:
        characters, statements, seconds = measure(cues)
        print(f"| {cues:,} | {characters:,} | {statements:,} | {seconds:.2f} |")


if __name__ == "__main__":
    main()
