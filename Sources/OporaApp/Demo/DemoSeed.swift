import Foundation
import OporaCore

/// The shape of Resources/demo-seed.json: registry data transcribed from the five seed orders.
struct DemoSeed: Decodable {
    struct RegionSeed: Decodable { let name: String }
    struct Person: Decodable {
        let fullName: String
        let position: String
        let organization: String?
        let groups: [String]
        let groupComment: String?
    }
    struct Head: Decodable { let fullName: String; let position: String }
    struct OrganizationSeed: Decodable { let kind: String; let name: String; let shortName: String }
    struct SchoolSeed: Decodable {
        let kind: SchoolKind
        let legalForm: String
        let number: Int?
        let shortName: String
        let fullName: String
        let aliases: [String]
    }
    struct Order: Decodable { let number: String; let date: String; let issuer: String? }
    struct Entry: Decodable { let school: String; let basis: String? }
    struct ListSeed: Decodable { let year: Int; let status: ListStatus; let order: Order?; let entries: [Entry] }
    struct Curator: Decodable { let person: String; let schools: [String] }
    struct AuthoritySeed: Decodable {
        let code: String
        let region: String
        let municipality: String
        let name: String
        let shortName: String
        let head: Head?
        let organizations: [OrganizationSeed]
        let schools: [SchoolSeed]
        let lists: [ListSeed]
        let people: [Person]
        let curators: [Curator]
    }
    let regions: [RegionSeed]
    let authorities: [AuthoritySeed]

    static func load() throws -> DemoSeed {
        guard let url = Bundle.module.url(forResource: "demo-seed", withExtension: "json") else {
            throw DemoError("demo-seed.json is missing from the bundle")
        }
        return try JSONDecoder().decode(DemoSeed.self, from: Data(contentsOf: url))
    }
}

struct DemoError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
