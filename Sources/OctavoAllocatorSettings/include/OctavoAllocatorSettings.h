#pragma once
// The jemalloc settings of the `octavo` executable (settings.c): a symbol jemalloc looks up
// by name; nothing in Swift calls it.
extern const char *malloc_conf;
