import Foundation

/// Everything the composition root needs, read once from the command line and environment.
public struct AppSettings: Sendable {
    /// postgres://… selects PostgreSQL; otherwise the SQLite file at `sqlitePath` is used.
    public var databaseURL: String?
    /// A file path, or ":memory:" for tests.
    public var sqlitePath: String
    /// Fill an empty database with the demo data of the seed orders and print the demo logins.
    public var demo: Bool
    /// Bcrypt cost; tests lower it to keep the suite fast, production keeps the default 12.
    public var bcryptCost: Int
    /// Migrations run at start, so a fresh machine needs no separate step.
    public var autoMigrate: Bool
    /// The command is `serve`: an empty database is worth a word in the log.
    public var serving = false
    /// When set, `/metrics` answers only `Authorization: Bearer <token>` (a scraper's secret);
    /// unset, it answers anyone who reaches the port (route names and counts, no data).
    public var metricsToken: String?
    /// Rendered pages kept per session until the data changes (`PageCache`); off in tests that
    /// write to the database directly, behind the application's back.
    public var pageCache = true
    /// Served to browsers over HTTPS (by a proxy in front): the session cookie is `Secure` and
    /// browsers are told to keep to HTTPS. Set by OPORA_HTTPS=1.
    public var https = false

    public init(databaseURL: String? = nil, sqlitePath: String = "opora.sqlite", demo: Bool = false, bcryptCost: Int = 12, autoMigrate: Bool = true) {
        self.databaseURL = databaseURL
        self.sqlitePath = sqlitePath
        self.demo = demo
        self.bcryptCost = bcryptCost
        self.autoMigrate = autoMigrate
    }

    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment, demo: Bool = false, serving: Bool = false) -> AppSettings {
        let url = env["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        var settings = AppSettings(
            databaseURL: url,
            sqlitePath: env["OPORA_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "opora.sqlite",
            demo: demo,
            bcryptCost: min(16, max(4, env["OPORA_BCRYPT_COST"].flatMap(Int.init) ?? 12))
        )
        settings.serving = serving
        settings.metricsToken = env["OPORA_METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        // Several instances on one database: one `opora migrate --yes` before they start, then
        // OPORA_AUTO_MIGRATE=0 so they do not race to run the same migration.
        settings.autoMigrate = env["OPORA_AUTO_MIGRATE"] != "0"
        settings.pageCache = env["OPORA_PAGE_CACHE"] != "0"
        settings.https = env["OPORA_HTTPS"] == "1"
        return settings
    }
}
