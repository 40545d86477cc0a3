import Foundation
import OporaCore

/// One account in a table: who, what role, whether it works.
struct AccountRow {
    let id: Int
    let login: String
    let fullName: String
    let role: Role
    let place: String
    let state: String
}

enum AccountTable {
    static func render(_ rows: [AccountRow]) -> BodyNode {
        table(["Логин", "ФИО", "Роль", "Муниципалитет / школа", "Состояние"], rows.map { r in [
            link(r.login, SiteRoute.user(r.id).path), .text(r.fullName), .text(r.role.title), .text(r.place), .text(r.state),
        ] })
    }

    /// «работает», «ждёт первого входа», «отключена 01.12.2026», «не активирована».
    static func state(_ u: User) -> String {
        if !u.active { return u.deactivatedAt.map { "отключена \(Formatting.date($0))" } ?? "не активирована" }
        return u.mustChangePassword ? "ждёт первого входа (одноразовый пароль)" : "работает"
    }
}

struct AccountsPage {
    let regional: [AccountRow]
    let coordinators: [AccountRow]
    let authorities: [(id: Int, name: String)]
    let roles: [Role]
}

struct AccountsView {
    let model: AccountsPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        var body: [BodyNode] = [heading("Учётные записи региона")]
        body.append(para("Региональный администратор создаёт координаторов муниципалитетов и региональные учётные записи; "
                         + "координатор — учётные записи своего муниципалитета (на странице «Люди и группы»). "
                         + "Новая учётная запись получает одноразовый пароль: он показывается один раз и меняется при первом входе.", cls: "muted"))
        body.append(el("details", [("open", model.coordinators.isEmpty ? "open" : nil)], [
            el("summary", text: "Создать учётную запись"),
            postForm(SiteRoute.accounts.path, csrf: csrf, [
                selectField("Роль", name: "role", options: model.roles.map { ($0.rawValue, $0.title) }, selected: Role.coordinator.rawValue),
                selectField("Муниципалитет (для координатора)", name: "authorityID", options: [("", "—")] + model.authorities.map { ("\($0.id)", $0.name) }, selected: ""),
                field("Логин", name: "login", required: true, placeholder: "ivanova.yurga"),
                field("ФИО", name: "fullName", required: true),
                field("Должность", name: "position", placeholder: "главный специалист управления образования"),
                button("Создать и выдать одноразовый пароль"),
            ]),
        ]))
        body.append(subheading("Координаторы муниципалитетов"))
        body.append(model.coordinators.isEmpty ? para("Координаторов пока нет.", cls: "muted") : AccountTable.render(model.coordinators))
        body.append(subheading("Региональные учётные записи"))
        body.append(AccountTable.render(model.regional))
        return layout.render(body)
    }
}

struct UserPage {
    let id: Int
    let login: String
    let fullName: String
    let position: String
    let role: Role
    let municipality: String?
    let school: String?
    let schoolID: Int?
    let state: String
    let active: Bool
    let isSelf: Bool
    let tokens: Int
    let grantable: [Role]
    let schools: [(id: Int, name: String)]
    var message: String?
    /// `AccountsController.stamp` of the account as shown.
    var stamp = ""
}

struct UserView {
    let model: UserPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        var body: [BodyNode] = [heading("Учётная запись \(model.login)")]
        if let m = model.message { body.append(notice(m, kind: "ok")) }
        body.append(el("dl", [("class", "facts")], [
            el("dt", text: "ФИО"), el("dd", text: model.fullName),
            el("dt", text: "Должность"), el("dd", text: model.position),
            el("dt", text: "Роль"), el("dd", text: model.role.title),
            el("dt", text: "Муниципалитет"), el("dd", text: model.municipality ?? "—"),
            el("dt", text: "Школа"), el("dd", text: model.school ?? "—"),
            el("dt", text: "Состояние"), el("dd", text: model.state),
            el("dt", text: "Действующих токенов API"), el("dd", text: "\(model.tokens)"),
        ]))
        if model.active {
            body.append(el("div", [("class", "actions")], [
                postForm(SiteRoute.user(model.id, .resetPassword).path, csrf: csrf, cls: "inline", [button("Сбросить пароль (выдать одноразовый)", cls: "button secondary")]),
                model.isSelf ? .text("") : postForm(SiteRoute.user(model.id, .deactivate).path, csrf: csrf, cls: "inline", [button("Отключить учётную запись", cls: "button danger")]),
            ]))
            body.append(para("Отключение завершает все сеансы и отзывает токены API сразу; имя остаётся во всех записях, которые сделал пользователь.", cls: "muted"))
        } else {
            body.append(postForm(SiteRoute.user(model.id, .resetPassword).path, csrf: csrf, [button("Активировать и выдать одноразовый пароль")]))
        }
        body.append(subheading("Изменить"))
        var fields: [BodyNode] = [
            stampField(model.stamp),
            field("ФИО", name: "fullName", value: model.fullName, required: true, id: "u-name"),
            field("Должность", name: "position", value: model.position, id: "u-position"),
        ]
        if !model.isSelf {
            fields.append(selectField("Роль", name: "role", options: model.grantable.map { ($0.rawValue, $0.title) }, selected: model.role.rawValue, id: "u-role"))
        }
        if !model.schools.isEmpty {
            fields.append(selectField("Школа (для руководителя и сотрудника школы)", name: "schoolID", options: [("", "—")] + model.schools.map { ("\($0.id)", $0.name) },
                                      selected: model.schoolID.map(String.init) ?? "", id: "u-school"))
        }
        body.append(postForm(SiteRoute.user(model.id).path, csrf: csrf, fields + [button("Сохранить")]))
        return layout.render(body)
    }
}

/// The page that shows a one-time password, once.
struct IssuedPasswordView {
    let login: String
    let fullName: String
    let password: String
    let back: (title: String, url: String)
    let layout: Layout

    func render() -> String {
        layout.render([
            heading("Одноразовый пароль"),
            notice("Учётная запись «\(login)» (\(fullName)). Пароль показывается один раз — передайте его владельцу; при первом входе пароль нужно сменить.", kind: "ok"),
            el("dl", [("class", "facts")], [
                el("dt", text: "Логин"), el("dd", [("class", "issued-login")], text: login),
                el("dt", text: "Одноразовый пароль"), el("dd", [("class", "issued-password")], [el("code", text: password)]),
            ]),
            el("p", [], [link(back.title, back.url, cls: "button")]),
        ])
    }
}
