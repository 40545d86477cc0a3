struct ErrorPage {
    let status: Int
    let message: String
    /// Where to take the user back to (the record a conflicting save was about).
    var back: String? = nil
}

struct ErrorView {
    let model: ErrorPage
    let user: User?
    /// The session's token, so «Выйти» on an error page works.
    var csrf: String? = nil

    func render() -> String {
        Layout(title: "Ошибка \(model.status)", user: user, csrf: csrf).render([
            heading(model.status == 404 ? "Страница не найдена" : "Ошибка \(model.status)"),
            notice(model.message, kind: "error"),
            model.back.map { link("Открыть запись заново", $0, cls: "button") } ?? para("Вернуться на главную страницу:"),
            link("Главная", SiteRoute.home.path, cls: "button secondary"),
        ])
    }
}
