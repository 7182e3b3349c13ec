#include <stdint.h>
#include <stdio.h>

// FNV-1a, 64 bits.
static uint64_t fnv1a(const unsigned char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

int main(void)
{
    const char *samples[] = { "quay", "ledger", "lantern", NULL };
    double load = 0.75;
    unsigned buckets = 64;

    for (int i = 0; samples[i] != NULL; i++) {
        const char *s = samples[i];
        size_t len = 0;
        while (s[len] != '\0')
            len++;
        uint64_t h = fnv1a((const unsigned char *)s, len);
        printf("%-8s %016llx bucket %u\n", s, (unsigned long long)h, (unsigned)(h % buckets));
    }
    printf("load factor %.2f\n", load);
    return 0;
}
