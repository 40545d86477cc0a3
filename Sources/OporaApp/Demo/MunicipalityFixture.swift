import Fluent
import Foundation
import OporaCore
import OporaDocuments

/// A large municipality after a few years, for benchmarks and the query-budget test: generated
/// schools «… (тест)» with five years of lists, one approved municipal roadmap and approved
/// school roadmaps of 20 measures each, execution reported on past dates with evidence
/// (documents and small files), two monitoring rounds per roadmap, teachers and support events.
/// Everything is saved through the same models and middleware as users' work, so read models
/// are filled as they would be.
struct MunicipalityFixture {
    var schools = 300
    var roadmaps = 60
    var measuresPerRoadmap = 20
    var teachersPerSchool = 10
    var events = 100
    /// Participants per school in each of the three years of ВПР results (0: no results).
    var participantsPerSchool = 50

    /// Deadline wordings found in the seed orders, relative to the fixture's year.
    static func deadlines(year y: Int) -> [String] {
        ["до 31 января \(y) г.", "февраль \(y) г.", "ежемесячно", "ежеквартально", "в течение года",
         "март \(y) г.", "до 30.04.\(y)", "май \(y) г.", "июнь \(y) г.", "август \(y) г.",
         "сентябрь \(y) г.", "октябрь \(y) г.", "ноябрь \(y) г.", "до 15.12.\(y)", "декабрь \(y) г.",
         "апрель – май \(y) г.", "до 1 сентября \(y) г.", "по мере необходимости", "1 раз в полугодие", "январь \(y) г."]
    }

    struct Built { let schools: Int; let roadmaps: Int; let measures: Int; let occurrences: Int }

    func build(authority: Authority, today: LocalDate, on db: any Database) async throws -> Built {
        let aid = try authority.requireID()
        let year = today.year
        let schoolIDs = try await makeSchools(authorityID: aid, lastListYear: year - 1, on: db)
        guard let first = LocalDate(year: year, month: 1, day: 1), let last = LocalDate(year: year, month: 12, day: 31) else {
            return Built(schools: schoolIDs.count, roadmaps: 0, measures: 0, occurrences: 0)
        }
        let period = RoadmapPeriod(start: first, end: last)
        var measures = 0, occurrences = 0
        for r in 0..<max(0, roadmaps) {
            let schoolID: Int? = r == 0 ? nil : schoolIDs[(r - 1) % schoolIDs.count]
            let (m, o) = try await makeRoadmap(index: r, authority: authority, schoolID: schoolID, period: period, today: today, on: db)
            measures += m
            occurrences += o
        }
        try await makeTeachersAndEvents(authorityID: aid, schoolIDs: schoolIDs, year: year, on: db)
        try await makeResults(authorityID: aid, schoolIDs: schoolIDs, lastYear: year - 1, on: db)
        return Built(schools: schoolIDs.count, roadmaps: max(0, roadmaps), measures: measures, occurrences: occurrences)
    }

    private func makeSchools(authorityID aid: Int, lastListYear: Int, on db: any Database) async throws -> [Int] {
        let count = max(1, min(schools, 5000))
        let start = (try await School.query(on: db).filter(\.$authority.$id == aid).filter(\.$number >= 1000).max(\.$number) ?? 999) + 1
        return try await db.transaction { tx in
            var listIDs: [Int: Int] = [:]
            for y in (lastListYear - 4)...lastListYear {
                listIDs[y] = try await ListService(db: tx).findOrCreateList(on: tx, authorityID: aid, year: y, status: .lowResults).requireID()
            }
            var ids: [Int] = []
            for i in 0..<count {
                let number = start + i
                let kind = i % 5 == 0 ? "ООШ" : "СОШ"
                let school = School(authorityID: aid, kind: i % 5 == 0 ? .oosh : .sosh, legalForm: "МБОУ", number: number,
                                    shortName: "МБОУ \(kind) № \(number) (тест)",
                                    fullName: "Сгенерированная школа № \(number) для нагрузочного замера", aliases: [])
                // A ФИС ОКО login, so the generated results files find the school.
                school.fisLogin = "bench\(aid)-\(number)"
                try await school.create(on: tx)
                let sid = try school.requireID()
                ids.append(sid)
                // A spread of histories: every third school in some years, so kinds vary.
                for y in listIDs.keys.sorted() where (i + y) % 3 == 0 {
                    guard let listID = listIDs[y] else { continue }
                    try await ListEntry(listID: listID, schoolID: sid, basis: "генерация").create(on: tx)
                }
            }
            return ids
        }
    }

    private func makeRoadmap(index r: Int, authority: Authority, schoolID: Int?, period: RoadmapPeriod, today: LocalDate,
                             on db: any Database) async throws -> (measures: Int, occurrences: Int) {
        let aid = try authority.requireID()
        let phrases = Self.deadlines(year: period.start.year)
        let count = max(1, min(measuresPerRoadmap, 200))
        let drafts = (0..<count).map { i in
            RoadmapDraft.Measure(line: i + 1, number: "\(i + 1).", name: "Мероприятие \(i + 1) плана по повышению качества образования: семинар, анализ результатов, консультации педагогов",
                                 form: nil, deadline: Deadline(parsing: phrases[(i + r) % phrases.count]),
                                 responsible: i % 3 == 0 ? "Управление образования" : (i % 3 == 1 ? "ИМЦ" : "Администрация ОО"),
                                 result: "Проведено, материалы размещены", links: [])
        }
        let half = drafts.count / 2
        let draft = RoadmapDraft(columns: [], levels: [RoadmapDraft.Level(title: nil, sections: [
            RoadmapDraft.Section(title: "1. Организационно-управленческие мероприятия", measures: Array(drafts[..<half])),
            RoadmapDraft.Section(title: "2. Методическое сопровождение", measures: Array(drafts[half...])),
        ])], goal: "Повышение качества образовательных результатов", tasks: ["Снижение доли обучающихся с низкими результатами"],
            indicators: [RoadmapDraft.Indicator(name: "Доля обучающихся, не преодолевших минимальный порог ВПР", target: "не более 10", unit: "%")],
            problems: [], warnings: [])
        let title = schoolID == nil
            ? "План мероприятий («дорожная карта») по сопровождению ШНОР (тест \(r + 1))"
            : "Дорожная карта школы по переходу в эффективный режим работы (тест \(r + 1))"
        let service = RoadmapService(db: db)
        let roadmap = try await service.create(from: draft, authorityID: aid, schoolID: schoolID, title: title, period: period, user: nil)
        try await service.approve(roadmap, orderNumber: "\(100 + r)-од", orderDate: period.start, signatory: "Начальник управления образования", user: nil)

        // Execution: most past dates reported done with a document, some with a small file.
        let tree = try await service.tree(roadmap)
        let execution = ExecutionService(db: db)
        let rows = try await execution.occurrences(tree)
        try await db.transaction { tx in
            for (n, row) in rows.enumerated() {
                guard let due = row.due, due < today, n % 10 < 7, let mid = row.measure.id else { continue }
                let progress = MeasureProgress(measureID: mid, due: due.iso)
                progress.status = n % 10 == 6 ? .partlyDone : .done
                progress.report = "Выполнено в установленный срок"
                progress.review = n % 4 == 0 ? .pending : .accepted
                progress.updatedBy = "bench"
                try await progress.create(on: tx)
                let evidence = Evidence()
                evidence.$progress.id = try progress.requireID()
                evidence.kind = n % 5 == 0 ? .file : .document
                evidence.title = n % 5 == 0 ? "Протокол совещания" : "Приказ"
                evidence.docNumber = n % 5 == 0 ? nil : "\(n + 1)"
                evidence.docDate = due.iso
                evidence.addedBy = "bench"
                if evidence.kind == .file {
                    evidence.fileName = "protocol-\(n + 1).pdf"
                    evidence.contentType = "application/pdf"
                }
                try await evidence.create(on: tx)
                if evidence.kind == .file {
                    try await EvidenceFile(evidenceID: try evidence.requireID(), content: Data(repeating: 0x25, count: 64 * 1024)).create(on: tx)
                }
            }
        }
        // Two monitoring rounds, frozen as a coordinator makes them.
        for month in [3, 6] {
            guard let asOf = LocalDate(year: period.start.year, month: month, day: LocalDate.daysIn(month: month, year: period.start.year)), asOf < today else { continue }
            let round = MonitoringRound()
            round.$roadmap.id = try roadmap.requireID()
            round.title = "Мониторинг на \(asOf.russian)"
            round.asOf = asOf.iso
            round.snapshot = String(decoding: try JSONEncoder().encode(try await execution.snapshot(tree, asOf: asOf)), as: UTF8.self)
            round.createdBy = "bench"
            try await round.create(on: db)
        }
        return (tree.measures.count, rows.count)
    }

    /// Three years of ВПР (mathematics, grade 5) for every generated school, imported as a
    /// coordinator imports a municipality's file: read, checked, stored as figures.
    private func makeResults(authorityID aid: Int, schoolIDs: [Int], lastYear: Int, on db: any Database) async throws {
        guard participantsPerSchool > 0, !schoolIDs.isEmpty else { return }
        let logins = try await School.query(on: db).filter(\.$id ~~ schoolIDs).all().compactMap(\.fisLogin).sorted()
        guard !logins.isEmpty else { return }
        let service = ResultsService(db: db)
        for year in (lastYear - 2)...lastYear {
            var generator = ResultsGenerator(schools: logins.count, participants: logins.count * min(participantsPerSchool, 500), seed: UInt64(year + aid))
            generator.year = year
            generator.logins = logins
            var data = Data()
            generator.generate { data.append($0) }
            let name = "vpr-\(year)-bench.csv"
            let preview = try await service.preview(.data(data), fileName: name, target: .authority(aid), given: ResultsService.Given())
            guard preview.isValid else {
                throw CommandFailure(description: "Сгенерированный файл результатов не прошёл проверку: \(preview.problems.prefix(3).map(\.description).joined(separator: "; "))")
            }
            _ = try await service.apply(preview, hash: try ResultsService.hash(.data(data)), fileName: name, target: .authority(aid), user: nil, by: "bench-data")
        }
    }

    private func makeTeachersAndEvents(authorityID aid: Int, schoolIDs: [Int], year: Int, on db: any Database) async throws {
        try await db.transaction { tx in
            for (i, sid) in schoolIDs.enumerated() {
                for t in 0..<max(0, min(teachersPerSchool, 100)) {
                    let teacher = Teacher()
                    teacher.$school.id = sid
                    teacher.fullName = "Педагог \(i + 1)-\(t + 1) Тестовый"
                    teacher.position = t == 0 ? "Директор" : "Учитель"
                    teacher.subject = t == 0 ? nil : ["Математика", "Русский язык", "Физика", "История"][t % 4]
                    teacher.managementTeam = t < 2
                    try await teacher.create(on: tx)
                }
            }
            for e in 0..<max(0, min(events, 2000)) {
                let event = SupportEvent()
                event.$authority.id = aid
                event.kind = EventKind.allCases[e % EventKind.allCases.count]
                event.title = "Методическое мероприятие для ШНОР № \(e + 1) (тест)"
                event.date = LocalDate(year: year, month: 1 + e % 11, day: 1 + e % 27)?.iso ?? "\(year)-01-15"
                event.organiser = "ИМЦ"
                event.createdBy = "bench"
                try await event.create(on: tx)
                let eid = try event.requireID()
                for k in 0..<3 where !schoolIDs.isEmpty {
                    try await SupportEventSchool(eventID: eid, schoolID: schoolIDs[(e * 3 + k) % schoolIDs.count]).create(on: tx)
                }
            }
        }
    }
}
