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
    /// The school's login in ФИС ОКО («edu230001»), learnt from the first results file that names it.
    @OptionalField(key: "fis_login") var fisLogin: String?
    /// The school's code in the regional processing centre's ОГЭ/ЕГЭ protocols.
    @OptionalField(key: "exam_code") var examCode: String?
    init() {}
    init(authorityID: Int, kind: SchoolKind, legalForm: String, number: Int?, shortName: String, fullName: String, aliases: [String]) {
        self.$authority.id = authorityID
        self.kind = kind
        self.legalForm = legalForm
        self.number = number
        self.shortName = shortName
        self.fullName = fullName
        self.aliases = aliases
    }
}
