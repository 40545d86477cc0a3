import Foundation
import Testing
import OporaCore
@testable import OporaDocuments

@Suite struct CSVTests {
    @Test func readsUTF8WithBOMAndSemicolons() {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data("Школа;Основание\r\nМБОУ СОШ № 5;\"ВПР; ЕГЭ\"\r\n".utf8)
        let parsed = CSV.read(data)
        #expect(parsed.encoding == .utf8)
        #expect(parsed.separator == ";")
        #expect(parsed.rows == [["Школа", "Основание"], ["МБОУ СОШ № 5", "ВПР; ЕГЭ"]])
    }

    @Test func readsWindows1251AndCommas() {
        let data = TextEncoding.encodeWindows1251("Школа,Балл\nСОШ № 5,\"3,5\"\nГимназия «Ёлка»,4\n")
        let parsed = CSV.read(data)
        #expect(parsed.encoding == .windows1251)
        #expect(parsed.separator == ",")
        #expect(parsed.rows[2] == ["Гимназия «Ёлка»", "4"])
        #expect(CSV.number(parsed.rows[1][1]) == 3.5)
    }

    @Test func multilineQuotedCellsAndTabs() {
        let rows = CSV.parse("a\tb\n\"строка 1\nстрока 2\"\t\"с \"\"кавычками\"\"\"\n", separator: "\t")
        #expect(rows == [["a", "b"], ["строка 1\nстрока 2", "с \"кавычками\""]])
        #expect(CSV.detectSeparator("a\tb\tc\n") == "\t")
    }

    @Test func writesRoundTripInBothEncodings() {
        let grid = [["№", "Школа"], ["1", "МБОУ «СОШ №1»; корпус 2"], ["2", "многострочная\nячейка"]]
        let utf8 = CSV.write(grid)
        #expect(Array(utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(CSV.read(utf8).rows == grid)
        let cp = CSV.write(grid, encoding: .windows1251)
        #expect(cp.first == UInt8(ascii: "?") || cp.first == 0xB9) // «№» is 0xB9 in Windows-1251
        #expect(CSV.read(cp).rows == grid)
    }

    @Test func decimalComma() {
        #expect(CSV.number(" 12,75 ") == 12.75)
        #expect(CSV.number("1 234,5") == 1234.5)
        #expect(CSV.number("X") == nil)
        #expect(CSV.number("") == nil)
    }
}

@Suite struct XLSXTests {
    @Test func writeThenReadBack() throws {
        let book = Workbook(sheets: [.init(name: "Динамика ШНОР", rows: [
            ["Заголовок"],
            [.text("Школа"), .text("2024")],
            [.text("МБОУ «СОШ №1» & <другие>"), .number(2)],
            [.empty, .number(3.5)],
        ], headerRows: 2, columnWidths: [40, 10])])
        let data = try book.xlsx()
        #expect(data.starts(with: [0x50, 0x4B]))
        let rows = try XLSXReader.firstSheetRows(data)
        #expect(rows == [["Заголовок"], ["Школа", "2024"], ["МБОУ «СОШ №1» & <другие>", "2"], ["", "3.5"]])
    }

    @Test func damagedFileIsAClearError() {
        #expect(throws: DocumentError.self) { try XLSXReader.firstSheetRows(Data("PK not a zip".utf8)) }
    }

    @Test func columnNames() {
        #expect(Workbook.columnName(0) == "A")
        #expect(Workbook.columnName(25) == "Z")
        #expect(Workbook.columnName(26) == "AA")
        #expect(XLSXReader.columnIndex("AB12") == 27)
    }
}

@Suite struct TableReaderLimits {
    /// A one-line file with a huge cell is refused at once, naming where, not matched for seconds.
    @Test func aCellLongerThanAnyNameIsRefusedWithItsPlace() {
        let data = Data(("Школа;Основание\nСОШ № 1;" + String(repeating: "ВПР ", count: 3_000) + "\n").utf8)
        #expect(throws: ImportProblem.self) { try TableReader.read(data, fileName: "list.csv") }
        do { _ = try TableReader.read(data, fileName: "list.csv") } catch let p as ImportProblem {
            #expect(p.row == 2 && p.column == "№ 2")
            #expect(p.description.contains("list.csv"))
        } catch { Issue.record("\(error)") }
    }
}
