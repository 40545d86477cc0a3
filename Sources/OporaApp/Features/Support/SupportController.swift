import Fluent
import Foundation
import OporaCore
import Vapor

/// The support work of a municipality: events and visits, recommendations being followed up,
/// mentor school agreements and the consultation log. Read by whoever reads the municipality;
/// recorded by its coordinator and methodologists (curators record at their own schools).
struct SupportController {
    static func schoolYear(_ req: Request) throws -> Int {
        try req.queryYear("year") ?? Season.schoolYear(of: ExecutionService.today())
    }

    /// The school year a municipality's support pages open on: asked for, else the latest with
    /// a support event (an empty new school year would look like lost work), saying which.
    static func shownSchoolYear(_ req: Request, authorityID: Int) async throws -> ShownYear {
        let today = ExecutionService.today()
        // A year asked for (every link and download carries one) needs no search for the latest.
        if let asked = try req.queryYear("year") { return ShownYear(asked: asked, latest: nil, current: Season.schoolYear(of: today)) }
        let latest = try await SupportEvent.query(on: req.db).filter(\.$authority.$id == authorityID).sort(\.$date, .descending).first()
            .flatMap { LocalDate(parsing: $0.date) }.map(Season.schoolYear(of:))
        return ShownYear(asked: nil, latest: latest, current: Season.schoolYear(of: today), name: ShownYear.schoolYearName)
    }

    static func date(_ iso: String) -> String { LocalDate(parsing: iso)?.russian ?? iso }

    func page(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let aid = try authority.requireID()
        let shown = try await Self.shownSchoolYear(req, authorityID: aid)
        let year = shown.year
        let scope = try await req.scope()
        let canRecord = scope.canRecordSupport(authorityID: aid, schoolIDs: [])
        let schools = try await SchoolDirectory(db: req.db).schools(authorityID: aid)
        let names = Dictionary(schools.map { ($0.id, $0.shortName) }, uniquingKeysWith: { a, _ in a })
        let service = SupportService(db: req.db)
        let events = try await service.events(authorityID: aid, schoolYear: year)
        let today = ExecutionService.today()
        let done = try? req.query.get(String.self, at: "done")
        let coverage = try await service.coverage(authorityID: aid, schoolYear: year)
        let users = try await User.query(on: req.db).filter(\.$authority.$id == aid).filter(\.$active == true).sort(\.$fullName).all()
        let agreements = try await MentorAgreement.query(on: req.db).filter(\.$authority.$id == aid).with(\.$mentorSchool).with(\.$school).sort(\.$date).all()
        let eventIDs = events.compactMap(\.id)
        let followUps = eventIDs.isEmpty ? [] : try await FollowUp.query(on: req.db).filter(\.$event.$id ~~ eventIDs).sort(\.$dueDate).all()
        let projects = names.isEmpty ? [] : try await SchoolProject.query(on: req.db).filter(\.$school.$id ~~ Array(names.keys)).sort(\.$year).all()
        let consultations = try await Consultation.query(on: req.db).filter(\.$authority.$id == aid)
            .filter(\.$date >= "\(year)-09-01").filter(\.$date <= "\(year + 1)-08-31").sort(\.$date, .descending).all()

        let eventRows: [SupportPage.Event] = events.map { e in
            SupportPage.Event(id: e.id ?? 0, date: Self.date(e.date), kind: e.kind, title: e.title, organiser: e.organiser,
                              schools: e.schools.compactMap { names[$0.$school.id] }.sorted(by: naturalLess), participants: e.participants.count)
        }
        let followUpRows: [SupportPage.FollowUpRow] = followUps.map { f in
            SupportPage.FollowUpRow(id: f.id ?? 0, eventID: f.$event.id, school: names[f.$school.id], text: f.text, due: Self.date(f.dueDate), tag: FollowUpTag(f, today: today))
        }
        let projectRows: [SupportPage.Project] = projects.map { p in SupportPage.Project(project: p.project, year: p.year, school: names[p.$school.id]) }
        let consultationRows: [SupportPage.ConsultationRow] = consultations.map { c in
            SupportPage.ConsultationRow(date: Self.date(c.date), kind: c.kind, topic: c.topic, consultant: c.consultant, person: c.person, school: c.$school.id.flatMap { names[$0] })
        }
        let schoolChoices: [(id: Int, name: String)] = schools.map { (id: $0.id, name: $0.shortName) }
        let participants: [(id: Int, fullName: String, position: String)] = users.compactMap { u in u.id.map { (id: $0, fullName: u.fullName, position: u.position) } }
        let model = SupportPage(
            authorityID: aid, municipality: authority.municipality, year: year, done: done, supportedSchools: coverage.supported.count,
            events: eventRows, followUps: followUpRows, agreements: agreements.map { AgreementRow($0) }, projects: projectRows, consultations: consultationRows,
            canRecord: canRecord, schools: schoolChoices, users: participants)
        var layout = req.layout("Сопровождение", crumbs: [(authority.municipality, SiteRoute.authority(aid).path)])
        layout.yearNote = shown.note
        return .html(SupportView(model: model, layout: layout, csrf: req.csrf).render())
    }

    /// Checked ids from checkboxes named `<prefix>-<id>`.
    static func checked(_ req: Request, prefix: String) throws -> Set<Int> {
        let form = try req.content.decode([String: String].self)
        return Set(form.keys.compactMap { key in key.hasPrefix(prefix + "-") ? Int(key.dropFirst(prefix.count + 1)) : nil })
    }

    static func text(_ req: Request, _ name: String, required: String? = nil) throws -> String? {
        let value = (try? req.content.get(String.self, at: name))?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let required, value?.isEmpty ?? true { throw PublicError(.badRequest, "Не заполнено поле «\(required)».") }
        return value?.isEmpty == true ? nil : value
    }

    static func isoDate(_ req: Request, _ name: String, title: String) throws -> String {
        guard let raw = try text(req, name, required: title), let d = LocalDate(parsing: raw) else {
            throw PublicError(.badRequest, "Поле «\(title)»: дата в виде ДД.ММ.ГГГГ.")
        }
        return d.iso
    }

    /// The municipality an entry is recorded for: found, then the scope decides (a curator does
    /// not read the municipality's page but records at its own schools).
    static func authority(_ req: Request, schoolIDs: Set<Int>) async throws -> Int {
        guard let aid = req.intParameter("authorityID"), try await Authority.find(aid, on: req.db) != nil else { throw PublicError.notFound() }
        let scope = try await req.scope()
        guard scope.canRecordSupport(authorityID: aid, schoolIDs: schoolIDs) else {
            throw scope.canRead(authorityID: aid) || !schoolIDs.isEmpty ? PublicError.forbidden() : PublicError.notFound()
        }
        return aid
    }

    func createEvent(req: Request) async throws -> Response {
        let schoolIDs = try Self.checked(req, prefix: "school")
        let aid = try await Self.authority(req, schoolIDs: schoolIDs)
        guard let kind = (try? req.content.get(String.self, at: "kind")).flatMap(EventKind.init(rawValue:)) else { throw PublicError(.badRequest, "Выберите вид мероприятия.") }
        let known = Set(try await School.query(on: req.db).filter(\.$authority.$id == aid).all().compactMap(\.id))
        guard schoolIDs.isSubset(of: known) else { throw PublicError(.badRequest, "Школа не из этого муниципалитета.") }
        if kind.isVisit && schoolIDs.isEmpty { throw PublicError(.badRequest, "Отметьте школы, в которые был выезд.") }
        let userIDs = try Self.checked(req, prefix: "user")
        let users = Set(try await User.query(on: req.db).filter(\.$authority.$id == aid).all().compactMap(\.id))
        guard userIDs.isSubset(of: users) else { throw PublicError(.badRequest, "Участник не из этого муниципалитета.") }
        let event = SupportEvent()
        event.$authority.id = aid
        event.kind = kind
        event.title = try Self.text(req, "title", required: "Тема") ?? ""
        event.date = try Self.isoDate(req, "date", title: "Дата")
        event.organiser = try Self.text(req, "organiser", required: "Организатор") ?? ""
        if let raw = try Self.text(req, "agreement"), let agreementID = Int(raw) {
            guard try await MentorAgreement.find(agreementID, on: req.db)?.$authority.id == aid else { throw PublicError(.badRequest, "Нет такого соглашения.") }
            event.$agreement.id = agreementID
        }
        event.materials = try Self.text(req, "materials")
        event.protocolText = try Self.text(req, "protocol")
        event.otherParticipants = try Self.text(req, "otherParticipants")
        event.createdBy = try req.currentUser().login
        try await req.db.transaction { tx in
            try await event.create(on: tx)
            let eid = try event.requireID()
            for sid in schoolIDs.sorted() { try await SupportEventSchool(eventID: eid, schoolID: sid).create(on: tx) }
            for uid in userIDs.sorted() { try await SupportEventParticipant(eventID: eid, userID: uid).create(on: tx) }
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: aid, action: "Записано мероприятие", entity: "\(kind.title): \(event.title)",
                                   entityID: eid, after: "\(Self.date(event.date)); школ: \(schoolIDs.count); участников: \(userIDs.count)")
        }
        return req.redirect(to: SiteRoute.event(try event.requireID()).path)
    }

    func createAgreement(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let aid = try authority.requireID()
        guard let mentor = (try? req.content.get(String.self, at: "mentor")).flatMap(Int.init), let school = (try? req.content.get(String.self, at: "school")).flatMap(Int.init),
              mentor != school else { throw PublicError(.badRequest, "Выберите две разные школы.") }
        for id in [mentor, school] {
            guard try await School.find(id, on: req.db)?.$authority.id == aid else { throw PublicError(.badRequest, "Школа не из этого муниципалитета.") }
        }
        let a = MentorAgreement()
        a.$authority.id = aid
        a.$mentorSchool.id = mentor
        a.$school.id = school
        a.number = try Self.text(req, "number", required: "Номер соглашения") ?? ""
        a.date = try Self.isoDate(req, "date", title: "Дата")
        a.periodStart = try Self.isoDate(req, "periodStart", title: "Действует с")
        a.periodEnd = try Self.isoDate(req, "periodEnd", title: "по")
        guard a.periodStart <= a.periodEnd else { throw PublicError(.badRequest, "Период: начало позже конца.") }
        a.subject = try Self.text(req, "subject", required: "Предмет сотрудничества") ?? ""
        try await req.db.transaction { tx in
            try await a.create(on: tx)
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: aid, action: "Заключено соглашение со школой-наставником", entity: "№ \(a.number)",
                                   entityID: a.id, after: a.subject)
        }
        return req.redirect(to: SiteRoute.authority(aid, .support).path + "?done=" + ("Соглашение добавлено.".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
    }

    func createProject(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let aid = try authority.requireID()
        guard let sid = try Self.text(req, "school").flatMap(Int.init), try await School.find(sid, on: req.db)?.$authority.id == aid else {
            throw PublicError(.badRequest, "Выберите школу этого муниципалитета.")
        }
        guard let year = try Self.text(req, "year").flatMap(Int.init), (2000...2100).contains(year) else { throw PublicError(.badRequest, "Укажите год.") }
        let project = try Self.text(req, "project", required: "Проект") ?? ""
        if try await SchoolProject.query(on: req.db).filter(\.$school.$id == sid).filter(\.$project == project).filter(\.$year == year).first() == nil {
            try await req.db.transaction { tx in
                try await SchoolProject(schoolID: sid, project: project, year: year).create(on: tx)
                try await Audit.record(on: tx, user: try req.currentUser(), authorityID: aid, action: "Отмечено участие школы в проекте", entity: "«\(project)»", entityID: sid, after: "\(year)")
            }
        }
        return req.redirect(to: SiteRoute.authority(aid, .support).path + "?done=" + ("Участие в проекте отмечено.".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
    }

    func createConsultation(req: Request) async throws -> Response {
        let school = try Self.text(req, "school").flatMap(Int.init)
        let aid = try await Self.authority(req, schoolIDs: school.map { [$0] } ?? [])
        if let school { guard try await School.find(school, on: req.db)?.$authority.id == aid else { throw PublicError(.badRequest, "Школа не из этого муниципалитета.") } }
        let c = Consultation()
        c.$authority.id = aid
        c.kind = (try? req.content.get(String.self, at: "kind")).flatMap(ConsultationKind.init(rawValue:)) ?? .tutor
        c.date = try Self.isoDate(req, "date", title: "Дата")
        c.topic = try Self.text(req, "topic", required: "Тема") ?? ""
        c.consultant = try Self.text(req, "consultant", required: "Консультант") ?? ""
        c.person = try Self.text(req, "person", required: "Кого консультировали") ?? ""
        c.$school.id = school
        try await req.db.transaction { tx in
            try await c.create(on: tx)
            try await Audit.record(on: tx, user: try req.currentUser(), authorityID: aid, action: "Записана консультация", entity: c.topic, entityID: c.id, after: "\(Self.date(c.date)), \(c.person)")
        }
        let back = try await req.scope().canRead(authorityID: aid) ? SiteRoute.authority(aid, .support).path : SiteRoute.school(school ?? 0, .support).path
        return req.redirect(to: back + "?done=" + ("Консультация записана.".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
    }
}

/// The page rows' plain data from the stored records.
extension FollowUpTag {
    init(_ f: FollowUp, today: LocalDate) {
        // A due date that does not parse has no state: shown as still in work.
        self.init(status: f.state?.status(today: today) ?? .open, doneOn: f.doneAt.map(SupportController.date))
    }
}

extension AgreementRow {
    init(_ a: MentorAgreement) {
        self.init(id: a.id ?? 0, number: a.number, date: SupportController.date(a.date), mentorSchool: a.mentorSchool.shortName, school: a.school.shortName,
                  periodStart: SupportController.date(a.periodStart), periodEnd: SupportController.date(a.periodEnd), subject: a.subject)
    }
}
