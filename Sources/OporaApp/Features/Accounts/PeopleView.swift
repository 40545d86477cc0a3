import OporaCore

struct PeoplePage {
    let authorityID: Int
    let municipality: String
    let users: [(id: Int, login: String, fullName: String, position: String, organization: String?, role: Role, school: String?, state: String, manageable: Bool)]
    let curators: [(curator: String, school: String, order: String?)]
    let groups: [(kind: GroupKind, order: String?, members: [(id: Int, name: String, position: String, comment: String?)])]
    let schools: [(id: Int, name: String)]
    let curatorUsers: [(id: Int, name: String)]
    let canManage: Bool
    /// Roles the viewer may give to a new account here (none: no account forms).
    let grantableRoles: [Role]
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
        body.append(table(["Логин", "ФИО", "Должность", "Организация", "Роль", "Состояние"], model.users.map { u in [
            u.manageable ? link(u.login, SiteRoute.user(u.id).path) : .text(u.login), .text(u.fullName), .text(u.position),
            .text(u.school ?? u.organization ?? "—"), .text(u.role.title), .text(u.state),
        ] }))
        if !model.grantableRoles.isEmpty {
            body.append(el("details", [], [
                el("summary", text: "Добавить учётную запись"),
                para("Пароль не задаётся: система выдаст одноразовый пароль, который покажет один раз; при первом входе его нужно сменить.", cls: "muted"),
                postForm(SiteRoute.authority(model.authorityID, .peopleUsers).path, csrf: csrf, [
                    field("Логин", name: "login", required: true, placeholder: "ivanova.imc"),
                    field("ФИО", name: "fullName", required: true),
                    field("Должность", name: "position"),
                    field("Организация", name: "organization"),
                    selectField("Роль", name: "role", options: model.grantableRoles.map { ($0.rawValue, $0.title) }, selected: Role.curator.rawValue),
                    selectField("Школа (для руководителя и сотрудника школы)", name: "schoolID", options: [("", "—")] + model.schools.map { ("\($0.id)", $0.name) }, selected: ""),
                    button("Создать и выдать одноразовый пароль"),
                ]),
            ]))
            if model.grantableRoles.contains(.schoolHead) {
                body.append(subheading("Руководители школ"))
                body.append(para("Одним действием: учётная запись руководителя для каждой действующей школы, у которой её ещё нет. "
                                 + "Скачается таблица XLSX с логинами и одноразовыми паролями — она выдаётся один раз, пароли нигде не хранятся в открытом виде.", cls: "muted"))
                body.append(postForm(SiteRoute.authority(model.authorityID, .peopleSchoolHeads).path, csrf: csrf, cls: "heads", [
                    button("Создать учётные записи руководителей всех школ (XLSX)"),
                ]))
            }
        }
        body.append(subheading("Кураторы школ"))
        if model.curators.isEmpty { body.append(para("Кураторы не назначены.", cls: "muted")) } else {
            body.append(table(["Куратор", "Школа", "Приказ"], model.curators.map { [.text($0.curator), .text($0.school), .text($0.order ?? "—")] }))
        }
        if model.canManage && !model.curatorUsers.isEmpty {
            body.append(el("details", [], [
                el("summary", text: "Назначить куратора"),
                postForm(SiteRoute.authority(model.authorityID, .peopleCurators).path, csrf: csrf, cls: "row", [
                    selectField("Куратор", name: "userID", options: model.curatorUsers.map { ("\($0.id)", $0.name) }, selected: nil),
                    selectField("Школа", name: "schoolID", options: model.schools.map { ("\($0.id)", $0.name) }, selected: nil, id: "cur-school"),
                    field("Номер приказа", name: "orderNumber"),
                    field("Дата приказа", name: "orderDate", type: "date"),
                    button("Назначить"),
                ]),
            ]))
        }
        for group in model.groups {
            body.append(subheading(group.kind.title))
            if let order = group.order { body.append(para("Утверждена: \(order).", cls: "muted")) }
            if group.members.isEmpty { body.append(para("Состав не внесён.", cls: "muted")) } else {
                var headers = ["№ п/п", "Фамилия, имя, отчество", "Должность", "Комментарии"]
                if model.canManage { headers.append("Действия") }
                body.append(table(headers, group.members.enumerated().map { n, m in
                    var row: [BodyNode] = [.text("\(n + 1)"), .text(m.name), .text(m.position), .text(m.comment ?? "")]
                    if model.canManage {
                        row.append(postForm(SiteRoute.groupMember(m.id, .delete).path, csrf: csrf, cls: "inline", [button("Исключить", cls: "button danger")]))
                    }
                    return row
                }))
            }
            if model.canManage {
                body.append(el("details", [], [
                    el("summary", text: "Добавить в состав"),
                    postForm(SiteRoute.groupMembers(authority: model.authorityID, kind: group.kind.rawValue).path, csrf: csrf, cls: "row", [
                        field("Фамилия, имя, отчество", name: "fullName", required: true, id: "gm-name-\(group.kind.rawValue)"),
                        field("Должность", name: "position", required: true, id: "gm-pos-\(group.kind.rawValue)"),
                        field("Комментарий", name: "comment", placeholder: "по согласованию", id: "gm-com-\(group.kind.rawValue)"),
                        button("Добавить"),
                    ]),
                ]))
            }
        }
        return layout.render(body)
    }
}
