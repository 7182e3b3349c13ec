# Builds the book in every format.
SWIFT ?= swift
OUT := Output
CHAPTERS := $(wildcard Manuscript/*.md)

.PHONY: all epub html clean

all: epub html

epub: $(OUT)/book.epub
html: $(OUT)/book.html

$(OUT)/book.epub: $(CHAPTERS) Manuscript/book.yaml
	@mkdir -p $(OUT)
	$(SWIFT) run octavo build Manuscript --format epub --output $(OUT)

$(OUT)/book.html: $(CHAPTERS)
	$(SWIFT) run octavo build Manuscript --format html --output $(OUT)

clean:
	rm -rf $(OUT)/*.epub $(OUT)/*.html
