#pragma once
// libxml2's xmlversion.h turns on ICU support, whose headers clash with the ICU
// that Foundation bundles. Octavo uses no ICU-backed libxml2 API, so switch it off
// before any other libxml2 header is read.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/xmlsave.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlreader.h>

// xmlFree is a global function pointer, which Swift 6 treats as shared mutable state.
static inline void octavo_xmlFree(void *pointer) { xmlFree(pointer); }

// Builds the children of `parent` from a packed list of operations, in one call: the
// formulas' MathML, built for every output document, would otherwise cost several bridged
// calls and a strlen per node. `ops` holds, in document order:
//   1 name attributes, then per attribute: name value   an element starts
//   2 text                                               a text node
//   3                                                    the element ends
// where every string is two numbers, its offset and length in `strings` (each string there
// is NUL-terminated). Elements get the namespace `ns` (NULL for none); attributes none.
// Names are interned in the document's dictionary. Elements nest at most 64 deep. Returns 0,
// or -1 when libxml2 fails or `ops` is malformed.
static inline int octavo_build_packed(xmlDocPtr doc, xmlNodePtr parent, xmlNsPtr ns,
                                      const int *ops, long count, const char *strings) {
  xmlNodePtr stack[64];
  int depth = 0;
  xmlNodePtr current = parent;
  long index = 0;
  while (index < count) {
    int op = ops[index++];
    if (op == 1) {
      const char *name = strings + ops[index];
      int nameLength = ops[index + 1];
      int attributes = ops[index + 2];
      index += 3;
      if (depth >= 64) return -1;
      const xmlChar *interned =
          doc->dict != NULL ? xmlDictLookup(doc->dict, (const xmlChar *)name, nameLength) : NULL;
      xmlNodePtr node = interned != NULL
                            ? xmlNewDocNodeEatName(doc, ns, (xmlChar *)interned, NULL)
                            : xmlNewDocNode(doc, ns, (const xmlChar *)name, NULL);
      if (node == NULL) return -1;
      xmlAddChild(current, node);
      for (int a = 0; a < attributes; a++) {
        const char *attributeName = strings + ops[index];
        const char *value = strings + ops[index + 2];
        index += 4;
        if (xmlNewProp(node, (const xmlChar *)attributeName, (const xmlChar *)value) == NULL)
          return -1;
      }
      stack[depth++] = current;
      current = node;
    } else if (op == 2) {
      xmlNodePtr text = xmlNewDocTextLen(doc, (const xmlChar *)(strings + ops[index]),
                                         ops[index + 1]);
      index += 2;
      if (text == NULL) return -1;
      xmlAddChild(current, text);
    } else if (op == 3) {
      if (depth == 0) return -1;
      current = stack[--depth];
    } else {
      return -1;
    }
  }
  return depth == 0 ? 0 : -1;
}
