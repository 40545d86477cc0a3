import Foundation

struct AuditPage {
    let entries: [(at: Date, login: String, action: String, entity: String, before: String?, after: String?)]
}

struct AuditView {
    let model: AuditPage
    let layout: Layout

    func render() -> String {
        var body: [BodyNode] = [heading("Журнал изменений")]
        body.append(para("Журнал только пополняется: записи нельзя изменить или удалить. Показаны последние 500 записей.", cls: "muted"))
        body.append(table(["Когда", "Кто", "Действие", "Объект", "Было", "Стало"], model.entries.map { e in [
            .text(Formatting.dateTime(e.at)), .text(e.login), .text(e.action), .text(e.entity), .text(e.before ?? "—"), .text(e.after ?? "—"),
        ] }))
        return layout.render(body)
    }
}
