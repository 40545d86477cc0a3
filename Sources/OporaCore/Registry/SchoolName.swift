import Foundation

/// A school name taken apart the way officials write it: «МБОУ СОШ №5», «СОШ № 5»,
/// «школа 5», «МБОУ «Средняя общеобразовательная школа №6 г. Юрги»».
public struct SchoolName: Sendable, Equatable {
    /// Lower-case words with legal form, quotes and «№» removed — for exact comparison.
    public let normalized: String
    /// The kind named, nil when the name says only «школа» or «ОО».
    public let kind: SchoolKind?
    /// Every kind the name mentions: «ЦО «Лицей ИНТЕГРАЛ»» is both a centre and a lyceum by name.
    public let kinds: Set<SchoolKind>
    public let number: Int?
    /// Distinctive words left after kind, number, legal form and place are removed («интеграл»).
    public let words: [String]

    public init(_ raw: String) {
        var s = raw.lowercased()
            .replacingOccurrences(of: "ё", with: "е")
        for q in ["«", "»", "\"", "“", "”", "„", "'", "(", ")", ",", ";"] {
            s = s.replacingOccurrences(of: q, with: " ")
        }
        s = s.replacingOccurrences(of: "№", with: " № ")
        // Long forms to abbreviations, longest first.
        for (long, short) in SchoolName.legalFormPhrases { s = s.replacingOccurrences(of: long, with: " \(short.lowercased()) ") }
        let phrases: [(String, String)] = [
            ("начальная общеобразовательная школа", "нош"),
            ("средняя общеобразовательная школа", "сош"),
            ("основная общеобразовательная школа", "оош"),
            ("общеобразовательная организация", "оо"),
            ("образовательный комплекс", "ок"),
            ("центр образования", "цо"),
            ("средняя школа", "сош"),
            ("основная школа", "оош"),
            ("начальная школа", "нош"),
        ]
        for (long, short) in phrases { s = s.replacingOccurrences(of: long, with: " \(short) ") }
        // «г. Юрги», «города Юрги», «г Юрги» say where, not which.
        s = s.replacingOccurrences(of: #"\b(г\.|г|города|город)\s+[а-я-]+"#, with: " ", options: .regularExpression)
        s = s.replacingOccurrences(of: ".", with: " ")
        // Split digits from letters: «сош№5», «№5».
        s = s.replacingOccurrences(of: #"(\d+)"#, with: " $1 ", options: .regularExpression)
        let tokens = s.split(whereSeparator: { $0.isWhitespace }).map(String.init)

        let legalForms = SchoolName.legalForms
        let generic: Set<String> = ["школа", "оо", "ооо", "оу", "№", "имени", "им", "с", "и", "школы"]
        var kind: SchoolKind?
        var kinds: Set<SchoolKind> = []
        var number: Int?
        var words: [String] = []
        var kept: [String] = []
        for token in tokens {
            if legalForms.contains(token) { continue }
            if number == nil, let n = Int(token) { number = n; kept.append(token); continue }
            switch token {
            case "сош": kind = kind ?? .sosh; kinds.insert(.sosh)
            case "оош": kind = kind ?? .oosh; kinds.insert(.oosh)
            case "нош": kind = kind ?? .primary; kinds.insert(.primary)
            case "лицей": kind = kind ?? .lyceum; kinds.insert(.lyceum)
            case "гимназия": kind = kind ?? .gymnasium; kinds.insert(.gymnasium)
            case "цо": kind = kind ?? .educationCentre; kinds.insert(.educationCentre)
            case "ок": kind = kind ?? .educationComplex; kinds.insert(.educationComplex)
            default:
                if !generic.contains(token) { words.append(token) }
            }
            if token != "№" { kept.append(token) }
        }
        self.normalized = kept.joined(separator: " ")
        self.kind = kind
        self.kinds = kinds
        self.number = number
        self.words = words
    }
}

extension SchoolName {
    /// Abbreviations of legal forms that open a school's name («МБОУ», «МАОУ» …).
    static let legalForms: Set<String> = ["мбоу", "маоу", "мкоу", "моу", "мбу", "мау", "гбоу", "гкоу", "гаоу", "гоу", "чоу", "ноу", "оу", "мобу", "мбнои", "маоо", "мок", "мбоо"]

    /// The long legal forms of full names and their abbreviations, longest first.
    static let legalFormPhrases: [(String, String)] = [
        ("муниципальное бюджетное общеобразовательное учреждение", "МБОУ"),
        ("муниципальное автономное общеобразовательное учреждение", "МАОУ"),
        ("муниципальное казенное общеобразовательное учреждение", "МКОУ"),
        ("муниципальное казённое общеобразовательное учреждение", "МКОУ"),
        ("муниципальное общеобразовательное бюджетное учреждение", "МОБУ"),
        ("государственное бюджетное общеобразовательное учреждение", "ГБОУ"),
        ("государственное казенное общеобразовательное учреждение", "ГКОУ"),
        ("государственное казённое общеобразовательное учреждение", "ГКОУ"),
        ("государственное автономное общеобразовательное учреждение", "ГАОУ"),
        ("муниципальное общеобразовательное учреждение", "МОУ"),
        ("частное общеобразовательное учреждение", "ЧОУ"),
    ]

    static let kindPhrases: [(String, String)] = [
        ("средняя общеобразовательная школа", "СОШ"),
        ("основная общеобразовательная школа", "ООШ"),
        ("начальная общеобразовательная школа", "НОШ"),
        ("центр образования", "ЦО"),
        ("образовательный комплекс", "ОК"),
    ]

    /// The short name officials would write for a full name: «Муниципальное бюджетное
    /// общеобразовательное учреждение «Средняя общеобразовательная школа № 5»» → «МБОУ СОШ № 5».
    public static func abbreviated(_ full: String) -> String {
        var s = full.replacingOccurrences(of: "ё", with: "е").replacingOccurrences(of: "Ё", with: "Е")
        for (long, short) in legalFormPhrases + kindPhrases {
            while let r = s.range(of: long.replacingOccurrences(of: "ё", with: "е"), options: .caseInsensitive) {
                s.replaceSubrange(r, with: short)
            }
        }
        // Quotes out, «№5» as «№ 5», spaces collapsed — one pass, no regular expression: this runs
        // for every school of a region on every registry import.
        var out = ""
        out.reserveCapacity(s.count)
        var space = true
        for ch in s {
            if ch == "«" || ch == "»" || ch == "\"" || ch == "“" || ch == "”" || ch == "„" || ch.isWhitespace {
                if !space { out.append(" "); space = true }
            } else {
                out.append(ch)
                space = false
                if ch == "№" { out.append(" "); space = true }
            }
        }
        while out.hasSuffix(" ") { out.removeLast() }
        return out
    }

    /// The legal form abbreviation a name opens with («МБОУ»), if any.
    public static func legalForm(of name: String) -> String? {
        let abbreviated = abbreviated(name)
        guard let first = abbreviated.split(separator: " ").first else { return nil }
        let token = first.lowercased()
        return legalForms.contains(token) ? String(first).uppercased() : nil
    }
}

/// Finds the school a free-text name means, forgivingly but never by guessing.
public struct SchoolNameMatcher: Sendable {
    public struct Candidate: Sendable, Equatable {
        public let id: Int
        public let name: String
        public let parsedNames: [SchoolName]
        public init(id: Int, name: String, aliases: [String] = []) {
            self.id = id
            self.name = name
            self.parsedNames = ([name] + aliases).map(SchoolName.init)
        }
    }

    public enum Match: Sendable, Equatable {
        case found(id: Int)
        case ambiguous([String])
        case unknown(similar: [String])
    }

    public let candidates: [Candidate]
    public init(candidates: [Candidate]) { self.candidates = candidates }

    public func match(_ raw: String) -> Match {
        let query = SchoolName(raw)
        if query.normalized.isEmpty { return .unknown(similar: []) }
        let exact = candidates.filter { c in c.parsedNames.contains { $0.normalized == query.normalized } }
        if exact.count == 1 { return .found(id: exact[0].id) }
        if exact.count > 1 { return .ambiguous(exact.map(\.name)) }

        var pool = candidates
        if let number = query.number {
            pool = pool.filter { c in c.parsedNames.contains { $0.number == number } }
            let sameNumber = pool
            if let kind = query.kind {
                pool = pool.filter { c in c.parsedNames.contains { $0.kinds.contains(kind) || $0.kinds.isEmpty } }
            }
            if !query.words.isEmpty {
                let narrowed = pool.filter { c in c.parsedNames.contains { Self.covers($0.words, query.words) } }
                if !narrowed.isEmpty { pool = narrowed }
            }
            if pool.isEmpty { return .unknown(similar: sameNumber.map(\.name)) }
        } else {
            guard !query.words.isEmpty else { return .unknown(similar: []) }
            pool = pool.filter { c in
                c.parsedNames.contains { name in
                    query.kinds.isSubset(of: name.kinds) && Self.covers(name.words, query.words)
                }
            }
            if pool.isEmpty {
                let similar = candidates.filter { c in
                    c.parsedNames.contains { !Set($0.words).isDisjoint(with: query.words) }
                }
                return .unknown(similar: Array(similar.map(\.name).prefix(5)))
            }
        }
        return pool.count == 1 ? .found(id: pool[0].id) : .ambiguous(pool.map(\.name))
    }

    /// Every query word starts some word of the name: «интеграл» covers «интеграл», «академ» covers «академическая».
    public static func covers(_ nameWords: [String], _ queryWords: [String]) -> Bool {
        queryWords.allSatisfy { q in nameWords.contains { $0.hasPrefix(q) } }
    }
}
