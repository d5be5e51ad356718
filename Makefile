# The two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP_DEV    := $(VENV)/.installed-dev
STAMP_STUDIO := $(VENV)/.installed-studio
COMPILED_TESTS := tests/annotate tests/badinputs tests/fuzz/test_preannotate_fuzz.py tests/test_blind_gold.py

.PHONY: demo test lint typecheck unit unit-compiled compiled docs generate clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_DEV): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev,studio]'
	touch $@

$(STAMP_STUDIO): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[studio]'
	touch $@

## demo: run the main job end to end on the seed documents (options: DEMO_ARGS="--port 8090")
demo: $(STAMP_STUDIO)
	$(BIN)/python -m eventgold.cli.demo $(DEMO_ARGS)

## test: lint, type-check, run the whole test suite, then the annotation tests on the compiled build
test: $(STAMP_DEV) lint typecheck unit unit-compiled

lint: $(STAMP_DEV)
	$(BIN)/ruff check src tests tools $(wildcard benchmarks examples)
	$(BIN)/ruff format --check src tests tools $(wildcard benchmarks examples)
	$(BIN)/lint-imports

typecheck: $(STAMP_DEV)
	$(BIN)/mypy src tools

unit: $(STAMP_DEV)
	$(BIN)/python -m pytest -q $(PYTEST_ARGS); rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests collected"; exit 0; fi; exit $$rc

## compiled: build the compiled pre-annotation modules (mypyc, the token loops in C with Cython) into build/compiled (needs a C and C++ compiler)
compiled: $(STAMP_DEV)
	$(BIN)/python tools/build_compiled.py

# The annotation tests again, on the compiled build (refused if it is not what gets imported).
unit-compiled: compiled
	PYTHONPATH=build/compiled EVENTGOLD_COMPILED=1 $(BIN)/python -m pytest -q -p no:cacheprovider $(COMPILED_TESTS)

## generate: regenerate every committed generated file (schema, LS config, docs, exports/)
generate: $(STAMP_DEV)
	$(BIN)/python -m eventgold.cli.generate
	$(BIN)/python -m eventgold.demo.exports

clean:
	rm -rf $(VENV) .eventgold .pytest_cache .mypy_cache .ruff_cache
