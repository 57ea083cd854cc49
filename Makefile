# Shortcuts; the scripts are the source of truth (./test is what CI runs).
.PHONY: help install run test check bench

PYTHON := .venv/bin/python

help:
	@echo "make install   create .venv and install orderbot with its test tools"
	@echo "make run       run orderbot (./run)"
	@echo "make test      lint, format, types, import contracts and tests (./test)"
	@echo "make check     the same without the tests (./test --static)"
	@echo "make bench     run every benchmark in bench/"

install:
	scripts/setup --test

run:
	./run

test:
	./test

check:
	./test --static

# Every bench/*.py is a script of its own; helpers start with an underscore.
bench: install
	@set -e; for script in bench/[!_]*.py; do \
		[ -e "$$script" ] || { echo "no benchmarks in bench/"; break; }; \
		echo "==> $$script"; \
		PYTHONPATH=. $(PYTHON) "$$script"; \
	done
