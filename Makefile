# The README's two commands: `make run` (set up, start the app) and `make test` (set up, run every test).
.PHONY: setup run test lint eval bench

setup:
	bash scripts/setup.sh

run: setup
	.venv/bin/streamlit run app.py --server.address 127.0.0.1

test: setup
	.venv/bin/python -m pytest

lint: setup
	.venv/bin/ruff check . && .venv/bin/ruff format --check .

eval: setup
	.venv/bin/python bench/eval_gold.py
