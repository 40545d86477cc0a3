import Fluent
import Foundation
import OporaCore
import OporaDocuments
import Testing
import VaporTesting
@testable import OporaApp

extension AppTests {
    @Suite struct Roadmaps {
        func roadmap(_ app: Application, _ code: String) async throws -> Roadmap {
            let aid = try await app.authorityID(code)
            return try #require(try await Roadmap.query(on: app.db).filter(\.$authority.$id == aid).filter(\.$school.$id == nil).first())
        }

        @Test func demoHoldsTheFourSeedRoadmapsApproved() async throws {
            try await withOpora { app in
                let expected = ["sochi": 36, "puchezh": 21, "novosibirsk": 26, "yurga": 16]
                for (code, count) in expected {
                    let r = try await roadmap(app, code)
                    #expect(r.status == .approved, "\(code)")
                    #expect(r.publicToken != nil)
                    #expect(try await Measure.query(on: app.db).filter(\.$roadmap.$id == r.requireID()).count() == count, "\(code)")
                }
                let puchezh = try await roadmap(app, "puchezh")
                #expect(puchezh.goal?.hasPrefix("содействие преодолению рисков школьной неуспешности") == true)
                #expect(try await RoadmapIndicator.query(on: app.db).filter(\.$roadmap.$id == puchezh.requireID()).count() == 3)
                let sochi = try await roadmap(app, "sochi")
                #expect(try await RoadmapLevel.query(on: app.db).filter(\.$roadmap.$id == sochi.requireID()).count() == 2)
            }
        }

        @Test func pageShowsDeadlinesReadAndDueDates() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("sochi")
                let r = try await roadmap(app, "sochi")
                let page = try await b.get("/roadmaps/\(try r.requireID())")
                #expect(page.status == .ok)
                let html = page.body.string
                #expect(html.contains("МУНИЦИПАЛЬНЫЙ УРОВЕНЬ"))
                #expect(html.contains("ежеквартально → 31.03.2024, 30.06.2024, 30.09.2024, 31.12.2024"))
                #expect(html.contains("без фиксированной даты (по отдельному графику)"))
                #expect(html.contains("приказ от 16.02.2024 № 283"))
            }
        }

        @Test func publicPageNeedsNoLoginButAnApprovedRoadmap() async throws {
            try await withOpora { app in
                let r = try await roadmap(app, "yurga")
                let anonymous = Browser(app)
                let page = try await anonymous.get("/public/roadmaps/\(try #require(r.publicToken))")
                #expect(page.status == .ok)
                #expect(page.body.string.contains("Собеседование с руководителями общеобразовательных организаций"))
                #expect(try await anonymous.get("/public/roadmaps/0123456789abcdef0123").status == .notFound)
                #expect(try await anonymous.get("/roadmaps/\(try r.requireID())").status == .seeOther)
            }
        }

        @Test func importPreviewApproveAndAmend() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("yurga")
                let yurga = try await app.authorityID("yurga")
                try await b.get("/authorities/\(yurga)/roadmaps/import")
                let table = "№\tМероприятие\tСроки\tОтветственные\n1.\tСовещание с руководителями ШНОР\tянварь 2026 г.\tУправление образованием\n2.\tСеминары для ШНОР\tежеквартально\tИМЦ\n"
                let upload = try await b.upload("/authorities/\(yurga)/roadmaps/import", fields: ["title": "Дорожная карта на 2026 год", "period": "2026", "schoolID": "", "text": table], fileName: "", file: Data())
                let location = try #require(upload.headers.first(name: .location))
                let preview = try await b.get(location)
                #expect(preview.status == .ok)
                #expect(preview.body.string.contains("Распознано: 2 мероприятия"))
                #expect(preview.body.string.contains("31.03.2026, 30.06.2026, 30.09.2026, 31.12.2026"))
                let created = try await b.post(location + "/apply")
                let roadmapPath = try #require(created.headers.first(name: .location))
                let rid = try #require(Int(roadmapPath.split(separator: "/").last ?? ""))
                let r = try #require(try await Roadmap.find(rid, on: app.db))
                #expect(r.status == .draft)
                #expect(r.publicToken == nil)
                try await b.get(roadmapPath)
                #expect(try await b.post("/roadmaps/\(rid)/approve", ["orderNumber": "12", "orderDate": "2026-01-15", "signatory": "К.К. Булатова"]).status == .seeOther)
                let approved = try #require(try await Roadmap.find(rid, on: app.db))
                #expect(approved.status == .approved)
                #expect(approved.publicToken != nil)
                #expect(try await b.post("/roadmaps/\(rid)/approve", ["orderNumber": "13", "orderDate": "2026-01-16", "signatory": "X"]).status == .conflict)
                let section = try #require(try await RoadmapSection.query(on: app.db).filter(\.$roadmap.$id == rid).first())
                let measure = ["sectionID": "\(try section.requireID())", "number": "3.", "name": "Мониторинг", "deadline": "1 раз в 3 месяца", "responsible": "ИМЦ"]
                #expect(try await b.post("/roadmaps/\(rid)/measures", measure).status == .badRequest)
                var amended = measure
                amended["amendmentNumber"] = "40"
                amended["amendmentDate"] = "2026-03-01"
                amended["amendmentDescription"] = "добавлен мониторинг"
                #expect(try await b.post("/roadmaps/\(rid)/measures", amended).status == .seeOther)
                #expect(try await Roadmap.find(rid, on: app.db)?.version == 2)
                #expect(try await RoadmapAmendment.query(on: app.db).filter(\.$roadmap.$id == rid).first()?.orderNumber == "40")
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "Дорожная карта утверждена").filter(\.$entityID == rid).count() == 1)
            }
        }

        @Test func damagedTableSavesNothing() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("yurga")
                let yurga = try await app.authorityID("yurga")
                let before = try await Roadmap.query(on: app.db).count()
                try await b.get("/authorities/\(yurga)/roadmaps/import")
                let table = "№\tМероприятие\tСроки\tОтветственные\n1.\t\tянварь 2026\tУО\nСеминар без номера\tмарт 2026\tИМЦ\t\n"
                let upload = try await b.upload("/authorities/\(yurga)/roadmaps/import", fields: ["title": "Сломанная", "period": "2026", "text": table], fileName: "", file: Data())
                let location = try #require(upload.headers.first(name: .location))
                let preview = try await b.get(location)
                #expect(preview.status == .unprocessableEntity)
                #expect(preview.body.string.contains("строка 2, столбец «Мероприятие»: у мероприятия № 1 нет наименования."))
                #expect(preview.body.string.contains("строка 3, столбец «№»"))
                #expect(try await b.post(location + "/apply").status == .seeOther)
                #expect(try await Roadmap.query(on: app.db).count() == before)
            }
        }

        /// The order's title needs no declension and its signatory's position is whole (issue 14).
        @Test func theOrderNamesTheRoadmapInQuotesAndTheSignatoryInFull() async throws {
            try await withOpora { app in
                let yurga = try await app.authorityID("yurga")
                let authority = try #require(try await Authority.find(yurga, on: app.db))
                authority.headPosition = "Начальник управления образования администрации Юргинского городского округа"
                try await authority.save(on: app.db)
                let b = Browser(app)
                try await b.login("yurga")
                let made = try await b.post("/authorities/\(yurga)/roadmaps", ["title": "План мероприятий по повышению качества образования", "period": "2026"])
                let path = try #require(made.headers.first(name: .location))
                let text = try DOCXReader.read(Data(buffer: try await b.get(path + "/order.docx").body)).lines.joined(separator: "\n")
                #expect(text.contains("Об утверждении дорожной карты «План мероприятий по повышению качества образования»"))
                #expect(text.contains("1. Утвердить дорожную карту «План мероприятий по повышению качества образования» (приложение)."))
                #expect(text.contains("Начальник управления образования администрации Юргинского городского округа"))
            }
        }

        @Test func exportsOpenAsDocuments() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("puchezh")
                let r = try await roadmap(app, "puchezh")
                let docx = try await b.get("/roadmaps/\(try r.requireID())/order.docx")
                #expect(docx.status == .ok)
                let body = try DOCXReader.read(Data(buffer: docx.body))
                let text = body.lines.joined(separator: "\n")
                #expect(text.contains("ПРИКАЗ"))
                #expect(text.contains("от 14.10.2020\t№ 113") || text.contains("от 14.10.2020 № 113"))
                #expect(text.contains("приказываю:"))
                #expect(text.contains("Приложение"))
                #expect(text.contains("Доля общеобразовательных учреждений, получивших адресную поддержку"))
                let annex = try #require(body.tables.first)
                #expect(annex.first == ["№ п/п", "Наименование мероприятия", "Сроки выполнения", "Ответственные", "Результат"])
                #expect(annex.count == 22)
                let xlsx = try await b.get("/roadmaps/\(try r.requireID())/export.xlsx")
                let rows = try XLSXReader.firstSheetRows(Data(buffer: xlsx.body))
                #expect(rows.count == 23)
                #expect(rows[2][2] == "ноябрь 2020")
                #expect(rows[2][6] == "30.11.2020")
            }
        }

        @Test func scopeAndCopy() async throws {
            try await withOpora { app in
                let sochi = try await roadmap(app, "sochi")
                let b = Browser(app)
                try await b.login("yurga")
                for path in ["/roadmaps/\(try sochi.requireID())", "/roadmaps/\(try sochi.requireID())/order.docx", "/authorities/\(try await app.authorityID("sochi"))/roadmaps"] {
                    #expect(try await b.get(path).status == .notFound, "\(path)")
                }
                #expect(try await b.post("/roadmaps/\(try sochi.requireID())/copy").status == .notFound)
                let observer = Browser(app)
                try await observer.login("observer")
                #expect(try await observer.get("/roadmaps/\(try sochi.requireID())").status == .ok)
                #expect(try await observer.post("/roadmaps/\(try sochi.requireID())/copy").status == .forbidden)
                let coordinator = Browser(app)
                try await coordinator.login("sochi")
                try await coordinator.get("/roadmaps/\(try sochi.requireID())")
                let copied = try await coordinator.post("/roadmaps/\(try sochi.requireID())/copy")
                let copiedPath = try #require(copied.headers.first(name: .location))
                let id = try #require(Int(copiedPath.split(separator: "/").last ?? ""))
                let copy = try #require(try await Roadmap.find(id, on: app.db))
                #expect(copy.title.hasSuffix("в 2025 году"))
                #expect(copy.status == .draft)
                #expect(copy.periodStart == "2025-01-01")
                let first = try #require(try await Measure.query(on: app.db).filter(\.$roadmap.$id == id).sort(\.$position).first())
                #expect(first.deadlineText == "до 20 февраля 2025 г.")
            }
        }
    
        @Test func buildByHandAndClose() async throws {
            try await withOpora { app in
                let b = Browser(app)
                try await b.login("yurga")
                let yurga = try await app.authorityID("yurga")
                try await b.get("/authorities/\(yurga)/roadmaps")
                let s14 = try await app.schoolID("МБОУ СОШ № 14")
                let created = try await b.post("/authorities/\(yurga)/roadmaps", ["title": "ШДК МБОУ СОШ № 14 на 2025-2026 учебный год", "period": "2025-2026", "schoolID": "\(s14)"])
                let path = try #require(created.headers.first(name: .location))
                let rid = try #require(Int(path.split(separator: "/").last ?? ""))
                try await b.get(path)
                #expect(try await b.post("/roadmaps/\(rid)/goal", ["goal": "Повысить результаты ВПР", "tasks": "Диагностика\nПоддержка учителей"]).status == .seeOther)
                #expect(try await b.post("/roadmaps/\(rid)/indicators", ["name": "Доля обучающихся с отметкой «2»", "target": "10", "unit": "%"]).status == .seeOther)
                #expect(try await b.post("/roadmaps/\(rid)/sections", ["levelTitle": "", "title": "I. Работа с обучающимися"]).status == .seeOther)
                let section = try #require(try await RoadmapSection.query(on: app.db).filter(\.$roadmap.$id == rid).filter(\.$title == "I. Работа с обучающимися").first())
                #expect(try await b.post("/roadmaps/\(rid)/measures", ["sectionID": "\(try section.requireID())", "number": "1", "name": "Консультации", "deadline": "по итогам четверти", "responsible": "Директор"]).status == .seeOther)
                let r = try #require(try await Roadmap.find(rid, on: app.db))
                #expect(r.goal == "Повысить результаты ВПР")
                #expect(r.tasks == ["Диагностика", "Поддержка учителей"])
                #expect(r.$school.id == s14)
                // The school head sees the school's own roadmap.
                let head = Browser(app)
                try await head.login("yurga.school14")
                #expect(try await head.get(path).status == .ok)
                #expect(try await b.post("/roadmaps/\(rid)/close", ["confirmed": "1"]).status == .conflict)
                // A school roadmap is approved only after its curator agreed.
                #expect(try await b.post("/roadmaps/\(rid)/approve", ["orderNumber": "5", "orderDate": "2025-09-01", "signatory": "Директор"]).status == .conflict)
                try await head.post("/roadmaps/\(rid)/submit")
                let curator = Browser(app)
                try await curator.login("yurga.curator")
                try await curator.get(path)
                #expect(try await curator.post("/roadmaps/\(rid)/decision", ["decision": "agree"]).status == .seeOther)
                #expect(try await b.post("/roadmaps/\(rid)/approve", ["orderNumber": "5", "orderDate": "2025-09-01", "signatory": "Директор"]).status == .seeOther)
                #expect(try await b.post("/roadmaps/\(rid)/goal", ["goal": "другая"]).status == .conflict)
                #expect(try await b.post("/roadmaps/\(rid)/close", ["confirmed": "1"]).status == .seeOther)
                #expect(try await Roadmap.find(rid, on: app.db)?.status == .closed)
            }
        }
    }
}

extension AppTests.Roadmaps {
    @Test func measuresChangeFreelyInADraftAndByAmendmentOnceApproved() async throws {
        try await withOpora { app in
            let b = Browser(app)
            try await b.login("yurga")
            let yurga = try await app.authorityID("yurga")
            try await b.get("/authorities/\(yurga)/roadmaps")
            let created = try await b.post("/authorities/\(yurga)/roadmaps", ["title": "Черновик 2026", "period": "2026"])
            let path = try #require(created.headers.first(name: .location))
            let rid = try #require(Int(path.split(separator: "/").last ?? ""))
            let section = try #require(try await RoadmapSection.query(on: app.db).filter(\.$roadmap.$id == rid).first())
            try await b.get(path)
            try await b.post("/roadmaps/\(rid)/measures", ["sectionID": "\(try section.requireID())", "number": "1", "name": "Семинар", "deadline": "март 2026", "responsible": "ИМЦ"])
            try await b.post("/roadmaps/\(rid)/measures", ["sectionID": "\(try section.requireID())", "number": "2", "name": "Лишнее", "deadline": "май 2026", "responsible": "УО"])
            let measures = try await Measure.query(on: app.db).filter(\.$roadmap.$id == rid).sort(\.$position).all()
            let first = try measures[0].requireID(), second = try measures[1].requireID()
            #expect(try await b.get(path).body.string.contains("href=\"/measures/\(first)\""))
            #expect(try await b.post("/measures/\(first)/edit", ["number": "1", "name": "Семинар для учителей математики", "deadline": "ежеквартально", "responsible": "ИМЦ"]).status == .seeOther)
            let edited = try #require(try await Measure.find(first, on: app.db))
            #expect(edited.name == "Семинар для учителей математики")
            #expect(edited.deadline.schedule == .every(months: 3))
            #expect(try await b.post("/measures/\(second)/delete", ["confirmed": "1"]).status == .seeOther)
            #expect(try await Measure.find(second, on: app.db) == nil)
            try await b.post("/roadmaps/\(rid)/approve", ["orderNumber": "3", "orderDate": "2026-01-10", "signatory": "К.К. Булатова"])
            #expect(try await b.post("/measures/\(first)/edit", ["number": "1", "name": "Другое", "deadline": "март 2026", "responsible": "ИМЦ"]).status == .badRequest)
            #expect(try await b.post("/measures/\(first)/edit", ["number": "1", "name": "Семинар и практикум", "deadline": "ежеквартально", "responsible": "ИМЦ",
                                                                 "amendmentNumber": "9", "amendmentDate": "2026-02-01", "amendmentDescription": "уточнена форма"]).status == .seeOther)
            #expect(try await Roadmap.find(rid, on: app.db)?.version == 2)
            let observer = Browser(app)
            try await observer.login("observer")
            try await observer.get("/measures/\(first)")
            #expect(try await observer.post("/measures/\(first)/delete").status == .forbidden)
        }
    }
}
