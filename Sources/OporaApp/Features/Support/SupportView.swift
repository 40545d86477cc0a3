import OporaCore

/// The state of a visit's recommendation as its tag shows it (municipal, event and school pages).
struct FollowUpTag {
    let status: FollowUpState.Status
    /// When the school reported it done, as ДД.ММ.ГГГГ.
    let doneOn: String?
}

enum FollowUpView {
    static func status(_ tag: FollowUpTag) -> BodyNode {
        switch tag.status {
        case .done: el("span", [("class", "tag ok")], text: "выполнено" + (tag.doneOn.map { " \($0)" } ?? ""))
        case .overdue: el("span", [("class", "tag chronic")], text: "просрочено")
        case .dueSoon: el("span", [("class", "tag flickering")], text: "скоро срок")
        case .open: el("span", [("class", "tag")], text: "в работе")
        }
    }
}

/// A mentor school agreement as the municipal and school pages list it. Dates as ДД.ММ.ГГГГ.
struct AgreementRow {
    let id: Int
    let number: String
    let date: String
    let mentorSchool: String
    let school: String
    let periodStart: String
    let periodEnd: String
    let subject: String

    /// The agreements as the municipality's and the school's support pages both show them.
    static func table(_ rows: [AgreementRow]) -> BodyNode {
        rows.isEmpty ? para("Соглашений нет.", cls: "muted") : OporaApp.table(["Соглашение", "Школа-наставник", "ШНОР", "Период", "Предмет сотрудничества"], rows.map { a in
            [.text("№ \(a.number) от \(a.date)"), .text(a.mentorSchool), .text(a.school), .text("\(a.periodStart) – \(a.periodEnd)"), .text(a.subject)]
        })
    }
}

/// The support work of a municipality in a school year.
struct SupportPage {
    struct Event {
        let id: Int
        /// ДД.ММ.ГГГГ.
        let date: String
        let kind: EventKind
        let title: String
        let organiser: String
        /// The target schools' names, in natural order.
        let schools: [String]
        let participants: Int
    }

    struct FollowUpRow {
        let id: Int
        let eventID: Int
        /// nil when the school is not among the municipality's.
        let school: String?
        let text: String
        /// ДД.ММ.ГГГГ.
        let due: String
        let tag: FollowUpTag
    }

    struct Project {
        let project: String
        let year: Int
        let school: String?
    }

    struct ConsultationRow {
        /// ДД.ММ.ГГГГ.
        let date: String
        let kind: ConsultationKind
        let topic: String
        let consultant: String
        let person: String
        /// nil when no school was named (or it is not among the municipality's).
        let school: String?
    }

    let authorityID: Int
    let municipality: String
    /// The school year starting in September of this year.
    let year: Int
    /// The message of the action just done (`?done=`).
    let done: String?
    /// Schools that got targeted support in the year.
    let supportedSchools: Int
    /// Newest first.
    let events: [Event]
    /// By due date.
    let followUps: [FollowUpRow]
    /// By date.
    let agreements: [AgreementRow]
    /// By year.
    let projects: [Project]
    /// Newest first.
    let consultations: [ConsultationRow]
    /// The reader records the municipality's support: the forms are shown.
    let canRecord: Bool
    /// The municipality's schools, for the forms, in natural order.
    let schools: [(id: Int, name: String)]
    /// The municipality's active users by name: the event's possible participants.
    let users: [(id: Int, fullName: String, position: String)]
}

struct SupportView {
    let model: SupportPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        let m = model
        let aid = m.authorityID
        var body: [BodyNode] = [heading("Сопровождение ШНОР: \(m.municipality), \(m.year)/\(m.year + 1) учебный год")]
        if let done = m.done { body.append(notice(done, kind: "ok")) }
        body.append(el("form", [("method", "get"), ("class", "filters")], [field("Учебный год с", name: "year", value: "\(m.year)", type: "number"), button("Показать")]))
        body.append(para("Адресную поддержку (выезд, консультация или школа-наставник) в этом году получили \(RussianPlural.count(m.supportedSchools, "школа", "школы", "школ")).", cls: "muted"))

        body.append(el("div", [("class", "actions")], [link("Педагоги, нуждающиеся в предметной подготовке", SiteRoute.authority(aid, .teachersTraining).path + "?year=\(m.year)", cls: "button secondary"),
                                                      link("Банк практик", SiteRoute.authority(aid, .practices).path, cls: "button secondary"),
                                                      link("Годовой отчёт", SiteRoute.authority(aid, .annualReport).path + "?year=\(m.year)", cls: "button secondary")]))
        body.append(subheading("Мероприятия и выезды"))
        body.append(m.events.isEmpty ? para("Мероприятий в этом учебном году пока нет.", cls: "muted")
            : table(["Дата", "Вид", "Тема", "Организатор", "Школы", "Участников"], m.events.map { e in
                [.text(e.date), .text(e.kind.title), link(e.title, SiteRoute.event(e.id).path), .text(e.organiser),
                 .text(e.schools.joined(separator: ", ")), .text("\(e.participants)")]
            }))
        if m.canRecord { body.append(eventForm()) }

        body.append(subheading("Рекомендации по итогам выездов"))
        body.append(m.followUps.isEmpty ? para("Рекомендаций нет.", cls: "muted") : table(["Школа", "Рекомендация", "Срок", "Состояние"], m.followUps.map { f in
            [.text(f.school ?? ""), link(f.text, SiteRoute.event(f.eventID).path + "#follow-up-\(f.id)"), .text(f.due), FollowUpView.status(f.tag)]
        }))

        body.append(subheading("Школы-наставники"))
        body.append(AgreementRow.table(m.agreements))
        if m.canRecord { body.append(agreementForm()) }

        body.append(subheading("Участие школ в проектах"))
        body.append(m.projects.isEmpty ? para("Записей нет.", cls: "muted") : table(["Проект", "Год", "Школа"], m.projects.map { p in
            [.text("«\(p.project)»"), .text("\(p.year)"), .text(p.school ?? "")]
        }))
        if m.canRecord { body.append(projectForm()) }

        body.append(subheading("Журнал консультаций"))
        body.append(m.consultations.isEmpty ? para("Консультаций в этом учебном году нет.", cls: "muted") : table(["Дата", "Где", "Тема", "Консультант", "Кого консультировали", "Школа"], m.consultations.map { c in
            [.text(c.date), .text(c.kind.title), .text(c.topic), .text(c.consultant), .text(c.person), .text(c.school ?? "—")]
        }))
        if m.canRecord { body.append(consultationForm()) }
        return layout.render(body)
    }

    private var schoolOptions: [(value: String, title: String)] {
        model.schools.map { (value: String($0.id), title: $0.name) }
    }

    private func eventForm() -> BodyNode {
        let m = model
        return el("details", [], [el("summary", text: "Записать мероприятие или выезд"), postForm(SiteRoute.authority(m.authorityID, .events).path, csrf: csrf, [
            selectField("Вид", name: "kind", options: EventKind.allCases.map { (value: $0.rawValue, title: $0.title) }, selected: nil),
            field("Тема", name: "title", required: true), field("Дата", name: "date", type: "date", required: true),
            field("Организатор", name: "organiser", required: true),
            selectField("По соглашению со школой-наставником", name: "agreement", options: [(value: "", title: "—")]
                        + m.agreements.map { (value: String($0.id), title: "№ \($0.number): \($0.mentorSchool) → \($0.school)") }, selected: nil),
            checkboxes("Школы", prefix: "school", options: m.schools.map { (id: $0.id, title: $0.name) }),
            checkboxes("Участники", prefix: "user", options: m.users.map { (id: $0.id, title: "\($0.fullName), \($0.position)") }),
            textArea("Другие участники", name: "otherParticipants"), textArea("Материалы (ссылки, названия файлов)", name: "materials"),
            textArea("Протокол", name: "protocol", rows: 4), button("Записать"),
        ])])
    }

    private func agreementForm() -> BodyNode {
        let options = schoolOptions
        return el("details", [], [el("summary", text: "Добавить соглашение"), postForm(SiteRoute.authority(model.authorityID, .agreements).path, csrf: csrf, [
            selectField("Школа-наставник", name: "mentor", options: options, selected: nil), selectField("Школа с низкими результатами", name: "school", options: options, selected: nil),
            field("Номер соглашения", name: "number", required: true), field("Дата", name: "date", type: "date", required: true),
            field("Действует с", name: "periodStart", type: "date", required: true), field("по", name: "periodEnd", type: "date", required: true),
            textArea("Предмет сотрудничества", name: "subject", required: true), button("Добавить"),
        ])])
    }

    private func projectForm() -> BodyNode {
        el("details", [], [el("summary", text: "Добавить участие в проекте"), postForm(SiteRoute.authority(model.authorityID, .projects).path, csrf: csrf, [
            field("Проект", name: "project", value: "500+", required: true), field("Год", name: "year", value: "\(model.year)", type: "number"),
            selectField("Школа", name: "school", options: schoolOptions, selected: nil),
            button("Добавить"),
        ])])
    }

    private func consultationForm() -> BodyNode {
        el("details", [], [el("summary", text: "Записать консультацию"), postForm(SiteRoute.authority(model.authorityID, .consultations).path, csrf: csrf, [
            selectField("Где", name: "kind", options: ConsultationKind.allCases.map { (value: $0.rawValue, title: $0.title) }, selected: nil),
            field("Дата", name: "date", type: "date", required: true), field("Тема", name: "topic", required: true),
            field("Консультант", name: "consultant", required: true), field("Кого консультировали (ФИО, должность)", name: "person", required: true),
            selectField("Школа", name: "school", options: [(value: "", title: "—")] + schoolOptions, selected: nil),
            button("Записать"),
        ])])
    }
}
