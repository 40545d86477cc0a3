import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads the first worksheet of an XLSX file as rows of text, as Excel, LibreOffice and
/// openpyxl write it (shared strings, inline strings, numbers). Merged cells keep their value
/// in the top-left cell only, which is what an importer of header rows needs.
public enum XLSXReader {
    public static func firstSheetRows(_ data: Data) throws -> [[String]] {
        let files = try Zip.entries(of: data)
        let shared = try files["xl/sharedStrings.xml"].map(parseSharedStrings) ?? []
        let sheetPath = try firstSheetPath(files)
        guard let sheet = files[sheetPath] else {
            throw DocumentError.unreadable("в книге нет ни одного листа")
        }
        return try parseSheet(sheet, shared: shared)
    }

    static func firstSheetPath(_ files: [String: Data]) throws -> String {
        // The workbook's first <sheet> names a relationship id; the rels file maps it to a path.
        guard let wb = files["xl/workbook.xml"], let rels = files["xl/_rels/workbook.xml.rels"] else {
            return "xl/worksheets/sheet1.xml"
        }
        let sheetCollector = ElementCollector(element: "sheet")
        try run(sheetCollector, on: wb)
        let relCollector = ElementCollector(element: "Relationship")
        try run(relCollector, on: rels)
        guard let rid = sheetCollector.attributes.first?["r:id"],
              let target = relCollector.attributes.first(where: { $0["Id"] == rid })?["Target"] else {
            return "xl/worksheets/sheet1.xml"
        }
        return target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
    }

    static func parseSharedStrings(_ data: Data) throws -> [String] {
        let p = SharedStringsParser()
        try run(p, on: data)
        return p.strings
    }

    static func parseSheet(_ data: Data, shared: [String]) throws -> [[String]] {
        let p = SheetParser(shared: shared)
        try run(p, on: data)
        return p.rows
    }

    static func run(_ delegate: some XMLParserDelegate, on data: Data) throws {
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() else { throw DocumentError.unreadable("лист книги повреждён (ошибка XML)") }
    }

    /// Column index of an A1 reference: "C7" → 2.
    static func columnIndex(_ ref: String) -> Int? {
        var n = 0
        var any = false
        for ch in ref.unicodeScalars {
            guard ch.value >= 65 && ch.value <= 90 else { break }
            n = n * 26 + Int(ch.value - 64)
            any = true
        }
        return any ? n - 1 : nil
    }
}

private final class ElementCollector: NSObject, XMLParserDelegate {
    let element: String
    var attributes: [[String: String]] = []
    init(element: String) { self.element = element }
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        if name == element || name.hasSuffix(":" + element) { self.attributes.append(attributes) }
    }
}

private final class SharedStringsParser: NSObject, XMLParserDelegate {
    var strings: [String] = []
    private var current = ""
    private var inText = false
    private var inPhonetic = false
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        switch name {
        case "si": current = ""
        case "t": inText = !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "t": inText = false
        case "rPh": inPhonetic = false
        case "si": strings.append(current)
        default: break
        }
    }
}

private final class SheetParser: NSObject, XMLParserDelegate {
    let shared: [String]
    var rows: [[String]] = []
    private var row: [Int: String] = [:]
    private var rowNumber = 0
    private var cellColumn = 0
    private var cellType = ""
    private var value = ""
    private var collecting = false

    init(shared: [String]) { self.shared = shared }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        switch name {
        case "row":
            row = [:]
            rowNumber = attributes["r"].flatMap(Int.init) ?? (rowNumber + 1)
        case "c":
            cellColumn = attributes["r"].flatMap(XLSXReader.columnIndex) ?? (row.keys.max().map { $0 + 1 } ?? 0)
            cellType = attributes["t"] ?? ""
            value = ""
        case "v", "t":
            collecting = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if collecting { value += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "v", "t": collecting = false
        case "c":
            var text = value
            if cellType == "s", let i = Int(value), i < shared.count { text = shared[i] }
            if cellType == "b" { text = value == "1" ? "ИСТИНА" : "ЛОЖЬ" }
            if cellType.isEmpty || cellType == "n", let d = Double(value), d == d.rounded(), abs(d) < 1e15 { text = String(Int(d)) }
            row[cellColumn] = text
        case "row":
            // Keep blank rows so row numbers in messages match what the user sees in Excel.
            while rows.count < rowNumber - 1 { rows.append([]) }
            let width = (row.keys.max() ?? -1) + 1
            rows.append((0..<width).map { row[$0] ?? "" })
        default: break
        }
    }
}
