import Foundation
import Testing
@testable import OporaDocuments

/// Hostile packages: parts that inflate far beyond their size, or lie about it, are refused
/// with a message before memory grows, and only the parts a reader needs are inflated.
@Suite struct ZipLimitsTests {
    static let workbook = [
        ("[Content_Types].xml", "<Types/>"),
        ("xl/workbook.xml", #"<workbook xmlns:r="r"><sheets><sheet name="Лист1" r:id="rId1"/></sheets></workbook>"#),
        ("xl/_rels/workbook.xml.rels", #"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#),
    ]

    static func sheet(rows: [String]) -> String {
        "<worksheet><sheetData>" + rows.enumerated().map { i, v in #"<row r="\#(i + 1)"><c r="A\#(i + 1)" t="inlineStr"><is><t>\#(v)</t></is></c></row>"# }.joined() + "</sheetData></worksheet>"
    }

    @Test func aSheetThatInflatesAThousandFoldIsRefusedAsABomb() throws {
        let bomb = Self.sheet(rows: ["СОШ № 1"]).replacingOccurrences(of: "</sheetData>", with: String(repeating: " ", count: 4 << 20) + "</sheetData>")
        let data = try Zip.build(Self.workbook.map { (path: $0.0, content: $0.1) } + [(path: "xl/worksheets/sheet1.xml", content: bomb)])
        #expect(data.count < 64 << 10)
        #expect(throws: DocumentError.self) { try XLSXReader.firstSheetRows(data) }
        do { _ = try XLSXReader.firstSheetRows(data) } catch { #expect("\(error)".contains("zip-бомб")) }
    }

    @Test func anOrdinarySheetStillReads() throws {
        let rows = (1...2_000).map { "МБОУ «СОШ № \($0)» г. Юрги, ИНН 42\($0 * 7919 % 100_000)" }
        let data = try Zip.build(Self.workbook.map { (path: $0.0, content: $0.1) } + [(path: "xl/worksheets/sheet1.xml", content: Self.sheet(rows: rows))])
        let read = try XLSXReader.firstSheetRows(data)
        #expect(read.count == 2_000 && read[1999] == [rows[1999]])
    }

    @Test func aPartLargerThanItsLimitIsRefusedBeforeInflating() throws {
        let huge = "<w:document><w:body><w:p><w:r><w:t>" + String(repeating: "абв", count: 12 << 20) + "</w:t></w:r></w:p></w:body></w:document>"
        let data = try Zip.build([(path: "word/document.xml", content: huge)])
        do {
            _ = try DOCXReader.read(data)
            Issue.record("a 72 MB document.xml was read")
        } catch {
            #expect("\(error)".contains("больше допустимых 64 МБ"), "\(error)")
        }
    }

    @Test func aPartThatLiesAboutItsSizeStopsAtTheLie() throws {
        let text = (1...20_000).map { "строка \($0 * 2_654_435_761 % 1_000_003)" }.joined(separator: " ")
        let xml = "<w:document><w:body><w:p><w:r><w:t>\(text)</w:t></w:r></w:p></w:body></w:document>"
        var data = try Zip.build([(path: "word/document.xml", content: xml)])
        // The central directory's «uncompressed size» (offset 24 of its header) says 1,000 bytes.
        let signature: [UInt8] = [0x50, 0x4B, 0x01, 0x02]
        let header = try #require(data.indices.first { data[$0...].starts(with: signature) })
        withUnsafeBytes(of: UInt32(1_000).littleEndian) { data.replaceSubrange(header + 24 ..< header + 28, with: $0) }
        do {
            _ = try DOCXReader.read(data)
            Issue.record("a part larger than it said was read")
        } catch {
            #expect("\(error)".contains("больше, чем о себе сообщает"), "\(error)")
        }
    }

    @Test func tellingAFileKindInflatesNothing() throws {
        // A workbook whose only sheet is a bomb is still told as XLSX, cheaply.
        let bomb = String(repeating: "0", count: 8 << 20)
        let data = try Zip.build(Self.workbook.map { (path: $0.0, content: $0.1) } + [(path: "xl/worksheets/sheet1.xml", content: bomb)])
        #expect(OfficeFile.kind(of: data) == .xlsx)
    }
}
