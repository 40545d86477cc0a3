import Fluent
import OporaCore
import Vapor

/// The region's registry file: upload → preview of every change and problem → apply whole.
struct RegistryImportController {
    private func admin(_ req: Request) throws -> User {
        // The route's permission (`administerRegion`) admitted only the region's administrator.
        try req.currentUser()
    }

    func form(req: Request) async throws -> Response {
        _ = try admin(req)
        return try await renderForm(req, error: nil)
    }

    private func renderForm(_ req: Request, error: String?) async throws -> Response {
        let model = RegistryImportFormPage(regions: try await RegionChoice.options(on: req.db), error: error)
        return .html(RegistryImportFormView(model: model, layout: req.layout("Импорт реестра", crumbs: [("Муниципалитеты", SiteRoute.authorities.path)]), csrf: req.csrf).render(),
                     status: error == nil ? .ok : .unprocessableEntity)
    }

    struct UploadForm: Content {
        var regionID: Int?
        var createMunicipalities: String?
        var file: File?
    }

    func upload(req: Request) async throws -> Response {
        let user = try admin(req)
        let form = try req.content.decode(UploadForm.self)
        guard let file = form.file, file.data.readableBytes > 0 else { return try await renderForm(req, error: "Выберите файл реестра (CSV или XLSX).") }
        let draft = RegistryDraft()
        draft.$user.id = try user.requireID()
        draft.$region.id = try await RegionChoice.region(form.regionID, on: req.db)
        draft.fileName = String(file.filename.suffix(200))
        draft.content = Data(buffer: file.data)
        draft.createMunicipalities = form.createMunicipalities != nil
        try await draft.create(on: req.db)
        return req.redirect(to: SiteRoute.registryDraft(try draft.requireID()).path)
    }

    private func draft(_ req: Request) async throws -> RegistryDraft {
        let user = try admin(req)
        guard let id = req.intParameter("draftID"), let draft = try await RegistryDraft.find(id, on: req.db), draft.$user.id == user.id else {
            throw PublicError.notFound()
        }
        return draft
    }

    func preview(req: Request) async throws -> Response {
        let draft = try await draft(req)
        let plan = try await req.draftCheck("registry", try draft.requireID()) {
            try await RegistryService(db: req.db).preview(draft.content, fileName: draft.fileName, regionID: draft.$region.id,
                                                         createMunicipalities: draft.createMunicipalities)
        }
        return render(req, draft: draft, plan: plan, applied: nil)
    }

    func apply(req: Request) async throws -> Response {
        let draft = try await draft(req)
        do {
            let user = try req.currentUser()
            let outcome = try await req.application.metrics.timingImport(kind: "registry", rows: { $0.schoolsCreated + $0.schoolsUpdated + $0.schoolsUnchanged }) {
                try await RegistryService(db: req.db).apply(draft.content, fileName: draft.fileName, regionID: draft.$region.id,
                                                           createMunicipalities: draft.createMunicipalities, user: user)
            }
            try await draft.delete(on: req.db)
            return render(req, draft: draft, plan: RegistryPlan(fileName: draft.fileName), applied: outcome)
        } catch let rejected as RegistryService.Rejected {
            return render(req, draft: draft, plan: rejected.plan, applied: nil, status: .unprocessableEntity)
        }
    }

    private func render(_ req: Request, draft: RegistryDraft, plan: RegistryPlan, applied: RegistryService.Outcome?, status: HTTPResponseStatus = .ok) -> Response {
        let model = RegistryPreviewPage(draftID: draft.id ?? 0, fileName: draft.fileName, plan: plan, applied: applied)
        let layout = req.layout("Импорт реестра", crumbs: [("Муниципалитеты", SiteRoute.authorities.path), ("Импорт реестра", SiteRoute.registryImport.path)])
        return .html(RegistryPreviewView(model: model, layout: layout, csrf: req.csrf).render(), status: plan.problems.isEmpty ? status : .unprocessableEntity)
    }
}
