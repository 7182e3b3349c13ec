// The `octavo` executable's jemalloc settings, read by jemalloc before its first allocation
// (the `malloc_conf` symbol of jemalloc's manual; MALLOC_CONF in the environment still
// overrides them). See Package.swift and docs/performance.md ("Peak memory: spilled
// documents, compact ids, pages given back").
//
// dirty_decay_ms:1000 — pages freed are given back to the system after about a second
// instead of ten. A build frees the trees and strings of each chapter it renders; with the
// default, every page freed stays resident to the end of any build shorter than ten seconds.
// background_thread:true — a thread of jemalloc's gives them back on time, also from the
// arenas of threads that have stopped allocating (without it an arena purges only when it
// is used). The book of 100,000 notes peaks about 18 MiB lower, for no measurable CPU time.
const char *malloc_conf = "background_thread:true,dirty_decay_ms:1000";
