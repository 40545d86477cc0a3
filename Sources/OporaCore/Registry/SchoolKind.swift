/// The type of a general-education organisation, as written in its name.
public enum SchoolKind: String, Codable, CaseIterable, Sendable {
    case sosh, oosh, lyceum, gymnasium, educationCentre, educationComplex

    /// The abbreviation officials write in names and tables.
    public var abbreviation: String {
        switch self {
        case .sosh: "СОШ"
        case .oosh: "ООШ"
        case .lyceum: "лицей"
        case .gymnasium: "гимназия"
        case .educationCentre: "ЦО"
        case .educationComplex: "ОК"
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
        }
    }
}
