import Fluent
import Foundation
import OporaCore

final class Region: Model, @unchecked Sendable {
    static let schema = "regions"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "name") var name: String
    @Children(for: \.$region) var authorities: [Authority]
    init() {}
    init(name: String) { self.name = name }
}

/// A municipal education authority (УО) and its settings.
final class Authority: Model, @unchecked Sendable {
    static let schema = "authorities"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "code") var code: String
    @Parent(key: "region_id") var region: Region
    @Field(key: "municipality") var municipality: String
    @Field(key: "name") var name: String
    @Field(key: "short_name") var shortName: String
    @OptionalField(key: "head_name") var headName: String?
    @OptionalField(key: "head_position") var headPosition: String?
    /// The list-history rule (see `ListHistoryRule`), per authority.
    @Field(key: "chronic_window_years") var chronicWindowYears: Int
    @Field(key: "chronic_min_times") var chronicMinTimes: Int
    @OptionalField(key: "address") var address: String?
    /// ISO yyyy-MM-dd: a municipality merged or abolished stays with its history, closed.
    @OptionalField(key: "closed_on") var closedOn: String?
    @OptionalField(key: "closed_reason") var closedReason: String?
    init() {}
    init(code: String, regionID: Int, municipality: String, name: String, shortName: String) {
        self.code = code
        self.$region.id = regionID
        self.municipality = municipality
        self.name = name
        self.shortName = shortName
        self.chronicWindowYears = ListHistoryRule.default.windowYears
        self.chronicMinTimes = ListHistoryRule.default.chronicMinTimes
    }
    var rule: ListHistoryRule { ListHistoryRule(windowYears: chronicWindowYears, chronicMinTimes: chronicMinTimes) }
}

enum OrganizationKind: String, Codable, CaseIterable, Sendable {
    case methodCentre, other
    var title: String { self == .methodCentre ? "Методический центр" : "Организация" }
}

/// A methodological centre (ИМЦ, ЦОКО, НИСО …) or another body of a municipality.
final class Organization: Model, @unchecked Sendable {
    static let schema = "organizations"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "authority_id") var authority: Authority
    @Enum(key: "kind") var kind: OrganizationKind
    @Field(key: "name") var name: String
    @Field(key: "short_name") var shortName: String
    @OptionalField(key: "address") var address: String?
    @OptionalField(key: "closed_on") var closedOn: String?
    init() {}
    init(authorityID: Int, kind: OrganizationKind, name: String, shortName: String) {
        self.$authority.id = authorityID
        self.kind = kind
        self.name = name
        self.shortName = shortName
    }
}

final class School: Model, @unchecked Sendable {
    static let schema = "schools"
    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "authority_id") var authority: Authority
    @Enum(key: "kind") var kind: SchoolKind
    @Field(key: "legal_form") var legalForm: String
    @OptionalField(key: "number") var number: Int?
    @Field(key: "short_name") var shortName: String
    @Field(key: "full_name") var fullName: String
    /// Other spellings met in orders, used by the forgiving name matcher.
    @Field(key: "aliases") var aliases: [String]
    /// The school's login in ФИС ОКО («edu230001»), set by the region's registry (or learnt from
    /// the first results file that names it). Unique in the database.
    @OptionalField(key: "fis_login") var fisLogin: String?
    /// The school's code in the regional processing centre's ОГЭ/ЕГЭ protocols. Unique.
    @OptionalField(key: "exam_code") var examCode: String?
    @OptionalField(key: "inn") var inn: String?
    @OptionalField(key: "address") var address: String?
    @OptionalField(key: "locality") var locality: Locality?
    @Field(key: "small") var small: Bool
    /// The head's name as the registry gives it; used for the head's account.
    @OptionalField(key: "head_name") var headName: String?
    @Field(key: "status") var status: SchoolStatus
    /// ISO yyyy-MM-dd of closure or reorganisation.
    @OptionalField(key: "closed_on") var closedOn: String?
    @OptionalField(key: "closed_reason") var closedReason: String?
    /// The school this one was merged into: its history, lists and results count for that school.
    @OptionalParent(key: "merged_into_id") var mergedInto: School?
    init() {}
    init(authorityID: Int, kind: SchoolKind, legalForm: String, number: Int?, shortName: String, fullName: String, aliases: [String]) {
        self.$authority.id = authorityID
        self.kind = kind
        self.legalForm = legalForm
        self.number = number
        self.shortName = shortName
        self.fullName = fullName
        self.aliases = aliases
        self.small = false
        self.status = .active
    }

    var isActive: Bool { status == .active }

    /// The registry's view of the school, for the import rules and forms.
    var record: SchoolRecord {
        SchoolRecord(shortName: shortName, fullName: fullName, kind: kind, legalForm: legalForm, number: number, fisLogin: fisLogin, examCode: examCode,
                     inn: inn, address: address, locality: locality, small: small, headName: headName, aliases: aliases)
    }

    /// Takes every attribute of a record.
    func apply(_ r: SchoolRecord) {
        shortName = r.shortName
        fullName = r.fullName
        kind = r.kind
        legalForm = r.legalForm
        number = r.number
        fisLogin = r.fisLogin
        examCode = r.examCode
        inn = r.inn
        address = r.address
        locality = r.locality
        small = r.small
        headName = r.headName
        aliases = r.aliases
    }

    /// «закрыта 01.09.2025 (присоединена к МБОУ СОШ № 2)», or nil for a working school.
    var statusText: String? { Self.statusText(status, closedOn: closedOn, reason: closedReason) }

    /// «Закрыта 31.08.2024 (реорганизация)», nil while active: the one wording for models and
    /// plain rows (`SchoolEntry`).
    static func statusText(_ status: SchoolStatus, closedOn: String?, reason: String?) -> String? {
        guard status != .active else { return nil }
        var s = status.title
        if let d = closedOn.flatMap(LocalDate.init(parsing:)) { s += " \(d.russian)" }
        if let r = reason, !r.isEmpty { s += " (\(r))" }
        return s
    }

    /// The year from which the school may no longer be listed: the year after it closed.
    var closedYear: Int? { closedOn.flatMap(LocalDate.init(parsing:))?.year }
}
