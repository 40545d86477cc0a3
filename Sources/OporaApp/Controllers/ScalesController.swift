import Fluent
import OporaCore
import Vapor

/// Conversion scales (primary score → mark): reference data of the region, read by everyone.
struct ScalesController {
    func page(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let scales = try await ConversionScaleRecord.query(on: req.db).sort(\.$year, .descending).sort(\.$subject).all()
        var body: [BodyNode] = [heading("Шкалы перевода первичных баллов в отметки")]
        body.append(para("Применяются, когда в файле результатов есть первичные баллы, но нет отметок. Источник указывается для каждой шкалы; без шкалы такой файл не загружается.", cls: "muted"))
        body.append(table(["Процедура", "Год", "Предмет", "Класс", "Шкала", "Источник"], scales.map { s in
            [.text(s.kind.title), .text("\(s.year)"), .text(s.subject), .text("\(s.grade)"), .text(s.scale?.text ?? "—"), .text(s.source)]
        }))
        if user.role.canEditCatalogue {
            body.append(subheading("Добавить или заменить шкалу"))
            body.append(postForm("/conversion-scales", csrf: req.csrf, [
                selectField("Процедура", name: "kind", options: AssessmentKind.allCases.map { ($0.rawValue, $0.title) }, selected: "vpr"),
                field("Год", name: "year", type: "number", required: true),
                field("Предмет", name: "subject", required: true),
                field("Класс", name: "grade", type: "number", required: true),
                field("Наименьший балл «3», «4», «5» (например, 6–10–14)", name: "scale", required: true),
                field("Источник (документ ФИОКО, письмо)", name: "source", required: true),
                button("Сохранить"),
            ]))
        }
        return .html(req.layout("Шкалы перевода").render(body))
    }

    struct ScaleForm: Content {
        var kind: AssessmentKind
        var year: Int
        var subject: String
        var grade: Int
        var scale: String
        var source: String
    }

    func save(req: Request) async throws -> Response {
        let user = try req.currentUser()
        guard user.role.canEditCatalogue else { throw PublicError(.forbidden, "Шкалы перевода ведёт региональный администратор.") }
        guard let form = try? req.content.decode(ScaleForm.self), let subject = form.subject.nilIfBlank, let source = form.source.nilIfBlank,
              let scale = ConversionScale(parsing: form.scale) else {
            throw PublicError(.badRequest, "Укажите процедуру, год, предмет, класс, три возрастающих порога и источник.")
        }
        let record = try await ConversionScaleRecord.query(on: req.db).filter(\.$kind == form.kind).filter(\.$subject == subject)
            .filter(\.$grade == form.grade).filter(\.$year == form.year).first() ?? ConversionScaleRecord()
        let before = record.id == nil ? nil : record.scale?.text
        record.kind = form.kind
        record.subject = subject
        record.grade = form.grade
        record.year = form.year
        record.three = scale.three
        record.four = scale.four
        record.five = scale.five
        record.source = source
        try await record.save(on: req.db)
        try await Audit.record(on: req.db, user: user, authorityID: nil, action: "Сохранена шкала перевода", entity: "\(form.kind.title) \(form.year), \(subject), \(form.grade) класс",
                               entityID: record.id, before: before, after: "\(scale.text); \(source)")
        return req.redirect(to: "/conversion-scales")
    }
}
