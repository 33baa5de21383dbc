# The stable entry points. `make run` builds and runs the main job; `make test` runs every test
# (.ci/run calls it). Everything needed is installed from the package registries when missing.

CARGO ?= cargo
FIXTURES := ../shared/fixtures
SAMPLE := $(FIXTURES)/seeds/jilin-kjj-2019.txt

.PHONY: run test bench deps build

# The Rust toolchain is the only prerequisite of the core and CLI.
deps:
	@command -v $(CARGO) >/dev/null || { echo "需要 Rust 工具链（rustup）：https://rustup.rs" >&2; exit 2; }

build: deps
	$(CARGO) build --release --locked

# Builds the CLI and checks a bundled sample report with it.
run: build
	@echo
	@echo "== nianbao check $(SAMPLE)"
	@./target/release/nianbao check $(SAMPLE) || true
	@echo
	@echo "CLI: ./target/release/nianbao check [--format human|json|jsonl] 文件... | -"

test: deps
	@test -d $(FIXTURES) || { echo "缺少 $(FIXTURES)：测试需要 shared/fixtures 与仓库并列" >&2; exit 2; }
	$(CARGO) test --locked --all-targets

bench: deps
	$(CARGO) bench --locked
