import OporaCore

struct PeoplePage {
    let authorityID: Int
    let municipality: String
    let users: [(login: String, fullName: String, position: String, organization: String?, role: Role, school: String?)]
    let curators: [(curator: String, school: String, order: String?)]
    let groups: [(title: String, order: String?, members: [(name: String, position: String, comment: String?)])]
    let schools: [(id: Int, name: String)]
    let curatorUsers: [(id: Int, name: String)]
    let canManage: Bool
    var message: String?
}

struct PeopleView {
    let model: PeoplePage
    let layout: Layout
    let csrf: String

    func render() -> String {
        var body: [BodyNode] = [heading("Люди и группы: \(model.municipality)")]
        if let m = model.message { body.append(notice(m, kind: "ok")) }
        body.append(subheading("Пользователи"))
        body.append(table(["Логин", "ФИО", "Должность", "Организация", "Роль"], model.users.map { u in [
            .text(u.login), .text(u.fullName), .text(u.position), .text(u.school ?? u.organization ?? "—"), .text(u.role.title),
        ] }))
        if model.canManage {
            body.append(el("details", [], [
                el("summary", text: "Добавить пользователя"),
                postForm(SiteRoute.people(authority: model.authorityID).path + "/users", csrf: csrf, [
                    field("Логин", name: "login", required: true),
                    field("Пароль (не короче 8 символов)", name: "password", type: "password", required: true),
                    field("ФИО", name: "fullName", required: true),
                    field("Должность", name: "position", required: true),
                    field("Организация", name: "organization"),
                    selectField("Роль", name: "role", options: [Role.coordinator, .methodologist, .curator, .schoolHead, .schoolStaff].map { ($0.rawValue, $0.title) }, selected: "curator"),
                    selectField("Школа (для руководителя и сотрудника школы)", name: "schoolID", options: [("", "—")] + model.schools.map { ("\($0.id)", $0.name) }, selected: ""),
                    button("Создать"),
                ]),
            ]))
        }
        body.append(subheading("Кураторы школ"))
        if model.curators.isEmpty { body.append(para("Кураторы не назначены.", cls: "muted")) } else {
            body.append(table(["Куратор", "Школа", "Приказ"], model.curators.map { [.text($0.curator), .text($0.school), .text($0.order ?? "—")] }))
        }
        if model.canManage && !model.curatorUsers.isEmpty {
            body.append(el("details", [], [
                el("summary", text: "Назначить куратора"),
                postForm(SiteRoute.people(authority: model.authorityID).path + "/curators", csrf: csrf, cls: "row", [
                    selectField("Куратор", name: "userID", options: model.curatorUsers.map { ("\($0.id)", $0.name) }, selected: nil),
                    selectField("Школа", name: "schoolID", options: model.schools.map { ("\($0.id)", $0.name) }, selected: nil, id: "cur-school"),
                    field("Номер приказа", name: "orderNumber"),
                    field("Дата приказа", name: "orderDate", type: "date"),
                    button("Назначить"),
                ]),
            ]))
        }
        for group in model.groups {
            body.append(subheading(group.title))
            if let order = group.order { body.append(para("Утверждена: \(order).", cls: "muted")) }
            body.append(table(["№ п/п", "Фамилия, имя, отчество", "Должность", "Комментарии"], group.members.enumerated().map { n, m in [
                .text("\(n + 1)"), .text(m.name), .text(m.position), .text(m.comment ?? ""),
            ] }))
        }
        return layout.render(body)
    }
}
