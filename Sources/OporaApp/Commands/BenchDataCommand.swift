import Fluent
import Foundation
import OporaCore
import Vapor

/// `opora bench-data --authority <code> --schools 300 --roadmaps 60`: makes a municipality the
/// size of a large one after a few years (`MunicipalityFixture`), so benchmarks (scripts/bench-web)
/// and the query-budget test measure pages at a realistic size. Generated schools are named
/// «… (тест)» so nobody mistakes them for real ones.
struct BenchDataCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "authority") var authority: String?
        @Option(name: "schools") var schools: Int?
        @Option(name: "roadmaps", help: "Утверждённых дорожных карт: одна муниципальная и школьные (по умолчанию 0)") var roadmaps: Int?
        @Option(name: "teachers", help: "Педагогов в каждой школе (по умолчанию 0)") var teachers: Int?
        @Option(name: "events", help: "Мероприятий сопровождения (по умолчанию 0)") var events: Int?
    }
    var help: String { "Добавляет сгенерированный муниципалитет для нагрузочных замеров (только для scripts/bench-web)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        let authority = try await CommandFailure.authority(signature.authority, on: db)
        var fixture = MunicipalityFixture()
        fixture.schools = max(1, min(signature.schools ?? 200, 5000))
        fixture.roadmaps = max(0, min(signature.roadmaps ?? 0, 500))
        fixture.teachersPerSchool = max(0, min(signature.teachers ?? 0, 100))
        fixture.events = max(0, min(signature.events ?? 0, 2000))
        let built = try await fixture.build(authority: authority, today: ExecutionService.today(), on: db)
        context.console.print("Добавлено в \(authority.municipality): \(RussianPlural.count(built.schools, "школа", "школы", "школ")), "
            + "\(RussianPlural.count(built.roadmaps, "дорожная карта", "дорожные карты", "дорожных карт")), "
            + "\(RussianPlural.count(built.measures, "мероприятие", "мероприятия", "мероприятий")) (\(built.occurrences) сроков).")
    }
}
