import Fluent
import Foundation
import OporaCore
import OporaDocuments
import Testing
import VaporTesting
@testable import OporaApp

extension AppTests {
    @Suite struct Execution {
        func yurgaMeasure(_ app: Application, number: String) async throws -> Measure {
            let aid = try await app.authorityID("yurga")
            let roadmap = try #require(try await Roadmap.query(on: app.db).filter(\.$authority.$id == aid).filter(\.$school.$id == nil).first())
            return try #require(try await Measure.query(on: app.db).filter(\.$roadmap.$id == roadmap.requireID()).filter(\.$number == number).first())
        }

        @Test func reportEvidenceAndReview() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("yurga")
                let m = try await yurgaMeasure(app, number: "1")
                let mid = try m.requireID()
                let page = try await b.get("/measures/\(mid)")
                #expect(page.status == .ok)
                #expect(page.body.string.contains("Срок: 31.01.2025"))
                #expect(page.body.string.contains("просрочено"))
                #expect(try await b.post("/measures/\(mid)/progress", ["due": "2025-01-31", "status": "done", "report": "Собеседование проведено 28.01.2025"]).status == .seeOther)
                #expect(try await b.post("/measures/\(mid)/progress", ["due": "2025-02-28", "status": "done"]).status == .badRequest)
                let progress = try #require(try await MeasureProgress.query(on: app.db).filter(\.$measure.$id == mid).first())
                #expect(progress.status == .done)
                #expect(progress.review == .pending)
                let doc = try await b.upload("/measures/\(mid)/evidence", fields: ["due": "2025-01-31", "kind": "document", "title": "Справка по итогам собеседования", "docNumber": "15", "docDate": "2025-01-30"], fileName: "", file: Data())
                #expect(doc.status == .seeOther)
                let file = try await b.upload("/measures/\(mid)/evidence", fields: ["due": "2025-01-31", "kind": "file", "title": "Протокол"], fileName: "protokol.pdf", file: Data("%PDF-1.4 test".utf8))
                #expect(file.status == .seeOther)
                let badLink = try await b.upload("/measures/\(mid)/evidence", fields: ["due": "2025-01-31", "kind": "link", "title": "Сайт", "url": "javascript:alert(1)"], fileName: "", file: Data())
                #expect(badLink.status == .badRequest)
                let evidence = try await Evidence.query(on: app.db).all()
                #expect(evidence.count == 2)
                #expect(evidence.first { $0.kind == .document }?.summary == "Справка по итогам собеседования от 30.01.2025 № 15")
                let fileID = try #require(evidence.first { $0.kind == .file }?.id)
                let download = try await b.get("/evidence/\(fileID)/file")
                #expect(download.body.string == "%PDF-1.4 test")
                #expect(download.headers.contentType?.description == "application/octet-stream")
                #expect(try await b.post("/measures/\(mid)/review", ["due": "2025-01-31", "decision": "return"]).status == .badRequest)
                #expect(try await b.post("/measures/\(mid)/review", ["due": "2025-01-31", "decision": "accept", "comment": "Принято"]).status == .seeOther)
                #expect(try await MeasureProgress.find(progress.id, on: app.db)?.review == .accepted)
                let roadmap = try #require(try await Roadmap.find(m.$roadmap.id, on: app.db))
                #expect(roadmap.status == .inProgress)
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "Отчёт принят").count() == 1)
                // Another municipality's user cannot see the file.
                let other = Browser(app)
                try await other.login("sochi")
                #expect(try await other.get("/evidence/\(fileID)/file").status == .notFound)
                #expect(try await other.get("/measures/\(mid)").status == .notFound)
            }
        }

        @Test func onlyTheResponsibleReport() async throws {
            try await withOpora { app in
                let m = try await yurgaMeasure(app, number: "1")
                let school = Browser(app)
                try await school.login("yurga.school14")
                // A school user cannot open the municipal roadmap at all.
                #expect(try await school.get("/measures/\(try m.requireID())").status == .notFound)
                let methodist = Browser(app)
                try await methodist.login("yurga.methodist")
                let page = try await methodist.get("/measures/\(try m.requireID())")
                #expect(page.status == .ok)
                #expect(!page.body.string.contains("Отметить выполнение"), "measure 1 names the authority, not the ИМЦ methodist")
                #expect(try await methodist.post("/measures/\(try m.requireID())/progress", ["due": "2025-01-31", "status": "done"]).status == .forbidden)
                let imc = try await yurgaMeasure(app, number: "2")
                #expect(imc.responsible.contains("ИМЦ"))
                let named = try await methodist.get("/measures/\(try imc.requireID())")
                #expect(named.body.string.contains("Отметить выполнение"))
            }
        }

        @Test func startPageListsOverdueMeasures() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("yurga")
                let home = try await b.get("/")
                #expect(home.body.string.contains("Сроки: просрочено и ближайшие две недели"))
                #expect(home.body.string.contains("просрочено"))
                #expect(home.body.string.contains("Собеседование с руководителями"))
            }
        }

        @Test func timelineIsSVGWithStatusColours() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("yurga")
                let m = try await yurgaMeasure(app, number: "1")
                try await b.get("/measures/\(try m.requireID())")
                try await b.post("/measures/\(try m.requireID())/progress", ["due": "2025-01-31", "status": "done"])
                let svg = try await b.get("/roadmaps/\(m.$roadmap.id)/timeline.svg")
                #expect(svg.headers.contentType?.description.hasPrefix("image/svg+xml") == true)
                let text = svg.body.string
                #expect(text.hasPrefix("<svg"))
                #expect(text.contains("31.01.2025: выполнено"))
                #expect(text.contains("#1e6b2f"))
                #expect(text.contains("просрочено"))
                let page = try await b.get("/roadmaps/\(m.$roadmap.id)/timeline")
                #expect(page.status == .ok)
                #expect(page.body.string.contains("<svg"))
            }
        }

        @Test func monitoringRoundFreezesASnapshotAndExports() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("puchezh")
                let aid = try await app.authorityID("puchezh")
                let roadmap = try #require(try await Roadmap.query(on: app.db).filter(\.$authority.$id == aid).filter(\.$school.$id == nil).first())
                let rid = try roadmap.requireID()
                let first = try #require(try await Measure.query(on: app.db).filter(\.$roadmap.$id == rid).sort(\.$position).first())
                try await b.get("/measures/\(try first.requireID())")
                try await b.post("/measures/\(try first.requireID())/progress", ["due": "2020-11-30", "status": "done", "report": "Совещание проведено"])
                try await b.get("/roadmaps/\(rid)/rounds")
                let created = try await b.post("/roadmaps/\(rid)/rounds", ["title": "Мониторинг I квартал", "asOf": "2020-12-31"])
                let location = try #require(created.headers.first(name: .location))
                let round = try await b.get(location)
                #expect(round.status == .ok)
                #expect(round.body.string.contains("Отчёт о проведённых мероприятиях"))
                let stored = try #require(try await MonitoringRound.query(on: app.db).filter(\.$title == "Мониторинг I квартал").first())
                let snapshot = try JSONDecoder().decode(ExecutionService.Snapshot.self, from: Data(stored.snapshot.utf8))
                #expect(snapshot.overall.done == 1)
                let asOf = try #require(LocalDate(parsing: "2020-12-31"))
                let tree = try await RoadmapService(db: app.db).tree(roadmap)
                let due = try await ExecutionService(db: app.db).occurrences(tree).filter { $0.due.map { $0 <= asOf } ?? true }
                #expect(snapshot.overall.total == due.count)
                #expect(snapshot.overall.overdue == due.filter { ($0.due.map { $0 < asOf } ?? false) && $0.status != .done }.count)
                #expect(snapshot.overall.overdue > 0)
                // Later progress does not change a frozen round.
                let second = try #require(try await Measure.query(on: app.db).filter(\.$roadmap.$id == rid).sort(\.$position).all().dropFirst().first)
                try await b.get("/measures/\(try second.requireID())")
                try await b.post("/measures/\(try second.requireID())/progress", ["due": "2020-10-31", "status": "done"])
                #expect(try await MonitoringRound.find(stored.id, on: app.db)?.snapshot == stored.snapshot)
                let indicator = try #require(try await RoadmapIndicator.query(on: app.db).filter(\.$roadmap.$id == rid).first())
                #expect(try await b.post("\(location)/facts", ["indicatorID": "\(try indicator.requireID())", "value": "60 %"]).status == .seeOther)
                // A fact form left open while someone else saved a fact is refused, not overwritten.
                let iid = try indicator.requireID()
                let marker = #"name="indicatorID" value="\#(iid)""#
                let stale = try AppTests.EditConflicts.stamp(in: try await b.get(location).body.string, after: marker)
                #expect(try await b.post("\(location)/facts", ["indicatorID": "\(iid)", "value": "65 %", "_stamp": stale]).status == .seeOther)
                #expect(try await b.post("\(location)/facts", ["indicatorID": "\(iid)", "value": "70 %", "_stamp": stale]).status == .conflict)
                let fresh = try AppTests.EditConflicts.stamp(in: try await b.get(location).body.string, after: marker)
                #expect(try await b.post("\(location)/facts", ["indicatorID": "\(iid)", "value": "60 %", "_stamp": fresh]).status == .seeOther)
                let docx = try await b.get("\(location)/report.docx")
                let text = try DOCXReader.read(Data(buffer: docx.body)).lines.joined(separator: "\n")
                #expect(text.contains("Показатели\tМетоды сбора информации\tСроки и периодичность\tОтветственные за сбор и обработку\tОтчёт о проведённых мероприятиях"))
                #expect(text.contains("Совещание проведено"))
                #expect(text.contains("60 %"))
                let xlsx = try XLSXReader.firstSheetRows(Data(buffer: try await b.get("\(location)/report.xlsx").body))
                #expect(xlsx[1] == ExecutionReport.columns)
                #expect(xlsx.count == 2 + 21)
            }
        }
    
        @Test func responsibleAreLinkedToTheRegistryAndSchoolsAreTagged() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("yurga")
                let m = try await yurgaMeasure(app, number: "2")
                let mid = try m.requireID()
                let page = try await b.get("/measures/\(mid)")
                #expect(page.body.string.contains(#"МБУ ДПО «ИМЦ г.Юрги»<span class="muted"> — в реестре: МБУ ДПО «ИМЦ г. Юрги»"#))
                let s1 = try await app.schoolID("МБОУ СОШ № 1")
                let s14 = try await app.schoolID("МБОУ СОШ № 14")
                #expect(try await b.post("/measures/\(mid)/schools", ["schoolIDs[0]": "\(s1)", "schoolIDs[1]": "\(s14)"]).status == .seeOther)
                #expect(try await MeasureSchool.query(on: app.db).filter(\.$measure.$id == mid).count() == 2)
                let nskSchool = try await app.schoolID("МАОУ СОШ № 20")
                #expect(try await b.post("/measures/\(mid)/schools", ["schoolIDs[0]": "\(nskSchool)"]).status == .badRequest)
                try await b.post("/measures/\(mid)/progress", ["due": "2025-02-28", "status": "partlyDone"])
                let created = try await b.post("/roadmaps/\(m.$roadmap.id)/rounds", ["title": "Срез", "asOf": "2025-03-31"])
                let round = try await b.get(try #require(created.headers.first(name: .location)))
                #expect(round.body.string.contains("По школам"))
                #expect(round.body.string.contains("МБОУ СОШ № 14"))
                let sochi = Browser(app)
                try await sochi.login("sochi")
                let aid = try await app.authorityID("sochi")
                let roadmap = try #require(try await Roadmap.query(on: app.db).filter(\.$authority.$id == aid).filter(\.$school.$id == nil).first())
                let first = try #require(try await Measure.query(on: app.db).filter(\.$roadmap.$id == roadmap.requireID()).sort(\.$position).first())
                let sochiPage = try await sochi.get("/measures/\(try first.requireID())")
                #expect(sochiPage.body.string.contains(#"Лукашова И.Б.<span class="muted"> — в реестре: Лукашова И.Б., Заместитель начальника"#))
            }
        }
    }
}
