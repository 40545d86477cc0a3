import Fluent
import Foundation
import OporaCore
import Vapor

/// One event or visit: its schools, participants, materials and protocol; for a visit, what was
/// seen at each school and the recommendations followed up. A school user or curator sees the
/// event only if it concerns one of their schools, and only those schools' findings.
struct EventController {
    struct Loaded {
        let event: SupportEvent
        let scope: Scope
        /// Target schools the user may read.
        let visibleSchools: [School]
        let allSchools: Bool
    }

    func load(_ req: Request) async throws -> Loaded {
        guard let id = req.intParameter("eventID"), let event = try await SupportEvent.query(on: req.db).filter(\.$id == id)
                .with(\.$schools).with(\.$participants).first() else { throw PublicError.notFound() }
        let scope = try await req.scope()
        let aid = event.$authority.id
        let targets = try await School.query(on: req.db).filter(\.$id ~~ event.schools.map(\.$school.id)).all().sortedNaturally(by: \.shortName)
        let visible = targets.filter { s in s.id.map { scope.canRead(schoolID: $0, authorityID: aid) } ?? false }
        let all = scope.canRead(authorityID: aid)
        guard all || !visible.isEmpty else { throw PublicError.notFound() }
        return Loaded(event: event, scope: scope, visibleSchools: visible, allSchools: all)
    }

    func page(req: Request) async throws -> Response {
        let l = try await load(req)
        let e = l.event
        let eid = try e.requireID()
        let aid = e.$authority.id
        let today = ExecutionService.today()
        let visibleIDs = Set(l.visibleSchools.compactMap(\.id))
        let canRecord = l.scope.canRecordSupport(authorityID: aid, schoolIDs: l.allSchools ? [] : visibleIDs)
            || l.scope.canRecordSupport(authorityID: aid, schoolIDs: visibleIDs)
        var body: [BodyNode] = [heading("\(e.kind.title): \(e.title)")]
        if let done = try? req.query.get(String.self, at: "done") { body.append(notice(done, kind: "ok")) }
        var facts: [[BodyNode]] = [[.text("Дата"), .text(SupportController.date(e.date))], [.text("Организатор"), .text(e.organiser)]]
        if let agreementID = e.$agreement.id, let a = try await MentorAgreement.query(on: req.db).filter(\.$id == agreementID).with(\.$mentorSchool).with(\.$school).first() {
            facts.append([.text("Соглашение"), .text("№ \(a.number) от \(SupportController.date(a.date)): \(a.mentorSchool.shortName) — \(a.school.shortName)")])
        }
        facts.append([.text("Школы"), .text(l.visibleSchools.map(\.shortName).joined(separator: ", "))])
        let users = try await User.query(on: req.db).filter(\.$id ~~ e.participants.map(\.$user.id)).sort(\.$fullName).all()
        facts.append([.text("Участники"), .text((users.map { "\($0.fullName) (\($0.position))" } + [e.otherParticipants].compactMap { $0 }).joined(separator: "; "))])
        if let m = e.materials { facts.append([.text("Материалы"), .text(m)]) }
        if let p = e.protocolText { facts.append([.text("Протокол"), .text(p)]) }
        body.append(table(["", ""], facts, cls: "data facts"))

        if e.kind.isVisit {
            let findings = try await VisitFinding.query(on: req.db).filter(\.$event.$id == eid).all().filter { visibleIDs.contains($0.$school.id) }
            let names = Dictionary(uniqueKeysWithValues: l.visibleSchools.compactMap { s in s.id.map { ($0, s.shortName) } })
            body.append(subheading("Что увидели в школах"))
            body.append(findings.isEmpty ? para("Результаты выезда ещё не записаны.", cls: "muted")
                : table(["Школа", "Посещено уроков", "Уроки ниже ожидаемого уровня", "Проверенные документы", "Выводы"], findings.map { f in
                    [.text(names[f.$school.id] ?? ""), .text("\(f.lessonsAttended)"), .text(f.lessonsBelowExpected ? "да" : "нет"), .text(f.documentsChecked ?? "—"), .text(f.findings)]
                }))
            if canRecord {
                let options = l.visibleSchools.compactMap { s in s.id.map { (value: String($0), title: s.shortName) } }
                body.append(el("details", [], [el("summary", text: "Записать, что увидели в школе"), postForm(SiteRoute.event(eid, .findings).path, csrf: req.csrf, [
                    selectField("Школа", name: "school", options: options, selected: nil),
                    field("Посещено уроков", name: "lessons", value: "0", type: "number"),
                    el("label", [("class", "check")], [voidEl("input", [("type", "checkbox"), ("name", "below"), ("value", "on")]), .text(" Уроки ниже ожидаемого уровня")]),
                    textArea("Проверенные документы", name: "documents"), textArea("Выводы", name: "findings", rows: 4, required: true), button("Записать"),
                ])]))
            }
            let followUps = try await FollowUp.query(on: req.db).filter(\.$event.$id == eid).sort(\.$dueDate).all().filter { visibleIDs.contains($0.$school.id) }
            body.append(subheading("Рекомендации"))
            body.append(followUps.isEmpty ? para("Рекомендаций нет.", cls: "muted") : table(["Школа", "Рекомендация", "Срок", "Состояние", "Отчёт школы", ""], followUps.map { f in
                var action: BodyNode = .text("")
                if !f.done, l.scope.canReportFollowUp(schoolID: f.$school.id, authorityID: aid) {
                    action = postForm(SiteRoute.followUp(f.id ?? 0, .done).path, csrf: req.csrf, cls: "inline", [
                        voidEl("input", [("type", "text"), ("name", "note"), ("placeholder", "что сделано"), ("aria-label", "Что сделано")]), button("Выполнено", cls: "button secondary"),
                    ])
                }
                return [el("span", [("id", "follow-up-\(f.id ?? 0)")], text: names[f.$school.id] ?? ""), .text(f.text), .text(SupportController.date(f.dueDate)),
                        FollowUpView.status(f, today: today), .text(f.doneNote ?? ""), action]
            }))
            if canRecord {
                let options = l.visibleSchools.compactMap { s in s.id.map { (value: String($0), title: s.shortName) } }
                body.append(el("details", [], [el("summary", text: "Добавить рекомендацию"), postForm(SiteRoute.event(eid, .followUps).path, csrf: req.csrf, [
                    selectField("Школа", name: "school", options: options, selected: nil), textArea("Рекомендация", name: "text", required: true),
                    field("Срок", name: "due", type: "date", required: true), button("Добавить"),
                ])]))
            }
        }
        let crumbs: [(String, String)] = l.allSchools ? [("Сопровождение", SiteRoute.authority(aid, .support).path)] : l.visibleSchools.prefix(1).compactMap { s in s.id.map { (s.shortName, SiteRoute.school($0).path) } }
        return .html(req.layout(e.title, crumbs: crumbs).render(body))
    }

    /// A target school of the event that the user may record support for.
    private func recordableSchool(_ req: Request, _ l: Loaded) async throws -> Int {
        guard let sid = (try? req.content.get(String.self, at: "school")).flatMap(Int.init), l.event.schools.contains(where: { $0.$school.id == sid }) else {
            throw PublicError(.badRequest, "Выберите школу из тех, к кому относится мероприятие.")
        }
        guard l.scope.canRecordSupport(authorityID: l.event.$authority.id, schoolIDs: [sid]) else { throw PublicError.forbidden() }
        return sid
    }

    func addFinding(req: Request) async throws -> Response {
        let l = try await load(req)
        guard l.event.kind.isVisit else { throw PublicError(.badRequest, "Результаты записываются только для выездов.") }
        let sid = try await recordableSchool(req, l)
        let eid = try l.event.requireID()
        let finding = try await VisitFinding.query(on: req.db).filter(\.$event.$id == eid).filter(\.$school.$id == sid).first() ?? VisitFinding()
        let before = finding.id == nil ? nil : "\(finding.lessonsAttended) уроков; \(finding.findings)"
        finding.$event.id = eid
        finding.$school.id = sid
        guard let lessons = Int((try? req.content.get(String.self, at: "lessons")) ?? "0"), lessons >= 0 else { throw PublicError(.badRequest, "Число уроков — целое неотрицательное.") }
        finding.lessonsAttended = lessons
        finding.lessonsBelowExpected = (try? req.content.get(String.self, at: "below")) == "on"
        finding.documentsChecked = try SupportController.text(req, "documents")
        finding.findings = try SupportController.text(req, "findings", required: "Выводы") ?? ""
        try await req.db.transaction { tx in
            try await finding.save(on: tx)
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: l.event.$authority.id, action: "Записаны результаты выезда", entity: l.event.title,
                                   entityID: eid, before: before, after: "\(lessons) уроков\(finding.lessonsBelowExpected ? ", ниже ожидаемого уровня" : ""); \(finding.findings)")
        }
        return req.redirect(to: SiteRoute.event(eid).path)
    }

    func addFollowUp(req: Request) async throws -> Response {
        let l = try await load(req)
        guard l.event.kind.isVisit else { throw PublicError(.badRequest, "Рекомендации записываются по итогам выездов.") }
        let sid = try await recordableSchool(req, l)
        let eid = try l.event.requireID()
        let f = FollowUp()
        f.$event.id = eid
        f.$school.id = sid
        f.text = try SupportController.text(req, "text", required: "Рекомендация") ?? ""
        f.dueDate = try SupportController.isoDate(req, "due", title: "Срок")
        f.done = false
        try await req.db.transaction { tx in
            try await f.create(on: tx)
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: l.event.$authority.id, action: "Дана рекомендация по итогам выезда", entity: l.event.title,
                                   entityID: f.id, after: "\(f.text) (срок \(SupportController.date(f.dueDate)))")
        }
        return req.redirect(to: SiteRoute.event(eid).path)
    }

    func done(req: Request) async throws -> Response {
        guard let id = req.intParameter("followUpID"), let f = try await FollowUp.query(on: req.db).filter(\.$id == id).with(\.$event).first() else { throw PublicError.notFound() }
        let aid = f.event.$authority.id
        guard !f.done else { return req.redirect(to: SiteRoute.event(f.$event.id).path) }
        f.done = true
        f.doneAt = ExecutionService.today().iso
        f.doneNote = try SupportController.text(req, "note")
        try await req.db.transaction { tx in
            try await f.save(on: tx)
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: aid, action: "Рекомендация выполнена", entity: f.text, entityID: id,
                                   before: "в работе", after: "выполнено" + (f.doneNote.map { ": \($0)" } ?? ""))
        }
        return req.redirect(to: SiteRoute.event(f.$event.id).path + "#follow-up-\(id)")
    }
}

/// GET /schools/:id/support — the school's side: events and visits that concerned it, its
/// recommendations, agreements with a mentor school, consultations.
struct SchoolSupportController {
    func page(req: Request) async throws -> Response {
        let school = try req.routeSchool()
        let sid = try school.requireID()
        let today = ExecutionService.today()
        let events = try await SupportService(db: req.db).events(schoolID: sid)
        var body: [BodyNode] = [heading("Сопровождение: \(school.shortName)")]
        body.append(subheading("Мероприятия и выезды"))
        body.append(events.isEmpty ? para("Мероприятий пока нет.", cls: "muted") : table(["Дата", "Вид", "Тема", "Организатор"], events.map { e in
            [.text(SupportController.date(e.date)), .text(e.kind.title), link(e.title, SiteRoute.event(e.id ?? 0).path), .text(e.organiser)]
        }))
        if try await req.scope().canRecordSupport(authorityID: school.$authority.id, schoolIDs: [sid]) {
            body.append(el("details", [], [el("summary", text: "Записать выезд или мероприятие для этой школы"), postForm(SiteRoute.authority(school.$authority.id, .events).path, csrf: req.csrf, [
                voidEl("input", [("type", "hidden"), ("name", "school-\(sid)"), ("value", "on")]),
                selectField("Вид", name: "kind", options: EventKind.allCases.map { (value: $0.rawValue, title: $0.title) }, selected: EventKind.visit.rawValue),
                field("Тема", name: "title", required: true), field("Дата", name: "date", type: "date", required: true),
                field("Организатор", name: "organiser", required: true), textArea("Протокол", name: "protocol"), button("Записать"),
            ])]))
        }
        let followUps = try await FollowUp.query(on: req.db).filter(\.$school.$id == sid).sort(\.$dueDate).all()
        body.append(subheading("Рекомендации"))
        body.append(followUps.isEmpty ? para("Рекомендаций нет.", cls: "muted") : table(["Рекомендация", "Срок", "Состояние"], followUps.map { f in
            [link(f.text, SiteRoute.event(f.$event.id).path + "#follow-up-\(f.id ?? 0)"), .text(SupportController.date(f.dueDate)), FollowUpView.status(f, today: today)]
        }))
        let agreements = try await MentorAgreement.query(on: req.db).group(.or) { $0.filter(\.$school.$id == sid).filter(\.$mentorSchool.$id == sid) }
            .with(\.$mentorSchool).with(\.$school).all()
        body.append(subheading("Школа-наставник"))
        body.append(agreements.isEmpty ? para("Соглашений нет.", cls: "muted") : table(["Соглашение", "Школа-наставник", "ШНОР", "Период", "Предмет сотрудничества"], agreements.map { a in
            [.text("№ \(a.number) от \(SupportController.date(a.date))"), .text(a.mentorSchool.shortName), .text(a.school.shortName),
             .text("\(SupportController.date(a.periodStart)) – \(SupportController.date(a.periodEnd))"), .text(a.subject)]
        }))
        let consultations = try await Consultation.query(on: req.db).filter(\.$school.$id == sid).sort(\.$date, .descending).all()
        body.append(subheading("Консультации"))
        body.append(consultations.isEmpty ? para("Консультаций нет.", cls: "muted") : table(["Дата", "Где", "Тема", "Консультант", "Кого консультировали"], consultations.map { c in
            [.text(SupportController.date(c.date)), .text(c.kind.title), .text(c.topic), .text(c.consultant), .text(c.person)]
        }))
        let practices = try await Practice.query(on: req.db).filter(\.$school.$id == sid).sort(\.$id, .descending).all()
        body.append(subheading("Практики школы"))
        body.append(practices.isEmpty ? para("Практик пока нет.", cls: "muted") : el("ul", [], practices.map { p in
            el("li", [], [link(p.title, SiteRoute.practice(p.id ?? 0).path), .text(p.status == .published ? " — опубликована" : " — черновик")])
        }))
        if try await req.scope().canKeepTeachers(schoolID: sid, authorityID: school.$authority.id) {
            body.append(try await PracticesController().form(req, action: SiteRoute.school(sid, .practices).path, schools: [school]))
        }
        return .html(req.layout("Сопровождение", crumbs: [(school.shortName, SiteRoute.school(sid).path)]).render(body))
    }
}
