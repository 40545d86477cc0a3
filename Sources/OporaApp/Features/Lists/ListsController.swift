import Fluent
import OporaCore
import OporaDocuments
import Vapor

/// The yearly lists: view, add, edit, remove, and import from a file with preview.
struct ListsController {
    func page(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let id = try authority.requireID()
        let q = ListQueries(db: req.db)
        // Every list of the authority in one read (a few per year), their entries in one more.
        let allLists = try await SchoolList.query(on: req.db).filter(\.$authority.$id == id).all()
        let approvedYears = Set(allLists.filter { !$0.draft }.map(\.year)).sorted()
        let years = Set(allLists.map(\.year)).sorted()
        // The year under way when it has a list, even a draft the coordinator is working on.
        let working = Season.listYear(on: ExecutionService.today())
        let shown = ShownYear(asked: try req.queryYear("year"), latest: years.contains(working) ? working : approvedYears.last ?? years.last, current: working)
        let year = shown.year
        let lists = allLists.filter { $0.year == year }
            .sorted { (ListStatus.allCases.firstIndex(of: $0.status) ?? 0) < (ListStatus.allCases.firstIndex(of: $1.status) ?? 0) }
        let listEntries = Dictionary(grouping: try await ListEntry.query(on: req.db).filter(\.$list.$id ~~ lists.compactMap(\.id)).all(), by: \.$list.id)
        let records = Dictionary(uniqueKeysWithValues: try await q.records(authorityID: id).map { ($0.schoolID, $0) })
        let schools = try await SchoolDirectory(db: req.db).schools(authorityID: id)
        let names = Dictionary(schools.map { ($0.id, $0.shortName) }, uniquingKeysWith: { a, _ in a })
        var blocks: [ListsPage.ListBlock] = []
        for list in lists {
            let entries = (listEntries[try list.requireID()] ?? [])
                .sortedNaturally(by: { names[$0.$school.id] ?? "" })
            blocks.append(.init(id: try list.requireID(), status: list.status, order: list.orderText, orderNumber: list.orderNumber,
                                orderDate: list.orderDate, orderIssuer: list.orderIssuer,
                                entries: entries.map { e in
                                    let years = records[e.$school.id]?.lowResultYears ?? []
                                    return (e.id ?? 0, e.$school.id, names[e.$school.id] ?? "—", e.basis, ListHistory(years: years).consecutiveYears(endingAt: year), EditStamp.of(e))
                                }, draft: list.draft, stamp: EditStamp.of(list)))
        }
        let model = ListsPage(
            authorityID: id, municipality: authority.municipality, year: year, years: Array(Set(years + [year])).sorted(), lists: blocks,
            groups: try await q.groupsByYearsInList(authorityID: id, year: year),
            schools: schools.filter { s in s.closedYear.map { $0 >= year } ?? true }.map { ($0.id, $0.shortName) },
            canManage: try await req.scope().canManage(authorityID: id),
            message: try? req.query.get(String.self, at: "done"))
        var layout = req.layout("Списки \(year)", crumbs: crumbs(authority))
        layout.yearNote = shown.note
        return .html(ListsView(model: model, layout: layout, csrf: req.csrf).render())
    }

    func crumbs(_ a: Authority) -> [(String, String)] {
        [("Муниципалитеты", SiteRoute.authorities.path), (a.municipality, SiteRoute.authority(a.id ?? 0).path)]
    }

    struct NewListForm: Content {
        var year: Int
        var status: ListStatus
        var orderNumber: String?
        var orderDate: String?
        var orderIssuer: String?
    }

    func createList(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let id = try authority.requireID()
        guard let form = try? req.content.decode(NewListForm.self), (2000...2100).contains(form.year) else {
            throw PublicError(.badRequest, "Укажите год (2000–2100) и статус списка.")
        }
        if try await SchoolList.query(on: req.db).filter(\.$authority.$id == id).filter(\.$year == form.year).filter(\.$status == form.status).first() != nil {
            throw PublicError(.conflict, "Список \(form.status.abbreviation) на \(form.year) год уже существует.")
        }
        let list = SchoolList(authorityID: id, year: form.year, status: form.status)
        list.orderNumber = form.orderNumber?.nilIfBlank
        list.orderDate = form.orderDate?.nilIfBlank
        list.orderIssuer = form.orderIssuer?.nilIfBlank
        try await req.db.transaction { tx in
            try await list.create(on: tx)
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: id, action: "Создан список", entity: "Список \(form.status.abbreviation) \(form.year)", entityID: list.id, after: list.orderText)
        }
        return req.redirect(to: SiteRoute.authority(id, .lists).path(year: form.year))
    }

    /// The list, after checking that its authority may be managed by the user.
    private func manageableList(req: Request) async throws -> SchoolList {
        guard let id = req.intParameter("listID"), let list = try await SchoolList.find(id, on: req.db) else { throw PublicError.notFound() }
        _ = try await req.manageableAuthority(list.$authority.id)
        return list
    }

    private func manageableEntry(req: Request) async throws -> (ListEntry, SchoolList) {
        guard let id = req.intParameter("entryID"), let entry = try await ListEntry.query(on: req.db).filter(\.$id == id).with(\.$list).with(\.$school).first() else {
            throw PublicError.notFound()
        }
        _ = try await req.manageableAuthority(entry.list.$authority.id)
        return (entry, entry.list)
    }

    struct EntryForm: Content {
        var schoolID: Int?
        var basis: String?
    }

    func addEntry(req: Request) async throws -> Response {
        let list = try await manageableList(req: req)
        let form = try req.content.decode(EntryForm.self)
        guard let sid = form.schoolID, let school = try await School.find(sid, on: req.db), school.$authority.id == list.$authority.id else {
            throw PublicError(.badRequest, "Выберите школу этого муниципалитета.")
        }
        if let closedYear = school.closedYear, list.year > closedYear {
            throw PublicError(.badRequest, "Школа «\(school.shortName)» \(school.statusText ?? "закрыта"): в список \(list.year) года её включить нельзя.")
        }
        let listID = try list.requireID()
        if try await ListEntry.query(on: req.db).filter(\.$list.$id == listID).filter(\.$school.$id == sid).first() != nil {
            throw PublicError(.conflict, "Школа «\(school.shortName)» уже в этом списке.")
        }
        let entry = ListEntry(listID: listID, schoolID: sid, basis: form.basis?.nilIfBlank)
        try await req.db.transaction { tx in
            try await entry.create(on: tx)
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: list.$authority.id, action: "Школа включена в список",
                                   entity: "Список \(list.status.abbreviation) \(list.year)", entityID: entry.id, after: "\(school.shortName); основание: \(entry.basis ?? "—")")
        }
        return req.redirect(to: SiteRoute.authority(list.$authority.id, .lists).path(year: list.year))
    }

    func editEntry(req: Request) async throws -> Response {
        let (entry, list) = try await manageableEntry(req: req)
        let form = try req.content.decode(EntryForm.self)
        let before = entry.basis
        try req.ensureUnchanged(entry, now: "\(entry.school.shortName), основание: «\(before ?? "—")»", back: SiteRoute.authority(list.$authority.id, .lists).path(year: list.year))
        entry.basis = form.basis?.nilIfBlank
        let user = try req.currentUser()
        try await req.db.transaction { tx in
            try await entry.save(on: tx)
            try await Audit.record(on: tx, user: user, authorityID: list.$authority.id, action: "Изменено основание включения",
                                   entity: "\(entry.school.shortName), список \(list.status.abbreviation) \(list.year)", entityID: entry.id, before: before, after: entry.basis)
        }
        return req.redirect(to: SiteRoute.authority(list.$authority.id, .lists).path(year: list.year))
    }

    func deleteEntry(req: Request) async throws -> Response {
        let (entry, list) = try await manageableEntry(req: req)
        try req.confirm("исключить школу из списка",
                        consequence: "«\(entry.school.shortName)» будет исключена из списка \(list.status.abbreviation) \(list.year) года"
                            + (list.orderNumber != nil ? ", утверждённого приказом; изменение попадёт в журнал, а приказ об изменении списка нужно будет издать отдельно." : "."),
                        back: SiteRoute.authority(list.$authority.id, .lists).path(year: list.year))
        try await req.db.transaction { tx in
            try await entry.delete(on: tx)
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: list.$authority.id, action: "Школа исключена из списка",
                                   entity: "Список \(list.status.abbreviation) \(list.year)", entityID: entry.id, before: "\(entry.school.shortName); основание: \(entry.basis ?? "—")")
        }
        return req.redirect(to: SiteRoute.authority(list.$authority.id, .lists).path(year: list.year))
    }

    func editOrder(req: Request) async throws -> Response {
        let list = try await manageableList(req: req)
        let form = try req.content.decode(NewListFormOrder.self)
        let before = list.orderText
        try req.ensureUnchanged(list, now: before ?? "приказ не указан", back: SiteRoute.authority(list.$authority.id, .lists).path(year: list.year))
        let date = form.orderDate?.nilIfBlank
        guard date.map({ LocalDate(parsing: $0) != nil }) ?? true else { throw PublicError(.badRequest, "Дата приказа: «\(date ?? "")» — не дата (ДД.ММ.ГГГГ).") }
        list.orderNumber = form.orderNumber?.nilIfBlank
        list.orderDate = date.flatMap(LocalDate.init(parsing:))?.iso
        list.orderIssuer = form.orderIssuer?.nilIfBlank
        let user = try req.currentUser()
        try await req.db.transaction { tx in
            try await list.save(on: tx)
            try await Audit.record(on: tx, user: user, authorityID: list.$authority.id, action: "Изменён приказ списка",
                                   entity: "Список \(list.status.abbreviation) \(list.year)", entityID: list.id, before: before, after: list.orderText)
        }
        return req.redirect(to: SiteRoute.authority(list.$authority.id, .lists).path(year: list.year))
    }

    /// A draft list (carried over into a new year) becomes the year's list by its order.
    func approve(req: Request) async throws -> Response {
        let list = try await manageableList(req: req)
        guard list.draft else { throw PublicError(.conflict, "Список уже утверждён.") }
        guard let form = try? req.content.decode(NewListFormOrder.self), let number = form.orderNumber?.nilIfBlank,
              let date = form.orderDate?.nilIfBlank, LocalDate(parsing: date) != nil else {
            throw PublicError(.badRequest, "Укажите номер и дату приказа, которым утверждён список.")
        }
        list.orderNumber = number
        list.orderDate = LocalDate(parsing: date)?.iso
        list.orderIssuer = form.orderIssuer?.nilIfBlank
        list.draft = false
        try await req.db.transaction { tx in
            try await list.save(on: tx)
            let count = try await ListEntry.query(on: tx).filter(\.$list.$id == list.requireID()).count()
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: list.$authority.id, action: "Список утверждён",
                                   entity: "Список \(list.status.abbreviation) \(list.year)", entityID: list.id, before: "черновик",
                                   after: "\(list.orderText ?? ""); \(RussianPlural.count(count, "школа", "школы", "школ"))")
        }
        return req.redirect(to: SiteRoute.authority(list.$authority.id, .lists).path(year: list.year))
    }

    struct NewListFormOrder: Content {
        var orderNumber: String?
        var orderDate: String?
        var orderIssuer: String?
    }
}
