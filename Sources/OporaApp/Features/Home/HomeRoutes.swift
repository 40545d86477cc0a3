import Vapor

/// Routes of Home: the start page of each role.
/// Registered from `routes.swift`; each names its `SiteRoute` case and its `Permission`.
enum HomeRoutes {
    static func register(signedIn: any RoutesBuilder) {
        signedIn.get(.page(.home), .signedIn, use: HomeController().home)
    }
}
