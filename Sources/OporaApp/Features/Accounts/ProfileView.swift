import Foundation

struct ProfilePage {
    let login: String
    let fullName: String
    let position: String
    let role: String
    let tokens: [(id: Int, name: String, created: Date?, revoked: Date?)]
    var newToken: String?
}

struct ProfileView {
    let model: ProfilePage
    let layout: Layout
    let csrf: String

    func render() -> String {
        var body: [BodyNode] = [heading("Профиль")]
        body.append(el("dl", [("class", "facts")], [
            el("dt", text: "Логин"), el("dd", text: model.login),
            el("dt", text: "ФИО"), el("dd", text: model.fullName),
            el("dt", text: "Должность"), el("dd", text: model.position),
            el("dt", text: "Роль"), el("dd", text: model.role),
        ]))
        body.append(el("p", [], [link("Сменить пароль", SiteRoute.password.path, cls: "button secondary")]))
        body.append(subheading("Токены для API"))
        if let token = model.newToken {
            body.append(notice("Новый токен (показывается один раз, сохраните его): \(token)", kind: "ok"))
        }
        body.append(para("Токен передаётся в заголовке «Authorization: Bearer <токен>» при обращении к /api/v1. Описание API: /api/v1/openapi.json.", cls: "muted"))
        if !model.tokens.isEmpty {
            body.append(table(["Название", "Создан", "Состояние"], model.tokens.map { t in [
                .text(t.name), .text(t.created.map(Formatting.dateTime) ?? "—"),
                t.revoked.map { .text("отозван \(Formatting.dateTime($0))") }
                    ?? postForm(SiteRoute.token(t.id, .revoke).path, csrf: csrf, cls: "inline", [button("Отозвать", cls: "button danger")]),
            ] }))
        }
        body.append(postForm(SiteRoute.tokens.path, csrf: csrf, cls: "row", [
            field("Название токена", name: "name", required: true, placeholder: "например, отчётная таблица"),
            button("Создать токен"),
        ]))
        return layout.render(body)
    }
}
