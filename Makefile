# Octavo: the two commands a newcomer needs are `make book` and `make test`.
SWIFT ?= swift
OCTAVO_RELEASE := .build/release/octavo

.PHONY: book test asan deps test-deps build release clean bench

## make book: build the sample book into Output/ (EPUB + print HTML)
book: deps
	$(SWIFT) build -c release --product octavo
	$(OCTAVO_RELEASE) build Manuscript --styles Styles --output Output

## make test: every test, including end-to-end runs checked by EPUBCheck 5.3 and the Nu checker
test: test-deps
	$(SWIFT) build --build-tests
	OCTAVO_REQUIRE_VALIDATORS=1 $(SWIFT) test

## make bench: the benchmark (250k, 1M and 4M words against pandoc and the C floor, medians
## of 3 runs); BENCH_ARGS="--quick" for a short run, see Benchmarks/bench.py --help
bench: deps
	@Benchmarks/install-tools
	$(SWIFT) build -c release --product octavo
	python3 Benchmarks/bench.py $(BENCH_ARGS)

## make asan: every test once more with AddressSanitizer and LeakSanitizer (not part of make test)
asan: test-deps
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	LSAN_OPTIONS=suppressions=$(CURDIR)/.ci/lsan-suppressions.txt OCTAVO_REQUIRE_VALIDATORS=1 \
	  $(SWIFT) test --skip-build --sanitize=address --scratch-path .build-asan

deps:
	@.ci/install-deps

test-deps:
	@.ci/install-deps test
	@.ci/install-validators

build: deps
	$(SWIFT) build

clean:
	rm -rf .build Output/*.epub Output/*.html Output/*.pdf
