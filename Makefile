# One entry point for people and CI. `make run` and `make test` set everything up.
VENV    ?= .venv
PYTHON  ?= python3
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed

.PHONY: run test lint fix bench install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## run: install, load the reference record into the default SQLite database, build the ATP
## report, then serve the web application on http://127.0.0.1:8000/ (anonymous reading on)
run: install
	$(BIN)/tariqa init
	$(BIN)/tariqa report --group ATP --compare TAG,QUAD,AUKUS --claims tariqa/data/claims/atp.yaml --out build/report-atp
	$(BIN)/tariqa serve --host 127.0.0.1 --port 8000 --anonymous-read

## test: lint, type-check and run the whole test suite
test: install lint
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check tariqa tests bench
	$(BIN)/ruff format --check tariqa tests bench
	$(BIN)/mypy tariqa

fix: install
	$(BIN)/ruff check --fix tariqa tests bench
	$(BIN)/ruff format tariqa tests bench

## bench: the speed and memory benchmarks (figures printed and written to bench/results/)
bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build *.egg-info
