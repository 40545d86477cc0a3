/// The type of a general-education organisation, as written in its name.
public enum SchoolKind: String, Codable, CaseIterable, Sendable {
    case sosh, oosh, lyceum, gymnasium, educationCentre, educationComplex
    /// Начальная школа, школа-интернат and any other general-education organisation a regional
    /// registry lists (вечерняя, кадетская …): a real region has them all.
    case primary, boarding, other

    /// The abbreviation officials write in names and tables.
    public var abbreviation: String {
        switch self {
        case .sosh: "СОШ"
        case .oosh: "ООШ"
        case .lyceum: "лицей"
        case .gymnasium: "гимназия"
        case .educationCentre: "ЦО"
        case .educationComplex: "ОК"
        case .primary: "НОШ"
        case .boarding: "школа-интернат"
        case .other: "ОО"
        }
    }

    public var title: String {
        switch self {
        case .sosh: "Средняя общеобразовательная школа"
        case .oosh: "Основная общеобразовательная школа"
        case .lyceum: "Лицей"
        case .gymnasium: "Гимназия"
        case .educationCentre: "Центр образования"
        case .educationComplex: "Образовательный комплекс"
        case .primary: "Начальная общеобразовательная школа"
        case .boarding: "Школа-интернат"
        case .other: "Общеобразовательная организация"
        }
    }

    /// Reads a kind written in a registry cell: «СОШ», «средняя общеобразовательная школа», «лицей».
    public init?(russian text: String) {
        let t = text.lowercased().replacingOccurrences(of: "ё", with: "е").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty else { return nil }
        if let k = SchoolKind.allCases.first(where: { $0.abbreviation.lowercased() == t || $0.title.lowercased() == t || $0.rawValue.lowercased() == t }) {
            self = k
            return
        }
        if t.contains("интернат") { self = .boarding; return }
        let parsed = SchoolName(t)
        if let k = parsed.kind { self = k; return }
        if t.contains("средн") { self = .sosh; return }
        if t.contains("основн") { self = .oosh; return }
        if t.contains("начальн") { self = .primary; return }
        return nil
    }
}

/// Where a school is: city or countryside (rural schools have their own support programmes).
public enum Locality: String, Codable, CaseIterable, Sendable {
    case urban, rural
    public var title: String { self == .urban ? "городская" : "сельская" }

    public init?(russian text: String) {
        let t = text.lowercased().replacingOccurrences(of: ".", with: " ").trimmingCharacters(in: .whitespacesAndNewlines)
        switch t {
        case "город", "городская", "городской", "г", "urban", "городская местность", "городское": self = .urban
        case "село", "сельская", "сельский", "с", "rural", "сельская местность", "сельское", "деревня", "поселок", "посёлок": self = .rural
        default: return nil
        }
    }
}

/// A school's place in the registry: working, closed on a date, or merged into another school.
/// Nothing referenced is ever deleted: a closed school stays in past lists, reports and results.
public enum SchoolStatus: String, Codable, CaseIterable, Sendable {
    case active, closed, reorganised
    public var title: String {
        switch self {
        case .active: "действует"
        case .closed: "закрыта"
        case .reorganised: "реорганизована"
        }
    }
}

/// Yes/no cells as registries write them.
public enum RussianYesNo {
    public static func parse(_ text: String) -> Bool? {
        switch text.lowercased().trimmingCharacters(in: .whitespacesAndNewlines) {
        case "да", "д", "1", "+", "yes", "true", "истина", "малокомплектная", "мк", "является": true
        case "нет", "н", "0", "-", "–", "no", "false", "ложь", "не является": false
        default: nil
        }
    }
}
