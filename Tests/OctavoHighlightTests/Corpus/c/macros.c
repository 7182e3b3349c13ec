#ifndef RING_H
#define RING_H

#include <stddef.h>
#include <stdint.h>

#define RING_SIZE 256u
#define RING_MASK (RING_SIZE - 1)
#define MIN(a, b) ((a) < (b) ? (a) : (b))

typedef struct {
    uint8_t data[RING_SIZE];
    volatile size_t head;
    volatile size_t tail;
} ring_t;

static inline int ring_put(ring_t *r, uint8_t byte)
{
    size_t next = (r->head + 1) & RING_MASK;
    if (next == r->tail)
        return -1; /* full */
    r->data[r->head] = byte;
    r->head = next;
    return 0;
}

static inline size_t ring_used(const ring_t *r)
{
    return (r->head - r->tail) & RING_MASK;
}

#endif /* RING_H */
