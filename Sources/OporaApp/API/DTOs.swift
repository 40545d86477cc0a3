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
    var address: String?
    var headName: String?
    var headPosition: String?
    var closedOn: String?
    var closedReason: String?

    init(_ a: Authority, region: String) throws {
        id = try a.requireID()
        code = a.code
        municipality = a.municipality
        self.region = region
        name = a.name
        shortName = a.shortName
        address = a.address
        headName = a.headName
        headPosition = a.headPosition
        closedOn = a.closedOn
        closedReason = a.closedReason
    }
}

/// A municipality to create or change (POST and PATCH); missing fields are left as they are.
typealias AuthorityInputDTO = RegistryEditing.AuthorityChanges

struct SchoolDTO: Content {
    let id: Int
    let authorityId: Int
    let kind: SchoolKind
    let legalForm: String
    let number: Int?
    let shortName: String
    let fullName: String
    let fisLogin: String?
    let examCode: String?
    let inn: String?
    let address: String?
    let locality: Locality?
    let small: Bool
    let headName: String?
    let status: SchoolStatus
    let closedOn: String?
    let closedReason: String?
    let mergedIntoId: Int?

    init(_ s: School) throws {
        id = try s.requireID()
        authorityId = s.$authority.id
        kind = s.kind
        legalForm = s.legalForm
        number = s.number
        shortName = s.shortName
        fullName = s.fullName
        fisLogin = s.fisLogin
        examCode = s.examCode
        inn = s.inn
        address = s.address
        locality = s.locality
        small = s.small
        headName = s.headName
        status = s.status
        closedOn = s.closedOn
        closedReason = s.closedReason
        mergedIntoId = s.$mergedInto.id
    }
}

/// A school to create or change (POST and PATCH). Missing fields are left as they are; an empty
/// text clears an optional one. `status` «closed» with `closedOn` and `closedReason` closes the
/// school; «reorganised» with `mergedIntoId` and `closedOn` merges it into another.
struct SchoolInputDTO: Content {
    var shortName: String?
    var fullName: String?
    var kind: SchoolKind?
    var legalForm: String?
    var number: Int?
    var fisLogin: String?
    var examCode: String?
    var inn: String?
    var address: String?
    var locality: Locality?
    var small: Bool?
    var headName: String?
    var status: SchoolStatus?
    var closedOn: String?
    var closedReason: String?
    var mergedIntoId: Int?

    var changes: RegistryEditing.SchoolChanges {
        var c = RegistryEditing.SchoolChanges()
        c.shortName = shortName
        c.fullName = fullName
        c.kind = kind
        c.legalForm = legalForm
        if let number { c.number = .some(number) }
        c.fisLogin = fisLogin
        c.examCode = examCode
        c.inn = inn
        c.address = address
        if let locality { c.locality = .some(locality) }
        c.small = small
        c.headName = headName
        return c
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
