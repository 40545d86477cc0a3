import Fluent
import SQLKit
import Vapor

/// 026: stored results carry their year. On PostgreSQL `result_sums` and `result_participants`
/// become tables partitioned by year (declarative LIST partitioning, one partition per year plus
/// a default): a national deployment keeps each year's figures in its own table, so old years
/// can be detached or archived and a year's reads touch only its partition. SQLite just gets
/// the column. Existing rows are moved with their import's year.
struct M026_ResultsByYear: AsyncMigration {
    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        if sql.dialect.name == "postgresql" {
            try await ResultPartitions.partitionPostgres(on: sql)
        } else {
            for table in ResultPartitions.tables {
                try await db.schema(table.name).field("year", .int, .required, .sql(.default(0))).update()
                try await sql.raw("UPDATE \(ident: table.name) SET year = (SELECT year FROM result_imports WHERE result_imports.id = \(ident: table.name).import_id)").run()
                try await sql.create(index: "\(table.name)_year_idx").on(table.name).column("year").run()
            }
        }
    }

    func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        if sql.dialect.name == "postgresql" {
            try await ResultPartitions.unpartitionPostgres(on: sql)
        } else {
            for table in ResultPartitions.tables {
                try await sql.drop(index: "\(table.name)_year_idx").run()
                try await db.schema(table.name).deleteField("year").update()
            }
        }
    }
}

/// The partitioned results tables on PostgreSQL: their layout, the conversion, and the year
/// partition an import makes sure of before writing.
enum ResultPartitions {
    struct Table {
        let name: String
        /// Column definitions besides id and year, as PostgreSQL DDL.
        let columns: String
        /// Indexes (name suffix, columns) as 023 and 024 made them.
        let indexes: [(String, String)]
        /// The columns a conversion copies, id first.
        var names: String { "id, " + columns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).prefix { $0 != " " } }.joined(separator: ", ") }
    }

    static let tables = [
        Table(name: "result_sums",
              columns: "import_id BIGINT NOT NULL REFERENCES result_imports(id) ON DELETE CASCADE, school_id BIGINT NOT NULL REFERENCES schools(id), class_name TEXT, sums TEXT NOT NULL",
              indexes: [("import_school", "import_id, school_id"), ("school", "school_id")]),
        Table(name: "result_participants",
              columns: "import_id BIGINT NOT NULL REFERENCES result_imports(id) ON DELETE CASCADE, school_id BIGINT NOT NULL REFERENCES schools(id), count BIGINT NOT NULL, data BYTEA NOT NULL",
              indexes: [("import_school", "import_id, school_id"), ("school", "school_id")]),
    ]

    /// Years are bounded so a partition's name is always a plain number.
    static let years = Request.askableYears

    /// Creates the year's partitions if missing (PostgreSQL only; a no-op elsewhere).
    static func ensure(year: Int, on sql: any SQLDatabase) async throws {
        guard sql.dialect.name == "postgresql", years.contains(year) else { return }
        for table in tables {
            try await sql.raw("CREATE TABLE IF NOT EXISTS \(ident: "\(table.name)_y\(year)") PARTITION OF \(ident: table.name) FOR VALUES IN (\(unsafeRaw: String(year)))").run()
        }
    }

    static func partitionPostgres(on sql: any SQLDatabase) async throws {
        struct Year: Decodable { let year: Int }
        let existing = try await sql.raw("SELECT DISTINCT year FROM result_imports").all(decoding: Year.self).map(\.year).filter(years.contains)
        for table in tables {
            let t = table.name, old = "\(table.name)_unpartitioned", seq = "\(table.name)_id_by_year"
            try await sql.raw("ALTER TABLE \(ident: t) RENAME TO \(ident: old)").run()
            for (suffix, _) in table.indexes { try await sql.raw("DROP INDEX IF EXISTS \(ident: "\(t)_\(suffix)")").run() }
            try await sql.raw("CREATE SEQUENCE \(ident: seq)").run()
            try await sql.raw("""
                CREATE TABLE \(ident: t) (id BIGINT NOT NULL DEFAULT nextval('\(unsafeRaw: seq)'), \(unsafeRaw: table.columns),
                year BIGINT NOT NULL, PRIMARY KEY (id, year)) PARTITION BY LIST (year)
                """).run()
            try await sql.raw("ALTER SEQUENCE \(ident: seq) OWNED BY \(ident: t).id").run()
            try await sql.raw("CREATE TABLE \(ident: "\(t)_default") PARTITION OF \(ident: t) DEFAULT").run()
            for (suffix, columns) in table.indexes {
                try await sql.raw("CREATE INDEX \(ident: "\(t)_\(suffix)") ON \(ident: t) (\(unsafeRaw: columns))").run()
            }
            try await sql.raw("CREATE INDEX \(ident: "\(t)_year_idx") ON \(ident: t) (year)").run()
        }
        for year in existing { try await ensure(year: year, on: sql) }
        for table in tables {
            let t = table.name, old = "\(table.name)_unpartitioned"
            let names = table.names
            let selected = names.split(separator: ",").map { "o." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
            try await sql.raw("""
                INSERT INTO \(ident: t) (\(unsafeRaw: names), year)
                SELECT \(unsafeRaw: selected), i.year FROM \(ident: old) o JOIN result_imports i ON i.id = o.import_id
                """).run()
            try await sql.raw("SELECT setval('\(unsafeRaw: "\(t)_id_by_year")', COALESCE((SELECT MAX(id) FROM \(ident: t)), 0) + 1, false)").run()
            try await sql.raw("DROP TABLE \(ident: old)").run()
        }
    }

    static func unpartitionPostgres(on sql: any SQLDatabase) async throws {
        for table in tables {
            let t = table.name, flat = "\(table.name)_flat"
            try await sql.raw("CREATE TABLE \(ident: flat) (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, \(unsafeRaw: table.columns))").run()
            let names = table.names
            try await sql.raw("INSERT INTO \(ident: flat) (\(unsafeRaw: names)) OVERRIDING SYSTEM VALUE SELECT \(unsafeRaw: names) FROM \(ident: t)").run()
            try await sql.raw("DROP TABLE \(ident: t) CASCADE").run()
            try await sql.raw("ALTER TABLE \(ident: flat) RENAME TO \(ident: t)").run()
            try await sql.raw("SELECT setval(pg_get_serial_sequence('\(unsafeRaw: t)', 'id'), COALESCE((SELECT MAX(id) FROM \(ident: t)), 0) + 1, false)").run()
            for (suffix, columns) in table.indexes {
                try await sql.raw("CREATE INDEX \(ident: "\(t)_\(suffix)") ON \(ident: t) (\(unsafeRaw: columns))").run()
            }
        }
    }
}
