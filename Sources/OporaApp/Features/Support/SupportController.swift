import Fluent
import Foundation
import OporaCore
import Vapor

/// The support work of a municipality: events and visits, recommendations being followed up,
/// mentor school agreements and the consultation log. Read by whoever reads the municipality;
/// recorded by its coordinator and methodologists (curators record at their own schools).
struct SupportController {
    static func schoolYear(_ req: Request) throws -> Int {
        if let y = try req.queryYear("year") { return y }
        let today = ExecutionService.today()
        return today.month >= 9 ? today.year : today.year - 1
    }

    static func date(_ iso: String) -> String { LocalDate(parsing: iso)?.russian ?? iso }

    func page(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let aid = try authority.requireID()
        let year = try Self.schoolYear(req)
        let scope = try await req.scope()
        let canRecord = scope.canRecordSupport(authorityID: aid, schoolIDs: [])
        let schools = try await SchoolDirectory(db: req.db).schools(authorityID: aid)
        let names = Dictionary(schools.map { ($0.id, $0.shortName) }, uniquingKeysWith: { a, _ in a })
        let service = SupportService(db: req.db)
        let events = try await service.events(authorityID: aid, schoolYear: year)
        let today = ExecutionService.today()
        var body: [BodyNode] = [heading("Сопровождение ШНОР: \(authority.municipality), \(year)/\(year + 1) учебный год")]
        if let done = try? req.query.get(String.self, at: "done") { body.append(notice(done, kind: "ok")) }
        body.append(el("form", [("method", "get"), ("class", "filters")], [field("Учебный год с", name: "year", value: "\(year)", type: "number"), button("Показать")]))
        let coverage = try await service.coverage(authorityID: aid, schoolYear: year)
        body.append(para("Адресную поддержку (выезд, консультация или школа-наставник) в этом году получили \(RussianPlural.count(coverage.supported.count, "школа", "школы", "школ")).", cls: "muted"))

        body.append(el("div", [("class", "actions")], [link("Педагоги, нуждающиеся в предметной подготовке", SiteRoute.authority(aid, .teachersTraining).path + "?year=\(year)", cls: "button secondary"),
                                                      link("Банк практик", SiteRoute.authority(aid, .practices).path, cls: "button secondary"),
                                                      link("Годовой отчёт", SiteRoute.authority(aid, .annualReport).path + "?year=\(year)", cls: "button secondary")]))
        body.append(subheading("Мероприятия и выезды"))
        body.append(events.isEmpty ? para("Мероприятий в этом учебном году пока нет.", cls: "muted")
            : table(["Дата", "Вид", "Тема", "Организатор", "Школы", "Участников"], events.map { e in
                [.text(Self.date(e.date)), .text(e.kind.title), link(e.title, SiteRoute.event(e.id ?? 0).path), .text(e.organiser),
                 .text(e.schools.compactMap { names[$0.$school.id] }.sorted(by: naturalLess).joined(separator: ", ")),
                 .text("\(e.participants.count)")]
            }))
        let users = try await User.query(on: req.db).filter(\.$authority.$id == aid).filter(\.$active == true).sort(\.$fullName).all()
        let agreements = try await MentorAgreement.query(on: req.db).filter(\.$authority.$id == aid).with(\.$mentorSchool).with(\.$school).sort(\.$date).all()
        if canRecord {
            body.append(el("details", [], [el("summary", text: "Записать мероприятие или выезд"), postForm(SiteRoute.authority(aid, .events).path, csrf: req.csrf, [
                selectField("Вид", name: "kind", options: EventKind.allCases.map { (value: $0.rawValue, title: $0.title) }, selected: nil),
                field("Тема", name: "title", required: true), field("Дата", name: "date", type: "date", required: true),
                field("Организатор", name: "organiser", required: true),
                selectField("По соглашению со школой-наставником", name: "agreement", options: [(value: "", title: "—")]
                            + agreements.map { (value: String($0.id ?? 0), title: "№ \($0.number): \($0.mentorSchool.shortName) → \($0.school.shortName)") }, selected: nil),
                checkboxes("Школы", prefix: "school", options: schools.map { ($0.id, $0.shortName) }),
                checkboxes("Участники", prefix: "user", options: users.compactMap { u in u.id.map { ($0, "\(u.fullName), \(u.position)") } }),
                textArea("Другие участники", name: "otherParticipants"), textArea("Материалы (ссылки, названия файлов)", name: "materials"),
                textArea("Протокол", name: "protocol", rows: 4), button("Записать"),
            ])]))
        }

        body.append(subheading("Рекомендации по итогам выездов"))
        let eventIDs = events.compactMap(\.id)
        let followUps = eventIDs.isEmpty ? [] : try await FollowUp.query(on: req.db).filter(\.$event.$id ~~ eventIDs).sort(\.$dueDate).all()
        body.append(followUps.isEmpty ? para("Рекомендаций нет.", cls: "muted") : table(["Школа", "Рекомендация", "Срок", "Состояние"], followUps.map { f in
            [.text(names[f.$school.id] ?? ""), link(f.text, SiteRoute.event(f.$event.id).path + "#follow-up-\(f.id ?? 0)"), .text(Self.date(f.dueDate)), FollowUpView.status(f, today: today)]
        }))

        body.append(subheading("Школы-наставники"))
        body.append(agreements.isEmpty ? para("Соглашений нет.", cls: "muted") : table(["Соглашение", "Школа-наставник", "ШНОР", "Период", "Предмет сотрудничества"], agreements.map { a in
            [.text("№ \(a.number) от \(Self.date(a.date))"), .text(a.mentorSchool.shortName), .text(a.school.shortName),
             .text("\(Self.date(a.periodStart)) – \(Self.date(a.periodEnd))"), .text(a.subject)]
        }))
        if canRecord {
            let options = schools.map { (value: String($0.id), title: $0.shortName) }
            body.append(el("details", [], [el("summary", text: "Добавить соглашение"), postForm(SiteRoute.authority(aid, .agreements).path, csrf: req.csrf, [
                selectField("Школа-наставник", name: "mentor", options: options, selected: nil), selectField("Школа с низкими результатами", name: "school", options: options, selected: nil),
                field("Номер соглашения", name: "number", required: true), field("Дата", name: "date", type: "date", required: true),
                field("Действует с", name: "periodStart", type: "date", required: true), field("по", name: "periodEnd", type: "date", required: true),
                textArea("Предмет сотрудничества", name: "subject", required: true), button("Добавить"),
            ])]))
        }

        body.append(subheading("Участие школ в проектах"))
        let projects = names.isEmpty ? [] : try await SchoolProject.query(on: req.db).filter(\.$school.$id ~~ Array(names.keys)).sort(\.$year).all()
        body.append(projects.isEmpty ? para("Записей нет.", cls: "muted") : table(["Проект", "Год", "Школа"], projects.map { p in
            [.text("«\(p.project)»"), .text("\(p.year)"), .text(names[p.$school.id] ?? "")]
        }))
        if canRecord {
            body.append(el("details", [], [el("summary", text: "Добавить участие в проекте"), postForm(SiteRoute.authority(aid, .projects).path, csrf: req.csrf, [
                field("Проект", name: "project", value: "500+", required: true), field("Год", name: "year", value: "\(year)", type: "number"),
                selectField("Школа", name: "school", options: schools.map { (value: String($0.id), title: $0.shortName) }, selected: nil),
                button("Добавить"),
            ])]))
        }

        body.append(subheading("Журнал консультаций"))
        let consultations = try await Consultation.query(on: req.db).filter(\.$authority.$id == aid)
            .filter(\.$date >= "\(year)-09-01").filter(\.$date <= "\(year + 1)-08-31").sort(\.$date, .descending).all()
        body.append(consultations.isEmpty ? para("Консультаций в этом учебном году нет.", cls: "muted") : table(["Дата", "Где", "Тема", "Консультант", "Кого консультировали", "Школа"], consultations.map { c in
            [.text(Self.date(c.date)), .text(c.kind.title), .text(c.topic), .text(c.consultant), .text(c.person), .text(c.$school.id.flatMap { names[$0] } ?? "—")]
        }))
        if canRecord {
            body.append(el("details", [], [el("summary", text: "Записать консультацию"), postForm(SiteRoute.authority(aid, .consultations).path, csrf: req.csrf, [
                selectField("Где", name: "kind", options: ConsultationKind.allCases.map { (value: $0.rawValue, title: $0.title) }, selected: nil),
                field("Дата", name: "date", type: "date", required: true), field("Тема", name: "topic", required: true),
                field("Консультант", name: "consultant", required: true), field("Кого консультировали (ФИО, должность)", name: "person", required: true),
                selectField("Школа", name: "school", options: [(value: "", title: "—")] + schools.map { (value: String($0.id), title: $0.shortName) }, selected: nil),
                button("Записать"),
            ])]))
        }
        return .html(req.layout("Сопровождение", crumbs: [(authority.municipality, SiteRoute.authority(aid).path)]).render(body))
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


enum FollowUpView {
    static func status(_ f: FollowUp, today: LocalDate) -> BodyNode {
        switch f.state?.status(today: today) {
        case .done?: el("span", [("class", "tag firstTime")], text: "выполнено" + (f.doneAt.map { " \(SupportController.date($0))" } ?? ""))
        case .overdue?: el("span", [("class", "tag chronic")], text: "просрочено")
        case .dueSoon?: el("span", [("class", "tag flickering")], text: "скоро срок")
        default: el("span", [("class", "tag")], text: "в работе")
        }
    }
}
