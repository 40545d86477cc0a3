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
        // As the access policy found and judged it: one read of the event and its schools.
        let judged = try req.routeEvent()
        return Loaded(event: judged.event, scope: try await req.scope(), visibleSchools: judged.visible, allSchools: judged.all)
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
        let done = try? req.query.get(String.self, at: "done")
        var agreement: EventPage.Agreement?
        if let agreementID = e.$agreement.id, let a = try await MentorAgreement.query(on: req.db).filter(\.$id == agreementID).with(\.$mentorSchool).with(\.$school).first() {
            agreement = EventPage.Agreement(number: a.number, date: SupportController.date(a.date), mentorSchool: a.mentorSchool.shortName, school: a.school.shortName)
        }
        // Participants only here: the event's other routes never show them.
        let users = try await User.query(on: req.db).filter(\.$id ~~ e.$participants.get(on: req.db).map(\.$user.id)).sort(\.$fullName).all()
        let participants: [(fullName: String, position: String)] = users.map { (fullName: $0.fullName, position: $0.position) }

        var visit: EventPage.Visit?
        if e.kind.isVisit {
            let findings = try await VisitFinding.query(on: req.db).filter(\.$event.$id == eid).all().filter { visibleIDs.contains($0.$school.id) }
            let names = Dictionary(uniqueKeysWithValues: l.visibleSchools.compactMap { s in s.id.map { ($0, s.shortName) } })
            let followUps = try await FollowUp.query(on: req.db).filter(\.$event.$id == eid).sort(\.$dueDate).all().filter { visibleIDs.contains($0.$school.id) }
            let findingRows: [EventPage.Finding] = findings.map { f in
                EventPage.Finding(school: names[f.$school.id], lessonsAttended: f.lessonsAttended, lessonsBelowExpected: f.lessonsBelowExpected,
                                  documentsChecked: f.documentsChecked, findings: f.findings)
            }
            let followUpRows: [EventPage.FollowUpRow] = followUps.map { f in
                EventPage.FollowUpRow(id: f.id ?? 0, school: names[f.$school.id], text: f.text, due: SupportController.date(f.dueDate), tag: FollowUpTag(f, today: today),
                                      doneNote: f.doneNote, canReport: !f.done && l.scope.canReportFollowUp(schoolID: f.$school.id, authorityID: aid))
            }
            visit = EventPage.Visit(findings: findingRows, followUps: followUpRows)
        }
        let schoolOptions: [(id: Int, name: String)] = l.visibleSchools.compactMap { s in s.id.map { (id: $0, name: s.shortName) } }
        let model = EventPage(
            eventID: eid, kind: e.kind, title: e.title, done: done, date: SupportController.date(e.date), organiser: e.organiser, agreement: agreement,
            schools: l.visibleSchools.map(\.shortName), participants: participants, otherParticipants: e.otherParticipants,
            materials: e.materials, protocolText: e.protocolText, visit: visit, canRecord: canRecord, schoolOptions: schoolOptions)
        let crumbs: [(String, String)] = l.allSchools ? [("Сопровождение", SiteRoute.authority(aid, .support).path)] : l.visibleSchools.prefix(1).compactMap { s in s.id.map { (s.shortName, SiteRoute.school($0).path) } }
        return .html(EventView(model: model, layout: req.layout(e.title, crumbs: crumbs), csrf: req.csrf).render())
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
        let aid = school.$authority.id
        let today = ExecutionService.today()
        let events = try await SupportService(db: req.db).events(schoolID: sid)
        let canRecord = try await req.scope().canRecordSupport(authorityID: aid, schoolIDs: [sid])
        let followUps = try await FollowUp.query(on: req.db).filter(\.$school.$id == sid).sort(\.$dueDate).all()
        let agreements = try await MentorAgreement.query(on: req.db).group(.or) { $0.filter(\.$school.$id == sid).filter(\.$mentorSchool.$id == sid) }
            .with(\.$mentorSchool).with(\.$school).all()
        let consultations = try await Consultation.query(on: req.db).filter(\.$school.$id == sid).sort(\.$date, .descending).all()
        let practices = try await Practice.query(on: req.db).filter(\.$school.$id == sid).sort(\.$id, .descending).all()
        var practiceForm: PracticeForm?
        if try await req.scope().canKeepTeachers(schoolID: sid, authorityID: aid) {
            practiceForm = try await PracticesController().formModel(req, action: SiteRoute.school(sid, .practices).path, schools: [school])
        }

        let eventRows: [SchoolSupportPage.Event] = events.map { e in
            SchoolSupportPage.Event(id: e.id ?? 0, date: SupportController.date(e.date), kind: e.kind, title: e.title, organiser: e.organiser)
        }
        let followUpRows: [SchoolSupportPage.FollowUpRow] = followUps.map { f in
            SchoolSupportPage.FollowUpRow(id: f.id ?? 0, eventID: f.$event.id, text: f.text, due: SupportController.date(f.dueDate), tag: FollowUpTag(f, today: today))
        }
        let consultationRows: [SchoolSupportPage.ConsultationRow] = consultations.map { c in
            SchoolSupportPage.ConsultationRow(date: SupportController.date(c.date), kind: c.kind, topic: c.topic, consultant: c.consultant, person: c.person)
        }
        let practiceRows: [SchoolSupportPage.PracticeRow] = practices.map { p in SchoolSupportPage.PracticeRow(id: p.id ?? 0, title: p.title, published: p.status == .published) }
        let model = SchoolSupportPage(
            schoolID: sid, authorityID: aid, schoolName: school.shortName, events: eventRows, canRecord: canRecord, followUps: followUpRows,
            agreements: agreements.map { AgreementRow($0) }, consultations: consultationRows, practices: practiceRows, practiceForm: practiceForm)
        return .html(SchoolSupportView(model: model, layout: req.layout("Сопровождение", crumbs: [(school.shortName, SiteRoute.school(sid).path)]), csrf: req.csrf).render())
    }
}
