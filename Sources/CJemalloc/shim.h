#pragma once
// jemalloc replaces the C library's malloc for the whole `octavo` process (see Package.swift).
#include <jemalloc/jemalloc.h>
