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
        let model = ScalesPage(scales: scales.map { s in ScalesPage.Scale(kind: s.kind, year: s.year, subject: s.subject, grade: s.grade, scale: s.scale, source: s.source) },
                               message: message, problems: problems, canEdit: user.role.keepsRegionResults)
        return .html(ScalesView(model: model, layout: req.layout("Шкалы перевода"), csrf: req.csrf).render(), status: problems.isEmpty ? .ok : .unprocessableEntity)
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
