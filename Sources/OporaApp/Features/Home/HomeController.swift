import Fluent
import SQLKit
import OporaCore
import Vapor

/// The start page: what each role needs first.
struct HomeController {
    func home(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let layout = req.layout("Главная")
        var model: HomePage
        switch user.role {
        case .regionalObserver, .regionalAdmin, .assessmentOperator:
            model = try await observer(req: req, user: user)
        case .coordinator, .methodologist:
            model = try await coordinator(req: req, user: user)
        case .curator, .schoolHead, .schoolStaff:
            model = try await schools(req: req, user: user)
        }
        // The roadmaps of the user's municipality, read once for deadlines and comments.
        let roadmaps = try await visibleRoadmaps(req: req, user: user)
        model.attention = try await attention(req: req, user: user, roadmaps: roadmaps)
        model.comments = try await newComments(req: req, user: user, roadmaps: roadmaps)
        if user.role != .coordinator { model.attentionTitle = "Мои сроки: просрочено и ближайшие две недели" }
        return .html(HomeView(model: model, layout: layout).render())
    }

    /// Every roadmap of the municipality the user works in (none for regional roles).
    private func visibleRoadmaps(req: Request, user: User) async throws -> [RoadmapHeader] {
        guard !user.role.isRegional else { return [] }
        switch try await req.scope().reach {
        case .authority(let aid):
            return try await RoadmapQueries(db: req.db).headers(authorityID: aid)
        case .schools(let ids):
            var authorityID = user.$authority.id
            if authorityID == nil, let first = ids.first { authorityID = try await School.find(first, on: req.db)?.$authority.id }
            guard let aid = authorityID else { return [] }
            return try await RoadmapQueries(db: req.db).headers(authorityID: aid)
        case .everything:
            return []
        }
    }

    /// The coordinator sees every overdue and due-soon measure of the municipality; others the
    /// measures that name them, and the school roadmaps of their schools.
    private func attention(req: Request, user: User, roadmaps: [RoadmapHeader]) async throws -> [(due: String, urgency: String, overdue: Bool, measure: String, measureID: Int, roadmap: String)] {
        guard !user.role.isRegional else { return [] }
        let scope = try await req.scope()
        var named: User? = user
        switch scope.reach {
        case .authority:
            if user.role == .coordinator { named = nil }
        case .schools(let ids):
            // A school's own roadmap concerns all its staff; municipal ones only where they are named.
            let relevant = roadmaps.filter { $0.schoolID.map(ids.contains) ?? true }
            return try await ExecutionService(db: req.db).attention(roadmaps: relevant, namedUser: user, namedOnlyIn: { $0.schoolID == nil },
                                                                    today: ExecutionService.today()).map(Self.line)
        case .everything:
            return []
        }
        return try await ExecutionService(db: req.db).attention(roadmaps: roadmaps, namedUser: named, today: ExecutionService.today()).map(Self.line)
    }

    /// Unseen comments of the other side on the school roadmaps the user reviews or writes.
    private func newComments(req: Request, user: User, roadmaps all: [RoadmapHeader]) async throws -> [(roadmapID: Int, roadmap: String, author: String, text: String)] {
        let scope = try await req.scope()
        let schoolSide = user.role == .schoolHead || user.role == .schoolStaff
        let roadmaps: [RoadmapHeader]
        switch scope.reach {
        case .authority where scope.canChange:
            roadmaps = all.filter { $0.schoolID != nil }
        case .schools(let ids) where !ids.isEmpty && (schoolSide || user.role == .curator):
            roadmaps = all.filter { $0.schoolID.map(ids.contains) ?? false }
        default:
            return []
        }
        let ids = roadmaps.map(\.id)
        guard !ids.isEmpty else { return [] }
        let titles = Dictionary(roadmaps.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        let comments = try await RoadmapComment.query(on: req.db).filter(\.$roadmap.$id ~~ ids).filter(\.$fromSchool == !schoolSide).filter(\.$seen == false).sort(\.$id).all()
        return comments.map { ($0.$roadmap.id, titles[$0.$roadmap.id] ?? "", $0.authorName, $0.text) }
    }

    static func line(_ a: ExecutionService.AttentionItem) -> (due: String, urgency: String, overdue: Bool, measure: String, measureID: Int, roadmap: String) {
        (a.due.russian, a.urgency.title, a.urgency == .overdue, "№ \(a.number) \(a.name)", a.measureID, a.roadmapTitle)
    }

    /// The region at a glance: ШНОР of each municipality's latest year, in two reads whatever
    /// the number of municipalities; for the administrator, how far the region is set up.
    private func observer(req: Request, user: User) async throws -> HomePage {
        guard let sql = req.db as? any SQLDatabase else { throw PublicError(.internalServerError, "SQL database required") }
        let authorities = try await Authority.query(on: req.db).sort(\.$municipality).all()
        var lastYear: [Int: Int] = [:]
        for row in try await sql.raw("SELECT authority_id, MAX(year) AS y FROM school_lists WHERE draft = \(bind: false) GROUP BY authority_id").all() {
            lastYear[try row.decode(column: "authority_id", as: Int.self)] = try row.decode(column: "y", as: Int.self)
        }
        var counts: [String: Int] = [:]
        for row in try await sql.raw("""
            SELECT l.authority_id, l.year, COUNT(e.id) AS n FROM school_lists l JOIN list_entries e ON e.list_id = l.id
            WHERE l.draft = \(bind: false) AND l.status = \(bind: ListStatus.lowResults.rawValue) GROUP BY l.authority_id, l.year
            """).all() {
            counts["\(try row.decode(column: "authority_id", as: Int.self))|\(try row.decode(column: "year", as: Int.self))"] = try row.decode(column: "n", as: Int.self)
        }
        var cards: [HomePage.Card] = []
        for a in authorities {
            let id = try a.requireID()
            let last = lastYear[id]
            let count = last.flatMap { counts["\(id)|\($0)"] } ?? 0
            cards.append(.init(figure: "\(count)", label: "\(a.municipality): ШНОР \(last.map(String.init) ?? "—")", url: SiteRoute.authority(id).path))
        }
        var links: [(String, String)] = [("Все муниципалитеты", SiteRoute.authorities.path), ("ШНОР региона по видам", SiteRoute.regionLists.path),
                                         ("Журнал изменений", SiteRoute.audit.path)]
        var subtitle = "Региональный наблюдатель: просмотр всех муниципалитетов без права изменений."
        if user.role == .regionalAdmin {
            subtitle = "Региональный администратор: реестр муниципалитетов и школ, учётные записи, справочники региона."
            let schools = try await School.query(on: req.db).filter(\.$status == .active).count()
            let coordinators = try await User.query(on: req.db).filter(\.$role == .coordinator).filter(\.$active == true).all()
            let heads = try await User.query(on: req.db).filter(\.$role == .schoolHead).filter(\.$active == true).count()
            let covered = Set(coordinators.compactMap { $0.$authority.id })
            let open = authorities.filter { $0.closedOn == nil }
            cards = [
                .init(figure: "\(open.count)", label: "муниципалитетов в реестре", url: SiteRoute.authorities.path),
                .init(figure: "\(schools)", label: "действующих школ", url: SiteRoute.authorities.path),
                .init(figure: "\(open.filter { $0.id.map { !covered.contains($0) } ?? false }.count)", label: "муниципалитетов без координатора", url: SiteRoute.accounts.path),
                .init(figure: "\(heads)", label: "учётных записей руководителей школ", url: SiteRoute.accounts.path),
            ] + cards
            links = [("Импорт реестра из файла", SiteRoute.registryImport.path), ("Учётные записи", SiteRoute.accounts.path)] + links
        }
        return HomePage(greeting: "Здравствуйте, \(user.fullName)", subtitle: subtitle, cards: cards, schoolsTitle: "", schools: [], links: links)
    }

    private func coordinator(req: Request, user: User) async throws -> HomePage {
        guard let authority = try await user.$authority.get(on: req.db), let id = authority.id else {
            return HomePage(greeting: "Здравствуйте, \(user.fullName)", subtitle: "Учётная запись не привязана к муниципалитету.", cards: [], schoolsTitle: "", schools: [], links: [])
        }
        let overview = try await ListQueries(db: req.db).overview(authorityID: id)
        let records = overview.records
        let year = overview.years.last ?? Calendar.current.component(.year, from: Date())
        let listed = records.filter { $0.lowResultYears.contains(year) }
        let atRisk = records.filter { $0.atRiskYears.contains(year) }
        let chronic = records.filter { authority.rule.kind(of: ListHistory(years: $0.lowResultYears), at: year) == .chronic }
        return HomePage(
            greeting: "Здравствуйте, \(user.fullName)",
            subtitle: "\(user.role.title): \(authority.shortName), \(authority.municipality).",
            cards: [
                .init(figure: "\(records.count)", label: "школ в реестре", url: SiteRoute.authority(id, .schools).path),
                .init(figure: "\(listed.count)", label: "ШНОР в \(year) году", url: SiteRoute.authority(id, .lists).path(year: year)),
                .init(figure: "\(chronic.count)", label: "хронических ШНОР", url: SiteRoute.authority(id, .dynamics).path),
                .init(figure: "\(atRisk.count)", label: "предШНОР в \(year) году", url: SiteRoute.authority(id, .lists).path(year: year)),
            ],
            schoolsTitle: "ШНОР \(year) года",
            schools: listed.sortedNaturally(by: \.schoolName).map { r in
                // The kind by the municipality's rule, as on the school's card and in the dynamics table.
                (r.schoolID, r.schoolName, authority.rule.label(of: ListHistory(years: r.lowResultYears), at: year, listYears: Set(overview.years)))
            },
            links: [("Динамика списка ШНОР", SiteRoute.authority(id, .dynamics).path), ("Люди и группы", SiteRoute.authority(id, .people).path)]
        )
    }

    private func schools(req: Request, user: User) async throws -> HomePage {
        let scope = try await req.scope()
        guard case .schools(let ids) = scope.reach else { return try await coordinator(req: req, user: user) }
        // With their municipality's columns in the same read: its rule names each school's kind.
        let schools = ids.isEmpty ? [] : try await School.query(on: req.db).filter(\.$id ~~ Array(ids))
            .join(Authority.self, on: \School.$authority.$id == \Authority.$id).all()
        let subtitle = user.role == .curator
            ? "Куратор: закреплено \(RussianPlural.count(schools.count, "школа", "школы", "школ"))."
            : "\(user.role.title): \(schools.first?.shortName ?? "школа не указана")."
        var rows: [(Int, String, String)] = []
        // One read of the lists per municipality, not one per school.
        var recordsByAuthority: [Int: [SchoolListRecord]] = [:]
        var listYears: [Int: Set<Int>] = [:]
        var rules: [Int: ListHistoryRule] = [:]
        for s in schools { rules[s.$authority.id] = (try? s.joined(Authority.self))?.rule }
        for aid in Set(schools.map { $0.$authority.id }) {
            let overview = try await ListQueries(db: req.db).overview(authorityID: aid)
            recordsByAuthority[aid] = overview.records
            listYears[aid] = Set(overview.years)
        }
        for s in schools.sorted(by: { naturalLess($0.shortName, $1.shortName) }) {
            let id = try s.requireID()
            let aid = s.$authority.id
            let years = recordsByAuthority[aid]?.first { $0.schoolID == id }?.lowResultYears ?? []
            // The same kind as the school's card: the municipality's rule over its history.
            let note = years.max().map { last in
                "в списке ШНОР \(last) года: " + (rules[aid] ?? .default).label(of: ListHistory(years: years), at: last, listYears: listYears[aid] ?? [])
            } ?? "не в списке ШНОР"
            rows.append((id, s.shortName, note))
        }
        return HomePage(greeting: "Здравствуйте, \(user.fullName)", subtitle: subtitle, cards: [], schoolsTitle: user.role == .curator ? "Мои школы" : "Моя школа", schools: rows, links: [])
    }
}
