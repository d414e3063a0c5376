# The project's commands. `make demo` and `make test` do all the set-up on a
# fresh Debian 12 machine (they install the Debian packages they need).
BUILD_DIR ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
RETAIN := $(BUILD_DIR)/retain
DEMO_DB ?= retain.db
DEMO_DIR ?= demo-data
DEMO_CUSTOMERS ?= 20000
DEMO_LISTEN ?= 127.0.0.1:8080
BENCH_CUSTOMERS ?= 1000000
BENCH_DIR ?= bench-data

.PHONY: all deps build test demo bench format clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
	@cmake --build $(BUILD_DIR) -j$(JOBS) -- --no-print-directory

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j$(JOBS)

demo: build
	@scripts/demo.sh $(RETAIN) $(DEMO_DB) $(DEMO_DIR) $(DEMO_CUSTOMERS) $(DEMO_LISTEN)

bench: build
	@scripts/bench.sh $(RETAIN) $(BENCH_DIR) $(BENCH_CUSTOMERS)
	@scripts/bench_api.sh $(RETAIN) $(BENCH_DIR)
	@scripts/bench_loyalty.sh $(RETAIN) $(BENCH_DIR)
	@$(BUILD_DIR)/retain_bench

format:
	@find src bench tests -name '*.h' -o -name '*.cc' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR)
