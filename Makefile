# drsim: the two README commands and a few more. Everything goes through CMake.
#   make demo   install what is missing, build, run the default scenario
#   make test   install what is missing, build with warnings as errors, run every test,
#               then again under AddressSanitizer and UndefinedBehaviorSanitizer
#   make bench  build optimised and print the engine benchmark
JOBS ?= $(shell nproc)
BUILD ?= build
CMAKE_FLAGS ?=

.PHONY: setup build demo test test-fast test-sanitize bench clean

setup:
	./scripts/setup.sh

build: setup
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	./$(BUILD)/drsim run scenarios/default.pb.txt --out drsim-out

test-fast: setup
	cmake -S . -B build-werror -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDRSIM_WERROR=ON >/dev/null
	cmake --build build-werror -j $(JOBS)
	cd build-werror && ctest --output-on-failure --no-tests=error -j $(JOBS)

test-sanitize: setup
	cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DDRSIM_WERROR=ON -DDRSIM_SANITIZE=ON >/dev/null
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure --no-tests=error -j $(JOBS)

test: test-fast test-sanitize

bench: setup
	cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	cmake --build build-release -j $(JOBS) --target drsim
	./build-release/drsim bench

clean:
	rm -rf build build-werror build-asan build-release drsim-out
