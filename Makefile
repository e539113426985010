# The two commands: `make run` and `make test`. Both set up what they need first, so they work
# from a fresh clone on a new Debian machine (as root, for the system packages).
.DEFAULT_GOAL := help
SHELL := /bin/bash

VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app wsgi
STAMP := .make
SYSTEM_PACKAGES := libharfbuzz-subset0 fonts-noto-core poppler-utils postgresql-client
# nginx, openssl and systemd-analyze check deploy/ (tests/unit/test_deploy.py).
TEST_SYSTEM_PACKAGES := $(SYSTEM_PACKAGES) chromium nginx openssl systemd

.PHONY: help run test lint format setup setup-dev system-packages test-system-packages assets translations migrate seed clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-22s %s\n", $$1, $$2}'

run: setup migrate seed ## Set everything up and serve the app on http://127.0.0.1:5000
	@echo
	@echo "Sign in at http://127.0.0.1:5000 as any of these demo users:"
	@echo "  admin@demo.example  manager@demo.example  chair@demo.example"
	@echo "  socialworker@demo.example  practitioner@demo.example  headofservice@demo.example"
	@if [ -n "$$DEMO_PASSWORD" ]; then echo "Password: the DEMO_PASSWORD you set"; \
	  else echo "Password: $$(cat instance/demo-password.txt 2>/dev/null || echo 'as printed when the demo users were created')"; fi
	@echo
	$(FLASK) run --debug --no-debugger --host 127.0.0.1 --port 5000

test: test-system-packages lint ## Set up, then run the linters and the whole test suite
	$(VENV)/bin/pytest

lint: setup-dev ## Check the code: ruff, the import contracts and the type checker
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

format: setup-dev ## Format the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

setup: system-packages $(STAMP)/venv $(STAMP)/assets translations ## Install system packages, Python and npm dependencies, build assets

setup-dev: setup $(STAMP)/venv-dev

system-packages: ## Install the Debian packages the app needs (only those missing)
	@./scripts/apt-install $(SYSTEM_PACKAGES)

test-system-packages:
	@./scripts/apt-install $(TEST_SYSTEM_PACKAGES)

$(STAMP)/venv: requirements.txt
	@mkdir -p $(STAMP)
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(STAMP)/venv-dev: $(STAMP)/venv requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

$(STAMP)/assets: package.json package-lock.json static/build.mjs $(wildcard static/src/*)
	@mkdir -p $(STAMP)
	npm ci --no-audit --no-fund
	npm run build
	@touch $@

assets: $(STAMP)/assets ## Build the GOV.UK styles and scripts into static/dist

translations: $(STAMP)/venv ## Compile the printed documents' translations (.po to .mo)
	@if ls conference/translations/*/LC_MESSAGES/*.po >/dev/null 2>&1; then \
	  $(VENV)/bin/pybabel -q compile -d conference/translations; fi

migrate: setup ## Apply the database migrations
	$(FLASK) db upgrade

seed: setup ## Create the fictional demo data (refused when CONFERENCE_ENV=production)
	$(FLASK) seed-demo

clean: ## Remove the virtual environment, node_modules and built assets
	rm -rf $(VENV) node_modules static/dist $(STAMP)
