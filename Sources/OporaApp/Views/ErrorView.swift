struct ErrorPage {
    let status: Int
    let message: String
}

struct ErrorView {
    let model: ErrorPage
    let user: User?

    func render() -> String {
        Layout(title: "Ошибка \(model.status)", user: user, csrf: nil).render([
            heading(model.status == 404 ? "Страница не найдена" : "Ошибка \(model.status)"),
            notice(model.message, kind: "error"),
            para("Вернуться на главную страницу:"),
            link("Главная", SiteRoute.home.path, cls: "button secondary"),
        ])
    }
}
