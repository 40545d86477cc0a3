struct LoginPage {
    var login: String = ""
    var error: String?
    var next: String = SiteRoute.home.path
    /// No region yet: say what the server's administrator runs, instead of a login nobody can pass.
    var notConfigured = false
}

struct LoginView {
    let model: LoginPage
    let csrf: String

    func render() -> String {
        var body: [BodyNode] = [heading("Вход в систему")]
        if model.notConfigured {
            body.append(el("div", [("class", "notice"), ("role", "status")], [
                .text("Система ещё не настроена. Администратор сервера выполняет "),
                el("code", text: "opora setup --region \"<название региона>\" --admin-login <логин>"),
                .text(" и входит с напечатанным одноразовым паролем."),
            ]))
        }
        if let e = model.error { body.append(notice(e, kind: "error")) }
        body.append(postForm(SiteRoute.login.path, csrf: csrf, cls: "login", [
            voidEl("input", [("type", "hidden"), ("name", "next"), ("value", model.next)]),
            field("Логин", name: "login", value: model.login, required: true),
            field("Пароль", name: "password", type: "password", required: true),
            button("Войти"),
        ]))
        body.append(para("Учётные записи выдаёт муниципальный координатор. Забыли пароль — обратитесь к нему.", cls: "muted"))
        return Layout(title: "Вход", user: nil, csrf: csrf).render(body)
    }
}
