import Fluent
import OporaCore
import Vapor

/// The roadmap constructor for a school and the authority's library of measure templates.
struct ConstructorController {
    private func page(_ req: Request, _ school: School, problem: String? = nil) async throws -> ConstructorPage {
        let sid = try school.requireID()
        let entries = try await RiskService(db: req.db).profile(schoolID: sid)
        let year = entries.map(\.year).max()
        let factors = try await RiskService(db: req.db).catalogue()
        let latest = Dictionary(uniqueKeysWithValues: entries.filter { $0.year == year }.map { ($0.$factor.id, $0) })
        let today = ExecutionService.today()
        let start = today.month >= 6 ? today.year : today.year - 1
        return ConstructorPage(schoolID: sid, schoolName: school.shortName, profileYear: year,
                               factors: factors.map { ($0.code, $0.title, latest[$0.id ?? -1]?.significance) },
                               defaultPeriod: "\(start)-\(start + 1)", problem: problem)
    }

    func form(req: Request) async throws -> Response {
        let school = try req.routeSchool()
        return .html(ConstructorView(model: try await page(req, school), layout: req.layout("Конструктор", crumbs: [(school.shortName, SiteRoute.school(try school.requireID()).path)]), csrf: req.csrf).render())
    }

    struct BuildForm: Content {
        var period: String
        var factors: [String]?
    }

    func build(req: Request) async throws -> Response {
        let school = try req.routeSchool()
        let sid = try school.requireID()
        func fail(_ message: String) async throws -> Response {
            .html(ConstructorView(model: try await page(req, school, problem: message), layout: req.layout("Конструктор"), csrf: req.csrf).render(), status: .unprocessableEntity)
        }
        guard let form = try? req.content.decode(BuildForm.self), let period = RoadmapPeriod(parsing: form.period) else {
            return try await fail("Период: учебный год (2025-2026) или год (2026).")
        }
        let model = try await page(req, school)
        let chosen = form.factors ?? []
        let choices = chosen.compactMap { code in model.factors.first { $0.code == code }.map { RoadmapBuilder.Choice(code: $0.code, title: $0.title, significance: $0.significance ?? .low) } }
        let templates = try await MeasureTemplateRecord.query(on: req.db).group(.or) { $0.filter(\.$authority.$id == nil).filter(\.$authority.$id == school.$authority.id) }.all()
        let draft: RoadmapDraft
        do {
            draft = try RoadmapBuilder.build(choices: choices, templates: templates.map(\.template), period: period)
        } catch let problem as RoadmapBuilder.Problem {
            return try await fail(problem.description)
        }
        let roadmap = try await RoadmapService(db: req.db).create(from: draft, authorityID: school.$authority.id, schoolID: sid,
                                                                  title: "Дорожная карта \(school.shortName) на \(period)", period: period, user: try req.currentUser())
        return req.redirect(to: SiteRoute.roadmap(try roadmap.requireID()).path)
    }

    func templates(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let aid = try authority.requireID()
        let records = try await MeasureTemplateRecord.query(on: req.db).group(.or) { $0.filter(\.$authority.$id == nil).filter(\.$authority.$id == aid) }.sort(\.$id).all()
        let factors = try await RiskService(db: req.db).catalogue()
        let titles = Dictionary(uniqueKeysWithValues: factors.map { ($0.code, $0.title) })
        let model = TemplatesPage(authorityID: aid, municipality: authority.municipality,
                                  templates: records.map { r in (r.text, r.form, r.deadline, r.result, MeasureTemplate.Level(rawValue: r.level)?.title ?? r.level,
                                                                 r.factors.compactMap { titles[$0] }.joined(separator: "; "), r.$authority.id != nil) },
                                  factors: factors.map { ($0.code, $0.title) }, canManage: try await req.scope().canManage(authorityID: aid))
        return .html(TemplatesView(model: model, layout: req.layout("Библиотека мероприятий", crumbs: [(authority.municipality, SiteRoute.authority(aid).path)]), csrf: req.csrf).render())
    }

    struct TemplateForm: Content {
        var text: String
        var form: String
        var deadline: String
        var result: String
        var level: String
        var factors: [String]?
    }

    func addTemplate(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let aid = try authority.requireID()
        guard let form = try? req.content.decode(TemplateForm.self), let text = form.text.nilIfBlank, let f = form.form.nilIfBlank,
              let deadline = form.deadline.nilIfBlank, let result = form.result.nilIfBlank, let level = MeasureTemplate.Level(rawValue: form.level) else {
            throw PublicError(.badRequest, "Заполните мероприятие, форму, срок и результат.")
        }
        let known = Set(try await RiskFactor.query(on: req.db).all().map(\.code))
        let factors = form.factors ?? []
        guard Set(factors).isSubset(of: known) else { throw PublicError(.badRequest, "Неизвестный фактор риска.") }
        let r = MeasureTemplateRecord()
        r.$authority.id = aid
        r.code = "custom-\(Int(Date().timeIntervalSince1970))"
        r.text = text
        r.form = f
        r.deadline = deadline
        r.result = result
        r.level = level.rawValue
        r.factors = factors
        try await req.db.transaction { tx in
            try await r.create(on: tx)
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: aid, action: "Добавлен шаблон мероприятия", entity: "Библиотека мероприятий", entityID: r.id, after: text)
        }
        return req.redirect(to: SiteRoute.authority(aid, .templates).path)
    }
}
