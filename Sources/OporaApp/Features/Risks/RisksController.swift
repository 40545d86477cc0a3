import Fluent
import OporaCore
import Vapor

/// Risk profiles of schools, their self-assessment, the curator's corrections, and the
/// municipal summary with its heat map.
struct RisksController {
    private func year(_ req: Request) throws -> Int {
        (try req.queryYear("year")) ?? ExecutionService.today().year
    }

    func profile(req: Request) async throws -> Response {
        let school = try req.routeSchool()
        let sid = try school.requireID()
        let service = RiskService(db: req.db)
        let entries = try await service.profile(schoolID: sid)
        let years = Set(entries.map(\.year))
        let shown = ShownYear(asked: try req.queryYear("year"), latest: years.max(), current: Season.listYear(on: ExecutionService.today()))
        let year = shown.year
        var byYear: [Int: [Int: RiskProfileEntry]] = [:]
        for e in entries { byYear[e.year, default: [:]][e.$factor.id] = e }
        let factors = try await service.catalogue()
        let model = RiskProfilePage(schoolID: sid, schoolName: school.shortName, year: year, years: Array(years.union([year])).sorted(),
                                    factors: factors.compactMap { f in f.id.map { ($0, f.title) } }, entries: byYear,
                                    canFill: try await req.mayFillSelfAssessment(school), canOverride: try await req.mayOverrideRisks(school))
        var layout = req.layout("Рисковый профиль", crumbs: [(school.shortName, SiteRoute.school(sid).path)])
        layout.yearNote = shown.note
        return .html(RiskProfileView(model: model, layout: layout, csrf: req.csrf).render())
    }

    func form(req: Request) async throws -> Response {
        let school = try req.routeSchool()
        let sid = try school.requireID()
        let year = try year(req)
        let factors = try await RiskService(db: req.db).catalogue()
        let model = SelfAssessmentPage(schoolID: sid, schoolName: school.shortName, year: year,
                                       factors: factors.map { f in (f.title, f.questions.sorted { $0.position < $1.position }.compactMap { q in q.id.map { ($0, q.text, q.respondent.title, q.weight) } }) },
                                       answers: try await RiskService(db: req.db).answers(schoolID: sid, year: year))
        return .html(SelfAssessmentView(model: model, layout: req.layout("Самодиагностика", crumbs: [(school.shortName, SiteRoute.school(sid).path)]), csrf: req.csrf).render())
    }

    func save(req: Request) async throws -> Response {
        let school = try req.routeSchool()
        let sid = try school.requireID()
        let year = try year(req)
        guard (2000...2100).contains(year) else { throw PublicError(.badRequest, "Неверный год.") }
        let fields = (try? req.content.decode([String: String].self)) ?? [:]
        var answers: [Int: Int] = [:]
        for (key, value) in fields where key.hasPrefix("q") {
            if let q = Int(key.dropFirst()), let v = Int(value), (0...3).contains(v) { answers[q] = v }
        }
        let saved = try await RiskService(db: req.db).answers(schoolID: sid, year: year)
        try req.ensureUnchanged(stamp: Self.answersStamp(saved), now: saved.isEmpty ? "анкета не заполнена" : "ответов: \(saved.count)",
                                back: SiteRoute.school(sid, .selfAssessment).path(year: year))
        let user = try req.currentUser()
        let savedAnswers = answers   // a constant for the transaction
        try await req.db.transaction { tx in
            try await RiskService(db: tx).saveAnswers(schoolID: sid, year: year, answers: savedAnswers, by: user.login)
            try await Audit.record(on: tx, user: user, authorityID: school.$authority.id, action: "Сохранена самодиагностика",
                                   entity: "\(school.shortName), \(year)", entityID: sid, after: "ответов: \(savedAnswers.count)")
        }
        return req.redirect(to: SiteRoute.school(sid, .risks).path + "?year=\(year)")
    }

    struct OverrideForm: Content {
        var factorID: Int
        var year: Int
        var significance: String?
        var justification: String?
    }

    /// The answers a self-assessment form showed: two people filling it at once do not overwrite
    /// each other's answers unseen.
    static func answersStamp(_ answers: [Int: Int]) -> String {
        EditStamp.of(values: answers.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })
    }

    /// What a correction form shows: the curator's significance and its justification.
    static func overrideStamp(_ significance: Int?, _ justification: String?) -> String {
        EditStamp.of(values: [significance.map(String.init) ?? "", justification ?? ""])
    }

    func override(req: Request) async throws -> Response {
        let school = try req.routeSchool()
        let sid = try school.requireID()
        guard let form = try? req.content.decode(OverrideForm.self) else { throw PublicError(.badRequest, "Неверные данные формы.") }
        guard let entry = try await RiskProfileEntry.query(on: req.db).filter(\.$school.$id == sid).filter(\.$year == form.year).filter(\.$factor.$id == form.factorID).with(\.$factor).first() else {
            throw PublicError(.conflict, "Сначала проведите самодиагностику за этот год.")
        }
        let before = entry.override.map { "\($0.title): \(entry.justification ?? "")" }
        try req.ensureUnchanged(stamp: Self.overrideStamp(entry.overrideRaw, entry.justification), now: before ?? "без корректировки",
                                back: SiteRoute.school(sid, .risks).path(year: form.year))
        if let raw = form.significance?.nilIfBlank {
            guard let s = Int(raw).flatMap(Significance.init(rawValue:)) else { throw PublicError(.badRequest, "Выберите значимость.") }
            guard let why = form.justification?.nilIfBlank else { throw PublicError(.badRequest, "Корректировка значимости требует обоснования.") }
            entry.overrideRaw = s.rawValue
            entry.justification = why
        } else {
            entry.overrideRaw = nil
            entry.justification = nil
        }
        let user = try req.currentUser()
        entry.overriddenBy = user.login
        try await req.db.transaction { tx in
            try await entry.save(on: tx)
            try await Audit.record(on: tx, user: user, authorityID: school.$authority.id, action: "Корректировка рискового фактора",
                                   entity: "\(school.shortName), \(form.year): \(entry.factor.title)", entityID: entry.id,
                                   before: before, after: entry.override.map { "\($0.title): \(entry.justification ?? "")" })
        }
        return req.redirect(to: SiteRoute.school(sid, .risks).path + "?year=\(form.year)")
    }

    func summary(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let aid = try authority.requireID()
        let years = try await RiskProfileEntry.query(on: req.db).join(School.self, on: \RiskProfileEntry.$school.$id == \School.$id)
            .filter(School.self, \.$authority.$id == aid).all().map(\.year)
        let shown = ShownYear(asked: try req.queryYear("year"), latest: years.max(), current: Season.listYear(on: ExecutionService.today()))
        let year = shown.year
        let (summary, factors, rows) = try await RiskService(db: req.db).summary(authorityID: aid, year: year)
        var model = RiskSummaryPage(authorityID: aid, municipality: authority.municipality, year: year, paragraph: summary.paragraph,
                                    lines: summary.lines.map { ($0.phrases.joined(separator: " и/или "), $0.schoolNames.count, $0.schoolNames.joined(separator: ", ")) },
                                    heatmap: RiskHeatmapSVG.render(factors: factors, rows: rows))
        let titles = Dictionary(uniqueKeysWithValues: factors.map { ($0.code, $0.title.lowercasedFirst) })
        let saved = try await RiskGroup.query(on: req.db).filter(\.$authority.$id == aid).filter(\.$year == year).sort(\.$id).all()
        if saved.isEmpty {
            model.groups = try await suggestedGroups(req, authorityID: aid, factors: factors, rows: rows).map { g in
                (nil, g.name, g.factors.map { titles[$0] ?? $0 }.joined(separator: ", "), g.schools.joined(separator: ", "), g.measures)
            }
        } else {
            model.groups = saved.map { g in (g.id, g.name, g.factors.map { titles[$0] ?? $0 }.joined(separator: ", "), g.schools.joined(separator: ", "), g.measures) }
        }
        model.canManage = try await req.scope().canManage(authorityID: aid)
        var layout = req.layout("Рисковые профили", crumbs: [("Муниципалитеты", SiteRoute.authorities.path), (authority.municipality, SiteRoute.authority(aid).path)])
        layout.yearNote = shown.note
        return .html(RiskSummaryView(model: model, layout: layout, csrf: req.csrf).render())
    }

    struct Suggested {
        let name: String
        let factors: [String]
        let schools: [String]
        let measures: [String]
    }

    /// Groups of similar profiles with the library's measures aimed at their common factors.
    private func suggestedGroups(_ req: Request, authorityID: Int, factors: [RiskFactor], rows: [(school: School, entries: [Int: RiskProfileEntry])]) async throws -> [Suggested] {
        let codeByID = Dictionary(uniqueKeysWithValues: factors.compactMap { f in f.id.map { ($0, f.code) } })
        let order = Dictionary(uniqueKeysWithValues: factors.enumerated().map { ($1.code, $0) })
        let profiles = rows.map { row in
            (school: row.school.shortName, factors: Set(row.entries.filter { ($0.value.significance ?? .low) >= .medium }.compactMap { codeByID[$0.key] }))
        }
        let templates = try await MeasureTemplateRecord.query(on: req.db).group(.or) { $0.filter(\.$authority.$id == nil).filter(\.$authority.$id == authorityID) }.all()
        let titles = Dictionary(uniqueKeysWithValues: factors.map { ($0.code, $0.title.lowercasedFirst) })
        return RiskGrouping.groups(profiles).enumerated().map { i, g in
            let codes = g.factors.sorted { (order[$0] ?? 0) < (order[$1] ?? 0) }
            let measures = templates.filter { !Set($0.factors).isDisjoint(with: g.factors) }.map { "\($0.text) (\($0.form); \($0.deadline))" }
            return Suggested(name: "Группа \(i + 1): \(codes.compactMap { titles[$0] }.joined(separator: " + "))", factors: codes, schools: g.schools, measures: measures)
        }
    }

    func saveGroups(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let aid = try authority.requireID()
        guard let year = try req.queryYear("year") else { throw PublicError(.badRequest, "Укажите год.") }
        let (_, factors, rows) = try await RiskService(db: req.db).summary(authorityID: aid, year: year)
        let groups = try await suggestedGroups(req, authorityID: aid, factors: factors, rows: rows)
        try await req.db.transaction { tx in
            try await RiskGroup.query(on: tx).filter(\.$authority.$id == aid).filter(\.$year == year).delete()
            for g in groups {
                let r = RiskGroup()
                r.$authority.id = aid
                r.year = year
                r.name = g.name
                r.factors = g.factors
                r.schools = g.schools
                r.measures = g.measures
                try await r.create(on: tx)
            }
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: aid, action: "Сохранены группы школ по рисковым профилям",
                                   entity: "\(year)", entityID: nil, after: groups.map(\.name).joined(separator: "; "))
        }
        return req.redirect(to: SiteRoute.authority(aid, .riskSummary).path + "?year=\(year)")
    }

    struct GroupNameForm: Content { var name: String }

    func renameGroup(req: Request) async throws -> Response {
        guard let id = req.intParameter("groupID"), let group = try await RiskGroup.find(id, on: req.db) else { throw PublicError.notFound() }
        _ = try await req.manageableAuthority(group.$authority.id)
        guard let name = (try? req.content.decode(GroupNameForm.self))?.name.nilIfBlank else { throw PublicError(.badRequest, "Укажите название.") }
        let before = group.name
        try req.ensureUnchanged(stamp: EditStamp.of(values: [before]), now: "«\(before)»",
                                back: SiteRoute.authority(group.$authority.id, .riskSummary).path(year: group.year))
        group.name = name
        try await req.db.transaction { tx in
            try await group.save(on: tx)
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: group.$authority.id, action: "Переименована группа школ", entity: "\(group.year)", entityID: id, before: before, after: name)
        }
        return req.redirect(to: SiteRoute.authority(group.$authority.id, .riskSummary).path + "?year=\(group.year)")
    }
}
