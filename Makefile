# Convenience targets over the scripts in scripts/ (the README's commands use the scripts
# directly, since a fresh machine may not have make yet).
.PHONY: demo test bench clean
demo:
	./scripts/demo.sh
test:
	./scripts/test.sh
bench:
	./scripts/bench.sh
clean:
	rm -rf build build-werror build-asan build-release drsim-out
