# The two commands of the README:
#   make run   set up, build, and serve the platform on the embedded default
#   make test  set up, build, and pass every test
# Other targets: build, web, asan (unit tests under ASan+UBSan), bench, format, tidy, clean.

JOBS ?= $(shell nproc)
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := true

.PHONY: run test test-hostile fuzz-short setup setup-test build build-dev web asan bench format tidy clean

run: setup build web
	./build/release/shouwang serve

test: setup-test build-dev web test-hostile fuzz-short
	ctest --preset dev -j $(JOBS)

# Hostile input under ASan+UBSan in every test run: every shared capture
# through the decoders and the whole sensor with ET Open, the rule parser and
# matcher tests (ET Open loaded), and the fuzz corpora. (`make asan` runs all
# unit tests that way.)
test-hostile:
	cmake --preset asan >/dev/null
	cmake --build --preset asan -j $(JOBS) --target sw_packet_test sw_detect_test sw_sensor_test fuzz_packet_decoder fuzz_app_parsers
	./build/asan/src/packet/sw_packet_test --gtest_brief=1
	SW_SHARED_DATA=$(CURDIR)/../shared/data ./build/asan/src/detect/sw_detect_test --gtest_brief=1
	./build/asan/src/sensor/sw_sensor_test --gtest_brief=1
	./build/asan/fuzz/fuzz_packet_decoder fuzz/packet/packet_decoder_corpus
	./build/asan/fuzz/fuzz_app_parsers fuzz/packet/app_parsers_corpus

# Each parser fuzzer for a short time (libFuzzer, clang, ASan+UBSan), from its
# seed corpus; a crash fails the run and leaves the input in build/fuzz.
FUZZ_SECONDS ?= 20
fuzz-short:
	cmake --preset fuzz >/dev/null
	cmake --build --preset fuzz -j $(JOBS) --target fuzz_packet_decoder fuzz_app_parsers fuzz_rule
	@for t in packet/packet_decoder packet/app_parsers detect/rule; do \
	  name=$$(basename $$t); dir=build/fuzz/corpus/$$name; mkdir -p $$dir; \
	  cp -n fuzz/$${t}_corpus/* $$dir/ 2>/dev/null || true; \
	  echo "fuzzing $$name for $(FUZZ_SECONDS) s"; \
	  if ! ./build/fuzz/fuzz/fuzz_$$name -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 \
	       -artifact_prefix=build/fuzz/ $$dir >build/fuzz/$$name.log 2>&1; then \
	    tail -40 build/fuzz/$$name.log; exit 1; fi; \
	  tail -1 build/fuzz/$$name.log; \
	done

setup:
	@bash tools/setup.sh

setup-test:
	@bash tools/setup.sh --test

build:
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS)

build-dev:
	cmake --preset dev >/dev/null
	cmake --build --preset dev -j $(JOBS)

web:
	@if [ -f web/package.json ]; then cd web && npm run build --silent; fi

asan: setup-test
	cmake --preset asan >/dev/null
	cmake --build --preset asan -j $(JOBS)
	ctest --preset asan -j $(JOBS)

bench: setup-test
	cmake --preset bench >/dev/null
	cmake --build --preset bench -j $(JOBS)
	bash bench/api/api_bench.sh build/bench

format:
	find src tests bench fuzz -name '*.cc' -o -name '*.h' | xargs clang-format -i

tidy: build-dev
	find src -name '*.cc' | xargs clang-tidy -p build/dev --quiet

clean:
	rm -rf build
