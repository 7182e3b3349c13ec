DOCS := $(patsubst %.md,build/%.html,$(notdir $(wildcard docs/*.md)))

ifeq ($(shell uname -s),Darwin)
  OPEN = open
else
  OPEN = xdg-open
endif

export LC_ALL = C.UTF-8

docs: $(DOCS)

build/%.html: docs/%.md | build
	pandoc --standalone --toc -o $@ $<

build:
	mkdir -p build

view: docs
	$(OPEN) build/index.html

define banner
	@echo "== $(1) =="
endef

lint:
	$(call banner,lint)
	@for f in docs/*.md; do \
		grep -n 'TODO' "$$f" || true; \
	done
