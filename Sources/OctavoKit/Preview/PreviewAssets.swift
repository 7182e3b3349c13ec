/// The preview's own style sheet and script (`/_octavo/preview.css`, `/_octavo/preview.js`):
/// the frame around the book's pages in `octavo serve`. Never part of a book: the EPUB has no
/// script, and the book's own style sheet is served unchanged next to these.
enum PreviewAssets {
  /// The path of the style sheet.
  static let stylesheetPath = "/_octavo/preview.css"
  /// The path of the script.
  static let scriptPath = "/_octavo/preview.js"

  /// The frame's style: a top bar, the contents in a sidebar, the page in a column of at most
  /// about 70 characters, three themes (light, dark, sepia) as custom properties.
  static let stylesheet = """
    /* octavo serve: the preview's frame. The book's own style sheet styles the page. */
    :root {
      --octavo-bg: #ffffff; --octavo-fg: #1f1f1f; --octavo-muted: #686868; --octavo-accent: #1d5fa8;
      --octavo-bar-bg: #ffffff; --octavo-side-bg: #f7f7f5; --octavo-side-fg: #333333;
      --octavo-border: #e3e3df; --octavo-current-bg: #e4ecf7; --octavo-banner-bg: #fff5e6;
      --octavo-banner-fg: #5c3200; --octavo-banner-border: #e0a458; --octavo-error: #b3261e;
      --octavo-warning: #8a5300; --octavo-mark: #ffe680; --octavo-input-bg: #f2f2ef;
      --octavo-shadow: rgba(0, 0, 0, 0.12); --octavo-page-bg: #e9e9e6;
      color-scheme: light;
    }
    html[data-theme="dark"] {
      --octavo-bg: #1c1e21; --octavo-fg: #dcdad5; --octavo-muted: #9c9a94; --octavo-accent: #82b4ee;
      --octavo-bar-bg: #1c1e21; --octavo-side-bg: #15171a; --octavo-side-fg: #c9c7c1;
      --octavo-border: #32353a; --octavo-current-bg: #263447; --octavo-banner-bg: #33250f;
      --octavo-banner-fg: #f5dcb4; --octavo-banner-border: #8a5a1c; --octavo-error: #ff8f87;
      --octavo-warning: #f7c66f; --octavo-mark: #6b5a00; --octavo-input-bg: #25282c;
      --octavo-shadow: rgba(0, 0, 0, 0.5); --octavo-page-bg: #111214;
      color-scheme: dark;
    }
    html[data-theme="sepia"] {
      --octavo-bg: #f5eddc; --octavo-fg: #3a2e20; --octavo-muted: #7a6a53; --octavo-accent: #8c4a12;
      --octavo-bar-bg: #f5eddc; --octavo-side-bg: #ede2ca; --octavo-side-fg: #3a2e20;
      --octavo-border: #dacbab; --octavo-current-bg: #e2d1ad; --octavo-banner-bg: #fbe7c6;
      --octavo-banner-fg: #5c3200; --octavo-banner-border: #c8924a; --octavo-error: #a3281d;
      --octavo-warning: #7c4a00; --octavo-mark: #f2d36b; --octavo-input-bg: #ebe0c6;
      --octavo-shadow: rgba(60, 40, 10, 0.15); --octavo-page-bg: #e4d8bd;
      color-scheme: light;
    }
    html { background: var(--octavo-bg); scroll-padding-top: 4rem; }
    body.octavo {
      margin: 0; padding: 0; max-width: none; width: auto; background: var(--octavo-bg);
      color: var(--octavo-fg); overflow-wrap: break-word;
    }
    .octavo a { color: var(--octavo-accent); }
    .octavo-top, .octavo-sidebar, .octavo-pager, .octavo-banner, .octavo-search, .octavo-print-note {
      font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
      font-size: 15px; line-height: 1.4; text-align: left; hyphens: manual; text-indent: 0;
    }

    /* The top bar */
    .octavo-top {
      position: sticky; top: 0; z-index: 20; box-sizing: border-box; height: 3.25rem;
      display: flex; align-items: center; gap: 0.5rem; padding: 0 0.75rem;
      background: var(--octavo-bar-bg); border-bottom: 1px solid var(--octavo-border);
    }
    .octavo-top .octavo-title {
      flex: 0 1 auto; min-width: 0; overflow: hidden; white-space: nowrap; text-overflow: ellipsis;
      font-weight: 600; color: var(--octavo-fg); text-decoration: none; margin-right: auto;
    }
    .octavo-button, .octavo-top select, .octavo-top a.octavo-tool {
      box-sizing: border-box; height: 2.1rem; min-width: 2.1rem; padding: 0 0.55rem; margin: 0;
      display: inline-flex; align-items: center; justify-content: center; gap: 0.3rem;
      border: 1px solid var(--octavo-border); border-radius: 6px; background: var(--octavo-bg);
      color: var(--octavo-fg); font: inherit; text-decoration: none; cursor: pointer; white-space: nowrap;
    }
    .octavo-button:hover, .octavo-top a.octavo-tool:hover { border-color: var(--octavo-accent); }
    .octavo-search-box { position: relative; flex: 0 1 16rem; min-width: 0; }
    .octavo-search-box input {
      box-sizing: border-box; width: 100%; height: 2.1rem; padding: 0 0.7rem; margin: 0;
      border: 1px solid var(--octavo-border); border-radius: 6px; background: var(--octavo-input-bg);
      color: var(--octavo-fg); font: inherit;
    }
    .octavo-search-box input:focus { outline: 2px solid var(--octavo-accent); outline-offset: -1px; }
    .octavo-search {
      position: fixed; top: 3.25rem; right: 0.75rem; z-index: 30; box-sizing: border-box;
      width: min(34rem, calc(100vw - 1.5rem)); max-height: calc(100vh - 5rem); overflow-y: auto;
      background: var(--octavo-bg); color: var(--octavo-fg); border: 1px solid var(--octavo-border);
      border-radius: 8px; box-shadow: 0 8px 28px var(--octavo-shadow); padding: 0.5rem 0;
    }
    .octavo-search[hidden] { display: none; }
    .octavo-search p { margin: 0.3rem 1rem 0.5rem; color: var(--octavo-muted); }
    .octavo-search ol { list-style: none; margin: 0; padding: 0; }
    .octavo-search li a {
      display: block; padding: 0.5rem 1rem; color: var(--octavo-fg); text-decoration: none;
      border-top: 1px solid var(--octavo-border);
    }
    .octavo-search li a:hover, .octavo-search li a:focus { background: var(--octavo-current-bg); outline: none; }
    .octavo-search .octavo-hit-title { display: block; font-weight: 600; color: var(--octavo-accent); }
    .octavo-search .octavo-hit-text { display: block; color: var(--octavo-muted); font-size: 14px; }
    .octavo mark { background: var(--octavo-mark); color: inherit; padding: 0 0.1em; border-radius: 2px; }

    /* The contents */
    .octavo-sidebar {
      position: fixed; top: 3.25rem; bottom: 0; left: 0; z-index: 10; box-sizing: border-box;
      width: 18rem; overflow-y: auto; padding: 1rem 0 2rem; background: var(--octavo-side-bg);
      color: var(--octavo-side-fg); border-right: 1px solid var(--octavo-border);
    }
    .octavo-sidebar ol { list-style: none; margin: 0; padding: 0; }
    .octavo-sidebar ol ol { padding-left: 1rem; }
    .octavo-sidebar a {
      display: block; padding: 0.3rem 1rem 0.3rem 1.1rem; color: var(--octavo-side-fg);
      text-decoration: none; border-left: 3px solid transparent;
    }
    .octavo-sidebar a:hover { color: var(--octavo-accent); }
    .octavo-sidebar a[aria-current="page"] {
      background: var(--octavo-current-bg); border-left-color: var(--octavo-accent);
      color: var(--octavo-accent); font-weight: 600;
    }
    .octavo-sidebar .octavo-part > a { font-weight: 600; margin-top: 0.6rem; }
    .octavo-sidebar .octavo-matter > a { color: var(--octavo-muted); }
    .octavo-sidebar .octavo-missing { color: var(--octavo-error); }

    /* The page */
    .octavo-main { margin-left: 18rem; padding: 2.5rem 2rem 3rem; min-width: 0; }
    .octavo-book {
      display: block; box-sizing: content-box; max-width: 31em; margin: 0 auto;
      font-size: 18px; line-height: 1.6;
    }
    .octavo-book img, .octavo-book svg, .octavo-book video { max-width: 100%; height: auto; }
    .octavo-book pre { overflow-x: auto; max-width: 100%; }
    /* Highlighted code: epub.css's mid tones read on all three themes; dark gets lighter ones. */
    html[data-theme="dark"] .octavo-book .hl-kw, html[data-theme="dark"] .octavo-book .hl-hd { color: #d896e5; }
    html[data-theme="dark"] .octavo-book .hl-tg { color: #e595bd; }
    html[data-theme="dark"] .octavo-book .hl-co, html[data-theme="dark"] .octavo-book .hl-gp { color: #aeaeae; }
    html[data-theme="dark"] .octavo-book .hl-st, html[data-theme="dark"] .octavo-book .hl-cd { color: #6fcf6f; }
    html[data-theme="dark"] .octavo-book .hl-re, html[data-theme="dark"] .octavo-book .hl-sy,
    html[data-theme="dark"] .octavo-book .hl-ins { color: #6fcf87; }
    html[data-theme="dark"] .octavo-book .hl-es, html[data-theme="dark"] .octavo-book .hl-pp { color: #dba436; }
    html[data-theme="dark"] .octavo-book .hl-nu, html[data-theme="dark"] .octavo-book .hl-en,
    html[data-theme="dark"] .octavo-book .hl-cn { color: #e99c64; }
    html[data-theme="dark"] .octavo-book .hl-ty { color: #30c0c0; }
    html[data-theme="dark"] .octavo-book .hl-fn, html[data-theme="dark"] .octavo-book .hl-pr,
    html[data-theme="dark"] .octavo-book .hl-ln { color: #81b0f1; }
    html[data-theme="dark"] .octavo-book .hl-bi, html[data-theme="dark"] .octavo-book .hl-mt { color: #5eb9d7; }
    html[data-theme="dark"] .octavo-book .hl-va { color: #e598a5; }
    html[data-theme="dark"] .octavo-book .hl-at { color: #b9a2e8; }
    html[data-theme="dark"] .octavo-book .hl-del { color: #f39292; }
    .octavo-book table { display: block; overflow-x: auto; max-width: 100%; }
    .octavo-book img.missing-image { width: 100%; max-width: 32em; }
    .octavo-wide .octavo-book { max-width: 64rem; }

    html.octavo-sidebar-hidden .octavo-sidebar { display: none; }
    html.octavo-sidebar-hidden .octavo-main { margin-left: 0; }

    .octavo-pager {
      display: flex; justify-content: space-between; gap: 1rem; max-width: 558px; margin: 3rem auto 0;
      padding-top: 1rem; border-top: 1px solid var(--octavo-border); font-size: 18px;
    }
    .octavo-pager a { display: block; max-width: 48%; text-decoration: none; }
    .octavo-pager a span { display: block; font-size: 13px; color: var(--octavo-muted); }
    .octavo-pager a[rel="next"] { margin-left: auto; text-align: right; }
    .octavo-arrow {
      position: fixed; top: 50%; z-index: 5; display: flex; align-items: center; justify-content: center;
      width: 3rem; height: 5rem; margin-top: -2.5rem; font: 2.4rem/1 system-ui, sans-serif;
      color: var(--octavo-muted); text-decoration: none; border-radius: 8px;
    }
    .octavo-arrow:hover { color: var(--octavo-accent); background: var(--octavo-current-bg); }
    .octavo-arrow[rel="prev"] { left: 18.5rem; }
    .octavo-arrow[rel="next"] { right: 0.5rem; }
    html.octavo-sidebar-hidden .octavo-arrow[rel="prev"] { left: 0.5rem; }

    /* The diagnostics */
    .octavo-banner {
      box-sizing: border-box; max-width: 558px; margin: 0 auto 2rem; padding: 0.8rem 1rem; border-radius: 8px;
      background: var(--octavo-banner-bg); color: var(--octavo-banner-fg);
      border: 1px solid var(--octavo-banner-border);
    }
    .octavo-banner p { margin: 0 0 0.4rem; }
    .octavo-banner summary { cursor: pointer; font-weight: 600; }
    .octavo-diagnostics {
      list-style: none; margin: 0.4rem 0 0; padding: 0; max-height: 40vh; overflow-y: auto;
      font: 13px/1.5 ui-monospace, "DejaVu Sans Mono", monospace; overflow-wrap: anywhere;
    }
    .octavo-diagnostics li { margin: 0 0 0.3rem; white-space: pre-wrap; }
    .octavo-diagnostics .error { color: var(--octavo-error); }
    .octavo-diagnostics .warning { color: var(--octavo-warning); }
    .octavo-failure { font: 14px/1.5 ui-monospace, monospace; white-space: pre-wrap; }

    /* The print edition as pages */
    .octavo-print-note { max-width: 60rem; margin: 0 auto 1.5rem; color: var(--octavo-muted); }
    .octavo-pages {
      display: grid; grid-template-columns: repeat(2, minmax(0, 21rem)); justify-content: center;
      gap: 2rem 0; margin: 0 auto; padding: 1.5rem; background: var(--octavo-page-bg); border-radius: 8px;
    }
    .octavo-pages figure { margin: 0; }
    .octavo-pages img {
      display: block; width: 100%; height: auto; background: #fff; box-shadow: 0 2px 10px var(--octavo-shadow);
    }
    .octavo-pages figcaption { margin-top: 0.3rem; text-align: center; font: 12px system-ui, sans-serif; color: var(--octavo-muted); }
    .octavo-pages figure.octavo-first { grid-column: 2; }
    .octavo-print-frame { display: block; width: 100%; height: 80vh; border: 1px solid var(--octavo-border); background: #fff; }

    @media (max-width: 1100px) {
      .octavo-arrow { display: none; }
    }
    @media (max-width: 900px) {
      .octavo-sidebar { display: none; box-shadow: 4px 0 24px var(--octavo-shadow); width: min(18rem, 85vw); }
      html.octavo-sidebar-open .octavo-sidebar { display: block; }
      .octavo-main { margin-left: 0; padding: 1.5rem 1.1rem 2rem; }
      .octavo-book { font-size: 17px; }
      .octavo-pages { grid-template-columns: minmax(0, 21rem); padding: 0.75rem; gap: 1rem; }
      .octavo-pages figure.octavo-first { grid-column: auto; }
    }
    @media (max-width: 560px) {
      .octavo-top { gap: 0.35rem; padding: 0 0.5rem; }
      .octavo-top .octavo-title { display: none; }
      .octavo-search-box { flex: 1 1 auto; }
      .octavo-top a.octavo-wide-only { display: none; }
    }
    @media print {
      .octavo-top, .octavo-sidebar, .octavo-pager, .octavo-arrow, .octavo-search { display: none; }
      .octavo-main { margin: 0; padding: 0; }
    }

    """

  /// The frame's behaviour: the theme (remembered in `localStorage`), the sidebar toggle,
  /// previous and next with the arrow keys, and search over `/_octavo/search.json`.
  static let script = """
    /* octavo serve: the preview's script. The EPUB never has any. */
    (function () {
      "use strict";
      var root = document.documentElement;
      var themes = ["light", "dark", "sepia"];
      function load(key) { try { return window.localStorage.getItem(key); } catch (e) { return null; } }
      function save(key, value) { try { window.localStorage.setItem(key, value); } catch (e) { /* private mode */ } }
      function setTheme(name) {
        if (themes.indexOf(name) < 0) { name = "light"; }
        root.setAttribute("data-theme", name);
      }
      var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
      setTheme(load("octavo-theme") || (dark ? "dark" : "light"));
      if (load("octavo-sidebar") === "hidden") { root.classList.add("octavo-sidebar-hidden"); }

      function narrow() { return window.matchMedia("(max-width: 900px)").matches; }

      function fold(text) {
        return text.toLowerCase().normalize("NFD").replace(/[\\u0300-\\u036f]/g, "");
      }

      function element(name, className, text) {
        var made = document.createElement(name);
        if (className) { made.className = className; }
        if (text) { made.textContent = text; }
        return made;
      }

      /* Appends `text` to `parent`, with each of `terms` marked. */
      function appendMarked(parent, text, terms) {
        var folded = fold(text);
        var at = 0;
        while (at < text.length) {
          var next = -1, length = 0;
          terms.forEach(function (term) {
            var found = folded.indexOf(term, at);
            if (found >= 0 && (next < 0 || found < next)) { next = found; length = term.length; }
          });
          if (next < 0 || folded.length !== text.length) { parent.appendChild(document.createTextNode(text.slice(at))); return; }
          if (next > at) { parent.appendChild(document.createTextNode(text.slice(at, next))); }
          parent.appendChild(element("mark", null, text.slice(next, next + length)));
          at = next + length;
        }
      }

      var index = null, loading = null;
      function loadIndex() {
        if (!loading) {
          loading = fetch("/_octavo/search.json").then(function (response) { return response.json(); })
            .then(function (data) { index = data; return data; });
        }
        return loading;
      }

      /* Sections that hold every term, best first: in the heading counts most. */
      function search(query) {
        var terms = fold(query).split(/\\s+/).filter(function (term) { return term.length > 0; });
        if (!terms.length || !index) { return { terms: terms, hits: [] }; }
        var hits = [];
        index.forEach(function (page) {
          var title = fold(page.title);
          page.sections.forEach(function (section) {
            var heading = fold(section.heading), text = fold(section.text), score = 0;
            for (var i = 0; i < terms.length; i++) {
              var term = terms[i], inHeading = heading.indexOf(term) >= 0, inTitle = title.indexOf(term) >= 0;
              var count = 0, from = text.indexOf(term);
              while (from >= 0 && count < 20) { count++; from = text.indexOf(term, from + term.length); }
              if (!inHeading && !inTitle && count === 0) { return; }
              score += (inHeading ? 20 : 0) + (inTitle ? 5 : 0) + count;
            }
            hits.push({ page: page, section: section, score: score });
          });
        });
        hits.sort(function (a, b) { return b.score - a.score; });
        return { terms: terms, hits: hits };
      }

      function snippet(text, terms) {
        var folded = fold(text), first = -1;
        terms.forEach(function (term) {
          var found = folded.indexOf(term);
          if (found >= 0 && (first < 0 || found < first)) { first = found; }
        });
        var start = Math.max(0, first - 60);
        var end = Math.min(text.length, start + 180);
        return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
      }

      function showResults(panel, query) {
        var found = search(query);
        while (panel.firstChild) { panel.removeChild(panel.firstChild); }
        if (!found.terms.length) { panel.hidden = true; return; }
        var count = found.hits.length;
        panel.appendChild(element("p", "octavo-hit-count",
          count === 0 ? "No results for \\u201C" + query + "\\u201D" :
          count + (count === 1 ? " result" : " results") + " for \\u201C" + query + "\\u201D"));
        var list = element("ol");
        found.hits.slice(0, 40).forEach(function (hit) {
          var link = element("a");
          var target = hit.page.url + "?highlight=" + encodeURIComponent(found.terms.join(" "));
          link.setAttribute("href", target + (hit.section.id ? "#" + hit.section.id : ""));
          var title = element("span", "octavo-hit-title");
          var heading = hit.section.heading && hit.section.heading !== hit.page.title
            ? hit.page.title + " \\u203A " + hit.section.heading : hit.page.title;
          appendMarked(title, heading, found.terms);
          var text = element("span", "octavo-hit-text");
          appendMarked(text, snippet(hit.section.text, found.terms), found.terms);
          link.appendChild(title);
          link.appendChild(text);
          var item = element("li");
          item.appendChild(link);
          list.appendChild(item);
        });
        panel.appendChild(list);
        panel.hidden = false;
      }

      /* Marks the words a search result was opened for. */
      function highlight() {
        var match = /[?&]highlight=([^&#]*)/.exec(window.location.search);
        var book = document.querySelector(".octavo-book");
        if (!match || !book) { return; }
        var terms = fold(decodeURIComponent(match[1].replace(/\\+/g, " "))).split(/\\s+/).filter(function (t) { return t.length > 1; });
        if (!terms.length) { return; }
        var walker = document.createTreeWalker(book, NodeFilter.SHOW_TEXT, null);
        var nodes = [];
        while (walker.nextNode()) { nodes.push(walker.currentNode); }
        nodes.forEach(function (node) {
          var text = node.nodeValue, folded = fold(text);
          if (folded.length !== text.length) { return; }
          if (!terms.some(function (term) { return folded.indexOf(term) >= 0; })) { return; }
          var holder = document.createDocumentFragment();
          appendMarked(holder, text, terms);
          node.parentNode.replaceChild(holder, node);
        });
      }

      function go(rel) {
        var link = document.querySelector("link[rel='" + rel + "']");
        if (link) { window.location.href = link.getAttribute("href"); }
      }

      function ready() {
        var picker = document.getElementById("octavo-theme");
        if (picker) {
          picker.value = root.getAttribute("data-theme");
          picker.addEventListener("change", function () { setTheme(picker.value); save("octavo-theme", picker.value); });
        }
        var toggle = document.getElementById("octavo-toggle");
        if (toggle) {
          toggle.addEventListener("click", function () {
            if (narrow()) {
              toggle.setAttribute("aria-expanded", String(root.classList.toggle("octavo-sidebar-open")));
            } else {
              var hidden = root.classList.toggle("octavo-sidebar-hidden");
              save("octavo-sidebar", hidden ? "hidden" : "shown");
              toggle.setAttribute("aria-expanded", String(!hidden));
            }
          });
        }
        var sidebar = document.getElementById("octavo-sidebar");
        var current = sidebar && sidebar.querySelector("[aria-current='page']");
        if (current) { sidebar.scrollTop = Math.max(0, current.offsetTop - sidebar.clientHeight / 3); }

        var input = document.getElementById("octavo-search-input");
        var panel = document.getElementById("octavo-search");
        if (input && panel) {
          input.addEventListener("focus", loadIndex);
          input.addEventListener("input", function () {
            loadIndex().then(function () { showResults(panel, input.value); });
          });
          input.addEventListener("keydown", function (event) {
            if (event.key === "Enter") {
              var first = panel.querySelector("a");
              if (first) { window.location.href = first.getAttribute("href"); }
            } else if (event.key === "ArrowDown") {
              var link = panel.querySelector("a");
              if (link) { link.focus(); event.preventDefault(); }
            }
          });
          var query = /[?&]search=([^&#]*)/.exec(window.location.search);
          if (query) {
            input.value = decodeURIComponent(query[1].replace(/\\+/g, " "));
            loadIndex().then(function () { showResults(panel, input.value); });
          }
          document.addEventListener("click", function (event) {
            if (!panel.contains(event.target) && event.target !== input) { panel.hidden = true; }
          });
        }

        document.addEventListener("keydown", function (event) {
          if (event.altKey || event.ctrlKey || event.metaKey) { return; }
          var target = event.target, name = target && target.tagName ? target.tagName.toLowerCase() : "";
          var editing = name === "input" || name === "textarea" || name === "select" || (target && target.isContentEditable);
          if (event.key === "Escape") {
            if (panel) { panel.hidden = true; }
            root.classList.remove("octavo-sidebar-open");
            if (editing) { target.blur(); }
            return;
          }
          if (editing || event.shiftKey) { return; }
          if (event.key === "ArrowLeft") { go("prev"); }
          else if (event.key === "ArrowRight") { go("next"); }
          else if ((event.key === "/" || event.key === "s") && input) { input.focus(); event.preventDefault(); }
        });
        highlight();
      }
      if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", ready); } else { ready(); }
    })();

    """
}
