"""Command line: ``python -m core parse PATH...``, ``python -m core ingest FOLDER --out DIR``
(or ``--workspace FILE``) and ``python -m core check --workspace FILE``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from core import corpus, nlp, output, topics, workspace_commands
from core.schema import TABLES


def iter_input_files(paths: Sequence[str]) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) for every file named or inside a named folder, in sorted order."""
    for given in paths:
        path = Path(given)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if any(part.startswith(".") for part in file.relative_to(path).parts[:-1]):
                continue
            yield from _read_one(file)


def _read_one(file: Path) -> Iterator[tuple[str, bytes]]:
    yield file.name, file.read_bytes()


def command_parse(args: argparse.Namespace) -> int:
    pipeline = nlp.load_pipeline(args.pipeline)
    taxonomy = topics.load_taxonomy()
    missing = [p for p in args.paths if not Path(p).exists()]
    for path in missing:
        print(json.dumps({"file": Path(path).name, "error": "file not found"}), flush=True)
    present = [p for p in args.paths if Path(p).exists()]
    for filename, data in iter_input_files(present):
        raws, problems = corpus.read_files([(filename, data)])
        parsed, parse_problems = corpus.parse_documents(raws, pipeline, taxonomy=taxonomy)
        for item in parsed:
            print(json.dumps(output.release_record(item), ensure_ascii=False), flush=True)
        for problem in problems + parse_problems:
            print(json.dumps(output.problem_record(problem), ensure_ascii=False), flush=True)
    return 0


def command_ingest(args: argparse.Namespace) -> int:
    if args.workspace:
        return workspace_commands.command_store(args, iter_input_files(args.paths))
    pipeline = nlp.load_pipeline(args.pipeline)
    built = corpus.build_corpus(iter_input_files(args.paths), pipeline)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        built.table(name).to_parquet(out / f"{name}.parquet", index=False)
    for problem in built.problems:
        print(f"problem: {problem.filename}: {problem.message}", file=sys.stderr)
    print(
        f"{len(built.documents)} documents, {len(built.statements)} statements, "
        f"{len(built.entities)} entities, {len(built.topic_mentions)} topic mentions "
        f"-> {out}",
        file=sys.stderr,
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m core", description=__doc__)
    parser.add_argument("--pipeline", default=None, help="language pipeline name or path")
    sub = parser.add_subparsers(dest="command", required=True)
    parse = sub.add_parser("parse", help="one JSON object per file on stdout")
    parse.add_argument("paths", nargs="+")
    parse.set_defaults(run=command_parse)
    ingest = sub.add_parser("ingest", help="the five tables as Parquet, or into a workspace")
    ingest.add_argument("paths", nargs="+")
    target = ingest.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", help="folder for the Parquet tables")
    target.add_argument("--workspace", help="workspace file (.duckdb) to store the documents in")
    ingest.set_defaults(run=command_ingest)
    check = sub.add_parser("check", help="is every document in a workspace whole?")
    check.add_argument("--workspace", required=True, help="workspace file (.duckdb)")
    check.set_defaults(run=workspace_commands.command_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)
