import Foundation
import OporaCore

/// The check of an uploaded results file: what goes where, what was said of the file, the
/// schools the registry does not know (assign, create or skip — none blocks the rest), and the
/// import button.
struct ResultDraftPage {
    struct Unknown {
        let index: Int
        let school: ResultsService.UnknownSchool
        /// «skip», «s:<school id>» or «c:<authority id>».
        let decision: String
        /// What the user may choose for it.
        let options: [(value: String, title: String)]
    }
    let draftID: Int
    let fileName: String
    /// «Кемеровская область – Кузбасс» or a municipality.
    let target: String
    let isRegion: Bool
    let test: ResultsTest?
    let participants: Int
    let warnings: [String]
    let problems: [String]
    let personal: [String]
    let marksSource: String
    let perSchool: [(name: String, count: Int)]
    let perMunicipality: [(name: String, schools: Int, participants: Int)]
    var unknown: [Unknown]
    let maxima: [AssessmentTask]
    var back: (title: String, url: String)
}

struct ResultDraftView {
    let model: ResultDraftPage
    let layout: Layout
    let csrf: String

    func render() -> String {
        let m = model
        var body: [BodyNode] = [heading("Проверка файла результатов: «\(m.fileName)»")]
        body.append(para((m.isRegion ? "Файл региона: строки распределяются по муниципалитетам школ. " : "Файл муниципалитета: \(m.target). ")
                         + (m.test.map { "Процедура: \($0.title). " } ?? "") + "Отметки: \(m.marksSource).", cls: "muted"))
        if !m.problems.isEmpty {
            body.append(notice("Файл не загружен: ошибок — \(m.problems.count). Ничего не сохранено; исправьте файл и загрузите его снова.", kind: "error"))
            body.append(el("ul", [("class", "problems")], m.problems.map { el("li", text: $0) }))
        } else {
            body.append(notice("Ошибок нет: \(RussianPlural.count(m.participants, "участник", "участника", "участников")) к загрузке. "
                               + "ФИО и документы участников не хранятся — только коды (152-ФЗ).", kind: "ok"))
        }
        for w in m.warnings { body.append(notice(w)) }
        if !m.personal.isEmpty {
            body.append(para("Столбцы с персональными данными (\(m.personal.map { "«\($0)»" }.joined(separator: ", "))) прочитаны, но не сохраняются.", cls: "muted"))
        }
        if m.problems.isEmpty {
            body.append(postForm(SiteRoute.resultDraft(m.draftID, .apply).path, csrf: csrf, cls: "apply", [button("Загрузить результаты")]))
        }
        if !m.unknown.isEmpty { body.append(contentsOf: unknownSchools()) }
        if m.isRegion && !m.perMunicipality.isEmpty {
            body.append(subheading("По муниципалитетам"))
            body.append(table(["Муниципалитет", "Школ", "Участников"], m.perMunicipality.map { [.text($0.name), .text("\($0.schools)"), .text("\($0.participants)")] }))
        } else if !m.perSchool.isEmpty {
            body.append(subheading("По школам"))
            body.append(table(["Школа", "Участников"], m.perSchool.map { [.text($0.name), .text("\($0.count)")] }))
        }
        if m.maxima.contains(where: { $0.maxSource != .header }) {
            body.append(subheading("Максимальные баллы заданий"))
            body.append(table(["Задание", "Максимум", "Откуда"], m.maxima.map { [.text($0.label), .text(CSVNumber.format($0.maxScore)), .text($0.maxSource?.title ?? "из заголовка файла")] }))
        }
        body.append(el("p", [], [link(m.back.title, m.back.url)]))
        return layout.render(body)
    }

    private func unknownSchools() -> [BodyNode] {
        let rows = model.unknown.map { u -> [BodyNode] in
            [.text(u.school.code ?? "—"), .text(u.school.name ?? "—"), .text(u.school.municipality ?? "—"), .text("\(u.school.rows)"),
             el("select", [("name", "school-\(u.index)"), ("id", "school-\(u.index)"), ("aria-label", u.school.code ?? u.school.name ?? "")],
                u.options.map { o in el("option", [("value", o.value), ("selected", o.value == u.decision ? "selected" : nil)], text: o.title) })]
        }
        return [
            subheading("Школы, которых нет в реестре (\(model.unknown.count))"),
            para("Их строки не загружаются, пока школа не выбрана из реестра или не создана: остальной файл это не задерживает. "
                 + "Созданная школа получает код из файла, и следующие файлы найдут её сами.", cls: "muted"),
            postForm(SiteRoute.resultDraft(model.draftID, .schools).path, csrf: csrf, cls: "decisions", [
                el("div", [("class", "actions")], [
                    el("button", [("type", "submit"), ("name", "all"), ("value", "create"), ("class", "button secondary")], text: "Создать все в муниципалитетах из файла"),
                    el("button", [("type", "submit"), ("name", "all"), ("value", "skip"), ("class", "button secondary")], text: "Пропустить все"),
                ]),
                table(["Код в файле", "Название в файле", "Муниципалитет в файле", "Строк", "Что сделать"], rows),
                button("Сохранить решения и проверить снова"),
            ]),
        ]
    }
}
