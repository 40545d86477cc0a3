import Foundation
import ZIPFoundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads a Word document's body: its paragraphs as text and its tables as rows of cells.
/// A cell's paragraphs are joined with line breaks; horizontally merged cells (gridSpan) are
/// padded with empty cells so columns stay aligned; vertically merged continuation cells are empty.
public enum DOCXReader {
    public struct Body: Sendable {
        /// Text lines of the document in order; a table contributes its rows tab-separated,
        /// so the result reads like text pasted from Word.
        public let lines: [String]
        public let tables: [[[String]]]
    }

    public static func read(_ data: Data) throws -> Body {
        let archive: Archive
        do { archive = try Archive.reading(data) } catch {
            throw DocumentError.unreadable("файл не является документом Word (повреждён или другого формата)")
        }
        return try read(archive)
    }

    static func read(_ archive: Archive) throws -> Body {
        // Only the text is inflated, under limits; pictures and styles are never read.
        guard let doc = try archive.part("word/document.xml", within: .document) else {
            throw DocumentError.unreadable("в файле нет текста документа Word (word/document.xml)")
        }
        let parser = BodyParser()
        // FoundationXML's parser traps on element names that are not UTF-8 (found by opora-fuzz);
        // Word writes UTF-8 only, so anything else is a damaged file, refused before parsing.
        guard doc.withUnsafeBytes({ TextEncoding.isValidUTF8($0.bindMemory(to: UInt8.self)) }) else {
            throw DocumentError.unreadable("документ Word повреждён (текст не в кодировке UTF-8)")
        }
        let xml = XMLParser(data: doc)
        xml.delegate = parser
        guard xml.parse() else { throw DocumentError.unreadable("документ Word повреждён (ошибка XML)") }
        return Body(lines: parser.lines, tables: parser.tables)
    }
}

private final class BodyParser: NSObject, XMLParserDelegate {
    var lines: [String] = []
    var tables: [[[String]]] = []
    private var tableDepth = 0
    private var rows: [[String]] = []
    private var row: [String] = []
    private var cellParagraphs: [String] = []
    private var paragraph = ""
    private var inText = false
    private var span = 1

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        switch name {
        case "w:tbl": tableDepth += 1; if tableDepth == 1 { rows = [] }
        case "w:tr": if tableDepth == 1 { row = [] }
        case "w:tc": if tableDepth == 1 { cellParagraphs = []; span = 1 }
        case "w:gridSpan": span = Int(attributes["w:val"] ?? "1") ?? 1
        case "w:p": paragraph = ""
        case "w:t": inText = true
        case "w:tab": paragraph += " "
        case "w:br": paragraph += "\n"
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { paragraph += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "w:t": inText = false
        case "w:p":
            if tableDepth > 0 { cellParagraphs.append(paragraph) } else { lines.append(paragraph) }
        case "w:tc":
            if tableDepth == 1 {
                row.append(cellParagraphs.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines))
                if span > 1 { row += Array(repeating: "", count: span - 1) }
            }
        case "w:tr":
            if tableDepth == 1 { rows.append(row) }
        case "w:tbl":
            if tableDepth == 1 {
                tables.append(rows)
                // Cells' own line breaks become spaces so each row stays one text line.
                lines += rows.map { $0.map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\t") }
            }
            tableDepth -= 1
        default: break
        }
    }
}
