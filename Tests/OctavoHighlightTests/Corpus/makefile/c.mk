CC = cc
CFLAGS += -O2 -Wall -Wextra -std=c11
LDLIBS = -lm
SRC = $(wildcard src/*.c)
OBJ = $(SRC:.c=.o)
PREFIX ?= /usr/local

tides: $(OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

%.o: %.c include/tides.h
	$(CC) $(CFLAGS) -Iinclude -c $< -o $@

install: tides
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 tides $(DESTDIR)$(PREFIX)/bin/

test: tides
	./tides --self-test && echo "ok"

.PHONY: install test
