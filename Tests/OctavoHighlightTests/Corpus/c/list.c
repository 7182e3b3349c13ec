#include <stdlib.h>
#include <string.h>

typedef struct node {
    char *key;
    int value;
    struct node *next;
} node_t;

/* Prepends a copy of key; returns the new head or NULL when out of memory. */
node_t *list_push(node_t *head, const char *key, int value)
{
    node_t *n = malloc(sizeof *n);
    if (n == NULL)
        return NULL;
    n->key = strdup(key);
    n->value = value;
    n->next = head;
    return n;
}

void list_free(node_t *head)
{
    while (head != NULL) {
        node_t *next = head->next;
        free(head->key);
        free(head);
        head = next;
    }
}

int list_find(const node_t *head, const char *key, int fallback)
{
    for (; head; head = head->next)
        if (strcmp(head->key, key) == 0)
            return head->value;
    return fallback;
}
