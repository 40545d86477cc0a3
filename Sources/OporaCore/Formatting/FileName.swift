import Foundation

/// Names of downloaded documents as an official reads them in a Downloads folder: Russian
/// words saying what and whose («Приказ о дорожной карте — МБОУ СОШ № 14, 2025–2026.docx»),
/// not «prikaz-dorozhnaya-karta-17.docx». Characters no file system accepts are dropped.
public enum FileName {
    /// At most this many characters before the extension: Windows paths stay short enough.
    public static let limit = 120

    public static func make(_ parts: [String], ext: String) -> String {
        let joined = parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: ", ")
        var name = String(joined.unicodeScalars.map { scalar -> Character in
            forbidden.contains(scalar) || scalar.properties.generalCategory == .control ? " " : Character(scalar)
        })
        name = name.split(separator: " ").joined(separator: " ")
        if name.count > limit {
            let head = name.prefix(limit)
            name = String(head.lastIndex(of: " ").map { head[..<$0] } ?? head).trimmingCharacters(in: trailing)
        }
        // A name of dots only («..») would be a path, not a file.
        if name.allSatisfy({ $0 == "." || $0 == " " }) { name = "Документ" }
        return name + "." + ext
    }
}

/// Built once: ICU character sets are slow to make on Linux.
private let forbidden = CharacterSet(charactersIn: "/\\:*?\"<>|")
private let trailing = CharacterSet(charactersIn: " ,.;:–—-")
