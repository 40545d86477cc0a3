import Plot
@testable import OporaApp
import Testing

/// Every text and attribute value of our pages is escaped, including quotes in attributes
/// (Plot left attribute values as they were).
@Suite struct EscapingTests {
    func render(_ node: BodyNode) -> String { Node<HTML.BodyContext>.div(node).render() }

    @Test func textIsEscapedOnceAndCompletely() {
        #expect(render(el("p", text: #"A & B <script>"x"</script>"#)) == #"<div><p>A &amp; B &lt;script&gt;"x"&lt;/script&gt;</p></div>"#)
        #expect(render(el("p", text: "&lt; stays visible as typed")) == "<div><p>&amp;lt; stays visible as typed</p></div>")
        #expect(render(.text("Школа № 5 «Радуга»")) == "<div>Школа № 5 «Радуга»</div>")
    }

    @Test func attributeValuesCannotCloseTheirQuotes() {
        let html = render(el("a", [("href", #"/login?next=/"><meta http-equiv="refresh">"#), ("title", "it's")], text: "x"))
        #expect(html == #"<div><a href="/login?next=/&quot;&gt;&lt;meta http-equiv=&quot;refresh&quot;&gt;" title="it&#39;s">x</a></div>"#)
        #expect(render(voidEl("input", [("value", #"a"b"#)])) == #"<div><input value="a&quot;b"/></div>"#)
    }
}
