import Fluent
import Foundation
import OporaCore
import Testing
import VaporTesting
@testable import OporaApp

extension AppTests {
    /// Events, visits with findings and recommendations, agreements and consultations: who may
    /// record them and who may see them.
    @Suite struct Support {
        @Test func aVisitWithFindingsAndRecommendationsFollowedUpByTheSchool() async throws {
            try await withOpora { app in
                let yurga = try await app.authorityID("yurga")
                let school14 = try await app.schoolID("МБОУ СОШ № 14")
                let school1 = try await app.schoolID("МБОУ СОШ № 1")
                let school6 = try await app.schoolID("МБОУ СОШ № 6 г. Юрги")
                let methodist = try #require(try await User.query(on: app.db).filter(\.$login == "yurga.methodist").first()).requireID()
                let b = Browser(app)
                try await b.login("yurga")
                #expect(try await b.get("/authorities/\(yurga)/support").body.string.contains("Записать мероприятие или выезд"))
                let created = try await b.post("/authorities/\(yurga)/events", [
                    "kind": "visit", "title": "Методический выезд: посещение уроков математики", "date": "12.11.2026", "organiser": "Управление образования",
                    "school-\(school14)": "on", "school-\(school6)": "on", "user-\(methodist)": "on", "protocol": "Протокол № 3",
                ])
                #expect(created.status == .seeOther)
                let event = try #require(try await SupportEvent.query(on: app.db).filter(\.$title == "Методический выезд: посещение уроков математики").first())
                let eid = try event.requireID()
                #expect(try await SupportEventSchool.query(on: app.db).filter(\.$event.$id == eid).count() == 2)
                #expect(try await SupportEventParticipant.query(on: app.db).filter(\.$event.$id == eid).count() == 1)
                #expect(try await b.post("/events/\(eid)/findings", ["school": "\(school14)", "lessons": "4", "below": "on", "findings": "Уроки ниже ожидаемого уровня: нет дифференциации"]).status == .seeOther)
                #expect(try await b.post("/events/\(eid)/findings", ["school": "\(school6)", "lessons": "2", "findings": "Замечаний нет"]).status == .seeOther)
                #expect(try await b.post("/events/\(eid)/follow-ups", ["school": "\(school14)", "text": "Провести открытые уроки с дифференцированными заданиями", "due": "01.12.2026"]).status == .seeOther)
                #expect(try await b.post("/events/\(eid)/follow-ups", ["school": "\(school6)", "text": "Обновить план ВШК", "due": "01.02.2027"]).status == .seeOther)
                // A school outside the event cannot be given a finding.
                #expect(try await b.post("/events/\(eid)/findings", ["school": "\(school1)", "lessons": "1", "findings": "x"]).status == .badRequest)
                // Bad input: a clear Russian message.
                let bad = try await b.post("/events/\(eid)/follow-ups", ["school": "\(school14)", "text": "x", "due": "завтра"])
                #expect(bad.status == .badRequest)
                #expect(bad.body.string.contains("Поле «Срок»: дата в виде ДД.ММ.ГГГГ."))

                // The school sees the visit, only its own findings and recommendation, and reports it done.
                let staff = Browser(app)
                try await staff.login("yurga.school14")
                let seen = try await staff.get("/events/\(eid)")
                #expect(seen.status == .ok)
                #expect(seen.body.string.contains("нет дифференциации"))
                #expect(!seen.body.string.contains("Замечаний нет"))
                #expect(!seen.body.string.contains("Обновить план ВШК"))
                let f14 = try #require(try await FollowUp.query(on: app.db).filter(\.$school.$id == school14).first())
                let f6 = try #require(try await FollowUp.query(on: app.db).filter(\.$school.$id == school6).first())
                // The curator may not report for СОШ № 6, which it does not curate; the school's head reports its own.
                let curator = Browser(app)
                try await curator.login("yurga.curator")
                #expect(try await curator.post("/follow-ups/\(try f6.requireID())/done", [:]).status == .notFound)
                #expect(try await staff.post("/follow-ups/\(try f6.requireID())/done", [:]).status == .notFound)
                #expect(try await FollowUp.find(f14.id, on: app.db)?.done == false)
                #expect(try await staff.post("/follow-ups/\(try f14.requireID())/done", ["note": "Проведены 3 открытых урока"]).status == .seeOther)
                #expect(try await FollowUp.find(f14.id, on: app.db)?.done == true)
                #expect(try await FollowUp.find(f14.id, on: app.db)?.doneNote == "Проведены 3 открытых урока")
                #expect(try await staff.get("/schools/\(school14)/support").body.string.contains("выполнено"))
                // Another municipality sees nothing of it.
                let other = Browser(app)
                try await other.login("slavyansk")
                #expect(try await other.get("/events/\(eid)").status == .notFound)
                #expect(try await other.post("/events/\(eid)/follow-ups", ["school": "\(school14)", "text": "x", "due": "01.12.2026"]).status == .notFound)
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "Рекомендация выполнена").count() == 1)
            }
        }

        @Test func curatorsRecordOnlyForTheirSchoolsAgreementsByTheMunicipality() async throws {
            try await withOpora { app in
                let yurga = try await app.authorityID("yurga")
                let school14 = try await app.schoolID("МБОУ СОШ № 14")
                let school6 = try await app.schoolID("МБОУ СОШ № 6 г. Юрги")
                let curator = Browser(app)
                try await curator.login("yurga.curator")
                // The curator does not read the municipality's page, but records a visit to its school.
                #expect(try await curator.get("/authorities/\(yurga)/support").status == .notFound)
                #expect(try await curator.post("/authorities/\(yurga)/consultations", ["kind": "tutor", "date": "10.11.2026", "topic": "x", "consultant": "x", "person": "x", "school": "\(school6)"]).status == .forbidden)
                #expect(try await curator.post("/authorities/\(yurga)/consultations", ["kind": "tutor", "date": "10.11.2026", "topic": "x", "consultant": "x", "person": "x"]).status == .notFound)
                // At its own school the curator records a visit from the school's page.
                #expect(try await curator.get("/schools/\(school14)/support").body.string.contains("Записать выезд или мероприятие для этой школы"))
                #expect(try await curator.post("/authorities/\(yurga)/events", ["kind": "visit", "title": "Выезд куратора", "date": "18.11.2026", "organiser": "Куратор",
                                                                               "school-\(school14)": "on"]).status == .seeOther)
                #expect(try await curator.post("/authorities/\(yurga)/events", ["kind": "visit", "title": "Чужая школа", "date": "18.11.2026", "organiser": "Куратор",
                                                                               "school-\(school6)": "on"]).status == .forbidden)
                #expect(try await curator.post("/authorities/\(yurga)/consultations", ["kind": "tutor", "date": "10.11.2026", "topic": "ВПР", "consultant": "Куратор", "person": "Учитель", "school": "\(school14)"]).status == .seeOther)
                let b = Browser(app)
                try await b.login("yurga")
                #expect(try await b.post("/authorities/\(yurga)/agreements", ["mentor": "\(school6)", "school": "\(school14)", "number": "7", "date": "01.09.2026",
                                                                             "periodStart": "01.09.2026", "periodEnd": "31.05.2027", "subject": "Стажировки учителей математики"]).status == .seeOther)
                #expect(try await b.post("/authorities/\(yurga)/consultations", ["kind": "mentorCentre", "date": "10.11.2026", "topic": "Подготовка к ВПР",
                                                                                "consultant": "Иванова А.А.", "person": "Петрова Е.В., учитель", "school": "\(school14)"]).status == .seeOther)
                let agreement = try #require(try await MentorAgreement.query(on: app.db).first())
                #expect(try await b.post("/authorities/\(yurga)/events", ["kind": "openDay", "title": "День открытых дверей в СОШ № 6", "date": "15.11.2026",
                                                                         "organiser": "МБОУ СОШ № 6", "agreement": "\(try agreement.requireID())", "school-\(school14)": "on"]).status == .seeOther)
                let coverage = try await SupportService(db: app.db).coverage(authorityID: yurga, schoolYear: 2026)
                #expect(coverage.paired == [school14])
                #expect(coverage.consulted.contains(school14))
                #expect(coverage.share(of: [school14, school6]) == 0.5)
                let page = try await b.get("/authorities/\(yurga)/support?year=2026")
                #expect(page.body.string.contains("№ 7 от 01.09.2026"))
                #expect(page.body.string.contains("Подготовка к ВПР"))
                #expect(page.body.string.contains("День открытых дверей в СОШ № 6"))
                let methodist = Browser(app)
                try await methodist.login("yurga.methodist")
                #expect(try await methodist.post("/authorities/\(yurga)/consultations", ["kind": "tutor", "date": "11.11.2026", "topic": "Смысловое чтение",
                                                                                        "consultant": "Сидорова", "person": "Учитель"]).status == .seeOther)
            }
        }
    }
}
