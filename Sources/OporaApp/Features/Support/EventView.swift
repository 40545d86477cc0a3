import OporaCore

/// One event or visit, with only the target schools the reader may see (and their findings).
struct EventPage {
    /// The mentor school agreement the event was held under. Date as ДД.ММ.ГГГГ.
    struct Agreement {
        let number: String
        let date: String
        let mentorSchool: String
        let school: String
    }

    struct Finding {
        /// nil when the school is not among the visible ones.
        let school: String?
        let lessonsAttended: Int
        let lessonsBelowExpected: Bool
        let documentsChecked: String?
        let findings: String
    }

    struct FollowUpRow {
        let id: Int
        /// nil when the school is not among the visible ones.
        let school: String?
        let text: String
        /// ДД.ММ.ГГГГ.
        let due: String
        let tag: FollowUpTag
        let doneNote: String?
        /// Not done yet, and the reader may report it for the school.
        let canReport: Bool
    }

    /// What a visit saw and recommended at the visible schools.
    struct Visit {
        let findings: [Finding]
        /// By due date.
        let followUps: [FollowUpRow]
    }

    let eventID: Int
    let kind: EventKind
    let title: String
    /// The message of the action just done (`?done=`).
    let done: String?
    /// ДД.ММ.ГГГГ.
    let date: String
    let organiser: String
    let agreement: Agreement?
    /// The visible target schools' names, in natural order.
    let schools: [String]
    /// Participants from the system's users, by name.
    let participants: [(fullName: String, position: String)]
    let otherParticipants: String?
    let materials: String?
    let protocolText: String?
    /// Set for a visit only.
    let visit: Visit?
    /// The reader may record findings and recommendations.
    let canRecord: Bool
    /// The visible target schools the forms offer.
    let schoolOptions: [(id: Int, name: String)]
}

struct EventView {
    let model: EventPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        let m = model
        var body: [BodyNode] = [heading("\(m.kind.title): \(m.title)")]
        if let done = m.done { body.append(notice(done, kind: "ok")) }
        var facts: [[BodyNode]] = [[.text("Дата"), .text(m.date)], [.text("Организатор"), .text(m.organiser)]]
        if let a = m.agreement {
            facts.append([.text("Соглашение"), .text("№ \(a.number) от \(a.date): \(a.mentorSchool) — \(a.school)")])
        }
        facts.append([.text("Школы"), .text(m.schools.joined(separator: ", "))])
        facts.append([.text("Участники"), .text((m.participants.map { "\($0.fullName) (\($0.position))" } + [m.otherParticipants].compactMap { $0 }).joined(separator: "; "))])
        if let materials = m.materials { facts.append([.text("Материалы"), .text(materials)]) }
        if let p = m.protocolText { facts.append([.text("Протокол"), .text(p)]) }
        body.append(table(["", ""], facts, cls: "data facts"))

        if let visit = m.visit {
            body.append(subheading("Что увидели в школах"))
            body.append(visit.findings.isEmpty ? para("Результаты выезда ещё не записаны.", cls: "muted")
                : table(["Школа", "Посещено уроков", "Уроки ниже ожидаемого уровня", "Проверенные документы", "Выводы"], visit.findings.map { f in
                    [.text(f.school ?? ""), .text("\(f.lessonsAttended)"), .text(f.lessonsBelowExpected ? "да" : "нет"), .text(f.documentsChecked ?? "—"), .text(f.findings)]
                }))
            if m.canRecord { body.append(findingForm()) }
            body.append(subheading("Рекомендации"))
            body.append(visit.followUps.isEmpty ? para("Рекомендаций нет.", cls: "muted") : table(["Школа", "Рекомендация", "Срок", "Состояние", "Отчёт школы", ""], visit.followUps.map { f in
                [el("span", [("id", "follow-up-\(f.id)")], text: f.school ?? ""), .text(f.text), .text(f.due),
                 FollowUpView.status(f.tag), .text(f.doneNote ?? ""), reportForm(f)]
            }))
            if m.canRecord { body.append(followUpForm()) }
        }
        return layout.render(body)
    }

    private var schoolOptions: [(value: String, title: String)] {
        model.schoolOptions.map { (value: String($0.id), title: $0.name) }
    }

    private func findingForm() -> BodyNode {
        el("details", [], [el("summary", text: "Записать, что увидели в школе"), postForm(SiteRoute.event(model.eventID, .findings).path, csrf: csrf, [
            selectField("Школа", name: "school", options: schoolOptions, selected: nil),
            field("Посещено уроков", name: "lessons", value: "0", type: "number"),
            el("label", [("class", "check")], [voidEl("input", [("type", "checkbox"), ("name", "below"), ("value", "on")]), .text(" Уроки ниже ожидаемого уровня")]),
            textArea("Проверенные документы", name: "documents"), textArea("Выводы", name: "findings", rows: 4, required: true), button("Записать"),
        ])])
    }

    /// The school's report that a recommendation is done; an empty cell when it cannot report.
    private func reportForm(_ f: EventPage.FollowUpRow) -> BodyNode {
        guard f.canReport else { return .text("") }
        return postForm(SiteRoute.followUp(f.id, .done).path, csrf: csrf, cls: "inline", [
            voidEl("input", [("type", "text"), ("name", "note"), ("placeholder", "что сделано"), ("aria-label", "Что сделано")]), button("Выполнено", cls: "button secondary"),
        ])
    }

    private func followUpForm() -> BodyNode {
        el("details", [], [el("summary", text: "Добавить рекомендацию"), postForm(SiteRoute.event(model.eventID, .followUps).path, csrf: csrf, [
            selectField("Школа", name: "school", options: schoolOptions, selected: nil), textArea("Рекомендация", name: "text", required: true),
            field("Срок", name: "due", type: "date", required: true), button("Добавить"),
        ])])
    }
}

/// A school's side of the support work: events and visits that concerned it, its
/// recommendations, agreements with a mentor school, consultations and practices.
struct SchoolSupportPage {
    struct Event {
        let id: Int
        /// ДД.ММ.ГГГГ.
        let date: String
        let kind: EventKind
        let title: String
        let organiser: String
    }

    struct FollowUpRow {
        let id: Int
        let eventID: Int
        let text: String
        /// ДД.ММ.ГГГГ.
        let due: String
        let tag: FollowUpTag
    }

    struct ConsultationRow {
        /// ДД.ММ.ГГГГ.
        let date: String
        let kind: ConsultationKind
        let topic: String
        let consultant: String
        let person: String
    }

    struct PracticeRow {
        let id: Int
        let title: String
        let published: Bool
    }

    let schoolID: Int
    let authorityID: Int
    let schoolName: String
    /// Newest first.
    let events: [Event]
    /// The reader records support for this school: the event form is shown.
    let canRecord: Bool
    /// By due date.
    let followUps: [FollowUpRow]
    /// Agreements where the school is either side.
    let agreements: [AgreementRow]
    /// Newest first.
    let consultations: [ConsultationRow]
    /// Newest first.
    let practices: [PracticeRow]
    /// The drafting form, for whoever keeps the school's teachers; nil otherwise.
    let practiceForm: PracticeForm?
}

struct SchoolSupportView {
    let model: SchoolSupportPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        let m = model
        var body: [BodyNode] = [heading("Сопровождение: \(m.schoolName)")]
        body.append(subheading("Мероприятия и выезды"))
        body.append(m.events.isEmpty ? para("Мероприятий пока нет.", cls: "muted") : table(["Дата", "Вид", "Тема", "Организатор"], m.events.map { e in
            [.text(e.date), .text(e.kind.title), link(e.title, SiteRoute.event(e.id).path), .text(e.organiser)]
        }))
        if m.canRecord { body.append(eventForm()) }
        body.append(subheading("Рекомендации"))
        body.append(m.followUps.isEmpty ? para("Рекомендаций нет.", cls: "muted") : table(["Рекомендация", "Срок", "Состояние"], m.followUps.map { f in
            [link(f.text, SiteRoute.event(f.eventID).path + "#follow-up-\(f.id)"), .text(f.due), FollowUpView.status(f.tag)]
        }))
        body.append(subheading("Школа-наставник"))
        body.append(AgreementRow.table(m.agreements))
        body.append(subheading("Консультации"))
        body.append(m.consultations.isEmpty ? para("Консультаций нет.", cls: "muted") : table(["Дата", "Где", "Тема", "Консультант", "Кого консультировали"], m.consultations.map { c in
            [.text(c.date), .text(c.kind.title), .text(c.topic), .text(c.consultant), .text(c.person)]
        }))
        body.append(subheading("Практики школы"))
        body.append(m.practices.isEmpty ? para("Практик пока нет.", cls: "muted") : el("ul", [], m.practices.map { p in
            el("li", [], [link(p.title, SiteRoute.practice(p.id).path), .text(p.published ? " — опубликована" : " — черновик")])
        }))
        if let form = m.practiceForm { body.append(PracticeFormView(model: form, csrf: csrf).node()) }
        return layout.render(body)
    }

    /// The event form with this school fixed (a hidden `school-<id>` checkbox value) and a visit preselected.
    private func eventForm() -> BodyNode {
        el("details", [], [el("summary", text: "Записать выезд или мероприятие для этой школы"), postForm(SiteRoute.authority(model.authorityID, .events).path, csrf: csrf, [
            voidEl("input", [("type", "hidden"), ("name", "school-\(model.schoolID)"), ("value", "on")]),
            selectField("Вид", name: "kind", options: EventKind.allCases.map { (value: $0.rawValue, title: $0.title) }, selected: EventKind.visit.rawValue),
            field("Тема", name: "title", required: true), field("Дата", name: "date", type: "date", required: true),
            field("Организатор", name: "organiser", required: true), textArea("Протокол", name: "protocol"), button("Записать"),
        ])])
    }
}
