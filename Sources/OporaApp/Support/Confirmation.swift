import Vapor

/// An action that cannot be undone asks first, without JavaScript: its button posts without
/// `confirmed`, and the answer is a page that says what will happen, with the same form's fields
/// and «Подтвердить» / «Отмена». Only the confirmed post acts.
struct ConfirmationNeeded: Error {
    let page: ConfirmPage
}

extension Request {
    /// Stops here until the user has confirmed `title` knowing `consequence`; `back` is where
    /// «Отмена» leads.
    func confirm(_ title: String, consequence: String, back: String) throws {
        if (try? content.get(String.self, at: ConfirmPage.field)) == "1" { return }
        let sent = ((try? content.decode([String: String].self)) ?? [:]).filter { $0.key != CSRF.field && $0.key != ConfirmPage.field }
        let action = url.query.map { url.path + "?" + $0 } ?? url.path
        throw ConfirmationNeeded(page: ConfirmPage(title: title, consequence: consequence, action: action,
                                                   fields: sent.sorted { $0.key < $1.key }, back: back))
    }
}
