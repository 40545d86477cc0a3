import Vapor

/// How a `SiteRoute` becomes a path (for links), path components (for registration) and back.
extension SiteRoute {
    /// One piece of a path: fixed text, or a parameter with its name and, in a link, its value.
    enum Segment: Equatable {
        case constant(String)
        case parameter(name: String, value: String?)
    }

    var path: String {
        "/" + segments.map { segment in
            switch segment {
            case .constant(let text): text
            case .parameter(let name, let value): value.map(Self.escape) ?? ":" + name
            }
        }.joined(separator: "/")
    }

    /// The path with a query; pairs with an empty value are left out.
    func path(_ query: [(String, String?)]) -> String {
        let items = query.compactMap { name, value in
            value.flatMap { $0.isEmpty ? nil : name + "=" + Self.escape($0) }
        }
        return items.isEmpty ? path : path + "?" + items.joined(separator: "&")
    }

    /// The path of a page that opens on a year.
    func path(year: Int?) -> String { path([("year", year.map(String.init))]) }

    var pathComponents: [PathComponent] {
        segments.map { segment in
            switch segment {
            case .constant(let text): .constant(text)
            case .parameter(let name, let value): value.map { .constant($0) } ?? .parameter(name)
            }
        }
    }

    var segments: [Segment] {
        switch self {
        case .page(let p): Self.split(p.rawValue)
        case .authority(let id, let r): Self.object("authorities", "authorityID", id, r.rawValue)
        case .groupMembers(let a, let kind):
            Self.object("authorities", "authorityID", a, "people/groups") + [Self.parameter("kind", kind), .constant("members")]
        case .school(let id, let r): Self.object("schools", "schoolID", id, r.rawValue)
        case .roadmap(let id, let r): Self.object("roadmaps", "roadmapID", id, r.rawValue)
        case .measure(let id, let r): Self.object("measures", "measureID", id, r.rawValue)
        case .list(let id, let r): Self.object("lists", "listID", id, r.rawValue)
        case .entry(let id, let r): Self.object("entries", "entryID", id, r.rawValue)
        case .listDraft(let id, let r): Self.object("imports", "draftID", id, r.rawValue)
        case .registryDraft(let id, let r): Self.object("registry/imports", "draftID", id, r.rawValue)
        case .roadmapDraft(let id, let r): Self.object("roadmap-imports", "draftID", id, r.rawValue)
        case .resultDraft(let id, let r): Self.object("result-drafts", "draftID", id, r.rawValue)
        case .evidence(let id, let r): Self.object("evidence", "evidenceID", id, r.rawValue)
        case .round(let id, let r): Self.object("rounds", "roundID", id, r.rawValue)
        case .riskGroup(let id, let r): Self.object("risk-groups", "groupID", id, r.rawValue)
        case .resultMapping(let id, let r): Self.object("results/mappings", "mappingID", id, r.rawValue)
        case .event(let id, let r): Self.object("events", "eventID", id, r.rawValue)
        case .followUp(let id, let r): Self.object("follow-ups", "followUpID", id, r.rawValue)
        case .teacher(let id, let r): Self.object("teachers", "teacherID", id, r.rawValue)
        case .teacherCourse(let id, let r): Self.object("teacher-courses", "courseID", id, r.rawValue)
        case .practice(let id, let r): Self.object("practices", "practiceID", id, r.rawValue)
        case .practiceFile(let id, let r): Self.object("practice-files", "fileID", id, r.rawValue)
        case .publicPractice(let id): Self.object("public/practices", "practiceID", id, "")
        case .publicPracticeFile(let id): Self.object("public/practice-files", "fileID", id, "")
        case .publicRoadmap(let token): Self.object("public/roadmaps", "token", token, "")
        case .indicator(let id, let r): Self.object("indicators", "indicatorID", id, r.rawValue)
        case .riskFactor(let id, let r): Self.object("risk-factors", "factorID", id, r.rawValue)
        case .riskQuestion(let id): Self.object("risk-questions", "questionID", id, "")
        case .user(let id, let r): Self.object("users", "userID", id, r.rawValue)
        case .organization(let id, let r): Self.object("organizations", "organizationID", id, r.rawValue)
        case .groupMember(let id, let r): Self.object("group-members", "memberID", id, r.rawValue)
        case .token(let id, let r): Self.object("profile/tokens", "tokenID", id, r.rawValue)
        case .api(let route): [.constant("api"), .constant("v1")] + route.segments
        }
    }

    static func split(_ text: String) -> [Segment] {
        text.split(separator: "/").map { .constant(String($0)) }
    }

    static func parameter<V>(_ name: String, _ p: Parameter<V>) -> Segment {
        switch p {
        case .key: .parameter(name: name, value: nil)
        case .value(let v): .parameter(name: name, value: v.description)
        }
    }

    static func object<V>(_ prefix: String, _ name: String, _ p: Parameter<V>, _ resource: String) -> [Segment] {
        split(prefix) + [parameter(name, p)] + split(resource)
    }

    /// Values in links are ids and tokens; anything else is percent-encoded rather than trusted.
    static func escape(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? ""
    }
}

extension CharacterSet {
    /// Unreserved characters (RFC 3986): safe in a path segment and a query value alike.
    static let urlQueryValueAllowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}

extension APIRoute {
    var segments: [SiteRoute.Segment] {
        switch self {
        case .openAPI: [.constant("openapi.json")]
        case .authorities: [.constant("authorities")]
        case .authority(let id, let r): SiteRoute.object("authorities", "authorityID", id, r.rawValue)
        case .school(let id, let r): SiteRoute.object("schools", "schoolID", id, r.rawValue)
        case .resultsSummary: SiteRoute.split("results/summary")
        case .resultImports: SiteRoute.split("results/imports")
        case .roadmaps: [.constant("roadmaps")]
        case .roadmapImport: SiteRoute.split("roadmaps/import")
        case .roadmap(let id, let r): SiteRoute.object("roadmaps", "roadmapID", id, r.rawValue)
        }
    }
}
