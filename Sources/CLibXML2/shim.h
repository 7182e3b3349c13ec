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
