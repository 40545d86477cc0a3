import OporaCore

struct YearTurnoverPage {
    let authorityID: Int
    let municipality: String
    let years: [Int]
    let summary: YearTurnoverService.Summary
    /// «выполнен 01.09.2026 10:00 (yurga)» when the turn to the next year was made.
    let done: String?
    let canManage: Bool
}

struct YearTurnoverView {
    let model: YearTurnoverPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        let s = model.summary
        var body: [BodyNode] = [heading("Новый учебный год: \(s.fromYear) → \(s.toYear)")]
        body.append(el("form", [("method", "get"), ("action", SiteRoute.authority(model.authorityID, .newYear).path), ("class", "filters")], [
            selectField("Из года", name: "from", options: model.years.map { ("\($0)", "\($0)") }, selected: "\(s.fromYear)"),
            button("Показать", cls: "button secondary"),
        ]))
        if let done = model.done {
            body.append(notice("Переход выполнен \(done). Ниже — состояние на момент перехода: оно сохранено и не меняется.", kind: "ok"))
        } else {
            body.append(para("Переход переносит списки \(s.fromYear) года в \(s.toYear) год черновиками — их нужно проверить и утвердить приказом. "
                             + "Кураторы и составы групп остаются; их состав на момент перехода сохраняется в записи. "
                             + "Ничего из \(s.fromYear) года не меняется.", cls: "muted"))
            if model.canManage {
                body.append(postForm(SiteRoute.authority(model.authorityID, .newYear).path, csrf: csrf, [
                    voidEl("input", [("type", "hidden"), ("name", "from"), ("value", "\(s.fromYear)")]),
                    button("Начать \(s.toYear) год: перенести списки черновиками"),
                ]))
            }
        }
        body.append(subheading("Списки"))
        if s.lists.isEmpty { body.append(para("За \(s.fromYear) год нет утверждённых списков.", cls: "muted")) }
        else {
            body.append(table(["Список", "Школ переносится", "Не переносятся (закрыты)", "В \(s.toYear) году"], s.lists.map { l in [
                .text(l.status.abbreviation), .text("\(l.schools)"), .text(l.leftOut.isEmpty ? "—" : l.leftOut.joined(separator: "; ")),
                .text(l.exists ? "список уже есть, не меняется" : "черновик к утверждению"),
            ] }))
            body.append(el("p", [], [link("Списки \(s.toYear) года", SiteRoute.authority(model.authorityID, .lists).path(year: s.toYear))]))
        }
        body.append(subheading("Кураторы (\(s.curators.count))"))
        body.append(s.curators.isEmpty ? para("Кураторы не назначены.", cls: "muted")
                    : table(["Куратор", "Школа", "Приказ"], s.curators.map { [.text($0.curator), .text($0.school), .text($0.order ?? "—")] }))
        body.append(subheading("Группы"))
        body.append(s.groups.isEmpty ? para("Группы не созданы.", cls: "muted")
                    : table(["Группа", "Приказ", "Состав"], s.groups.map { [.text($0.kind), .text($0.order ?? "—"), .text($0.members.joined(separator: "; "))] }))
        body.append(subheading("Рекомендации, не отмеченные выполненными (\(s.openFollowUpCount))"))
        body.append(items(s.openFollowUps, total: s.openFollowUpCount, empty: "Открытых рекомендаций нет."))
        body.append(subheading("Мероприятия \(s.fromYear) года, не выполненные (\(s.unfinishedMeasureCount))"))
        body.append(items(s.unfinishedMeasures, total: s.unfinishedMeasureCount, empty: "Невыполненных мероприятий нет."))
        return layout.render(body)
    }

    private func items(_ list: [YearTurnoverService.Summary.OpenItem], total: Int, empty: String) -> BodyNode {
        guard !list.isEmpty else { return para(empty, cls: "muted") }
        var nodes: [BodyNode] = [table(["Школа", "Что", "Срок", "Откуда"], list.map { [.text($0.school), .text($0.text), .text($0.due), .text($0.source)] })]
        if total > list.count { nodes.append(para("Показаны первые \(list.count) из \(total).", cls: "muted")) }
        return el("div", [], nodes)
    }
}
