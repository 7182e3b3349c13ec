/// The style rules for formulas, added after the book's style sheets only when the book has
/// formulas (so a book without them keeps its style sheets as they are).
enum MathStyle {
  /// For the EPUB, after `epub.css`.
  static let epub = """

    /* ------------------------------------------------------------------ */
    /* Formulas                                                            */
    /* ------------------------------------------------------------------ */

    /*
     * Formulas are MathML, set in a face made for mathematics when the
     * reading system has one (STIX Math is embedded when the book embeds
     * fonts). A display formula sits in a box of its own: one wider than a
     * phone's screen scrolls there rather than run off the page. Its number,
     * if any, stands at the right.
     */
    math {
      font-family: "STIX Two Math", "STIX Math", "Latin Modern Math", "Cambria Math", math;
    }

    /*
     * The TeX kept in each formula's annotation is for assistive technology
     * and copying; a reading system that does not know MathML (MuPDF) would
     * otherwise print it after the formula ("E=mc2E = mc^2").
     */
    math annotation {
      display: none;
    }

    .equation {
      display: flex;
      align-items: center;
      margin: 1em 0;
      overflow-x: auto;
      overflow-y: hidden;
      text-indent: 0;
    }

    .equation > math {
      flex: 1 1 auto;
      margin: 0;
    }

    span.equation-number {
      flex: none;
      padding-left: 1em;
      white-space: nowrap;
    }

    /* A formula whose TeX has errors is shown as its TeX. */
    .equation > pre.math {
      flex: 1 1 auto;
      margin: 0;
    }

    """ + "\n" + layout

  /// For the print edition, after `print.css`. WeasyPrint prints no MathML: it reads the rules
  /// that show the TeX annotation; Chromium also reads the `@supports` block (WeasyPrint skips
  /// it), which sets the MathML instead.
  static let print =
    """

    /* ================================================================== */
    /* Formulas                                                            */
    /* ================================================================== */

    /*
     * Formulas are MathML, set in STIX Math. A display formula sits in a box
     * of its own with its number, if any, at the right. WeasyPrint prints no
     * MathML: for it, each formula shows the TeX kept in its annotation, in
     * code style; Chromium reads the @supports block below and sets the
     * MathML instead.
     */
    math {
      font-family: "STIX Two Math", "STIX Math", "Latin Modern Math", math;
    }

    math semantics > :first-child {
      display: none;
    }

    math annotation {
      display: inline;
      font-family: "DejaVu Sans Mono", "WenQuanYi Micro Hei Mono", monospace;
      font-size: 0.88em;
      white-space: pre-wrap;
    }

    .equation {
      display: flex;
      align-items: center;
      margin: 9pt 0;
      text-indent: 0;
      page-break-inside: avoid;
      break-inside: avoid;
    }

    .equation > math,
    .equation > pre.math {
      flex: 1 1 auto;
      margin: 0;
    }

    span.equation-number {
      flex: none;
      padding-left: 1em;
      white-space: nowrap;
    }


    """ + "\n" + layout + "\n"
      + """
      @supports not (float: footnote) {
        math semantics > :first-child {
          display: revert;
        }

        math annotation {
          display: none;
        }
      }
      """

  /// The layout of display formulas and alignments, the same in both outputs.
  private static let layout = """
    /*
     * A numbered equation is centred on the whole line, as in TeX: the
     * number has a fixed width at the right and as much room is left free
     * at the left.
     */
    .equation.numbered > math {
      padding-left: 4em;
    }

    .equation.numbered > span.equation-number {
      min-width: 3.5em;
      padding-left: 0.5em;
      text-align: right;
    }

    /*
     * An alignment (aligned, align) has no gap at its alignment point.
     * Inside @supports so that a CSS parser that knows no :has() (MuPDF,
     * older reading systems) skips one block instead of failing on it.
     */
    @supports selector(:has(+ a)) {
      mtd[columnalign="right"]:has(+ mtd[columnalign="left"]) {
        padding-right: 0;
      }
    }

    mtd[columnalign="right"] + mtd[columnalign="left"] {
      padding-left: 0;
    }

    /* Chromium does not read columnalign: the cells say it in CSS. */
    mtd[columnalign="left"] {
      text-align: left;
    }

    mtd[columnalign="right"] {
      text-align: right;
    }
    """
}
