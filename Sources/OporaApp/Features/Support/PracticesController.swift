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
        var body: [BodyNode] = [heading("Банк эффективных практик: \(authority.municipality)")]
        body.append(para("Опубликованные практики видны всем в открытом каталоге: /public/practices.", cls: "muted"))
        body.append(practices.isEmpty ? para("Практик пока нет.", cls: "muted") : table(["Практика", "Школа", "Авторы", "Состояние"], practices.map { p in
            [link(p.title, SiteRoute.practice(p.id ?? 0).path), .text(p.school?.shortName ?? "муниципалитет"), .text(p.authors),
             el("span", [("class", p.status == .published ? "tag firstTime" : "tag")], text: p.status == .published ? "опубликована" : "черновик")]
        }))
        if scope.canRecordSupport(authorityID: aid, schoolIDs: []) {
            let schools = try await School.query(on: req.db).filter(\.$authority.$id == aid).all().sortedNaturally(by: \.shortName)
            body.append(try await form(req, action: SiteRoute.authority(aid, .practices).path, schools: schools))
        }
        return .html(req.layout("Банк практик", crumbs: [(authority.municipality, SiteRoute.authority(aid).path)]).render(body))
    }

    func form(_ req: Request, action: String, schools: [School]) async throws -> BodyNode {
        el("details", [], [el("summary", text: "Описать практику"), postForm(action, csrf: req.csrf, [
            field("Название", name: "title", required: true), field("Авторы", name: "authors", required: true),
            schools.count == 1 ? voidEl("input", [("type", "hidden"), ("name", "school"), ("value", String(schools[0].id ?? 0))])
                : selectField("Школа", name: "school", options: [(value: "", title: "— муниципальная практика —")] + schools.compactMap { s in s.id.map { (value: String($0), title: s.shortName) } }, selected: nil),
            el("fieldset", [("class", "checks")], [el("legend", text: "Риски, на которые направлена")] + (try await factors(req.db)).map { f in
                el("label", [("class", "check")], [voidEl("input", [("type", "checkbox"), ("name", "factor-\(f.code)"), ("value", "on")]), .text(" " + f.title)])
            }),
            textArea("Описание", name: "description", rows: 6, required: true), textArea("Ссылки (по одной в строке)", name: "links"), button("Сохранить черновик"),
        ])])
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
        var body = try await Self.view(p, factors: try await factors(req.db), fileURL: { SiteRoute.practiceFile($0).path })
        if p.status == .draft, scope.canRecordSupport(authorityID: p.$authority.id, schoolIDs: []) {
            body.append(postForm(SiteRoute.practice(id, .publish).path, csrf: req.csrf, [button("Опубликовать в открытом каталоге")]))
        }
        if p.status == .published { body.append(para("Опубликована \(p.publishedAt.map(SupportController.date) ?? ""): /public/practices/\(id)", cls: "muted")) }
        let canEdit = p.$school.id.map { scope.canKeepTeachers(schoolID: $0, authorityID: p.$authority.id) } ?? scope.canRecordSupport(authorityID: p.$authority.id, schoolIDs: [])
        if canEdit {
            body.append(postForm(SiteRoute.practice(id, .files).path, csrf: req.csrf, multipart: true, [
                el("div", [("class", "field")], [el("label", [("for", "f-pfile")], text: "Файл (до 5 МБ)"), voidEl("input", [("type", "file"), ("name", "file"), ("id", "f-pfile"), ("required", "required")])]),
                button("Приложить файл", cls: "button secondary"),
            ]))
        }
        return .html(req.layout(p.title, crumbs: [("Банк практик", SiteRoute.authority(p.$authority.id, .practices).path)]).render(body))
    }

    static func view(_ p: Practice, factors: [(code: String, title: String)], fileURL: (Int) -> String) async throws -> [BodyNode] {
        let titles = Dictionary(uniqueKeysWithValues: factors.map { ($0.code, $0.title) })
        var body: [BodyNode] = [heading(p.title)]
        body.append(table(["", ""], [
            [.text("Школа"), .text(p.school?.shortName ?? "муниципальная практика")],
            [.text("Авторы"), .text(p.authors)],
            [.text("Риски, на которые направлена"), .text(p.factorCodes.compactMap { titles[$0] }.joined(separator: "; "))],
        ], cls: "data facts"))
        body.append(contentsOf: p.description.split(whereSeparator: \.isNewline).map { para(String($0)) })
        if !p.linkList.isEmpty { body.append(el("ul", [], p.linkList.map { el("li", [], [link($0, $0)]) })) }
        if !p.files.isEmpty { body.append(el("ul", [], p.files.map { f in el("li", [], [link(f.name, fileURL(f.id ?? 0))]) })) }
        return body
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
        var body: [BodyNode] = [heading("Банк эффективных практик")]
        body.append(el("form", [("method", "get"), ("class", "filters")], [
            field("Поиск", name: "q", value: q, type: "search"),
            selectField("Риск", name: "factor", options: [(value: "", title: "любой")] + factors.map { (value: $0.code, title: $0.title) }, selected: factor),
            button("Найти"),
        ]))
        body.append(para("Найдено: \(RussianPlural.count(practices.count, "практика", "практики", "практик")).", cls: "muted"))
        body.append(contentsOf: practices.map { p in
            el("article", [("class", "practice")], [el("h2", [], [link(p.title, SiteRoute.publicPractice(p.id ?? 0).path)]),
                                                    para("\(p.school?.shortName ?? "муниципальная практика"), \(p.authority.municipality). Авторы: \(p.authors)", cls: "muted")])
        })
        return .html(Layout(title: "Банк практик", user: nil, csrf: nil).render(body))
    }

    func show(req: Request) async throws -> Response {
        guard let id = req.intParameter("practiceID"), let p = try await Practice.query(on: req.db).filter(\.$id == id).filter(\.$status == .published)
                .with(\.$school).with(\.$files).first() else { throw PublicError.notFound() }
        let factors = try await RiskFactor.query(on: req.db).sort(\.$position).all().map { (code: $0.code, title: $0.title) }
        let body = try await PracticesController.view(p, factors: factors, fileURL: { SiteRoute.publicPracticeFile($0).path })
        return .html(Layout(title: p.title, user: nil, csrf: nil, breadcrumbs: [("Банк практик", SiteRoute.publicPractices.path)]).render(body))
    }

    func file(req: Request) async throws -> Response {
        guard let id = req.intParameter("fileID"), let f = try await PracticeFile.query(on: req.db).filter(\.$id == id).with(\.$practice).first(),
              f.practice.status == .published else { throw PublicError.notFound() }
        return .file(f.content, name: f.name, contentType: "application/octet-stream")
    }
}
