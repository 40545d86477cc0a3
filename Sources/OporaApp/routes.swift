import Vapor

/// The composition of every route: assets and signing in here, then each feature's routes
/// (`Features/<Feature>/<Feature>Routes.swift`) behind sign-in, CSRF and the page cache, then the
/// API. Every route names its address (a `SiteRoute` case) and the permission `AccessPolicy`
/// checks before its handler runs.
func routes(_ app: Application, pageCache: PageCache? = nil) throws {
    app.get(.page(.health), .anyone) { _ in "ok" }
    app.get(.page(.script), .anyone) { _ -> Response in
        let r = Response(status: .ok, body: .init(string: Script.js))
        r.headers.contentType = HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"])
        r.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return r
    }
    app.get(.page(.styles), .anyone) { _ -> Response in
        let r = Response(status: .ok, body: .init(string: Stylesheet.css))
        r.headers.contentType = HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])
        r.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return r
    }

    // Sessions only where pages need them: the health route, the stylesheet and the API
    // (bearer tokens) never touch the session table.
    let web = app.grouped(app.sessions.middleware, ActiveUserSessionAuthenticator())
    let auth = AuthController()
    let signingIn = web.grouped(CSRFMiddleware())
    signingIn.get(.page(.login), .anyone, use: auth.loginPage)
    signingIn.post(.page(.login), .anyone, use: auth.login)
    signingIn.post(.page(.logout), .anyone, use: auth.logout)

    // Signed in before CSRF: the CSRF check reads the form's body (an upload up to the route's
    // limit), which nobody signed out may make the server hold.
    var signedIn = web.grouped(User.guardMiddleware(), CSRFMiddleware(), MustChangePasswordMiddleware())
    if let pageCache { signedIn = signedIn.grouped(PageCacheMiddleware(cache: pageCache)) }

    HomeRoutes.register(signedIn: signedIn)
    AccountsRoutes.register(signedIn: signedIn)
    RegistryRoutes.register(signedIn: signedIn)
    ListsRoutes.register(signedIn: signedIn)
    RoadmapsRoutes.register(signedIn: signedIn, open: app)
    SupportRoutes.register(signedIn: signedIn, open: app)
    ExecutionRoutes.register(signedIn: signedIn)
    RisksRoutes.register(signedIn: signedIn)
    ResultsRoutes.register(signedIn: signedIn)
    AnnualReportRoutes.register(signedIn: signedIn)

    APIRoutes.register(app)
}
