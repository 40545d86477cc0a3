import Testing
import VaporTesting
@testable import OporaApp

extension AppTests {
    /// The route table: every registered route comes from a `SiteRoute` case with a permission,
    /// every case is registered, and every case's path reads back to the same case.
    @Suite struct RouteTable {
        @Test func everyRegisteredRouteIsACaseOfTheTableWithAPermission() async throws {
            try await withOpora(demo: false) { app in
                var undeclared: [String] = []
                for route in app.routes.all {
                    let path = "/" + route.path.map(\.description).joined(separator: "/")
                    guard let declared = route.declaration else { undeclared.append("\(route.method) \(path)"); continue }
                    #expect(declared.route.pathComponents.map(\.description) == route.path.map(\.description), "\(path)")
                }
                #expect(undeclared.isEmpty, "registered outside the route table: \(undeclared)")
                #expect(app.routes.all.count > 190)
            }
        }

        @Test func everyCaseIsRegistered() async throws {
            try await withOpora(demo: false) { app in
                let registered = Set(app.routes.all.compactMap { $0.declaration?.route })
                let missing = SiteRoute.templates.filter { !registered.contains($0) }
                #expect(missing.isEmpty, "cases no route answers: \(missing.map(\.path))")
            }
        }

        @Test func everyPathReadsBackToItsCase() {
            for template in SiteRoute.templates {
                let values = template.segments.compactMap { segment -> String? in
                    guard case .parameter(let name, _) = segment else { return nil }
                    return name == "token" ? "a1b2c3" : name == "kind" ? "working" : "4711"
                }
                let route = template.bound(values)
                #expect(route != nil, "\(template.path)")
                guard let route else { continue }
                #expect(!route.path.contains(":"), "\(route.path)")
                #expect(SiteRoute(path: route.path) == route, "\(route.path)")
            }
            #expect(SiteRoute(path: "/authorities/12/lists") == .authority(12, .lists))
            #expect(SiteRoute(path: "/authorities/x/lists") == nil)
            #expect(SiteRoute(path: "/no/such/page") == nil)
            #expect(SiteRoute.authority(5, .lists).path(year: 2025) == "/authorities/5/lists?year=2025")
            #expect(SiteRoute.publicRoadmap("a b/\"c").path == "/public/roadmaps/a%20b%2F%22c")
        }
    }
}
