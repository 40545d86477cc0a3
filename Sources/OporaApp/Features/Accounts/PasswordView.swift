import OporaCore

struct PasswordPage {
    let login: String
    let mustChange: Bool
    var error: String?
}

struct PasswordView {
    let model: PasswordPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        var body: [BodyNode] = [heading("Смена пароля")]
        if model.mustChange {
            body.append(notice("Вы вошли с одноразовым паролем. Придумайте свой пароль — без этого работа в системе недоступна."))
        }
        if let e = model.error { body.append(notice(e, kind: "error")) }
        body.append(el("ul", [], [
            el("li", text: "не короче \(PasswordPolicy.minLength) символов;"),
            el("li", text: "не один повторённый символ и не последовательность (12345…, qwerty…);"),
            el("li", text: "не совпадает с логином «\(model.login)»."),
        ]))
        body.append(postForm(SiteRoute.password.path, csrf: csrf, cls: "password", [
            field(model.mustChange ? "Одноразовый пароль" : "Текущий пароль", name: "current", type: "password", required: true),
            field("Новый пароль", name: "new", type: "password", required: true),
            field("Новый пароль ещё раз", name: "repeated", type: "password", required: true),
            button("Сменить пароль"),
        ]))
        return layout.render(body)
    }
}
