import Foundation
import OporaCore

/// Opens an uploaded table whatever it is: XLSX (a ZIP, starts with "PK") or CSV/TSV text.
public enum TableReader {
    public static func read(_ data: Data, fileName: String) throws -> ImportTable {
        if data.starts(with: [0x50, 0x4B]) {
            do {
                return ImportTable(fileName: fileName, rows: try XLSXReader.firstSheetRows(data))
            } catch let e as DocumentError {
                throw ImportProblem(file: fileName, row: nil, column: nil, message: e.description)
            }
        }
        if data.isEmpty { throw ImportProblem(file: fileName, row: nil, column: nil, message: "файл пуст.") }
        return ImportTable(fileName: fileName, rows: CSV.read(data).rows)
    }
}
