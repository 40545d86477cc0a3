import Foundation
import OporaCore

/// Opens an uploaded table whatever it is: XLSX (a ZIP, starts with "PK") or CSV/TSV text.
/// Lists, registries, deficits and scales hold names, dates and short notes: a cell longer than
/// `maxCellLength` is a damaged or wrong file (a 9.5 MB one-line CSV cost seconds of matching
/// on every view of its draft), refused with its row and column instead of being worked on.
public enum TableReader {
    public static let maxCellLength = 4_000

    public static func read(_ data: Data, fileName: String) throws -> ImportTable {
        let rows: [[String]]
        if data.starts(with: [0x50, 0x4B]) {
            do {
                rows = try XLSXReader.firstSheetRows(data)
            } catch let e as DocumentError {
                throw ImportProblem(file: fileName, row: nil, column: nil, message: e.description)
            }
        } else {
            if data.isEmpty { throw ImportProblem(file: fileName, row: nil, column: nil, message: "файл пуст.") }
            rows = CSV.read(data).rows
        }
        for (r, row) in rows.enumerated() {
            for (c, cell) in row.enumerated() where cell.utf8.count > maxCellLength {
                throw ImportProblem(file: fileName, row: r + 1, column: "№ \(c + 1)",
                                    message: "в ячейке \(cell.count) знаков — в таблицах списков и реестров так длинно не пишут; проверьте, тот ли это файл и не слились ли строки.")
            }
        }
        return ImportTable(fileName: fileName, rows: rows)
    }
}
