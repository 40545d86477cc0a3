import Fluent
import Foundation
import OporaCore
import Vapor

struct DemoAccount: Sendable {
    let login: String
    let role: Role
    let who: String
}

/// Builds the demo database from the seed orders: registry, lists with their years, people,
/// groups, a curator with schools and demo accounts for every role.
enum DemoData {
    static let password = "opora-demo"

    /// Accounts for each role; who they are is taken from the seed orders where the orders name them.
    static let accounts: [DemoAccount] = [
        DemoAccount(login: "observer", role: .regionalObserver, who: "региональный наблюдатель (все муниципалитеты, только чтение)"),
        DemoAccount(login: "region", role: .regionalAdmin, who: "региональный администратор (реестр, учётные записи, факторы риска, шкалы)"),
        DemoAccount(login: "operator", role: .assessmentOperator, who: "оператор оценочных процедур (файлы результатов региона, сопоставления, шкалы)"),
        DemoAccount(login: "sochi", role: .coordinator, who: "координатор, г. Сочи"),
        DemoAccount(login: "puchezh", role: .coordinator, who: "координатор, Пучежский район"),
        DemoAccount(login: "novosibirsk", role: .coordinator, who: "координатор, г. Новосибирск"),
        DemoAccount(login: "yurga", role: .coordinator, who: "координатор, г. Юрга"),
        DemoAccount(login: "slavyansk", role: .coordinator, who: "координатор, Славянский район"),
        DemoAccount(login: "yurga.methodist", role: .methodologist, who: "методист ИМЦ г. Юрги"),
        DemoAccount(login: "yurga.curator", role: .curator, who: "куратор МБОУ СОШ № 1 и МБОУ СОШ № 14 (г. Юрга)"),
        DemoAccount(login: "yurga.school14", role: .schoolHead, who: "руководитель МБОУ СОШ № 14 (г. Юрга)"),
    ]

    static func accountsTable() -> String {
        var lines = ["", "Демонстрационные учётные записи (пароль у всех: \(password)):"]
        for a in accounts { lines.append("  \(a.login.padding(toLength: 16, withPad: " ", startingAt: 0)) \(a.who)") }
        lines.append("")
        return lines.joined(separator: "\n")
    }

    static func loadIfEmpty(on db: any Database, hasher: AsyncPasswordHasher) async throws {
        guard try await Authority.query(on: db).count() == 0 else { return }
        try await load(on: db, hasher: hasher)
    }

    static func load(on db: any Database, hasher: AsyncPasswordHasher) async throws {
        let seed = try DemoSeed.load()
        let passwordHash = try await hasher.hash(password)
        try await db.transaction { tx in
            var regionIDs: [String: Int] = [:]
            for r in seed.regions {
                let region = Region(name: r.name)
                try await region.create(on: tx)
                regionIDs[r.name] = try region.requireID()
            }
            let observer = User(login: "observer", passwordHash: passwordHash, fullName: "Региональный наблюдатель", position: "Специалист регионального органа управления образованием",
                                organization: nil, role: .regionalObserver, authorityID: nil, schoolID: nil)
            try await observer.create(on: tx)
            try await User(login: "region", passwordHash: passwordHash, fullName: "Региональный администратор", position: "Специалист регионального органа управления образованием",
                           organization: nil, role: .regionalAdmin, authorityID: nil, schoolID: nil).create(on: tx)
            try await User(login: "operator", passwordHash: passwordHash, fullName: "Оператор оценочных процедур", position: "Специалист регионального центра обработки информации",
                           organization: nil, role: .assessmentOperator, authorityID: nil, schoolID: nil).create(on: tx)
            for a in seed.authorities {
                try await loadAuthority(a, regionID: regionIDs[a.region], passwordHash: passwordHash, on: tx)
            }
            try await DemoRoadmaps.load(on: tx)
            try await DemoRisks.load(on: tx)
            try await DemoResults.load(on: tx)
            try await DemoSupport.load(on: tx)
            try await Audit.record(on: tx, user: nil, authorityID: nil, action: "Загружены демонстрационные данные", entity: "База данных", entityID: nil,
                                   after: "\(seed.authorities.count) муниципалитетов из пяти приказов-образцов")
        }
    }

    private static func loadAuthority(_ a: DemoSeed.AuthoritySeed, regionID: Int?, passwordHash: String, on db: any Database) async throws {
        guard let regionID else { throw DemoError("unknown region \(a.region)") }
        let authority = Authority(code: a.code, regionID: regionID, municipality: a.municipality, name: a.name, shortName: a.shortName)
        authority.headName = a.head?.fullName
        authority.headPosition = a.head?.position
        try await authority.create(on: db)
        let aid = try authority.requireID()
        for o in a.organizations {
            try await Organization(authorityID: aid, kind: OrganizationKind(rawValue: o.kind) ?? .other, name: o.name, shortName: o.shortName).create(on: db)
        }
        var schoolIDs: [String: Int] = [:]
        for s in a.schools {
            let school = School(authorityID: aid, kind: s.kind, legalForm: s.legalForm, number: s.number, shortName: s.shortName, fullName: s.fullName, aliases: s.aliases)
            try await school.create(on: db)
            schoolIDs[s.shortName] = try school.requireID()
        }
        for l in a.lists {
            let list = SchoolList(authorityID: aid, year: l.year, status: l.status)
            list.orderNumber = l.order?.number
            list.orderDate = l.order?.date
            list.orderIssuer = l.order?.issuer
            try await list.create(on: db)
            for e in l.entries {
                guard let sid = schoolIDs[e.school] else { throw DemoError("unknown school \(e.school) in \(a.code) \(l.year)") }
                try await ListEntry(listID: try list.requireID(), schoolID: sid, basis: e.basis).create(on: db)
            }
        }
        // People named in the order: registry persons whose accounts are not yet activated.
        var groups: [GroupKind: StandingGroup] = [:]
        let groupOrder = a.lists.compactMap(\.order).last
        for (n, p) in a.people.enumerated() {
            for g in p.groups.compactMap(GroupKind.init(rawValue:)) {
                if groups[g] == nil {
                    let group = StandingGroup(authorityID: aid, kind: g, orderNumber: groupOrder?.number, orderDate: groupOrder?.date)
                    try await group.create(on: db)
                    groups[g] = group
                }
                if let group = groups[g] {
                    let count = try await GroupMember.query(on: db).filter(\.$group.$id == group.requireID()).count()
                    try await GroupMember(groupID: try group.requireID(), order: count + 1, fullName: p.fullName, position: p.position, comment: p.groupComment).create(on: db)
                }
            }
            let person = User(login: "\(a.code).person\(n + 1)", passwordHash: "!", fullName: p.fullName, position: p.position, organization: p.organization,
                              role: a.curators.contains { $0.person == p.fullName } ? .curator : .methodologist, authorityID: aid, schoolID: nil)
            person.active = false
            try await person.create(on: db)
        }
        try await demoAccounts(a, authorityID: aid, schoolIDs: schoolIDs, passwordHash: passwordHash, on: db)
    }

    private static func demoAccounts(_ a: DemoSeed.AuthoritySeed, authorityID aid: Int, schoolIDs: [String: Int], passwordHash: String, on db: any Database) async throws {
        // The coordinator: the official the order names after its signatory, as in 003 (head of general education).
        let official = a.code == "yurga" ? a.people.first { $0.fullName.hasPrefix("Михайлова") } : (a.people.dropFirst().first ?? a.people.first)
        try await User(login: a.code, passwordHash: passwordHash, fullName: official?.fullName ?? "Муниципальный координатор",
                       position: official?.position ?? "Муниципальный координатор", organization: a.shortName,
                       role: .coordinator, authorityID: aid, schoolID: nil).create(on: db)
        guard a.code == "yurga" else { return }
        let methodist = a.people.first { $0.fullName.hasPrefix("Бобрышева") }
        try await User(login: "yurga.methodist", passwordHash: passwordHash, fullName: methodist?.fullName ?? "Методист", position: methodist?.position ?? "Методист",
                       organization: methodist?.organization, role: .methodologist, authorityID: aid, schoolID: nil).create(on: db)
        let curatorPerson = a.people.first { $0.fullName.hasPrefix("Чупина") }
        let curator = User(login: "yurga.curator", passwordHash: passwordHash, fullName: curatorPerson?.fullName ?? "Куратор", position: curatorPerson?.position ?? "Куратор",
                           organization: curatorPerson?.organization, role: .curator, authorityID: aid, schoolID: nil)
        try await curator.create(on: db)
        for name in ["МБОУ СОШ № 1", "МБОУ СОШ № 14"] {
            guard let sid = schoolIDs[name] else { throw DemoError("demo school \(name) missing") }
            try await CuratorAssignment(userID: try curator.requireID(), schoolID: sid, orderNumber: "882", orderDate: "2024-12-23").create(on: db)
        }
        guard let school14 = schoolIDs["МБОУ СОШ № 14"] else { throw DemoError("demo school МБОУ СОШ № 14 missing") }
        try await User(login: "yurga.school14", passwordHash: passwordHash, fullName: "Директор МБОУ СОШ № 14", position: "Директор",
                       organization: "МБОУ СОШ № 14", role: .schoolHead, authorityID: aid, schoolID: school14).create(on: db)
    }
}
