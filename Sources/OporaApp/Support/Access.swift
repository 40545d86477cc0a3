import Fluent
import OporaCore
import Vapor

/// Per-request access checks. Objects outside the user's scope answer 404, as if they did not
/// exist; objects the user may read but not change answer 403 on change.
extension Request {
    func currentUser() throws -> User {
        guard let user = auth.get(User.self), user.active else { throw Abort(.unauthorized) }
        return user
    }

    func scope() async throws -> Scope {
        let user = try currentUser()
        if let cached = storage[ScopeKey.self] { return cached }
        var curated: Set<Int> = []
        if user.role == .curator, let uid = user.id {
            curated = Set(try await CuratorAssignment.query(on: db).filter(\.$user.$id == uid).all().map { $0.$school.id })
        }
        let scope = Scope.of(role: user.role, authorityID: user.$authority.id, schoolID: user.$school.id, curatedSchoolIDs: curated)
        storage[ScopeKey.self] = scope
        return scope
    }

    func readableAuthority(_ id: Int?) async throws -> Authority {
        if let id, let known = checked.authorities[id] { return known }
        guard let id, let authority = try await Authority.find(id, on: db) else { throw PublicError.notFound() }
        let scope = try await scope()
        guard scope.canRead(authorityID: id) else {
            // A school user or curator may open its municipality's card, not its lists.
            throw PublicError.notFound()
        }
        checked.authorities[id] = authority
        return authority
    }

    func manageableAuthority(_ id: Int?) async throws -> Authority {
        let authority = try await readableAuthority(id)
        guard try await scope().canManage(authorityID: id ?? -1) else { throw PublicError.forbidden() }
        return authority
    }

    func readableSchool(_ id: Int?) async throws -> School {
        if let id, let known = checked.schools[id] { return known }
        guard let id, let school = try await School.find(id, on: db) else { throw PublicError.notFound() }
        guard try await scope().canRead(schoolID: id, authorityID: school.$authority.id) else { throw PublicError.notFound() }
        checked.schools[id] = school
        return school
    }

    func intParameter(_ name: String) -> Int? { parameters.get(name).flatMap(Int.init) }
}

private struct ScopeKey: StorageKey { typealias Value = Scope }

/// Objects this request has already found readable: the route's `AccessPolicy` check and the
/// handler ask for the same school or roadmap, and it is read from the database once.
final class CheckedObjects: @unchecked Sendable {
    var authorities: [Int: Authority] = [:]
    var schools: [Int: School] = [:]
    var roadmaps: [Int: Roadmap] = [:]
    var measures: [Int: Measure] = [:]
    /// An event with the target schools the user may read (`AccessPolicy.onEvent`).
    var events: [Int: (event: SupportEvent, visible: [School], all: Bool)] = [:]
}

private struct CheckedKey: StorageKey { typealias Value = CheckedObjects }

extension Request {
    var checked: CheckedObjects {
        if let known = storage[CheckedKey.self] { return known }
        let fresh = CheckedObjects()
        storage[CheckedKey.self] = fresh
        return fresh
    }
}

extension Request {
    /// A roadmap is read with its owner's scope: a school's roadmap like the school, a municipal one like the authority.
    func readableRoadmap(_ id: Int?) async throws -> Roadmap {
        if let id, let known = checked.roadmaps[id] { return known }
        guard let id, let roadmap = try await Roadmap.find(id, on: db) else { throw PublicError.notFound() }
        if let sid = roadmap.$school.id { _ = try await readableSchool(sid) } else { _ = try await readableAuthority(roadmap.$authority.id) }
        checked.roadmaps[id] = roadmap
        return roadmap
    }

    /// Changed by the municipality's coordinator, or — a school's own roadmap — by the school head.
    func manageableRoadmap(_ id: Int?) async throws -> Roadmap {
        let roadmap = try await readableRoadmap(id)
        guard try await mayManage(roadmap) else { throw PublicError.forbidden() }
        return roadmap
    }

    /// Who manages a roadmap: its authority's coordinators, and a school's head its own school's
    /// roadmap. A database error is thrown, never taken for «no».
    func mayManage(_ roadmap: Roadmap) async throws -> Bool {
        if try await scope().canManage(authorityID: roadmap.$authority.id) { return true }
        let user = try currentUser()
        return user.role == .schoolHead && roadmap.$school.id != nil && user.$school.id == roadmap.$school.id
    }

    /// Whether the roadmap's measures may be changed now: a draft by whoever manages it; an
    /// approved one only by the authority that approved it (each change a recorded amendment by
    /// its order); a closed one by no one.
    func mayEdit(_ roadmap: Roadmap) async throws -> Bool {
        switch roadmap.status {
        case .closed: false
        case .draft: try await mayManage(roadmap)
        case .approved, .inProgress: try await scope().canManage(authorityID: roadmap.$authority.id)
        }
    }

    /// A roadmap whose measures the user may change now (see `mayEdit`), or a clear refusal.
    func editableRoadmap(_ id: Int?) async throws -> Roadmap {
        let roadmap = try await manageableRoadmap(id)
        guard try await mayEdit(roadmap) else {
            throw roadmap.status == .closed
                ? PublicError(.conflict, "Дорожная карта закрыта: изменения в неё не вносятся.")
                : PublicError(.forbidden, "Утверждённую дорожную карту изменяет утвердившее её управление образованием своим приказом.")
        }
        return roadmap
    }
}

/// The rules behind the finer permissions, used by `AccessPolicy` and by pages that show or hide
/// an action.
extension Request {
    /// A school's registry entry: the region's administrator, or the school's municipality.
    func mayEditRegistry(of school: School) async throws -> Bool {
        if try currentUser().role == .regionalAdmin { return true }
        return try await scope().canManage(authorityID: school.$authority.id)
    }

    /// The school's head and staff fill its self-assessment, and so may the coordinator.
    func mayFillSelfAssessment(_ school: School) async throws -> Bool {
        let user = try currentUser()
        if (user.role == .schoolHead || user.role == .schoolStaff) && user.$school.id == school.id { return true }
        return try await scope().canManage(authorityID: school.$authority.id)
    }

    /// The school's curator corrects significances, and so may the coordinator.
    func mayOverrideRisks(_ school: School) async throws -> Bool {
        let user = try currentUser()
        if user.role == .curator, case .schools(let ids) = try await scope().reach, let id = school.id, ids.contains(id) { return true }
        return try await scope().canManage(authorityID: school.$authority.id)
    }

    /// The school's head builds its roadmap in the constructor, and so may the coordinator.
    func mayBuildRoadmap(_ school: School) async throws -> Bool {
        let user = try currentUser()
        if user.role == .schoolHead && user.$school.id == school.id { return true }
        return try await scope().canManage(authorityID: school.$authority.id)
    }

    /// Which side of the review the user is on for a school roadmap, if any.
    func reviewSide(of roadmap: Roadmap) async throws -> ReviewController.Side? {
        guard let sid = roadmap.$school.id else { return nil }
        let user = try currentUser()
        if (user.role == .schoolHead || user.role == .schoolStaff) && user.$school.id == sid { return .school }
        let scope = try await scope()
        if scope.canManage(authorityID: roadmap.$authority.id) { return .reviewer }
        if user.role == .curator, case .schools(let ids) = scope.reach, ids.contains(sid) { return .reviewer }
        return nil
    }

    /// Reports on a measure come from its executors while the roadmap runs.
    func mayReport(_ measure: Measure, of roadmap: Roadmap) async throws -> Bool {
        guard roadmap.status != .draft && roadmap.status != .closed else { return false }
        return ExecutionService.mayReport(user: try currentUser(), measure: measure, roadmap: roadmap, canManage: try await mayManage(roadmap))
    }

    /// The municipality, or the curator of the roadmap's school, accepts or returns reports.
    func mayReview(_ roadmap: Roadmap) async throws -> Bool {
        if try await scope().canManage(authorityID: roadmap.$authority.id) { return true }
        if try currentUser().role == .curator, let sid = roadmap.$school.id, case .schools(let ids) = try await scope().reach { return ids.contains(sid) }
        return false
    }

    /// Practice drafts are seen by whoever reads the municipality, or the school the practice is from.
    func mayRead(_ p: Practice) async throws -> Bool {
        let scope = try await scope()
        if scope.canRead(authorityID: p.$authority.id) { return true }
        if let sid = p.$school.id { return scope.canRead(schoolID: sid, authorityID: p.$authority.id) }
        return false
    }
}
