import Fluent
import OporaCore
import Vapor

/// Regions → municipalities → organisations and schools.
struct RegistryController {
    /// Every municipality the user may open, with its school count and method centres: three reads
    /// whatever the number of municipalities (a region has seventy).
    func authorities(req: Request) async throws -> Response {
        let scope = try await req.scope()
        let user = try req.currentUser()
        let regions = try await Region.query(on: req.db).sort(\.$name).all()
        let authorities = try await Authority.query(on: req.db).all()
        var schoolCounts: [Int: Int] = [:]
        for s in try await School.query(on: req.db).field(\.$authority.$id).field(\.$status).all() where s.status == .active {
            schoolCounts[s.$authority.id, default: 0] += 1
        }
        var centres: [Int: [String]] = [:]
        for o in try await Organization.query(on: req.db).filter(\.$kind == .methodCentre).sort(\.$shortName).all() where o.closedOn == nil {
            centres[o.$authority.id, default: []].append(o.shortName)
        }
        var groups: [(name: String, rows: [AuthoritiesPage.Row])] = []
        for region in regions {
            let rows: [AuthoritiesPage.Row] = authorities.filter { $0.$region.id == region.id }
                .sorted { $0.municipality.localizedStandardCompare($1.municipality) == .orderedAscending }
                .compactMap { a in
                    guard let id = a.id, scope.canRead(authorityID: id) else { return nil }
                    return .init(id: id, municipality: a.municipality, name: a.shortName, schools: schoolCounts[id] ?? 0, organizations: centres[id] ?? [],
                                 closed: a.closedOn.flatMap(LocalDate.init(parsing:))?.russian)
                }
            if !rows.isEmpty || user.role == .regionalAdmin { groups.append((region.name, rows)) }
        }
        let isAdmin = user.role == .regionalAdmin
        let model = AuthoritiesPage(regions: groups, canEdit: isAdmin, regionOptions: isAdmin ? regions.compactMap { r in r.id.map { ($0, r.name) } } : [])
        return .html(AuthoritiesView(model: model, layout: req.layout("Муниципалитеты"), csrf: req.csrf).render())
    }

    func authority(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let id = try authority.requireID()
        let region = try await authority.$region.get(on: req.db)
        let orgs = try await Organization.query(on: req.db).filter(\.$authority.$id == id).filter(\.$closedOn == nil).sort(\.$shortName).all()
        let lists = try await SchoolList.query(on: req.db).filter(\.$authority.$id == id).filter(\.$draft == false).sort(\.$year, .descending).all()
        var listRows: [(Int, ListStatus, Int, String?)] = []
        for l in lists {
            listRows.append((l.year, l.status, try await ListEntry.query(on: req.db).filter(\.$list.$id == l.requireID()).count(), l.orderText))
        }
        let model = AuthorityPage(
            id: id, municipality: authority.municipality, region: region.name, name: authority.name, shortName: authority.shortName,
            head: authority.headName.map { n in authority.headPosition.map { "\(n), \($0.lowercasedFirst)" } ?? n },
            organizations: orgs.map { ($0.kind.title, $0.name, $0.shortName) },
            schoolCount: try await School.query(on: req.db).filter(\.$authority.$id == id).count(),
            lists: listRows.map { (year: $0.0, status: $0.1, count: $0.2, order: $0.3) },
            canSeeLists: true,
            address: authority.address,
            closed: authority.closedOn.flatMap(LocalDate.init(parsing:)).map { $0.russian + (authority.closedReason.map { ", \($0)" } ?? "") },
            canEdit: try req.currentUser().role == .regionalAdmin,
            code: authority.code)
        return .html(AuthorityView(model: model, layout: req.layout(authority.municipality, crumbs: [("Муниципалитеты", SiteRoute.authorities.path)])).render())
    }

    func schools(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let id = try authority.requireID()
        let overview = try await ListQueries(db: req.db).overview(authorityID: id)
        let defaultYear = overview.years.last ?? Calendar.current.component(.year, from: Date())
        let year = (try req.queryYear("year")) ?? defaultYear
        let text = ((try? req.query.get(String.self, at: "q")) ?? "").trimmingCharacters(in: .whitespaces)
        let kind = (try? req.query.get(String.self, at: "kind")).flatMap(SchoolKind.init(rawValue:))
        let status = (try? req.query.get(String.self, at: "status")) ?? ""
        let showClosed = (try? req.query.get(String.self, at: "closed")) == "on"
        let allSchools = try await SchoolDirectory(db: req.db).schools(authorityID: id)
        let schools = showClosed ? allSchools : allSchools.filter(\.isActive)
        let records = Dictionary(uniqueKeysWithValues: overview.records.map { ($0.schoolID, $0) })
        let adverse = try await schoolIDs(req: req, authorityID: id, year: year, status: .adverseConditions)
        let rule = authority.rule
        let rows: [SchoolsPage.Row] = schools.compactMap { s in
            let sid = s.id
            if let kind, s.kind != kind { return nil }
            if !text.isEmpty && !Self.matches(s, text) { return nil }
            let rec = records[sid]
            let low = rec?.lowResultYears ?? []
            let risk = rec?.atRiskYears.contains(year) ?? false
            switch status {
            case "lowResults": if !low.contains(year) { return nil }
            case "atRisk": if !risk { return nil }
            case "adverseConditions": if !adverse.contains(sid) { return nil }
            case "none": if low.contains(year) || risk || adverse.contains(sid) { return nil }
            default: break
            }
            let history = ListHistory(years: low)
            return .init(id: sid, shortName: s.shortName, kind: s.kind, consecutiveYears: history.consecutiveYears(endingAt: year),
                         kindOfHistory: rule.kind(of: history, at: year), atRisk: risk, fisLogin: s.fisLogin, state: s.statusText)
        }
        let user = try req.currentUser()
        var model = SchoolsPage(authorityID: id, municipality: authority.municipality, year: year, query: text, kindFilter: kind,
                                statusFilter: status, rows: rows, total: schools.count)
        model.showClosed = showClosed
        model.closedCount = allSchools.count - allSchools.filter(\.isActive).count
        model.canAdd = user.role == .regionalAdmin && authority.closedOn == nil
        return .html(SchoolsView(model: model, layout: req.layout("Школы", crumbs: [("Муниципалитеты", SiteRoute.authorities.path), (authority.municipality, SiteRoute.authority(id).path)]),
                                 csrf: req.csrf).render())
    }

    /// Search by any spelling: the text as typed, or the parsed number and kind («5», «сош 5»).
    static func matches(_ school: SchoolEntry, _ text: String) -> Bool {
        let t = text.lowercased()
        let names = [school.shortName, school.fullName] + school.aliases
        if names.contains(where: { $0.lowercased().contains(t) }) { return true }
        let q = SchoolName(text)
        guard q.number != nil || !q.words.isEmpty else { return false }
        let s = SchoolName(school.shortName)
        if let n = q.number, n != school.number { return false }
        if let k = q.kind, k != s.kind { return false }
        return SchoolNameMatcher.covers(names.flatMap { SchoolName($0).words }, q.words)
    }

    private func schoolIDs(req: Request, authorityID: Int, year: Int, status: ListStatus) async throws -> Set<Int> {
        guard let list = try await SchoolList.query(on: req.db).filter(\.$authority.$id == authorityID).filter(\.$year == year).filter(\.$status == status).filter(\.$draft == false).first() else { return [] }
        return Set(try await ListEntry.query(on: req.db).filter(\.$list.$id == list.requireID()).all().map { $0.$school.id })
    }

    func school(req: Request) async throws -> Response {
        let school = try req.routeSchool()
        let sid = try school.requireID()
        let authority = try await school.$authority.get(on: req.db)
        // A reorganised school's history counts for the school it was merged into.
        let merged = try await SchoolLineage.predecessors(of: sid, on: req.db)
        let names = Dictionary(uniqueKeysWithValues: merged.compactMap { s in s.id.map { ($0, s.shortName) } })
        let lineage = [sid] + Array(names.keys)
        let entries = try await ListEntry.query(on: req.db).filter(\.$school.$id ~~ lineage).with(\.$list).all()
            .filter { !$0.list.draft }
        let lowYears = Set(entries.filter { $0.list.status == .lowResults }.map(\.list.year))
        let allYears = try await ListQueries(db: req.db).years(authorityID: authority.requireID())
        let reference = allYears.last ?? lowYears.max() ?? Calendar.current.component(.year, from: Date())
        let history = ListHistory(years: lowYears)
        let rule = authority.rule
        let curators = try await CuratorAssignment.query(on: req.db).filter(\.$school.$id == sid).with(\.$user).all()
        var model = SchoolPage(
            id: sid, shortName: school.shortName, fullName: school.fullName, kind: school.kind, municipality: authority.municipality,
            authorityID: try authority.requireID(), aliases: school.aliases, referenceYear: reference,
            consecutiveYears: history.consecutiveYears(endingAt: reference), timesInWindow: history.times(in: rule.window(endingAt: reference)),
            windowYears: rule.windowYears, historyKind: rule.kind(of: history, at: reference),
            entries: entries.sorted { ($0.list.year, $0.list.status.rawValue) > ($1.list.year, $1.list.status.rawValue) }
                .map { e in (year: e.list.year, status: e.list.status,
                             basis: [e.basis, names[e.$school.id].map { "как \($0)" }].compactMap { $0 }.joined(separator: "; ").nilIfBlank, order: e.list.orderText) },
            curators: curators.map { "\($0.user.fullName) (\($0.user.position))" })
        model.record = school.record
        model.state = school.statusText
        model.mergedInto = try await school.$mergedInto.get(on: req.db).flatMap { t in t.id.map { ($0, t.shortName) } }
        model.predecessors = merged.compactMap { s in s.id.map { ($0, s.shortName) } }
        let user = try req.currentUser()
        let manages = try await req.scope().canManage(authorityID: school.$authority.id)
        model.canEdit = user.role == .regionalAdmin || manages
        model.canBuildRoadmap = try await req.mayBuildRoadmap(school)
        model.roadmaps = try await Roadmap.query(on: req.db).filter(\.$school.$id == sid).sort(\.$id).all().compactMap { r in r.id.map { ($0, "ШДК: \(r.title)") } }
        let crumbs: [(String, String)] = try await req.scope().canRead(authorityID: authority.requireID())
            ? [("Муниципалитеты", SiteRoute.authorities.path), (authority.municipality, SiteRoute.authority(try authority.requireID()).path), ("Школы", SiteRoute.authority(try authority.requireID(), .schools).path)]
            : []
        return .html(SchoolView(model: model, layout: req.layout(school.shortName, crumbs: crumbs)).render())
    }
}

extension String {
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
