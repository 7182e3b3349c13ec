# Octavo: the two commands a newcomer needs are `make book` and `make test`.
SWIFT ?= swift
OCTAVO_RELEASE := .build/release/octavo
## The release binary carries the Swift runtime and Foundation inside it: a build starts in
## about 10 ms of CPU instead of 23, and needs about 5 MiB less memory (docs/performance.md).
## Its code is laid out for the runs it makes: each function compiled into its own section,
## and lld placing the functions typical runs execute (Benchmarks/octavo.order, written by
## Benchmarks/order-symbols) together at the start of the text, the functions without a
## symbol just before them (Benchmarks/octavo-private.lds), so a build maps about 7 MiB of
## code instead of 16; a stale list only costs memory. Its 86,000 relative relocations are
## packed (DT_RELR): the loader reads 17 KB of them instead of 2 MB (docs/performance.md).
RELEASE := -c release --static-swift-stdlib \
  -Xswiftc -Xfrontend -Xswiftc -function-sections -Xcc -ffunction-sections \
  -Xswiftc -use-ld=lld \
  -Xlinker --symbol-ordering-file=$(CURDIR)/Benchmarks/octavo.order \
  -Xlinker --no-warn-symbol-ordering \
  -Xlinker -T -Xlinker $(CURDIR)/Benchmarks/octavo-private.lds
## Packed relocations need a C library that reads them (glibc 2.36: Debian 12, Ubuntu 23.04).
GLIBC_RELR := $(shell getconf GNU_LIBC_VERSION 2>/dev/null | \
  awk '{ split($$2, v, "."); if (v[1] > 2 || (v[1] == 2 && v[2] >= 36)) print "yes" }')
ifeq ($(GLIBC_RELR),yes)
RELEASE += -Xlinker -z -Xlinker pack-relative-relocs
endif

.PHONY: book test lint format asan deps test-deps build release clean docs docc bench bench-math preview-images page-images order

## make book: build the sample book into Output/ (EPUB + print HTML)
book: deps
	$(SWIFT) build $(RELEASE) --product octavo
	$(OCTAVO_RELEASE) build Manuscript --styles Styles --output Output

## The Swift files swift-format checks: everything but the highlighter's corpus (test data).
SWIFT_FILES = $(shell find Package.swift Sources Tests Benchmarks Plugins -name '*.swift' \
  -not -path '*/Corpus/*' -not -path '*/Fixtures/*' | sort)

## make test: the format check, then every test, including end-to-end runs checked by
## EPUBCheck 5.3 and the Nu checker
test: test-deps lint
	$(SWIFT) build --build-tests
	OCTAVO_REQUIRE_VALIDATORS=1 $(SWIFT) test

## make lint: swift-format (the toolchain's) checks every Swift file against .swift-format
lint:
	@echo "swift format lint --strict: $(words $(SWIFT_FILES)) files"
	@$(SWIFT) format lint --strict --parallel $(SWIFT_FILES)

## make format: swift-format rewrites every Swift file to .swift-format's layout
format:
	@echo "swift format --in-place: $(words $(SWIFT_FILES)) files"
	@$(SWIFT) format --in-place --parallel $(SWIFT_FILES)

## make bench: the benchmark (250k, 1M and 4M words against pandoc and the C floor, medians
## of 3 runs), then the scaling of repeated headings and same-named images (Benchmarks/hostile.py);
## BENCH_ARGS="--quick" for a short run, see Benchmarks/bench.py --help
bench: deps
	@Benchmarks/install-tools
	$(SWIFT) build $(RELEASE) --product octavo
	python3 Benchmarks/bench.py $(BENCH_ARGS)
	python3 Benchmarks/hostile.py $(HOSTILE_ARGS)
	@$(MAKE) --no-print-directory bench-math

## make bench-math: the TeX-to-MathML converter over the texmath corpus (target < 50 ms), then
## a 250k-word book built with a formula in every paragraph and without (target at most 1.1×),
## and with a short inline formula in every paragraph instead
bench-math:
	$(SWIFT) build $(RELEASE) --product octavo-math-bench
	.build/release/octavo-math-bench Tests/OctavoMathTests/Corpus/corpus.txt
	$(SWIFT) build $(RELEASE) --product octavo
	python3 Benchmarks/bench.py --math 250000 --runs 3

## make order: rewrite Benchmarks/octavo.order, the functions typical runs of the release
## binary execute (valgrind's callgrind over --version, check, clean builds and a rebuild;
## about 15 minutes), then check the binary's layout; commit the list when it changed
order: deps
	$(SWIFT) build $(RELEASE) --product octavo
	Benchmarks/order-symbols
	rm -f $(OCTAVO_RELEASE)
	$(SWIFT) build $(RELEASE) --product octavo
	Benchmarks/order-symbols --check

## make asan: every test once more with AddressSanitizer and LeakSanitizer (not part of make test)
asan: test-deps
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	LSAN_OPTIONS=suppressions=$(CURDIR)/.ci/lsan-suppressions.txt:print_suppressions=0 OCTAVO_REQUIRE_VALIDATORS=1 \
	  $(SWIFT) test --skip-build --sanitize=address --scratch-path .build-asan

## make preview-images: the screenshots of octavo serve in docs/images (contents, a chapter in
## light and dark, search, the print pages, a draft; 1,200 and 390 px), made by headless
## Chromium in the tests' harness (Tests/OctavoKitTests/Preview/PreviewPageTests.swift)
preview-images: test-deps
	$(SWIFT) build --build-tests
	OCTAVO_PREVIEW_IMAGES=$(CURDIR)/docs/images $(SWIFT) test --skip-build --filter 'PreviewPageTests/screenshots'

## make page-images: regenerate the page images the README shows (docs/images/): the sample's
## opener and a body page from WeasyPrint and from Chromium, and the EPUB drawn by MuPDF
page-images: test-deps
	$(SWIFT) build --product octavo
	.ci/page-images

deps:
	@.ci/install-deps

test-deps:
	@.ci/install-deps test
	@.ci/install-validators

build: deps
	$(SWIFT) build

clean:
	rm -rf .build Output/*.epub Output/*.html Output/*.pdf

## make docs: regenerate the man page (docs/octavo.1) and the shell completions (docs/completions/)
## from the command-line definitions; commit the result (a test checks they are up to date)
MANUAL_DATE ?= $(shell git log -1 --format=%cs -- Sources/octavo 2>/dev/null || date +%F)
docs: deps
	$(SWIFT) build --product octavo
	$(SWIFT) package plugin generate-manual --date $(MANUAL_DATE) --section 1
	cp .build/plugins/GenerateManual/outputs/octavo/octavo.1 docs/octavo.1
	for shell in bash zsh fish; do \
	  .build/debug/octavo --generate-completion-script $$shell > docs/completions/octavo.$$shell; \
	done

## make docc: build the DocC documentation of OctavoKit into .build/docc (toolchain docc)
docc: deps
	$(SWIFT) build --target OctavoKit -Xswiftc -emit-symbol-graph -Xswiftc -emit-symbol-graph-dir -Xswiftc .build/symbol-graphs
	rm -rf .build/docc-symbols && mkdir -p .build/docc-symbols
	cp .build/symbol-graphs/OctavoKit*.symbols.json .build/docc-symbols/
	docc convert Sources/OctavoKit/OctavoKit.docc --additional-symbol-graph-dir .build/docc-symbols \
	  --fallback-display-name OctavoKit --fallback-bundle-identifier org.octavo.OctavoKit \
	  --output-path .build/docc
