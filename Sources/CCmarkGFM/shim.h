#pragma once
#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/// The outcome of `octavo_cmark_probe`.
enum {
  OCTAVO_PROBE_OK = 0,
  OCTAVO_PROBE_TIME = 1,
  OCTAVO_PROBE_MEMORY = 2,
  OCTAVO_PROBE_NODES = 3,
  OCTAVO_PROBE_FAILED = 4
};

/// Resident memory of process `pid` in KiB, from /proc (async-signal-safe calls only).
static inline long octavo_resident_kib(pid_t pid) {
  char path[64];
  char buffer[128];
  long pages = -1;
  int length = 0;
  /* Build "/proc/<pid>/statm" by hand: snprintf is not needed and avoids locale work. */
  const char *prefix = "/proc/";
  while (prefix[length]) { path[length] = prefix[length]; length++; }
  char digits[24];
  int count = 0;
  long value = (long)pid;
  do { digits[count++] = (char)('0' + value % 10); value /= 10; } while (value > 0);
  while (count > 0) path[length++] = digits[--count];
  const char *suffix = "/statm";
  for (int i = 0; suffix[i]; i++) path[length++] = suffix[i];
  path[length] = 0;
  int fd = open(path, O_RDONLY);
  if (fd < 0) return -1;
  ssize_t got = read(fd, buffer, sizeof buffer - 1);
  close(fd);
  if (got <= 0) return -1;
  buffer[got] = 0;
  /* Fields: size resident shared ...; take the second. */
  char *p = buffer;
  while (*p && *p != ' ') p++;
  if (*p == ' ') pages = strtol(p + 1, NULL, 10);
  return pages < 0 ? -1 : pages * (sysconf(_SC_PAGESIZE) / 1024);
}

/// Parses `text` with cmark-gfm in a child process bounded in time and memory, and reports
/// whether the parse finished within the limits. The caller's process is never at risk:
/// the child only runs C code (cmark and system calls), then exits.
///
/// - `extensions`: names of syntax extensions to attach (already registered).
/// - `cpu_seconds`, `wall_seconds`: the child's CPU limit and the wall-clock limit.
/// - `max_resident_kib`: how much memory the child may add to what it starts with.
/// - `max_nodes`: the largest tree accepted (a few bytes of input can make millions of
///   table cells).
/// - `seconds_out`, `nodes_out`: the child's CPU time and the node count, when known.
static inline int octavo_cmark_probe(const char *text, size_t length, int options,
                                     const char *const *extensions, int extension_count,
                                     long cpu_seconds, double wall_seconds,
                                     long max_resident_kib, unsigned long max_nodes,
                                     double *seconds_out, unsigned long *nodes_out) {
  int channel[2];
  if (pipe(channel) != 0) return OCTAVO_PROBE_FAILED;
  long base_kib = octavo_resident_kib(getpid());
  if (base_kib < 0) base_kib = 0;
  pid_t child = fork();
  if (child < 0) {
    close(channel[0]);
    close(channel[1]);
    return OCTAVO_PROBE_FAILED;
  }
  if (child == 0) {
    close(channel[0]);
    struct rlimit cpu = {(rlim_t)cpu_seconds, (rlim_t)cpu_seconds + 1};
    setrlimit(RLIMIT_CPU, &cpu);
    struct rlimit core = {0, 0};
    setrlimit(RLIMIT_CORE, &core);
    cmark_parser *parser = cmark_parser_new(options);
    if (!parser) _exit(OCTAVO_PROBE_FAILED);
    for (int i = 0; i < extension_count; i++) {
      cmark_syntax_extension *extension = cmark_find_syntax_extension(extensions[i]);
      if (extension) cmark_parser_attach_syntax_extension(parser, extension);
    }
    cmark_parser_feed(parser, text, length);
    cmark_node *document = cmark_parser_finish(parser);
    if (!document) _exit(OCTAVO_PROBE_FAILED);
    unsigned long nodes = 0;
    cmark_iter *iter = cmark_iter_new(document);
    cmark_event_type event;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
      if (event == CMARK_EVENT_ENTER) nodes++;
    }
    ssize_t ignored = write(channel[1], &nodes, sizeof nodes);
    (void)ignored;
    /* No frees: the process ends here and the kernel takes everything back. */
    _exit(nodes > max_nodes ? OCTAVO_PROBE_NODES : OCTAVO_PROBE_OK);
  }
  close(channel[1]);
  struct timespec start, now;
  clock_gettime(CLOCK_MONOTONIC, &start);
  long pause_ns = 100000; /* 0.1 ms, growing to 10 ms */
  int verdict = -1;
  int status = 0;
  struct rusage usage;
  memset(&usage, 0, sizeof usage);
  for (;;) {
    pid_t done = wait4(child, &status, WNOHANG, &usage);
    if (done == child) break;
    if (done < 0 && errno != EINTR) { verdict = OCTAVO_PROBE_FAILED; break; }
    long resident = octavo_resident_kib(child);
    clock_gettime(CLOCK_MONOTONIC, &now);
    double elapsed = (double)(now.tv_sec - start.tv_sec) + (double)(now.tv_nsec - start.tv_nsec) / 1e9;
    if (resident > base_kib + max_resident_kib) verdict = OCTAVO_PROBE_MEMORY;
    else if (elapsed > wall_seconds) verdict = OCTAVO_PROBE_TIME;
    if (verdict >= 0) {
      kill(child, SIGKILL);
      while (wait4(child, &status, 0, &usage) < 0 && errno == EINTR) {}
      break;
    }
    struct timespec pause = {0, pause_ns};
    nanosleep(&pause, NULL);
    if (pause_ns < 10000000) pause_ns *= 2;
  }
  unsigned long nodes = 0;
  if (read(channel[0], &nodes, sizeof nodes) == (ssize_t)sizeof nodes && nodes_out) *nodes_out = nodes;
  close(channel[0]);
  if (seconds_out) {
    *seconds_out = (double)usage.ru_utime.tv_sec + (double)usage.ru_utime.tv_usec / 1e6
                 + (double)usage.ru_stime.tv_sec + (double)usage.ru_stime.tv_usec / 1e6;
  }
  if (verdict >= 0) return verdict;
  if (WIFSIGNALED(status)) {
    int signal_number = WTERMSIG(status);
    if (signal_number == SIGXCPU || signal_number == SIGKILL) return OCTAVO_PROBE_TIME;
    /* cmark aborts when malloc fails. */
    return signal_number == SIGABRT ? OCTAVO_PROBE_MEMORY : OCTAVO_PROBE_FAILED;
  }
  if (WIFEXITED(status)) {
    int code = WEXITSTATUS(status);
    return code <= OCTAVO_PROBE_FAILED ? code : OCTAVO_PROBE_FAILED;
  }
  return OCTAVO_PROBE_FAILED;
}

/// cmark-gfm 0.29 does not install chunk.h; its `cmark_chunk` starts with the data pointer and
/// the length in bytes (then the allocated size). Mirrored here to read an inline parser's text.
struct octavo_cmark_chunk {
  unsigned char *data;
  int32_t len;
  int32_t alloc;
};

/// The text an inline parser reads (a paragraph's content) and its length in bytes.
static inline const unsigned char *octavo_inline_subject(cmark_inline_parser *parser,
                                                         int32_t *length) {
  struct octavo_cmark_chunk *chunk =
      (struct octavo_cmark_chunk *)cmark_inline_parser_get_chunk(parser);
  *length = chunk ? chunk->len : 0;
  return chunk ? chunk->data : NULL;
}
