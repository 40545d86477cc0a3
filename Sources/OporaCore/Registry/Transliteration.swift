/// Latin codes for things named in Russian: a municipality «Юргинский городской округ» gets the
/// code `yurginskiy-gorodskoy-okrug` when the registry file gives none. Codes appear in URLs,
/// logins and CLI options, where Cyrillic is awkward to type.
public enum Transliteration {
    static let table: [Character: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
        "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
        "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
        "э": "e", "ю": "yu", "я": "ya",
    ]

    public static func latin(_ text: String) -> String {
        var out = ""
        for ch in text.lowercased() {
            if let t = table[ch] { out += t } else { out.append(ch) }
        }
        return out
    }

    /// Lower-case Latin letters, digits and single hyphens, at most `maxLength` characters.
    public static func slug(_ text: String, maxLength: Int = 40) -> String {
        var out = ""
        var lastHyphen = true
        for ch in latin(text) {
            if ch.isASCII && (ch.isLetter || ch.isNumber) {
                out.append(ch)
                lastHyphen = false
            } else if !lastHyphen {
                out.append("-")
                lastHyphen = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        if out.count > maxLength {
            out = String(out.prefix(maxLength))
            while out.hasSuffix("-") { out.removeLast() }
        }
        return out
    }

    /// `base`, or `base-2`, `base-3` … whichever is not taken.
    public static func unique(_ base: String, taken: Set<String>) -> String {
        let root = base.isEmpty ? "mo" : base
        if !taken.contains(root) { return root }
        var n = 2
        while taken.contains("\(root)-\(n)") { n += 1 }
        return "\(root)-\(n)"
    }
}
