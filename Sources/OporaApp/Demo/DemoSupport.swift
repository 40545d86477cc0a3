import Fluent
import Foundation
import OporaCore

/// Support work for the demo. Slavyansk 2020-2021 is transcribed from 004: methodological visits
/// to 13 ШНОР under order № 206 of 01.02.2021 (lessons attended, documents on internal control
/// checked, with lessons below the expected level in ООШ № 8, СОШ № 10 and ООШ № 52, weak
/// documents in СОШ № 43 and ООШ № 8), recommendations sent to every school, and the interviews
/// with the administrations (order № 562 of 13.04.2021). The exact dates of single visits are
/// not in the report: they are spread over February–April 2021. Yurga's current year is invented
/// for demonstration: a seminar, a visit to the curator's schools, a mentor school agreement.
enum DemoSupport {
    static let visited = [23, 48, 51, 50, 22, 56, 7, 8, 43, 19, 21, 10, 52]
    static let belowExpected: Set<Int> = [8, 10, 52]
    static let weakDocuments: Set<Int> = [43, 8]

    /// 004: «29 педагогов из школ № 7, 8, 16, 19, 22, 23, 48, 52, 56» reported to the region as
    /// needing subject training. The report names no teachers: the demo's are numbered.
    static let trainingBySchool: [(Int, Int)] = [(7, 4), (8, 4), (16, 3), (19, 3), (22, 3), (23, 3), (48, 3), (52, 3), (56, 3)]

    static func load(on db: any Database) async throws {
        try await slavyansk(on: db)
        try await slavyanskTeachers(on: db)
        try await yurga(on: db)
        try await puchezh(on: db)
    }

    /// 001 names no schools. So that its three indicators can be computed, the demo gives
    /// Puchezh three invented ШНОР (marked «демо»), with approved school roadmaps, visits, and
    /// management teams of which two completed a course; the indicators of the Puchezh roadmap
    /// are bound to the computed facts and a monitoring round is taken on 01.06.2021.
    static func puchezh(on db: any Database) async throws {
        guard let authority = try await Authority.query(on: db).filter(\.$code == "puchezh").first() else { return }
        let aid = try authority.requireID()
        var ids: [Int] = []
        for n in 1...3 {
            let school = School(authorityID: aid, kind: n == 3 ? .oosh : .sosh, legalForm: "МОУ", number: n, shortName: n == 3 ? "МОУ ОШ № \(n) (демо)" : "МОУ СШ № \(n) (демо)",
                                fullName: "Муниципальное общеобразовательное учреждение, демонстрационная школа № \(n)", aliases: [])
            try await school.create(on: db)
            ids.append(try school.requireID())
        }
        let list = SchoolList(authorityID: aid, year: 2020, status: .lowResults)
        list.orderNumber = "113"
        list.orderDate = "2020-10-14"
        list.orderIssuer = "Отдел образования Пучежского района"
        try await list.create(on: db)
        for sid in ids { try await ListEntry(listID: try list.requireID(), schoolID: sid, basis: "низкие результаты ВПР (демо)").create(on: db) }
        for (i, sid) in ids.enumerated() {
            let r = Roadmap()
            r.$authority.id = aid
            r.$school.id = sid
            r.title = "Программа развития по улучшению образовательных результатов на 2020-2021 учебный год"
            r.periodStart = "2020-09-01"
            r.periodEnd = "2021-08-31"
            r.tasks = []
            r.status = .approved
            r.reviewStage = .none
            r.version = 1
            r.orderNumber = "\(40 + i)"
            r.orderDate = "2020-11-20"
            try await r.create(on: db)
            _ = try await event(aid, .visit, "Выезд ИМС: адресная поддержка по затруднениям школы", "2021-0\(2 + i)-15", "Информационно-методическая служба", schools: [sid], on: db)
            let head = Teacher()
            head.$school.id = sid
            head.fullName = "Директор школы № \(i + 1) (демо)"
            head.position = "директор"
            head.managementTeam = true
            try await head.create(on: db)
            if i < 2 {
                let c = TeacherCourse()
                c.$teacher.id = try head.requireID()
                c.title = "Профилактика и преодоление школьной неуспешности обучающихся"
                c.provider = "Университет непрерывного образования и инноваций (Иваново)"
                c.hours = 36
                c.planned = "январь 2021"
                c.completed = true
                c.completedAt = "2021-01-29"
                try await c.create(on: db)
            }
        }
        guard let roadmap = try await Roadmap.query(on: db).filter(\.$authority.$id == aid).filter(\.$school.$id == nil).first() else { return }
        let sources: [IndicatorSource] = [.approvedSchoolRoadmaps, .targetedSupport, .trainedManagementTeams]
        for (indicator, source) in zip(try await RoadmapIndicator.query(on: db).filter(\.$roadmap.$id == roadmap.requireID()).sort(\.$position).all(), sources) {
            indicator.source = source.rawValue
            try await indicator.save(on: db)
        }
        guard let asOf = LocalDate(year: 2021, month: 6, day: 1) else { return }
        let snapshot = try await ExecutionService(db: db).snapshot(try await RoadmapService(db: db).tree(roadmap), asOf: asOf)
        let round = MonitoringRound()
        round.$roadmap.id = try roadmap.requireID()
        round.title = "Мониторинг реализации дорожной карты"
        round.asOf = asOf.iso
        round.snapshot = String(decoding: try JSONEncoder().encode(snapshot), as: UTF8.self)
        round.createdBy = "demo"
        try await round.create(on: db)
        try await MonitoringController.freezeComputed(round, roadmap: roadmap, asOf: asOf, on: db)
    }

    static func slavyanskTeachers(on db: any Database) async throws {
        guard let authority = try await Authority.query(on: db).filter(\.$code == "slavyansk").first() else { return }
        let schools = try await School.query(on: db).filter(\.$authority.$id == authority.requireID()).all()
        let subjects = [("математика", "решение задач с параметрами и текстовых задач повышенной сложности"),
                        ("русский язык", "подготовка к заданиям с развёрнутым ответом, анализ текста")]
        var n = 0
        for (number, count) in trainingBySchool {
            guard let sid = schools.first(where: { $0.number == number })?.id else { continue }
            for k in 0..<count {
                n += 1
                let (subject, deficit) = subjects[n % 2]
                let t = Teacher()
                t.$school.id = sid
                t.fullName = "Педагог \(n) (демо)"
                t.position = "учитель"
                t.subject = subject
                t.managementTeam = false
                try await t.create(on: db)
                let tid = try t.requireID()
                try await TeachersController.deficit(tid, year: 2020, kind: .subject, text: deficit, training: true, on: db)
                if k == 0 {
                    try await TeachersController.deficit(tid, year: 2020, kind: .methodological, text: "формирующее оценивание, работа с обучающимися с рисками учебной неуспешности", training: false, on: db)
                }
            }
        }
    }

    static func event(_ authorityID: Int, _ kind: EventKind, _ title: String, _ date: String, _ organiser: String, schools: [Int], protocolText: String? = nil,
                      on db: any Database) async throws -> Int {
        let e = SupportEvent()
        e.$authority.id = authorityID
        e.kind = kind
        e.title = title
        e.date = date
        e.organiser = organiser
        e.protocolText = protocolText
        e.createdBy = "demo"
        try await e.create(on: db)
        let id = try e.requireID()
        for sid in schools { try await SupportEventSchool(eventID: id, schoolID: sid).create(on: db) }
        return id
    }

    static func slavyansk(on db: any Database) async throws {
        guard let authority = try await Authority.query(on: db).filter(\.$code == "slavyansk").first() else { return }
        let aid = try authority.requireID()
        let schools = try await School.query(on: db).filter(\.$authority.$id == aid).all()
        let byNumber = Dictionary(schools.compactMap { s in s.number.flatMap { n in s.id.map { (n, $0) } } }, uniquingKeysWith: { a, _ in a })
        for (i, number) in visited.enumerated() {
            guard let sid = byNumber[number], let school = schools.first(where: { $0.id == sid }) else { continue }
            let date = LocalDate(year: 2021, month: 2 + i / 5, day: 3 + (i % 5) * 5)?.iso ?? "2021-03-01"
            let eid = try await event(aid, .visit, "Методический выезд в \(school.shortName)", date, "МКУО КМЦ, МКУО ЦОКО, куратор школы", schools: [sid],
                                      protocolText: "Приказ УО от 01.02.2021 № 206 «Об организации методических выездов в 2020-2021 учебном году»; "
                                          + "итоги — приказ УО от 14.05.2021 № 736 «О результатах методических выездов в ШНОР»", on: db)
            let finding = VisitFinding()
            finding.$event.id = eid
            finding.$school.id = sid
            finding.lessonsAttended = 3 + i % 3
            finding.lessonsBelowExpected = belowExpected.contains(number)
            finding.documentsChecked = "документы по внутришкольному контролю, план методической работы (в том числе по подготовке к ГИА), работа ШМО"
            var text = belowExpected.contains(number) ? "Отдельные уроки проведены на низком уровне." : "Уроки проведены учителями на достаточном уровне."
            text += " План ВШК перегружен и выполняется не в полном объёме."
            if weakDocuments.contains(number) { text += " Качество документов по ВШК и методической работе низкое." }
            finding.findings = text
            try await finding.create(on: db)
            var recommendations = [("Скорректировать план внутришкольного контроля с учётом рискового профиля школы", "2021-05-31")]
            if belowExpected.contains(number) {
                recommendations.append(("Организовать взаимопосещение уроков с учителями школы-наставника", "2021-05-31"))
            }
            for (text, due) in recommendations {
                let f = FollowUp()
                f.$event.id = eid
                f.$school.id = sid
                f.text = text
                f.dueDate = due
                f.done = true
                f.doneAt = "2021-05-28"
                f.doneNote = "справка направлена в управление образования"
                try await f.create(on: db)
            }
        }
        // 004: «500+» — № 20 since 2020, № 48 and № 8 since 2021.
        for (number, year) in [(20, 2020), (48, 2021), (8, 2021)] {
            if let sid = byNumber[number] { try await SchoolProject(schoolID: sid, project: "500+", year: year).create(on: db) }
        }
        _ = try await event(aid, .interview, "Собеседование с администрациями ШНОР по анализу рискового профиля", "2021-04-13", "Управление образования, кураторы ШНОР",
                            schools: schools.compactMap(\.id), protocolText: "Приказ УО от 13.04.2021 № 562 «О проведении собеседования с администрациями общеобразовательных учреждений по вопросам повышения качества образования»", on: db)
        _ = try await event(aid, .openDay, "«День открытых дверей» в школах-наставниках", "2021-04-20", "МКУО КМЦ, муниципальный наставнический центр",
                            schools: schools.compactMap(\.id), on: db)
    }

    static func yurga(on db: any Database) async throws {
        guard let authority = try await Authority.query(on: db).filter(\.$code == "yurga").first() else { return }
        let aid = try authority.requireID()
        let schools = try await School.query(on: db).filter(\.$authority.$id == aid).all()
        func id(_ number: Int) -> Int? { schools.first { $0.number == number }?.id }
        guard let s1 = id(1), let s14 = id(14), let s6 = id(6) else { return }
        let methodist = try await User.query(on: db).filter(\.$login == "yurga.methodist").first()
        let seminar = try await event(aid, .seminar, "Формирующее оценивание на уроках математики", "2026-10-15", "МКУ ИМЦ", schools: [s1, s14], on: db)
        if let mid = methodist?.id { try await SupportEventParticipant(eventID: seminar, userID: mid).create(on: db) }
        let visit = try await event(aid, .visit, "Методический выезд: уроки русского языка и математики", "2026-11-10", "Управление образования, куратор", schools: [s14], on: db)
        let finding = VisitFinding()
        finding.$event.id = visit
        finding.$school.id = s14
        finding.lessonsAttended = 4
        finding.lessonsBelowExpected = true
        finding.documentsChecked = "план ВШК, протоколы ШМО"
        finding.findings = "На двух уроках математики нет дифференцированных заданий; анализ ВПР не доведён до учителей."
        try await finding.create(on: db)
        let f = FollowUp()
        f.$event.id = visit
        f.$school.id = s14
        f.text = "Провести анализ ВПР по каждому классу на заседании ШМО"
        f.dueDate = "2026-12-05"
        f.done = false
        try await f.create(on: db)
        let a = MentorAgreement()
        a.$authority.id = aid
        a.$mentorSchool.id = s6
        a.$school.id = s14
        a.number = "12"
        a.date = "2026-09-01"
        a.periodStart = "2026-09-01"
        a.periodEnd = "2027-05-31"
        a.subject = "Стажировки учителей математики и русского языка, открытые уроки, совместные заседания ШМО"
        try await a.create(on: db)
        for (title, school, published, text) in [
            ("Школьная служба наставничества «Учитель — учителю»", s6, true,
             "Молодые учителя и учителя с выявленными предметными дефицитами закреплены за наставниками школы. Раз в месяц — взаимопосещение уроков и разбор; раз в четверть — открытый урок наставляемого.\nИтог года: 6 пар наставничества, у 4 учителей сняты дефициты по результатам повторной диагностики."),
            ("Индивидуальные образовательные маршруты по итогам ВПР", s14, false,
             "По каждому обучающемуся с отметкой «2» составлен ИОМ по невыполненным заданиям; учитель отмечает выполнение, через два месяца — повторная диагностика."),
        ] {
            let p = Practice()
            p.$authority.id = aid
            p.$school.id = school
            p.title = title
            p.authors = "Педагогический коллектив школы"
            p.riskFactors = school == s6 ? "teacherCompetence" : "failureRisk,motivation"
            p.description = text
            p.status = published ? .published : .draft
            p.publishedAt = published ? "2026-06-01" : nil
            p.createdBy = "demo"
            try await p.create(on: db)
        }
        let c = Consultation()
        c.$authority.id = aid
        c.kind = .tutor
        c.date = "2026-11-12"
        c.topic = "Составление ИОМ обучающихся по итогам ВПР"
        c.consultant = "Методист МКУ ИМЦ"
        c.person = "Заместитель директора по УВР"
        c.$school.id = s1
        try await c.create(on: db)
    }
}
