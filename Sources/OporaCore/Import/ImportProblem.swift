import Foundation

/// One thing wrong with an uploaded file, told in Russian with the place it was found.
public struct ImportProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    /// 1-based line (row) of the file, nil for a problem with the whole file.
    public let row: Int?
    public let column: String?
    public let message: String

    public init(file: String, row: Int?, column: String?, message: String) {
        self.file = file
        self.row = row
        self.column = column
        self.message = message
    }

    /// «Файл «список.csv», строка 4, столбец «Школа»: …»
    public var description: String {
        var place = "Файл «\(file)»"
        if let row { place += ", строка \(row)" }
        if let column { place += ", столбец «\(column)»" }
        return "\(place): \(message)"
    }
}

/// A table read from CSV or XLSX: rows of text cells, in file order (row 1 is the file's first line).
public struct ImportTable: Sendable, Equatable {
    public let fileName: String
    public let rows: [[String]]
    public init(fileName: String, rows: [[String]]) {
        self.fileName = fileName
        self.rows = rows
    }

    /// The first row among the first ten whose cells name the wanted columns; returns its index
    /// and the column index of each wanted key.
    public func findHeader(_ columns: [String: [String]], required: Set<String>) -> (row: Int, index: [String: Int])? {
        for (r, cells) in rows.prefix(10).enumerated() {
            var index: [String: Int] = [:]
            for (c, cell) in cells.enumerated() {
                let t = Self.headerKey(cell)
                for (key, synonyms) in columns where index[key] == nil {
                    if synonyms.contains(where: { t == $0 || t.hasPrefix($0 + " ") }) { index[key] = c; break }
                }
            }
            if required.isSubset(of: index.keys) { return (r, index) }
        }
        return nil
    }

    static func headerKey(_ s: String) -> String {
        s.lowercased().replacingOccurrences(of: "ё", with: "е")
            .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            .trimmingCharacters(in: .punctuationCharacters)
    }
}
