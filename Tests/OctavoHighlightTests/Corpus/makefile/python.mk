PYTHON ?= python3
VENV = .venv
BIN = $(VENV)/bin

$(VENV)/bin/activate: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -r requirements.txt
	touch $@

venv: $(VENV)/bin/activate

test: venv
	$(BIN)/pytest -q tests/

bench: venv
	$(BIN)/python Benchmarks/bench.py --quick

format: venv
	$(BIN)/ruff format src tests

clean:
	rm -rf $(VENV) .pytest_cache
	find . -name '__pycache__' -type d -prune -exec rm -rf {} +

.PHONY: venv test bench format clean
