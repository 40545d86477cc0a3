import Fluent
import Foundation
import OporaCore
import OporaDocuments

/// The four roadmaps of the seed orders, put into the demo through the same importer a user
/// has (from the orders' text, kept in Resources/seed-orders), then approved by their orders.
enum DemoRoadmaps {
    struct Source {
        let file: String
        let authority: String
        let title: String
        let period: RoadmapPeriod
        let order: (number: String, date: String, signatory: String)
    }

    static let sources: [Source] = [
        Source(file: "000_4b47d489a54991d7", authority: "sochi",
               title: "Дорожная карта по работе со школами, имеющими низкие образовательные результаты, и профилактике учебной неуспешности в общеобразовательных организациях города-курорта Сочи в 2024 году",
               period: .calendarYear(2024), order: ("283", "2024-02-16", "О.Н. Медведева")),
        Source(file: "001_7a7c38ea7a6a2e09", authority: "puchezh",
               title: "Дорожная карта по работе со школами с низкими образовательными результатами на 2020-2021 учебный год",
               period: .schoolYear(starting: 2020), order: ("113", "2020-10-14", "Е.К. Елшина")),
        Source(file: "002_bf62268bd9dfa39d", authority: "novosibirsk",
               title: "План мероприятий («дорожная карта») по сопровождению муниципальных общеобразовательных организаций, имеющих низкие образовательные результаты обучающихся и с рисками снижения образовательных результатов («группа риска») в 2024 году",
               period: .calendarYear(2024), order: ("0509-09", "2024-05-13", "Р. М. Ахметгареев")),
        Source(file: "003_1af046cd540086e2", authority: "yurga",
               title: "План мероприятий («Дорожная карта») на 2025 год по повышению качества общего образования в общеобразовательных организациях Юргинского городского округа, имеющих низкие образовательные результаты обучающихся и/или функционирующих в зоне риска снижения образовательных результатов обучающихся",
               period: .calendarYear(2025), order: ("882", "2024-12-23", "К.К. Булатова")),
    ]

    static func load(on db: any Database) async throws {
        let service = RoadmapService(db: db)
        for source in sources {
            guard let url = Bundle.module.url(forResource: source.file, withExtension: "txt", subdirectory: "seed-orders"),
                  let data = FileManager.default.contents(atPath: url.path) else { throw DemoError("seed order \(source.file) is missing") }
            let draft = OfficeFile.readRoadmap(data, fileName: source.file + ".txt")
            guard draft.isValid else { throw DemoError("seed roadmap \(source.file): \(draft.problems.map(\.description))") }
            guard let authority = try await Authority.query(on: db).filter(\.$code == source.authority).first() else { throw DemoError("no authority \(source.authority)") }
            let roadmap = try await service.create(from: draft, authorityID: try authority.requireID(), schoolID: nil, title: source.title, period: source.period, user: nil)
            guard let date = LocalDate(parsing: source.order.date) else { throw DemoError("bad date \(source.order.date)") }
            try await service.approve(roadmap, orderNumber: source.order.number, orderDate: date, signatory: source.order.signatory, user: nil)
        }
    }
}
