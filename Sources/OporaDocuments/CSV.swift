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
        var row: [String] = []
        var cell = ""
        var quoted = false
        var chars = Array(text)
        if chars.last != "\n" { chars.append("\n") }
        var i = 0
        while i < chars.count {
            let ch = chars[i]
            if quoted {
                if ch == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" { cell.append("\""); i += 1 } else { quoted = false }
                } else {
                    cell.append(ch)
                }
            } else if ch == "\"" && cell.isEmpty {
                quoted = true
            } else if ch == separator {
                row.append(cell); cell = ""
            } else if ch == "\r\n" || ch == "\n" || ch == "\r" {
                row.append(cell); cell = ""
                rows.append(row); row = []
            } else {
                cell.append(ch)
            }
            i += 1
        }
        // Trailing empty lines are not rows.
        while let last = rows.last, last.allSatisfy({ $0.isEmpty }) { rows.removeLast() }
        return rows
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
