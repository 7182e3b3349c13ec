VERSION := $(shell git describe --tags --always)
DIST = dist/octavo-$(VERSION)

release: clean build-release
	mkdir -p $(DIST)
	cp .build/release/octavo README.md LICENSE $(DIST)/
	tar -C dist -czf $(DIST).tar.gz octavo-$(VERSION)
	@echo "built $(DIST).tar.gz"

build-release:
	swift build -c release --product octavo

checksums: release
	cd dist && sha256sum *.tar.gz > SHA256SUMS

clean:
	-rm -rf dist

.PHONY: release build-release checksums clean
