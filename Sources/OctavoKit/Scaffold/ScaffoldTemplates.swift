/// The text of the files `octavo new` writes (see ``ManuscriptScaffold``).
enum ScaffoldTemplates {
  /// The first chapter: headings, emphasis, a footnote, a figure and a link.
  static let firstChapter = """
    # First Steps

    This is the first chapter of your book. It is a plain Markdown file, and you can
    replace every word of it. Each chapter is one file, listed under `contents` in
    `book.yaml` in the order the chapters are read.

    ## Writing Text

    Paragraphs are separated by a blank line. Write *emphasis* with single asterisks and
    **strong emphasis** with double ones. Type “curly quotes”, dashes — and accented
    letters such as é directly: the files are UTF-8.

    A footnote has a marker in the text[^marker] and the note itself anywhere in the same
    chapter. Octavo numbers the notes of each chapter in order.

    [^marker]: A note like this one ends the chapter in the e-book and in print.

    ## Pictures

    An image alone in its paragraph becomes a figure. Its title, in quotation marks after
    the path, becomes the caption; the text in square brackets describes the picture for
    readers who cannot see it.

    ![A green leaf drawn with a single curved vein](images/leaf.svg "A leaf, the start of every book")

    ## Moving On

    A link to another chapter names its file: the next chapter,
    [The Shape of a Book](the-shape-of-a-book.md), shows lists, quotations and tables.

    """

  /// The second chapter: sections, lists, a quotation, a table and an alert.
  static let secondChapter = """
    # The Shape of a Book

    Use one `#` heading per chapter, at the top, for its title, and `##` headings for its
    sections. Do not skip a level.

    ## Lists

    Before you publish:

    1. run `octavo check` and fix what it reports;
    2. run `octavo build` to make the e-book and the print edition;
    3. read the book once more, from start to finish.

    Things worth keeping in `book.yaml`:

    - the title and the author;
    - the language, such as `en` or `fr-CA`;
    - a description, shown by many reading apps.

    ## Quotations

    > A book is made one sentence at a time, and revised one chapter at a time.

    ## Tables

    | Command | What it does |
    |:--------|:-------------|
    | `octavo check` | reports every problem in the manuscript |
    | `octavo build` | writes the EPUB and the print edition |
    | `octavo serve` | shows the book in a browser while you write |
    | `octavo stats` | counts words, notes and pictures |

    > [!TIP]
    > Keep `octavo serve` running while you write: each time you save a chapter, the page
    > in your browser shows the change.

    """

  /// A small original drawing of a leaf.
  static let leafSVG = """
    <?xml version="1.0" encoding="UTF-8"?>
    <svg xmlns="http://www.w3.org/2000/svg" width="240" height="160" viewBox="0 0 240 160" role="img" aria-labelledby="leaf-title">
      <title id="leaf-title">A green leaf</title>
      <rect width="240" height="160" fill="#f7f4ec"/>
      <path d="M40 130 C 60 40, 150 20, 205 30 C 195 90, 130 140, 40 130 Z" fill="#5e8c4a" stroke="#3d5c30" stroke-width="3"/>
      <path d="M40 130 C 90 100, 150 60, 205 30" fill="none" stroke="#e9f0dc" stroke-width="3" stroke-linecap="round"/>
    </svg>

    """
}
