import Fluent
import Foundation
import OporaCore
import SQLKit
import Vapor

/// `opora bench-lists-data --schools 40000 --municipalities 2000`: a generated region of the
/// national list scale («Сгенерированный регион (тест)»): municipalities of equal size, every
/// school with five years of ШНОР and предШНОР lists (some schools every year, some now and
/// then, some once), for `scripts/bench-lists`. Rows go in multi-row INSERTs: 40,000 schools
/// and their entries take seconds, not the minutes of one INSERT each.
struct BenchListsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "schools") var schools: Int?
        @Option(name: "municipalities") var municipalities: Int?
        @Option(name: "last-year") var lastYear: Int?
    }
    var help: String { "Создаёт сгенерированный регион со списками ШНОР за пять лет (только для scripts/bench-lists)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        let schools = max(1, min(signature.schools ?? 40_000, 200_000))
        let municipalities = max(1, min(signature.municipalities ?? 2_000, schools))
        let last = min(max(signature.lastYear ?? 2024, 1995), 2100)
        let years = (last - 4)...last
        let perMunicipality = (schools + municipalities - 1) / municipalities
        try await db.transaction { tx in
            guard let sql = tx as? any SQLDatabase else { return }
            let region = Region(name: "Сгенерированный регион (тест)")
            try await region.create(on: tx)
            let rid = try region.requireID()
            var made = 0
            for m in 0..<municipalities where made < schools {
                let code = String(format: "bench%05d", m + 1)
                let authority = Authority(code: code, regionID: rid, municipality: "Муниципалитет \(m + 1) (тест)",
                                          name: "Управление образования муниципалитета \(m + 1) (тест)", shortName: "УО \(m + 1) (тест)")
                try await authority.create(on: tx)
                let aid = try authority.requireID()
                let count = min(perMunicipality, schools - made)
                var insert = sql.insert(into: School.schema).columns("authority_id", "kind", "legal_form", "number", "short_name", "full_name", "aliases")
                for i in 0..<count {
                    insert = insert.values(SQLBind(aid), SQLBind(SchoolKind.sosh.rawValue), SQLBind("МБОУ"), SQLBind(i + 1), SQLBind("МБОУ СОШ № \(i + 1)"),
                                           SQLBind("Сгенерированная школа № \(i + 1) муниципалитета \(m + 1)"), SQLBind([String]()))
                }
                try await insert.run()
                made += count
                struct ID: Decodable { let id: Int }
                let ids = try await sql.select().column("id").from(School.schema).where("authority_id", .equal, SQLBind(aid)).orderBy("number")
                    .all(decoding: ID.self).map(\.id)
                for year in years {
                    for status in [ListStatus.lowResults, .atRisk] {
                        let list = SchoolList(authorityID: aid, year: year, status: status)
                        try await list.create(on: tx)
                        let lid = try list.requireID()
                        // A spread of histories: a fifth listed every year, others in some years.
                        let chosen = ids.enumerated().filter { i, _ in
                            status == .lowResults ? (i % 5 == 0 || (i + year) % 7 == 0) : (i + year) % 11 == 0
                        }
                        guard !chosen.isEmpty else { continue }
                        var entries = sql.insert(into: ListEntry.schema).columns("list_id", "school_id", "basis")
                        for (_, sid) in chosen { entries = entries.values(SQLBind(lid), SQLBind(sid), SQLBind("генерация")) }
                        try await entries.run()
                    }
                }
            }
        }
        context.console.print("Создан регион «Сгенерированный регион (тест)»: \(RussianPlural.count(schools, "школа", "школы", "школ")) в \(RussianPlural.count(municipalities, "муниципалитете", "муниципалитетах", "муниципалитетах")), списки \(years.lowerBound)–\(years.upperBound).")
    }
}
