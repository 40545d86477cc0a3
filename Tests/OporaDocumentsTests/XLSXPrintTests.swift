import Foundation
import Testing
@testable import OporaDocuments

/// Workbooks print readably: laid out for A4, no header word broken by a narrow column.
@Suite struct XLSXPrintTests {
    /// What printing needs (issue 14): the title merged across the table, the header repeated on
    /// every page, A4 landscape one page wide, rows tall enough for their wrapped text.
    @Test func tablesAreLaidOutForPrinting() throws {
        let long = String(repeating: "Проведение методического семинара для учителей ", count: 4)
        let data = try Workbook(sheets: [.init(name: "Дорожная карта", rows: [
            ["Дорожная карта «План мероприятий» на 2025 год"],
            [.text("№"), .text("Мероприятие"), .text("Срок")],
            [.text("1"), .text(long), .text("март 2025")],
            [.text("2"), .text("Коротко"), .text("май 2025")],
        ], headerRows: 2, columnWidths: [6, 40, 14])]).xlsx()
        let sheet = String(decoding: try #require(try Zip.part("xl/worksheets/sheet1.xml", of: data)), as: UTF8.self)
        let book = String(decoding: try #require(try Zip.part("xl/workbook.xml", of: data)), as: UTF8.self)
        #expect(sheet.contains(#"<mergeCell ref="A1:C1"/>"#))
        #expect(sheet.contains(#"orientation="landscape""#) && sheet.contains(#"fitToWidth="1""#) && sheet.contains(#"fitToHeight="0""#))
        #expect(sheet.contains(#"<pageSetUpPr fitToPage="1"/>"#))
        #expect(book.contains("_xlnm.Print_Titles") && book.contains("$1:$2"))
        // 200 characters in a 40-wide column wrap to five lines or more; a short row keeps the default.
        let tall = try #require(sheet.range(of: #"<row r="3" ht=""#))
        let points = Double(sheet[tall.upperBound...].prefix { $0 != "\"" }) ?? 0
        #expect(points >= 5 * 14.5)
        #expect(sheet.contains(#"<row r="4">"#))
        // The sheet's parts are still read back as before.
        #expect(try XLSXReader.firstSheetRows(data)[2][1] == long)
    }

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
