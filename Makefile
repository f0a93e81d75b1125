# wenming — quick start: `make demo` serves the demo, `make test` runs every check.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1:8000

.PHONY: install demo test lint messages clean bench bench-votes

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@bash scripts/install-system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@touch $@

demo: install
	$(BIN)/wenming migrate --noinput
	$(BIN)/wenming load-demo
	$(BIN)/wenming runserver $(HOST)

lint: install
	$(BIN)/ruff check wenming
	$(BIN)/wenming makemigrations --check --dry-run

test: lint
	$(BIN)/pytest

clean:
	rm -rf $(VENV) var build *.egg-info

# Regenerate the English catalogue from the sources and the glossaries, then compile it.
messages: install
	cd wenming && ../$(BIN)/wenming makemessages -l en --no-obsolete
	$(BIN)/python scripts/fill_po.py wenming/locale/en/LC_MESSAGES/django.po scripts/glossary
	cd wenming && ../$(BIN)/wenming compilemessages -l en

# Vote load benchmark: gunicorn on PostgreSQL + Redis, 5,000 voters, 200 clients (see bench/votes/run.sh).
bench-votes: install
	bash bench/votes/run.sh

# Points benchmark (issue 4): a synthetic month imported, scored, recomputed and ranked.
# BENCH_EVENTS / BENCH_PEOPLE shrink it; PostgreSQL runs when BENCH_DATABASE_URL names a database
# the benchmark may drop and re-create.
BENCH_EVENTS ?= 1000000
BENCH_PEOPLE ?= 100000
bench: install
	@if [ -n "$(BENCH_DATABASE_URL)" ]; then \
	  BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/run.py --database postgres --events $(BENCH_EVENTS) --people $(BENCH_PEOPLE); \
	else echo "BENCH_DATABASE_URL 未设置，跳过 PostgreSQL 基准"; fi
	$(BIN)/python bench/run.py --database sqlite --events $(BENCH_EVENTS) --people $(BENCH_PEOPLE)
