import Fluent
import Foundation
import OporaCore
import OporaDocuments
import Testing
import VaporTesting
@testable import OporaApp

/// A region's ВПР file as regions receive it, generated here with its expected figures computed
/// independently of Opora: 70 municipalities, «балл за N» columns without maxima, «не пройд.»,
/// «нет отметки», «вариант» 0, an empty row for a participant who did not write, a rescored total,
/// and three schools the registry does not know.
struct RegionFile {
    struct Expected {
        var present = 0, absent = 0
        var marks = [0, 0, 0, 0]
        var primarySum = 0.0
        var taskSum = [0.0, 0.0, 0.0]
        var taskCount = [0, 0, 0]
        var lower = 0, confirmed = 0, higher = 0, withoutJournal = 0
    }
    var csv = ""
    /// Login → municipality index (0-based, as `RegistryGenerator` orders them).
    var expected: [String: Expected] = [:]
    var taskTop = [0.0, 0.0, 0.0]
    var rows = 0

    /// `withMarks: false` leaves the mark column out (a file with no marks at all).
    init(schools: [RegistryGenerator.School], perSchool: Int = 4, withMarks: Bool = true) {
        var lines = ["ВПР 2025 Математика 5 класс", "Выгрузка ФИС ОКО по региону",
                     "Логин ОО;Регион/муниципалитет;Наименование ОО;Код участника;Класс;Вариант;балл за 1;балл за 2;балл за 3;Первичный балл"
                        + (withMarks ? ";Отметка" : "") + ";Отметка по журналу"]
        func mark(_ p: Int) -> Int { p >= 6 ? 5 : p >= 4 ? 4 : p >= 2 ? 3 : 2 }
        var extra = schools.enumerated().map { ($0.offset, $0.element.login, $0.element.municipality, $0.element.shortName) }
        // Unknown to the registry: two in municipalities it knows, one in a municipality it does not.
        extra.append((-1, "edu990001", schools[0].municipality, "МБОУ СОШ № 901"))
        extra.append((-2, "edu990002", schools[schools.count - 1].municipality, "МБОУ СОШ № 902"))
        extra.append((-3, "edu990003", "Несуществующий район", "МБОУ СОШ № 903"))
        for (s, login, municipality, name) in extra {
            var e = Expected()
            for n in 0..<perSchool {
                let code = "\(login)-\(n)"
                let k = (s + 7) * 31 + n
                let prefix = "\(login);\(municipality);\(name);\(code);5\(["А", "Б"][n % 2]);"
                switch k % 23 {
                case 0: // «вариант» 0: did not write
                    lines.append(prefix + "0;;;;;" + (withMarks ? ";" : "") + "4"); e.absent += 1; rows += 1; continue
                case 1: // nothing written, no «отсутствовал»: absent as well
                    lines.append(prefix + "1;;;;" + (withMarks ? ";" : "") + ";4"); e.absent += 1; rows += 1; continue
                default: break
                }
                let scores: [Double?] = [Double(k % 2), k % 5 == 0 ? nil : Double(k % 4), k % 7 == 0 ? nil : Double(k % 3)]
                var primary = Int(scores.compactMap { $0 }.reduce(0, +))
                if k % 17 == 0 { primary += 1 } // rescored: the file's total counts
                let m = mark(primary)
                let journalText = k % 11 == 0 ? "нет отметки" : "\(2 + (k / 3) % 4)"
                let cells = scores.enumerated().map { i, v in v.map { String(Int($0)) } ?? (i == 1 ? "не пройд." : "X") }
                lines.append(prefix + "\(1 + n % 2);" + cells.joined(separator: ";") + ";\(primary)" + (withMarks ? ";\(m)" : "") + ";\(journalText)")
                rows += 1
                e.present += 1
                e.primarySum += Double(primary)
                if withMarks { e.marks[m - 2] += 1 }
                for (i, v) in scores.enumerated() {
                    if let v { e.taskSum[i] += v; e.taskCount[i] += 1; taskTop[i] = max(taskTop[i], v) }
                }
                if let j = Int(journalText), withMarks {
                    if m < j { e.lower += 1 } else if m > j { e.higher += 1 } else { e.confirmed += 1 }
                } else if Int(journalText) == nil {
                    e.withoutJournal += 1
                }
            }
            expected[login] = e
        }
        csv = lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The expected figures of some schools together.
    func total(_ logins: [String]) -> Expected {
        var t = Expected()
        for l in logins {
            guard let e = expected[l] else { continue }
            t.present += e.present; t.absent += e.absent
            for i in 0..<4 { t.marks[i] += e.marks[i] }
            t.primarySum += e.primarySum
            for i in 0..<3 { t.taskSum[i] += e.taskSum[i]; t.taskCount[i] += e.taskCount[i] }
            t.lower += e.lower; t.confirmed += e.confirmed; t.higher += e.higher; t.withoutJournal += e.withoutJournal
        }
        return t
    }

    /// Checks Opora's summary against the independent computation.
    func check(_ s: ResultsSummary, against e: Expected, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(s.participants == e.present, sourceLocation: sourceLocation)
        #expect(s.absent == e.absent, sourceLocation: sourceLocation)
        #expect((2...5).map { s.marks[$0] ?? 0 } == e.marks, sourceLocation: sourceLocation)
        #expect(s.meanPrimary.map { abs($0 - e.primarySum / Double(e.present)) < 1e-9 } == true, sourceLocation: sourceLocation)
        for i in 0..<3 {
            let expected = e.taskCount[i] == 0 ? nil : e.taskSum[i] / (max(taskTop[i], 1) * Double(e.taskCount[i]))
            #expect(s.solveRates[i].map { r in expected.map { abs(r - $0) < 1e-9 } ?? false } ?? (expected == nil), sourceLocation: sourceLocation)
        }
        #expect(s.objectivity.lower == e.lower && s.objectivity.confirmed == e.confirmed && s.objectivity.higher == e.higher, sourceLocation: sourceLocation)
        #expect(s.objectivity.withoutJournal == e.withoutJournal, sourceLocation: sourceLocation)
    }
}

extension AppTests {
    @Suite struct RegionResults {
        /// An empty database with a region of 70 municipalities and 700 schools; its administrator signed in.
        func region(_ app: Application) async throws -> (Browser, [RegistryGenerator.School], Int) {
            let oneTime = try await SetupService(db: app.db, credentials: app.credentials).run(region: "Тестовая область", adminLogin: "admin", adminName: nil)
            let rid = try #require(try await Region.query(on: app.db).first()?.id)
            let registry = RegistryGenerator(schools: 700, municipalities: 70)
            let data = CSV.write(registry.rows(.fis))
            _ = try await RegistryService(db: app.db).apply(data, fileName: "r.csv", regionID: rid, createMunicipalities: true, user: nil)
            let admin = Browser(app)
            try await admin.firstLogin("admin", oneTime: oneTime, newPassword: "Kedr-Sosna-2026!")
            return (admin, registry.generate(), rid)
        }

        @Test func aRegionalFileGoesToEachMunicipalityWithFiguresEqualToAnIndependentCount() async throws {
            try await withOpora(demo: false) { app in
                let (admin, schools, rid) = try await region(app)
                let file = RegionFile(schools: schools)
                try await admin.get("/results")
                let checked = try await admin.upload("/results", fields: [:], fileName: "vpr-region.csv", file: Data(file.csv.utf8))
                #expect(checked.status == .ok)
                let html = checked.body.string
                #expect(html.contains("Школы, которых нет в реестре (3)"))
                #expect(html.contains("Максимальный балл заданий 1, 2, 3 взят как наибольший балл в файле"))
                #expect(html.contains("первичный балл отличается от суммы баллов за задания"))
                let draft = try #require(try await ResultDraft.query(on: app.db).first()).requireID()
                // «Создать все»: the two whose municipality the registry knows are created, the third is skipped.
                #expect(try await admin.post("/result-drafts/\(draft)/schools", ["all": "create"]).status == .seeOther)
                let decided = try await admin.get("/result-drafts/\(draft)")
                #expect(decided.body.string.contains("Школ нет в реестре: 1; их строки (4) не загружаются"))
                let applied = try await admin.post("/result-drafts/\(draft)/apply")
                #expect(applied.status == .seeOther)
                #expect(try await ResultRegionImport.query(on: app.db).count() == 1)
                #expect(try await ResultImport.query(on: app.db).count() == 70)
                #expect(try await School.query(on: app.db).filter(\.$fisLogin ~~ ["edu990001", "edu990002"]).count() == 2)
                #expect(try await School.query(on: app.db).filter(\.$fisLogin == "edu990003").count() == 0)
                #expect(try await ResultRegionImport.query(on: app.db).first()?.skipped?.contains("edu990003") == true)

                // Each municipality sees its part exactly as if it had imported it.
                let service = ResultsService(db: app.db)
                let byMunicipality = Dictionary(grouping: schools, by: \.municipality)
                for name in [schools[0].municipality, schools[350].municipality, schools[699].municipality] {
                    let authority = try #require(try await Authority.query(on: app.db).filter(\.$municipality == name).first())
                    let figures = try #require(try await service.summary(authorityID: try authority.requireID(), kind: .vpr, subject: "Математика", grade: 5, year: 2025))
                    var logins = (byMunicipality[name] ?? []).map(\.login)
                    if name == schools[0].municipality { logins.append("edu990001") }
                    if name == schools[699].municipality { logins.append("edu990002") }
                    file.check(figures.total, against: file.total(logins))
                    #expect(figures.schools.count == logins.count)
                }
                // The region's figures: every school the registry has now.
                let regionTotal = try #require(try await service.regionComparator(regionID: rid, test: ResultsTest(kind: .vpr, subject: "Математика", grade: 5, year: 2025)))
                file.check(regionTotal, against: file.total(schools.map(\.login) + ["edu990001", "edu990002"]))

                // The page, the API and the CLI's JSON say the same.
                let first = try #require(try await Authority.query(on: app.db).filter(\.$municipality == schools[0].municipality).first())
                let fid = try first.requireID()
                let coordinatorOneTime = try await AccountService(db: app.db, credentials: app.credentials)
                    .create(.init(login: "coord", fullName: "Координатор", position: "", organization: nil, role: .coordinator, authorityID: fid, schoolID: nil), by: nil).password
                let coordinator = Browser(app)
                try await coordinator.firstLogin("coord", oneTime: coordinatorOneTime, newPassword: "Coordinator-2026")
                let page = try await coordinator.get("/authorities/\(fid)/results?kind=vpr&subject=\("Математика".formEncoded)&grade=5&year=2025")
                let expectedFirst = file.total((byMunicipality[schools[0].municipality] ?? []).map(\.login) + ["edu990001"])
                #expect(page.body.string.contains("<td>Муниципалитет</td><td>\(expectedFirst.present)</td>"))
                let user = try #require(try await User.query(on: app.db).filter(\.$login == "coord").first())
                let token = try await TokenIssuer.issue(for: user, name: "t", on: app.db)
                var headers = HTTPHeaders()
                headers.bearerAuthorization = BearerAuthorization(token: token)
                let api = try await app.testing().sendRequest(.GET, "/api/v1/results/summary?level=authority&id=\(fid)&subject=\("Математика".formEncoded)&grade=5&year=2025", headers: headers)
                let dto = try JSONDecoder().decode(ResultsSummaryDTO.self, from: Data(buffer: api.body))
                #expect(dto.total.participants == expectedFirst.present && dto.total.absent == expectedFirst.absent)
                #expect(dto.schools.allSatisfy { $0.fisLogin != nil && $0.municipality == schools[0].municipality })
                let cli = try #require(try await service.regionSchoolsDTO(regionID: rid, test: ResultsTest(kind: .vpr, subject: "Математика", grade: 5, year: 2025)))
                #expect(cli.schools.count == 702)
                #expect(cli.total.participants == regionTotal.participants)
                let one = try #require(cli.schools.first { $0.fisLogin == schools[5].login })
                #expect(one.participants == file.expected[schools[5].login]?.present)
                #expect(one.solveRates.count == 3)
                // The school level gives the school's own tasks.
                let sid = try #require(try await School.query(on: app.db).filter(\.$fisLogin == schools[0].login).first()?.id)
                let schoolAPI = try await app.testing().sendRequest(.GET, "/api/v1/results/summary?level=school&id=\(sid)&subject=\("Математика".formEncoded)&grade=5&year=2025", headers: headers)
                let schoolDTO = try JSONDecoder().decode(ResultsSummaryDTO.self, from: Data(buffer: schoolAPI.body))
                let e0 = try #require(file.expected[schools[0].login])
                #expect(schoolDTO.total.participants == e0.present)
                #expect(schoolDTO.tasks[0].solveRate.map { abs($0 - e0.taskSum[0] / (max(file.taskTop[0], 1) * Double(e0.taskCount[0]))) < 1e-9 } == true)

                // The same file again changes nothing.
                try await admin.get("/results")
                try await admin.upload("/results", fields: [:], fileName: "vpr-region.csv", file: Data(file.csv.utf8))
                let again = try #require(try await ResultDraft.query(on: app.db).first()).requireID()
                let second = try await admin.post("/result-drafts/\(again)/apply")
                #expect(second.headers.first(name: .location)?.contains("уже был загружен".formEncoded) == true)
                #expect(try await ResultImport.query(on: app.db).count() == 70)
                // A coordinator cannot load the region's file; the region's page is the region's.
                #expect(try await coordinator.get("/results").status == .notFound)
            }
        }

        @Test func aRealErrorSavesNothingAndNamesFileRowAndColumn() async throws {
            try await withOpora(demo: false) { app in
                let (admin, schools, _) = try await region(app)
                let a = schools[0].login, b = schools[1].login
                let bad = """
                ВПР 2025 Математика 5 класс
                ОО;Код участника;1 (1б);2 (2б);Первичный балл;Отметка;Отметка по журналу
                \(a);1;1;2;3;3;3
                \(a);2;2;1;3;3;3
                \(a);1;0;0;0;2;2
                \(b);3;1;1;2;6;3
                """
                try await admin.get("/results")
                let res = try await admin.upload("/results", fields: [:], fileName: "плохой.csv", file: Data(bad.utf8))
                #expect(res.status == .unprocessableEntity)
                let html = res.body.string
                #expect(html.contains("Файл «плохой.csv», строка 4, столбец «1 (1б)»: балл 2 больше максимума задания (1)."))
                #expect(html.contains("Файл «плохой.csv», строка 5, столбец «Код участника»: участник «1» уже есть в строке 3."))
                #expect(html.contains("Файл «плохой.csv», строка 6, столбец «Отметка»: отметка «6» — не от 2 до 5."))
                #expect(try await ResultImport.query(on: app.db).count() == 0)
                #expect(try await ResultDraft.query(on: app.db).count() == 0)
            }
        }

        @Test func anXLSXWithoutMarksLoadsAndAScaleFileFillsThemIn() async throws {
            try await withOpora(demo: false) { app in
                let (admin, schools, rid) = try await region(app)
                let file = RegionFile(schools: Array(schools.prefix(60)), perSchool: 6, withMarks: false)
                let rows = CSV.read(Data(file.csv.utf8)).rows.map { $0.map { Workbook.Cell.auto($0) } }
                let xlsx = try Workbook(sheets: [.init(name: "ВПР", rows: rows)]).xlsx()
                try await admin.get("/results")
                let checked = try await admin.upload("/results", fields: [:], fileName: "region.xlsx", file: xlsx)
                #expect(checked.status == .ok)
                #expect(checked.body.string.contains("шкалы перевода для ВПР 2025, Математика, 5 класс в справочнике нет"))
                let draft = try #require(try await ResultDraft.query(on: app.db).first()).requireID()
                try await admin.post("/result-drafts/\(draft)/schools", ["all": "skip"])
                #expect(try await admin.post("/result-drafts/\(draft)/apply").status == .seeOther)
                let test = ResultsTest(kind: .vpr, subject: "Математика", grade: 5, year: 2025)
                // The region's own figures (what its regional users see), whatever the number of municipalities.
                let authorities = try await Authority.query(on: app.db).filter(\.$region.$id == rid).all()
                let before = try #require(try await ResultsService(db: app.db).regionFigures(authorities, test: test)).total
                #expect(before.marks.isEmpty && before.withoutMark == file.total(schools.prefix(60).map(\.login)).present)
                // The scale comes later, from a file: the marks are filled in.
                try await admin.get("/conversion-scales")
                let scales = Data("Шкалы перевода\nПроцедура;Год;Предмет;Класс;3;4;5;Источник\nВПР;2025;Математика;5;2;4;6;Письмо ФИОКО\n".utf8)
                let imported = try await admin.upload("/conversion-scales/import", fields: [:], fileName: "шкалы.csv", file: scales)
                #expect(imported.status == .seeOther)
                let after = try #require(try await ResultsService(db: app.db).regionFigures(authorities, test: test)).total
                let withMarks = RegionFile(schools: Array(schools.prefix(60)), perSchool: 6, withMarks: true)
                withMarks.check(after, against: withMarks.total(schools.prefix(60).map(\.login)))
                #expect(after.withoutMark == 0)
                // A bad scale file says where.
                let badScales = Data("Процедура;Год;Предмет;Класс;3;4;5\nВПР;2025;Русский язык;5;9;4;6\n".utf8)
                let refused = try await admin.upload("/conversion-scales/import", fields: [:], fileName: "шкалы.csv", file: badScales)
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.string.contains("Файл «шкалы.csv», строка 2, столбец ««3»»: пороги 9, 4, 6 должны возрастать."))
            }
        }

        /// A regional export as one XLSX whose sheet is over 40 MB (FoundationXML on Linux stops at
        /// 10 MB, the CSRF body cap used to stop at 10 MB): uploaded through the page, routed and summed.
        @Test func aRegionalXLSXWithAFortyMegabyteSheetImportsThroughThePage() async throws {
            try await withOpora(demo: false) { app in
                let (admin, schools, rid) = try await region(app)
                let file = RegionFile(schools: schools, perSchool: 150)
                let rows = CSV.read(Data(file.csv.utf8)).rows.map { $0.map { Workbook.Cell.auto($0) } }
                let xlsx = try Workbook(sheets: [.init(name: "ВПР", rows: rows)]).xlsx()
                #expect(try XLSXReader.sheetSize(xlsx) > 40_000_000)
                try await admin.get("/results")
                let checked = try await admin.upload("/results", fields: [:], fileName: "region.xlsx", file: xlsx)
                #expect(checked.status == .ok)
                #expect(checked.body.string.contains("Школы, которых нет в реестре (3)"))
                let draft = try #require(try await ResultDraft.query(on: app.db).first()).requireID()
                #expect(try await admin.post("/result-drafts/\(draft)/schools", ["all": "skip"]).status == .seeOther)
                #expect(try await admin.post("/result-drafts/\(draft)/apply").status == .seeOther)
                #expect(try await ResultImport.query(on: app.db).count() == 70)
                let test = ResultsTest(kind: .vpr, subject: "Математика", grade: 5, year: 2025)
                let service = ResultsService(db: app.db)
                let regionTotal = try #require(try await service.regionComparator(regionID: rid, test: test))
                file.check(regionTotal, against: file.total(schools.map(\.login)))
                let byMunicipality = Dictionary(grouping: schools, by: \.municipality)
                let name = schools[420].municipality
                let authority = try #require(try await Authority.query(on: app.db).filter(\.$municipality == name).first())
                let figures = try #require(try await service.summary(authorityID: try authority.requireID(), kind: .vpr, subject: "Математика", grade: 5, year: 2025))
                file.check(figures.total, against: file.total((byMunicipality[name] ?? []).map(\.login)))
            }
        }

        @Test func mappingsBelongToTheRegionAndAreChangedOrForgotten() async throws {
            try await withOpora { app in
                let admin = Browser(app)
                try await admin.login("region")
                try await admin.get("/results/mappings")
                #expect(try await admin.post("/results/mappings", ["header": "Шифр работы", "column": "code"]).status == .seeOther)
                let mapping = try #require(try await ResultMapping.query(on: app.db).filter(\.$headerKey == "шифр работы").first())
                #expect(mapping.column == "code" && mapping.setBy == "region")
                #expect(try await admin.post("/results/mappings", ["header": "Шифр работы", "column": "ignore"]).status == .seeOther)
                #expect(try await ResultMapping.find(mapping.id, on: app.db)?.column == "ignore")
                // A coordinator of the region sees the list but changes nothing.
                let coordinator = Browser(app)
                try await coordinator.login("sochi")
                let page = try await coordinator.get("/results/mappings")
                #expect(page.status == .ok)
                #expect(page.body.string.contains("шифр работы"))
                #expect(try await coordinator.post("/results/mappings/\(try mapping.requireID())/forget").status == .forbidden)
                #expect(try await admin.post("/results/mappings/\(try mapping.requireID())/forget").status == .seeOther)
                #expect(try await ResultMapping.find(mapping.id, on: app.db) == nil)
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "Забыто сопоставление столбца").count() == 1)
            }
        }

        @Test func theAssessmentOperatorLoadsTheRegionsFileAndTheObserverCannot() async throws {
            try await withOpora(demo: false) { app in
                let (_, schools, rid) = try await region(app)
                let issued = try await AccountService(db: app.db, credentials: app.credentials)
                    .create(.init(login: "operator", fullName: "Оператор", position: "", organization: nil, role: .assessmentOperator, authorityID: nil, schoolID: nil), by: nil)
                let user = try #require(try await User.query(on: app.db).filter(\.$login == "operator").first())
                #expect(user.role.isRegional && issued.user.$authority.id == nil)
                let token = try await TokenIssuer.issue(for: user, name: "rcoi", on: app.db)
                var headers = HTTPHeaders()
                headers.bearerAuthorization = BearerAuthorization(token: token)
                let file = RegionFile(schools: Array(schools.prefix(30)))
                let res = try await app.testing().sendRequest(.POST, "/api/v1/results/imports?region=\(rid)&fileName=vpr.csv&unknown=create", headers: headers,
                                                              body: ByteBuffer(string: file.csv))
                #expect(res.status == .created)
                let dto = try res.content.decode(ResultImportOutcomeDTO.self)
                #expect(dto.skippedSchools.count == 1)
                #expect(dto.createdSchools == 2)
                #expect(dto.participants == file.total(schools.prefix(30).map(\.login) + ["edu990001", "edu990002"]).present
                        + file.total(schools.prefix(30).map(\.login) + ["edu990001", "edu990002"]).absent)
                let observer = try await AccountService(db: app.db, credentials: app.credentials)
                    .create(.init(login: "observer", fullName: "Наблюдатель", position: "", organization: nil, role: .regionalObserver, authorityID: nil, schoolID: nil), by: nil)
                let observerToken = try await TokenIssuer.issue(for: observer.user, name: "t", on: app.db)
                var oh = HTTPHeaders()
                oh.bearerAuthorization = BearerAuthorization(token: observerToken)
                #expect(try await app.testing().sendRequest(.POST, "/api/v1/results/imports?region=\(rid)&fileName=vpr.csv", headers: oh, body: ByteBuffer(string: file.csv)).status == .forbidden)
            }
        }
    }
}
