import Fluent
import OporaCore
import Vapor

/// The one place where a route's `Permission` is checked, before its handler runs. The object
/// is the one the path names; each kind of object is traced to what scopes it — a measure to its
/// roadmap, a teacher to its school, a list entry to its municipality — and judged by the user's
/// `Scope`. Handlers then load what they show; the checks they still make are the same rules
/// (`Request.mayManage`, `mayEdit` …), read from here.
enum AccessPolicy {
    static func authorize(_ req: Request, _ permission: Permission) async throws {
        switch permission {
        case .anyone:
            return
        case .signedIn:
            _ = try req.currentUser()
        case .regional:
            guard try req.currentUser().role.isRegional else { throw PublicError.notFound() }
        case .administerRegion:
            guard try req.currentUser().role == .regionalAdmin else { throw PublicError.forbidden() }
            // The municipality or organization it acts on must exist.
            if req.parameters.get("authorityID") != nil || req.parameters.get("organizationID") != nil { try await onObject(req, permission) }
        case .keepRegionResults:
            guard try req.currentUser().role.keepsRegionResults else {
                throw PublicError(.forbidden, "Результаты региона загружают региональный администратор и оператор оценочных процедур.")
            }
            if req.parameters.get("mappingID") != nil { try await mapping(req) }
        case .editCatalogue:
            guard try req.currentUser().role.canEditCatalogue else {
                throw PublicError(.forbidden, "Справочник факторов риска изменяет региональный администратор.")
            }
        case .ownToken:
            let user = try req.currentUser()
            guard let id = req.intParameter("tokenID"), let token = try await APIToken.find(id, on: req.db), token.$user.id == user.id else {
                throw PublicError.notFound()
            }
        case .manageAccount:
            _ = try await AccountService(db: req.db, credentials: req.credentials).manageable(req.intParameter("userID"), by: try req.currentUser())
        case .ownDraft:
            try await ownDraft(req)
        case .readAudit:
            let user = try req.currentUser()
            guard user.role.isRegional || (user.role == .coordinator && user.$authority.id != nil) else { throw PublicError.forbidden() }
        default:
            try await onObject(req, permission)
        }
    }

    /// Permissions judged on the object the path names.
    private static func onObject(_ req: Request, _ permission: Permission) async throws {
        let p = req.parameters
        if p.get("authorityID") != nil { return try await onAuthority(req, permission, req.intParameter("authorityID")) }
        if p.get("schoolID") != nil { return try await onSchool(req, permission, try await req.readableSchool(req.intParameter("schoolID"))) }
        if p.get("roadmapID") != nil { return try await onRoadmap(req, permission, try await req.readableRoadmap(req.intParameter("roadmapID"))) }
        if p.get("measureID") != nil { return try await onMeasure(req, permission) }
        if p.get("listID") != nil {
            guard let id = req.intParameter("listID"), let list = try await SchoolList.find(id, on: req.db) else { throw PublicError.notFound() }
            return try await onAuthority(req, permission, list.$authority.id)
        }
        if p.get("entryID") != nil {
            guard let id = req.intParameter("entryID"), let entry = try await ListEntry.query(on: req.db).filter(\.$id == id).with(\.$list).first() else {
                throw PublicError.notFound()
            }
            return try await onAuthority(req, permission, entry.list.$authority.id)
        }
        if p.get("groupID") != nil {
            guard let id = req.intParameter("groupID"), let group = try await RiskGroup.find(id, on: req.db) else { throw PublicError.notFound() }
            return try await onAuthority(req, permission, group.$authority.id)
        }
        if p.get("memberID") != nil {
            guard let id = req.intParameter("memberID"), let member = try await GroupMember.query(on: req.db).filter(\.$id == id).with(\.$group).first() else {
                throw PublicError.notFound()
            }
            return try await onAuthority(req, permission, member.group.$authority.id)
        }
        if p.get("organizationID") != nil {
            guard let id = req.intParameter("organizationID"), let o = try await Organization.find(id, on: req.db) else { throw PublicError.notFound() }
            return try await onAuthority(req, permission, o.$authority.id)
        }
        if p.get("evidenceID") != nil {
            guard let id = req.intParameter("evidenceID"), let e = try await Evidence.query(on: req.db).filter(\.$id == id).with(\.$progress).first(),
                  let measure = try await Measure.find(e.progress.$measure.id, on: req.db) else { throw PublicError.notFound() }
            return try await onRoadmap(req, permission, try await req.readableRoadmap(measure.$roadmap.id))
        }
        if p.get("roundID") != nil {
            guard let id = req.intParameter("roundID"), let round = try await MonitoringRound.find(id, on: req.db) else { throw PublicError.notFound() }
            return try await onRoadmap(req, permission, try await req.readableRoadmap(round.$roadmap.id))
        }
        if p.get("indicatorID") != nil {
            guard let id = req.intParameter("indicatorID"), let i = try await RoadmapIndicator.find(id, on: req.db) else { throw PublicError.notFound() }
            return try await onRoadmap(req, permission, try await req.readableRoadmap(i.$roadmap.id))
        }
        if p.get("teacherID") != nil {
            guard let id = req.intParameter("teacherID"), let t = try await Teacher.find(id, on: req.db) else { throw PublicError.notFound() }
            return try await onSchool(req, permission, try await req.readableSchool(t.$school.id))
        }
        if p.get("courseID") != nil {
            guard let id = req.intParameter("courseID"), let c = try await TeacherCourse.query(on: req.db).filter(\.$id == id).with(\.$teacher).first() else {
                throw PublicError.notFound()
            }
            return try await onSchool(req, permission, try await req.readableSchool(c.teacher.$school.id))
        }
        if p.get("eventID") != nil { return try await onEvent(req, permission) }
        if p.get("followUpID") != nil { return try await onFollowUp(req, permission) }
        if p.get("practiceID") != nil {
            guard let id = req.intParameter("practiceID"), let practice = try await Practice.find(id, on: req.db) else { throw PublicError.notFound() }
            return try await onPractice(req, permission, practice)
        }
        if p.get("fileID") != nil {
            guard let id = req.intParameter("fileID"), let f = try await PracticeFile.query(on: req.db).filter(\.$id == id).with(\.$practice).first() else {
                throw PublicError.notFound()
            }
            return try await onPractice(req, permission, f.practice)
        }
        if p.get("factorID") != nil || p.get("questionID") != nil {
            return try await authorize(req, .editCatalogue)
        }
        // A permission on an object, declared on a route whose path names none: a mistake in
        // the route table, refused rather than let through.
        req.logger.error("route \(req.url.path) declares \(permission.rawValue) but names no object")
        throw PublicError.forbidden()
    }

    private static func onAuthority(_ req: Request, _ permission: Permission, _ id: Int?) async throws {
        switch permission {
        case .read:
            _ = try await req.readableAuthority(id)
        case .manage, .approveRoadmap:
            _ = try await req.manageableAuthority(id)
        case .recordSupport:
            _ = try await req.readableAuthority(id)
            guard try await req.scope().canRecordSupport(authorityID: id ?? -1, schoolIDs: []) else { throw PublicError.forbidden() }
        case .recordSupportAtSchools:
            guard let id, try await Authority.find(id, on: req.db) != nil else { throw PublicError.notFound() }
            let scope = try await req.scope()
            if scope.canRead(authorityID: id) { _ = try await req.readableAuthority(id) }
            if scope.canRecordSupport(authorityID: id, schoolIDs: []) { return }
            guard case .schools(let own) = scope.reach, !own.isEmpty,
                  try await School.query(on: req.db).filter(\.$id ~~ own).filter(\.$authority.$id == id).count() > 0 else {
                throw scope.canRead(authorityID: id) ? PublicError.forbidden() : PublicError.notFound()
            }
            guard own.contains(where: { scope.canRecordSupport(authorityID: id, schoolIDs: [$0]) }) else { throw PublicError.forbidden() }
        case .administerRegion, .editSchool:
            _ = try await req.readableAuthority(id)
            guard try req.currentUser().role == .regionalAdmin else { throw PublicError.forbidden() }
        default:
            throw PublicError.forbidden()
        }
    }

    private static func onSchool(_ req: Request, _ permission: Permission, _ school: School) async throws {
        let allowed: Bool
        switch permission {
        case .read: allowed = true
        case .manage: allowed = try await req.scope().canManage(authorityID: school.$authority.id)
        case .editSchool: allowed = try await req.mayEditRegistry(of: school)
        case .fillSelfAssessment: allowed = try await req.mayFillSelfAssessment(school)
        case .overrideRisks: allowed = try await req.mayOverrideRisks(school)
        case .buildRoadmap: allowed = try await req.mayBuildRoadmap(school)
        case .keepTeachers: allowed = try await req.scope().canKeepTeachers(schoolID: try school.requireID(), authorityID: school.$authority.id)
        default: allowed = false
        }
        guard allowed else { throw PublicError.forbidden() }
    }

    private static func onRoadmap(_ req: Request, _ permission: Permission, _ roadmap: Roadmap) async throws {
        switch permission {
        case .read:
            return
        case .manageRoadmap:
            guard try await req.mayManage(roadmap) else { throw PublicError.forbidden() }
        case .editRoadmap:
            _ = try await req.editableRoadmap(roadmap.id)
        case .approveRoadmap, .manage:
            guard try await req.scope().canManage(authorityID: roadmap.$authority.id) else {
                throw PublicError(.forbidden, "Это делает управление образованием, утверждающее дорожную карту своим приказом.")
            }
        case .takePartInReview, .submitForReview, .decideOnReview, .publishOnSite:
            guard roadmap.$school.id != nil else { throw PublicError(.conflict, "Согласование проводится для школьных дорожных карт.") }
            let side = try await req.reviewSide(of: roadmap)
            switch permission {
            case .submitForReview:
                guard side == .school, try req.currentUser().role == .schoolHead else { throw PublicError(.forbidden, "Подаёт на согласование руководитель школы.") }
            case .decideOnReview:
                guard side == .reviewer else { throw PublicError.forbidden() }
            case .publishOnSite:
                guard side == .school else { throw PublicError.forbidden() }
            default:
                guard side != nil else { throw PublicError.forbidden() }
            }
        default:
            throw PublicError.forbidden()
        }
    }

    private static func onMeasure(_ req: Request, _ permission: Permission) async throws {
        guard let id = req.intParameter("measureID"), let measure = try await Measure.find(id, on: req.db) else { throw PublicError.notFound() }
        let roadmap = try await req.readableRoadmap(measure.$roadmap.id)
        req.checked.measures[id] = measure
        switch permission {
        case .reportMeasure:
            guard try await req.mayReport(measure, of: roadmap) else {
                throw roadmap.status == .draft
                    ? PublicError(.conflict, "Исполнение отмечается в утверждённой дорожной карте.")
                    : PublicError.forbidden()
            }
        case .reviewMeasure:
            guard try await req.mayReview(roadmap) else { throw PublicError.forbidden() }
        default:
            try await onRoadmap(req, permission, roadmap)
        }
    }

    private static func onEvent(_ req: Request, _ permission: Permission) async throws {
        // Read once with its schools, kept for the handler.
        guard let id = req.intParameter("eventID"), let event = try await SupportEvent.query(on: req.db).filter(\.$id == id)
                .with(\.$schools).first() else {
            throw PublicError.notFound()
        }
        let scope = try await req.scope()
        let aid = event.$authority.id
        let schools = Set(event.schools.map(\.$school.id))
        let visible = try await School.query(on: req.db).filter(\.$id ~~ schools).all().sortedNaturally(by: \.shortName)
            .filter { s in s.id.map { scope.canRead(schoolID: $0, authorityID: aid) } ?? false }
        let all = scope.canRead(authorityID: aid)
        guard all || !visible.isEmpty else { throw PublicError.notFound() }
        req.checked.events[id] = (event, visible, all)
        switch permission {
        case .read: return
        case .recordEventSupport:
            let ids = Set(visible.compactMap(\.id))
            guard scope.canRecordSupport(authorityID: aid, schoolIDs: []) || scope.canRecordSupport(authorityID: aid, schoolIDs: ids) else {
                throw PublicError.forbidden()
            }
        default: throw PublicError.forbidden()
        }
    }

    private static func onFollowUp(_ req: Request, _ permission: Permission) async throws {
        guard let id = req.intParameter("followUpID"), let f = try await FollowUp.query(on: req.db).filter(\.$id == id).with(\.$event).first() else {
            throw PublicError.notFound()
        }
        let scope = try await req.scope()
        let aid = f.event.$authority.id
        guard scope.canRead(schoolID: f.$school.id, authorityID: aid) else { throw PublicError.notFound() }
        guard permission == .read || (permission == .reportFollowUp && scope.canReportFollowUp(schoolID: f.$school.id, authorityID: aid)) else {
            throw PublicError.forbidden()
        }
    }

    private static func onPractice(_ req: Request, _ permission: Permission, _ p: Practice) async throws {
        guard try await req.mayRead(p) else { throw PublicError.notFound() }
        let scope = try await req.scope()
        switch permission {
        case .read: return
        case .recordSupport:
            guard scope.canRecordSupport(authorityID: p.$authority.id, schoolIDs: []) else { throw PublicError.forbidden() }
        case .keepTeachers:
            let canEdit = p.$school.id.map { scope.canKeepTeachers(schoolID: $0, authorityID: p.$authority.id) }
                ?? scope.canRecordSupport(authorityID: p.$authority.id, schoolIDs: [])
            guard canEdit else { throw PublicError.forbidden() }
        default: throw PublicError.forbidden()
        }
    }

    /// A draft is its uploader's, and only while they may still change its target.
    private static func ownDraft(_ req: Request) async throws {
        let user = try req.currentUser()
        guard let id = req.intParameter("draftID") else { throw PublicError.notFound() }
        let path = req.route?.path.first.map { "\($0)" } ?? ""
        switch path {
        case "imports":
            guard let d = try await ImportDraft.query(on: req.db).filter(\.$id == id).field(\.$id).field(\.$user.$id).field(\.$authority.$id).first(),
                  d.$user.id == user.id else { throw PublicError.notFound() }
            _ = try await req.manageableAuthority(d.$authority.id)
        case "roadmap-imports":
            guard let d = try await RoadmapImportDraft.query(on: req.db).filter(\.$id == id).field(\.$id).field(\.$user.$id).field(\.$authority.$id).first(),
                  d.$user.id == user.id else { throw PublicError.notFound() }
            _ = try await req.manageableAuthority(d.$authority.id)
        case "registry":
            guard user.role == .regionalAdmin else { throw PublicError.forbidden() }
            guard let d = try await RegistryDraft.query(on: req.db).filter(\.$id == id).field(\.$id).field(\.$user.$id).first(),
                  d.$user.id == user.id else { throw PublicError.notFound() }
        case "result-drafts":
            guard let d = try await ResultDraft.query(on: req.db).filter(\.$id == id).field(\.$id).field(\.$user.$id).field(\.$authority.$id).first(),
                  d.$user.id == user.id else { throw PublicError.notFound() }
            if let aid = d.$authority.id {
                _ = try await req.manageableAuthority(aid)
            } else {
                guard user.role.keepsRegionResults else { throw PublicError.forbidden() }
            }
        default:
            throw PublicError.notFound()
        }
    }

    /// A column mapping is the region's own.
    private static func mapping(_ req: Request) async throws {
        let region = try await RegionResultsController().region(req)
        guard let id = req.intParameter("mappingID"), let m = try await ResultMapping.find(id, on: req.db), m.$region.id == region.id else {
            throw PublicError.notFound()
        }
    }
}

/// The objects a route names, as `AccessPolicy` found and judged them before the handler ran.
/// A handler asks for them instead of checking again; one whose route's permission did not judge
/// the object gets 404 (closed, and logged as a mistake in the route table).
extension Request {
    func routeAuthority() throws -> Authority {
        guard let id = intParameter("authorityID"), let known = checked.authorities[id] else { throw unjudged("authorityID") }
        return known
    }

    func routeSchool() throws -> School {
        guard let id = intParameter("schoolID"), let known = checked.schools[id] else { throw unjudged("schoolID") }
        return known
    }

    func routeMeasure() throws -> Measure {
        guard let id = intParameter("measureID"), let known = checked.measures[id] else { throw unjudged("measureID") }
        return known
    }

    /// The event and the target schools the user may read.
    func routeEvent() throws -> (event: SupportEvent, visible: [School], all: Bool) {
        guard let id = intParameter("eventID"), let known = checked.events[id] else { throw unjudged("eventID") }
        return known
    }

    func routeRoadmap() throws -> Roadmap {
        guard let id = intParameter("roadmapID"), let known = checked.roadmaps[id] else { throw unjudged("roadmapID") }
        return known
    }

    private func unjudged(_ parameter: String) -> PublicError {
        if parameters.get(parameter) != nil, intParameter(parameter) != nil {
            logger.error("\(method) \(url.path): \(parameter) was not judged by the route's permission")
        }
        return PublicError.notFound()
    }
}
