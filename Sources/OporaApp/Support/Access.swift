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
        guard let id, let authority = try await Authority.find(id, on: db) else { throw PublicError.notFound() }
        let scope = try await scope()
        guard scope.canRead(authorityID: id) else {
            // A school user or curator may open its municipality's card, not its lists.
            throw PublicError.notFound()
        }
        return authority
    }

    func manageableAuthority(_ id: Int?) async throws -> Authority {
        let authority = try await readableAuthority(id)
        guard try await scope().canManage(authorityID: id ?? -1) else { throw PublicError.forbidden() }
        return authority
    }

    func readableSchool(_ id: Int?) async throws -> School {
        guard let id, let school = try await School.find(id, on: db) else { throw PublicError.notFound() }
        guard try await scope().canRead(schoolID: id, authorityID: school.$authority.id) else { throw PublicError.notFound() }
        return school
    }

    func intParameter(_ name: String) -> Int? { parameters.get(name).flatMap(Int.init) }
}

private struct ScopeKey: StorageKey { typealias Value = Scope }

extension Request {
    /// A roadmap is read with its owner's scope: a school's roadmap like the school, a municipal one like the authority.
    func readableRoadmap(_ id: Int?) async throws -> Roadmap {
        guard let id, let roadmap = try await Roadmap.find(id, on: db) else { throw PublicError.notFound() }
        if let sid = roadmap.$school.id { _ = try await readableSchool(sid) } else { _ = try await readableAuthority(roadmap.$authority.id) }
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
