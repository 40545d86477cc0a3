import Fluent
import SQLKit
import OporaCore
import Vapor

/// The start page: what each role needs first.
struct HomeController {
    func home(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let layout = req.layout("Главная")
        // One date for every step, count and distance on the page.
        let today = ExecutionService.today()
        var model: HomePage
        switch user.role {
        case .regionalObserver, .regionalAdmin, .assessmentOperator:
            model = try await observer(req: req, user: user, today: today)
        case .coordinator, .methodologist:
            model = try await coordinator(req: req, user: user, today: today)
        case .curator, .schoolHead, .schoolStaff:
            model = try await schools(req: req, user: user, today: today)
        }
        model.today = today
        // The roadmaps the user works with, read once for deadlines, notices and comments.
        let roadmaps = try await visibleRoadmaps(req: req, user: user)
        if !user.role.isRegional {
            let items = try await attention(req: req, user: user, roadmaps: roadmaps, today: today)
            Self.fill(&model, items: items, roadmaps: roadmaps)
            if user.role != .coordinator { model.deadlineTitle = "Мои сроки: просрочено и ближайшие две недели" }
        }
        model.notices = try await notices(req: req, user: user, roadmaps: roadmaps)
        model.comments = try await newComments(req: req, user: user, roadmaps: roadmaps)
        return .html(HomeView(model: model, layout: layout).render())
    }

    /// How many overdue and due-soon items to read for the counts; a municipality with sixty
    /// roadmaps rarely has more, and the page lists only the first of each roadmap.
    static let attentionLimit = 2_000
    /// Roadmaps whose items are listed under the counts, and items listed per roadmap.
    static let listedRoadmaps = 8, listedPerRoadmap = 5

    /// Counts first (overall, per roadmap, per responsible), then each roadmap's first items
    /// under its title, so a 300-character title is written once, not on every row.
    static func fill(_ model: inout HomePage, items: [ExecutionService.AttentionItem], roadmaps: [RoadmapHeader]) {
        let digest = DeadlineDigest(items.map { .init(roadmapID: $0.roadmapID, responsible: ResponsibleMatch.parties($0.responsible), overdue: $0.urgency == .overdue) })
        model.digest = digest
        model.deadlinesCapped = items.count >= attentionLimit
        model.roadmapTitles = Dictionary(roadmaps.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        let byRoadmap = Dictionary(grouping: items, by: \.roadmapID)
        model.deadlineGroups = digest.byRoadmap.prefix(listedRoadmaps).compactMap { c in
            guard let id = Int(c.key), let rows = byRoadmap[id] else { return nil }
            return HomePage.DeadlineGroup(roadmapID: id, title: model.roadmapTitles[id] ?? "", overdue: c.overdue, soon: c.soon,
                                          items: rows.prefix(listedPerRoadmap).map { a in
                (a.due.russian, a.urgency.title, a.urgency == .overdue, "№ \(a.number) \(a.name)", a.measureID, a.responsible)
            })
        }
    }

    /// Every roadmap of the municipality the user works in; for a curator or a school, only the
    /// roadmaps of their schools — a municipal roadmap is not theirs to open (its pages answer
    /// 404), so nothing of it is listed even where its measures name them. None for regional roles.
    private func visibleRoadmaps(req: Request, user: User) async throws -> [RoadmapHeader] {
        guard !user.role.isRegional else { return [] }
        switch try await req.scope().reach {
        case .authority(let aid):
            return try await RoadmapQueries(db: req.db).headers(authorityID: aid)
        case .schools(let ids):
            var authorityID = user.$authority.id
            if authorityID == nil, let first = ids.first { authorityID = try await School.find(first, on: req.db)?.$authority.id }
            guard let aid = authorityID else { return [] }
            return try await RoadmapQueries(db: req.db).headers(authorityID: aid).filter { $0.schoolID.map(ids.contains) ?? false }
        case .everything:
            return []
        }
    }

    /// The coordinator sees every overdue and due-soon measure of the municipality; others the
    /// measures that name them, and the school roadmaps of their schools.
    private func attention(req: Request, user: User, roadmaps: [RoadmapHeader], today: LocalDate) async throws -> [ExecutionService.AttentionItem] {
        let service = ExecutionService(db: req.db)
        switch try await req.scope().reach {
        case .authority:
            return try await service.attention(roadmaps: roadmaps, namedUser: user.role == .coordinator ? nil : user, today: today, limit: Self.attentionLimit)
        case .schools:
            // Their schools' roadmaps (`visibleRoadmaps`) concern all their staff.
            return try await service.attention(roadmaps: roadmaps, namedUser: nil, today: today, limit: Self.attentionLimit)
        case .everything:
            return []
        }
    }

    /// Roadmaps sent for agreement and reports waiting for the reviewer (coordinator, curator);
    /// reports returned for revision (the school's staff).
    private func notices(req: Request, user: User, roadmaps: [RoadmapHeader]) async throws -> [HomePage.NoticeGroup] {
        let scope = try await req.scope()
        let queries = NoticeQueries(db: req.db)
        let titles = Dictionary(roadmaps.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        var reviewed: [RoadmapHeader] = []
        var own: [RoadmapHeader] = []
        switch scope.reach {
        case .authority(let aid) where scope.canManage(authorityID: aid):
            reviewed = roadmaps
        case .schools where user.role == .curator:
            reviewed = roadmaps
        case .schools where user.role == .schoolHead || user.role == .schoolStaff:
            own = roadmaps
        default:
            return []
        }
        var groups: [HomePage.NoticeGroup] = []
        if !reviewed.isEmpty {
            let sent = try await queries.submitted(roadmapIDs: reviewed.filter { $0.schoolID != nil }.map(\.id))
            groups.append(.init(title: "Школьные дорожные карты на согласовании", count: sent.count, items: sent.first))
            let pending = try await queries.reports(.pending, roadmapIDs: reviewed.filter(\.isActive).map(\.id), titles: titles)
            groups.append(.init(title: "Отчёты об исполнении ждут проверки", count: pending.count, items: pending.first))
        }
        if !own.isEmpty {
            let returned = try await queries.reports(.returned, roadmapIDs: own.filter(\.isActive).map(\.id), titles: titles)
            groups.append(.init(title: "Отчёты возвращены на доработку", count: returned.count, items: returned.first))
        }
        return groups
    }

    /// Unseen comments of the other side on the school roadmaps the user reviews or writes.
    private func newComments(req: Request, user: User, roadmaps all: [RoadmapHeader]) async throws -> [(roadmapID: Int, roadmap: String, author: String, text: String)] {
        let scope = try await req.scope()
        let schoolSide = user.role == .schoolHead || user.role == .schoolStaff
        let roadmaps: [RoadmapHeader]
        switch scope.reach {
        case .authority where scope.canChange:
            roadmaps = all.filter { $0.schoolID != nil }
        case .schools where schoolSide || user.role == .curator:
            roadmaps = all
        default:
            return []
        }
        let ids = roadmaps.map(\.id)
        guard !ids.isEmpty else { return [] }
        let titles = Dictionary(roadmaps.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        let comments = try await RoadmapComment.query(on: req.db).filter(\.$roadmap.$id ~~ ids).filter(\.$fromSchool == !schoolSide).filter(\.$seen == false).sort(\.$id).all()
        return comments.map { ($0.$roadmap.id, titles[$0.$roadmap.id] ?? "", $0.authorName, $0.text) }
    }

    /// The region at a glance: ШНОР of each municipality's latest year, in two reads whatever
    /// the number of municipalities, with each municipality's results, support and annual
    /// report a click away; for the administrator, how far the region is set up.
    private func observer(req: Request, user: User, today: LocalDate) async throws -> HomePage {
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
        let reportYear = Season.reportSchoolYear(on: today)
        var municipalities: [(id: Int, name: String, listed: String, links: [(String, String)])] = []
        var total = 0
        for a in authorities where a.closedOn == nil {
            let id = try a.requireID()
            let last = lastYear[id]
            let count = last.flatMap { counts["\(id)|\($0)"] } ?? 0
            total += count
            municipalities.append((id, a.municipality, last.map { "\(count) (\($0) г.)" } ?? "списков нет", [
                ("Списки", SiteRoute.authority(id, .lists).path), ("Результаты", SiteRoute.authority(id, .results).path),
                ("Сопровождение", SiteRoute.authority(id, .support).path), ("Годовой отчёт", SiteRoute.authority(id, .annualReport).path(year: reportYear)),
            ]))
        }
        var cards: [HomePage.Card] = [
            .init(figure: "\(municipalities.count)", label: RussianPlural.form(municipalities.count, "муниципалитет", "муниципалитета", "муниципалитетов"), url: SiteRoute.authorities.path),
            .init(figure: "\(total)", label: "ШНОР в последних утверждённых списках", url: SiteRoute.regionLists.path),
        ]
        var links: [(String, String)] = [("ШНОР региона по видам", SiteRoute.regionLists.path), ("Результаты оценочных процедур", SiteRoute.regionResults.path),
                                         ("Все муниципалитеты", SiteRoute.authorities.path), ("Журнал изменений", SiteRoute.audit.path)]
        var subtitle = "Региональный наблюдатель: просмотр всех муниципалитетов без права изменений."
        if user.role == .assessmentOperator {
            subtitle = "Оператор оценочных процедур: загрузка результатов региона и сопоставление столбцов."
            links = [("Загрузить результаты", SiteRoute.regionResults.path), ("Сопоставления столбцов", SiteRoute.resultMappings.path)] + links
        }
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
            ]
            links = [("Импорт реестра из файла", SiteRoute.registryImport.path), ("Учётные записи", SiteRoute.accounts.path)] + links
        }
        var page = HomePage(greeting: "Здравствуйте, \(user.fullName)", subtitle: subtitle, cards: cards, schoolsTitle: "", schools: [], links: links)
        page.municipalities = municipalities
        page.steps = try await SeasonQueries(db: req.db, today: today).region(authorities: authorities)
        page.stepsTitle = "Ход года по региону"
        return page
    }

    private func coordinator(req: Request, user: User, today: LocalDate) async throws -> HomePage {
        guard let authority = try await user.$authority.get(on: req.db), let id = authority.id else {
            return HomePage(greeting: "Здравствуйте, \(user.fullName)", subtitle: "Учётная запись не привязана к муниципалитету.", cards: [], schoolsTitle: "", schools: [], links: [])
        }
        let overview = try await ListQueries(db: req.db).overview(authorityID: id)
        let records = overview.records
        let year = overview.years.last ?? Season.listYear(on: today)
        let listed = records.filter { $0.lowResultYears.contains(year) }
        let atRisk = records.filter { $0.atRiskYears.contains(year) }
        let chronic = records.filter { authority.rule.kind(of: ListHistory(years: $0.lowResultYears), at: year) == .chronic }
        var page = HomePage(
            greeting: "Здравствуйте, \(user.fullName)",
            subtitle: "\(user.role.title): \(authority.shortName), \(authority.municipality).",
            yearNote: Self.yearNote(shown: overview.years.last, working: Season.listYear(on: today)),
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
            links: [("Динамика списка ШНОР", SiteRoute.authority(id, .dynamics).path), ("Дорожные карты", SiteRoute.authority(id, .roadmaps).path),
                    ("Результаты", SiteRoute.authority(id, .results).path), ("Сопровождение", SiteRoute.authority(id, .support).path),
                    ("Люди и группы", SiteRoute.authority(id, .people).path)]
        )
        page.steps = try await SeasonQueries(db: req.db, today: today).municipal(authority: authority, canChange: try await req.scope().canManage(authorityID: id))
        page.stepsTitle = "Ход года: что сделать сейчас"
        return page
    }

    /// «Показан 2024 год — последний, за который утверждён список» when the lists shown are not
    /// the year under way (a new year starts empty; an official should not think data were lost).
    static func yearNote(shown: Int?, working: Int) -> String? {
        guard let shown else { return "Списков ШНОР ещё нет: начните с импорта реестра и списка или с предложения списка по результатам ВПР." }
        // A list approved ahead (next year's, in summer) is the year to show, with nothing to say.
        return shown >= working ? nil : "Списки показаны за \(shown) год — последний, за который они утверждены; список на \(working) год ещё не утверждён."
    }

    private func schools(req: Request, user: User, today: LocalDate) async throws -> HomePage {
        let scope = try await req.scope()
        guard case .schools(let ids) = scope.reach else { return try await coordinator(req: req, user: user, today: today) }
        // With their municipality's columns in the same read: its rule names each school's kind.
        let schools = ids.isEmpty ? [] : try await School.query(on: req.db).filter(\.$id ~~ Array(ids))
            .join(Authority.self, on: \School.$authority.$id == \Authority.$id).all()
        let subtitle = user.role == .curator
            ? "Куратор: закреплено \(RussianPlural.count(schools.count, "школа", "школы", "школ"))."
            : "\(user.role.title): \(schools.first?.shortName ?? "школа не указана")."
        var rows: [(Int, String, String)] = []
        var links: [Int: [(String, String)]] = [:]
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
            links[id] = [("Риски", SiteRoute.school(id, .risks).path), ("Результаты", SiteRoute.school(id, .results).path),
                         ("Диагностическая карта", SiteRoute.school(id, .diagnosticCard).path), ("Сопровождение", SiteRoute.school(id, .support).path)]
        }
        var page = HomePage(greeting: "Здравствуйте, \(user.fullName)", subtitle: subtitle, cards: [], schoolsTitle: user.role == .curator ? "Мои школы" : "Моя школа", schools: rows, links: [])
        page.schoolLinks = links
        let season = SeasonQueries(db: req.db, today: today)
        if user.role == .curator, let aid = user.$authority.id ?? schools.first?.$authority.id {
            page.steps = try await season.curator(authorityID: aid, schools: ids)
            page.stepsTitle = "Ход года по моим школам"
        } else if user.role != .curator, let school = schools.first {
            page.steps = try await season.school(school, canBuild: try await req.mayBuildRoadmap(school))
            page.stepsTitle = "Ход года: что сделать школе"
        }
        return page
    }
}
