import Vapor

/// What `routes.swift` declared for a route, kept on the route for the policy walk test and
/// for `/metrics`' route names.
struct RouteDeclaration: Sendable {
    let route: SiteRoute
    let permission: Permission
    static let key = AnySendableHashable("opora.route")
}

extension Route {
    var declaration: RouteDeclaration? { userInfo[RouteDeclaration.key] as? RouteDeclaration }
}

/// Registration from the route table: a path comes only from a `SiteRoute`, and every route
/// states its permission, checked by `AccessPolicy` before the handler.
extension RoutesBuilder {
    @discardableResult
    func get<R: AsyncResponseEncodable>(_ route: SiteRoute, _ permission: Permission,
                                        use handler: @Sendable @escaping (Request) async throws -> R) -> Route {
        declare(.GET, route, permission, body: .collect, handler)
    }

    @discardableResult
    func post<R: AsyncResponseEncodable>(_ route: SiteRoute, _ permission: Permission,
                                         use handler: @Sendable @escaping (Request) async throws -> R) -> Route {
        declare(.POST, route, permission, body: .collect, handler)
    }

    @discardableResult
    func patch<R: AsyncResponseEncodable>(_ route: SiteRoute, _ permission: Permission,
                                          use handler: @Sendable @escaping (Request) async throws -> R) -> Route {
        declare(.PATCH, route, permission, body: .collect, handler)
    }

    /// A form with a file, its body held to `maxSize` however it arrives.
    @discardableResult
    func upload<R: AsyncResponseEncodable>(_ route: SiteRoute, _ permission: Permission, maxSize: ByteCount,
                                           use handler: @Sendable @escaping (Request) async throws -> R) -> Route {
        let limit = maxSize.value
        let r = declare(.POST, route, permission, body: .collect(maxSize: maxSize)) { req in
            // A body that arrived whole (a test, or a proxy that buffers) is held to the same limit.
            guard (req.body.data?.readableBytes ?? 0) <= limit else { throw Abort(.payloadTooLarge) }
            return try await handler(req)
        }
        r.userInfo[AnySendableHashable(UploadLimit.key)] = limit
        return r
    }

    private func declare<R: AsyncResponseEncodable>(_ method: HTTPMethod, _ route: SiteRoute, _ permission: Permission,
                                                    body: HTTPBodyStreamStrategy,
                                                    _ handler: @Sendable @escaping (Request) async throws -> R) -> Route {
        let r = on(method, route.pathComponents, body: body) { req -> R in
            try await AccessPolicy.authorize(req, permission)
            return try await handler(req)
        }
        r.userInfo[RouteDeclaration.key] = RouteDeclaration(route: route, permission: permission)
        return r
    }
}
