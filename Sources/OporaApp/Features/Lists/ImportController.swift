import Fluent
import OporaCore
import OporaDocuments
import Vapor

/// Upload → preview with every problem → apply in one transaction.
struct ImportController {
    func form(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let year = try await ListQueries(db: req.db).years(authorityID: authority.requireID()).last ?? Calendar.current.component(.year, from: Date())
        let model = ImportPage(authorityID: try authority.requireID(), municipality: authority.municipality, year: year)
        return .html(ImportView(model: model, layout: req.layout("Загрузка списка"), csrf: req.csrf).render())
    }

    struct UploadForm: Content {
        var year: Int?
        var status: ListStatus?
        var orderNumber: String?
        var orderDate: String?
        var orderIssuer: String?
        var file: File?
    }

    func upload(req: Request) async throws -> Response {
        let authority = try req.routeAuthority()
        let aid = try authority.requireID()
        let form = try req.content.decode(UploadForm.self)
        func reject(_ problems: [String]) -> Response {
            let model = ImportPage(authorityID: aid, municipality: authority.municipality, year: form.year ?? Calendar.current.component(.year, from: Date()), problems: problems)
            return .html(ImportView(model: model, layout: req.layout("Загрузка списка"), csrf: req.csrf).render(), status: .unprocessableEntity)
        }
        guard let year = form.year, (2000...2100).contains(year) else { return reject(["Укажите год списка (2000–2100)."]) }
        guard let file = form.file, file.data.readableBytes > 0 else { return reject(["Выберите файл CSV или XLSX."]) }
        let data = Data(buffer: file.data)
        let status = form.status ?? .lowResults
        let draft = ImportDraft()
        draft.$authority.id = aid
        draft.$user.id = try req.currentUser().requireID()
        draft.year = year
        draft.status = status
        draft.fileName = file.filename
        draft.content = data
        draft.orderNumber = form.orderNumber?.nilIfBlank
        draft.orderDate = form.orderDate?.nilIfBlank
        draft.orderIssuer = form.orderIssuer?.nilIfBlank
        try await draft.create(on: req.db)
        return req.redirect(to: SiteRoute.listDraft(try draft.requireID()).path)
    }

    /// The draft, if it belongs to the user and its authority is still manageable by them.
    private func draft(req: Request) async throws -> (ImportDraft, Authority) {
        guard let id = req.intParameter("draftID"), let draft = try await ImportDraft.find(id, on: req.db),
              draft.$user.id == (try req.currentUser().id) else { throw PublicError.notFound() }
        return (draft, try await req.manageableAuthority(draft.$authority.id))
    }

    func preview(req: Request) async throws -> Response {
        let (draft, authority) = try await draft(req: req)
        let service = ListService(db: req.db)
        let preview = try await req.draftCheck("lists", try draft.requireID()) {
            try await service.preview(draft.content, fileName: draft.fileName, authorityID: try authority.requireID(), defaultStatus: draft.status, year: draft.year)
        }
        let replaced = try await service.existingCounts(authorityID: try authority.requireID(), year: draft.year, statuses: Set(preview.rows.map(\.status)))
        let model = ImportPreviewPage(draftID: try draft.requireID(), authorityID: try authority.requireID(), fileName: draft.fileName, year: draft.year,
                                      rows: preview.rows, problems: preview.problems.map(\.description), replaced: replaced)
        return .html(ImportPreviewView(model: model, layout: req.layout("Проверка файла"), csrf: req.csrf).render(),
                     status: preview.isValid ? .ok : .unprocessableEntity)
    }

    func apply(req: Request) async throws -> Response {
        let (draft, authority) = try await draft(req: req)
        let aid = try authority.requireID()
        let service = ListService(db: req.db)
        let preview = try await service.preview(draft.content, fileName: draft.fileName, authorityID: aid, defaultStatus: draft.status, year: draft.year)
        guard preview.isValid else { return req.redirect(to: SiteRoute.listDraft(try draft.requireID()).path) }
        let user = try req.currentUser()
        let count = try await req.application.metrics.timingImport(kind: "lists", rows: { $0 }) {
            try await service.apply(preview, authorityID: aid, year: draft.year,
                                    order: .init(number: draft.orderNumber, date: draft.orderDate, issuer: draft.orderIssuer),
                                    user: user, fileName: draft.fileName)
        }
        try await draft.delete(on: req.db)
        let done = "Загружено \(RussianPlural.count(count, "строка", "строки", "строк")) из файла «\(draft.fileName)»."
        return req.redirect(to: SiteRoute.authority(aid, .lists).path(year: draft.year) + "&done=" + (done.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
    }
}
