import Foundation

/// CSV as Russian offices produce it: `;` or `,` or tab separated, quoted cells with line
/// breaks, UTF-8 or Windows-1251.
public enum CSV {
    public struct Parsed: Sendable {
        public let rows: [[String]]
        public let encoding: TextEncoding
        public let separator: Character
    }

    public static func read(_ data: Data) -> Parsed {
        let (text, encoding) = TextEncoding.decode(data)
        let separator = detectSeparator(text)
        return Parsed(rows: parse(text, separator: separator), encoding: encoding, separator: separator)
    }

    /// The separator that occurs most often outside quotes in the first line; `;` wins ties,
    /// because with a decimal comma `;` is what Russian Excel writes.
    public static func detectSeparator(_ text: String) -> Character {
        var counts: [Character: Int] = [";": 0, ",": 0, "\t": 0]
        var quoted = false
        for ch in text {
            if ch == "\"" { quoted.toggle(); continue }
            if !quoted && (ch == "\n" || ch == "\r") { break }
            if !quoted, counts[ch] != nil { counts[ch, default: 0] += 1 }
        }
        let best = [";", "\t", ","].max { counts[$0]! < counts[$1]! } ?? ";"
        return counts[best] == 0 ? ";" : best
    }

    public static func parse(_ text: String, separator: Character) -> [[String]] {
        var rows: [[String]] = []
        var copy = text
        copy.withUTF8 { bytes in
            forEachRow(bytes, separator: separator.asciiValue ?? UInt8(ascii: ";")) { cells, _ in rows.append(cells) }
        }
        // Trailing empty lines are not rows.
        while let last = rows.last, last.allSatisfy({ $0.isEmpty }) { rows.removeLast() }
        return rows
    }

    /// Streams the rows of UTF-8 text without building the whole grid: a region's results
    /// file has a million rows, and a grid of `Character`s would take gigabytes. Works on bytes
    /// because the separator, quote and line breaks are ASCII and never occur inside a UTF-8
    /// sequence. `line` is the 1-based line where the row starts.
    /// `skip[c] == true` leaves column `c` empty without decoding it: the stream reads past the
    /// columns nobody needs (a municipality's name on every one of a million rows).
    public static func forEachRow(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8, firstLine: Int = 1, skip: [Bool] = [],
                                  _ body: ([String], Int) throws -> Void, stop: (Int) -> Bool = { _ in false }) rethrows {
        try forEachRow(bytes, separator: separator, firstLine: firstLine, skip: skip, { cells, line, _ in try body(cells, line) }, stop: stop)
    }

    /// The same, and a skipped column can still be read for the rows that need it: `value(c)`
    /// decodes column `c` of the current row from its bytes (a school's name is needed once per
    /// school, not on each of its thousand rows).
    public static func forEachRow(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8, firstLine: Int = 1, skip: [Bool] = [],
                                  _ body: ([String], Int, (Int) -> String) throws -> Void, stop: (Int) -> Bool = { _ in false }) rethrows {
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var i = 0
        let n = bytes.count
        var line = firstLine
        var row: [String] = []
        var cell: [UInt8] = []
        var skippedRanges: [Range<Int>?] = Array(repeating: nil, count: skip.count)
        var count = 0
        while i < n && !stop(count) {
            let rowLine = line
            row.removeAll(keepingCapacity: true)
            for k in skippedRanges.indices { skippedRanges[k] = nil }
            var endOfRow = false
            while !endOfRow {
                // One cell.
                if i < n && bytes[i] == quote {
                    cell.removeAll(keepingCapacity: true)
                    i += 1
                    while i < n {
                        let b = bytes[i]
                        if b == quote {
                            if i + 1 < n && bytes[i + 1] == quote { cell.append(quote); i += 2; continue }
                            i += 1
                            break
                        }
                        if b == lf { line += 1 }
                        cell.append(b)
                        i += 1
                    }
                    // Text after the closing quote belongs to the cell, as spreadsheets read it.
                    let rest = i
                    while i < n && bytes[i] != separator && bytes[i] != lf && bytes[i] != cr { i += 1 }
                    cell.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[rest..<i]))
                    row.append(String(decoding: cell, as: UTF8.self))
                } else {
                    let start = i
                    while i < n && bytes[i] != separator && bytes[i] != lf && bytes[i] != cr { i += 1 }
                    let c = row.count
                    let skipped = c < skip.count && skip[c]
                    if skipped { skippedRanges[c] = start..<i }
                    row.append(start == i || skipped ? "" : String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                }
                if i >= n { endOfRow = true }
                else if bytes[i] == separator { i += 1 }
                else {
                    if bytes[i] == cr && i + 1 < n && bytes[i + 1] == lf { i += 1 }
                    i += 1
                    line += 1
                    endOfRow = true
                }
            }
            try body(row, rowLine) { c in
                guard c < row.count else { return "" }
                guard c < skippedRanges.count, let r = skippedRanges[c] else { return row[c] }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[r]), as: UTF8.self)
            }
            count += 1
        }
    }

    /// Writes rows with `;` (what Russian Excel opens by double click), UTF-8 with a BOM so Excel
    /// detects the encoding, or Windows-1251 for older tools.
    public static func write(_ rows: [[String]], encoding: TextEncoding = .utf8, separator: Character = ";") -> Data {
        let text = rows.map { row in
            row.map { cell in
                let needsQuotes = cell.contains(separator) || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")
                return needsQuotes ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
            }.joined(separator: String(separator))
        }.joined(separator: "\r\n") + "\r\n"
        switch encoding {
        case .utf8: return Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
        case .windows1251: return TextEncoding.encodeWindows1251(text)
        }
    }

    /// «3,5» and «3.5» and « 3 » are numbers; officials type a decimal comma.
    public static func number(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces)
            .replacingOccurrences(of: "\u{00A0}", with: "")
            .replacingOccurrences(of: " ", with: "")
            .replacingOccurrences(of: ",", with: ".")
        return t.isEmpty ? nil : Double(t)
    }
}
