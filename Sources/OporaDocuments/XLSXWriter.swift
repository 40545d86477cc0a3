import Foundation

/// A spreadsheet to write: sheets of text and number cells, the first rows bold as headers.
public struct Workbook: Sendable {
    public enum Cell: Sendable, Equatable, ExpressibleByStringLiteral {
        case text(String)
        case number(Double)
        case empty
        public init(stringLiteral value: String) { self = .text(value) }
        /// Numbers typed as text («8») become numbers, so totals stay summable in Excel.
        public static func auto(_ s: String) -> Cell {
            if s.isEmpty { return .empty }
            if let i = Int(s) { return .number(Double(i)) }
            return .text(s)
        }
    }

    public struct Sheet: Sendable {
        public var name: String
        public var rows: [[Cell]]
        public var headerRows: Int
        public var columnWidths: [Double]
        public init(name: String, rows: [[Cell]], headerRows: Int = 1, columnWidths: [Double] = []) {
            self.name = name
            self.rows = rows
            self.headerRows = headerRows
            self.columnWidths = columnWidths
        }
    }

    public var sheets: [Sheet]
    public init(sheets: [Sheet]) { self.sheets = sheets }

    /// The XLSX bytes: workbook, one worksheet per sheet, shared strings and two styles.
    public func xlsx() throws -> Data {
        var shared: [String] = []
        var sharedIndex: [String: Int] = [:]
        func sst(_ s: String) -> Int {
            if let i = sharedIndex[s] { return i }
            shared.append(s); sharedIndex[s] = shared.count - 1
            return shared.count - 1
        }
        var files: [(String, String)] = []
        for (n, sheet) in sheets.enumerated() {
            let layout = PrintLayout(sheet)
            var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
            // Printed on A4 landscape, as wide as one page, as many pages long as it takes.
            xml += #"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#
            if !sheet.columnWidths.isEmpty || layout.widened {
                xml += "<cols>"
                for (i, w) in layout.widths.enumerated() {
                    xml += #"<col min="\#(i + 1)" max="\#(i + 1)" width="\#(w)" customWidth="1"/>"#
                }
                xml += "</cols>"
            }
            xml += "<sheetData>"
            for (r, row) in sheet.rows.enumerated() {
                let height = layout.height(of: row)
                xml += height.map { #"<row r="\#(r + 1)" ht="\#($0)" customHeight="1">"# } ?? #"<row r="\#(r + 1)">"#
                let style = r == 0 && layout.hasTitle ? #" s="3""# : r < sheet.headerRows ? #" s="1""# : #" s="2""#
                for (c, cell) in row.enumerated() {
                    let ref = Self.columnName(c) + "\(r + 1)"
                    switch cell {
                    case .text(let s): xml += #"<c r="\#(ref)" t="s"\#(style)><v>\#(sst(s))</v></c>"#
                    case .number(let d):
                        let v = d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
                        xml += #"<c r="\#(ref)"\#(style)><v>\#(v)</v></c>"#
                    case .empty: xml += #"<c r="\#(ref)"\#(style)/>"#
                    }
                }
                xml += "</row>"
            }
            xml += "</sheetData>"
            if layout.hasTitle { xml += #"<mergeCells count="1"><mergeCell ref="A1:\#(Self.columnName(layout.columns - 1))1"/></mergeCells>"# }
            xml += #"<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>"#
            xml += #"<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>"#
            xml += "</worksheet>"
            files.append(("xl/worksheets/sheet\(n + 1).xml", xml))
        }
        var sstXML = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\#(shared.count)" uniqueCount="\#(shared.count)">"#
        for s in shared { sstXML += #"<si><t xml:space="preserve">\#(XML.escape(s))</t></si>"# }
        sstXML += "</sst>"
        files.append(("xl/sharedStrings.xml", sstXML))

        let sheetEntries = sheets.enumerated().map { n, s in
            #"<sheet name="\#(XML.escape(Self.safeSheetName(s.name)))" sheetId="\#(n + 1)" r:id="rId\#(n + 1)"/>"#
        }.joined()
        // The header rows are printed again at the top of every page.
        let printTitles = sheets.enumerated().compactMap { n, s -> String? in
            guard s.headerRows > 0, s.rows.count > s.headerRows else { return nil }
            let name = Self.safeSheetName(s.name).replacingOccurrences(of: "'", with: "''")
            return #"<definedName name="_xlnm.Print_Titles" localSheetId="\#(n)">\#(XML.escape("'\(name)'!$1:$\(s.headerRows)"))</definedName>"#
        }.joined()
        let definedNames = printTitles.isEmpty ? "" : "<definedNames>\(printTitles)</definedNames>"
        files.append(("xl/workbook.xml", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\#(sheetEntries)</sheets>\#(definedNames)</workbook>"#))
        let rels = sheets.indices.map {
            #"<Relationship Id="rId\#($0 + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"#
        }.joined()
        let n = sheets.count
        files.append(("xl/_rels/workbook.xml.rels", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\#(rels)<Relationship Id="rId\#(n + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId\#(n + 2)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#))
        files.append(("xl/styles.xml", Self.styles))
        let overrides = sheets.indices.map {
            #"<Override PartName="/xl/worksheets/sheet\#($0 + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }.joined()
        files.append(("[Content_Types].xml", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\#(overrides)<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#))
        files.append(("_rels/.rels", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#))
        return try Zip.build(files.map { (path: $0.0, content: $0.1) })
    }

    /// A1-style column letters: 0 → A, 25 → Z, 26 → AA.
    public static func columnName(_ index: Int) -> String {
        var n = index + 1
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    /// Excel rejects sheet names over 31 characters or with []:*?/\ in them.
    static func safeSheetName(_ name: String) -> String {
        let cleaned = name.map { "[]:*?/\\".contains($0) ? "_" : $0 }
        return String(String(cleaned).prefix(31))
    }

    /// What printing needs that the cells do not say: a title row merged across the table and
    /// row heights for wrapped text (Excel does not grow a row for wrapped text it did not lay out).
    struct PrintLayout {
        let columns: Int
        let widths: [Double]
        /// The first row is a title: one text in a table of several columns.
        let hasTitle: Bool
        /// Some column was made wider than asked so a header word fits.
        let widened: Bool

        init(_ sheet: Sheet) {
            columns = max(sheet.rows.map(\.count).max() ?? 1, sheet.columnWidths.count, 1)
            var widths = (0..<columns).map { $0 < sheet.columnWidths.count ? sheet.columnWidths[$0] : 10 }
            let first = sheet.rows.first ?? []
            hasTitle = sheet.headerRows > 1 && columns > 1 && first.filter { $0 != .empty }.count == 1 && first.first.map { if case .text = $0 { true } else { false } } == true
            // A header word is never broken («Информационно|е»): its column is at least as wide
            // as its longest word in bold, about 1.15 units a letter, plus the cell's margins.
            var widened = false
            for row in sheet.rows.prefix(sheet.headerRows).dropFirst(hasTitle ? 1 : 0) {
                for (c, cell) in row.enumerated() where c < widths.count {
                    guard case .text(let text) = cell else { continue }
                    let longest = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(\.count).max() ?? 0
                    let needed = (Double(min(longest, 40)) * 1.15 + 2).rounded(.up)
                    if widths[c] < needed { widths[c] = needed; widened = true }
                }
            }
            self.widths = widths
            self.widened = widened
        }

        /// Points for a row whose text wraps, nil for one line (the default height).
        func height(of row: [Cell]) -> Double? {
            var lines = 1
            for (c, cell) in row.enumerated() {
                guard case .text(let text) = cell else { continue }
                // A merged title spans every column; other cells their own width. About 1.2
                // characters per unit of width in an 11-point font, a little less for safety.
                let width = hasTitle && c == 0 && row.count == 1 ? widths.reduce(0, +) : widths[min(c, widths.count - 1)]
                let perLine = max(4, Int(width * 1.05))
                let cellLines = text.split(separator: "\n", omittingEmptySubsequences: false)
                    .reduce(0) { $0 + max(1, ($1.count + perLine - 1) / perLine) }
                lines = max(lines, min(cellLines, 60))
            }
            return lines > 1 ? Double(lines) * 14.5 + 3 : nil
        }
    }

    /// Style 1: bold header with borders and wrapping; style 2: body with borders and wrapping;
    /// style 3: the title, bold without borders.
    static let styles = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Times New Roman"/></font><font><b/><sz val="11"/><name val="Times New Roman"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment wrapText="1" vertical="center" horizontal="center"/></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment wrapText="1" vertical="top" horizontal="left"/></xf></cellXfs></styleSheet>"#
}
