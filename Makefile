# The README's two commands: `make demo` and `make test`. Both set everything up on a fresh machine
# (Python 3.11 and the package registries only).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DATA   ?= examples
OUT    ?= out
DB     := $(OUT)/demo.db

.PHONY: demo test lint setup clean chromium

$(BIN)/dyad: pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "dyad needs Python 3.11+"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[serve,dev,dask,browser]"
	touch $@

setup: $(BIN)/dyad

demo: setup
	@mkdir -p $(OUT)
	@rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BIN)/dyad ingest $(DATA) --db $(DB)
	$(BIN)/dyad events --db $(DB) --limit 30
	$(BIN)/dyad actors --db $(DB) --limit 30
	$(BIN)/dyad export --db $(DB) --what events --format jsonl --out $(OUT)/events.jsonl
	$(BIN)/dyad export --db $(DB) --what events --format csv --out $(OUT)/events.csv
	$(BIN)/dyad export --db $(DB) --what events --format parquet --out $(OUT)/events.parquet
	$(BIN)/dyad export --db $(DB) --what events --format plover --out $(OUT)/events.plover.jsonl
	$(BIN)/dyad export --db $(DB) --what events --format icews --out $(OUT)/events.icews.tsv
	$(BIN)/dyad export --db $(DB) --what actors --format jsonl --out $(OUT)/actors.jsonl
	@echo
	@echo "Explore: $(BIN)/dyad events --db $(DB) --country LBY   ·   $(BIN)/dyad show <document> --db $(DB)"
	@echo "         $(BIN)/dyad actors Dumoulin --db $(DB)   ·   exports in $(OUT)/"

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

# Browser tests drive Debian's Chromium (never a downloaded browser); installed here when we are root.
chromium:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; } || echo "no chromium: browser tests will skip"

test: lint chromium
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache
