import Fluent
import Foundation
import OporaCore
import Vapor

/// The bank of effective practices. A school (its head or curator) or the municipality drafts a
/// practice; the municipality's coordinator or methodologist publishes it to the public catalogue.
struct PracticesController {
    static let maxFileBytes = 5 * 1024 * 1024

    func factors(_ db: any Database) async throws -> [(code: String, title: String)] {
        try await RiskFactor.query(on: db).sort(\.$position).all().map { ($0.code, $0.title) }
    }


    func page(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let aid = try authority.requireID()
        let practices = try await Practice.query(on: req.db).filter(\.$authority.$id == aid).with(\.$school).sort(\.$id, .descending).all()
        let scope = try await req.scope()
        var form: PracticeForm?
        if scope.canRecordSupport(authorityID: aid, schoolIDs: []) {
            let schools = try await School.query(on: req.db).filter(\.$authority.$id == aid).all().sortedNaturally(by: \.shortName)
            form = try await formModel(req, action: SiteRoute.authority(aid, .practices).path, schools: schools)
        }
        let model = PracticesPage(authorityID: aid, municipality: authority.municipality, practices: practices.map { p in
            PracticesPage.Row(id: p.id ?? 0, title: p.title, schoolName: p.school?.shortName, authors: p.authors, published: p.status == .published)
        }, form: form)
        return .html(PracticesView(model: model, layout: req.layout("Банк практик", crumbs: [(authority.municipality, SiteRoute.authority(aid).path)]), csrf: req.csrf).render())
    }

    /// The drafting form's data: a school's own form (one school) fixes the school, the
    /// municipality's lets it choose one of its schools or none.
    func formModel(_ req: Request, action: String, schools: [School]) async throws -> PracticeForm {
        let choice: PracticeForm.SchoolChoice = schools.count == 1 ? .fixed(schools[0].id ?? 0)
            : .choose(schools.compactMap { s in s.id.map { (id: $0, name: s.shortName) } })
        return PracticeForm(action: action, school: choice, factors: try await factors(req.db))
    }

    func create(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        return try await save(req, authorityID: try authority.requireID())
    }

    /// A school's own form posts here (a school user does not read the municipality).
    func createForSchool(req: Request) async throws -> Response {
        let school = try req.routeSchool()
        return try await save(req, authorityID: school.$authority.id, forcedSchool: try school.requireID())
    }

    func save(_ req: Request, authorityID aid: Int, forcedSchool: Int? = nil) async throws -> Response {
        let scope = try await req.scope()
        let given = try SupportController.text(req, "school").flatMap(Int.init)
        let school = forcedSchool ?? given
        if let school {
            guard try await School.find(school, on: req.db)?.$authority.id == aid else { throw PublicError(.badRequest, "Школа не из этого муниципалитета.") }
            guard scope.canKeepTeachers(schoolID: school, authorityID: aid) else { throw PublicError.forbidden() }
        } else {
            guard scope.canRecordSupport(authorityID: aid, schoolIDs: []) else { throw PublicError.forbidden() }
        }
        let form = try req.content.decode([String: String].self)
        let known = Set(try await factors(req.db).map(\.code))
        let codes = form.keys.filter { $0.hasPrefix("factor-") }.map { String($0.dropFirst(7)) }.filter(known.contains).sorted()
        let p = Practice()
        p.$authority.id = aid
        p.$school.id = school
        p.title = try SupportController.text(req, "title", required: "Название") ?? ""
        p.authors = try SupportController.text(req, "authors", required: "Авторы") ?? ""
        p.riskFactors = codes.joined(separator: ",")
        p.description = try SupportController.text(req, "description", required: "Описание") ?? ""
        p.links = try SupportController.text(req, "links")
        for link in p.linkList where !WebLink.accepts(link) {
            throw PublicError(.badRequest, "Ссылка «\(link)» — не адрес страницы: нужен полный адрес, начинающийся с http:// или https://, без пробелов, кавычек и угловых скобок.")
        }
        p.status = .draft
        p.createdBy = try req.currentUser().login
        try await req.db.transaction { tx in
            try await p.create(on: tx)
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: aid, action: "Описана практика", entity: p.title, entityID: p.id, after: "черновик")
        }
        return req.redirect(to: SiteRoute.practice(try p.requireID()).path)
    }

    func show(req: Request) async throws -> Response {
        guard let id = req.intParameter("practiceID"), let p = try await Practice.query(on: req.db).filter(\.$id == id).with(\.$school).with(\.$files).first() else { throw PublicError.notFound() }
        let scope = try await req.scope()
        let card = Self.card(p, factors: try await factors(req.db), fileURL: { SiteRoute.practiceFile($0).path })
        let canEdit = p.$school.id.map { scope.canKeepTeachers(schoolID: $0, authorityID: p.$authority.id) } ?? scope.canRecordSupport(authorityID: p.$authority.id, schoolIDs: [])
        let model = PracticePage(id: id, card: card,
                                 canPublish: p.status == .draft && scope.canRecordSupport(authorityID: p.$authority.id, schoolIDs: []),
                                 published: p.status == .published, publishedOn: p.publishedAt.map(SupportController.date) ?? "",
                                 canAttach: canEdit)
        return .html(PracticeView(model: model, layout: req.layout(p.title, crumbs: [("Банк практик", SiteRoute.authority(p.$authority.id, .practices).path)]), csrf: req.csrf).render())
    }

    /// A practice as anyone reads it (working page and open catalogue); `fileURL` gives a file's address by its id.
    static func card(_ p: Practice, factors: [(code: String, title: String)], fileURL: (Int) -> String) -> PracticeCard {
        let titles = Dictionary(uniqueKeysWithValues: factors.map { ($0.code, $0.title) })
        return PracticeCard(title: p.title, schoolName: p.school?.shortName, authors: p.authors,
                            factorTitles: p.factorCodes.compactMap { titles[$0] }, description: p.description,
                            links: p.linkList, files: p.files.map { f in (name: f.name, url: fileURL(f.id ?? 0)) })
    }

    func publish(req: Request) async throws -> Response {
        guard let id = req.intParameter("practiceID"), let p = try await Practice.find(id, on: req.db) else { throw PublicError.notFound() }
        p.status = .published
        p.publishedAt = ExecutionService.today().iso
        try await req.db.transaction { tx in
            try await p.save(on: tx)
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: p.$authority.id, action: "Практика опубликована", entity: p.title, entityID: id, before: "черновик", after: "опубликована")
        }
        return req.redirect(to: SiteRoute.practice(id).path)
    }

    func addFile(req: Request) async throws -> Response {
        guard let id = req.intParameter("practiceID"), let p = try await Practice.find(id, on: req.db) else { throw PublicError.notFound() }
        guard let file = try req.content.decode(TeachersController.Upload.self).file, file.data.readableBytes > 0 else { throw PublicError(.badRequest, "Выберите файл.") }
        guard file.data.readableBytes <= Self.maxFileBytes else { throw PublicError(.payloadTooLarge, "Файл больше 5 МБ.") }
        let f = PracticeFile()
        f.$practice.id = id
        f.name = file.filename
        f.contentType = file.contentType?.serialize() ?? "application/octet-stream"
        f.content = Data(buffer: file.data)
        try await req.db.transaction { tx in
            try await f.create(on: tx)
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: p.$authority.id, action: "К практике приложен файл", entity: p.title, entityID: f.id, after: f.name)
        }
        return req.redirect(to: SiteRoute.practice(id).path)
    }

    func file(req: Request) async throws -> Response {
        guard let id = req.intParameter("fileID"), let f = try await PracticeFile.query(on: req.db).filter(\.$id == id).with(\.$practice).first(),
              try await req.mayRead(f.practice) else { throw PublicError.notFound() }
        return .file(f.content, name: f.name, contentType: "application/octet-stream")
    }
}

/// The open catalogue: published practices of every municipality, searchable, without signing in.
struct PublicPracticesController {
    func catalogue(req: Request) async throws -> Response {
        let q = ((try? req.query.get(String.self, at: "q")) ?? "").trimmingCharacters(in: .whitespaces)
        let factor = (try? req.query.get(String.self, at: "factor")) ?? ""
        let factors = try await RiskFactor.query(on: req.db).sort(\.$position).all()
        var practices = try await Practice.query(on: req.db).filter(\.$status == .published).with(\.$school).with(\.$authority).sort(\.$publishedAt, .descending).all()
        if !q.isEmpty {
            let needle = q.lowercased()
            practices = practices.filter { p in [p.title, p.authors, p.description, p.school?.shortName ?? "", p.authority.municipality].contains { $0.lowercased().contains(needle) } }
        }
        if !factor.isEmpty { practices = practices.filter { $0.factorCodes.contains(factor) } }
        let model = PracticeCataloguePage(query: q, factor: factor, factors: factors.map { (code: $0.code, title: $0.title) }, practices: practices.map { p in
            PracticeCataloguePage.Entry(id: p.id ?? 0, title: p.title, schoolName: p.school?.shortName, municipality: p.authority.municipality, authors: p.authors)
        })
        return .html(PracticeCatalogueView(model: model, layout: Layout(title: "Банк практик", user: nil, csrf: nil)).render())
    }

    func show(req: Request) async throws -> Response {
        guard let id = req.intParameter("practiceID"), let p = try await Practice.query(on: req.db).filter(\.$id == id).filter(\.$status == .published)
                .with(\.$school).with(\.$files).first() else { throw PublicError.notFound() }
        let factors = try await RiskFactor.query(on: req.db).sort(\.$position).all().map { (code: $0.code, title: $0.title) }
        let card = PracticesController.card(p, factors: factors, fileURL: { SiteRoute.publicPracticeFile($0).path })
        return .html(PublicPracticeView(model: card, layout: Layout(title: p.title, user: nil, csrf: nil, breadcrumbs: [("Банк практик", SiteRoute.publicPractices.path)])).render())
    }

    func file(req: Request) async throws -> Response {
        guard let id = req.intParameter("fileID"), let f = try await PracticeFile.query(on: req.db).filter(\.$id == id).with(\.$practice).first(),
              f.practice.status == .published else { throw PublicError.notFound() }
        return .file(f.content, name: f.name, contentType: "application/octet-stream")
    }
}
