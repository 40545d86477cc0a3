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
        let user = try currentUser()
        if try await scope().canManage(authorityID: roadmap.$authority.id) { return roadmap }
        if user.role == .schoolHead, let sid = roadmap.$school.id, user.$school.id == sid { return roadmap }
        throw PublicError.forbidden()
    }
}
