# wenming — quick start: `make demo` serves the demo, `make test` runs every check.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1:8000

.PHONY: install demo test lint messages clean

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
