"""How long each dashboard page takes to render on a large corpus (about 1,000 releases).

    .venv/bin/python -m bench.page_speed [--workspace-dir DIR] [--runs 3] [--examples]
        [--pages NAME ...] [--filter QUERY]

The large workspace is built once with ``python -m core ingest --workspace`` from the PolNeAR
news articles, the dev releases in ../shared and the example corpus (about 1,100 documents,
about 3.5 min CPU, 14 min on a busy 2-core machine), and reused from ``--workspace-dir``
(default: a folder in the system's temp directory) on later runs. ``--examples`` measures the
40-release example corpus instead. Skips with a message when ../shared is absent.

Each page is run with streamlit's AppTest, the stored corpus already in the session (its load
from the workspace is timed on its own line). "first" is a fresh session after every
``st.cache_data`` is cleared; "rerun" is the same session run again (what every widget
interaction costs). Both are the median of ``--runs``, in wall-clock seconds and in this
process's CPU seconds ("cpu": all its threads; on a busy shared machine it moves much less
with the other processes' load than the wall clock does). The peak memory is this process's
(the AppTest runs the pages in it, as the server would).

``--filter`` sets the sidebar filter in every session, written as a shared link's query
(``"speaker=Ann Vell|Bo Reyes&q=talks"``; keys as in ``core.filtering.QUERY_KEYS``); without
it the filter is empty and keeps the whole corpus.
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from bench.common import ROOT, SHARED, skip_without

POLNEAR = SHARED / "benchmarks" / "polnear"
EXAMPLES = ROOT / "data" / "examples"
PAGES = (
    ("Home", "app.py"),
    ("Timeline", "pages/1_Timeline.py"),
    ("Who said what", "pages/2_Who_said_what.py"),
    ("Topics", "pages/3_Topics.py"),
    ("Compare", "pages/4_Compare.py"),
    ("Documents", "pages/5_Documents.py"),
)
TIMEOUT = 600


def large_sources() -> list[Path]:
    """The folders ingested into the large workspace."""
    texts = sorted(POLNEAR.glob("*/text"))
    return [*texts, SHARED / "corpus" / "dev", EXAMPLES]


def build_workspace(path: Path, sources: list[Path]) -> None:
    """Ingest ``sources`` into the workspace file ``path`` (skipped when it already exists)."""
    if path.exists():
        return
    started = time.perf_counter()
    command = [sys.executable, "-m", "core", "ingest", "--workspace", str(path)]
    subprocess.run([*command, *map(str, sources)], cwd=ROOT, check=True)
    print(f"built {path} in {time.perf_counter() - started:.0f} s")


def load_corpus(path: Path):
    """The stored corpus of the workspace at ``path`` and how long loading it took."""
    from core import store

    started = time.perf_counter()
    with store.Workspace(path) as workspace:
        corpus = workspace.load()
    return corpus, time.perf_counter() - started


def time_page(page: str, corpus, workspace: str, runs: int, flt=None) -> tuple[float, ...]:
    """Median wall and CPU seconds of a first render (caches cleared) and of a rerun of
    ``page``: (first, rerun, first cpu, rerun cpu)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    quiet_streamlit()
    first, rerun, first_cpu, rerun_cpu = [], [], [], []
    _session(AppTest, page, corpus, workspace, flt).run()  # imports and resources: once per server
    for _ in range(runs):
        st.cache_data.clear()
        quiet_streamlit()  # clearing outside a server creates loggers that warn
        at = _session(AppTest, page, corpus, workspace, flt)
        wall, cpu = _timed(at.run)
        first.append(wall)
        first_cpu.append(cpu)
        if at.exception:
            raise RuntimeError(f"{page}: {at.exception[0].message}")
        wall, cpu = _timed(at.run)
        rerun.append(wall)
        rerun_cpu.append(cpu)
    return tuple(statistics.median(times) for times in (first, rerun, first_cpu, rerun_cpu))


def _timed(run) -> tuple[float, float]:
    """Wall and process CPU seconds that ``run()`` takes."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def _session(app_test, page: str, corpus, workspace: str, flt=None):
    """A fresh AppTest session on ``page`` with ``corpus`` loaded from ``workspace``, and the
    filter ``flt`` when given."""
    from components import state

    at = app_test.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    if page != "app.py":
        at.switch_page(page)
    at.session_state[state.WORKSPACE] = workspace
    at.session_state[state.CORPUS] = corpus
    if flt is not None:
        at.session_state[state.FILTER] = flt
    return at


def parse_filter(query: str):
    """The Filter a shared link's query string describes (an empty Filter for "")."""
    from core.filtering import filter_from_query

    return filter_from_query(dict(urllib.parse.parse_qsl(query)))


def quiet_streamlit() -> None:
    """AppTest runs without a server, and streamlit's loggers say so at every run."""
    for name in list(logging.root.manager.loggerDict):
        if name.startswith("streamlit"):
            logging.getLogger(name).setLevel(logging.ERROR)


def peak_memory_mb() -> float:
    """This process's peak resident memory in MB (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workspace-dir", default=None, help="where the workspace is kept")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--examples", action="store_true", help="the example corpus only")
    parser.add_argument("--pages", nargs="*", help="page names to time (default: all)")
    parser.add_argument("--filter", default="", help="sidebar filter as a URL query")
    args = parser.parse_args(argv)
    sources = [EXAMPLES] if args.examples else large_sources()
    skip_without(*([EXAMPLES] if args.examples else [POLNEAR, *sources]))
    folder = Path(args.workspace_dir or Path(tempfile.gettempdir()) / "readout-page-speed")
    folder.mkdir(parents=True, exist_ok=True)
    name = "examples" if args.examples else "large"
    path = folder / f"{name}.duckdb"
    build_workspace(path, sources)
    os.environ["READOUT_WORKSPACE_DIR"] = str(folder)
    corpus, load_seconds = load_corpus(path)
    documents, statements = len(corpus.documents), len(corpus.statements)
    print(f"workspace load: {load_seconds:.2f} s ({documents} documents)")
    flt = parse_filter(args.filter)
    if not flt.is_empty():
        print(f"filter: {args.filter}")
    print(
        f"{'page':<15} {'documents':>9} {'statements':>10} {'first s':>8} {'rerun s':>8}"
        f" {'first cpu':>9} {'rerun cpu':>9}"
    )
    for label, page in PAGES:
        if args.pages and label not in args.pages:
            continue
        first, rerun, first_cpu, rerun_cpu = time_page(page, corpus, name, args.runs, flt)
        print(
            f"{label:<15} {documents:>9} {statements:>10} {first:>8.2f} {rerun:>8.2f}"
            f" {first_cpu:>9.2f} {rerun_cpu:>9.2f}"
        )
    print(f"peak memory of this process: {peak_memory_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
