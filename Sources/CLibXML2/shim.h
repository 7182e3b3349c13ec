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
#include <string.h>

// xmlFree is a global function pointer, which Swift 6 treats as shared mutable state.
static inline void octavo_xmlFree(void *pointer) { xmlFree(pointer); }

// A text node holding the `length` bytes at `text`. Short text is kept inside the node, in the
// two pointers a text node does not use (as libxml2's own parser keeps it, and as its tree
// functions expect): no allocation and no free for a formula's "x" or "+".
static inline xmlNodePtr octavo_new_text(xmlDocPtr doc, const char *text, int length) {
  if (length >= (int)(2 * sizeof(void *)))
    return xmlNewDocTextLen(doc, (const xmlChar *)text, length);
  xmlNodePtr node = xmlNewDocTextLen(doc, NULL, 0);
  if (node == NULL) return NULL;
  node->content = (xmlChar *)&(node->properties);
  if (length > 0) memcpy(node->content, text, (size_t)length);
  node->content[length] = 0;
  return node;
}

// Adds a text node holding the `length` bytes at `text` (no NUL among them) as the last
// child of `parent`, as xmlNewDocText and xmlAddChild do, without measuring or copying short
// text. Returns 0, or -1 when libxml2 fails.
static inline int octavo_add_text(xmlDocPtr doc, xmlNodePtr parent, const char *text,
                                  int length) {
  xmlNodePtr node = octavo_new_text(doc, text, length);
  if (node == NULL) return -1;
  xmlAddChild(parent, node);
  return 0;
}

// Adds the attribute `name` (NUL-terminated) with the `length` bytes at `value` (no NUL among
// them) to `node`, as xmlNewProp does in a document with a dictionary and no attribute
// declarations (the name interned, the value one text node, the attribute last), without
// measuring or copying a short value. Returns 0, or -1 when libxml2 fails.
static inline int octavo_add_attribute(xmlDocPtr doc, xmlNodePtr node, const char *name,
                                       const char *value, int length) {
  if (doc == NULL || doc->dict == NULL) return -1;
  const xmlChar *interned = xmlDictLookup(doc->dict, (const xmlChar *)name, -1);
  if (interned == NULL) return -1;
  xmlAttrPtr attribute = xmlNewNsPropEatName(node, NULL, (xmlChar *)interned, NULL);
  if (attribute == NULL) return -1;
  xmlNodePtr text = octavo_new_text(doc, value, length);
  if (text == NULL) return -1;
  text->parent = (xmlNodePtr)attribute;
  attribute->children = text;
  attribute->last = text;
  return 0;
}

// Builds the children of `parent` from a packed list of operations, in one call: the
// formulas' MathML, built for every output document, would otherwise cost several bridged
// calls and a strlen per node. `ops` holds, in document order:
//   1 name attributes, then per attribute: name value   an element starts
//   2 text                                               a text node
//   3                                                    the element ends
// where every string is two numbers, its offset and length in `strings` (each string there
// is NUL-terminated). Elements get the namespace `ns` (NULL for none); attributes none.
// Names are interned in the document's dictionary (which the document must have). Elements
// nest at most 64 deep. Attributes are made as xmlNewProp makes them, without registering
// ids (a document made by xmlNewDoc without attribute declarations has none). Returns 0, or
// -1 when libxml2 fails or `ops` is malformed.
static inline int octavo_build_packed(xmlDocPtr doc, xmlNodePtr parent, xmlNsPtr ns,
                                      const int *ops, long count, const char *strings) {
  if (doc == NULL || doc->dict == NULL) return -1;
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
      const xmlChar *interned = xmlDictLookup(doc->dict, (const xmlChar *)name, nameLength);
      if (interned == NULL) return -1;
      xmlNodePtr node = xmlNewDocNodeEatName(doc, ns, (xmlChar *)interned, NULL);
      if (node == NULL) return -1;
      xmlAddChild(current, node);
      for (int a = 0; a < attributes; a++) {
        const xmlChar *attributeName =
            xmlDictLookup(doc->dict, (const xmlChar *)(strings + ops[index]), ops[index + 1]);
        if (attributeName == NULL) return -1;
        xmlAttrPtr attribute = xmlNewNsPropEatName(node, NULL, (xmlChar *)attributeName, NULL);
        if (attribute == NULL) return -1;
        xmlNodePtr value = octavo_new_text(doc, strings + ops[index + 2], ops[index + 3]);
        index += 4;
        if (value == NULL) return -1;
        value->parent = (xmlNodePtr)attribute;
        attribute->children = value;
        attribute->last = value;
      }
      stack[depth++] = current;
      current = node;
    } else if (op == 2) {
      xmlNodePtr text = octavo_new_text(doc, strings + ops[index], ops[index + 1]);
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

// Called for each element of a document scanned by octavo_scan_elements, in document order:
// its local name, its prefix (NULL for none), and its attributes as libxml2's SAX2 gives
// them (five pointers each: local name, prefix, URI, value, end of value; values decoded).
typedef void (*octavo_element_visitor)(void *context, const xmlChar *localname,
                                       const xmlChar *prefix, int attributeCount,
                                       const xmlChar **attributes);

struct octavo_scan {
  void *context;
  octavo_element_visitor visit;
};

static void octavo_scan_start(void *user, const xmlChar *localname, const xmlChar *prefix,
                              const xmlChar *uri, int namespaceCount, const xmlChar **namespaces,
                              int attributeCount, int defaultedCount,
                              const xmlChar **attributes) {
  (void)uri;
  (void)namespaceCount;
  (void)namespaces;
  (void)defaultedCount;
  struct octavo_scan *scan = (struct octavo_scan *)user;
  scan->visit(scan->context, localname, prefix, attributeCount, attributes);
}

static void octavo_scan_error(void *user, xmlErrorPtr error) {
  (void)user;
  (void)error;
}

// Parses the `length` bytes at `bytes` with SAX2, calling `visit` on each element start and
// building nothing (no tree, no text kept). Character and predefined entity references in
// attribute values are decoded (as the streaming reader gives them); no entity can be
// declared and no external subset or entity is loaded (the handler has no callbacks for
// them), nothing is fetched, errors are not printed. Returns 1 when the document is
// well-formed, else 0 (elements already visited stay visited).
static inline int octavo_scan_elements(const char *bytes, int length, void *context,
                                       octavo_element_visitor visit) {
  xmlParserCtxtPtr parser = xmlCreateMemoryParserCtxt(bytes, length);
  if (parser == NULL) return 0;
  xmlSAXHandler handler;
  memset(&handler, 0, sizeof(handler));
  handler.initialized = XML_SAX2_MAGIC;
  handler.startElementNs = octavo_scan_start;
  handler.serror = octavo_scan_error;
  xmlSAXHandlerPtr original = parser->sax;
  parser->sax = &handler;
  xmlCtxtUseOptions(parser, XML_PARSE_NOENT | XML_PARSE_NONET | XML_PARSE_NOERROR |
                                XML_PARSE_NOWARNING);
  struct octavo_scan scan = {context, visit};
  parser->userData = &scan;
  xmlParseDocument(parser);
  int wellFormed = parser->wellFormed;
  parser->sax = original;
  xmlFreeParserCtxt(parser);
  return wellFormed ? 1 : 0;
}
