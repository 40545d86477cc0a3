import Foundation
import Testing
@testable import OporaDocuments

/// The streaming XLSX reader: Office's XML subset in chunks of any size, sheets of any size.
@Suite struct XLSXStreamTests {
    /// A workbook written by hand the way other writers do it: a namespace prefix, inline and
    /// rich strings, entities, booleans, a skipped row and skipped cells, phonetic runs.
    func handWritten() throws -> Data {
        let sheet = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <!-- written by hand -->
            <x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
            <x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>Отметка &amp; журнал</x:t></x:is></x:c></x:row>
            <x:row r="3"><x:c r="A3" t="s"><x:v>1</x:v></x:c><x:c r="B3"><x:v>4.0</x:v></x:c><x:c r="C3" t="b"><x:v>1</x:v></x:c><x:c r="D3" t="str"><x:v>&#1093;&#x445;</x:v></x:c></x:row>
            <x:row r="4"/>
            <x:row r="5"><x:c r="B5"/><x:c r="C5"><x:v>2.5</x:v></x:c></x:row>
            </x:sheetData></x:worksheet>
            """
        let strings = """
            <?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">
            <si><t>Код участника</t></si><si><r><t>edu</t></r><r><t xml:space="preserve">100001</t></r><rPh><t>ふりがな</t></rPh></si></sst>
            """
        return try Zip.build([("xl/worksheets/sheet1.xml", sheet), ("xl/sharedStrings.xml", strings)])
    }

    @Test func readsWhatOtherWritersWrite() throws {
        let rows = try XLSXReader.firstSheetRows(try handWritten())
        #expect(rows == [
            ["Код участника", "", "Отметка & журнал"],
            [],
            ["edu100001", "4", "ИСТИНА", "хх"],
            [],
            ["", "", "2.5"],
        ])
    }

    @Test func stopsWhenAsked() throws {
        var seen: [Int] = []
        try XLSXReader.forEachRow(try handWritten()) { _, line in seen.append(line); return line < 3 }
        #expect(seen == [1, 2, 3])
    }

    @Test func tokensAreTheSameInChunksOfAnySize() throws {
        let xml = Array(#"<a x="1>2" y='q'><b/>текст &lt;b&gt;<!-- c --><c>д</c><![CDATA[z]]></a>"#.utf8)
        func events(chunk: Int) throws -> [String] {
            var tokens = XMLTokens()
            var out: [String] = []
            var i = 0
            while i < xml.count {
                let part = Array(xml[i..<min(i + chunk, xml.count)])
                try part.withUnsafeBytes { raw in
                    try tokens.feed(raw) { e in
                        switch e {
                        case .start(let n, let a, let s): out.append("<\(String(decoding: n, as: UTF8.self))\(s ? "/" : "") x=\(XMLTokens.attribute("x", in: a) ?? "-")")
                        case .end(let n): out.append("</\(String(decoding: n, as: UTF8.self))")
                        case .text(let t): out.append(XMLTokens.decode(t))
                        }
                    }
                }
                i += chunk
            }
            try tokens.finish()
            return out
        }
        let whole = try events(chunk: xml.count)
        #expect(whole == ["<a x=1>2", "<b/ x=-", "текст <b>", "<c x=-", "д", "</c", "</a"])
        for size in [1, 2, 3, 7, 64] { #expect(try events(chunk: size) == whole) }
    }

    /// Row numbers that repeat, go back or leave Excel's range are read as the next row: a crafted
    /// file cannot crash the reader or make it emit a million blank rows.
    @Test func rowNumbersThatDoNotGoForwardAreTheNextRow() throws {
        let rows = ["5", "3", "5", "0", "-2", "99999999"].enumerated().map { i, r in "<row r=\"\(r)\"><c t=\"inlineStr\"><is><t>\(i)</t></is></c></row>" }
        let data = try Zip.build([("xl/worksheets/sheet1.xml", "<worksheet><sheetData>" + rows.joined() + "</sheetData></worksheet>")])
        var seen: [Int: [String]] = [:]
        try XLSXReader.forEachRow(data) { cells, line in seen[line] = cells; return true }
        #expect(seen.keys.sorted() == Array(1...10))
        #expect((6...10).map { seen[$0] ?? [] } == [["1"], ["2"], ["3"], ["4"], ["5"]])
        #expect(seen[5] == ["0"])
    }

    @Test func aBrokenSheetIsAClearError() throws {
        let data = try Zip.build([("xl/worksheets/sheet1.xml", "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row")])
        #expect(throws: DocumentError.self) { try XLSXReader.firstSheetRows(data) }
    }

    /// Over FoundationXML's 10,000,000-byte limit on Linux: 40 MB of sheet XML.
    @Test func aFortyMegabyteSheet() throws {
        var rows: [[Workbook.Cell]] = [["ОО", "Код участника", "1 (1б)", "2 (2б)", "Первичный балл"]]
        var n = 0
        while rows.count < 250_000 {
            rows.append([.text("edu\(100001 + n % 1000)"), .text("\(1_000_000 + n)"), .number(Double(n % 2)), .number(Double(n % 3)), .number(Double(n % 2 + n % 3))])
            n += 1
        }
        let data = try Workbook(sheets: [.init(name: "ВПР", rows: rows)]).xlsx()
        #expect(try XLSXReader.sheetSize(data) > 40_000_000)
        var count = 0
        var last: [String] = []
        try XLSXReader.forEachRow(data) { cells, _ in count += 1; last = cells; return true }
        #expect(count == 250_000)
        let k = n - 1
        #expect(last == ["edu\(100001 + k % 1000)", "\(1_000_000 + k)", "\(k % 2)", "\(k % 3)", "\(k % 2 + k % 3)"])
    }
}
