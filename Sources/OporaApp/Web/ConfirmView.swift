/// «Подтвердите действие»: what will happen, and the form again with `confirmed=1`.
struct ConfirmPage {
    static let field = "confirmed"
    let title: String
    let consequence: String
    /// The address the action posts to (the same as the button that asked).
    let action: String
    /// The fields the first post carried, sent again unchanged.
    let fields: [(key: String, value: String)]
    let back: String
}

struct ConfirmView {
    let model: ConfirmPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        let hidden = model.fields.map { voidEl("input", [("type", "hidden"), ("name", $0.key), ("value", $0.value)]) }
            + [voidEl("input", [("type", "hidden"), ("name", ConfirmPage.field), ("value", "1")])]
        return layout.render([
            heading("Подтвердите действие: \(model.title)"),
            notice(model.consequence, kind: "error"),
            el("div", [("class", "actions")], [
                postForm(model.action, csrf: csrf, cls: "inline", hidden + [button("Подтвердить: \(model.title.lowercased())", cls: "button danger")]),
                link("Отмена", model.back, cls: "button secondary"),
            ]),
        ])
    }
}
