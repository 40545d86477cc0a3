import Fluent
import Foundation
import OporaCore
import Testing
import VaporTesting
@testable import OporaApp

extension AppTests {
    /// «Actions a role cannot take are not shown.» Every page each demo role opens (the routes of
    /// `app.routes`, as `AccessWalk` opens them) is read for the actions it offers — the forms
    /// that post, and links to pages that do more than show what the user reads — and each is
    /// judged for that role by the permission of the route it leads to, the way the route's
    /// `AccessPolicy` check would judge the request. Nothing is sent: the check runs on a request
    /// that is never handled, so no action is taken.
    @Suite struct OfferedActions {
        static let logins = ["observer", "region", "operator", "yurga", "yurga.methodist", "yurga.curator", "yurga.school14"]
        /// Pages open to whoever reads what they show: a link to one is navigation, not an action.
        static let reading: Set<Permission> = [.anyone, .signedIn, .read]

        @Test func noPageOffersAnActionItsRoleMayNotTake() async throws {
            try await withOpora { app in
                let idSets = try await Self.idSets(app)
                let router = Self.router(app)
                var forms: Set<String> = []
                var links: Set<String> = []
                var pages = 0
                var formsChecked = 0
                var linksChecked = 0
                var routesOffered: Set<String> = []
                for login in Self.logins {
                    let user = try #require(try await User.query(on: app.db).filter(\.$login == login).first())
                    let judge = Judge(app: app, router: router, user: user)
                    let b = Browser(app)
                    try await b.login(login)
                    var opened: Set<String> = []
                    for ids in idSets {
                        for route in app.routes.all where route.method == .GET {
                            guard let page = AccessWalk.path(route.path, ids: ids), !page.hasPrefix("/api/"), opened.insert(page).inserted else { continue }
                            let res = try await b.get(page)
                            guard res.status == .ok, res.headers.contentType?.subType == "html" else { continue }
                            pages += 1
                            let html = res.body.string
                            for tag in Self.tags("form", in: html) where Self.attribute("method", in: tag)?.lowercased() == "post" {
                                // A form without an action posts to its own page.
                                guard let action = Self.address(Self.attribute("action", in: tag) ?? "", page: page) else { continue }
                                let verdict = try await judge.verdict(.POST, action)
                                // «Выйти» is on every page; counting it would hide pages that offer nothing.
                                if action != SiteRoute.logout.path { formsChecked += 1 }
                                guard let permission = verdict.permission, let offered = verdict.route else {
                                    forms.insert("\(login): \(page) → \(action) (no POST route)")
                                    continue
                                }
                                routesOffered.insert(offered)
                                if let status = verdict.refusal { forms.insert("\(login): \(page) → \(action) (\(permission)) → \(status)") }
                            }
                            for tag in Self.tags("a", in: html) {
                                guard let href = Self.attribute("href", in: tag), let target = Self.address(href, page: page) else { continue }
                                let verdict = try await judge.verdict(.GET, target, trusting: Self.reading)
                                guard let permission = verdict.permission, !Self.reading.contains(permission) else { continue }
                                linksChecked += 1
                                if let status = verdict.refusal { links.insert("\(login): \(page) → \(target) (\(permission)) → \(status)") }
                            }
                        }
                    }
                }
                // The walk must have seen enough to mean something: pages, forms and routes of many kinds.
                #expect(pages > 200, "pages opened: \(pages)")
                #expect(formsChecked >= 100, "forms checked: \(formsChecked)")
                #expect(routesOffered.count >= 40, "routes offered by forms: \(routesOffered.count)")
                #expect(linksChecked >= 100, "links to pages beyond reading checked: \(linksChecked)")
                #expect(forms.isEmpty, "forms offered to a role that may not submit them:\n\(forms.sorted().prefix(40).joined(separator: "\n"))")
                #expect(links.isEmpty, "links to pages the role may not open:\n\(links.sorted().prefix(40).joined(separator: "\n"))")
            }
        }

        /// How the route an address leads to judges a user.
        struct Verdict {
            /// The route that answers the address (`POST /schools/:schoolID/constructor`); nil when none does.
            let route: String?
            let permission: Permission?
            /// The status the route's check answers the user with; nil when it lets them in.
            let refusal: UInt?
        }

        /// Judges addresses for one user as the application would: the route found as Vapor's
        /// router finds it, its parameters filled, the user signed in as the session signs them in,
        /// then `AccessPolicy.authorize` with the route's declared permission — and no handler.
        final class Judge {
            let app: Application
            let router: TrieRouter<Route>
            let user: User
            private var known: [String: Verdict] = [:]

            init(app: Application, router: TrieRouter<Route>, user: User) {
                self.app = app
                self.router = router
                self.user = user
            }

            /// Routes whose permission is among `trusting` are not checked: the verdict lets the user in.
            func verdict(_ method: HTTPMethod, _ path: String, trusting: Set<Permission> = []) async throws -> Verdict {
                let key = "\(method) \(path)"
                if let v = known[key] { return v }
                var parameters = Parameters()
                let components = path.split(separator: "/").map(String.init)
                var v = Verdict(route: nil, permission: nil, refusal: nil)
                if let route = router.route(path: [method.rawValue] + components, parameters: &parameters), let declared = route.declaration {
                    v = Verdict(route: route.description, permission: declared.permission, refusal: nil)
                    if !trusting.contains(declared.permission) {
                        let req = Request(application: app, method: method, url: URI(string: path), on: app.eventLoopGroup.next())
                        req.route = route
                        req.parameters = parameters
                        req.auth.login(user)
                        do {
                            try await AccessPolicy.authorize(req, declared.permission)
                        } catch let error as any AbortError {
                            v = Verdict(route: route.description, permission: declared.permission, refusal: error.status.code)
                        }
                    }
                }
                known[key] = v
                return v
            }
        }

        /// The routes as the application's router holds them (Vapor's `DefaultResponder`): the
        /// method first, then the path without empty components.
        static func router(_ app: Application) -> TrieRouter<Route> {
            var options: Set<TrieRouter<Route>.ConfigurationOption> = []
            if app.routes.caseInsensitive { options.insert(.caseInsensitive) }
            let router = TrieRouter(Route.self, options: options)
            for route in app.routes.all {
                let path = route.path.filter { if case .constant(let s) = $0 { s != "" } else { true } }
                router.register(route, at: [.constant(route.method.rawValue)] + path)
            }
            return router
        }

        /// The walk's ids: the Yurga objects of `HostileInput.ownIDs`; and — so that the school's
        /// head and curator open more than their start page — СОШ № 14 with a school roadmap at
        /// each stage of review (submitted with a comment, agreed, approved), a teacher with a
        /// course planned, the visit with its recommendation, and the school's practice.
        static func idSets(_ app: Application) async throws -> [[String: String]] {
            let own = try await HostileInput.ownIDs(app)
            let s14 = try await app.schoolID("МБОУ СОШ № 14")
            let coordinator = Browser(app)
            try await coordinator.login("yurga")
            let head = Browser(app)
            try await head.login("yurga.school14")
            let curator = Browser(app)
            try await curator.login("yurga.curator")
            let submitted = try await Review().schoolRoadmap(app, coordinator)
            let agreed = try await Review().schoolRoadmap(app, coordinator)
            let approved = try await Review().schoolRoadmap(app, coordinator)
            for rid in [submitted, agreed, approved] {
                #expect(try await head.post("/roadmaps/\(rid)/submit").status == .seeOther)
            }
            #expect(try await curator.post("/roadmaps/\(submitted)/comments", ["text": "Укажите, какие классы"]).status == .seeOther)
            for rid in [agreed, approved] {
                #expect(try await curator.post("/roadmaps/\(rid)/decision", ["decision": "agree"]).status == .seeOther)
            }
            #expect(try await coordinator.post("/roadmaps/\(approved)/approve", ["orderNumber": "77", "orderDate": "2025-09-15", "signatory": "К.К. Булатова"]).status == .seeOther)

            let teacher = Teacher()
            teacher.$school.id = s14
            teacher.fullName = "Педагог СОШ № 14"
            teacher.position = "Учитель"
            teacher.managementTeam = false
            try await teacher.create(on: app.db)
            let course = TeacherCourse()
            course.$teacher.id = try teacher.requireID()
            course.title = "Курс"
            course.planned = "октябрь 2026"
            course.completed = false
            try await course.create(on: app.db)
            let followUp = try #require(try await FollowUp.query(on: app.db).filter(\.$school.$id == s14).first())
            let practice = try #require(try await Practice.query(on: app.db).filter(\.$school.$id == s14).first())

            var sets = [own]
            for rid in [submitted, agreed, approved] {
                let measure = try #require(try await Measure.query(on: app.db).filter(\.$roadmap.$id == rid).first())
                var ids = own
                ids["schoolID"] = String(s14)
                ids["roadmapID"] = String(rid)
                ids["measureID"] = String(try measure.requireID())
                ids["teacherID"] = String(try teacher.requireID())
                ids["eventID"] = String(followUp.$event.id)
                ids["practiceID"] = String(try practice.requireID())
                sets.append(ids)
            }
            return sets
        }

        /// The opening tags `<name …>` of a page, each as the text between its name and `>`.
        static func tags(_ name: String, in html: String) -> [Substring] {
            var found: [Substring] = []
            var rest = html[...]
            while let open = rest.range(of: "<" + name, options: .caseInsensitive) {
                rest = rest[open.upperBound...]
                // `<a` must not be taken for `<abbr` or `<article`.
                guard let next = rest.first, next.isWhitespace || next == ">" else { continue }
                guard let close = rest.firstIndex(of: ">") else { break }
                found.append(rest[..<close])
                rest = rest[close...]
            }
            return found
        }

        /// An attribute's value as the HTML kit writes it (`name="value"`, with entities for & < > " ').
        static func attribute(_ name: String, in tag: Substring) -> String? {
            var rest = tag
            while let r = rest.range(of: name + "=\"", options: .caseInsensitive) {
                // The name must start the attribute: `action`, not the end of `formaction`.
                if r.lowerBound > tag.startIndex, tag[tag.index(before: r.lowerBound)].isWhitespace {
                    return String(rest[r.upperBound...].prefix { $0 != "\"" })
                        .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                        .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                        .replacingOccurrences(of: "&amp;", with: "&")
                }
                rest = rest[r.upperBound...]
            }
            return nil
        }

        /// The path of this site an address leads to, without its query and fragment: the page
        /// itself for an empty address or a bare query; nil for another site or a fragment.
        static func address(_ url: String, page: String) -> String? {
            let path = String(url.prefix { $0 != "?" && $0 != "#" })
            if path.isEmpty { return url.isEmpty || url.hasPrefix("?") ? page : nil }
            guard path.hasPrefix("/"), !path.hasPrefix("//") else { return nil }
            return path
        }
    }
}
