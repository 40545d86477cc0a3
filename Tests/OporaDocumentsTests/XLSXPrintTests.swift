import Foundation
import Testing
@testable import OporaDocuments

/// Workbooks print readably: no header word is broken across lines by a narrow column.
@Suite struct XLSXPrintTests {
    static func sheetXML(_ sheet: Workbook.Sheet) throws -> String {
        let data = try Workbook(sheets: [sheet]).xlsx()
        return String(decoding: try #require(try Zip.part("xl/worksheets/sheet1.xml", of: data)), as: UTF8.self)
    }

    static func width(_ xml: String, column: Int) -> Double? {
        guard let range = xml.range(of: #"<col min="\#(column)" max="\#(column)" width=""#) else { return nil }
        return Double(xml[range.upperBound...].prefix { $0 != "\"" })
    }

    @Test func aColumnIsAsWideAsItsLongestHeaderWord() throws {
        // The Novosibirsk roadmap's «Информационное сопровождение» printed as «Информационно|е».
        let xml = try Self.sheetXML(.init(name: "Дорожная карта", rows: [["Дорожная карта"], ["№", "Информационное сопровождение"], ["1", "сайт"]],
                                         headerRows: 2, columnWidths: [5, 10]))
        #expect((Self.width(xml, column: 2) ?? 0) >= Double("Информационное".count) * 1.15)
        // A column wide enough already keeps its width; the merged title does not widen column A.
        #expect(Self.width(xml, column: 1) == 5)
    }

    @Test func bodyWordsDoNotWidenColumns() throws {
        let xml = try Self.sheetXML(.init(name: "Лист", rows: [["№", "Школа"], ["1", "Муниципальноебюджетноеобщеобразовательноеучреждение"]],
                                         headerRows: 1, columnWidths: [5, 12]))
        #expect(Self.width(xml, column: 2) == 12)
    }
}
