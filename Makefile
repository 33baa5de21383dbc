# The stable entry points.
#   make run   installs what is missing, builds the CLI and the page, and serves the page on
#              127.0.0.1 (it also works opened from disk: dist/index.html)
#   make test  runs every test: the Rust suites and the browser tests (.ci/run calls it)
#   make corpus checks the real reports and prints how each expectation holds
#   make docs  regenerates the diagnostic code tables from the catalogue
#   make dist  builds the web files into dist/: index.html (the page, one file), nianbao-check.js
#              (the widget), embed.html (its iframe form), demo.html, and the widget's package
# Everything needed is installed from the package registries when missing.

CARGO ?= cargo
FIXTURES := tests/fixtures
SAMPLE := $(FIXTURES)/seeds/jilin-kjj-2019.txt
PORT ?= 8000

# wasm-bindgen-cli must be exactly the version of the wasm-bindgen crate (Cargo.toml pins it).
WASM_BINDGEN_VERSION := 0.2.130
WASM := target/wasm32-unknown-unknown/wasm/nianbao.wasm
GLUE := target/wasm-bindgen

.PHONY: run test bench deps deps-web build dist serve docs corpus

# The Rust toolchain is the only prerequisite of the core and the CLI.
deps:
	@command -v $(CARGO) >/dev/null || { echo "需要 Rust 工具链（rustup）：https://rustup.rs" >&2; exit 2; }

# The page: the wasm target, wasm-bindgen-cli, Node packages (wasm-opt, playwright-core), and
# Debian's chromium with a CJK font for the browser tests and their screenshots; LibreOffice
# (Writer, no GUI) with Noto CJK for tests/generated_pdf.rs, which prints PDFs with both.
deps-web: deps
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $(WASM_BINDGEN_VERSION)" || \
		$(CARGO) install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)
	@command -v node >/dev/null || { echo "需要 Node.js 与 npm" >&2; exit 2; }
	@{ command -v chromium >/dev/null && fc-list :lang=zh | grep -q . ; } || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei; }
	@{ command -v soffice >/dev/null && fc-list | grep -q NotoSansCJK ; } || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui fonts-noto-cjk; }
	@cd www && npm ci --no-audit --no-fund --loglevel=error

build: deps
	$(CARGO) build --release --locked

dist: deps-web
	$(CARGO) build --locked --profile wasm --target wasm32-unknown-unknown --lib
	wasm-bindgen --target no-modules --no-typescript --out-dir $(GLUE) $(WASM)
	node www/build.mjs $(GLUE)/nianbao.js $(GLUE)/nianbao_bg.wasm dist

# Builds the CLI and the page, shows the CLI on a sample report, and serves the page.
run: build dist
	@echo
	@echo "== nianbao check $(SAMPLE)"
	@./target/release/nianbao check $(SAMPLE) || true
	@echo
	@echo "CLI：./target/release/nianbao check [--format human|json|jsonl] 文件... | -"
	@echo "网页：http://127.0.0.1:$(PORT)/ （也可直接用浏览器打开 $(CURDIR)/dist/index.html）"
	@echo "按 Ctrl+C 停止。"
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory dist

test: deps dist
	$(CARGO) test --locked --all-targets
	node --test --test-reporter=spec tests/browser/
	bash tools/recipes.sh

# Checks every real report of tests/fixtures and prints a table: file, verdict, errors, and how
# many of its written expectations hold (tests/fixtures/README.md says how they are written).
corpus: deps
	$(CARGO) test --locked --release --test corpus -- --nocapture --test-threads=1

# Rewrites the code tables of README.md and docs/output-contract.md from src/catalogue.rs.
docs: deps
	NIANBAO_WRITE_DOCS=1 $(CARGO) test --locked --test catalogue

bench: deps
	$(CARGO) bench --locked

# How fast the single-file page becomes usable: dist/index.html opened from disk N times in fresh
# headless Chromium contexts (the browser tests' flags), beside a trivial page as the browser's own
# cost, with a DevTools trace of one more load summarised (tools/page_ready.mjs). Not part of
# `make test`: the figures depend on the machine and its load.
.PHONY: bench-page
RUNS ?= 20
bench-page: dist
	node tools/page_ready.mjs --runs $(RUNS) --trace target/page-ready.trace.json

# Our PDF reader against pdfplumber (PyPI) on the same PDFs: time per PDF and table cells
# recovered correctly, side by side (tools/bench_pdf.py). Not part of `make test`. pdfplumber is
# taken from python3 when it has it, else installed into a venv under target/.
.PHONY: bench-pdf
BENCH_VENV := target/bench-pdf-venv
bench-pdf: deps
	@py=python3; python3 -c 'import pdfplumber' 2>/dev/null || { \
		{ test -x $(BENCH_VENV)/bin/python || python3 -m venv $(BENCH_VENV); } && \
		$(BENCH_VENV)/bin/python -m pip install --quiet pdfplumber && py=$(BENCH_VENV)/bin/python; }; \
	$(CARGO) bench --locked --bench pdf --no-run && \
	$$py tools/bench_pdf.py $(CARGO) bench -q --locked --bench pdf --
