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
        let phrases: [(String, String)] = [
            ("средняя общеобразовательная школа", "сош"),
            ("основная общеобразовательная школа", "оош"),
            ("общеобразовательная организация", "оо"),
            ("образовательный комплекс", "ок"),
            ("центр образования", "цо"),
            ("средняя школа", "сош"),
            ("основная школа", "оош"),
        ]
        for (long, short) in phrases { s = s.replacingOccurrences(of: long, with: " \(short) ") }
        // «г. Юрги», «города Юрги», «г Юрги» say where, not which.
        s = s.replacingOccurrences(of: #"\b(г\.|г|города|город)\s+[а-я-]+"#, with: " ", options: .regularExpression)
        s = s.replacingOccurrences(of: ".", with: " ")
        // Split digits from letters: «сош№5», «№5».
        s = s.replacingOccurrences(of: #"(\d+)"#, with: " $1 ", options: .regularExpression)
        let tokens = s.split(whereSeparator: { $0.isWhitespace }).map(String.init)

        let legalForms: Set<String> = ["мбоу", "маоу", "мкоу", "моу", "мбу", "мау", "гбоу", "гоу", "чоу", "ноу", "оу", "мобу", "мбнои", "маоо"]
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
