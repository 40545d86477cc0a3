import Fluent
import Foundation
import OporaCore
import Vapor

/// `opora bench-data --authority <code> --schools 200`: adds generated schools with list history
/// to a municipality, so benchmarks (scripts/bench-web) measure pages at a realistic size.
/// The schools are named «… (тест)» so nobody mistakes them for real ones.
struct BenchDataCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "authority") var authority: String?
        @Option(name: "schools") var schools: Int?
    }
    var help: String { "Добавляет сгенерированные школы для нагрузочных замеров (только для scripts/bench-web)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        let authority = try await CommandFailure.authority(signature.authority, on: db)
        let aid = try authority.requireID()
        let count = max(1, min(signature.schools ?? 200, 5000))
        try await db.transaction { tx in
            var listIDs: [Int: Int] = [:]
            for year in 2020...2024 {
                listIDs[year] = try await ListService(db: tx).findOrCreateList(on: tx, authorityID: aid, year: year, status: .lowResults).requireID()
            }
            for i in 0..<count {
                let number = 1000 + i
                let school = School(authorityID: aid, kind: i % 5 == 0 ? .oosh : .sosh, legalForm: "МБОУ", number: number,
                                    shortName: "МБОУ \(i % 5 == 0 ? "ООШ" : "СОШ") № \(number) (тест)",
                                    fullName: "Сгенерированная школа № \(number) для нагрузочного замера", aliases: [])
                try await school.create(on: tx)
                // A spread of histories: every third school in some years, so kinds vary.
                for year in 2020...2024 where (i + year) % 3 == 0 {
                    guard let listID = listIDs[year] else { continue }
                    try await ListEntry(listID: listID, schoolID: try school.requireID(), basis: "генерация").create(on: tx)
                }
            }
        }
        context.console.print("Добавлено \(RussianPlural.count(count, "школа", "школы", "школ")) в \(authority.municipality).")
    }
}
