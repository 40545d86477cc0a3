import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Vapor

/// The one composition root: databases, sessions, middleware, migrations, routes and commands.
public func configure(_ app: Application, settings: AppSettings) async throws {
    if let url = settings.databaseURL {
        app.databases.use(.postgres(configuration: try SQLPostgresConfiguration(url: url)), as: .psql)
    } else if settings.sqlitePath == ":memory:" {
        app.databases.use(.sqlite(.memory), as: .sqlite)
    } else {
        app.databases.use(.sqlite(.file(settings.sqlitePath)), as: .sqlite)
    }
    app.passwords.use(.bcrypt(cost: settings.bcryptCost))
    app.useBcryptCost(settings.bcryptCost)

    // Sessions live in the database so any instance behind a balancer can serve any request.
    app.sessions.use { _ in DatabaseSessionDriver() }
    app.sessions.configuration.cookieName = "opora_session"
    app.sessions.configuration.cookieFactory = { id in
        HTTPCookies.Value(string: id.string, maxAge: 60 * 60 * 12, path: "/", isSecure: settings.https, isHTTPOnly: true, sameSite: .lax)
    }
    app.routes.defaultMaxBodySize = "10mb"
    // A connection silent both ways for two minutes is closed, so idle or stalled clients do not
    // hold connections forever. (Long enough for a region's results import to be worked on.)
    app.http.server.configuration.idleTimeout = .seconds(120)

    app.middleware = Middlewares()
    // First, so the request id, the in-flight count and the timing cover everything after it.
    app.middleware.use(RequestTrackingMiddleware(inFlight: app.inFlight, metrics: app.metrics))
    app.middleware.use(SecurityHeadersMiddleware(https: settings.https))
    app.middleware.use(PublicErrorMiddleware(environment: app.environment))

    app.migrations.add(SessionRecord.migration)
    app.migrations.add(M001_Registry())
    app.migrations.add(M002_People())
    app.migrations.add(M003_Lists())
    app.migrations.add(M004_Security())
    app.migrations.add(M005_Roadmaps())
    app.migrations.add(M006_Execution())
    app.migrations.add(M007_MeasureSchools())
    app.migrations.add(M008_Risks())
    app.migrations.add(M009_Templates())
    app.migrations.add(M010_Review())
    app.migrations.add(M011_RiskGroups())
    app.migrations.add(M012_Results())
    app.migrations.add(M013_Scales())
    app.migrations.add(M014_ResultVariants())
    app.migrations.add(M015_TaskSkills())
    app.migrations.add(M016_Support())
    app.migrations.add(M017_Teachers())
    app.migrations.add(M018_Practices())
    app.migrations.add(M019_IndicatorSources())
    app.migrations.add(M020_AnnualReports())
    app.migrations.add(M021_SchoolProjects())
    app.migrations.add(M022_RegionOnboarding())
    app.migrations.add(M023_StoredResults())
    app.migrations.add(M024_Indexes())
    app.migrations.add(M025_ReadModels())
    app.migrations.add(M026_ResultsByYear())
    app.migrations.add(M027_DataVersion())
    app.migrations.add(M028_SessionExpiry())
    app.migrations.add(M029_SubmissionNumbers())
    // Read models kept true by every save through Fluent, whatever path saves.
    app.databases.middleware.use(MeasureOccurrenceMiddleware())
    app.databases.middleware.use(RoadmapPeriodMiddleware())

    // HTML, CSV, JSON and scripts go out compressed when the browser asks; XLSX and DOCX are
    // already ZIP archives and are sent as they are.
    app.http.server.configuration.responseCompression = .enabledForCompressibleTypes
    try routes(app, pageCache: settings.pageCache ? app.pageCache : nil)
    // Open to the network like /health; the route itself asks for the scraper's token.
    app.get(.page(.metrics), .anyone, use: MetricsRoute(token: settings.metricsToken).respond)
    app.lifecycle.use(GracefulShutdown())
    registerCommands(app)

    if settings.autoMigrate {
        try await app.autoMigrate()
    }
    if settings.demo {
        try await DemoData.loadIfEmpty(on: app.db, hasher: app.password.async)
        try await DataVersion.bump(on: app.db)
        app.lifecycle.use(DemoBanner())
    } else if settings.serving {
        app.lifecycle.use(EmptyDatabaseHint())
    }
    if settings.serving || settings.demo { app.lifecycle.use(HousekeepingSchedule()) }
}

/// `serve` on an empty database says what to run instead of showing a login nobody can pass.
struct EmptyDatabaseHint: LifecycleHandler {
    func didBootAsync(_ application: Application) async throws {
        if (try? await Region.query(on: application.db).count()) == 0 {
            application.logger.warning("\(SetupService.emptyDatabaseHint)")
        }
    }
}

/// Prints the demo logins once the server is up, so they are the last thing on the screen.
struct DemoBanner: LifecycleHandler {
    func didBootAsync(_ application: Application) async throws {
        print(DemoData.accountsTable())
    }
}
