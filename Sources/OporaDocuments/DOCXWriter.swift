import Foundation

/// A Word document to write: paragraphs, tables and section breaks, enough for the orders and
/// reports officials produce (Times New Roman 14, justified text, bordered tables, annexes in
/// landscape).
public struct WordDocument: Sendable {
    public enum Alignment: String, Sendable { case left, center, right, both }

    public struct Run: Sendable {
        public var text: String
        public var bold = false
        public var italic = false
        /// Size in points.
        public var size: Double?
        public init(_ text: String, bold: Bool = false, italic: Bool = false, size: Double? = nil) {
            self.text = text
            self.bold = bold
            self.italic = italic
            self.size = size
        }
    }

    public struct Paragraph: Sendable {
        public var runs: [Run]
        public var alignment: Alignment
        /// First-line indent in centimetres (official text uses 1.25).
        public var firstLineIndent: Double
        public var spacingAfter: Double
        /// A right-aligned tab stop at the text's right edge, for «Начальник … <tab> И.О. Фамилия».
        public var rightTab: Bool
        public init(_ runs: [Run], alignment: Alignment = .both, firstLineIndent: Double = 0, spacingAfter: Double = 0, rightTab: Bool = false) {
            self.runs = runs
            self.alignment = alignment
            self.firstLineIndent = firstLineIndent
            self.spacingAfter = spacingAfter
            self.rightTab = rightTab
        }
        public init(_ text: String, bold: Bool = false, alignment: Alignment = .both, firstLineIndent: Double = 0, spacingAfter: Double = 0, size: Double? = nil) {
            self.init([Run(text, bold: bold, size: size)], alignment: alignment, firstLineIndent: firstLineIndent, spacingAfter: spacingAfter)
        }
    }

    public struct Cell: Sendable {
        public var paragraphs: [Paragraph]
        /// Columns this cell spans (section rows span the whole table).
        public var span: Int
        public var shaded: Bool
        public init(_ paragraphs: [Paragraph], span: Int = 1, shaded: Bool = false) {
            self.paragraphs = paragraphs
            self.span = span
            self.shaded = shaded
        }
        public init(_ text: String, bold: Bool = false, span: Int = 1, alignment: Alignment = .left, size: Double = 12, shaded: Bool = false) {
            let lines = text.components(separatedBy: "\n")
            self.init(lines.map { Paragraph([Run($0, bold: bold, size: size)], alignment: alignment) }, span: span, shaded: shaded)
        }
    }

    public struct Table: Sendable {
        /// Column widths in centimetres.
        public var widths: [Double]
        public var rows: [[Cell]]
        /// Rows repeated at the top of each page.
        public var headerRows: Int
        public init(widths: [Double], rows: [[Cell]], headerRows: Int = 1) {
            self.widths = widths
            self.rows = rows
            self.headerRows = headerRows
        }

        /// The table with its columns narrowed in proportion when they add up to more than
        /// `width` centimetres.
        public func fitted(to width: Double) -> Table {
            let total = widths.reduce(0, +)
            // A tenth of a millimetre over is rounding (16.5 cm against 9354 twips), not overflow.
            guard total > width + 0.01, total > 0 else { return self }
            var t = self
            t.widths = widths.map { $0 * width / total }
            return t
        }
    }

    public enum Block: Sendable {
        case paragraph(Paragraph)
        case table(Table)
        /// Ends the current section; `landscape` is the orientation of the section that ends.
        case sectionBreak(landscape: Bool)
        case pageBreak
    }

    public var blocks: [Block]
    /// Orientation of the last section.
    public var landscape: Bool

    public init(blocks: [Block], landscape: Bool = false) {
        self.blocks = blocks
        self.landscape = landscape
    }

    public func docx() throws -> Data {
        var body = ""
        // Each table fits its section's text width: a table wider than the page runs off the
        // paper in Word and LibreOffice alike (the section a table is in ends at the next break).
        var sectionLandscape: [Bool] = []
        var trailing = landscape
        for block in blocks.reversed() {
            if case .sectionBreak(let l) = block { trailing = l }
            sectionLandscape.append(trailing)
        }
        sectionLandscape.reverse()
        for (i, block) in blocks.enumerated() {
            switch block {
            case .paragraph(let p): body += Self.xml(p)
            case .table(let t): body += Self.xml(t.fitted(to: Self.textWidth(landscape: sectionLandscape[i])))
            case .pageBreak: body += #"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#
            case .sectionBreak(let landscape): body += "<w:p><w:pPr>\(Self.sectPr(landscape: landscape))</w:pPr></w:p>"
            }
        }
        let document = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>"#
            + body + Self.sectPr(landscape: landscape) + "</w:body></w:document>"
        return try Zip.build([
            ("[Content_Types].xml", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"#),
            ("_rels/.rels", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#),
            ("word/_rels/document.xml.rels", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#),
            ("word/styles.xml", Self.styles),
            ("word/document.xml", document),
        ].map { (path: $0.0, content: $0.1) })
    }

    static func twips(_ cm: Double) -> Int { Int((cm * 567).rounded()) }

    /// A4 in twips, and the official margins: left 3 cm, right 1.5 cm, top and bottom 2 cm.
    /// The page setup, the text width tables fit and the signature's tab stop all come from these.
    static let a4 = (short: 11906, long: 16838)
    static let margins = (left: 1701, right: 851, top: 1134, bottom: 1134)

    static func textTwips(landscape: Bool) -> Int { (landscape ? a4.long : a4.short) - margins.left - margins.right }

    /// The text width in centimetres of an A4 page with the official margins (`sectPr`).
    public static func textWidth(landscape: Bool) -> Double { Double(textTwips(landscape: landscape)) / 567 }

    static func sectPr(landscape: Bool) -> String {
        let (w, h) = landscape ? (a4.long, a4.short) : (a4.short, a4.long)
        let orient = landscape ? #" w:orient="landscape""# : ""
        return #"<w:sectPr><w:pgSz w:w="\#(w)" w:h="\#(h)"\#(orient)/><w:pgMar w:top="\#(margins.top)" w:right="\#(margins.right)" w:bottom="\#(margins.bottom)" w:left="\#(margins.left)" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>"#
    }

    static func xml(_ p: Paragraph) -> String {
        var ppr = #"<w:jc w:val="\#(p.alignment.rawValue)"/>"#
        if p.firstLineIndent > 0 { ppr += #"<w:ind w:firstLine="\#(twips(p.firstLineIndent))"/>"# }
        ppr = #"<w:spacing w:after="\#(Int(p.spacingAfter * 20))" w:line="240" w:lineRule="auto"/>"# + ppr
        if p.rightTab { ppr = #"<w:tabs><w:tab w:val="right" w:pos="\#(textTwips(landscape: false))"/></w:tabs>"# + ppr }
        var out = "<w:p><w:pPr>\(ppr)</w:pPr>"
        for run in p.runs {
            var rpr = ""
            if run.bold { rpr += "<w:b/>" }
            if run.italic { rpr += "<w:i/>" }
            if let size = run.size { rpr += #"<w:sz w:val="\#(Int(size * 2))"/><w:szCs w:val="\#(Int(size * 2))"/>"# }
            // Tabs and line breaks inside a run become Word's own elements.
            let parts = run.text.components(separatedBy: "\n").map { line in
                line.components(separatedBy: "\t").map { #"<w:t xml:space="preserve">\#(XML.escape($0))</w:t>"# }.joined(separator: "<w:tab/>")
            }.joined(separator: "<w:br/>")
            out += "<w:r><w:rPr>\(rpr)</w:rPr>\(parts)</w:r>"
        }
        return out + "</w:p>"
    }

    static func xml(_ t: Table) -> String {
        let grid = t.widths.map { #"<w:gridCol w:w="\#(twips($0))"/>"# }.joined()
        let border = #"w:val="single" w:sz="4" w:space="0" w:color="000000""#
        var out = #"<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders><w:top \#(border)/><w:left \#(border)/><w:bottom \#(border)/><w:right \#(border)/><w:insideH \#(border)/><w:insideV \#(border)/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>\#(grid)</w:tblGrid>"#
        for (r, row) in t.rows.enumerated() {
            out += "<w:tr>"
            // Header rows repeat on every page and stay whole; body rows may break across pages,
            // or a tall row moves whole to the next page and leaves the previous one half empty.
            if r < t.headerRows { out += "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>" }
            var col = 0
            for cell in row {
                let width = t.widths[min(col, t.widths.count - 1)..<min(col + cell.span, t.widths.count)].reduce(0, +)
                var tcpr = #"<w:tcW w:w="\#(twips(width))" w:type="dxa"/>"#
                if cell.span > 1 { tcpr += #"<w:gridSpan w:val="\#(cell.span)"/>"# }
                if cell.shaded { tcpr += #"<w:shd w:val="clear" w:color="auto" w:fill="E8EEF5"/>"# }
                out += "<w:tc><w:tcPr>\(tcpr)</w:tcPr>"
                out += cell.paragraphs.isEmpty ? "<w:p/>" : cell.paragraphs.map(xml).joined()
                out += "</w:tc>"
                col += cell.span
            }
            out += "</w:tr>"
        }
        return out + "</w:tbl>"
    }

    static let styles = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="ru-RU"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>"#
}
