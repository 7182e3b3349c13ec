// The `octavo` executable's jemalloc settings, read by jemalloc before its first allocation
// (the `malloc_conf` symbol of jemalloc's manual; MALLOC_CONF in the environment still
// overrides them). See Package.swift and docs/performance.md.
//
// narenas:1 — one arena for every thread. A build allocates on up to three threads at once,
// and by default each gets an arena of its own (8 on two cores): pages the rendering threads
// free stay with their arenas, and the last steps (the zip, the cache tables) take new ones.
// One arena reuses them: the 1M-word book's peak falls by about 3 MiB (to under 5 x its
// Markdown + 40 MiB), its CPU time within the noise (+1 %, each thread keeps its own cache of
// small blocks). The cost is contention where two threads allocate hard at once: the book of
// 100,000 notes takes about 12 % more time (and 7 to 12 MiB less memory).
const char *malloc_conf = "narenas:1";
