import Fluent
import OporaCore
import Vapor

/// Conversion scales (primary score → mark): reference data of the region, read by everyone.
struct ScalesController {
    func page(req: Request) async throws -> Response {
        try await render(req, message: try? req.query.get(String.self, at: "done"), problems: [])
    }

    func render(_ req: Request, message: String?, problems: [String]) async throws -> Response {
        let user = try req.currentUser()
        let scales = try await ConversionScaleRecord.query(on: req.db).sort(\.$year, .descending).sort(\.$subject).all()
        var body: [BodyNode] = [heading("Шкалы перевода первичных баллов в отметки")]
        body.append(para("Применяются, когда в файле результатов есть первичные баллы, но нет отметок. Файл без отметок и без шкалы загружается: "
                         + "показатели по первичным баллам считаются сразу, а отметки выставляются, когда шкалу добавят. Источник указывается для каждой шкалы.", cls: "muted"))
        if let message { body.append(notice(message, kind: "ok")) }
        if !problems.isEmpty {
            body.append(notice("Файл шкал не загружен: ошибок — \(problems.count). Ничего не сохранено.", kind: "error"))
            body.append(el("ul", [("class", "problems")], problems.map { el("li", text: $0) }))
        }
        body.append(table(["Процедура", "Год", "Предмет", "Класс", "Шкала", "Источник"], scales.map { s in
            [.text(s.kind.title), .text("\(s.year)"), .text(s.subject), .text("\(s.grade)"), .text(s.scale?.text ?? "—"), .text(s.source)]
        }))
        if user.role.keepsRegionResults {
            body.append(subheading("Добавить или заменить шкалу"))
            body.append(postForm(SiteRoute.conversionScales.path, csrf: req.csrf, [
                selectField("Процедура", name: "kind", options: AssessmentKind.allCases.map { ($0.rawValue, $0.title) }, selected: "vpr"),
                field("Год", name: "year", type: "number", required: true),
                field("Предмет", name: "subject", required: true),
                field("Класс", name: "grade", type: "number", required: true),
                field("Наименьший балл «3», «4», «5» (например, 6–10–14)", name: "scale", required: true),
                field("Источник (документ ФИОКО, письмо)", name: "source", required: true),
                button("Сохранить"),
            ]))
            body.append(subheading("Загрузить шкалы из файла"))
            body.append(para("CSV или XLSX со столбцами «Процедура», «Год», «Предмет», «Класс», «3», «4», «5» (наименьший первичный балл отметки) или «Шкала», «Источник».", cls: "muted"))
            body.append(postForm(SiteRoute.conversionScalesImport.path, csrf: req.csrf, multipart: true, [
                el("div", [("class", "field")], [el("label", [("for", "f-sfile")], text: "Файл"), voidEl("input", [("type", "file"), ("name", "file"), ("id", "f-sfile"), ("required", "required")])]),
                button("Загрузить шкалы"),
            ]))
        }
        return .html(req.layout("Шкалы перевода").render(body), status: problems.isEmpty ? .ok : .unprocessableEntity)
    }

    struct FileForm: Content { var file: File? }

    func importFile(req: Request) async throws -> Response {
        let user = try req.currentUser()
        guard let file = try req.content.decode(FileForm.self).file, file.data.readableBytes > 0 else { throw PublicError(.badRequest, "Выберите файл CSV или XLSX.") }
        do {
            let (saved, filled) = try await ScalesService(db: req.db).importFile(Data(buffer: file.data), fileName: String(file.filename.suffix(200)), user: user)
            let message = "Сохранено шкал: \(saved)" + (filled > 0 ? "; отметки выставлены \(RussianPlural.count(filled, "участнику", "участникам", "участникам"))" : "") + "."
            return req.redirect(to: SiteRoute.conversionScales.path + "?done=" + message.formEncoded)
        } catch let rejected as ScaleFileRejected {
            return try await render(req, message: nil, problems: rejected.problems.map(\.description))
        }
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
        guard let form = try? req.content.decode(ScaleForm.self), let subject = form.subject.nilIfBlank, let source = form.source.nilIfBlank,
              let scale = ConversionScale(parsing: form.scale), (2000...2100).contains(form.year), (1...11).contains(form.grade) else {
            throw PublicError(.badRequest, "Укажите процедуру, год, предмет, класс, три возрастающих порога и источник.")
        }
        let filled = try await ScalesService(db: req.db).save(.init(kind: form.kind, subject: String(subject.prefix(200)), grade: form.grade, year: form.year,
                                                                    scale: scale, source: String(source.prefix(500))), user: user)
        if filled > 0 {
            return req.redirect(to: SiteRoute.conversionScales.path + "?done=" + "Шкала сохранена; отметки выставлены \(RussianPlural.count(filled, "участнику", "участникам", "участникам")).".formEncoded)
        }
        return req.redirect(to: SiteRoute.conversionScales.path)
    }
}
