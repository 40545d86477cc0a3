import Fluent
import Foundation
import OporaCore
import OporaDocuments
import Vapor

/// An uploaded results file between its check and its import, for a municipality or the whole
/// region: the mapping step for unknown columns, the decisions for unknown schools, the import.
struct ResultDraftsController {
    /// The draft, if it is the user's and the user may still import for its target.
    func draft(_ req: Request) async throws -> (ResultDraft, ResultsService.Target) {
        let user = try req.currentUser()
        guard let id = req.intParameter("draftID"), let draft = try await ResultDraft.find(id, on: req.db), draft.$user.id == user.id else {
            throw PublicError.notFound()
        }
        if let aid = draft.$authority.id {
            _ = try await req.manageableAuthority(aid)
            return (draft, .authority(aid))
        }
        guard user.role.keepsRegionResults else { throw PublicError.forbidden() }
        return (draft, .region(draft.$region.id))
    }

    func preview(_ req: Request, _ draft: ResultDraft, _ target: ResultsService.Target) async throws -> ResultsService.Preview {
        try await req.draftCheck("results", try draft.requireID()) {
            try await ResultsService(db: req.db).preview(.data(draft.content), fileName: draft.fileName, target: target, given: draft.given,
                                                         decisions: .init(json: draft.decisions))
        }
    }

    /// GET /result-drafts/:id
    func show(req: Request) async throws -> Response {
        let (draft, target) = try await draft(req)
        return try await respond(req, draft: draft, target: target, preview: try await preview(req, draft, target))
    }

    func back(_ target: ResultsService.Target) -> (String, String) {
        switch target {
        case .authority(let aid): ("К результатам муниципалитета", SiteRoute.authority(aid, .results).path)
        case .region: ("К результатам региона", SiteRoute.regionResults.path)
        }
    }

    /// The mapping step while columns are unknown; otherwise the check.
    func respond(_ req: Request, draft: ResultDraft, target: ResultsService.Target, preview: ResultsService.Preview) async throws -> Response {
        let draftID = try draft.requireID()
        let back = back(target)
        let layoutFor = req.layout("Проверка файла результатов", crumbs: [(back.0, back.1)])
        if preview.needsMapping, let layout = preview.layout {
            let step = MappingStep(draftID: draftID, fileName: draft.fileName, layout: layout,
                                   samples: Array(ResultsStream.head(draft.content, rows: layout.headerRow + 4).dropFirst(layout.headerRow + 1)),
                                   missing: layout.missing(schoolGiven: draft.schoolID != nil))
            return .html(layoutFor.render(MappingView.render(step, csrf: req.csrf)))
        }
        guard preview.layout != nil, preview.outcome != nil else {
            try await draft.delete(on: req.db)
            let page = ResultDraftPage(draftID: draftID, fileName: draft.fileName, target: "", isRegion: false, test: nil, participants: 0, warnings: [],
                                       problems: preview.problems.map(\.description), personal: [], marksSource: "—", perSchool: [], perMunicipality: [],
                                       unknown: [], maxima: [], back: back)
            return .html(ResultDraftView(model: page, layout: layoutFor, csrf: req.csrf).render(), status: .unprocessableEntity)
        }
        var page = try await model(req, draft: draft, target: target, preview: preview, back: back)
        // A damaged file is not kept: it must be corrected and uploaded again. A file whose only
        // problem is schools to decide on waits for the decisions.
        if !(preview.outcome?.problems.isEmpty ?? true) || preview.test == nil {
            try await draft.delete(on: req.db)
            page.unknown = []
        }
        return .html(ResultDraftView(model: page, layout: layoutFor, csrf: req.csrf).render(), status: page.problems.isEmpty ? .ok : .unprocessableEntity)
    }

    private func model(_ req: Request, draft: ResultDraft, target: ResultsService.Target, preview: ResultsService.Preview, back: (String, String)) async throws -> ResultDraftPage {
        let authorities = try await Authority.query(on: req.db).filter(\.$region.$id == draft.$region.id).sort(\.$municipality).all()
        let names = Dictionary(uniqueKeysWithValues: authorities.compactMap { a in a.id.map { ($0, a.municipality) } })
        var targetName = ""
        var options: (ResultsService.UnknownSchool) -> [(value: String, title: String)]
        switch target {
        case .authority(let aid):
            targetName = names[aid] ?? ""
            let schools = try await School.query(on: req.db).filter(\.$authority.$id == aid).filter(\.$status == .active).all()
                .sortedNaturally(by: \.shortName)
            let choices = schools.compactMap { s in s.id.map { (value: "s:\($0)", title: "это \(s.shortName)") } }
            options = { _ in [("skip", "пропустить"), ("c:\(aid)", "создать в реестре муниципалитета")] + choices }
        case .region(let rid):
            targetName = try await Region.find(rid, on: req.db)?.name ?? ""
            let all = authorities.filter { $0.closedOn == nil }.compactMap { a in a.id.map { (value: "c:\($0)", title: "создать: \(a.municipality)") } }
            options = { u in
                if let aid = u.authorityID, let name = names[aid] { return [("skip", "пропустить"), ("c:\(aid)", "создать: \(name)")] }
                return [("skip", "пропустить")] + all
            }
        }
        let decisions = preview.decisions
        let unknown = preview.unknownSchools.enumerated().map { i, u in
            ResultDraftPage.Unknown(index: i, school: u,
                                    decision: decisions.assign[u.key].map { "s:\($0)" } ?? decisions.create[u.key].map { "c:\($0)" } ?? "skip",
                                    options: options(u))
        }
        var perMunicipality: [Int: (schools: Int, participants: Int)] = [:]
        if let outcome = preview.outcome {
            for (key, sid) in preview.included {
                guard let aid = preview.schoolAuthority[sid] else { continue }
                perMunicipality[aid, default: (0, 0)].schools += 1
                perMunicipality[aid, default: (0, 0)].participants += outcome.schools[key]?.count ?? 0
            }
        }
        return ResultDraftPage(
            draftID: try draft.requireID(), fileName: draft.fileName, target: targetName, isRegion: { if case .region = target { return true }; return false }(),
            test: preview.test, participants: preview.participants, warnings: preview.warnings, problems: preview.problems.map(\.description),
            personal: preview.layout?.personal ?? [], marksSource: preview.marksSource, perSchool: preview.perSchool,
            perMunicipality: perMunicipality.map { (names[$0.key] ?? "", $0.value.schools, $0.value.participants) }.sorted { $0.0.localizedStandardCompare($1.0) == .orderedAscending },
            unknown: unknown, maxima: preview.outcome?.tasks ?? [], back: back)
    }

    /// POST /result-drafts/:id/mapping — what each column holds; remembered for the region.
    func map(req: Request) async throws -> Response {
        let (draft, target) = try await draft(req)
        let preview = try await preview(req, draft, target)
        guard let layout = preview.layout else { throw PublicError(.conflict, "Файл не читается; загрузите его снова.") }
        var answers: [String: ResultsColumn] = [:]
        let taskCols = Set(layout.taskColumns.map(\.col))
        for (c, header) in layout.header.enumerated() where !taskCols.contains(c) && !ResultsColumn.key(header).isEmpty {
            guard let raw = try? req.content.get(String.self, at: "col-\(c)"), let column = ResultsColumn(rawValue: raw) else { continue }
            if layout.columns[c] != column || layout.unknown.contains(c) { answers[ResultsColumn.key(header)] = column }
        }
        let user = try req.currentUser()
        if !answers.isEmpty {
            let answers = answers
            // The region's mappings and their audit record in one transaction.
            try await req.db.transaction { tx in
                try await ResultsService(db: tx).remember(answers, regionID: draft.$region.id, by: user.login)
                try await Audit.record(on: tx, user: user, authorityID: draft.$authority.id, action: "Сопоставлены столбцы файла результатов", entity: draft.fileName,
                                       entityID: nil, after: answers.sorted { $0.key < $1.key }.map { "«\($0.key)» → \($0.value.title)" }.joined(separator: "; "))
            }
        }
        return req.redirect(to: SiteRoute.resultDraft(try draft.requireID()).path)
    }

    /// POST /result-drafts/:id/schools — assign, create or skip each unknown school.
    func decide(req: Request) async throws -> Response {
        let (draft, target) = try await draft(req)
        let preview = try await preview(req, draft, target)
        var decisions = ResultsService.Decisions()
        let all = try? req.content.get(String.self, at: "all")
        for (i, u) in preview.unknownSchools.enumerated() {
            var raw = (try? req.content.get(String.self, at: "school-\(i)")) ?? "skip"
            if all == "skip" { raw = "skip" }
            if all == "create" {
                switch target {
                case .authority(let aid): raw = "c:\(aid)"
                case .region: raw = u.authorityID.map { "c:\($0)" } ?? raw
                }
            }
            if raw.hasPrefix("s:"), let id = Int(raw.dropFirst(2)) { decisions.assign[u.key] = id }
            if raw.hasPrefix("c:"), let id = Int(raw.dropFirst(2)) { decisions.create[u.key] = id }
        }
        draft.decisions = decisions.json
        try await draft.save(on: req.db)
        return req.redirect(to: SiteRoute.resultDraft(try draft.requireID()).path)
    }

    /// POST /result-drafts/:id/apply — checked again, then one transaction.
    func apply(req: Request) async throws -> Response {
        let (draft, target) = try await draft(req)
        let preview = try await preview(req, draft, target)
        guard preview.isValid else { return try await respond(req, draft: draft, target: target, preview: preview) }
        let user = try req.currentUser()
        let applied = try await req.application.metrics.timingImport(kind: "results", rows: { $0.participants }) {
            try await ResultsService(db: req.db).apply(preview, hash: try ResultsService.hash(.data(draft.content)), fileName: draft.fileName,
                                                       target: target, user: user)
        }
        try await draft.delete(on: req.db)
        let message: String
        if applied.fresh {
            message = "Загружено: \(RussianPlural.count(applied.participants, "участник", "участника", "участников"))"
                + (applied.imports.count > 1 ? " в \(RussianPlural.count(applied.imports.count, "муниципалитете", "муниципалитетах", "муниципалитетах"))" : "")
                + (applied.createdSchools > 0 ? "; создано школ: \(applied.createdSchools)" : "")
                + (preview.skipped.isEmpty ? "" : "; пропущено школ: \(preview.skipped.count)") + "."
        } else {
            message = "Этот файл уже был загружен; ничего не изменено."
        }
        let t = applied.test
        let query = "\(t.query)&done=\(message.formEncoded)"
        switch target {
        case .authority(let aid): return req.redirect(to: SiteRoute.authority(aid, .results).path + "?\(query)")
        case .region: return req.redirect(to: SiteRoute.regionResults.path + "?\(query)")
        }
    }
}

extension ResultDraft {
    var given: ResultsService.Given {
        .init(subject: subject, grade: grade, year: year, kind: kind.flatMap(AssessmentKind.init(rawValue:)), schoolID: schoolID)
    }
}
