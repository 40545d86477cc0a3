import Testing
@testable import OporaCore

@Suite struct WebLinkTests {
    @Test func onlyWholeWebAddressesWithNothingThatBreaksMarkup() {
        #expect(WebLink.accepts("https://school14.example/shnor?page=2#map"))
        #expect(WebLink.accepts("http://юрга.рф/обр"))
        #expect(!WebLink.accepts(#"https://x/"><meta http-equiv="refresh" content="0;url=//evil">"#))
        #expect(!WebLink.accepts("javascript:alert(1)"))
        #expect(!WebLink.accepts("https:///path-without-host"))
        #expect(!WebLink.accepts("https://a b"))
        #expect(!WebLink.accepts("https://a/\u{0}"))
        #expect(!WebLink.accepts("https://" + String(repeating: "a", count: 3_000)))
    }
}
