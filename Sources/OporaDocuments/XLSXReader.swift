import Foundation
import ZIPFoundation

/// Reads the first worksheet of an XLSX file as rows of text, as Excel, LibreOffice, openpyxl
/// and ФИС ОКО write it (shared strings, inline strings, rich text, numbers). Merged cells keep
/// their value in the top-left cell only, which is what an importer of header rows needs.
///
/// The sheet is inflated and tokenized as a stream, row by row: a region's sheet of hundreds of
/// megabytes never exists in memory as XML or as a table. The shared-strings table is kept as
/// one buffer of UTF-8 bytes with offsets, so even a large one costs about its own size.
public enum XLSXReader {
    /// More XML than this in one sheet is not a results file (and would take minutes to read).
    public static let maxSheetBytes: Int64 = 8 * 1024 * 1024 * 1024

    /// Every row of the first sheet (blank rows kept, so row numbers match what Excel shows).
    /// Rows a table read whole may reach: lists, registries, deficits and scales have thousands.
    /// (A 780-byte sheet with one row numbered 1 048 576 would otherwise become a million rows.)
    public static let maxTableRows = 100_000

    /// Held in memory, so the sheet is bounded by `ZipLimits.table` and `maxTableRows`.
    public static func firstSheetRows(_ data: Data) throws -> [[String]] {
        let archive: Archive
        do { archive = try Archive.reading(data) } catch {
            throw DocumentError.unreadable("файл не является книгой Excel (повреждён или другого формата)")
        }
        return try firstSheetRows(archive)
    }

    static func firstSheetRows(_ archive: Archive) throws -> [[String]] {
        var rows: [[String]] = []
        try forEachRow(archive, limits: .table) { cells, number in
            guard number <= maxTableRows else {
                throw DocumentError.unreadable("в листе строка № \(number): таблица больше \(maxTableRows) строк — это не список и не реестр")
            }
            while rows.count < number - 1 { rows.append([]) }   // a long blank gap is not sent row by row
            rows.append(cells)
            return true
        }
        return rows
    }

    /// The longest run of blank rows sent to a reader one by one.
    static let maxBlankRun = 1_000

    /// Calls `body` with each row and its 1-based number, in order, until it returns false.
    /// Runs of more than `maxBlankRun` blank rows are skipped: the next row's number says how many.
    public static func forEachRow(_ data: Data, limits: ZipLimits = .results, _ body: ([String], Int) throws -> Bool) throws {
        let archive: Archive
        do { archive = try Archive.reading(data) } catch {
            throw DocumentError.unreadable("файл не является книгой Excel (повреждён или другого формата)")
        }
        try forEachRow(archive, limits: limits, body)
    }

    /// The same for a file on disk, which is read from disk as it is inflated.
    public static func forEachRow(fileAt url: URL, limits: ZipLimits = .results, _ body: ([String], Int) throws -> Bool) throws {
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read) } catch {
            throw DocumentError.unreadable("файл не является книгой Excel (повреждён или другого формата)")
        }
        try forEachRow(archive, limits: limits, body)
    }

    /// The uncompressed size of the first sheet's XML (what FoundationXML could not read past 10 MB).
    public static func sheetSize(_ data: Data) throws -> Int64 {
        let archive: Archive
        do { archive = try Archive.reading(data) } catch {
            throw DocumentError.unreadable("файл не является книгой Excel (повреждён или другого формата)")
        }
        return Int64(archive[try firstSheetPath(archive)]?.uncompressedSize ?? 0)
    }

    private struct Stop: Error {}

    static func forEachRow(_ archive: Archive, limits: ZipLimits, _ body: ([String], Int) throws -> Bool) throws {
        let shared = try sharedStrings(archive, limits: limits)
        let path = try firstSheetPath(archive)
        guard let entry = archive[path] else { throw DocumentError.unreadable("в книге нет ни одного листа") }
        var sheet = SheetRows(shared: shared)
        var tokens = XMLTokens()
        do {
            try archive.extract(entry, name: "лист книги", within: limits) { chunk in
                try chunk.withUnsafeBytes { raw in
                    try tokens.feed(raw) { event in
                        if let (cells, given) = sheet.handle(event) {
                            // A damaged sheet may repeat a row: numbers only grow.
                            let number = max(given, sheet.emitted + 1)
                            // Blank rows between are sent as such (readers count lines), unless the
                            // gap is long: one cell at row 1 048 576 must not become a million calls.
                            if number - sheet.emitted <= maxBlankRun {
                                for blank in sheet.emitted + 1 ..< number { guard try body([], blank) else { throw Stop() } }
                            }
                            sheet.emitted = number
                            guard try body(cells, number) else { throw Stop() }
                        }
                    }
                }
            }
            try tokens.finish()
        } catch is Stop {
            return
        } catch let e as DocumentError {
            throw e
        } catch {
            throw DocumentError.unreadable("лист книги повреждён (архив не распаковывается)")
        }
    }

    /// A whole small part of the package (workbook, relationships), or nil.
    static func part(_ archive: Archive, _ path: String) throws -> [UInt8]? {
        try archive.part(path, within: .index).map { [UInt8]($0) }
    }

    /// The first sheet of the workbook: its first <sheet> names a relationship, the rels file a path.
    static func firstSheetPath(_ archive: Archive) throws -> String {
        guard let wb = try part(archive, "xl/workbook.xml"), let rels = try part(archive, "xl/_rels/workbook.xml.rels") else {
            return "xl/worksheets/sheet1.xml"
        }
        var rid: String?
        var tokens = XMLTokens()
        try wb.withUnsafeBytes { raw in
            try tokens.feed(raw) { event in
                if rid == nil, case .start(let name, let attributes, _) = event, name.elementsEqual("sheet".utf8) {
                    rid = XMLTokens.attribute("r:id", in: attributes)
                }
            }
        }
        var target: String?
        tokens = XMLTokens()
        try rels.withUnsafeBytes { raw in
            try tokens.feed(raw) { event in
                if target == nil, case .start(let name, let attributes, _) = event, name.elementsEqual("Relationship".utf8),
                   XMLTokens.attribute("Id", in: attributes) == rid {
                    target = XMLTokens.attribute("Target", in: attributes)
                }
            }
        }
        guard let target else { return "xl/worksheets/sheet1.xml" }
        return target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
    }

    /// The shared strings, streamed: `<si>` items, their `<t>` texts joined, phonetic runs left out.
    static func sharedStrings(_ archive: Archive, limits: ZipLimits) throws -> StringTable {
        var table = StringTable()
        guard let entry = archive["xl/sharedStrings.xml"] else { return table }
        var tokens = XMLTokens()
        var current: [UInt8] = []
        var inText = false, inPhonetic = false
        do {
            try archive.extract(entry, name: "таблица строк книги", within: limits) { chunk in
                try chunk.withUnsafeBytes { raw in
                    try tokens.feed(raw) { event in
                        switch event {
                        case .start(let name, _, let selfClosing):
                            if name.elementsEqual("si".utf8) { current.removeAll(keepingCapacity: true); if selfClosing { table.append([]) } }
                            else if name.elementsEqual("rPh".utf8) { inPhonetic = !selfClosing }
                            else if name.elementsEqual("t".utf8) { inText = !inPhonetic && !selfClosing }
                        case .end(let name):
                            if name.elementsEqual("t".utf8) { inText = false }
                            else if name.elementsEqual("rPh".utf8) { inPhonetic = false }
                            else if name.elementsEqual("si".utf8) { table.append(Array(XMLTokens.decode(current[...]).utf8)) }
                        case .text(let bytes):
                            if inText { current.append(contentsOf: bytes) }
                        }
                    }
                }
            }
            try tokens.finish()
        } catch let e as DocumentError {
            throw e
        } catch {
            throw DocumentError.unreadable("таблица строк книги повреждена")
        }
        return table
    }

    /// Column index of an A1 reference: "C7" → 2.
    /// Excel's last row.
    static let maxRows = 1_048_576

    static func columnIndex(_ ref: String) -> Int? {
        var n = 0
        var any = false
        for ch in ref.unicodeScalars {
            guard ch.value >= 65 && ch.value <= 90 else { break }
            n = n * 26 + Int(ch.value - 64)
            any = true
            guard n <= 16_384 else { return nil }
        }
        return any ? n - 1 : nil
    }
}

/// Strings as one byte buffer with offsets: a table of millions costs little more than its text.
struct StringTable {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    var count: Int { ends.count }

    mutating func append(_ s: [UInt8]) {
        bytes.append(contentsOf: s)
        ends.append(bytes.count)
    }

    subscript(i: Int) -> String? {
        guard i >= 0 && i < ends.count else { return nil }
        let start = i == 0 ? 0 : ends[i - 1]
        return String(decoding: bytes[start..<ends[i]], as: UTF8.self)
    }
}

/// The state of reading `<sheetData>`: the row and cell being read; gives back each finished row.
struct SheetRows {
    let shared: StringTable
    /// The last row number given back (rows skipped in the file are given back blank).
    var emitted = 0
    private var rowNumber = 0
    private var cells: [String] = []
    private var column = 0
    private var type = ""
    private var value: [UInt8] = []
    private var collecting = false
    private var inCell = false
    private var inPhonetic = false

    init(shared: StringTable) { self.shared = shared }

    /// A finished row and its number, or nil.
    mutating func handle(_ event: XMLTokens.Event) -> ([String], Int)? {
        switch event {
        case .start(let name, let attributes, let selfClosing):
            if name.elementsEqual("row".utf8) {
                // Rows only go forward and stop where Excel's do: a number that repeats, goes back or
                // is out of range is read as the next row, so a crafted file cannot reorder or stretch the sheet.
                let given = XMLTokens.attribute("r", in: attributes).flatMap(Int.init) ?? 0
                rowNumber = given > rowNumber && given <= XLSXReader.maxRows ? given : rowNumber + 1
                cells.removeAll(keepingCapacity: true)
                if selfClosing { return (cells, rowNumber) }
            } else if name.elementsEqual("c".utf8) {
                column = XMLTokens.attribute("r", in: attributes).flatMap(XLSXReader.columnIndex) ?? cells.count
                type = XMLTokens.attribute("t", in: attributes) ?? ""
                value.removeAll(keepingCapacity: true)
                inCell = !selfClosing
                // An empty cell still widens its row, as Excel shows it.
                if selfClosing { put("") }
            } else if inCell && (name.elementsEqual("v".utf8) || name.elementsEqual("t".utf8)) {
                collecting = !selfClosing && !inPhonetic
            } else if inCell && name.elementsEqual("rPh".utf8) {
                inPhonetic = !selfClosing
            }
        case .text(let bytes):
            if collecting { value.append(contentsOf: bytes) }
        case .end(let name):
            if name.elementsEqual("v".utf8) || name.elementsEqual("t".utf8) {
                collecting = false
            } else if name.elementsEqual("rPh".utf8) {
                inPhonetic = false
            } else if name.elementsEqual("c".utf8) {
                inCell = false
                put(cellText())
            } else if name.elementsEqual("row".utf8) {
                return (cells, rowNumber)
            }
        }
        return nil
    }

    /// Opora's tables (lists, registries, results with their tasks) are far narrower; a cell out
    /// at column XFD would otherwise make every reader walk 16,384 columns of one row.
    static let maxColumns = 1_024

    private mutating func put(_ text: String) {
        guard column < Self.maxColumns else { return }
        if column >= cells.count { cells.append(contentsOf: Array(repeating: "", count: column - cells.count + 1)) }
        cells[column] = text
    }

    private func cellText() -> String {
        switch type {
        case "s":
            var i = 0
            for b in value where b >= 48 && b <= 57 { i = i * 10 + Int(b - 48); if i > Int(Int32.max) { break } }
            return shared[i] ?? ""
        case "b":
            return value == [49] ? "ИСТИНА" : "ЛОЖЬ"
        case "", "n":
            let raw = String(decoding: value, as: UTF8.self)
            if let d = Double(raw), d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
            return raw
        default:
            return XMLTokens.decode(value[...])
        }
    }
}
