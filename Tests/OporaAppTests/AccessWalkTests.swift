import Fluent
import Foundation
import OporaCore
import SQLKit
import Testing
import VaporTesting
@testable import OporaApp

extension AppTests {
    /// The access policy walked over `app.routes` — every route the application registers, so a
    /// new route is covered without anyone listing it — for every role of the demo: objects of
    /// another municipality are never shown or changed (403/404, and the database is the same
    /// afterwards), the read-only observer changes nothing anywhere, and no role's own pages
    /// answer 500.
    @Suite struct AccessWalk {
        static let municipal = ["yurga", "yurga.methodist", "yurga.curator", "yurga.school14"]
        static let regional = ["observer", "operator", "region"]

        @Test func noRoleReachesAnotherMunicipalitysObjects() async throws {
            try await withOpora { app in
                let foreign = try await Self.foreignIDs(app)
                var tokens: [String: String] = [:]
                for login in Self.municipal { tokens[login] = try await API().token(app, login) }
                let before = try await Self.fingerprint(app)
                var leaks: [String] = []
                var checked = 0
                for login in Self.municipal {
                    let b = Browser(app)
                    try await b.login(login)
                    var bearer: HTTPHeaders = ["Content-Type": "application/json"]
                    bearer.bearerAuthorization = BearerAuthorization(token: tokens[login] ?? "")
                    for route in app.routes.all {
                        guard let declared = route.declaration, Self.judged(declared),
                              let path = Self.path(route.path, ids: foreign) else { continue }
                        let res: TestingHTTPResponse
                        if path.hasPrefix("/api/") {
                            res = try await app.testing().sendRequest(route.method, path, headers: bearer, body: ByteBuffer(string: #"{"name":"Чужое"}"#))
                        } else {
                            res = route.method == .GET ? try await b.get(path) : try await b.post(path, Self.form)
                        }
                        checked += 1
                        if ![.forbidden, .notFound].contains(res.status) {
                            leaks.append("\(login): \(route.method) \(path) (\(declared.permission)) → \(res.status.code)")
                        }
                    }
                }
                #expect(checked > 4 * 150)
                #expect(leaks.isEmpty, "\(leaks.prefix(30).joined(separator: "\n"))")
                let after = try await Self.fingerprint(app)
                #expect(Self.changed(before, after).isEmpty, "changed by refused requests: \(Self.changed(before, after))")
            }
        }

        @Test func theObserverChangesNothing() async throws {
            try await withOpora { app in
                let own = try await HostileInput.ownIDs(app)
                let before = try await Self.fingerprint(app)
                let b = Browser(app)
                try await b.login("observer")
                var allowed: [String] = []
                for route in app.routes.all where route.method != .GET {
                    guard let declared = route.declaration, ![.anyone, .signedIn, .ownToken].contains(declared.permission),
                          let path = Self.path(route.path, ids: own), !path.hasPrefix("/api/") else { continue }
                    let res = try await b.post(path, Self.form)
                    if ![.forbidden, .notFound, .conflict].contains(res.status) { allowed.append("POST \(path) → \(res.status.code)") }
                }
                #expect(allowed.isEmpty, "\(allowed.joined(separator: "\n"))")
                #expect(Self.changed(before, try await Self.fingerprint(app)).isEmpty)
            }
        }

        @Test func everyRoleOpensEveryPageWithout500() async throws {
            try await withOpora { app in
                let own = try await HostileInput.ownIDs(app)
                var failures: [String] = []
                for login in Self.municipal + Self.regional {
                    let b = Browser(app)
                    try await b.login(login)
                    for route in app.routes.all where route.method == .GET {
                        guard let path = Self.path(route.path, ids: own), !path.hasPrefix("/api/") else { continue }
                        let res = try await b.get(path)
                        if res.status.code >= 500 { failures.append("\(login): GET \(path) → \(res.status.code)") }
                    }
                }
                #expect(failures.isEmpty, "\(failures.prefix(30).joined(separator: "\n"))")
            }
        }

        /// Routes whose permission is judged on an object or a role; a user's own pages
        /// (`signedIn`) and public ones are not «another municipality's».
        static func judged(_ d: RouteDeclaration) -> Bool {
            let namesObject = d.route.segments.contains { if case .parameter = $0 { true } else { false } }
            return d.permission != .anyone && (namesObject || ![.signedIn, .readAudit].contains(d.permission))
        }

        /// A form with the fields of most of our forms, so a route that wrongly let the user in
        /// would go on to change something.
        static let form = ["title": "Чужое", "name": "Чужое", "text": "Чужое", "comment": "Чужое", "decision": "agree", "year": "2025",
                           "date": "01.09.2025", "number": "1", "kind": "visit", "status": "done", "basis": "тест", "school": "1",
                           "fullName": "Чужой", "role": "curator", "login": "stranger", "shortName": "Чужая", "header": "x", "column": "ignore"]

        /// The path with its parameters filled, or nil for routes without one of the ids.
        static func path(_ components: [PathComponent], ids: [String: String]) -> String? {
            var parts: [String] = []
            for c in components {
                switch c {
                case .constant(let s): parts.append(s)
                case .parameter(let name):
                    let start = components.first.map { "\($0)" } ?? ""
                    guard let id = ids[start + ":" + name] ?? ids[name] else { return nil }
                    parts.append(id)
                case .anything, .catchall: return nil
                }
            }
            return "/" + parts.joined(separator: "/")
        }

        /// Objects of Novosibirsk — another municipality than Yurga, where every municipal demo
        /// user works — of every kind a route names: the demo's, a small generated municipality's
        /// (roadmaps, measures, evidence, rounds, teachers, events), and a few made here.
        static func foreignIDs(_ app: Application) async throws -> [String: String] {
            let nsk = try await app.authorityID("novosibirsk")
            let authority = try #require(try await Authority.find(nsk, on: app.db))
            _ = try await MunicipalityFixture(schools: 3, roadmaps: 3, measuresPerRoadmap: 3, teachersPerSchool: 1, events: 2, participantsPerSchool: 0)
                .build(authority: authority, today: ExecutionService.today(), on: app.db)
            let sql = try #require(app.db as? any SQLDatabase)
            let nskUser = try #require(try await User.query(on: app.db).filter(\.$login == "novosibirsk").first())
            // Kinds the generator does not make.
            let school = try #require(try await School.query(on: app.db).filter(\.$authority.$id == nsk).first())
            let nskSchools = try await School.query(on: app.db).filter(\.$authority.$id == nsk).all().compactMap(\.id)
            let teacher = try #require(try await Teacher.query(on: app.db).filter(\.$school.$id ~~ nskSchools).first())
            let course = TeacherCourse()
            course.$teacher.id = try teacher.requireID()
            course.title = "Курс"
            course.planned = "октябрь 2026"
            course.completed = false
            try await course.create(on: app.db)
            let practice = Practice()
            practice.$authority.id = nsk
            practice.title = "Практика Новосибирска"
            practice.authors = "Авторы"
            practice.riskFactors = ""
            practice.description = "Описание"
            practice.status = .draft
            practice.createdBy = "novosibirsk"
            try await practice.create(on: app.db)
            let file = PracticeFile()
            file.$practice.id = try practice.requireID()
            file.name = "a.txt"
            file.contentType = "text/plain"
            file.content = Data("x".utf8)
            try await file.create(on: app.db)
            _ = try await TokenIssuer.issue(for: nskUser, name: "чужой", on: app.db)
            struct Row: Decodable { let id: Int }
            func first(_ query: String) async throws -> String? {
                try await sql.raw(SQLQueryString(query)).first(decoding: Row.self).map { String($0.id) }
            }
            let roadmap = try await first("SELECT id FROM roadmaps WHERE authority_id = \(nsk) ORDER BY id")
            let event = try await first("SELECT id FROM support_events WHERE authority_id = \(nsk) ORDER BY id")
            var ids: [String: String?] = [
                "authorityID": String(nsk),
                "schoolID": String(try school.requireID()),
                "roadmapID": roadmap,
                "measureID": try await first("SELECT m.id FROM measures m JOIN roadmaps r ON r.id = m.roadmap_id WHERE r.authority_id = \(nsk) ORDER BY m.id"),
                "listID": try await first("SELECT id FROM school_lists WHERE authority_id = \(nsk) ORDER BY id"),
                "entryID": try await first("SELECT e.id FROM list_entries e JOIN school_lists l ON l.id = e.list_id WHERE l.authority_id = \(nsk) ORDER BY e.id"),
                "teacherID": String(try teacher.requireID()),
                "courseID": String(try course.requireID()),
                "eventID": event,
                "roundID": try await first("SELECT o.id FROM monitoring_rounds o JOIN roadmaps r ON r.id = o.roadmap_id WHERE r.authority_id = \(nsk) ORDER BY o.id"),
                "evidenceID": try await first("SELECT e.id FROM evidence e JOIN measure_progress p ON p.id = e.progress_id JOIN measures m ON m.id = p.measure_id JOIN roadmaps r ON r.id = m.roadmap_id WHERE r.authority_id = \(nsk) ORDER BY e.id"),
                "indicatorID": try await first("SELECT i.id FROM roadmap_indicators i JOIN roadmaps r ON r.id = i.roadmap_id WHERE r.authority_id = \(nsk) ORDER BY i.id"),
                "practiceID": String(try practice.requireID()),
                "fileID": String(try file.requireID()),
                "userID": String(try nskUser.requireID()),
                "tokenID": try await first("SELECT id FROM api_tokens WHERE user_id = \(try nskUser.requireID()) ORDER BY id"),
                "groupID": try await first("SELECT id FROM risk_groups WHERE authority_id = \(nsk) ORDER BY id"),
                "memberID": try await first("SELECT m.id FROM group_members m JOIN standing_groups g ON g.id = m.group_id WHERE g.authority_id = \(nsk) ORDER BY m.id"),
                "organizationID": try await first("SELECT id FROM organizations WHERE authority_id = \(nsk) ORDER BY id"),
                "followUpID": try await first("SELECT f.id FROM follow_ups f JOIN support_events e ON e.id = f.event_id WHERE e.authority_id = \(nsk) ORDER BY f.id"),
                "kind": "working",
            ]
            if (ids["followUpID"] ?? nil) == nil, let event, let eid = Int(event) {
                let f = FollowUp()
                f.$event.id = eid
                f.$school.id = try school.requireID()
                f.text = "Рекомендация"
                f.dueDate = "2026-12-31"
                f.done = false
                try await f.create(on: app.db)
                ids["followUpID"] = String(try f.requireID())
            }
            if (ids["groupID"] ?? nil) == nil {
                let g = RiskGroup()
                g.$authority.id = nsk
                g.year = 2025
                g.name = "Группа Новосибирска"
                g.factors = []
                g.schools = []
                g.measures = []
                try await g.create(on: app.db)
                ids["groupID"] = String(try g.requireID())
            }
            if (ids["memberID"] ?? nil) == nil {
                let group = StandingGroup(authorityID: nsk, kind: .working, orderNumber: nil, orderDate: nil)
                try await group.create(on: app.db)
                let m = GroupMember(groupID: try group.requireID(), order: 1, fullName: "Член группы", position: "Специалист", comment: nil)
                try await m.create(on: app.db)
                ids["memberID"] = String(try m.requireID())
            }
            // Drafts of another user (the route names them all `draftID`; keyed by the path's start).
            let nskUID = try nskUser.requireID()
            let listDraft = ImportDraft()
            listDraft.$authority.id = nsk
            listDraft.$user.id = nskUID
            listDraft.year = 2025
            listDraft.status = .lowResults
            listDraft.fileName = "a.csv"
            listDraft.content = Data("x".utf8)
            try await listDraft.create(on: app.db)
            ids["imports:draftID"] = String(try listDraft.requireID())
            let roadmapDraft = RoadmapImportDraft()
            roadmapDraft.$authority.id = nsk
            roadmapDraft.$user.id = nskUID
            roadmapDraft.title = "Чужая"
            roadmapDraft.period = "2025"
            roadmapDraft.fileName = "a.docx"
            roadmapDraft.content = Data("x".utf8)
            try await roadmapDraft.create(on: app.db)
            ids["roadmap-imports:draftID"] = String(try roadmapDraft.requireID())
            let resultDraft = ResultDraft()
            resultDraft.$region.id = authority.$region.id
            resultDraft.$authority.id = nsk
            resultDraft.$user.id = nskUID
            resultDraft.fileName = "a.csv"
            resultDraft.content = Data("x".utf8)
            try await resultDraft.create(on: app.db)
            ids["result-drafts:draftID"] = String(try resultDraft.requireID())
            let admin = try #require(try await User.query(on: app.db).filter(\.$login == "region").first())
            let registryDraft = RegistryDraft()
            registryDraft.$user.id = try admin.requireID()
            registryDraft.$region.id = authority.$region.id
            registryDraft.fileName = "a.csv"
            registryDraft.content = Data("x".utf8)
            registryDraft.createMunicipalities = false
            try await registryDraft.create(on: app.db)
            ids["registry:draftID"] = String(try registryDraft.requireID())
            let mapping = ResultMapping()
            mapping.$region.id = authority.$region.id
            mapping.headerKey = "чужой столбец"
            mapping.column = "ignore"
            mapping.setBy = "region"
            try await mapping.create(on: app.db)
            ids["mappingID"] = String(try mapping.requireID())
            ids["factorID"] = try await first("SELECT id FROM risk_factors ORDER BY id")
            ids["questionID"] = try await first("SELECT id FROM risk_questions ORDER BY id")
            let missing = ids.filter { $0.value == nil }.map(\.key)
            #expect(missing.isEmpty, "no foreign object of kind \(missing) — the walk would skip its routes")
            return ids.compactMapValues { $0 }
        }

        /// A digest of every table the application keeps, but sessions, login throttling and the
        /// data version (which every POST touches).
        static func fingerprint(_ app: Application) async throws -> [String: String] {
            let sql = try #require(app.db as? any SQLDatabase)
            struct Name: Decodable { let name: String }
            struct Digest: Decodable { let h: String? }
            let skip: Set<String> = ["_fluent_sessions", "login_failures", "data_version", "_fluent_migrations"]
            var result: [String: String] = [:]
            if sql.dialect.name == "sqlite" {
                let tables = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all(decoding: Name.self)
                for t in tables.map(\.name) where !skip.contains(t) {
                    let columns = try await sql.raw("SELECT name FROM pragma_table_info(\(bind: t))").all(decoding: Name.self).map(\.name)
                    let expr = columns.map { "quote(\"\($0)\")" }.joined(separator: " || '|' || ")
                    let row = try await sql.raw(SQLQueryString("SELECT group_concat(r, char(10)) AS h FROM (SELECT \(expr) AS r FROM \"\(t)\" ORDER BY 1)")).first(decoding: Digest.self)
                    result[t] = row?.h ?? ""
                }
            } else {
                let tables = try await sql.raw("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'").all(decoding: Name.self)
                for t in tables.map(\.name) where !skip.contains(t) {
                    let row = try await sql.raw(SQLQueryString("SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM \"\(t)\" x")).first(decoding: Digest.self)
                    result[t] = row?.h ?? ""
                }
            }
            return result
        }

        static func changed(_ a: [String: String], _ b: [String: String]) -> [String] {
            Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
        }
    }
}
