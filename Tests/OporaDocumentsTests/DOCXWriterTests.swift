import Foundation
import Testing
@testable import OporaDocuments

/// Tables in Word documents print on the paper: within the text width of their own section
/// (portrait or landscape), rows free to break across pages, the header repeated on each page.
@Suite struct DOCXWriterTests {
    typealias Cell = WordDocument.Cell

    static func document(_ blocks: [WordDocument.Block], landscape: Bool = false) throws -> String {
        let data = try WordDocument(blocks: blocks, landscape: landscape).docx()
        return String(decoding: try #require(try Zip.part("word/document.xml", of: data)), as: UTF8.self)
    }

    /// Widths in twips of each table's grid, in document order.
    static func grids(_ xml: String) -> [[Int]] {
        xml.components(separatedBy: "<w:tblGrid>").dropFirst().map { part in
            let grid = part.components(separatedBy: "</w:tblGrid>")[0]
            return grid.components(separatedBy: #"w:w=""#).dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
        }
    }

    static func table(_ widths: [Double], rows: Int = 3) -> WordDocument.Block {
        .table(.init(widths: widths, rows: (0..<rows).map { r in widths.map { _ in Cell("ячейка \(r)") } }, headerRows: 1))
    }

    @Test func aTableWiderThanItsPageIsNarrowedToTheTextWidth() throws {
        // 20.4 cm on a portrait page (16.5 cm of text) — the annual report's visits table once.
        let xml = try Self.document([Self.table([2.2, 5.0, 2.2, 2.5, 8.5])])
        let grid = try #require(Self.grids(xml).first)
        #expect(grid.reduce(0, +) <= WordDocument.twips(WordDocument.textWidth(landscape: false)) + grid.count)
        // In proportion: the widest column stays the widest.
        #expect(grid.last == grid.max())
    }

    @Test func eachTableFitsItsOwnSection() throws {
        // A portrait first section (the order) and a landscape annex: 24 cm fits only the annex.
        let wide = [4.0, 10.0, 10.0]
        let xml = try Self.document([Self.table(wide), .sectionBreak(landscape: false), Self.table(wide)], landscape: true)
        let grids = Self.grids(xml)
        #expect(grids.count == 2)
        #expect(grids[0].reduce(0, +) <= WordDocument.twips(16.5) + 3)
        #expect(grids[1] == wide.map(WordDocument.twips))
    }

    @Test func aNarrowTableIsLeftAsItIs() throws {
        let xml = try Self.document([Self.table([1.0, 6.0, 7.0, 2.5])])
        #expect(Self.grids(xml).first == [1.0, 6.0, 7.0, 2.5].map(WordDocument.twips))
    }

    @Test func bodyRowsMayBreakAcrossPagesAndTheHeaderRepeats() throws {
        let xml = try Self.document([Self.table([3, 3], rows: 4)])
        let rows = xml.components(separatedBy: "<w:tr>").dropFirst()
        #expect(rows.count == 4)
        #expect(rows.first?.contains("<w:tblHeader/>") == true)
        #expect(rows.dropFirst().allSatisfy { !$0.contains("cantSplit") && !$0.contains("tblHeader") })
    }
}
