/// Why a school is on a year's list.
public enum ListStatus: String, Codable, CaseIterable, Sendable {
    case lowResults, adverseConditions, atRisk

    public var abbreviation: String {
        switch self {
        case .lowResults: "ШНОР"
        case .adverseConditions: "ШНСУ"
        case .atRisk: "предШНОР"
        }
    }

    public var title: String {
        switch self {
        case .lowResults: "Школы с низкими образовательными результатами"
        case .adverseConditions: "Школы, функционирующие в неблагоприятных социальных условиях"
        case .atRisk: "Школы в зоне риска снижения образовательных результатов"
        }
    }

    /// Reads the words officials put in a list file's status column.
    public init?(russian text: String) {
        let t = text.lowercased().replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "-", with: "")
        switch t {
        case "шнор", "lowresults": self = .lowResults
        case "шнсу", "шссу", "adverseconditions": self = .adverseConditions
        case "предшнор", "рисковые", "группариска", "atrisk": self = .atRisk
        default: return nil
        }
    }
}
