import Testing
@testable import OctavoKit

@Test func probeParse() throws {
  let inputs = [
    "<table><td>a</td><td>b</td></table>",
    "<table>text<tr><td>x</td></tr><p>para</p></table>",
    "<span><p>a</p><p>b</p></span>",
    "<p>x<div>y</div>z</p>",
    "<a href=x>1<a href=y>2</a>3</a>",
    "<li>one<li>two",
    "<b><i>x</b>y</i>",
    "<ul><font><li>a</li></font></ul>",
    "<picture><source srcset=a.png><img src=b.png></picture>",
    "<o-slot data-i=\"1\"></o-slot> text <span><o-slot data-i=\"2\"></o-slot></span>",
    "<p><o-slot data-i=\"1\"></o-slot></p>",
    "<center>hi</center><font color=red>x</font>",
    "<svg><circle r=1 /></svg><math><mi>x</mi></math>",
    "<details><div>x</div></details>",
    "<tr><td>a</td></tr>",
    "<td>lonely</td>",
    "<p>a<table><tr><td>x</td></tr></table>b</p>",
    "<div align=center><img src=x.png width=100px></div>",
    "<dl><dt>a<dd>b<p>c</dl>",
    "<a name=foo></a><select><option>a</select>",
    "<kbd>Ctrl</kbd>+<kbd>C</kbd><br><wbr>",
    "<table><caption>c</caption><col><col><thead><tr><th>h</th></tr></thead><tr><td>1</td></tr><tfoot><tr><td>f</td></tr></tfoot></table>",
    "<plaintext>a<b>c",
    "<xmp><b>x</b></xmp>",
    "<noscript><p>no</p></noscript>",
    "<template><p>t</p></template>",
    "<h1><p>x</p></h1>",
    "<button><div>b</div></button>",
    "<ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby>",
    "<my-widget foo=bar>inner</my-widget>",
    "<input type=checkbox checked> done",
    "<video src=a.mp4>fallback</video><audio>a</audio>",
    "<iframe src=x>if</iframe><embed src=x><object>obj</object>",
    "<div><html><body>nested</body></html></div>",
    "<title>t</title><meta name=x><link rel=x><base href=x><style>s</style>",
    "<frameset><frame></frameset>",
    "<p>x<ul><li>a</li></ul></p>",
    "<figure><img src=a><figcaption>c</figcaption><p>after</p></figure>",
    "text only",
    "<table><tr><td>1<table><tr><td>in</td></tr></table></td></tr></table>",
    "<form><table><tr><td>x</td></tr></table></form>",
    "<table><form><tr><td>x</td></tr></form></table>",
    "<marquee>m</marquee><blink>b</blink><nobr>n</nobr><listing>l</listing>",
    "<a href='javascript:alert(1)' onclick=x>click</a>",
    "<script>alert(1)</script>after",
    "<span>a<div>b</div>c</span>",
    "<em>a<p>b</p>c</em>",
  ]
  for input in inputs {
    let nodes = MarkupParser.parseHTMLFragment(input)
    let root = XMLElement("div", [], nodes)
    let bytes = try XMLSerializer.document(root, declaration: false)
    print("IN : \(input)\nOUT: \(String(decoding: bytes, as: UTF8.self))")
  }
}
