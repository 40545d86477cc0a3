import OporaCore
import Vapor

/// What the API returns: plain structs, never Fluent models, so the schema is stable.
struct AuthorityDTO: Content {
    let id: Int
    let code: String
    let municipality: String
    let region: String
    let name: String
    let shortName: String
}

struct SchoolDTO: Content {
    let id: Int
    let authorityId: Int
    let kind: SchoolKind
    let legalForm: String
    let number: Int?
    let shortName: String
    let fullName: String

    init(_ s: School) throws {
        id = try s.requireID()
        authorityId = s.$authority.id
        kind = s.kind
        legalForm = s.legalForm
        number = s.number
        shortName = s.shortName
        fullName = s.fullName
    }
}

struct OrderDTO: Content {
    let number: String?
    let date: String?
    let issuer: String?
}

struct ListEntryDTO: Content {
    let id: Int
    let year: Int
    let status: ListStatus
    let schoolId: Int
    let school: String
    let basis: String?
    let order: OrderDTO?
}

struct ListDynamicsDTO: Content {
    struct Row: Content {
        let schoolId: Int
        let school: String
        let inList: [String: Bool]
        let times: Int?
        let kind: ListHistoryKind?
        let atRiskInLastYear: Bool
    }
    let authorityId: Int
    let from: Int
    let to: Int
    let windowYears: Int
    let chronicMinTimes: Int
    let rows: [Row]
    let totals: [String: Int]
    let totalTimes: Int

    init(authorityID: Int, _ d: ListDynamics) {
        authorityId = authorityID
        from = d.years.lowerBound
        to = d.years.upperBound
        windowYears = d.rule.windowYears
        chronicMinTimes = d.rule.chronicMinTimes
        rows = d.rows.map { r in
            Row(schoolId: r.schoolID, school: r.schoolName,
                inList: Dictionary(uniqueKeysWithValues: r.inList.map { (String($0.key), $0.value) }),
                times: r.times, kind: r.kind, atRiskInLastYear: r.atRiskInLastYear)
        }
        totals = Dictionary(uniqueKeysWithValues: d.years.map { (String($0), d.total(in: $0)) })
        totalTimes = d.totalTimes
    }
}
